package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The audit log: who saw whose data, and when. A digest, a navigator's
// list, an export or an admin command that reads members' data records one
// entry per person whose data it read. Entries hold Slack ids and a word
// for what was read, never anything a member wrote.

// bAudit is keyed by time, then a sequence: range reads by date are seeks.
var bAudit = []byte("audit") // nanoKey(At), seq → AuditEntry

// AuditAll is the Subject of an admin command that read everyone's data.
const AuditAll = "*"

// RecordAudit appends entries to the audit log in one commit. A zero At is
// stamped with Now.
func (s *Store) RecordAudit(ctx context.Context, entries ...AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	now := s.now()
	for _, e := range entries {
		if e.Actor == "" || e.Subject == "" || e.What == "" {
			return fmt.Errorf("store: record audit: %w: an entry needs an actor, a subject and what was read", ErrInvalid)
		}
	}
	err := s.update(ctx, func(tx *bolt.Tx) error { return appendAudit(tx, now, entries) })
	if err != nil {
		return fmt.Errorf("store: record audit: %w", err)
	}
	return nil
}

// appendAudit writes entries (checked by the caller) in tx, so a record
// and its audit entry can share one commit.
func appendAudit(tx *bolt.Tx, now time.Time, entries []AuditEntry) error {
	// Created here rather than at open, like bDeletions: a file that
	// never had a read of anyone's data needs no bucket.
	b, err := tx.CreateBucketIfNotExists(bAudit)
	if err != nil {
		return err
	}
	for _, e := range entries {
		e.V = recordVersion
		e.At = orNow(e.At, now).UTC()
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		if err := putJSON(b, auditKey(e.At, seq), e); err != nil {
			return err
		}
	}
	return nil
}

func auditKey(at time.Time, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(u64(nanoKey(at)), seq)
}

// AuditFilter selects audit entries. Zero fields select everything.
type AuditFilter struct {
	Person string    // as actor or as subject
	Since  time.Time // At >= Since
	Until  time.Time // At < Until
}

// Audit returns the audit entries the filter selects, oldest first.
func (s *Store) Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		out, err = auditEntries(tx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit: %w", err)
	}
	return out, nil
}

func auditEntries(tx *bolt.Tx, f AuditFilter) ([]AuditEntry, error) {
	b := tx.Bucket(bAudit)
	if b == nil {
		return nil, nil
	}
	var out []AuditEntry
	c := b.Cursor()
	k, v := c.First()
	if !f.Since.IsZero() {
		k, v = c.Seek(u64(nanoKey(f.Since)))
	}
	var until []byte
	if !f.Until.IsZero() {
		until = u64(nanoKey(f.Until))
	}
	for ; k != nil; k, v = c.Next() {
		if until != nil && string(k[:8]) >= string(until) {
			break
		}
		var e AuditEntry
		if err := decodeValue(b, k, v, &e); err != nil {
			return nil, fmt.Errorf("decode audit entry %x: %w", k, err)
		}
		if f.Person != "" && e.Actor != f.Person && e.Subject != f.Person {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

// deleteAuditOf removes the audit entries naming the member, as actor or
// as subject: after "forget me" nothing says who they were or what they
// saw. The deletion record itself (see recordDeletion) stays.
func deleteAuditOf(tx *bolt.Tx, memberID string) error {
	b := tx.Bucket(bAudit)
	if b == nil {
		return nil
	}
	var doomed [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var e AuditEntry
		if err := decodeValue(b, k, v, &e); err != nil {
			return fmt.Errorf("decode audit entry %x: %w", k, err)
		}
		if e.Actor == memberID || e.Subject == memberID {
			doomed = append(doomed, slices.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range doomed {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// SetSharing records what a member lets group groupID's facilitators and
// navigators see of their check-ins. Only that field of the group changes,
// in one transaction, so it never undoes a concurrent change to the group.
func (s *Store) SetSharing(ctx context.Context, groupID, memberID string, sh Sharing) error {
	switch sh {
	case ShareAll, ShareSteps, ShareCheckedIn:
	default:
		return fmt.Errorf("store: set sharing of %s in %s: %w: unknown sharing %q", memberID, groupID, ErrInvalid, sh)
	}
	if err := checkID("member", memberID); err != nil {
		return fmt.Errorf("store: set sharing in %s: %w", groupID, err)
	}
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bGroups)
		var g Group
		ok, err := getJSON(b, []byte(groupID), &g)
		if err != nil {
			return err
		}
		if !ok {
			return reject(ErrNotFound)
		}
		if g.Sharing == nil {
			g.Sharing = map[string]Sharing{}
		}
		g.Sharing[memberID] = sh
		g.V = recordVersion
		return putJSON(b, []byte(groupID), g)
	})
	if err != nil {
		return fmt.Errorf("store: set sharing of %s in %s: %w", memberID, groupID, err)
	}
	return nil
}

// AuditAdmin is the Actor of a command run on the host.
const AuditAdmin = "admin"

package store

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The outbox holds replies that are decided but not yet known to be posted.
// A turn stages its replies in the same commit as the answer (Turn.Outbox),
// so a reply that Slack cannot take now (a 5xx for minutes, a restart) is
// posted later, in order, rather than lost; and one whose post timed out is
// marked "sending", so that it is looked for in the DM before being posted
// again rather than doubled.

// OutboxState is where a staged reply is.
type OutboxState string

const (
	OutboxPending OutboxState = "pending" // not tried, or surely not arrived
	OutboxSending OutboxState = "sending" // a post was tried and may have arrived
)

// Outgoing is one reply message waiting to be posted.
type Outgoing struct {
	V        int    `json:"v"`
	ID       uint64 `json:"id"` // order of staging, given at commit
	MemberID string `json:"member_id"`
	// Channel is where it goes; empty means the member's DM.
	Channel string `json:"channel,omitempty"`
	// Body is the message as the caller encoded it; opaque here.
	Body     json.RawMessage `json:"body"`
	State    OutboxState     `json:"state"`
	Attempts int             `json:"attempts,omitempty"`
	// NextAt is the earliest time of the next try (zero: at once).
	NextAt    time.Time `json:"next_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
}

func checkOutgoing(o Outgoing, memberID string) error {
	if err := checkID("member", o.MemberID); err != nil {
		return err
	}
	if memberID != "" && o.MemberID != memberID {
		return fmt.Errorf("%w: reply for member %s in a turn of %s", ErrInvalid, o.MemberID, memberID)
	}
	if o.ID != 0 {
		return fmt.Errorf("%w: new reply already has id %d", ErrInvalid, o.ID)
	}
	if !json.Valid(o.Body) {
		return fmt.Errorf("%w: reply body is not JSON", ErrInvalid)
	}
	return nil
}

// writeOutgoing stores a new reply and its by-member index entry.
func writeOutgoing(tx *bolt.Tx, o *Outgoing, at time.Time) error {
	b := tx.Bucket(bOutbox)
	id, err := b.NextSequence()
	if err != nil {
		return err
	}
	o.V, o.ID, o.State, o.CreatedAt = recordVersion, id, OutboxPending, orNow(o.CreatedAt, at)
	if err := putJSON(b, u64(id), o); err != nil {
		return err
	}
	return tx.Bucket(bOutboxByMember).Put(outboxMemberKey(o.MemberID, id), nil)
}

func outboxMemberKey(memberID string, id uint64) []byte {
	return binary.BigEndian.AppendUint64(memberPrefix(memberID), id)
}

// Stage puts replies in the outbox outside a turn (a message Cairn decides
// to send on its own), in order, and returns their ids.
func (s *Store) Stage(ctx context.Context, msgs []Outgoing) ([]uint64, error) {
	for _, o := range msgs {
		if err := checkOutgoing(o, ""); err != nil {
			return nil, fmt.Errorf("store: stage reply: %w", err)
		}
	}
	at := s.now()
	var ids []uint64
	err := s.update(ctx, func(tx *bolt.Tx) error {
		ids = nil
		for _, o := range msgs {
			if err := writeOutgoing(tx, &o, at); err != nil {
				return err
			}
			ids = append(ids, o.ID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: stage %d replies: %w", len(msgs), err)
	}
	return ids, nil
}

// Outbox returns up to limit staged replies (all if limit <= 0), oldest
// first, whatever their NextAt.
func (s *Store) Outbox(ctx context.Context, limit int) ([]Outgoing, error) {
	var out []Outgoing
	err := s.view(ctx, func(tx *bolt.Tx) error {
		out = nil
		b := tx.Bucket(bOutbox)
		c := b.Cursor()
		for k, v := c.First(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Next() {
			var o Outgoing
			if err := decodeValue(b, k, v, &o); err != nil {
				return fmt.Errorf("decode reply %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, o)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read outbox: %w", err)
	}
	return out, nil
}

// MemberOutbox returns the member's staged replies, oldest first.
func (s *Store) MemberOutbox(ctx context.Context, memberID string) ([]Outgoing, error) {
	var out []Outgoing
	err := s.view(ctx, func(tx *bolt.Tx) error {
		out = nil
		b := tx.Bucket(bOutbox)
		for _, k := range prefixKeys(tx.Bucket(bOutboxByMember), memberPrefix(memberID)) {
			var o Outgoing
			ok, err := getJSON(b, k[len(k)-8:], &o)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, o)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: outbox of %s: %w", memberID, err)
	}
	return out, nil
}

// MarkOutboxSending records that a post of reply id is about to be tried:
// from now on it may have arrived, so it is looked for before it is posted
// again. It counts the attempt.
func (s *Store) MarkOutboxSending(ctx context.Context, id uint64) error {
	return s.changeOutgoing(ctx, id, "mark sending", func(o *Outgoing) {
		o.State, o.Attempts = OutboxSending, o.Attempts+1
	})
}

// RetryOutbox leaves reply id for later: state is OutboxPending when the
// post surely did not arrive, OutboxSending when it may have.
func (s *Store) RetryOutbox(ctx context.Context, id uint64, state OutboxState, next time.Time) error {
	return s.changeOutgoing(ctx, id, "retry", func(o *Outgoing) { o.State, o.NextAt = state, utc(next) })
}

// DoneOutbox removes reply id once it is posted (or found already posted).
// Removing one already gone is not an error.
func (s *Store) DoneOutbox(ctx context.Context, id uint64) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bOutbox)
		var o Outgoing
		ok, err := getJSON(b, u64(id), &o)
		if err != nil || !ok {
			return err
		}
		if err := tx.Bucket(bOutboxByMember).Delete(outboxMemberKey(o.MemberID, id)); err != nil {
			return err
		}
		return b.Delete(u64(id))
	})
	if err != nil {
		return fmt.Errorf("store: remove posted reply %d: %w", id, err)
	}
	return nil
}

func (s *Store) changeOutgoing(ctx context.Context, id uint64, what string, change func(*Outgoing)) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bOutbox)
		var o Outgoing
		ok, err := getJSON(b, u64(id), &o)
		if err == nil && !ok {
			err = ErrNotFound
		}
		if err != nil {
			return reject(err)
		}
		change(&o)
		return putJSON(b, u64(id), o)
	})
	if err != nil {
		return fmt.Errorf("store: %s reply %d: %w", what, id, err)
	}
	return nil
}

// OutboxDepth is how many replies wait to be posted.
func (s *Store) OutboxDepth(ctx context.Context) (int, error) {
	return s.count(ctx, bOutbox)
}

package store

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Who may create groups. Admins are set on the host (`cairn admin add`);
// an admin may allow someone to create groups as a facilitator. The bucket
// is created on first write, so files from before it need no migration.

var bAdmins = []byte("admins") // person id → Admin

// AdminKind is what an entry in the admins bucket allows.
type AdminKind string

const (
	KindAdmin       AdminKind = "admin"       // Cairn's admin: creates groups, allows facilitators
	KindFacilitator AdminKind = "facilitator" // may create groups
)

// Admin is a person allowed to create groups, and who allowed them.
type Admin struct {
	V    int       `json:"v"`
	ID   string    `json:"id"`
	Kind AdminKind `json:"kind"`
	By   string    `json:"by"` // a Slack id, or "host" for the command line
	At   time.Time `json:"at"`
}

// SetAdmin records a.ID as allowed to do what a.Kind says, replacing what
// was recorded for them.
func (s *Store) SetAdmin(ctx context.Context, a Admin) error {
	if err := checkID("person", a.ID); err != nil {
		return fmt.Errorf("store: set admin: %w", err)
	}
	a.V, a.At = recordVersion, orNow(a.At, s.now()).UTC()
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bAdmins)
		if err != nil {
			return err
		}
		return putJSON(b, []byte(a.ID), a)
	})
	if err != nil {
		return fmt.Errorf("store: set admin %s: %w", a.ID, err)
	}
	return nil
}

// RemoveAdmin forgets what id was allowed; someone not recorded is
// ErrNotFound.
func (s *Store) RemoveAdmin(ctx context.Context, id string) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bAdmins)
		if b == nil || b.Get([]byte(id)) == nil {
			return reject(ErrNotFound)
		}
		return b.Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("store: remove admin %s: %w", id, err)
	}
	return nil
}

// AdminOf is what id is allowed, or ErrNotFound.
func (s *Store) AdminOf(ctx context.Context, id string) (Admin, error) {
	var a Admin
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bAdmins)
		if b == nil {
			return ErrNotFound
		}
		ok, err := getJSON(b, []byte(id), &a)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return Admin{}, fmt.Errorf("store: admin %s: %w", id, err)
	}
	return a, nil
}

// Admins lists everyone recorded, ordered by id.
func (s *Store) Admins(ctx context.Context) ([]Admin, error) {
	var out []Admin
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bAdmins)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var a Admin
			if err := decodeValue(b, k, v, &a); err != nil {
				return fmt.Errorf("decode admin %q: %w", k, err)
			}
			out = append(out, a)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: admins: %w", err)
	}
	return out, nil
}

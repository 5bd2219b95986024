package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SaveCheckIn creates a check-in (ID 0) or replaces an existing one of the
// same member, and returns its id. SessionAt is required (it orders a
// member's check-ins); a zero CreatedAt is stamped with Now.
func (s *Store) SaveCheckIn(ctx context.Context, c CheckIn) (uint64, error) {
	now := s.now()
	var id uint64
	err := s.update(ctx, func(tx *bolt.Tx) error {
		rec, oldKey, err := prepareCheckIn(tx, c, now)
		if err != nil {
			return reject(err)
		}
		if err := writeCheckIn(tx, &rec, oldKey); err != nil {
			return err
		}
		id = rec.ID
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: save check-in: %w", err)
	}
	return id, nil
}

// CheckIns returns a member's check-ins with from <= SessionAt < to, oldest
// first. A zero from means from the first, a zero to means up to the last.
func (s *Store) CheckIns(ctx context.Context, memberID string, from, to time.Time) ([]CheckIn, error) {
	prefix := memberPrefix(memberID)
	lo := binary.BigEndian.AppendUint64(bytes.Clone(prefix), nanoKey(from))
	if from.IsZero() {
		lo = prefix
	}
	hi := binary.BigEndian.AppendUint64(bytes.Clone(prefix), nanoKey(to))
	if to.IsZero() {
		hi = append(bytes.Clone(prefix[:len(prefix)-1]), 1) // just past the member's keys
	}
	var cs []CheckIn
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bCheckIns)
		c := b.Cursor()
		for k, v := c.Seek(lo); k != nil && bytes.Compare(k, hi) < 0; k, v = c.Next() {
			var x CheckIn
			if err := decodeValue(b, k, v, &x); err != nil {
				return fmt.Errorf("decode check-in at %x: %w", k, err)
			}
			cs = append(cs, x)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: check-ins of %s: %w", memberID, err)
	}
	return cs, nil
}

// LastCheckIn returns the member's check-in with the latest SessionAt, or
// ErrNotFound.
func (s *Store) LastCheckIn(ctx context.Context, memberID string) (CheckIn, error) {
	var c *CheckIn
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		c, err = lastCheckIn(tx, memberID)
		if err == nil && c == nil {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return CheckIn{}, fmt.Errorf("store: last check-in of %s: %w", memberID, err)
	}
	return *c, nil
}

// lastCheckIn seeks just past the member's keys and steps back one.
func lastCheckIn(tx *bolt.Tx, memberID string) (*CheckIn, error) {
	prefix := memberPrefix(memberID)
	end := append(bytes.Clone(prefix[:len(prefix)-1]), 1)
	b := tx.Bucket(bCheckIns)
	c := b.Cursor()
	var k, v []byte
	if k, _ = c.Seek(end); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return nil, nil
	}
	var x CheckIn
	if err := decodeValue(b, k, v, &x); err != nil {
		return nil, fmt.Errorf("decode check-in at %x: %w", k, err)
	}
	return &x, nil
}

func loadCheckIn(tx *bolt.Tx, id uint64) (CheckIn, []byte, error) {
	key, err := getValue(tx.Bucket(bCheckInIDs), u64(id))
	if err != nil {
		return CheckIn{}, nil, fmt.Errorf("check-in %d: %w", id, err)
	}
	if key == nil {
		return CheckIn{}, nil, fmt.Errorf("check-in %d: %w", id, ErrNotFound)
	}
	key = bytes.Clone(key)
	var c CheckIn
	ok, err := getJSON(tx.Bucket(bCheckIns), key, &c)
	if err == nil && !ok {
		err = fmt.Errorf("check-in %d: index points at a missing record", id)
	}
	return c, key, err
}

// prepareCheckIn checks a check-in about to be written and returns it with
// its current key (nil if new). It only reads.
func prepareCheckIn(tx *bolt.Tx, c CheckIn, now time.Time) (CheckIn, []byte, error) {
	if err := checkID("member", c.MemberID); err != nil {
		return c, nil, err
	}
	if c.SessionAt.IsZero() {
		return c, nil, fmt.Errorf("%w: check-in without a session time", ErrInvalid)
	}
	if err := checkKeyTime("check-in session time", c.SessionAt); err != nil {
		return c, nil, err
	}
	var oldKey []byte
	if c.ID != 0 {
		old, key, err := loadCheckIn(tx, c.ID)
		if err != nil {
			return c, nil, err
		}
		if old.MemberID != c.MemberID {
			return c, nil, fmt.Errorf("%w: check-in %d belongs to another member", ErrInvalid, c.ID)
		}
		oldKey = key
		if c.CreatedAt.IsZero() {
			c.CreatedAt = old.CreatedAt
		}
	}
	if c.GoalID != 0 {
		g, err := loadGoal(tx, c.GoalID)
		if err != nil {
			return c, nil, err
		}
		if g.MemberID != c.MemberID {
			return c, nil, fmt.Errorf("%w: check-in on goal %d of another member", ErrInvalid, c.GoalID)
		}
	}
	c.V = recordVersion
	c.SessionAt = c.SessionAt.UTC()
	c.CreatedAt = orNow(c.CreatedAt, now)
	return c, oldKey, nil
}

// writeCheckIn stores a prepared check-in, numbering it if new, and points
// the id index at its key.
func writeCheckIn(tx *bolt.Tx, c *CheckIn, oldKey []byte) error {
	b := tx.Bucket(bCheckIns)
	if c.ID == 0 {
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		c.ID = id
	}
	key := checkInKey(*c)
	if oldKey != nil && !bytes.Equal(oldKey, key) {
		if err := b.Delete(oldKey); err != nil {
			return err
		}
	}
	if err := putJSON(b, key, c); err != nil {
		return err
	}
	return putValue(tx.Bucket(bCheckInIDs), u64(c.ID), key)
}

package store

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// MarkEvent records that the Slack event with this id is being handled and
// reports whether this is the first time it was seen. Slack redelivers
// events it thinks were missed, also across restarts, so the mark is
// durable before MarkEvent returns. A zero at is Now.
func (s *Store) MarkEvent(ctx context.Context, eventID string, at time.Time) (first bool, err error) {
	if err := checkID("event", eventID); err != nil {
		return false, fmt.Errorf("store: mark event: %w", err)
	}
	at = orNow(at, s.now())
	tk := u64(nanoKey(at))
	err = s.update(ctx, func(tx *bolt.Tx) error {
		first = !seenEvent(tx, eventID)
		if !first {
			return nil
		}
		return putEvent(tx, eventID, tk)
	})
	if err != nil {
		return false, fmt.Errorf("store: mark event %s: %w", eventID, err)
	}
	return first, nil
}

// PruneEvents forgets events marked before the given time (Slack stops
// retrying within the hour) and returns how many it removed. It walks the
// time index from the oldest, so it reads only what it deletes.
func (s *Store) PruneEvents(ctx context.Context, before time.Time) (int, error) {
	limit := u64(nanoKey(before))
	var n int
	err := s.update(ctx, func(tx *bolt.Tx) error {
		n = 0
		events, byTime := tx.Bucket(bEvents), tx.Bucket(bEventsByTime)
		var old [][]byte
		c := byTime.Cursor()
		for k, _ := c.First(); k != nil && bytes.Compare(k[:8], limit) < 0; k, _ = c.Next() {
			old = append(old, bytes.Clone(k))
		}
		for _, k := range old {
			if err := events.Delete(k[8:]); err != nil {
				return err
			}
			if err := byTime.Delete(k); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: prune events before %v: %w", before, err)
	}
	return n, nil
}

// SeenEvent reports whether an event was already marked, without marking it.
func (s *Store) SeenEvent(ctx context.Context, eventID string) (bool, error) {
	var seen bool
	err := s.view(ctx, func(tx *bolt.Tx) error {
		seen = seenEvent(tx, eventID)
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: look up event %s: %w", eventID, err)
	}
	return seen, nil
}

func seenEvent(tx *bolt.Tx, eventID string) bool {
	return tx.Bucket(bEvents).Get([]byte(eventID)) != nil
}

func putEvent(tx *bolt.Tx, eventID string, timeKey []byte) error {
	if err := putValue(tx.Bucket(bEvents), []byte(eventID), timeKey); err != nil {
		return err
	}
	return tx.Bucket(bEventsByTime).Put(append(bytes.Clone(timeKey), eventID...), nil)
}

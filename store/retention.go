package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Pruned is what DeleteOlderThan removed.
type Pruned struct {
	CheckIns      int
	Conversations int
}

// DeleteOlderThan deletes, in one commit, the check-ins of sessions before
// cutoff and the conversations last touched before it (a flow abandoned
// that long ago). Goals and steps stay: they are what a member works on,
// however old. The freed pages still hold the bytes until Compact.
func (s *Store) DeleteOlderThan(ctx context.Context, cutoff time.Time) (Pruned, error) {
	if err := checkKeyTime("cutoff", cutoff); err != nil {
		return Pruned{}, fmt.Errorf("store: delete old records: %w", err)
	}
	limit := nanoKey(cutoff)
	var p Pruned
	err := s.update(ctx, func(tx *bolt.Tx) error {
		p = Pruned{} // this may run twice; see commit.go
		checkIns, ids := tx.Bucket(bCheckIns), tx.Bucket(bCheckInIDs)
		var old [][]byte
		// Keys are member id, 0, session time, id: the time is read from
		// the key, so nothing is decoded.
		err := checkIns.ForEach(func(k, _ []byte) error {
			i := bytes.IndexByte(k, 0)
			if i < 0 || len(k) != i+1+16 {
				return fmt.Errorf("malformed check-in key %x", k)
			}
			if binary.BigEndian.Uint64(k[i+1:]) < limit {
				old = append(old, bytes.Clone(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range old {
			if err := ids.Delete(k[len(k)-8:]); err != nil {
				return err
			}
			if err := checkIns.Delete(k); err != nil {
				return err
			}
		}
		p.CheckIns = len(old)

		convs := tx.Bucket(bConversations)
		old = old[:0]
		err = convs.ForEach(func(k, v []byte) error {
			var c Conversation
			if err := decodeConversation(v, &c); err != nil {
				return fmt.Errorf("decode conversation of %q: %w", k, err)
			}
			if c.UpdatedAt.Before(cutoff) {
				old = append(old, bytes.Clone(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range old {
			if err := convs.Delete(k); err != nil {
				return err
			}
		}
		p.Conversations = len(old)
		return nil
	})
	if err != nil {
		return Pruned{}, fmt.Errorf("store: delete records before %v: %w", cutoff, err)
	}
	return p, nil
}

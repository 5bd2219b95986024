package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// keyHealth in the meta bucket holds the time of the last health probe.
var keyHealth = []byte("health")

// Health writes a small probe through the group commit, as a member's next
// turn would be written, and returns what stopped it: a full or read-only
// disk, or a file that can no longer be written, makes it fail. It is what
// serve's /readyz asks, so an operator's monitoring notices before members do.
func (s *Store) Health(ctx context.Context) error {
	now := s.now()
	err := s.update(ctx, func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put(keyHealth, u64(uint64(now.UnixNano())))
	})
	if err != nil {
		return fmt.Errorf("store: write probe to %s: %w", s.path, err)
	}
	return nil
}

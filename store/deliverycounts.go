package store

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// DeliveryCount is how many stored deliveries have one kind and state.
type DeliveryCount struct {
	Kind  DeliveryKind
	State DeliveryState
	N     int
}

// CountDeliveriesByKind counts the stored deliveries by kind and state, in
// one read transaction, for the operator's /metrics. Pairs with none are
// left out. Like CountDeliveries it decodes every delivery ever stored.
func (s *Store) CountDeliveriesByKind(ctx context.Context) ([]DeliveryCount, error) {
	type pair struct {
		k DeliveryKind
		s DeliveryState
	}
	n := map[pair]int{}
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bDeliveries)
		return b.ForEach(func(k, v []byte) error {
			var d struct {
				Kind  DeliveryKind  `json:"kind"`
				State DeliveryState `json:"state"`
			}
			if err := decodeValue(b, k, v, &d); err != nil {
				return fmt.Errorf("decode delivery %q: %w", k, err)
			}
			n[pair{d.Kind, d.State}]++
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: count deliveries by kind: %w", err)
	}
	out := make([]DeliveryCount, 0, len(n))
	for p, c := range n {
		out = append(out, DeliveryCount{Kind: p.k, State: p.s, N: c})
	}
	return out, nil
}

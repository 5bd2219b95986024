package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Roster is one group member as a facilitator's App Home reads them.
type Roster struct {
	ID     string
	Member Member // zero but for ID when they have no record yet
	// Goals are the member's active goals, and those reached or let go
	// since the roster's since (their steps still count in the steps done
	// over the last sessions), with their steps.
	Goals []GoalSteps
	// CheckIns are those with SessionAt >= the roster's since, oldest
	// first: a year of history is not read to show the last few sessions.
	CheckIns []CheckIn
}

// Rosters reads what a facilitator's App Home shows of members, in one
// read transaction, in the order of ids. Each member costs their own keys
// only: their record, goals, steps and recent check-ins.
func (s *Store) Rosters(ctx context.Context, ids []string, since time.Time) ([]Roster, error) {
	out := make([]Roster, 0, len(ids))
	err := s.view(ctx, func(tx *bolt.Tx) error {
		for _, id := range ids {
			r := Roster{ID: id}
			if _, err := getJSON(tx.Bucket(bMembers), []byte(id), &r.Member); err != nil {
				return fmt.Errorf("member %s: %w", id, err)
			}
			r.Member.ID = id
			goals, err := memberGoals(tx, id)
			if err != nil {
				return fmt.Errorf("goals of %s: %w", id, err)
			}
			for _, g := range goals {
				if g.Status != GoalActive && g.Status != "" && g.UpdatedAt.Before(since) {
					continue // ended before anything a roster shows
				}
				steps, err := goalSteps(tx, g.ID)
				if err != nil {
					return fmt.Errorf("steps of goal %d: %w", g.ID, err)
				}
				r.Goals = append(r.Goals, GoalSteps{Goal: g, Steps: steps})
			}
			if r.CheckIns, err = checkInsSince(tx, id, since); err != nil {
				return fmt.Errorf("check-ins of %s: %w", id, err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: rosters: %w", err)
	}
	return out, nil
}

// checkInsSince reads the member's check-ins with SessionAt >= since,
// oldest first, seeking straight to since.
func checkInsSince(tx *bolt.Tx, memberID string, since time.Time) ([]CheckIn, error) {
	prefix := memberPrefix(memberID)
	lo := binary.BigEndian.AppendUint64(bytes.Clone(prefix), nanoKey(since))
	if since.IsZero() {
		lo = prefix
	}
	b := tx.Bucket(bCheckIns)
	c := b.Cursor()
	var cs []CheckIn
	for k, v := c.Seek(lo); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var x CheckIn
		if err := decodeValue(b, k, v, &x); err != nil {
			return nil, fmt.Errorf("decode check-in at %x: %w", k, err)
		}
		cs = append(cs, x)
	}
	return cs, nil
}

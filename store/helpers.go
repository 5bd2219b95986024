package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A step's helper: a support person in the workspace a member named for a
// step, whom Cairn reminds once before it is due, with the member's yes.

// DeliverHelper is the one reminder a step's helper gets before it is due.
// Its GroupID is HelperGroup(step): the delivery is about one step, not a
// group session, and the key must tell two steps due the same day apart.
const DeliverHelper DeliveryKind = "helper"

// HelperGroup is the GroupID of a helper's reminder for step id ("step:12").
func HelperGroup(stepID uint64) string { return fmt.Sprintf("step:%d", stepID) }

// HelperSteps returns the steps whose helper is still to be reminded: the
// member said yes, the step is open, its goal active, no reminder went
// out, and it is due on a day in [from, to] (UTC dates). It walks every
// step's key, decoding only those due in the span (see BenchmarkHelperSteps).
func (s *Store) HelperSteps(ctx context.Context, from, to time.Time) ([]Step, error) {
	var out []Step
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bSteps)
		goals := map[uint64]bool{}
		lo, hi := dueKey(from), dueKey(to)
		return b.ForEach(func(k, v []byte) error {
			// The due date is in the key (stepKey): most steps are passed
			// over without decoding them.
			if len(k) == 24 {
				if due := binary.BigEndian.Uint64(k[8:16]); due < lo || due > hi {
					return nil
				}
			}
			var st Step
			if err := decodeValue(b, k, v, &st); err != nil {
				return fmt.Errorf("decode step at %x: %w", k, err)
			}
			if st.HelperID == "" || !st.HelperOK || st.Done() || !st.HelperRemindedAt.IsZero() ||
				st.Due.IsZero() || st.Due.Before(from) || st.Due.After(to) {
				return nil
			}
			active, seen := goals[st.GoalID]
			if !seen {
				g, err := loadGoal(tx, st.GoalID)
				if err != nil {
					return err
				}
				active = g.Status == GoalActive || g.Status == ""
				goals[st.GoalID] = active
			}
			if active {
				out = append(out, st)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: steps with a helper to remind: %w", err)
	}
	return out, nil
}

// MarkHelperReminded records that step id's helper got their reminder, so
// no second one is planned even if the step moves to another day.
func (s *Store) MarkHelperReminded(ctx context.Context, id uint64, at time.Time) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		st, key, err := loadStep(tx, id)
		if err != nil {
			return reject(err)
		}
		if !st.HelperRemindedAt.IsZero() {
			return nil
		}
		st.HelperRemindedAt = at.UTC()
		return writeStep(tx, &st, key)
	})
	if err != nil {
		return fmt.Errorf("store: mark step %d's helper reminded: %w", id, err)
	}
	return nil
}

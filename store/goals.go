package store

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SaveGoal creates a goal (ID 0) or replaces an existing one, and returns
// its id. A goal keeps its member: saving it under another member is
// ErrInvalid, and a non-zero ID that does not exist is ErrNotFound (ids come
// only from the store, so a foreign id cannot collide with a future one).
// Zero CreatedAt/UpdatedAt are stamped with Now (an existing CreatedAt is kept).
func (s *Store) SaveGoal(ctx context.Context, g Goal) (uint64, error) {
	now := s.now()
	var id uint64
	err := s.update(ctx, func(tx *bolt.Tx) error {
		rec, err := prepareGoal(tx, g, now)
		if err != nil {
			return reject(err)
		}
		if err := writeGoal(tx, &rec); err != nil {
			return err
		}
		id = rec.ID
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: save goal: %w", err)
	}
	return id, nil
}

// Goal returns the goal with that id, or ErrNotFound.
func (s *Store) Goal(ctx context.Context, id uint64) (Goal, error) {
	var g Goal
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		g, err = loadGoal(tx, id)
		return err
	})
	if err != nil {
		return Goal{}, fmt.Errorf("store: %w", err)
	}
	return g, nil
}

// Goals returns a member's goals of every status, oldest first, found
// through the by-member index (no scan of other members' goals).
func (s *Store) Goals(ctx context.Context, memberID string) ([]Goal, error) {
	var gs []Goal
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		gs, err = memberGoals(tx, memberID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: goals of %s: %w", memberID, err)
	}
	return gs, nil
}

// Steps returns a goal's steps ordered by due date (steps without a date
// last, then by id), or ErrNotFound if the goal does not exist.
func (s *Store) Steps(ctx context.Context, goalID uint64) ([]Step, error) {
	var st []Step
	err := s.view(ctx, func(tx *bolt.Tx) error {
		if tx.Bucket(bGoals).Get(u64(goalID)) == nil {
			return ErrNotFound
		}
		var err error
		st, err = goalSteps(tx, goalID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: steps of goal %d: %w", goalID, err)
	}
	return st, nil
}

// Step returns the step with that id, or ErrNotFound.
func (s *Store) Step(ctx context.Context, id uint64) (Step, error) {
	var st Step
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		st, _, err = loadStep(tx, id)
		return err
	})
	if err != nil {
		return Step{}, fmt.Errorf("store: %w", err)
	}
	return st, nil
}

// SaveStep creates a step (ID 0, GoalID of an existing goal) or replaces an
// existing one, and returns its id. Changing Due moves the step in its
// goal's order. GoalID 0 on an existing step keeps its goal; a step never
// moves to another member's goal (ErrInvalid).
func (s *Store) SaveStep(ctx context.Context, st Step) (uint64, error) {
	now := s.now()
	var id uint64
	err := s.update(ctx, func(tx *bolt.Tx) error {
		rec, oldKey, err := prepareStep(tx, st, now, nil)
		if err != nil {
			return reject(err)
		}
		if err := writeStep(tx, &rec, oldKey); err != nil {
			return err
		}
		id = rec.ID
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: save step: %w", err)
	}
	return id, nil
}

// DeleteStep removes a step, or returns ErrNotFound.
func (s *Store) DeleteStep(ctx context.Context, id uint64) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		_, key, err := loadStep(tx, id)
		if err != nil {
			return reject(err)
		}
		if err := tx.Bucket(bSteps).Delete(key); err != nil {
			return err
		}
		return tx.Bucket(bStepIDs).Delete(u64(id))
	})
	if err != nil {
		return fmt.Errorf("store: delete step: %w", err)
	}
	return nil
}

func loadGoal(tx *bolt.Tx, id uint64) (Goal, error) {
	var g Goal
	ok, err := getJSON(tx.Bucket(bGoals), u64(id), &g)
	if err == nil && !ok {
		err = fmt.Errorf("goal %d: %w", id, ErrNotFound)
	}
	return g, err
}

// loadStep returns a step and its key in the steps bucket.
func loadStep(tx *bolt.Tx, id uint64) (Step, []byte, error) {
	key, err := getValue(tx.Bucket(bStepIDs), u64(id))
	if err != nil {
		return Step{}, nil, fmt.Errorf("step %d: %w", id, err)
	}
	if key == nil {
		return Step{}, nil, fmt.Errorf("step %d: %w", id, ErrNotFound)
	}
	key = bytes.Clone(key)
	var st Step
	ok, err := getJSON(tx.Bucket(bSteps), key, &st)
	if err == nil && !ok {
		err = fmt.Errorf("step %d: index points at a missing record", id)
	}
	return st, key, err
}

// memberGoals reads a member's goals through the by-member index.
func memberGoals(tx *bolt.Tx, memberID string) ([]Goal, error) {
	prefix := memberPrefix(memberID)
	goals := tx.Bucket(bGoals)
	var gs []Goal
	c := tx.Bucket(bGoalsByMember).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var g Goal
		ok, err := getJSON(goals, k[len(prefix):], &g)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("goal index %x points at a missing goal", k)
		}
		gs = append(gs, g)
	}
	return gs, nil
}

// goalSteps reads a goal's steps in key (due date) order.
func goalSteps(tx *bolt.Tx, goalID uint64) ([]Step, error) {
	prefix := u64(goalID)
	var st []Step
	b := tx.Bucket(bSteps)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var x Step
		if err := decodeValue(b, k, v, &x); err != nil {
			return nil, fmt.Errorf("decode step at %x: %w", k, err)
		}
		st = append(st, x)
	}
	return st, nil
}

// prepareGoal checks a goal about to be written and fills in what the store
// owns. It only reads.
func prepareGoal(tx *bolt.Tx, g Goal, now time.Time) (Goal, error) {
	if err := checkID("member", g.MemberID); err != nil {
		return g, err
	}
	if g.ID != 0 {
		old, err := loadGoal(tx, g.ID)
		if err != nil {
			return g, err
		}
		if old.MemberID != g.MemberID {
			return g, fmt.Errorf("%w: goal %d belongs to another member", ErrInvalid, g.ID)
		}
		if g.CreatedAt.IsZero() {
			g.CreatedAt = old.CreatedAt
		}
	}
	g.V = recordVersion
	g.CreatedAt = orNow(g.CreatedAt, now)
	g.UpdatedAt = orNow(g.UpdatedAt, now)
	if g.Status == "" {
		g.Status = GoalActive
	}
	return g, nil
}

// writeGoal stores a prepared goal, numbering it if new, with its index key.
func writeGoal(tx *bolt.Tx, g *Goal) error {
	b := tx.Bucket(bGoals)
	if g.ID == 0 {
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		g.ID = id
	}
	if err := putJSON(b, u64(g.ID), g); err != nil {
		return err
	}
	return tx.Bucket(bGoalsByMember).Put(goalIndexKey(g.MemberID, g.ID), nil)
}

// prepareStep checks a step about to be written and returns it with its
// current key (nil if new). newGoal is the goal saved in the same turn,
// which a new step with GoalID 0 belongs to. It only reads.
func prepareStep(tx *bolt.Tx, st Step, now time.Time, newGoal *Goal) (Step, []byte, error) {
	var oldKey []byte
	if st.ID != 0 {
		old, key, err := loadStep(tx, st.ID)
		if err != nil {
			return st, nil, err
		}
		oldKey = key
		if st.GoalID == 0 {
			st.GoalID = old.GoalID
		}
		if st.MemberID == "" {
			st.MemberID = old.MemberID
		}
		if st.MemberID != old.MemberID {
			return st, nil, fmt.Errorf("%w: step %d belongs to another member", ErrInvalid, st.ID)
		}
		if st.CreatedAt.IsZero() {
			st.CreatedAt = old.CreatedAt
		}
	}
	var owner string
	switch {
	case st.GoalID == 0 && newGoal != nil:
		owner = newGoal.MemberID
	case st.GoalID == 0:
		return st, nil, fmt.Errorf("%w: step without a goal", ErrInvalid)
	default:
		g, err := loadGoal(tx, st.GoalID)
		if err != nil {
			return st, nil, err
		}
		owner = g.MemberID
	}
	if st.MemberID == "" {
		st.MemberID = owner
	}
	if st.MemberID != owner {
		return st, nil, fmt.Errorf("%w: step for member %s on a goal of another member", ErrInvalid, st.MemberID)
	}
	st.V = recordVersion
	st.Due = utc(st.Due)
	st.DoneAt = utc(st.DoneAt)
	st.CreatedAt = orNow(st.CreatedAt, now)
	return st, oldKey, nil
}

// writeStep stores a prepared step under its (possibly new) key, numbering
// it if new, and points the id index at it.
func writeStep(tx *bolt.Tx, st *Step, oldKey []byte) error {
	b := tx.Bucket(bSteps)
	if st.ID == 0 {
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		st.ID = id
	}
	key := stepKey(*st)
	if oldKey != nil && !bytes.Equal(oldKey, key) {
		if err := b.Delete(oldKey); err != nil {
			return err
		}
	}
	if err := putJSON(b, key, st); err != nil {
		return err
	}
	return putValue(tx.Bucket(bStepIDs), u64(st.ID), key)
}

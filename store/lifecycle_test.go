package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// A turn may change a goal's life beyond the one goal it saves: drop the
// goal a new one replaces, edit a step, delete a step.
func TestStore_ApplyTurn_GoalLife(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	at := t0.Add(time.Minute)
	res, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Goal: &store.Goal{Text: "a part-time job"},
		NewSteps: []store.Step{{What: "resume", Due: day(6, 12), Owner: store.OwnerMe}, {What: "outfits", Due: day(6, 20), Owner: store.OwnerMe}}, At: at})
	must(t, err)
	old, err := s.Goal(ctx, res.GoalID)
	must(t, err)

	later := at.Add(time.Hour)
	old.Status, old.AchievedAt = store.GoalDone, later
	edited := store.Step{ID: res.StepIDs[1], What: "outfits", Due: day(6, 11), Owner: store.OwnerPerson, OwnerName: "Dana"}
	r2, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Goal: &store.Goal{Text: "my own place"},
		Goals: []store.Goal{old}, EditSteps: []store.Step{edited}, DeleteSteps: []uint64{res.StepIDs[0]}, At: later})
	must(t, err)
	if r2.GoalID == res.GoalID {
		t.Fatalf("new goal took the old goal's id")
	}
	g, err := s.Goal(ctx, res.GoalID)
	must(t, err)
	if g.Status != store.GoalDone || !g.AchievedAt.Equal(later) || g.Text != "a part-time job" {
		t.Fatalf("old goal = %+v", g)
	}
	steps, err := s.Steps(ctx, res.GoalID)
	must(t, err)
	mustEqual(t, "steps", steps, []store.Step{{V: 1, ID: res.StepIDs[1], GoalID: res.GoalID, MemberID: "U1", What: "outfits",
		Due: day(6, 11), Owner: store.OwnerPerson, OwnerName: "Dana", CreatedAt: at}})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", DeleteSteps: []uint64{res.StepIDs[0]}})
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleting a deleted step: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for name, turn := range map[string]store.Turn{
			"other's step":   {MemberID: "U2", DeleteSteps: []uint64{res.StepIDs[1]}},
			"other's edit":   {MemberID: "U2", EditSteps: []store.Step{edited}},
			"other's goal":   {MemberID: "U2", Goals: []store.Goal{g}},
			"new extra goal": {MemberID: "U1", Goals: []store.Goal{{Text: "x"}}},
		} {
			if _, err := s.ApplyTurn(ctx, turn); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStore_HelperSteps(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 6, d, 0, 0, 0, 0, time.UTC) }
	goal, err := s.SaveGoal(ctx, store.Goal{MemberID: "U1", Text: "a job", Status: store.GoalActive})
	if err != nil {
		t.Fatal(err)
	}
	dropped, err := s.SaveGoal(ctx, store.Goal{MemberID: "U1", Text: "old", Status: store.GoalDropped})
	if err != nil {
		t.Fatal(err)
	}
	save := func(st store.Step) uint64 {
		t.Helper()
		id, err := s.SaveStep(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	want := save(store.Step{GoalID: goal, What: "call", Due: day(12), HelperID: "UH", HelperOK: true})
	save(store.Step{GoalID: goal, What: "said no", Due: day(12), HelperID: "UH"})
	save(store.Step{GoalID: goal, What: "no helper", Due: day(12), HelperOK: true})
	save(store.Step{GoalID: goal, What: "done", Due: day(12), HelperID: "UH", HelperOK: true, DoneAt: day(10)})
	save(store.Step{GoalID: goal, What: "too far", Due: day(30), HelperID: "UH", HelperOK: true})
	save(store.Step{GoalID: goal, What: "past", Due: day(2), HelperID: "UH", HelperOK: true})
	save(store.Step{GoalID: dropped, What: "dropped goal", Due: day(12), HelperID: "UH", HelperOK: true})
	reminded := save(store.Step{GoalID: goal, What: "reminded", Due: day(13), HelperID: "UH", HelperOK: true})
	if err := s.MarkHelperReminded(ctx, reminded, day(12).Add(10*time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := s.HelperSteps(ctx, day(10), day(18))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != want {
		t.Fatalf("helper steps = %+v", got)
	}
	st, err := s.Step(ctx, reminded)
	if err != nil || !st.HelperRemindedAt.Equal(day(12).Add(10*time.Hour)) || st.What != "reminded" {
		t.Fatalf("reminded step = %+v, %v", st, err)
	}
	// A second mark keeps the first time.
	if err := s.MarkHelperReminded(ctx, reminded, day(13)); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Step(ctx, reminded); !st.HelperRemindedAt.Equal(day(12).Add(10 * time.Hour)) {
		t.Fatalf("marked twice: %v", st.HelperRemindedAt)
	}
}

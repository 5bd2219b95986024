package store_test

import (
	"context"
	"fmt"
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

// BenchmarkHelperSteps: the scheduler's scan for helpers to remind, over
// 1,000 members with 10 steps each, ten days apart (one in ten with a
// helper, each in the span scanned).
func BenchmarkHelperSteps(b *testing.B) {
	s := MustOpen(b)
	ctx := context.Background()
	due := time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC)
	for m := range 1000 {
		var steps []store.Step
		for i := range 10 {
			st := store.Step{What: "a step of some length, as members write them", Due: due.AddDate(0, 0, 10*i), Owner: store.OwnerMe}
			if i == 0 {
				st.Owner, st.OwnerName, st.HelperID, st.HelperOK = store.OwnerPerson, "my sister <@U0H>", "U0H", true
			}
			steps = append(steps, st)
		}
		id := fmt.Sprintf("U%04d", m)
		if _, err := s.ApplyTurn(ctx, store.Turn{MemberID: id, At: due, Goal: &store.Goal{Text: "a goal", Status: store.GoalActive}, NewSteps: steps}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		got, err := s.HelperSteps(ctx, due, due.AddDate(0, 0, 10))
		if err != nil || len(got) != 1000 {
			b.Fatalf("%d steps, %v", len(got), err)
		}
	}
}

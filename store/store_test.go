package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
	bolt "go.etcd.io/bbolt"
)

// t0 is the fixed "now" of these tests (a Wednesday).
var t0 = time.Date(2026, 6, 10, 17, 0, 0, 0, time.UTC)

// MustOpen opens a store on a fresh file with a fixed clock. Cleanup runs
// bbolt's consistency check on the file, then closes it.
func MustOpen(t testing.TB) *store.Store {
	t.Helper()
	return mustOpenPath(t, filepath.Join(t.TempDir(), "cairn.db"))
}

func mustOpenPath(t testing.TB, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return t0 }
	t.Cleanup(func() {
		// A test that closed the store itself checked what it needed.
		if err := s.Check(); err != nil && !errors.Is(err, store.ErrClosed) {
			t.Errorf("consistency check: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

// reopen closes s and opens its file again.
func reopen(t testing.TB, s *store.Store) *store.Store {
	t.Helper()
	if err := s.Check(); err != nil {
		t.Fatalf("consistency check: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return mustOpenPath(t, s.Path())
}

func mustEqual[T any](t testing.TB, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func mustIs(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error %v, want %v", err, target)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	return b
}

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

func TestStore_Member(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	t.Run("OK", func(t *testing.T) {
		m := store.Member{ID: "U1", Name: "Ana 🌱", TZ: "America/Chicago", NavigatorID: "U9",
			PausedUntil: day(7, 1)}
		must(t, s.SaveMember(ctx, m))
		got, err := s.Member(ctx, "U1")
		must(t, err)
		m.V, m.CreatedAt = 1, t0 // stamped by the store
		mustEqual(t, "member", got, m)

		// A later save with a zero CreatedAt keeps the first one.
		s.Now = func() time.Time { return t0.Add(time.Hour) }
		defer func() { s.Now = func() time.Time { return t0 } }()
		m.CreatedAt, m.Name = time.Time{}, "Ana"
		must(t, s.SaveMember(ctx, m))
		got, err = s.Member(ctx, "U1")
		must(t, err)
		mustEqual(t, "created", got.CreatedAt, t0)
		mustEqual(t, "name", got.Name, "Ana")
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Member(ctx, "nobody")
		mustIs(t, err, store.ErrNotFound)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, id := range []string{"", "a\x00b", strings.Repeat("x", 300)} {
			mustIs(t, s.SaveMember(ctx, store.Member{ID: id}), store.ErrInvalid)
		}
	})
}

func TestStore_Group(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	b := store.Group{ID: "C2", Name: "Tuesday", Schedule: "CRON_TZ=America/New_York 0 18 * * 2",
		TZ: "America/New_York", Lead: 2 * time.Hour, Facilitators: []string{"U1"},
		Members: []string{"U2", "U3"}, Navigators: []string{"U4"}}
	a := store.Group{ID: "C1", Name: "Monday"}
	must(t, s.SaveGroup(ctx, b))
	must(t, s.SaveGroup(ctx, a))
	b.V, b.CreatedAt = 1, t0
	a.V, a.CreatedAt = 1, t0

	got, err := s.Group(ctx, "C2")
	must(t, err)
	mustEqual(t, "group", got, b)
	all, err := s.Groups(ctx)
	must(t, err)
	mustEqual(t, "groups", all, []store.Group{a, b})

	must(t, s.DeleteGroup(ctx, "C1"))
	_, err = s.Group(ctx, "C1")
	mustIs(t, err, store.ErrNotFound)
	mustIs(t, s.DeleteGroup(ctx, "C1"), store.ErrNotFound)
	all, err = s.Groups(ctx)
	must(t, err)
	mustEqual(t, "groups after delete", all, []store.Group{b})
}

func TestStore_SaveGoal(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	t.Run("OK", func(t *testing.T) {
		g := store.Goal{MemberID: "U1", Dream: "a garden", Happy: "tomatoes", Text: "plant a bed",
			Measure: "by June", Why: "fresh food", Supporters: "my sister"}
		id, err := s.SaveGoal(ctx, g)
		must(t, err)
		got, err := s.Goal(ctx, id)
		must(t, err)
		g.V, g.ID, g.Status, g.CreatedAt, g.UpdatedAt = 1, id, store.GoalActive, t0, t0
		mustEqual(t, "goal", got, g)

		g.Status, g.UpdatedAt, g.CreatedAt = store.GoalDone, t0.Add(time.Hour), time.Time{}
		id2, err := s.SaveGoal(ctx, g)
		must(t, err)
		mustEqual(t, "id", id2, id)
		got, err = s.Goal(ctx, id)
		must(t, err)
		g.CreatedAt = t0
		mustEqual(t, "updated goal", got, g)
	})
	t.Run("Goals", func(t *testing.T) {
		// Members whose ids share a prefix must not see each other's goals.
		for _, m := range []string{"U2", "U20", "U2", "U"} {
			_, err := s.SaveGoal(ctx, store.Goal{MemberID: m, Text: "goal of " + m})
			must(t, err)
		}
		gs, err := s.Goals(ctx, "U2")
		must(t, err)
		if len(gs) != 2 || gs[0].MemberID != "U2" || gs[1].MemberID != "U2" || gs[0].ID >= gs[1].ID {
			t.Fatalf("goals of U2: %+v", gs)
		}
		gs, err = s.Goals(ctx, "nobody")
		must(t, err)
		mustEqual(t, "goals of nobody", len(gs), 0)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Goal(ctx, 999)
		mustIs(t, err, store.ErrNotFound)
		_, err = s.SaveGoal(ctx, store.Goal{ID: 999, MemberID: "U1", Text: "x"})
		mustIs(t, err, store.ErrNotFound)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		id, err := s.SaveGoal(ctx, store.Goal{MemberID: "U5", Text: "mine"})
		must(t, err)
		_, err = s.SaveGoal(ctx, store.Goal{ID: id, MemberID: "U6", Text: "stolen"})
		mustIs(t, err, store.ErrInvalid)
		_, err = s.SaveGoal(ctx, store.Goal{Text: "nobody's"})
		mustIs(t, err, store.ErrInvalid)
	})
}

func TestStore_Steps(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	goal, err := s.SaveGoal(ctx, store.Goal{MemberID: "U1", Text: "walk"})
	must(t, err)

	add := func(what string, due time.Time) uint64 {
		t.Helper()
		id, err := s.SaveStep(ctx, store.Step{GoalID: goal, What: what, Due: due, Owner: store.OwnerMe})
		must(t, err)
		return id
	}
	order := func() []string {
		t.Helper()
		st, err := s.Steps(ctx, goal)
		must(t, err)
		var w []string
		for _, x := range st {
			w = append(w, x.What)
		}
		return w
	}
	july := add("july", day(7, 1))
	add("june-a", day(6, 15))
	add("someday", time.Time{})
	add("1969", time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC))
	add("june-b", day(6, 15))
	mustEqual(t, "order", order(), []string{"1969", "june-a", "june-b", "july", "someday"})

	t.Run("Round trip", func(t *testing.T) {
		got, err := s.Step(ctx, july)
		must(t, err)
		want := store.Step{V: 1, ID: july, GoalID: goal, MemberID: "U1", What: "july", Due: day(7, 1),
			Owner: store.OwnerMe, CreatedAt: t0}
		mustEqual(t, "step", got, want)
	})
	t.Run("Due change moves the step", func(t *testing.T) {
		st, err := s.Step(ctx, july)
		must(t, err)
		st.Due, st.What = day(6, 1), "early june"
		st.Owner, st.OwnerName = store.OwnerPerson, "Sam"
		_, err = s.SaveStep(ctx, st)
		must(t, err)
		mustEqual(t, "order", order(), []string{"1969", "early june", "june-a", "june-b", "someday"})
		got, err := s.Step(ctx, july)
		must(t, err)
		mustEqual(t, "moved step", got, st)
	})
	t.Run("DeleteStep", func(t *testing.T) {
		must(t, s.DeleteStep(ctx, july))
		_, err := s.Step(ctx, july)
		mustIs(t, err, store.ErrNotFound)
		mustIs(t, s.DeleteStep(ctx, july), store.ErrNotFound)
		mustEqual(t, "order", order(), []string{"1969", "june-a", "june-b", "someday"})
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := s.Steps(ctx, 999)
		mustIs(t, err, store.ErrNotFound)
		_, err = s.SaveStep(ctx, store.Step{GoalID: 999, What: "x"})
		mustIs(t, err, store.ErrNotFound)
		_, err = s.SaveStep(ctx, store.Step{ID: 999, GoalID: goal, What: "x"})
		mustIs(t, err, store.ErrNotFound)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := s.SaveStep(ctx, store.Step{GoalID: goal, MemberID: "U2", What: "not mine"})
		mustIs(t, err, store.ErrInvalid)
		_, err = s.SaveStep(ctx, store.Step{What: "no goal"})
		mustIs(t, err, store.ErrInvalid)
	})
}

func TestStore_CheckIns(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	hour := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

	// "A" and "AB" share a prefix; neither may see the other's check-ins.
	ids := map[int]uint64{}
	for _, h := range []int{3, 0, 4, 1, 2} {
		id, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: "A", SessionAt: hour(h), Did: fmt.Sprint(h),
			Importance: 7, Confidence: -1})
		must(t, err)
		ids[h] = id
	}
	for _, h := range []int{-1, 2, 9} {
		_, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: "AB", SessionAt: hour(h), Did: "ab"})
		must(t, err)
	}
	did := func(cs []store.CheckIn) []string {
		var w []string
		for _, c := range cs {
			w = append(w, c.Did)
		}
		return w
	}

	t.Run("Window", func(t *testing.T) {
		cs, err := s.CheckIns(ctx, "A", hour(1), hour(3))
		must(t, err)
		mustEqual(t, "1h–3h", did(cs), []string{"1", "2"})
		cs, err = s.CheckIns(ctx, "A", time.Time{}, time.Time{})
		must(t, err)
		mustEqual(t, "all", did(cs), []string{"0", "1", "2", "3", "4"})
		cs, err = s.CheckIns(ctx, "A", hour(3), time.Time{})
		must(t, err)
		mustEqual(t, "from 3h", did(cs), []string{"3", "4"})
		cs, err = s.CheckIns(ctx, "A", time.Time{}, hour(1))
		must(t, err)
		mustEqual(t, "to 1h", did(cs), []string{"0"})
		cs, err = s.CheckIns(ctx, "nobody", time.Time{}, time.Time{})
		must(t, err)
		mustEqual(t, "nobody", len(cs), 0)
	})
	t.Run("Round trip", func(t *testing.T) {
		cs, err := s.CheckIns(ctx, "A", hour(4), hour(5))
		must(t, err)
		want := store.CheckIn{V: 1, ID: ids[4], MemberID: "A", SessionAt: hour(4), Did: "4",
			Importance: 7, Confidence: -1, CreatedAt: t0}
		mustEqual(t, "check-in", cs, []store.CheckIn{want})
	})
	t.Run("LastCheckIn", func(t *testing.T) {
		c, err := s.LastCheckIn(ctx, "A")
		must(t, err)
		mustEqual(t, "last of A", c.Did, "4")
		c, err = s.LastCheckIn(ctx, "AB")
		must(t, err)
		mustEqual(t, "last of AB", c.SessionAt, hour(9))
		_, err = s.LastCheckIn(ctx, "B")
		mustIs(t, err, store.ErrNotFound)
		_, err = s.LastCheckIn(ctx, "ZZZ") // after every key in the bucket
		mustIs(t, err, store.ErrNotFound)
	})
	t.Run("Session change moves the check-in", func(t *testing.T) {
		_, err := s.SaveCheckIn(ctx, store.CheckIn{ID: ids[0], MemberID: "A", SessionAt: hour(5), Did: "0→5"})
		must(t, err)
		cs, err := s.CheckIns(ctx, "A", time.Time{}, time.Time{})
		must(t, err)
		mustEqual(t, "all", did(cs), []string{"1", "2", "3", "4", "0→5"})
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: "A"})
		mustIs(t, err, store.ErrInvalid)
		_, err = s.SaveCheckIn(ctx, store.CheckIn{ID: ids[1], MemberID: "AB", SessionAt: t0})
		mustIs(t, err, store.ErrInvalid)
		_, err = s.SaveCheckIn(ctx, store.CheckIn{MemberID: "A", SessionAt: time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)})
		mustIs(t, err, store.ErrInvalid)
	})
}

func TestStore_ApplyTurn(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	at := t0.Add(time.Minute)

	res, err := s.ApplyTurn(ctx, store.Turn{
		MemberID: "U1",
		State:    json.RawMessage(`{"flow": "goal", "step": 3}`),
		Goal:     &store.Goal{Text: "run 5k", Why: "energy"},
		NewSteps: []store.Step{
			{What: "buy shoes", Due: day(6, 20), Owner: store.OwnerMe},
			{What: "find a route", Due: day(6, 12), Owner: store.OwnerNavigator},
		},
		CheckIn: &store.CheckIn{SessionAt: t0, Did: "started", Importance: 8, Confidence: 6},
		At:      at,
	})
	must(t, err)
	if res.GoalID == 0 || len(res.StepIDs) != 2 || res.CheckInID == 0 {
		t.Fatalf("result %+v", res)
	}

	t.Run("Saved", func(t *testing.T) {
		c, err := s.Conversation(ctx, "U1")
		must(t, err)
		mustEqual(t, "conversation", c, store.Conversation{V: 1, MemberID: "U1",
			State: json.RawMessage(`{"flow": "goal", "step": 3}`), UpdatedAt: at})
		g, err := s.Goal(ctx, res.GoalID)
		must(t, err)
		mustEqual(t, "goal", g, store.Goal{V: 1, ID: res.GoalID, MemberID: "U1", Text: "run 5k",
			Why: "energy", Status: store.GoalActive, CreatedAt: at, UpdatedAt: at})
		st, err := s.Steps(ctx, res.GoalID)
		must(t, err)
		mustEqual(t, "steps", st, []store.Step{
			{V: 1, ID: res.StepIDs[1], GoalID: res.GoalID, MemberID: "U1", What: "find a route",
				Due: day(6, 12), Owner: store.OwnerNavigator, CreatedAt: at},
			{V: 1, ID: res.StepIDs[0], GoalID: res.GoalID, MemberID: "U1", What: "buy shoes",
				Due: day(6, 20), Owner: store.OwnerMe, CreatedAt: at},
		})
		ci, err := s.LastCheckIn(ctx, "U1")
		must(t, err)
		mustEqual(t, "check-in", ci, store.CheckIn{V: 1, ID: res.CheckInID, MemberID: "U1",
			SessionAt: t0, Did: "started", Importance: 8, Confidence: 6, CreatedAt: at})
	})
	t.Run("Done and end of conversation", func(t *testing.T) {
		done := t0.Add(48 * time.Hour)
		_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Done: []uint64{res.StepIDs[0], res.StepIDs[0]}, At: done})
		must(t, err)
		st, err := s.Step(ctx, res.StepIDs[0])
		must(t, err)
		mustEqual(t, "done at", st.DoneAt, done)
		_, err = s.Conversation(ctx, "U1")
		mustIs(t, err, store.ErrNotFound)

		// Marking it again keeps the first time; a JSON null state is no state.
		_, err = s.ApplyTurn(ctx, store.Turn{MemberID: "U1", State: json.RawMessage("null"),
			Done: []uint64{res.StepIDs[0]}, At: done.Add(time.Hour)})
		must(t, err)
		st, err = s.Step(ctx, res.StepIDs[0])
		must(t, err)
		mustEqual(t, "done at", st.DoneAt, done)
		_, err = s.Conversation(ctx, "U1")
		mustIs(t, err, store.ErrNotFound)
	})
	t.Run("Edit goal and add to it", func(t *testing.T) {
		g, err := s.Goal(ctx, res.GoalID)
		must(t, err)
		g.Text = "run 10k"
		r, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Goal: &g,
			NewSteps: []store.Step{{What: "stretch"}}})
		must(t, err)
		mustEqual(t, "goal id", r.GoalID, res.GoalID)
		st, err := s.Steps(ctx, res.GoalID)
		must(t, err)
		mustEqual(t, "last step", st[len(st)-1].What, "stretch")
		gs, err := s.Goals(ctx, "U1")
		must(t, err)
		mustEqual(t, "goals", len(gs), 1)
		mustEqual(t, "text", gs[0].Text, "run 10k")
	})

	// Each failing turn below would change something if it were half applied.
	other, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U2", Goal: &store.Goal{Text: "theirs"},
		NewSteps: []store.Step{{What: "their step"}}})
	must(t, err)
	before, err := s.MemberView(ctx, "U1")
	must(t, err)
	bad := []struct {
		name string
		turn store.Turn
		want error
	}{
		{"unknown done step", store.Turn{Done: []uint64{res.StepIDs[1], 999}}, store.ErrNotFound},
		{"another member's step", store.Turn{Done: []uint64{other.StepIDs[0]}}, store.ErrInvalid},
		{"another member's goal", store.Turn{Goal: &store.Goal{ID: other.GoalID, Text: "mine now"}}, store.ErrInvalid},
		{"step on another member's goal", store.Turn{NewSteps: []store.Step{{GoalID: other.GoalID}}}, store.ErrInvalid},
		{"unknown goal", store.Turn{Goal: &store.Goal{ID: 999}}, store.ErrNotFound},
		{"new step with an id", store.Turn{NewSteps: []store.Step{{ID: 5, GoalID: res.GoalID}}}, store.ErrInvalid},
		{"new step without goal", store.Turn{NewSteps: []store.Step{{What: "x"}}}, store.ErrInvalid},
		{"state not JSON", store.Turn{State: json.RawMessage(`{"a":`)}, store.ErrInvalid},
		{"check-in without session", store.Turn{CheckIn: &store.CheckIn{Did: "x"}}, store.ErrInvalid},
		{"no member", store.Turn{}, store.ErrInvalid},
	}
	for _, tc := range bad {
		t.Run("Nothing stored/"+tc.name, func(t *testing.T) {
			turn := tc.turn
			if tc.name != "no member" {
				turn.MemberID = "U1"
			}
			// Every part of the turn that could be written on its own.
			turn.State = cmpOr(turn.State, json.RawMessage(`{"half":"applied"}`))
			if turn.Goal == nil && tc.name != "new step without goal" {
				turn.Goal = &store.Goal{Text: "half-applied goal"}
				turn.NewSteps = append(turn.NewSteps, store.Step{What: "half-applied step"})
			}
			turn.CheckIn = cmpOr(turn.CheckIn, &store.CheckIn{SessionAt: t0, Did: "half"})
			_, err := s.ApplyTurn(ctx, turn)
			mustIs(t, err, tc.want)
			after, err := s.MemberView(ctx, "U1")
			must(t, err)
			mustEqual(t, "view", after, before)
			_, err = s.Conversation(ctx, "U1")
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("conversation saved: %v", err)
			}
			theirs, err := s.Steps(ctx, other.GoalID)
			must(t, err)
			if len(theirs) != 1 || theirs[0].Done() {
				t.Errorf("other member's steps changed: %+v", theirs)
			}
		})
	}
}

// cmpOr is cmp.Or for slices and pointers.
func cmpOr[T any](v, fallback T) T {
	if reflect.ValueOf(v).IsNil() {
		return fallback
	}
	return v
}

func TestStore_ApplyTurn_Concurrent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	const members, turns = 50, 20

	var mu sync.Mutex
	maxGroup := 0
	store.SetCommitHook(s, func(n int) {
		mu.Lock()
		maxGroup = max(maxGroup, n)
		mu.Unlock()
	})

	var wg sync.WaitGroup
	errs := make(chan error, members*turns)
	for m := range members {
		wg.Go(func() {
			member := fmt.Sprintf("U%03d", m)
			for i := range turns {
				_, err := s.ApplyTurn(ctx, store.Turn{
					MemberID: member,
					State:    json.RawMessage(fmt.Sprintf(`{"turn":%d}`, i)),
					Goal:     &store.Goal{Text: fmt.Sprintf("goal %d", i)},
					NewSteps: []store.Step{{What: fmt.Sprintf("step %d", i), Due: day(7, 1+i)}},
					CheckIn:  &store.CheckIn{SessionAt: t0.Add(time.Duration(i) * time.Hour), Did: fmt.Sprint(i)},
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	seen := map[uint64]bool{}
	for m := range members {
		member := fmt.Sprintf("U%03d", m)
		v, err := s.MemberView(ctx, member)
		must(t, err)
		if len(v.Goals) != turns {
			t.Fatalf("%s has %d goals", member, len(v.Goals))
		}
		for i, gs := range v.Goals {
			if seen[gs.Goal.ID] {
				t.Fatalf("goal id %d given twice", gs.Goal.ID)
			}
			seen[gs.Goal.ID] = true
			if gs.Goal.Text != fmt.Sprintf("goal %d", i) || len(gs.Steps) != 1 || gs.Steps[0].What != fmt.Sprintf("step %d", i) {
				t.Fatalf("%s goal %d: %+v", member, i, gs)
			}
		}
		cs, err := s.CheckIns(ctx, member, time.Time{}, time.Time{})
		must(t, err)
		if len(cs) != turns || cs[turns-1].Did != fmt.Sprint(turns-1) {
			t.Fatalf("%s check-ins: %d", member, len(cs))
		}
		c, err := s.Conversation(ctx, member)
		must(t, err)
		mustEqual(t, "state", string(c.State), fmt.Sprintf(`{"turn":%d}`, turns-1))
	}
	mu.Lock()
	t.Logf("%d turns, largest commit group %d", members*turns, maxGroup)
	mu.Unlock()
}

func TestStore_reopen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	must(t, s.SaveMember(ctx, store.Member{ID: "U1", Name: "Ana"}))
	must(t, s.SaveGroup(ctx, store.Group{ID: "C1", Name: "Monday"}))
	res, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", State: json.RawMessage(`{"s":1}`),
		Goal: &store.Goal{Text: "g"}, NewSteps: []store.Step{{What: "x", Due: day(6, 20)}},
		CheckIn: &store.CheckIn{SessionAt: t0}})
	must(t, err)
	before, err := s.MemberView(ctx, "U1")
	must(t, err)

	s = reopen(t, s)
	after, err := s.MemberView(ctx, "U1")
	must(t, err)
	mustEqual(t, "view", after, before)
	_, err = s.Group(ctx, "C1")
	must(t, err)
	_, err = s.Conversation(ctx, "U1")
	must(t, err)

	// Sequences carry on from where they were.
	r2, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Goal: &store.Goal{Text: "g2"}})
	must(t, err)
	if r2.GoalID <= res.GoalID {
		t.Errorf("goal id %d after %d", r2.GoalID, res.GoalID)
	}
}

func TestStore_MemberView(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	v, err := s.MemberView(ctx, "U1")
	must(t, err)
	mustEqual(t, "empty view", v, store.View{})

	must(t, s.SaveMember(ctx, store.Member{ID: "U1", Name: "Ana"}))
	r1, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Goal: &store.Goal{Text: "a"},
		NewSteps: []store.Step{{What: "late", Due: day(8, 1)}, {What: "soon", Due: day(6, 11)}}})
	must(t, err)
	r2, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", Goal: &store.Goal{Text: "b"},
		CheckIn: &store.CheckIn{SessionAt: t0.Add(time.Hour), Did: "newest"}})
	must(t, err)
	_, err = s.ApplyTurn(ctx, store.Turn{MemberID: "U1", CheckIn: &store.CheckIn{SessionAt: t0, Did: "older"}})
	must(t, err)
	_, err = s.ApplyTurn(ctx, store.Turn{MemberID: "U2", Goal: &store.Goal{Text: "not U1's"}})
	must(t, err)

	v, err = s.MemberView(ctx, "U1")
	must(t, err)
	mustEqual(t, "member", v.Member.Name, "Ana")
	if len(v.Goals) != 2 || v.Goals[0].Goal.ID != r1.GoalID || v.Goals[1].Goal.ID != r2.GoalID {
		t.Fatalf("goals %+v", v.Goals)
	}
	if len(v.Goals[0].Steps) != 2 || v.Goals[0].Steps[0].What != "soon" || len(v.Goals[1].Steps) != 0 {
		t.Fatalf("steps %+v", v.Goals)
	}
	if v.LastCheckIn == nil || v.LastCheckIn.Did != "newest" {
		t.Fatalf("last check-in %+v", v.LastCheckIn)
	}
}

func TestStore_MarkEvent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	mark := func(s *store.Store, id string, at time.Time, want bool) {
		t.Helper()
		first, err := s.MarkEvent(ctx, id, at)
		must(t, err)
		if first != want {
			t.Fatalf("MarkEvent(%s) = %v, want %v", id, first, want)
		}
	}
	mark(s, "Ev1", t0, true)
	mark(s, "Ev1", t0.Add(time.Minute), false)
	mark(s, "Ev2", t0.Add(2*time.Hour), true)
	mark(s, "Ev0", time.Time{}, true) // stamped with Now = t0

	s = reopen(t, s)
	mark(s, "Ev1", t0.Add(3*time.Hour), false)
	mark(s, "Ev2", t0.Add(3*time.Hour), false)

	n, err := s.PruneEvents(ctx, t0.Add(time.Hour))
	must(t, err)
	mustEqual(t, "pruned", n, 2)
	mark(s, "Ev2", t0.Add(3*time.Hour), false)
	mark(s, "Ev1", t0.Add(3*time.Hour), true) // forgotten, so new again
	n, err = s.PruneEvents(ctx, t0.Add(time.Hour))
	must(t, err)
	mustEqual(t, "pruned again", n, 0)

	_, err = s.MarkEvent(ctx, "", t0)
	mustIs(t, err, store.ErrInvalid)
}

func TestStore_DeleteMemberData(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	fill := func(m string) store.TurnResult {
		t.Helper()
		must(t, s.SaveMember(ctx, store.Member{ID: m, Name: m}))
		var r store.TurnResult
		for i := range 3 {
			var err error
			r, err = s.ApplyTurn(ctx, store.Turn{MemberID: m, State: json.RawMessage(`{"x":1}`),
				Goal:     &store.Goal{Text: "g"},
				NewSteps: []store.Step{{What: "a", Due: day(6, 20+i)}, {What: "b"}},
				CheckIn:  &store.CheckIn{SessionAt: t0.Add(time.Duration(i) * time.Hour)},
				Outbox:   []store.Outgoing{{Body: json.RawMessage(`{"text":"a reply"}`)}}})
			must(t, err)
		}
		return r
	}
	gone := fill("U1")
	fill("U10") // shares a prefix with U1
	keep, err := s.MemberView(ctx, "U10")
	must(t, err)

	must(t, s.DeleteMemberData(ctx, "U1"))
	must(t, s.DeleteMemberData(ctx, "U1")) // nothing left: still fine

	v, err := s.MemberView(ctx, "U1")
	must(t, err)
	mustEqual(t, "view of deleted", v, store.View{})
	_, err = s.Member(ctx, "U1")
	mustIs(t, err, store.ErrNotFound)
	_, err = s.Conversation(ctx, "U1")
	mustIs(t, err, store.ErrNotFound)
	_, err = s.Goal(ctx, gone.GoalID)
	mustIs(t, err, store.ErrNotFound)
	_, err = s.Step(ctx, gone.StepIDs[0])
	mustIs(t, err, store.ErrNotFound)
	cs, err := s.CheckIns(ctx, "U1", time.Time{}, time.Time{})
	must(t, err)
	mustEqual(t, "check-ins", len(cs), 0)
	_, err = s.SaveCheckIn(ctx, store.CheckIn{ID: gone.CheckInID, MemberID: "U1", SessionAt: t0})
	mustIs(t, err, store.ErrNotFound)

	replies, err := s.MemberOutbox(ctx, "U1")
	must(t, err)
	mustEqual(t, "replies waiting", len(replies), 0)
	if replies, _ := s.MemberOutbox(ctx, "U10"); len(replies) != 3 {
		t.Errorf("the other member's replies: %d, want 3", len(replies))
	}

	after, err := s.MemberView(ctx, "U10")
	must(t, err)
	mustEqual(t, "other member", after, keep)
	_, err = s.Conversation(ctx, "U10")
	must(t, err)
}

func TestStore_text(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	text := string([]rune("🏃‍♀️ run with Zoë 👩🏽‍🦱 " + strings.Repeat("ok 🌱 ünïcødé — ", 1000))[:10_000])

	state, err := json.Marshal(map[string]string{"draft": text})
	must(t, err)
	res, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", State: state, Goal: &store.Goal{Text: text, Why: text},
		NewSteps: []store.Step{{What: text}}, CheckIn: &store.CheckIn{SessionAt: t0, Did: text, Barrier: text}})
	must(t, err)
	s = reopen(t, s)

	g, err := s.Goal(ctx, res.GoalID)
	must(t, err)
	st, err := s.Step(ctx, res.StepIDs[0])
	must(t, err)
	ci, err := s.LastCheckIn(ctx, "U1")
	must(t, err)
	c, err := s.Conversation(ctx, "U1")
	must(t, err)
	var got map[string]string
	must(t, json.Unmarshal(c.State, &got))
	for what, v := range map[string]string{"goal": g.Text, "why": g.Why, "step": st.What,
		"did": ci.Did, "barrier": ci.Barrier, "state": got["draft"]} {
		if v != text {
			t.Errorf("%s: %d bytes back, want %d", what, len(v), len(text))
		}
	}
}

func TestStore_Backup(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	must(t, s.SaveMember(ctx, store.Member{ID: "U1", Name: "Ana"}))

	var buf bytes.Buffer
	n, err := s.Backup(ctx, &buf)
	must(t, err)
	mustEqual(t, "bytes", n, int64(buf.Len()))
	path := filepath.Join(t.TempDir(), "backup.db")
	must(t, os.WriteFile(path, buf.Bytes(), 0o600))
	b := mustOpenPath(t, path)
	m, err := b.Member(ctx, "U1")
	must(t, err)
	mustEqual(t, "name", m.Name, "Ana")
}

func TestOpen(t *testing.T) {
	t.Run("Creates directory and file", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "a", "b", "cairn.db")
		s := mustOpenPath(t, path)
		mustEqual(t, "path", s.Path(), path)
		for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			fi, err := os.Stat(p)
			must(t, err)
			if got := fi.Mode().Perm(); got != want {
				t.Errorf("%s: mode %v, want %v", p, got, want)
			}
		}
	})
	t.Run("Empty file is new", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "cairn.db")
		must(t, os.WriteFile(path, nil, 0o600))
		s := mustOpenPath(t, path)
		must(t, s.SaveMember(t.Context(), store.Member{ID: "U1"}))
	})
	t.Run("Empty bbolt file is adopted", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "cairn.db")
		db, err := bolt.Open(path, 0o600, nil)
		must(t, err)
		must(t, db.Close())
		mustOpenPath(t, path)
	})
	t.Run("Directory", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		_, err := store.Open(dir)
		if err == nil || errors.Is(err, store.ErrNotCairn) || !strings.Contains(err.Error(), dir) {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("ErrInUse", func(t *testing.T) {
		t.Parallel()
		s := MustOpen(t)
		start := time.Now()
		_, err := store.Open(s.Path())
		mustIs(t, err, store.ErrInUse)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v to give up", d)
		}
		for _, want := range []string{s.Path(), "--db"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not mention %q", err, want)
			}
		}
		// The first store is unharmed.
		must(t, s.SaveMember(t.Context(), store.Member{ID: "U1"}))
	})
	t.Run("ErrNotCairn", func(t *testing.T) {
		t.Parallel()
		random := func(n int) []byte {
			b := make([]byte, n)
			_, _ = rand.Read(b)
			return b
		}
		magicOnly := make([]byte, 32<<10) // bbolt's magic, nothing else right
		binary.NativeEndian.PutUint32(magicOnly[16:], 0xED0CDAED)
		files := map[string][]byte{
			"random 64 KiB": random(64 << 10),
			"random 4 KiB":  random(4 << 10),
			"random 10 B":   random(10),
			"text":          []byte("name = Ana\nrole = navigator\n"),
			"bbolt magic":   magicOnly,
			"other bbolt":   nil, // made below
		}
		for name, content := range files {
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "cairn.db")
				if content == nil {
					db, err := bolt.Open(path, 0o600, nil)
					must(t, err)
					must(t, db.Update(func(tx *bolt.Tx) error {
						b, err := tx.CreateBucket([]byte("things"))
						if err != nil {
							return err
						}
						return b.Put([]byte("k"), []byte("v"))
					}))
					must(t, db.Close())
				} else {
					must(t, os.WriteFile(path, content, 0o600))
				}
				before := mustRead(t, path)
				_, err := store.Open(path)
				mustIs(t, err, store.ErrNotCairn)
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				if !bytes.Equal(mustRead(t, path), before) {
					t.Error("file changed")
				}
			})
		}
	})
	t.Run("ErrNewerSchema", func(t *testing.T) {
		t.Parallel()
		s := MustOpen(t)
		must(t, s.Close())
		must(t, store.SetSchemaVersion(s.Path(), 99))
		before := mustRead(t, s.Path())
		_, err := store.Open(s.Path())
		mustIs(t, err, store.ErrNewerSchema)
		if !strings.Contains(err.Error(), "99") || !strings.Contains(err.Error(), s.Path()) {
			t.Errorf("error %q should name the file and the version", err)
		}
		if !bytes.Equal(mustRead(t, s.Path()), before) {
			t.Error("file changed")
		}
	})
	t.Run("ErrClosed", func(t *testing.T) {
		t.Parallel()
		ctx := t.Context()
		s := MustOpen(t)
		must(t, s.Close())
		must(t, s.Close())
		_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1"})
		mustIs(t, err, store.ErrClosed)
		_, err = s.Member(ctx, "U1")
		mustIs(t, err, store.ErrClosed)
		_, err = s.MemberView(ctx, "U1")
		mustIs(t, err, store.ErrClosed)
	})
	t.Run("Context done", func(t *testing.T) {
		t.Parallel()
		s := MustOpen(t)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", State: json.RawMessage(`{}`)})
		mustIs(t, err, context.Canceled)
		_, err = s.Conversation(t.Context(), "U1")
		mustIs(t, err, store.ErrNotFound)
	})
}

// Not parallel: it changes the package's migration list.
func TestOpen_migration(t *testing.T) {
	ctx := t.Context()
	s := MustOpen(t)
	must(t, s.SaveMember(ctx, store.Member{ID: "U1", Name: "Ana"}))
	must(t, s.Close())
	path := s.Path()
	v, err := store.SchemaVersion(path)
	must(t, err)
	mustEqual(t, "version", v, uint64(1))

	t.Run("Failing migration changes nothing", func(t *testing.T) {
		remove := store.AddMigration(func(tx *bolt.Tx) error {
			if _, err := tx.CreateBucket([]byte("half")); err != nil {
				return err
			}
			return errors.New("disk says no")
		})
		defer remove()
		before := mustRead(t, path)
		_, err := store.Open(path)
		if err == nil || !strings.Contains(err.Error(), "migrate schema 1 to 2") {
			t.Fatalf("error %v", err)
		}
		if !bytes.Equal(mustRead(t, path), before) {
			t.Error("file changed")
		}
	})

	runs := 0
	remove := store.AddMigration(func(tx *bolt.Tx) error {
		runs++
		// Rename every member, as a real migration would rewrite records.
		b := tx.Bucket([]byte("members"))
		return b.ForEach(func(k, v []byte) error {
			return b.Put(k, bytes.Replace(v, []byte(`"Ana"`), []byte(`"ANA"`), 1))
		})
	})
	s = mustOpenPath(t, path)
	m, err := s.Member(ctx, "U1")
	must(t, err)
	mustEqual(t, "migrated name", m.Name, "ANA")
	s = reopen(t, s)
	must(t, s.Close())
	mustEqual(t, "migration runs", runs, 1)
	v, err = store.SchemaVersion(path)
	must(t, err)
	mustEqual(t, "version", v, uint64(2))

	// A build without that migration now finds the file too new.
	remove()
	_, err = store.Open(path)
	mustIs(t, err, store.ErrNewerSchema)
}

// Not parallel: it sets environment variables.
func TestDefaultPath(t *testing.T) {
	t.Setenv("HOME", "/home/ana")
	t.Setenv("XDG_DATA_HOME", "/data")
	mustEqual(t, "XDG", store.DefaultPath(), "/data/cairn/cairn.db")
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	mustEqual(t, "home", store.DefaultPath(), "/home/ana/.local/share/cairn/cairn.db")
	t.Setenv("XDG_DATA_HOME", "")
	mustEqual(t, "home", store.DefaultPath(), "/home/ana/.local/share/cairn/cairn.db")
	t.Setenv("HOME", "")
	mustEqual(t, "no home", store.DefaultPath(), "cairn.db")
}

func TestStore_ApplyTurn_EventID(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	turn := store.Turn{MemberID: "U1", State: json.RawMessage(`{"stage":"why"}`), EventID: "Ev9", At: t0}
	_, err := s.ApplyTurn(ctx, turn)
	must(t, err)
	seen, err := s.SeenEvent(ctx, "Ev9")
	must(t, err)
	mustEqual(t, "seen after the turn", seen, true)

	// Slack's retry of the same event: refused, and the state it carried is not stored.
	turn.State = json.RawMessage(`{"stage":"support"}`)
	_, err = s.ApplyTurn(ctx, turn)
	mustIs(t, err, store.ErrDuplicate)
	c, err := s.Conversation(ctx, "U1")
	must(t, err)
	mustEqual(t, "state", string(c.State), `{"stage":"why"}`)

	// The mark survives a restart and can be pruned like MarkEvent's.
	s = reopen(t, s)
	first, err := s.MarkEvent(ctx, "Ev9", t0)
	must(t, err)
	mustEqual(t, "first after reopen", first, false)
	n, err := s.PruneEvents(ctx, t0.Add(time.Second))
	must(t, err)
	mustEqual(t, "pruned", n, 1)
}

func TestStore_ConversationInView(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	state := `{"v":2,"flow":"goal","stage":"why","goal":{"text":"a \"quoted\" goal, with ,\"updated_at\": inside 🎣"}}`
	_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U\"1", State: json.RawMessage(state), At: t0})
	must(t, err)
	v, err := s.MemberView(ctx, "U\"1")
	must(t, err)
	if v.Conversation == nil || string(v.Conversation.State) != state || v.Conversation.MemberID != "U\"1" || !v.Conversation.UpdatedAt.Equal(t0) {
		t.Fatalf("conversation in view = %+v", v.Conversation)
	}
	c, err := s.Conversation(ctx, "U\"1")
	must(t, err)
	mustEqual(t, "state", string(c.State), state)
}

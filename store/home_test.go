package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// TestStore_Rosters: one read gives each member's record, goals with their
// steps, and the check-ins since a time, in the order asked; a member with
// no record yet is there by ID; another member whose ID starts the same is
// not mixed in.
func TestStore_Rosters(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	if err := s.SaveMember(ctx, store.Member{ID: "U1", Name: "Ana"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveMember(ctx, store.Member{ID: "U10", Name: "Not Ana"}); err != nil {
		t.Fatal(err)
	}
	gid, err := s.SaveGoal(ctx, store.Goal{MemberID: "U1", Text: "a job", Status: store.GoalActive})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveStep(ctx, store.Step{GoalID: gid, MemberID: "U1", What: "resume", Due: t0, Owner: store.OwnerMe}); err != nil {
		t.Fatal(err)
	}
	week := 7 * 24 * time.Hour
	// A goal let go long ago is left out; one reached this week is not.
	if _, err := s.SaveGoal(ctx, store.Goal{MemberID: "U1", Text: "an old goal", Status: store.GoalDropped, UpdatedAt: t0.Add(-20 * week)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveGoal(ctx, store.Goal{MemberID: "U1", Text: "reached", Status: store.GoalDone, UpdatedAt: t0.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		for _, m := range []string{"U1", "U10"} {
			if _, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: m, SessionAt: t0.Add(-time.Duration(i) * week)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	since := t0.Add(-2 * week)
	rs, err := s.Rosters(ctx, []string{"U9", "U1"}, since)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].ID != "U9" || rs[1].ID != "U1" {
		t.Fatalf("rosters = %+v, want U9 then U1", rs)
	}
	if rs[0].Member.ID != "U9" || rs[0].Member.Name != "" || len(rs[0].Goals) != 0 || len(rs[0].CheckIns) != 0 {
		t.Errorf("a member with no record: %+v", rs[0])
	}
	ana := rs[1]
	if ana.Member.Name != "Ana" || len(ana.Goals) != 2 || len(ana.Goals[0].Steps) != 1 || ana.Goals[0].Steps[0].What != "resume" || ana.Goals[1].Goal.Text != "reached" {
		t.Errorf("Ana's roster: %+v", ana)
	}
	if len(ana.CheckIns) != 3 {
		t.Fatalf("%d check-ins since %v, want 3 (this week's and the two before)", len(ana.CheckIns), since)
	}
	for i, c := range ana.CheckIns {
		if c.MemberID != "U1" || c.SessionAt.Before(since) || i > 0 && c.SessionAt.Before(ana.CheckIns[i-1].SessionAt) {
			t.Errorf("check-in %d: %+v (want Ana's, oldest first, none before %v)", i, c, since)
		}
	}
}

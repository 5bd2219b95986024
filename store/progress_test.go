package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// weekly are three Tuesday sessions at 18:00 UTC.
var weekly = []time.Time{
	time.Date(2026, 6, 2, 18, 0, 0, 0, time.UTC),
	time.Date(2026, 6, 9, 18, 0, 0, 0, time.UTC),
	time.Date(2026, 6, 16, 18, 0, 0, 0, time.UTC),
}

// progressGroup: Ana shares all, Ben his steps, Cy only that he checked in;
// each has a goal, steps done before the second session and due at the
// third, and a check-in for the second session with words of their own,
// one answer kept just for them.
func progressGroup(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, id := range []string{"UANA", "UBEN", "UCY"} {
		if err := s.SaveMember(ctx, store.Member{ID: id, Name: "name-" + id}); err != nil {
			t.Fatal(err)
		}
		gid, err := s.SaveGoal(ctx, store.Goal{MemberID: id, Text: "goal", Status: store.GoalActive})
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []store.Step{
			{What: "a", Due: time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC), DoneAt: weekly[1].Add(-2 * time.Hour)},
			{What: "b", Due: time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC), DoneAt: weekly[1].Add(-time.Hour)},
			{What: "c", Due: time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)},
		} {
			st.GoalID = gid
			if _, err := s.SaveStep(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
		_, err = s.SaveCheckIn(ctx, store.CheckIn{MemberID: id, GroupID: "CG", SessionAt: weekly[1],
			Did: "=HYPERLINK(\"x\") did-" + id, Barrier: "barrier-" + id, Plan: "plan-" + id, Private: []string{"barrier"}})
		if err != nil {
			t.Fatal(err)
		}
		// Another group's check-in, in the third session's window: not this group's.
		if _, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: id, GroupID: "COTHER", SessionAt: weekly[2]}); err != nil {
			t.Fatal(err)
		}
	}
	err := s.SaveGroup(ctx, store.Group{ID: "CG", Name: "Tuesday", TZ: "Asia/Tokyo", Members: []string{"UANA", "UBEN", "UCY"},
		Sharing: map[string]store.Sharing{"UANA": store.ShareAll, "UBEN": store.ShareSteps, "UCY": store.ShareCheckedIn}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStore_GroupProgress(t *testing.T) {
	s := MustOpen(t)
	progressGroup(t, s)
	p, err := s.GroupProgress(context.Background(), "CG", store.ProgressQuery{Sessions: weekly})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 9 || len(p.Sessions) != 3 || p.GroupName != "Tuesday" {
		t.Fatalf("progress %+v", p)
	}
	row := func(member string, i int) store.ProgressRow {
		r := p.Rows[map[string]int{"UANA": 0, "UBEN": 3, "UCY": 6}[member]+i]
		if r.MemberID != member || !r.Session.Equal(weekly[i]) {
			t.Fatalf("row order: %+v", r)
		}
		return r
	}
	t.Run("Windows", func(t *testing.T) {
		for i, want := range []struct {
			checked       bool
			done, planned int
		}{{false, 0, 0}, {true, 2, 2}, {false, 0, 1}} {
			r := row("UBEN", i)
			if r.CheckedIn != want.checked || r.Done() != want.done || r.Planned() != want.planned {
				t.Errorf("session %d: %+v, want %+v", i, r, want)
			}
		}
	})
	t.Run("ShareAll", func(t *testing.T) {
		r := row("UANA", 1)
		if !strings.Contains(r.Did, "did-UANA") || r.Plan != "plan-UANA" || r.Done() != 2 {
			t.Errorf("row %+v", r)
		}
		if r.Barrier != "" {
			t.Errorf("an answer kept just for her is shown: %q", r.Barrier)
		}
	})
	t.Run("ShareSteps", func(t *testing.T) {
		r := row("UBEN", 1)
		if r.Did != "" || r.Plan != "" || r.Barrier != "" || r.StepsDone == nil {
			t.Errorf("row %+v", r)
		}
	})
	t.Run("ShareCheckedIn", func(t *testing.T) {
		r := row("UCY", 1)
		if !r.CheckedIn || r.StepsDone != nil || r.StepsPlanned != nil || r.Did != "" {
			t.Errorf("row %+v", r)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.GroupProgress(context.Background(), "CNONE", store.ProgressQuery{}); !isNotFound(err) {
			t.Errorf("err %v", err)
		}
	})
}

func isNotFound(err error) bool {
	return err != nil && strings.Contains(err.Error(), store.ErrNotFound.Error())
}

// TestStore_GroupProgressSessionsFromCheckIns: without a schedule, the
// sessions are those the group's check-ins were made for; Since and Last
// select among them.
func TestStore_GroupProgressSessionsFromCheckIns(t *testing.T) {
	s := MustOpen(t)
	progressGroup(t, s)
	ctx := context.Background()
	// Started on their own, in no other group as a member: counts for CG.
	if _, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: "UANA", SessionAt: weekly[0]}); err != nil {
		t.Fatal(err)
	}
	p, err := s.GroupProgress(ctx, "CG", store.ProgressQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sessions) != 2 || !p.Sessions[0].Equal(weekly[0]) || !p.Sessions[1].Equal(weekly[1]) {
		t.Fatalf("sessions %v", p.Sessions)
	}
	if !p.Rows[0].CheckedIn || p.Rows[2].CheckedIn {
		t.Errorf("rows %+v", p.Rows[:4])
	}
	// In a second group too, the same check-in could be for either: it counts for none.
	if err := s.SaveGroup(ctx, store.Group{ID: "C2", Name: "Other", Members: []string{"UANA"}}); err != nil {
		t.Fatal(err)
	}
	p, err = s.GroupProgress(ctx, "CG", store.ProgressQuery{Sessions: weekly})
	if err != nil {
		t.Fatal(err)
	}
	if p.Rows[0].CheckedIn {
		t.Errorf("a check-in of a member in two groups counted for one: %+v", p.Rows[0])
	}
	p, err = s.GroupProgress(ctx, "CG", store.ProgressQuery{Sessions: weekly, Since: weekly[1], Last: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sessions) != 1 || !p.Sessions[0].Equal(weekly[2]) {
		t.Errorf("Since and Last: %v", p.Sessions)
	}
}

func TestStore_MemberProgress(t *testing.T) {
	s := MustOpen(t)
	progressGroup(t, s)
	p, err := s.MemberProgress(context.Background(), "UCY", store.ProgressQuery{Sessions: weekly})
	if err != nil {
		t.Fatal(err)
	}
	// Their own: steps counted although the group sees none, every group's check-ins.
	if p.FinishedSteps != 2 || len(p.Rows) != 3 || p.Rows[1].Done() != 2 || !p.Rows[2].CheckedIn {
		t.Fatalf("progress %+v", p)
	}
	p, err = s.MemberProgress(context.Background(), "UCY", store.ProgressQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sessions) != 2 {
		t.Errorf("sessions from their check-ins: %v", p.Sessions)
	}
}

func TestProgress_WriteCSV(t *testing.T) {
	s := MustOpen(t)
	progressGroup(t, s)
	p, err := s.GroupProgress(context.Background(), "CG", store.ProgressQuery{Sessions: weekly})
	if err != nil {
		t.Fatal(err)
	}
	p.Rows[0].Name = "-2+3" // a name a spreadsheet would compute
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 10 || strings.Join(recs[0], ",") != strings.Join(store.ProgressColumns, ",") {
		t.Fatalf("csv %q", recs)
	}
	col := func(rec []string, name string) string {
		for i, c := range store.ProgressColumns {
			if c == name {
				return rec[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if got := col(recs[1], "name"); got != "'-2+3" {
		t.Errorf("name %q: a formula cell is not defused", got)
	}
	ana := recs[2]
	if got := col(ana, "did"); !strings.HasPrefix(got, "'=HYPERLINK") {
		t.Errorf("did %q: a formula cell is not defused", got)
	}
	// 18:00 UTC on Tuesday is Wednesday in Tokyo, the group's zone.
	if col(ana, "session_date") != "2026-06-10" || col(ana, "session") != "2026-06-09T18:00:00Z" {
		t.Errorf("Ana's session %q, %q", col(ana, "session"), col(ana, "session_date"))
	}
	if col(ana, "checked_in") != "true" || col(ana, "steps_done") != "2" || col(ana, "plan") != "plan-UANA" {
		t.Errorf("Ana's row %q", ana)
	}
	cy := recs[8]
	if col(cy, "checked_in") != "true" || col(cy, "steps_done") != "" || col(cy, "did") != "" {
		t.Errorf("Cy's row shows more than he shares: %q", cy)
	}
	all := strings.Join(flat(recs), "\n")
	for _, secret := range []string{"barrier-", "did-UBEN", "did-UCY", "plan-UBEN"} {
		if strings.Contains(all, secret) {
			t.Errorf("the export holds %q, which its member does not share", secret)
		}
	}
	var js bytes.Buffer
	if err := p.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back store.Progress
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Rows) != 9 || back.Rows[6].StepsDone != nil {
		t.Errorf("json %v: %s", err, js.Bytes())
	}
}

func flat(recs [][]string) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r...)
	}
	return out
}

// TestProgress_Attendance: a group's rows say whether the member came, as
// the session's recap lists them: yes, no, or nothing when the session has
// no recap or the member keeps their steps to themself.
func TestProgress_Attendance(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	progressGroup(t, s)
	if _, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "CG", Session: weekly[1], By: "UFAC", Attended: []string{"UANA", "UCY"}}, ""); err != nil {
		t.Fatal(err)
	}
	// Another group's recap of the same hour says nothing of this one.
	if _, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "COTHER", Session: weekly[2], By: "UFAC", Attended: []string{"UANA"}}, ""); err != nil {
		t.Fatal(err)
	}
	p, err := s.GroupProgress(ctx, "CG", store.ProgressQuery{Sessions: weekly})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[len(r)-1])
	}
	// Rows: Ana, Ben, Cy, each at the three sessions.
	want := []string{"", "yes", "", "", "no", "", "", "", ""}
	if strings.Join(got, ",") != strings.Join(want, ",") || recs[0][len(recs[0])-1] != "attended" {
		t.Errorf("attended column %q, want %q (header %q)", got, want, recs[0])
	}
	if r := p.Rows[1]; r.Attended == nil || !*r.Attended {
		t.Errorf("Ana's row at the recap's session: %+v", r)
	}
	mine, err := s.MemberProgress(ctx, "UANA", store.ProgressQuery{Sessions: weekly})
	if err != nil {
		t.Fatal(err)
	}
	if mine.Rows[1].Attended != nil {
		t.Errorf("a member's own progress says attended: %+v", mine.Rows[1])
	}
}

// TestProgress_EarlyStepIsPlannedWhereDone: a step done ahead of its day
// counts as planned in the span it was done in (never "1 done of 0
// planned"), and not again in the span of its day.
func TestProgress_EarlyStepIsPlannedWhereDone(t *testing.T) {
	s := MustOpen(t)
	ctx := context.Background()
	if err := s.SaveMember(ctx, store.Member{ID: "UEVE", Name: "Eve"}); err != nil {
		t.Fatal(err)
	}
	gid, err := s.SaveGoal(ctx, store.Goal{MemberID: "UEVE", Text: "goal", Status: store.GoalActive})
	if err != nil {
		t.Fatal(err)
	}
	// Due in the third session's span, done in the second's.
	if _, err := s.SaveStep(ctx, store.Step{GoalID: gid, What: "early", Due: weekly[2].Add(-24 * time.Hour), DoneAt: weekly[1].Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	p, err := s.MemberProgress(ctx, "UEVE", store.ProgressQuery{Sessions: weekly})
	if err != nil {
		t.Fatal(err)
	}
	got := [][2]int{}
	for _, r := range p.Rows {
		got = append(got, [2]int{r.Done(), r.Planned()})
	}
	if want := [][2]int{{0, 0}, {1, 1}, {0, 0}}; !slices.Equal(got, want) {
		t.Errorf("done/planned per session = %v, want %v", got, want)
	}
}

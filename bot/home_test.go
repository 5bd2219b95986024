package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// homeFac is the facilitator of the home tests' groups.
const homeFac = "U0FRAN"

// homeDay is midnight UTC of a day of June 2026, as steps' dates are kept.
func homeDay(d int) time.Time { return time.Date(2026, 6, d, 0, 0, 0, 0, time.UTC) }

// homeTuesday is the 6 PM session, Chicago, of a Tuesday of 2026.
func homeTuesday(month time.Month, d int) time.Time {
	return time.Date(2026, month, d, 18, 0, 0, 0, chicago)
}

// openHome opens user's App Home through the fake Slack and returns the
// blocks it published.
func openHome(h *harness, user string) []json.RawMessage {
	h.t.Helper()
	before := len(h.fake.CallsTo("views.publish"))
	if _, err := h.fake.SendEvent(h.ctx(), fakeslack.AppHomeOpened(user)); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.fake.WaitForCalls(h.ctx(), "views.publish", before+1); err != nil {
		h.t.Fatalf("App Home never published: %v; logs:\n%s", err, h.logs)
	}
	raw, ok := h.fake.HomeView(user)
	if !ok {
		h.t.Fatalf("no App Home for %s", user)
	}
	var v struct{ Blocks []json.RawMessage }
	if err := json.Unmarshal(raw, &v); err != nil {
		h.t.Fatal(err)
	}
	return v.Blocks
}

// homeGolden compares blocks, as indented JSON, with testdata/name.json.
func homeGolden(t *testing.T, name string, blocks []json.RawMessage) {
	t.Helper()
	got, err := json.MarshalIndent(blocks, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".json")
	if bot.UpdateGolden() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run Home -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./bot -run Home -update\ngot:\n%s", path, got)
	}
}

func homeText(blocks []json.RawMessage) string {
	var b strings.Builder
	for _, bl := range blocks {
		b.Write(bl)
		b.WriteByte('\n')
	}
	return b.String()
}

// homeSeeder writes a home test's records straight into the harness's store.
type homeSeeder struct {
	t  *testing.T
	st *store.Store
}

func (s homeSeeder) member(m store.Member) {
	s.t.Helper()
	if m.CreatedAt.IsZero() {
		m.CreatedAt = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	}
	if m.TZ == "" {
		m.TZ = "America/Chicago"
	}
	if err := s.st.SaveMember(context.Background(), m); err != nil {
		s.t.Fatal(err)
	}
}

// goal saves a goal and its steps (a step with a DoneAt is done).
func (s homeSeeder) goal(member, words string, status store.GoalStatus, steps ...store.Step) (uint64, []uint64) {
	s.t.Helper()
	ctx := context.Background()
	id, err := s.st.SaveGoal(ctx, store.Goal{MemberID: member, Text: words, Status: status, CreatedAt: time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		s.t.Fatal(err)
	}
	var ids []uint64
	for _, st := range steps {
		st.GoalID, st.MemberID = id, member
		if st.Owner == "" {
			st.Owner = store.OwnerMe
		}
		sid, err := s.st.SaveStep(ctx, st)
		if err != nil {
			s.t.Fatal(err)
		}
		ids = append(ids, sid)
	}
	return id, ids
}

func (s homeSeeder) checkIn(c store.CheckIn) {
	s.t.Helper()
	if c.CreatedAt.IsZero() {
		c.CreatedAt = c.SessionAt.Add(-2 * time.Hour)
	}
	if _, err := s.st.SaveCheckIn(context.Background(), c); err != nil {
		s.t.Fatal(err)
	}
}

func (s homeSeeder) group(g store.Group) {
	s.t.Helper()
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", chicago)
	if err != nil {
		s.t.Fatal(err)
	}
	g.Schedule, g.ScheduleText, g.TZ = sched.Spec, sched.Text, "America/Chicago"
	if g.CreatedAt.IsZero() {
		g.CreatedAt = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	}
	if err := s.st.SaveGroup(context.Background(), g); err != nil {
		s.t.Fatal(err)
	}
}

// homeFiveMembers is a group of five who share differently, and one person
// invited who has not joined: Ana shares everything and checked in; Ben
// shares steps and has done nothing for weeks; Cal shares only whether she
// checks in; Dee is away; Eva is new and Slack cannot reach her; Fay was
// invited and never said yes.
func homeFiveMembers(s homeSeeder) {
	s.member(store.Member{ID: homeFac, Name: "Fran"})
	s.member(store.Member{ID: "U1ANA", Name: "Ana"})
	s.goal("U1ANA", "Find a part-time job by September", store.GoalActive,
		store.Step{What: "Update my resume", Due: homeDay(5), DoneAt: time.Date(2026, 6, 5, 15, 0, 0, 0, time.UTC)},
		store.Step{What: "Go to the resume workshop", Due: homeDay(12)})
	s.checkIn(store.CheckIn{MemberID: "U1ANA", GroupID: "C0GROUP", SessionAt: homeTuesday(6, 9), Did: "called the job center", Importance: 8, Confidence: 6})
	s.checkIn(store.CheckIn{MemberID: "U1ANA", GroupID: "C0GROUP", SessionAt: homeTuesday(6, 16), StepsDone: []uint64{1}, Plan: "a plan kept private", Private: []string{"plan"}, Importance: 8, Confidence: 7, CreatedAt: june10.Add(-time.Hour)})
	s.member(store.Member{ID: "U2BEN", Name: "Ben"})
	s.goal("U2BEN", "Ben's flat, in his words", store.GoalActive, store.Step{What: "Call the housing office", Due: homeDay(1)})
	s.member(store.Member{ID: "U3CAL", Name: "Cal"})
	s.goal("U3CAL", "Cal's goal, kept to herself", store.GoalActive, store.Step{What: "Cal's step", Due: homeDay(3)})
	s.checkIn(store.CheckIn{MemberID: "U3CAL", GroupID: "C0GROUP", SessionAt: homeTuesday(6, 9), Did: "Cal's words"})
	s.member(store.Member{ID: "U4DEE", Name: "Dee", PausedUntil: time.Date(2026, 6, 30, 5, 0, 0, 0, time.UTC)})
	s.member(store.Member{ID: "U5EVA", Name: "Eva", CreatedAt: time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC),
		Unreachable: "account_inactive", UnreachableAt: time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC)})
	s.member(store.Member{ID: "U6FAY", Name: "Fay"})
	s.goal("U6FAY", "Fay's goal, never joined", store.GoalActive)
	s.group(store.Group{ID: "C0GROUP", Name: "Tuesday group", Facilitators: []string{homeFac},
		Members: []string{"U1ANA", "U2BEN", "U3CAL", "U4DEE", "U5EVA"},
		Invited: []store.Invitation{{Person: "U6FAY", Role: store.RoleMember, By: homeFac}},
		Sharing: map[string]store.Sharing{"U1ANA": store.ShareAll, "U2BEN": store.ShareSteps, "U3CAL": store.ShareCheckedIn}})
}

// TestHome_MemberWithTwoGoals: every active goal is shown with its steps,
// numbered once across goals as in the DM; a goal let go is not; the short
// history stays, and so do [Talk to a person] and the language button.
func TestHome_MemberWithTwoGoals(t *testing.T) {
	h := newHarness(t)
	s := homeSeeder{t, h.st}
	s.member(store.Member{ID: member, Name: "Maria"})
	s.goal(member, "Find a part-time job by September", store.GoalActive,
		store.Step{What: "Update my resume", Due: homeDay(5), DoneAt: time.Date(2026, 6, 5, 15, 0, 0, 0, time.UTC)},
		store.Step{What: "Go to the resume workshop", Due: homeDay(12)})
	s.goal(member, "An old goal I let go", store.GoalDropped, store.Step{What: "A step of the old goal", Due: homeDay(1)})
	s.goal(member, "Fish with my dad twice a month", store.GoalActive,
		store.Step{What: "Buy a fishing licence", Due: homeDay(20), Owner: store.OwnerPerson, OwnerName: "Dad"},
		store.Step{What: "Ask about lessons", Due: homeDay(11), Owner: store.OwnerNavigator})
	s.checkIn(store.CheckIn{MemberID: member, GroupID: "C0GROUP", SessionAt: homeTuesday(6, 9), StepsDone: []uint64{1}, Plan: "the workshop"})
	s.group(store.Group{ID: "C0GROUP", Name: "Tuesday group", Members: []string{member}, Facilitators: []string{homeFac}})

	blocks := openHome(h, member)
	homeGolden(t, "home_two_goals", blocks)
	got := homeText(blocks)
	for _, want := range []string{
		"*Goal 1 of 2:* Find a part-time job", "*Goal 2 of 2:* Fish with my dad",
		"*1.* Update my resume", "*2.* Go to the resume workshop", "*3.* Ask about lessons", "*4.* Buy a fishing licence",
		"Lately", "Talk to a person", `"value":"lang:es"`, "1 of 4 steps done",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("App Home lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "old goal") {
		t.Errorf("App Home shows a goal let go:\n%s", got)
	}
	if strings.Contains(got, "Your group:") {
		t.Errorf("a member who facilitates nothing sees a facilitator's part:\n%s", got)
	}
}

// TestHome_FacilitatorOfFiveWithMixedSharing: a facilitator sees each
// member only as they share — the goal's words only from one who shares
// everything, nothing but "checked in" from one who shares only that, and
// nothing at all of someone who has not joined — with who is stuck (and a
// question to ask), away and unreachable, and every member shown is in
// the audit log.
func TestHome_FacilitatorOfFiveWithMixedSharing(t *testing.T) {
	h := newHarness(t)
	homeFiveMembers(homeSeeder{t, h.st})

	blocks := openHome(h, homeFac)
	homeGolden(t, "home_facilitator_five", blocks)
	got := homeText(blocks)
	for _, want := range []string{
		"Your group: Tuesday group", "*Next session:* Tuesday, June 16 at 6:00 PM — 1 of 4 checked in so far.",
		"*Ana* — ✓ checked in", "Goal: Find a part-time job by September", "steps done of planned, last 4 sessions: 0/0 · 0/0 · 0/0 · 1/1",
		"*Ben* — not checked in yet", "has a goal (keeps its words private)", "no progress for 4 sessions", "“Could the next step be smaller?”",
		"*Cal* — not checked in yet\\n_shares only whether they checked in_",
		"*Dee* — away until Tuesday, June 30",
		"*Eva* — not checked in yet · unreachable on Slack",
		`"action_id":"recap_open"`, `"action_id":"fac_setup"`, `"action_id":"fac_cancel"`, `"value":"C0GROUP"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the facilitator's Home lacks %q:\n%s", want, got)
		}
	}
	for _, never := range []string{"Ben's flat", "Call the housing office", "Cal's", "Fay", "U6FAY", "a plan kept private", "called the job center", "Your cairn"} {
		if strings.Contains(got, never) {
			t.Errorf("the facilitator's Home shows %q, which its member did not share with them:\n%s", never, got)
		}
	}
	// Ben comes first (stuck), then Eva (unreachable), Cal (not yet), Ana, and Dee (away).
	order := []string{"*Ben*", "*Eva*", "*Cal*", "*Ana*", "*Dee*"}
	for i := 1; i < len(order); i++ {
		if strings.Index(got, order[i-1]) > strings.Index(got, order[i]) {
			t.Errorf("%s comes after %s; the most needed come first", order[i-1], order[i])
		}
	}

	entries, err := h.st.Audit(context.Background(), store.AuditFilter{Person: homeFac})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Actor != homeFac || e.GroupID != "C0GROUP" || e.What != "app home" {
			t.Errorf("audit entry %+v", e)
		}
		seen[e.Subject] = true
	}
	for _, m := range []string{"U1ANA", "U2BEN", "U3CAL", "U4DEE", "U5EVA"} {
		if !seen[m] {
			t.Errorf("the audit log does not say %s saw %s", homeFac, m)
		}
	}
	if seen["U6FAY"] {
		t.Error("the audit log says the facilitator saw someone who never joined")
	}
}

// TestHome_MemberAndFacilitator: someone who is both sees their own Home
// and then their group's part.
func TestHome_MemberAndFacilitator(t *testing.T) {
	h := newHarness(t)
	s := homeSeeder{t, h.st}
	homeFiveMembers(s)
	s.member(store.Member{ID: member, Name: "Maria"})
	s.goal(member, "Walk to the park every morning", store.GoalActive, store.Step{What: "Find my shoes", Due: homeDay(11)})
	g, err := h.st.Group(context.Background(), "C0GROUP")
	if err != nil {
		t.Fatal(err)
	}
	g.Facilitators = append(g.Facilitators, member)
	if err := h.st.SaveGroup(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	s.group(store.Group{ID: "C0OTHER", Name: "Thursday peers", Members: []string{member}, Facilitators: []string{"U0ELSE"}})

	blocks := openHome(h, member)
	homeGolden(t, "home_both", blocks)
	got := homeText(blocks)
	own, group := strings.Index(got, "*Goal:* Walk to the park"), strings.Index(got, "Your group: Tuesday group")
	if own < 0 || group < 0 || own > group {
		t.Errorf("App Home should show her own goal, then her group:\n%s", got)
	}
	if strings.Contains(got, "Your group: Thursday peers") {
		t.Errorf("she sees the facilitator's part of a group she is only a member of:\n%s", got)
	}
}

// TestHome_SixtyMembersWithin100Blocks: a big group fits Slack's 100
// blocks as compact lines, the most needed first, and no member is lost.
func TestHome_SixtyMembersWithin100Blocks(t *testing.T) {
	h := newHarness(t)
	s := homeSeeder{t, h.st}
	s.member(store.Member{ID: homeFac, Name: "Fran"})
	var ids []string
	for i := range 60 {
		id := fmt.Sprintf("U%03dM", i)
		ids = append(ids, id)
		s.member(store.Member{ID: id, Name: fmt.Sprintf("Member %02d", i)})
		s.goal(id, "a goal", store.GoalActive, store.Step{What: "a step", Due: homeDay(3)})
		if i%3 == 0 { // a third checked in for the next session
			s.checkIn(store.CheckIn{MemberID: id, GroupID: "C0GROUP", SessionAt: homeTuesday(6, 16), StepsDone: []uint64{1}, CreatedAt: june10.Add(-time.Hour)})
		}
	}
	s.group(store.Group{ID: "C0GROUP", Name: "Big group", Members: ids, Facilitators: []string{homeFac}})

	blocks := openHome(h, homeFac)
	homeGolden(t, "home_facilitator_60", blocks)
	if len(blocks) > 100 {
		t.Fatalf("App Home has %d blocks; Slack takes 100", len(blocks))
	}
	got := homeText(blocks)
	for i := range 60 {
		if !strings.Contains(got, fmt.Sprintf("*Member %02d*", i)) {
			t.Errorf("Member %02d is not in the Home", i)
		}
	}
	// The stuck (those who have not checked in) come before those who did.
	if strings.Index(got, "*Member 01*") > strings.Index(got, "*Member 00*") {
		t.Errorf("a member who checked in comes before one who is stuck:\n%s", got)
	}
}

// TestHome_SpanishFacilitatorAndMember: each reads their own language.
func TestHome_SpanishFacilitatorAndMember(t *testing.T) {
	h := newHarness(t)
	s := homeSeeder{t, h.st}
	homeFiveMembers(s)
	fac, _ := h.st.Member(context.Background(), homeFac)
	fac.Lang = "es-MX"
	s.member(fac)
	s.member(store.Member{ID: member, Name: "Maria", Lang: "es"})

	got := homeText(openHome(h, homeFac))
	for _, want := range []string{"Tu grupo: Tuesday group", "*Próxima sesión:*", "sin avances en 4 sesiones", `"value":"lang:en"`} {
		if !strings.Contains(got, want) {
			t.Errorf("the Spanish facilitator's Home lacks %q:\n%s", want, got)
		}
	}
	got = homeText(openHome(h, member))
	for _, want := range []string{"Tu cairn", "Todavía no tienes una meta", "Hablar con una persona", `"value":"lang:en"`} {
		if !strings.Contains(got, want) {
			t.Errorf("the Spanish member's Home lacks %q:\n%s", want, got)
		}
	}
}

// TestHome_CancelNextSessionButton: the facilitator's button calls the
// next session off and the Home says so; someone else's press changes
// nothing.
func TestHome_CancelNextSessionButton(t *testing.T) {
	h := newHarness(t)
	homeFiveMembers(homeSeeder{t, h.st})
	openHome(h, homeFac)

	publishes := len(h.fake.CallsTo("views.publish"))
	h.sendInteractive(fakeslack.BlockAction("U1ANA", "", "fac_cancel", "C0GROUP", ""))
	h.sendInteractive(fakeslack.BlockAction(homeFac, "", "fac_cancel", "C0GROUP", ""))
	if _, err := h.fake.WaitForCalls(h.ctx(), "views.publish", publishes+1); err != nil {
		t.Fatal(err)
	}
	g, err := h.st.Group(context.Background(), "C0GROUP")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Cancelled) != 1 || !g.Cancelled[0].Equal(homeTuesday(6, 16)) {
		t.Fatalf("cancelled sessions = %v, want only June 16 (a member's press cancels nothing)", g.Cancelled)
	}
	raw, _ := h.fake.HomeView(homeFac)
	for _, want := range []string{"Called off: Tuesday, June 16", "*Next session:* Tuesday, June 23"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("the Home after cancelling lacks %q:\n%s", want, raw)
		}
	}
}

// TestHome_SetupButtonOpensTheGroupForm: for its facilitator only.
func TestHome_SetupButtonOpensTheGroupForm(t *testing.T) {
	h := newHarness(t)
	homeFiveMembers(homeSeeder{t, h.st})
	h.sendInteractive(fakeslack.BlockAction("U1ANA", "", "fac_setup", "C0GROUP", ""))
	h.sendInteractive(fakeslack.BlockAction(homeFac, "", "fac_setup", "C0GROUP", ""))
	opened, err := h.fake.WaitForCalls(h.ctx(), "views.open", 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.fake.WaitIdle(h.ctx()); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.CallsTo("views.open")); n != 1 {
		t.Errorf("%d forms opened, want 1 (the member's press opens none)", n)
	}
	if !strings.Contains(opened[0].Params["view"], "Tuesday group") {
		t.Errorf("the form is not the group's: %s", opened[0].Params["view"])
	}
}

// TestHome_NeverZeroOfZero: a group nobody has joined yet says so, and so
// does one whose members are all away; neither shows "0 of 0". The
// Spanish confirmation of "Cancel next session" reads as a sentence.
func TestHome_NeverZeroOfZero(t *testing.T) {
	h := newHarness(t)
	s := homeSeeder{t, h.st}
	s.member(store.Member{ID: homeFac, Name: "Fran"})
	s.member(store.Member{ID: "U4DEE", Name: "Dee", PausedUntil: time.Date(2026, 6, 30, 5, 0, 0, 0, time.UTC)})
	s.group(store.Group{ID: "C0NEW", Name: "New group", Facilitators: []string{homeFac},
		Invited: []store.Invitation{{Person: "U6FAY", Role: store.RoleMember, By: homeFac}}})
	s.group(store.Group{ID: "C0AWAY", Name: "Summer group", Facilitators: []string{homeFac}, Members: []string{"U4DEE"}})
	got := homeText(openHome(h, homeFac))
	for _, want := range []string{"nobody has joined yet", "everyone is away this time"} {
		if !strings.Contains(got, want) {
			t.Errorf("the Home lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "0 of 0") {
		t.Errorf("the Home says 0 of 0:\n%s", got)
	}
	s.member(store.Member{ID: homeFac, Name: "Fran", Lang: "es"})
	got = homeText(openHome(h, homeFac))
	if !strings.Contains(got, "todavía no ha entrado nadie") || strings.Contains(got, "p. m..") || strings.Contains(got, "0 de 0") {
		t.Errorf("the Spanish Home reads wrong:\n%s", got)
	}
}

package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// homeNav is the navigator of the navigator Home tests.
const homeNav = "U0NORA"

// navConsent asks each member whether nav may be their navigator in the
// group, through the store as Cairn does, and records their answer: yes
// for those in yes, no for the others.
func navConsent(t *testing.T, st *store.Store, groupID, nav string, yes []string, no ...string) {
	t.Helper()
	ctx := context.Background()
	all := append(append([]string{}, yes...), no...)
	if _, _, _, err := st.ProposeNavigator(ctx, groupID, nav, all, homeFac, "propose-"+nav+"-"+groupID); err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		said := strings.Contains(strings.Join(yes, ","), m)
		if _, err := st.AnswerNavigator(ctx, groupID, m, said, "answer-"+m+"-"+groupID); err != nil {
			t.Fatal(err)
		}
	}
}

// homeNavCircle is a group with a navigator, Nora, and the people she may
// or may not see: Ana (shares everything) has a step late and one she gave
// Nora; Ben (shares steps) has one due tomorrow; Cal (shares only whether
// she checks in) missed the last check-in; Dee is away; Eva cannot be
// reached; Gus has nothing today. Fay said no to Nora, Gil said yes and
// then ended it, and Hal said yes to another navigator.
func homeNavCircle(t *testing.T, s homeSeeder, navLang string) (anaNavStep uint64) {
	t.Helper()
	s.member(store.Member{ID: homeFac, Name: "Fran"})
	s.member(store.Member{ID: homeNav, Name: "Nora", Lang: navLang})
	s.member(store.Member{ID: "U0OTTO", Name: "Otto"})
	sessionJune9 := homeTuesday(6, 9)
	checkedIn := func(id string) {
		s.checkIn(store.CheckIn{MemberID: id, GroupID: "C0CIRCLE", SessionAt: sessionJune9, Did: id + "'s words of the check-in"})
	}
	s.member(store.Member{ID: "U1ANA", Name: "Ana"})
	_, steps := s.goal("U1ANA", "Ana's goal: find a part-time job", store.GoalActive,
		store.Step{What: "Ask Sam for coffee", Due: homeDay(8)},
		store.Step{What: "Find Ana a peer group flyer", Due: homeDay(11), Owner: store.OwnerNavigator})
	checkedIn("U1ANA")
	s.member(store.Member{ID: "U2BEN", Name: "Ben"})
	s.goal("U2BEN", "Ben's goal, in his words", store.GoalActive, store.Step{What: "Ben's step, in his words", Due: homeDay(11)})
	checkedIn("U2BEN")
	s.member(store.Member{ID: "U3CAL", Name: "Cal"})
	s.goal("U3CAL", "Cal's goal, kept to herself", store.GoalActive, store.Step{What: "Cal's step, kept to herself", Due: homeDay(1)})
	s.member(store.Member{ID: "U4DEE", Name: "Dee", PausedUntil: time.Date(2026, 6, 30, 5, 0, 0, 0, time.UTC)})
	s.goal("U4DEE", "Dee's goal", store.GoalActive, store.Step{What: "Dee's step", Due: homeDay(8)})
	s.member(store.Member{ID: "U5EVA", Name: "Eva", Unreachable: "account_inactive", UnreachableAt: homeDay(9)})
	checkedIn("U5EVA")
	s.member(store.Member{ID: "U7GUS", Name: "Gus"})
	checkedIn("U7GUS")
	s.member(store.Member{ID: "U6FAY", Name: "Fay"})
	s.goal("U6FAY", "Fay's goal, she said no", store.GoalActive, store.Step{What: "Fay's step", Due: homeDay(8)})
	s.member(store.Member{ID: "U8GIL", Name: "Gil"})
	s.goal("U8GIL", "Gil's goal, he ended his yes", store.GoalActive, store.Step{What: "Gil's step", Due: homeDay(8)})
	s.member(store.Member{ID: "U9HAL", Name: "Hal"})
	s.goal("U9HAL", "Hal's goal, another navigator's", store.GoalActive, store.Step{What: "Hal's step", Due: homeDay(8)})
	members := []string{"U1ANA", "U2BEN", "U3CAL", "U4DEE", "U5EVA", "U6FAY", "U7GUS", "U8GIL", "U9HAL"}
	s.group(store.Group{ID: "C0CIRCLE", Name: "Tuesday circle", Facilitators: []string{homeFac}, Navigators: []string{homeNav, "U0OTTO"},
		Members: members,
		Sharing: map[string]store.Sharing{"U1ANA": store.ShareAll, "U2BEN": store.ShareSteps, "U3CAL": store.ShareCheckedIn, "U4DEE": store.ShareAll}})
	navConsent(t, s.st, "C0CIRCLE", homeNav, []string{"U1ANA", "U2BEN", "U3CAL", "U4DEE", "U5EVA", "U7GUS", "U8GIL"}, "U6FAY")
	navConsent(t, s.st, "C0CIRCLE", "U0OTTO", []string{"U9HAL"})
	if _, err := s.st.EndNavigator(context.Background(), "C0CIRCLE", "U8GIL", "end-gil"); err != nil {
		t.Fatal(err)
	}
	return steps[1]
}

// navNever are words of people who are not Nora's to see, or that their
// members keep from her.
var navNever = []string{"Fay", "U6FAY", "Gil", "U8GIL", "Hal", "U9HAL", "Ben's step", "Ben's goal", "Cal's",
	"words of the check-in", "Ana's goal", "You haven't set a goal yet", "Your group:"}

// TestHomeNav_MembersWhoSaidYes: a navigator's Home shows each member who
// said yes to her, most needed first, as her morning list would (step
// words only from who shares them, a late step, one due soon, a missed
// check-in, away until), who Slack cannot reach, the list's Nudge and
// Done buttons (a Done press from the Home ticks the step off and shows
// the Home again without it), and
// every member shown is in the audit log.
func TestHomeNav_MembersWhoSaidYes(t *testing.T) {
	h := newHarness(t)
	anaNavStep := homeNavCircle(t, homeSeeder{t, h.st}, "")

	blocks := openHome(h, homeNav)
	homeGolden(t, "home_navigator", blocks)
	got := homeText(blocks)
	for _, want := range []string{
		"People you navigate", "chooses what you see",
		"*Ana* (shares everything)", "• “Ask Sam for coffee” was due Monday, June 8", "yours to do: “Find Ana a peer group flyer” by tomorrow, Thursday, June 11",
		"*Ben* (shares: check-ins and steps)\\n• a step due tomorrow, Thursday, June 11",
		"*Cal* (shares: checked in only)\\n• missed the last check-in",
		"*Dee* (shares everything)\\n• away until Tuesday, June 30",
		"*Eva* (shares: check-ins and steps)\\n• Slack can't reach them right now",
		"Nothing due today for Gus.",
		`"value":"` + scheduler.NudgePrefix + `U1ANA"`, `"value":"` + scheduler.NudgePrefix + `U2BEN"`, `"value":"` + scheduler.NudgePrefix + `U3CAL"`,
		`"value":"` + scheduler.NavDonePrefix + "U1ANA:" + strconv.FormatUint(anaNavStep, 10) + `"`,
		`"value":"lang:es"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the navigator's Home lacks %q:\n%s", want, got)
		}
	}
	for _, never := range append(navNever, scheduler.NudgePrefix+"U4DEE", scheduler.NudgePrefix+"U5EVA", scheduler.NudgePrefix+"U7GUS") {
		if strings.Contains(got, never) {
			t.Errorf("the navigator's Home shows %q:\n%s", never, got)
		}
	}
	// Late first (Ana, Cal), then unreachable (Eva), due soon (Ben), away
	// (Dee), and those with nothing today.
	order := []string{"*Ana*", "*Cal*", "*Eva*", "*Ben*", "*Dee*", "for Gus."}
	for i := 1; i < len(order); i++ {
		if strings.Index(got, order[i-1]) > strings.Index(got, order[i]) {
			t.Errorf("%s comes after %s; the most needed come first:\n%s", order[i-1], order[i], got)
		}
	}

	entries, err := h.st.Audit(context.Background(), store.AuditFilter{Person: homeNav})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Actor != homeNav || e.GroupID != "C0CIRCLE" || e.What != "app home" {
			t.Errorf("audit entry %+v", e)
		}
		seen[e.Subject] = true
	}
	for _, m := range []string{"U1ANA", "U2BEN", "U3CAL", "U4DEE", "U5EVA", "U7GUS"} {
		if !seen[m] {
			t.Errorf("the audit log does not say %s saw %s", homeNav, m)
		}
	}
	for _, m := range []string{"U6FAY", "U8GIL", "U9HAL"} {
		if seen[m] {
			t.Errorf("the audit log says the navigator saw %s, who is not hers", m)
		}
	}

	// Done, pressed in the Home, is the list's own action: the step is ticked off.
	doneValue := scheduler.NavDonePrefix + "U1ANA:" + strconv.FormatUint(anaNavStep, 10)
	actionID := homeActionFor(t, blocks, doneValue)
	if _, err := h.fake.SendInteractive(h.ctx(), fakeslack.BlockAction(homeNav, fakeslack.DMChannel(homeNav), actionID, doneValue, "")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		st, err := h.st.Step(context.Background(), anaNavStep)
		return err == nil && st.Done()
	})
	// And her Home is shown again without it, without her opening it.
	waitFor(t, func() bool {
		raw, ok := h.fake.HomeView(homeNav)
		return ok && !strings.Contains(string(raw), scheduler.NavDonePrefix) && strings.Contains(string(raw), "*Ana*")
	})
	if raw, _ := h.fake.HomeView(homeNav); strings.Contains(string(raw), "Find Ana a peer group flyer") {
		t.Errorf("the navigator's step, done, is still in her Home:\n%s", raw)
	}
}

// homeActionFor is the action_id of the Home's button with value.
func homeActionFor(t *testing.T, blocks []json.RawMessage, value string) string {
	t.Helper()
	for _, raw := range blocks {
		var b struct {
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(raw, &b); err != nil {
			t.Fatal(err)
		}
		for _, e := range b.Elements {
			if e.Value == value {
				return e.ActionID
			}
		}
	}
	t.Fatalf("no button with value %q in the Home", value)
	return ""
}

// TestHomeNav_NoOrEndedNeverAppears: a member who said no to the
// navigator, or said yes and then ended it, is never in her Home (nor in
// the audit log as seen by her); one who ends their yes leaves the Home
// the next time it opens.
func TestHomeNav_NoOrEndedNeverAppears(t *testing.T) {
	h := newHarness(t)
	homeNavCircle(t, homeSeeder{t, h.st}, "")

	got := homeText(openHome(h, homeNav))
	if !strings.Contains(got, "*Ana*") || !strings.Contains(got, "*Ben*") {
		t.Fatalf("the navigator's Home lacks the members who said yes:\n%s", got)
	}
	for _, never := range []string{"Fay", "Gil", "Hal"} {
		if strings.Contains(got, never) {
			t.Errorf("the navigator's Home shows %s:\n%s", never, got)
		}
	}
	if _, err := h.st.EndNavigator(context.Background(), "C0CIRCLE", "U2BEN", "end-ben"); err != nil {
		t.Fatal(err)
	}
	got = homeText(openHome(h, homeNav))
	if strings.Contains(got, "Ben") || strings.Contains(got, "U2BEN") {
		t.Errorf("Ben ended his yes and is still in the navigator's Home:\n%s", got)
	}
	entries, err := h.st.Audit(context.Background(), store.AuditFilter{Person: homeNav})
	if err != nil {
		t.Fatal(err)
	}
	bens := 0
	for _, e := range entries {
		switch e.Subject {
		case "U6FAY", "U8GIL", "U9HAL":
			t.Errorf("the audit log says the navigator saw %s", e.Subject)
		case "U2BEN":
			bens++
		}
	}
	if bens != 1 {
		t.Errorf("the audit log has Ben seen %d times; once, before he ended his yes", bens)
	}
}

// TestHomeNav_Spanish: a Spanish navigator reads her part in Spanish, the
// members' own words as they wrote them.
func TestHomeNav_Spanish(t *testing.T) {
	h := newHarness(t)
	homeNavCircle(t, homeSeeder{t, h.st}, "es-MX")

	got := homeText(openHome(h, homeNav))
	for _, want := range []string{
		"Las personas que acompañas", "*Ana* (comparte todo)", "“Ask Sam for coffee” era para",
		"no contó cómo iba antes de la última sesión", "está fuera hasta", "Slack no le llega",
		"Saludar a Ana", "Hecho: Find Ana a peer group flyer", "Hoy nada pendiente con Gus.", `"value":"lang:en"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the Spanish navigator's Home lacks %q:\n%s", want, got)
		}
	}
	for _, english := range []string{"People you navigate", "shares everything", "missed the last check-in", "Nudge Ana"} {
		if strings.Contains(got, english) {
			t.Errorf("the Spanish navigator's Home says %q in English:\n%s", english, got)
		}
	}
}

// TestHomeNav_MemberFacilitatorAndNavigator: someone who is all three sees
// her own part, then the people she navigates, then her group (60 members), within
// Slack's 100 blocks; the 60 people she navigates that do not fit are counted
// ("and N more — see your morning list"), never dropped in silence, and
// only those shown are in the audit log.
func TestHomeNav_MemberFacilitatorAndNavigator(t *testing.T) {
	h := newHarness(t)
	s := homeSeeder{t, h.st}
	s.member(store.Member{ID: member, Name: "Maria"})
	s.goal(member, "Walk to the park every morning", store.GoalActive, store.Step{What: "Find my shoes", Due: homeDay(11)})
	s.group(store.Group{ID: "C0OTHER", Name: "Thursday peers", Members: []string{member}, Facilitators: []string{"U0ELSE"}})

	var big []string
	for i := range 60 {
		id := fmt.Sprintf("U%03dB", i)
		big = append(big, id)
		s.member(store.Member{ID: id, Name: fmt.Sprintf("Member %02d", i)})
	}
	s.group(store.Group{ID: "C0GROUP", Name: "Big group", Members: big, Facilitators: []string{member}})

	var navigated []string
	for i := range 60 {
		id := fmt.Sprintf("U%03dN", i)
		navigated = append(navigated, id)
		s.member(store.Member{ID: id, Name: fmt.Sprintf("Person %02d", i)})
		s.goal(id, "a goal", store.GoalActive, store.Step{What: "a step", Due: homeDay(8)})
	}
	s.group(store.Group{ID: "C0CIRCLE", Name: "Circle", Members: navigated, Navigators: []string{member}, Facilitators: []string{"U0ELSE"}})
	navConsent(t, h.st, "C0CIRCLE", member, navigated)

	blocks := openHome(h, member)
	homeGolden(t, "home_navigator_all_three", blocks)
	if len(blocks) > 100 {
		t.Fatalf("App Home has %d blocks; Slack takes 100", len(blocks))
	}
	got := homeText(blocks)
	for i := range 60 {
		if !strings.Contains(got, fmt.Sprintf("*Member %02d*", i)) {
			t.Errorf("Member %02d of her group is not in the Home", i)
		}
	}
	own, nav, group := strings.Index(got, "*Goal:* Walk to the park"), strings.Index(got, "People you navigate"), strings.Index(got, "Your group: Big group")
	if own < 0 || nav < 0 || group < 0 || own > nav || nav > group {
		t.Errorf("App Home should show her own goal, then the people she navigates, then her group (%d, %d, %d):\n%s", own, nav, group, got)
	}
	shown := map[string]bool{}
	for i := range 60 {
		if strings.Contains(got, fmt.Sprintf("*Person %02d*", i)) {
			shown[navigated[i]] = true
		}
	}
	more := regexp.MustCompile(`…and (\d+) more — see your morning list\.`).FindStringSubmatch(got)
	if more == nil {
		t.Fatalf("the navigator's part is cut without saying so (%d of 60 shown):\n%s", len(shown), got)
	}
	if n, _ := strconv.Atoi(more[1]); n+len(shown) != 60 || len(shown) == 0 {
		t.Errorf("%d shown and %s more; she navigates 60", len(shown), more[1])
	}
	entries, err := h.st.Audit(context.Background(), store.AuditFilter{Person: member})
	if err != nil {
		t.Fatal(err)
	}
	audited := map[string]bool{}
	for _, e := range entries {
		if e.GroupID == "C0CIRCLE" {
			audited[e.Subject] = true
		}
	}
	for _, id := range navigated {
		if audited[id] != shown[id] {
			t.Errorf("%s: shown %v, in the audit log %v", id, shown[id], audited[id])
		}
	}
}

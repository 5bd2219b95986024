package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// answer types a member's answers in their DM, one turn each.
func (w *world) answer(who string, texts ...string) {
	w.t.Helper()
	for _, text := range texts {
		if _, err := w.bot.Runner().Handle(context.Background(), who, conversations.Input{Text: text}, w.clock.Now()); err != nil {
			w.t.Fatal(err)
		}
	}
}

// TestScheduler_CrossGroupHarvest: Ana is in two groups and shares
// everything with both. She answers group B's prompt; group A's
// facilitator's digest, composed before A's session, never shows it.
func TestScheduler_CrossGroupHarvest(t *testing.T) {
	start := time.Date(2026, 6, 14, 8, 0, 0, 0, newYork) // a Sunday
	w := newWorld(t, start)
	tue := weekly(t, "Tuesdays 6pm", newYork)
	mon := weekly(t, "Mondays 6pm", newYork)
	all := map[string]store.Sharing{"UANA": store.ShareAll}
	w.saveGroup(store.Group{ID: "CA", Name: "Group A", Schedule: tue.Spec, ScheduleText: tue.Text, TZ: "America/New_York",
		Members: []string{"UANA"}, Facilitators: []string{"UFA"}, Sharing: all},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York"},
		store.Member{ID: "UFA", Name: "Fay", TZ: "America/New_York"},
		store.Member{ID: "UFB", Name: "Bo", TZ: "America/New_York"})
	w.saveGroup(store.Group{ID: "CB", Name: "Group B", Schedule: mon.Spec, ScheduleText: mon.Text, TZ: "America/New_York",
		Members: []string{"UANA"}, Facilitators: []string{"UFB"}, Sharing: all})
	w.giveGoal("UANA")
	sessionB := time.Date(2026, 6, 15, 18, 0, 0, 0, newYork)
	sessionA := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)

	w.run(sessionB.Add(-23*time.Hour), 15*time.Minute) // B's prompt is out
	const secret = "told my sponsor about the relapse ZEBRA-7731"
	w.answer("UANA", secret, "two meetings", "no thanks", "7", "5")
	c, err := w.st.LastCheckIn(context.Background(), "UANA")
	if err != nil || c.GroupID != "CB" || !c.SessionAt.Equal(sessionB) {
		t.Fatalf("Ana's check-in = %+v, %v; want it for group B's session", c, err)
	}
	w.run(sessionA, 15*time.Minute)

	got := assertOnce(t, w.deliveries())
	digestA, ok := got[store.DeliveryKey(store.DeliverDigest, "CA", sessionA, "UFA")]
	if !ok {
		t.Fatalf("group A's digest was not sent: %v", keys(got))
	}
	if strings.Contains(digestA.text, "ZEBRA") || strings.Contains(digestA.text, "two meetings") {
		t.Fatalf("group A's digest shows what Ana told group B:\n%s", digestA.text)
	}
	if !strings.Contains(digestA.text, "Ana hasn't checked in yet.") {
		t.Errorf("group A's digest should say Ana has not checked in for A:\n%s", digestA.text)
	}
	digestB := got[store.DeliveryKey(store.DeliverDigest, "CB", sessionB, "UFB")]
	if !strings.Contains(digestB.text, "ZEBRA-7731") {
		t.Errorf("group B's digest should show what Ana shares with B:\n%s", digestB.text)
	}
}

// TestScheduler_OwnCheckInGoesToTheOnlyGroup: a check-in the member
// started themself counts for their only group, and for none when they
// are in two.
func TestScheduler_OwnCheckInGoesToTheOnlyGroup(t *testing.T) {
	for _, tc := range []struct {
		name      string
		twoGroups bool
		want      string
	}{
		{"one group", false, "✓ Ana: checked in"},
		{"two groups", true, "Ana hasn't checked in yet."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
			w := newWorld(t, start)
			tue := weekly(t, "Tuesdays 6pm", newYork)
			w.saveGroup(store.Group{ID: "CA", Name: "Group A", Schedule: tue.Spec, ScheduleText: tue.Text, TZ: "America/New_York",
				Members: []string{"UANA"}, Facilitators: []string{"UFA"}},
				store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York"},
				store.Member{ID: "UFA", Name: "Fay", TZ: "America/New_York"})
			if tc.twoGroups {
				w.saveGroup(store.Group{ID: "CB", Name: "Group B", Members: []string{"UANA"}, Facilitators: []string{"UFB"}})
			}
			w.giveGoal("UANA")
			w.answer("UANA", "stop", "check in", "I went to a meeting", "another one", "no thanks", "7", "5")
			c, err := w.st.LastCheckIn(context.Background(), "UANA")
			if err != nil || c.GroupID != "" {
				t.Fatalf("own check-in = %+v, %v", c, err)
			}
			session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
			w.run(session, 15*time.Minute)
			digest := assertOnce(t, w.deliveries())[store.DeliveryKey(store.DeliverDigest, "CA", session, "UFA")].text
			if !strings.Contains(digest, tc.want) {
				t.Fatalf("digest lacks %q:\n%s", tc.want, digest)
			}
		})
	}
}

// TestScheduler_DigestShowsWhatEachShares: each member's line shows only
// what they allow and says so; an answer kept just for me is shown to
// nobody, even with ShareAll; every member shown is in the audit log.
func TestScheduler_DigestShowsWhatEachShares(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
	w := newWorld(t, start)
	tue := weekly(t, "Tuesdays 6pm", newYork)
	w.saveGroup(store.Group{ID: "C1", Name: "Tuesday group", Schedule: tue.Spec, ScheduleText: tue.Text, TZ: "America/New_York",
		Members: []string{"UANA", "UBEN", "UCY", "UDEE"}, Facilitators: []string{"UFAC"},
		Sharing: map[string]store.Sharing{"UBEN": store.ShareCheckedIn, "UCY": store.ShareAll, "UDEE": store.ShareAll}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York"},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "America/New_York"},
		store.Member{ID: "UCY", Name: "Cy", TZ: "America/New_York"},
		store.Member{ID: "UDEE", Name: "Dee", TZ: "America/New_York"},
		store.Member{ID: "UFAC", Name: "Fay", TZ: "America/New_York"})
	for _, id := range []string{"UANA", "UBEN", "UCY", "UDEE"} {
		w.giveGoal(id)
	}
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	w.run(session.Add(-23*time.Hour), 15*time.Minute) // the prompts are out
	prompts := assertOnce(t, w.deliveries())
	for who, line := range map[string]string{
		"UANA": "Your facilitator sees whether you checked in and the steps you finish — change it with /cairn privacy.",
		"UBEN": "Your facilitator sees only whether you checked in",
		"UCY":  "Your facilitator sees what you write here",
	} {
		if p := prompts[store.DeliveryKey(store.DeliverPrompt, "C1", session, who)].text; !strings.Contains(p, line) {
			t.Errorf("%s's prompt lacks %q:\n%s", who, line, p)
		}
	}
	// Ana: step 1 done and her words; Ben: his words; Cy: everything;
	// Dee: everything, her plan kept just for her.
	w.answer("UANA", "1", "call the landlord ANAWORDS", "no thanks", "7", "5")
	w.answer("UBEN", "I called BENWORDS", "rest", "no thanks", "7", "5")
	w.answer("UCY", "I called the clinic CYWORDS", "rest", "no thanks", "7", "5")
	w.answer("UDEE", "I went to a meeting", "DEEPLAN move out of my dealer's street", "Just for me", "no thanks", "7", "5")
	dee, err := w.st.LastCheckIn(context.Background(), "UDEE")
	if err != nil || len(dee.Private) != 1 || dee.Private[0] != "plan" {
		t.Fatalf("Dee's check-in = %+v, %v; want her plan private", dee, err)
	}
	w.run(session, 15*time.Minute)
	digest := assertOnce(t, w.deliveries())[store.DeliveryKey(store.DeliverDigest, "C1", session, "UFAC")].text
	for _, want := range []string{"✓ Ana: 1 step done", "✓ Ben checked in (they share only that).", "Cy: did “I called the clinic CYWORDS”", "Dee: did “I went to a meeting”"} {
		if !strings.Contains(digest, want) {
			t.Errorf("digest lacks %q:\n%s", want, digest)
		}
	}
	for _, not := range []string{"ANAWORDS", "BENWORDS", "DEEPLAN", "✓ Ben:"} {
		if strings.Contains(digest, not) {
			t.Errorf("digest shows %q, which its member did not share:\n%s", not, digest)
		}
	}
	audit, err := w.st.Audit(context.Background(), store.AuditFilter{Person: "UFAC"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range audit {
		if e.Actor != "UFAC" || e.What != "digest" || e.GroupID != "C1" {
			t.Errorf("unexpected entry %+v", e)
		}
		seen[e.Subject] = true
	}
	if len(seen) != 4 {
		t.Errorf("digest audit names %v, want the 4 members", seen)
	}
}

// TestScheduler_NavigatorListShowsWhatEachShares: a navigator's list
// names no step of a member who shares only steps, and nothing but a
// missed check-in of one who shares only that; each member listed is in
// the audit log.
func TestScheduler_NavigatorListShowsWhatEachShares(t *testing.T) {
	start := time.Date(2026, 6, 22, 8, 0, 0, 0, berlin)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", berlin)
	w.saveGroup(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "Europe/Berlin", CreatedAt: start.AddDate(0, 0, -14).UTC(),
		Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}, Navigators: []string{"UNAV"},
		Sharing:     map[string]store.Sharing{"UBEN": store.ShareCheckedIn},
		NavigatorOf: map[string]string{"UANA": "UNAV", "UBEN": "UNAV"}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "Europe/Berlin"},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "Europe/Berlin"},
		store.Member{ID: "UNAV", Name: "Nia", TZ: "Europe/Berlin"})
	due := time.Date(2026, 6, 23, 0, 0, 0, 0, time.UTC)
	for _, id := range []string{"UANA", "UBEN"} {
		if _, err := w.st.ApplyTurn(context.Background(), store.Turn{MemberID: id, At: start,
			Goal:     &store.Goal{Text: "Find a flat", Status: store.GoalActive},
			NewSteps: []store.Step{{What: "Call the HOUSING office", Due: due, Owner: store.OwnerMe}}}); err != nil {
			t.Fatal(err)
		}
	}
	w.run(start.Add(2*time.Hour), 15*time.Minute)
	var list string
	for _, d := range w.deliveries() {
		if d.kind == store.DeliverNudges && d.to == "UNAV" {
			list = d.text
		}
	}
	for _, want := range []string{"Ana (shares: check-ins and steps): a step due", "Ben (shares: checked in only): missed the last check-in"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	if strings.Contains(list, "HOUSING") {
		t.Errorf("list shows a step's words that nobody shared:\n%s", list)
	}
	audit, err := w.st.Audit(context.Background(), store.AuditFilter{Person: "UNAV"})
	if err != nil || len(audit) != 2 || audit[0].What != "navigator list" {
		t.Fatalf("navigator list audit = %+v, %v", audit, err)
	}
}

package scheduler_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// TestScheduler_curiousUser is the attack in issue 9: in his own channel
// Eve sets up a group naming Ana as a member and himself as facilitator
// and navigator. Until Ana joins, nothing of hers reaches him (no digest
// line, no morning list) and she gets no prompt; even after she joins he
// is not her navigator without her yes, and her navigator in her own group
// keeps her.
func TestScheduler_curiousUser(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, berlin)
	w := newWorld(t, start)
	ctx := context.Background()
	sched := weekly(t, "Tuesdays 6pm", berlin)
	// Her own group, joined (as groups saved before invitations were), with
	// Nia as her navigator by her yes.
	w.saveGroup(store.Group{ID: "CHER", Name: "Hers", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "Europe/Berlin",
		Members: []string{"UANA"}, Facilitators: []string{"UFAC"}, Navigators: []string{"UNIA"},
		NavigatorOf: map[string]string{"UANA": "UNIA"}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "Europe/Berlin"},
		store.Member{ID: "UNIA", Name: "Nia", TZ: "Europe/Berlin"},
		store.Member{ID: "UEVE", Name: "Eve", TZ: "Europe/Berlin"})
	w.giveGoal("UANA")
	// What she told her own group, the evening before his group meets.
	if _, err := w.st.SaveCheckIn(ctx, store.CheckIn{MemberID: "UANA", GroupID: "CHER", SessionAt: time.Date(2026, 6, 16, 18, 0, 0, 0, berlin),
		Did: "went to detox", Barrier: "relapsed", Importance: 9, Confidence: 3, CreatedAt: start}); err != nil {
		t.Fatal(err)
	}

	done, err := scheduler.SetUpGroup(ctx, w.st, store.GroupSettings{ID: "CHIS", Name: "His", Schedule: sched.Spec,
		ScheduleText: sched.Text, TZ: "Europe/Berlin", Members: []string{"UANA"}, Facilitators: []string{"UEVE"},
		Navigators: []string{"UEVE"}, By: "UEVE"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(done.Invited) != 1 || done.Invited[0].Person != "UANA" {
		t.Fatalf("Ana should be invited, not added: %+v", done)
	}
	// "/cairn group assign" in his group: she is no member there.
	if _, _, _, err := w.st.ProposeNavigator(ctx, "CHIS", "UEVE", []string{"UANA"}, "UEVE", ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("proposing himself to a non-member: %v", err)
	}
	w.sched.Replan()
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, berlin)
	w.run(session.Add(time.Minute), 15*time.Minute)

	aboutHer := func() []sent {
		var out []sent
		for _, d := range w.deliveries() {
			group := strings.Split(d.key, "|")[1]
			if d.to == "UANA" && group == "CHIS" || d.to == "UEVE" && (strings.Contains(d.text, "Ana") || strings.Contains(d.text, "detox") || strings.Contains(d.text, "relapsed")) {
				out = append(out, d)
			}
		}
		return out
	}
	if got := aboutHer(); len(got) > 0 {
		t.Fatalf("before she joined, his group reached her or showed her: %+v", got)
	}
	sawNia := false
	for _, d := range w.deliveries() {
		sawNia = sawNia || d.kind == store.DeliverNudges && d.to == "UNIA" && strings.Contains(d.text, "Ana")
	}
	if !sawNia {
		t.Fatalf("her own navigator lost her: %+v", w.deliveries())
	}
	if _, err := w.sched.NudgeMember(ctx, "UEVE", "UANA", w.clock.Now()); !errors.Is(err, scheduler.ErrNotTheirMember) {
		t.Fatalf("he could nudge her: %v", err)
	}

	// She joins his group: she gets its prompts now, and the proposal
	// waits for her answer; he is still not her navigator.
	if _, _, err := w.st.JoinGroup(ctx, "CHIS", "UANA", ""); err != nil {
		t.Fatal(err)
	}
	if g, _, _, err := w.st.ProposeNavigator(ctx, "CHIS", "UEVE", []string{"UANA"}, "UEVE", ""); err != nil || g.NavigatorAsked["UANA"] != "UEVE" {
		t.Fatalf("proposal after joining: %+v %v", g, err)
	}
	w.sched.Replan()
	w.run(session.AddDate(0, 0, 6).Add(10*time.Hour), 15*time.Minute) // to Monday morning, past the next prompt
	prompted := false
	for _, d := range w.deliveries() {
		prompted = prompted || d.to == "UANA" && d.kind == store.DeliverPrompt && strings.Contains(d.key, "|CHIS|")
		if d.kind == store.DeliverNudges && d.to == "UEVE" && strings.Contains(d.text, "Ana") {
			t.Fatalf("his morning list shows her without her yes:\n%s", d.text)
		}
	}
	if !prompted {
		t.Fatal("after joining she should get his group's prompt")
	}
	if _, err := w.sched.NudgeMember(ctx, "UEVE", "UANA", w.clock.Now()); !errors.Is(err, scheduler.ErrNotTheirMember) {
		t.Fatalf("he could nudge her without her yes: %v", err)
	}
}

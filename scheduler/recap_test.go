package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// TestScheduler_RecapReminder: after each session with no recap, each of
// the group's facilitators is reminded once, RecapAfter it or when their
// own quiet hours end, in their language; a session whose recap was
// saved in time brings no reminder.
func TestScheduler_RecapReminder(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork) // a Monday
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	w.saveGroup(store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UANA"}, Facilitators: []string{"UFAY", "UFLOR", "ULEO"}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York"},
		store.Member{ID: "UFAY", Name: "Fay", TZ: "America/New_York"},
		store.Member{ID: "UFLOR", Name: "Flor", TZ: "Europe/Madrid", Lang: "es"},
		store.Member{ID: "ULEO", Name: "Leo", TZ: "America/Los_Angeles"})
	first := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	second := first.AddDate(0, 0, 7)
	madrid, la := mustZone("Europe/Madrid"), mustZone("America/Los_Angeles")

	w.run(first.Add(2*time.Hour), 15*time.Minute)
	// Cairn restarts in between: planning again adds nothing.
	w.close()
	w.open()
	w.run(second.Add(-time.Hour), 15*time.Minute)
	// The second session's recap is written on time.
	if _, _, err := w.st.SaveRecap(context.Background(), store.Recap{GroupID: "C1", Session: second, By: "UFAY", Wins: "Ana called her sister"}, ""); err != nil {
		t.Fatal(err)
	}
	w.run(second.Add(24*time.Hour), 15*time.Minute)

	got := assertOnce(t, w.deliveries())
	key := func(who string, session time.Time) string {
		return store.DeliveryKey(store.DeliverRecapDue, "C1", session, who)
	}
	want := map[string]time.Time{
		// 21:00 in New York is in Fay's quiet hours: she hears at 08:00.
		key("UFAY", first): time.Date(2026, 6, 17, 8, 0, 0, 0, newYork),
		// 03:00 in Madrid: Flor hears at 08:00 hers.
		key("UFLOR", first): time.Date(2026, 6, 17, 8, 0, 0, 0, madrid),
		// 18:00 in Los Angeles: Leo hears three hours after the session.
		key("ULEO", first): time.Date(2026, 6, 16, 18, 0, 0, 0, la),
	}
	for k, at := range want {
		d, ok := got[k]
		if !ok {
			t.Fatalf("%s was never sent; sent: %v", k, keys(got))
		}
		if d.at.Before(at) || d.at.Sub(at) >= 15*time.Minute {
			t.Errorf("%s sent at %v, due %v", k, d.at.In(at.Location()), at)
		}
	}
	for _, who := range []string{"UFAY", "UFLOR", "ULEO"} {
		if _, ok := got[key(who, second)]; ok {
			t.Errorf("%s was reminded of a session that has its recap", who)
		}
	}
	if text := got[key("ULEO", first)].text; !strings.Contains(text, "(today, Tuesday, June 16)") {
		t.Errorf("Leo's reminder, the same evening: %q", text)
	}
	if text := got[key("UFAY", first)].text; !strings.Contains(text, "No recap yet for the session of Tuesday group (Tuesday, June 16)") {
		t.Errorf("Fay's reminder: %q", text)
	}
	if text := got[key("UFLOR", first)].text; !strings.Contains(text, "Todavía no hay resumen de la sesión de Tuesday group (martes 16 de junio)") {
		t.Errorf("Flor's reminder is not in her Spanish: %q", text)
	}
}

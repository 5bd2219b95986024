package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

func TestPlanHelpers(t *testing.T) {
	due := time.Date(2026, 6, 18, 0, 0, 0, 0, time.UTC) // Thursday
	step := store.Step{ID: 5, MemberID: "UMIA", What: "ask about the lease", Due: due, HelperID: "UDANA", HelperOK: true}
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	people := map[string]store.Member{"UMIA": {ID: "UMIA", TZ: "America/New_York"}, "UDANA": {ID: "UDANA", TZ: "Europe/Berlin"}}
	for _, tc := range []struct {
		name   string
		step   func(store.Step) store.Step
		people map[string]store.Member
		now    time.Time
		want   time.Time // zero: nothing planned
	}{
		{"HelpersZone", nil, people, now, time.Date(2026, 6, 17, 10, 0, 0, 0, berlin)},
		{"MembersZoneWhenTheHelpersIsUnknown", nil, map[string]store.Member{"UMIA": people["UMIA"]}, now, time.Date(2026, 6, 17, 10, 0, 0, 0, newYork)},
		{"LateTheDayBeforeStillPlanned", nil, people, time.Date(2026, 6, 17, 15, 0, 0, 0, berlin), time.Date(2026, 6, 17, 10, 0, 0, 0, berlin)},
		{"DueToday", nil, people, time.Date(2026, 6, 18, 0, 30, 0, 0, berlin), time.Time{}},
		{"SaidNo", func(s store.Step) store.Step { s.HelperOK = false; return s }, people, now, time.Time{}},
		{"Done", func(s store.Step) store.Step { s.DoneAt = now; return s }, people, now, time.Time{}},
		{"RemindedAlready", func(s store.Step) store.Step { s.HelperRemindedAt = now; return s }, people, now, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := step
			if tc.step != nil {
				st = tc.step(st)
			}
			got := scheduler.PlanHelpers([]store.Step{st}, tc.people, tc.now)
			if tc.want.IsZero() {
				if len(got) != 0 {
					t.Fatalf("planned %+v", got)
				}
				return
			}
			if len(got) != 1 || !got[0].DueAt.Equal(tc.want) || got[0].Recipient != "UDANA" || got[0].Kind != store.DeliverHelper ||
				got[0].Key != store.DeliveryKey(store.DeliverHelper, store.HelperGroup(5), due, "UDANA") {
				t.Fatalf("planned %+v, want one due %v", got, tc.want)
			}
		})
	}
	// Two steps of the same day with the same helper are two reminders.
	other := step
	other.ID = 6
	if got := scheduler.PlanHelpers([]store.Step{step, other}, people, now); len(got) != 2 || got[0].Key == got[1].Key {
		t.Fatalf("planned %+v", got)
	}
}

// helperWorld is Mia (New York), in a group, with a goal whose step is due
// Thursday June 18; Dana (Berlin, Spanish) is the step's helper.
func helperWorld(t *testing.T, helperOK bool) (*world, uint64) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	w.saveGroup(store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UMIA"}},
		store.Member{ID: "UMIA", Name: "Mia", TZ: "America/New_York"},
		store.Member{ID: "UDANA", Name: "Dana", TZ: "Europe/Berlin", Lang: "es"},
	)
	res, err := w.st.ApplyTurn(context.Background(), store.Turn{MemberID: "UMIA", At: w.clock.Now(),
		Goal: &store.Goal{Text: "A place of my own", Why: "my kids", Status: store.GoalActive},
		NewSteps: []store.Step{
			{What: "ask the landlord about the lease", Due: time.Date(2026, 6, 18, 0, 0, 0, 0, time.UTC), Owner: store.OwnerPerson,
				OwnerName: "my sister <@UDANA>", HelperID: "UDANA", HelperOK: helperOK},
			{What: "a secret other step", Due: time.Date(2026, 6, 19, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	steps, err := w.st.Steps(context.Background(), res.GoalID)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range steps {
		if st.HelperID != "" {
			return w, st.ID
		}
	}
	t.Fatal("no step with a helper saved")
	return nil, 0
}

func helperSent(w *world) []sent {
	var out []sent
	for _, d := range w.deliveries() {
		if d.kind == store.DeliverHelper {
			out = append(out, d)
		}
	}
	return out
}

func TestScheduler_HelperGetsOneReminder(t *testing.T) {
	w, id := helperWorld(t, true)
	w.run(time.Date(2026, 6, 19, 12, 0, 0, 0, newYork), 15*time.Minute)
	got := helperSent(w)
	if len(got) != 1 {
		t.Fatalf("helper messages: %+v", got)
	}
	d := got[0]
	if d.to != "UDANA" || !d.at.Equal(time.Date(2026, 6, 17, 10, 0, 0, 0, berlin)) {
		t.Fatalf("sent to %s at %v", d.to, d.at.In(berlin))
	}
	// In Dana's language, naming Mia and this step only.
	if !strings.Contains(d.text, "<@UMIA>") || !strings.Contains(d.text, "ask the landlord about the lease") ||
		!strings.Contains(d.text, "te nombró") || !strings.Contains(d.text, "mañana") {
		t.Fatalf("text %q", d.text)
	}
	for _, secret := range []string{"A place of my own", "my kids", "secret other step"} {
		if strings.Contains(d.text, secret) {
			t.Fatalf("the helper saw %q: %q", secret, d.text)
		}
	}
	st, err := w.st.Step(context.Background(), id)
	if err != nil || st.HelperRemindedAt.IsZero() {
		t.Fatalf("step %+v, %v", st, err)
	}
	// Moved to next week after the reminder: no second one.
	st.Due = time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC)
	if _, err := w.st.SaveStep(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	w.sched.Replan()
	w.run(time.Date(2026, 6, 26, 12, 0, 0, 0, newYork), time.Hour)
	if got := helperSent(w); len(got) != 1 {
		t.Fatalf("reminded twice: %+v", got)
	}
}

func TestScheduler_HelperNotReminded(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		helperOK bool
		change   func(t *testing.T, w *world, id uint64)
	}{
		{"MemberSaidNo", false, nil},
		{"StepDone", true, func(t *testing.T, w *world, id uint64) {
			st, _ := w.st.Step(ctx, id)
			st.DoneAt = w.clock.Now()
			if _, err := w.st.SaveStep(ctx, st); err != nil {
				t.Fatal(err)
			}
		}},
		{"StepDeleted", true, func(t *testing.T, w *world, id uint64) {
			if err := w.st.DeleteStep(ctx, id); err != nil {
				t.Fatal(err)
			}
		}},
		{"YesTakenBack", true, func(t *testing.T, w *world, id uint64) {
			st, _ := w.st.Step(ctx, id)
			st.HelperOK = false
			if _, err := w.st.SaveStep(ctx, st); err != nil {
				t.Fatal(err)
			}
		}},
		{"GoalLetGo", true, func(t *testing.T, w *world, id uint64) {
			st, _ := w.st.Step(ctx, id)
			g, _ := w.st.Goal(ctx, st.GoalID)
			g.Status = store.GoalDropped
			if _, err := w.st.SaveGoal(ctx, g); err != nil {
				t.Fatal(err)
			}
		}},
		{"MemberForgotten", true, func(t *testing.T, w *world, id uint64) {
			if err := w.st.DeleteMemberData(ctx, "UMIA"); err != nil {
				t.Fatal(err)
			}
		}},
		{"MemberLeftSlack", true, func(t *testing.T, w *world, id uint64) {
			if err := w.st.MarkUnreachable(ctx, "UMIA", "account_inactive", w.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}},
		// Named late the evening before: the morning is the due day.
		{"NamedInTheHelpersQuietHours", true, func(t *testing.T, w *world, id uint64) {}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, id := helperWorld(t, tc.helperOK)
			if tc.name == "NamedInTheHelpersQuietHours" {
				w.clock.Set(time.Date(2026, 6, 17, 22, 30, 0, 0, berlin))
			} else {
				// Planned first, changed before it is due.
				w.run(time.Date(2026, 6, 16, 12, 0, 0, 0, newYork), time.Hour)
			}
			if tc.change != nil {
				tc.change(t, w, id)
			}
			w.run(time.Date(2026, 6, 19, 12, 0, 0, 0, newYork), 15*time.Minute)
			if got := helperSent(w); len(got) != 0 {
				t.Fatalf("helper reminded: %+v", got)
			}
		})
	}
}

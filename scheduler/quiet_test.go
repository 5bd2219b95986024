package scheduler_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

var kolkata = mustZone("Asia/Kolkata")

// inQuietHours says whether t falls in the default quiet hours (21:00–08:00) in loc.
func inQuietHours(t time.Time, loc *time.Location) bool {
	h := t.In(loc).Hour()
	return h >= 21 || h < 8
}

// TestScheduler_QuietHoursAtSendTime: whatever made a message late, it
// never goes out in its recipient's quiet hours. It waits for the end of
// them if it is still useful then, else it is skipped.
func TestScheduler_QuietHoursAtSendTime(t *testing.T) {
	for _, tt := range []struct {
		name     string
		schedule string
		group    *time.Location
		member   string // the member's zone
		kind     store.DeliveryKind
		session  time.Time
		downFrom time.Time // Cairn is down from here…
		backAt   time.Time // …until here
		sentAt   time.Time // zero: skipped for quiet hours
	}{
		{
			// The reminder, planned for 20:45 in Kolkata (11:15 in New
			// York), is late: at 17:00 in New York it is 02:30 in Kolkata,
			// and 08:00 there is after the session.
			name: "ReminderAt0230InKolkata", schedule: "Tuesdays 6pm", group: newYork, member: "Asia/Kolkata",
			kind: store.DeliverReminder, session: time.Date(2026, 6, 16, 18, 0, 0, 0, newYork),
			downFrom: time.Date(2026, 6, 16, 10, 0, 0, 0, newYork), backAt: time.Date(2026, 6, 16, 17, 0, 0, 0, newYork),
		},
		{
			// The prompt, due Tuesday 18:00, is late at 23:00: it waits for
			// 08:00, ten hours before the session.
			name: "PromptAt2300InNewYork", schedule: "Wednesdays 6pm", group: newYork, member: "America/New_York",
			kind: store.DeliverPrompt, session: time.Date(2026, 6, 17, 18, 0, 0, 0, newYork),
			downFrom: time.Date(2026, 6, 16, 12, 0, 0, 0, newYork), backAt: time.Date(2026, 6, 16, 23, 0, 0, 0, newYork),
			sentAt: time.Date(2026, 6, 17, 8, 0, 0, 0, newYork),
		},
		{
			// DST: Berlin springs forward that night; the quiet hours end
			// at 08:00 summer time, 06:00 UTC, not nine hours after 23:00.
			name: "BerlinSpringForward", schedule: "Sundays 6pm", group: berlin, member: "Europe/Berlin",
			kind: store.DeliverPrompt, session: time.Date(2026, 3, 29, 18, 0, 0, 0, berlin),
			downFrom: time.Date(2026, 3, 28, 12, 0, 0, 0, berlin), backAt: time.Date(2026, 3, 28, 23, 0, 0, 0, berlin),
			sentAt: time.Date(2026, 3, 29, 8, 0, 0, 0, berlin),
		},
		{
			// DST: New York falls back that night; 08:00 standard time.
			name: "NewYorkFallBack", schedule: "Sundays 6pm", group: newYork, member: "America/New_York",
			kind: store.DeliverPrompt, session: time.Date(2026, 11, 1, 18, 0, 0, 0, newYork),
			downFrom: time.Date(2026, 10, 31, 12, 0, 0, 0, newYork), backAt: time.Date(2026, 10, 31, 23, 0, 0, 0, newYork),
			sentAt: time.Date(2026, 11, 1, 8, 0, 0, 0, newYork),
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, tt.session.Add(-3*24*time.Hour))
			sched := weekly(t, tt.schedule, tt.group)
			r.group(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: tt.group.String(), Members: []string{"UANA"}},
				store.Member{ID: "UANA", TZ: tt.member})
			r.loop(tt.downFrom)
			r.clock.Set(tt.backAt)
			r.loop(tt.backAt.Add(3 * time.Hour))
			key := store.DeliveryKey(tt.kind, "C1", tt.session, "UANA")
			if d := r.delivery(key); !tt.sentAt.IsZero() && (!d.DueAt.Equal(tt.sentAt) || !d.UpdatedAt.Equal(tt.backAt)) {
				// Replanning must not move it back to its planned time, to be held again.
				t.Errorf("held %s: due %v, updated %v; want due %v, held once at %v", tt.kind, d.DueAt, d.UpdatedAt, tt.sentAt, tt.backAt)
			}
			r.loop(tt.session.Add(time.Hour))

			d := r.delivery(key)
			at, sent := r.send.arrivedAt(key)
			loc := mustZone(tt.member)
			for _, c := range r.send.calls {
				if c.method == "Deliver" && inQuietHours(c.at, loc) {
					t.Errorf("%s sent at %v, in quiet hours", c.key, c.at.In(loc))
				}
			}
			if tt.sentAt.IsZero() {
				if sent || d.State != store.DeliverySkipped || d.Reason != "quiet hours" {
					t.Errorf("%s: %s (%q), sent %v; want skipped for quiet hours", tt.kind, d.State, d.Reason, sent)
				}
				return
			}
			if !sent || !at.Equal(tt.sentAt) || d.State != store.DeliverySent {
				t.Errorf("%s: %s (%q), sent at %v; want sent at %v", tt.kind, d.State, d.Reason, at.In(loc), tt.sentAt)
			}
		})
	}
}

// TestScheduler_QuietHoursOnRetryAndNewZone: a retry that falls in quiet
// hours, and a prompt whose member's zone was learned after it was planned,
// wait for the morning too.
func TestScheduler_QuietHoursOnRetryAndNewZone(t *testing.T) {
	t.Run("RetryInBerlin", func(t *testing.T) {
		session := time.Date(2026, 6, 17, 20, 0, 0, 0, berlin) // Wednesday
		r := newRig(t, session.Add(-30*time.Hour))
		sched := weekly(t, "Wednesdays 8pm", berlin)
		r.group(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "Europe/Berlin", Members: []string{"UANA"}},
			store.Member{ID: "UANA", TZ: "Europe/Berlin"})
		back := time.Date(2026, 6, 17, 9, 0, 0, 0, berlin)
		r.send.DeliverFn = func(store.Delivery, int) (bool, error) {
			if r.clock.Now().Before(back) {
				return false, errRefused
			}
			return true, nil
		}
		r.loop(session)
		key := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UANA")
		for _, c := range r.send.callsFor(key) {
			if inQuietHours(c.at, berlin) {
				t.Errorf("retried at %v, in quiet hours", c.at.In(berlin))
			}
		}
		if at, ok := r.send.arrivedAt(key); !ok || at.Sub(back) > time.Hour {
			t.Errorf("prompt arrived %v (%v); want within the hour after 09:00", at.In(berlin), ok)
		}
	})

	t.Run("LongWaitForASlot", func(t *testing.T) {
		session := time.Date(2026, 6, 17, 20, 55, 0, 0, berlin) // the prompt is due Tuesday 20:55
		r := newRig(t, session.Add(-30*time.Hour))
		sched := weekly(t, "Wednesdays 8:55pm", berlin)
		r.group(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "Europe/Berlin", Members: []string{"UANA"}},
			store.Member{ID: "UANA", TZ: "Europe/Berlin"})
		r.loop(session.Add(-24*time.Hour - time.Minute))
		// A large fan-out ahead of it: its rate-limit slot comes at 21:10.
		r.send.SlotFn = func() { r.clock.Set(time.Date(2026, 6, 16, 21, 10, 0, 0, berlin)) }
		r.tick(session.Add(-24 * time.Hour))
		r.send.SlotFn = nil
		key := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UANA")
		if n := r.send.deliverCalls(key); n != 0 {
			t.Errorf("sent at 21:10, in quiet hours")
		}
		if d := r.delivery(key); !d.DueAt.Equal(time.Date(2026, 6, 17, 8, 0, 0, 0, berlin)) {
			t.Errorf("prompt %s, due %v; want held for 08:00", d.State, d.DueAt.In(berlin))
		}
	})

	t.Run("BusyWaitInBerlin", func(t *testing.T) {
		session := time.Date(2026, 6, 17, 20, 40, 0, 0, berlin) // Wednesday; the prompt is due Tuesday 20:40
		r := newRig(t, session.Add(-30*time.Hour))
		sched := weekly(t, "Wednesdays 8:40pm", berlin)
		r.group(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "Europe/Berlin", Members: []string{"UANA"}},
			store.Member{ID: "UANA", TZ: "Europe/Berlin"})
		r.loop(session.Add(-24*time.Hour - 10*time.Minute))
		// She is setting a goal when the prompt falls due: it waits half an
		// hour, which is 21:10, in her quiet hours.
		if _, err := r.runner.Handle(t.Context(), "UANA", conversations.Input{Text: "set a goal"}, r.clock.Now()); err != nil {
			t.Fatal(err)
		}
		r.loop(session)
		key := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UANA")
		if at, ok := r.send.arrivedAt(key); !ok || !at.Equal(time.Date(2026, 6, 17, 8, 0, 0, 0, berlin)) {
			t.Errorf("prompt arrived %v (%v); want 08:00 after her quiet hours", at.In(berlin), ok)
		}
	})

	t.Run("ZoneLearnedAfterPlanning", func(t *testing.T) {
		session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
		r := newRig(t, session.Add(-30*time.Hour))
		tuesdayGroup(t, r, "", "UANA") // zone not known yet: the group's
		r.loop(session.Add(-24*time.Hour - time.Minute))
		// The bot learns she is in Kolkata, where 18:00 in New York is 03:30.
		if err := r.st.SaveMember(t.Context(), store.Member{ID: "UANA", Name: "UANA", TZ: "Asia/Kolkata"}); err != nil {
			t.Fatal(err)
		}
		r.sched.Replan()
		r.loop(session)
		key := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UANA")
		at, ok := r.send.arrivedAt(key)
		if !ok || inQuietHours(at, kolkata) {
			t.Errorf("prompt sent at %v in Kolkata (%v)", at.In(kolkata), ok)
		}
	})
}

// TestScheduler_PromptAndReminderNotTogether: after downtime, a member gets
// the late prompt, not the prompt and its reminder in the same minute.
func TestScheduler_PromptAndReminderNotTogether(t *testing.T) {
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	r := newRig(t, session.Add(-48*time.Hour))
	tuesdayGroup(t, r, "America/New_York", "UANA")
	r.loop(session.Add(-30 * time.Hour))
	r.clock.Set(session.Add(-90 * time.Minute)) // down past both
	r.loop(session.Add(time.Hour))
	prompt := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UANA")
	reminder := store.DeliveryKey(store.DeliverReminder, "C1", session, "UANA")
	if d := r.delivery(prompt); d.State != store.DeliverySent {
		t.Errorf("prompt %s (%q), want sent", d.State, d.Reason)
	}
	if d := r.delivery(reminder); d.State != store.DeliverySkipped || !strings.Contains(d.Reason, "prompt") {
		t.Errorf("reminder %s (%q), want skipped for the late prompt", d.State, d.Reason)
	}
	if n := r.send.deliverCalls(reminder); n != 0 {
		t.Errorf("reminder sent %d times", n)
	}
}

// TestPlanGroup_DigestForAMorningSession: the digest does not go out the
// evening before with the reminders; it waits for the end of the quiet
// hours when that is still before the session.
func TestPlanGroup_DigestForAMorningSession(t *testing.T) {
	for _, tt := range []struct {
		name     string
		schedule string
		loc      *time.Location
		session  time.Time
		want     time.Time
	}{
		{"Berlin0830", "Tuesdays 8:30am", berlin, time.Date(2026, 6, 16, 8, 30, 0, 0, berlin), time.Date(2026, 6, 16, 8, 0, 0, 0, berlin)},
		{"Kolkata0900", "Tuesdays 9am", kolkata, time.Date(2026, 6, 16, 9, 0, 0, 0, kolkata), time.Date(2026, 6, 16, 8, 0, 0, 0, kolkata)},
		// Berlin springs forward in the night before: 08:00 summer time.
		{"BerlinSpringForward", "Sundays 8:30am", berlin, time.Date(2026, 3, 29, 8, 30, 0, 0, berlin), time.Date(2026, 3, 29, 8, 0, 0, 0, berlin)},
		// Quiet hours end at the session itself: the digest can only go earlier.
		{"NewYork0800", "Tuesdays 8am", newYork, time.Date(2026, 6, 16, 8, 0, 0, 0, newYork), time.Date(2026, 6, 15, 20, 45, 0, 0, newYork)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sched := weekly(t, tt.schedule, tt.loc)
			g := store.Group{ID: "C1", Schedule: sched.Spec, TZ: tt.loc.String(), Members: []string{"UANA"}, Facilitators: []string{"UFAC"}}
			people := map[string]store.Member{"UANA": {ID: "UANA", TZ: tt.loc.String()}, "UFAC": {ID: "UFAC", TZ: tt.loc.String()}}
			plan := scheduler.PlanGroup(g, sched, people, tt.session.Add(-48*time.Hour), tt.session)
			var digest, reminder *store.Delivery
			for i, d := range plan {
				if !d.Session.Equal(tt.session) {
					continue
				}
				switch d.Kind {
				case store.DeliverDigest:
					digest = &plan[i]
				case store.DeliverReminder:
					reminder = &plan[i]
				}
			}
			if digest == nil {
				t.Fatalf("no digest planned: %+v", plan)
			}
			if !digest.DueAt.Equal(tt.want) {
				t.Errorf("digest due %v, want %v", digest.DueAt.In(tt.loc), tt.want)
			}
			if reminder != nil && tt.want.After(reminder.DueAt) && !digest.DueAt.After(reminder.DueAt) {
				t.Errorf("digest due %v, not after the reminder at %v", digest.DueAt.In(tt.loc), reminder.DueAt.In(tt.loc))
			}
		})
	}
}

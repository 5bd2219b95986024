package scheduler

import (
	"time"

	"github.com/cairnbot/cairn/store"
)

// Outcome is what would become of a planned delivery.
type Outcome struct {
	store.Delivery
	At   time.Time // when it would go out (zero if not at all)
	Late bool      // it was due before now
	Skip string    // why it would not go out, if it would not
}

// AtSendTime says what Cairn would do with a group's planned deliveries
// (from PlanGroup) if it handled each one at its due time, or at now for
// those already due: the rules Run applies when it sends. A message never
// goes out in its recipient's quiet hours: it waits for their end while it
// is still useful, else it is not sent; and a late prompt goes instead of
// a reminder due with it. members holds the recipients' records (for their
// zones). Deliveries of other groups, or of none, are kept as planned.
func AtSendTime(g store.Group, members map[string]store.Member, plan []store.Delivery, now time.Time) []Outcome {
	quiet := quietOf(g)
	gloc := zone(g.TZ, time.UTC)
	if sched, err := parsedSchedule(g); err == nil && sched.Location() != nil {
		gloc = sched.Location()
	}
	out := make([]Outcome, len(plan))
	prompts := map[string]time.Time{} // recipient and session → when the prompt goes
	for i, d := range plan {
		o := Outcome{Delivery: d, At: d.DueAt, Late: d.DueAt.Before(now)}
		if d.GroupID == g.ID {
			loc := zone(members[d.Recipient].TZ, gloc)
			at, useful := outOfQuiet(d, loc, quiet, later(d.DueAt, now))
			if useful {
				o.At = at
			} else {
				o.At, o.Skip = time.Time{}, "quiet hours"
			}
			if d.Kind == store.DeliverPrompt && o.Skip == "" {
				prompts[d.Recipient+"|"+d.Session.String()] = o.At
			}
		}
		out[i] = o
	}
	for i, o := range out {
		if o.Kind != store.DeliverReminder || o.GroupID != g.ID || o.Skip != "" {
			continue
		}
		// As in reminderReason: a prompt that goes out late, close to (or
		// after) its reminder, is sent instead of it.
		if p, ok := prompts[o.Recipient+"|"+o.Session.String()]; ok && o.At.Sub(p) < minReminderGap/2 {
			out[i].At, out[i].Skip = time.Time{}, "the late prompt goes instead"
		}
	}
	return out
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// RecapAfter is how long after a session its facilitators are reminded,
// if nobody has posted its recap by then: long enough to write it on the
// way home, soon enough that the session is fresh.
const RecapAfter = 3 * time.Hour

// planRecapReminders lists one reminder per facilitator of g for session,
// due RecapAfter it in their zone, or when their quiet hours end. Keyed by
// session and facilitator, so planning it again never adds a second.
func planRecapReminders(g store.Group, session time.Time, members map[string]store.Member, sched Schedule, quiet quietHours) []store.Delivery {
	out := make([]store.Delivery, 0, len(g.Facilitators))
	for _, id := range g.Facilitators {
		loc := zone(members[id].TZ, sched.Location())
		due := session.Add(RecapAfter)
		if quiet.containsTime(due, loc) {
			due = quiet.endAfter(due, loc) // after a session, later is better than sooner
		}
		out = append(out, store.Delivery{
			Key: store.DeliveryKey(store.DeliverRecapDue, g.ID, session, id), Kind: store.DeliverRecapDue, GroupID: g.ID,
			Session: session.UTC(), Recipient: id, DueAt: due.UTC(), State: store.DeliveryPlanned,
		})
	}
	return out
}

// recapReminder is the reminder for d, or nothing (the delivery is then
// skipped) when the session has its recap, or the recipient no longer
// facilitates the group. It is in the facilitator's language.
func (s *Scheduler) recapReminder(ctx context.Context, d store.Delivery, now time.Time) ([]conversations.Reply, error) {
	gr, err := s.group(ctx, d.GroupID)
	if err != nil {
		return nil, err
	}
	if !gr.facilitators[d.Recipient] {
		return nil, nil
	}
	_, err = s.store.Recap(ctx, d.GroupID, d.Session)
	switch {
	case err == nil:
		return nil, nil // written after all: nothing to remind of
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	fac, err := s.store.Member(ctx, d.Recipient)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	lang := conversations.LangOf(fac)
	w := conversations.WordsFor(lang)
	// The session's date is the group's (it meets on Tuesdays), said
	// relative to the facilitator's own today.
	l := d.Session.In(zone(gr.TZ, time.UTC))
	day := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
	name := gr.Name
	if name == "" {
		name = w.RecapYourGroup
	}
	text := fmt.Sprintf(w.RecapReminder, name, conversations.SayDateIn(lang, day, now.In(zone(fac.TZ, zone(gr.TZ, nil)))))
	return []conversations.Reply{{Text: text}}, nil
}

package scheduler

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Timing of what goes out around a session.
const (
	DefaultLead  = 24 * time.Hour // check-in prompt before a session
	ReminderLead = 2 * time.Hour  // reminder to those who have not answered
	DigestLead   = time.Hour      // facilitators' digest
	// Horizon is how far ahead deliveries are planned. Planning is
	// idempotent, so it only needs to cover the next tick comfortably.
	Horizon = 8 * 24 * time.Hour
	// NudgeHour is when a navigator's daily list arrives, in their zone.
	NudgeHour = 9
	// DefaultQuietStart and DefaultQuietEnd bound the hours, in the
	// recipient's zone, when nothing is sent.
	DefaultQuietStart = "21:00"
	DefaultQuietEnd   = "08:00"
	// quietMargin is how long before quiet hours a moved message arrives.
	quietMargin = 15 * time.Minute
)

// clockTime is a time of day in minutes after midnight.
type clockTime int

func parseClock(s string) (clockTime, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("%q is not a time of day like 21:00", s)
	}
	return clockTime(hh*60 + mm), nil
}

// quietHours is a daily span, possibly across midnight, when nobody is disturbed.
type quietHours struct{ start, end clockTime }

func quietOf(g store.Group) quietHours {
	start, err1 := parseClock(orDefault(g.QuietStart, DefaultQuietStart))
	end, err2 := parseClock(orDefault(g.QuietEnd, DefaultQuietEnd))
	if err1 != nil || err2 != nil {
		start, _ = parseClock(DefaultQuietStart)
		end, _ = parseClock(DefaultQuietEnd)
	}
	return quietHours{start, end}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (q quietHours) contains(c clockTime) bool {
	if q.start == q.end {
		return false
	}
	if q.start < q.end {
		return c >= q.start && c < q.end
	}
	return c >= q.start || c < q.end
}

// before moves t, if it falls in quiet hours in loc, to quietMargin before
// the quiet hours began: a prompt goes out earlier, never at 3 a.m.
func (q quietHours) before(t time.Time, loc *time.Location) time.Time {
	local := t.In(loc)
	c := clockTime(local.Hour()*60 + local.Minute())
	if !q.contains(c) {
		return t
	}
	day := local
	if q.start > q.end && c < q.end {
		day = local.AddDate(0, 0, -1) // after midnight: the quiet began the evening before
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), int(q.start)/60, int(q.start)%60, 0, 0, loc)
	return start.Add(-quietMargin)
}

// containsTime says whether t falls in the quiet hours in loc.
func (q quietHours) containsTime(t time.Time, loc *time.Location) bool {
	local := t.In(loc)
	return q.contains(clockTime(local.Hour()*60 + local.Minute()))
}

// endAfter is when the quiet hours that t falls in end, in loc: the same
// morning after midnight, the next morning before it. It is a wall-clock
// time, so a daylight-saving change in the night moves it with the clocks.
func (q quietHours) endAfter(t time.Time, loc *time.Location) time.Time {
	local := t.In(loc)
	day := local
	if q.start > q.end && clockTime(local.Hour()*60+local.Minute()) >= q.start {
		day = local.AddDate(0, 0, 1) // evening: the quiet ends tomorrow
	}
	return time.Date(day.Year(), day.Month(), day.Day(), int(q.end)/60, int(q.end)%60, 0, 0, loc)
}

// digestAt is when a facilitator's digest for session goes out, due at t
// in loc. One that falls in quiet hours waits for their end while that is
// still before the session, so that a morning session's digest comes after
// the members' last chance to answer, not the evening before with their
// reminders; only when the quiet hours end too late does it go earlier.
func (q quietHours) digestAt(t, session time.Time, loc *time.Location) time.Time {
	if !q.containsTime(t, loc) {
		return t
	}
	if end := q.endAfter(t, loc); end.Before(session) {
		return end
	}
	return q.before(t, loc)
}

// zone is a member's Slack time zone, else the fallback (the group's), else UTC.
var zone = conversations.Zone

// PlanGroup lists the deliveries of group g for its sessions in (from, to]:
// a prompt and a reminder for each member, a digest for each facilitator,
// and after the session a recap reminder for each (see recap.go).
// It is pure: members holds the group's member and facilitator records (for
// their zones). Pauses are not applied here but at send time, since a member
// may pause or come back after a message is planned.
func PlanGroup(g store.Group, sched Schedule, members map[string]store.Member, from, to time.Time) []store.Delivery {
	lead := g.Lead
	if lead <= 0 {
		lead = DefaultLead
	}
	quiet := quietOf(g)
	var out []store.Delivery
	for _, session := range sched.Sessions(from, to, 0) {
		if cancelled(g, session) {
			continue
		}
		add := func(kind store.DeliveryKind, recipient string, due time.Time) {
			out = append(out, store.Delivery{
				Key: store.DeliveryKey(kind, g.ID, session, recipient), Kind: kind, GroupID: g.ID,
				Session: session.UTC(), Recipient: recipient, DueAt: due.UTC(), State: store.DeliveryPlanned,
			})
		}
		for _, id := range g.Members {
			loc := zone(members[id].TZ, sched.Location())
			prompt := quiet.before(session.Add(-lead), loc)
			add(store.DeliverPrompt, id, prompt)
			if reminder := quiet.before(session.Add(-ReminderLead), loc); !reminder.Before(prompt.Add(minReminderGap)) {
				add(store.DeliverReminder, id, reminder)
			}
		}
		for _, id := range g.Facilitators {
			add(store.DeliverDigest, id, quiet.digestAt(session.Add(-DigestLead), session, zone(members[id].TZ, sched.Location())))
		}
		out = append(out, planRecapReminders(g, session, members, sched, quiet)...)
	}
	return out
}

func cancelled(g store.Group, session time.Time) bool {
	for _, c := range g.Cancelled {
		if c.Equal(session) {
			return true
		}
	}
	return false
}

// PlanNudges lists a navigator's daily lists for the local days whose
// NudgeHour falls in (from, to].
func PlanNudges(navigator store.Member, from, to time.Time) []store.Delivery {
	loc := zone(navigator.TZ, time.UTC)
	var out []store.Delivery
	day := from.In(loc)
	for d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc); !d.After(to); d = d.AddDate(0, 0, 1) {
		due := time.Date(d.Year(), d.Month(), d.Day(), NudgeHour, 0, 0, 0, loc)
		if !due.After(from) || due.After(to) {
			continue
		}
		date := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		out = append(out, store.Delivery{
			Key: store.DeliveryKey(store.DeliverNudges, "", date, navigator.ID), Kind: store.DeliverNudges,
			Session: date, Recipient: navigator.ID, DueAt: due.UTC(), State: store.DeliveryPlanned,
		})
	}
	return out
}

// ParseQuietHours reads "21:00-08:00" (also with "to" or an en dash).
func ParseQuietHours(s string) (start, end string, ok bool) {
	s = strings.NewReplacer(" to ", "-", "–", "-", " ", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	a, b, found := strings.Cut(s, "-")
	if !found {
		return "", "", false
	}
	ca, err1 := parseClock(a)
	cb, err2 := parseClock(b)
	if err1 != nil || err2 != nil || ca == cb {
		return "", "", false
	}
	return fmt.Sprintf("%02d:%02d", ca/60, ca%60), fmt.Sprintf("%02d:%02d", cb/60, cb%60), true
}

// NextSession is the soonest session, after now, of the groups memberID is a
// member of (zero if none is scheduled). Cancelled sessions are passed over.
func NextSession(groups []store.Group, memberID string, now time.Time) time.Time {
	var next time.Time
	for _, g := range groups {
		if g.Schedule == "" || !slices.Contains(g.Members, memberID) {
			continue
		}
		sched, err := parsedSchedule(g)
		if err != nil {
			continue
		}
		t := sched.Next(now)
		for i := 0; i < 10 && !t.IsZero() && cancelled(g, t); i++ {
			t = sched.Next(t)
		}
		if !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	return next
}

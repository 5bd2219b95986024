package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// NudgePrefix starts the value of a navigator's "send a gentle nudge" button.
const NudgePrefix = "nudge:"

// groupInPass is a group as read once per pass, with its rosters as sets:
// a fan-out to 10,000 members must not decode a 10,000-member group 10,000
// times.
type groupInPass struct {
	store.Group
	members, facilitators map[string]bool
}

// group reads a group at most once per pass (see drain).
func (s *Scheduler) group(ctx context.Context, id string) (*groupInPass, error) {
	s.passMu.Lock()
	defer s.passMu.Unlock()
	if g, ok := s.passGroups[id]; ok {
		return g, nil
	}
	g, err := s.store.Group(ctx, id)
	if err != nil {
		return nil, err
	}
	gp := &groupInPass{Group: g, members: make(map[string]bool, len(g.Members)), facilitators: map[string]bool{}}
	for _, m := range g.Members {
		gp.members[m] = true
	}
	for _, f := range g.Facilitators {
		gp.facilitators[f] = true
	}
	if s.passGroups != nil {
		s.passGroups[id] = gp
	}
	return gp, nil
}

// job is a due delivery that may be sent, with what the check of quiet
// hours at send time needs.
type job struct {
	d     store.Delivery
	loc   *time.Location // the recipient's zone
	quiet quietHours     // their group's, or the defaults
}

// skipReason says why a due delivery should not be sent (empty: send it,
// as j). It only reads; the send itself happens in a worker.
func (s *Scheduler) skipReason(ctx context.Context, d store.Delivery, now time.Time) (reason string, j job, err error) {
	if d.Kind == store.DeliverHelper { // about a step, not a group (helpers.go)
		return s.helperReason(ctx, d, now)
	}
	reason, j.quiet, err = s.skipReasonInGroup(ctx, d)
	if reason != "" || err != nil {
		return reason, job{}, err
	}
	m, err := s.store.Member(ctx, d.Recipient)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", job{}, err
	}
	j.d, j.loc = d, zone(m.TZ, s.groupZone(ctx, d.GroupID))
	switch {
	case !stillUseful(d, now, j.loc):
		return "too late", job{}, nil
	case m.Unreachable != "":
		return "unreachable", job{}, nil // Slack refused them for good; see unreachable
	case d.Kind == store.DeliverNudge && m.PausedUntil.After(now):
		return "away", job{}, nil
	case (d.Kind == store.DeliverPrompt || d.Kind == store.DeliverReminder) && m.PausedUntil.After(d.Session):
		return "away", job{}, nil
	}
	if d.Kind == store.DeliverReminder {
		return s.reminderReason(ctx, d, now, j)
	}
	return "", j, nil
}

// minReminderGap is the least time between a member's prompt and their
// reminder: a reminder sooner than that nags.
const minReminderGap = time.Hour

// reminderReason says why a reminder should not be sent, if it should not.
func (s *Scheduler) reminderReason(ctx context.Context, d store.Delivery, now time.Time, j job) (string, job, error) {
	gr, err := s.group(ctx, d.GroupID)
	if err != nil {
		return "", job{}, err
	}
	answered, err := s.answered(ctx, gr.Group, d.Recipient, d.Session)
	if err != nil {
		return "", job{}, err
	}
	if answered {
		return "answered", job{}, nil
	}
	// After downtime (or a wait for quiet hours, or retries) a prompt may
	// be due with its reminder, or have just gone out. Then the prompt is
	// the one to send: it carries the same check-in, and its words make
	// sense on their own, where "a gentle reminder" of a prompt that never
	// came (or came a minute ago) confuses or nags.
	p, err := s.store.Delivery(ctx, store.DeliveryKey(store.DeliverPrompt, d.GroupID, d.Session, d.Recipient))
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return "", job{}, err
	case p.State == store.DeliveryPlanned || p.State == store.DeliverySending:
		return "the late prompt goes instead", job{}, nil
	case p.State == store.DeliverySent && now.Sub(p.UpdatedAt) < minReminderGap/2:
		return "the prompt went out just before", job{}, nil
	}
	return "", j, nil
}

// skipReasonInGroup is what the recipient's group says of a delivery: why
// not to send it, and the quiet hours that apply.
func (s *Scheduler) skipReasonInGroup(ctx context.Context, d store.Delivery) (string, quietHours, error) {
	quiet := quietOf(store.Group{})
	if d.GroupID == "" {
		return "", quiet, nil
	}
	gr, err := s.group(ctx, d.GroupID)
	if errors.Is(err, store.ErrNotFound) {
		return "group removed", quiet, nil
	}
	if err != nil {
		return "", quiet, err
	}
	g := gr.Group
	quiet = quietOf(g)
	if cancelled(g, d.Session) {
		return "session cancelled", quiet, nil
	}
	if sched, err := parsedSchedule(g); err != nil || !sched.Next(d.Session.Add(-time.Second)).Equal(d.Session) {
		return "schedule changed", quiet, nil // the group no longer meets then
	}
	switch d.Kind {
	case store.DeliverDigest:
		if !gr.facilitators[d.Recipient] {
			return "no longer a facilitator", quiet, nil
		}
	case store.DeliverPrompt, store.DeliverReminder:
		if !gr.members[d.Recipient] {
			return "no longer a member", quiet, nil
		}
	}
	return "", quiet, nil
}

// previousSession is the group's session before session (zero if none in
// the two months before).
func previousSession(g store.Group, session time.Time) time.Time {
	sched, err := parsedSchedule(g)
	if err != nil {
		return time.Time{}
	}
	earlier := sched.Sessions(session.Add(-62*24*time.Hour), session.Add(-time.Second), 0)
	if len(earlier) == 0 {
		return time.Time{}
	}
	return earlier[len(earlier)-1]
}

// schedules caches parsed group schedules by spec: a digest or a list of
// nudges asks for a group's previous session once per member.
var schedules sync.Map // spec + "\x00" + text → Schedule

func parsedSchedule(g store.Group) (Schedule, error) {
	key := g.Schedule + "\x00" + g.ScheduleText
	if s, ok := schedules.Load(key); ok {
		return s.(Schedule), nil
	}
	s, err := FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return Schedule{}, err
	}
	schedules.Store(key, s)
	return s, nil
}

// checkInFor is the member's check-in for group g's session: one made for
// it, or made on their own since the session before. A check-in answers
// for one group only (see belongsTo): what a member tells one group is
// never shown to another.
func (s *Scheduler) checkInFor(ctx context.Context, g store.Group, memberID string, session time.Time) (*store.CheckIn, error) {
	from := previousSession(g, session)
	if from.IsZero() {
		from = session.Add(-31 * 24 * time.Hour)
	}
	cs, err := s.store.CheckIns(ctx, memberID, from.Add(time.Nanosecond), session.Add(time.Nanosecond))
	if err != nil {
		return nil, err
	}
	for i := len(cs) - 1; i >= 0; i-- {
		ok, err := s.belongsTo(ctx, g, cs[i])
		if err != nil {
			return nil, err
		}
		if ok {
			return &cs[i], nil
		}
	}
	return nil, nil
}

// belongsTo reports whether check-in c answers for group g. A check-in
// started by a group's prompt carries that group. One the member started
// themself ("check in") carries none: it counts for their only group, and
// for none when they are in several, since Cairn cannot know which group
// it was meant for, and guessing could show it to the wrong people.
func (s *Scheduler) belongsTo(ctx context.Context, g store.Group, c store.CheckIn) (bool, error) {
	if c.GroupID != "" {
		return c.GroupID == g.ID, nil
	}
	if !slices.Contains(g.Members, c.MemberID) {
		return false, nil
	}
	// Rare (most check-ins come from a prompt), so the groups are read
	// only here.
	groups, err := s.store.Groups(ctx)
	if err != nil {
		return false, err
	}
	n := 0
	for _, other := range groups {
		if slices.Contains(other.Members, c.MemberID) {
			n++
		}
	}
	return n == 1, nil
}

func (s *Scheduler) answered(ctx context.Context, g store.Group, memberID string, session time.Time) (bool, error) {
	c, err := s.checkInFor(ctx, g, memberID, session)
	return c != nil, err
}

// compose makes the message for a delivery, in its reader's language. A
// prompt or reminder opens the check-in conversation, so the member's answer
// lands in the right session.
func (s *Scheduler) compose(ctx context.Context, d store.Delivery, now time.Time) ([]conversations.Reply, error) {
	switch d.Kind {
	case store.DeliverPrompt, store.DeliverReminder:
		return s.prompt(ctx, d, now)
	case store.DeliverDigest:
		return s.digest(ctx, d, now)
	case store.DeliverNudges:
		return s.nudges(ctx, d.Recipient, now)
	case store.DeliverNudge:
		m, err := s.store.Member(ctx, d.Recipient)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		return []conversations.Reply{{Text: wordsOf(m).PromptNudge}}, nil
	case store.DeliverHelper:
		return s.helperReminder(ctx, d, now)
	case store.DeliverRecapDue:
		return s.recapReminder(ctx, d, now)
	}
	return nil, fmt.Errorf("scheduler: unknown delivery kind %q", d.Kind)
}

// prompt is a member's check-in prompt or reminder: when the group meets,
// who sees what they answer, and the check-in's first question.
func (s *Scheduler) prompt(ctx context.Context, d store.Delivery, now time.Time) ([]conversations.Reply, error) {
	gr, err := s.group(ctx, d.GroupID)
	if err != nil {
		return nil, err
	}
	g := gr.Group
	m, err := s.store.Member(ctx, d.Recipient)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	w := wordsOf(m)
	when := sayWhen(w, conversations.LangOf(m), d.Session, now, zone(m.TZ, zone(g.TZ, nil)))
	var intro string
	switch {
	case d.Kind == store.DeliverReminder && g.Name != "":
		intro = fmt.Sprintf(w.PromptReminderNamed, g.Name, when)
	case d.Kind == store.DeliverReminder:
		intro = fmt.Sprintf(w.PromptReminder, when)
	case g.Name != "":
		intro = fmt.Sprintf(w.PromptIntroNamed, g.Name, when)
	default:
		intro = fmt.Sprintf(w.PromptIntro, when)
	}
	intro += "\n" + conversations.WhoSees(w, g.SharingOf(d.Recipient))
	replies, err := s.runner.Start(ctx, d.Recipient, conversations.FlowCheckIn, d.Session, d.GroupID, now)
	if err != nil {
		return nil, err
	}
	return append([]conversations.Reply{{Text: intro}}, replies...), nil
}

// wordsOf is the catalogue in a person's language: a member's own, and a
// facilitator's or navigator's own too (English when they have no record).
func wordsOf(m store.Member) *conversations.Words {
	return conversations.WordsFor(conversations.LangOf(m))
}

// sayWhen is a session time for a person: "today at 6:00 PM", "tomorrow at
// 6:00 PM", "Tuesday, June 16 at 6:00 PM"; "hoy a las 6:00 de la tarde".
func sayWhen(w *conversations.Words, lang conversations.Lang, session, now time.Time, loc *time.Location) string {
	local, today := session.In(loc), now.In(loc)
	part := w.PromptClockMorning
	switch h := local.Hour(); {
	case h >= 19:
		part = w.PromptClockEvening
	case h >= 12:
		part = w.PromptClockAfternoon
	}
	clock := local.Format(w.PromptClockLayout) + " " + part
	at := fmt.Sprintf(w.PromptAtClock, clock)
	if local.Hour()%12 == 1 {
		at = fmt.Sprintf(w.PromptAtOneOClock, clock)
	}
	switch {
	case sameDay(local, today):
		return fmt.Sprintf(w.PromptWhenToday, at)
	case sameDay(local, today.AddDate(0, 0, 1)):
		return fmt.Sprintf(w.PromptWhenTomorrow, at)
	}
	return fmt.Sprintf(w.PromptWhenOn, conversations.SayDateIn(lang, dateOf(local, loc), today), at)
}

// onDate is a date for a person, after a preposition: "tomorrow, Friday,
// June 19", "Tuesday, June 23"; "mañana, viernes 19 de junio", "el martes
// 23 de junio". date is a UTC midnight; now is in the reader's zone.
func onDate(w *conversations.Words, lang conversations.Lang, date, now time.Time) string {
	said := conversations.SayDateIn(lang, date, now)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if d := date.UTC(); sameDay(d, today) || sameDay(d, today.AddDate(0, 0, 1)) {
		return said
	}
	return fmt.Sprintf(w.DigestOnDate, said)
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func dateOf(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// clip shortens a member's words for a one-line summary: one line, then
// conversations.Clip.
func clip(s string, n int) string {
	return conversations.Clip(strings.Join(strings.Fields(s), " "), n)
}

// What the audit log calls the scheduler's reads.
const (
	auditDigest    = "digest"
	auditNavigator = "navigator list"
)

// missedLast is true when the member's group met and the member neither
// checked in for it nor was away.
func (s *Scheduler) missedLast(ctx context.Context, g store.Group, m store.Member, now time.Time) (bool, error) {
	last := previousSession(g, now)
	if last.IsZero() || m.PausedUntil.After(last) {
		return false, nil
	}
	answered, err := s.answered(ctx, g, m.ID, last)
	return !answered, err
}

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

// Words of scheduled messages. Short, warm, never judging.
const (
	sayPromptIntro = "Your group%s meets %s."
	sayReminder    = "A gentle reminder: your group%s meets %s. There's still time to check in — a couple of minutes is enough."
	sayNudge       = "Hi — just thinking of you. How is your goal going? Say \"check in\" whenever you like, or \"help\" for options."
	sayAsk         = "You might ask: \"Is this goal still yours?\" or \"Could the next step be smaller?\""
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

// compose makes the message for a delivery. A prompt or reminder opens the
// check-in conversation, so the member's answer lands in the right session.
func (s *Scheduler) compose(ctx context.Context, d store.Delivery, now time.Time) ([]conversations.Reply, error) {
	switch d.Kind {
	case store.DeliverPrompt, store.DeliverReminder:
		gr, err := s.group(ctx, d.GroupID)
		if err != nil {
			return nil, err
		}
		g := gr.Group
		m, err := s.store.Member(ctx, d.Recipient)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		when := sayWhen(d.Session, now, zone(m.TZ, zone(g.TZ, nil)))
		name := ""
		if g.Name != "" {
			name = " " + g.Name
		}
		intro := fmt.Sprintf(sayPromptIntro, name, when)
		if d.Kind == store.DeliverReminder {
			intro = fmt.Sprintf(sayReminder, name, when)
		}
		intro += "\n" + conversations.WhoSees(conversations.WordsFor(conversations.English), g.SharingOf(d.Recipient))
		replies, err := s.runner.Start(ctx, d.Recipient, conversations.FlowCheckIn, d.Session, d.GroupID, now)
		if err != nil {
			return nil, err
		}
		return append([]conversations.Reply{{Text: intro}}, replies...), nil
	case store.DeliverDigest:
		return s.digest(ctx, d, now)
	case store.DeliverNudges:
		return s.nudges(ctx, d.Recipient, now)
	case store.DeliverNudge:
		return []conversations.Reply{{Text: sayNudge}}, nil
	case store.DeliverRecapDue:
		return s.recapReminder(ctx, d, now)
	}
	return nil, fmt.Errorf("scheduler: unknown delivery kind %q", d.Kind)
}

// sayWhen is a session time for a person: "today at 6:00 PM", "tomorrow at
// 6:00 PM", "Tuesday, June 16 at 6:00 PM".
func sayWhen(session, now time.Time, loc *time.Location) string {
	local, today := session.In(loc), now.In(loc)
	day := conversations.SayDate(time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC), today)
	switch {
	case sameDay(local, today):
		day = "today"
	case sameDay(local, today.AddDate(0, 0, 1)):
		day = "tomorrow"
	}
	return day + " at " + local.Format("3:04 PM")
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// name is how a person is called in a digest: never a raw ID.
func name(m store.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return "a member"
}

// digest tells a facilitator, before the session, who checked in and what
// each member lets them see of it, who has not, who is away, and who has
// made no progress for two sessions in a row — with a question that might
// help. Every member it names is recorded in the audit log as seen by the
// facilitator.
func (s *Scheduler) digest(ctx context.Context, d store.Delivery, now time.Time) ([]conversations.Reply, error) {
	g, err := s.store.Group(ctx, d.GroupID)
	if err != nil {
		return nil, err
	}
	fac, _ := s.store.Member(ctx, d.Recipient)
	members, err := s.store.Members(ctx, g.Members)
	if err != nil {
		return nil, err
	}
	prev := previousSession(g, d.Session)
	var done, notYet, unreachable, away, stuck []string
	for _, m := range members {
		if m.PausedUntil.After(d.Session) {
			away = append(away, fmt.Sprintf("%s (back %s)", name(m), conversations.SayDate(dateOf(m.PausedUntil, zone(fac.TZ, nil)), now)))
			continue
		}
		c, err := s.checkInFor(ctx, g, m.ID, d.Session)
		if err != nil {
			return nil, err
		}
		sharing := g.SharingOf(m.ID)
		switch {
		case c == nil && m.Unreachable != "":
			// Not "not yet": they never got the prompt, and will not.
			unreachable = append(unreachable, name(m))
			continue
		case c == nil:
			notYet = append(notYet, name(m))
		default:
			done = append(done, shared(name(m), *c, sharing))
		}
		if sharing == store.ShareCheckedIn {
			continue // progress is about steps, which they keep to themselves
		}
		noProgress := c == nil || !progress(*c)
		// Two sessions without progress count only if both happened while
		// the member was in the group (a new group has no history).
		if noProgress && !prev.IsZero() && prev.After(g.CreatedAt) && prev.After(m.CreatedAt) {
			before, err := s.checkInFor(ctx, g, m.ID, prev)
			if err != nil {
				return nil, err
			}
			if before == nil || !progress(*before) {
				stuck = append(stuck, name(m))
			}
		}
	}
	var b strings.Builder
	title := "Your group"
	if g.Name != "" {
		title = g.Name
	}
	fmt.Fprintf(&b, "%s meets %s. %d of %d checked in.", title, sayWhen(d.Session, now, zone(fac.TZ, zone(g.TZ, nil))), len(done), len(members)-len(away))
	for _, line := range done {
		b.WriteString("\n" + line)
	}
	if len(notYet) > 0 {
		b.WriteString("\nNot yet: " + strings.Join(notYet, ", "))
	}
	if len(unreachable) > 0 {
		b.WriteString("\nUnreachable on Slack: " + strings.Join(unreachable, ", "))
	}
	if len(away) > 0 {
		b.WriteString("\nAway: " + strings.Join(away, ", "))
	}
	if len(stuck) > 0 {
		b.WriteString("\nNo progress for 2 sessions in a row: " + strings.Join(stuck, ", ") + ". " + sayAsk)
	}
	b.WriteString("\n" + sayDigestSharing)
	seen := make([]store.AuditEntry, 0, len(members))
	for _, m := range members {
		seen = append(seen, store.AuditEntry{At: now, Actor: d.Recipient, Subject: m.ID, GroupID: g.ID, What: auditDigest})
	}
	// Written before the digest goes out: a read that is not recorded must
	// not happen.
	if err := s.store.RecordAudit(ctx, seen...); err != nil {
		return nil, err
	}
	return []conversations.Reply{{Text: b.String()}}, nil
}

// What the audit log calls the scheduler's reads.
const (
	auditDigest    = "digest"
	auditNavigator = "navigator list"
)

// sayDigestSharing ends a digest: why some lines say less than others.
const sayDigestSharing = "Each member chooses what you see of their check-ins."

// shared is one member's check-in line, showing only what they allow:
// "Ana shares: checked in ✓", "Ana shares: checked in ✓, 2 steps done",
// or, with ShareAll, her words (less any she kept just for herself).
func shared(who string, c store.CheckIn, sh store.Sharing) string {
	switch sh {
	case store.ShareAll:
		return "✓ " + who + ": " + summarize(c)
	case store.ShareCheckedIn:
		return "✓ " + who + " shares: checked in ✓"
	}
	line := "✓ " + who + " shares: checked in ✓"
	if n := len(c.StepsDone); n > 0 {
		line += fmt.Sprintf(", %d step%s done", n, plural(n))
	}
	return line
}

func dateOf(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// progress is whether a check-in moved the goal on: steps done, or
// something done in the member's words (kept private or not: a private
// answer is not shown, and not held against them either).
func progress(c store.CheckIn) bool { return len(c.StepsDone) > 0 || strings.TrimSpace(c.Did) != "" }

// summarize is one line of a check-in for the digest. Answers the member
// kept just for themself are left out, whatever they share.
func summarize(c store.CheckIn) string {
	if slices.Contains(c.Private, "did") {
		c.Did = ""
	}
	if slices.Contains(c.Private, "barrier") {
		c.Barrier = ""
	}
	if slices.Contains(c.Private, "plan") {
		c.Plan = ""
	}
	var parts []string
	if c.Did != "" {
		parts = append(parts, "did “"+clip(c.Did, 140)+"”")
	}
	if n := len(c.StepsDone); n > 0 {
		parts = append(parts, fmt.Sprintf("%d step%s done", n, plural(n)))
	}
	if c.Barrier != "" {
		parts = append(parts, "in the way: “"+clip(c.Barrier, 80)+"”")
	}
	if c.Plan != "" {
		parts = append(parts, "plans “"+clip(c.Plan, 140)+"”")
	}
	if c.Importance >= 0 || c.Confidence >= 0 {
		parts = append(parts, fmt.Sprintf("importance %s, confidence %s", ruler(c.Importance), ruler(c.Confidence)))
	}
	if c.Late {
		parts = append(parts, "(late)")
	}
	if len(parts) == 0 {
		return "checked in"
	}
	return strings.Join(parts, " · ")
}

func ruler(n int) string {
	if n < 0 {
		return "–"
	}
	return fmt.Sprintf("%d/10", n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// navigatorOf is member m's navigator in group g: only one the member said
// yes to, with both in the group (see store.Group.NavigatorFor).
func navigatorOf(g store.Group, m store.Member) string {
	return g.NavigatorFor(m.ID)
}

// widest is the more open of two sharing choices: a navigator of a member
// in two groups sees in one list what either group lets them see.
func widest(a, b store.Sharing) store.Sharing {
	rank := map[store.Sharing]int{store.ShareCheckedIn: 0, store.ShareSteps: 1, store.ShareAll: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// nudges is a navigator's daily list: their members' steps due in the next
// two days or overdue, steps the navigator owns, and members who missed the
// last check-in, with a button to send each a gentle nudge. Each member
// shows only what they share: a step's words with ShareAll, that a step is
// due with ShareSteps, and only a missed check-in with ShareCheckedIn.
// Every member listed is recorded in the audit log as seen by the navigator.
func (s *Scheduler) nudges(ctx context.Context, navigatorID string, now time.Time) ([]conversations.Reply, error) {
	nav, err := s.store.Member(ctx, navigatorID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	loc := zone(nav.TZ, time.UTC)
	today := dateOf(now, loc)
	groups, err := s.store.Groups(ctx)
	if err != nil {
		return nil, err
	}
	// A member in two of the navigator's groups is listed once.
	type navigated struct {
		m       store.Member
		groups  []store.Group
		sharing store.Sharing
	}
	var order []string
	byID := map[string]*navigated{}
	for _, g := range groups {
		members, err := s.store.Members(ctx, g.Members)
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			if navigatorOf(g, m) != navigatorID || navigatorID == "" {
				continue
			}
			n, ok := byID[m.ID]
			if !ok {
				n = &navigated{m: m, sharing: g.SharingOf(m.ID)}
				byID[m.ID] = n
				order = append(order, m.ID)
			}
			n.groups = append(n.groups, g)
			n.sharing = widest(n.sharing, g.SharingOf(m.ID))
		}
	}
	var lines []string
	var buttons []conversations.Choice
	var seen []store.AuditEntry
	for _, id := range order {
		n := byID[id]
		m := n.m
		var notes []string
		if n.sharing != store.ShareCheckedIn {
			view, err := s.store.MemberView(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			for _, gs := range view.Goals {
				if gs.Goal.Status != store.GoalActive && gs.Goal.Status != "" {
					continue
				}
				for _, st := range gs.Steps {
					if st.Done() || st.Due.IsZero() {
						continue
					}
					what := "a step"
					if n.sharing == store.ShareAll || st.Owner == store.OwnerNavigator {
						// A step the member gave their navigator is the
						// navigator's to know.
						what = "“" + clip(st.What, 80) + "”"
					}
					due := conversations.SayDate(st.Due, now.In(loc))
					switch days := int(st.Due.Sub(today).Hours() / 24); {
					case st.Owner == store.OwnerNavigator:
						notes = append(notes, fmt.Sprintf("yours to do: %s by %s", what, due))
					case days < 0:
						notes = append(notes, fmt.Sprintf("%s was due %s", what, due))
					case days <= 2:
						notes = append(notes, fmt.Sprintf("%s due %s", what, due))
					}
				}
			}
		}
		for _, g := range n.groups {
			missed, err := s.missedLast(ctx, g, m, now)
			if err != nil {
				return nil, err
			}
			if missed {
				notes = append(notes, "missed the last check-in")
				break
			}
		}
		if len(notes) == 0 {
			continue
		}
		lines = append(lines, "• "+name(m)+" ("+sharesWord(n.sharing)+"): "+strings.Join(notes, "; "))
		buttons = append(buttons, conversations.Choice{Label: "Nudge " + name(m), Value: NudgePrefix + m.ID})
		for _, g := range n.groups {
			seen = append(seen, store.AuditEntry{At: now, Actor: navigatorID, Subject: m.ID, GroupID: g.ID, What: auditNavigator})
		}
	}
	if len(lines) == 0 {
		return nil, nil
	}
	if err := s.store.RecordAudit(ctx, seen...); err != nil {
		return nil, err
	}
	text := "Good morning. For your members today:\n" + strings.Join(lines, "\n") + "\nA nudge is a short, kind message from Cairn; at most one a day each. Each member chooses what you see."
	return []conversations.Reply{{Text: text, Choices: buttons}}, nil
}

// sharesWord says, in a navigator's list, what a member shares.
func sharesWord(sh store.Sharing) string {
	switch sh {
	case store.ShareAll:
		return "shares everything"
	case store.ShareCheckedIn:
		return "shares: checked in only"
	}
	return "shares: check-ins and steps"
}

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

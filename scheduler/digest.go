package scheduler

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// A digest is a list of replies: first its header (one short line of
// plain text, which bot shows as the message's header block), then one a
// section: the title, then a section
// per member — those who may need the facilitator first (stuck,
// unreachable, not yet checked in), then those who checked in, then those
// away — then the steps members would like to practise in the group, and
// a last word on sharing. bot lays the replies out, splitting them across
// messages when they are many: nothing is clipped, so nobody is lost.

// digestMember is what a digest says of one member.
type digestMember struct {
	m        store.Member
	sharing  store.Sharing
	c        *store.CheckIn
	away     bool
	stuck    bool
	reached  []store.Goal // reached since the last session
	practise []store.Step // steps they would like to practise in the group
}

// rank orders a digest: who may need the facilitator first.
func (dm digestMember) rank() int {
	switch {
	case dm.away:
		return 5
	case dm.stuck:
		return 0
	case dm.c == nil && dm.m.Unreachable != "":
		return 1
	case dm.c == nil:
		return 2
	}
	return 3
}

// digest tells a facilitator, before the session, in their language, who
// checked in and what each member lets them see of it, who has not, who is
// away, who reached a goal, which steps members would like to practise, and
// who has made no progress for two sessions in a row — with a question
// that might help. Every member it names is recorded in the audit log as
// seen by the facilitator.
func (s *Scheduler) digest(ctx context.Context, d store.Delivery, now time.Time) ([]conversations.Reply, error) {
	g, err := s.store.Group(ctx, d.GroupID)
	if err != nil {
		return nil, err
	}
	fac, _ := s.store.Member(ctx, d.Recipient)
	lang := conversations.LangOf(fac)
	w := conversations.WordsFor(lang)
	loc := zone(fac.TZ, zone(g.TZ, nil))
	members, err := s.store.Members(ctx, g.Members)
	if err != nil {
		return nil, err
	}
	prev := previousSession(g, d.Session)
	var all []digestMember
	checkedIn, present := 0, 0
	for _, m := range members {
		dm, err := s.digestMember(ctx, g, m, d.Session, prev)
		if err != nil {
			return nil, err
		}
		if !dm.away {
			present++
		}
		if dm.c != nil {
			checkedIn++
		}
		all = append(all, dm)
	}
	// Stable: within a rank, the group's own order.
	slices.SortStableFunc(all, func(a, b digestMember) int { return a.rank() - b.rank() })

	title := g.Name
	if title == "" {
		title = w.DigestYourGroup
	}
	out := []conversations.Reply{
		{Text: fmt.Sprintf(w.DigestHeader, oneLine(title))},
		{Text: fmt.Sprintf(w.DigestTitle, title, sayWhen(w, lang, d.Session, now, loc), checkedIn, present)},
	}
	switch { // never "0 of 0"
	case len(members) == 0:
		out[1].Text = fmt.Sprintf(w.DigestNobody, title, sayWhen(w, lang, d.Session, now, loc))
	case present == 0:
		out[1].Text = fmt.Sprintf(w.DigestAllAway, title, sayWhen(w, lang, d.Session, now, loc))
	}
	heading := -1
	var practise []string
	for _, dm := range all {
		if h := dm.heading(); h != heading {
			heading = h
			out = append(out, conversations.Reply{Text: [...]string{w.DigestNeedsYou, w.DigestCheckedIn, w.DigestAway}[h]})
		}
		out = append(out, conversations.Reply{Text: dm.section(w, lang, now, loc)})
		practise = append(practise, dm.practiseLines(w)...)
	}
	if len(practise) > 0 {
		out = append(out, conversations.Reply{Text: w.DigestToPractise})
		for _, line := range practise {
			out = append(out, conversations.Reply{Text: line})
		}
	}
	out = append(out, conversations.Reply{Text: w.DigestSharingNote})

	seen := make([]store.AuditEntry, 0, len(members))
	for _, m := range members {
		seen = append(seen, store.AuditEntry{At: now, Actor: d.Recipient, Subject: m.ID, GroupID: g.ID, What: auditDigest})
	}
	// Written before the digest goes out: a read that is not recorded must
	// not happen.
	if err := s.store.RecordAudit(ctx, seen...); err != nil {
		return nil, err
	}
	return out, nil
}

// heading is the index of the part of the digest a member is in.
func (dm digestMember) heading() int {
	switch r := dm.rank(); {
	case r < 3:
		return 0
	case r == 3:
		return 1
	}
	return 2
}

// digestMember reads what a digest may say of m for the session.
func (s *Scheduler) digestMember(ctx context.Context, g store.Group, m store.Member, session, prev time.Time) (digestMember, error) {
	dm := digestMember{m: m, sharing: g.SharingOf(m.ID)}
	if m.PausedUntil.After(session) {
		dm.away = true
		return dm, nil
	}
	c, err := s.checkInFor(ctx, g, m.ID, session)
	if err != nil {
		return dm, err
	}
	dm.c = c
	if dm.sharing == store.ShareCheckedIn {
		return dm, nil // goals and steps are what they keep to themselves
	}
	view, err := s.store.MemberView(ctx, m.ID)
	if err != nil {
		return dm, err
	}
	since := prev
	if since.IsZero() {
		since = session.AddDate(0, 0, -7)
	}
	for _, gs := range view.Goals {
		if gs.Goal.Status == store.GoalDone && gs.Goal.AchievedAt.After(since) && !gs.Goal.AchievedAt.After(session) {
			dm.reached = append(dm.reached, gs.Goal)
		}
		if gs.Goal.Status != store.GoalActive && gs.Goal.Status != "" {
			continue
		}
		for _, st := range gs.Steps {
			if st.Practise && !st.Done() && st.PractisedAt.IsZero() {
				dm.practise = append(dm.practise, st)
			}
		}
	}
	// Someone Slack cannot reach never got the prompts: they are listed
	// as unreachable, not as stuck.
	noProgress := (c == nil || !progress(*c)) && len(dm.reached) == 0 && m.Unreachable == ""
	// Two sessions without progress count only if both happened while the
	// member was in the group (a new group has no history).
	if noProgress && !prev.IsZero() && prev.After(g.CreatedAt) && prev.After(m.CreatedAt) {
		before, err := s.checkInFor(ctx, g, m.ID, prev)
		if err != nil {
			return dm, err
		}
		dm.stuck = before == nil || !progress(*before)
	}
	return dm, nil
}

// section is a member's part of the digest, in lines, showing only what
// they share.
func (dm digestMember) section(w *conversations.Words, lang conversations.Lang, now time.Time, loc *time.Location) string {
	who := personName(w, dm.m)
	if dm.away {
		// The day they said, in their own zone: "until June 20" is June 20
		// for a facilitator an hour behind too.
		return fmt.Sprintf(w.DigestAwayUntil, who, onDate(w, lang, dateOf(dm.m.PausedUntil, zone(dm.m.TZ, loc)), now.In(loc)))
	}
	var lines []string
	switch {
	case dm.c == nil && dm.m.Unreachable != "":
		// Not "not yet": they never got the prompt, and will not.
		lines = append(lines, fmt.Sprintf(w.DigestUnreachable, who))
	case dm.c == nil:
		lines = append(lines, fmt.Sprintf(w.DigestNotYet, who))
	default:
		lines = append(lines, checkInLine(w, who, *dm.c, dm.sharing))
	}
	if dm.stuck {
		lines = append([]string{fmt.Sprintf(w.DigestStuck, who) + " " + w.DigestStuckAsk}, lines...)
	}
	for _, goal := range dm.reached {
		if dm.sharing == store.ShareAll {
			lines = append(lines, fmt.Sprintf(w.DigestReachedWords, who, oneLine(goal.Text)))
		} else {
			lines = append(lines, fmt.Sprintf(w.DigestReached, who))
		}
	}
	return strings.Join(lines, "\n")
}

// practiseLines are the steps a member would like to practise in the
// group, as they share them: the words with ShareAll, that there is one
// with ShareSteps.
func (dm digestMember) practiseLines(w *conversations.Words) []string {
	if dm.away || len(dm.practise) == 0 {
		return nil
	}
	who := personName(w, dm.m)
	if dm.sharing != store.ShareAll {
		return []string{fmt.Sprintf(w.DigestPractiseStep, who)}
	}
	var out []string
	for _, st := range dm.practise {
		out = append(out, fmt.Sprintf(w.DigestPractiseWords, who, oneLine(st.What)))
	}
	return out
}

// personName is how a person is called in a digest or list: never a raw ID.
func personName(w *conversations.Words, m store.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return w.DigestSomeone
}

// checkInLine is one member's check-in, showing only what they allow:
// "✓ Ana checked in (they share only that).", "✓ Ana: 2 steps done", or,
// with ShareAll, her words (less any she kept just for herself).
func checkInLine(w *conversations.Words, who string, c store.CheckIn, sh store.Sharing) string {
	if sh == store.ShareCheckedIn {
		return fmt.Sprintf(w.DigestCheckedInOnly, who)
	}
	var parts []string
	if sh == store.ShareAll && c.Did != "" && !slices.Contains(c.Private, "did") {
		parts = append(parts, fmt.Sprintf(w.DigestDid, oneLine(c.Did)))
	}
	if n := len(c.StepsDone); n == 1 {
		parts = append(parts, fmt.Sprintf(w.DigestStepDone, n))
	} else if n > 1 {
		parts = append(parts, fmt.Sprintf(w.DigestStepsDone, n))
	}
	if sh == store.ShareAll {
		if !slices.Contains(c.Private, "barrier") {
			parts = append(parts, barrierParts(w, c.Barrier)...)
		}
		if c.Plan != "" && !slices.Contains(c.Private, "plan") {
			parts = append(parts, fmt.Sprintf(w.DigestPlans, oneLine(c.Plan)))
		}
		if c.Importance >= 0 || c.Confidence >= 0 {
			parts = append(parts, fmt.Sprintf(w.DigestRulers, ruler(w, c.Importance), ruler(w, c.Confidence)))
		}
		if c.Late {
			parts = append(parts, w.DigestLate)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, w.DigestJustCheckedIn)
	}
	return fmt.Sprintf(w.DigestCheckedInSome, who, strings.Join(parts, w.DigestJoiner))
}

// barrierParts says what got in the way: a setback in the reader's words
// (as part of recovery, never as progress), the stock barriers in their
// language, and the member's own words as written.
func barrierParts(w *conversations.Words, barrier string) []string {
	var named []string
	setback := false
	for _, b := range strings.Split(barrier, ", ") {
		switch b = strings.TrimSpace(b); b {
		case "":
		case conversations.SetbackBarrier:
			setback = true
		default:
			named = append(named, conversations.BarrierLabel(w, b))
		}
	}
	var out []string
	if len(named) > 0 {
		out = append(out, fmt.Sprintf(w.DigestInTheWay, oneLine(strings.Join(named, ", "))))
	}
	if setback {
		out = append(out, w.DigestSetbackNoted)
	}
	return out
}

// oneLine is a member's words on one line, whole: a digest is split
// across messages rather than clipped, so nothing they wrote is cut.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// progress is whether a check-in moved the goal on: steps done, or
// something done in the member's words (kept private or not: a private
// answer is not shown, and not held against them either). A setback lives
// in Barrier, never in Did, so it is never counted as progress.
func progress(c store.CheckIn) bool { return len(c.StepsDone) > 0 || strings.TrimSpace(c.Did) != "" }

func ruler(w *conversations.Words, n int) string {
	if n < 0 {
		return w.DigestNoRuler
	}
	return fmt.Sprintf("%d/10", n)
}

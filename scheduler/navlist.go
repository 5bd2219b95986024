package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// NavDonePrefix starts the value of a navigator's "Done" button on a step
// the member gave them: NavDonePrefix + member + ":" + step id.
const NavDonePrefix = "navdone:"

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

// nudges is a navigator's daily list, in their language, a reply a member: their members' steps due in the next
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
	lang := conversations.LangOf(nav)
	w := conversations.WordsFor(lang)
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
	var lines []conversations.Reply
	var seen []store.AuditEntry
	var quiet []string // members with nothing today
	for _, id := range order {
		n := byID[id]
		m := n.m
		var notes []string
		var done []conversations.Choice // the navigator's own steps, to tick off
		// Only what the member may be nudged about earns a Nudge button:
		// the navigator's own steps are theirs to do, not the member's.
		nudge := false
		away := m.PausedUntil.After(now)
		if away {
			// Said first, so the navigator knows why there is no button.
			back := onDate(w, lang, dateOf(m.PausedUntil, zone(m.TZ, loc)), now.In(loc))
			notes = append(notes, fmt.Sprintf(w.NavListAway, back))
		}
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
					what := w.NavListAStep
					if n.sharing == store.ShareAll || st.Owner == store.OwnerNavigator {
						// A step the member gave their navigator is the
						// navigator's to know.
						what = fmt.Sprintf(w.NavListStepWords, clip(st.What, 80))
					}
					due := onDate(w, lang, st.Due, now.In(loc))
					switch days := int(st.Due.Sub(today).Hours() / 24); {
					case st.Owner == store.OwnerNavigator && days < 0:
						notes = append(notes, fmt.Sprintf(w.NavListYoursLate, what, due))
					case st.Owner == store.OwnerNavigator:
						notes = append(notes, fmt.Sprintf(w.NavListYours, what, due))
					case days < 0:
						notes, nudge = append(notes, fmt.Sprintf(w.NavListOverdue, what, due)), true
					case days <= 2:
						notes, nudge = append(notes, fmt.Sprintf(w.NavListDue, what, due)), true
					}
					if st.Owner == store.OwnerNavigator {
						// Without it the navigator's step would be on
						// their list every morning, done or not.
						done = append(done, conversations.Choice{Label: fmt.Sprintf(w.NavListDoneButton, clip(st.What, 40)),
							Value: NavDonePrefix + m.ID + ":" + strconv.FormatUint(st.ID, 10)})
					}
				}
			}
		}
		for _, g := range n.groups {
			missed, err := s.missedSince(ctx, g, m, now)
			if err != nil {
				return nil, err
			}
			if missed {
				notes, nudge = append(notes, w.NavListMissed), true
				break
			}
		}
		if len(notes) == 0 {
			// Named at the end, so the navigator knows who is theirs.
			quiet = append(quiet, personName(w, m))
			for _, g := range n.groups {
				seen = append(seen, store.AuditEntry{At: now, Actor: navigatorID, Subject: m.ID, GroupID: g.ID, What: auditNavigator})
			}
			continue
		}
		// A reply a member, with its own button: the list can be split
		// between any two members and each button stays beside its line.
		who := personName(w, m)
		line := conversations.Reply{Text: fmt.Sprintf(w.NavListMember, who, sharesWord(w, n.sharing), strings.Join(notes, w.NavListJoiner))}
		if nudge && !away {
			// Cairn sends no nudge to a member who is away.
			line.Choices = []conversations.Choice{{Label: fmt.Sprintf(w.NavListNudgeButton, who), Value: NudgePrefix + m.ID}}
		}
		line.Choices = append(line.Choices, done...)
		lines = append(lines, line)
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
	out := append([]conversations.Reply{{Text: w.NavListGreeting}}, lines...)
	footer := w.NavListFooter
	if len(quiet) > 0 {
		footer = fmt.Sprintf(w.NavListQuiet, strings.Join(quiet, ", ")) + "\n" + footer
	}
	return append(out, conversations.Reply{Text: footer}), nil
}

// sharesWord says, in a navigator's list, what a member shares.
func sharesWord(w *conversations.Words, sh store.Sharing) string {
	switch sh {
	case store.ShareAll:
		return w.NavListSharesAll
	case store.ShareCheckedIn:
		return w.NavListSharesCheck
	}
	return w.NavListSharesSteps
}

// missedSince is missedLast for a session the group held: one from before
// the group was set up in Cairn is nobody's missed check-in.
func (s *Scheduler) missedSince(ctx context.Context, g store.Group, m store.Member, now time.Time) (bool, error) {
	last := previousSession(g, now)
	if last.IsZero() || last.Before(g.CreatedAt) {
		return false, nil
	}
	return s.missedLast(ctx, g, m, now)
}

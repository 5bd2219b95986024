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

// NavMember is one member on a navigator's list, as their morning list
// and their App Home both show them: one set of rules for both.
type NavMember struct {
	Member store.Member
	// Groups are those where the member said yes to this navigator;
	// Sharing is the widest of what those groups let the navigator see.
	Groups  []store.Group
	Sharing store.Sharing
	// Notes are what is due soon, late or missed, and away until, in the
	// navigator's language; none when there is nothing today. They hold
	// the member's words only as the member shares them.
	Notes []string
	Away  bool
	// Late is whether a step is past due or the last check-in was missed:
	// who may need the navigator most.
	Late bool
	// Nudge is the Nudge button, when the list shows one (never for a
	// member who is away); Done are the navigator's own steps for the
	// member, each a Done button (NavDonePrefix).
	Nudge *conversations.Choice
	Done  []conversations.Choice
}

// Navigated is everyone who said yes to navigatorID (in any group, both
// still in it), each once, with what their morning list says of them, in
// the navigator's language. It records no audit entry: whoever shows them
// writes one, naming what showed them.
func Navigated(ctx context.Context, st *store.Store, navigatorID string, now time.Time) ([]NavMember, error) {
	// Only the store is needed of a Scheduler for these reads.
	return (&Scheduler{store: st}).navigated(ctx, navigatorID, now)
}

func (s *Scheduler) navigated(ctx context.Context, navigatorID string, now time.Time) ([]NavMember, error) {
	if navigatorID == "" {
		return nil, nil
	}
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
	var out []*NavMember
	byID := map[string]*NavMember{}
	for _, g := range groups {
		members, err := s.store.Members(ctx, g.Members)
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			if navigatorOf(g, m) != navigatorID {
				continue
			}
			n, ok := byID[m.ID]
			if !ok {
				n = &NavMember{Member: m, Sharing: g.SharingOf(m.ID)}
				byID[m.ID] = n
				out = append(out, n)
			}
			n.Groups = append(n.Groups, g)
			n.Sharing = widest(n.Sharing, g.SharingOf(m.ID))
		}
	}
	list := make([]NavMember, 0, len(out))
	for _, n := range out {
		m := n.Member
		// Only what the member may be nudged about earns a Nudge button:
		// the navigator's own steps are theirs to do, not the member's.
		nudge := false
		n.Away = m.PausedUntil.After(now)
		if n.Away {
			// Said first, so the navigator knows why there is no button.
			back := onDate(w, lang, dateOf(m.PausedUntil, zone(m.TZ, loc)), now.In(loc))
			n.Notes = append(n.Notes, fmt.Sprintf(w.NavListAway, back))
		}
		if n.Sharing != store.ShareCheckedIn {
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
					if n.Sharing == store.ShareAll || st.Owner == store.OwnerNavigator {
						// A step the member gave their navigator is the
						// navigator's to know.
						what = fmt.Sprintf(w.NavListStepWords, clip(st.What, 80))
					}
					due := onDate(w, lang, st.Due, now.In(loc))
					switch days := int(st.Due.Sub(today).Hours() / 24); {
					case st.Owner == store.OwnerNavigator && days < 0:
						n.Notes, n.Late = append(n.Notes, fmt.Sprintf(w.NavListYoursLate, what, due)), true
					case st.Owner == store.OwnerNavigator:
						n.Notes = append(n.Notes, fmt.Sprintf(w.NavListYours, what, due))
					case days < 0:
						n.Notes, n.Late, nudge = append(n.Notes, fmt.Sprintf(w.NavListOverdue, what, due)), true, true
					case days <= 2:
						n.Notes, nudge = append(n.Notes, fmt.Sprintf(w.NavListDue, what, due)), true
					}
					if st.Owner == store.OwnerNavigator {
						// Without it the navigator's step would be on
						// their list every morning, done or not.
						n.Done = append(n.Done, conversations.Choice{Label: fmt.Sprintf(w.NavListDoneButton, clip(st.What, 40)),
							Value: NavDonePrefix + m.ID + ":" + strconv.FormatUint(st.ID, 10)})
					}
				}
			}
		}
		for _, g := range n.Groups {
			missed, err := s.missedSince(ctx, g, m, now)
			if err != nil {
				return nil, err
			}
			if missed {
				n.Notes, n.Late, nudge = append(n.Notes, w.NavListMissed), true, true
				break
			}
		}
		if nudge && !n.Away {
			// Cairn sends no nudge to a member who is away.
			n.Nudge = &conversations.Choice{Label: fmt.Sprintf(w.NavListNudgeButton, personName(w, m)), Value: NudgePrefix + m.ID}
		}
		list = append(list, *n)
	}
	return list, nil
}

// nudges is a navigator's daily list, in their language, a reply a member: their members' steps due in the next
// two days or overdue, steps the navigator owns, and members who missed the
// last check-in, with a button to send each a gentle nudge. Each member
// shows only what they share: a step's words with ShareAll, that a step is
// due with ShareSteps, and only a missed check-in with ShareCheckedIn.
// Every member listed is recorded in the audit log as seen by the navigator.
func (s *Scheduler) nudges(ctx context.Context, navigatorID string, now time.Time) ([]conversations.Reply, error) {
	members, err := s.navigated(ctx, navigatorID, now)
	if err != nil || len(members) == 0 {
		return nil, err
	}
	nav, err := s.store.Member(ctx, navigatorID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	w := conversations.WordsFor(conversations.LangOf(nav))
	var lines []conversations.Reply
	var seen []store.AuditEntry
	var quiet []string // members with nothing today
	for _, n := range members {
		for _, g := range n.Groups {
			seen = append(seen, store.AuditEntry{At: now, Actor: navigatorID, Subject: n.Member.ID, GroupID: g.ID, What: auditNavigator})
		}
		who := personName(w, n.Member)
		if len(n.Notes) == 0 {
			// Named at the end, so the navigator knows who is theirs.
			quiet = append(quiet, who)
			continue
		}
		// A reply a member, with its own button: the list can be split
		// between any two members and each button stays beside its line.
		line := conversations.Reply{Text: fmt.Sprintf(w.NavListMember, who, SharesWord(w, n.Sharing), strings.Join(n.Notes, w.NavListJoiner))}
		if n.Nudge != nil {
			line.Choices = []conversations.Choice{*n.Nudge}
		}
		line.Choices = append(line.Choices, n.Done...)
		lines = append(lines, line)
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

// SharesWord says, in a navigator's list or Home, what a member shares.
func SharesWord(w *conversations.Words, sh store.Sharing) string {
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

package bot

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// navButtonMax is the most buttons Slack takes in one actions block.
const navButtonMax = 25

// navMinBlock is the fewest blocks a navigator's part is shown in: its
// header, the sharing note, one member with their buttons, and "and N
// more".
const navMinBlock = 5

// navigatesAnyone is whether someone said yes to user as their navigator
// in one of groups (see store.Group.NavigatorFor).
func navigatesAnyone(groups []store.Group, user string) bool {
	return slices.ContainsFunc(groups, func(g store.Group) bool {
		for m, nav := range g.NavigatorOf {
			if nav == user && g.NavigatorFor(m) == user {
				return true
			}
		}
		return false
	})
}

// navNeed orders a navigator's members most-needed first: something late
// or a missed check-in, unreachable, something due soon, away, and those
// with nothing today last.
func navNeed(n scheduler.NavMember) int {
	switch {
	case n.Late && !n.Away:
		return 0
	case n.Member.Unreachable != "":
		return 1
	case n.Away:
		return 3
	case len(n.Notes) > 0:
		return 2
	}
	return 4
}

// quietNav is a member with nothing to say today: named in one line.
func quietNav(n scheduler.NavMember) bool { return navNeed(n) == 4 }

// navigatorBlocks are a navigator's part of App Home in at most budget
// blocks: for each member who said yes to them, most needed first, what
// their morning list says (scheduler.Navigated: the same rules, the same
// words), whether Slack can reach them, and the list's own buttons (Nudge,
// and Done on the navigator's own steps). Those with nothing today share
// one line. What does not fit is counted ("and 3 more — see your morning
// list"), never dropped in silence. It returns the members it showed, for
// the audit log.
func navigatorBlocks(w *conversations.Words, navs []scheduler.NavMember, budget int) ([]slack.Block, []scheduler.NavMember) {
	rows := slices.Clone(navs)
	slices.SortStableFunc(rows, func(a, b scheduler.NavMember) int { return cmp.Compare(navNeed(a), navNeed(b)) })
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(w.NavTitle)),
		slack.NewContextBlock("nav-note", mrkdwn(w.NavSharingNote)),
	}
	var seen []scheduler.NavMember
	var quiet []scheduler.NavMember
	shown := 0
	for i, n := range rows {
		if quietNav(n) {
			quiet = rows[i:] // sorted last
			break
		}
		text, buttons := navLine(w, n)
		cost := 1
		if len(buttons) > 0 {
			cost++
		}
		reserve := 0 // for the quiet line or "and N more"
		if i < len(rows)-1 {
			reserve = 1
		}
		if len(blocks)+cost+reserve > budget {
			break
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil, nil, slack.SectionBlockOptionBlockID("nav-"+n.Member.ID)))
		if len(buttons) > 0 {
			blocks = append(blocks, slack.NewActionBlock("nav-actions-"+n.Member.ID, buttons...))
		}
		seen = append(seen, n)
		shown++
	}
	if shown+len(quiet) == len(rows) && len(quiet) > 0 {
		// Named, so the navigator knows who is theirs; as many names as
		// one section holds, the rest counted below.
		var names []string
		for _, n := range quiet {
			name := navName(n.Member)
			if len([]rune(fmt.Sprintf(w.NavQuiet, strings.Join(append(names, name), ", ")))) > sectionMax {
				break
			}
			names = append(names, name)
		}
		room := budget - len(blocks) // at least 1: the last member kept it
		if len(names) < len(quiet) {
			room-- // for "and N more"
		}
		if len(names) > 0 && room >= 1 {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(fmt.Sprintf(w.NavQuiet, strings.Join(names, ", "))), nil, nil, slack.SectionBlockOptionBlockID("nav-quiet")))
			seen = append(seen, quiet[:len(names)]...)
			shown += len(names)
		}
	}
	if left := len(rows) - shown; left > 0 {
		blocks = append(blocks, slack.NewContextBlock("nav-more", mrkdwn(fmt.Sprintf(w.NavMore, left))))
	}
	return blocks, seen
}

// navName is a member as a navigator's Home names them: the name they
// gave, or their Slack name (never a raw ID shown as text).
func navName(m store.Member) string {
	if m.Name != "" {
		return said(m.Name)
	}
	return "<@" + m.ID + ">"
}

// navLine is one member's section text and buttons: their name and what
// they share, then a line for each thing their morning list says today,
// and whether Slack can reach them.
func navLine(w *conversations.Words, n scheduler.NavMember) (string, []slack.BlockElement) {
	lines := []string{fmt.Sprintf(w.NavMember, navName(n.Member), scheduler.SharesWord(w, n.Sharing))}
	for _, note := range n.Notes {
		// A note may hold the member's words (as they share them).
		lines = append(lines, "• "+said(note))
	}
	if n.Member.Unreachable != "" {
		lines = append(lines, "• "+w.NavUnreachable)
	}
	var choices []conversations.Choice
	if n.Nudge != nil {
		choices = append(choices, *n.Nudge)
	}
	choices = append(choices, n.Done...)
	var buttons []slack.BlockElement
	for i, c := range choices[:min(len(choices), navButtonMax)] {
		// The list's own values under a choice action, so a press is
		// handled as the morning list's is (authorised there).
		buttons = append(buttons, slack.NewButtonBlockElement(fmt.Sprintf("%s-nav-%s-%d", actionChoice, n.Member.ID, i), c.Value, plain(c.Label)))
	}
	return strings.Join(lines, "\n"), buttons
}

// navAudit is what the audit log records of a navigator's Home: each
// member shown, once for each group where they said yes to the navigator.
func navAudit(user string, seen []scheduler.NavMember, now time.Time) []store.AuditEntry {
	var out []store.AuditEntry
	for _, n := range seen {
		for _, g := range n.Groups {
			out = append(out, store.AuditEntry{At: now, Actor: user, Subject: n.Member.ID, GroupID: g.ID, What: auditHome})
		}
	}
	return out
}

// splitHome shares room blocks between a navigator's part and the groups'
// part, which would take navFull and facFull with all of it: each gets
// what it needs when both fit, else at least half (never less than its
// fewest), and what one leaves over goes to the other.
func splitHome(room, navFull, facFull int) (nav, fac int) {
	half := room / 2
	switch {
	case navFull+facFull <= room:
		return navFull, room - navFull
	case navFull <= half:
		return navFull, room - navFull
	case facFull <= room-half:
		return room - facFull, facFull
	}
	nav = max(half, navMinBlock)
	fac = room - nav
	if fac < facGroupMinBlock {
		fac = facGroupMinBlock
		nav = room - fac
	}
	return nav, fac
}

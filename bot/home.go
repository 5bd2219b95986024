package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

const homeStepMax = 40 // steps shown in App Home, within its 100 blocks

// homeView is the member's App Home: their goal, its steps with who and when,
// the cairn of finished steps, their last check-in (answers kept just for
// them marked so), what each of their groups sees, and what they can do
// next. groups are all groups; only those the member is in are shown.
func homeView(v store.View, next time.Time, now time.Time, groups ...store.Group) slack.HomeTabViewRequest {
	blocks := []slack.Block{slack.NewHeaderBlock(plain("Your cairn"))}
	var goal *store.GoalSteps
	for i := len(v.Goals) - 1; i >= 0; i-- {
		if v.Goals[i].Goal.Status == store.GoalActive || v.Goals[i].Goal.Status == "" {
			goal = &v.Goals[i]
			break
		}
	}
	shares := sharesText(groups, v.Member.ID)
	if goal == nil {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("You haven't set a goal yet. Together we'll turn a dream into one goal and a few small steps — it takes a few minutes."), nil, nil))
		blocks = append(blocks, lately(v.CheckIns, now)...)
		if shares != "" {
			blocks = append(blocks, slack.NewContextBlock("sharing", mrkdwn(shares)))
		}
		blocks = append(blocks,
			slack.NewActionBlock("home-actions",
				homeButton("Set a goal", "goal:start", slack.StylePrimary),
				homeButton("Privacy", actionPrivacy, ""),
				homeButton("Help", "help", ""),
				homeButton("Talk to a person", conversations.ActTalkToPerson, "")),
		)
		return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
	}
	g := goal.Goal
	text := "*Goal:* " + said(g.Text)
	if g.Measure != "" {
		text += "\n_How you'll know:_ " + said(g.Measure)
	}
	if g.Why != "" {
		text += "\n_Why it matters:_ " + said(g.Why)
	}
	blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil, nil), slack.NewDividerBlock())

	done := 0
	for i, ns := range conversations.NumberedSteps(goal.Steps) {
		if ns.Step.Done() {
			done++
		}
		if i >= homeStepMax {
			continue
		}
		blocks = append(blocks, stepBlock(ns.N, ns.Step, now))
	}
	if len(goal.Steps) == 0 {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn("No steps yet. Say *goal* in our DM to add some."), nil, nil))
	} else if len(goal.Steps) > homeStepMax {
		blocks = append(blocks, slack.NewContextBlock("more", mrkdwn(fmt.Sprintf("…and %d more steps. Say *steps* in our DM to see them all.", len(goal.Steps)-homeStepMax))))
	}
	status := fmt.Sprintf("Your cairn: %s (%d of %d steps done)", conversations.Cairn(done), done, len(goal.Steps))
	if !next.IsZero() {
		status += "\nNext group session: " + conversations.SayDate(dateOf(next), now) + next.Format(" at 3:04 PM")
	}
	if v.LastCheckIn != nil {
		status += "\nLast check-in: " + conversations.SayDate(dateOf(v.LastCheckIn.CreatedAt.In(now.Location())), now)
	}
	blocks = append(blocks, slack.NewContextBlock("status", mrkdwn(status)))
	if v.LastCheckIn != nil {
		if text := ownCheckIn(*v.LastCheckIn); text != "" {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil, nil, slack.SectionBlockOptionBlockID("last-checkin")))
		}
	}
	blocks = append(blocks, lately(v.CheckIns, now)...)
	if shares != "" {
		blocks = append(blocks, slack.NewContextBlock("sharing", mrkdwn(shares)))
	}
	blocks = append(blocks,
		slack.NewActionBlock("home-actions",
			homeButton("Check in", "checkin:start", slack.StylePrimary),
			homeButton("Set a new goal", "goal:start", ""),
			homeButton("Goal reached", conversations.ActGoalReached+":"+strconv.FormatUint(g.ID, 10), ""),
			homeButton("Privacy", actionPrivacy, ""),
			homeButton("Help", "help", ""),
			homeButton("Talk to a person", conversations.ActTalkToPerson, "")),
	)
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}

// ownCheckIn shows the member their own last check-in, marking what they
// kept just for themself: only they see App Home.
func ownCheckIn(c store.CheckIn) string {
	var lines []string
	add := func(label, text, field string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		line := "_" + label + "_ " + said(clip(text, 300))
		if slices.Contains(c.Private, field) {
			line += "  🔒 just for you"
		}
		lines = append(lines, line)
	}
	add("What you did:", c.Did, "did")
	add("What got in the way:", c.Barrier, "barrier")
	add("Your plan:", c.Plan, "plan")
	if len(lines) == 0 {
		return ""
	}
	return "*Your last check-in*\n" + strings.Join(lines, "\n")
}

// homeLately is how many check-ins App Home lists: a glance; "history"
// in the DM shows more.
const homeLately = 3

// lately is App Home's short history: the last check-ins, one line each
// ("Tue Jun 9 — 2 steps done; plan: call the clinic"), dates in now's zone.
func lately(cs []store.CheckIn, now time.Time) []slack.Block {
	if len(cs) == 0 {
		return nil
	}
	lines := []string{"*Lately*"}
	for _, c := range cs[:min(len(cs), homeLately)] {
		lines = append(lines, "• "+said(conversations.HistoryLine(conversations.WordsFor(conversations.English), c, now)))
	}
	lines = append(lines, "_Say *history* in our DM for more._")
	return []slack.Block{slack.NewSectionBlock(mrkdwn(strings.Join(lines, "\n")), nil, nil, slack.SectionBlockOptionBlockID("lately"))}
}

// sharesText says what each of the member's groups sees of their
// check-ins.
func sharesText(groups []store.Group, user string) string {
	var parts []string
	for _, g := range memberGroups(groups, user) {
		parts = append(parts, said(groupTitle(g))+": "+strings.ToLower(conversations.SharingLabel(g.SharingOf(user))))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Your facilitators and navigator see — " + strings.Join(parts, "; ") + ". Change it with *Privacy* or `/cairn privacy`."
}

func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func homeButton(label, value string, style slack.Style) *slack.ButtonBlockElement {
	b := slack.NewButtonBlockElement(actionHome+"-"+strings.ReplaceAll(value, ":", "-"), value, plain(label))
	b.Style = style
	return b
}

func stepBlock(n int, st store.Step, now time.Time) slack.Block {
	who := "you"
	switch st.Owner {
	case store.OwnerNavigator:
		who = "your navigator"
	case store.OwnerPerson:
		who = said(st.OwnerName)
	}
	mark := "◻️"
	if st.Done() {
		mark = "✅"
	}
	text := fmt.Sprintf("%s *%d.* %s\n_%s, %s_", mark, n, said(st.What), who, conversations.SayDue(conversations.WordsFor(conversations.English), st.Due, now))
	id := strconv.FormatUint(st.ID, 10)
	opts := []*slack.OptionBlockObject{slack.NewOptionBlockObject("edit:"+id, plain("Edit"), nil)}
	if !st.Done() {
		opts = append([]*slack.OptionBlockObject{slack.NewOptionBlockObject("done:"+id, plain("Mark done"), nil)}, opts...)
	}
	menu := slack.NewOverflowBlockElement(actionStepMenu, opts...)
	return slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(menu), slack.SectionBlockOptionBlockID("step-"+id))
}

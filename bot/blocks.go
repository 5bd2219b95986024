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

// Slack's limits that shape what we send.
const (
	sectionMax  = 2900 // a section's text may be 3,000 characters
	actionsMax  = 25   // elements in one actions block
	buttonMax   = 75   // a button's label
	homeStepMax = 40   // steps shown in App Home, within its 100 blocks
)

const (
	actionChoice   = "choice"    // a conversation button; its value is the choice
	actionHome     = "home"      // an App Home button; value as conversations expects
	actionStepMenu = "step_menu" // the overflow menu beside a step in App Home
	callbackEdit   = "edit_step" // the step-editing modal
)

// esc makes member text safe inside mrkdwn: Slack reads &, < and > as
// markup. It is applied to a message's notification text as much as to its
// blocks: Slack renders mentions in both.
func esc(s string) string { return escaper.Replace(s) }

var (
	escaper   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")
)

// said shows text as typed inside Cairn's own mrkdwn: it can neither be
// markup (esc) nor fake formatting (conversations.Inert). A reply's text
// is plain text (the terminal shows it as it is), so all of it is shown
// this way: member text quoted anywhere in a reply — a summary, a digest,
// a navigator's list — is covered without each place having to remember.
func said(s string) string { return esc(conversations.Inert(s)) }

// unesc undoes esc: Slack hands a message's text back as it was posted,
// escaped, and it must not be escaped twice when shown again.
func unesc(s string) string { return unescaper.Replace(s) }

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, clip(s, buttonMax), true, false)
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, clip(s, sectionMax), false, false)
}

// clip shortens s to n characters (not bytes), so emoji are never cut in half.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// replyMessage renders one conversation reply: its text, and its choices as
// buttons. The plain text is also the notification fallback.
func replyMessage(r conversations.Reply) []slack.MsgOption {
	return repliesMessage([]conversations.Reply{r})
}

// repliesMessage renders several replies as one message, so a scheduled
// message arrives whole or not at all.
func repliesMessage(rs []conversations.Reply) []slack.MsgOption {
	text, blocks := repliesBlocks(rs)
	return []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)}
}

// repliesBlocks is the fallback text and Block Kit blocks of replies.
func repliesBlocks(rs []conversations.Reply) (string, []slack.Block) {
	var blocks []slack.Block
	var texts []string
	for n, r := range rs {
		texts = append(texts, r.Text)
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(withMentions(said(r.Text), r.Mentions)), nil, nil))
		for start := 0; start < len(r.Choices); start += actionsMax {
			end := min(start+actionsMax, len(r.Choices))
			var buttons []slack.BlockElement
			for i, c := range r.Choices[start:end] {
				buttons = append(buttons, choiceElement(fmt.Sprintf("%s-%d-%d", actionChoice, n, start+i), c)) // helpers.go
			}
			blocks = append(blocks, slack.NewActionBlock(fmt.Sprintf("choices-%d-%d", n, start/actionsMax), buttons...))
		}
	}
	return withMentions(said(clip(strings.Join(texts, "\n"), 3900)), repliesMentions(rs)), blocks
}

// answeredMessage replaces a message whose button was pressed: the question
// stays, the buttons go, and what was chosen is shown, so nothing can be
// pressed twice.
// The question is the message's text as Slack gives it back (escaped).
// mentions are the people Cairn itself named in it (see helpers.go).
func answeredMessage(question, chosen string, mentions ...string) []slack.MsgOption {
	text, blocks := answeredBlocks(question, chosen, mentions...)
	return []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)}
}

// answeredBlocks is the notification text and blocks of answeredMessage.
func answeredBlocks(question, chosen string, ids ...string) (string, []slack.Block) {
	question = unesc(question)
	blocks := []slack.Block{
		slack.NewSectionBlock(mrkdwn(withMentions(said(question), ids)), nil, nil),
		slack.NewContextBlock("chosen", mrkdwn("✓ "+withMentions(said(chosen), ids))),
	}
	return withMentions(said(clip(question, 3900)), ids), blocks
}

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
	status := conversations.CairnStatus(conversations.WordsFor(conversations.LangOf(v.Member)), done, len(goal.Steps))
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
		parts = append(parts, said(groupTitle(g))+": "+strings.ToLower(conversations.SharingLabel(conversations.WordsFor(conversations.English), g.SharingOf(user))))
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
		who = withMentions(said(st.OwnerName), []string{st.HelperID}) // helpers.go
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

// Modal block and field ids.
const (
	blockWhat, fieldWhat = "what", "what_input"
	blockWhen, fieldWhen = "when", "when_input"
	blockWho, fieldWho   = "who", "who_input"
	blockName, fieldName = "name", "name_input"
)

// editStepModal is the form for changing one step: what, when, who.
func editStepModal(st store.Step, now time.Time) slack.ModalViewRequest {
	what := slack.NewPlainTextInputBlockElement(plain("What will you do?"), fieldWhat)
	what.InitialValue = st.What
	what.MaxLength = 500
	when := slack.NewPlainTextInputBlockElement(plain("Friday, the 20th, next week…"), fieldWhen)
	when.InitialValue = dueWords(st.Due)
	whoOpts := []*slack.OptionBlockObject{
		slack.NewOptionBlockObject(string(store.OwnerMe), plain("Me"), nil),
		slack.NewOptionBlockObject(string(store.OwnerNavigator), plain("My navigator"), nil),
		slack.NewOptionBlockObject(string(store.OwnerPerson), plain("Someone else (name below)"), nil),
	}
	who := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Who does it?"), fieldWho, whoOpts...)
	for _, o := range whoOpts {
		if o.Value == string(st.Owner) {
			who.InitialOption = o
		}
	}
	name := slack.NewPlainTextInputBlockElement(plain("A first name"), fieldName)
	name.InitialValue = st.OwnerName
	nameBlock := slack.NewInputBlock(blockName, plain("Their name"), nil, name)
	nameBlock.Optional = true
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plain("Edit a step"),
		Submit:          plain("Save"),
		Close:           plain("Cancel"),
		CallbackID:      callbackEdit,
		PrivateMetadata: strconv.FormatUint(st.ID, 10),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(blockWhat, plain("What"), nil, what),
			slack.NewInputBlock(blockWhen, plain("When"), nil, when),
			slack.NewInputBlock(blockWho, plain("Who"), nil, who),
			nameBlock,
		}},
	}
}

// dueWords is a step's date as the edit form shows it; left unchanged, it
// keeps the date even when that day has passed.
func dueWords(due time.Time) string {
	if due.IsZero() {
		return "" // a step kept for later, with no date yet
	}
	return due.Format("January 2, 2006")
}

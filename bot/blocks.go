package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Slack's limits that shape what we send.
const (
	sectionMax = 2900 // a section's text may be 3,000 characters
	actionsMax = 25   // elements in one actions block
	buttonMax  = 75   // a button's label
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
	return slack.NewTextBlockObject(slack.PlainTextType, conversations.Clip(s, buttonMax), true, false)
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, conversations.Clip(s, sectionMax), false, false)
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
	return withMentions(said(conversations.Clip(strings.Join(texts, "\n"), 3900)), repliesMentions(rs)), blocks
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
	return withMentions(said(conversations.Clip(question, 3900)), ids), blocks
}

// Modal block and field ids.
const (
	blockWhat, fieldWhat = "what", "what_input"
	blockWhen, fieldWhen = "when", "when_input"
	blockWho, fieldWho   = "who", "who_input"
	blockName, fieldName = "name", "name_input"
)

// editStepModal is the form for changing one step: what, when, who.
func editStepModal(w *conversations.Words, st store.Step, now time.Time) slack.ModalViewRequest {
	what := slack.NewPlainTextInputBlockElement(plain(w.StepFormWhatPlaceholder), fieldWhat)
	what.InitialValue = st.What
	what.MaxLength = 500
	when := slack.NewPlainTextInputBlockElement(plain(w.StepFormWhenPlaceholder), fieldWhen)
	when.InitialValue = dueWords(w.Language(), st.Due)
	whoOpts := []*slack.OptionBlockObject{
		slack.NewOptionBlockObject(string(store.OwnerMe), plain(w.StepFormWhoMe), nil),
		slack.NewOptionBlockObject(string(store.OwnerNavigator), plain(w.StepFormWhoNavigator), nil),
		slack.NewOptionBlockObject(string(store.OwnerPerson), plain(w.StepFormWhoSomeone), nil),
	}
	who := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(w.StepFormWhoPlaceholder), fieldWho, whoOpts...)
	for _, o := range whoOpts {
		if o.Value == string(st.Owner) {
			who.InitialOption = o
		}
	}
	name := slack.NewPlainTextInputBlockElement(plain(w.StepFormNamePlaceholder), fieldName)
	name.InitialValue = st.OwnerName
	nameBlock := slack.NewInputBlock(blockName, plain(w.StepFormName), nil, name)
	nameBlock.Optional = true
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		Title:           plain(w.StepFormTitle),
		Submit:          plain(w.FormSave),
		Close:           plain(w.FormCancel),
		CallbackID:      callbackEdit,
		PrivateMetadata: strconv.FormatUint(st.ID, 10),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(blockWhat, plain(w.StepFormWhat), nil, what),
			slack.NewInputBlock(blockWhen, plain(w.StepFormWhen), nil, when),
			slack.NewInputBlock(blockWho, plain(w.StepFormWho), nil, who),
			nameBlock,
		}},
	}
}

// dueWords is a step's date as the edit form shows it, in the reader's
// language ("June 12, 2026", "12 de junio de 2026"); left unchanged, it
// keeps the date even when that day has passed.
func dueWords(l conversations.Lang, due time.Time) string {
	if due.IsZero() {
		return "" // a step kept for later, with no date yet
	}
	if l == conversations.Spanish {
		return fmt.Sprintf("%d de %s de %d", due.Day(), conversations.MonthIn(l, due.Month()), due.Year())
	}
	return due.Format("January 2, 2006")
}

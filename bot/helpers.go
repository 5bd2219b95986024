package bot

import (
	"regexp"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Support people in the workspace (a step's helper): the people picker in
// the who question, and the mentions Cairn itself puts in a message (the
// helper in the member's DM, the member in the helper's reminder), which
// Slack should show as names. Everything else that looks like a mention —
// what a member typed — stays plain text (said).

// userID is a Slack user ID as a mention carries it.
var userID = regexp.MustCompile(`^[UW][A-Z0-9]{2,20}$`)

// rawMention is a mention left unescaped in a message Cairn posted: only
// withMentions leaves one so.
var rawMention = regexp.MustCompile(`<@([UW][A-Z0-9]{2,20})>`)

// withMentions puts back, in text already escaped by said, the mentions of
// the people ids names, so that Slack shows their names.
func withMentions(escaped string, ids []string) string {
	for _, id := range ids {
		if userID.MatchString(id) {
			escaped = strings.ReplaceAll(escaped, "&lt;@"+id+"&gt;", "<@"+id+">")
		}
	}
	return escaped
}

// repliesMentions are the mentions of all of rs, for their joint
// notification text.
func repliesMentions(rs []conversations.Reply) []string {
	var ids []string
	for _, r := range rs {
		for _, id := range r.Mentions {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// pressedMentions are the mentions to keep when a pressed message is shown
// again: those Cairn posted unescaped in its sections (as Slack gives the
// blocks back, a member's typed mention is still escaped), and the person
// picked when value is a pick.
func pressedMentions(blocks slack.Blocks, value string) []string {
	var ids []string
	for _, bl := range blocks.BlockSet {
		if sec, ok := bl.(*slack.SectionBlock); ok && sec.Text != nil {
			for _, m := range rawMention.FindAllStringSubmatch(sec.Text.Text, -1) {
				ids = append(ids, m[1])
			}
		}
	}
	if id, ok := strings.CutPrefix(value, conversations.PrefixHelperPicked); ok && userID.MatchString(id) {
		ids = append(ids, id)
	}
	return ids
}

// choiceElement is a conversation choice as Block Kit: a button, or for
// the who question's people picker a users_select.
func choiceElement(actionID string, c conversations.Choice) slack.BlockElement {
	if c.Value == conversations.ActPickHelper {
		return slack.NewOptionsSelectBlockElement(slack.OptTypeUser, plain(c.Label), actionID)
	}
	return slack.NewButtonBlockElement(actionID, c.Value, plain(c.Label))
}

// pickHelper takes a person picked in the who question as the member's
// answer, as a button press would be, and shows the choice as the person.
func (b *Bot) pickHelper(cb slack.InteractionCallback, a *slack.BlockAction, click string) intake {
	if !userID.MatchString(a.SelectedUser) {
		return intake{}
	}
	picked := *a
	picked.Value = conversations.PrefixHelperPicked + a.SelectedUser
	picked.Text = slack.TextBlockObject{Type: slack.PlainTextType, Text: conversations.Mention(a.SelectedUser)}
	return b.pressChoice(cb, &picked, click)
}

// dropGoneHelper forgets a step's helper once the step's owner, changed in
// the edit form, no longer names them: nobody is reminded of a step that
// is not theirs.
func dropGoneHelper(st *store.Step) {
	if st.HelperID != "" && (st.Owner != store.OwnerPerson || !strings.Contains(st.OwnerName, conversations.Mention(st.HelperID))) {
		st.HelperID, st.HelperOK = "", false
	}
}

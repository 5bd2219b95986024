package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// What a member lets their groups see: /cairn privacy answers with a
// message of three buttons per group they are in; App Home's "Privacy"
// button sends the same message to their DM. A press changes only that
// member's choice in that group, and only if they are its member.

const (
	actionPrivacy     = "privacy"     // App Home's button: send the choices to the DM
	actionPrivacySet  = "privacy_set" // one of the three choices; value "groupID|sharing"
	privacyValueSplit = "|"
)

// memberGroups are the groups the person is a member of.
func memberGroups(groups []store.Group, user string) []store.Group {
	var in []store.Group
	for _, g := range groups {
		if slices.Contains(g.Members, user) {
			in = append(in, g)
		}
	}
	return in
}

func groupTitle(g store.Group) string {
	if g.Name != "" {
		return g.Name
	}
	return conversations.WordsFor(conversations.English).GroupYours
}

// groupTitleIn is groupTitle as a reader of w reads it.
func groupTitleIn(w *conversations.Words, g store.Group) string {
	if g.Name != "" {
		return g.Name
	}
	return w.GroupYours
}

// sharingWords are a sharing choice's button label and what it means, in
// the member's language (conversations holds both).
func sharingWords(w *conversations.Words, s store.Sharing) (label, says string) {
	return conversations.SharingLabel(w, s), conversations.SharingSays(w, s)
}

// privacyBlocks are the choices for every group the member is in, each
// group's current choice marked, in the member's language (w).
func privacyBlocks(w *conversations.Words, groups []store.Group, user string) (string, []slack.Block) {
	in := memberGroups(groups, user)
	if len(in) == 0 {
		return w.PrivacyNoGroup, []slack.Block{slack.NewSectionBlock(mrkdwn(w.PrivacyNoGroup), nil, nil)}
	}
	blocks := []slack.Block{slack.NewSectionBlock(mrkdwn(w.PrivacyIntro), nil, nil)}
	texts := []string{w.PrivacyIntro}
	for i, g := range in {
		now := g.SharingOf(user)
		current, _ := sharingWords(w, now)
		text := fmt.Sprintf(w.PrivacyAsk, said(groupTitleIn(w, g)), strings.ToLower(current))
		texts = append(texts, text)
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil, nil))
		var buttons []slack.BlockElement
		for j, c := range conversations.SharingChoices {
			label, _ := sharingWords(w, c)
			if c == now {
				label = fmt.Sprintf(w.ShareChosen, label)
			}
			btn := slack.NewButtonBlockElement(fmt.Sprintf("%s-%d-%d", actionPrivacySet, i, j), g.ID+privacyValueSplit+string(c), plain(label))
			if c == now {
				btn.Style = slack.StylePrimary
			}
			buttons = append(buttons, btn)
		}
		blocks = append(blocks, slack.NewActionBlock(fmt.Sprintf("privacy-%d", i), buttons...))
	}
	return strings.Join(texts, "\n"), blocks
}

// privacyCommand answers /cairn privacy, ephemerally.
func (b *Bot) privacyCommand(ctx context.Context, user string) map[string]any {
	w := b.wordsOf(ctx, user)
	groups, err := b.store.Groups(ctx)
	if err != nil {
		b.log.Error("could not load groups for privacy", "user", user, "err", err)
		return map[string]any{"response_type": "ephemeral", "text": w.ErrTrouble}
	}
	text, blocks := privacyBlocks(w, groups, user)
	return map[string]any{"response_type": "ephemeral", "text": text, "blocks": blocks}
}

// privacyToDM sends the choices to the member's DM (App Home's button).
func (b *Bot) privacyToDM(ctx context.Context, user string) error {
	groups, err := b.store.Groups(ctx)
	if err != nil {
		return err
	}
	return b.privacyChoicesToDM(ctx, user, groups)
}

// privacyChoicesToDM sends the choices for groups (those the member is in)
// to their DM: from App Home's button, and right after they join a group,
// so that joining is also choosing what it sees.
func (b *Bot) privacyChoicesToDM(ctx context.Context, user string, groups []store.Group) error {
	channel, err := b.dm(ctx, user)
	if err != nil {
		return err
	}
	text, blocks := privacyBlocks(b.wordsOf(ctx, user), groups, user)
	_, err = b.postMessage(ctx, channel, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
	return err
}

// setPrivacy handles one of the three choices: only a member of the group
// changes their own choice there. The answer replaces the message the
// buttons were on.
func (b *Bot) setPrivacy(ctx context.Context, user, value, responseURL string) error {
	groupID, sh, ok := strings.Cut(value, privacyValueSplit)
	if !ok {
		return fmt.Errorf("bot: privacy choice %q is malformed", value)
	}
	w := b.wordsOf(ctx, user)
	g, err := b.store.Group(ctx, groupID)
	var text string
	switch {
	case err != nil && !errors.Is(err, store.ErrNotFound):
		// The member is told; the cause is logged. Not retried: a
		// second answer to one press would confuse more than help.
		b.log.Error("could not load a group for a privacy choice", "user", user, "group", groupID, "err", err)
		text = w.PrivacyTrouble
	case err != nil || !slices.Contains(g.Members, user):
		text = w.PrivacyNotIn
	default:
		if err := b.store.SetSharing(ctx, groupID, user, store.Sharing(sh)); err != nil {
			b.log.Error("could not save a privacy choice", "user", user, "group", groupID, "err", err)
			text = w.PrivacyTrouble
		} else {
			_, says := sharingWords(w, store.Sharing(sh))
			text = fmt.Sprintf(w.PrivacySet, said(groupTitleIn(w, g)), says)
		}
	}
	if responseURL != "" {
		client := &http.Client{Transport: b.http}
		if err := slack.PostWebhookCustomHTTPContext(ctx, responseURL, client, &slack.WebhookMessage{Text: text, ReplaceOriginal: true}); err == nil {
			return b.refreshHome(ctx, user)
		}
	}
	if err := b.deliver(ctx, user, "", []conversations.Reply{{Text: text}}); err != nil {
		return err
	}
	return nil
}

// privacyAction says what a press of a privacy button becomes. Choosing
// again is harmless, so it needs no journal.
func (b *Bot) privacyAction(cb slack.InteractionCallback, a *slack.BlockAction) intake {
	user := cb.User.ID
	switch {
	case a.ActionID == actionHome+"-"+actionPrivacy:
		return intake{after: func(ctx context.Context) {
			b.enqueue(user, "privacy", func(ctx context.Context) error { return b.privacyToDM(ctx, user) })
		}}
	case strings.HasPrefix(a.ActionID, actionPrivacySet):
		value, responseURL := a.Value, cb.ResponseURL
		return intake{after: func(ctx context.Context) {
			b.enqueue(user, "privacy_set", func(ctx context.Context) error { return b.setPrivacy(ctx, user, value, responseURL) })
		}}
	}
	return intake{}
}

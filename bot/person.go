package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Reaching a person: the conversation decides that the member asked
// (Outcome.Alert); here Cairn finds whom to ask, keeps the hourly limit,
// and tells both. The person asked reads the member's name and that they
// asked, never anything the member wrote.

// alert carries out the member's ask for a person, after their turn: the
// ask, its audit entries and the messages to both sides are one commit
// (store.RecordAlert), so a second ask within the hour sends nothing more
// even when two race. channel is where the member's answer goes (their DM
// when empty).
func (b *Bot) alert(ctx context.Context, user, channel string, req conversations.AlertRequest) error {
	groups, err := b.store.Groups(ctx)
	if err != nil {
		return fmt.Errorf("bot: alert for %s: %w", user, err)
	}
	m, _ := b.store.Member(ctx, user)
	now := b.Now()
	a, ok := store.AlertFor(groups, user)
	if !ok {
		b.log.Info("talk request with nobody to ask", "user", user)
		return b.post(ctx, user, channel, req.Say(conversations.WordsFor(conversations.English).NobodyToAsk))
	}
	a.At = now.UTC()
	asked := b.asked(ctx, a)
	toMember, err := encodeReplies(req.Say(conversations.SayAsked(asked)))
	if err != nil {
		return err
	}
	alert, err := json.Marshal(conversations.Reply{Text: conversations.SayAlert(b.nameOf(ctx, user))})
	if err != nil {
		return fmt.Errorf("bot: encode an alert: %w", err)
	}
	var msgs []store.Outgoing
	for _, p := range a.Asked {
		msgs = append(msgs, store.Outgoing{MemberID: p, Body: alert})
	}
	for _, body := range toMember {
		msgs = append(msgs, store.Outgoing{MemberID: user, Channel: channel, Body: body})
	}
	prev, ids, err := b.store.RecordAlert(ctx, a, conversations.AlertLimit, msgs)
	switch {
	case errors.Is(err, store.ErrTooSoon):
		b.log.Info("talk request within the hour; nobody asked again", "user", user)
		text := conversations.SayAskedRecently(b.asked(ctx, prev), prev.At, zoneOf(m))
		return b.post(ctx, user, channel, req.Say(text))
	case err != nil:
		return err
	}
	b.outbox.trust(ids...)
	b.log.Info("talk request sent", "user", user, "group", a.GroupID, "asked", len(a.Asked))
	var errs []error
	for _, p := range a.Asked {
		errs = append(errs, b.sendReplies(ctx, p))
	}
	return errors.Join(append(errs, b.sendReplies(ctx, user))...)
}

// asked names the people an ask went to, as the member is told.
func (b *Bot) asked(ctx context.Context, a store.Alert) conversations.Asked {
	out := conversations.Asked{Navigator: a.Navigator}
	for _, p := range a.Asked {
		out.Names = append(out.Names, b.nameOf(ctx, p))
	}
	return out
}

func encodeReplies(rs []conversations.Reply) ([]json.RawMessage, error) {
	var out []json.RawMessage
	for _, r := range rs {
		body, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("bot: encode a reply: %w", err)
		}
		out = append(out, body)
	}
	return out, nil
}

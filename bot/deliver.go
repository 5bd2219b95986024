package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// deliveryEvent is the message metadata type that tags every scheduled
// message with its delivery key, so that after a crash Cairn can look in the
// DM and see whether a message went out before sending it again.
const deliveryEvent = "cairn_delivery"

// Deliver sends a scheduled message to its recipient's DM (scheduler.Sender)
// as one message, tagged with the delivery key in its metadata. An error
// wraps scheduler.ErrMaybeSent when the message may have reached Slack, and
// scheduler.ErrUnreachable (with Slack's code) when the recipient cannot get
// messages; any other error means it surely did not arrive.
func (b *Bot) Deliver(ctx context.Context, d store.Delivery, replies []conversations.Reply) (channel, ts string, err error) {
	if inParts(d) { // digests and navigators' lists: see digest.go
		return b.deliverInParts(ctx, d, replies)
	}
	target := d.Recipient // posting to a user ID lands in their DM with the app
	if m, err := b.store.Member(ctx, d.Recipient); err == nil && m.DMChannel != "" {
		target = m.DMChannel
	}
	opts := append(repliesMessage(replies), slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType: deliveryEvent, EventPayload: map[string]any{"key": d.Key},
	}))
	post := func(ctx context.Context) error {
		if err := b.fanoutPace.wait(ctx); err != nil {
			return fmt.Errorf("waiting for a paced moment to post: %w", err)
		}
		var err error
		channel, ts, err = b.api.PostMessageContext(ctx, target, opts...)
		return err
	}
	err = b.callWithSlot(ctx, "chat.postMessage", b.fanout, post)
	if code, _ := unreachable(err); code == "channel_not_found" && target != d.Recipient {
		// A DM channel remembered from before may be gone; the person may
		// not be. Slack refused the post, so trying their user ID cannot
		// double it.
		target = d.Recipient
		err = b.callWith(ctx, "chat.postMessage", b.fanout, post)
	}
	if err != nil {
		return "", "", postError(err)
	}
	b.rememberDM(ctx, d.Recipient, target, channel)
	return channel, ts, nil
}

// postError is err from a call about a recipient as a scheduler.Sender
// reports it: Slack's codes for a recipient that cannot get messages wrap
// ErrUnreachable (a possibly-arrived post already wraps ErrMaybeSent).
func postError(err error) error {
	if code, ok := unreachable(err); ok {
		return fmt.Errorf("%w (Slack said %s): %w", scheduler.ErrUnreachable, code, err)
	}
	return err
}

// rememberDM records the member's DM channel once a post to target (their
// user ID, or a channel) landed in channel, so later posts and history
// checks skip conversations.open.
func (b *Bot) rememberDM(ctx context.Context, user, target, channel string) {
	if channel == "" || target == channel || !strings.HasPrefix(channel, "D") {
		return
	}
	if err := b.store.SaveMemberDM(ctx, user, channel); err != nil && !errors.Is(err, store.ErrNotFound) {
		b.log.Warn("could not remember a DM channel", "user", user, "err", err)
	}
}

// Slot waits for the next scheduled-message slot under the rate limit
// (scheduler.Sender); the Deliver that follows uses it.
func (b *Bot) Slot(ctx context.Context) error { return b.fanout.wait(ctx) }

// Delivered looks through the recipient's DM for a message tagged with the
// delivery's key (scheduler.Sender).
func (b *Bot) Delivered(ctx context.Context, d store.Delivery) (channel, ts string, found bool, err error) {
	if inParts(d) { // found only when every part is there: see digest.go
		return b.deliveredInParts(ctx, d)
	}
	if channel, err = b.dmChannel(ctx, d.Recipient); err != nil {
		return "", "", false, postError(err)
	}
	// Nothing is sent more than a week before its session (or day), so
	// older messages cannot be it.
	from := d.Session
	if d.DueAt.Before(from) {
		from = d.DueAt
	}
	ts, found, err = b.findTagged(ctx, channel, deliveryEvent, d.Key, from.Add(-8*24*time.Hour))
	if err != nil {
		return "", "", false, postError(err)
	}
	return channel, ts, found, nil
}

// dmChannel is the member's DM channel with the bot: remembered, or opened
// (and remembered).
func (b *Bot) dmChannel(ctx context.Context, user string) (string, error) {
	if m, err := b.store.Member(ctx, user); err == nil && m.DMChannel != "" {
		return m.DMChannel, nil
	}
	channel, err := b.dm(ctx, user)
	if err != nil {
		return "", err
	}
	b.rememberDM(ctx, user, user, channel)
	return channel, nil
}

// findTagged looks through channel's history since since for a message
// Cairn tagged with metadata of eventType and payload key, and returns its
// timestamp. A message that may or may not have been posted is looked for
// this way before it is posted again.
func (b *Bot) findTagged(ctx context.Context, channel, eventType, key string, since time.Time) (ts string, found bool, err error) {
	err = b.eachTagged(ctx, channel, eventType, key, since, func(m slack.Message) bool {
		ts, found = m.Timestamp, true
		return false
	})
	return ts, found, err
}

// eachTagged calls fn, newest first, with each message in channel since
// since that Cairn tagged with metadata of eventType and payload key, until
// fn returns false. It reads at most 20 pages of 200 (Tier 3).
func (b *Bot) eachTagged(ctx context.Context, channel, eventType, key string, since time.Time, fn func(slack.Message) bool) error {
	oldest := fmt.Sprintf("%d.000000", since.Unix())
	cursor := ""
	for page := 0; page < 20; page++ {
		var resp *slack.GetConversationHistoryResponse
		err := b.call(ctx, "conversations.history", func(ctx context.Context) error {
			var err error
			resp, err = b.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
				ChannelID: channel, Oldest: oldest, Limit: 200, IncludeAllMetadata: true, Cursor: cursor,
			})
			return err
		})
		if err != nil {
			return err
		}
		for _, m := range resp.Messages {
			if m.Metadata.EventType == eventType && m.Metadata.EventPayload["key"] == key && !fn(m) {
				return nil
			}
		}
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			return nil
		}
		cursor = resp.ResponseMetaData.NextCursor
	}
	return nil
}

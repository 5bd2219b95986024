package bot

import (
	"context"
	"errors"
	"fmt"

	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// deliveryEvent is the message metadata type that tags every scheduled
// message with its delivery key, so that after a crash Cairn can look in the
// DM and see whether a message went out before sending it again.
const deliveryEvent = "cairn_delivery"

// Deliver sends a scheduled message to its recipient's DM (scheduler.Sender)
// as one message, tagged with the delivery key in its metadata.
func (b *Bot) Deliver(ctx context.Context, d store.Delivery, replies []conversations.Reply) (channel, ts string, err error) {
	target := d.Recipient // posting to a user ID lands in their DM with the app
	if m, err := b.store.Member(ctx, d.Recipient); err == nil && m.DMChannel != "" {
		target = m.DMChannel
	}
	opts := append(repliesMessage(replies), slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType: deliveryEvent, EventPayload: map[string]any{"key": d.Key},
	}))
	err = b.callWithSlot(ctx, "chat.postMessage", b.fanout, func(ctx context.Context) error {
		var err error
		channel, ts, err = b.api.PostMessageContext(ctx, target, opts...)
		return err
	})
	if err != nil {
		return "", "", err
	}
	if target != channel {
		if err := b.store.SaveMemberDM(ctx, d.Recipient, channel); err != nil && !errors.Is(err, store.ErrNotFound) {
			b.log.Warn("could not remember a DM channel", "user", d.Recipient, "err", err)
		}
	}
	return channel, ts, nil
}

// Slot waits for the next scheduled-message slot under the rate limit
// (scheduler.Sender); the Deliver that follows uses it.
func (b *Bot) Slot(ctx context.Context) error { return b.fanout.wait(ctx) }

// Delivered looks through the recipient's DM for a message tagged with the
// delivery's key (scheduler.Sender).
func (b *Bot) Delivered(ctx context.Context, d store.Delivery) (channel, ts string, found bool, err error) {
	channel = ""
	if m, err := b.store.Member(ctx, d.Recipient); err == nil {
		channel = m.DMChannel
	}
	if channel == "" {
		if channel, err = b.dm(ctx, d.Recipient); err != nil {
			return "", "", false, err
		}
	}
	// Nothing is sent more than a week before its session (or day), so
	// older messages cannot be it.
	from := d.Session
	if d.DueAt.Before(from) {
		from = d.DueAt
	}
	oldest := fmt.Sprintf("%d.000000", from.Add(-8*24*time.Hour).Unix())
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
			return "", "", false, err
		}
		for _, m := range resp.Messages {
			if m.Metadata.EventType == deliveryEvent && m.Metadata.EventPayload["key"] == d.Key {
				return channel, m.Timestamp, true, nil
			}
		}
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			break
		}
		cursor = resp.ResponseMetaData.NextCursor
	}
	return channel, "", false, nil
}

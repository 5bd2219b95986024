package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// Members' replies go through the store's outbox: a turn stages them in its
// own commit, then they are posted in order, each tagged with its outbox id
// (message metadata). A reply Slack cannot take now stays in the outbox and
// is posted later by RunOutbox, once; one whose post may have arrived is
// looked for in the DM by its tag before it is posted again. One member's
// replies never overtake each other: posting stops at the first that cannot
// go out, and a member's outbox is posted by one goroutine at a time.

// replyEvent is the message metadata type of a reply from the outbox.
const replyEvent = "cairn_reply"

const (
	// Waits before a reply that could not be posted is tried again: the
	// first is also how long a post that may have arrived has to show up
	// in the DM's history before it is looked for.
	outboxFirstWait = 2 * time.Second
	outboxMostWait  = time.Minute
	// outboxLookBack is how long before a reply was staged its post is
	// looked for, in case Slack's clock is behind ours.
	outboxLookBack = 10 * time.Minute
	// outboxSenders is how many members' replies RunOutbox posts at once.
	outboxSenders = 4
	// outboxIdle is how often RunOutbox looks even when nobody woke it.
	outboxIdle = time.Minute
)

// outboxState is the bot's bookkeeping for posting the outbox. Its zero
// value is ready to use.
type outboxState struct {
	mu          sync.Mutex
	locks       map[string]*memberLock
	wake        chan struct{}
	first, most time.Duration
}

type memberLock struct {
	mu    sync.Mutex
	users int // goroutines holding or waiting for mu
}

func (o *outboxState) setWaits(first, most time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.first, o.most = first, most
}

// wait is how long to wait before the next try of a reply already tried
// attempts times.
func (o *outboxState) wait(attempts int) time.Duration {
	o.mu.Lock()
	first, most := o.first, o.most
	o.mu.Unlock()
	if first <= 0 {
		first = outboxFirstWait
	}
	if most <= 0 {
		most = outboxMostWait
	}
	return min(first<<min(max(attempts, 0), 16), most)
}

// woken is signalled when a turn left replies for RunOutbox.
func (o *outboxState) woken() chan struct{} {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.wake == nil {
		o.wake = make(chan struct{}, 1)
	}
	return o.wake
}

func (o *outboxState) kick() {
	select {
	case o.woken() <- struct{}{}:
	default: // already signalled
	}
}

// lock takes the member's outbox, so that their replies are posted by one
// goroutine at a time, in order.
func (o *outboxState) lock(user string) (unlock func()) {
	o.mu.Lock()
	if o.locks == nil {
		o.locks = map[string]*memberLock{}
	}
	l := o.locks[user]
	if l == nil {
		l = &memberLock{}
		o.locks[user] = l
	}
	l.users++
	o.mu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		o.mu.Lock()
		if l.users--; l.users == 0 {
			delete(o.locks, user)
		}
		o.mu.Unlock()
	}
}

// stage puts replies to user (in channel, or their DM when empty) in the
// outbox, for messages decided outside a conversation turn.
func (b *Bot) stage(ctx context.Context, user, channel string, replies []conversations.Reply) error {
	msgs := make([]store.Outgoing, 0, len(replies))
	for _, r := range replies {
		body, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("bot: encode a reply to %s: %w", user, err)
		}
		msgs = append(msgs, store.Outgoing{MemberID: user, Channel: channel, Body: body})
	}
	_, err := b.store.Stage(ctx, msgs)
	return err
}

// sendReplies posts user's staged replies now, as far as Slack lets it; what
// is left goes to RunOutbox. Only a failure of the store is an error: a reply
// kept for later is not.
func (b *Bot) sendReplies(ctx context.Context, user string) error {
	next, err := b.flushMember(ctx, user)
	if err != nil || !next.IsZero() {
		b.outbox.kick()
	}
	return err
}

// flushMember posts user's staged replies in order until one cannot go out
// now, and returns when that one is due again (zero: none is left).
func (b *Bot) flushMember(ctx context.Context, user string) (next time.Time, err error) {
	unlock := b.outbox.lock(user)
	defer unlock()
	pending, err := b.store.MemberOutbox(ctx, user)
	if err != nil {
		return time.Time{}, err
	}
	for _, o := range pending {
		if o.NextAt.After(time.Now()) {
			return o.NextAt, nil
		}
		if next, err := b.sendOutgoing(ctx, o); err != nil || !next.IsZero() {
			return next, err
		}
	}
	return time.Time{}, nil
}

// sendOutgoing posts one staged reply, unless it is found already posted.
// It returns when to try again if the reply stays in the outbox (zero when
// it was posted or dropped).
func (b *Bot) sendOutgoing(ctx context.Context, o store.Outgoing) (next time.Time, err error) {
	log := b.log.With("user", o.MemberID, "outbox_id", o.ID)
	// After the post, the outcome is recorded even if ctx ended meanwhile:
	// a "sending" reply without its wait would be looked for too soon.
	after := context.WithoutCancel(ctx)
	key := strconv.FormatUint(o.ID, 10)
	channel := o.Channel
	if channel == "" {
		if channel, err = b.dmChannel(ctx, o.MemberID); err != nil {
			if code, gone := unreachable(err); gone {
				log.Warn("reply dropped: the member cannot be reached on Slack", "err", code)
				return time.Time{}, b.store.DoneOutbox(after, o.ID)
			}
			log.Warn("could not open the DM for a reply; will try again", "err", err)
			return b.retryOutgoing(after, o, o.State)
		}
	}
	if o.State == store.OutboxSending {
		_, found, err := b.findTagged(ctx, channel, replyEvent, key, o.CreatedAt.Add(-outboxLookBack))
		if code, gone := unreachable(err); gone {
			// Whether or not it arrived, the DM is gone: nothing to post to.
			log.Warn("reply dropped: the member cannot be reached on Slack", "err", code)
			return time.Time{}, b.store.DoneOutbox(after, o.ID)
		}
		if err != nil {
			log.Warn("could not check whether a reply arrived; will look again before posting", "err", err)
			return b.retryOutgoing(after, o, store.OutboxSending)
		}
		if found {
			log.Info("reply found already posted")
			return time.Time{}, b.store.DoneOutbox(after, o.ID)
		}
	}
	reply, err := conversations.DecodeReply(o.Body)
	if err != nil {
		log.Error("reply dropped: it cannot be read", "err", err)
		return time.Time{}, b.store.DoneOutbox(after, o.ID)
	}
	if b.FatalErr() != nil {
		return time.Now().Add(b.outbox.wait(o.Attempts)), nil // kept for a start with a working token
	}
	if err := b.store.MarkOutboxSending(ctx, o.ID); err != nil {
		return time.Time{}, err
	}
	opts := append(replyMessage(reply), slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType: replyEvent, EventPayload: map[string]any{"key": key},
	}))
	err = b.call(ctx, "chat.postMessage", func(ctx context.Context) error {
		_, _, err := b.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	code, gone := unreachable(err)
	switch {
	case err == nil:
		return time.Time{}, b.store.DoneOutbox(after, o.ID)
	case errors.Is(err, scheduler.ErrMaybeSent):
		log.Warn("a reply may not have reached Slack; it will be looked for before it is posted again", "attempt", o.Attempts+1, "err", err)
		return b.retryOutgoing(after, o, store.OutboxSending)
	case b.FatalErr() != nil:
		return b.retryOutgoing(after, o, store.OutboxPending)
	case gone:
		log.Warn("reply dropped: the member cannot be reached on Slack", "err", code)
		return time.Time{}, b.store.DoneOutbox(after, o.ID)
	case code != "" && !notDoneCodes[code] && !tokenCodes[code]:
		// Slack read this message and refused it: posting it again cannot
		// do better, and it must not hold back the member's next replies.
		log.Error("reply dropped: Slack refused it", "err", code)
		return time.Time{}, b.store.DoneOutbox(after, o.ID)
	default:
		log.Warn("a reply could not be posted; will try again", "attempt", o.Attempts+1, "err", err)
		return b.retryOutgoing(after, o, store.OutboxPending)
	}
}

// retryOutgoing leaves reply o in the outbox, in state, for its next try.
func (b *Bot) retryOutgoing(ctx context.Context, o store.Outgoing, state store.OutboxState) (time.Time, error) {
	next := time.Now().Add(b.outbox.wait(o.Attempts))
	return next, b.store.RetryOutbox(ctx, o.ID, state, next)
}

// RunOutbox posts the replies that could not be posted when they were
// decided — Slack down or slow, a restart in between — until ctx ends. It
// starts with what a previous run left. Each member's replies go out in
// order and once; those of several members go out side by side. Start it
// once per Bot, beside Socket Mode or the HTTP server.
func (b *Bot) RunOutbox(ctx context.Context) error {
	for ctx.Err() == nil {
		next := time.Now().Add(outboxIdle)
		if b.FatalErr() == nil { // once the token is refused, replies wait for the next start
			due, err := b.sendOutbox(ctx)
			if err != nil && ctx.Err() == nil {
				b.log.Warn("could not post from the outbox; will try again", "err", err)
				due = time.Now().Add(b.outbox.wait(0))
			}
			if !due.IsZero() && due.Before(next) {
				next = due
			}
		}
		t := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
		case <-b.outbox.woken():
		case <-t.C:
		}
		t.Stop()
	}
	return nil
}

// sendOutbox makes one pass over the outbox: every member whose oldest
// reply is due has their replies posted. It returns when the earliest reply
// left is due (zero: none is left).
func (b *Bot) sendOutbox(ctx context.Context) (next time.Time, err error) {
	all, err := b.store.Outbox(ctx, 0)
	if err != nil {
		return time.Time{}, err
	}
	var mu sync.Mutex
	later := func(t time.Time, e error) {
		mu.Lock()
		defer mu.Unlock()
		if !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
		if err == nil {
			err = e
		}
	}
	seen := map[string]bool{}
	slots := make(chan struct{}, outboxSenders)
	var wg sync.WaitGroup
	for _, o := range all { // oldest first: members who have waited longest go first
		if seen[o.MemberID] {
			continue
		}
		seen[o.MemberID] = true
		if o.NextAt.After(time.Now()) {
			later(o.NextAt, nil)
			continue
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return next, ctx.Err()
		}
		user := o.MemberID
		wg.Go(func() {
			defer func() { <-slots }()
			later(b.flushMember(ctx, user))
		})
	}
	wg.Wait()
	return next, err
}

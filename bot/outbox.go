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
//
// A reply is not marked "sending" before its post (that would cost a commit
// on every reply's path). Instead the bot trusts the stored state only of
// replies it staged or recorded itself: every other one — left by an
// earlier run, which may have crashed between a post and its record — is
// looked for in the DM before it is posted. After a failed post the outcome
// is recorded (attempt counted; "sending" if it may have arrived).

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
	// known are replies whose stored state this process staged or wrote
	// after its own last try: when it says pending, the reply surely was
	// not posted.
	known map[uint64]bool
	// posted are replies posted whose removal from the store is under way
	// (or failed): skipped, never posted again by this process.
	posted map[uint64]bool
}

// markPosted records that reply id is posted, before its removal.
func (o *outboxState) markPosted(id uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.posted == nil {
		o.posted = map[uint64]bool{}
	}
	o.posted[id] = true
}

func (o *outboxState) isPosted(id uint64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.posted[id]
}

// removed forgets reply id once it is gone from the store.
func (o *outboxState) removed(id uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.posted, id)
	delete(o.known, id)
}

func (o *outboxState) trust(ids ...uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.known == nil {
		o.known = map[uint64]bool{}
	}
	for _, id := range ids {
		o.known[id] = true
	}
}

func (o *outboxState) forget(id uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.known, id)
}

func (o *outboxState) trusted(id uint64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.known[id]
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
	ids, err := b.store.Stage(ctx, msgs)
	b.outbox.trust(ids...)
	return err
}

// sendReplies posts user's staged replies now, as far as Slack lets it; what
// is left goes to RunOutbox. Only a failure of the store is an error: a reply
// kept for later is not.
func (b *Bot) sendReplies(ctx context.Context, user string) error {
	// The member is waiting for these: a reply held back by its backoff is
	// tried now rather than at its time, so a new message after an outage
	// is not answered only when an old reply's wait (up to a minute) ends.
	next, err := b.flushMember(ctx, user, true)
	if err != nil || !next.IsZero() {
		b.outbox.kick()
	}
	return err
}

// flushMember posts user's staged replies in order until one cannot go out
// now, and returns when that one is due again (zero: none is left).
func (b *Bot) flushMember(ctx context.Context, user string, now bool) (next time.Time, err error) {
	unlock := b.outbox.lock(user)
	defer unlock()
	pending, err := b.store.MemberOutbox(ctx, user)
	if err != nil {
		return time.Time{}, err
	}
	for _, o := range pending {
		if b.outbox.isPosted(o.ID) {
			continue // posted; its removal is under way
		}
		if !now && o.NextAt.After(time.Now()) {
			return o.NextAt, nil
		}
		now = false // one try out of turn, not a loop against a Slack still down
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
	// a doubtful reply recorded without its wait would be looked for too soon.
	after := context.WithoutCancel(ctx)
	key := strconv.FormatUint(o.ID, 10)
	doubtful := o.State == store.OutboxSending || !b.outbox.trusted(o.ID)
	unsure := store.OutboxPending // what the store may say of it before a post
	if doubtful {
		unsure = store.OutboxSending
	}
	channel := o.Channel
	if channel == "" {
		if channel, err = b.dmChannel(ctx, o.MemberID); err != nil {
			if code, gone := unreachable(err); gone {
				log.Warn("reply dropped: the member cannot be reached on Slack", "err", code)
				return b.doneOutgoing(after, o)
			}
			log.Warn("could not open the DM for a reply; will try again", "err", err)
			return b.retryOutgoing(after, o, unsure, false)
		}
	}
	if doubtful {
		_, found, err := b.findTagged(ctx, channel, replyEvent, key, o.CreatedAt.Add(-outboxLookBack))
		if code, gone := unreachable(err); gone {
			// Whether or not it arrived, the DM is gone: nothing to post to.
			log.Warn("reply dropped: the member cannot be reached on Slack", "err", code)
			return b.doneOutgoing(after, o)
		}
		if err != nil {
			log.Warn("could not check whether a reply arrived; will look again before posting", "err", err)
			return b.retryOutgoing(after, o, store.OutboxSending, false)
		}
		if found {
			log.Info("reply found already posted")
			return b.doneOutgoing(after, o)
		}
	}
	reply, err := conversations.DecodeReply(o.Body)
	if err != nil {
		log.Error("reply dropped: it cannot be read", "err", err)
		return b.doneOutgoing(after, o)
	}
	if b.FatalErr() != nil {
		return time.Now().Add(b.outbox.wait(o.Attempts)), nil // kept for a start with a working token
	}
	opts := append(replyMessage(reply), slack.MsgOptionMetadata(slack.SlackMetadata{
		EventType: replyEvent, EventPayload: map[string]any{"key": key},
	}))
	// Until its outcome is recorded, a crash leaves this reply as it was
	// staged; the next run does not trust that, and looks for it first.
	err = b.call(ctx, "chat.postMessage", func(ctx context.Context) error {
		_, _, err := b.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	code, gone := unreachable(err)
	switch {
	case err == nil:
		b.removePosted(after, o)
		return time.Time{}, nil
	case errors.Is(err, scheduler.ErrMaybeSent):
		log.Warn("a reply may not have reached Slack; it will be looked for before it is posted again", "attempt", o.Attempts+1, "err", err)
		return b.retryOutgoing(after, o, store.OutboxSending, true)
	case b.FatalErr() != nil:
		return b.retryOutgoing(after, o, store.OutboxPending, true)
	case gone:
		log.Warn("reply dropped: the member cannot be reached on Slack", "err", code)
		return b.doneOutgoing(after, o)
	case code != "" && !notDoneCodes[code] && !tokenCodes[code]:
		// Slack read this message and refused it: posting it again cannot
		// do better, and it must not hold back the member's next replies.
		log.Error("reply dropped: Slack refused it", "err", code)
		return b.doneOutgoing(after, o)
	default:
		log.Warn("a reply could not be posted; will try again", "attempt", o.Attempts+1, "err", err)
		return b.retryOutgoing(after, o, store.OutboxPending, true)
	}
}

// doneOutgoing removes reply o from the outbox: posted, found, or dropped.
func (b *Bot) doneOutgoing(ctx context.Context, o store.Outgoing) (time.Time, error) {
	// Not trusted any more: should the removal fail, the reply is looked
	// for before it is posted again.
	b.outbox.forget(o.ID)
	return time.Time{}, b.store.DoneOutbox(ctx, o.ID)
}

// removePosted removes a posted reply from the outbox in the background:
// the member's next reply need not wait for that commit, and removals from
// many turns share one. Until it is done the reply is skipped here. Should
// it fail, or the bot be closing, the reply stays in the store and the next
// run finds it in the DM by its tag.
func (b *Bot) removePosted(ctx context.Context, o store.Outgoing) {
	b.outbox.markPosted(o.ID)
	remove := func() {
		if err := b.store.DoneOutbox(ctx, o.ID); err != nil {
			b.log.Warn("could not remove a posted reply from the outbox", "user", o.MemberID, "outbox_id", o.ID, "err", err)
			return
		}
		b.outbox.removed(o.ID)
	}
	// While shutting down (a turn finishing in flight), remove it now: left
	// in the store, it would cost a look at the DM's history (Tier 3, about
	// one a second) at the next start, holding up the member's next reply.
	if !b.background(remove) {
		remove()
	}
}

// retryOutgoing leaves reply o in the outbox, in state (OutboxSending if it
// may have been posted), for its next try; attempted counts a post.
func (b *Bot) retryOutgoing(ctx context.Context, o store.Outgoing, state store.OutboxState, attempted bool) (time.Time, error) {
	next := time.Now().Add(b.outbox.wait(o.Attempts))
	b.outbox.forget(o.ID)
	if attempted {
		if err := b.store.MarkOutboxSending(ctx, o.ID); err != nil {
			return next, err
		}
	}
	if err := b.store.RetryOutbox(ctx, o.ID, state, next); err != nil {
		return next, err
	}
	b.outbox.trust(o.ID) // the store now says what this process knows
	return next, nil
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
			later(b.flushMember(ctx, user, false))
		})
	}
	wg.Wait()
	return next, err
}

package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Every input from Slack that becomes a member's turn is journaled in the
// store's inbox before Slack is acknowledged (Slack never resends an
// acknowledged envelope, so an input held only in memory would be lost to a
// crash), and is removed in the same commit as its turn. Workers take inputs
// from the inbox in the order they came; when a worker's queue is full, new
// inputs simply wait in the inbox and the sweeper queues them later, so
// nothing on the ack path ever waits for a member's backlog.

// Kinds of journaled input.
const (
	kindDM      = "dm"     // a message in the member's DM
	kindButton  = "button" // a conversation button on a message
	kindAction  = "action" // a turn started by an App Home button or /cairn
	kindHelp    = "help"   // the help text, asked for from App Home
	kindDone    = "done"   // "Mark done" beside a step in App Home
	sweepPeriod = 5 * time.Second
)

// input is a journaled input's payload: what its turn needs, later.
type input struct {
	Channel string `json:"channel,omitempty"`
	Text    string `json:"text,omitempty"`
	Action  string `json:"action,omitempty"`
	// A pressed button's message, whose buttons are taken off.
	PressTS  string `json:"press_ts,omitempty"`
	Question string `json:"question,omitempty"`
	Label    string `json:"label,omitempty"`
	Step     uint64 `json:"step,omitempty"`
	// Mentions are the people Cairn named in the pressed message, shown
	// as names again once it is answered (helpers.go).
	Mentions []string `json:"mentions,omitempty"`
}

// intake is what one input from Slack becomes: a journaled item, and work
// done after the ack that needs no journal (it is idempotent, or must
// happen at once, like opening a modal before its trigger expires).
type intake struct {
	item  *store.InboxItem
	after func(ctx context.Context)
}

// newItem makes the inbox item for an input. key identifies the input
// across Slack's retries.
func newItem(key, user, kind string, in input) *store.InboxItem {
	payload, err := json.Marshal(in)
	if err != nil { // a struct of strings always encodes
		panic(fmt.Sprintf("bot: encode an input: %v", err))
	}
	return &store.InboxItem{Key: key, MemberID: user, Kind: kind, Payload: payload, ReceivedAt: time.Now()}
}

// journal records items durably (one group commit) and hands the new ones
// to their workers. When it fails, the caller must not acknowledge: Slack
// then sends the inputs again.
func (b *Bot) journal(ctx context.Context, items []store.InboxItem) error {
	if len(items) == 0 {
		return nil
	}
	journaled, fresh, err := b.store.Journal(context.WithoutCancel(ctx), items)
	if err != nil {
		return err
	}
	for i, it := range journaled {
		if fresh[i] {
			b.schedule(it)
		} else {
			b.log.Info("input seen before; not handled again", "kind", it.Kind, "event_id", it.Key)
		}
	}
	return nil
}

// accept journals in's item and then runs its after-work in the
// background. It returns the journal's error: do not acknowledge then.
func (b *Bot) accept(ctx context.Context, in intake) error {
	if in.item != nil {
		if err := b.journal(ctx, []store.InboxItem{*in.item}); err != nil {
			b.log.Error("could not journal an input; not acknowledging it, so Slack sends it again", "kind", in.item.Kind, "err", err)
			return err
		}
	}
	b.afterAck(ctx, in)
	return nil
}

func (b *Bot) afterAck(ctx context.Context, in intake) {
	if in.after != nil {
		ctx := context.WithoutCancel(ctx)
		b.background(func() { in.after(ctx) })
	}
}

// pendingAck is an input waiting in the journaler for its commit, then ack.
type pendingAck struct {
	in  intake
	ack func()
}

// journaler journals Socket Mode inputs in the order they came, many to a
// commit, and acknowledges each once it is durable. It returns when q is
// closed.
func (b *Bot) journaler(ctx context.Context, q <-chan pendingAck) {
	for p := range q {
		batch := []pendingAck{p}
	more:
		for len(batch) < 512 {
			select {
			case p, ok := <-q:
				if !ok {
					break more
				}
				batch = append(batch, p)
			default:
				break more
			}
		}
		items := make([]store.InboxItem, len(batch))
		for i, p := range batch {
			items[i] = *p.in.item
		}
		if err := b.journal(ctx, items); err == nil {
			for _, p := range batch {
				p.ack()
				b.afterAck(ctx, p.in)
			}
			continue
		}
		// One input the store refuses must not hold back the others:
		// try each on its own (rare, so the extra commits do not matter).
		for _, p := range batch {
			if b.accept(ctx, p.in) == nil {
				p.ack()
			}
		}
	}
}

// startInbox starts the sweeper and the outbox sender once. The sweeper
// first queues what a previous run left in the inbox, in order, then keeps
// queueing what waits there while workers are full. RunSocketMode and HTTPHandler call it, so pending inputs
// are handled before (and in order with) anything new.
func (b *Bot) startInbox() {
	b.sweeper.Do(func() {
		b.background(b.sweepLoop)
		b.wakeSweeper()
		b.background(b.resumeRecaps) // recap.go: recaps saved but not yet posted
		// Replies a previous run (or a slow Slack) left in the outbox go
		// out in the background until shutdown begins; a turn finishing
		// during shutdown still posts its own replies.
		b.background(func() {
			ctx, cancel := context.WithCancel(b.runCtx)
			defer cancel()
			go func() {
				select {
				case <-b.quit:
					cancel()
				case <-ctx.Done():
				}
			}()
			_ = b.RunOutbox(ctx)
		})
	})
}

// wakeSweeper asks for a sweep soon; it never waits.
func (b *Bot) wakeSweeper() {
	select {
	case b.sweepNow <- struct{}{}:
	default:
	}
}

func (b *Bot) sweepLoop() {
	tick := time.NewTicker(sweepPeriod)
	defer tick.Stop()
	for {
		select {
		case <-b.quit:
			return
		case <-b.sweepNow:
		case <-tick.C:
		}
		if err := b.sweep(b.runCtx); err != nil && b.runCtx.Err() == nil {
			b.log.Error("could not read the inbox; trying again shortly", "err", err)
		}
	}
}

// sweep queues the inbox items of workers that are behind it, oldest
// first, as far as their queues have room. A worker catches up (and takes
// new inputs straight from the journal again) once a sweep has queued all
// its items and none was left in the inbox for it meanwhile.
func (b *Bot) sweep(ctx context.Context) error {
	b.mu.Lock()
	if b.stopped {
		b.mu.Unlock()
		return nil
	}
	spills := make([]int, len(b.workers))
	anyBehind := false
	for i, w := range b.workers {
		spills[i] = w.spills
		anyBehind = anyBehind || w.behind
	}
	if !anyBehind {
		b.mu.Unlock()
		return nil
	}
	b.sweeping, b.settled = true, map[uint64]bool{}
	b.mu.Unlock()

	items, err := b.store.Inbox(ctx)

	b.mu.Lock()
	defer b.mu.Unlock()
	settled := b.settled
	b.sweeping, b.settled = false, nil
	if err != nil || b.stopped {
		return err
	}
	full := map[*worker]bool{}
	for _, it := range items {
		w := b.workerFor(it.MemberID)
		if !w.behind || full[w] || b.claimed[it.Seq] || settled[it.Seq] {
			continue
		}
		if w.items >= queueDepth {
			full[w] = true // the rest wait, so the member's order holds
			continue
		}
		b.claimed[it.Seq] = true
		w.push(job{name: it.Kind, item: &it})
	}
	again := false
	for i, w := range b.workers {
		switch {
		case !w.behind || full[w]:
		case w.spills == spills[i]:
			w.behind = false
		default:
			again = true // inputs arrived while the inbox was read
		}
	}
	if again {
		b.wakeSweeper()
	}
	return nil
}

// runItem handles one journaled input. A turn settles its item in its own
// commit; an input that ends without one (seen before, no turn needed, or
// failed for good) is settled here. Only a shutdown leaves it in the inbox.
func (b *Bot) runItem(ctx context.Context, it store.InboxItem) (err error) {
	defer func() {
		if b.runCtx.Err() != nil {
			return // shutting down: handled at the next start
		}
		if err != nil {
			// The member was told something went wrong (or the turn was
			// saved and only its replies failed): trying again later
			// could answer twice.
			settleCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.CallTimeout)
			defer cancel()
			if serr := b.store.DoneInbox(settleCtx, it.Seq); serr != nil {
				err = errors.Join(err, serr)
			}
		}
		b.cfg.Observer.Turn(it.Kind, time.Since(it.ReceivedAt)) // from its arrival, waits included
	}()
	var in input
	if err := json.Unmarshal(it.Payload, &in); err != nil {
		return fmt.Errorf("bot: inbox item %d (%s): %w", it.Seq, it.Kind, err)
	}
	if seen, err := b.store.SeenEvent(ctx, it.Key); err != nil {
		return err
	} else if seen {
		return b.store.DoneInbox(ctx, it.Seq)
	}
	user := it.MemberID
	origin := conversations.Origin{EventID: it.Key, InboxSeq: it.Seq}
	switch it.Kind {
	case kindDM:
		return b.turnFrom(ctx, user, in.Channel, origin, conversations.Input{Text: in.Text})
	case kindButton:
		if in.Channel != "" && in.PressTS != "" {
			if err := b.update(ctx, in.Channel, in.PressTS, answeredMessage(in.Question, in.Label, in.Mentions...)...); err != nil {
				b.log.Warn("could not take the buttons off a message", "user", user, "err", err)
			}
		}
		return b.turnFrom(ctx, user, in.Channel, origin, conversations.Input{Action: in.Action})
	case kindAction:
		return b.turnFrom(ctx, user, "", origin, conversations.Input{Action: in.Action})
	}
	// Inputs answered without a conversation turn are settled after
	// their work: a crash in between repeats that work once.
	switch it.Kind {
	case kindHelp:
		err = b.deliver(ctx, user, "", []conversations.Reply{{Text: b.helpFor(ctx, user, b.wordsOf(ctx, user))}})
	case kindDone:
		err = b.markDone(ctx, user, in.Step)
	default:
		b.log.Warn("unknown kind of inbox item; dropped", "kind", it.Kind)
	}
	if err != nil {
		return err
	}
	return b.store.DoneInbox(ctx, it.Seq)
}

// markDone marks one of the member's steps done from App Home.
func (b *Bot) markDone(ctx context.Context, user string, id uint64) error {
	st, err := b.ownStep(ctx, user, id)
	if err != nil {
		b.log.Warn("step menu refused", "user", user, "err", err)
		return nil
	}
	if err := b.runner.MarkDone(ctx, user, id, b.Now()); err != nil {
		return err
	}
	return b.deliver(ctx, user, "", []conversations.Reply{{Text: fmt.Sprintf(b.wordsOf(ctx, user).SlashMarkedDone, st.What)}})
}

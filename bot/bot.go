package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// DefaultAPIURL is Slack's Web API. GovSlack and tests point elsewhere.
const DefaultAPIURL = "https://slack.com/api/"

// Config is how a Bot reaches Slack.
type Config struct {
	BotToken string // xoxb-…
	AppToken string // xapp-…, for Socket Mode
	// SigningSecret verifies HTTP requests from Slack (HTTP mode only).
	SigningSecret string
	// APIURL is the Web API base, ending in "/". Socket Mode follows it too.
	APIURL string
	// CallTimeout bounds one outbound Web API call (retries included).
	CallTimeout time.Duration
	// Workers is how many turns may run at once.
	Workers int
	// PingInterval is how long Socket Mode waits for Slack's pings before
	// reconnecting (slack-go's default is 30 s).
	PingInterval time.Duration
	// PostRate caps scheduled chat.postMessage calls (prompts, reminders,
	// digests) per second across the workspace (0: 20 a second), so a
	// fan-out to many members stays under Slack's limits instead of
	// collecting 429s.
	PostRate float64
	// NoLimits turns the per-method limiters off (tests and benchmarks
	// that measure Cairn itself; 429s are still honoured).
	NoLimits bool
	Logger   *slog.Logger
	// Admins are Slack ids that may create groups and allow others to
	// (CAIRN_ADMINS), besides those recorded with `cairn admin`.
	Admins []string
	// Observer is told about calls, waits and turns (nil: nobody).
	Observer Observer
}

// Bot is Cairn's Slack adapter.
type Bot struct {
	cfg    Config
	api    *slack.Client
	store  *store.Store
	runner *conversations.Runner
	log    *slog.Logger
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Scheduler is told when groups or pauses change, and sends nudges.
	Scheduler Scheduling

	botUserID string // the bot's own user, from auth.test

	http   *http.Transport
	limits map[string]*limiter
	fanout *limiter // scheduled chat.postMessage calls: slots reserved ahead (Slot)
	// fanoutPace spaces the scheduled posts themselves: a slot is reserved
	// before the delivery is marked "sending", and commits of uneven length
	// in between could otherwise bunch the posts past Slack's burst.
	fanoutPace *limiter
	workers    []*worker
	wg         sync.WaitGroup
	// mu guards the workers' queues and the inbox bookkeeping below. It is
	// held only for slice and map updates: nothing waits while holding it.
	mu       sync.Mutex
	stopped  bool
	claimed  map[uint64]bool // inbox items queued or running
	sweeping bool            // a sweep is reading the inbox
	settled  map[uint64]bool // items finished while the sweep reads
	sweepNow chan struct{}   // wakes the sweeper
	sweeper  sync.Once
	quit     chan struct{} // closed when shutdown begins
	runCtx   context.Context
	stopRun  context.CancelFunc // cancels turns in flight at the deadline
	stopOnce sync.Once
	ready    chan struct{} // closed once Slack is reachable
	readyOne sync.Once
	fatal    *fatalState
	zones    *zoneFetcher
	outbox   outboxState // posting members' replies (outbox.go)
}

// New makes a Bot over an open store. Call Close when done.
func New(cfg Config, st *store.Store) (*Bot, error) {
	if !strings.HasPrefix(cfg.BotToken, "xoxb-") {
		return nil, errors.New("bot: SLACK_BOT_TOKEN must be a bot token starting with xoxb- (Slack app settings → OAuth & Permissions)")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/"
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = 30 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 32
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	// slack-go's default client keeps two idle connections per host; under
	// many concurrent turns that means a new TCP connection for most calls.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 2 * cfg.Workers
	opts := []slack.Option{slack.OptionAPIURL(cfg.APIURL), slack.OptionHTTPClient(&http.Client{Transport: transport})}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	b := &Bot{
		cfg:    cfg,
		api:    slack.New(cfg.BotToken, opts...),
		store:  st,
		runner: &conversations.Runner{Store: st},
		log:    cfg.Logger,
		Now:    time.Now,
		ready:  make(chan struct{}),
		fatal:  newFatalState(),
		http:   transport,
	}
	b.runner.NextSession = b.nextSession
	b.zones = newZoneFetcher(b)
	b.limits = map[string]*limiter{}
	if !cfg.NoLimits {
		for method, r := range defaultRates {
			b.limits[method] = newLimiter(r.perSecond, r.burst)
		}
		rate := cfg.PostRate
		if rate <= 0 {
			rate = 20
		}
		// Only scheduled fan-outs queue for this; a member's replies go
		// first (they are few, and someone is waiting for them).
		// A burst of half of what Slack allows leaves room for network jitter.
		b.fanout = newLimiter(rate, max(int(rate/20), 1))
		b.fanoutPace = newLimiter(rate, max(int(rate/20), 1))
	}
	b.runCtx, b.stopRun = context.WithCancel(context.Background())
	b.quit, b.sweepNow = make(chan struct{}), make(chan struct{}, 1)
	b.claimed = map[uint64]bool{}
	b.workers = make([]*worker, cfg.Workers)
	for i := range b.workers {
		// Until the first sweep has read the inbox, every worker is behind
		// it: what a previous run left there goes first, in order.
		w := &worker{wake: make(chan struct{}, 1), behind: true}
		b.workers[i] = w
		b.wg.Go(func() { b.work(w) })
	}
	return b, nil
}

// queueDepth is how many journaled inputs a worker holds in memory; beyond
// it they wait in the inbox, where the sweeper finds them.
const queueDepth = 256

// worker runs the turns of the members hashed to it, one at a time, in the
// order their inputs came. Its queue is guarded by Bot.mu.
type worker struct {
	jobs   []job
	items  int  // jobs in jobs that are journaled inputs
	behind bool // the inbox holds inputs of its members not in jobs
	spills int  // inputs left in the inbox because it was behind or full
	wake   chan struct{}
}

// job is a journaled input (item), or work kept only in memory (fn):
// refreshing a view, a zone, things that are safe to lose or redo.
type job struct {
	name string
	item *store.InboxItem
	fn   func(ctx context.Context) error
}

func (w *worker) push(j job) {
	w.jobs = append(w.jobs, j)
	if j.item != nil {
		w.items++
	}
	w.poke()
}

func (w *worker) poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// workerFor is the worker of key (a member, or a channel for group work).
func (b *Bot) workerFor(key string) *worker {
	h := fnv.New32a()
	h.Write([]byte(key))
	return b.workers[h.Sum32()%uint32(len(b.workers))]
}

// work runs one worker's jobs until shutdown. Once shutdown begins it starts
// no journaled input (they stay in the inbox for the next start), but still
// runs the in-memory jobs it holds, under the shutdown deadline.
func (b *Bot) work(w *worker) {
	for {
		b.mu.Lock()
		for len(w.jobs) == 0 {
			if b.stopped {
				b.mu.Unlock()
				return
			}
			b.mu.Unlock()
			<-w.wake
			b.mu.Lock()
		}
		j := w.jobs[0]
		w.jobs[0] = job{}
		w.jobs = w.jobs[1:]
		stopped := b.stopped
		if j.item != nil {
			w.items--
			if w.behind && w.items < queueDepth/2 {
				b.wakeSweeper()
			}
		}
		b.mu.Unlock()

		if j.item != nil && stopped {
			b.finished(j.item.Seq)
			continue
		}
		ctx, cancel := context.WithTimeout(b.runCtx, 2*b.cfg.CallTimeout)
		var err error
		if j.item != nil {
			err = b.runItem(ctx, *j.item)
			b.finished(j.item.Seq)
		} else {
			err = j.fn(ctx)
		}
		cancel()
		if err != nil {
			b.log.Error("handling failed", "job", j.name, "err", err)
		}
	}
}

// enqueue runs fn on the worker for key (a member), after the ack. It never
// waits: the queue of in-memory work has no bound (it holds only what is
// not journaled, which a member's flood of messages is not).
func (b *Bot) enqueue(key, name string, fn func(ctx context.Context) error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		b.log.Warn("dropped work after shutdown began", "job", name)
		return
	}
	b.workerFor(key).push(job{name: name, fn: fn})
}

// schedule hands a journaled input to its member's worker. It never waits:
// when the worker is full, or behind the inbox already, the input stays in
// the inbox and the sweeper queues it later, in order.
func (b *Bot) schedule(it store.InboxItem) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped || b.claimed[it.Seq] {
		return // handled at the next start, or queued already by the sweeper
	}
	w := b.workerFor(it.MemberID)
	if w.behind || w.items >= queueDepth {
		w.behind = true
		w.spills++
		b.wakeSweeper()
		return
	}
	b.claimed[it.Seq] = true
	w.push(job{name: it.Kind, item: &it})
}

// finished forgets a journaled input that ran (or was skipped at shutdown).
func (b *Bot) finished(seq uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.claimed, seq)
	if b.sweeping {
		b.settled[seq] = true // the sweep may have read it before it was settled
	}
}

// background runs fn on a goroutine that Close waits for.
func (b *Bot) background(fn func()) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		return false
	}
	b.wg.Go(fn)
	return true
}

// Close stops taking work and waits for the turns in flight to finish.
// Journaled inputs not started yet stay in the inbox for the next start.
func (b *Bot) Close() error { return b.Shutdown(context.Background()) }

// Shutdown stops taking new work at once, lets the turns in flight finish
// until ctx ends, and returns. What was journaled but not started stays in
// the inbox and is handled at the next start. If ctx ends first, the turns
// still running are cancelled (one cancelled before its commit is handled
// again at the next start; one cancelled while posting its replies leaves
// them to the outbox) and Shutdown returns ctx's error without waiting for
// them to unwind; a later Close waits for that.
func (b *Bot) Shutdown(ctx context.Context) error {
	b.stopOnce.Do(func() {
		b.mu.Lock()
		b.stopped = true
		b.zones.close() // zone fetches are retries in the background: stop them
		close(b.quit)
		for _, w := range b.workers {
			w.poke()
		}
		b.mu.Unlock()
	})
	done := make(chan struct{})
	go func() {
		b.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		b.stopRun()
		b.http.CloseIdleConnections()
		return nil
	case <-ctx.Done():
		b.stopRun()
		return fmt.Errorf("bot: shutdown: turns still in flight were cancelled: %w", ctx.Err())
	}
}

// Runner is the bot's conversation runner; the scheduler shares it, so one
// member's turns never interleave whoever starts them.
func (b *Bot) Runner() *conversations.Runner { return b.runner }

// Ready is closed once the bot has reached Slack (for readiness checks).
func (b *Bot) Ready() <-chan struct{} { return b.ready }

func (b *Bot) markReady() { b.readyOne.Do(func() { close(b.ready) }) }

// CheckAuth calls auth.test, so a wrong token is reported at start.
func (b *Bot) CheckAuth(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.CallTimeout)
	defer cancel()
	callErr := b.call(ctx, "auth.test", func(ctx context.Context) error {
		resp, err := b.api.AuthTestContext(ctx)
		if err == nil {
			b.botUserID = resp.UserID
		}
		return err
	})
	if callErr != nil {
		return fmt.Errorf("bot: Slack refused the bot token (auth.test at %s): %w", b.cfg.APIURL, callErr)
	}
	return nil
}

// dedupeWindow is how long handled event IDs are remembered. Slack retries
// within minutes; a day is plenty, and keeps the store small.
const dedupeWindow = 24 * time.Hour

// PruneEvents forgets handled event IDs older than a day, every hour, until
// ctx ends.
func (b *Bot) PruneEvents(ctx context.Context) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if n, err := b.store.PruneEvents(ctx, b.Now().Add(-dedupeWindow)); err != nil && ctx.Err() == nil {
			b.log.Warn("pruning old event marks failed", "err", err)
		} else if n > 0 {
			b.log.Debug("pruned old event marks", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

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

	http     *http.Transport
	limits   map[string]*limiter
	fanout   *limiter // scheduled chat.postMessage calls
	queues   []chan job
	wg       sync.WaitGroup
	stopOnce sync.Once
	mu       sync.Mutex
	stopped  bool
	ready    chan struct{} // closed once Slack is reachable
	readyOne sync.Once
	fatal    *fatalState
	outbox   outboxState // posting members' replies (outbox.go)
}

type job struct {
	name string
	fn   func(ctx context.Context) error
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
	}
	b.queues = make([]chan job, cfg.Workers)
	for i := range b.queues {
		q := make(chan job, 256)
		b.queues[i] = q
		b.wg.Go(func() { b.work(q) })
	}
	return b, nil
}

// work runs one worker's jobs until its queue is closed. Jobs run to the end
// even during shutdown: a member's answer that was acknowledged gets its turn.
func (b *Bot) work(q chan job) {
	for j := range q {
		ctx, cancel := context.WithTimeout(context.Background(), 2*b.cfg.CallTimeout)
		if err := j.fn(ctx); err != nil {
			b.log.Error("handling failed", "job", j.name, "err", err)
		}
		cancel()
	}
}

// enqueue runs fn on the worker for key (a member), after the ack.
func (b *Bot) enqueue(key, name string, fn func(ctx context.Context) error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		b.log.Warn("dropped work after shutdown began", "job", name)
		return
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	b.queues[h.Sum32()%uint32(len(b.queues))] <- job{name: name, fn: fn}
}

// background runs fn on a goroutine that Close waits for.
func (b *Bot) background(fn func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopped {
		return
	}
	b.wg.Go(fn)
}

// Close stops taking work and waits for in-flight turns to finish.
func (b *Bot) Close() error {
	b.stopOnce.Do(func() {
		b.mu.Lock()
		b.stopped = true
		for _, q := range b.queues {
			close(q)
		}
		b.mu.Unlock()
		b.wg.Wait()
		b.http.CloseIdleConnections()
	})
	return nil
}

// Shutdown is Close with a deadline: it returns ctx's error if the turns in
// flight have not finished by then (they go on in the background, and what
// was journaled but not started is handled at the next start).
func (b *Bot) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		_ = b.Close()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("bot: shutdown: turns still in flight: %w", ctx.Err())
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

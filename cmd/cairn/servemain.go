package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/metrics"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// Config is what `cairn serve` was told by its flags and environment.
type Config struct {
	DB              string
	Key             []byte // encrypts the database; nil: it is stored plain
	HTTPAddr        string // "" for Socket Mode
	AdminAddr       string // "" for no admin server
	ShutdownTimeout time.Duration
	Retain          retainSpan // zero: keep records forever
	Bot             bot.Config
}

// Main is `cairn serve` put together, in the shape of wtf's cmd/wtfd: Open
// wires every part before anything starts (so nothing running ever sees a
// half-built bot), Run runs them until a signal or a failure and waits for
// every goroutine it started, and Close undoes Open in reverse order.
type Main struct {
	Config    Config
	Logger    *slog.Logger
	Store     *store.Store
	Bot       *bot.Bot
	Scheduler *scheduler.Scheduler
	Metrics   *metrics.Metrics

	admin  *httpServer // nil when CAIRN_ADMIN is empty
	events *httpServer // nil in Socket Mode

	// fatal says when Slack has refused the bot's token for good; it is
	// the bot, and tests replace it.
	fatal fatalSource
	// health says whether the store can still write; it is the store.
	health interface{ Health(context.Context) error }

	// retainTicks, if set, drives retention instead of a daily ticker (tests).
	retainTicks <-chan time.Time

	stopping  atomic.Bool // /readyz says no once shutdown has begun
	deadline  time.Time   // set when shutdown begins: turns get until then
	adminWG   sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// fatalSource is the part of the bot that reports a revoked token.
type fatalSource interface {
	Fatal() <-chan struct{}
	FatalErr() error
}

// NewMain returns a Main for cfg; Open wires it.
func NewMain(cfg Config, logger *slog.Logger) *Main {
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	if logger == nil {
		logger = slog.Default()
	}
	cfg.Bot.Logger = logger
	return &Main{Config: cfg, Logger: logger}
}

// Open opens the store, checks the token with Slack, builds the bot and the
// scheduler and binds the listeners (so a taken port fails at start). It
// starts nothing.
func (m *Main) Open(ctx context.Context) error {
	st, err := store.OpenOptions(m.Config.DB, store.Options{Key: m.Config.Key, Notify: func(msg string) { m.Logger.Warn(msg) }})
	if err != nil {
		return err
	}
	if m.Config.Key == nil {
		m.Logger.Warn(unencryptedNotice, "db", m.Config.DB)
	}
	m.Store, m.health = st, st
	m.Metrics = metrics.New(metricsSource(st), m.Logger)
	botCfg := m.Config.Bot
	botCfg.Observer = m.Metrics
	if m.Bot, err = bot.New(botCfg, st); err != nil {
		return err
	}
	m.fatal = m.Bot
	if err := m.Bot.CheckAuth(ctx); err != nil {
		return err
	}
	m.Scheduler = scheduler.New(st, m.Bot.Runner(), m.Bot, scheduler.Config{Logger: m.Logger})
	m.Bot.Scheduler = m.Scheduler
	if m.Config.AdminAddr != "" {
		if m.admin, err = bind(m.Config.AdminAddr, "admin", m.adminHandler()); err != nil {
			return err
		}
	}
	if m.Config.HTTPAddr != "" {
		h, err := m.Bot.HTTPHandler()
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		if m.events, err = bind(m.Config.HTTPAddr, "events", h); err != nil {
			return err
		}
	}
	return nil
}

// AdminAddr is the admin server's bound address ("" when it is off).
func (m *Main) AdminAddr() string {
	if m.admin == nil {
		return ""
	}
	return m.admin.ln.Addr().String()
}

// Run serves Slack until ctx ends (a signal), a part fails, or Slack
// refuses the token. It then stops reading from Slack and stops the
// scheduler, and returns once every goroutine it started for them has
// returned. Turns already taken in are finished by Close. The admin server
// keeps answering (unready) until Close.
func (m *Main) Run(ctx context.Context) error {
	if m.admin != nil {
		m.adminWG.Go(func() {
			if err := m.admin.serve(); err != nil {
				m.Logger.Error("admin server stopped", "err", err)
			}
		})
	}

	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	if m.events != nil {
		wg.Go(func() { errc <- m.events.serve() })
		wg.Go(func() {
			<-runCtx.Done()
			// Stop reading from Slack; events already acknowledged are in
			// the bot's hands.
			sctx, scancel := context.WithDeadline(context.Background(), m.deadline)
			defer scancel()
			if err := m.events.shutdown(sctx); err != nil {
				m.Logger.Warn("events server did not stop cleanly", "err", err)
			}
		})
		m.Logger.Info("serving the HTTP Events API", "addr", m.events.ln.Addr().String(), "db", m.Store.Path())
	} else {
		wg.Go(func() { errc <- m.Bot.RunSocketMode(runCtx) })
		m.Logger.Info("starting Socket Mode", "db", m.Store.Path())
	}
	wg.Go(func() { m.Bot.PruneEvents(runCtx) })
	if !m.Config.Retain.off() {
		r := &retention{st: m.Store, keep: m.Config.Retain, now: time.Now, log: m.Logger, ticks: m.retainTicks}
		wg.Go(func() { r.Run(runCtx) })
		m.Logger.Info("deleting check-ins and conversations older than the retention span, daily", "retain", m.Config.Retain.String())
	}
	wg.Go(func() {
		if err := m.Scheduler.Run(runCtx); err != nil {
			m.Logger.Error("scheduler stopped", "err", err)
		}
	})

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
		switch {
		case ctx.Err() != nil:
			err = nil // a stop was asked for; the reader simply saw it first
		case err == nil:
			err = errors.New("stopped reading from Slack")
		}
	case <-m.fatal.Fatal():
		err = tokenError(m.fatal.FatalErr())
	}
	m.stopping.Store(true)
	m.deadline = time.Now().Add(m.Config.ShutdownTimeout)
	m.Logger.Info("shutting down: finishing turns in flight", "deadline", m.Config.ShutdownTimeout.String())
	cancel()
	wg.Wait()
	return err
}

// tokenError is the one line an operator reads when Slack stopped taking
// the bot token (revoked, app uninstalled, account deactivated).
func tokenError(err error) error {
	code := "no reason given"
	var slackErr slack.SlackErrorResponse
	switch {
	case errors.As(err, &slackErr):
		code = slackErr.Err
	case err != nil:
		code = err.Error()
		for _, c := range []string{"token_revoked", "invalid_auth", "account_inactive", "not_authed", "token_expired", "app_uninstalled"} {
			if strings.Contains(code, c) {
				code = c
				break
			}
		}
	}
	//lint:ignore ST1005 Slack is a name; the line is printed after "cairn: ".
	return fmt.Errorf("Slack refused the bot token (%s): reinstall the app or update SLACK_BOT_TOKEN", code)
}

// Close finishes the turns in flight until the shutdown deadline, then stops
// the admin server and closes the store: the reverse of Open. A turn still
// running at the deadline is abandoned (its write fails on the closed
// store), so a stuck Slack cannot keep Cairn from exiting.
func (m *Main) Close() error {
	m.closeOnce.Do(func() {
		m.stopping.Store(true)
		if m.deadline.IsZero() {
			m.deadline = time.Now().Add(m.Config.ShutdownTimeout)
		}
		ctx, cancel := context.WithDeadline(context.Background(), m.deadline)
		defer cancel()
		if m.Bot != nil {
			if err := m.Bot.Shutdown(ctx); err != nil {
				m.Logger.Warn("shutdown deadline passed with turns in flight; exiting anyway",
					"timeout", m.Config.ShutdownTimeout.String(), "err", err)
			}
		}
		if m.events != nil {
			m.events.close()
		}
		if m.admin != nil {
			actx, acancel := context.WithTimeout(context.Background(), time.Second)
			if err := m.admin.shutdown(actx); err != nil {
				m.Logger.Warn("admin server did not stop cleanly", "err", err)
			}
			acancel()
			m.adminWG.Wait()
		}
		if m.Store != nil {
			m.closeErr = m.Store.Close()
		}
	})
	return m.closeErr
}

// metricsSource is what /metrics reads from the store at each scrape. The
// inbox and outbox depths appear once the store has InboxDepth and
// OutboxDepth; until then those series are left out.
func metricsSource(st *store.Store) metrics.Source {
	src := metrics.Source{Deliveries: func(ctx context.Context) ([]metrics.DeliveryCount, error) {
		counts, err := st.CountDeliveriesByKind(ctx)
		out := make([]metrics.DeliveryCount, len(counts))
		for i, c := range counts {
			out[i] = metrics.DeliveryCount{Kind: string(c.Kind), State: string(c.State), N: c.N}
		}
		return out, err
	}}
	type depths interface {
		InboxDepth(context.Context) (int, error)
		OutboxDepth(context.Context) (int, error)
	}
	if d, ok := any(st).(depths); ok {
		src.InboxDepth, src.OutboxDepth = d.InboxDepth, d.OutboxDepth
	}
	return src
}

// ready says why Cairn cannot serve members right now, or nil.
func (m *Main) ready(ctx context.Context) error {
	if m.fatal != nil && m.fatal.FatalErr() != nil {
		return tokenError(m.fatal.FatalErr())
	}
	if m.stopping.Load() {
		return errors.New("shutting down")
	}
	select {
	case <-m.Bot.Ready():
	default:
		return errors.New("not connected to Slack yet")
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := m.health.Health(ctx); err != nil {
		m.Logger.Error("the database cannot be written", "err", err)
		return errors.New("the database cannot be written (disk full or read-only?)")
	}
	return nil
}

// adminHandler serves liveness and readiness for the operator's monitoring.
func (m *Main) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := m.ready(r.Context()); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ready\n")
	})
	mux.Handle("GET /backup", serveBackup(m.Store))
	mux.Handle("GET /metrics", m.Metrics.Handler())
	return mux
}

// httpServer is a bound listener and the server that will serve it.
type httpServer struct {
	name string
	ln   net.Listener
	srv  *http.Server
}

// bind listens on addr now, so a taken port fails at start.
func bind(addr, name string, h http.Handler) (*httpServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s for %s: %w", addr, name, err)
	}
	return &httpServer{name: name, ln: ln, srv: &http.Server{Handler: h,
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}}, nil
}

// serve serves until shutdown or close.
func (s *httpServer) serve() error {
	if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("%s server: %w", s.name, err)
	}
	return nil
}

// shutdown stops taking requests and waits for those in progress until ctx
// ends, then drops the rest.
func (s *httpServer) shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	s.close()
	return err
}

// close drops everything, the listener included if it never served.
func (s *httpServer) close() {
	_ = s.srv.Close()
	_ = s.ln.Close()
}

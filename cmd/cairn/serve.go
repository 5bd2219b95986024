package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// serveCommand is `cairn serve`: Cairn on Slack.
type serveCommand struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func (c *serveCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cairn serve", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	dbPath := fs.String("db", envOr(c.getenv, "CAIRN_DB", store.DefaultPath()), "database `file` (env CAIRN_DB)")
	httpAddr := fs.String("http", c.getenv("CAIRN_HTTP"), "serve the HTTP Events API on this `address` (e.g. :3000) instead of Socket Mode; needs SLACK_SIGNING_SECRET (env CAIRN_HTTP)")
	adminAddr := fs.String("admin", envOr(c.getenv, "CAIRN_ADMIN", "127.0.0.1:8089"), "`address` for /healthz and /readyz; empty turns it off (env CAIRN_ADMIN)")
	postRate := fs.Float64("post-rate", 20, "most scheduled messages (prompts, reminders, digests) sent per `second` across the workspace")
	logLevel := fs.String("log-level", envOr(c.getenv, "CAIRN_LOG_LEVEL", "info"), "debug, info, warn or error (env CAIRN_LOG_LEVEL)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `Usage: cairn serve [flags]

Runs Cairn on Slack. By default it connects with Socket Mode, so no public URL is needed.

Environment:
  SLACK_BOT_TOKEN       bot token, xoxb-… (required)
  SLACK_APP_TOKEN       app-level token, xapp-… with connections:write (Socket Mode)
  SLACK_SIGNING_SECRET  signing secret (HTTP mode, with --http)
  SLACK_API_URL         Web API base URL (default %s; GovSlack: https://slack-gov.com/api/)

Flags:
`, bot.DefaultAPIURL)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("%w: --log-level %q: use debug, info, warn or error", errUsage, *logLevel)
	}
	logger := slog.New(slog.NewJSONHandler(c.stderr, &slog.HandlerOptions{Level: level}))

	cfg := bot.Config{
		BotToken:      c.getenv("SLACK_BOT_TOKEN"),
		AppToken:      c.getenv("SLACK_APP_TOKEN"),
		SigningSecret: c.getenv("SLACK_SIGNING_SECRET"),
		APIURL:        envOr(c.getenv, "SLACK_API_URL", bot.DefaultAPIURL),
		PostRate:      *postRate,
		Logger:        logger,
	}
	if cfg.BotToken == "" {
		return fmt.Errorf("%w: set SLACK_BOT_TOKEN to the app's bot token (xoxb-…); README.md shows where to find it", errUsage)
	}
	if *httpAddr != "" && cfg.SigningSecret == "" {
		return fmt.Errorf("%w: --http needs SLACK_SIGNING_SECRET (Slack app settings → Basic Information → Signing Secret)", errUsage)
	}
	if *httpAddr == "" && cfg.AppToken == "" {
		return fmt.Errorf("%w: set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or use --http with SLACK_SIGNING_SECRET", errUsage)
	}

	st, err := store.Open(*dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := bot.New(cfg, st)
	if err != nil {
		return err
	}
	// Close runs before the store closes (defers run in reverse): in-flight
	// turns finish and commit first.
	defer b.Close()
	if err := b.CheckAuth(ctx); err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	servers := 0
	if *adminAddr != "" {
		srv, err := listen(ctx, *adminAddr, adminHandler(b, st), logger, "admin")
		if err != nil {
			return err
		}
		servers++
		go func() { errc <- srv() }()
	}
	if *httpAddr != "" {
		h, err := b.HTTPHandler()
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		srv, err := listen(ctx, *httpAddr, h, logger, "events")
		if err != nil {
			return err
		}
		servers++
		go func() { errc <- srv() }()
		logger.Info("serving the HTTP Events API", "addr", *httpAddr, "db", st.Path())
	} else {
		servers++
		go func() { errc <- b.RunSocketMode(ctx) }()
		logger.Info("starting Socket Mode", "db", st.Path())
	}
	sched := scheduler.New(st, b.Runner(), b, scheduler.Config{Logger: logger})
	b.Scheduler = sched
	background := make(chan struct{}, 2)
	go func() { b.PruneEvents(ctx); background <- struct{}{} }()
	go func() {
		if err := sched.Run(ctx); err != nil {
			logger.Error("scheduler stopped", "err", err)
		}
		background <- struct{}{}
	}()
	defer func() { cancel(); <-background; <-background }()
	// The first to stop (a signal, or a failure) stops the others.
	err = <-errc
	cancel()
	for range servers - 1 {
		if e := <-errc; err == nil {
			err = e
		}
	}
	logger.Info("shutting down: finishing turns in flight")
	return err
}

// listen binds addr now (so a taken port fails at start) and returns a
// function that serves until ctx ends, then shuts down gracefully.
func listen(ctx context.Context, addr string, h http.Handler, logger *slog.Logger, name string) (func() error, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s for %s: %w", addr, name, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	return func() error {
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ln) }()
		select {
		case err := <-done:
			return fmt.Errorf("%s server: %w", name, err)
		case <-ctx.Done():
		}
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdownCtx); err != nil {
			logger.Warn("server did not stop cleanly", "server", name, "err", err)
		}
		<-done
		return nil
	}, nil
}

// adminHandler serves liveness and readiness for the operator's monitoring.
func adminHandler(b *bot.Bot, st *store.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-b.Ready():
		default:
			http.Error(w, "not connected to Slack yet", http.StatusServiceUnavailable)
			return
		}
		if _, err := st.Member(r.Context(), "readyz-probe"); err != nil && !errors.Is(err, store.ErrNotFound) {
			http.Error(w, "store unavailable", http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ready\n")
	})
	return mux
}

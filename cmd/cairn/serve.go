package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/store"
)

// DefaultShutdownTimeout is how long serve gives turns in flight after a
// signal before it closes the store and exits.
const DefaultShutdownTimeout = 10 * time.Second

// defaultAdminAddr serves /healthz, /readyz, /metrics and /backup unless
// CAIRN_ADMIN or --admin says otherwise ("" turns it off).
const defaultAdminAddr = "127.0.0.1:8089"

// serveCommand is `cairn serve`: Cairn on Slack.
type serveCommand struct {
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)

	// opened, if set, is called once everything is wired and before
	// anything runs (tests read the admin address, or swap a part).
	opened func(*Main)
}

func (c *serveCommand) getenv(key string) string { v, _ := c.lookupEnv(key); return v }

func (c *serveCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cairn serve", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	dbPath := fs.String("db", envOr(c.getenv, "CAIRN_DB", store.DefaultPath()), "database `file` (env CAIRN_DB)")
	httpAddr := fs.String("http", c.getenv("CAIRN_HTTP"), "serve the HTTP Events API on this `address` (e.g. :3000) instead of Socket Mode; needs SLACK_SIGNING_SECRET (env CAIRN_HTTP)")
	adminAddr := fs.String("admin", envSetOr(c.lookupEnv, "CAIRN_ADMIN", defaultAdminAddr), "`address` for /healthz, /readyz, /metrics and /backup; empty turns it off (env CAIRN_ADMIN)")
	postRate := fs.Float64("post-rate", 20, "most scheduled messages (prompts, reminders, digests) sent per `second` across the workspace")
	logLevel := fs.String("log-level", envOr(c.getenv, "CAIRN_LOG_LEVEL", "info"), "debug, info, warn or error (env CAIRN_LOG_LEVEL)")
	shutdownDefault := DefaultShutdownTimeout
	if v := c.getenv("CAIRN_SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("%w: CAIRN_SHUTDOWN_TIMEOUT %q: use a duration such as 10s", errUsage, v)
		}
		shutdownDefault = d
	}
	shutdownTimeout := fs.Duration("shutdown-timeout", shutdownDefault, "after SIGINT or SIGTERM, how long turns in flight may take before Cairn exits anyway (env CAIRN_SHUTDOWN_TIMEOUT)")
	callDefault := 30 * time.Second
	if v := c.getenv("CAIRN_CALL_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("%w: CAIRN_CALL_TIMEOUT %q: use a duration such as 30s", errUsage, v)
		}
		callDefault = d
	}
	retain := fs.String("retain", c.getenv("CAIRN_RETAIN"), "delete check-ins and conversation state older than this `span` (90d, 12w, 18m, 2y), daily; off by default (env CAIRN_RETAIN)")
	callTimeout := fs.Duration("call-timeout", callDefault, "longest wait for one call to Slack, its retries included; a post that times out is looked for in the DM before it is sent again (env CAIRN_CALL_TIMEOUT)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `Usage: cairn serve [flags]

Runs Cairn on Slack. By default it connects with Socket Mode, so no public URL is needed.

Environment:
  SLACK_BOT_TOKEN       bot token, xoxb-… (required)
  SLACK_APP_TOKEN       app-level token, xapp-… with connections:write (Socket Mode)
  SLACK_SIGNING_SECRET  signing secret (HTTP mode, with --http)
  SLACK_API_URL         Web API base URL (default %s; GovSlack: https://slack-gov.com/api/)
  CAIRN_KEY_FILE        key that encrypts the database (cairn key new makes one); unset: stored plain
  CAIRN_ADMINS          Slack user ids, comma-separated, who may create groups (besides cairn admin add and workspace admins)

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
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: cairn serve takes no arguments (got %q)", errUsage, fs.Args())
	}
	if *shutdownTimeout <= 0 {
		return fmt.Errorf("%w: --shutdown-timeout must be more than 0", errUsage)
	}
	keep, retainErr := parseRetain(*retain)
	if retainErr != nil {
		return fmt.Errorf("%w: --retain %v", errUsage, retainErr)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("%w: --log-level %q: use debug, info, warn or error", errUsage, *logLevel)
	}
	logger := slog.New(slog.NewJSONHandler(c.stderr, &slog.HandlerOptions{Level: level}))
	key, err := readKey(c.getenv)
	if err != nil {
		return err
	}
	admins, err := parseAdmins(c.getenv("CAIRN_ADMINS"))
	if err != nil {
		return fmt.Errorf("%w: CAIRN_ADMINS: %v", errUsage, err)
	}

	cfg := Config{
		DB:              *dbPath,
		Key:             key,
		HTTPAddr:        *httpAddr,
		AdminAddr:       *adminAddr,
		ShutdownTimeout: *shutdownTimeout,
		Retain:          keep,
		Bot: bot.Config{
			BotToken:      c.getenv("SLACK_BOT_TOKEN"),
			AppToken:      c.getenv("SLACK_APP_TOKEN"),
			SigningSecret: c.getenv("SLACK_SIGNING_SECRET"),
			APIURL:        envOr(c.getenv, "SLACK_API_URL", bot.DefaultAPIURL),
			PostRate:      *postRate,
			CallTimeout:   *callTimeout,
			Logger:        logger,
			Admins:        admins,
		},
	}
	if cfg.Bot.BotToken == "" {
		return fmt.Errorf("%w: set SLACK_BOT_TOKEN to the app's bot token (xoxb-…); README.md shows where to find it", errUsage)
	}
	if cfg.HTTPAddr != "" && cfg.Bot.SigningSecret == "" {
		return fmt.Errorf("%w: --http needs SLACK_SIGNING_SECRET (Slack app settings → Basic Information → Signing Secret)", errUsage)
	}
	if cfg.HTTPAddr == "" && cfg.Bot.AppToken == "" {
		return fmt.Errorf("%w: set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or use --http with SLACK_SIGNING_SECRET", errUsage)
	}

	m := NewMain(cfg, logger)
	if err := m.Open(ctx); err != nil {
		_ = m.Close()
		return err
	}
	if c.opened != nil {
		c.opened(m)
	}
	err = m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return err
}

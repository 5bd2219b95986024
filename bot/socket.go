package bot

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode connects to Slack over Socket Mode (no public URL needed)
// and handles envelopes until ctx ends. It first queues what a previous run
// left in the inbox, so those inputs are answered before (and in order
// with) new ones. In-flight turns are finished by Shutdown or Close, which
// the caller runs after this returns.
func (b *Bot) RunSocketMode(ctx context.Context) error {
	if b.cfg.AppToken == "" {
		return errors.New("bot: Socket Mode needs SLACK_APP_TOKEN, an app-level token starting with xapp- (Slack app settings → Basic Information → App-Level Tokens, scope connections:write)")
	}
	opts := []socketmode.Option{socketmode.OptionLog(log.New(slogWriter{b.log}, "", 0))}
	if b.cfg.PingInterval > 0 {
		opts = append(opts, socketmode.OptionPingInterval(b.cfg.PingInterval))
	}
	client := socketmode.New(b.api, opts...)

	b.startInbox()
	// Inputs are journaled (many to a commit, in the order they came) and
	// acknowledged by the journaler; the queue waits only on the disk.
	journal := make(chan pendingAck, 1024)
	journalDone := make(chan struct{})
	go func() {
		defer close(journalDone)
		b.journaler(ctx, journal)
	}()
	defer func() {
		close(journal)
		<-journalDone
	}()

	runErr := make(chan error, 1)
	go func() { runErr <- client.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			<-runErr
			return nil
		case err := <-runErr:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("bot: socket mode stopped: %w", err)
		case evt := <-client.Events:
			b.envelope(ctx, client, evt, journal)
		}
	}
}

// envelope acknowledges an envelope as soon as what it asks for is safe:
// inputs that become a member's turn once journaled (by the journaler),
// the rest at once. Only view submissions and slash commands carry an
// answer in the ack, and both are computed quickly from the store.
func (b *Bot) envelope(ctx context.Context, client *socketmode.Client, evt socketmode.Event, journal chan<- pendingAck) {
	switch evt.Type {
	case socketmode.EventTypeConnected:
		b.markReady()
		b.log.Info("connected to Slack", "mode", "socket")
		return
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth:
		b.log.Warn("socket mode connection trouble", "type", string(evt.Type))
		return
	}
	if evt.Request == nil {
		return
	}
	req := *evt.Request
	ack := func(payload any) {
		var err error
		if payload == nil {
			err = client.Ack(req)
		} else {
			err = client.Ack(req, payload)
		}
		if err != nil {
			b.log.Warn("ack failed", "envelope", req.EnvelopeID, "err", err)
		}
	}
	if req.RetryAttempt > 0 {
		b.log.Info("slack retry", "retry", req.RetryAttempt, "reason", req.RetryReason)
	}
	// take acks in once it is safe: through the journal when it holds an
	// input, at once otherwise.
	take := func(in intake) {
		if in.item == nil {
			ack(nil)
			b.afterAck(ctx, in)
			return
		}
		journal <- pendingAck{in: in, ack: func() { ack(nil) }}
	}
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			ack(nil)
			return
		}
		take(b.handleEvent(ev))
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(slack.InteractionCallback)
		if !ok {
			ack(nil)
			return
		}
		if cb.Type != slack.InteractionTypeViewSubmission {
			take(b.handleAction(cb))
			return
		}
		ack(b.handleInteraction(ctx, cb))
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok {
			ack(nil)
			return
		}
		if resp := b.handleSlash(ctx, cmd); len(resp) > 0 {
			ack(resp)
		} else {
			ack(nil) // a modal opens instead of a message
		}
	default:
		ack(nil) // unknown envelope types are acknowledged and ignored
	}
}

// slogWriter sends slack-go's own log lines to slog, at debug level: they
// describe connections, never message text.
type slogWriter struct {
	log interface{ Debug(string, ...any) }
}

func (w slogWriter) Write(p []byte) (int, error) {
	w.log.Debug("socketmode", "detail", string(p))
	return len(p), nil
}

package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/slack-go/slack"
)

// maxAttempts bounds retries of one call; with Retry-After honoured the
// total wait is also bounded by the call's context.
const maxAttempts = 8

// call runs one Web API call with a timeout, waiting out 429s for as long
// as Slack's Retry-After says and retrying brief network failures, so no
// message is dropped because Slack asked us to slow down.
func (b *Bot) call(ctx context.Context, method string, fn func(ctx context.Context) error) error {
	return b.callWith(ctx, method, b.limits[method], fn)
}

// callWith is call through a given limiter (nil: none).
func (b *Bot) callWith(ctx context.Context, method string, lim *limiter, fn func(ctx context.Context) error) error {
	return b.calls(ctx, method, lim, false, fn)
}

// callWithSlot is callWith when the caller already waited for its first
// slot (see Slot); retries after a 429 still wait.
func (b *Bot) callWithSlot(ctx context.Context, method string, lim *limiter, fn func(ctx context.Context) error) error {
	return b.calls(ctx, method, lim, true, fn)
}

func (b *Bot) calls(ctx context.Context, method string, lim *limiter, haveSlot bool, fn func(ctx context.Context) error) error {
	backoff := 200 * time.Millisecond
	for attempt := 1; ; attempt++ {
		if attempt > 1 || !haveSlot {
			if err := lim.wait(ctx); err != nil {
				return fmt.Errorf("%s: waiting for a rate-limit slot: %w", method, err)
			}
		}
		callCtx, cancel := context.WithTimeout(ctx, b.cfg.CallTimeout)
		began := time.Now()
		err := fn(callCtx)
		cancel()
		b.cfg.Observer.SlackCall(method, outcome(err), time.Since(began))
		if err == nil {
			return nil
		}
		var wait time.Duration
		var limited *slack.RateLimitedError
		var netErr net.Error
		var status slack.StatusCodeError
		switch {
		case errors.As(err, &limited):
			wait = max(limited.RetryAfter, 100*time.Millisecond)
			lim.pause(time.Now().Add(wait))
			b.cfg.Observer.RateLimitWait(method, wait)
			b.log.Warn("rate limited by Slack", "method", method, "retry_after", limited.RetryAfter, "attempt", attempt)
		case errors.As(err, &status) && status.Code >= 500:
			wait = backoff
		case errors.As(err, &netErr):
			wait = backoff
		default:
			return fmt.Errorf("%s: %w", method, err)
		}
		if attempt >= maxAttempts {
			return fmt.Errorf("%s: gave up after %d attempts: %w", method, attempt, err)
		}
		backoff = min(2*backoff, 5*time.Second)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s: %w (last error: %v)", method, ctx.Err(), err)
		case <-t.C:
		}
	}
}

func (b *Bot) postMessage(ctx context.Context, channel string, opts ...slack.MsgOption) (ts string, err error) {
	err = b.call(ctx, "chat.postMessage", func(ctx context.Context) error {
		_, ts, err = b.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ts, err
}

func (b *Bot) update(ctx context.Context, channel, ts string, opts ...slack.MsgOption) error {
	return b.call(ctx, "chat.update", func(ctx context.Context) error {
		_, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, opts...)
		return err
	})
}

// dm opens (or finds) the member's direct message channel with the bot.
func (b *Bot) dm(ctx context.Context, user string) (string, error) {
	var id string
	err := b.call(ctx, "conversations.open", func(ctx context.Context) error {
		ch, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}, ReturnIM: true})
		if err == nil {
			id = ch.ID
		}
		return err
	})
	return id, err
}

func (b *Bot) publishHome(ctx context.Context, user string, view slack.HomeTabViewRequest) error {
	return b.call(ctx, "views.publish", func(ctx context.Context) error {
		_, err := b.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
}

func (b *Bot) openModal(ctx context.Context, triggerID string, view slack.ModalViewRequest) error {
	return b.call(ctx, "views.open", func(ctx context.Context) error {
		_, err := b.api.OpenViewContext(ctx, triggerID, view)
		return err
	})
}

func (b *Bot) userInfo(ctx context.Context, user string) (*slack.User, error) {
	var u *slack.User
	err := b.call(ctx, "users.info", func(ctx context.Context) error {
		var err error
		u, err = b.api.GetUserInfoContext(ctx, user)
		return err
	})
	return u, err
}

// outcome names a call's result for metrics: "ok", Slack's error code,
// "ratelimited", "http_<status>" or "timeout".
func outcome(err error) string {
	var limited *slack.RateLimitedError
	var status slack.StatusCodeError
	var slackErr slack.SlackErrorResponse
	var netErr net.Error
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &limited):
		return "ratelimited"
	case errors.As(err, &status):
		return fmt.Sprintf("http_%d", status.Code)
	case errors.As(err, &slackErr):
		return slackErr.Err
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	default:
		return "error"
	}
}

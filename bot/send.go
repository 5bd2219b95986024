package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/scheduler"
)

// A Web API call is retried inside the call only when a retry cannot
// double anything: the first try surely did not reach Slack (a 429, a
// refused connection), or the method changes nothing or changes it to the
// same (reads, conversations.open, views.publish, chat.update with the same
// content). A chat.postMessage that timed out or got a 5xx may have been
// posted: it is never retried blind, and its error wraps
// scheduler.ErrMaybeSent so the caller looks for it before posting again.

// idempotent are the methods whose timeouts and 5xx may be retried.
var idempotent = map[string]bool{
	"auth.test":             true,
	"conversations.history": true,
	"conversations.members": true,
	"conversations.open":    true,
	"users.info":            true,
	"views.publish":         true,
	"chat.update":           true, // Cairn only ever updates a message to the same content
	// An upload URL only makes a file nobody sees until it is shared, and
	// the same bytes posted to it again replace themselves: neither can
	// double anything (files.completeUploadExternal can: see uploadWith).
	"files.getUploadURLExternal": true,
	"upload_url":                 true,
}

// Slack error codes, by what they mean for Cairn.
var (
	// tokenCodes refuse the bot itself: nothing will work until the app is
	// reinstalled. account_inactive may also be about a recipient; see
	// botDead.
	tokenCodes = map[string]bool{"invalid_auth": true, "token_revoked": true, "token_expired": true, "not_authed": true, "account_inactive": true}
	// unreachableCodes say a person or channel cannot get messages.
	unreachableCodes = map[string]bool{"channel_not_found": true, "user_not_found": true, "account_inactive": true,
		"is_archived": true, "not_in_channel": true, "cannot_dm_bot": true}
	// maybeDoneCodes: Slack failed midway, and says part of the operation
	// may have succeeded.
	maybeDoneCodes = map[string]bool{"internal_error": true, "fatal_error": true, "service_unavailable": true}
	// notDoneCodes: refused before anything was done, and worth another try.
	notDoneCodes = map[string]bool{"ratelimited": true, "request_timeout": true}
)

// call runs one Web API call. The call — every attempt and every wait
// between them — takes at most Config.CallTimeout from its first attempt.
// 429s are waited out as long as Slack's Retry-After says, within that.
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
	if err := b.FatalErr(); err != nil {
		return fmt.Errorf("%s: not called: %w", method, err)
	}
	if !haveSlot {
		if err := lim.wait(ctx); err != nil {
			return fmt.Errorf("%s: waiting for a rate-limit slot: %w", method, err)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, b.cfg.CallTimeout)
	defer cancel()
	backoff := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			if err := lim.wait(ctx); err != nil {
				return fmt.Errorf("%s: waiting for a rate-limit slot: %w", method, err)
			}
		}
		began := time.Now()
		err := fn(ctx)
		b.cfg.Observer.SlackCall(method, outcome(err), time.Since(began))
		if err == nil {
			return nil
		}
		var wait time.Duration
		var limited *slack.RateLimitedError
		code := slackCode(err)
		if tokenCodes[code] {
			switch dead, checkErr := b.botDead(ctx, method, code); {
			case dead:
				return fmt.Errorf("%s: %w", method, b.FatalErr())
			case checkErr != nil:
				// Neither the bot's fault for sure nor the recipient's: a
				// plain failure, tried again later.
				return fmt.Errorf("%s: %s, and auth.test could not tell whose account is inactive: %v", method, code, checkErr)
			}
		}
		switch {
		case notDoneCodes[code]:
			wait = backoff
		case code != "" && !maybeDoneCodes[code]:
			return fmt.Errorf("%s: %w", method, err) // Slack refused: the same call cannot do better
		case errors.As(err, &limited):
			wait = max(limited.RetryAfter, 100*time.Millisecond)
			lim.pause(time.Now().Add(wait))
			b.cfg.Observer.RateLimitWait(method, wait)
			b.log.Warn("rate limited by Slack", "method", method, "retry_after", limited.RetryAfter, "attempt", attempt)
		case surelyNotSent(err):
			wait = backoff
		case !idempotent[method]:
			return fmt.Errorf("%s: %w: %w", method, scheduler.ErrMaybeSent, err)
		default:
			wait = backoff
		}
		backoff = min(2*backoff, 2*time.Second)
		if deadline, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(deadline) {
			return fmt.Errorf("%s: gave up after %d attempts within %v: %w", method, attempt, b.cfg.CallTimeout, err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s: %w (last error: %v)", method, ctx.Err(), err)
		case <-t.C:
		}
	}
}

// surelyNotSent is true for a failure that happened before Slack could have
// read the request: a 429 (with or without Retry-After), or no connection.
func surelyNotSent(err error) bool {
	var status slack.StatusCodeError
	if errors.As(err, &status) {
		return status.Code == http.StatusTooManyRequests
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	return errors.As(err, &dnsErr) || (errors.As(err, &opErr) && opErr.Op == "dial")
}

// slackCode is Slack's error code in err ("channel_not_found"), or "".
func slackCode(err error) string {
	var slackErr slack.SlackErrorResponse
	if errors.As(err, &slackErr) {
		return slackErr.Err
	}
	return ""
}

// unreachable is the code when err says the recipient cannot get messages.
func unreachable(err error) (string, bool) {
	code := slackCode(err)
	return code, unreachableCodes[code]
}

// botDead decides whether a token error from method means the bot's own
// token no longer works, and if so makes the bot fatal. account_inactive is
// also what a post to a deactivated person gets, so auth.test settles it;
// checkErr is set when it could not.
func (b *Bot) botDead(ctx context.Context, method, code string) (dead bool, checkErr error) {
	if code == "account_inactive" && method != "auth.test" {
		// The call's own deadline may be nearly spent; this check has its own.
		checkCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.CallTimeout)
		defer cancel()
		began := time.Now()
		_, err := b.api.AuthTestContext(checkCtx)
		b.cfg.Observer.SlackCall("auth.test", outcome(err), time.Since(began))
		switch {
		case err == nil:
			return false, nil // the bot is fine: the code is about the recipient
		case !tokenCodes[slackCode(err)]:
			return false, err
		}
		code = slackCode(err)
	}
	b.fatal.set(fmt.Errorf("bot: Slack refused the bot token with %q (on %s): reinstall the Slack app to the workspace or update SLACK_BOT_TOKEN, then restart Cairn", code, method))
	b.log.Error("Slack refused the bot token; Cairn stops posting", "method", method, "err", code)
	return true, nil
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
		u, err = b.api.GetUserInfoContext(ctx, user, slack.GetUserInfoOptionIncludeLocale(true)) // the member's language
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

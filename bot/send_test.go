package bot_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// prompt is a scheduled delivery to the member, due now.
func prompt() store.Delivery {
	session := time.Now().Add(24 * time.Hour)
	return store.Delivery{Key: store.DeliveryKey(store.DeliverPrompt, "C0GROUP", session, member), Kind: store.DeliverPrompt,
		GroupID: "C0GROUP", Session: session, Recipient: member, DueAt: time.Now()}
}

var promptText = []conversations.Reply{{Text: "Check-in time."}}

// settled waits until the fake has answered n posts, then says how many it
// has answered in all: a post still in flight is counted.
func settled(t *testing.T, fake *fakeslack.Server, n int) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := fake.WaitForCalls(ctx, "chat.postMessage", n); err != nil {
		t.Fatalf("the fake Slack never got %d posts: %v", n, err)
	}
	return len(fake.CallsTo("chat.postMessage"))
}

func TestDeliver_APostThatMayHaveArrivedIsNotRetried(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fail    fakeslack.Failure
		arrived bool // whether the fake posted it
	}{
		{"slower than the call timeout", fakeslack.Delay(5 * time.Second), true},
		{"a 500 from Slack", fakeslack.ServerError(), false},
		{"a 503 from Slack", fakeslack.Failure{Status: 503}, false},
		{"internal_error", fakeslack.SlackError("internal_error"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = 500 * time.Millisecond })
			h.fake.FailNext("chat.postMessage", 1, tc.fail)
			d := prompt()
			_, _, err := h.bot.Deliver(h.ctx(), d, promptText)
			if !errors.Is(err, scheduler.ErrMaybeSent) {
				t.Fatalf("Deliver = %v, want ErrMaybeSent", err)
			}
			if n := settled(t, h.fake, 1); n != 1 {
				t.Fatalf("%d posts reached Slack, want 1 (a post is never retried blind)", n)
			}
			// What the scheduler asks next, before sending again.
			_, ts, found, err := h.bot.Delivered(h.ctx(), d)
			if err != nil || found != tc.arrived || (found && ts == "") {
				t.Fatalf("Delivered = %q, %v, %v; want found %v", ts, found, err, tc.arrived)
			}
		})
	}
}

func TestDeliver_RetriesWhatSurelyDidNotArrive(t *testing.T) {
	t.Run("429", func(t *testing.T) {
		h := newHarness(t)
		h.fake.FailNext("chat.postMessage", 1, fakeslack.RateLimited(0))
		if _, _, err := h.bot.Deliver(h.ctx(), prompt(), promptText); err != nil {
			t.Fatalf("Deliver = %v", err)
		}
		if msgs := h.fake.Messages(fakeslack.DMChannel(member)); len(msgs) != 1 {
			t.Fatalf("%d messages in the DM, want 1", len(msgs))
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		closed := "http://" + ln.Addr().String() + "/api/"
		ln.Close()
		h := newHarness(t)
		b, err := bot.New(bot.Config{BotToken: "xoxb-test", APIURL: closed, CallTimeout: 300 * time.Millisecond}, h.st)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		_, _, err = b.Deliver(h.ctx(), prompt(), promptText)
		if err == nil || errors.Is(err, scheduler.ErrMaybeSent) || errors.Is(err, scheduler.ErrUnreachable) {
			t.Fatalf("Deliver to a closed port = %v, want a plain (not sent) error", err)
		}
	})
}

func TestCall_TimeoutCoversEveryAttempt(t *testing.T) {
	h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = 500 * time.Millisecond })
	// conversations.history is read-only, so its 5xx are retried, but only
	// within the one call timeout (before: 8 attempts, about 16 s).
	h.fake.FailNext("conversations.history", 1000, fakeslack.ServerError())
	began := time.Now()
	_, _, _, err := h.bot.Delivered(h.ctx(), prompt())
	took := time.Since(began)
	if err == nil {
		t.Fatal("Delivered succeeded while Slack answered 500")
	}
	if tries := len(h.fake.CallsTo("conversations.history")); tries < 2 {
		t.Fatalf("%d tries of a read-only call, want it retried", tries)
	}
	if took > 3*time.Second {
		t.Fatalf("Delivered took %v with a 500 ms call timeout", took)
	}
}

func TestDeliver_PermanentErrorsAreUnreachable(t *testing.T) {
	for _, code := range []string{"channel_not_found", "user_not_found", "account_inactive", "is_archived", "not_in_channel", "cannot_dm_bot"} {
		t.Run(code, func(t *testing.T) {
			h := newHarness(t)
			h.fake.FailNext("chat.postMessage", 1, fakeslack.SlackError(code))
			_, _, err := h.bot.Deliver(h.ctx(), prompt(), promptText)
			if !errors.Is(err, scheduler.ErrUnreachable) || !strings.Contains(err.Error(), code) {
				t.Fatalf("Deliver = %v, want ErrUnreachable naming %s", err, code)
			}
			if err := h.bot.FatalErr(); err != nil {
				t.Fatalf("a recipient's %s made the bot fatal: %v", code, err)
			}
		})
	}
	t.Run("account_inactive while auth.test cannot say whose", func(t *testing.T) {
		h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = 300 * time.Millisecond })
		h.fake.FailNext("chat.postMessage", 1, fakeslack.SlackError("account_inactive"))
		h.fake.FailNext("auth.test", 1_000_000, fakeslack.ServerError())
		_, _, err := h.bot.Deliver(h.ctx(), prompt(), promptText)
		if err == nil || errors.Is(err, scheduler.ErrUnreachable) || errors.Is(err, scheduler.ErrMaybeSent) || h.bot.FatalErr() != nil {
			t.Fatalf("Deliver = %v, fatal = %v; want a plain failure, tried again later", err, h.bot.FatalErr())
		}
	})
	t.Run("a stale DM channel is not the member's fault", func(t *testing.T) {
		h := newHarness(t)
		if err := h.st.SaveMember(context.Background(), store.Member{ID: member, DMChannel: "DGONE", TZ: "America/Chicago"}); err != nil {
			t.Fatal(err)
		}
		h.fake.FailNext("chat.postMessage", 1, fakeslack.SlackError("channel_not_found"))
		if _, _, err := h.bot.Deliver(h.ctx(), prompt(), promptText); err != nil {
			t.Fatalf("Deliver = %v, want it posted to the member's own DM", err)
		}
		if msgs := h.fake.Messages(fakeslack.DMChannel(member)); len(msgs) != 1 {
			t.Fatalf("%d messages in the DM, want 1", len(msgs))
		}
	})
}

func TestBot_RevokedTokenIsFatal(t *testing.T) {
	for _, tc := range []struct {
		name string
		fail func(*fakeslack.Server)
		code string
	}{
		{"token_revoked", func(f *fakeslack.Server) { f.FailNext("chat.postMessage", 1, fakeslack.SlackError("token_revoked")) }, "token_revoked"},
		{"invalid_auth", func(f *fakeslack.Server) { f.FailNext("chat.postMessage", 1, fakeslack.SlackError("invalid_auth")) }, "invalid_auth"},
		{"account_inactive on the bot", func(f *fakeslack.Server) {
			f.FailNext("chat.postMessage", 1, fakeslack.SlackError("account_inactive"))
			f.FailNext("auth.test", 1, fakeslack.SlackError("account_inactive"))
		}, "account_inactive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.fail(h.fake)
			_, _, err := h.bot.Deliver(h.ctx(), prompt(), promptText)
			if err == nil || errors.Is(err, scheduler.ErrUnreachable) {
				t.Fatalf("Deliver = %v, want a failure that is not the member's", err)
			}
			select {
			case <-h.bot.Fatal():
			default:
				t.Fatal("Fatal() is still open")
			}
			fatal := h.bot.FatalErr()
			if fatal == nil || !strings.Contains(fatal.Error(), tc.code) || !strings.Contains(fatal.Error(), "SLACK_BOT_TOKEN") {
				t.Fatalf("FatalErr = %v, want it to name %s and say to update SLACK_BOT_TOKEN", fatal, tc.code)
			}
			// Once fatal, the bot stops posting.
			before := len(h.fake.CallsTo("chat.postMessage"))
			if _, _, err := h.bot.Deliver(h.ctx(), prompt(), promptText); err == nil {
				t.Fatal("Deliver succeeded after the token was revoked")
			}
			if after := len(h.fake.CallsTo("chat.postMessage")); after != before {
				t.Fatalf("%d posts after the bot became fatal", after-before)
			}
		})
	}
}

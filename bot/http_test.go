package bot_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// Slack's published signing example (api.slack.com/authentication/verifying-requests-from-slack).
const (
	vectorSecret    = "8f742231b10e8888abcd99yyyzzz85a5"
	vectorTimestamp = 1531420618
	vectorBody      = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	vectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
)

type httpHarness struct {
	fake *fakeslack.Server
	st   *store.Store
	bot  *bot.Bot
	srv  *httptest.Server
	logs *lockedBuffer
}

func newHTTPHarness(t *testing.T) *httpHarness {
	t.Helper()
	h := &httpHarness{fake: fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: member, TZ: "America/Chicago"})), logs: &lockedBuffer{}}
	t.Cleanup(h.fake.Close)
	var err error
	if h.st, err = store.Open(filepath.Join(t.TempDir(), "cairn.db")); err != nil {
		t.Fatal(err)
	}
	h.bot, err = bot.New(bot.Config{BotToken: "xoxb-test", SigningSecret: vectorSecret, APIURL: h.fake.APIURL(),
		Logger: slog.New(slog.NewJSONHandler(h.logs, nil))}, h.st)
	if err != nil {
		t.Fatal(err)
	}
	h.bot.Now = func() time.Time { return june10 }
	handler, err := h.bot.HTTPHandler()
	if err != nil {
		t.Fatal(err)
	}
	h.srv = httptest.NewServer(handler)
	t.Cleanup(func() {
		h.srv.Close()
		h.bot.Close()
		if err := h.st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		h.st.Close()
	})
	return h
}

func (h *httpHarness) do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestHTTP_SlackTestVector(t *testing.T) {
	if got := fakeslack.Sign(vectorSecret, vectorTimestamp, []byte(vectorBody)); got != vectorSignature {
		t.Fatalf("signature %s, Slack's example says %s", got, vectorSignature)
	}
	h := newHTTPHarness(t)
	// The example itself is years old, so it must be refused as a replay…
	old, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/slack/commands", strings.NewReader(vectorBody))
	old.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	old.Header.Set("X-Slack-Request-Timestamp", "1531420618")
	old.Header.Set("X-Slack-Signature", vectorSignature)
	if code, _ := h.do(t, old); code != http.StatusUnauthorized {
		t.Fatalf("five-year-old request: status %d, want 401", code)
	}
	// …and the same body, signed the same way now, is a slash command.
	req := fakeslack.SignedRequest(h.srv.URL+"/slack/commands", vectorSecret, []byte(vectorBody), "application/x-www-form-urlencoded", time.Now())
	code, body := h.do(t, req)
	if code != http.StatusOK || !strings.Contains(body, `"response_type":"ephemeral"`) || !strings.Contains(body, "/cairn goal") {
		t.Fatalf("status %d, body %s", code, body)
	}
}

func TestHTTP_RejectsWithNothingStored(t *testing.T) {
	h := newHTTPHarness(t)
	event, _ := json.Marshal(h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), "hi")))
	tests := []struct {
		name string
		req  func() *http.Request
		want int
	}{
		{"BadSignature", func() *http.Request {
			r := fakeslack.SignedRequest(h.srv.URL+"/slack/events", "not-the-secret", event, "application/json", time.Now())
			return r
		}, http.StatusUnauthorized},
		{"StaleTimestamp", func() *http.Request {
			return fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, event, "application/json", time.Now().Add(-6*time.Minute))
		}, http.StatusUnauthorized},
		{"FutureTimestamp", func() *http.Request {
			return fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, event, "application/json", time.Now().Add(6*time.Minute))
		}, http.StatusUnauthorized},
		{"NoSignature", func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/slack/events", strings.NewReader(string(event)))
			return r
		}, http.StatusUnauthorized},
		{"MalformedEvent", func() *http.Request {
			return fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, []byte(`{"type":"event_callback","event":`), "application/json", time.Now())
		}, http.StatusBadRequest},
		{"MalformedInteraction", func() *http.Request {
			return fakeslack.SignedRequest(h.srv.URL+"/slack/interactive", vectorSecret, []byte("payload=%7Bnot+json"), "application/x-www-form-urlencoded", time.Now())
		}, http.StatusBadRequest},
		{"HugeBody", func() *http.Request {
			return fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, []byte(strings.Repeat("x", 2<<20)), "application/json", time.Now())
		}, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := h.do(t, tt.req()); code != tt.want {
				t.Fatalf("status %d (%s), want %d", code, body, tt.want)
			}
		})
	}
	// Nothing reached the store or Slack.
	if _, err := h.st.Member(context.Background(), member); err == nil {
		t.Fatal("a rejected request created a member")
	}
	if first, _ := h.st.MarkEvent(context.Background(), "probe", time.Now()); !first {
		t.Fatal("store unusable")
	}
	if n := len(h.fake.CallsTo("chat.postMessage")); n != 0 {
		t.Fatalf("%d messages sent for rejected requests", n)
	}
}

func TestHTTP_EventsChallengeRetriesAndInteractivity(t *testing.T) {
	h := newHTTPHarness(t)
	challenge := []byte(`{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	code, body := h.do(t, fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, challenge, "application/json", time.Now()))
	if code != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Fatalf("challenge: %d %q", code, body)
	}

	event, _ := json.Marshal(h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), "hi")))
	start := time.Now()
	if code, _ := h.do(t, fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, event, "application/json", time.Now())); code != http.StatusOK {
		t.Fatalf("event: %d", code)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("ack took %v, Slack allows 3 s", took)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.fake.WaitForCalls(ctx, "chat.postMessage", 2); err != nil {
		t.Fatal(err)
	}
	retry := fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, event, "application/json", time.Now())
	retry.Header.Set("X-Slack-Retry-Num", "1")
	retry.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	if code, _ := h.do(t, retry); code != http.StatusOK {
		t.Fatalf("retry: %d", code)
	}
	// A slash command after the retry; its DM comes after anything the retry caused.
	form := url.Values{"command": {"/cairn"}, "text": {"goal"}, "user_id": {member}, "channel_id": {"C0GROUP"}, "trigger_id": {"1.2.3"}}
	code, body = h.do(t, fakeslack.SignedRequest(h.srv.URL+"/slack/commands", vectorSecret, []byte(form.Encode()), "application/x-www-form-urlencoded", time.Now()))
	if code != http.StatusOK || !strings.Contains(body, "direct message") {
		t.Fatalf("command: %d %s", code, body)
	}
	calls, err := h.fake.WaitForCalls(ctx, "chat.postMessage", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 3 || !strings.Contains(calls[2].Params["text"], "won the lottery") {
		t.Fatalf("after a retry and /cairn goal: %d messages, last %q", len(calls), calls[len(calls)-1].Params["text"])
	}

	// A button press over HTTP: the form's payload field.
	var resp struct{ TS string }
	_ = json.Unmarshal(calls[1].Response, &resp)
	press, _ := json.Marshal(fakeslack.BlockAction(member, fakeslack.DMChannel(member), "choice-0-1", conversations.ActHelp, resp.TS))
	code, _ = h.do(t, fakeslack.SignedRequest(h.srv.URL+"/slack/interactive", vectorSecret, []byte(url.Values{"payload": {string(press)}}.Encode()), "application/x-www-form-urlencoded", time.Now()))
	if code != http.StatusOK {
		t.Fatalf("interaction: %d", code)
	}
	if _, err := h.fake.WaitForCalls(ctx, "chat.update", 1); err != nil {
		t.Fatal(err)
	}
}

func TestHTTP_NeedsASigningSecret(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b, err := bot.New(bot.Config{BotToken: "xoxb-test"}, st)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.HTTPHandler(); err == nil || !strings.Contains(err.Error(), "SLACK_SIGNING_SECRET") {
		t.Fatalf("err = %v", err)
	}
	if _, err := bot.New(bot.Config{BotToken: "xoxp-user-token"}, st); err == nil || !strings.Contains(err.Error(), "xoxb-") {
		t.Fatalf("a user token was accepted: %v", err)
	}
}

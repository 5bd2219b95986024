package fakeslack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

const (
	botToken = "xoxb-1111-2222-fakeslacktest"
	appToken = "xapp-1-A0CAIRN00-3333-fakeslacktest"
	alice    = "U0ALICE01"
)

// newAPI is a real slack-go client pointed at s, on a transport the test
// cleans up.
func newAPI(t testing.TB, s *Server, token string, opts ...slack.Option) *slack.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return slack.New(token, append([]slack.Option{
		slack.OptionAppLevelToken(appToken),
		slack.OptionAPIURL(s.APIURL()),
		slack.OptionHTTPClient(&http.Client{Transport: tr}),
	}, opts...)...)
}

func testCtx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func aliceUser() User {
	return User{ID: alice, Name: "alice", RealName: "Alice Liddell", TZ: "Europe/Berlin",
		TZLabel: "Central European Summer Time", TZOffset: 7200, Email: "alice@example.com"}
}

// post sends a raw Web API request.
func post(t testing.TB, s *Server, method, contentType, bearer string, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.APIURL()+method, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s: body %q: %v", method, b, err)
	}
	return resp.StatusCode, out
}

func TestSignMatchesSlackTestVector(t *testing.T) {
	const (
		secret = "8f742231b10e8888abcd99yyyzzz85a5"
		ts     = 1531420618
		body   = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
		want   = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	)
	if got := Sign(secret, ts, []byte(body)); got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

func TestSignedRequestPassesSlackGoVerifier(t *testing.T) {
	const secret = "s3cr3t"
	body := []byte(`{"type":"event_callback","event_id":"Ev1"}`)
	req := SignedRequest("http://127.0.0.1:1/slack/events", secret, body, "application/json", time.Now())
	v, err := slack.NewSecretsVerifier(req.Header, secret)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(req.Body)
	if _, err := v.Write(got); err != nil {
		t.Fatal(err)
	}
	if err := v.Ensure(); err != nil {
		t.Fatalf("slack-go rejects the signature: %v", err)
	}
	if !bytes.Equal(got, body) || req.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("body %q, content type %q", got, req.Header.Get("Content-Type"))
	}

	// A wrong secret does not verify.
	req = SignedRequest("http://127.0.0.1:1/", "other", body, "application/json", time.Now())
	v, _ = slack.NewSecretsVerifier(req.Header, secret)
	_, _ = v.Write(body)
	if v.Ensure() == nil {
		t.Fatal("a signature with the wrong secret verified")
	}
}

func TestHTTPModeBodiesParseWithSlackGo(t *testing.T) {
	const secret = "s3cr3t"
	form := SlashCommandForm(slack.SlashCommand{Command: "/cairn", Text: "pause 2 weeks", UserID: alice, ChannelID: DMChannel(alice)})
	body := []byte(form.Encode())
	req := SignedRequest("http://127.0.0.1:1/slack/commands", secret, body, "application/x-www-form-urlencoded", time.Now())
	cmd, err := slack.SlashCommandParse(req)
	if err != nil || cmd.Command != "/cairn" || cmd.Text != "pause 2 weeks" || cmd.UserID != alice {
		t.Fatalf("SlashCommandParse = %+v, %v", cmd, err)
	}

	form, err = InteractiveForm(BlockAction(alice, DMChannel(alice), "skip_today", "s1", "1700000000.000100"))
	if err != nil {
		t.Fatal(err)
	}
	req = SignedRequest("http://127.0.0.1:1/slack/interactivity", secret, []byte(form.Encode()), "application/x-www-form-urlencoded", time.Now())
	ic, err := slack.InteractionCallbackParse(req)
	if err != nil || ic.Type != slack.InteractionTypeBlockActions || ic.ActionCallback.BlockActions[0].ActionID != "skip_today" ||
		ic.Container.MessageTs != "1700000000.000100" {
		t.Fatalf("InteractionCallbackParse = %+v, %v", ic, err)
	}
}

func TestWebAPIWithSlackGo(t *testing.T) {
	s := New(WithUsers(aliceUser()))
	defer s.Close()
	api := newAPI(t, s, botToken)
	ctx := testCtx(t)

	at, err := api.AuthTestContext(ctx)
	if err != nil || at.UserID != s.Identity().BotUserID || at.TeamID != s.Identity().TeamID {
		t.Fatalf("auth.test = %+v, %v", at, err)
	}

	ch, _, already, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{alice}})
	if err != nil || ch.ID != "D"+alice || already {
		t.Fatalf("conversations.open = %+v, %v, %v", ch, already, err)
	}
	if _, _, already, _ = api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{alice}}); !already {
		t.Error("second conversations.open: already_open false")
	}

	// chat.postMessage, form style, with blocks and metadata.
	meta := slack.SlackMetadata{EventType: "cairn_prompt", EventPayload: map[string]any{"session": "s1", "date": "2026-06-10"}}
	section := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "How was today?", false, false), nil, nil)
	chID, ts1, err := api.PostMessageContext(ctx, ch.ID, slack.MsgOptionText("How was today?", false),
		slack.MsgOptionBlocks(section), slack.MsgOptionMetadata(meta))
	if err != nil || chID != ch.ID || ts1 == "" {
		t.Fatalf("chat.postMessage = %q %q %v", chID, ts1, err)
	}
	// Posting to a user ID lands in the DM.
	chID, ts2, err := api.PostMessageContext(ctx, alice, slack.MsgOptionText("second", false))
	if err != nil || chID != ch.ID {
		t.Fatalf("chat.postMessage to a user = %q %v", chID, err)
	}
	if k1, _ := tsKey(ts1); func() bool { k2, _ := tsKey(ts2); return k2 <= k1 }() {
		t.Fatalf("ts not increasing: %s then %s", ts1, ts2)
	}

	call := s.CallsTo("chat.postMessage")[0]
	if call.Token != botToken || call.Params["token"] != botToken || call.Params["channel"] != ch.ID ||
		!strings.HasPrefix(call.Header.Get("Content-Type"), "application/x-www-form-urlencoded") || call.Status != 200 {
		t.Fatalf("recorded form call = %+v", call)
	}
	var gotMeta slack.SlackMetadata
	if err := call.Decode("metadata", &gotMeta); err != nil || gotMeta.EventType != "cairn_prompt" {
		t.Fatalf("metadata param %q: %v", call.Params["metadata"], err)
	}
	var blocks []map[string]any
	if err := call.Decode("blocks", &blocks); err != nil || len(blocks) != 1 || blocks[0]["type"] != "section" {
		t.Fatalf("blocks param %q: %v", call.Params["blocks"], err)
	}

	// conversations.history: newest first, metadata included.
	hist, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: ch.ID, IncludeAllMetadata: true})
	if err != nil || len(hist.Messages) != 2 {
		t.Fatalf("conversations.history = %+v, %v", hist, err)
	}
	if hist.Messages[0].Text != "second" || hist.Messages[1].Timestamp != ts1 {
		t.Fatalf("history order: %q then %q", hist.Messages[0].Text, hist.Messages[1].Text)
	}
	if m := hist.Messages[1]; m.Metadata.EventType != "cairn_prompt" || m.Metadata.EventPayload["session"] != "s1" ||
		m.BotID != s.Identity().BotID || len(m.Blocks.BlockSet) != 1 {
		t.Fatalf("history message = %+v", m)
	}
	if hist.Messages[0].Metadata.EventType != "" {
		t.Fatal("metadata on a message posted without it")
	}

	// users.info.
	u, err := api.GetUserInfoContext(ctx, alice)
	if err != nil || u.TZ != "Europe/Berlin" || u.TZOffset != 7200 || u.RealName != "Alice Liddell" || u.Locale != "en-US" {
		t.Fatalf("users.info = %+v, %v", u, err)
	}
	if _, err := api.GetUserInfoContext(ctx, "U0NOBODY"); err == nil || err.Error() != "user_not_found" {
		t.Fatalf("users.info of an unknown user: %v", err)
	}

	// views.publish, JSON style with a Bearer header.
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}}}
	vr, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: alice, View: home})
	if err != nil || vr.View.ID == "" || vr.View.Hash == "" || vr.View.Type != slack.VTHomeTab {
		t.Fatalf("views.publish = %+v, %v", vr, err)
	}
	pc := s.CallsTo("views.publish")[0]
	if pc.Token != botToken || pc.Params["user_id"] != alice || pc.Params["token"] != "" ||
		pc.Header.Get("Content-Type") != "application/json" || !strings.HasPrefix(pc.Params["view"], `{"type":"home"`) {
		t.Fatalf("recorded JSON call = %+v", pc)
	}
	stale := "1.stale"
	if _, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: alice, View: home, Hash: &stale}); err == nil || err.Error() != "hash_conflict" {
		t.Fatalf("views.publish with a stale hash: %v", err)
	}
	if _, ok := s.HomeView(alice); !ok {
		t.Fatal("HomeView: none stored")
	}

	// chat.update keeps the metadata; chat.postEphemeral stays out of the history; chat.delete.
	if _, _, _, err := api.UpdateMessageContext(ctx, ch.ID, ts1, slack.MsgOptionText("edited", false)); err != nil {
		t.Fatal(err)
	}
	if ets, err := api.PostEphemeralContext(ctx, ch.ID, alice, slack.MsgOptionText("psst", false)); err != nil || ets == "" {
		t.Fatalf("chat.postEphemeral = %q, %v", ets, err)
	}
	if _, _, err := api.DeleteMessageContext(ctx, ch.ID, ts2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.DeleteMessageContext(ctx, ch.ID, ts2); err == nil || err.Error() != "message_not_found" {
		t.Fatalf("deleting twice: %v", err)
	}
	msgs := s.Messages(ch.ID)
	if len(msgs) != 1 || msgs[0].Text != "edited" || msgs[0].EditedTS == "" || !strings.Contains(string(msgs[0].Metadata), "cairn_prompt") {
		t.Fatalf("messages after update/delete = %+v", msgs)
	}

	// conversations.members of a DM.
	members, _, err := api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: ch.ID})
	if err != nil || len(members) != 2 || members[0] != alice || members[1] != s.Identity().BotUserID {
		t.Fatalf("conversations.members = %v, %v", members, err)
	}

	// Modals: views.open, views.update (hash checked), views.push.
	modal := slack.ModalViewRequest{
		Type:  slack.VTModal,
		Title: slack.NewTextBlockObject(slack.PlainTextType, "Check-in", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewInputBlock("mood",
			slack.NewTextBlockObject(slack.PlainTextType, "Mood", false, false), nil,
			slack.NewPlainTextInputBlockElement(nil, "mood_input"))}},
		CallbackID: "checkin", PrivateMetadata: "s1",
	}
	ov, err := api.OpenViewContext(ctx, "1.2.abc", modal)
	if err != nil || ov.View.ID == "" || ov.View.CallbackID != "checkin" || ov.View.PrivateMetadata != "s1" {
		t.Fatalf("views.open = %+v, %v", ov, err)
	}
	uv, err := api.UpdateViewContext(ctx, modal, "", ov.View.Hash, ov.View.ID)
	if err != nil || uv.View.ID != ov.View.ID || uv.View.Hash == ov.View.Hash {
		t.Fatalf("views.update = %+v, %v", uv, err)
	}
	if _, err := api.UpdateViewContext(ctx, modal, "", ov.View.Hash, ov.View.ID); err == nil || err.Error() != "hash_conflict" {
		t.Fatalf("views.update with a stale hash: %v", err)
	}
	if _, err := api.PushViewContext(ctx, "1.2.abc", modal); err != nil {
		t.Fatal(err)
	}
	long := modal
	long.Title = slack.NewTextBlockObject(slack.PlainTextType, "A title far too long for a modal", false, false)
	if _, err := api.OpenViewContext(ctx, "1.2.abc", long); err == nil || err.Error() != "invalid_arguments" {
		t.Fatalf("views.open with a long title: %v", err)
	}
}

func TestJSONStyleAndQueryParams(t *testing.T) {
	s := New()
	defer s.Close()

	// chat.postMessage as a JSON body: nested values are recorded as JSON text.
	status, out := post(t, s, "chat.postMessage", "application/json; charset=utf-8", botToken,
		`{"channel":"C0GENERAL","text":"hi","blocks":[{"type":"divider"}],"metadata":{"event_type":"x","event_payload":{"n":1}}}`)
	if status != 200 || out["ok"] != true || out["channel"] != "C0GENERAL" {
		t.Fatalf("JSON chat.postMessage = %d %v", status, out)
	}
	c := s.CallsTo("chat.postMessage")[0]
	if c.Params["blocks"] != `[{"type":"divider"}]` || c.Params["text"] != "hi" || c.Token != botToken {
		t.Fatalf("params = %v", c.Params)
	}
	if m := s.Messages("C0GENERAL"); len(m) != 1 || string(m[0].Metadata) != `{"event_type":"x","event_payload":{"n":1}}` {
		t.Fatalf("stored = %+v", m)
	}

	// A token inside a JSON body does not count: JSON needs the header.
	if _, out := post(t, s, "auth.test", "application/json", "", `{"token":"`+botToken+`"}`); out["error"] != "not_authed" {
		t.Fatalf("token in JSON body: %v", out)
	}
	// Query parameters work (GET style).
	resp, err := http.Get(s.APIURL() + "auth.test?token=" + botToken)
	if err != nil {
		t.Fatal(err)
	}
	var q map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&q)
	resp.Body.Close()
	if q["ok"] != true {
		t.Fatalf("auth.test by query = %v", q)
	}
	// Form body with the token as a Bearer header.
	if _, out := post(t, s, "users.info", "application/x-www-form-urlencoded", botToken, "user="+s.Identity().BotUserID); out["ok"] != true {
		t.Fatalf("form + Bearer = %v", out)
	}
}

func TestAuthAndUnknownMethods(t *testing.T) {
	s := New()
	defer s.Close()
	ctx := testCtx(t)

	if _, err := newAPI(t, s, "xoxp-user-token").AuthTestContext(ctx); err == nil || err.Error() != "invalid_auth" {
		t.Fatalf("user token: %v", err)
	}
	if _, err := newAPI(t, s, "").AuthTestContext(ctx); err == nil || err.Error() != "not_authed" {
		t.Fatalf("no token: %v", err)
	}
	// apps.connections.open needs an app-level token.
	wrong := newAPI(t, s, botToken, slack.OptionAppLevelToken(botToken))
	if _, _, err := wrong.StartSocketModeContext(ctx); err == nil || err.Error() != "invalid_auth" {
		t.Fatalf("apps.connections.open with a bot token: %v", err)
	}
	_, url, err := newAPI(t, s, botToken).StartSocketModeContext(ctx)
	if err != nil || !strings.HasPrefix(url, "ws://127.0.0.1:") || !strings.Contains(url, "/ws?ticket=") {
		t.Fatalf("apps.connections.open = %q, %v", url, err)
	}

	status, out := post(t, s, "chat.scheduleMessage", "application/x-www-form-urlencoded", "", "token="+botToken+"&channel=C1")
	if status != 200 || out["ok"] != false || out["error"] != "unknown_method" {
		t.Fatalf("unknown method = %d %v", status, out)
	}
	if c := s.CallsTo("chat.scheduleMessage"); len(c) != 1 || c[0].Params["channel"] != "C1" {
		t.Fatalf("unknown method not recorded: %v", c)
	}

	// WithTokens pins the exact tokens.
	pinned := New(WithTokens(botToken, appToken))
	defer pinned.Close()
	if _, err := newAPI(t, pinned, "xoxb-other").AuthTestContext(ctx); err == nil || err.Error() != "invalid_auth" {
		t.Fatalf("other bot token: %v", err)
	}
	if _, err := newAPI(t, pinned, botToken).AuthTestContext(ctx); err != nil {
		t.Fatal(err)
	}

	// HandleFunc adds a method.
	s.HandleFunc("chat.getPermalink", func(c Call) any {
		return map[string]any{"ok": true, "permalink": "https://cairn-test.slack.com/archives/" + c.Params["channel"]}
	})
	link, err := newAPI(t, s, botToken).GetPermalinkContext(ctx, &slack.PermalinkParameters{Channel: "C1", Ts: "1.2"})
	if err != nil || !strings.HasSuffix(link, "/C1") {
		t.Fatalf("custom handler = %q, %v", link, err)
	}
}

func TestFailNext(t *testing.T) {
	s := New(WithUsers(aliceUser()))
	defer s.Close()
	api := newAPI(t, s, botToken)
	ctx := testCtx(t)
	postIt := func() error {
		_, _, err := api.PostMessageContext(ctx, alice, slack.MsgOptionText("hi", false))
		return err
	}

	s.FailNext("chat.postMessage", 2, RateLimited(7))
	s.FailNext("chat.postMessage", 1, RateLimited(0))
	for _, want := range []time.Duration{7 * time.Second, 7 * time.Second, 0} {
		rl, ok := errors.AsType[*slack.RateLimitedError](postIt())
		if !ok || rl.RetryAfter != want {
			t.Fatalf("want RateLimitedError{%v}, got %v", want, rl)
		}
	}
	if err := postIt(); err != nil {
		t.Fatalf("after the failures: %v", err)
	}
	if got := s.Throttled("chat.postMessage"); got != 3 {
		t.Fatalf("Throttled = %d, want 3", got)
	}
	calls := s.CallsTo("chat.postMessage")
	if len(calls) != 4 || calls[0].Status != 429 || calls[3].Status != 200 {
		t.Fatalf("calls = %d, statuses %d..%d", len(calls), calls[0].Status, calls[len(calls)-1].Status)
	}
	if len(s.Messages("D"+alice)) != 1 {
		t.Fatal("a failed call stored a message")
	}

	s.FailNext("chat.postMessage", 1, SlackError("channel_not_found"))
	if err := postIt(); err == nil || err.Error() != "channel_not_found" {
		t.Fatalf("SlackError: %v", err)
	}
	s.FailNext("chat.postMessage", 1, ServerError())
	if sc, ok := errors.AsType[slack.StatusCodeError](postIt()); !ok || sc.Code != 500 {
		t.Fatalf("ServerError: %v", sc)
	}
	before := len(s.Messages("D" + alice))
	s.FailNext("chat.postMessage", 1, KeptButFailed())
	if sc, ok := errors.AsType[slack.StatusCodeError](postIt()); !ok || sc.Code != 500 {
		t.Fatalf("KeptButFailed: %v", sc)
	}
	if got := len(s.Messages("D" + alice)); got != before+1 {
		t.Fatalf("KeptButFailed kept %d messages, want 1", got-before)
	}
	s.FailNext("chat.postMessage", 1, Failure{Status: 429, NoRetryAfter: true})
	if sc, ok := errors.AsType[slack.StatusCodeError](postIt()); !ok || sc.Code != 429 {
		t.Fatalf("429 without Retry-After: %v", sc)
	}
	s.FailNext("*", 1, SlackError("fatal_error"))
	if _, err := api.GetUserInfoContext(ctx, alice); err == nil || err.Error() != "fatal_error" {
		t.Fatalf("wildcard failure: %v", err)
	}
	if _, err := api.GetUserInfoContext(ctx, alice); err != nil {
		t.Fatal(err)
	}

	s.FailNext("users.info", 1, Delay(80*time.Millisecond))
	start := time.Now()
	if _, err := api.GetUserInfoContext(ctx, alice); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Fatalf("delayed call answered after %v", d)
	}
	// A delay longer than the client waits surfaces as its timeout.
	s.FailNext("users.info", 1, Delay(time.Minute))
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := api.GetUserInfoContext(short, alice); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("client timeout: %v", err)
	}
}

func TestRateLimit(t *testing.T) {
	s := New()
	defer s.Close()
	api := newAPI(t, s, botToken)
	ctx := testCtx(t)
	// One token per 5 s: no refill during the test, even on a loaded machine.
	s.RateLimit("chat.postMessage", 0.2, 2)

	var ok, limited int
	for range 5 {
		_, _, err := api.PostMessageContext(ctx, alice, slack.MsgOptionText("hi", false))
		switch rl, isRL := errors.AsType[*slack.RateLimitedError](err); {
		case err == nil:
			ok++
		case isRL && rl.RetryAfter >= 4*time.Second && rl.RetryAfter <= 5*time.Second:
			limited++
		default:
			t.Fatalf("unexpected error %v", err)
		}
	}
	if ok != 2 || limited != 3 || s.Throttled("chat.postMessage") != 3 {
		t.Fatalf("ok %d, limited %d, Throttled %d; want 2, 3, 3", ok, limited, s.Throttled("chat.postMessage"))
	}
	// Other methods are not limited; removing the limit lifts it.
	if _, err := api.AuthTestContext(ctx); err != nil {
		t.Fatal(err)
	}
	s.RateLimit("chat.postMessage", 0, 0)
	if _, _, err := api.PostMessageContext(ctx, alice, slack.MsgOptionText("hi", false)); err != nil {
		t.Fatal(err)
	}
	s.Reset()
	if s.Throttled("chat.postMessage") != 0 || len(s.Calls()) != 0 {
		t.Fatal("Reset kept the record")
	}
}

func TestWaitForCalls(t *testing.T) {
	s := New()
	api := newAPI(t, s, botToken)
	ctx := testCtx(t)

	short, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancel()
	if _, err := s.WaitForCalls(short, "chat.postMessage", 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitForCalls with none: %v", err)
	}
	errc := make(chan error, 1)
	go func() {
		for range 3 {
			if _, _, err := api.PostMessageContext(ctx, "C0GENERAL", slack.MsgOptionText("hi", false)); err != nil {
				errc <- err
				return
			}
		}
		errc <- nil
	}()
	calls, err := s.WaitForCalls(ctx, "chat.postMessage", 3)
	if err != nil || len(calls) != 3 {
		t.Fatalf("WaitForCalls = %d calls, %v", len(calls), err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.WaitForCalls(ctx, "chat.postMessage", 4); !errors.Is(err, ErrClosed) {
		t.Fatalf("WaitForCalls after Close: %v", err)
	}
}

func TestHistoryPagingAndThreads(t *testing.T) {
	now := time.Unix(1700000000, 0)
	s := New(WithClock(func() time.Time { return now }))
	defer s.Close()
	api := newAPI(t, s, botToken)
	ctx := testCtx(t)
	const ch = "C0GENERAL"

	var tss []string
	for i := range 5 {
		m := s.AddMessage(ch, Message{User: alice, Text: string(rune('a' + i))})
		tss = append(tss, m.TS)
	}
	if tss[0] != "1700000000.000000" || tss[1] != "1700000000.000001" {
		t.Fatalf("ts from a fixed clock: %v", tss)
	}
	// A thread reply stays out of the history but counts on its parent.
	if _, _, err := api.PostMessageContext(ctx, ch, slack.MsgOptionText("reply", false), slack.MsgOptionTS(tss[1])); err != nil {
		t.Fatal(err)
	}

	var texts []string
	cursor := ""
	for pages := 0; ; pages++ {
		h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: ch, Limit: 2, Cursor: cursor})
		if err != nil || pages > 5 {
			t.Fatalf("page %d: %v", pages, err)
		}
		for _, m := range h.Messages {
			texts = append(texts, m.Text)
			if m.Timestamp == tss[1] && m.ReplyCount != 1 {
				t.Errorf("parent reply_count = %d", m.ReplyCount)
			}
		}
		if !h.HasMore {
			break
		}
		cursor = h.ResponseMetaData.NextCursor
	}
	if strings.Join(texts, "") != "edcba" {
		t.Fatalf("paged history = %v", texts)
	}
	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: ch, Oldest: tss[1], Latest: tss[3]})
	if err != nil || len(h.Messages) != 1 || h.Messages[0].Text != "c" {
		t.Fatalf("exclusive oldest/latest = %+v, %v", h.Messages, err)
	}
	h, err = api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: ch, Oldest: tss[1], Latest: tss[3], Inclusive: true})
	if err != nil || len(h.Messages) != 3 {
		t.Fatalf("inclusive oldest/latest = %d messages, %v", len(h.Messages), err)
	}
	replies, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{ChannelID: ch, Timestamp: tss[1]})
	if err != nil || len(replies) != 2 || replies[1].Text != "reply" {
		t.Fatalf("conversations.replies = %+v, %v", replies, err)
	}
	if _, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: "C0NOWHERE"}); err == nil || err.Error() != "channel_not_found" {
		t.Fatalf("unknown channel: %v", err)
	}
}

func TestWebsocketNeedsATicket(t *testing.T) {
	s := New()
	defer s.Close()
	for _, q := range []string{"", "?ticket=made-up"} {
		resp, err := http.Get(s.URL() + "/ws" + q)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("/ws%s: status %d", q, resp.StatusCode)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	if _, err := s.SendEvent(ctx, AppHomeOpened(alice)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("SendEvent with no client: %v", err)
	}
}

// TestServer_WaitIdle: a delayed request counts as active until it is
// answered and recorded.
func TestServer_WaitIdle(t *testing.T) {
	s := New()
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.FailNext("auth.test", 1, Delay(200*time.Millisecond))
	done := make(chan error, 1)
	go func() {
		_, err := slack.New("xoxb-test", slack.OptionAPIURL(s.APIURL())).AuthTestContext(ctx)
		done <- err
	}()
	if err := s.waitFor(ctx, func() bool { return s.active > 0 }); err != nil { // it has arrived
		t.Fatal(err)
	}
	if n := len(s.CallsTo("auth.test")); n != 0 {
		t.Fatalf("%d calls recorded while the request is held", n)
	}
	if err := s.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(s.CallsTo("auth.test")); n != 1 {
		t.Fatalf("idle with %d recorded calls, want 1", n)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

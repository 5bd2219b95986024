package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

var chicago, _ = time.LoadLocation("America/Chicago")

// june10 is Wednesday, June 10, 2026, 10:00 in Chicago: "Friday" is June 12.
var june10 = time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)

const member = "U0MARIA"

// harness is one bot over a real store file, talking to the fake Slack.
type harness struct {
	t     *testing.T
	fake  *fakeslack.Server
	st    *store.Store
	path  string
	bot   *bot.Bot
	stop  context.CancelFunc
	done  chan error
	posts int // chat.postMessage calls already looked at
	logs  *lockedBuffer
	// configure, when set, adjusts the bot's Config at each start.
	configure func(*bot.Config)
}

func newHarness(t *testing.T) *harness { return newHarnessWith(t, nil) }

func newHarnessWith(t *testing.T, configure func(*bot.Config)) *harness {
	t.Helper()
	fake := fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: member, Name: "maria", RealName: "Maria", TZ: "America/Chicago"}))
	t.Cleanup(fake.Close)
	h := &harness{t: t, fake: fake, path: filepath.Join(t.TempDir(), "cairn.db"), configure: configure}
	h.start()
	t.Cleanup(func() {
		h.halt()
		if err := h.st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		h.st.Close()
	})
	return h
}

// start opens the store and runs a bot over Socket Mode.
func (h *harness) start() {
	h.t.Helper()
	var err error
	if h.st, err = store.Open(h.path); err != nil {
		h.t.Fatal(err)
	}
	h.logs = &lockedBuffer{}
	cfg := bot.Config{
		BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: h.fake.APIURL(),
		CallTimeout: 5 * time.Second,
		Logger:      slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if h.configure != nil {
		h.configure(&cfg)
	}
	h.bot, err = bot.New(cfg, h.st)
	if err != nil {
		h.t.Fatal(err)
	}
	h.bot.Now = func() time.Time { return june10 }
	if err := h.bot.CheckAuth(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.stop, h.done = cancel, make(chan error, 1)
	go func() { h.done <- h.bot.RunSocketMode(ctx) }()
	waitCtx, cancelWait := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancelWait()
	select {
	case <-h.bot.Ready():
	case <-waitCtx.Done():
		h.t.Fatal("bot never connected to the fake Slack")
	}
}

// halt stops the bot as a signal would: stop reading, finish turns.
func (h *harness) halt() {
	if h.stop == nil {
		return
	}
	h.stop()
	if err := <-h.done; err != nil {
		h.t.Errorf("socket mode: %v", err)
	}
	h.bot.Close()
	h.stop = nil
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

// dm sends a DM from the member and returns its envelope ID.
func (h *harness) dm(text string) string {
	h.t.Helper()
	id, err := h.fake.SendEvent(h.ctx(), fakeslack.MessageEvent(member, fakeslack.DMChannel(member), text))
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

// expect waits for the next bot message containing want (skipping earlier
// ones) and returns it.
func (h *harness) expect(want string) fakeslack.Call {
	h.t.Helper()
	ctx := h.ctx()
	for {
		calls, err := h.fake.WaitForCalls(ctx, "chat.postMessage", h.posts+1)
		if err != nil {
			h.t.Fatalf("no bot message containing %q; logs:\n%s", want, h.logs)
		}
		for h.posts < len(calls) {
			c := calls[h.posts]
			h.posts++
			if strings.Contains(c.Params["text"], want) {
				return c
			}
		}
	}
}

// waitHome waits until the member's published App Home shows every want.
func (h *harness) waitHome(want ...string) {
	h.t.Helper()
	ctx := h.ctx()
	for n := 1; ; n++ {
		if _, err := h.fake.WaitForCalls(ctx, "views.publish", n); err != nil {
			home, _ := h.fake.HomeView(member)
			h.t.Fatalf("App Home never showed %q: %s", want, home)
		}
		home, _ := h.fake.HomeView(member)
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(string(home), w)
		}
		if ok {
			return
		}
	}
}

// ts is the timestamp Slack gave a posted message.
func ts(t *testing.T, c fakeslack.Call) string {
	t.Helper()
	var resp struct{ TS string }
	if err := json.Unmarshal(c.Response, &resp); err != nil || resp.TS == "" {
		t.Fatalf("postMessage response %s: %v", c.Response, err)
	}
	return resp.TS
}

// buttonValue finds the value of the button labelled label in a posted message.
func buttonValue(t *testing.T, c fakeslack.Call, label string) (actionID, value string) {
	t.Helper()
	var blocks []struct {
		Type     string `json:"type"`
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
			Text     struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"elements"`
	}
	if err := c.Decode("blocks", &blocks); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.Text.Text == label {
				return e.ActionID, e.Value
			}
		}
	}
	t.Fatalf("no button %q in %s", label, c.Params["blocks"])
	return "", ""
}

func TestDM_GoalSettingWithAButtonPress(t *testing.T) {
	h := newHarness(t)
	h.dm("hi")
	menu := h.expect("What would you like to do")
	actionID, value := buttonValue(t, menu, "Set a goal")
	press := fakeslack.BlockAction(member, fakeslack.DMChannel(member), actionID, value, ts(t, menu))
	if _, err := h.fake.SendInteractive(h.ctx(), press); err != nil {
		t.Fatal(err)
	}
	h.expect("won the lottery")
	// The pressed message lost its buttons and shows the choice.
	updates := h.fake.CallsTo("chat.update")
	if len(updates) != 1 || updates[0].Params["ts"] != ts(t, menu) || strings.Contains(updates[0].Params["blocks"], `"actions"`) ||
		!strings.Contains(updates[0].Params["blocks"], "Set a goal") {
		t.Fatalf("chat.update = %+v", updates)
	}
	// Pressing the same (now answered) message again changes nothing.
	if _, err := h.fake.SendInteractive(h.ctx(), press); err != nil {
		t.Fatal(err)
	}

	for _, step := range []struct{ say, want string }{
		{"Open a bakery 🥐", "being happy"},
		{"My own place & friends <3", "one goal"},
		{"Find a part-time job by March", "how sure"},
		{"8", "Why"},
		{"So I can pay my own rent", "support"},
		{"My sister Ana", "first step"},
		{"Call the job center", "When will you do it"},
		{"by Friday", "Friday, June 12"},
		{"me", "Add another step"},
		{"that's all for now", "enjoy"},
		{"skip", "Shall I save it"},
		{"save it", "Your first stone"},
	} {
		h.dm(step.say)
		h.expect(step.want)
	}

	view, err := h.st.MemberView(context.Background(), member)
	if err != nil {
		t.Fatal(err)
	}
	if view.Member.TZ != "America/Chicago" || len(view.Goals) != 1 || view.Goals[0].Goal.Text != "Find a part-time job by March" ||
		len(view.Goals[0].Steps) != 1 || view.Goals[0].Steps[0].Due.Format(time.DateOnly) != "2026-06-12" {
		t.Fatalf("stored %+v", view)
	}
	h.waitHome("Find a part-time job by March", "Call the job center")
	if dreams := len(h.fake.CallsTo("chat.update")); dreams != 1 {
		t.Fatalf("a second press of an answered message was acted on (%d updates)", dreams)
	}
	// Member text is escaped for mrkdwn, never sent raw.
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if strings.Contains(c.Params["blocks"], "<3") {
			t.Fatalf("unescaped member text in %s", c.Params["blocks"])
		}
	}
	assertNoMessageTextInLogs(t, h.logs.String(), "Open a bakery", "pay my own rent", "job center")
}

func assertNoMessageTextInLogs(t *testing.T, logs string, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if strings.Contains(logs, text) {
			t.Fatalf("logs contain member text %q:\n%s", text, logs)
		}
	}
}

func TestDM_SameEventTwiceOneReply(t *testing.T) {
	h := newHarness(t)
	cb := h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), "hi"))
	if _, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "events_api", Payload: cb}); err != nil {
		t.Fatal(err)
	}
	h.expect("What would you like to do")
	before := len(h.fake.CallsTo("chat.postMessage"))
	// Slack's retry: same event_id, retry_attempt 1.
	if _, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "events_api", Payload: cb, RetryAttempt: 1, RetryReason: "timeout"}); err != nil {
		t.Fatal(err)
	}
	// And again after a restart: the dedupe lives in the store.
	h.halt()
	h.st.Close()
	h.start()
	if _, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "events_api", Payload: cb, RetryAttempt: 2, RetryReason: "timeout"}); err != nil {
		t.Fatal(err)
	}
	// A new message after the retries: its reply comes after anything the
	// retries would have caused, since one member's turns keep their order.
	h.dm("help")
	h.expect("You can say")
	if got := len(h.fake.CallsTo("chat.postMessage")) - before; got != 1 {
		t.Fatalf("%d messages after the retries, want only the reply to help", got)
	}
}

func TestDM_RateLimitedThenDelivered(t *testing.T) {
	h := newHarness(t)
	h.fake.FailNext("chat.postMessage", 1, fakeslack.RateLimited(1))
	h.dm("hi")
	h.expect("What would you like to do")
	calls := h.fake.CallsTo("chat.postMessage")
	if len(calls) < 2 || calls[0].Status != 429 {
		t.Fatalf("calls = %d, first status %d", len(calls), calls[0].Status)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < 900*time.Millisecond {
		t.Fatalf("retried after %v, before Retry-After's 1 s", gap)
	}
}

func TestDM_IgnoredPayloads(t *testing.T) {
	h := newHarness(t)
	dmChannel := fakeslack.DMChannel(member)
	botMsg := fakeslack.MessageEvent("U0CAIRNBOT", dmChannel, "What would you like to do?")
	botMsg["bot_id"] = "B0CAIRN00"
	edited := fakeslack.MessageEvent(member, dmChannel, "edited")
	edited["subtype"] = "message_changed"
	noUser := fakeslack.MessageEvent("", dmChannel, "who am i")
	inChannel := fakeslack.MessageEvent(member, "C0GROUP", "hello channel")
	unknown := map[string]any{"type": "reaction_added", "user": member, "reaction": "tada"}
	for _, ev := range []any{botMsg, edited, noUser, inChannel, unknown} {
		id, err := h.fake.SendEvent(h.ctx(), ev)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.fake.WaitForAck(h.ctx(), id); err != nil {
			t.Fatalf("envelope not acked: %v", err)
		}
	}
	for _, env := range []fakeslack.Envelope{
		{Type: "events_api", Payload: json.RawMessage(`{"type":"event_callback","event":"not an object"}`)},
		{Type: "events_api", Payload: json.RawMessage(`{"type":"event_callback","event":{"type":"message","channel_type":"im","user":42}}`)},
		{Type: "interactive", Payload: json.RawMessage(`{"type":"block_actions","actions":[]}`)},
		{Type: "something_new", Payload: json.RawMessage(`{}`)},
	} {
		if _, err := h.fake.SendEnvelope(h.ctx(), env); err != nil {
			t.Fatal(err)
		}
	}
	h.dm("hi")
	h.expect("What would you like to do")
	if n := len(h.fake.CallsTo("chat.postMessage")); n != 2 {
		t.Fatalf("%d messages posted, want only the 2 replies to hi", n)
	}
	if _, err := h.st.Member(context.Background(), "U0CAIRNBOT"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the bot's own message made it a member: %v", err)
	}
}

func TestSlashCommand(t *testing.T) {
	h := newHarness(t)
	ask := func(text string) string {
		id, err := h.fake.SendSlashCommand(h.ctx(), slack.SlashCommand{Command: "/cairn", Text: text, UserID: member, ChannelID: "C0GROUP"})
		if err != nil {
			t.Fatal(err)
		}
		ack, err := h.fake.WaitForAck(h.ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		var p struct{ ResponseType, Text string }
		p.ResponseType = "?"
		if err := json.Unmarshal(ack.Payload, &map[string]any{}); err != nil {
			t.Fatalf("ack payload %s: %v", ack.Payload, err)
		}
		var m map[string]string
		_ = json.Unmarshal(ack.Payload, &m)
		if m["response_type"] != "ephemeral" {
			t.Fatalf("/cairn %s answered %s, want ephemeral", text, ack.Payload)
		}
		return m["text"]
	}
	if got := ask("help"); !strings.Contains(got, "/cairn goal") {
		t.Fatalf("help = %q", got)
	}
	if got := ask("fly to the moon"); !strings.Contains(got, "don't know that one") {
		t.Fatalf("unknown = %q", got)
	}
	if got := ask("steps"); !strings.Contains(got, "haven't set a goal") {
		t.Fatalf("steps = %q", got)
	}
	if got := ask("goal"); !strings.Contains(got, "direct message") {
		t.Fatalf("goal = %q", got)
	}
	h.expect("won the lottery") // the goal conversation starts in the DM
	if len(h.fake.CallsTo("conversations.open")) == 0 {
		t.Fatal("no DM was opened")
	}
}

func TestAppHome_PublishedAndStepEditedInAModal(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.st.SaveMember(ctx, store.Member{ID: member, TZ: "America/Chicago"}); err != nil {
		t.Fatal(err)
	}
	res, err := h.st.ApplyTurn(ctx, store.Turn{MemberID: member, At: june10,
		Goal:     &store.Goal{Text: "Learn to fly-fish", Status: store.GoalActive},
		NewSteps: []store.Step{{What: "Buy a fishing pole", Due: time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe}}})
	if err != nil {
		t.Fatal(err)
	}
	stepID := res.StepIDs[0]
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", chicago)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.st.SaveGroup(ctx, store.Group{ID: "C0GROUP", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text,
		TZ: "America/Chicago", Members: []string{member}, Facilitators: []string{"UFAC"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.fake.SendEvent(h.ctx(), fakeslack.AppHomeOpened(member)); err != nil {
		t.Fatal(err)
	}
	if _, err := h.fake.WaitForCalls(h.ctx(), "views.publish", 1); err != nil {
		t.Fatal(err)
	}
	home, _ := h.fake.HomeView(member)
	for _, want := range []string{"Learn to fly-fish", "Buy a fishing pole", "Friday, June 12", "0 of 1 steps done", fmt.Sprintf("edit:%d", stepID),
		"Next group session: Tuesday, June 16 at 6:00 PM"} {
		if !strings.Contains(string(home), want) {
			t.Fatalf("App Home lacks %q: %s", want, home)
		}
	}

	menu := map[string]any{
		"type": "block_actions", "trigger_id": "123.456.abc",
		"user":      map[string]any{"id": member},
		"container": map[string]any{"type": "view", "view_id": "VHOME"},
		"actions": []any{map[string]any{"action_id": "step_menu", "block_id": fmt.Sprintf("step-%d", stepID), "type": "overflow",
			"selected_option": map[string]any{"value": fmt.Sprintf("edit:%d", stepID), "text": map[string]any{"type": "plain_text", "text": "Edit"}}}},
	}
	if _, err := h.fake.SendInteractive(h.ctx(), menu); err != nil {
		t.Fatal(err)
	}
	opened, err := h.fake.WaitForCalls(h.ctx(), "views.open", 1)
	if err != nil {
		t.Fatalf("%v; logs:\n%s", err, h.logs)
	}
	var resp struct {
		View struct{ ID string } `json:"view"`
	}
	if err := json.Unmarshal(opened[0].Response, &resp); err != nil {
		t.Fatal(err)
	}
	submit := func(when string) json.RawMessage {
		p, err := h.fake.ViewSubmissionFor(member, resp.View.ID, map[string]map[string]any{
			"what": {"what_input": fakeslack.TextInput("Buy a used fishing pole")},
			"when": {"when_input": fakeslack.TextInput(when)},
			"who":  {"who_input": fakeslack.StaticSelect("navigator")},
			"name": {"name_input": fakeslack.TextInput("")},
		})
		if err != nil {
			t.Fatal(err)
		}
		id, err := h.fake.SendInteractive(h.ctx(), p)
		if err != nil {
			t.Fatal(err)
		}
		ack, err := h.fake.WaitForAck(h.ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		return ack.Payload
	}
	if ack := submit("someday maybe"); !strings.Contains(string(ack), `"response_action":"errors"`) || !strings.Contains(string(ack), `"when"`) {
		t.Fatalf("a bad date was accepted: %s", ack)
	}
	// A day gone by: the member reads the catalogue's kind sentence for
	// that kind, not the parser's own error text.
	if errs := formErrors(t, string(submit("yesterday"))); errs["when"] != conversations.WordsFor(conversations.English).ErrDatePassed {
		t.Errorf("a past date says %q", errs["when"])
	}
	if st, _ := h.st.Step(ctx, stepID); st.What != "Buy a fishing pole" {
		t.Fatalf("a refused form changed the step: %+v", st)
	}
	if ack := submit("June 19"); len(ack) != 0 && string(ack) != "null" {
		t.Fatalf("valid form answered %s", ack)
	}
	st, err := h.st.Step(ctx, stepID)
	if err != nil {
		t.Fatal(err)
	}
	if st.What != "Buy a used fishing pole" || st.Owner != store.OwnerNavigator || st.Due.Format(time.DateOnly) != "2026-06-19" {
		t.Fatalf("step = %+v", st)
	}

	// Someone else's step cannot be edited, whatever the payload says.
	other, _ := h.fake.ViewSubmissionFor("U0INTRUDER", resp.View.ID, map[string]map[string]any{
		"what": {"what_input": fakeslack.TextInput("hijacked")}, "when": {"when_input": fakeslack.TextInput("tomorrow")},
		"who": {"who_input": fakeslack.StaticSelect("me")},
	})
	id, _ := h.fake.SendInteractive(h.ctx(), other)
	if ack, _ := h.fake.WaitForAck(h.ctx(), id); !strings.Contains(string(ack.Payload), "isn't one of yours") {
		t.Fatalf("intruder's edit answered %s", ack.Payload)
	}
	if st, _ := h.st.Step(ctx, stepID); st.What != "Buy a used fishing pole" {
		t.Fatalf("intruder changed the step: %+v", st)
	}
}

// lockedBuffer collects log lines from the bot's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var _ io.Writer = (*lockedBuffer)(nil)

func TestSocketMode_AcksAtOnceWhileTheWorkIsSlow(t *testing.T) {
	h := newHarness(t)
	h.fake.FailNext("chat.postMessage", 10, fakeslack.Delay(2*time.Second))
	var ids []string
	var sent []time.Time
	for i := range 10 {
		user := fmt.Sprintf("U0SLOW%02d", i)
		sent = append(sent, time.Now())
		id, err := h.fake.SendEvent(h.ctx(), fakeslack.MessageEvent(user, fakeslack.DMChannel(user), "hi"))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for i, id := range ids {
		ack, err := h.fake.WaitForAck(h.ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		if took := ack.At.Sub(sent[i]); took > time.Second {
			t.Fatalf("envelope %d acked after %v while Slack was slow; Slack wants 3 s at most", i, took)
		}
	}
}

// TestDM_UnreachableUntilTheyWrite: a member Slack could not reach is
// reachable again once they write to Cairn, so their prompts go out again.
func TestDM_UnreachableUntilTheyWrite(t *testing.T) {
	h := newHarness(t)
	h.dm("hi")
	h.expect("What would you like to do")
	if err := h.st.MarkUnreachable(h.ctx(), member, "unreachable: account_inactive", june10); err != nil {
		t.Fatal(err)
	}
	h.dm("help")
	h.expect("You can say")
	m, err := h.st.Member(h.ctx(), member)
	if err != nil || m.Unreachable != "" {
		t.Fatalf("after the member wrote: %+v, %v; want reachable", m, err)
	}
}

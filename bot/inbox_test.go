package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// acked waits for the ack of each envelope.
func (h *harness) acked(ids ...string) {
	h.t.Helper()
	for _, id := range ids {
		if _, err := h.fake.WaitForAck(h.ctx(), id); err != nil {
			h.t.Fatalf("envelope %s never acknowledged: %v; logs:\n%s", id, err, h.logs)
		}
	}
}

// isAcked reports whether the fake has an ack for envelope id.
func isAcked(fake *fakeslack.Server, id string) bool {
	for _, a := range fake.Acks() {
		if a.EnvelopeID == id {
			return true
		}
	}
	return false
}

// countPosts counts the bot's messages whose text contains want.
func countPosts(fake *fakeslack.Server, want string) int {
	n := 0
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Status == 200 && strings.Contains(c.Params["text"], want) {
			n++
		}
	}
	return n
}

// An acknowledged DM is durable: it is in the inbox, or its turn is
// committed. Slack is slow, so the member's later DMs wait behind the first.
func TestInbox_JournaledBeforeAck(t *testing.T) {
	h := newHarness(t)
	h.fake.FailNext("chat.postMessage", 100, fakeslack.Delay(3*time.Second))
	var ids, keys []string
	for _, text := range []string{"hi", "help", "steps", "help", "hi"} {
		cb := h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), text))
		id, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "events_api", Payload: cb})
		if err != nil {
			t.Fatal(err)
		}
		ids, keys = append(ids, id), append(keys, cb.EventID)
	}
	h.acked(ids...)
	ctx := context.Background()
	items, err := h.st.Inbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pending := map[string]bool{}
	for _, it := range items {
		pending[it.Key] = true
	}
	for _, key := range keys {
		seen, err := h.st.SeenEvent(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if !pending[key] && !seen {
			t.Errorf("event %s was acknowledged but is neither journaled nor handled", key)
		}
	}
	h.fake.FailNext("chat.postMessage", 0, fakeslack.Failure{})
}

// An input that cannot be journaled is not acknowledged, so Slack sends it
// again; the inputs after it are unaffected.
func TestInbox_NotJournaledNotAcked(t *testing.T) {
	h := newHarness(t)
	bad := h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), "hi"))
	bad.EventID = "Ev\x00BAD" // the store refuses this key
	badID, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "events_api", Payload: bad})
	if err != nil {
		t.Fatal(err)
	}
	h.acked(h.dm("help"))
	h.expect("You can say")
	if isAcked(h.fake, badID) {
		t.Fatal("an input that was not journaled was acknowledged")
	}
	if n := countPosts(h.fake, "What would you like to do"); n != 0 {
		t.Fatalf("the unjournaled input was answered %d times", n)
	}
}

// A message event without an event_id is deduplicated by its channel and ts.
func TestInbox_NoEventIDDedupedByMessage(t *testing.T) {
	h := newHarness(t)
	cb := h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), "hi"))
	cb.EventID = ""
	for range 2 {
		id, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "events_api", Payload: cb})
		if err != nil {
			t.Fatal(err)
		}
		h.acked(id)
	}
	h.dm("help") // answered after anything the copies would cause
	h.expect("You can say")
	if n := countPosts(h.fake, "What would you like to do"); n != 1 {
		t.Fatalf("one message without event_id answered %d times", n)
	}
}

// A replayed interactive envelope (an App Home button) and a replayed slash
// command (same trigger_id) each run once.
func TestInbox_ReplayedInteractionAndCommandRunOnce(t *testing.T) {
	h := newHarness(t)
	action := fakeslack.BlockAction(member, fakeslack.DMChannel(member), "home-goal-start", conversations.ActGoal, "")
	action["container"] = map[string]any{"type": "view", "view_id": "V0HOME"}
	delete(action, "channel")
	for range 2 {
		id, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "interactive", Payload: action})
		if err != nil {
			t.Fatal(err)
		}
		h.acked(id)
	}
	cmd := slack.SlashCommand{Command: "/cairn", Text: "checkin", UserID: member, ChannelID: "C0SOMEWHERE", TriggerID: "123.456.abc"}
	for range 2 {
		id, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "slash_commands", Payload: cmd, AcceptsResponsePayload: true})
		if err != nil {
			t.Fatal(err)
		}
		h.acked(id)
	}
	h.dm("help")
	h.expect("You can say")
	posts := h.fake.CallsTo("chat.postMessage")
	// goal:start, checkin:start and help: three turns, each with its replies.
	var starts []string
	for _, c := range posts {
		starts = append(starts, firstLine(c.Params["text"]))
	}
	if n := countPosts(h.fake, "You can say"); n != 1 {
		t.Fatalf("help answered %d times", n)
	}
	seen := map[string]int{}
	for _, s := range starts {
		seen[s]++
	}
	for s, n := range seen {
		if n > 1 {
			t.Errorf("%q posted %d times (a replay ran twice); all posts: %q", s, n, starts)
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// In HTTP mode the input is journaled before the 2xx; one that cannot be
// journaled gets a 503, so Slack sends it again.
func TestInbox_HTTPJournalsBeforeTheResponse(t *testing.T) {
	h := newHTTPHarness(t)
	h.fake.FailNext("chat.postMessage", 100, fakeslack.Delay(3*time.Second))
	post := func(cb fakeslack.EventCallback) int {
		body, err := json.Marshal(cb)
		if err != nil {
			t.Fatal(err)
		}
		code, _ := h.do(t, fakeslack.SignedRequest(h.srv.URL+"/slack/events", vectorSecret, body, "application/json", time.Now()))
		return code
	}
	bad := h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), "hi"))
	bad.EventID = "Ev\x00BAD"
	if code := post(bad); code != http.StatusServiceUnavailable {
		t.Fatalf("an event that could not be journaled got %d, want 503", code)
	}
	ctx := context.Background()
	for _, text := range []string{"hi", "help", "steps"} {
		cb := h.fake.EventCallback(fakeslack.MessageEvent(member, fakeslack.DMChannel(member), text))
		if code := post(cb); code != http.StatusOK {
			t.Fatalf("event answered %d", code)
		}
		items, err := h.st.Inbox(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen, err := h.st.SeenEvent(ctx, cb.EventID)
		if err != nil {
			t.Fatal(err)
		}
		journaled := seen
		for _, it := range items {
			journaled = journaled || it.Key == cb.EventID
		}
		if !journaled {
			t.Fatalf("event %s answered 200 before it was journaled", cb.EventID)
		}
	}
	h.fake.FailNext("chat.postMessage", 0, fakeslack.Failure{})
}

// startBot runs a bot with cfg over Socket Mode against fake, on st, until
// the test ends. The returned stop ends Socket Mode (as a signal does);
// shutting the bot down is left to the caller or to the cleanup.
func startBot(t *testing.T, fake *fakeslack.Server, st *store.Store, cfg bot.Config) (*bot.Bot, *lockedBuffer, func()) {
	t.Helper()
	logs := &lockedBuffer{}
	cfg.BotToken, cfg.AppToken, cfg.APIURL = "xoxb-test", "xapp-test", fake.APIURL()
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	b, err := bot.New(cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	b.Now = func() time.Time { return june10 }
	if err := b.CheckAuth(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.RunSocketMode(ctx) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("socket mode: %v", err)
			}
		})
	}
	t.Cleanup(func() {
		stop()
		b.Close()
	})
	select {
	case <-b.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("bot never connected to the fake Slack")
	}
	return b, logs, stop
}

func openStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		st.Close()
	})
	return st
}

// gate holds every chat.postMessage until it is opened: Slack stalls.
type gate struct {
	open chan struct{}
	once sync.Once
}

// stallPosts makes Slack hold every post until the gate opens; then each is
// posted (kept in the DM's history, as a reply that reached Slack is).
func stallPosts(fake *fakeslack.Server) *gate {
	g := &gate{open: make(chan struct{})}
	fake.HandleFunc("chat.postMessage", func(c fakeslack.Call) any {
		<-g.open
		return postAsUsual(fake, c)
	})
	return g
}

// postAsUsual stores a post in the fake's history and answers as Slack does.
func postAsUsual(fake *fakeslack.Server, c fakeslack.Call) any {
	m := fake.AddMessage(c.Params["channel"], fakeslack.Message{User: fake.Identity().BotUserID, Text: c.Params["text"],
		Blocks: rawOrNil(c.Params["blocks"]), Metadata: rawOrNil(c.Params["metadata"])})
	return map[string]any{"ok": true, "channel": m.Channel, "ts": m.TS,
		"message": map[string]any{"type": "message", "text": m.Text, "ts": m.TS, "bot_id": m.BotID}}
}

func rawOrNil(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

// release lets the stalled posts through and serves the rest as usual.
func (g *gate) release(fake *fakeslack.Server) {
	g.once.Do(func() {
		fake.HandleFunc("chat.postMessage", nil)
		close(g.open)
	})
}

// pauseAnswers are the bot's answers to "away for …" in user's DM, in order.
func pauseAnswers(fake *fakeslack.Server, user string) []string {
	var got []string
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Status == 200 && c.Params["channel"] == fakeslack.DMChannel(user) && strings.Contains(c.Params["text"], "no check-in prompts until") {
			got = append(got, c.Params["text"])
		}
	}
	return got
}

// floodText is the i-th flooded message and the date its answer names.
func floodText(t *testing.T, i int) (text, want string) {
	t.Helper()
	days := 1 + i%600
	day, err := conversations.AwayUntil(fmt.Sprintf("%d days", days), june10)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("away for %d days", days), conversations.SayDate(day, june10)
}

// checkFloodAnswers checks that the n flooded messages were each answered
// once, in order.
func checkFloodAnswers(t *testing.T, fake *fakeslack.Server, user string, n int) {
	t.Helper()
	got := pauseAnswers(fake, user)
	if len(got) != n {
		t.Fatalf("%d answers to %d flooded messages", len(got), n)
	}
	for i := range got {
		if _, want := floodText(t, i); !strings.Contains(got[i], want+".") {
			t.Fatalf("answer %d is %q, want one saying %q (out of order?)", i, got[i], want)
		}
	}
}

// waitPosts waits until cond holds, looking again at each new post.
func waitPosts(ctx context.Context, fake *fakeslack.Server, cond func() bool) error {
	for {
		// Count first, then look: a post that lands between the two wakes
		// the wait at once instead of being waited for after it came.
		n := len(fake.CallsTo("chat.postMessage"))
		if cond() {
			return nil
		}
		if _, err := fake.WaitForCalls(ctx, "chat.postMessage", n+1); err != nil {
			return err
		}
	}
}

// One member floods a thousand messages while Slack is stalled: another
// member's DM and a slash command are still acknowledged, and once Slack
// answers again every flooded message is answered once, in order.
func TestInbox_FloodDoesNotStallOthers(t *testing.T) {
	const flood = 1000
	const flooder, other = "U0FLOOD", "U0OTHER"
	fake := fakeslack.New(fakeslack.WithUsers(
		fakeslack.User{ID: flooder, Name: "flo", TZ: "America/Chicago"},
		fakeslack.User{ID: other, Name: "oto", TZ: "America/Chicago"}))
	t.Cleanup(fake.Close)
	st := openStore(t, filepath.Join(t.TempDir(), "cairn.db"))
	// Calls wait as long as Slack does: no post times out and is retried.
	// Slack allows about one message a second in a channel; the limiter is
	// off so that a thousand answers take seconds, not a quarter of an hour.
	_, logs, _ := startBot(t, fake, st, bot.Config{CallTimeout: time.Minute, Workers: 4, NoLimits: true})
	g := stallPosts(fake)
	defer g.release(fake)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := range flood {
		text, _ := floodText(t, i)
		if _, err := fake.SendEvent(ctx, fakeslack.MessageEvent(flooder, fakeslack.DMChannel(flooder), text)); err != nil {
			t.Fatal(err)
		}
	}
	sent := time.Now()
	dm, err := fake.SendEvent(ctx, fakeslack.MessageEvent(other, fakeslack.DMChannel(other), "help"))
	if err != nil {
		t.Fatal(err)
	}
	cmd, err := fake.SendSlashCommand(ctx, slack.SlashCommand{Command: "/cairn", Text: "help", UserID: other, ChannelID: "C0SOMEWHERE"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{dm, cmd} {
		if _, err := fake.WaitForAck(ctx, id); err != nil {
			t.Fatalf("another member's input was not acknowledged behind the flood: %v", err)
		}
	}

	t.Logf("behind %d stalled messages, another member's DM and command were acknowledged in %v", flood, time.Since(sent).Round(time.Millisecond))

	released := time.Now()
	g.release(fake)
	if err := waitPosts(ctx, fake, func() bool { return len(pauseAnswers(fake, flooder)) >= flood }); err != nil {
		t.Fatalf("%d of %d flooded messages answered: %v\n%s", len(pauseAnswers(fake, flooder)), flood, err, grepNot(logs.String(), "dm received"))
	}
	t.Logf("all %d answered %v after Slack came back", flood, time.Since(released).Round(time.Millisecond))
	// A last message: its answer comes after anything a doubled turn
	// would have posted.
	if _, err := fake.SendEvent(ctx, fakeslack.MessageEvent(flooder, fakeslack.DMChannel(flooder), "help")); err != nil {
		t.Fatal(err)
	}
	if err := waitPosts(ctx, fake, func() bool { return countPosts(fake, "You can say") >= 2 }); err != nil {
		t.Fatalf("the last message was not answered: %v", err)
	}
	checkFloodAnswers(t, fake, flooder, flood)
	if n, _ := st.InboxDepth(context.Background()); n != 0 {
		t.Errorf("%d inputs left in the inbox", n)
	}
}

func grepNot(s, not string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, not) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// floodDMs sends the first n flooded messages from user and waits for
// their acks.
func floodDMs(t *testing.T, ctx context.Context, fake *fakeslack.Server, user string, n int) {
	t.Helper()
	var ids []string
	for i := range n {
		text, _ := floodText(t, i)
		id, err := fake.SendEvent(ctx, fakeslack.MessageEvent(user, fakeslack.DMChannel(user), text))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		if _, err := fake.WaitForAck(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
}

// shutdownWithin runs b.Shutdown with a deadline of d and fails the test
// if it has not returned well after that.
func shutdownWithin(t *testing.T, b *bot.Bot, d time.Duration) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- b.Shutdown(ctx) }()
	select {
	case err := <-done:
		return err
	case <-time.After(d + 10*time.Second):
		t.Fatalf("Shutdown with a %v deadline had not returned 10 s after it", d)
		return nil
	}
}

// Shutdown with Slack stalled and a backlog: it returns at its deadline,
// the turn in flight is cancelled, and every input not started is still in
// the inbox; the next start answers each of them once, in order.
func TestInbox_ShutdownDeadlineLeavesTheRestInTheInbox(t *testing.T) {
	const n = 20
	fake := fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: member, Name: "maria", TZ: "America/Chicago"}))
	t.Cleanup(fake.Close)
	path := filepath.Join(t.TempDir(), "cairn.db")
	st := openStore(t, path)
	cfg := bot.Config{CallTimeout: time.Minute, NoLimits: true}
	first, _, stop := startBot(t, fake, st, cfg)
	g := stallPosts(fake)
	defer g.release(fake)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	floodDMs(t, ctx, fake, member, n)
	// The first turn is committed and waits on Slack; the rest wait for it.
	if err := pollUntil(ctx, func() bool { d, _ := st.InboxDepth(ctx); return d == n-1 }); err != nil {
		t.Fatalf("the first turn never started: %v", err)
	}
	stop()
	if err := shutdownWithin(t, first, 200*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown = %v, want the deadline's error", err)
	}
	first.Close() // the cancelled turn has unwound
	items, err := st.Inbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != n-1 {
		t.Fatalf("%d inputs in the inbox after shutdown, want %d", len(items), n-1)
	}

	// The post that was cut short had reached Slack, which now answers it.
	g.release(fake)
	if _, err := fake.WaitForCalls(ctx, "chat.postMessage", 1); err != nil {
		t.Fatal(err)
	}
	startBot(t, fake, st, cfg)
	if err := waitPosts(ctx, fake, func() bool { return len(pauseAnswers(fake, member)) >= n }); err != nil {
		t.Fatalf("%d of %d inputs answered after the restart: %v", len(pauseAnswers(fake, member)), n, err)
	}
	h := &harness{t: t, fake: fake}
	h.acked(h.dm("help"))
	if err := waitPosts(ctx, fake, func() bool { return countPosts(fake, "You can say") >= 1 }); err != nil {
		t.Fatal(err)
	}
	checkFloodAnswers(t, fake, member, n)
}

// Shutdown lets a turn in flight finish within its deadline, and starts
// none of the inputs waiting behind it.
func TestInbox_ShutdownFinishesTurnsInFlight(t *testing.T) {
	const n = 10
	fake := fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: member, Name: "maria", TZ: "America/Chicago"}))
	t.Cleanup(fake.Close)
	st := openStore(t, filepath.Join(t.TempDir(), "cairn.db"))
	b, _, stop := startBot(t, fake, st, bot.Config{CallTimeout: time.Minute, NoLimits: true})
	g := stallPosts(fake)
	defer g.release(fake)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	floodDMs(t, ctx, fake, member, n)
	if err := pollUntil(ctx, func() bool { d, _ := st.InboxDepth(ctx); return d == n-1 }); err != nil {
		t.Fatalf("the first turn never started: %v", err)
	}
	stop()
	shutCtx, cancelShut := context.WithTimeout(ctx, 30*time.Second)
	defer cancelShut()
	done := make(chan error, 1)
	go func() { done <- b.Shutdown(shutCtx) }()
	g.release(fake) // Slack answers the post in flight
	if err := <-done; err != nil {
		t.Fatalf("Shutdown = %v, want the turn in flight finished", err)
	}
	if got := pauseAnswers(fake, member); len(got) != 1 {
		t.Fatalf("%d answers during shutdown, want only the one in flight", len(got))
	}
	if d, _ := st.InboxDepth(ctx); d != n-1 {
		t.Fatalf("%d inputs in the inbox, want %d", d, n-1)
	}
}

// pollUntil polls cond until it holds or ctx ends.
func pollUntil(ctx context.Context, cond func() bool) error {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}

package bot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/internal/fakeslack"
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
	action := fakeslack.BlockAction(member, fakeslack.DMChannel(member), "home-goal-start", "goal:start", "")
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

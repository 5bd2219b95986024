package bot_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// runOutbox runs the bot's outbox sender until the test ends (before the
// harness closes the store), or until the returned stop is called.
func runOutbox(t *testing.T, h *harness) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	b := h.bot
	go func() { done <- b.RunOutbox(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunOutbox: %v", err)
		}
	}
	t.Cleanup(stop)
	return stop
}

// waitUntil polls cond until it holds, or fails the test after 15 s.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// depth is how many replies wait in the outbox.
func depth(t *testing.T, h *harness) int {
	t.Helper()
	n, err := h.st.OutboxDepth(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// tagged is a reply in the member's DM, with the outbox id it was tagged with.
type tagged struct {
	id   uint64
	text string
}

// replies are the tagged replies in the member's DM, in Slack's order.
func replies(t *testing.T, h *harness) []tagged {
	t.Helper()
	var out []tagged
	for _, m := range h.fake.Messages(fakeslack.DMChannel(member)) {
		var md struct {
			EventType    string `json:"event_type"`
			EventPayload struct {
				Key string `json:"key"`
			} `json:"event_payload"`
		}
		if len(m.Metadata) == 0 {
			t.Fatalf("a reply without metadata: %q", m.Text)
		}
		if err := json.Unmarshal(m.Metadata, &md); err != nil {
			t.Fatal(err)
		}
		id, err := strconv.ParseUint(md.EventPayload.Key, 10, 64)
		if md.EventType != "cairn_reply" || err != nil {
			t.Fatalf("reply metadata %s", m.Metadata)
		}
		out = append(out, tagged{id: id, text: m.Text})
	}
	return out
}

// assertOnceInOrder checks that the DM holds exactly n replies, each posted
// once, in the order they were decided.
func assertOnceInOrder(t *testing.T, h *harness, n int) []tagged {
	t.Helper()
	got := replies(t, h)
	if len(got) != n {
		t.Fatalf("%d replies in the DM, want %d: %+v", len(got), n, got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].id <= got[i-1].id {
			t.Fatalf("reply %d (outbox id %d) came after %d: doubled or out of order: %+v", i, got[i].id, got[i-1].id, got)
		}
	}
	return got
}

func TestOutbox_RepliesWaitForSlackThenGoOutOnceInOrder(t *testing.T) {
	h := newHarness(t)
	h.bot.SetOutboxWaits(20*time.Millisecond, 100*time.Millisecond)
	runOutbox(t, h)
	h.fake.FailNext("chat.postMessage", 1_000_000, fakeslack.ServerError()) // Slack is down
	h.dm("hi")
	waitUntil(t, "the replies to hi are in the outbox", func() bool { return depth(t, h) == 2 })
	h.dm("help") // a later turn: its replies must not overtake hi's
	waitUntil(t, "the replies to help are in the outbox", func() bool { return depth(t, h) > 2 })
	staged := depth(t, h)
	// Slack keeps failing for a while: the sender keeps trying.
	tries := len(h.fake.CallsTo("chat.postMessage"))
	if _, err := h.fake.WaitForCalls(h.ctx(), "chat.postMessage", tries+3); err != nil {
		t.Fatal(err)
	}
	if len(replies(t, h)) != 0 || depth(t, h) != staged {
		t.Fatalf("while Slack answered 500: %d replies posted, %d of %d staged", len(replies(t, h)), depth(t, h), staged)
	}

	h.fake.FailNext("chat.postMessage", 0, fakeslack.Failure{}) // Slack is back
	waitUntil(t, "the outbox is empty", func() bool { return depth(t, h) == 0 })
	got := assertOnceInOrder(t, h, staged)
	var helpText string
	for _, r := range got[2:] {
		helpText += r.text
	}
	if !strings.Contains(got[1].text, "What would you like to do") || !strings.Contains(helpText, "You can say") {
		t.Fatalf("replies in the wrong order: %+v", got)
	}
	assertNoMessageTextInLogs(t, h.logs.String(), "What would you like to do", "You can say")
}

func TestOutbox_AReplySlowerThanTheTimeoutIsFoundNotDoubled(t *testing.T) {
	h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = 300 * time.Millisecond })
	// Looked for well after the slow post reached the fake (at the timeout).
	h.bot.SetOutboxWaits(time.Second, 2*time.Second)
	runOutbox(t, h)
	h.fake.FailNext("chat.postMessage", 1, fakeslack.Delay(5*time.Second))
	h.dm("hi")
	waitUntil(t, "both replies are posted", func() bool { return len(replies(t, h)) == 2 && depth(t, h) == 0 })
	assertOnceInOrder(t, h, 2)
	if n := len(h.fake.CallsTo("conversations.history")); n == 0 {
		t.Fatal("the timed-out reply was not looked for in the DM")
	}
	if n := len(h.fake.CallsTo("chat.postMessage")); n != 2 {
		t.Fatalf("%d posts for 2 replies", n)
	}
}

func TestOutbox_ARestartSendsWhatWasLeft(t *testing.T) {
	h := newHarness(t)
	h.bot.SetOutboxWaits(20*time.Millisecond, 100*time.Millisecond)
	h.fake.FailNext("chat.postMessage", 1_000_000, fakeslack.ServerError())
	h.dm("hi")
	waitUntil(t, "the replies to hi are in the outbox", func() bool { return depth(t, h) == 2 })
	h.halt()
	if err := h.st.Close(); err != nil {
		t.Fatal(err)
	}
	h.fake.FailNext("chat.postMessage", 0, fakeslack.Failure{})

	h.start() // a new bot on the same store file
	h.bot.SetOutboxWaits(20*time.Millisecond, 100*time.Millisecond)
	runOutbox(t, h)
	waitUntil(t, "the outbox is empty", func() bool { return depth(t, h) == 0 })
	got := assertOnceInOrder(t, h, 2)
	if !strings.Contains(got[1].text, "What would you like to do") {
		t.Fatalf("replies = %+v", got)
	}
}

func TestOutbox_AReplyToAnUnreachableMemberIsDropped(t *testing.T) {
	for _, tc := range []struct {
		name, code string
		fail       func(*fakeslack.Server)
	}{
		{"on the post", "is_archived", func(f *fakeslack.Server) {
			f.FailNext("chat.postMessage", 1_000_000, fakeslack.SlackError("is_archived"))
		}},
		{"on the look in the DM after a post that may have arrived", "channel_not_found", func(f *fakeslack.Server) {
			f.FailNext("chat.postMessage", 1, fakeslack.ServerError())
			f.FailNext("chat.postMessage", 1_000_000, fakeslack.SlackError("channel_not_found"))
			f.FailNext("conversations.history", 1_000_000, fakeslack.SlackError("channel_not_found"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.bot.SetOutboxWaits(20*time.Millisecond, 100*time.Millisecond)
			runOutbox(t, h)
			tc.fail(h.fake)
			h.dm("hi")
			if _, err := h.fake.WaitForCalls(h.ctx(), "chat.postMessage", 1); err != nil {
				t.Fatal(err)
			}
			waitUntil(t, "the outbox is empty", func() bool { return depth(t, h) == 0 })
			logs := h.logs.String()
			if !strings.Contains(logs, "reply dropped") || !strings.Contains(logs, tc.code) || !strings.Contains(logs, member) {
				t.Fatalf("no operator log line for the dropped replies:\n%s", logs)
			}
			if len(replies(t, h)) != 0 {
				t.Fatal("a reply was posted")
			}
			assertNoMessageTextInLogs(t, logs, "What would you like to do")
		})
	}
}

func TestOutbox_ARevokedTokenStopsPostingAndKeepsTheReplies(t *testing.T) {
	h := newHarness(t)
	h.bot.SetOutboxWaits(20*time.Millisecond, 100*time.Millisecond)
	runOutbox(t, h)
	h.fake.FailNext("chat.postMessage", 1, fakeslack.SlackError("token_revoked"))
	h.dm("hi")
	select {
	case <-h.bot.Fatal():
	case <-h.ctx().Done():
		t.Fatal("a revoked token did not make the bot fatal")
	}
	if err := h.bot.FatalErr(); err == nil || !strings.Contains(err.Error(), "token_revoked") {
		t.Fatalf("FatalErr = %v", err)
	}
	// Kept for the next start, with a working token.
	waitUntil(t, "the replies are in the outbox", func() bool { return depth(t, h) == 2 })
	if n := len(h.fake.CallsTo("chat.postMessage")); n != 1 {
		t.Fatalf("%d posts, want only the refused one", n)
	}
}

func TestOutbox_AReplyPostedJustBeforeACrashIsNotPostedAgain(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	// A previous run staged two replies, posted the first and died before
	// recording it: the store still says both are pending.
	var msgs []store.Outgoing
	for _, text := range []string{"First, from before the crash.", "Second, never posted."} {
		body, err := json.Marshal(conversations.Reply{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, store.Outgoing{MemberID: member, Channel: fakeslack.DMChannel(member), Body: body})
	}
	ids, err := h.st.Stage(ctx, msgs)
	if err != nil {
		t.Fatal(err)
	}
	h.fake.AddMessage(fakeslack.DMChannel(member), fakeslack.Message{
		User: h.fake.Identity().BotUserID, Text: "First, from before the crash.",
		Metadata: json.RawMessage(`{"event_type":"cairn_reply","event_payload":{"key":"` + strconv.FormatUint(ids[0], 10) + `"}}`),
	})

	runOutbox(t, h)
	waitUntil(t, "the outbox is empty", func() bool { return depth(t, h) == 0 })
	got := assertOnceInOrder(t, h, 2)
	if got[0].text != "First, from before the crash." || got[1].text != "Second, never posted." {
		t.Fatalf("replies = %+v", got)
	}
	if n := len(h.fake.CallsTo("chat.postMessage")); n != 1 {
		t.Fatalf("%d posts, want only the reply that was never posted", n)
	}
}

// TestOutbox_ATurnFinishingDuringShutdownLeavesNothingToLookFor: a reply
// posted while the bot shuts down is removed from the outbox before the
// store closes, so the next start has no reply in doubt to look for in the
// DM's history (Tier 3: about one a second, ahead of the member's next
// reply).
func TestOutbox_ATurnFinishingDuringShutdownLeavesNothingToLookFor(t *testing.T) {
	h := newHarness(t)
	h.fake.FailNext("chat.postMessage", 1, fakeslack.Delay(300*time.Millisecond))
	id := h.dm("hi")
	if _, err := h.fake.WaitForAck(h.ctx(), id); err != nil {
		t.Fatal(err)
	}
	h.halt() // the turn is in flight: its reply is posted during shutdown
	if posts := h.fake.CallsTo("chat.postMessage"); len(posts) == 0 || posts[0].Status != 200 {
		t.Fatalf("the reply in flight was not posted: %d posts", len(posts))
	}
	if n, err := h.st.OutboxDepth(h.ctx()); err != nil || n != 0 {
		t.Fatalf("after shutdown the outbox holds %d replies (%v); want none", n, err)
	}
}

// TestOutbox_ANewMessageDoesNotWaitOutAnOldReplysBackoff: after an outage,
// a reply waits (here an hour) before its next try; when the member writes
// again, it is tried at once and both answers arrive, in order, without
// waiting out the hour.
func TestOutbox_ANewMessageDoesNotWaitOutAnOldReplysBackoff(t *testing.T) {
	h := newHarness(t)
	h.bot.SetOutboxWaits(time.Hour, time.Hour)
	h.fake.FailNext("chat.postMessage", 1, fakeslack.ServerError()) // refused: kept for an hour
	h.dm("hi")
	waitUntil(t, "the first reply to hi failed", func() bool {
		return len(h.fake.CallsTo("chat.postMessage")) >= 1 && depth(t, h) == 2
	})
	h.dm("help")
	waitUntil(t, "every reply is posted", func() bool { return depth(t, h) == 0 })
	got := assertOnceInOrder(t, h, 3)
	if !strings.Contains(got[1].text, "What would you like to do") || !strings.Contains(got[2].text, "You can say") {
		t.Fatalf("replies in the wrong order: %+v", got)
	}
}

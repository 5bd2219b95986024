package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// taggedKeys counts the scheduled messages Slack kept in the members' DMs,
// by delivery key (a post answered with an error may still have been kept).
func taggedKeys(t *testing.T, fake *fakeslack.Server) map[string]int {
	t.Helper()
	n := map[string]int{}
	for i := range fanoutMembers {
		for _, m := range fake.Messages(fakeslack.DMChannel(fmt.Sprintf("U%04d", i))) {
			var meta struct {
				EventType    string         `json:"event_type"`
				EventPayload map[string]any `json:"event_payload"`
			}
			if json.Unmarshal(m.Metadata, &meta) == nil && meta.EventType == "cairn_delivery" {
				n[fmt.Sprint(meta.EventPayload["key"])]++
			}
		}
	}
	return n
}

// fanoutMembers is how many members the kill test's group has.
const fanoutMembers = 300

// TestServe_KilledMidFanOutSendsEachPromptOnce kills the real binary with
// SIGKILL in the middle of sending 300 check-in prompts, starts it again,
// and counts every prompt exactly once. Some prompts are unconfirmed when it
// dies, of three kinds: ones Slack keeps but answers too late (the call
// times out), ones Slack keeps but answers 500 (a blind retry would double
// them), and ones Slack loses (a 500: a scheduler that took every
// unconfirmed prompt as sent would lose them).
// Only after the second run has stopped, with nothing left unconfirmed in
// the store, are the posts counted, so a late duplicate is counted too.
func TestServe_KilledMidFanOutSendsEachPromptOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary twice through a 300-member fan-out")
	}
	const (
		members = fanoutMembers
		late    = 3 // answered after the call timeout, but kept by Slack
		failed  = 3 // kept by Slack, but answered 500
		kept    = late + failed
		lost    = 4 // answered 500 and not kept
	)
	fake := fakeslack.New()
	defer fake.Close()
	fake.RateLimit("chat.postMessage", 100, 10)
	db := filepath.Join(t.TempDir(), "cairn.db")

	// A group meeting in three hours: its prompts (24 h ahead) are overdue
	// but still useful, so they all go out at start.
	session := time.Now().UTC().Add(3 * time.Hour).Truncate(time.Minute)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	g := store.Group{ID: "C0GROUP", Name: "Evening group", TZ: "UTC",
		Schedule: fmt.Sprintf("CRON_TZ=UTC %d %d * * *", session.Minute(), session.Hour()), ScheduleText: "daily",
		QuietStart: "00:00", QuietEnd: "00:01", Facilitators: []string{"UFAC"}}
	for i := range members {
		id := fmt.Sprintf("U%04d", i)
		g.Members = append(g.Members, id)
		if err := st.SaveMember(ctx, store.Member{ID: id, Name: id, TZ: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	st.Close()

	start := func() (*exec.Cmd, *syncBuffer) {
		cmd := exec.Command(cairnBin, "serve", "--post-rate", "100")
		cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-test", "SLACK_APP_TOKEN=xapp-test",
			"SLACK_API_URL="+fake.APIURL(), "CAIRN_DB="+db, "CAIRN_ADMIN=", "CAIRN_CALL_TIMEOUT=1s")
		stderr := &syncBuffer{}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, stderr
	}
	waitCtx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	first, firstErr := start()
	if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", 60); err != nil {
		first.Process.Kill()
		t.Fatalf("the fan-out did not start: %v\n%s", err, firstErr)
	}
	// The next posts: some answered after the call timeout or with a 500
	// although Slack kept them, then some that fail with a 500 (Slack
	// loses them). Either way
	// Cairn cannot know, so they stay "sending" when the process dies.
	fake.FailNext("chat.postMessage", late, fakeslack.Delay(5*time.Second))
	fake.FailNext("chat.postMessage", failed, fakeslack.KeptButFailed())
	fake.FailNext("chat.postMessage", lost, fakeslack.ServerError())
	armed := len(fake.CallsTo("chat.postMessage"))
	// A second of fan-out after the failures (100 posts at the rate set
	// here): long enough for a blind retry inside the call to have gone out.
	if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", armed+kept+lost+100); err != nil {
		first.Process.Kill()
		t.Fatalf("the fan-out stalled: %v\n%s", err, firstErr)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	if n := len(taggedKeys(t, fake)); n >= members {
		t.Fatalf("the fan-out had finished (%d) before the kill; slow it down", n)
	}
	// The slow ones complete (Slack kept them) once the process is gone.
	if err := fake.WaitIdle(waitCtx); err != nil {
		t.Fatal(err)
	}
	before := len(taggedKeys(t, fake))

	second, secondErr := start()
	for {
		// Count first, then look, so a post landing in between is not
		// waited for after it came.
		calls := len(fake.CallsTo("chat.postMessage"))
		if len(taggedKeys(t, fake)) >= members {
			break
		}
		if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", calls+1); err != nil {
			second.Process.Kill()
			t.Fatalf("only %d of %d prompts after the restart (a lost prompt?): %v\n%s", len(taggedKeys(t, fake)), members, err, secondErr)
		}
	}
	_ = second.Process.Signal(syscall.SIGTERM)
	if err := second.Wait(); err != nil {
		t.Fatalf("second run: %v\n%s", err, secondErr)
	}

	// Nothing is left unconfirmed, so nothing could still be sent twice.
	st, err = store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range members {
		key := store.DeliveryKey(store.DeliverPrompt, g.ID, session, fmt.Sprintf("U%04d", i))
		d, err := st.Delivery(ctx, key)
		if err != nil || d.State != store.DeliverySent {
			t.Errorf("%s: %+v, %v; want sent", key, d.State, err)
		}
	}
	for key, n := range taggedKeys(t, fake) {
		if n != 1 {
			t.Errorf("%s sent %d times", key, n)
		}
	}
	if n := fake.Throttled("chat.postMessage"); n != 0 {
		t.Errorf("Slack answered 429 %d times", n)
	}
	t.Logf("killed with %d of %d prompts sent (%d kept late, %d lost); all %d delivered once", before, members, kept, lost, members)
	if n := len(fake.CallsTo("conversations.history")); n < kept+lost {
		t.Errorf("the restart checked %d DMs' history; the %d unconfirmed prompts each need a look", n, kept+lost)
	}
	if strings.Contains(firstErr.String()+secondErr.String(), "Check-in time") {
		t.Error("message text in the logs")
	}
}

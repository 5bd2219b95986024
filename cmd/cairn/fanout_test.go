package main

import (
	"context"
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

// taggedKeys counts the scheduled messages the fake Slack received, by
// delivery key.
func taggedKeys(t *testing.T, fake *fakeslack.Server) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Status != 200 {
			continue
		}
		var meta struct {
			EventType    string         `json:"event_type"`
			EventPayload map[string]any `json:"event_payload"`
		}
		if c.Decode("metadata", &meta) == nil && meta.EventType == "cairn_delivery" {
			n[fmt.Sprint(meta.EventPayload["key"])]++
		}
	}
	return n
}

// TestServe_KilledMidFanOutSendsEachPromptOnce kills the real binary with
// SIGKILL in the middle of sending 300 check-in prompts, starts it again,
// and counts every prompt exactly once.
func TestServe_KilledMidFanOutSendsEachPromptOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary twice through a 300-member fan-out")
	}
	const members = 300
	fake := fakeslack.New()
	defer fake.Close()
	fake.RateLimit("chat.postMessage", 150, 10)
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
		cmd := exec.Command(cairnBin, "serve", "--post-rate", "150")
		cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-test", "SLACK_APP_TOKEN=xapp-test",
			"SLACK_API_URL="+fake.APIURL(), "CAIRN_DB="+db, "CAIRN_ADMIN=")
		stderr := &syncBuffer{}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, stderr
	}
	waitCtx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	first, firstErr := start()
	if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", 100); err != nil {
		first.Process.Kill()
		t.Fatalf("the fan-out did not start: %v\n%s", err, firstErr)
	}
	// Slack slows down for the next eight prompts: they are in flight, and
	// Slack will keep them, when the process dies. Their replies never reach
	// Cairn, so they stay "sending" and the restart must find them in the DMs.
	fake.FailNext("chat.postMessage", 8, fakeslack.Delay(5*time.Second))
	armed := len(fake.CallsTo("chat.postMessage"))
	if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", armed+20); err != nil {
		first.Process.Kill()
		t.Fatalf("the fan-out stalled: %v\n%s", err, firstErr)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Wait()
	before := len(taggedKeys(t, fake))
	if before >= members {
		t.Fatalf("the fan-out had finished (%d) before the kill; slow it down", before)
	}

	// The eight slow ones complete (Slack kept them) once the process is gone.
	if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", armed+28); err != nil {
		t.Fatalf("the in-flight prompts never arrived: %v", err)
	}
	before = len(taggedKeys(t, fake))
	second, secondErr := start()
	for {
		calls := len(fake.CallsTo("chat.postMessage"))
		if len(taggedKeys(t, fake)) >= members {
			break
		}
		if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", calls+1); err != nil {
			second.Process.Kill()
			t.Fatalf("only %d of %d prompts after the restart: %v\n%s", len(taggedKeys(t, fake)), members, err, secondErr)
		}
	}
	_ = second.Process.Signal(syscall.SIGTERM)
	if err := second.Wait(); err != nil {
		t.Fatalf("second run: %v\n%s", err, secondErr)
	}
	for key, n := range taggedKeys(t, fake) {
		if n != 1 {
			t.Errorf("%s sent %d times", key, n)
		}
	}
	if n := fake.Throttled("chat.postMessage"); n != 0 {
		t.Errorf("Slack answered 429 %d times", n)
	}
	t.Logf("killed with %d of %d prompts sent (8 of them unconfirmed); all %d delivered once", before, members, members)
	if n := len(fake.CallsTo("conversations.history")); n < 8 {
		t.Errorf("the restart checked %d DMs' history; the 8 unconfirmed prompts each need a look", n)
	}
	if strings.Contains(firstErr.String()+secondErr.String(), "Check-in time") {
		t.Error("message text in the logs")
	}
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
)

// TestServe_KilledWithAckedMessagesQueuedAnswersEachOnce SIGKILLs the real
// binary while Slack stalls: every member has one reply in flight and more
// acknowledged messages waiting behind it. After a restart against a
// healthy Slack, every message is answered exactly once, in order.
//
// The reply in flight at the kill had reached Slack (its request is held
// in the fake's handler), so it counts as answered; a reply cut off before
// it reached Slack is the outbox's to re-post, not this test's subject.
func TestServe_KilledWithAckedMessagesQueuedAnswersEachOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary twice")
	}
	const perMember = 10
	members := separateMembers(4)
	var users []fakeslack.User
	for _, m := range members {
		users = append(users, fakeslack.User{ID: m, Name: strings.ToLower(m), TZ: "UTC"})
	}
	fake := fakeslack.New(fakeslack.WithUsers(users...))
	defer fake.Close()
	db := filepath.Join(t.TempDir(), "cairn.db")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	start := func() (*exec.Cmd, *syncBuffer, chan error) {
		cmd := exec.Command(cairnBin, "serve")
		cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-test", "SLACK_APP_TOKEN=xapp-test",
			"SLACK_API_URL="+fake.APIURL(), "CAIRN_DB="+db, "CAIRN_ADMIN="+freeAddr(t))
		stderr := &syncBuffer{}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		return cmd, stderr, exited
	}

	// Slack holds every post until released: each member's first reply is
	// in flight, and the rest of their messages wait behind it.
	// Once released, a held post is posted for real: it is in the DM's
	// history, where a check for replies in doubt would find it.
	release := make(chan struct{})
	var mu sync.Mutex
	inFlight := 0
	fake.HandleFunc("chat.postMessage", func(c fakeslack.Call) any {
		mu.Lock()
		inFlight++
		mu.Unlock()
		<-release
		m := fake.AddMessage(c.Params["channel"], fakeslack.Message{User: fake.Identity().BotUserID, Text: c.Params["text"],
			Blocks: rawOrNil(c.Params["blocks"]), Metadata: rawOrNil(c.Params["metadata"])})
		return map[string]any{"ok": true, "channel": m.Channel, "ts": m.TS,
			"message": map[string]any{"type": "message", "text": m.Text, "ts": m.TS, "bot_id": m.BotID}}
	})
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()

	first, firstErr, firstExit := start()
	defer func() { _ = first.Process.Kill() }()
	if err := fake.Connected(ctx); err != nil {
		t.Fatalf("never connected: %v\n%s", err, firstErr)
	}
	var ids []string
	for i := range perMember {
		for _, m := range members {
			id, err := fake.SendEvent(ctx, fakeslack.MessageEvent(m, fakeslack.DMChannel(m), awayText(i)))
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		if _, err := fake.WaitForAck(ctx, id); err != nil {
			t.Fatalf("a message was not acknowledged: %v\n%s", err, firstErr)
		}
	}
	// Wait until each member's first reply is held by Slack.
	for {
		mu.Lock()
		held := inFlight
		mu.Unlock()
		if held == len(members) {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d of %d first replies reached Slack\n%s", held, len(members), firstErr)
		case <-time.After(5 * time.Millisecond):
		}
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-firstExit

	// Slack answers the posts it held; then it is healthy again.
	fake.HandleFunc("chat.postMessage", nil)
	close(release)
	released = true
	if _, err := fake.WaitForCalls(ctx, "chat.postMessage", len(members)); err != nil {
		t.Fatal(err)
	}

	second, secondErr, secondExit := start()
	defer func() { _ = second.Process.Kill() }()
	done := func() bool {
		for _, m := range members {
			if len(pauseReplies(fake, m)) < perMember {
				return false
			}
		}
		return true
	}
	for {
		// Count first, then look, so a post landing in between is not
		// waited for after it came.
		n := len(fake.CallsTo("chat.postMessage"))
		if done() {
			break
		}
		if _, err := fake.WaitForCalls(ctx, "chat.postMessage", n+1); err != nil {
			for _, m := range members {
				t.Logf("%s: %d of %d answered", m, len(pauseReplies(fake, m)), perMember)
			}
			t.Fatalf("acknowledged messages were lost: %v\n%s", err, secondErr)
		}
	}
	// One more message each: its answer comes after anything a doubled
	// turn would post.
	for _, m := range members {
		if _, err := fake.SendEvent(ctx, fakeslack.MessageEvent(m, fakeslack.DMChannel(m), "help")); err != nil {
			t.Fatal(err)
		}
	}
	helped := func() bool {
		for _, m := range members {
			if countReplies(fake, m, "You can say") < 1 {
				return false
			}
		}
		return true
	}
	for {
		n := len(fake.CallsTo("chat.postMessage"))
		if helped() {
			break
		}
		if _, err := fake.WaitForCalls(ctx, "chat.postMessage", n+1); err != nil {
			t.Fatalf("no answer to help: %v\n%s", err, secondErr)
		}
	}
	for _, m := range members {
		got := pauseReplies(fake, m)
		if len(got) != perMember {
			t.Errorf("%s: %d answers to %d messages", m, len(got), perMember)
			continue
		}
		for i, text := range got {
			if !answers(text, i) {
				t.Errorf("%s: answer %d is %q (out of order?)", m, i, text)
			}
		}
	}

	_ = second.Process.Signal(syscall.SIGTERM)
	if err := <-secondExit; err != nil {
		t.Fatalf("second run: %v\n%s", err, secondErr)
	}
	if strings.Contains(firstErr.String()+secondErr.String(), "away for") {
		t.Error("message text in the logs")
	}
}

// separateMembers returns n member IDs that fall on n different workers for
// any worker count that is a multiple of 8 (the bot hashes members with
// FNV-1a), so each has its own reply in flight when Slack stalls.
func separateMembers(n int) []string {
	var ids []string
	used := map[uint32]bool{}
	for i := 0; len(ids) < n; i++ {
		id := fmt.Sprintf("U0KILL%02d", i)
		h := fnv.New32a()
		h.Write([]byte(id))
		if b := h.Sum32() % 8; !used[b] {
			used[b] = true
			ids = append(ids, id)
		}
	}
	return ids
}

// awayText is a member's i-th message: each gets a different answer.
func awayText(i int) string { return fmt.Sprintf("away for %d days", 3+i) }

// answers reports whether text is the answer to awayText(i), allowing for
// the date to change while the test runs.
func answers(text string, i int) bool {
	for _, now := range []time.Time{time.Now().UTC(), time.Now().UTC().Add(-time.Hour)} {
		day, err := conversations.AwayUntil(fmt.Sprintf("%d days", 3+i), now)
		if err == nil && strings.Contains(text, conversations.SayDate(day, now)+".") {
			return true
		}
	}
	return false
}

// pauseReplies are the answers to "away for …" in member's DM, in order.
func pauseReplies(fake *fakeslack.Server, member string) []string {
	var got []string
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Status == 200 && c.Params["channel"] == fakeslack.DMChannel(member) && strings.Contains(c.Params["text"], "no check-in prompts until") {
			got = append(got, c.Params["text"])
		}
	}
	return got
}

func rawOrNil(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

func countReplies(fake *fakeslack.Server, member, want string) int {
	n := 0
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Status == 200 && c.Params["channel"] == fakeslack.DMChannel(member) && strings.Contains(c.Params["text"], want) {
			n++
		}
	}
	return n
}

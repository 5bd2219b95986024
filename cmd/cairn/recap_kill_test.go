package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// TestServe_RecapKilledBeforeItsPostIsPostedOnce SIGKILLs the real binary
// after a recap's commit, while its chat.postMessage is held by Slack. The
// next start posts the recap by itself (nobody saves it again), once, and
// tells each member who came, once:
//   - NeverArrived: the held post is dropped; the next start posts it.
//   - ArrivedAfterTheKill: Slack keeps the held post after all; the next
//     start finds it by its tag and posts nothing more.
func TestServe_RecapKilledBeforeItsPostIsPostedOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary twice")
	}
	for _, tc := range []struct {
		name string
		kept bool
	}{{"NeverArrived", false}, {"ArrivedAfterTheKill", true}} {
		t.Run(tc.name, func(t *testing.T) { recapKill(t, tc.kept) })
	}
}

const killGroup = "C0KILLGRP"

func recapKill(t *testing.T, kept bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	fake := fakeslack.New(fakeslack.WithUsers(
		fakeslack.User{ID: "UFAC", Name: "fay", TZ: "UTC"},
		fakeslack.User{ID: "UANA", Name: "ana", TZ: "UTC"},
		fakeslack.User{ID: "UBEN", Name: "ben", TZ: "UTC"},
		fakeslack.User{ID: "UCAI", Name: "cai", TZ: "UTC"}))
	defer fake.Close()
	fake.SetMembers(killGroup, "UFAC", "UANA", "UBEN", "UCAI")
	db := filepath.Join(t.TempDir(), "cairn.db")
	seedRecapGroup(t, db)

	// Slack holds the recap's post in the group's channel until released;
	// anything else is posted as usual.
	release, held, handled := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var once sync.Once
	fake.HandleFunc("chat.postMessage", func(c fakeslack.Call) any {
		if c.Params["channel"] == killGroup {
			once.Do(func() { close(held) })
			<-release
			defer close(handled)
			if !kept {
				return map[string]any{"ok": false, "error": "internal_error"}
			}
		}
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

	first, firstErr, firstExit := start()
	defer func() { _ = first.Process.Kill() }()
	if err := fake.Connected(ctx); err != nil {
		t.Fatalf("never connected: %v\n%s", err, firstErr)
	}
	id, err := fake.SendSlashCommand(ctx, slack.SlashCommand{Command: "/cairn", Text: "recap", UserID: "UFAC", ChannelID: killGroup})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitForAck(ctx, id); err != nil {
		t.Fatal(err)
	}
	opened, err := fake.WaitForCalls(ctx, "views.open", 1)
	if err != nil {
		t.Fatalf("no recap form: %v\n%s", err, firstErr)
	}
	var resp struct {
		View struct {
			ID string `json:"id"`
		} `json:"view"`
	}
	if err := json.Unmarshal(opened[0].Response, &resp); err != nil {
		t.Fatal(err)
	}
	attended := []any{}
	for _, m := range []string{"UANA", "UBEN"} {
		attended = append(attended, map[string]any{"value": m, "text": map[string]any{"type": "plain_text", "text": m}})
	}
	p, err := fake.ViewSubmissionFor("UFAC", resp.View.ID, map[string]map[string]any{
		"recap_attended": {"recap_attended_input": map[string]any{"type": "multi_static_select", "selected_options": attended}},
		"recap_wins":     {"recap_wins_input": fakeslack.TextInput("We laughed")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if id, err = fake.SendInteractive(ctx, p); err != nil {
		t.Fatal(err)
	}
	if ack, err := fake.WaitForAck(ctx, id); err != nil || strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("the form was not taken: %v %s\n%s", err, ack.Payload, firstErr)
	}
	// The recap is committed (the ack came after it) and its post is in
	// Slack's hands: kill.
	select {
	case <-held:
	case <-ctx.Done():
		t.Fatalf("the recap was never posted\n%s", firstErr)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-firstExit
	fake.HandleFunc("chat.postMessage", nil) // Slack is healthy again
	close(release)
	released = true
	<-handled

	second, secondErr, secondExit := start()
	defer func() { _ = second.Process.Kill() }()
	told := func(m string) int { return countReplies(fake, m, "The recap is up in #") }
	for told("UANA") < 1 || told("UBEN") < 1 || len(recapMessages(fake)) < 1 {
		n := len(fake.CallsTo("chat.postMessage"))
		if told("UANA") >= 1 && told("UBEN") >= 1 && len(recapMessages(fake)) >= 1 {
			break
		}
		if _, err := fake.WaitForCalls(ctx, "chat.postMessage", n+1); err != nil {
			t.Fatalf("the recap was not posted by the next start (%d in the channel, told %d, %d): %v\n%s",
				len(recapMessages(fake)), told("UANA"), told("UBEN"), err, secondErr)
		}
	}
	if err := fake.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	_ = second.Process.Signal(syscall.SIGTERM)
	if err := <-secondExit; err != nil {
		t.Fatalf("second run: %v\n%s", err, secondErr)
	}
	msgs := recapMessages(fake)
	if len(msgs) != 1 || !strings.Contains(string(msgs[0].Blocks), "We laughed") {
		t.Fatalf("%d recaps in the channel, want 1 with the wins", len(msgs))
	}
	for m, want := range map[string]int{"UANA": 1, "UBEN": 1, "UCAI": 0} {
		if got := told(m); got != want {
			t.Errorf("%s was told %d times, want %d", m, got, want)
		}
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs, err := st.Recaps(ctx, killGroup, time.Time{})
	if err != nil || len(rs) != 1 || rs[0].TS != msgs[0].TS || rs[0].Publish || rs[0].Tell {
		t.Errorf("stored recaps %+v (%v); the channel's ts %s", rs, err, msgs[0].TS)
	}
	if strings.Contains(firstErr.String()+secondErr.String(), "We laughed") {
		t.Error("the recap's words are in the logs")
	}
}

// seedRecapGroup writes a group that meets Tuesdays at 18:00 UTC, with UFAC
// as its facilitator and three members.
func seedRecapGroup(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range []string{"UFAC", "UANA", "UBEN", "UCAI"} {
		if err := st.SaveMember(ctx, store.Member{ID: id, Name: strings.ToLower(id[1:]), TZ: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	err = st.SaveGroup(ctx, store.Group{ID: killGroup, Name: "Tuesday", Schedule: "CRON_TZ=UTC 0 18 * * 2", ScheduleText: "Tuesdays 6pm",
		TZ: "UTC", Members: []string{"UANA", "UBEN", "UCAI"}, Facilitators: []string{"UFAC"},
		Sharing:   map[string]store.Sharing{"UANA": store.ShareAll, "UBEN": store.ShareAll, "UCAI": store.ShareAll},
		CreatedAt: time.Now().AddDate(0, -2, 0)})
	if err != nil {
		t.Fatal(err)
	}
}

// recapMessages are the group channel's messages tagged as a recap.
func recapMessages(fake *fakeslack.Server) []fakeslack.Message {
	var out []fakeslack.Message
	for _, m := range fake.Messages(killGroup) {
		if strings.Contains(string(m.Metadata), `"cairn_recap"`) {
			out = append(out, m)
		}
	}
	return out
}

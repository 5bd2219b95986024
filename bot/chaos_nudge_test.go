package bot_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// TestChaos_DigestNudgeReplayed: a navigator presses [Nudge] beside a
// member in their list once; Slack sends the press twice. Before the fix
// the navigator read "Sent Ana a gentle nudge." and then "Ana already got
// a nudge today." for one press. Now the second press does nothing.
func TestChaos_DigestNudgeReplayed(t *testing.T) {
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	b, err := bot.New(bot.Config{BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: fake.APIURL(),
		CallTimeout: 5 * time.Second, NoLimits: true, Logger: log}, st)
	if err != nil {
		t.Fatal(err)
	}
	b.Now = func() time.Time { return june10 }
	b.Scheduler = scheduler.New(st, b.Runner(), b, scheduler.Config{Logger: log})
	ctx := context.Background()
	for _, m := range []store.Member{{ID: "UANA", Name: "Ana", TZ: "UTC"}, {ID: "UNAV", Name: "Nia", TZ: "UTC"}} {
		if err := st.SaveMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveGroup(ctx, store.Group{ID: "C0GROUP", Name: "Tuesday group", Members: []string{"UANA"},
		Navigators: []string{"UNAV"}, NavigatorOf: map[string]string{"UANA": "UNAV"}}); err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.RunSocketMode(runCtx) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("socket mode: %v", err)
		}
		b.Close()
		st.Close()
	})
	select {
	case <-b.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("bot never connected to the fake Slack")
	}
	waitCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	press := fakeslack.BlockAction("UNAV", fakeslack.DMChannel("UNAV"), "choice-0-0", scheduler.NudgePrefix+"UANA", "1781100000.000200")
	for range 2 {
		id, err := fake.SendInteractive(waitCtx, press)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fake.WaitForAck(waitCtx, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := fake.WaitForCalls(waitCtx, "chat.postMessage", 1); err != nil {
		t.Fatal(err)
	}
	// A DM from the navigator afterwards: their jobs run in order, so the
	// presses are done when it is answered.
	if _, err := fake.SendEvent(waitCtx, fakeslack.MessageEvent("UNAV", fakeslack.DMChannel("UNAV"), "hi")); err != nil {
		t.Fatal(err)
	}
	var said []string
	for {
		calls, err := fake.WaitForCalls(waitCtx, "chat.postMessage", len(said)+1)
		if err != nil {
			t.Fatalf("the DM was never answered; the navigator read %q", said)
		}
		said = said[:0]
		for _, c := range calls {
			said = append(said, c.Params["text"])
		}
		if strings.Contains(strings.Join(said, "\n"), "What would you like to do") {
			break
		}
	}
	if err := fake.WaitIdle(waitCtx); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Params["channel"] == "UNAV" || c.Params["channel"] == fakeslack.DMChannel("UNAV") {
			if strings.Contains(c.Params["text"], "Ana") {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("one press, %d answers about Ana: %q", n, said)
	}
}

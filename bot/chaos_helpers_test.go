package bot_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// chaosClock is the one fake clock of a chaosWorld.
type chaosClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *chaosClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *chaosClock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// chaosWorld is a store file, a bot and a scheduler on one fake clock,
// which can be stopped and started again over the same file.
type chaosWorld struct {
	t     *testing.T
	clock *chaosClock
	fake  *fakeslack.Server
	path  string
	st    *store.Store
	bot   *bot.Bot
	sched *scheduler.Scheduler
	logs  *lockedBuffer
}

func newChaosWorld(t *testing.T, start time.Time) *chaosWorld {
	t.Helper()
	w := &chaosWorld{t: t, clock: &chaosClock{now: start}, path: filepath.Join(t.TempDir(), "cairn.db"), logs: &lockedBuffer{}}
	w.fake = fakeslack.New(fakeslack.WithClock(w.clock.Now))
	t.Cleanup(w.fake.Close)
	w.open()
	t.Cleanup(func() {
		if err := w.st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		w.close()
	})
	return w
}

func (w *chaosWorld) open() {
	w.t.Helper()
	var err error
	if w.st, err = store.Open(w.path); err != nil {
		w.t.Fatal(err)
	}
	w.st.Now = w.clock.Now
	log := slog.New(slog.NewJSONHandler(w.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	w.bot, err = bot.New(bot.Config{BotToken: "xoxb-test", APIURL: w.fake.APIURL(), NoLimits: true,
		CallTimeout: time.Second, Logger: log}, w.st)
	if err != nil {
		w.t.Fatal(err)
	}
	w.bot.Now = w.clock.Now
	w.sched = scheduler.New(w.st, w.bot.Runner(), w.bot, scheduler.Config{ReplanEvery: time.Hour, Logger: log})
	w.sched.Now = w.clock.Now
	w.bot.Scheduler = w.sched
}

func (w *chaosWorld) close() {
	w.bot.Close()
	w.st.Close()
}

// restart is a stop and a start over the same file.
func (w *chaosWorld) restart() {
	w.close()
	w.open()
}

func (w *chaosWorld) run(end time.Time, step time.Duration) {
	w.t.Helper()
	for t := w.clock.Now(); !t.After(end); t = t.Add(step) {
		w.clock.Set(t)
		if err := w.sched.Tick(context.Background()); err != nil {
			w.t.Fatalf("tick at %v: %v", t, err)
		}
	}
}

// taggedOf counts the messages in channel tagged with a delivery of kind.
func taggedOf(fake *fakeslack.Server, channel string, kind store.DeliveryKind) int {
	n := 0
	for _, m := range fake.Messages(channel) {
		var meta struct {
			EventType    string `json:"event_type"`
			EventPayload struct {
				Key string `json:"key"`
			} `json:"event_payload"`
		}
		if m.Metadata != nil && json.Unmarshal(m.Metadata, &meta) == nil && meta.EventType == "cairn_delivery" &&
			strings.HasPrefix(meta.EventPayload.Key, string(kind)+"|") {
			n++
		}
	}
	return n
}

// TestChaos_HelperReminderOnceThroughFailuresAndARestart: Dana, named by
// Mia as the helper of a step, gets one reminder the day before it is due,
// whatever Slack does to the post and even when Cairn restarts right after
// it: a 429 then a 500 after Slack kept it, a post answered after Cairn
// gave up (kept), a 500 that lost it, a 503 service_unavailable.
func TestChaos_HelperReminderOnceThroughFailuresAndARestart(t *testing.T) {
	newYork := mustLoad("America/New_York")
	for _, tc := range []struct {
		name string
		fail []fakeslack.Failure
		kept bool // the failed post is in the DM before the restart
	}{
		{"429 then kept 500", []fakeslack.Failure{fakeslack.RateLimited(0), fakeslack.KeptButFailed()}, true},
		{"late but kept", []fakeslack.Failure{fakeslack.Delay(3 * time.Second)}, true},
		{"lost 500", []fakeslack.Failure{fakeslack.ServerError()}, false},
		{"service_unavailable", []fakeslack.Failure{{Status: 503, Error: "service_unavailable"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newChaosWorld(t, time.Date(2026, 6, 15, 8, 0, 0, 0, newYork))
			ctx := context.Background()
			for _, m := range []store.Member{{ID: "UMIA", Name: "Mia", TZ: "America/New_York"}, {ID: "UDANA", Name: "Dana", TZ: "Europe/Berlin", Lang: "es"}} {
				if err := w.st.SaveMember(ctx, m); err != nil {
					t.Fatal(err)
				}
			}
			_, err := w.st.ApplyTurn(ctx, store.Turn{MemberID: "UMIA", At: w.clock.Now(),
				Goal: &store.Goal{Text: "A place of my own", Why: "my kids", Status: store.GoalActive},
				NewSteps: []store.Step{{What: "ask the landlord about the lease", Due: time.Date(2026, 6, 18, 0, 0, 0, 0, time.UTC),
					Owner: store.OwnerPerson, OwnerName: "my sister <@UDANA>", HelperID: "UDANA", HelperOK: true}},
			})
			if err != nil {
				t.Fatal(err)
			}
			w.sched.Replan()
			// The reminder is due June 17, 10:00 in Berlin (04:00 in New York).
			w.run(time.Date(2026, 6, 17, 3, 45, 0, 0, newYork), 15*time.Minute)
			dm := fakeslack.DMChannel("UDANA")
			if n := taggedOf(w.fake, dm, store.DeliverHelper); n != 0 {
				t.Fatalf("reminded %d times before it was due", n)
			}
			for _, f := range tc.fail {
				w.fake.FailNext("chat.postMessage", 1, f)
			}
			w.run(time.Date(2026, 6, 17, 4, 0, 0, 0, newYork), 15*time.Minute)
			hit := false
			for _, c := range w.fake.CallsTo("chat.postMessage") {
				hit = hit || (c.Status != 200 || c.Response == nil) && strings.Contains(c.Params["channel"], "UDANA")
			}
			if !hit && tc.fail[len(tc.fail)-1].Delay == 0 {
				t.Fatal("the failure did not hit the reminder")
			}
			if tc.kept {
				// The late answer's post lands once Slack's side finishes.
				waitFor(t, func() bool { return taggedOf(w.fake, dm, store.DeliverHelper) == 1 })
			}
			w.restart()
			w.run(time.Date(2026, 6, 17, 12, 0, 0, 0, newYork), 15*time.Minute)
			if n := taggedOf(w.fake, dm, store.DeliverHelper); n != 1 {
				t.Fatalf("Dana got %d reminders, want 1", n)
			}
			assertNoMessageTextInLogs(t, w.logs.String(), "landlord", "A place of my own", "my kids")
		})
	}
}

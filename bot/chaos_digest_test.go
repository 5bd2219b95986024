package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// digestParts are the places of the digest's parts in the facilitator's
// DM, in the order they arrived, and how many parts the first says there
// are.
func digestParts(t *testing.T, fake *fakeslack.Server) (places []int, of int) {
	t.Helper()
	for _, m := range fake.Messages(fakeslack.DMChannel("UFAC")) {
		var meta struct {
			EventType    string `json:"event_type"`
			EventPayload struct {
				Key   string `json:"key"`
				Part  int    `json:"part"`
				Parts int    `json:"parts"`
			} `json:"event_payload"`
		}
		if m.Metadata == nil || json.Unmarshal(m.Metadata, &meta) != nil ||
			!strings.HasPrefix(meta.EventPayload.Key, string(store.DeliverDigest)+"|") {
			continue
		}
		places = append(places, meta.EventPayload.Part)
		if of == 0 {
			of = meta.EventPayload.Parts
		}
	}
	return places, of
}

// TestChaos_SplitDigestThroughFailuresAndARestart: a facilitator's digest
// too long for one message goes out in parts. One part fails in each way
// Slack fails, and Cairn restarts before trying again. The DM ends up with
// every part once, in order.
func TestChaos_SplitDigestThroughFailuresAndARestart(t *testing.T) {
	newYork := mustLoad("America/New_York")
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	for _, tc := range []struct {
		name   string
		before int // parts through before the failure
		fail   fakeslack.Failure
		kept   bool
	}{
		{"second kept 500", 1, fakeslack.KeptButFailed(), true},
		{"second late but kept", 1, fakeslack.Delay(3 * time.Second), true},
		{"first kept 500", 0, fakeslack.KeptButFailed(), true},
		{"second lost 500", 1, fakeslack.ServerError(), false},
		{"third 429 then lost", 2, fakeslack.ServerError(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
			w := newChaosWorld(t, start)
			ctx := context.Background()
			sched, err := scheduler.ParseSchedule("Tuesdays 6pm", newYork)
			if err != nil {
				t.Fatal(err)
			}
			long := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
			g := store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
				Facilitators: []string{"UFAC"}, CreatedAt: long, Sharing: map[string]store.Sharing{}}
			if err := w.st.SaveMember(ctx, store.Member{ID: "UFAC", Name: "Fay", TZ: "America/New_York"}); err != nil {
				t.Fatal(err)
			}
			for i := range 12 {
				id := fmt.Sprintf("U%03d", i)
				g.Members = append(g.Members, id)
				g.Sharing[id] = store.ShareAll
				if err := w.st.SaveMember(ctx, store.Member{ID: id, Name: fmt.Sprintf("Member%02d", i), TZ: "America/New_York", CreatedAt: long}); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.st.SaveGroup(ctx, g); err != nil {
				t.Fatal(err)
			}
			for _, id := range g.Members {
				c := &store.CheckIn{GroupID: "C1", SessionAt: session.UTC(),
					Did: strings.Repeat("I went to the clinic and talked to the nurse about my sleep. ", 40) + "SECRETDID", Importance: 8, Confidence: 6}
				if _, err := w.st.ApplyTurn(ctx, store.Turn{MemberID: id, At: start, CheckIn: c,
					Goal: &store.Goal{Text: "Find a part-time job", Status: store.GoalActive}}); err != nil {
					t.Fatal(err)
				}
			}
			w.sched.Replan()
			w.run(session.Add(-90*time.Minute), 30*time.Minute) // up to before the digest
			if places, _ := digestParts(t, w.fake); len(places) != 0 {
				t.Fatalf("the digest went out early: %v", places)
			}
			if tc.before > 0 {
				w.fake.FailNext("chat.postMessage", tc.before, fakeslack.Failure{}) // through, as usual
			}
			if strings.HasPrefix(tc.name, "third 429") {
				w.fake.FailNext("chat.postMessage", 1, fakeslack.RateLimited(0))
			}
			w.fake.FailNext("chat.postMessage", 1, tc.fail)
			w.run(session.Add(-60*time.Minute), 30*time.Minute) // the digest's first try
			places, of := digestParts(t, w.fake)
			if of < 3 {
				t.Fatalf("the digest is in %d parts; the test needs at least 3", of)
			}
			want := tc.before
			if tc.kept {
				want++
				waitFor(t, func() bool { p, _ := digestParts(t, w.fake); return len(p) == want })
			} else if len(places) != want {
				t.Fatalf("before the restart the DM holds parts %v, want %d", places, want)
			}
			w.restart()
			w.run(session.Add(-30*time.Minute), 15*time.Minute)
			places, of = digestParts(t, w.fake)
			if len(places) != of {
				t.Fatalf("the DM holds parts %v of %d: want each once", places, of)
			}
			for i, p := range places {
				if p != i {
					t.Fatalf("the DM holds parts %v: want 0…%d in order", places, of-1)
				}
			}
			assertNoMessageTextInLogs(t, w.logs.String(), "SECRETDID", "the nurse")
		})
	}
}

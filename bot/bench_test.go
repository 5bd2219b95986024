package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// The full path of one DM, on loopback: the fake Slack writes a message
// event to the bot's Socket Mode websocket → ack → the member's worker →
// conversation turn (load, step, one commit with the event's dedupe mark) →
// chat.postMessage back to the fake.
//
// Every timed turn is a real durable turn with exactly one reply: each member
// is first walked into the goal flow (not timed), then alternates a long
// answer ("Who could support you…") and "back" ("Why does this goal
// matter…"), so each turn commits a state of the same few KiB.
const (
	benchWantLong  = "Who could support"
	benchWantBack  = "Why does this goal matter"
	benchTurnLimit = 10 * time.Second // one turn taking longer is a failure, not a figure
)

// benchLong is a long-ish answer (~500 bytes), as in conversations' BenchmarkTurn.
var benchLong = strings.Repeat("because it matters to me ", 20)

// benchWarmup walks a member to the question the timed turns alternate on,
// with the reply each step must get. Its last two turns are the timed ones'
// shape, so the states they leave are the ones the commit phase writes.
var benchWarmup = []struct{ say, want string }{
	{"goal", "won the lottery"},
	{benchLong, "being happy"},
	{benchLong, "one goal"},
	{"Finish a birdhouse by July", "how sure"},
	{"8", benchWantBack},
	{benchLong, benchWantLong},
	{"back", benchWantBack},
}

// BenchmarkFullPath reports, per DM turn: p50-ms/p99-ms (envelope written →
// chat.postMessage received by the fake), turns/s, and for comparison in the
// same run commit-p50-ms/commit-p99-ms, store.ApplyTurn alone with the same
// states and concurrency on another file, and bot-share-%, the share of the
// path's median that is not the commit. The goal: p99 under 10 ms at 50
// members, bot share under 30%. ack-p50-ms/ack-p99-ms (envelope written →
// the bot's ack received) show how much of the path is inbound Socket Mode.
//
// The 50 members talk in a closed loop with no pause, so the path runs at
// saturation: its latency is about members ÷ turns/s, and there bot-share-%
// mostly measures queueing for the CPU, not one turn's own work.
func BenchmarkFullPath(b *testing.B) {
	for _, members := range []int{1, 50} {
		b.Run(fmt.Sprintf("members=%d", members), func(b *testing.B) { benchFullPath(b, members) })
	}
}

// benchTurn is one timed DM turn.
type benchTurn struct {
	envelope string
	start    time.Time     // just before the fake wrote the envelope
	latency  time.Duration // until the fake received the reply
}

// benchReply is a chat.postMessage as the fake received it.
type benchReply struct {
	at   time.Time
	text string
}

func benchFullPath(b *testing.B, members int) {
	goroutines := runtime.NumGoroutine()
	ids := make([]string, members)
	users := make([]fakeslack.User, members)
	replies := make(map[string]chan benchReply, members) // by DM channel; read-only once built
	for i := range ids {
		ids[i] = fmt.Sprintf("U%07d", i+1)
		users[i] = fakeslack.User{ID: ids[i], Name: fmt.Sprintf("m%d", i+1), RealName: "Member", TZ: "America/Chicago"}
		replies[fakeslack.DMChannel(ids[i])] = make(chan benchReply, 16)
	}

	fake := fakeslack.New(fakeslack.WithUsers(users...))
	// Note each reply as it arrives, stamped with the fake's own arrival
	// time. The override answers what the default handler would in the
	// fields a client reads (ok, channel, ts); it skips only the fake's
	// message history, which nothing here reads. The call is still
	// recorded, so the reply count is checked against the fake's record.
	var tsSeq atomic.Int64
	fake.HandleFunc("chat.postMessage", func(c fakeslack.Call) any {
		ch := c.Params["channel"]
		if q, ok := replies[ch]; ok {
			select {
			case q <- benchReply{at: c.At, text: c.Params["text"]}:
			default: // more replies than turns: the count check below fails
			}
		}
		ts := fmt.Sprintf("1781100000.%06d", tsSeq.Add(1))
		return map[string]any{"ok": true, "channel": ch, "ts": ts,
			"message": map[string]any{"type": "message", "ts": ts, "text": c.Params["text"]}}
	})

	dir := b.TempDir()
	st, err := store.Open(filepath.Join(dir, "path.db"))
	if err != nil {
		b.Fatal(err)
	}
	logs := &lockedBuffer{}
	bt, err := bot.New(bot.Config{
		BotToken: "xoxb-bench", AppToken: "xapp-bench", APIURL: fake.APIURL(),
		CallTimeout: 5 * time.Second,
		NoLimits:    true, // measure Cairn, not the Tier 4 limit on users.info for 50 new members
		Logger:      slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}, st)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bt.RunSocketMode(ctx) }()

	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			b.Errorf("socket mode: %v", err)
		}
		bt.Close()
		if err := st.Check(); err != nil {
			b.Errorf("store consistency: %v", err)
		}
		st.Close()
		fake.Close()
	}
	defer stop()
	select {
	case <-bt.Ready():
	case <-time.After(10 * time.Second):
		b.Fatal("the bot never connected to the fake Slack")
	}

	// turn sends one DM and waits for its one reply.
	turn := func(member, text, want string) (benchTurn, error) {
		dm := fakeslack.DMChannel(member)
		payload, err := json.Marshal(fake.EventCallback(fakeslack.MessageEvent(member, dm, text)))
		if err != nil {
			return benchTurn{}, err
		}
		sendCtx, cancelSend := context.WithTimeout(ctx, benchTurnLimit)
		defer cancelSend()
		t := benchTurn{start: time.Now()}
		if t.envelope, err = fake.SendEnvelope(sendCtx, fakeslack.Envelope{Type: "events_api", Payload: json.RawMessage(payload)}); err != nil {
			return benchTurn{}, err
		}
		select {
		case r := <-replies[dm]:
			if !strings.Contains(r.text, want) {
				return benchTurn{}, fmt.Errorf("%s said %.20q and got %q, want %q", member, text, r.text, want)
			}
			t.latency = r.at.Sub(t.start)
			return t, nil
		case <-sendCtx.Done():
			return benchTurn{}, fmt.Errorf("%s said %.20q: no reply within %v", member, text, benchTurnLimit)
		}
	}
	// each runs f for every member at once and returns the first error.
	each := func(f func(i int, member string) error) error {
		errs := make(chan error, members)
		var wg sync.WaitGroup
		for i, m := range ids {
			wg.Go(func() { errs <- f(i, m) })
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
	fail := func(err error) {
		b.Helper()
		b.Fatalf("%v\nbot logs:\n%s", err, logs)
	}

	// Warm-up: every member into the flow; keep the two states the timed
	// turns alternate between (after an answer, after "back").
	var states [2]json.RawMessage
	err = each(func(i int, m string) error {
		for k, w := range benchWarmup {
			if _, err := turn(m, w.say, w.want); err != nil {
				return err
			}
			if i == 0 && k >= len(benchWarmup)-2 {
				conv, err := st.Conversation(ctx, m)
				if err != nil {
					return err
				}
				states[k-(len(benchWarmup)-2)] = conv.State
			}
		}
		return nil
	})
	if err != nil {
		fail(err)
	}

	// The timed turns: each member's goroutine sends its next DM once the
	// reply to the previous one has arrived (closed loop), b.N in all.
	timed := make([]benchTurn, 0, b.N)
	var timedMu sync.Mutex
	b.ResetTimer()
	began := time.Now()
	err = each(func(i int, m string) error {
		n := b.N/members + benchShare(i, members, b.N)
		mine := make([]benchTurn, 0, n)
		defer func() {
			timedMu.Lock()
			timed = append(timed, mine...)
			timedMu.Unlock()
		}()
		for k := range n {
			text, want := benchLong, benchWantLong
			if k%2 == 1 {
				text, want = "back", benchWantBack
			}
			t, err := turn(m, text, want)
			if err != nil {
				return err
			}
			mine = append(mine, t)
		}
		return nil
	})
	elapsed := time.Since(began)
	b.StopTimer()
	if err != nil {
		fail(err)
	}
	stop() // every turn is in; the workers finish their App Home refreshes
	if got, want := len(fake.CallsTo("chat.postMessage")), members*len(benchWarmup)+b.N; got != want {
		b.Fatalf("%d chat.postMessage calls, want %d (one per turn)\nbot logs:\n%s", got, want, logs)
	}
	if logs.String() != "" {
		b.Logf("bot logs:\n%s", logs)
	}

	// The commit alone: ApplyTurn of the same states, by the same number of
	// members at once, on another file on the same disk.
	commits, err := benchCommits(b.Context(), filepath.Join(dir, "commit.db"), ids, states, b.N)
	if err != nil {
		b.Fatal(err)
	}

	// Where the time goes: the ack (fake → Socket Mode → ack back to the
	// fake) is the inbound half; the rest is the turn and the reply.
	ackAt := map[string]time.Time{}
	for _, a := range fake.Acks() {
		ackAt[a.EnvelopeID] = a.At
	}
	lat, acks := make([]time.Duration, len(timed)), make([]time.Duration, 0, len(timed))
	for i, t := range timed {
		lat[i] = t.latency
		if at, ok := ackAt[t.envelope]; ok {
			acks = append(acks, at.Sub(t.start))
		}
	}
	p50, p99 := benchPercentile(lat, 0.50), benchPercentile(lat, 0.99)
	c50, c99 := benchPercentile(commits, 0.50), benchPercentile(commits, 0.99)
	b.ReportMetric(benchMS(p50), "p50-ms")
	b.ReportMetric(benchMS(p99), "p99-ms")
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "turns/s")
	b.ReportMetric(benchMS(c50), "commit-p50-ms")
	b.ReportMetric(benchMS(c99), "commit-p99-ms")
	b.ReportMetric(float64(p50-c50)/float64(p50)*100, "bot-share-%")
	b.ReportMetric(benchMS(benchPercentile(acks, 0.50)), "ack-p50-ms")
	b.ReportMetric(benchMS(benchPercentile(acks, 0.99)), "ack-p99-ms")
	b.ReportMetric(float64(len(states[0])+len(states[1]))/2, "state-bytes")

	// Nothing the benchmark started may outlive it.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		buf := make([]byte, 1<<20)
		b.Errorf("%d goroutines left behind:\n%s", n-goroutines, buf[:runtime.Stack(buf, true)])
	}
}

// benchCommits times n store.ApplyTurn calls spread over len(ids) members
// at once, each alternating between the two states and marking a new event
// as a DM's turn does, and returns the latencies.
func benchCommits(ctx context.Context, path string, ids []string, states [2]json.RawMessage, n int) ([]time.Duration, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	// Seed every member as the path's warm-up left them, untimed.
	for _, m := range ids {
		if _, err := st.ApplyTurn(ctx, store.Turn{MemberID: m, State: states[1]}); err != nil {
			return nil, err
		}
	}
	var (
		mu    sync.Mutex
		lat   = make([]time.Duration, 0, n)
		wg    sync.WaitGroup
		start = make(chan struct{})
	)
	errs := make(chan error, len(ids))
	for i, m := range ids {
		count := n/len(ids) + benchShare(i, len(ids), n)
		wg.Go(func() {
			mine := make([]time.Duration, 0, count)
			<-start
			for k := range count {
				// A fresh event id, as a DM's turn marks its own in the same commit.
				t := store.Turn{MemberID: m, State: states[k%2], EventID: fmt.Sprintf("EvBENCH%s-%d", m, k)}
				began := time.Now()
				if _, err := st.ApplyTurn(ctx, t); err != nil {
					errs <- err
					return
				}
				mine = append(mine, time.Since(began))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		return nil, err
	}
	return lat, st.Check()
}

// benchPercentile is the p-th latency (nearest rank below), 0 for none.
func benchPercentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[int(p*float64(len(s)-1))]
}

func benchMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// benchShare is 1 if goroutine i of k takes one of the n%k turns left over
// when n turns are shared out evenly.
func benchShare(i, k, n int) int {
	if i < n%k {
		return 1
	}
	return 0
}

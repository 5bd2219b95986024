package scheduler_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// BenchmarkDigest60 composes a facilitator's digest of 60 members (real
// bbolt, the real composer: check-ins, goals, steps, the audit record) and
// sends it through the fake Slack in its parts, with chat.postMessage
// rate-limited in the fake and in the bot alike. Only the digest is due in
// the timed Tick (the members' prompts and reminders are set aside first).
//
// post-rate is the limit (messages a second): 20 is Cairn's default pace
// for scheduled posts, 1 is Slack's documented pace for one channel (its
// bursts allowed); no-limits is the cost of composing and sending alone. Metrics: digest-ms (the Tick: compose, audit, every
// part posted and recorded), parts (messages), throttled (429s from the
// fake), duplicates (a part posted twice).
func BenchmarkDigest60(b *testing.B) {
	for _, rate := range []float64{0, 20, 1} {
		name := fmt.Sprintf("post-rate=%g", rate)
		if rate == 0 {
			name = "no-limits"
		}
		b.Run(name, func(b *testing.B) {
			var ms, parts, throttled, dups float64
			for range b.N {
				b.StopTimer()
				r := runDigest60(b, rate)
				ms += r.ms
				parts += r.parts
				throttled += r.throttled
				dups += r.dups
			}
			n := float64(b.N)
			b.ReportMetric(ms/n, "digest-ms")
			b.ReportMetric(parts/n, "parts")
			b.ReportMetric(throttled/n, "throttled")
			b.ReportMetric(dups/n, "duplicates")
		})
	}
}

type digestRun struct{ ms, parts, throttled, dups float64 }

func runDigest60(b *testing.B, rate float64) digestRun {
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	due := sixtySession.Add(-time.Hour) // when the digest is due
	clk := &clock{now: time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)}
	fake := fakeslack.New(fakeslack.WithClock(clk.Now))
	defer fake.Close()
	// The fake's bucket allows a burst of a tenth of a second's worth (at
	// least 1), as BenchmarkFanOut's does: the bot paces to the same rate,
	// and a bucket of exactly one would answer 429 to network jitter.
	fake.RateLimit("chat.postMessage", rate, max(int(rate/10), 1))
	st, err := store.Open(filepath.Join(b.TempDir(), "cairn.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	st.Now = clk.Now
	bt, err := bot.New(bot.Config{BotToken: "xoxb-test", APIURL: fake.APIURL(), PostRate: rate, NoLimits: rate == 0, CallTimeout: time.Minute, Logger: quiet}, st)
	if err != nil {
		b.Fatal(err)
	}
	defer bt.Close()
	bt.Now = clk.Now
	sched := scheduler.New(st, bt.Runner(), bt, scheduler.Config{ReplanEvery: 48 * time.Hour, Logger: quiet})
	sched.Now = clk.Now
	bt.Scheduler = sched
	seedSixty(b, st, clk.Now())
	if err := sched.Plan(ctx, clk.Now()); err != nil {
		b.Fatal(err)
	}
	clk.Set(due)
	ds, err := st.DueDeliveries(ctx, due, 0)
	if err != nil {
		b.Fatal(err)
	}
	key := store.DeliveryKey(store.DeliverDigest, "C1", sixtySession, "UFAC")
	for _, d := range ds {
		if d.Key != key {
			if err := st.MarkSkipped(ctx, d.Key, "not this benchmark's", due); err != nil {
				b.Fatal(err)
			}
		}
	}

	b.StartTimer()
	start := time.Now()
	if err := sched.Tick(ctx); err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	b.StopTimer()

	d, err := st.Delivery(ctx, key)
	if err != nil || d.State != store.DeliverySent {
		b.Fatalf("the digest is %q (%v), want sent", d.State, err)
	}
	seen := map[string]int{}
	for _, m := range fake.Messages(fakeslack.DMChannel("UFAC")) {
		seen[string(m.Metadata)]++
	}
	r := digestRun{ms: float64(elapsed.Microseconds()) / 1000, parts: float64(len(seen)), throttled: float64(fake.Throttled("chat.postMessage"))}
	for _, n := range seen {
		r.dups += float64(n - 1)
	}
	return r
}

package scheduler_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// BenchmarkFanOut sends one check-in prompt to each of 1,000 and 10,000
// members, all due at the same moment, through the fake Slack enforcing a
// rate limit on chat.postMessage, with the bot's limiter set to the same
// rate. It times the Tick that delivers them all and compares it with the
// limit's own floor, members ÷ rate.
//
// The rate is R = 1,000 a second (the fake's bucket allows bursts of R/10,
// the bot's limiter R/20), so the floors are 1 s and 10 s. CAIRN_BENCH_RATE
// changes R (to find where Cairn stops keeping up), CAIRN_BENCH_WORKERS sets
// scheduler.Config.Workers.
//
// members=10000 takes about 11 s with its setup, so the CI step that runs
// every benchmark once (-benchtime 1x) skips it, as does -short; set
// CAIRN_BENCH_LARGE=1, or ask for another -benchtime, to run it.
//
// Metrics, per iteration: floor-s (members/R; the bot's start-up burst of
// R/20 lets a run finish up to 5% under it), deliver-s (the Tick),
// over-floor-%, plan-s (the earlier Tick that planned the deliveries, not
// timed), throttled (429s from the fake), duplicates (tagged messages sent
// more than once), failures (due deliveries not sent afterwards), and for
// members=10000 heap-growth-MB: HeapInuse after a GC, from before planning to
// right after the Tick, with everything still alive: store, bot, scheduler,
// and the fake Slack, which shares the heap and keeps every call (bodies,
// headers, answers) and every message. heap-no-call-log-MB is the same growth
// once the fake's call log is dropped; it still holds the fake's messages,
// most of what is left (Cairn itself keeps about 1 MB). TotalAlloc-MB is all
// allocation over planning and the Tick.
//
// With 1,000 a second on a 2-core machine Cairn sits at the floor; it keeps
// up to about 3,000 a second (CAIRN_BENCH_RATE=3000), beyond which the
// store's commits and the HTTP round trips fall behind.
func BenchmarkFanOut(b *testing.B) {
	rate := envFloat(b, "CAIRN_BENCH_RATE", 1000)
	workers := int(envFloat(b, "CAIRN_BENCH_WORKERS", 0))
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			if n > 1000 && !largeBenchmarks() {
				b.Skip("10,000 members take ~11 s: set CAIRN_BENCH_LARGE=1 or a -benchtime other than 1x")
			}
			var sum fanOutResult
			for range b.N {
				b.StopTimer()
				r := runFanOut(b, n, rate, workers, n >= 10000)
				sum.add(r)
			}
			sum.report(b, float64(b.N), n >= 10000)
		})
	}
}

// largeBenchmarks says whether to run the 10,000-member fan-out.
func largeBenchmarks() bool {
	if os.Getenv("CAIRN_BENCH_LARGE") == "1" {
		return true
	}
	if testing.Short() {
		return false
	}
	if f := flag.Lookup("test.benchtime"); f != nil && f.Value.String() == "1x" {
		return false
	}
	return true
}

func envFloat(b *testing.B, name string, def float64) float64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		b.Fatalf("%s=%q: want a number", name, v)
	}
	return f
}

type fanOutResult struct {
	floor, deliver, plan              float64 // seconds
	throttled, duplicates, failures   float64
	heapGrowth, noCallLog, totalAlloc float64 // MB
}

func (s *fanOutResult) add(r fanOutResult) {
	s.floor += r.floor
	s.deliver += r.deliver
	s.plan += r.plan
	s.throttled += r.throttled
	s.duplicates += r.duplicates
	s.failures += r.failures
	s.heapGrowth += r.heapGrowth
	s.noCallLog += r.noCallLog
	s.totalAlloc += r.totalAlloc
}

func (s fanOutResult) report(b *testing.B, n float64, mem bool) {
	b.ReportMetric(s.floor/n, "floor-s")
	b.ReportMetric(s.deliver/n, "deliver-s")
	b.ReportMetric((s.deliver-s.floor)/s.floor*100, "over-floor-%")
	b.ReportMetric(s.plan/n, "plan-s")
	b.ReportMetric(s.throttled/n, "throttled")
	b.ReportMetric(s.duplicates/n, "duplicates")
	b.ReportMetric(s.failures/n, "failures")
	if mem {
		b.ReportMetric(s.heapGrowth/n, "heap-growth-MB")
		b.ReportMetric(s.noCallLog/n, "heap-no-call-log-MB")
		b.ReportMetric(s.totalAlloc/n, "TotalAlloc-MB")
	}
}

// runFanOut builds a fresh world with the timer stopped, times one Tick that
// sends a prompt to each of n members, and checks the outcome. The caller
// has stopped the timer; it is stopped again on return.
func runFanOut(b *testing.B, n int, rate float64, workers int, measureMem bool) fanOutResult {
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Tuesday-6pm group in New York: the prompts are due 24 h before, on
	// Monday at 18:00, for every member at once (all in New York, so no
	// quiet hours move any of them).
	due := time.Date(2026, 6, 15, 18, 0, 0, 0, newYork)
	clk := &clock{now: due.Add(-time.Hour)}

	// The fake Slack and the bot's limiter both run on wall time.
	fake := fakeslack.New(fakeslack.WithClock(clk.Now))
	defer fake.Close()
	fake.RateLimit("chat.postMessage", rate, max(int(rate/10), 1))

	st, err := store.Open(filepath.Join(b.TempDir(), "cairn.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	st.Now = clk.Now
	bt, err := bot.New(bot.Config{BotToken: "xoxb-test", APIURL: fake.APIURL(), PostRate: rate, Logger: quiet}, st)
	if err != nil {
		b.Fatal(err)
	}
	defer bt.Close()
	bt.Now = clk.Now
	sched := scheduler.New(st, bt.Runner(), bt, scheduler.Config{Workers: workers, ReplanEvery: 2 * time.Hour, Logger: quiet})
	sched.Now = clk.Now
	bt.Scheduler = sched

	// Members and the group, saved concurrently so the store's group commit
	// merges them.
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("U%05d", i)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	next := make(chan string)
	for range 64 {
		wg.Go(func() {
			for id := range next {
				if err := st.SaveMember(ctx, store.Member{ID: id, Name: id, TZ: "America/New_York"}); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, id := range ids {
		next <- id
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	spec, err := scheduler.ParseSchedule("Tuesdays 6pm", newYork)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.SaveGroup(ctx, store.Group{ID: "C1", Name: "Tuesday group", Schedule: spec.Spec, ScheduleText: spec.Text,
		TZ: "America/New_York", Members: ids}); err != nil {
		b.Fatal(err)
	}

	var before runtime.MemStats
	if measureMem {
		runtime.GC()
		runtime.ReadMemStats(&before)
	}
	// Plan an hour ahead (nothing is due yet), as the running scheduler
	// would have; the timed Tick then only sends.
	start := time.Now()
	if err := sched.Tick(ctx); err != nil {
		b.Fatal(err)
	}
	plan := time.Since(start).Seconds()
	clk.Set(due)
	if ds, err := st.DueDeliveries(ctx, due, 0); err != nil || len(ds) != n {
		b.Fatalf("%d deliveries due, want %d (%v)", len(ds), n, err)
	}
	if got := len(fake.CallsTo("chat.postMessage")); got != 0 {
		b.Fatalf("%d messages sent while planning", got)
	}

	b.StartTimer()
	start = time.Now()
	if err := sched.Tick(ctx); err != nil {
		b.Fatal(err)
	}
	deliver := time.Since(start).Seconds()
	b.StopTimer()

	r := fanOutResult{floor: float64(n) / rate, deliver: deliver, plan: plan}
	var after runtime.MemStats
	if measureMem {
		runtime.GC()
		runtime.ReadMemStats(&after)
		r.heapGrowth = mb(int64(after.HeapInuse) - int64(before.HeapInuse))
		r.totalAlloc = mb(int64(after.TotalAlloc - before.TotalAlloc))
	}

	r.throttled = float64(fake.Throttled("chat.postMessage"))
	sentKeys := map[string]int{}
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Status != 200 {
			continue
		}
		var meta struct {
			EventType    string `json:"event_type"`
			EventPayload struct {
				Key string `json:"key"`
			} `json:"event_payload"`
		}
		if c.Decode("metadata", &meta) == nil && meta.EventType == "cairn_delivery" {
			sentKeys[meta.EventPayload.Key]++
		}
	}
	for _, k := range sentKeys {
		if k > 1 {
			r.duplicates += float64(k - 1)
		}
	}
	counts, err := st.CountDeliveries(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// Only the prompts are due; the reminders (due tomorrow) stay planned.
	r.failures = float64(n - counts[store.DeliverySent])
	if len(sentKeys) != n || counts[store.DeliverySending]+counts[store.DeliverySkipped] != 0 {
		b.Errorf("%d distinct keys sent, want %d; deliveries: %v", len(sentKeys), n, counts)
	}
	if r.duplicates > 0 || r.failures > 0 {
		b.Errorf("%v duplicates, %v deliveries not sent: %v", r.duplicates, r.failures, counts)
	}

	if measureMem {
		// Without the fake's log of every call, which is the test's memory,
		// not Cairn's.
		fake.Reset()
		var trimmed runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&trimmed)
		r.noCallLog = mb(int64(trimmed.HeapInuse) - int64(before.HeapInuse))
	}
	// Everything stays alive until here, so the growth is retained memory.
	runtime.KeepAlive(sched)
	runtime.KeepAlive(bt)
	runtime.KeepAlive(st)
	runtime.KeepAlive(fake)
	return r
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

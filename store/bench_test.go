package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
	bolt "go.etcd.io/bbolt"
)

// kibState is a conversation state of exactly 1 KiB.
func kibState(tb testing.TB) json.RawMessage {
	head := `{"flow":"goal","step":7,"draft":"`
	s := head + strings.Repeat("x", 1024-len(head)-2) + `"}`
	if len(s) != 1024 || !json.Valid([]byte(s)) {
		tb.Fatalf("state is %d bytes", len(s))
	}
	return json.RawMessage(s)
}

// reportLatency adds percentiles of per-operation latencies to the result.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

// BenchmarkApplyTurn is one durable conversation turn (1 KiB state) at a
// time: the latency of a reply when the bot is quiet.
func BenchmarkApplyTurn(b *testing.B) { benchApplyTurn(b, MustOpen(b)) }

// BenchmarkApplyTurnEncrypted is BenchmarkApplyTurn with a key: the cost of
// sealing the state (and the event mark) in the single writer.
func BenchmarkApplyTurnEncrypted(b *testing.B) {
	benchApplyTurn(b, openKey(b, filepath.Join(b.TempDir(), "cairn.db"), newKey(b)))
}

func benchApplyTurn(b *testing.B, s *store.Store) {
	ctx := b.Context()
	turn := store.Turn{MemberID: "U0001", State: kibState(b)}
	lat := make([]time.Duration, 0, 4096)
	for b.Loop() {
		start := time.Now()
		if _, err := s.ApplyTurn(ctx, turn); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatency(b, lat)
}

// BenchmarkBareUpdate is the floor for BenchmarkApplyTurn: bbolt alone, same
// default options (so the same fsyncs), one Update putting the very bytes
// ApplyTurn stores for that turn under the same key.
func BenchmarkBareUpdate(b *testing.B) {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	bucket, key := []byte("conversations"), []byte("U0001")
	value, err := json.Marshal(store.Conversation{V: 1, MemberID: "U0001", State: kibState(b), UpdatedAt: t0})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket(bucket)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, 4096)
	for b.Loop() {
		start := time.Now()
		if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, value) }); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportLatency(b, lat)
}

// BenchmarkApplyTurnVsBare alternates the two above, turn by turn, so both
// see the same machine (fsync times drift a lot between runs). It reports
// each one's median and the ratio of the medians: the goal is at most 1.3.
func BenchmarkApplyTurnVsBare(b *testing.B) {
	s := MustOpen(b)
	ctx := b.Context()
	turn := store.Turn{MemberID: "U0001", State: kibState(b)}
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	bucket, key := []byte("conversations"), []byte("U0001")
	value, err := json.Marshal(store.Conversation{V: 1, MemberID: "U0001", State: turn.State, UpdatedAt: t0})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket(bucket)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	var applyLat, bareLat []time.Duration
	apply := func() {
		start := time.Now()
		if _, err := s.ApplyTurn(ctx, turn); err != nil {
			b.Fatal(err)
		}
		applyLat = append(applyLat, time.Since(start))
	}
	bare := func() {
		start := time.Now()
		if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucket).Put(key, value) }); err != nil {
			b.Fatal(err)
		}
		bareLat = append(bareLat, time.Since(start))
	}
	i := 0
	for b.Loop() {
		if i++; i%2 == 0 {
			apply()
			bare()
		} else {
			bare()
			apply()
		}
	}
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds())
	}
	ma, mb := median(applyLat), median(bareLat)
	b.ReportMetric(ma, "apply-p50-µs")
	b.ReportMetric(mb, "bare-p50-µs")
	b.ReportMetric(ma/mb, "ratio")
}

// BenchmarkApplyTurnParallel is about 50 members talking at once, each turn
// durable before its caller returns; group commit shares the fsyncs.
func BenchmarkApplyTurnParallel(b *testing.B) {
	s := MustOpen(b)
	var commits atomic.Int64
	store.SetCommitHook(s, func(int) { commits.Add(1) })
	ctx := b.Context()
	state := kibState(b)
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism((50 + procs - 1) / procs)

	var (
		next atomic.Int64
		mu   sync.Mutex
		lat  []time.Duration
	)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		turn := store.Turn{MemberID: fmt.Sprintf("U%04d", next.Add(1)), State: state}
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			if _, err := s.ApplyTurn(ctx, turn); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	reportLatency(b, lat)
	b.ReportMetric(float64(next.Load()), "writers")
	if c := commits.Load(); c > 0 {
		b.ReportMetric(float64(len(lat))/float64(c), "turns/commit")
	}
}

// fillMember gives a member what App Home shows: 3 goals of 5 steps each
// and 5 check-ins.
func fillMember(ctx context.Context, s *store.Store, id string) error {
	if err := s.SaveMember(ctx, store.Member{ID: id, Name: "Member " + id, TZ: "America/Chicago"}); err != nil {
		return err
	}
	for g := range 5 {
		turn := store.Turn{MemberID: id, CheckIn: &store.CheckIn{SessionAt: t0.AddDate(0, 0, -7*g),
			Did: "walked twice", Importance: 8, Confidence: 7}}
		if g < 3 {
			turn.Goal = &store.Goal{Text: fmt.Sprintf("goal %d: walk to the park every morning", g),
				Why: "to feel better", Status: store.GoalActive}
			for i := range 5 {
				turn.NewSteps = append(turn.NewSteps, store.Step{What: fmt.Sprintf("step %d", i),
					Due: day(6, 20-i), Owner: store.OwnerMe})
			}
		}
		if _, err := s.ApplyTurn(ctx, turn); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkMemberView renders one member's App Home data with 1 and 1,000
// other members of the same shape in the store; the two should match.
func BenchmarkMemberView(b *testing.B) {
	for _, others := range []int{1, 1000} {
		b.Run(fmt.Sprintf("others=%d", others), func(b *testing.B) {
			s := MustOpen(b)
			ctx := b.Context()
			// Fill concurrently so group commit makes setup quick; the
			// measured member sits in the middle of the key space.
			ids := make(chan string)
			var wg sync.WaitGroup
			for range 32 {
				wg.Go(func() {
					for id := range ids {
						if err := fillMember(ctx, s, id); err != nil {
							b.Error(err)
						}
					}
				})
			}
			for i := range others + 1 {
				ids <- fmt.Sprintf("U%05d", i)
			}
			close(ids)
			wg.Wait()
			me := fmt.Sprintf("U%05d", (others+1)/2)

			for b.Loop() {
				v, err := s.MemberView(ctx, me)
				if err != nil {
					b.Fatal(err)
				}
				if len(v.Goals) != 3 || len(v.Goals[2].Steps) != 5 || v.LastCheckIn == nil {
					b.Fatalf("view %+v", v)
				}
			}
		})
	}
}

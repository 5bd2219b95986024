package bot

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// waitAt runs l.wait from a goroutine started at the current (fake) time
// and reports when it returned, relative to start.
func waitAt(l *limiter, ctx context.Context, start time.Time, got *time.Duration, err *error, wg *sync.WaitGroup) {
	wg.Go(func() {
		*err = l.wait(ctx)
		*got = time.Since(start)
	})
}

func TestLimiter_cancelledWaitGivesSlotBack(t *testing.T) {
	t.Run("Newest", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := newLimiter(1, 1) // one a second, no burst
			start := time.Now()
			if err := l.wait(t.Context()); err != nil { // slot 0 s
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			var wg sync.WaitGroup
			var tookB, tookC time.Duration
			var errB, errC error
			waitAt(l, ctx, start, &tookB, &errB, &wg) // slot 1 s
			synctest.Wait()
			time.Sleep(500 * time.Millisecond) // fake time
			cancel()
			synctest.Wait()
			waitAt(l, t.Context(), start, &tookC, &errC, &wg)
			wg.Wait()
			if errB == nil || errC != nil {
				t.Fatalf("errors: cancelled %v, next %v", errB, errC)
			}
			if tookC != time.Second {
				t.Fatalf("the next caller went at %v; want 1s, the slot given back (not 2s)", tookC)
			}
		})
	})
	t.Run("Middle", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := newLimiter(1, 1)
			start := time.Now()
			_ = l.wait(t.Context()) // 0 s
			ctx, cancel := context.WithCancel(t.Context())
			var wg sync.WaitGroup
			var took [3]time.Duration
			var errs [3]error
			waitAt(l, ctx, start, &took[0], &errs[0], &wg) // 1 s, given back
			synctest.Wait()
			waitAt(l, t.Context(), start, &took[1], &errs[1], &wg) // 2 s
			synctest.Wait()
			cancel()
			synctest.Wait()
			waitAt(l, t.Context(), start, &took[2], &errs[2], &wg) // takes 1 s
			wg.Wait()
			if took[1] != 2*time.Second || took[2] != time.Second || errs[0] == nil {
				t.Fatalf("took %v, errors %v; want the third caller in the given-back 1 s slot", took, errs)
			}
		})
	})
	t.Run("ManyTimeouts", func(t *testing.T) {
		// The case: Tier 4 (100 a minute, burst 10), 50 callers who
		// give up after 3 s. Afterwards the queue is as short as if they had
		// never come: the next caller waits one interval at most.
		synctest.Test(t, func(t *testing.T) {
			l := newLimiter(100.0/60, 10)
			var wg sync.WaitGroup
			for range 50 {
				wg.Go(func() {
					ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
					defer cancel()
					_ = l.wait(ctx)
				})
			}
			wg.Wait()
			start := time.Now()
			if err := l.wait(t.Context()); err != nil {
				t.Fatal(err)
			}
			if took := time.Since(start); took > l.interval {
				t.Fatalf("after 50 timed-out waits the next caller waited %v (interval %v)", took, l.interval)
			}
		})
	})
	t.Run("PauseDropsGivenBack", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := newLimiter(1, 1)
			start := time.Now()
			_ = l.wait(t.Context()) // 0 s
			ctx, cancel := context.WithCancel(t.Context())
			var wg sync.WaitGroup
			var took [2]time.Duration
			var errs [2]error
			waitAt(l, ctx, start, &took[0], &errs[0], &wg) // 1 s, given back
			synctest.Wait()
			var late time.Duration
			var lateErr error
			waitAt(l, t.Context(), start, &late, &lateErr, &wg) // 2 s
			synctest.Wait()
			cancel()
			synctest.Wait()
			l.pause(start.Add(5 * time.Second)) // a 429: nothing before 5 s
			waitAt(l, t.Context(), start, &took[1], &errs[1], &wg)
			wg.Wait()
			if took[1] != 5*time.Second {
				t.Fatalf("after a 429 until 5s, a caller went at %v", took[1])
			}
		})
	})
}

package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/cairnbot/cairn/store"
)

// holdCommits makes the committer wait at its next commit until release is
// closed, and records group sizes. synctest.Wait then shows when every
// writer is queued, so group membership is deterministic.
type holdCommits struct {
	hold    atomic.Bool
	release chan struct{}
	sizes   []int // written by the committer only; read after Close
}

func newHold(s *store.Store) *holdCommits {
	h := &holdCommits{release: make(chan struct{})}
	store.SetCommitHook(s, func(n int) {
		h.sizes = append(h.sizes, n)
		if h.hold.CompareAndSwap(true, false) {
			<-h.release
		}
	})
	return h
}

func TestStore_ApplyTurn_groupCommit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		s, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
		must(t, err)
		h := newHold(s)

		theirs, err := s.ApplyTurn(ctx, store.Turn{MemberID: "B", Goal: &store.Goal{Text: "b"},
			NewSteps: []store.Step{{What: "b's step"}}})
		must(t, err)

		// The first turn's commit is held while the others queue behind it.
		h.hold.Store(true)
		var wg sync.WaitGroup
		wg.Go(func() {
			_, err := s.ApplyTurn(ctx, store.Turn{MemberID: "A", State: json.RawMessage(`{"first":true}`)})
			if err != nil {
				t.Error(err)
			}
		})
		synctest.Wait()

		spoiler := store.Turn{MemberID: "Spoiler", State: json.RawMessage(`{}`),
			Goal: &store.Goal{Text: "x", CreatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}
		half := func(m string, done ...uint64) store.Turn {
			return store.Turn{MemberID: m, State: json.RawMessage(`{"n":1}`), Goal: &store.Goal{Text: m},
				NewSteps: []store.Step{{What: m}}, CheckIn: &store.CheckIn{SessionAt: time.Now()}, Done: done}
		}
		turns := map[string]struct {
			turn store.Turn
			want error
		}{
			"G1":        {half("G1"), nil},
			"Unknown":   {half("Unknown", 9999), store.ErrNotFound},
			"G2":        {half("G2"), nil},
			"NotTheirs": {half("NotTheirs", theirs.StepIDs[0]), store.ErrInvalid},
			"G3":        {half("G3"), nil},
			// Fails only while writing (JSON has no year 10000), after
			// changing the shared transaction: the group is redone turn
			// by turn.
			"Spoiler": {spoiler, errAny},
		}
		for name, tc := range turns {
			wg.Go(func() {
				_, err := s.ApplyTurn(ctx, tc.turn)
				if (tc.want == nil) != (err == nil) || (tc.want != errAny && !errors.Is(err, tc.want)) {
					t.Errorf("%s: error %v, want %v", name, err, tc.want)
				}
			})
		}
		// A turn whose caller gives up while queued is not stored.
		cctx, cancel := context.WithCancel(ctx)
		wg.Go(func() {
			_, err := s.ApplyTurn(cctx, half("Cancelled"))
			if !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled: error %v", err)
			}
		})
		synctest.Wait()
		cancel()
		synctest.Wait()
		close(h.release)
		wg.Wait()

		for name, tc := range turns {
			v, err := s.MemberView(ctx, name)
			must(t, err)
			_, convErr := s.Conversation(ctx, name)
			if tc.want == nil && (len(v.Goals) != 1 || len(v.Goals[0].Steps) != 1 || v.LastCheckIn == nil || convErr != nil) {
				t.Errorf("%s: not fully stored: %+v, %v", name, v, convErr)
			}
			if tc.want != nil && (len(v.Goals) != 0 || v.LastCheckIn != nil || convErr == nil) {
				t.Errorf("%s: partly stored: %+v, %v", name, v, convErr)
			}
		}
		v, err := s.MemberView(ctx, "Cancelled")
		must(t, err)
		if len(v.Goals) != 0 {
			t.Errorf("cancelled turn stored: %+v", v)
		}
		st, err := s.Step(ctx, theirs.StepIDs[0])
		must(t, err)
		if st.Done() {
			t.Error("another member's step marked done")
		}
		must(t, s.Check())
		must(t, s.Close())
		// The setup turn, the held turn alone, then everything queued behind
		// it in one group.
		mustEqual(t, "group sizes", h.sizes, []int{1, 1, len(turns)})
	})
}

func TestStore_Close_waits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		s, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
		must(t, err)
		h := newHold(s)
		h.hold.Store(true)

		var wg sync.WaitGroup
		wg.Go(func() {
			if _, err := s.ApplyTurn(ctx, store.Turn{MemberID: "A", State: json.RawMessage(`{}`)}); err != nil {
				t.Errorf("in-flight turn: %v", err)
			}
		})
		synctest.Wait()
		closed := make(chan error)
		go func() { closed <- s.Close() }()
		synctest.Wait()
		select {
		case err := <-closed:
			t.Fatalf("Close returned (%v) with a commit in flight", err)
		default:
		}
		_, err = s.ApplyTurn(ctx, store.Turn{MemberID: "B"})
		mustIs(t, err, store.ErrClosed)

		close(h.release)
		must(t, <-closed)
		wg.Wait()

		s, err = store.Open(s.Path())
		must(t, err)
		defer s.Close()
		_, err = s.Conversation(ctx, "A")
		must(t, err)
		_, err = s.Conversation(ctx, "B")
		mustIs(t, err, store.ErrNotFound)
	})
}

// errAny stands for "some error" in test tables.
var errAny = errors.New("any error")

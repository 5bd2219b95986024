package conversations_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

var chicago, _ = time.LoadLocation("America/Chicago")

func openStore(t testing.TB) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cairn.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil && !errors.Is(err, store.ErrClosed) {
			t.Errorf("consistency check: %v", err)
		}
		st.Close()
	})
	return st, path
}

func say(t testing.TB, r *conversations.Runner, member, text string, now time.Time) string {
	t.Helper()
	replies, err := r.Handle(context.Background(), member, conversations.Input{Text: text}, now)
	if err != nil {
		t.Fatalf("turn %q: %v", text, err)
	}
	var b strings.Builder
	for _, rep := range replies {
		b.WriteString(rep.Text + "\n")
	}
	return b.String()
}

var goalScript = []string{"goal", "Work with wood again", "A workshop and a few friends", "Finish a birdhouse by July", "8",
	"It calms me", "no one yet", "Buy pine boards", "Friday", "me", "that's all for now", "skip", "save it"}

func TestRunner_EveryTurnIsDurable(t *testing.T) {
	st, path := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	for _, text := range goalScript[:6] {
		say(t, r, "U1", text, now)
	}
	// A restart: a new Runner over the file reopened from disk.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	r = &conversations.Runner{Store: st2, DefaultTZ: chicago}
	if got := say(t, r, "U1", "hi", now.Add(48*time.Hour)); !strings.Contains(got, "Welcome back") || !strings.Contains(got, "support") {
		t.Fatalf("resume said %q", got)
	}
	for _, text := range goalScript[6:] {
		say(t, r, "U1", text, now.Add(48*time.Hour))
	}
	view, err := st2.MemberView(context.Background(), "U1")
	if err != nil {
		t.Fatal(err)
	}
	if len(view.Goals) != 1 || view.Goals[0].Goal.Text != "Finish a birdhouse by July" || len(view.Goals[0].Steps) != 1 {
		t.Fatalf("view = %+v", view)
	}
	// "Friday" said on Friday, June 12 (Chicago) is the following Friday.
	if due := view.Goals[0].Steps[0].Due.Format(time.DateOnly); due != "2026-06-19" {
		t.Fatalf("due %s, want 2026-06-19", due)
	}
	if _, err := st2.Conversation(context.Background(), "U1"); err == nil {
		t.Fatal("a finished conversation left its state behind")
	}
}

func TestRunner_ManyMembersAtOnce(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		member := fmt.Sprintf("U%03d", i)
		wg.Go(func() {
			for _, text := range goalScript {
				if _, err := r.Handle(context.Background(), member, conversations.Input{Text: text}, now); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := range 20 {
		view, err := st.MemberView(context.Background(), fmt.Sprintf("U%03d", i))
		if err != nil {
			t.Fatal(err)
		}
		if len(view.Goals) == 0 {
			t.Fatalf("member %d has no goal", i)
		}
	}
}

func TestRunner_UnreadableStateStartsOver(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	if _, err := st.ApplyTurn(ctx, store.Turn{MemberID: "U1", State: json.RawMessage(`{"v":"not a number"}`), At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	r := &conversations.Runner{Store: st}
	if got := say(t, r, "U1", "hi", time.Now()); !strings.Contains(got, "What would you like to do") {
		t.Fatalf("said %q", got)
	}
}

func TestRunner_MemberZoneDecidesDates(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	if err := st.SaveMember(ctx, store.Member{ID: "U1", TZ: "Pacific/Auckland"}); err != nil {
		t.Fatal(err)
	}
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	// 20:00 on Wednesday in Chicago is already Thursday afternoon in Auckland.
	now := time.Date(2026, 6, 10, 20, 0, 0, 0, chicago)
	for _, text := range []string{"goal", "a", "b", "Walk 5 km by August", "8", "c", "no one yet", "Buy shoes"} {
		say(t, r, "U1", text, now)
	}
	if got := say(t, r, "U1", "tomorrow", now); !strings.Contains(got, "Friday, June 12") {
		t.Fatalf("said %q", got)
	}
}

// BenchmarkTurn is one durable conversation turn — load the state and the
// member's data, step, commit state and changes — alternated in the same run
// with a bare bbolt Update that writes a value of the same size on the same
// disk, so the two see the same fsync costs. The goal: a turn costs
// at most 1.3 times the bare Update (turn/bare-p50 ≤ 1.3).
func BenchmarkTurn(b *testing.B) {
	st, _ := openStore(b)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	long := strings.Repeat("because it matters to me ", 20)                                // ~500 bytes, a long-ish answer
	for _, text := range []string{"goal", long, long, "Finish a birdhouse by July", "8"} { // "8": how sure (S.M.A.R.T.)
		say(b, r, "U1", text, now)
	}
	conv, err := st.Conversation(context.Background(), "U1")
	if err != nil {
		b.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	value := []byte(strings.Repeat("x", len(conv.State)))
	bare := func() error {
		return db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("conversations"))
			if err != nil {
				return err
			}
			return bk.Put([]byte("U1"), value)
		})
	}
	var turns, bares []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// An answer, then "back" to the same question: every turn is a full
		// load-step-commit of a state of the same size.
		text := long
		if i%2 == 1 {
			text = "back"
		}
		t0 := time.Now()
		if _, err := r.Handle(context.Background(), "U1", conversations.Input{Text: text}, now); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := bare(); err != nil {
			b.Fatal(err)
		}
		turns, bares = append(turns, t1.Sub(t0)), append(bares, time.Since(t1))
	}
	tp, bp := median(turns), median(bares)
	b.ReportMetric(float64(len(conv.State)), "state-bytes")
	b.ReportMetric(float64(tp.Microseconds()), "turn-p50-µs")
	b.ReportMetric(float64(bp.Microseconds()), "bare-p50-µs")
	b.ReportMetric(float64(tp)/float64(bp), "turn/bare-p50")
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func TestRunner_StartProtectsAFlowInProgress(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	st.Now = func() time.Time { return now }
	for _, text := range goalScript[:3] {
		say(t, r, "U1", text, now)
	}
	session := now.Add(26 * time.Hour)
	if _, err := r.Start(context.Background(), "U1", conversations.FlowCheckIn, session, "G1", now.Add(time.Hour)); !errors.Is(err, conversations.ErrBusy) {
		t.Fatalf("a check-in replaced a goal being written an hour ago: %v", err)
	}
	if got := say(t, r, "U1", "hi", now.Add(time.Hour)); !strings.Contains(got, "one goal") {
		t.Fatalf("the goal flow was disturbed: %q", got)
	}
	// Abandoned for a day: the check-in may take its place.
	replies, err := r.Start(context.Background(), "U1", conversations.FlowCheckIn, session, "G1", now.Add(25*time.Hour))
	if err != nil || len(replies) == 0 {
		t.Fatalf("start after a day: %v %v", replies, err)
	}
}

func TestRunner_AwayAndBackInTheChat(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	if got := say(t, r, "U1", "I'm away until June 20", now); !strings.Contains(got, "until Saturday, June 20") {
		t.Fatalf("said %q", got)
	}
	m, err := st.Member(context.Background(), "U1")
	if err != nil || !m.PausedUntil.Equal(time.Date(2026, 6, 20, 0, 0, 0, 0, chicago)) {
		t.Fatalf("member = %+v, %v", m, err)
	}
	if got := say(t, r, "U1", "away for 2 weeks", now); !strings.Contains(got, "Wednesday, June 24") {
		t.Fatalf("said %q", got)
	}
	if got := say(t, r, "U1", "away someday", now); !strings.Contains(got, "away until June 20") {
		t.Fatalf("said %q", got)
	}
	if got := say(t, r, "U1", "I'm back", now); !strings.Contains(got, "Welcome back") {
		t.Fatalf("said %q", got)
	}
	if m, _ := st.Member(context.Background(), "U1"); !m.PausedUntil.IsZero() {
		t.Fatalf("still paused until %v", m.PausedUntil)
	}
}

// TestRunner_HandleFrom: a turn from the inbox removes its journal entry and
// stages its replies in the outbox, in the same commit as the answer; a
// second turn for the same input does nothing.
func TestRunner_HandleFrom(t *testing.T) {
	ctx := context.Background()
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	items, _, err := st.Journal(ctx, []store.InboxItem{{Key: "Ev1", MemberID: "U1", Kind: "dm", Payload: json.RawMessage(`{}`)}})
	if err != nil {
		t.Fatal(err)
	}
	origin := conversations.Origin{EventID: "Ev1", InboxSeq: items[0].Seq, Outbox: true, Channel: "D1"}
	out, err := r.HandleFrom(ctx, "U1", origin, conversations.Input{Text: "set a goal"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Replies) == 0 || len(out.OutboxIDs) != len(out.Replies) || out.Duplicate {
		t.Fatalf("outcome %+v", out)
	}
	staged, err := st.Outbox(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range staged {
		reply, err := conversations.DecodeReply(o.Body)
		if err != nil || o.Channel != "D1" || o.ID != out.OutboxIDs[i] || reply.Text != out.Replies[i].Text {
			t.Fatalf("staged reply %d: %+v (%v), want %q", i, o, err, out.Replies[i].Text)
		}
	}
	if pending, _ := st.Inbox(ctx); len(pending) != 0 {
		t.Fatalf("the journal entry outlived its turn: %+v", pending)
	}
	again, err := r.HandleFrom(ctx, "U1", origin, conversations.Input{Text: "set a goal"}, now)
	if err != nil || !again.Duplicate || len(again.Replies) != 0 {
		t.Fatalf("second turn for the same input: %+v, %v", again, err)
	}
	if n, _ := st.OutboxDepth(ctx); n != len(staged) {
		t.Fatalf("outbox grew on a duplicate: %d", n)
	}
}

// TestRunner_SpeaksTheMembersLanguage: a member whose saved language is
// Spanish is answered from the Spanish catalogue through the Runner.
func TestRunner_SpeaksTheMembersLanguage(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	if err := st.SaveMember(ctx, store.Member{ID: "U1", Lang: "es-MX"}); err != nil {
		t.Fatal(err)
	}
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	replies, err := r.Handle(ctx, "U1", conversations.Input{Action: "goal:start"}, time.Date(2026, 6, 10, 10, 0, 0, 0, chicago))
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) == 0 || replies[0].Text != conversations.WordsFor(conversations.Spanish).DreamFun {
		t.Fatalf("replies %+v, want the Spanish dream question", replies)
	}
}

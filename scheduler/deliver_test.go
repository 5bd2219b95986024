package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// fakeSender is a hand-written scheduler.Sender. DeliverFn decides each
// Deliver: whether the message reached the recipient and what Deliver
// reports; nil delivers. DeliveredFn, if set, answers Delivered; otherwise
// Delivered says whether a message with that key arrived.
type fakeSender struct {
	now         func() time.Time
	DeliverFn   func(d store.Delivery, try int) (arrived bool, err error)
	DeliveredFn func(d store.Delivery) (found bool, err error)
	SlotFn      func() // called in Slot, as a long wait for the rate limit

	mu      sync.Mutex
	tries   map[string]int       // Deliver calls per key
	arrived map[string]time.Time // key → when it reached the recipient
	texts   map[string]string
	calls   []call // every Deliver and Delivered, in order
}

type call struct {
	method string // "Deliver" or "Delivered"
	key    string
	at     time.Time
}

func newFakeSender(now func() time.Time) *fakeSender {
	return &fakeSender{now: now, tries: map[string]int{}, arrived: map[string]time.Time{}, texts: map[string]string{}}
}

func (f *fakeSender) Deliver(ctx context.Context, d store.Delivery, replies []conversations.Reply) (string, string, error) {
	f.mu.Lock()
	f.tries[d.Key]++
	try := f.tries[d.Key]
	f.calls = append(f.calls, call{"Deliver", d.Key, f.now()})
	fn := f.DeliverFn
	f.mu.Unlock()
	arrived, err := true, error(nil)
	if fn != nil {
		arrived, err = fn(d, try)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if arrived {
		if _, twice := f.arrived[d.Key]; twice {
			f.texts[d.Key] += "\x00DUPLICATE"
		}
		f.arrived[d.Key] = f.now()
		var b strings.Builder
		for _, r := range replies {
			b.WriteString(r.Text + "\n")
		}
		f.texts[d.Key] += b.String()
	}
	if err != nil {
		return "", "", err
	}
	return "D" + d.Recipient, "1.0", nil
}

func (f *fakeSender) Delivered(ctx context.Context, d store.Delivery) (string, string, bool, error) {
	f.mu.Lock()
	f.calls = append(f.calls, call{"Delivered", d.Key, f.now()})
	fn := f.DeliveredFn
	_, found := f.arrived[d.Key]
	f.mu.Unlock()
	if fn != nil {
		var err error
		if found, err = fn(d); err != nil {
			return "", "", false, err
		}
	}
	if !found {
		return "D" + d.Recipient, "", false, nil
	}
	return "D" + d.Recipient, "1.0", true, nil
}

func (f *fakeSender) Slot(ctx context.Context) error {
	if f.SlotFn != nil {
		f.SlotFn()
	}
	return ctx.Err()
}

// deliverCalls counts the Deliver calls for key.
func (f *fakeSender) deliverCalls(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tries[key]
}

func (f *fakeSender) arrivedAt(key string) (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	at, ok := f.arrived[key]
	return at, ok
}

func (f *fakeSender) text(key string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.texts[key]
}

func (f *fakeSender) callsFor(key string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.key == key {
			out = append(out, c)
		}
	}
	return out
}

// rig is a real store in t.TempDir(), a scheduler and a fake Sender on one
// fake clock.
type rig struct {
	t      *testing.T
	clock  *clock
	st     *store.Store
	send   *fakeSender
	runner *conversations.Runner
	sched  *scheduler.Scheduler
}

func newRig(t *testing.T, start time.Time) *rig {
	t.Helper()
	r := &rig{t: t, clock: &clock{now: start}}
	var err error
	if r.st, err = store.Open(filepath.Join(t.TempDir(), "cairn.db")); err != nil {
		t.Fatal(err)
	}
	r.st.Now = r.clock.Now
	t.Cleanup(func() {
		if err := r.st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		r.st.Close()
	})
	r.send = newFakeSender(r.clock.Now)
	r.runner = &conversations.Runner{Store: r.st}
	r.sched = scheduler.New(r.st, r.runner, r.send,
		scheduler.Config{ReplanEvery: time.Hour, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	r.sched.Now = r.clock.Now
	return r
}

func (r *rig) group(g store.Group, members ...store.Member) {
	r.t.Helper()
	ctx := context.Background()
	for _, m := range members {
		if err := r.st.SaveMember(ctx, m); err != nil {
			r.t.Fatal(err)
		}
	}
	if err := r.st.SaveGroup(ctx, g); err != nil {
		r.t.Fatal(err)
	}
	r.sched.Replan()
}

// tick runs one pass at t.
func (r *rig) tick(t time.Time) {
	r.t.Helper()
	r.clock.Set(t)
	if err := r.sched.Tick(context.Background()); err != nil {
		r.t.Fatalf("tick at %v: %v", t, err)
	}
}

// run ticks every step from now until end, as the scheduler's loop would.
func (r *rig) run(end time.Time, step time.Duration) {
	r.t.Helper()
	for t := r.clock.Now(); !t.After(end); t = t.Add(step) {
		r.tick(t)
	}
}

// loop ticks as Run does: at the next due time, and at least every minute.
func (r *rig) loop(end time.Time) {
	r.t.Helper()
	for t := r.clock.Now(); !t.After(end); {
		r.tick(t)
		wait := time.Minute
		if next, ok, err := r.st.NextDue(context.Background()); err != nil {
			r.t.Fatal(err)
		} else if ok {
			wait = min(wait, max(next.Sub(t), 10*time.Millisecond))
		}
		t = t.Add(wait)
	}
}

func (r *rig) delivery(key string) store.Delivery {
	r.t.Helper()
	d, err := r.st.Delivery(context.Background(), key)
	if err != nil {
		r.t.Fatal(err)
	}
	return d
}

// tuesdayGroup is a group meeting Tuesdays at 18:00 in New York with the
// given members, all with records in zone (or none if empty).
func tuesdayGroup(t *testing.T, r *rig, zone string, ids ...string) {
	t.Helper()
	sched := weekly(t, "Tuesdays 6pm", newYork)
	var ms []store.Member
	for _, id := range ids {
		ms = append(ms, store.Member{ID: id, Name: id, TZ: zone})
	}
	r.group(store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text,
		TZ: "America/New_York", Members: ids}, ms...)
}

var errRefused = errors.New("fake: connection refused")

func TestScheduler_GivesUpByUsefulnessNotByCount(t *testing.T) {
	monday := time.Date(2026, 6, 15, 17, 0, 0, 0, newYork)
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	prompt := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UANA")

	t.Run("RetriedUntilItGetsThrough", func(t *testing.T) {
		r := newRig(t, monday)
		tuesdayGroup(t, r, "America/New_York", "UANA")
		// Slack refuses every post until Tuesday noon, 18 hours on.
		back := time.Date(2026, 6, 16, 12, 0, 0, 0, newYork)
		r.send.DeliverFn = func(d store.Delivery, try int) (bool, error) {
			if r.clock.Now().Before(back) {
				return false, errRefused
			}
			return true, nil
		}
		r.run(back.Add(time.Hour), 15*time.Minute)
		d := r.delivery(prompt)
		if d.State != store.DeliverySent {
			t.Fatalf("prompt %s (%s) after %d attempts; want sent once Slack was back", d.State, d.Reason, d.Attempts)
		}
		if d.Attempts <= 8 || d.Attempts > 30 {
			// Backoff from 30 s to an hour over 18 hours: about 25 tries.
			t.Errorf("prompt sent after %d attempts; want more than the old limit of 8, and backoff", d.Attempts)
		}
		// The backoff stays capped: after Slack came back it went out within the hour.
		if at, _ := r.send.arrivedAt(prompt); at.Sub(back) > time.Hour {
			t.Errorf("prompt arrived %v after Slack came back", at.Sub(back))
		}
	})

	t.Run("GivenUpOnceTheSessionStarted", func(t *testing.T) {
		r := newRig(t, monday)
		tuesdayGroup(t, r, "America/New_York", "UANA")
		r.send.DeliverFn = func(store.Delivery, int) (bool, error) { return false, errRefused }
		r.loop(session.Add(time.Hour))
		d := r.delivery(prompt)
		if d.State != store.DeliverySkipped || !strings.HasPrefix(d.Reason, "gave up") {
			t.Fatalf("prompt %s (%q); want given up", d.State, d.Reason)
		}
		calls := r.send.callsFor(prompt)
		last := calls[len(calls)-1].at
		if !last.Before(session) || session.Sub(last) > time.Hour {
			t.Errorf("last try at %v; want within the hour before the session at %v", last, session)
		}
	})
}

func TestScheduler_CompositionFailureBacksOffAndDoesNotStallThePass(t *testing.T) {
	start := time.Date(2026, 6, 15, 17, 59, 0, 0, newYork)
	r := newRig(t, start)
	tuesdayGroup(t, r, "America/New_York", "UANA", "UBEN")
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	ctx := context.Background()
	r.tick(start) // plans
	// A delivery Cairn cannot compose (a kind this version does not know,
	// as after a downgrade), due before the prompts.
	day := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	bad := store.Delivery{Key: store.DeliveryKey("bogus", "", day, "UANA"), Kind: "bogus", Session: day,
		Recipient: "UANA", DueAt: start.UTC()}
	if _, err := r.st.PlanDeliveries(ctx, []store.Delivery{bad}); err != nil {
		t.Fatal(err)
	}
	due := session.Add(-24 * time.Hour)
	r.tick(due)
	for _, id := range []string{"UANA", "UBEN"} {
		if d := r.delivery(store.DeliveryKey(store.DeliverPrompt, "C1", session, id)); d.State != store.DeliverySent {
			t.Errorf("%s's prompt is %s; one bad delivery held up the pass", id, d.State)
		}
	}
	d := r.delivery(bad.Key)
	if d.State != store.DeliveryPlanned || !d.DueAt.After(due) {
		t.Fatalf("bad delivery %s, due %v; want planned again, later than %v", d.State, d.DueAt, due)
	}
	if next, ok, err := r.st.NextDue(ctx); err != nil || !ok || !next.After(due) {
		t.Fatalf("next due %v %v %v: the loop would spin on the bad delivery", next, ok, err)
	}
	// Backoff, then the same limit as a failed send: given up once useless.
	tries := d.Attempts
	r.loop(due.Add(30 * time.Hour))
	d = r.delivery(bad.Key)
	if d.State != store.DeliverySkipped || !strings.HasPrefix(d.Reason, "gave up") {
		t.Fatalf("bad delivery %s (%q)", d.State, d.Reason)
	}
	if d.Attempts-tries > 40 {
		t.Errorf("%d attempts in 30 hours: no backoff", d.Attempts-tries)
	}
}

func TestScheduler_MaybeSentIsNeverResentBlind(t *testing.T) {
	start := time.Date(2026, 6, 15, 17, 59, 0, 0, newYork)
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	prompt := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UANA")
	maybe := fmt.Errorf("chat.postMessage: context deadline exceeded: %w", scheduler.ErrMaybeSent)
	methods := func(cs []call) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.method)
		}
		return strings.Join(out, ",")
	}
	for _, tt := range []struct {
		name      string
		arrived   bool                               // whether the first, uncertain post arrived
		delivered func(store.Delivery) (bool, error) // nil: the truth
		want      string                             // the Sender's calls for the prompt
	}{
		{"ArrivedIsFoundNotSentAgain", true, nil, "Deliver,Delivered"},
		{"LostIsSentOnceMore", false, nil, "Deliver,Delivered,Deliver"},
		{"UncheckableWaitsAndAsksAgain", true, func() func(store.Delivery) (bool, error) {
			n := 0
			return func(store.Delivery) (bool, error) {
				if n++; n <= 2 {
					return false, errors.New("fake: conversations.history: 500")
				}
				return true, nil
			}
		}(), "Deliver,Delivered,Delivered,Delivered"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, start)
			tuesdayGroup(t, r, "America/New_York", "UANA")
			r.send.DeliverFn = func(d store.Delivery, try int) (bool, error) {
				if try == 1 {
					return tt.arrived, maybe
				}
				return true, nil
			}
			r.send.DeliveredFn = tt.delivered
			r.tick(session.Add(-24 * time.Hour))
			d := r.delivery(prompt)
			if d.State != store.DeliverySending || d.Attempts != 1 || !d.DueAt.After(r.clock.Now()) {
				t.Fatalf("after an uncertain post: %s, %d attempts, due %v; want sending, 1, later", d.State, d.Attempts, d.DueAt)
			}
			r.loop(session.Add(-20 * time.Hour))
			if d := r.delivery(prompt); d.State != store.DeliverySent {
				t.Fatalf("prompt %s (%q)", d.State, d.Reason)
			}
			if got := methods(r.send.callsFor(prompt)); got != tt.want {
				t.Errorf("calls %s, want %s", got, tt.want)
			}
			if strings.Contains(r.send.text(prompt), "DUPLICATE") {
				t.Error("the prompt arrived twice")
			}
		})
	}

	t.Run("UnreachableWhenChecked", func(t *testing.T) {
		r := newRig(t, start)
		tuesdayGroup(t, r, "America/New_York", "UANA")
		r.send.DeliverFn = func(store.Delivery, int) (bool, error) { return false, maybe }
		r.send.DeliveredFn = func(store.Delivery) (bool, error) {
			return false, fmt.Errorf("conversations.open: %w: user_not_found", scheduler.ErrUnreachable)
		}
		r.loop(session.Add(-20 * time.Hour))
		d := r.delivery(prompt)
		if d.State != store.DeliverySkipped || d.Reason != "unreachable: user_not_found (an earlier attempt may have arrived)" {
			t.Errorf("prompt %s (%q)", d.State, d.Reason)
		}
		if m, err := r.st.Member(context.Background(), "UANA"); err != nil || m.Unreachable != "user_not_found" {
			t.Errorf("member %+v %v", m, err)
		}
		if got := methods(r.send.callsFor(prompt)); got != "Deliver,Delivered" {
			t.Errorf("calls %s, want Deliver,Delivered", got)
		}
	})

	t.Run("RefusedIsRetriedWithoutAsking", func(t *testing.T) {
		r := newRig(t, start)
		tuesdayGroup(t, r, "America/New_York", "UANA")
		r.send.DeliverFn = func(d store.Delivery, try int) (bool, error) {
			if try == 1 {
				return false, errRefused
			}
			return true, nil
		}
		r.loop(session.Add(-20 * time.Hour))
		if got := methods(r.send.callsFor(prompt)); got != "Deliver,Deliver" {
			t.Errorf("calls %s, want Deliver,Deliver", got)
		}
	})
}

func TestScheduler_UnreachableRecipients(t *testing.T) {
	start := time.Date(2026, 6, 15, 17, 0, 0, 0, newYork)
	first := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	second := first.AddDate(0, 0, 7)
	r := newRig(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	r.group(store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York"},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "America/New_York", NavigatorID: "UNAV"},
		store.Member{ID: "UFAC", Name: "Fay", TZ: "America/New_York"})
	ctx := context.Background()
	gone := true // Ben's account is deactivated until he comes back
	r.send.DeliverFn = func(d store.Delivery, try int) (bool, error) {
		if d.Recipient == "UBEN" && gone {
			return false, fmt.Errorf("chat.postMessage to UBEN: %w: account_inactive", scheduler.ErrUnreachable)
		}
		return true, nil
	}
	r.loop(first.Add(time.Hour))

	key := func(kind store.DeliveryKind, session time.Time, who string) string {
		return store.DeliveryKey(kind, "C1", session, who)
	}
	if d := r.delivery(key(store.DeliverPrompt, first, "UBEN")); d.State != store.DeliverySkipped || d.Reason != "unreachable: account_inactive" {
		t.Errorf("Ben's prompt: %s (%q), want skipped (unreachable: account_inactive)", d.State, d.Reason)
	}
	if d := r.delivery(key(store.DeliverReminder, first, "UBEN")); d.State != store.DeliverySkipped || d.Reason != "unreachable" {
		t.Errorf("Ben's reminder: %s (%q), want skipped (unreachable)", d.State, d.Reason)
	}
	if n := r.send.deliverCalls(key(store.DeliverReminder, first, "UBEN")); n != 0 {
		t.Errorf("Slack was asked %d times to remind an unreachable member", n)
	}
	if n := r.send.deliverCalls(key(store.DeliverPrompt, first, "UBEN")); n != 1 {
		t.Errorf("Ben's prompt was tried %d times; a permanent error is not retried", n)
	}
	ben, err := r.st.Member(ctx, "UBEN")
	if err != nil {
		t.Fatal(err)
	}
	if ben.Unreachable != "account_inactive" || !ben.UnreachableAt.Equal(first.Add(-24*time.Hour)) || ben.NavigatorID != "UNAV" || ben.Name != "Ben" {
		t.Errorf("Ben's record: %+v", ben)
	}
	digest := r.send.text(key(store.DeliverDigest, first, "UFAC"))
	if !strings.Contains(digest, "Ben can't be reached on Slack") || strings.Contains(digest, "Ben hasn't checked in yet") || !strings.Contains(digest, "Ana hasn't checked in yet") {
		t.Errorf("digest should show Ben as unreachable, not as not yet:\n%s", digest)
	}

	// Ben writes to Cairn again: he is reachable, and the next prompt goes to him.
	gone = false
	if err := r.st.ClearUnreachable(ctx, "UBEN"); err != nil {
		t.Fatal(err)
	}
	r.loop(second.Add(-23 * time.Hour))
	if d := r.delivery(key(store.DeliverPrompt, second, "UBEN")); d.State != store.DeliverySent {
		t.Errorf("Ben's next prompt: %s (%q), want sent", d.State, d.Reason)
	}
}

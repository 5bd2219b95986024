package store_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the DST rows must not depend on the machine's tz database

	"github.com/cairnbot/cairn/store"
	bolt "go.etcd.io/bbolt"
)

// delivery is a planned delivery with its key filled in.
func delivery(kind store.DeliveryKind, group string, session time.Time, recipient string, due time.Time) store.Delivery {
	return store.Delivery{Key: store.DeliveryKey(kind, group, session, recipient), Kind: kind,
		GroupID: group, Session: session, Recipient: recipient, DueAt: due}
}

// prompt is a check-in prompt to recipient for group C1's session at t0+24h.
func prompt(recipient string, due time.Time) store.Delivery {
	return delivery(store.DeliverPrompt, "C1", t0.Add(24*time.Hour), recipient, due)
}

// farFuture is after every due time in these tests.
var farFuture = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)

func keysOf(ds []store.Delivery) []string {
	keys := make([]string, len(ds))
	for i, d := range ds {
		keys[i] = d.Key
	}
	return keys
}

func mustDelivery(t testing.TB, s *store.Store, key string) store.Delivery {
	t.Helper()
	d, err := s.Delivery(t.Context(), key)
	must(t, err)
	return d
}

func mustPlan(t testing.TB, s *store.Store, ds ...store.Delivery) int {
	t.Helper()
	n, err := s.PlanDeliveries(t.Context(), ds)
	must(t, err)
	return n
}

// checkDueIndex checks, through the API, that the due index holds exactly
// the planned and sending deliveries among keys (all the test stored), once
// each, in DueAt then Key order, and that NextDue agrees with it.
func checkDueIndex(t testing.TB, s *store.Store, keys []string) {
	t.Helper()
	ctx := t.Context()
	due, err := s.DueDeliveries(ctx, farFuture, 0)
	must(t, err)
	inDue := map[string]bool{}
	for i, d := range due {
		if inDue[d.Key] {
			t.Fatalf("%s is due twice", d.Key)
		}
		inDue[d.Key] = true
		if d.State != store.DeliveryPlanned && d.State != store.DeliverySending {
			t.Fatalf("%s is due but %s", d.Key, d.State)
		}
		if i > 0 {
			p := due[i-1]
			if p.DueAt.After(d.DueAt) || p.DueAt.Equal(d.DueAt) && p.Key >= d.Key {
				t.Fatalf("due out of order: %s (%v) before %s (%v)", p.Key, p.DueAt, d.Key, d.DueAt)
			}
		}
	}
	for _, k := range keys {
		d := mustDelivery(t, s, k)
		if pending := d.State == store.DeliveryPlanned || d.State == store.DeliverySending; pending != inDue[k] {
			t.Fatalf("%s is %s; in due index: %v", k, d.State, inDue[k])
		}
	}
	next, ok, err := s.NextDue(ctx)
	must(t, err)
	if len(due) == 0 {
		mustEqual(t, "next due exists", ok, false)
	} else {
		mustEqual(t, "next due exists", ok, true)
		mustEqual(t, "next due", next, due[0].DueAt)
	}
}

func TestStore_PlanDeliveries(t *testing.T) {
	t.Parallel()
	ctx := t.Context()

	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		s := MustOpen(t)
		ny, err := time.LoadLocation("America/New_York")
		must(t, err)
		d := prompt("U1", t0.In(ny))
		n := mustPlan(t, s, d)
		mustEqual(t, "added", n, 1)
		got := mustDelivery(t, s, d.Key)
		want := d
		want.V, want.State, want.UpdatedAt, want.DueAt = 1, store.DeliveryPlanned, t0, t0
		mustEqual(t, "delivery", got, want)
		mustEqual(t, "due in UTC", got.DueAt.Location(), time.UTC)

		// Given state and time are kept.
		d2 := prompt("U2", t0)
		d2.State, d2.UpdatedAt, d2.Attempts = store.DeliverySending, t0.Add(-time.Hour), 3
		mustPlan(t, s, d2)
		got = mustDelivery(t, s, d2.Key)
		d2.V = 1
		mustEqual(t, "delivery with state", got, d2)
		checkDueIndex(t, s, []string{d.Key, d2.Key})

		n, err = s.PlanDeliveries(ctx, nil)
		must(t, err)
		mustEqual(t, "added of none", n, 0)
	})
	t.Run("Replan", func(t *testing.T) {
		t.Parallel()
		s := MustOpen(t)
		a, b, c := prompt("U1", t0), prompt("U2", t0), prompt("U3", t0)
		mustEqual(t, "added", mustPlan(t, s, a, b, c), 3)
		must(t, s.MarkSending(ctx, []string{b.Key}, t0))
		must(t, s.MarkSent(ctx, b.Key, "D2", "1.2", t0))
		must(t, s.MarkSkipped(ctx, c.Key, "paused", t0))
		before := []store.Delivery{mustDelivery(t, s, a.Key), mustDelivery(t, s, b.Key), mustDelivery(t, s, c.Key)}

		// A restarted scheduler plans the same messages with other times
		// (its clock moved on): nothing it already planned changes.
		s.Now = func() time.Time { return t0.Add(time.Hour) }
		d := prompt("U4", t0.Add(2*time.Hour))
		later := []store.Delivery{a, b, c, d}
		for i := range later {
			later[i].DueAt = later[i].DueAt.Add(2 * time.Hour)
		}
		mustEqual(t, "added on replan", mustPlan(t, s, later...), 1)
		after := []store.Delivery{mustDelivery(t, s, a.Key), mustDelivery(t, s, b.Key), mustDelivery(t, s, c.Key)}
		mustEqual(t, "after replan", after, before)
		mustEqual(t, "sent stays sent", after[1].State, store.DeliverySent)
		mustEqual(t, "new one", mustDelivery(t, s, d.Key).UpdatedAt, t0.Add(time.Hour))

		// And again after a restart.
		s = reopen(t, s)
		mustEqual(t, "added after reopen", mustPlan(t, s, later...), 0)
		mustEqual(t, "after reopen", []store.Delivery{mustDelivery(t, s, a.Key), mustDelivery(t, s, b.Key),
			mustDelivery(t, s, c.Key)}, before)
		checkDueIndex(t, s, []string{a.Key, b.Key, c.Key, d.Key})
	})
	t.Run("Same key twice in one call", func(t *testing.T) {
		t.Parallel()
		s := MustOpen(t)
		first, second := prompt("U1", t0), prompt("U1", t0.Add(time.Hour))
		mustEqual(t, "added", mustPlan(t, s, first, second), 1)
		mustEqual(t, "first wins", mustDelivery(t, s, first.Key).DueAt, t0)
		checkDueIndex(t, s, []string{first.Key})
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		t.Parallel()
		s := MustOpen(t)
		ok := prompt("U9", t0)
		hastings := time.Date(1066, 10, 14, 0, 0, 0, 0, time.UTC)
		bad := map[string]func(d *store.Delivery){
			"wrong key":          func(d *store.Delivery) { d.Key = "prompt|C1|1|U2" },
			"empty key":          func(d *store.Delivery) { d.Key = "" },
			"key of other kind":  func(d *store.Delivery) { d.Kind = store.DeliverReminder },
			"empty recipient":    func(d *store.Delivery) { *d = delivery(store.DeliverPrompt, "C1", t0, "", t0) },
			"empty kind":         func(d *store.Delivery) { *d = delivery("", "C1", t0, "U1", t0) },
			"no due time":        func(d *store.Delivery) { d.DueAt = time.Time{} },
			"due time too far":   func(d *store.Delivery) { d.DueAt = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) },
			"no session":         func(d *store.Delivery) { *d = delivery(store.DeliverPrompt, "C1", time.Time{}, "U1", t0) },
			"NUL in group":       func(d *store.Delivery) { *d = delivery(store.DeliverPrompt, "C\x001", t0, "U1", t0) },
			"NUL in recipient":   func(d *store.Delivery) { *d = delivery(store.DeliverPrompt, "C1", t0, "U\x001", t0) },
			"long recipient":     func(d *store.Delivery) { *d = delivery(store.DeliverPrompt, "C1", t0, strings.Repeat("U", 300), t0) },
			"unknown state":      func(d *store.Delivery) { d.State = "lost" },
			"session in 1066":    func(d *store.Delivery) { *d = delivery(store.DeliverPrompt, "C1", hastings, "U1", t0) },
			"group id too long":  func(d *store.Delivery) { *d = delivery(store.DeliverPrompt, strings.Repeat("C", 256), t0, "U1", t0) },
			"recipient mismatch": func(d *store.Delivery) { d.Recipient = "U8" },
		}
		for name, change := range bad {
			t.Run(name, func(t *testing.T) {
				d := prompt("U1", t0)
				change(&d)
				// One bad delivery refuses the whole call.
				n, err := s.PlanDeliveries(ctx, []store.Delivery{ok, d})
				mustIs(t, err, store.ErrInvalid)
				mustEqual(t, "added", n, 0)
			})
		}
		_, err := s.Delivery(ctx, ok.Key)
		mustIs(t, err, store.ErrNotFound)
		counts, err := s.CountDeliveries(ctx)
		must(t, err)
		mustEqual(t, "counts", counts, map[store.DeliveryState]int{})
		checkDueIndex(t, s, nil)
	})
}

func TestStore_Delivery(t *testing.T) {
	t.Parallel()
	s := MustOpen(t)
	_, err := s.Delivery(t.Context(), "prompt|C1|0|U1")
	mustIs(t, err, store.ErrNotFound)
}

func TestStore_DueDeliveries(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	// Planned out of order; ties on DueAt are broken by Key.
	ds := []store.Delivery{
		prompt("U5", t0.Add(time.Minute)),
		prompt("U3", t0),
		delivery(store.DeliverDigest, "C1", t0.Add(24*time.Hour), "U9", t0),
		prompt("U1", t0),
		prompt("U4", t0.Add(-time.Hour)),
		prompt("U2", t0.Add(time.Hour)), // not due yet at t0+1m
		prompt("U6", t0.Add(-2*time.Hour)),
	}
	mustPlan(t, s, ds...)
	must(t, s.MarkSent(ctx, ds[6].Key, "D6", "6.0", t0)) // sent: never due again

	got, err := s.DueDeliveries(ctx, t0.Add(time.Minute), 0)
	must(t, err)
	wantKeys := []string{ds[4].Key, ds[2].Key, ds[3].Key, ds[1].Key, ds[0].Key}
	mustEqual(t, "order", keysOf(got), wantKeys)
	if !(ds[2].Key < ds[3].Key && ds[3].Key < ds[1].Key) {
		t.Fatal("test keys do not order as the test assumes")
	}

	t.Run("limit", func(t *testing.T) {
		got, err := s.DueDeliveries(ctx, t0.Add(time.Minute), 2)
		must(t, err)
		mustEqual(t, "limited", keysOf(got), wantKeys[:2])
		got, err = s.DueDeliveries(ctx, t0.Add(time.Minute), -1)
		must(t, err)
		mustEqual(t, "negative limit is no limit", keysOf(got), wantKeys)
	})
	t.Run("DueAt == now is due", func(t *testing.T) {
		got, err := s.DueDeliveries(ctx, t0, 0)
		must(t, err)
		mustEqual(t, "at t0", keysOf(got), wantKeys[:4])
		got, err = s.DueDeliveries(ctx, t0.Add(-time.Nanosecond), 0)
		must(t, err)
		mustEqual(t, "just before t0", keysOf(got), wantKeys[:1])
		got, err = s.DueDeliveries(ctx, t0.Add(-3*time.Hour), 0)
		must(t, err)
		mustEqual(t, "none due", len(got), 0)
	})
	t.Run("NextDue", func(t *testing.T) {
		next, ok, err := s.NextDue(ctx)
		must(t, err)
		mustEqual(t, "ok", ok, true)
		mustEqual(t, "next", next, t0.Add(-time.Hour))
	})
	checkDueIndex(t, s, keysOf(ds))
}

func TestStore_Delivery_lifecycle(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	a, b := prompt("U1", t0), prompt("U2", t0.Add(time.Minute))
	mustPlan(t, s, a, b)
	keys := []string{a.Key, b.Key}
	next, ok, err := s.NextDue(ctx)
	must(t, err)
	mustEqual(t, "next due", next, t0)
	mustEqual(t, "next due ok", ok, true)

	t.Run("planned → sending → sent", func(t *testing.T) {
		must(t, s.MarkSending(ctx, []string{a.Key}, t0.Add(time.Second)))
		d := mustDelivery(t, s, a.Key)
		mustEqual(t, "state", d.State, store.DeliverySending)
		mustEqual(t, "attempts", d.Attempts, 1)
		mustEqual(t, "updated", d.UpdatedAt, t0.Add(time.Second))
		checkDueIndex(t, s, keys) // still due

		must(t, s.MarkSent(ctx, a.Key, "D1", "1700000000.000100", t0.Add(2*time.Second)))
		d = mustDelivery(t, s, a.Key)
		want := a
		want.V, want.State, want.Channel, want.TS, want.Attempts, want.UpdatedAt =
			1, store.DeliverySent, "D1", "1700000000.000100", 1, t0.Add(2*time.Second)
		mustEqual(t, "sent", d, want)
		checkDueIndex(t, s, keys)

		// Sent twice (a retry that raced the first answer): nothing changes.
		must(t, s.MarkSent(ctx, a.Key, "D9", "9.9", t0.Add(time.Hour)))
		mustEqual(t, "sent again", mustDelivery(t, s, a.Key), want)
		// Skipping a sent one keeps it sent.
		must(t, s.MarkSkipped(ctx, a.Key, "too late", t0.Add(time.Hour)))
		mustEqual(t, "skipped after sent", mustDelivery(t, s, a.Key), want)
	})
	t.Run("planned → skipped", func(t *testing.T) {
		must(t, s.MarkSkipped(ctx, b.Key, "member paused", time.Time{}))
		d := mustDelivery(t, s, b.Key)
		mustEqual(t, "state", d.State, store.DeliverySkipped)
		mustEqual(t, "reason", d.Reason, "member paused")
		mustEqual(t, "updated (zero at is Now)", d.UpdatedAt, t0)
		must(t, s.MarkSkipped(ctx, b.Key, "another reason", t0.Add(time.Hour)))
		mustEqual(t, "skipped again", mustDelivery(t, s, b.Key), d)
	})
	t.Run("due index empty", func(t *testing.T) {
		checkDueIndex(t, s, keys)
		_, ok, err := s.NextDue(ctx)
		must(t, err)
		mustEqual(t, "next due ok", ok, false)
		due, err := s.DueDeliveries(ctx, farFuture, 0)
		must(t, err)
		mustEqual(t, "due", len(due), 0)
		counts, err := s.CountDeliveries(ctx)
		must(t, err)
		mustEqual(t, "counts", counts, map[store.DeliveryState]int{store.DeliverySent: 1, store.DeliverySkipped: 1})
	})
	t.Run("skipped, then sent after all", func(t *testing.T) {
		// The message was in flight when it was skipped: the record says it went.
		c := prompt("U3", t0)
		mustPlan(t, s, c)
		must(t, s.MarkSending(ctx, []string{c.Key}, t0))
		must(t, s.MarkSkipped(ctx, c.Key, "member left", t0))
		must(t, s.MarkSent(ctx, c.Key, "D3", "3.0", t0))
		d := mustDelivery(t, s, c.Key)
		mustEqual(t, "state", d.State, store.DeliverySent)
		mustEqual(t, "reason", d.Reason, "")
		checkDueIndex(t, s, append(keys, c.Key))
	})
	t.Run("planned → sent without sending", func(t *testing.T) {
		c := prompt("U4", t0)
		mustPlan(t, s, c)
		must(t, s.MarkSent(ctx, c.Key, "D4", "4.0", t0))
		checkDueIndex(t, s, append(keys, c.Key))
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		mustIs(t, s.MarkSent(ctx, "prompt|C1|0|nobody", "D", "1", t0), store.ErrNotFound)
		mustIs(t, s.MarkSkipped(ctx, "prompt|C1|0|nobody", "why", t0), store.ErrNotFound)
		mustIs(t, s.Reschedule(ctx, "prompt|C1|0|nobody", t0), store.ErrNotFound)
	})
}

// A crash between MarkSending and MarkSent leaves the delivery sending and
// still due: the scheduler's recovery finds it and knows it may have gone.
func TestStore_MarkSending_survivesReopen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	a, b := prompt("U1", t0), prompt("U2", t0)
	mustPlan(t, s, a, b)
	must(t, s.MarkSending(ctx, []string{a.Key, b.Key}, t0))
	must(t, s.MarkSent(ctx, b.Key, "D2", "2.0", t0))

	s = reopen(t, s)
	due, err := s.DueDeliveries(ctx, t0, 0)
	must(t, err)
	mustEqual(t, "due after reopen", keysOf(due), []string{a.Key})
	mustEqual(t, "state", due[0].State, store.DeliverySending)
	mustEqual(t, "attempts", due[0].Attempts, 1)
	checkDueIndex(t, s, []string{a.Key, b.Key})

	// Recovery tries again: a second attempt, then it is sent.
	must(t, s.MarkSending(ctx, []string{a.Key}, t0.Add(time.Minute)))
	mustEqual(t, "attempts", mustDelivery(t, s, a.Key).Attempts, 2)
	must(t, s.MarkSent(ctx, a.Key, "D1", "1.0", t0.Add(time.Minute)))
	checkDueIndex(t, s, []string{a.Key, b.Key})
}

func TestStore_MarkSending(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	a, b, sent, skipped := prompt("U1", t0), prompt("U2", t0), prompt("U3", t0), prompt("U4", t0)
	mustPlan(t, s, a, b, sent, skipped)
	must(t, s.MarkSent(ctx, sent.Key, "D3", "3.0", t0))
	must(t, s.MarkSkipped(ctx, skipped.Key, "paused", t0))
	all := []string{a.Key, b.Key, sent.Key, skipped.Key}
	snapshot := func() []store.Delivery {
		var ds []store.Delivery
		for _, k := range all {
			ds = append(ds, mustDelivery(t, s, k))
		}
		return ds
	}
	before := snapshot()

	t.Run("ErrNotFound changes nothing", func(t *testing.T) {
		err := s.MarkSending(ctx, []string{a.Key, "prompt|C1|0|nobody", b.Key}, t0)
		mustIs(t, err, store.ErrNotFound)
		if !strings.Contains(err.Error(), "nobody") {
			t.Errorf("error %q does not name the key", err)
		}
		mustEqual(t, "after", snapshot(), before)
	})
	t.Run("ErrInvalid changes nothing", func(t *testing.T) {
		for _, k := range []string{sent.Key, skipped.Key} {
			mustIs(t, s.MarkSending(ctx, []string{a.Key, k, b.Key}, t0), store.ErrInvalid)
			mustEqual(t, "after", snapshot(), before)
		}
	})
	t.Run("a key twice is one attempt", func(t *testing.T) {
		must(t, s.MarkSending(ctx, []string{a.Key, a.Key}, t0))
		mustEqual(t, "attempts", mustDelivery(t, s, a.Key).Attempts, 1)
		must(t, s.MarkSending(ctx, nil, t0))
	})
	checkDueIndex(t, s, all)
}

func TestStore_Reschedule(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	a, b := prompt("U1", t0), prompt("U2", t0.Add(time.Minute))
	mustPlan(t, s, a, b)
	keys := []string{a.Key, b.Key}
	must(t, s.MarkSending(ctx, []string{a.Key}, t0))

	// Slack failed: retry in five minutes.
	s.Now = func() time.Time { return t0.Add(time.Second) }
	must(t, s.Reschedule(ctx, a.Key, t0.Add(5*time.Minute)))
	d := mustDelivery(t, s, a.Key)
	mustEqual(t, "due", d.DueAt, t0.Add(5*time.Minute))
	mustEqual(t, "state", d.State, store.DeliverySending)
	mustEqual(t, "attempts", d.Attempts, 1)
	mustEqual(t, "updated", d.UpdatedAt, t0.Add(time.Second))
	due, err := s.DueDeliveries(ctx, t0.Add(time.Minute), 0)
	must(t, err)
	mustEqual(t, "due at t0+1m", keysOf(due), []string{b.Key})
	due, err = s.DueDeliveries(ctx, t0.Add(5*time.Minute), 0)
	must(t, err)
	mustEqual(t, "due at t0+5m", keysOf(due), []string{b.Key, a.Key})
	checkDueIndex(t, s, keys)

	// Earlier works too, and NextDue follows.
	must(t, s.Reschedule(ctx, b.Key, t0.Add(-time.Minute)))
	next, _, err := s.NextDue(ctx)
	must(t, err)
	mustEqual(t, "next due", next, t0.Add(-time.Minute))
	checkDueIndex(t, s, keys)

	t.Run("ErrInvalid", func(t *testing.T) {
		mustIs(t, s.Reschedule(ctx, b.Key, time.Time{}), store.ErrInvalid)
		must(t, s.MarkSent(ctx, a.Key, "D1", "1.0", t0))
		mustIs(t, s.Reschedule(ctx, a.Key, t0.Add(time.Hour)), store.ErrInvalid)
		mustEqual(t, "sent keeps its due time", mustDelivery(t, s, a.Key).DueAt, t0.Add(5*time.Minute))
		checkDueIndex(t, s, keys)
	})
}

func TestStore_MarkRetry(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	a, b := prompt("U1", t0), prompt("U2", t0.Add(time.Minute))
	mustPlan(t, s, a, b)
	keys := []string{a.Key, b.Key}
	must(t, s.MarkSending(ctx, []string{a.Key}, t0))

	// Slack refused the post: planned again in five minutes, the attempt counted.
	s.Now = func() time.Time { return t0.Add(time.Second) }
	must(t, s.MarkRetry(ctx, a.Key, t0.Add(5*time.Minute)))
	d := mustDelivery(t, s, a.Key)
	mustEqual(t, "due", d.DueAt, t0.Add(5*time.Minute))
	mustEqual(t, "state", d.State, store.DeliveryPlanned)
	mustEqual(t, "attempts", d.Attempts, 1)
	mustEqual(t, "updated", d.UpdatedAt, t0.Add(time.Second))
	due, err := s.DueDeliveries(ctx, t0.Add(5*time.Minute), 0)
	must(t, err)
	mustEqual(t, "due at t0+5m", keysOf(due), []string{b.Key, a.Key})
	checkDueIndex(t, s, keys)

	t.Run("ErrInvalid", func(t *testing.T) {
		mustIs(t, s.MarkRetry(ctx, b.Key, time.Time{}), store.ErrInvalid)
		must(t, s.MarkSkipped(ctx, b.Key, "too late", t0))
		mustIs(t, s.MarkRetry(ctx, b.Key, t0.Add(time.Hour)), store.ErrInvalid)
		mustIs(t, s.MarkRetry(ctx, "prompt|C1|0|nobody", t0), store.ErrNotFound)
		checkDueIndex(t, s, keys)
	})
}

func TestStore_DeliveriesFor(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	mon, tue := t0.Add(24*time.Hour), t0.Add(48*time.Hour)
	// Groups whose ids share a prefix, two sessions, all kinds, and a
	// navigator's daily list without a group.
	ds := []store.Delivery{
		delivery(store.DeliverPrompt, "C1", mon, "U1", mon.Add(-24*time.Hour)),
		delivery(store.DeliverPrompt, "C1", mon, "U2", mon.Add(-24*time.Hour)),
		delivery(store.DeliverReminder, "C1", mon, "U2", mon.Add(-2*time.Hour)),
		delivery(store.DeliverDigest, "C1", mon, "U9", mon.Add(-time.Hour)),
		delivery(store.DeliverPrompt, "C1", tue, "U1", tue.Add(-24*time.Hour)),
		delivery(store.DeliverPrompt, "C10", mon, "U1", mon.Add(-24*time.Hour)),
		delivery(store.DeliverPrompt, "C", mon, "U1", mon.Add(-24*time.Hour)),
		delivery(store.DeliverNudges, "", mon, "U7", mon),
		delivery(store.DeliverNudge, "C1", mon.Add(time.Second), "U7", mon),
	}
	mustPlan(t, s, ds...)
	must(t, s.MarkSent(ctx, ds[1].Key, "D2", "2.0", t0))
	must(t, s.MarkSkipped(ctx, ds[2].Key, "answered", t0))

	got, err := s.DeliveriesFor(ctx, "C1", mon)
	must(t, err)
	want := keysOf(ds[:4])
	slices.Sort(want)
	mustEqual(t, "C1 monday", keysOf(got), want)
	states := map[string]store.DeliveryState{}
	for _, d := range got {
		states[d.Key] = d.State
	}
	mustEqual(t, "states", states, map[string]store.DeliveryState{ds[0].Key: store.DeliveryPlanned,
		ds[1].Key: store.DeliverySent, ds[2].Key: store.DeliverySkipped, ds[3].Key: store.DeliveryPlanned})

	for _, c := range []struct {
		group   string
		session time.Time
		want    []store.Delivery
	}{
		{"C1", tue, ds[4:5]},
		{"C10", mon, ds[5:6]},
		{"C", mon, ds[6:7]},
		{"", mon, ds[7:8]},
		{"C1", mon.Add(time.Second), ds[8:9]},
		{"C2", mon, nil},
		{"C1", mon.Add(-time.Hour), nil},
	} {
		got, err := s.DeliveriesFor(ctx, c.group, c.session.In(time.FixedZone("X", 3600)))
		must(t, err)
		mustEqual(t, fmt.Sprintf("%q at %v", c.group, c.session), keysOf(got), keysOf(c.want))
	}
}

// Planners replan overlapping sets while markers send what was planned
// before: every key is added exactly once, and no replan undoes a mark.
func TestStore_Deliveries_concurrent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	const old, total, planners, markers = 300, 1000, 20, 5
	all := make([]store.Delivery, total)
	for i := range all {
		all[i] = prompt(fmt.Sprintf("U%04d", (i*7919)%total), t0.Add(time.Duration(i%17)*time.Minute))
	}
	mustEqual(t, "old planned", mustPlan(t, s, all[:old]...), old)

	var added [planners]int
	var wg sync.WaitGroup
	errs := make(chan error, planners+markers)
	for g := range planners {
		wg.Go(func() {
			// A window of 430 keys starting at 30g: together they cover
			// all, most keys are planned by many planners, in chunks so
			// plans interleave with the markers' writes.
			window := all[g*30 : g*30+430]
			for chunk := range slices.Chunk(window, 50) {
				replan := slices.Clone(chunk)
				for i := range replan {
					replan[i].DueAt = replan[i].DueAt.Add(time.Duration(g+1) * time.Hour)
				}
				n, err := s.PlanDeliveries(ctx, replan)
				if err != nil {
					errs <- err
					return
				}
				added[g] += n
			}
		})
	}
	for m := range markers {
		wg.Go(func() {
			for i := m; i < old; i += markers {
				k := all[i].Key
				err := s.MarkSending(ctx, []string{k}, t0)
				if err == nil && i%4 == 0 {
					err = s.MarkSkipped(ctx, k, "paused", t0)
				} else if err == nil {
					err = s.MarkSent(ctx, k, "D", fmt.Sprint(i), t0)
				}
				if err != nil {
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

	sum := 0
	for _, n := range added {
		sum += n
	}
	mustEqual(t, "added by all planners", sum, total-old)
	counts, err := s.CountDeliveries(ctx)
	must(t, err)
	mustEqual(t, "counts", counts, map[store.DeliveryState]int{
		store.DeliverySent: old - old/4, store.DeliverySkipped: old / 4, store.DeliveryPlanned: total - old})
	for i, d := range all[:old] {
		got := mustDelivery(t, s, d.Key)
		if got.Attempts != 1 || !got.DueAt.Equal(d.DueAt) ||
			(i%4 != 0) != (got.State == store.DeliverySent && got.TS == fmt.Sprint(i)) {
			t.Fatalf("old delivery %d: %+v", i, got)
		}
	}
	due, err := s.DueDeliveries(ctx, farFuture, 0)
	must(t, err)
	wantDue := keysOf(all[old:])
	slices.Sort(wantDue)
	gotDue := keysOf(due)
	slices.Sort(gotDue)
	mustEqual(t, "due", gotDue, wantDue)
	checkDueIndex(t, s, keysOf(all))
}

func TestStore_Members(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	const n = 1000
	ids := make([]string, 0, n+2)
	for i := range n {
		id := fmt.Sprintf("U%05d", (i*613)%n)
		ids = append(ids, id)
		if i%3 == 0 {
			must(t, s.SaveMember(ctx, store.Member{ID: id, Name: "m" + id}))
		}
	}
	ids = append(ids, "nobody", ids[0])

	got, err := s.Members(ctx, ids)
	must(t, err)
	var want []string
	for i, id := range ids[:n] {
		if i%3 == 0 {
			want = append(want, id)
		}
	}
	want = append(want, ids[0]) // asked for twice, given twice
	gotIDs := make([]string, len(got))
	for i, m := range got {
		gotIDs[i] = m.ID
		if m.Name != "m"+m.ID || m.V != 1 || !m.CreatedAt.Equal(t0) {
			t.Fatalf("member %+v", m)
		}
	}
	mustEqual(t, "ids", gotIDs, want)

	got, err = s.Members(ctx, nil)
	must(t, err)
	mustEqual(t, "none", len(got), 0)
}

func TestStore_SetPaused(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	m := store.Member{ID: "U1", Name: "Ana", TZ: "Europe/Berlin", DMChannel: "D1"}
	must(t, s.SaveMember(ctx, m))
	m.V, m.CreatedAt = 1, t0

	berlin, err := time.LoadLocation("Europe/Berlin")
	must(t, err)
	until := time.Date(2026, 7, 1, 9, 0, 0, 0, berlin)
	must(t, s.SetPaused(ctx, "U1", until))
	got, err := s.Member(ctx, "U1")
	must(t, err)
	m.PausedUntil = until.UTC()
	mustEqual(t, "paused", got, m)

	must(t, s.SetPaused(ctx, "U1", time.Time{}))
	got, err = s.Member(ctx, "U1")
	must(t, err)
	m.PausedUntil = time.Time{}
	mustEqual(t, "unpaused", got, m)

	mustIs(t, s.SetPaused(ctx, "nobody", until), store.ErrNotFound)
	mustIs(t, s.SetPaused(ctx, "", until), store.ErrInvalid)
	_, err = s.Member(ctx, "nobody")
	mustIs(t, err, store.ErrNotFound)
}

func TestStore_SaveMemberDM(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	m := store.Member{ID: "U1", Name: "Ana", PausedUntil: day(7, 1)}
	must(t, s.SaveMember(ctx, m))
	must(t, s.SaveMemberDM(ctx, "U1", "D042"))
	got, err := s.Member(ctx, "U1")
	must(t, err)
	m.V, m.CreatedAt, m.DMChannel = 1, t0, "D042"
	mustEqual(t, "member", got, m)

	mustIs(t, s.SaveMemberDM(ctx, "nobody", "D1"), store.ErrNotFound)
	_, err = s.Member(ctx, "nobody")
	mustIs(t, err, store.ErrNotFound)
}

// Sessions are keyed by instant: the two 01:30s of New York's fall-back
// night (and the two 02:30s of Berlin's) are different sessions, and one
// instant is one session whatever zone it is written in.
func TestDeliveryKey_DST(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	for _, c := range []struct {
		zone string
		day  time.Time // the fall-back day, in UTC
		wall string    // the wall time that happens twice
		at   [2]time.Time
	}{
		{"America/New_York", day(11, 1), "01:30",
			[2]time.Time{time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC), time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC)}},
		{"Europe/Berlin", day(10, 25), "02:30",
			[2]time.Time{time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)}},
	} {
		t.Run(c.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(c.zone)
			must(t, err)
			first, second := c.at[0].In(loc), c.at[1].In(loc)
			if first.Format("15:04") != c.wall || second.Format("15:04") != c.wall {
				t.Fatalf("sessions at %v and %v are not both %s on the wall", first, second, c.wall)
			}
			if a, b := first.Format("MST"), second.Format("MST"); a == b {
				t.Fatalf("both sessions in %s: no DST change here", a)
			}
			group := "C-" + c.zone
			k1 := store.DeliveryKey(store.DeliverPrompt, group, first, "U1")
			k2 := store.DeliveryKey(store.DeliverPrompt, group, second, "U1")
			if k1 == k2 {
				t.Fatalf("both sessions keyed %s", k1)
			}
			// An hour earlier in wall time, two hours earlier in fact.
			before := time.Date(first.Year(), first.Month(), first.Day(), first.Hour()-1, 30, 0, 0, loc)
			if k := store.DeliveryKey(store.DeliverPrompt, group, before, "U1"); k == k1 || k == k2 {
				t.Fatalf("session at %v keyed like another: %s", before, k)
			}
			// One instant, any zone: one key.
			for _, z := range []*time.Location{time.UTC, time.FixedZone("X", -7*3600), loc} {
				if k := store.DeliveryKey(store.DeliverPrompt, group, c.at[0].In(z), "U1"); k != k1 {
					t.Fatalf("same instant in %v keyed %s, not %s", z, k, k1)
				}
			}

			n := mustPlan(t, s,
				delivery(store.DeliverPrompt, group, first, "U1", first.Add(-24*time.Hour)),
				delivery(store.DeliverPrompt, group, second, "U1", second.Add(-24*time.Hour)),
				delivery(store.DeliverPrompt, group, c.at[0], "U1", c.at[0]), // the first one again, in UTC
			)
			mustEqual(t, "added", n, 2)
			for i, at := range []time.Time{first, second} {
				ds, err := s.DeliveriesFor(ctx, group, at)
				must(t, err)
				if len(ds) != 1 || !ds[0].Session.Equal(at) || ds[0].Key != []string{k1, k2}[i] {
					t.Fatalf("session %v: %+v", at, ds)
				}
			}
		})
	}
}

// The delivery buckets are created at open like every bucket, so a file
// written before they existed gets them without a schema change.
func TestOpen_deliveryBuckets(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "cairn.db")
	s := mustOpenPath(t, path)
	must(t, s.SaveMember(ctx, store.Member{ID: "U1"}))
	must(t, s.Close())
	v, err := store.SchemaVersion(path)
	must(t, err)

	// Make it a file from before deliveries.
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	must(t, err)
	must(t, db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"deliveries", "deliveries_due", "deliveries_by_session"} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return nil
	}))
	must(t, db.Close())

	s = mustOpenPath(t, path)
	d := prompt("U1", t0)
	mustEqual(t, "added", mustPlan(t, s, d), 1)
	due, err := s.DueDeliveries(ctx, t0, 0)
	must(t, err)
	mustEqual(t, "due", keysOf(due), []string{d.Key})
	_, err = s.Member(ctx, "U1")
	must(t, err)
	must(t, s.Close())
	v2, err := store.SchemaVersion(path)
	must(t, err)
	mustEqual(t, "schema version", v2, v)
}

func TestStore_Deliveries_closed(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	must(t, s.Close())
	_, err := s.PlanDeliveries(ctx, []store.Delivery{prompt("U1", t0)})
	mustIs(t, err, store.ErrClosed)
	_, err = s.DueDeliveries(ctx, t0, 0)
	mustIs(t, err, store.ErrClosed)
	_, _, err = s.NextDue(ctx)
	mustIs(t, err, store.ErrClosed)
	mustIs(t, s.MarkSending(ctx, []string{"k"}, t0), store.ErrClosed)
	_, err = s.Members(ctx, []string{"U1"})
	mustIs(t, err, store.ErrClosed)
	mustIs(t, s.MarkSent(ctx, "k", "D", "1", t0), store.ErrClosed)
}

// planSession builds n prompts for one group session, recipient i due at
// due(i).
func planSession(group string, session time.Time, n int, due func(i int) time.Time) []store.Delivery {
	ds := make([]store.Delivery, n)
	for i := range ds {
		ds[i] = delivery(store.DeliverPrompt, group, session, fmt.Sprintf("U%06d", i), due(i))
	}
	return ds
}

// BenchmarkPlanDeliveries10k plans a 10,000-member group's prompts in one
// call: "new" adds them all, "replan" finds them all already planned (what
// every restart of the scheduler does).
func BenchmarkPlanDeliveries10k(b *testing.B) {
	const n = 10_000
	due := func(int) time.Time { return t0 }
	b.Run("new", func(b *testing.B) {
		s := MustOpen(b)
		ctx := b.Context()
		week := 0
		for b.Loop() {
			b.StopTimer()
			week++
			ds := planSession("C1", t0.Add(time.Duration(week)*7*24*time.Hour), n, due)
			b.StartTimer()
			added, err := s.PlanDeliveries(ctx, ds)
			if err != nil || added != n {
				b.Fatalf("added %d: %v", added, err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/delivery")
	})
	b.Run("replan", func(b *testing.B) {
		s := MustOpen(b)
		ctx := b.Context()
		ds := planSession("C1", t0, n, due)
		if _, err := s.PlanDeliveries(ctx, ds); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			added, err := s.PlanDeliveries(ctx, ds)
			if err != nil || added != 0 {
				b.Fatalf("added %d: %v", added, err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/delivery")
	})
}

// BenchmarkDueDeliveries reads the 1,000 due deliveries out of 100,000
// planned (ten 10,000-member sessions over the coming weeks).
func BenchmarkDueDeliveries(b *testing.B) {
	const sessions, perSession, dueNow = 10, 10_000, 1000
	s := MustOpen(b)
	ctx := b.Context()
	for w := range sessions {
		session := t0.Add(time.Duration(w+1) * 7 * 24 * time.Hour)
		ds := planSession(fmt.Sprintf("C%d", w), session, perSession, func(i int) time.Time {
			if w == 0 && i < dueNow {
				return t0.Add(-time.Duration(i) * time.Second)
			}
			return session.Add(-24 * time.Hour).Add(time.Duration(i) * time.Millisecond)
		})
		if _, err := s.PlanDeliveries(ctx, ds); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		ds, err := s.DueDeliveries(ctx, t0, 0)
		if err != nil || len(ds) != dueNow {
			b.Fatalf("%d due: %v", len(ds), err)
		}
	}
}

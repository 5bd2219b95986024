package bot

import (
	"context"
	"slices"
	"sync"
	"time"
)

// limiter spaces calls to one Slack method so that Cairn stays under Slack's
// published rate instead of running into 429s: each call takes the next free
// slot (rate per second, with a small burst), and a 429's Retry-After pushes
// every slot back, since Slack says the whole method is limited. A caller
// that stops waiting gives its slot back, for the next caller to take: a
// slot nobody used must not push everyone after it back.
type limiter struct {
	mu       sync.Mutex
	interval time.Duration
	burst    time.Duration // how far behind "now" the next slot may be
	next     time.Time
	free     []time.Time // slots given back, earliest first, all before next
}

func newLimiter(perSecond float64, burst int) *limiter {
	if perSecond <= 0 {
		return nil
	}
	interval := time.Duration(float64(time.Second) / perSecond)
	return &limiter{interval: interval, burst: time.Duration(max(burst-1, 0)) * interval}
}

// wait blocks until the caller's slot, or ctx ends (and the slot is given
// back).
func (l *limiter) wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	now := time.Now()
	slot := l.take(now)
	l.mu.Unlock()
	d := slot.Sub(now)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		l.giveBack(slot)
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// take reserves the earliest slot: one given back, else the next one.
func (l *limiter) take(now time.Time) time.Time {
	earliest := now.Add(-l.burst)
	if l.next.Before(earliest) {
		l.next = earliest
	}
	// Given-back slots in the past are spent (the burst allowance covers
	// them); a future one is taken before a new one.
	for len(l.free) > 0 && l.free[0].Before(now) {
		l.free = l.free[1:]
	}
	if len(l.free) > 0 {
		slot := l.free[0]
		l.free = l.free[1:]
		return slot
	}
	slot := l.next
	l.next = l.next.Add(l.interval)
	return slot
}

// giveBack returns an unused slot: the newest one simply shortens the
// queue; an earlier one waits in free for the next caller.
func (l *limiter) giveBack(slot time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if slot.Before(time.Now()) {
		return // already past: nobody could use it now
	}
	if l.next.Equal(slot.Add(l.interval)) {
		l.next = slot
		// Slots given back just before it join the shorter queue too.
		for n := len(l.free); n > 0 && l.free[n-1].Equal(l.next.Add(-l.interval)); n-- {
			l.next = l.free[n-1]
			l.free = l.free[:n-1]
		}
		return
	}
	i, _ := slices.BinarySearchFunc(l.free, slot, time.Time.Compare)
	l.free = slices.Insert(l.free, i, slot)
}

// pause moves every future slot to at least until (a 429's Retry-After).
func (l *limiter) pause(until time.Time) {
	if l == nil {
		return
	}
	l.mu.Lock()
	if l.next.Before(until) {
		l.next = until
	}
	// Slots given back before until are not allowed any more.
	for len(l.free) > 0 && l.free[0].Before(until) {
		l.free = l.free[1:]
	}
	l.mu.Unlock()
}

// Slack's published limits (per workspace) for the methods Cairn calls,
// slightly under them. chat.postMessage has no fixed tier ("about one per
// second per channel, with bursts"); DMs go to different channels, so the
// workspace-wide figure below is ours, configurable with Config.PostRate.
var defaultRates = map[string]struct {
	perSecond float64
	burst     int
}{
	"conversations.open":    {50.0 / 60, 5},   // Tier 3
	"conversations.history": {50.0 / 60, 5},   // Tier 3
	"users.info":            {100.0 / 60, 10}, // Tier 4
	"views.publish":         {100.0 / 60, 20}, // Tier 4
}

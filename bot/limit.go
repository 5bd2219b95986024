package bot

import (
	"context"
	"sync"
	"time"
)

// limiter spaces calls to one Slack method so that Cairn stays under Slack's
// published rate instead of running into 429s: each call takes the next free
// slot (rate per second, with a small burst), and a 429's Retry-After pushes
// every slot back, since Slack says the whole method is limited.
type limiter struct {
	mu       sync.Mutex
	interval time.Duration
	burst    time.Duration // how far behind "now" the next slot may be
	next     time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	if perSecond <= 0 {
		return nil
	}
	interval := time.Duration(float64(time.Second) / perSecond)
	return &limiter{interval: interval, burst: time.Duration(max(burst-1, 0)) * interval}
}

// wait blocks until the caller's slot, or ctx ends.
func (l *limiter) wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	now := time.Now()
	if earliest := now.Add(-l.burst); l.next.Before(earliest) {
		l.next = earliest
	}
	slot := l.next
	l.next = l.next.Add(l.interval)
	l.mu.Unlock()
	d := slot.Sub(now)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
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

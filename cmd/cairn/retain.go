package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/store"
)

// Retention: `--retain 2y` deletes check-ins and conversation state older
// than that, once at start and then daily, and compacts the file after, so
// what was deleted is not left in its free pages.

// retainSpan is how long records are kept, in calendar units; zero is
// "keep forever" (the default).
type retainSpan struct{ years, months, days int }

func (r retainSpan) off() bool { return r == retainSpan{} }

// cutoff is the instant before which records go.
func (r retainSpan) cutoff(now time.Time) time.Time {
	return now.AddDate(-r.years, -r.months, -r.days)
}

func (r retainSpan) String() string {
	switch {
	case r.off():
		return "off"
	case r.years > 0:
		return strconv.Itoa(r.years) + "y"
	case r.months > 0:
		return strconv.Itoa(r.months) + "m"
	case r.days%7 == 0:
		return strconv.Itoa(r.days/7) + "w"
	}
	return strconv.Itoa(r.days) + "d"
}

// parseRetain reads "90d", "12w", "18m" or "2y"; "", "0" and "off" mean keep
// forever.
func parseRetain(s string) (retainSpan, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "0" || s == "off" {
		return retainSpan{}, nil
	}
	bad := fmt.Errorf("%q: use a number and d, w, m or y, such as 90d, 12w, 18m or 2y (or off)", s)
	if len(s) < 2 {
		return retainSpan{}, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 100_000 {
		return retainSpan{}, bad
	}
	var r retainSpan
	switch s[len(s)-1] {
	case 'd':
		r.days = n
	case 'w':
		r.days = 7 * n
	case 'm':
		r.months = n
	case 'y':
		r.years = n
	default:
		return retainSpan{}, bad
	}
	if r.cutoff(time.Now()).Before(time.Now().AddDate(-200, 0, 0)) {
		return retainSpan{}, fmt.Errorf("%q: keep records at most 200 years (or use off)", s)
	}
	return r, nil
}

// retainStore is what retention needs of the store.
type retainStore interface {
	DeleteOlderThan(ctx context.Context, cutoff time.Time) (store.Pruned, error)
	Compact(ctx context.Context) error
}

// retention deletes old records daily until its context ends.
type retention struct {
	st   retainStore
	keep retainSpan
	now  func() time.Time
	log  *slog.Logger
	// ticks, if set, replaces the daily ticker (tests).
	ticks <-chan time.Time
	// ran, if set, is told of each run's outcome (tests).
	ran func(store.Pruned, error)
}

// retainEvery is how often old records are deleted.
const retainEvery = 24 * time.Hour

// Run deletes at once, then on every tick, until ctx ends.
func (r *retention) Run(ctx context.Context) {
	ticks := r.ticks
	if ticks == nil {
		t := time.NewTicker(retainEvery)
		defer t.Stop()
		ticks = t.C
	}
	for {
		p, err := r.once(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			r.log.Error("deleting old records failed; trying again tomorrow", "retain", r.keep.String(), "err", err)
		case err == nil && p != (store.Pruned{}):
			r.log.Info("deleted old records", "retain", r.keep.String(), "checkins", p.CheckIns, "conversations", p.Conversations)
		}
		if r.ran != nil {
			r.ran(p, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
	}
}

// once deletes what is older than the retention span, then compacts.
func (r *retention) once(ctx context.Context) (store.Pruned, error) {
	p, err := r.st.DeleteOlderThan(ctx, r.keep.cutoff(r.now()))
	if err != nil {
		return p, err
	}
	// Compact even when nothing was old: it also clears what an earlier
	// deletion left in free pages if its own compaction failed.
	if err := r.st.Compact(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return p, err
	}
	return p, nil
}

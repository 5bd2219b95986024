package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

func TestParseRetain(t *testing.T) {
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		cutoff time.Time // zero: off
		bad    bool
	}{
		{"", time.Time{}, false},
		{"off", time.Time{}, false},
		{"0", time.Time{}, false},
		{"2y", time.Date(2024, 6, 10, 12, 0, 0, 0, time.UTC), false},
		{"18m", time.Date(2024, 12, 10, 12, 0, 0, 0, time.UTC), false},
		{"12w", now.AddDate(0, 0, -84), false},
		{"90D", now.AddDate(0, 0, -90), false},
		{"2", time.Time{}, true},
		{"y", time.Time{}, true},
		{"2h", time.Time{}, true},
		{"-1y", time.Time{}, true},
		{"two years", time.Time{}, true},
		{"999y", time.Time{}, true},
	}
	for _, tt := range tests {
		r, err := parseRetain(tt.in)
		switch {
		case tt.bad:
			if err == nil {
				t.Errorf("%q: accepted as %v", tt.in, r)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.in, err)
		case tt.cutoff.IsZero() != r.off():
			t.Errorf("%q: off = %v", tt.in, r.off())
		case !tt.cutoff.IsZero() && !r.cutoff(now).Equal(tt.cutoff):
			t.Errorf("%q: cutoff %v, want %v", tt.in, r.cutoff(now), tt.cutoff)
		}
	}
}

// TestRetention_Daily runs retention over a real store with an injected
// clock and ticks: each run deletes what has grown older than two years,
// compacts (the raw file keeps none of it), and Run stops with its context.
func TestRetention_Daily(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "cairn.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
	checkIn := func(session time.Time, did string) {
		t.Helper()
		if _, err := st.SaveCheckIn(ctx, store.CheckIn{MemberID: "U1", SessionAt: session, Did: did}); err != nil {
			t.Fatal(err)
		}
	}
	checkIn(now.AddDate(-3, 0, 0), "ancient-heron-answer")
	checkIn(now.AddDate(-2, 0, 1), "yesterday-two-years-ago")
	checkIn(now.AddDate(0, 0, -7), "last week")

	clock := now
	ticks := make(chan time.Time)
	ran := make(chan store.Pruned)
	runCtx, cancel := context.WithCancel(ctx)
	r := &retention{st: st, keep: retainSpan{years: 2}, now: func() time.Time { return clock }, ticks: ticks,
		log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		ran: func(p store.Pruned, err error) {
			if err != nil {
				t.Error(err)
			}
			ran <- p
		}}
	stopped := make(chan struct{})
	go func() { r.Run(runCtx); close(stopped) }()

	if p := <-ran; p.CheckIns != 1 {
		t.Errorf("first run deleted %+v, want the one from three years ago", p)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("ancient-heron-answer")) {
		t.Error("the deleted check-in is still in the raw file: no compaction")
	}
	clock = clock.AddDate(0, 0, 2) // set before the tick is received
	ticks <- clock
	if p := <-ran; p.CheckIns != 1 {
		t.Errorf("second run deleted %+v, want the one that turned two", p)
	}
	cs, err := st.CheckIns(ctx, "U1", time.Time{}, time.Time{})
	if err != nil || len(cs) != 1 || cs[0].Did != "last week" {
		t.Errorf("left: %+v (%v)", cs, err)
	}
	cancel()
	<-stopped
}

// TestServe_Retain: --retain and CAIRN_RETAIN reach serve's wiring, which
// runs retention until shutdown; a bad span is a usage error.
func TestServe_Retain(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	p := serveInProcess(t, fake, map[string]string{"CAIRN_RETAIN": "18m"}, []string{"--retain", "2y"}, nil)
	if got := p.main.Config.Retain; got != (retainSpan{years: 2}) {
		t.Fatalf("flag: retain = %v", got)
	}
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
	p = serveInProcess(t, fake, map[string]string{"CAIRN_RETAIN": "18m"}, nil, nil)
	if got := p.main.Config.Retain; got != (retainSpan{months: 18}) {
		t.Fatalf("env: retain = %v", got)
	}
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.stderr.String(), `"retain":"18m"`) {
		t.Errorf("serve did not start retention: %s", p.stderr.String())
	}
	lookup := func(k string) (string, bool) {
		if k == "CAIRN_RETAIN" {
			return "forever", true
		}
		return "", false
	}
	err := run(context.Background(), []string{"serve"}, nil, io.Discard, io.Discard, lookup)
	if err == nil || !strings.Contains(err.Error(), "--retain") {
		t.Fatalf("err = %v", err)
	}
}

package scheduler_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		st.Close()
	})
	return st
}

func TestSetUpGroup_autoNavigator(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		navigators []string
		want       string // proposed to Ben
	}{
		{"OneNavigator", []string{"UNAV"}, "UNAV"},
		{"TwoNavigators", []string{"UNAV", "UNAV2"}, ""},
		{"None", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			// Ana joined, and said yes to UNAV already.
			if err := st.SaveGroup(ctx, store.Group{ID: "C1", Name: "g", Members: []string{"UANA"}, Navigators: []string{"UNAV"},
				NavigatorOf: map[string]string{"UANA": "UNAV"}}); err != nil {
				t.Fatal(err)
			}
			done, err := scheduler.SetUpGroup(ctx, st, store.GroupSettings{ID: "C1", Name: "g", TZ: "America/New_York",
				Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}, Navigators: tt.navigators, By: "UFAC"}, "")
			if err != nil {
				t.Fatal(err)
			}
			g := done.Group
			// Proposed, never set: Ben says yes or not; Ana is not asked again.
			if g.NavigatorAsked["UBEN"] != tt.want || g.NavigatorFor("UBEN") != "" || g.NavigatorAsked["UANA"] != "" {
				t.Fatalf("proposed to Ben %q (want %q); %+v", g.NavigatorAsked["UBEN"], tt.want, g)
			}
		})
	}
}

func TestCancelNext(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC) // a Wednesday
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", newYork)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scheduler.CancelNext(ctx, st, "C1", now, "k0"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown group: %v", err)
	}
	if err := st.SaveGroup(ctx, store.Group{ID: "C1", Name: "g", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York"}); err != nil {
		t.Fatal(err)
	}
	june16 := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	june23 := june16.AddDate(0, 0, 7)
	steps := []struct {
		key     string
		want    time.Time
		wantErr error
	}{
		{"k1", june16, nil},
		{"k1", june16, store.ErrDuplicate}, // a replay names the same session and cancels nothing
		{"k2", june23, nil},                // a new request: the next one
		{"k2", june23, store.ErrDuplicate},
	}
	for i, s := range steps {
		got, err := scheduler.CancelNext(ctx, st, "C1", now, s.key)
		if !errors.Is(err, s.wantErr) || !got.Equal(s.want) {
			t.Fatalf("step %d: %v, %v; want %v, %v", i, got, err, s.want, s.wantErr)
		}
	}
	g, _ := st.Group(ctx, "C1")
	if len(g.Cancelled) != 2 {
		t.Fatalf("cancelled %v, want June 16 and 23", g.Cancelled)
	}

	if err := st.SaveGroup(ctx, store.Group{ID: "C2", Name: "no schedule"}); err != nil {
		t.Fatal(err)
	}
	if _, err := scheduler.CancelNext(ctx, st, "C2", now, "k3"); !errors.Is(err, scheduler.ErrNoSession) {
		t.Fatalf("no schedule: %v", err)
	}
}

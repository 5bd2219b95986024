package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStore_RecordAlert(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	msg := func(to string) store.Outgoing { return store.Outgoing{MemberID: to, Body: []byte(`{"text":"hi"}`)} }

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := s.LastAlert(ctx, "UANA"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("LastAlert before any ask: %v, want ErrNotFound", err)
		}
	})

	t.Run("OK", func(t *testing.T) {
		a := store.Alert{MemberID: "UANA", At: t0, GroupID: "C1", Asked: []string{"UNIA"}, Navigator: true}
		_, ids, err := s.RecordAlert(ctx, a, time.Hour, []store.Outgoing{msg("UNIA"), msg("UANA")})
		if err != nil || len(ids) != 2 {
			t.Fatalf("RecordAlert: ids %v, %v", ids, err)
		}
		got, err := s.LastAlert(ctx, "UANA")
		if err != nil || !got.At.Equal(t0) || len(got.Asked) != 1 || got.Asked[0] != "UNIA" || !got.Navigator || got.GroupID != "C1" {
			t.Fatalf("LastAlert: %+v, %v", got, err)
		}
		entries, err := s.Audit(ctx, store.AuditFilter{Person: "UANA"})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit: %+v, %v", entries, err)
		}
		if e := entries[0]; e.Actor != "UNIA" || e.Subject != "UANA" || e.What != "talk request" || e.GroupID != "C1" {
			t.Errorf("audit entry %+v", e)
		}
		for _, to := range []string{"UNIA", "UANA"} {
			if out, err := s.MemberOutbox(ctx, to); err != nil || len(out) != 1 {
				t.Errorf("outbox of %s: %+v, %v", to, out, err)
			}
		}
	})

	t.Run("ErrTooSoon", func(t *testing.T) {
		a := store.Alert{MemberID: "UANA", At: t0.Add(59 * time.Minute), Asked: []string{"UNIA"}}
		prev, ids, err := s.RecordAlert(ctx, a, time.Hour, []store.Outgoing{msg("UNIA")})
		if !errors.Is(err, store.ErrTooSoon) || ids != nil || !prev.At.Equal(t0) {
			t.Fatalf("second ask within the hour: prev %+v, ids %v, %v", prev, ids, err)
		}
		if out, _ := s.MemberOutbox(ctx, "UNIA"); len(out) != 1 {
			t.Errorf("a refused ask staged a message: %d waiting", len(out))
		}
		if entries, _ := s.Audit(ctx, store.AuditFilter{Person: "UANA"}); len(entries) != 1 {
			t.Errorf("a refused ask was audited: %d entries", len(entries))
		}
	})

	t.Run("AfterTheHour", func(t *testing.T) {
		a := store.Alert{MemberID: "UANA", At: t0.Add(time.Hour), Asked: []string{"UFAC"}}
		if _, _, err := s.RecordAlert(ctx, a, time.Hour, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.LastAlert(ctx, "UANA"); got.Asked[0] != "UFAC" {
			t.Errorf("latest ask %+v", got)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		if _, _, err := s.RecordAlert(ctx, store.Alert{MemberID: "UBEN"}, time.Hour, nil); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("an ask to nobody: %v, want ErrInvalid", err)
		}
	})

	t.Run("ForgetMe", func(t *testing.T) {
		if err := s.DeleteMemberData(ctx, "UANA"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LastAlert(ctx, "UANA"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("LastAlert after forget me: %v, want ErrNotFound", err)
		}
	})
}

func TestAlertFor(t *testing.T) {
	withNav := store.Group{ID: "C2", Members: []string{"UANA"}, Navigators: []string{"UNIA"}, Facilitators: []string{"UFAC"}, NavigatorOf: map[string]string{"UANA": "UNIA"}}
	asked := store.Group{ID: "C2", Members: []string{"UANA"}, Navigators: []string{"UNIA"}, Facilitators: []string{"UFAC"}, NavigatorAsked: map[string]string{"UANA": "UNIA"}}
	facs := store.Group{ID: "C1", Members: []string{"UANA"}, Facilitators: []string{"UFAC", "ULEE"}}
	invited := store.Group{ID: "C0", Facilitators: []string{"UOTHER"}, Invited: []store.Invitation{{Person: "UANA", Role: store.RoleMember}}}
	for _, tt := range []struct {
		name   string
		groups []store.Group
		asked  []string
		nav    bool
	}{
		{"navigator first", []store.Group{facs, withNav}, []string{"UNIA"}, true},
		{"a proposed navigator is not asked", []store.Group{asked}, []string{"UFAC"}, false},
		{"facilitators", []store.Group{facs}, []string{"UFAC", "ULEE"}, false},
		{"not a group only invited to", []store.Group{invited}, nil, false},
		{"no group", nil, nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := store.AlertFor(tt.groups, "UANA")
			if ok != (tt.asked != nil) || !slices.Equal(a.Asked, tt.asked) || a.Navigator != tt.nav {
				t.Errorf("AlertFor = %+v, %v; want %v (navigator %v)", a, ok, tt.asked, tt.nav)
			}
		})
	}
}

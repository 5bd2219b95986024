package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStore_EnsureMember(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	created, err := s.EnsureMember(ctx, store.Member{ID: "U1", TZ: "America/Chicago"})
	must(t, err)
	mustEqual(t, "created", created, true)
	must(t, s.SetPaused(ctx, "U1", day(6, 20)))

	// An existing record is never overwritten, whatever is passed.
	created, err = s.EnsureMember(ctx, store.Member{ID: "U1", TZ: "Europe/Berlin", NavigatorID: "UX"})
	must(t, err)
	mustEqual(t, "created again", created, false)
	m, err := s.Member(ctx, "U1")
	must(t, err)
	mustEqual(t, "member", m, store.Member{V: 1, ID: "U1", TZ: "America/Chicago", PausedUntil: day(6, 20), CreatedAt: t0})

	_, err = s.EnsureMember(ctx, store.Member{})
	mustIs(t, err, store.ErrInvalid)
}

func TestStore_SetProfile(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	_, err := s.SetProfile(ctx, "U1", store.Profile{Name: "Ana", TZ: "America/Chicago"})
	mustIs(t, err, store.ErrNotFound)

	must(t, s.SaveMember(ctx, store.Member{ID: "U1", Name: "Ana", NavigatorID: "UNAV", PausedUntil: day(6, 20)}))
	tests := []struct {
		name        string
		p           store.Profile
		wantChanged bool
		wantName    string
		wantTZ      string
	}{
		{"ZoneLearned", store.Profile{Name: "Ana", TZ: "America/Chicago"}, true, "Ana", "America/Chicago"},
		{"Same", store.Profile{Name: "Ana", TZ: "America/Chicago"}, false, "Ana", "America/Chicago"},
		{"EmptyKeeps", store.Profile{}, false, "Ana", "America/Chicago"},
		{"Moved", store.Profile{TZ: "Europe/Berlin"}, true, "Ana", "Europe/Berlin"},
		{"Renamed", store.Profile{Name: "Ana M."}, true, "Ana M.", "Europe/Berlin"},
	}
	for _, tt := range tests {
		changed, err := s.SetProfile(ctx, "U1", tt.p)
		must(t, err)
		mustEqual(t, tt.name+": changed", changed, tt.wantChanged)
		m, err := s.Member(ctx, "U1")
		must(t, err)
		mustEqual(t, tt.name+": member", m, store.Member{V: 1, ID: "U1", Name: tt.wantName, TZ: tt.wantTZ,
			NavigatorID: "UNAV", PausedUntil: day(6, 20), CreatedAt: t0})
	}
}

func TestStore_SetUpGroup(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)

	// Ana has a pause already; Ben is unknown.
	must(t, s.SaveMember(ctx, store.Member{ID: "UANA", TZ: "America/Chicago", PausedUntil: day(6, 20)}))
	set := store.GroupSettings{ID: "C1", Name: "Tuesday group", Schedule: "CRON_TZ=America/New_York 0 18 * * TUE",
		TZ: "America/New_York", Lead: 24 * time.Hour, Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"},
		Navigators: []string{"UNAV"}, AutoNavigator: "UNAV", By: "UFAC"}
	done, err := s.SetUpGroup(ctx, set, "trigger-1")
	must(t, err)
	g := done.Group
	// Only the one who set it up is in it; everyone else is invited.
	mustEqual(t, "members", g.Members, []string(nil))
	mustEqual(t, "facilitators", g.Facilitators, []string{"UFAC"})
	mustEqual(t, "navigators", g.Navigators, []string(nil))
	mustEqual(t, "invited", done.Invited, []store.Invitation{
		{Person: "UANA", Role: store.RoleMember, By: "UFAC", At: t0},
		{Person: "UBEN", Role: store.RoleMember, By: "UFAC", At: t0},
		{Person: "UNAV", Role: store.RoleNavigator, By: "UFAC", At: t0},
	})
	mustEqual(t, "saved invitations", g.Invited, done.Invited)
	// The only navigator is proposed, asked of each member once they join.
	mustEqual(t, "asked now", done.Asked, []string(nil))
	mustEqual(t, "proposals", g.NavigatorAsked, map[string]string{"UANA": "UNAV", "UBEN": "UNAV"})
	mustEqual(t, "navigators said yes to", len(g.NavigatorOf), 0)

	ana, _ := s.Member(ctx, "UANA")
	mustEqual(t, "Ana", ana, store.Member{V: 1, ID: "UANA", TZ: "America/Chicago", PausedUntil: day(6, 20), CreatedAt: t0})
	ben, _ := s.Member(ctx, "UBEN")
	mustEqual(t, "Ben", ben, store.Member{V: 1, ID: "UBEN", TZ: "America/New_York", CreatedAt: t0})

	// A replay changes nothing, even with other settings.
	set.Name = "Replayed"
	_, err = s.SetUpGroup(ctx, set, "trigger-1")
	mustIs(t, err, store.ErrDuplicate)

	// An edit keeps cancelled sessions (they are not a setting), and asks
	// nobody twice.
	session := time.Date(2026, 6, 16, 22, 0, 0, 0, time.UTC)
	_, err = s.CancelSession(ctx, "C1", session, "")
	must(t, err)
	set.Name = "Tuesday evening group"
	done, err = s.SetUpGroup(ctx, set, "trigger-2")
	must(t, err)
	mustEqual(t, "invited again", done.Invited, []store.Invitation(nil))
	got, _ := s.Group(ctx, "C1")
	mustEqual(t, "group", got, done.Group)
	mustEqual(t, "name", got.Name, "Tuesday evening group")
	mustEqual(t, "cancelled", got.Cancelled, []time.Time{session})

	// Ana joins; Ben is taken off the form: he loses his invitation and
	// the proposal made to him.
	_, _, err = s.JoinGroup(ctx, "C1", "UANA", "")
	must(t, err)
	set.Members = []string{"UANA"}
	done, err = s.SetUpGroup(ctx, set, "trigger-3")
	must(t, err)
	mustEqual(t, "members", done.Group.Members, []string{"UANA"})
	mustEqual(t, "invited", done.Group.Invited, []store.Invitation{{Person: "UNAV", Role: store.RoleNavigator, By: "UFAC", At: t0}})
	mustEqual(t, "proposals", done.Group.NavigatorAsked, map[string]string{"UANA": "UNAV"})
	// Ana is taken off: she leaves at once.
	set.Members = []string{"UBEN"}
	done, err = s.SetUpGroup(ctx, set, "trigger-4")
	must(t, err)
	mustEqual(t, "members after Ana was removed", len(done.Group.Members), 0)

	_, err = s.SetUpGroup(ctx, store.GroupSettings{ID: "C2", Members: []string{""}}, "")
	mustIs(t, err, store.ErrInvalid)
	if _, err := s.Group(ctx, "C2"); err == nil {
		t.Fatal("a refused setup saved a group")
	}
}

func TestStore_CancelSession(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	session := time.Date(2026, 6, 16, 22, 0, 0, 0, time.UTC)

	_, err := s.CancelSession(ctx, "C1", session, "k0")
	mustIs(t, err, store.ErrNotFound)
	must(t, s.SaveGroup(ctx, store.Group{ID: "C1", Name: "g"}))

	g, err := s.CancelSession(ctx, "C1", session, "k1")
	must(t, err)
	mustEqual(t, "cancelled", g.Cancelled, []time.Time{session})
	// The same request again: refused, the group as it is.
	g, err = s.CancelSession(ctx, "C1", session.Add(7*24*time.Hour), "k1")
	mustIs(t, err, store.ErrDuplicate)
	mustEqual(t, "after a replay", g.Cancelled, []time.Time{session})
	// Another request for the same session: idempotent.
	_, err = s.CancelSession(ctx, "C1", session.In(time.FixedZone("x", 3600)), "k2")
	must(t, err)
	got, _ := s.Group(ctx, "C1")
	mustEqual(t, "after a second cancel of the same session", got.Cancelled, []time.Time{session})
}

// TestStore_memberWritersInterleaved runs every kind of member change at
// once on one member: each changes only its own fields, so all of them
// show in the end, whatever the order.
func TestStore_memberWritersInterleaved(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	must(t, s.SaveGroup(ctx, store.Group{ID: "C1", TZ: "Europe/Berlin", Members: []string{"UANA"}}))
	for i := range 50 {
		id := "UANA"
		must(t, s.SaveMember(ctx, store.Member{ID: id}))
		check := func(err error) {
			if err != nil {
				t.Error(err)
			}
		}
		var wg sync.WaitGroup
		wg.Go(func() { check(s.SetPaused(ctx, id, day(6, 20))) })
		wg.Go(func() {
			_, err := s.SetUpGroup(ctx, store.GroupSettings{ID: "C1", TZ: "Europe/Berlin", Members: []string{id}}, "")
			check(err)
		})
		wg.Go(func() {
			_, err := s.SetProfile(ctx, id, store.Profile{Name: "Ana", TZ: "America/Chicago"})
			check(err)
		})
		wg.Go(func() { check(s.SaveMemberDM(ctx, id, "DANA")) })
		wg.Wait()
		m, _ := s.Member(ctx, id)
		if !m.PausedUntil.Equal(day(6, 20)) || m.TZ != "America/Chicago" || m.Name != "Ana" || m.DMChannel != "DANA" {
			t.Fatalf("round %d: a change was lost: %+v", i, m)
		}
	}
}

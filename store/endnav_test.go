package store_test

import (
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestStore_EndNavigator: a member takes back their yes without leaving
// the group; a replay or a second end changes nothing.
func TestStore_EndNavigator(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	_, err := s.SetUpGroup(ctx, store.GroupSettings{ID: "C1", Name: "g", Members: []string{"UANA"},
		Facilitators: []string{"UFAC"}, Navigators: []string{"UNAV"}, By: "UFAC"}, "")
	must(t, err)
	for _, p := range []string{"UANA", "UNAV"} {
		_, _, err := s.JoinGroup(ctx, "C1", p, "")
		must(t, err)
	}
	_, _, _, err = s.ProposeNavigator(ctx, "C1", "UNAV", []string{"UANA"}, "UFAC", "")
	must(t, err)
	_, err = s.AnswerNavigator(ctx, "C1", "UANA", true, "")
	must(t, err)

	nav, err := s.EndNavigator(ctx, "C1", "UANA", "end-1")
	must(t, err)
	mustEqual(t, "ended navigator", nav, "UNAV")
	g, err := s.Group(ctx, "C1")
	must(t, err)
	mustEqual(t, "her navigator", g.NavigatorFor("UANA"), "")
	if !g.Joined("UANA") {
		t.Fatal("ending her navigator took her out of the group")
	}
	_, err = s.EndNavigator(ctx, "C1", "UANA", "end-1")
	mustIs(t, err, store.ErrDuplicate)
	_, err = s.EndNavigator(ctx, "C1", "UANA", "end-2")
	mustIs(t, err, store.ErrNotInvited)
}

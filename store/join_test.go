package store_test

import (
	"testing"

	"github.com/cairnbot/cairn/store"
)

func TestStore_JoinDeclineLeave(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	_, err := s.SetUpGroup(ctx, store.GroupSettings{ID: "C1", Name: "g", Members: []string{"UANA", "UBEN", "UFAC"},
		Facilitators: []string{"UFAC"}, Navigators: []string{"UNAV"}, By: "UFAC"}, "")
	must(t, err)

	t.Run("Join", func(t *testing.T) {
		g, roles, err := s.JoinGroup(ctx, "C1", "UANA", "press-1")
		must(t, err)
		mustEqual(t, "roles", roles, []store.Role{store.RoleMember})
		mustEqual(t, "members", g.Members, []string{"UFAC", "UANA"})
		// The same press again: nothing more.
		_, _, err = s.JoinGroup(ctx, "C1", "UANA", "press-1")
		mustIs(t, err, store.ErrDuplicate)
		_, _, err = s.JoinGroup(ctx, "C1", "UANA", "press-2")
		mustIs(t, err, store.ErrNotInvited)
		mustIs(t, err, store.ErrNotFound)
	})
	t.Run("Decline", func(t *testing.T) {
		g, err := s.DeclineGroup(ctx, "C1", "UBEN", "press-3")
		must(t, err)
		mustEqual(t, "Ben's invitations", g.InvitationsOf("UBEN"), []store.Invitation(nil))
		if g.Joined("UBEN") {
			t.Fatal("declining joined")
		}
		// A no stays a no when the form is saved again.
		done, err := s.SetUpGroup(ctx, store.GroupSettings{ID: "C1", Name: "g", Members: []string{"UANA", "UBEN", "UFAC"},
			Facilitators: []string{"UFAC"}, Navigators: []string{"UNAV"}, By: "UFAC"}, "")
		must(t, err)
		mustEqual(t, "invited again", done.Invited, []store.Invitation(nil))
	})
	t.Run("Leave", func(t *testing.T) {
		_, _, err := s.JoinGroup(ctx, "C1", "UNAV", "")
		must(t, err)
		_, asked, _, err := s.ProposeNavigator(ctx, "C1", "UNAV", []string{"UANA"}, "UFAC", "")
		must(t, err)
		mustEqual(t, "asked", asked, []string{"UANA"})
		_, err = s.AnswerNavigator(ctx, "C1", "UANA", true, "")
		must(t, err)
		g, err := s.LeaveGroup(ctx, "C1", "UANA", "leave-1")
		must(t, err)
		if g.Joined("UANA") || g.NavigatorOf["UANA"] != "" {
			t.Fatalf("after leaving: %+v", g)
		}
		_, err = s.LeaveGroup(ctx, "C1", "UANA", "leave-2")
		mustIs(t, err, store.ErrNotFound)
	})
}

// TestStore_navigatorConsent is the hijack from issue 9, in the store: a
// proposal is not a navigator until the member says yes, a navigator is
// per group, and a proposal elsewhere leaves her navigator in her own
// group where it is.
func TestStore_navigatorConsent(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	// Her own group: Nia is her navigator, with her yes.
	_, err := s.SetUpGroup(ctx, store.GroupSettings{ID: "CHER", Name: "hers", Members: []string{"UANA"},
		Facilitators: []string{"UFAC"}, Navigators: []string{"UNIA"}, By: "UFAC"}, "")
	must(t, err)
	for _, p := range []string{"UANA", "UNIA"} {
		_, _, err := s.JoinGroup(ctx, "CHER", p, "")
		must(t, err)
	}
	_, _, _, err = s.ProposeNavigator(ctx, "CHER", "UNIA", []string{"UANA"}, "UFAC", "")
	must(t, err)
	g, _ := s.Group(ctx, "CHER")
	mustEqual(t, "before her yes", g.NavigatorFor("UANA"), "")
	_, err = s.AnswerNavigator(ctx, "CHER", "UANA", true, "")
	must(t, err)

	// His group: he names her and makes himself her navigator.
	done, err := s.SetUpGroup(ctx, store.GroupSettings{ID: "CHIS", Name: "his", Members: []string{"UANA"},
		Facilitators: []string{"UEVE"}, Navigators: []string{"UEVE"}, AutoNavigator: "UEVE", By: "UEVE"}, "")
	must(t, err)
	mustEqual(t, "his group's members", done.Group.Members, []string(nil))
	_, _, _, err = s.ProposeNavigator(ctx, "CHIS", "UEVE", []string{"UANA"}, "UEVE", "")
	mustIs(t, err, store.ErrInvalid) // she is not a member there
	his, _ := s.Group(ctx, "CHIS")
	mustEqual(t, "his navigator of her", his.NavigatorFor("UANA"), "")
	hers, _ := s.Group(ctx, "CHER")
	mustEqual(t, "her navigator at home", hers.NavigatorFor("UANA"), "UNIA")

	// Even once she joins his group, he is hers only on her yes.
	_, _, err = s.JoinGroup(ctx, "CHIS", "UANA", "")
	must(t, err)
	his, _ = s.Group(ctx, "CHIS")
	mustEqual(t, "proposed", his.NavigatorAsked["UANA"], "UEVE")
	mustEqual(t, "before her answer", his.NavigatorFor("UANA"), "")
	nav, err := s.AnswerNavigator(ctx, "CHIS", "UANA", false, "no-1")
	must(t, err)
	mustEqual(t, "proposed navigator", nav, "UEVE")
	his, _ = s.Group(ctx, "CHIS")
	mustEqual(t, "after her no", his.NavigatorFor("UANA"), "")
	hers, _ = s.Group(ctx, "CHER")
	mustEqual(t, "her navigator at home, still", hers.NavigatorFor("UANA"), "UNIA")
}

func TestStore_Admins(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	_, err := s.AdminOf(ctx, "UADM")
	mustIs(t, err, store.ErrNotFound)
	must(t, s.SetAdmin(ctx, store.Admin{ID: "UADM", Kind: store.KindAdmin, By: "host"}))
	must(t, s.SetAdmin(ctx, store.Admin{ID: "UFAC", Kind: store.KindFacilitator, By: "UADM"}))
	a, err := s.AdminOf(ctx, "UFAC")
	must(t, err)
	mustEqual(t, "allowed", a, store.Admin{V: 1, ID: "UFAC", Kind: store.KindFacilitator, By: "UADM", At: t0})
	all, err := s.Admins(ctx)
	must(t, err)
	mustEqual(t, "count", len(all), 2)
	must(t, s.RemoveAdmin(ctx, "UADM"))
	mustIs(t, s.RemoveAdmin(ctx, "UADM"), store.ErrNotFound)
}

// TestStore_joinDataInExportAndForget: a person's invitations and
// navigator links are in their export, and gone after "forget me", on
// both sides of a link.
func TestStore_joinDataInExportAndForget(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	_, err := s.SetUpGroup(ctx, store.GroupSettings{ID: "C1", Name: "g", Members: []string{"UANA", "UBEN"},
		Facilitators: []string{"UFAC"}, Navigators: []string{"UNAV"}, AutoNavigator: "UNAV", By: "UFAC"}, "")
	must(t, err)
	for _, p := range []string{"UANA", "UNAV"} {
		_, _, err := s.JoinGroup(ctx, "C1", p, "")
		must(t, err)
	}
	_, err = s.AnswerNavigator(ctx, "C1", "UANA", true, "")
	must(t, err)

	e, err := s.ExportMember(ctx, "UANA")
	must(t, err)
	mustEqual(t, "Ana's groups", e.Groups, []store.ExportGroupRole{{GroupID: "C1", Name: "g", Roles: []string{"member"}, Sharing: store.ShareSteps, Navigator: "UNAV"}})
	e, err = s.ExportMember(ctx, "UBEN")
	must(t, err)
	mustEqual(t, "Ben's groups", e.Groups, []store.ExportGroupRole{{GroupID: "C1", Name: "g",
		Invited: []store.Invitation{{Person: "UBEN", Role: store.RoleMember, By: "UFAC", At: t0}}, NavigatorAsked: "UNAV"}})

	must(t, s.DeleteMemberData(ctx, "UBEN"))
	must(t, s.DeleteMemberData(ctx, "UNAV"))
	g, err := s.Group(ctx, "C1")
	must(t, err)
	if len(g.Invited) != 0 || len(g.NavigatorOf) != 0 || len(g.NavigatorAsked) != 0 || len(g.Navigators) != 0 {
		t.Fatalf("after forgetting Ben and Nia: %+v", g)
	}
	mustEqual(t, "members", g.Members, []string{"UANA"})
}

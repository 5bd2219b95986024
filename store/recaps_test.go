package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStore_Recaps(t *testing.T) {
	ctx := context.Background()
	session := time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC)

	t.Run("SaveEditReplayAndPractised", func(t *testing.T) {
		s := MustOpen(t)
		gid, err := s.SaveGoal(ctx, store.Goal{MemberID: "UANA", Text: "Make a friend", Status: store.GoalActive})
		if err != nil {
			t.Fatal(err)
		}
		sid, err := s.SaveStep(ctx, store.Step{GoalID: gid, MemberID: "UANA", What: "Ask Sam for coffee", Owner: store.OwnerMe, Practise: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Recap(ctx, "C1", session); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("before any recap: %v", err)
		}
		r := store.Recap{GroupID: "C1", Session: session, By: "UFAC", Attended: []string{"UANA"}, Wins: "Ana called",
			Highlights: []store.RecapHighlight{{MemberID: "UANA", Kind: store.HighlightPractise, StepID: sid, Text: "Ask Sam for coffee"}}}
		saved, first, err := s.SaveRecap(ctx, r, "view:1")
		if err != nil || !first {
			t.Fatalf("first save: first=%v err=%v", first, err)
		}
		if !saved.CreatedAt.Equal(t0) {
			t.Fatalf("saved %+v", saved)
		}
		st, err := s.Step(ctx, sid)
		if err != nil || !st.PractisedAt.Equal(t0) {
			t.Fatalf("step not marked practised: %+v %v", st, err)
		}
		if _, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "C1", Session: session, Wins: "replayed"}, "view:1"); !errors.Is(err, store.ErrDuplicate) {
			t.Fatalf("replayed save: %v", err)
		}
		if got, _ := s.Recap(ctx, "C1", session); got.Wins != "Ana called" {
			t.Fatalf("a replay changed the recap: %+v", got)
		}

		// Posting: first attempt marked, then the message recorded once.
		if first, err := s.SetRecapPost(ctx, "C1", session, "", ""); err != nil || first {
			t.Fatalf("mark posting: %v %v", first, err)
		}
		if got, _ := s.Recap(ctx, "C1", session); !got.Posting || got.Posted() {
			t.Fatalf("after marking: %+v", got)
		}
		if first, err := s.SetRecapPost(ctx, "C1", session, "C1", "1.000100"); err != nil || !first {
			t.Fatalf("record post: %v %v", first, err)
		}
		if first, err := s.SetRecapPost(ctx, "C1", session, "C1", "1.000100"); err != nil || first {
			t.Fatalf("record post again: %v %v", first, err)
		}

		// An edit keeps the post, and the step's first practice.
		s.Now = func() time.Time { return t0.Add(time.Hour) }
		edited, first, err := s.SaveRecap(ctx, store.Recap{GroupID: "C1", Session: session, Wins: "Ana and Ben", TS: "forged",
			Highlights: r.Highlights}, "view:2")
		if err != nil || first {
			t.Fatalf("edit: first=%v err=%v", first, err)
		}
		if edited.TS != "1.000100" || edited.Channel != "C1" || !edited.CreatedAt.Equal(t0) || edited.Wins != "Ana and Ben" {
			t.Fatalf("edited %+v", edited)
		}
		if st, _ := s.Step(ctx, sid); !st.PractisedAt.Equal(t0) {
			t.Fatalf("an edit moved the practice: %v", st.PractisedAt)
		}
		all, err := s.Recaps(ctx, "C1", session.Add(-time.Hour))
		if err != nil || len(all) != 1 {
			t.Fatalf("recaps: %v %v", all, err)
		}
		if all, _ := s.Recaps(ctx, "C1", session.Add(time.Hour)); len(all) != 0 {
			t.Fatalf("recaps after the session: %v", all)
		}
		if all, _ := s.Recaps(ctx, "C", time.Time{}); len(all) != 0 {
			t.Fatalf("another group's prefix read C1's: %v", all)
		}
	})

	t.Run("StepOfAnotherMemberRefused", func(t *testing.T) {
		s := MustOpen(t)
		gid, _ := s.SaveGoal(ctx, store.Goal{MemberID: "UBEN", Text: "Walk", Status: store.GoalActive})
		sid, _ := s.SaveStep(ctx, store.Step{GoalID: gid, MemberID: "UBEN", What: "Walk", Owner: store.OwnerMe})
		_, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "C1", Session: session,
			Highlights: []store.RecapHighlight{{MemberID: "UANA", Kind: store.HighlightPractise, StepID: sid}}}, "view:x")
		if !errors.Is(err, store.ErrInvalid) {
			t.Fatalf("err = %v", err)
		}
		if _, err := s.Recap(ctx, "C1", session); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a refused recap was saved: %v", err)
		}
		if seen, _ := s.SeenEvent(ctx, "view:x"); seen {
			t.Fatal("a refused recap marked its key")
		}
	})

	t.Run("DraftsAreKeptUntilTheRecapIsSaved", func(t *testing.T) {
		s := MustOpen(t)
		if err := s.SaveRecapDraft(ctx, store.Recap{GroupID: "C1", Session: session, Themes: "boundaries"}, "UFAC"); err != nil {
			t.Fatal(err)
		}
		d, err := s.RecapDraft(ctx, "C1", session, "UFAC")
		if err != nil || d.Themes != "boundaries" || d.By != "UFAC" {
			t.Fatalf("draft %+v %v", d, err)
		}
		if _, err := s.RecapDraft(ctx, "C1", session, "UOTHER"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another facilitator's draft: %v", err)
		}
		if _, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "C1", Session: session, Themes: "boundaries"}, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecapDraft(ctx, "C1", session, "UFAC"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("draft left after the recap was saved: %v", err)
		}
	})

	t.Run("ForgetMeTakesThePersonOut", func(t *testing.T) {
		s := MustOpen(t)
		if _, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "C1", Session: session, By: "UFAC", Attended: []string{"UANA", "UBEN"},
			Highlights: []store.RecapHighlight{{MemberID: "UANA", Kind: store.HighlightDid, Text: "ANA-WORDS"}, {MemberID: "UBEN", Kind: store.HighlightPlan, Text: "walk"}}}, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveRecapDraft(ctx, store.Recap{GroupID: "C1", Session: session.AddDate(0, 0, 7), Attended: []string{"UANA"}}, "UFAC"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteMemberData(ctx, "UANA"); err != nil {
			t.Fatal(err)
		}
		r, err := s.Recap(ctx, "C1", session)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Attended) != 1 || r.Attended[0] != "UBEN" || len(r.Highlights) != 1 || r.Highlights[0].MemberID != "UBEN" || r.By != "UFAC" {
			t.Fatalf("after Ana's forget-me: %+v", r)
		}
		if d, _ := s.RecapDraft(ctx, "C1", session.AddDate(0, 0, 7), "UFAC"); len(d.Attended) != 0 {
			t.Fatalf("Ana is still in a draft: %+v", d)
		}
		// A facilitator who leaves Cairn takes their drafts, and their name.
		if err := s.DeleteMemberData(ctx, "UFAC"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecapDraft(ctx, "C1", session.AddDate(0, 0, 7), "UFAC"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the facilitator's draft is left: %v", err)
		}
		if r, _ := s.Recap(ctx, "C1", session); r.By != "" {
			t.Fatalf("the recap still names its forgotten writer: %+v", r)
		}
	})
}

// TestStore_RecapPublishing: a save leaves the recap to publish; the first
// post leaves its members to tell; TellRecap stages their DMs once, in the
// commit that records them told; RecapPublished clears Publish only for
// the version posted, so an edit saved meanwhile is still published.
func TestStore_RecapPublishing(t *testing.T) {
	ctx := context.Background()
	session := time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC)
	s := MustOpen(t)
	saved, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "C1", Session: session, By: "UFAC", Where: "tuesday", Attended: []string{"UANA", "UBEN"}}, "view:1")
	if err != nil {
		t.Fatal(err)
	}
	if !saved.Publish || saved.Tell {
		t.Fatalf("after the save: publish=%v tell=%v", saved.Publish, saved.Tell)
	}
	left, err := s.UnpublishedRecaps(ctx)
	if err != nil || len(left) != 1 {
		t.Fatalf("unpublished after the save: %d %v", len(left), err)
	}
	// Telling before the first post stages nothing.
	dm := func(id string) store.Outgoing { return store.Outgoing{MemberID: id, Body: []byte(`{"text":"up"}`)} }
	if ids, told, err := s.TellRecap(ctx, "C1", session, []store.Outgoing{dm("UANA")}); err != nil || told || len(ids) != 0 {
		t.Fatalf("told before the post: %v %v %v", ids, told, err)
	}
	if _, err := s.SetRecapPost(ctx, "C1", session, "C1", "1.000100"); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Recap(ctx, "C1", session); !r.Tell {
		t.Fatal("the first post leaves nobody to tell")
	}
	ids, told, err := s.TellRecap(ctx, "C1", session, []store.Outgoing{dm("UANA"), dm("UBEN")})
	if err != nil || !told || len(ids) != 2 {
		t.Fatalf("tell: %v %v %v", ids, told, err)
	}
	if ids, told, err := s.TellRecap(ctx, "C1", session, []store.Outgoing{dm("UANA"), dm("UBEN")}); err != nil || told || len(ids) != 0 {
		t.Fatalf("told twice: %v %v %v", ids, told, err)
	}
	if out, err := s.Outbox(ctx, 0); err != nil || len(out) != 2 {
		t.Fatalf("%d DMs staged, want 2 (%v)", len(out), err)
	}

	// An edit saved while the first version was being posted.
	edited, _, err := s.SaveRecap(ctx, store.Recap{GroupID: "C1", Session: session, By: "UFAC", Attended: []string{"UANA"}, Wins: "more"}, "view:2")
	if err != nil {
		t.Fatal(err)
	}
	if edited.Where != "tuesday" || edited.Tell || edited.ToldAt.IsZero() {
		t.Fatalf("an edit lost the channel's name or the telling: %+v", edited)
	}
	if err := s.RecapPublished(ctx, "C1", session, saved.UpdatedAt.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Recap(ctx, "C1", session); !r.Publish {
		t.Fatal("an older version's publishing cleared the edit's")
	}
	if err := s.RecapPublished(ctx, "C1", session, edited.UpdatedAt); err != nil {
		t.Fatal(err)
	}
	if left, err := s.UnpublishedRecaps(ctx); err != nil || len(left) != 0 {
		t.Fatalf("unpublished after publishing: %d %v", len(left), err)
	}
}

// TestExportMember_HoldsTheirPartOfRecaps: "my data" holds the recaps that
// name the member — that they came, and their own highlights — and nothing
// of anyone else's.
func TestExportMember_HoldsTheirPartOfRecaps(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	session := time.Date(2026, 6, 9, 18, 0, 0, 0, time.UTC)
	r := store.Recap{GroupID: "C1", Session: session, By: "UFAC", Attended: []string{"UANA", "UBEN"}, Wins: "the group's words",
		Highlights: []store.RecapHighlight{{MemberID: "UANA", Kind: store.HighlightDid, Text: "called my sister"},
			{MemberID: "UBEN", Kind: store.HighlightPlan, Text: "BEN-WORDS"}}}
	if _, _, err := s.SaveRecap(ctx, r, "view:x"); err != nil {
		t.Fatal(err)
	}
	e, err := s.ExportMember(ctx, "UANA")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Recaps) != 1 || !e.Recaps[0].Attended || len(e.Recaps[0].Highlights) != 1 || e.Recaps[0].Highlights[0].Text != "called my sister" {
		t.Fatalf("Ana's recaps %+v", e.Recaps)
	}
	if e.Empty() {
		t.Error("an export with a recap is empty")
	}
	if e, err := s.ExportMember(ctx, "UCAI"); err != nil || len(e.Recaps) != 0 {
		t.Errorf("someone who did not come: %+v, %v", e.Recaps, err)
	}
}

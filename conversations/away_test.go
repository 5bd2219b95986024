package conversations_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestRunner_Away is /cairn pause: the same pause as the chat's, which
// leaves a conversation under way as it was and changes nothing else of
// the member, once per request.
func TestRunner_Away(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st}
	if err := st.SaveMember(ctx, store.Member{ID: "U1", TZ: "America/Chicago", NavigatorID: "UNAV", Name: "Ana"}); err != nil {
		t.Fatal(err)
	}
	for _, text := range goalScript[:8] { // asked when the first step happens
		say(t, r, "U1", text, now)
	}
	before, err := st.Conversation(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}

	day, loc, err := r.Away(ctx, "U1", "slash:1", "until June 20", now)
	if err != nil || !day.Equal(time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)) || loc.String() != "America/Chicago" {
		t.Fatalf("Away = %v %v %v", day, loc, err)
	}
	m, _ := st.Member(ctx, "U1")
	if !m.PausedUntil.Equal(time.Date(2026, 6, 20, 0, 0, 0, 0, chicago)) || m.NavigatorID != "UNAV" || m.Name != "Ana" {
		t.Fatalf("member = %+v", m)
	}
	after, _ := st.Conversation(ctx, "U1")
	if string(after.State) != string(before.State) {
		t.Fatalf("the conversation changed:\n%s\n%s", before.State, after.State)
	}
	if got := say(t, r, "U1", "Friday", now); !strings.Contains(got, "Who") && !strings.Contains(got, "who") {
		t.Fatalf("the step question was lost: %q", got)
	}

	// Back, then the pause request again (a replay): still back.
	if day, _, err := r.Away(ctx, "U1", "slash:2", "", now); err != nil || !day.IsZero() {
		t.Fatalf("back: %v %v", day, err)
	}
	if day, _, err := r.Away(ctx, "U1", "slash:1", "until June 20", now); err != nil || day.IsZero() {
		t.Fatalf("replay: %v %v", day, err)
	}
	if m, _ := st.Member(ctx, "U1"); !m.PausedUntil.IsZero() {
		t.Fatalf("a replay paused again: %v", m.PausedUntil)
	}

	// Not a date: a kind error, nothing stored.
	var dateErr *conversations.DateError
	if _, _, err := r.Away(ctx, "U1", "slash:3", "someday", now); !errors.As(err, &dateErr) {
		t.Fatalf("someday: %v", err)
	}
	// A member new to Cairn is recorded with their pause.
	if _, _, err := r.Away(ctx, "U2", "", "for 2 weeks", now); err != nil {
		t.Fatal(err)
	}
	if m, err := st.Member(ctx, "U2"); err != nil || m.PausedUntil.IsZero() {
		t.Fatalf("new member = %+v, %v", m, err)
	}
}

func TestNeedsZone(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	state := func() []byte {
		c, err := st.Conversation(ctx, "U1")
		if err != nil {
			return nil
		}
		return c.State
	}
	if conversations.NeedsZone(state(), "tomorrow", now) {
		t.Fatal("no conversation needs a zone")
	}
	for i, text := range goalScript[:9] {
		say(t, r, "U1", text, now)
		// From "no one yet" (index 6) on, the member is asked for a step,
		// whose words may hold a day, then when, then who (where
		// "actually Tuesday" changes the day): a date said there needs the
		// zone, and from "Buy pine boards" (index 7, "When will you do
		// it?") any answer does.
		if got, want := conversations.NeedsZone(state(), "call them tomorrow", now), i >= 6; got != want {
			t.Fatalf("after %q: NeedsZone(a date) = %v, want %v", text, got, want)
		}
		if got, want := conversations.NeedsZone(state(), "buy pine boards", now), i == 7; got != want {
			t.Fatalf("after %q: NeedsZone(no date) = %v, want %v", text, got, want)
		}
	}
	if conversations.NeedsZone([]byte("{not json"), "tomorrow", now) {
		t.Fatal("unreadable state needs a zone")
	}
}

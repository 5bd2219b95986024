package conversations_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// TestRunner_AnotherGroupsPromptKeepsAnswersApart: a member answering
// group A's check-in is not interrupted by group B's prompt; once A's is
// abandoned, B's prompt starts a check-in of B's own, so answers typed
// after it never land in A's.
func TestRunner_AnotherGroupsPromptKeepsAnswersApart(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	st.Now = func() time.Time { return now }
	for _, text := range goalScript {
		say(t, r, "U1", text, now)
	}
	ctx := context.Background()
	sessionA, sessionB := now.Add(30*time.Hour), now.Add(50*time.Hour)
	if _, err := r.Start(ctx, "U1", conversations.FlowCheckIn, sessionA, "GA", now); err != nil {
		t.Fatal(err)
	}
	say(t, r, "U1", "I called the job center", now.Add(time.Minute))
	if _, err := r.Start(ctx, "U1", conversations.FlowCheckIn, sessionB, "GB", now.Add(time.Hour)); !errors.Is(err, conversations.ErrBusy) {
		t.Fatalf("group B's prompt interrupted group A's check-in: %v", err)
	}
	// A's check-in abandoned for a day: B's prompt starts B's own.
	later := now.Add(26 * time.Hour)
	if _, err := r.Start(ctx, "U1", conversations.FlowCheckIn, sessionB, "GB", later); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"I went to a meeting", "another meeting", "no thanks", "7", "5"} {
		say(t, r, "U1", text, later)
	}
	c, err := st.LastCheckIn(ctx, "U1")
	if err != nil || c.GroupID != "GB" || !c.SessionAt.Equal(sessionB.UTC()) || c.Did != "I went to a meeting" {
		t.Fatalf("check-in = %+v, %v; want group B's, with only what was said after B's prompt", c, err)
	}
}

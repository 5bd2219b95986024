package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// TestHome_OwnCheckInWithPrivateAnswers: App Home shows the member their
// last check-in, answers kept just for them included and marked so, and
// what each of their groups sees.
func TestHome_OwnCheckInWithPrivateAnswers(t *testing.T) {
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)
	view := store.View{
		Member: store.Member{ID: "U1"},
		Goals:  []store.GoalSteps{{Goal: store.Goal{ID: 7, Text: "Find a flat", Status: store.GoalActive}}},
		LastCheckIn: &store.CheckIn{CreatedAt: now, Did: "called the landlord", Plan: "move out of my dealer's street",
			Private: []string{"plan"}},
	}
	groups := []store.Group{
		{ID: "C1", Name: "Tuesday group", Members: []string{"U1"}, Sharing: map[string]store.Sharing{"U1": store.ShareAll}},
		{ID: "C2", Name: "Someone else's", Members: []string{"U2"}},
	}
	got := blocksJSON(t, homeView(view, time.Time{}, now, groups...).Blocks.BlockSet)
	for _, want := range []string{"_What you did:_ called the landlord\\n", "_Your plan:_ move out of my dealer's street  🔒 just for you", "Tuesday group: everything i write"} {
		if !strings.Contains(got, want) {
			t.Errorf("App Home lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Someone else") {
		t.Errorf("App Home shows a group she is not in:\n%s", got)
	}
}

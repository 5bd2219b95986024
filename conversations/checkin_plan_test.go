package conversations_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// TestCheckIn_PlanAsStepUnderstandsWords: at "Shall I add that as a step?",
// a member who says the plan again in other words has it taken (and is
// asked again), and "nothing" is a no — neither is "Sorry, I didn't follow".
func TestCheckIn_PlanAsStepUnderstandsWords(t *testing.T) {
	st, _ := openStore(t)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)
	for _, line := range goalScript {
		say(t, r, "U1", line, now)
	}
	for _, line := range []string{"check in", "nothing this time", "health", "what would help"} {
		say(t, r, "U1", line, now)
	}
	en := conversations.WordsFor(conversations.English)
	got := say(t, r, "U1", "go to a meeting tuesday", now)
	if strings.Contains(got, en.PickOne) || !strings.Contains(got, en.PlanAsStep) {
		t.Fatalf("a plan said again got %q, want the question again", got)
	}
	if got := say(t, r, "U1", "yes", now); !strings.Contains(got, "Tuesday") {
		t.Errorf("yes to the new plan got %q, want its day (Tuesday) taken from its words", got)
	}
	r2 := &conversations.Runner{Store: st, DefaultTZ: chicago}
	for _, line := range goalScript {
		say(t, r2, "U3", line, now)
	}
	for _, line := range []string{"check in", "nothing this time", "health", "call my sponsor"} {
		say(t, r2, "U3", line, now)
	}
	if got := say(t, r2, "U3", "nothing", now); strings.Contains(got, en.PickOne) || !strings.Contains(got, en.Importance) {
		t.Errorf("\"nothing\" at the plan-as-step question got %q, want it taken as no (the importance question)", got)
	}
}

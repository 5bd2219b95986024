package conversations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// The next session reaches the conversation through the Runner, which asks
// for it before the turn (the bot and cairn try read it from the groups).
func TestRunner_NextSessionSizesTheFirstStep(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago) // Wednesday
	var asked []string
	r := &conversations.Runner{Store: st, DefaultTZ: chicago,
		NextSession: func(_ context.Context, member string, at time.Time) time.Time {
			asked = append(asked, member)
			return time.Date(2026, 6, 16, 18, 0, 0, 0, chicago) // Tuesday
		}}
	var got string
	for _, text := range []string{"goal", "A home of my own", "Peace and quiet", "An apartment by September", "8", "safety", "no one yet",
		"get my life together"} {
		got = say(t, r, "U1", text, now)
	}
	if !strings.Contains(got, "before the group meets on Tuesday?") {
		t.Fatalf("big first step: %q", got)
	}
	if got := say(t, r, "U1", "idk", now); !strings.Contains(got, "keep it as one step") || !strings.Contains(got, "When will you do it?") {
		t.Fatalf("idk at the big one: %q", got)
	}
	if got := say(t, r, "U1", "not sure", now); !strings.Contains(got, "How about Monday, the day before your group meets?") {
		t.Fatalf("not sure: %q", got)
	}
	if len(asked) == 0 || asked[0] != "U1" {
		t.Fatalf("NextSession asked for %v", asked)
	}
}

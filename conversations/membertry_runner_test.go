package conversations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// TestRunner_YesAfterAnIdleCrisisReachesAPerson: outside any flow, the
// offer of a person after a crisis is kept in the file for one turn, so
// the "yes" that follows asks a person (issue 10: before, it got the menu).
func TestRunner_YesAfterAnIdleCrisisReachesAPerson(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	say(t, r, "U1", "hi", now)
	if got := say(t, r, "U1", "i want to end it all", now); !strings.Contains(got, "988") {
		t.Fatalf("crisis reply %q", got)
	}
	out, err := r.HandleFrom(context.Background(), "U1", conversations.Origin{}, conversations.Input{Text: "yes"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if out.Alert == nil {
		t.Fatalf("yes after the offer: no alert; replies %+v", out.Replies)
	}
	// The offer is answered: the next "yes" is read as always.
	out, err = r.HandleFrom(context.Background(), "U1", conversations.Origin{}, conversations.Input{Text: "yes"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if out.Alert != nil {
		t.Fatal("a second yes alerted again")
	}
}

package conversations_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestRunner_Crisis: through a real store, a crisis message mid-goal shows
// the crisis contacts of each group the member joined (not of others), and
// is kept nowhere: not in the saved conversation, not in a check-in.
func TestRunner_Crisis(t *testing.T) {
	st, path := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	for _, g := range []store.Group{
		{ID: "C1", Name: "Riverside", Members: []string{"U1"}, CrisisContacts: "Call our warmline 555-0100, 9am–9pm"},
		{ID: "C2", Name: "Eastside", Navigators: []string{"U1"}, CrisisContacts: "Text Sam 555-0199"},
		{ID: "C3", Name: "Elsewhere", Members: []string{"U2"}, CrisisContacts: "Ring 555-0666"},
		{ID: "C4", Name: "Invited only", Invited: []store.Invitation{{Person: "U1", Role: store.RoleMember}}, CrisisContacts: "Ring 555-0777"},
	} {
		if err := st.SaveGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	say(t, r, "U1", "goal", now)
	say(t, r, "U1", "A cabin by a lake", now)
	const cry = "everyone would be better off without me"
	got := say(t, r, "U1", cry, now)
	for _, want := range []string{"Riverside: Call our warmline 555-0100, 9am–9pm", "Eastside: Text Sam 555-0199", "local emergency number"} {
		if !strings.Contains(got, want) {
			t.Fatalf("reply %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "555-0666") || strings.Contains(got, "555-0777") || strings.Contains(got, "call or text 988") {
		t.Fatalf("reply %q shows another group's contacts or the default", got)
	}
	conv, err := st.Conversation(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(conv.State), "better off") || !strings.Contains(string(conv.State), "A cabin by a lake") {
		t.Fatalf("saved state %s", conv.State)
	}
	if got := say(t, r, "U1", "continue", now); !strings.Contains(got, "being happy") {
		t.Fatalf("continue: %q", got)
	}
	// A member of no group with contacts gets 988.
	if got := say(t, r, "U3", "quiero morirme", now); !strings.Contains(got, "call or text 988") {
		t.Fatalf("no group: %q", got)
	}
	st.Close()
	assertNotInFile(t, path, "better off")
}

// TestRunner_NothingTwice: the last stored check-in reaches the turn, so a
// second session in a row with nothing done gets its question.
func TestRunner_NothingTwice(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	for _, text := range goalScript {
		say(t, r, "U1", text, now)
	}
	checkIn := []string{"check in", "nothing", "Money", "rest", "no", "8"}
	for _, text := range checkIn {
		say(t, r, "U1", text, now)
	}
	if got := say(t, r, "U1", "8", now); !strings.Contains(got, "saved") {
		t.Fatalf("first check-in: %q", got)
	}
	later := now.AddDate(0, 0, 7)
	for _, text := range checkIn {
		say(t, r, "U1", text, later)
	}
	if got := say(t, r, "U1", "8", later); !strings.Contains(got, "Could the next step be smaller?") {
		t.Fatalf("second check-in: %q", got)
	}
}

// assertNotInFile checks that the database file holds no trace of text,
// not even in freed pages.
func assertNotInFile(t *testing.T, path, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(text)) {
		t.Fatalf("%q is in the database file", text)
	}
}

package conversations_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestRunner_IntroducesItselfOnce: a new member who writes "hi", then
// something Cairn does not take as a command, hears who Cairn is once, then
// a short hello and the menu — not the introduction again at every line,
// and not after a restart (it is kept with the member).
func TestRunner_IntroducesItselfOnce(t *testing.T) {
	st, path := openStore(t)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)
	intro := conversations.WordsFor(conversations.English).Intro

	if got := say(t, r, "U1", "hi", now); !strings.Contains(got, intro) {
		t.Fatalf("first words got %q, want the introduction", got)
	}
	for i, text := range []string{"hi", "idk"} {
		got := say(t, r, "U1", text, now.Add(time.Duration(i+1)*time.Minute))
		if strings.Contains(got, intro) {
			t.Errorf("%q after the introduction got it again: %q", text, got)
		}
		if !strings.Contains(got, "What would you like to do?") {
			t.Errorf("%q got %q, want the menu", text, got)
		}
	}
	st.Close()
	st2, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	r2 := &conversations.Runner{Store: st2, DefaultTZ: chicago}
	if got := say(t, r2, "U1", "hello", now.Add(time.Hour)); strings.Contains(got, intro) {
		t.Errorf("after a restart the introduction came again: %q", got)
	}
	if got := say(t, r2, "U2", "hi", now.Add(time.Hour)); !strings.Contains(got, intro) {
		t.Errorf("another new member got %q, want the introduction", got)
	}
}

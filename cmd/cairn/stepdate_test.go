package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestTry_StepDates: `cairn try` knows the member's next session, so a big
// first step is sized against it and "not sure" gets the day before; a date
// in a step's words is used and can be changed.
func TestTry_StepDates(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveGroup(context.Background(), store.Group{ID: "C0GROUP", Name: "Tuesday group", Members: []string{"maria"},
		Schedule: "CRON_TZ=America/Chicago 0 18 * * TUE", ScheduleText: "Tuesdays at 6pm"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	script := strings.Join([]string{
		"set a goal", "A place of my own", "A door I can lock", "An apartment by September", "8", "Safety", "no one yet",
		"get my life together", "call the housing authority on Monday", "actually Thursday", "me",
		"add another step", "visit the library", "not sure", "/quit",
	}, "\n")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=maria"}
	out, errOut, code := runCairn(t, script, env, "try", "--now=2026-06-10T15:05:00-05:00") // a Wednesday
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"That's a big one — what's a first piece you could do before the group meets on Tuesday?",
		"Monday, June 15 — got it.",
		"Tomorrow, Thursday, June 11 — got it.",
		"I've kept “get my life together” for later",
		"Added: call the housing authority — you, by tomorrow, Thursday, June 11.",
		"How about Monday, the day before your group meets?",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTry_MemberWalk is a walk as a member in early recovery would take
// it, with no group in the file: --session is the group, so a first step
// is sized against it; a day typed alone, "idk" and "by summer" are
// understood (issue 10).
func TestTry_MemberWalk(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	script := strings.Join([]string{
		"set a goal", "idk", "run a bakery", "my own money", "by summer", "a part-time job at a bakery", "7", "money",
		"my sister Dana", "actually thursday", "call the bakery", "call the bakery", "me",
		"visit the job center", "idk lol", "Monday", "me", "idk", "no", "save it", "/quit",
	}, "\n")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago"}
	out, errOut, code := runCairn(t, script, env, "try", "--now=2026-12-01T10:00:00-06:00", "--session=Thursday 18:00")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"That's okay — dream a little",
		"By summer — I'll keep that as when.",
		"And what would you like to have done by summer?",
		"What's the step you'll take by Thursday, December 3?",
		"Thursday, December 3 — got it.",
		"I didn't catch who.",
		"How about tomorrow, the day before your group meets?",
		"Goal: a part-time job at a bakery by summer",
		"call the bakery — you, by Thursday, December 3",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Added: actually") || strings.Contains(out, "— call the bakery,") {
		t.Errorf("a day or the step itself was taken as words:\n%s", out)
	}
}

// TestTry_MyProgress: "my progress" in try prints the text Slack falls
// back to (before, it printed nothing at all).
func TestTry_MyProgress(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	script := strings.Join([]string{
		"set a goal", "fishing", "peace", "go fishing at the lake this summer", "9", "it calms me", "my uncle",
		"buy a fishing pole by friday", "me", "thats all", "no", "save it", "my progress", "done 1", "my progress", "/quit",
	}, "\n")
	out, errOut, code := runCairn(t, script, []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago"}, "try", "--now=2026-12-01T10:00:00-06:00")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"you> my progress\ncairn> There's nothing to draw yet.",
		"you> my progress\ncairn> Here's how far you've come.",
		"Your cairn so far: 🪨 — one stone",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

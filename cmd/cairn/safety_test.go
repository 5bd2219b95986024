package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTry_CrisisMidGoal: in the terminal as in Slack, words of crisis in
// the middle of setting a goal get the crisis reply and the offer of a
// person, and "continue" brings back the question that was waiting.
func TestTry_CrisisMidGoal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=Europe/Berlin"}
	out, errOut, code := runCairn(t, "goal\nA cabin by a lake\nI don't see the point anymore\ncontinue\n", env, "try")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	crisis := strings.Index(out, "glad you told me")
	if crisis < 0 {
		t.Fatalf("no crisis reply:\n%s", out)
	}
	reply := out[crisis:]
	for _, want := range []string{"call or text 988", "local emergency number", "Ask a person to reach out", "Not now"} {
		if !strings.Contains(reply, want) {
			t.Fatalf("crisis reply lacks %q:\n%s", want, out)
		}
	}
	resumed := strings.Index(reply, "Welcome back")
	if resumed < 0 || !strings.Contains(reply[resumed:], "being happy") {
		t.Fatalf("continue did not bring back the question:\n%s", out)
	}
}

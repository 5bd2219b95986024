package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestTry_TalkToPerson: `cairn try` shows what an ask for a person would
// send and to whom, keeps the hourly limit, and says so with nobody to ask.
func TestTry_TalkToPerson(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := st.SaveMember(ctx, store.Member{ID: "nia", Name: "Nia"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveGroup(ctx, store.Group{ID: "C0GROUP", Name: "Tuesday group", Members: []string{"maria"},
		Navigators: []string{"nia"}, NavigatorOf: map[string]string{"maria": "nia"}}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	const secret = "zanzibar-otter-7731"
	script := strings.Join([]string{
		"set a goal", "A garden " + secret,
		"can I talk to a real person?", "yes, ask them",
		"talk to someone", "yes, ask them",
		"continue", "/quit",
	}, "\n")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=maria"}
	out, errOut, code := runCairn(t, script, env, "try", "--now=2026-06-10T15:05:00-05:00")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"Would you like me to ask your navigator to reach out?",
		`(in Slack, Nia would get a private message: "maria asked to talk with someone. Could you reach out today?")`,
		"I've asked Nia, your navigator, to reach out.",
		"(asked within the hour: nothing is sent)",
		"I asked Nia at 3:05 pm — they'll be in touch. If it can't wait, call or text 988.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "would get a private message"); n != 1 {
		t.Errorf("%d messages would be sent, want 1:\n%s", n, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "would get a private message") && (strings.Contains(line, secret) || strings.Contains(line, "real person")) {
			t.Errorf("the member's words went into the alert: %s", line)
		}
	}
	// The goal under way is kept: "continue" asks its next question again.
	if i := strings.LastIndex(out, "you> continue"); i < 0 || !strings.Contains(out[i:], "happy") {
		t.Errorf("continue did not resume the goal:\n%s", out)
	}

	// Nobody to ask: said kindly, with the crisis line.
	out, errOut, code = runCairn(t, "I need help\nyes, ask them\n/quit\n", []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=ben"}, "try")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"no navigator or facilitator I can ask", "988", "local emergency number"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "would get a private message") {
		t.Errorf("with nobody to ask, something would be sent:\n%s", out)
	}
}

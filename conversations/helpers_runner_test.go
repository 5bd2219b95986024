package conversations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// Through a real store: "step 1 is <@U123>'s" saves the new owner at once,
// asks about a reminder, and the yes is saved on the step; "practise step
// 1" and "don't practise step 1" turn the wish on and off.
func TestRunner_HelperAndPractiseByWords(t *testing.T) {
	st, _ := openStore(t)
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago,
		NextSession: func(context.Context, string, time.Time) time.Time { return now.Add(6 * 24 * time.Hour) }}
	for _, text := range goalScript {
		say(t, r, "U1", text, now)
	}
	step := func() (what string, helper string, ok, practise bool) {
		t.Helper()
		v, err := st.MemberView(context.Background(), "U1")
		if err != nil || len(v.Goals) != 1 || len(v.Goals[0].Steps) != 1 {
			t.Fatalf("view %+v, %v", v, err)
		}
		s := v.Goals[0].Steps[0]
		return s.OwnerName, s.HelperID, s.HelperOK, s.Practise
	}
	if got := say(t, r, "U1", "step 1 is my brother <@U123>'s", now); !strings.Contains(got, "May I send <@U123> one reminder") {
		t.Fatalf("reply %q", got)
	}
	if name, helper, ok, _ := step(); name != "my brother <@U123>" || helper != "U123" || ok {
		t.Fatalf("after the edit: %q %q %v", name, helper, ok)
	}
	if got := say(t, r, "U1", "yes", now); !strings.Contains(got, "one short reminder the day before") {
		t.Fatalf("reply %q", got)
	}
	if _, helper, ok, _ := step(); helper != "U123" || !ok {
		t.Fatalf("after yes: %q %v", helper, ok)
	}
	say(t, r, "U1", "practise step 1", now)
	if _, _, _, practise := step(); !practise {
		t.Fatal("practise not saved")
	}
	say(t, r, "U1", "don't practise step 1", now)
	if _, _, _, practise := step(); practise {
		t.Fatal("practise not taken back")
	}
	say(t, r, "U1", "step 1 is Dana's", now)
	if name, helper, ok, _ := step(); name != "Dana" || helper != "" || ok {
		t.Fatalf("after a plain name: %q %q %v", name, helper, ok)
	}
}

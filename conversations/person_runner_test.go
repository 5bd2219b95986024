package conversations_test

import (
	"context"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// TestRunner_TalkToPersonCarriesAlert: the Outcome carries the ask, and the
// conversation under way is saved as it was.
func TestRunner_TalkToPersonCarriesAlert(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	for _, text := range goalScript[:3] {
		say(t, r, "U1", text, now)
	}
	before, err := st.Conversation(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.HandleFrom(ctx, "U1", conversations.Origin{EventID: "ev-ask"}, conversations.Input{Text: "can I talk to a real person?"}, now)
	if err != nil || out.Alert != nil || len(out.Replies) != 1 || len(out.Replies[0].Choices) != 2 {
		t.Fatalf("typed ask: %+v, %v; want an offer and no alert yet", out, err)
	}
	out, err = r.HandleFrom(ctx, "U1", conversations.Origin{EventID: "ev-yes"}, conversations.Input{Action: out.Replies[0].Choices[0].Value}, now)
	if err != nil || out.Alert == nil || !out.Alert.Resume {
		t.Fatalf("yes: %+v, %v; want an alert that resumes", out, err)
	}
	after, err := st.Conversation(ctx, "U1")
	if err != nil || string(after.State) != string(before.State) {
		t.Errorf("the conversation changed: %s → %s (%v)", before.State, after.State, err)
	}
	out, err = r.HandleFrom(ctx, "U1", conversations.Origin{}, conversations.Input{Action: conversations.ActTalkToPerson}, now)
	if err != nil || out.Alert == nil {
		t.Fatalf("the button: %+v, %v; want an alert at once", out, err)
	}
}

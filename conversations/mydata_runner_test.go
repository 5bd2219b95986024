package conversations_test

import (
	"context"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// TestRunner_ForgetCommitsNothing: a confirmed "forget me" leaves the turn
// uncommitted (its input unsettled) for the caller's one deleting commit,
// and "my data" commits without touching the conversation.
func TestRunner_ForgetCommitsNothing(t *testing.T) {
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

	out, err := r.HandleFrom(ctx, "U1", conversations.Origin{EventID: "ev-data"}, conversations.Input{Text: "my data"}, now)
	if err != nil || out.Data != conversations.DataExport {
		t.Fatalf("my data: %+v, %v", out, err)
	}
	if seen, _ := st.SeenEvent(ctx, "ev-data"); !seen {
		t.Error("the export's input was not settled")
	}
	after, err := st.Conversation(ctx, "U1")
	if err != nil || string(after.State) != string(before.State) {
		t.Errorf("the conversation changed: %s → %s (%v)", before.State, after.State, err)
	}

	out, err = r.HandleFrom(ctx, "U1", conversations.Origin{}, conversations.Input{Text: "forget me"}, now)
	if err != nil || len(out.Replies) == 0 || len(out.Replies[0].Choices) != 2 {
		t.Fatalf("forget me: %+v, %v", out, err)
	}
	yes := out.Replies[0].Choices[0]
	out, err = r.HandleFrom(ctx, "U1", conversations.Origin{EventID: "ev-yes"}, conversations.Input{Action: yes.Value}, now.Add(time.Minute))
	if err != nil || out.Data != conversations.DataForget {
		t.Fatalf("confirm: %+v, %v", out, err)
	}
	if seen, _ := st.SeenEvent(ctx, "ev-yes"); seen {
		t.Error("the confirmation was committed as a turn; the caller's deletion must settle it")
	}
}

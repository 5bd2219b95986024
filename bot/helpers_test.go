package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
)

// unjson undoes encoding/json's escaping of < and >, so a mention reads as
// Slack reads it.
func unjson(s string) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(s)
}

// pickerIn finds the users_select of a posted message.
func pickerIn(t *testing.T, c fakeslack.Call) (actionID string) {
	t.Helper()
	var blocks []struct {
		Elements []struct {
			Type     string `json:"type"`
			ActionID string `json:"action_id"`
		} `json:"elements"`
	}
	if err := c.Decode("blocks", &blocks); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.Type == "users_select" {
				return e.ActionID
			}
		}
	}
	t.Fatalf("no people picker in %s", c.Params["blocks"])
	return ""
}

// A helper picked in Slack's people picker is asked about by name (a real
// mention), kept on the answered message, and saved with the member's yes.
func TestDM_HelperPickedInSlack(t *testing.T) {
	h := newHarness(t)
	for _, step := range []struct{ say, want string }{
		{"set a goal", "won the lottery"},
		{"Open a bakery", "being happy"},
		{"My own place", "one goal"},
		{"Find a part-time job by March", "how sure"},
		{"8", "Why"},
		{"So I can pay my own rent", "support"},
		{"no one", "first step"},
		{"Call <@U0EVIL> about the job center", "When will you do it"},
	} {
		h.dm(step.say)
		h.expect(step.want)
	}
	h.dm("by Friday")
	who := h.expect("Who will do this step")
	press := fakeslack.BlockAction(member, fakeslack.DMChannel(member), pickerIn(t, who), "", ts(t, who))
	action := press["actions"].([]any)[0].(map[string]any)
	action["type"], action["selected_user"] = "users_select", "U0DANA"
	delete(action, "value")
	delete(action, "text")
	if _, err := h.fake.SendInteractive(h.ctx(), press); err != nil {
		t.Fatal(err)
	}
	ask := h.expect("May I send <@U0DANA> one reminder before it's due?")
	if !strings.Contains(unjson(ask.Params["blocks"]), "May I send <@U0DANA>") {
		t.Fatalf("the helper is not a mention in the blocks: %s", ask.Params["blocks"])
	}
	actionID, value := buttonValue(t, ask, "Yes")
	yes := fakeslack.BlockAction(member, fakeslack.DMChannel(member), actionID, value, ts(t, ask))
	var blocks []any
	if err := ask.Decode("blocks", &blocks); err != nil {
		t.Fatal(err)
	}
	yes["message"] = map[string]any{"text": ask.Params["text"], "ts": ts(t, ask), "blocks": blocks}
	if _, err := h.fake.SendInteractive(h.ctx(), yes); err != nil {
		t.Fatal(err)
	}
	h.expect("Thanks — I'll send <@U0DANA> one short reminder")
	// The answered question still shows the helper as a person.
	var answered string
	for _, u := range h.fake.CallsTo("chat.update") {
		if u.Params["ts"] == ts(t, ask) {
			answered = unjson(u.Params["blocks"])
		}
	}
	if !strings.Contains(answered, "May I send <@U0DANA>") {
		t.Fatalf("answered question: %s", answered)
	}
	h.dm("that's all")
	h.expect("enjoy")
	h.dm("skip")
	h.expect("Shall I save it")
	h.dm("save it")
	h.expect("Your first stone")
	view, err := h.st.MemberView(context.Background(), member)
	if err != nil {
		t.Fatal(err)
	}
	st := view.Goals[0].Steps[0]
	if st.HelperID != "U0DANA" || !st.HelperOK || st.OwnerName != "<@U0DANA>" {
		t.Fatalf("step %+v", st)
	}
	// What the member typed is never made a mention, in any message.
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if strings.Contains(unjson(c.Params["blocks"]), "<@U0EVIL>") || strings.Contains(c.Params["text"], "<@U0EVIL>") {
			t.Fatalf("member text became a mention: %s", c.Params["blocks"])
		}
	}
}

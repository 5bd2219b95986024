package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// TestPrivacy_SlashCommandAndButtons: /cairn privacy shows the choices for
// each group the member is in (and no other), a press changes that
// group's choice only, and a press naming a group they are not in
// changes nothing.
func TestPrivacy_SlashCommandAndButtons(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for _, g := range []store.Group{
		{ID: "C0TUE", Name: "Tuesday group", Members: []string{member, "U0OTHER"}, Facilitators: []string{"U0FAC"}},
		{ID: "C0FRI", Name: "Friday group", Members: []string{member}, Facilitators: []string{"U0FAC"}},
		{ID: "C0NOT", Name: "Not hers", Members: []string{"U0OTHER"}, Facilitators: []string{"U0FAC"}},
	} {
		if err := h.st.SaveGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	id, err := h.fake.SendSlashCommand(h.ctx(), slack.SlashCommand{Command: "/cairn", Text: "privacy", UserID: member, ChannelID: "C0TUE"})
	if err != nil {
		t.Fatal(err)
	}
	ack, err := h.fake.WaitForAck(h.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		ResponseType string `json:"response_type"`
		Text         string `json:"text"`
		Blocks       []struct {
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
				Text     struct {
					Text string `json:"text"`
				} `json:"text"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(ack.Payload, &p); err != nil {
		t.Fatalf("ack %s: %v", ack.Payload, err)
	}
	if p.ResponseType != "ephemeral" || !strings.Contains(p.Text, "Tuesday group") || !strings.Contains(p.Text, "Friday group") || strings.Contains(p.Text, "Not hers") {
		t.Fatalf("/cairn privacy answered %s", ack.Payload)
	}
	buttons := map[string][2]string{} // value → action id, label
	for _, b := range p.Blocks {
		for _, e := range b.Elements {
			buttons[e.Value] = [2]string{e.ActionID, e.Text.Text}
		}
	}
	if len(buttons) != 6 || buttons["C0TUE|steps"][1] != "✓ Checked in + steps done" {
		t.Fatalf("buttons %v", buttons)
	}

	press := func(value string) fakeslack.Call {
		t.Helper()
		n := len(h.fake.CallsTo("response_url"))
		actionID := buttons[value][0]
		if actionID == "" {
			actionID = "privacy_set-0-0" // a forged press
		}
		if _, err := h.fake.SendInteractive(h.ctx(), fakeslack.BlockAction(member, "C0TUE", actionID, value, "")); err != nil {
			t.Fatal(err)
		}
		calls, err := h.fake.WaitForCalls(h.ctx(), "response_url", n+1)
		if err != nil {
			t.Fatalf("no answer to the press of %s", value)
		}
		return calls[n]
	}
	if c := press("C0FRI|all"); !strings.Contains(c.Params["text"], "Done — in Friday group") {
		t.Fatalf("answer %v", c.Params)
	}
	fri, _ := h.st.Group(ctx, "C0FRI")
	tue, _ := h.st.Group(ctx, "C0TUE")
	if fri.SharingOf(member) != store.ShareAll || tue.SharingOf(member) != store.ShareSteps {
		t.Fatalf("sharing: Friday %q, Tuesday %q", fri.SharingOf(member), tue.SharingOf(member))
	}
	if c := press("C0NOT|all"); !strings.Contains(c.Params["text"], "not a member") {
		t.Fatalf("answer to a forged press %v", c.Params)
	}
	if not, _ := h.st.Group(ctx, "C0NOT"); len(not.Sharing) != 0 {
		t.Fatalf("a group she is not in changed: %+v", not.Sharing)
	}
	h.waitHome("Friday group: everything i write", "Tuesday group: checked in + steps done")
}

// TestPrivacy_AppHomeButton: App Home's Privacy button sends the choices
// to the member's DM.
func TestPrivacy_AppHomeButton(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.st.SaveGroup(ctx, store.Group{ID: "C0TUE", Name: "Tuesday group", Members: []string{member}, Facilitators: []string{"U0FAC"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.fake.SendEvent(h.ctx(), fakeslack.AppHomeOpened(member)); err != nil {
		t.Fatal(err)
	}
	h.waitHome(`"action_id":"home-privacy"`)
	if _, err := h.fake.SendInteractive(h.ctx(), fakeslack.BlockAction(member, "", "home-privacy", "privacy", "")); err != nil {
		t.Fatal(err)
	}
	c := h.expect("Tuesday group* — now: checked in + steps done")
	if _, value := buttonValue(t, c, "Only whether I checked in"); value != "C0TUE|checked_in" {
		t.Fatalf("button value %q", value)
	}
}

package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// personHarness is a bot with Maria (member), her navigator Nia and the
// group's facilitator Fay; navigator says whether Maria said yes to Nia.
func personHarness(t *testing.T, navigator bool) *harness {
	t.Helper()
	h := newHarness(t)
	h.fake.AddUser(fakeslack.User{ID: "UNIA", Name: "nia", RealName: "Nia", TZ: "America/New_York"})
	h.fake.AddUser(fakeslack.User{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York"})
	g := store.Group{ID: "C0GROUP", Name: "Tuesday group", Members: []string{member}, Facilitators: []string{"UFAC"}, Navigators: []string{"UNIA"}}
	if navigator {
		g.NavigatorOf = map[string]string{member: "UNIA"}
	}
	if err := h.st.SaveGroup(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return h
}

// dmsTo are Cairn's messages to id's DM, text and blocks.
func (h *harness) dmsTo(id string) []string {
	var out []string
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if c.Params["channel"] == fakeslack.DMChannel(id) {
			out = append(out, c.Params["text"]+c.Params["blocks"])
		}
	}
	return out
}

func TestPerson_NavigatorIsAskedOnce(t *testing.T) {
	h := personHarness(t, true)
	ctx := context.Background()
	// Maria is setting a goal; her words must never reach anyone else.
	h.dm("goal")
	h.expect("dream")
	h.dm("a quiet garden of my own")
	h.expect("happy")
	h.dm("can I talk to a real person?")
	offer := h.expect("Would you like me to ask your navigator to reach out?")
	if strings.Contains(offer.Params["blocks"], `"value":"`+conversations.ActTalkToPerson+`"`) || !strings.Contains(offer.Params["blocks"], "Yes, ask them") {
		t.Fatalf("offer: %s", offer.Params["blocks"])
	}
	if len(h.dmsTo("UNIA")) != 0 {
		t.Fatal("words alone asked the navigator; they must be offered first")
	}
	h.press(member, conversations.ActPersonYes, h.posted(fakeslack.DMChannel(member), "Would you like me to ask"))
	h.expect("I've asked Nia, your navigator, to reach out.")
	h.expect(`say "continue" when you're ready`)
	h.posted(fakeslack.DMChannel("UNIA"), "Maria asked to talk with someone. Could you reach out today?")
	nia := h.dmsTo("UNIA")
	if len(nia) != 1 {
		t.Fatalf("Nia got %d messages, want 1: %q", len(nia), nia)
	}
	for _, secret := range []string{"garden", "real person", "talk to"} {
		if strings.Contains(nia[0], secret) {
			t.Errorf("Nia's message carries the member's words %q: %s", secret, nia[0])
		}
	}
	if n := len(h.dmsTo("UFAC")); n != 0 {
		t.Errorf("the facilitator got %d messages; the navigator was the one to ask", n)
	}
	entries, err := h.st.Audit(ctx, store.AuditFilter{Person: member})
	if err != nil || len(entries) != 1 || entries[0].Actor != "UNIA" || entries[0].What != "talk request" {
		t.Fatalf("audit: %+v, %v", entries, err)
	}

	// A second ask within the hour, by the menu's button: kind, and nothing more sent.
	h.press(member, conversations.ActTalkToPerson, "")
	h.expect("I asked Nia at ")
	if n := len(h.dmsTo("UNIA")); n != 1 {
		t.Errorf("Nia got %d messages after a second ask, want 1", n)
	}
	if entries, _ := h.st.Audit(ctx, store.AuditFilter{Person: member}); len(entries) != 1 {
		t.Errorf("a second ask was audited: %+v", entries)
	}

	// The goal under way was kept.
	h.dm("continue")
	h.expect("happy")
}

func TestPerson_FacilitatorWithoutNavigator_FromAppHome(t *testing.T) {
	h := personHarness(t, false)
	if _, err := h.fake.SendEvent(h.ctx(), fakeslack.AppHomeOpened(member)); err != nil {
		t.Fatal(err)
	}
	h.waitHome(`"action_id":"home-person-ask"`, `"value":"`+conversations.ActTalkToPerson+`"`, "Talk to a person")
	h.sendInteractive(fakeslack.BlockAction(member, "", "home-person-ask", conversations.ActTalkToPerson, ""))
	h.expect("I've asked Fay, your group's facilitator, to reach out.")
	h.posted(fakeslack.DMChannel("UFAC"), "Maria asked to talk with someone.")
	if n := len(h.dmsTo("UNIA")); n != 0 {
		t.Errorf("a navigator Maria never said yes to got %d messages", n)
	}
	if n := len(h.dmsTo("UFAC")); n != 1 {
		t.Errorf("Fay got %d messages, want 1", n)
	}
}

func TestPerson_NobodyToAsk(t *testing.T) {
	h := newHarness(t)
	h.dm("I need help")
	h.expect("Would you like me to ask")
	h.press(member, conversations.ActPersonYes, "")
	c := h.expect("there's no navigator or facilitator I can ask for you yet")
	for _, want := range []string{"988", "local emergency number"} {
		if !strings.Contains(c.Params["text"], want) {
			t.Errorf("answer lacks %q: %s", want, c.Params["text"])
		}
	}
}

// TestPerson_EachInTheirLanguage: a Spanish-speaking member is told in
// Spanish who was asked; each person asked reads the alert in their own
// language (Nia: Spanish; Fay, with none saved: English).
func TestPerson_EachInTheirLanguage(t *testing.T) {
	h := personHarness(t, false)
	ctx := context.Background()
	for _, m := range []store.Member{{ID: member, Name: "Maria", Lang: "es"}, {ID: "UNIA", Name: "Nia", Lang: "es-US"}} {
		if err := h.st.SaveMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	g, err := h.st.Group(ctx, "C0GROUP")
	if err != nil {
		t.Fatal(err)
	}
	g.Facilitators = []string{"UFAC", "UNIA"}
	if err := h.st.SaveGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	h.press(member, conversations.ActTalkToPerson, "")
	h.expect("Pedí que te busquen: Fay y Nia, los facilitadores de tu grupo.")
	h.posted(fakeslack.DMChannel("UNIA"), "Maria pidió hablar con alguien.")
	h.posted(fakeslack.DMChannel("UFAC"), "Maria asked to talk with someone.")
}

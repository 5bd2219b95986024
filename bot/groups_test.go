package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// slash sends /cairn text from user in channel and returns the ack's text.
func (h *harness) slash(user, channel, text string) string {
	h.t.Helper()
	id, err := h.fake.SendSlashCommand(h.ctx(), slack.SlashCommand{Command: "/cairn", Text: text, UserID: user, ChannelID: channel})
	if err != nil {
		h.t.Fatal(err)
	}
	ack, err := h.fake.WaitForAck(h.ctx(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(ack.Payload, &m)
	s, _ := m["text"].(string)
	return s
}

// submit sends a view submission and returns the ack payload.
func (h *harness) submit(payload map[string]any) string {
	h.t.Helper()
	id, err := h.fake.SendInteractive(h.ctx(), payload)
	if err != nil {
		h.t.Fatal(err)
	}
	ack, err := h.fake.WaitForAck(h.ctx(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return string(ack.Payload)
}

func users(ids ...string) map[string]any {
	return map[string]any{"type": "multi_users_select", "selected_users": ids}
}

func groupForm(name, schedule, tz string, members, facilitators, navigators []string) map[string]map[string]any {
	return map[string]map[string]any{
		"group_name":   {"group_name_input": fakeslack.TextInput(name)},
		"schedule":     {"schedule_input": fakeslack.TextInput(schedule)},
		"tz":           {"tz_input": fakeslack.TextInput(tz)},
		"lead":         {"lead_input": fakeslack.TextInput("24")},
		"quiet":        {"quiet_input": fakeslack.TextInput("")},
		"crisis":       {"crisis_input": fakeslack.TextInput("")},
		"members":      {"members_input": users(members...)},
		"facilitators": {"facilitators_input": users(facilitators...)},
		"navigators":   {"navigators_input": users(navigators...)},
	}
}

// posted waits for a message from Cairn to channel containing want, and
// returns its ts.
func (h *harness) posted(channel, want string) string {
	h.t.Helper()
	var ts string
	waitFor(h.t, func() bool {
		for _, c := range h.fake.CallsTo("chat.postMessage") {
			if c.Params["channel"] == channel && strings.Contains(c.Params["text"], want) {
				var r struct{ TS string }
				_ = json.Unmarshal(c.Response, &r)
				ts = r.TS
				return true
			}
		}
		return false
	})
	return ts
}

// countPosted counts Cairn's messages to channel containing want.
func (h *harness) countPosted(channel, want string) int {
	n := 0
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if c.Params["channel"] == channel && strings.Contains(c.Params["text"], want) {
			n++
		}
	}
	return n
}

// press clicks the button with value on Cairn's message ts in user's DM.
func (h *harness) press(user, value, ts string) map[string]any {
	h.t.Helper()
	p := fakeslack.BlockAction(user, fakeslack.DMChannel(user), "choice-0-0", value, ts)
	h.sendInteractive(p)
	return p
}

func (h *harness) sendInteractive(p map[string]any) {
	h.t.Helper()
	id, err := h.fake.SendInteractive(h.ctx(), p)
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.fake.WaitForAck(h.ctx(), id); err != nil {
		h.t.Fatal(err)
	}
}

// openGroupForm runs /cairn group setup as user in channel and returns the
// id of the form Cairn opened (the n-th views.open).
func (h *harness) openGroupForm(user, channel string, n int) string {
	h.t.Helper()
	h.slash(user, channel, "group setup")
	opened, err := h.fake.WaitForCalls(h.ctx(), "views.open", n)
	if err != nil {
		h.t.Fatal(err)
	}
	var resp struct {
		View struct{ ID string } `json:"view"`
	}
	_ = json.Unmarshal(opened[n-1].Response, &resp)
	return resp.View.ID
}

func TestGroups_SetupRolesPauseAndNudges(t *testing.T) {
	h := newHarness(t)
	for _, u := range []fakeslack.User{
		{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York", IsAdmin: true},
		{ID: "UANA", Name: "ana", RealName: "Ana", TZ: "America/Chicago"},
		{ID: "UBEN", Name: "ben", RealName: "Ben", TZ: "Europe/Berlin"},
		{ID: "UNAV", Name: "nia", RealName: "Nia", TZ: "America/New_York"},
	} {
		h.fake.AddUser(u)
	}
	h.fake.SetMembers("C0GROUP", "UFAC", "UANA", "UBEN", "U0CAIRNBOT")
	ctx := context.Background()

	// Not in a DM: a group lives in its channel.
	if got := h.slash("UFAC", fakeslack.DMChannel("UFAC"), "group setup"); !strings.Contains(got, "group's own channel") {
		t.Fatalf("setup in a DM answered %q", got)
	}
	h.slash("UFAC", "C0GROUP", "group setup")
	opened, err := h.fake.WaitForCalls(h.ctx(), "views.open", 1)
	if err != nil {
		t.Fatal(err)
	}
	view := opened[0].Params["view"]
	for _, want := range []string{`"initial_users":["UANA","UBEN"]`, `"initial_value":"America/New_York"`, `"initial_users":["UFAC"]`} {
		if !strings.Contains(view, want) {
			t.Fatalf("setup form lacks %s (channel members, the facilitator's zone):\n%s", want, view)
		}
	}
	var resp struct {
		View struct{ ID string } `json:"view"`
	}
	_ = json.Unmarshal(opened[0].Response, &resp)

	badForm := groupForm("Tuesday group", "whenever", "Mars/Base", nil, []string{"UFAC"}, nil)
	badForm["crisis"] = map[string]any{"crisis_input": fakeslack.TextInput(strings.Repeat("call ", 200))}
	bad, _ := h.fake.ViewSubmissionFor("UFAC", resp.View.ID, badForm)
	if ack := h.submit(bad); !strings.Contains(ack, `"schedule"`) || !strings.Contains(ack, `"tz"`) || !strings.Contains(ack, `"members"`) || !strings.Contains(ack, `"crisis"`) {
		t.Fatalf("bad form accepted: %s", ack)
	}
	if _, err := h.st.Group(ctx, "C0GROUP"); err == nil {
		t.Fatal("a refused form saved a group")
	}
	goodForm := groupForm("Tuesday group", "Tuesdays 6pm", "America/New_York", []string{"UANA", "UBEN"}, []string{"UFAC"}, []string{"UNAV"})
	goodForm["crisis"] = map[string]any{"crisis_input": fakeslack.TextInput("  Call our warmline 555-0100, 9am–9pm\n")}
	good, _ := h.fake.ViewSubmissionFor("UFAC", resp.View.ID, goodForm)
	ack := h.submit(good)
	if !strings.Contains(ack, `"response_action":"update"`) || !strings.Contains(ack, "Tuesday, June 16") || !strings.Contains(ack, "Tuesday, June 30") {
		t.Fatalf("saved form should show the next three sessions: %s", ack)
	}
	g, err := h.st.Group(ctx, "C0GROUP")
	if err != nil || !strings.Contains(g.Schedule, "America/New_York") || g.CrisisContacts != "Call our warmline 555-0100, 9am–9pm" {
		t.Fatalf("group = %+v, %v", g, err)
	}
	// Nobody is put in the group: the facilitator who set it up is in it,
	// the others are invited.
	if len(g.Members) != 0 || len(g.Navigators) != 0 || !slices.Equal(g.Facilitators, []string{"UFAC"}) || len(g.Invited) != 3 {
		t.Fatalf("group after setup = %+v", g)
	}
	// Everyone is recorded with name and zone.
	waitFor(t, func() bool {
		m, err := h.st.Member(ctx, "UBEN")
		return err == nil && m.TZ == "Europe/Berlin" && m.Name == "Ben"
	})
	// Each invitation says who, where, when, and who would see what.
	anaInvite := h.posted(fakeslack.DMChannel("UANA"), "would like you to join")
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if c.Params["channel"] != fakeslack.DMChannel("UANA") {
			continue
		}
		for _, want := range []string{"Fay set up", "Tuesday group", "#c0group", "Tuesdays at 6:00 PM", "facilitators (Fay)", "/cairn privacy", `"value":"group-join:C0GROUP"`, `"value":"group-decline:C0GROUP"`} {
			if !strings.Contains(c.Params["text"]+c.Params["blocks"], want) {
				t.Errorf("Ana's invitation lacks %q:\n%s\n%s", want, c.Params["text"], c.Params["blocks"])
			}
		}
	}
	benInvite := h.posted(fakeslack.DMChannel("UBEN"), "would like you to join")
	navInvite := h.posted(fakeslack.DMChannel("UNAV"), "join as a navigator")

	// Ana joins; the same press again (Slack's retry, a double click)
	// changes nothing and says nothing twice.
	join := h.press("UANA", "group-join:C0GROUP", anaInvite)
	h.posted(fakeslack.DMChannel("UANA"), "You're in")
	h.sendInteractive(join)
	waitFor(t, func() bool { return strings.Contains(h.logs.String(), "replayed press ignored") })
	// Her navigator question comes with the welcome: only one navigator.
	navQuestion := h.posted(fakeslack.DMChannel("UANA"), "suggests Nia as your navigator")
	// Joining is also choosing what the group sees: the three choices come
	// at once, for this group.
	waitFor(t, func() bool {
		for _, c := range h.fake.CallsTo("chat.postMessage") {
			if c.Params["channel"] == fakeslack.DMChannel("UANA") && strings.Contains(c.Params["blocks"], `"value":"C0GROUP|checked_in"`) {
				return true
			}
		}
		return false
	})
	if n := h.countPosted(fakeslack.DMChannel("UANA"), "You're in"); n != 1 {
		t.Fatalf("Ana was welcomed %d times", n)
	}
	// The invitation keeps its words and loses its buttons.
	waitFor(t, func() bool {
		for _, c := range h.fake.CallsTo("chat.update") {
			if c.Params["ts"] == anaInvite && strings.Contains(c.Params["blocks"], "✓ Join") && !strings.Contains(c.Params["blocks"], "group-decline") {
				return true
			}
		}
		return false
	})
	g, _ = h.st.Group(ctx, "C0GROUP")
	if !slices.Equal(g.Members, []string{"UANA"}) || g.NavigatorFor("UANA") != "" {
		t.Fatalf("after Ana joined: %+v", g)
	}
	// Ben says no thanks: he stays out, and is told so kindly.
	h.press("UBEN", "group-decline:C0GROUP", benInvite)
	h.posted(fakeslack.DMChannel("UBEN"), "No problem")
	g, _ = h.st.Group(ctx, "C0GROUP")
	if slices.Contains(g.Members, "UBEN") || len(g.InvitationsOf("UBEN")) != 0 {
		t.Fatalf("after Ben declined: %+v", g)
	}
	// Nia joins as navigator, and Ana says yes to her.
	h.press("UNAV", "group-join:C0GROUP", navInvite)
	h.posted(fakeslack.DMChannel("UNAV"), "You're in")
	h.press("UANA", "nav-yes:C0GROUP", navQuestion)
	h.posted(fakeslack.DMChannel("UANA"), "Nia is your navigator")
	g, _ = h.st.Group(ctx, "C0GROUP")
	if g.NavigatorFor("UANA") != "UNAV" {
		t.Fatalf("after Ana's yes: %+v", g)
	}

	// Roles: a member can read the schedule, not the roster, and cannot change it.
	if got := h.slash("UBEN", "C0GROUP", "group"); !strings.Contains(got, "Tuesday group") || strings.Contains(got, "<@UANA>") {
		t.Fatalf("member sees %q", got)
	}
	if got := h.slash("UFAC", "C0GROUP", "group"); !strings.Contains(got, "<@UANA>") {
		t.Fatalf("facilitator sees %q", got)
	}
	if got := h.slash("UBEN", "C0GROUP", "group setup"); !strings.Contains(got, "Only this group's facilitators") {
		t.Fatalf("member setup answered %q", got)
	}
	forged, _ := h.fake.ViewSubmissionFor("UBEN", resp.View.ID, groupForm("Ben's group", "Fridays 9am", "Europe/Berlin", []string{"UBEN"}, []string{"UBEN"}, nil))
	if ack := h.submit(forged); !strings.Contains(ack, "Only this group") {
		t.Fatalf("forged submission answered %s", ack)
	}
	if g2, _ := h.st.Group(ctx, "C0GROUP"); g2.Name != "Tuesday group" {
		t.Fatalf("a member changed the group: %+v", g2)
	}
	if got := h.slash("UBEN", "C0GROUP", "group cancel"); !strings.Contains(got, "Only this group's facilitators") {
		t.Fatalf("member cancel answered %q", got)
	}
	if got := h.slash("UFAC", "C0GROUP", "group cancel"); !strings.Contains(got, "Tuesday, June 16 at 6:00 PM") {
		t.Fatalf("cancel answered %q", got)
	}

	// Pause and resume, in the member's own words.
	if got := h.slash("UANA", "C0GROUP", "pause until June 20"); !strings.Contains(got, "Saturday, June 20") {
		t.Fatalf("pause answered %q", got)
	}
	m, _ := h.st.Member(ctx, "UANA")
	if want := time.Date(2026, 6, 20, 0, 0, 0, 0, mustLoad("America/Chicago")); !m.PausedUntil.Equal(want) {
		t.Fatalf("paused until %v, want %v", m.PausedUntil, want)
	}
	if got := h.slash("UANA", "C0GROUP", "pause someday"); !strings.Contains(got, "pause until June 20") {
		t.Fatalf("vague pause answered %q", got)
	}
	if got := h.slash("UANA", "C0GROUP", "resume"); !strings.Contains(got, "Welcome back") {
		t.Fatalf("resume answered %q", got)
	}
	if m, _ := h.st.Member(ctx, "UANA"); !m.PausedUntil.IsZero() {
		t.Fatalf("still paused: %v", m.PausedUntil)
	}

	// Proposing navigators: facilitators only, members who joined only, and
	// a proposal is a question to the member, not a navigator.
	if got := h.slash("UBEN", "C0GROUP", "group assign"); !strings.Contains(got, "Only this group's facilitators") {
		t.Fatalf("member assign answered %q", got)
	}
	h.slash("UFAC", "C0GROUP", "group assign")
	assignViews, err := h.fake.WaitForCalls(h.ctx(), "views.open", 2)
	if err != nil {
		t.Fatal(err)
	}
	var assignResp struct {
		View struct{ ID string } `json:"view"`
	}
	_ = json.Unmarshal(assignViews[1].Response, &assignResp)
	forgedAssign, _ := h.fake.ViewSubmissionFor("UBEN", assignResp.View.ID, assignForm("UBEN", "UANA"))
	if ack := h.submit(forgedAssign); !strings.Contains(ack, "Only this group") {
		t.Fatalf("forged assign answered %s", ack)
	}
	for _, outsider := range []string{"UOUTSIDER", "UBEN"} { // Ben declined: not a member
		form, _ := h.fake.ViewSubmissionFor("UFAC", assignResp.View.ID, assignForm("UNAV", outsider))
		if ack := h.submit(form); !strings.Contains(ack, "must be a member of this group") {
			t.Fatalf("assigning %s answered %s", outsider, ack)
		}
	}
	okAssign, _ := h.fake.ViewSubmissionFor("UFAC", assignResp.View.ID, assignForm("UFAC", "UANA"))
	if ack := h.submit(okAssign); ack != "" && ack != "null" {
		t.Fatalf("assign answered %s", ack)
	}
	faysQuestion := h.posted(fakeslack.DMChannel("UANA"), "suggests Fay as your navigator")
	if g, _ := h.st.Group(ctx, "C0GROUP"); g.NavigatorFor("UANA") != "UNAV" || g.NavigatorAsked["UANA"] != "UFAC" {
		t.Fatalf("a proposal took Ana from her navigator: %+v", g)
	}
	h.press("UANA", "nav-no:C0GROUP", faysQuestion)
	h.posted(fakeslack.DMChannel("UANA"), "no navigator for now")

	// A nudge button pressed by someone who is not the member's navigator.
	press := fakeslack.BlockAction("UBEN", fakeslack.DMChannel("UBEN"), "choice-0-0", "nudge:UANA", "1.1")
	if _, err := h.fake.SendInteractive(h.ctx(), press); err != nil {
		t.Fatal(err)
	}
	h.expect("isn't one of yours")

	// Leaving: /cairn leave in the group's channel, at once. Ben, who
	// declined, has nothing to leave there.
	if got := h.slash("UBEN", "C0GROUP", "leave"); !strings.Contains(got, "not in that group") {
		t.Fatalf("Ben's leave answered %q", got)
	}
	if got := h.slash("UANA", "C0GROUP", "leave"); !strings.Contains(got, "You've left") {
		t.Fatalf("leave answered %q", got)
	}
	if g, _ := h.st.Group(ctx, "C0GROUP"); slices.Contains(g.Members, "UANA") || g.NavigatorOf["UANA"] != "" {
		t.Fatalf("after Ana left: %+v", g)
	}
	// And the button under the welcome.
	navWelcome := h.posted(fakeslack.DMChannel("UNAV"), "You're in")
	h.press("UNAV", "group-leave:C0GROUP", navWelcome)
	h.posted(fakeslack.DMChannel("UNAV"), "You've left")
	if g, _ := h.st.Group(ctx, "C0GROUP"); slices.Contains(g.Navigators, "UNAV") {
		t.Fatalf("after Nia left: %+v", g)
	}
}

func assignForm(nav string, members ...string) map[string]map[string]any {
	return map[string]map[string]any{
		"navigator": {"navigator_input": map[string]any{"type": "users_select", "selected_user": nav}},
		"assigned":  {"assigned_input": users(members...)},
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10 s")
		}
		<-tick.C
	}
}

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// TestGroups_onlyAdminsCreate is channel squatting: someone who is not an
// admin, nor allowed by one, cannot create a group, by the command or by a
// form sent without it. Cairn's admins (the store, the config) and
// workspace admins can, and so can someone an admin allowed.
func TestGroups_onlyAdminsCreate(t *testing.T) {
	h := newHarnessWith(t, func(c *bot.Config) { c.Admins = []string{"UCFG"} })
	ctx := context.Background()
	for _, u := range []fakeslack.User{
		{ID: "UEVE", Name: "eve", RealName: "Eve", TZ: "America/New_York"},
		{ID: "UWSA", Name: "wsa", RealName: "Wanda", TZ: "America/New_York", IsAdmin: true},
		{ID: "UCFG", Name: "cfg", RealName: "Cyd", TZ: "America/New_York"},
		{ID: "UANA", Name: "ana", RealName: "Ana", TZ: "America/Chicago"},
	} {
		h.fake.AddUser(u)
	}
	for _, ch := range []string{"C0EVE", "C0WSA", "C0CFG"} {
		h.fake.SetMembers(ch, "UEVE", "UWSA", "UCFG", "UANA", "U0CAIRNBOT")
	}
	if got := h.slash("UEVE", "C0EVE", "group setup"); !strings.Contains(got, "Only a Cairn admin") {
		t.Fatalf("a non-admin's setup answered %q", got)
	}
	form := groupForm("Eve's group", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UEVE"}, []string{"UEVE"})
	if ack := h.submit(fakeslack.ViewSubmission("UEVE", "group_setup", "C0EVE", form)); !strings.Contains(ack, "Only a Cairn admin") {
		t.Fatalf("a non-admin's form answered %s", ack)
	}
	if _, err := h.st.Group(ctx, "C0EVE"); err == nil {
		t.Fatal("a non-admin created a group")
	}
	for i, admin := range []string{"UWSA", "UCFG"} {
		h.openGroupForm(admin, "C0"+strings.TrimPrefix(admin, "U"), i+1)
	}
	// Allowed by an admin (`cairn admin allow`): Eve may now.
	if err := h.st.SetAdmin(ctx, store.Admin{ID: "UEVE", Kind: store.KindFacilitator, By: "host"}); err != nil {
		t.Fatal(err)
	}
	if ack := h.submit(fakeslack.ViewSubmission("UEVE", "group_setup", "C0EVE", form)); !strings.Contains(ack, "is set up") {
		t.Fatalf("an allowed facilitator's form answered %s", ack)
	}
}

// TestGroups_forgedSubmission: a group form names its channel in a hidden
// field anyone can forge. One naming a DM, a channel the person is not in
// or one Cairn cannot see is refused, and so is one whose channel cannot be
// checked; a big channel is read page by page.
func TestGroups_forgedSubmission(t *testing.T) {
	h := newHarnessWith(t, func(c *bot.Config) { c.Admins = []string{"UEVE"} })
	ctx := context.Background()
	h.fake.AddUser(fakeslack.User{ID: "UEVE", Name: "eve", RealName: "Eve", TZ: "America/New_York"})
	h.fake.SetMembers("C0HERS", "UANA", "UFAC", "U0CAIRNBOT")
	big := []string{}
	for i := range 2500 {
		big = append(big, fmt.Sprintf("U%07d", i))
	}
	h.fake.SetMembers("C0BIG", append(big, "UEVE")...)
	form := groupForm("Eve's group", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UEVE"}, []string{"UEVE"})
	for _, channel := range []string{fakeslack.DMChannel("UANA"), "DANA", "C0HERS", "C0NOWHERE", "U0ANA"} {
		ack := h.submit(fakeslack.ViewSubmission("UEVE", "group_setup", channel, form))
		if !strings.Contains(ack, "A group lives in a channel you're in") {
			t.Errorf("a form for %s answered %s", channel, ack)
		}
		if _, err := h.st.Group(ctx, channel); err == nil {
			t.Errorf("a forged form saved a group in %s", channel)
		}
	}
	h.fake.FailNext("conversations.members", 1, fakeslack.SlackError("missing_scope"))
	if ack := h.submit(fakeslack.ViewSubmission("UEVE", "group_setup", "C0BIG", form)); !strings.Contains(ack, "couldn't check") {
		t.Errorf("a form whose channel could not be checked answered %s", ack)
	}
	if ack := h.submit(fakeslack.ViewSubmission("UEVE", "group_setup", "C0BIG", form)); !strings.Contains(ack, "is set up") {
		t.Errorf("a form for a big channel he is in answered %s", ack)
	}
}

// TestGroups_curiousUser is issue 9's attack through Slack: Eve, allowed
// to create groups, sets one up in his own channel naming Ana as a member
// and himself as facilitator and navigator. Ana is only invited; "/cairn
// group assign" cannot make him her navigator; her navigator in her own
// group keeps her. (The scheduler's test shows no prompt and no digest
// line reach across: scheduler.TestScheduler_curiousUser.)
func TestGroups_curiousUser(t *testing.T) {
	h := newHarnessWith(t, func(c *bot.Config) { c.Admins = []string{"UEVE"} })
	ctx := context.Background()
	h.fake.AddUser(fakeslack.User{ID: "UEVE", Name: "eve", RealName: "Eve", TZ: "America/New_York"})
	h.fake.AddUser(fakeslack.User{ID: "UANA", Name: "ana", RealName: "Ana", TZ: "America/Chicago"})
	h.fake.SetMembers("C0EVE", "UEVE", "U0CAIRNBOT")
	if err := h.st.SaveGroup(ctx, store.Group{ID: "C0HERS", Name: "Hers", Members: []string{"UANA"}, Facilitators: []string{"UFAC"},
		Navigators: []string{"UNIA"}, NavigatorOf: map[string]string{"UANA": "UNIA"}}); err != nil {
		t.Fatal(err)
	}
	id := h.openGroupForm("UEVE", "C0EVE", 1)
	form, _ := h.fake.ViewSubmissionFor("UEVE", id, groupForm("Eve's group", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UEVE"}, []string{"UEVE"}))
	if ack := h.submit(form); !strings.Contains(ack, "is set up") {
		t.Fatalf("setup answered %s", ack)
	}
	h.posted(fakeslack.DMChannel("UANA"), "Eve set up")
	g, _ := h.st.Group(ctx, "C0EVE")
	if slices.Contains(g.Members, "UANA") || g.NavigatorFor("UANA") != "" {
		t.Fatalf("Ana is in Eve's group without joining: %+v", g)
	}
	assign := fakeslack.ViewSubmission("UEVE", "assign_navigator", "C0EVE", assignForm("UEVE", "UANA"))
	if ack := h.submit(assign); !strings.Contains(ack, "must be a member of this group") {
		t.Fatalf("assign answered %s", ack)
	}
	// Not from her own group either: it is not his.
	assignHers := fakeslack.ViewSubmission("UEVE", "assign_navigator", "C0HERS", assignForm("UEVE", "UANA"))
	if ack := h.submit(assignHers); !strings.Contains(ack, "Only this group") {
		t.Fatalf("assign in her group answered %s", ack)
	}
	if hers, _ := h.st.Group(ctx, "C0HERS"); hers.NavigatorFor("UANA") != "UNIA" {
		t.Fatalf("her navigator lost her: %+v", hers)
	}
	// His nudge button for her is refused.
	h.sendInteractive(fakeslack.BlockAction("UEVE", fakeslack.DMChannel("UEVE"), "choice-0-0", "nudge:UANA", "1.1"))
	h.posted(fakeslack.DMChannel("UEVE"), "isn't one of yours")
}

// TestGroups_leaveChoosing: /cairn leave outside a group's channel, for
// someone in two groups, asks which one in the DM; one press leaves it.
func TestGroups_leaveChoosing(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for _, id := range []string{"C0ONE", "C0TWO"} {
		if err := h.st.SaveGroup(ctx, store.Group{ID: id, Name: "Group " + id, Members: []string{"UANA"}, Facilitators: []string{"UFAC"}}); err != nil {
			t.Fatal(err)
		}
	}
	if got := h.slash("UANA", fakeslack.DMChannel("UANA"), "leave"); !strings.Contains(got, "direct message") {
		t.Fatalf("leave answered %q", got)
	}
	ts := h.posted(fakeslack.DMChannel("UANA"), "Which group would you like to leave?")
	h.press("UANA", "group-leave:C0TWO", ts)
	h.posted(fakeslack.DMChannel("UANA"), "You've left “Group C0TWO”")
	one, _ := h.st.Group(ctx, "C0ONE")
	two, _ := h.st.Group(ctx, "C0TWO")
	if !slices.Contains(one.Members, "UANA") || slices.Contains(two.Members, "UANA") {
		t.Fatalf("after leaving C0TWO: %+v %+v", one, two)
	}
	// Now in one group: /cairn leave leaves it.
	if got := h.slash("UANA", fakeslack.DMChannel("UANA"), "leave"); !strings.Contains(got, "You've left") {
		t.Fatalf("second leave answered %q", got)
	}
	if got := h.slash("UANA", fakeslack.DMChannel("UANA"), "leave"); !strings.Contains(got, "not in any group") {
		t.Fatalf("third leave answered %q", got)
	}
}

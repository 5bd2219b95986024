package bot_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/internal/fakeslack"
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
		"members":      {"members_input": users(members...)},
		"facilitators": {"facilitators_input": users(facilitators...)},
		"navigators":   {"navigators_input": users(navigators...)},
	}
}

func TestGroups_SetupRolesPauseAndNudges(t *testing.T) {
	h := newHarness(t)
	for _, u := range []fakeslack.User{
		{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York"},
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

	bad, _ := h.fake.ViewSubmissionFor("UFAC", resp.View.ID, groupForm("Tuesday group", "whenever", "Mars/Base", nil, []string{"UFAC"}, nil))
	if ack := h.submit(bad); !strings.Contains(ack, `"schedule"`) || !strings.Contains(ack, `"tz"`) || !strings.Contains(ack, `"members"`) {
		t.Fatalf("bad form accepted: %s", ack)
	}
	if _, err := h.st.Group(ctx, "C0GROUP"); err == nil {
		t.Fatal("a refused form saved a group")
	}
	good, _ := h.fake.ViewSubmissionFor("UFAC", resp.View.ID, groupForm("Tuesday group", "Tuesdays 6pm", "America/New_York", []string{"UANA", "UBEN"}, []string{"UFAC"}, []string{"UNAV"}))
	ack := h.submit(good)
	if !strings.Contains(ack, `"response_action":"update"`) || !strings.Contains(ack, "Tuesday, June 16") || !strings.Contains(ack, "Tuesday, June 30") {
		t.Fatalf("saved form should show the next three sessions: %s", ack)
	}
	g, err := h.st.Group(ctx, "C0GROUP")
	if err != nil || g.Schedule != "CRON_TZ=America/New_York 0 18 * * TUE" && !strings.Contains(g.Schedule, "America/New_York") {
		t.Fatalf("group = %+v, %v", g, err)
	}
	// Everyone is recorded with name and zone; the only navigator is theirs.
	waitFor(t, func() bool {
		m, err := h.st.Member(ctx, "UBEN")
		return err == nil && m.TZ == "Europe/Berlin" && m.Name == "Ben" && m.NavigatorID == "UNAV"
	})

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

	// Assigning navigators: facilitators only.
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
	assignForm := func(nav string, members ...string) map[string]map[string]any {
		return map[string]map[string]any{
			"navigator": {"navigator_input": map[string]any{"type": "users_select", "selected_user": nav}},
			"assigned":  {"assigned_input": users(members...)},
		}
	}
	forgedAssign, _ := h.fake.ViewSubmissionFor("UBEN", assignResp.View.ID, assignForm("UBEN", "UANA"))
	if ack := h.submit(forgedAssign); !strings.Contains(ack, "Only this group") {
		t.Fatalf("forged assign answered %s", ack)
	}
	outsider, _ := h.fake.ViewSubmissionFor("UFAC", assignResp.View.ID, assignForm("UNAV", "UOUTSIDER"))
	if ack := h.submit(outsider); !strings.Contains(ack, "must be a member of this group") {
		t.Fatalf("assigning a non-member answered %s", ack)
	}
	okAssign, _ := h.fake.ViewSubmissionFor("UFAC", assignResp.View.ID, assignForm("UFAC", "UANA"))
	if ack := h.submit(okAssign); ack != "" && ack != "null" {
		t.Fatalf("assign answered %s", ack)
	}
	if m, _ := h.st.Member(ctx, "UANA"); m.NavigatorID != "UFAC" {
		t.Fatalf("Ana's navigator = %q", m.NavigatorID)
	}

	// A nudge button pressed by someone who is not the member's navigator.
	press := fakeslack.BlockAction("UBEN", fakeslack.DMChannel("UBEN"), "choice-0-0", "nudge:UANA", "1.1")
	if _, err := h.fake.SendInteractive(h.ctx(), press); err != nil {
		t.Fatal(err)
	}
	h.expect("isn't one of yours")
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

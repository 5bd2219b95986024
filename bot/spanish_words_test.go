package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

var (
	en = conversations.WordsFor(conversations.English)
	es = conversations.WordsFor(conversations.Spanish)
)

// prefix is a format string's text before its first verb: what every
// message made from it starts with.
func prefix(format string) string {
	before, _, _ := strings.Cut(format, "%")
	return before
}

// formErrors decodes the errors a form submission's ack shows under fields.
func formErrors(t *testing.T, ack string) map[string]string {
	t.Helper()
	var resp struct {
		Action string            `json:"response_action"`
		Errors map[string]string `json:"errors"`
	}
	if err := json.Unmarshal([]byte(ack), &resp); err != nil {
		t.Fatalf("ack %s: %v", ack, err)
	}
	if resp.Action != "errors" {
		t.Fatalf("the form was accepted: %s", ack)
	}
	return resp.Errors
}

// causes are operators' words that a person must never read.
var causes = []string{"bbolt", "database", "closed", "context deadline", "channel_not_found", "internal_error", "500", "bot:", "store:"}

func noCause(t *testing.T, what, got string) {
	t.Helper()
	for _, c := range causes {
		if strings.Contains(got, c) {
			t.Errorf("%s shows the cause %q to a person: %q", what, c, got)
		}
	}
}

// groupHarness is a bot with Fay (a workspace admin, who may start groups)
// and Ana in channel C0GROUP.
func groupHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.fake.AddUser(fakeslack.User{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York", IsAdmin: true})
	h.fake.AddUser(fakeslack.User{ID: "UANA", Name: "ana", RealName: "Ana", TZ: "America/Chicago"})
	h.fake.SetMembers("C0GROUP", "UFAC", "UANA", "U0CAIRNBOT")
	return h
}

// TestErrors_PersonReadsKindWordsOperatorReadsTheCause: where Slack or the
// store fails, the person is told in a kind catalogue sentence what to do,
// and the cause goes to the log only.
func TestErrors_PersonReadsKindWordsOperatorReadsTheCause(t *testing.T) {
	t.Run("SlackSaysChannelNotFound", func(t *testing.T) {
		h := groupHarness(t)
		view := h.openGroupForm("UFAC", "C0GROUP", 1)
		h.fake.FailNext("conversations.members", 1, fakeslack.SlackError("channel_not_found"))
		form, _ := h.fake.ViewSubmissionFor("UFAC", view, groupForm("Tuesday group", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UFAC"}, nil))
		errs := formErrors(t, h.submit(form))
		if errs["group_name"] != en.ErrNotInChannel {
			t.Errorf("Fay read %q, want %q", errs["group_name"], en.ErrNotInChannel)
		}
		noCause(t, "the group form", errs["group_name"])
	})
	t.Run("SlackFailsTheCheck", func(t *testing.T) {
		h := groupHarness(t)
		view := h.openGroupForm("UFAC", "C0GROUP", 1)
		h.fake.FailNext("conversations.members", 100, fakeslack.SlackError("internal_error"))
		form, _ := h.fake.ViewSubmissionFor("UFAC", view, groupForm("Tuesday group", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UFAC"}, nil))
		errs := formErrors(t, h.submit(form))
		if errs["group_name"] != en.ErrCheckFailed {
			t.Errorf("Fay read %q, want %q", errs["group_name"], en.ErrCheckFailed)
		}
		noCause(t, "the group form", errs["group_name"])
		if !strings.Contains(h.logs.String(), "internal_error") {
			t.Errorf("the log does not name Slack's error:\n%s", h.logs.String())
		}
	})
	t.Run("ScheduleNotRead", func(t *testing.T) {
		// The scheduler's own sentence is the operator's; the facilitator
		// reads the catalogue's, in their language.
		h := groupHarness(t)
		view := h.openGroupForm("UFAC", "C0GROUP", 1)
		form, _ := h.fake.ViewSubmissionFor("UFAC", view, groupForm("Tuesday group", "whenever", "America/New_York", []string{"UANA"}, []string{"UFAC"}, nil))
		if got := formErrors(t, h.submit(form))["schedule"]; got != en.ErrScheduleUnread {
			t.Errorf("Fay read %q, want %q", got, en.ErrScheduleUnread)
		}
		form, _ = h.fake.ViewSubmissionFor("UFAC", view, groupForm("Tuesday group", "Tuesdays", "America/New_York", []string{"UANA"}, []string{"UFAC"}, nil))
		if got := formErrors(t, h.submit(form))["schedule"]; got != en.ErrScheduleNoTime {
			t.Errorf("Fay read %q, want %q", got, en.ErrScheduleNoTime)
		}
	})
	t.Run("StoreFails", func(t *testing.T) {
		h := groupHarness(t)
		ctx := context.Background()
		if err := h.st.SaveMember(ctx, store.Member{ID: member, Name: "Maria", TZ: "America/Chicago"}); err != nil {
			t.Fatal(err)
		}
		if err := h.st.Close(); err != nil { // every read and write fails from here
			t.Fatal(err)
		}
		for _, c := range []struct{ user, channel, text string }{
			{member, fakeslack.DMChannel(member), "steps"},
			{member, fakeslack.DMChannel(member), "privacy"},
			{member, "C0GROUP", "leave"},
			{member, fakeslack.DMChannel(member), "pause until friday"},
			{"UFAC", "C0GROUP", "group"},
			{"UFAC", "C0GROUP", "templates"},
		} {
			got := h.slash(c.user, c.channel, c.text)
			if got != en.ErrTrouble {
				t.Errorf("/cairn %s answered %q, want %q", c.text, got, en.ErrTrouble)
			}
			noCause(t, "/cairn "+c.text, got)
		}
		// A step form saved while the store fails: not "that step isn't
		// yours", which would blame the member for Cairn's failure.
		edit := fakeslack.ViewSubmission(member, "edit_step", "1", map[string]map[string]any{
			"what": {"what_input": fakeslack.TextInput("Call the clinic")}, "when": {"when_input": fakeslack.TextInput("")},
			"who": {"who_input": fakeslack.StaticSelect("me")}, "name": {"name_input": fakeslack.TextInput("")},
		})
		if got := formErrors(t, h.submit(edit))["what"]; got != en.ErrTrouble {
			t.Errorf("the step form answered %q, want %q", got, en.ErrTrouble)
		}
		// The group's forms too: not "there's no group here".
		for _, f := range []struct{ callback, field string }{{"group_templates", "template_goal"}, {"assign_navigator", "navigator"}, {"group_setup", "group_name"}} {
			sub := fakeslack.ViewSubmission("UFAC", f.callback, "C0GROUP", map[string]map[string]any{})
			if got := formErrors(t, h.submit(sub))[f.field]; got != en.ErrTrouble {
				t.Errorf("the %s form answered %q, want %q", f.callback, got, en.ErrTrouble)
			}
		}
		if !strings.Contains(h.logs.String(), "store is closed") {
			t.Errorf("the log does not name the store's error:\n%s", h.logs.String())
		}
		// Reopened for the harness's own checks at cleanup.
		h.halt()
		h.start()
	})
}

// TestSpanish_MemberReadsSpanish: a member whose record says Spanish gets
// the invitation, the welcome, the privacy choices, /cairn's help, answers
// and errors in Spanish, through Slack; the English-speaking facilitator's
// answers stay English.
func TestSpanish_MemberReadsSpanish(t *testing.T) {
	h := groupHarness(t)
	ctx := context.Background()
	if err := h.st.SaveMember(ctx, store.Member{ID: "UANA", Name: "Ana", TZ: "America/Chicago", Lang: "es"}); err != nil {
		t.Fatal(err)
	}
	dm := fakeslack.DMChannel("UANA")

	// /cairn help, and a command that is not one.
	for _, help := range []string{"help", "ayuda"} {
		if got := h.slash("UANA", dm, help); got != es.SlashHelp {
			t.Errorf("/cairn %s in Spanish = %q", help, got)
		}
	}
	if got := h.slash("UANA", dm, "bailar"); !strings.HasPrefix(got, es.SlashUnknown) {
		t.Errorf("an unknown command in Spanish = %q", got)
	}
	// Errors: in the wrong place, a date not read, a refusal.
	if got := h.slash("UANA", dm, "group setup"); got != es.GroupInChannel {
		t.Errorf("/cairn group in a DM, in Spanish = %q", got)
	}
	for _, pause := range []string{"pause until blorp", "pausa hasta blorp"} {
		if got := h.slash("UANA", dm, pause); !strings.HasPrefix(got, prefix(es.ErrDateNotUnderstood)) || !strings.HasSuffix(got, es.SlashPauseHow) {
			t.Errorf("/cairn %s, in Spanish = %q", pause, got)
		}
	}
	if got := h.slash("UANA", dm, "reanudar"); got != es.SlashResumed {
		t.Errorf("/cairn reanudar = %q, want %q", got, es.SlashResumed)
	}

	// Fay (English) sets the group up and invites Ana.
	if got := h.slash("UFAC", dm, "group setup"); got != en.GroupInChannel {
		t.Errorf("Fay's answer is not English: %q", got)
	}
	view := h.openGroupForm("UFAC", "C0GROUP", 1)
	form, _ := h.fake.ViewSubmissionFor("UFAC", view, groupForm("Grupo del martes", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UFAC"}, nil))
	if ack := h.submit(form); !strings.Contains(ack, `"response_action":"update"`) {
		t.Fatalf("the group form was refused: %s", ack)
	}
	asked := fmt.Sprintf(es.InviteAs, "Fay", "Grupo del martes", fmt.Sprintf(es.InviteWhere, "c0group"), es.InviteAsMember)
	invite := h.posted(dm, asked)
	var inviteCall fakeslack.Call
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if c.Params["channel"] == dm && strings.Contains(c.Params["text"], asked) {
			inviteCall = c
		}
	}
	for _, want := range []string{es.InviteNothing, prefix(es.InviteSees)} {
		if !strings.Contains(inviteCall.Params["text"], want) {
			t.Errorf("Ana's invitation lacks %q:\n%s", want, inviteCall.Params["text"])
		}
	}
	if strings.Contains(inviteCall.Params["text"], en.InviteNothing) {
		t.Errorf("Ana's invitation is in English:\n%s", inviteCall.Params["text"])
	}
	buttonValue(t, inviteCall, es.InviteNoThanks)
	joinID, join := buttonValue(t, inviteCall, es.InviteJoin)

	// She joins: the welcome and the privacy choices are Spanish.
	h.sendInteractive(fakeslack.BlockAction("UANA", dm, joinID, join, invite))
	h.posted(dm, fmt.Sprintf(es.JoinedMember, "Grupo del martes"))
	var choices fakeslack.Call
	waitFor(t, func() bool {
		for _, c := range h.fake.CallsTo("chat.postMessage") {
			if c.Params["channel"] == dm && strings.Contains(c.Params["blocks"], `"value":"C0GROUP|checked_in"`) {
				choices = c
				return true
			}
		}
		return false
	})
	for _, label := range []string{conversations.SharingLabel(es, store.ShareAll), conversations.SharingLabel(es, store.ShareCheckedIn), fmt.Sprintf(es.ShareChosen, conversations.SharingLabel(es, store.ShareSteps))} {
		buttonValue(t, choices, label)
	}
	if strings.Contains(choices.Params["blocks"], conversations.SharingLabel(en, store.ShareAll)) {
		t.Errorf("the privacy choices are in English:\n%s", choices.Params["blocks"])
	}
	// /cairn privacy answers in Spanish too, and so does leaving.
	id, err := h.fake.SendSlashCommand(h.ctx(), slack.SlashCommand{Command: "/cairn", Text: "privacy", UserID: "UANA", ChannelID: dm})
	if err != nil {
		t.Fatal(err)
	}
	ack, err := h.fake.WaitForAck(h.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ack.Payload), conversations.SharingLabel(es, store.ShareCheckedIn)) || strings.Contains(string(ack.Payload), conversations.SharingLabel(en, store.ShareCheckedIn)) {
		t.Errorf("/cairn privacy in Spanish = %s", ack.Payload)
	}
	if got := h.slash("UANA", "C0GROUP", "group setup"); got != es.ErrNotFacilitator {
		t.Errorf("a refusal in Spanish = %q", got)
	}
	if got := h.slash("UANA", "C0GROUP", "leave"); got != fmt.Sprintf(es.LeftGroup, "Grupo del martes") {
		t.Errorf("leaving in Spanish = %q", got)
	}
}

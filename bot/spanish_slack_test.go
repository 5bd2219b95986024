package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// spanishMember is María, whose Slack locale is es-MX, with a goal, a step
// due Friday, June 12, and a Tuesday group facilitated by Fay (English).
func spanishMember(t *testing.T) (*harness, uint64) {
	t.Helper()
	h := newHarness(t)
	ctx := context.Background()
	h.fake.AddUser(fakeslack.User{ID: member, Name: "maria", RealName: "María", TZ: "America/Chicago", Locale: "es-MX"})
	if err := h.st.SaveMember(ctx, store.Member{ID: member, TZ: "America/Chicago", Lang: "es-MX"}); err != nil {
		t.Fatal(err)
	}
	res, err := h.st.ApplyTurn(ctx, store.Turn{MemberID: member, At: june10,
		Goal:     &store.Goal{Text: "Conseguir trabajo de medio tiempo", Status: store.GoalActive},
		NewSteps: []store.Step{{What: "Hacer mi currículum", Due: time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe}}})
	if err != nil {
		t.Fatal(err)
	}
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", chicago)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.st.SaveGroup(ctx, store.Group{ID: "C0GROUP", Name: "Grupo del martes", Schedule: sched.Spec, ScheduleText: sched.Text,
		TZ: "America/Chicago", Members: []string{member}, Facilitators: []string{"UFAC"}}); err != nil {
		t.Fatal(err)
	}
	return h, res.StepIDs[0]
}

// publishedHome is the App Home last published for user, as JSON text.
func publishedHome(h *harness, user string) string {
	raw, _ := h.fake.HomeView(user)
	return string(raw)
}

// pressHome presses an App Home button and waits for the Home to be
// published again.
func pressHome(t *testing.T, h *harness, actionID, value string) {
	t.Helper()
	before := len(h.fake.CallsTo("views.publish"))
	press := map[string]any{
		"type": "block_actions", "trigger_id": "123.456." + value,
		"user":      map[string]any{"id": member},
		"container": map[string]any{"type": "view", "view_id": "VHOME"},
		"actions": []any{map[string]any{"action_id": actionID, "block_id": "lang", "type": "button", "value": value,
			"action_ts": fmt.Sprint(time.Now().UnixNano())}},
	}
	if _, err := h.fake.SendInteractive(h.ctx(), press); err != nil {
		t.Fatal(err)
	}
	if _, err := h.fake.WaitForCalls(h.ctx(), "views.publish", before+1); err != nil {
		t.Fatalf("App Home was not published again after %s: %v; logs:\n%s", value, err, h.logs)
	}
}

// TestSpanish_HomeLanguageButton: María's App Home is Spanish; its
// language button switches the member to English and the Home is
// published again in English, and back.
func TestSpanish_HomeLanguageButton(t *testing.T) {
	h, _ := spanishMember(t)
	openHome(h, member)
	home := publishedHome(h, member)
	for _, want := range []string{"viernes 12 de junio", es.HomeOtherLang, conversations.ActLangEn} {
		if !strings.Contains(home, want) {
			t.Fatalf("María's App Home lacks %q: %s", want, home)
		}
	}
	if strings.Contains(home, "Friday, June 12") {
		t.Errorf("María's App Home has an English date: %s", home)
	}
	actionID, value := homeButtonByValue(t, home, conversations.ActLangEn)
	pressHome(t, h, actionID, value)
	waitFor(t, func() bool {
		home := publishedHome(h, member)
		return strings.Contains(home, "Friday, June 12") && strings.Contains(home, conversations.ActLangEs)
	})
	if m, err := h.st.Member(h.ctx(), member); err != nil || m.Lang != "en" {
		t.Errorf("after [English], María's language is %q (%v), want en", m.Lang, err)
	}
	actionID, value = homeButtonByValue(t, publishedHome(h, member), conversations.ActLangEs)
	pressHome(t, h, actionID, value)
	waitFor(t, func() bool {
		home := publishedHome(h, member)
		return strings.Contains(home, "viernes 12 de junio") && strings.Contains(home, conversations.ActLangEn)
	})
}

// homeButtonByValue finds the action id of the Home's button with value.
func homeButtonByValue(t *testing.T, home, value string) (actionID, v string) {
	t.Helper()
	var view struct {
		Blocks []struct {
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"elements"`
			Accessory *struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"accessory"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(home), &view); err != nil {
		t.Fatal(err)
	}
	for _, b := range view.Blocks {
		for _, e := range b.Elements {
			if e.Value == value {
				return e.ActionID, e.Value
			}
		}
		if b.Accessory != nil && b.Accessory.Value == value {
			return b.Accessory.ActionID, value
		}
	}
	t.Fatalf("App Home has no button %q: %s", value, home)
	return "", ""
}

// TestSpanish_StepForm: the step form's labels are Spanish, its date is
// said in Spanish, and a Spanish date typed into it is read ("el viernes",
// and 20/6 as day/month).
func TestSpanish_StepForm(t *testing.T) {
	h, stepID := spanishMember(t)
	menu := map[string]any{
		"type": "block_actions", "trigger_id": "123.456.abc",
		"user":      map[string]any{"id": member},
		"container": map[string]any{"type": "view", "view_id": "VHOME"},
		"actions": []any{map[string]any{"action_id": "step_menu", "block_id": fmt.Sprintf("step-%d", stepID), "type": "overflow",
			"selected_option": map[string]any{"value": fmt.Sprintf("edit:%d", stepID), "text": map[string]any{"type": "plain_text", "text": "Cambiar"}}}},
	}
	if _, err := h.fake.SendInteractive(h.ctx(), menu); err != nil {
		t.Fatal(err)
	}
	opened, err := h.fake.WaitForCalls(h.ctx(), "views.open", 1)
	if err != nil {
		t.Fatalf("%v; logs:\n%s", err, h.logs)
	}
	form := string(opened[0].Params["view"])
	for _, want := range []string{es.StepFormTitle, es.StepFormWhat, es.StepFormWhen, es.StepFormWho, es.StepFormWhoMe, `"initial_value":"12 de junio de 2026"`} {
		if !strings.Contains(form, want) {
			t.Errorf("the step form lacks %q: %s", want, form)
		}
	}
	for _, english := range []string{en.StepFormTitle, "June 12, 2026"} {
		if strings.Contains(form, english) {
			t.Errorf("the step form shows English %q: %s", english, form)
		}
	}
	var resp struct {
		View struct{ ID string } `json:"view"`
	}
	if err := json.Unmarshal(opened[0].Response, &resp); err != nil {
		t.Fatal(err)
	}
	submit := func(when string) string {
		p, err := h.fake.ViewSubmissionFor(member, resp.View.ID, map[string]map[string]any{
			"what": {"what_input": fakeslack.TextInput("Hacer mi currículum")},
			"when": {"when_input": fakeslack.TextInput(when)},
			"who":  {"who_input": fakeslack.StaticSelect("me")},
			"name": {"name_input": fakeslack.TextInput("")},
		})
		if err != nil {
			t.Fatal(err)
		}
		return h.submit(p)
	}
	for _, tt := range []struct {
		when string
		want time.Time
	}{
		{"12 de junio de 2026", time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC)}, // left as shown
		{"el viernes", time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC)},
		{"20/6", time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)},
		{"mañana", time.Date(2026, 6, 11, 0, 0, 0, 0, time.UTC)},
		{"la proxima semana", time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)},
	} {
		if ack := submit(tt.when); ack != "" && ack != "null" && !strings.Contains(ack, `"clear"`) && !strings.Contains(ack, `"update"`) {
			t.Errorf("%q was refused: %s", tt.when, ack)
			continue
		}
		st, err := h.st.Step(h.ctx(), stepID)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Due.Equal(tt.want) {
			t.Errorf("%q saved as %v, want %v", tt.when, st.Due, tt.want)
		}
	}
	if errs := formErrors(t, submit("algún día")); errs["when"] == "" || strings.Contains(errs["when"], "I ") {
		t.Errorf("a date not read is answered %q, want Spanish", errs["when"])
	}
}

// TestSpanish_GroupScheduleSaidInSpanish: /cairn group in the channel tells
// María when the group meets in Spanish; Fay, the English facilitator,
// reads English.
func TestSpanish_GroupScheduleSaidInSpanish(t *testing.T) {
	h, _ := spanishMember(t)
	h.fake.AddUser(fakeslack.User{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York"})
	h.fake.SetMembers("C0GROUP", "UFAC", member, "U0CAIRNBOT")
	got := h.slash(member, "C0GROUP", "group")
	for _, want := range []string{"se reúne los martes a las 6:00 de la tarde (America/Chicago)", "Próximas sesiones: martes 16 de junio a las 6:00 de la tarde"} {
		if !strings.Contains(got, want) {
			t.Errorf("/cairn group for María lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "PM") {
		t.Errorf("/cairn group for María shows an English time:\n%s", got)
	}
	if fay := h.slash("UFAC", "C0GROUP", "group"); !strings.Contains(fay, "meets Tuesdays at 6:00 PM (America/Chicago)") {
		t.Errorf("/cairn group for Fay is not English:\n%s", fay)
	}
}

// TestSpanish_InvitationSaysTheScheduleInSpanish: Ana (Spanish) is invited
// by Fay (English): Ana's invitation says when the group meets in Spanish,
// and Fay's confirmation says it in English.
func TestSpanish_InvitationSaysTheScheduleInSpanish(t *testing.T) {
	h := groupHarness(t)
	if err := h.st.SaveMember(context.Background(), store.Member{ID: "UANA", Name: "Ana", TZ: "America/Chicago", Lang: "es"}); err != nil {
		t.Fatal(err)
	}
	view := h.openGroupForm("UFAC", "C0GROUP", 1)
	form, _ := h.fake.ViewSubmissionFor("UFAC", view, groupForm("Grupo del martes", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UFAC"}, nil))
	ack := h.submit(form)
	if !strings.Contains(ack, "Tuesdays at 6:00 PM (America/New_York)") {
		t.Errorf("Fay's confirmation does not say the schedule in English: %s", ack)
	}
	dm := fakeslack.DMChannel("UANA")
	h.posted(dm, prefix(es.InviteAs)) // Fay's name first
	want := fmt.Sprintf(es.InviteMeets, "los martes a las 6:00 de la tarde (America/NewˍYork). Próximas sesiones: martes 16 de junio a las 6:00 de la tarde.")
	if h.countPosted(dm, want) != 1 {
		for _, c := range h.fake.CallsTo("chat.postMessage") {
			t.Logf("to %s: %s", c.Params["channel"], c.Params["text"])
		}
		t.Errorf("Ana's invitation does not say %q", want)
	}
}

// TestSpanish_SlashWordsTaughtAreUnderstood: every /cairn command the
// Spanish words teach ("/cairn pausa hasta el 20 de junio", "/cairn
// reanudar", "/cairn privacidad"…) is one /cairn understands.
func TestSpanish_SlashWordsTaughtAreUnderstood(t *testing.T) {
	h := groupHarness(t)
	if err := h.st.SaveMember(context.Background(), store.Member{ID: "UANA", Name: "Ana", TZ: "America/Chicago", Lang: "es"}); err != nil {
		t.Fatal(err)
	}
	taught := map[string]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.String:
			for _, m := range slashTaught.FindAllStringSubmatch(v.String(), -1) {
				taught[m[1]] = true
			}
		}
	}
	walk(reflect.ValueOf(*es))
	if len(taught) < 5 {
		t.Fatalf("only %d /cairn commands found in the Spanish words: %v", len(taught), taught)
	}
	dm := fakeslack.DMChannel("UANA")
	for cmd := range taught {
		channel := dm
		if strings.HasPrefix(cmd, "group") || strings.HasPrefix(cmd, "grupo") || cmd == "salir" || cmd == "templates" || strings.HasPrefix(cmd, "recap") || cmd == "export" {
			channel = "C0GROUP" // said to be used in the group's channel
		}
		if got := h.slash("UANA", channel, cmd); strings.HasPrefix(got, es.SlashUnknown) {
			t.Errorf("/cairn %s is taught in Spanish but not understood: %q", cmd, got)
		}
	}
	for _, pause := range []string{"pausa hasta el 20 de junio", "pausa por 2 semanas"} {
		if got := h.slash("UANA", dm, pause); !strings.HasPrefix(got, prefix(es.SlashPaused)) {
			t.Errorf("/cairn %s = %q, want it paused", pause, got)
		}
	}
}

// slashTaught finds "/cairn word" (and a second word for group, recap and
// pause, in Spanish "hasta"/"por" begin the date) in a sentence.
var slashTaught = regexp.MustCompile("/cairn ([a-zé]+(?: (?:setup|assign|cancel|data|me))?)")

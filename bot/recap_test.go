package bot_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// The recap world: a group meeting Tuesdays 6pm in New York; "now" is
// Wednesday June 10, so the session just held is Tuesday June 9.
//   - Ana shares everything (and reads Spanish); she checked in, and has a
//     step she wants to practise.
//   - Ben shares his steps; he checked in (his words are not offered) and
//     has a step to practise.
//   - Cai shares only whether he checked in; he did, and has a step to
//     practise (not offered).
//   - Dee shares everything but kept her "did" just for herself this
//     time; the session before, she checked in alone.
const (
	recapGroup   = "C0GROUP"
	recapChannel = "c0group" // the fake's channel name for it
)

var recapSession = time.Date(2026, 6, 9, 18, 0, 0, 0, mustLoad("America/New_York"))

type recapWorld struct {
	*harness
	steps map[string]uint64 // member → their step to practise
}

func newRecapWorld(t *testing.T) *recapWorld {
	t.Helper()
	h := newHarness(t)
	ctx := context.Background()
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", mustLoad("America/New_York"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []store.Member{
		{ID: "UFAC", Name: "Fay", TZ: "America/New_York"},
		{ID: "UFLOR", Name: "Flor", TZ: "America/New_York", Lang: "es"},
		{ID: "UANA", Name: "Ana", TZ: "America/New_York", Lang: "es"},
		{ID: "UBEN", Name: "Ben", TZ: "America/New_York"},
		{ID: "UCAI", Name: "Cai", TZ: "America/New_York"},
		{ID: "UDEE", Name: "Dee", TZ: "America/New_York"},
	} {
		if err := h.st.SaveMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.st.SaveGroup(ctx, store.Group{ID: recapGroup, Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text,
		TZ: "America/New_York", Members: []string{"UANA", "UBEN", "UCAI", "UDEE"}, Facilitators: []string{"UFAC", "UFLOR"},
		Sharing: map[string]store.Sharing{"UANA": store.ShareAll, "UBEN": store.ShareSteps, "UCAI": store.ShareCheckedIn, "UDEE": store.ShareAll}}); err != nil {
		t.Fatal(err)
	}
	w := &recapWorld{harness: h, steps: map[string]uint64{}}
	checkIn := func(member, did, plan string, private ...string) *store.CheckIn {
		return &store.CheckIn{MemberID: member, GroupID: recapGroup, SessionAt: recapSession, Did: did, Plan: plan,
			Importance: 7, Confidence: 6, Private: private}
	}
	for _, tc := range []struct {
		member, step string
		c            *store.CheckIn
	}{
		{"UANA", "Ask Sam for coffee", checkIn("UANA", "called my *sister* <!channel>", "walk on Sunday")},
		{"UBEN", "Say no to overtime", checkIn("UBEN", "BEN-PRIVATE-WORDS", "BEN-PRIVATE-PLAN")},
		{"UCAI", "CAI-PRIVATE-STEP", checkIn("UCAI", "CAI-WORDS", "")},
		{"UDEE", "Phone the clinic", checkIn("UDEE", "DEE-KEPT", "call the clinic", "did")},
	} {
		res, err := h.st.ApplyTurn(ctx, store.Turn{MemberID: tc.member, At: recapSession.Add(-time.Hour),
			Goal:     &store.Goal{Text: "Feel less alone", Status: store.GoalActive},
			NewSteps: []store.Step{{What: tc.step, Due: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe, Practise: true}},
			CheckIn:  tc.c})
		if err != nil {
			t.Fatal(err)
		}
		w.steps[tc.member] = res.StepIDs[0]
	}
	// Dee checked in for the session before, keeping her "did" to herself.
	if _, err := h.st.ApplyTurn(ctx, store.Turn{MemberID: "UDEE", At: recapSession.AddDate(0, 0, -7),
		CheckIn: &store.CheckIn{MemberID: "UDEE", GroupID: recapGroup, SessionAt: recapSession.AddDate(0, 0, -7), Did: "DEE-SECRET"}}); err != nil {
		t.Fatal(err)
	}
	h.fake.SetMembers(recapGroup, "UFAC", "UFLOR", "UANA", "UBEN", "UCAI", "UDEE")
	return w
}

// openForm runs /cairn recap as user and returns the n-th views.open's view.
func (w *recapWorld) openForm(user string, n int) (id string, view map[string]any) {
	w.t.Helper()
	if got := w.slash(user, recapGroup, "recap"); got != "" {
		w.t.Fatalf("/cairn recap answered %q, want the form", got)
	}
	return w.openedView(n)
}

func (w *recapWorld) openedView(n int) (string, map[string]any) {
	w.t.Helper()
	opened, err := w.fake.WaitForCalls(w.ctx(), "views.open", n)
	if err != nil {
		w.t.Fatal(err)
	}
	var resp struct {
		View map[string]any `json:"view"`
	}
	if err := json.Unmarshal(opened[n-1].Response, &resp); err != nil {
		w.t.Fatal(err)
	}
	id, _ := resp.View["id"].(string)
	return id, resp.View
}

// block finds a block of a view or message by its block_id.
func block(blocks any, id string) map[string]any {
	list, _ := blocks.([]any)
	for _, b := range list {
		if m, ok := b.(map[string]any); ok && m["block_id"] == id {
			return m
		}
	}
	return nil
}

// optionValues lists the values of an element's options (or initial
// options) field.
func optionValues(el map[string]any, field string) []string {
	var out []string
	list, _ := el[field].([]any)
	for _, o := range list {
		if m, ok := o.(map[string]any); ok {
			v, _ := m["value"].(string)
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// blocksText is every text in a message's blocks, one a line, as sent.
func blocksText(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["text"].(string); ok {
				out = append(out, s)
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(v)
	return strings.Join(out, "\n")
}

func element(b map[string]any) map[string]any {
	el, _ := b["element"].(map[string]any)
	return el
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func options(values ...string) map[string]any {
	var opts []any
	for _, v := range values {
		opts = append(opts, map[string]any{"value": v, "text": map[string]any{"type": "plain_text", "text": v}})
	}
	return map[string]any{"type": "multi_static_select", "selected_options": opts}
}

func checkboxes(values ...string) map[string]any {
	m := options(values...)
	m["type"] = "checkboxes"
	return m
}

// recapForm is a filled form's state values.
func (w *recapWorld) recapForm(wins string, attended []string, ticked map[string][]string) map[string]map[string]any {
	v := map[string]map[string]any{
		"recap_attended":   {"recap_attended_input": options(attended...)},
		"recap_themes":     {"recap_themes_input": fakeslack.TextInput("Boundaries at work")},
		"recap_wins":       {"recap_wins_input": fakeslack.TextInput(wins)},
		"recap_next_steps": {"recap_next_steps_input": fakeslack.TextInput("Each of us tries one small ask")},
		"recap_next_date":  {"recap_next_date_input": map[string]any{"type": "datepicker", "selected_date": "2026-06-16"}},
	}
	for member, values := range ticked {
		v["recap_hl_"+member] = map[string]any{"recap_hl_input": checkboxes(values...)}
	}
	return v
}

func (w *recapWorld) submitForm(user, viewID, trigger string, values map[string]map[string]any) map[string]any {
	w.t.Helper()
	p, err := w.fake.ViewSubmissionFor(user, viewID, values)
	if err != nil {
		w.t.Fatal(err)
	}
	p["trigger_id"] = trigger
	if ack := w.submit(p); strings.Contains(ack, "errors") {
		w.t.Fatalf("the form was refused: %s", ack)
	}
	return p
}

// recapPosts are Cairn's messages in the group's channel.
func (w *recapWorld) recapPosts() []fakeslack.Message {
	var out []fakeslack.Message
	for _, m := range w.fake.Messages(recapGroup) {
		if m.BotID != "" {
			out = append(out, m)
		}
	}
	return out
}

// dms are the texts of Cairn's messages in user's DM.
func (w *recapWorld) dms(user string) []string {
	var out []string
	for _, m := range w.fake.Messages(fakeslack.DMChannel(user)) {
		if m.BotID != "" {
			out = append(out, m.Text)
		}
	}
	return out
}

func (w *recapWorld) savedRecap() store.Recap {
	w.t.Helper()
	r, err := w.st.Recap(context.Background(), recapGroup, recapSession)
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// TestRecap_FormForFacilitatorsOnly: a member is refused kindly; a
// facilitator gets the form for the session just held, with those who
// checked in preselected, and only the highlights each member shares.
func TestRecap_FormForFacilitatorsOnly(t *testing.T) {
	w := newRecapWorld(t)
	if got := w.slash("UBEN", recapGroup, "recap"); !strings.Contains(got, "Only this group's facilitators can write its recap") {
		t.Fatalf("a member's /cairn recap answered %q", got)
	}
	if got := w.slash("UFAC", "C0OTHER", "recap"); !strings.Contains(got, "no group in this channel") {
		t.Fatalf("/cairn recap outside a group answered %q", got)
	}
	if n := len(w.fake.CallsTo("views.open")); n != 0 {
		t.Fatalf("refusals opened %d forms", n)
	}
	_, view := w.openForm("UFAC", 1)
	blocks := view["blocks"]
	if meta, _ := view["private_metadata"].(string); !strings.Contains(meta, strconv.FormatInt(recapSession.Unix(), 10)) {
		t.Errorf("the form is not for the session just held: %q", meta)
	}
	if view["notify_on_close"] != true {
		t.Error("the form does not ask for view_closed: a closed form would lose its draft")
	}
	attended := element(block(blocks, "recap_attended"))
	if got := optionValues(attended, "options"); !slices.Equal(got, []string{"UANA", "UBEN", "UCAI", "UDEE"}) {
		t.Errorf("attendance offers %v", got)
	}
	if got := optionValues(attended, "initial_options"); !slices.Equal(got, []string{"UANA", "UBEN", "UCAI", "UDEE"}) {
		t.Errorf("attendance preselects %v, want those who checked in", got)
	}
	if got := element(block(blocks, "recap_next_date"))["initial_date"]; got != "2026-06-16" {
		t.Errorf("next session = %v, want the schedule's next Tuesday", got)
	}
	wantHighlights := map[string][]string{
		"UANA": {"did", "plan", "practise:" + strconv.FormatUint(w.steps["UANA"], 10)},
		"UBEN": {"practise:" + strconv.FormatUint(w.steps["UBEN"], 10)},
		"UDEE": {"plan", "practise:" + strconv.FormatUint(w.steps["UDEE"], 10)},
	}
	for member, want := range wantHighlights {
		b := block(blocks, "recap_hl_"+member)
		if b == nil {
			t.Errorf("no highlights offered for %s", member)
			continue
		}
		got := optionValues(element(b), "options")
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s's highlights = %v, want %v", member, got, want)
		}
		if ticked := optionValues(element(b), "initial_options"); len(ticked) != 0 {
			t.Errorf("%s's highlights come ticked: %v", member, ticked)
		}
	}
	if block(blocks, "recap_hl_UCAI") != nil {
		t.Error("Cai shares only whether he checked in, yet his steps are offered")
	}
	// The facilitator seeing members' highlights is in the audit record.
	entries, err := w.st.Audit(context.Background(), store.AuditFilter{Person: "UFAC"})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, e := range entries {
		if e.What == "recap" {
			seen = append(seen, e.Subject)
		}
	}
	slices.Sort(seen)
	if !slices.Equal(seen, []string{"UANA", "UBEN", "UDEE"}) {
		t.Errorf("audit record of the form: %v", seen)
	}
	text := asJSON(t, blocks)
	for _, secret := range []string{"BEN-PRIVATE", "CAI-", "DEE-KEPT", "DEE-SECRET"} {
		if strings.Contains(text, secret) {
			t.Errorf("the form shows %s, which its member does not share", secret)
		}
	}
}

// TestRecap_PostEditReplayAndDMs: submitting posts the recap once (a
// replay posts nothing more), marks the ticked steps practised, and tells
// each member who came, in their language, with their next step; an edit
// updates the channel message in place and tells nobody again.
func TestRecap_PostEditReplayAndDMs(t *testing.T) {
	w := newRecapWorld(t)
	ctx := context.Background()
	viewID, _ := w.openForm("UFAC", 1)
	ana, ben := strconv.FormatUint(w.steps["UANA"], 10), strconv.FormatUint(w.steps["UBEN"], 10)
	form := w.recapForm("Ben said *no* to overtime <!channel>", []string{"UANA", "UBEN", "UCAI"},
		map[string][]string{"UANA": {"did", "practise:" + ana}, "UBEN": {"practise:" + ben}})
	first := w.submitForm("UFAC", viewID, "111.222.recap", form)
	waitFor(t, func() bool { return w.savedRecap().Posted() && len(w.dms("UCAI")) == 1 })

	posts := w.recapPosts()
	if len(posts) != 1 {
		t.Fatalf("%d recaps in the channel, want 1", len(posts))
	}
	msg := blocksText(t, posts[0].Blocks)
	for _, want := range []string{
		"Session recap — Tuesday, June 9",
		"*3* of 4 members came.",
		"Among them: Ana, Ben",
		"Ben said ∗no∗ to overtime &lt;!channel&gt;", // typed words shown as written, never markup
		"Boundaries at work", "Each of us tries one small ask",
		"Did: called my ∗sister∗ &lt;!channel&gt;",
		"Practised in the group", "Ana: Ask Sam for coffee", "Ben: Say no to overtime",
		"Next session: Tuesday, June 16",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the recap lacks %q:\n%s", want, msg)
		}
	}
	for _, not := range []string{"Cai", "walk on Sunday", "Phone the clinic", "<!channel>"} {
		if strings.Contains(msg, not) {
			t.Errorf("the recap shows %q:\n%s", not, msg)
		}
	}
	r := w.savedRecap()
	if r.TS != posts[0].TS || r.Channel != recapGroup {
		t.Errorf("stored post %s/%s, channel has %s", r.Channel, r.TS, posts[0].TS)
	}
	for member, want := range map[string]bool{"UANA": true, "UBEN": true, "UDEE": false} {
		st, err := w.st.Step(ctx, w.steps[member])
		if err != nil {
			t.Fatal(err)
		}
		if got := !st.PractisedAt.IsZero(); got != want {
			t.Errorf("%s's step practised = %v, want %v", member, got, want)
		}
	}

	// Each who came got one DM, in their language, with their next step.
	for member, want := range map[string][]string{
		"UANA": {"Ya está el resumen en #" + recapChannel, "Tu próximo paso: Ask Sam for coffee"},
		"UBEN": {"The recap is up in #" + recapChannel, "Your next step: Say no to overtime"},
		"UCAI": {"The recap is up in #" + recapChannel, "Your next step: CAI-PRIVATE-STEP"},
	} {
		dms := w.dms(member)
		if len(dms) != 1 {
			t.Errorf("%s got %d DMs: %q", member, len(dms), dms)
			continue
		}
		for _, part := range want {
			if !strings.Contains(dms[0], part) {
				t.Errorf("%s's DM %q lacks %q", member, dms[0], part)
			}
		}
	}
	for _, m := range w.fake.Messages(fakeslack.DMChannel("UANA")) {
		if strings.Contains(string(m.Blocks), `"actions"`) {
			t.Errorf("the recap DM has buttons, like a check-in: %s", m.Blocks)
		}
	}
	if c, err := w.st.Conversation(ctx, "UANA"); err == nil && len(c.State) > 0 && string(c.State) != "null" {
		t.Errorf("the recap DM started a conversation: %s", c.State)
	}
	if dms := w.dms("UDEE"); len(dms) != 0 {
		t.Errorf("Dee did not come, yet got %q", dms)
	}

	// Slack's replay of the same submission changes nothing (the ack comes
	// after the save, so this is read after it).
	before := w.savedRecap()
	w.submit(first)
	w.submitForm("UFAC", viewID, "111.222.recap", form)
	if after := w.savedRecap(); !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("a replayed submission saved the recap again (%v, then %v)", before.UpdatedAt, after.UpdatedAt)
	}
	// An edit: reopened, the form is filled with the recap.
	editID, edit := w.openForm("UFAC", 2)
	if got := element(block(edit["blocks"], "recap_wins"))["initial_value"]; got != "Ben said *no* to overtime <!channel>" {
		t.Errorf("reopened, the wins are %q", got)
	}
	if got := asJSON(t, edit["submit"]); !strings.Contains(got, "Update recap") {
		t.Errorf("reopened form's button: %s", got)
	}
	if got := optionValues(element(block(edit["blocks"], "recap_hl_UANA")), "initial_options"); !slices.Equal(got, []string{"did", "practise:" + ana}) {
		t.Errorf("reopened, Ana's ticked highlights are %v", got)
	}
	updates := len(w.fake.CallsTo("chat.update"))
	w.submitForm("UFAC", editID, "333.444.edit", w.recapForm("Ana asked Sam for coffee", []string{"UANA", "UBEN"}, nil))
	waitFor(t, func() bool { return len(w.fake.CallsTo("chat.update")) > updates })
	posts = w.recapPosts()
	if len(posts) != 1 {
		t.Fatalf("after a replay and an edit, %d recaps in the channel, want 1", len(posts))
	}
	if msg := blocksText(t, posts[0].Blocks); !strings.Contains(msg, "Ana asked Sam for coffee") || strings.Contains(msg, "overtime") || posts[0].EditedTS == "" {
		t.Errorf("the channel message was not updated in place:\n%s", msg)
	}
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		t.Fatal(err)
	}
	for _, member := range []string{"UANA", "UBEN", "UCAI"} {
		if dms := w.dms(member); len(dms) != 1 {
			t.Errorf("after the edit %s has %d DMs, want the first one only", member, len(dms))
		}
	}
}

// TestRecap_DraftSurvivesAClosedForm: closing the form keeps what was
// typed; reopening it from the App Home's button brings it back.
func TestRecap_DraftSurvivesAClosedForm(t *testing.T) {
	w := newRecapWorld(t)
	viewID, _ := w.openForm("UFAC", 1)
	closed, err := w.fake.ViewSubmissionFor("UFAC", viewID, w.recapForm("DRAFT-WINS", []string{"UANA"}, map[string][]string{"UANA": {"plan"}}))
	if err != nil {
		t.Fatal(err)
	}
	closed["type"] = "view_closed"
	closed["is_cleared"] = false
	w.sendInteractive(closed)
	waitFor(t, func() bool {
		d, err := w.st.RecapDraft(context.Background(), recapGroup, recapSession, "UFAC")
		return err == nil && d.Wins == "DRAFT-WINS"
	})

	w.sendInteractive(fakeslack.BlockAction("UFAC", "", "recap_open", recapGroup, ""))
	_, view := w.openedView(2)
	blocks := view["blocks"]
	if got := element(block(blocks, "recap_wins"))["initial_value"]; got != "DRAFT-WINS" {
		t.Errorf("reopened, the wins are %q", got)
	}
	if got := optionValues(element(block(blocks, "recap_attended")), "initial_options"); !slices.Equal(got, []string{"UANA"}) {
		t.Errorf("reopened, attendance is %v", got)
	}
	if got := optionValues(element(block(blocks, "recap_hl_UANA")), "initial_options"); !slices.Equal(got, []string{"plan"}) {
		t.Errorf("reopened, Ana's ticks are %v", got)
	}
	if !strings.Contains(asJSON(t, blocks), "Here's your draft") {
		t.Error("the reopened form does not say it is the draft")
	}
	// Someone who does not facilitate the group is refused, in their DM.
	w.sendInteractive(fakeslack.BlockAction("UBEN", "", "recap_open", recapGroup, ""))
	waitFor(t, func() bool { return len(w.dms("UBEN")) == 1 })
	if got := w.dms("UBEN")[0]; !strings.Contains(got, "Only this group's facilitators") {
		t.Errorf("Ben was told %q", got)
	}
	if n := len(w.fake.CallsTo("views.open")); n != 2 {
		t.Errorf("%d forms opened, want 2", n)
	}
}

// TestRecap_PostThatMayHaveArrivedIsLookedFor: Slack keeps the recap but
// answers 500; Cairn finds it by its tag instead of posting it again.
func TestRecap_PostThatMayHaveArrivedIsLookedFor(t *testing.T) {
	w := newRecapWorld(t)
	viewID, _ := w.openForm("UFAC", 1)
	w.fake.FailNext("chat.postMessage", 1, fakeslack.KeptButFailed())
	w.submitForm("UFAC", viewID, "555.666.recap", w.recapForm("We laughed", []string{"UANA"}, nil))
	waitFor(t, func() bool { return w.savedRecap().Posted() && len(w.dms("UANA")) == 1 })
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		t.Fatal(err)
	}
	posts := w.recapPosts()
	if len(posts) != 1 || w.savedRecap().TS != posts[0].TS {
		t.Fatalf("%d recaps in the channel (stored ts %s)", len(posts), w.savedRecap().TS)
	}
	if len(w.fake.CallsTo("conversations.history")) == 0 {
		t.Error("the channel was not looked through")
	}
	if dms := w.dms("UFAC"); len(dms) != 0 {
		t.Errorf("the facilitator was told of a failure: %q", dms)
	}
}

// TestRecap_FacilitatorsReadTheirOwnLanguage: a Spanish-speaking
// facilitator's form and recap are in Spanish; the members' words stay as
// they wrote them.
func TestRecap_FacilitatorsReadTheirOwnLanguage(t *testing.T) {
	w := newRecapWorld(t)
	viewID, view := w.openForm("UFLOR", 1)
	if got := asJSON(t, view["title"]); !strings.Contains(got, "Resumen de la sesión") {
		t.Errorf("Flor's form title: %s", got)
	}
	if got := asJSON(t, view["blocks"]); !strings.Contains(got, `Hizo: called my *sister* \u003c!channel\u003e`) {
		t.Errorf("Flor's form does not offer Ana's words as written, in Spanish:\n%s", got)
	}
	w.submitForm("UFLOR", viewID, "777.888.recap", w.recapForm("Todos vinimos", []string{"UANA", "UBEN"}, map[string][]string{"UANA": {"plan"}}))
	waitFor(t, func() bool { return w.savedRecap().Posted() })
	msg := blocksText(t, w.recapPosts()[0].Blocks)
	for _, want := range []string{"Resumen de la sesión — martes 9 de junio", "Vinieron *2* de 4 miembros.", "Lo próximo: walk on Sunday", "Próxima sesión: martes 16 de junio"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Flor's recap lacks %q:\n%s", want, msg)
		}
	}
}

// TestRecap_PickAnotherSession: the form's picker shows an earlier
// session's form in place.
func TestRecap_PickAnotherSession(t *testing.T) {
	w := newRecapWorld(t)
	viewID, view := w.openForm("UFAC", 1)
	earlier := recapSession.AddDate(0, 0, -7)
	p := fakeslack.BlockAction("UFAC", "", "recap_session", "", "")
	action := p["actions"].([]any)[0].(map[string]any)
	action["type"] = "static_select"
	action["selected_option"] = map[string]any{"value": strconv.FormatInt(earlier.Unix(), 10)}
	p["container"] = map[string]any{"type": "view", "view_id": viewID}
	p["view"] = view
	w.sendInteractive(p)
	updated, err := w.fake.WaitForCalls(w.ctx(), "views.update", 1)
	if err != nil {
		t.Fatal(err)
	}
	got := updated[0].Params["view"]
	if !strings.Contains(got, strconv.FormatInt(earlier.Unix(), 10)) || updated[0].Params["view_id"] != viewID {
		t.Fatalf("views.update for %s: %s", updated[0].Params["view_id"], got)
	}
	// That session, Dee had checked in (preselected), and nobody else.
	var v map[string]any
	if err := json.Unmarshal([]byte(got), &v); err != nil {
		t.Fatal(err)
	}
	if got := optionValues(element(block(v["blocks"], "recap_attended")), "initial_options"); !slices.Equal(got, []string{"UDEE"}) {
		t.Errorf("the earlier session preselects %v", got)
	}
}

// savedNotPosted stops Cairn and leaves on its file what a stop right after
// the recap's commit leaves: the recap saved, nothing posted, nobody told.
func (w *recapWorld) savedNotPosted() store.Recap {
	w.t.Helper()
	w.halt()
	r, _, err := w.st.SaveRecap(context.Background(), store.Recap{GroupID: recapGroup, Session: recapSession, By: "UFAC", Where: recapChannel,
		Attended: []string{"UANA", "UBEN"}, Wins: "We laughed"}, "view:kill")
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// restart stops Cairn (if running) and starts it again on the same file.
func (w *recapWorld) restart() {
	w.t.Helper()
	w.halt()
	if err := w.st.Close(); err != nil {
		w.t.Fatal(err)
	}
	w.start()
}

// published waits until the saved recap is posted, its members told and
// nothing is left to publish, then until Slack is quiet.
func (w *recapWorld) published() store.Recap {
	w.t.Helper()
	waitFor(w.t, func() bool {
		r := w.savedRecap()
		return r.Posted() && !r.Publish && !r.Tell
	})
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		w.t.Fatal(err)
	}
	return w.savedRecap()
}

// checkOnce checks that the channel holds one recap, the stored one, and
// that each member who came has exactly one DM about it (others none).
func (w *recapWorld) checkOnce(want string) {
	w.t.Helper()
	r := w.savedRecap()
	posts := w.recapPosts()
	if len(posts) != 1 || posts[0].TS != r.TS {
		w.t.Fatalf("%d recaps in the channel (stored ts %q)", len(posts), r.TS)
	}
	if msg := blocksText(w.t, posts[0].Blocks); !strings.Contains(msg, want) {
		w.t.Errorf("the channel's recap lacks %q:\n%s", want, msg)
	}
	for member, n := range map[string]int{"UANA": 1, "UBEN": 1, "UCAI": 0, "UDEE": 0} {
		if dms := w.dms(member); len(dms) != n {
			w.t.Errorf("%s has %d DMs, want %d: %q", member, len(dms), n, dms)
		}
	}
}

// TestRecap_SavedButNotPostedIsPostedAtStart: Cairn stopped between the
// recap's commit and chat.postMessage; the next start posts it, once, and
// tells each member who came, once; a further restart adds nothing.
func TestRecap_SavedButNotPostedIsPostedAtStart(t *testing.T) {
	w := newRecapWorld(t)
	w.savedNotPosted()
	w.restart()
	w.published()
	w.checkOnce("We laughed")
	if got := w.dms("UBEN"); len(got) == 1 && !strings.Contains(got[0], "The recap is up in #"+recapChannel) {
		t.Errorf("Ben's DM: %q", got[0])
	}
	w.restart()
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		t.Fatal(err)
	}
	w.checkOnce("We laughed")
}

// TestRecap_MaybeSentAndNotFoundYetIsRetried: the post reaches Slack but
// answers 500, and the channel's history does not show it yet; a later
// try (on the retry schedule, with no new save) finds it by its tag
// instead of posting it again, and then tells the members, once.
func TestRecap_MaybeSentAndNotFoundYetIsRetried(t *testing.T) {
	w := newRecapWorld(t)
	w.bot.SetOutboxWaits(10*time.Millisecond, 50*time.Millisecond)
	viewID, _ := w.openForm("UFAC", 1)
	w.fake.FailNext("chat.postMessage", 1, fakeslack.KeptButFailed())
	var hidden atomic.Bool
	hidden.Store(true)
	w.fake.HandleFunc("conversations.history", func(fakeslack.Call) any {
		// Slack's history lags its post: the first look finds nothing.
		hidden.Store(false)
		w.fake.HandleFunc("conversations.history", nil)
		return map[string]any{"ok": true, "messages": []any{}, "has_more": false}
	})
	w.submitForm("UFAC", viewID, "777.888.recap", w.recapForm("We laughed", []string{"UANA", "UBEN"}, nil))
	w.published()
	if hidden.Load() {
		t.Fatal("the history was never looked through")
	}
	if n := len(w.fake.CallsTo("conversations.history")); n < 2 {
		t.Errorf("the history was looked through %d times, want a first look and a retry", n)
	}
	w.checkOnce("We laughed")
	if dms := w.dms("UFAC"); len(dms) != 0 {
		t.Errorf("the facilitator was told of a failure Cairn fixed itself: %q", dms)
	}
}

// TestRecap_StoppedBetweenPostAndDMsTellsOnce: Cairn stopped after the
// post was recorded and before the members were told. The next start
// updates the message in place (never a second post) and tells each member
// once; a DM that reaches Slack but answers 500 is not sent twice, even
// across another restart.
func TestRecap_StoppedBetweenPostAndDMsTellsOnce(t *testing.T) {
	w := newRecapWorld(t)
	ctx := context.Background()
	w.savedNotPosted()
	api := slack.New("xoxb-test", slack.OptionAPIURL(w.fake.APIURL()))
	_, ts, err := api.PostMessage(recapGroup, slack.MsgOptionText("an earlier version", false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.SetRecapPost(ctx, recapGroup, recapSession, recapGroup, ts); err != nil {
		t.Fatal(err)
	}
	if r := w.savedRecap(); !r.Tell {
		t.Fatal("a first post does not leave the members to tell")
	}
	w.fake.FailNext("chat.postMessage", 1, fakeslack.KeptButFailed()) // the first DM
	w.restart()
	w.bot.SetOutboxWaits(10*time.Millisecond, 50*time.Millisecond)
	w.published()
	waitFor(t, func() bool { return len(w.dms("UANA")) > 0 && len(w.dms("UBEN")) > 0 })
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		t.Fatal(err)
	}
	if r := w.savedRecap(); r.TS != ts {
		t.Errorf("the recap's message moved from %s to %s", ts, r.TS)
	}
	w.checkOnce("We laughed")
	if posts := w.recapPosts(); len(posts) == 1 && posts[0].EditedTS == "" {
		t.Error("the earlier version was not updated in place")
	}
	w.restart()
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		t.Fatal(err)
	}
	w.checkOnce("We laughed")
}

// TestRecap_RefusedPostIsToldAndPostedLater: Slack refuses the post (Cairn
// is not in the channel); the facilitator is told once, the recap stays
// saved, and once Cairn is back (here: the next start) it is posted by
// itself, once, and its members told.
func TestRecap_RefusedPostIsToldAndPostedLater(t *testing.T) {
	w := newRecapWorld(t)
	viewID, _ := w.openForm("UFAC", 1)
	w.fake.FailNext("chat.postMessage", 1, fakeslack.SlackError("not_in_channel"))
	w.submitForm("UFAC", viewID, "999.000.recap", w.recapForm("We laughed", []string{"UANA", "UBEN"}, nil))
	waitFor(t, func() bool { return len(w.dms("UFAC")) == 1 })
	if got := w.dms("UFAC")[0]; !strings.Contains(got, "couldn't post the recap to #"+recapChannel) {
		t.Errorf("the facilitator was told %q", got)
	}
	if r := w.savedRecap(); r.Posted() || !r.Publish {
		t.Fatalf("after the refusal: posted=%v publish=%v", r.Posted(), r.Publish)
	}
	w.restart()
	w.published()
	w.checkOnce("We laughed")
	if dms := w.dms("UFAC"); len(dms) != 1 {
		t.Errorf("the facilitator has %d DMs, want the one about the refusal: %q", len(dms), dms)
	}
}

// TestRecap_EditWhileThePostIsInFlightIsShown: the facilitator saves an
// edit while the first version's post is still on its way; the channel
// ends up with one message showing the edit, not the first version.
func TestRecap_EditWhileThePostIsInFlightIsShown(t *testing.T) {
	w := newRecapWorld(t)
	release, held := make(chan struct{}), make(chan struct{})
	var once sync.Once
	w.fake.HandleFunc("chat.postMessage", func(c fakeslack.Call) any {
		if c.Params["channel"] == recapGroup {
			once.Do(func() { close(held) })
			<-release
		}
		m := w.fake.AddMessage(c.Params["channel"], fakeslack.Message{User: w.fake.Identity().BotUserID, Text: c.Params["text"],
			Blocks: json.RawMessage(c.Params["blocks"]), Metadata: json.RawMessage(c.Params["metadata"])})
		return map[string]any{"ok": true, "channel": m.Channel, "ts": m.TS}
	})
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	viewID, _ := w.openForm("UFAC", 1)
	w.submitForm("UFAC", viewID, "121.212.recap", w.recapForm("First version", []string{"UANA", "UBEN"}, nil))
	select {
	case <-held:
	case <-w.ctx().Done():
		t.Fatal("the recap was never posted")
	}
	editID, _ := w.openForm("UFAC", 2)
	w.submitForm("UFAC", editID, "343.434.edit", w.recapForm("Edited version", []string{"UANA", "UBEN"}, nil))
	close(release)
	released = true
	waitFor(t, func() bool {
		r := w.savedRecap()
		posts := w.recapPosts()
		return r.Posted() && !r.Publish && len(posts) == 1 && strings.Contains(blocksText(t, posts[0].Blocks), "Edited version")
	})
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		t.Fatal(err)
	}
	w.checkOnce("Edited version")
}

package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// The facilitator's walk: two weeks of a group of eight, as Fay, its
// facilitator, lives them through the fake Slack, with the real bot, the
// real scheduler and a real bbolt file, on one injected clock. The group
// meets Tuesdays at 6 PM in New York; Fay sets it up on Monday June 1.
//
//   - Ana shares everything and checks in both weeks.
//   - Ben shares his steps (the default); he checks in the first week, then
//     goes away until June 20.
//   - Cai shares only whether he checked in; his words are his.
//   - Dee says no thanks: she is in nothing Fay reads.
//   - Eli shares everything; the first week he tells Cairn he relapsed.
//   - Flo joins, then Slack stops taking her messages (her account is
//     deactivated): she is unreachable, never "not yet".
//   - Gus joins and never checks in: stuck after two sessions.
//   - Rosa reads Spanish (Slack says so) and shares everything.
//
// Flor, who reads Spanish, facilitates with Fay: she reads the same
// digests and Home in Spanish, with the members' words as they wrote them.
//
// Every message each person reads is printed with t.Log (go test -v -run
// Walk), and the assertions hold what matters, privacy above all.
const walkGroup = "C0WALK"

var (
	walkNY    = mustLoad("America/New_York")
	walkStart = time.Date(2026, 6, 1, 9, 0, 0, 0, walkNY) // a Monday
	// The sessions: Tuesdays June 2 and June 9 at 6 PM.
	walkWeek1 = time.Date(2026, 6, 2, 18, 0, 0, 0, walkNY)
	walkWeek2 = time.Date(2026, 6, 9, 18, 0, 0, 0, walkNY)
)

// Words only their writer may see, wherever Fay looks: Cai shares only
// that he checked in, Dee never joined, Eli's relapse is told in his
// own words only to Cairn.
var walkSecrets = []string{"Cairo", "Caiplan", "Deedee", "relapsed", "Dee", "ANAKEPT"}

type walk struct {
	*harness
	sched *scheduler.Scheduler
	mu    sync.Mutex
	at    time.Time
	steps map[string]uint64 // a member's first step
}

func (w *walk) now() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.at }

func (w *walk) set(t time.Time) { w.mu.Lock(); defer w.mu.Unlock(); w.at = t }

// newWalk starts the fake Slack, the store, the bot over Socket Mode and
// the scheduler, all on the walk's clock.
func newWalk(t *testing.T) *walk {
	t.Helper()
	w := &walk{at: walkStart, steps: map[string]uint64{}}
	people := []fakeslack.User{
		{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York", IsAdmin: true},
		{ID: "UFLOR", Name: "flor", RealName: "Flor", TZ: "America/Chicago", Locale: "es-LA"},
		{ID: "UANA", Name: "ana", RealName: "Ana", TZ: "America/New_York"},
		{ID: "UBEN", Name: "ben", RealName: "Ben", TZ: "America/New_York"},
		{ID: "UCAI", Name: "cai", RealName: "Cai", TZ: "America/New_York"},
		{ID: "UDEE", Name: "dee", RealName: "Dee", TZ: "America/New_York"},
		{ID: "UELI", Name: "eli", RealName: "Eli", TZ: "America/New_York"},
		{ID: "UFLO", Name: "flo", RealName: "Flo", TZ: "America/New_York"},
		{ID: "UGUS", Name: "gus", RealName: "Gus", TZ: "America/New_York"},
		{ID: "UROSA", Name: "rosa", RealName: "Rosa", TZ: "America/New_York", Locale: "es-LA"},
	}
	fake := fakeslack.New(fakeslack.WithClock(w.now), fakeslack.WithUsers(people...))
	t.Cleanup(fake.Close)
	h := &harness{t: t, fake: fake, path: filepath.Join(t.TempDir(), "cairn.db"), logs: &lockedBuffer{}}
	w.harness = h
	var err error
	if h.st, err = store.Open(h.path); err != nil {
		t.Fatal(err)
	}
	h.st.Now = w.now
	logger := slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.bot, err = bot.New(bot.Config{BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: fake.APIURL(),
		CallTimeout: 5 * time.Second, NoLimits: true, Logger: logger}, h.st)
	if err != nil {
		t.Fatal(err)
	}
	h.bot.Now = w.now
	w.sched = scheduler.New(h.st, h.bot.Runner(), h.bot, scheduler.Config{Logger: logger})
	w.sched.Now = w.now
	h.bot.Scheduler = w.sched
	if err := h.bot.CheckAuth(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.stop, h.done = cancel, make(chan error, 1)
	go func() { h.done <- h.bot.RunSocketMode(ctx) }()
	select {
	case <-h.bot.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("bot never connected to the fake Slack")
	}
	t.Cleanup(func() {
		h.halt()
		if err := h.st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		h.st.Close()
	})
	ids := []string{"U0CAIRNBOT"}
	for _, p := range people {
		ids = append(ids, p.ID)
	}
	fake.SetMembers(walkGroup, ids...)
	return w
}

// tick moves the clock to at and runs the scheduler's pass there.
func (w *walk) tick(at time.Time) {
	w.t.Helper()
	w.set(at)
	if err := w.sched.Tick(context.Background()); err != nil {
		w.t.Fatal(err)
	}
	w.settle()
}

// settle waits until the bot has nothing more in flight with Slack.
func (w *walk) settle() {
	w.t.Helper()
	if err := w.fake.WaitIdle(w.ctx()); err != nil {
		w.t.Fatal(err)
	}
}

// reads are the messages Cairn posted to channel, as their reader sees
// them: the blocks' text (or the message's text when it has no blocks).
func (w *walk) reads(channel string) []string {
	var out []string
	for _, m := range w.fake.Messages(channel) {
		if m.BotID == "" {
			continue
		}
		text := m.Text
		if len(m.Blocks) > 0 && string(m.Blocks) != "null" {
			text = blocksText(w.t, m.Blocks)
		}
		out = append(out, text)
	}
	return out
}

// say is a member's DM to Cairn; it returns once Cairn has answered.
func (w *walk) say(user, text string) {
	w.t.Helper()
	before := len(w.reads(fakeslack.DMChannel(user)))
	if _, err := w.fake.SendEvent(w.ctx(), fakeslack.MessageEvent(user, fakeslack.DMChannel(user), text)); err != nil {
		w.t.Fatal(err)
	}
	waitFor(w.t, func() bool { return len(w.reads(fakeslack.DMChannel(user))) > before })
	w.settle()
}

// messageWith is the ts of Cairn's message in channel whose blocks hold s.
func (w *walk) messageWith(channel, s string) string {
	w.t.Helper()
	var ts string
	waitFor(w.t, func() bool {
		for _, m := range w.fake.Messages(channel) {
			if m.BotID != "" && strings.Contains(string(m.Blocks), s) {
				ts = m.TS
			}
		}
		return ts != ""
	})
	return ts
}

// pressIn waits until Cairn's latest message to user has the button with
// value, and presses it; it returns once Cairn has answered.
func (w *walk) pressIn(user, value string) {
	w.t.Helper()
	var ts string
	var before int
	waitFor(w.t, func() bool {
		var mine []fakeslack.Message
		for _, m := range w.fake.Messages(fakeslack.DMChannel(user)) {
			if m.BotID != "" {
				mine = append(mine, m)
			}
		}
		before = len(mine)
		if last := mine[len(mine)-1]; strings.Contains(string(last.Blocks), `"value":"`+value+`"`) {
			ts = last.TS
		}
		return ts != ""
	})
	w.pressOn(user, value, ts)
	waitFor(w.t, func() bool { return len(w.reads(fakeslack.DMChannel(user))) > before })
	w.settle()
}

// pressOn presses, as user, the button with value on Cairn's message ts
// in their DM, with the button's own action_id (as Slack sends it).
func (w *walk) pressOn(user, value, ts string) {
	w.t.Helper()
	for _, m := range w.fake.Messages(fakeslack.DMChannel(user)) {
		if m.TS != ts {
			continue
		}
		var blocks []struct {
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"elements"`
		}
		_ = json.Unmarshal(m.Blocks, &blocks)
		for _, b := range blocks {
			for _, e := range b.Elements {
				if e.Value == value {
					w.sendInteractive(fakeslack.BlockAction(user, fakeslack.DMChannel(user), e.ActionID, value, ts))
					return
				}
			}
		}
	}
	w.t.Fatalf("no button %q on %s's message %s", value, user, ts)
}

// show prints what one person read, from their n-th message on.
func (w *walk) show(who, channel string, from int) int {
	w.t.Helper()
	all := w.reads(channel)
	for i, text := range all[from:] {
		w.t.Logf("── %s reads (%d) ──\n%s", who, from+i+1, text)
	}
	return len(all)
}

// checkIn answers the check-in prompt the way a member types.
func (w *walk) checkIn(user string, answers ...string) {
	w.t.Helper()
	for _, a := range answers {
		w.say(user, a)
	}
}

// checkedIn waits until user's check-in for session is saved: a reply
// seen is not yet a turn finished.
func (w *walk) checkedIn(user string, session time.Time) {
	w.t.Helper()
	waitFor(w.t, func() bool {
		c, err := w.st.LastCheckIn(context.Background(), user)
		return err == nil && c.SessionAt.Equal(session)
	})
	w.settle()
}

func (w *walk) group() store.Group {
	w.t.Helper()
	g, err := w.st.Group(context.Background(), walkGroup)
	if err != nil {
		w.t.Fatal(err)
	}
	return g
}

// TestWalk_FacilitatorsTwoWeeks is the walk described above.
func TestWalk_FacilitatorsTwoWeeks(t *testing.T) {
	w := newWalk(t)
	ctx := context.Background()
	fay := fakeslack.DMChannel("UFAC")
	members := []string{"UANA", "UBEN", "UCAI", "UDEE", "UELI", "UFLO", "UGUS", "UROSA"}

	// Monday 9 AM: Fay sets the group up in its channel.
	viewID := w.openGroupForm("UFAC", walkGroup, 1)
	form := groupForm("Tuesday circle", "Tuesdays 6pm", "America/New_York", members, []string{"UFAC", "UFLOR"}, nil)
	sub, err := w.fake.ViewSubmissionFor("UFAC", viewID, form)
	if err != nil {
		t.Fatal(err)
	}
	if ack := w.submit(sub); !strings.Contains(ack, `"response_action":"update"`) {
		t.Fatalf("the group form was refused: %s", ack)
	}
	// Each is invited; all but Dee join.
	for _, m := range append([]string{"UFLOR"}, members...) {
		ts := w.messageWith(fakeslack.DMChannel(m), "group-join:"+walkGroup)
		value := "group-join:" + walkGroup
		if m == "UDEE" {
			value = "group-decline:" + walkGroup
		}
		w.pressOn(m, value, ts)
	}
	waitFor(t, func() bool { return len(w.group().Members) == 7 && len(w.group().Facilitators) == 2 })
	// Sharing: Ana, Eli and Rosa everything; Cai only that he checked in.
	for m, sh := range map[string]store.Sharing{"UANA": store.ShareAll, "UELI": store.ShareAll, "UROSA": store.ShareAll, "UCAI": store.ShareCheckedIn} {
		value := walkGroup + "|" + string(sh)
		ts := w.messageWith(fakeslack.DMChannel(m), value)
		w.pressOn(m, value, ts)
		waitFor(t, func() bool { return w.group().SharingOf(m) == sh })
	}
	w.settle()
	// Their goals, as the goal conversation would have saved them.
	for _, g := range []struct{ member, goal, step string }{
		{"UANA", "Feel less alone", "Ask Sam for coffee"},
		{"UBEN", "Find a part-time job", "Fill in the application"},
		{"UCAI", "Cairo trip savings", "Caiplan open an account"},
		{"UELI", "Stay sober through June", "Go to a meeting"},
		{"UFLO", "Sleep better", "No screens after ten"},
		{"UGUS", "Get my licence back", "Book the test"},
		{"UROSA", "Volver a estudiar", "Llamar al colegio"},
	} {
		res, err := w.st.ApplyTurn(ctx, store.Turn{MemberID: g.member, At: w.now(),
			Goal:     &store.Goal{Text: g.goal, Status: store.GoalActive},
			NewSteps: []store.Step{{What: g.step, Due: time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe, Practise: g.member == "UANA"}}})
		if err != nil {
			t.Fatal(err)
		}
		w.steps[g.member] = res.StepIDs[0]
	}
	// Slack said Flo's account is inactive (the bot marks her so when a
	// post is refused with account_inactive).
	if err := w.st.MarkUnreachable(ctx, "UFLO", "unreachable: account_inactive", w.now()); err != nil {
		t.Fatal(err)
	}
	toFlo := len(w.fake.Messages(fakeslack.DMChannel("UFLO")))

	// Week 1. The prompts go out 24 hours before the session.
	w.tick(walkWeek1.Add(-24*time.Hour + time.Minute))
	w.checkIn("UANA", "I texted my old friend Jo", "walk on Sunday with Jo", "no", "8", "7")
	w.checkedIn("UANA", walkWeek1)
	w.checkIn("UBEN", "1", "send two more applications", "no", "8", "8")
	w.checkedIn("UBEN", walkWeek1)
	w.checkIn("UCAI", "Cairo fund grew by twenty", "Caiplan keep going", "no", "7", "7")
	w.checkedIn("UCAI", walkWeek1)
	w.checkIn("UELI", "I relapsed on Saturday", "go to a meeting every day", "no", "9", "6")
	w.checkedIn("UELI", walkWeek1)
	w.checkIn("UROSA", "Fui a la biblioteca", "llamar al colegio el lunes", "no", "8", "8")
	w.checkedIn("UROSA", walkWeek1)
	w.tick(walkWeek1.Add(-2*time.Hour + time.Minute)) // reminders
	w.tick(walkWeek1.Add(-time.Hour + time.Minute))   // the digest
	digest1 := strings.Join(w.reads(fay), "\n")
	read := w.show("Fay (after the first digest)", fay, 0)
	w.tick(walkWeek1.Add(15 * time.Hour)) // Wednesday 9 AM: a reminder to write the recap
	read = w.show("Fay (the morning after)", fay, read)

	// Week 2. Monday morning Ben goes away for two weeks.
	w.set(walkWeek2.Add(-32 * time.Hour))
	w.say("UBEN", "away until June 20")
	waitFor(t, func() bool { m, _ := w.st.Member(ctx, "UBEN"); return !m.PausedUntil.IsZero() })
	w.tick(walkWeek2.Add(-24*time.Hour + time.Minute))
	// Ana keeps this week's plan just for herself.
	w.checkIn("UANA", "Coffee with Sam happened", "ask Jo ANAKEPT to the meeting")
	w.pressIn("UANA", "private:plan")
	w.checkIn("UANA", "no", "9", "8")
	w.checkedIn("UANA", walkWeek2)
	if c, err := w.st.LastCheckIn(ctx, "UANA"); err != nil || !strings.Contains(c.Plan, "ANAKEPT") || !slices.Contains(c.Private, "plan") {
		t.Fatalf("Ana's plan was not kept just for her: %+v, %v", c, err)
	}
	w.checkIn("UCAI", "Cairo fund again", "Caiplan keep going", "no", "7", "7")
	w.checkedIn("UCAI", walkWeek2)
	w.checkIn("UELI", "Went to four meetings", "keep going", "no", "9", "7")
	w.checkedIn("UELI", walkWeek2)
	w.checkIn("UROSA", "Llamé al colegio", "inscribirme", "no", "9", "8")
	w.checkedIn("UROSA", walkWeek2)
	w.tick(walkWeek2.Add(-2*time.Hour + time.Minute))
	w.set(walkWeek2.Add(-time.Hour))
	before := homeText(openHome(w.harness, "UFAC"))
	raw, _ := w.fake.HomeView("UFAC")
	var homeBlocks struct{ Blocks json.RawMessage }
	_ = json.Unmarshal(raw, &homeBlocks)
	beforeRead := blocksText(t, homeBlocks.Blocks)
	t.Logf("── Fay's App Home, an hour before the session ──\n%s", beforeRead)
	if !strings.Contains(beforeRead, "4 of 6 checked in so far") || !strings.Contains(beforeRead, "away until Saturday, June 20") || strings.Contains(before, "UDEE") {
		t.Errorf("Fay's Home before the session does not count the 4 of 6 expected who checked in, or does not say Ben is away")
	}
	// An hour before, the Home calls Gus stuck as the digest does.
	gus, _, _ := strings.Cut(beforeRead[strings.Index(beforeRead, "*Gus*")+1:], "\n*")
	if !strings.Contains(gus, "no progress for 2 sessions") {
		t.Errorf("an hour before the session, Fay's Home does not call Gus stuck, as the digest does:\n%s", gus)
	}
	if strings.Contains(beforeRead, "on today") {
		t.Errorf("Fay's Home says \"on today\":\n%s", beforeRead)
	}
	w.tick(walkWeek2.Add(-time.Hour + time.Minute))
	all := w.reads(fay)
	digest2 := strings.Join(all[read:], "\n")
	read = w.show("Fay (the second digest)", fay, read)

	// After the session, Fay opens App Home.
	w.set(walkWeek2.Add(90 * time.Minute))
	home := homeText(openHome(w.harness, "UFAC"))
	raw, _ = w.fake.HomeView("UFAC")
	_ = json.Unmarshal(raw, &homeBlocks)
	homeRead := blocksText(t, homeBlocks.Blocks)
	t.Logf("── Fay's App Home ──\n%s", homeRead)

	openHome(w.harness, "UROSA")
	raw, _ = w.fake.HomeView("UROSA")
	_ = json.Unmarshal(raw, &homeBlocks)
	rosaHome := blocksText(t, homeBlocks.Blocks)
	t.Logf("── Rosa's App Home ──\n%s", rosaHome)
	florHome := homeText(openHome(w.harness, "UFLOR"))
	raw, _ = w.fake.HomeView("UFLOR")
	_ = json.Unmarshal(raw, &homeBlocks)
	florHomeRead := blocksText(t, homeBlocks.Blocks)
	t.Logf("── Flor's App Home ──\n%s", florHomeRead)
	flor := fakeslack.DMChannel("UFLOR")
	florRead := w.reads(flor)
	w.show("Flor", flor, 0)

	// She posts the recap: who came (all who checked in; Ben is away), a
	// win, and Ana's highlight (Cai's forged tick is ignored: he shares
	// only that he checked in).
	w.slash("UFAC", walkGroup, "recap")
	opened, err := w.fake.WaitForCalls(w.ctx(), "views.open", 2)
	if err != nil {
		t.Fatal(err)
	}
	var recapView struct {
		View struct {
			ID     string
			Blocks json.RawMessage
		}
	}
	if err := json.Unmarshal(opened[1].Response, &recapView); err != nil {
		t.Fatal(err)
	}
	t.Logf("── Fay's recap form ──\n%s", blocksText(t, recapView.View.Blocks))
	values := map[string]map[string]any{
		"recap_attended":   {"recap_attended_input": options("UANA", "UCAI", "UELI", "UROSA")},
		"recap_themes":     {"recap_themes_input": fakeslack.TextInput("Asking for help")},
		"recap_wins":       {"recap_wins_input": fakeslack.TextInput("Four meetings in a week")},
		"recap_next_steps": {"recap_next_steps_input": fakeslack.TextInput("Each of us makes one call")},
		"recap_next_date":  {"recap_next_date_input": map[string]any{"type": "datepicker", "selected_date": "2026-06-16"}},
		"recap_hl_UANA":    {"recap_hl_input": checkboxes("did")},
		"recap_hl_UCAI":    {"recap_hl_input": checkboxes("did")},
	}
	sub, err = w.fake.ViewSubmissionFor("UFAC", recapView.View.ID, values)
	if err != nil {
		t.Fatal(err)
	}
	if ack := w.submit(sub); strings.Contains(ack, "errors") {
		t.Fatalf("the recap was refused: %s", ack)
	}
	// Each who came is told, once, in their language.
	waitFor(t, func() bool {
		for _, m := range []string{"UANA", "UCAI", "UELI", "UROSA"} {
			dms := w.reads(fakeslack.DMChannel(m))
			if len(dms) == 0 || !strings.Contains(dms[len(dms)-1], "#c0walk") {
				return false
			}
		}
		return len(w.reads(walkGroup)) == 1
	})
	w.settle()
	recap := strings.Join(w.reads(walkGroup), "\n")
	w.show("the channel", walkGroup, 0)

	// The group's chart, from the Home's button (two sessions: text bars,
	// not a picture); then the export.
	id, value := homeButtonIn(t, openHome(w.harness, "UFAC"), "Group chart")
	w.sendInteractive(fakeslack.BlockAction("UFAC", "", id, value, ""))
	w.posted(fay, "Tuesday circle's progress")
	w.settle()
	chart := w.reads(fay)[len(w.reads(fay))-1]
	if ack := w.slash("UFAC", walkGroup, "export"); ack == "" {
		t.Fatal("/cairn export said nothing")
	}
	export := w.uploaded(1)
	w.settle()
	w.show("Fay (chart and export)", fay, read)
	t.Logf("── the export (%s) ──\n%s", export.Name, export.Content)
	for _, m := range members {
		w.show(m, fakeslack.DMChannel(m), 0)
	}

	// What matters, checked.
	faysWorld := map[string]string{"digest 1": digest1, "digest 2": digest2, "home": homeRead, "recap": recap,
		"chart": chart, "export": string(export.Content), "all of Fay's DMs": strings.Join(w.reads(fay), "\n")}
	for where, text := range faysWorld {
		for _, secret := range walkSecrets {
			if strings.Contains(text, secret) {
				t.Errorf("Fay's %s shows %q, which is not hers to see", where, secret)
			}
		}
		for _, broken := range []string{"0 of 0", "%!", "<@U", "&amp;amp;"} {
			if strings.Contains(text, broken) {
				t.Errorf("Fay's %s has %q", where, broken)
			}
		}
	}
	for where, text := range map[string]string{"digest 1": digest1, "digest 2": digest2} {
		for _, want := range []string{
			"Tuesday circle: before the session", // the header
			"Flo can't be reached on Slack",
			"✓ Cai checked in (they share only that).",
			"Each member chooses what you see",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", where, want)
			}
		}
	}
	for _, want := range []string{"5 of 7 checked in", "✓ Eli: had a setback", "had a setback — part of recovery", "✓ Ben: 1 step done", "Gus hasn't checked in yet.", "“I texted my old friend Jo”", "Fui a la biblioteca"} {
		if !strings.Contains(digest1, want) {
			t.Errorf("the first digest lacks %q", want)
		}
	}
	if !strings.Contains(digest2, "Gus: no progress for 2 sessions in a row.") || !strings.Contains(digest2, "Ben is away, back Saturday, June 20.") {
		t.Errorf("the second digest does not put Gus (stuck) first, or does not say Ben is away")
	}
	if strings.Index(digest2, "Ben is away") < strings.Index(digest2, "✓ Rosa") {
		t.Errorf("the second digest lists Ben, who is away, before those who checked in")
	}
	if strings.Index(digest2, "Gus: no progress") > strings.Index(digest2, "✓ Ana") {
		t.Errorf("the second digest lists a member who checked in before one who is stuck")
	}
	// Flo never got a prompt: unreachable, not stuck.
	if strings.Contains(digest2, "Flo: no progress") {
		t.Errorf("the second digest calls Flo stuck; Slack cannot reach her, she never got the prompts")
	}
	flo, _, _ := strings.Cut(homeRead[strings.Index(homeRead, "*Flo*")+1:], "\n*")
	if strings.Contains(flo, "no progress") {
		t.Errorf("Fay's Home calls Flo stuck:\n%s", flo)
	}
	// The group began on June 1: two sessions held, none before.
	if !strings.Contains(homeRead, "last 2 sessions: 0/0 · 1/1") || strings.Contains(homeRead, "last 4 sessions") {
		t.Errorf("Fay's Home counts sessions from before the group began")
	}
	if !strings.Contains(chart, "The group's steps, session by session") || strings.Contains(chart, "Your steps") || strings.Contains(chart, "of 0 planned") {
		t.Errorf("the group's chart reads wrong:\n%s", chart)
	}
	for _, want := range []string{"Tuesday circle", "Group chart", "Session recap", "Cai", "shares only", "Flo", "Gus"} {
		if !strings.Contains(homeRead, want) {
			t.Errorf("Fay's Home lacks %q", want)
		}
	}
	if strings.Contains(home, "UDEE") {
		t.Errorf("Fay's Home shows Dee, who said no thanks")
	}
	for _, want := range []string{"*4* of 7 members came", "Among them: Ana, Eli, Rosa", "Four meetings in a week", "Coffee with Sam happened"} {
		if !strings.Contains(recap, want) {
			t.Errorf("the recap lacks %q", want)
		}
	}
	for _, m := range []string{"UBEN", "UGUS", "UFLO", "UDEE"} {
		for _, text := range w.reads(fakeslack.DMChannel(m)) {
			if strings.Contains(text, "The recap is up") {
				t.Errorf("%s, who did not come, was told the recap is up", m)
			}
		}
	}
	recs, err := csv.NewReader(bytes.NewReader(export.Content)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("the export is not CSV with rows: %v", err)
	}
	for _, r := range recs[1:] {
		if slices.Contains(r, "UDEE") {
			t.Errorf("the export has a row for Dee: %v", r)
		}
	}
	// Rosa reads Spanish only: no English sentence reaches her after her
	// invitation (whose schedule is still said in English: groups.go).
	english := regexp.MustCompile(`\b(the|you|your|what|did|check in|group|step|next)\b`)
	for i, text := range w.reads(fakeslack.DMChannel("UROSA"))[1:] {
		if m := english.FindString(strings.ToLower(text)); m != "" {
			t.Errorf("Rosa's message %d has English (%q):\n%s", i+1, m, text)
		}
	}
	if !strings.Contains(rosaHome, "Mi progreso") {
		t.Errorf("Rosa's Home has no [Mi progreso] button")
	}
	if m := english.FindString(strings.ToLower(rosaHome)); m != "" {
		t.Errorf("Rosa's Home has English (%q):\n%s", m, rosaHome)
	}
	// Dee said no: after her "no problem", Cairn wrote to her no more.
	if n := len(w.reads(fakeslack.DMChannel("UDEE"))); n > 2 {
		t.Errorf("Dee, who declined, got %d messages", n)
	}
	// Flo is unreachable: Cairn did not even try.
	if n := len(w.fake.Messages(fakeslack.DMChannel("UFLO"))); n != toFlo {
		t.Errorf("%d messages went to Flo after Slack said she cannot be reached", n-toFlo)
	}
	// Flor reads Spanish: once the members' own words are set aside, no
	// English is left in her digests or her Home.
	theirWords := strings.NewReplacer("I texted my old friend Jo", "", "walk on Sunday with Jo", "", "Coffee with Sam happened", "",
		"go to a meeting every day", "", "Went to four meetings", "", "keep going", "",
		"Feel less alone", "", "Stay sober through June", "", "Ask Sam for coffee", "")
	for i, text := range append(florRead, florHomeRead) {
		if i == 0 {
			continue // her invitation: see the report on groups.go
		}
		if m := english.FindString(strings.ToLower(theirWords.Replace(text))); m != "" {
			t.Errorf("Flor's message %d has English (%q):\n%s", i+1, m, text)
		}
	}
	// Ben said "until June 20" in New York: Flor, an hour behind in
	// Chicago, reads June 20 too.
	if !strings.Contains(strings.Join(florRead, "\n"), "Ben está fuera; vuelve el sábado 20 de junio.") || !strings.Contains(florHomeRead, "ausente hasta sábado 20 de junio") {
		t.Errorf("Flor does not read the day Ben is back as he said it (June 20)")
	}
	if !strings.Contains(strings.Join(florRead, "\n"), "Tuesday circle: antes de la sesión") || strings.Contains(florHome, "UDEE") {
		t.Errorf("Flor's digest has no Spanish header, or her Home shows Dee")
	}
	assertNoMessageTextInLogs(t, w.logs.String(), "Cairo", "relapsed", "texted my old friend", "biblioteca")
}

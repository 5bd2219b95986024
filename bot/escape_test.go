package bot_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// hostile is member text that would be markup if it reached Slack raw:
// broadcasts, a mention, a disguised link, and faked formatting.
const hostile = "<!channel> <!here> <@U123> <https://evil|click> *loud* _slanted_ ~gone~ `code`"

// digestOf runs a group's week up to its digest, with Ana's check-in
// answers as given, and returns the digest as the fake Slack received it.
func digestOf(t *testing.T, answers ...string) fakeslack.Call {
	t.Helper()
	ny, _ := time.LoadLocation("America/New_York")
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, ny) // a Tuesday
	var mu sync.Mutex
	at := session.Add(-2 * time.Hour)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return at }
	now := clock()
	fake := fakeslack.New(fakeslack.WithClock(clock))
	t.Cleanup(fake.Close)
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		st.Close()
	})
	st.Now = clock
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	b, err := bot.New(bot.Config{BotToken: "xoxb-test", APIURL: fake.APIURL(), NoLimits: true, CallTimeout: 5 * time.Second, Logger: quiet}, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	b.Now = clock
	sched := scheduler.New(st, b.Runner(), b, scheduler.Config{Logger: quiet})
	sched.Now = clock

	ctx := context.Background()
	weekly, err := scheduler.ParseSchedule("Tuesdays 6pm", ny)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []store.Member{{ID: "UANA", Name: "Ana", TZ: "America/New_York"}, {ID: "UFAC", Name: "Fay", TZ: "America/New_York"}} {
		if err := st.SaveMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveGroup(ctx, store.Group{ID: "C1", Name: "Tuesday group", Schedule: weekly.Spec, ScheduleText: weekly.Text,
		TZ: "America/New_York", Members: []string{"UANA"}, Facilitators: []string{"UFAC"},
		Sharing: map[string]store.Sharing{"UANA": store.ShareAll}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyTurn(ctx, store.Turn{MemberID: "UANA", At: now,
		Goal:     &store.Goal{Text: "Find a part-time job", Status: store.GoalActive},
		NewSteps: []store.Step{{What: "Call the job center", Due: time.Date(2026, 6, 19, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe}},
	}); err != nil {
		t.Fatal(err)
	}
	// Ana answers her check-in in the DM, as any member would.
	if _, err := b.Runner().Start(ctx, "UANA", conversations.FlowCheckIn, session, "C1", now); err != nil {
		t.Fatal(err)
	}
	for _, a := range answers {
		if _, err := b.Runner().Handle(ctx, "UANA", conversations.Input{Text: a}, now); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	at = session.Add(-50 * time.Minute) // the digest is due an hour before
	mu.Unlock()
	if err := sched.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range fake.CallsTo("chat.postMessage") {
		if strings.Contains(c.Params["text"], "checked in") {
			return c
		}
	}
	t.Fatalf("no digest was posted; posts: %v", fake.CallsTo("chat.postMessage"))
	return fakeslack.Call{}
}

// posted is what Slack shows of a posted message: its notification text,
// and the text of its blocks (decoded from their JSON).
func posted(t *testing.T, c fakeslack.Call) map[string]string {
	t.Helper()
	var blocks []struct {
		Text struct{ Text string } `json:"text"`
	}
	if err := c.Decode("blocks", &blocks); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range blocks {
		texts = append(texts, b.Text.Text)
	}
	return map[string]string{"text": c.Params["text"], "blocks": strings.Join(texts, "\n")}
}

// TestDigest_MemberTextIsNeverMarkup: a member's check-in quoted in a
// facilitator's digest pings nobody and links nowhere, in the notification
// text as in the blocks.
func TestDigest_MemberTextIsNeverMarkup(t *testing.T) {
	c := digestOf(t, "I went to "+hostile, "then "+hostile, "no thanks", "7", "5")
	for field, got := range posted(t, c) {
		if !strings.Contains(got, "Ana: did") || !strings.Contains(got, "plans “then") {
			t.Fatalf("%s does not quote Ana's check-in:\n%s", field, got)
		}
		if strings.Contains(got, "<") || strings.Contains(got, ">") {
			t.Errorf("the digest's %s carries markup:\n%s", field, got)
		}
		for _, safe := range []string{"&lt;!channel&gt;", "&lt;!here&gt;", "&lt;@U123&gt;", "&lt;https://evil|click&gt;"} {
			if strings.Count(got, safe) != 2 {
				t.Errorf("the digest's %s lacks %q twice (escaped, still readable):\n%s", field, safe, got)
			}
		}
	}
}

// TestSlashCommand_EchoIsEscaped: an ephemeral answer that quotes what the
// person typed quotes it escaped, so it reads as they typed it.
func TestSlashCommand_EchoIsEscaped(t *testing.T) {
	h := newHarness(t)
	id, err := h.fake.SendSlashCommand(h.ctx(), slack.SlashCommand{Command: "/cairn", Text: "pause until &lt;!channel&gt; & <@U123>", UserID: member, ChannelID: "C0GROUP"})
	if err != nil {
		t.Fatal(err)
	}
	ack, err := h.fake.WaitForAck(h.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(ack.Payload, &m); err != nil {
		t.Fatalf("ack payload %s: %v", ack.Payload, err)
	}
	if got := m["text"]; strings.Contains(got, "<") || !strings.Contains(got, "&amp;lt;!channel&amp;gt; &amp; @u123") {
		t.Errorf("answer = %q, want what was typed quoted escaped", got)
	}
}

// TestDigest_MemberTextFakesNoFormatting: *, _, ~ and ` in a member's
// check-in cannot make a facilitator's digest bold, italic, struck or code;
// the words still read the same.
func TestDigest_MemberTextFakesNoFormatting(t *testing.T) {
	c := digestOf(t, "I went to "+hostile, "then "+hostile, "no thanks", "7", "5")
	for field, got := range posted(t, c) {
		if strings.ContainsAny(got, "*_~`") {
			t.Errorf("the digest's %s can fake formatting:\n%s", field, got)
		}
		if strings.Count(got, "∗loud∗ ˍslantedˍ ∼gone∼ ˋcodeˋ") != 2 {
			t.Errorf("the digest's %s does not quote Ana's words with look-alikes:\n%s", field, got)
		}
	}
}

// setUpGroup has UFAC set up a group in C0GROUP named name through the
// form, and returns the form's answer.
func setUpGroup(t *testing.T, h *harness, name string) string {
	t.Helper()
	h.fake.AddUser(fakeslack.User{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York", IsAdmin: true})
	h.fake.SetMembers("C0GROUP", "UFAC", member)
	h.slash("UFAC", "C0GROUP", "group setup")
	opened, err := h.fake.WaitForCalls(h.ctx(), "views.open", 1)
	if err != nil {
		t.Fatal(err)
	}
	var resp struct {
		View struct{ ID string } `json:"view"`
	}
	_ = json.Unmarshal(opened[0].Response, &resp)
	form, err := h.fake.ViewSubmissionFor("UFAC", resp.View.ID, groupForm(name, "Tuesdays 6pm", "America/New_York", []string{member}, []string{"UFAC"}, nil))
	if err != nil {
		t.Fatal(err)
	}
	return h.submit(form)
}

// TestGroupName_FakesNoFormatting: a group's name, shown in Cairn's own
// bold, can neither end the bold early nor ping anyone.
func TestGroupName_FakesNoFormatting(t *testing.T) {
	h := newHarness(t)
	ack := setUpGroup(t, h, "Tuesday* _group_ <!here>")
	if want := `*Tuesday∗ ˍgroupˍ \u0026lt;!here\u0026gt;* is set up`; !strings.Contains(ack, want) {
		t.Errorf("the form's answer lacks %s:\n%s", want, ack)
	}
	if got, want := h.slash("UFAC", "C0GROUP", "group"), "*Tuesday∗ ˍgroupˍ &lt;!here&gt;* meets"; !strings.Contains(got, want) {
		t.Errorf("/cairn group = %q, want it to contain %q", got, want)
	}
}

// TestModals_FieldsSanitizedOnArrival: hidden characters typed (or pasted)
// into a form are gone before anything is validated or saved: the step
// form and the group form alike.
func TestModals_FieldsSanitizedOnArrival(t *testing.T) {
	t.Run("Step", func(t *testing.T) {
		h := newHarness(t)
		ctx := context.Background()
		if err := h.st.SaveMember(ctx, store.Member{ID: member, TZ: "America/Chicago"}); err != nil {
			t.Fatal(err)
		}
		res, err := h.st.ApplyTurn(ctx, store.Turn{MemberID: member, At: june10,
			Goal:     &store.Goal{Text: "Learn to fly-fish", Status: store.GoalActive},
			NewSteps: []store.Step{{What: "Buy a fishing pole", Due: time.Date(2026, 6, 12, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe}}})
		if err != nil {
			t.Fatal(err)
		}
		stepID := res.StepIDs[0]
		form := fakeslack.ViewSubmission(member, "edit_step", strconv.FormatUint(stepID, 10), map[string]map[string]any{
			"what": {"what_input": fakeslack.TextInput("Buy a \u202Eused\u202C fishing\u200B pole 🎣\x07")},
			"when": {"when_input": fakeslack.TextInput("\u2066June 19\u2069")},
			"who":  {"who_input": fakeslack.StaticSelect("person")},
			"name": {"name_input": fakeslack.TextInput("\uFEFFZoë\u200D")},
		})
		if ack := h.submit(form); ack != "" && ack != "null" {
			t.Fatalf("the form was refused: %s", ack)
		}
		st, err := h.st.Step(ctx, stepID)
		if err != nil {
			t.Fatal(err)
		}
		if st.What != "Buy a used fishing pole 🎣" || st.OwnerName != "Zoë" || !st.Due.Equal(time.Date(2026, 6, 19, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("saved step what %q, name %q, due %v: not as typed without the hidden characters", st.What, st.OwnerName, st.Due)
		}
	})
	t.Run("Group", func(t *testing.T) {
		h := newHarness(t)
		ack := setUpGroup(t, h, "\u202ETuesday\u202C group\u200B\x00")
		if !strings.Contains(ack, "is set up") {
			t.Fatalf("the form was refused: %s", ack)
		}
		g, err := h.st.Group(context.Background(), "C0GROUP")
		if err != nil || g.Name != "Tuesday group" {
			t.Errorf("saved group name %q, %v: not as typed without the hidden characters", g.Name, err)
		}
	})
}

// TestDM_SummaryReadsAsTyped: a goal typed in the DM with hidden
// characters, markup and formatting characters is echoed back in the
// summary as the member sees their own words: nothing hidden, nothing
// pinged, nothing bold, emoji and accents intact.
func TestDM_SummaryReadsAsTyped(t *testing.T) {
	h := newHarness(t)
	for _, text := range []string{"goal", "A cabin by a lake", "Waking up calm",
		"Finish a \u202E*birdhouse*\u202C by July <!here>", "8", "It calms me \u200B🙂", "my sister 👩\u200D👧 and Zoë",
		"Buy pine boards", "Friday", "me"} {
		h.dm(text)
	}
	h.expect("Add another step")
	h.dm("that's all for now")
	h.expect("enjoy")
	h.dm("skip")
	got := posted(t, h.expect("Here's your plan"))
	for field, text := range got {
		for _, want := range []string{"Goal: Finish a ∗birdhouse∗ by July &lt;!here&gt;\n", "Why it matters: It calms me 🙂\n",
			"Support: my sister 👩\u200D👧 and Zoë\n", "1. Buy pine boards — you, by Friday, June 12"} {
			if !strings.Contains(text, want) {
				t.Errorf("the summary's %s lacks %q:\n%s", field, want, text)
			}
		}
	}
}

package bot

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares v, as indented JSON, with testdata/name.json, so a
// reviewer can read exactly what Slack is sent.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./bot -run Golden -update\ngot:\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	chicago, _ := time.LoadLocation("America/Chicago")
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	day := func(d int) time.Time { return time.Date(2026, 6, d, 0, 0, 0, 0, time.UTC) }
	view := store.View{
		Member: store.Member{ID: "U1", TZ: "America/Chicago"},
		Goals: []store.GoalSteps{{
			Goal: store.Goal{ID: 7, Text: "Fly-fish with my dad <3 by August", Measure: "twice a month", Why: "it keeps me sober", Status: store.GoalActive},
			Steps: []store.Step{
				{ID: 11, What: "Buy a rod", Due: day(12), Owner: store.OwnerMe, DoneAt: now},
				{ID: 12, What: "Get a license", Due: day(20), Owner: store.OwnerPerson, OwnerName: "Dad"},
				{ID: 13, What: "Ask about lessons", Due: day(30), Owner: store.OwnerNavigator},
			},
		}},
		LastCheckIn: &store.CheckIn{CreatedAt: now.AddDate(0, 0, -6)},
	}
	t.Run("HomeWithGoal", func(t *testing.T) {
		golden(t, "home_with_goal", homeView(view, time.Date(2026, 6, 16, 18, 0, 0, 0, chicago), now))
	})
	t.Run("HomeWithHistory", func(t *testing.T) {
		v := view
		v.CheckIns = []store.CheckIn{ // newest first, as the store gives them
			{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), StepsDone: []uint64{11, 12}, Plan: "call the *clinic* <now>", CreatedAt: now.AddDate(0, 0, -1)},
			{SessionAt: time.Date(2026, 6, 2, 23, 0, 0, 0, time.UTC), Barrier: "setback", Plan: "a meeting", Private: []string{"plan"}},
			{SessionAt: time.Date(2026, 5, 26, 23, 0, 0, 0, time.UTC), Did: "read about knots"},
			{SessionAt: time.Date(2026, 5, 19, 23, 0, 0, 0, time.UTC), Did: "an older one, not shown"},
		}
		v.LastCheckIn = &v.CheckIns[0]
		golden(t, "home_with_history", homeView(v, time.Date(2026, 6, 16, 18, 0, 0, 0, chicago), now))
	})
	t.Run("HomeWithoutGoalWithHistory", func(t *testing.T) {
		v := store.View{CheckIns: []store.CheckIn{{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), Plan: "rest"}}}
		golden(t, "home_without_goal_with_history", homeView(v, time.Time{}, now))
	})
	t.Run("HomeWithoutGoal", func(t *testing.T) {
		golden(t, "home_without_goal", homeView(store.View{}, time.Time{}, now))
	})
	t.Run("CheckInPrompt", func(t *testing.T) {
		c := conversations.ContextOf(view)
		res := conversations.Start(conversations.State{}, conversations.FlowCheckIn, c, now)
		golden(t, "checkin_prompt", messageJSON(t, res.Replies))
	})
	t.Run("EditStepModal", func(t *testing.T) {
		golden(t, "edit_step_modal", editStepModal(conversations.WordsFor(conversations.English), view.Goals[0].Steps[1], now))
	})
	t.Run("GroupModal", func(t *testing.T) {
		golden(t, "group_modal", groupModal(conversations.WordsFor(conversations.English), store.Group{ID: "C1", Name: "Tuesday group", ScheduleText: "Tuesdays 6pm", TZ: "America/New_York",
			Members: []string{"U1", "U2"}, Facilitators: []string{"UF"}, QuietStart: "21:00", QuietEnd: "08:00",
			CrisisContacts: "Call our warmline 555-0100, 9am–9pm"}, "tuesday-group"))
	})
}

// messageJSON is a message's text and blocks, as Slack receives them.
func messageJSON(t *testing.T, rs []conversations.Reply) map[string]any {
	t.Helper()
	text, blocks := repliesBlocks(rs)
	return map[string]any{"text": text, "blocks": blocks}
}

// blocksJSON is blocks as Slack receives them.
func blocksJSON(t *testing.T, blocks []slack.Block) string {
	t.Helper()
	b, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMessages_TextEscapedLikeBlocks: the notification text of every
// message Cairn posts or updates is escaped as its blocks are, and a
// question Slack hands back (escaped, as posted) is not escaped twice.
func TestMessages_TextEscapedLikeBlocks(t *testing.T) {
	const raw = "Tell <!channel> & <@U123> about <https://evil|click>"
	const want = "Tell &lt;!channel&gt; &amp; &lt;@U123&gt; about &lt;https://evil|click&gt;"
	check := func(t *testing.T, text, blocks string) {
		t.Helper()
		if !strings.Contains(text, want) {
			t.Errorf("text = %q, want it to contain %q", text, want)
		}
		if !strings.Contains(blocks, `Tell \u0026lt;!channel\u0026gt; \u0026amp; \u0026lt;@U123\u0026gt;`) || strings.Contains(blocks, "amp;lt;") {
			t.Errorf("blocks = %s", blocks)
		}
	}
	t.Run("Replies", func(t *testing.T) {
		text, blocks := repliesBlocks([]conversations.Reply{{Text: "Hello."}, {Text: raw, Choices: []conversations.Choice{{Label: "Yes", Value: "yes"}}}})
		check(t, text, blocksJSON(t, blocks))
	})
	t.Run("AnsweredFromSlacksEcho", func(t *testing.T) {
		// Slack gives back a message's text as we posted it: escaped.
		text, bl := answeredBlocks(want, "✓ 1. <!here>")
		blocks := blocksJSON(t, bl)
		check(t, text, blocks)
		if !strings.Contains(blocks, `✓ 1. \u0026lt;!here\u0026gt;`) {
			t.Errorf("the chosen label is not escaped: %s", blocks)
		}
	})
	t.Run("AnsweredFromRawText", func(t *testing.T) {
		text, blocks := answeredBlocks(raw, "Yes")
		check(t, text, blocksJSON(t, blocks))
	})
}

// TestHome_MemberTextFakesNoFormatting: App Home keeps its own bold and
// italics, and the member's words inside them fake none.
func TestHome_MemberTextFakesNoFormatting(t *testing.T) {
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)
	const typed = "*loud* _slanted_ ~gone~ `code` <!here>"
	const shown = "∗loud∗ ˍslantedˍ ∼gone∼ ˋcodeˋ &lt;!here&gt;"
	view := store.View{Goals: []store.GoalSteps{{
		Goal:  store.Goal{ID: 7, Text: "goal " + typed, Measure: "measure " + typed, Why: "why " + typed, Status: store.GoalActive},
		Steps: []store.Step{{ID: 11, What: "step " + typed, Due: now, Owner: store.OwnerPerson, OwnerName: "name " + typed}},
	}}}
	got := blocksJSON(t, homeView(view, time.Time{}, now).Blocks.BlockSet)
	for _, part := range []string{"goal ", "measure ", "why ", "step ", "name "} {
		want, _ := json.Marshal(part + shown)
		if !strings.Contains(got, strings.Trim(string(want), `"`)) {
			t.Errorf("App Home lacks %q:\n%s", part+shown, got)
		}
	}
	for _, own := range []string{"*Goal:*", "_How you'll know:_", "_Why it matters:_"} {
		if !strings.Contains(got, own) {
			t.Errorf("App Home lost its own formatting %q", own)
		}
	}
}

// A big first step kept for later has no date: App Home says so instead of
// a year-one date, and the edit form's "when" starts empty.
func TestHome_StepWithNoDate(t *testing.T) {
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)
	st := store.Step{ID: 7, What: "get my life together", Owner: store.OwnerMe}
	b, err := json.Marshal(stepBlock(2, st, now))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); !strings.Contains(got, "you, no date yet") || strings.Contains(got, "0001") {
		t.Fatalf("step block = %s", got)
	}
	if got := dueWords(conversations.English, st.Due); got != "" {
		t.Fatalf("dueWords = %q", got)
	}
}

package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Only the mentions Cairn lists in a reply become names; the same markup
// typed by a member in that reply stays text.
func TestReplies_OwnMentionsOnly(t *testing.T) {
	text, blocks := repliesBlocks([]conversations.Reply{{
		Text:     "May I send <@U0DANA> one reminder? (you wrote: call <@U0EVIL> <!channel>)",
		Mentions: []string{"U0DANA", "not an id"},
		Choices:  []conversations.Choice{{Label: "Pick someone in Slack", Value: conversations.ActPickHelper}},
	}})
	js := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(blocksJSON(t, blocks))
	for _, s := range []string{text, js} {
		if !strings.Contains(s, "May I send <@U0DANA>") || !strings.Contains(s, "&lt;@U0EVIL&gt;") || !strings.Contains(s, "&lt;!channel&gt;") {
			t.Errorf("rendered %s", s)
		}
	}
	if !strings.Contains(js, `"type":"users_select"`) {
		t.Errorf("no people picker: %s", js)
	}
}

func TestHome_StepHelperShownAsAName(t *testing.T) {
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)
	st := store.Step{ID: 1, What: "call <@U0EVIL>", Due: now, Owner: store.OwnerPerson, OwnerName: "my sister <@U0DANA>", HelperID: "U0DANA"}
	sec := stepBlock(1, st, now).(*slack.SectionBlock)
	if !strings.Contains(sec.Text.Text, "my sister <@U0DANA>") || !strings.Contains(sec.Text.Text, "&lt;@U0EVIL&gt;") {
		t.Fatalf("step shown as %q", sec.Text.Text)
	}
}

func TestDropGoneHelper(t *testing.T) {
	for _, tc := range []struct {
		name  string
		owner store.OwnerKind
		who   string
		keep  bool
	}{
		{"StillNamed", store.OwnerPerson, "my sister <@U0DANA>", true},
		{"Renamed", store.OwnerPerson, "Dana", false},
		{"Mine", store.OwnerMe, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := store.Step{Owner: tc.owner, OwnerName: tc.who, HelperID: "U0DANA", HelperOK: true}
			dropGoneHelper(&st)
			if (st.HelperID != "" && st.HelperOK) != tc.keep || !tc.keep && (st.HelperID != "" || st.HelperOK) {
				t.Fatalf("step %+v", st)
			}
		})
	}
}

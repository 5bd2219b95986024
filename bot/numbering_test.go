package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// The number beside a step in App Home is the one "steps" shows and "done
// N" marks, even when the steps come in another order.
func TestHome_StepNumbersMatchDoneN(t *testing.T) {
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)
	goal := store.Goal{ID: 7, Text: "a job", Status: store.GoalActive}
	steps := []store.Step{
		{ID: 13, GoalID: 7, What: "third", Due: now.AddDate(0, 0, 9)},
		{ID: 11, GoalID: 7, What: "first", Due: now.AddDate(0, 0, 1)},
		{ID: 12, GoalID: 7, What: "second", Due: now.AddDate(0, 0, 5)},
	}
	view := homeView(store.View{Goals: []store.GoalSteps{{Goal: goal, Steps: steps}}}, time.Time{}, now)
	c := conversations.Context{Goal: &goal, Steps: steps}
	for n := 1; n <= 3; n++ {
		res := conversations.Step(conversations.State{}, conversations.Input{Text: fmt.Sprintf("done %d", n)}, c, now)
		if len(res.Done) != 1 {
			t.Fatalf("done %d marked %v", n, res.Done)
		}
		var text string
		for _, b := range view.Blocks.BlockSet {
			if s, ok := b.(*slack.SectionBlock); ok && s.BlockID == fmt.Sprintf("step-%d", res.Done[0]) {
				text = s.Text.Text
			}
		}
		if !strings.Contains(text, fmt.Sprintf("*%d.*", n)) {
			t.Errorf("done %d marked step %d, which App Home shows as %q", n, res.Done[0], text)
		}
	}
}

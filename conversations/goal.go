package conversations

import (
	"fmt"

	"github.com/cairnbot/cairn/store"
)

// The goal flow's own steps: from the summary back to one part, and saving.

// advanceGoal walks the goal flow on, or back to the summary when the member
// was only changing one part.
func (t *turn) advanceGoal(next Stage) {
	if t.s.Editing {
		t.toConfirm()
		return
	}
	t.advance(next)
}

func (t *turn) toConfirm() {
	t.s.Editing = false
	t.s.After = ""
	t.advance(stageConfirm)
}

func (t *turn) edit() {
	s := &t.s
	switch t.action {
	case actEditGoal:
		s.Editing = true
		t.advance(stageGoal)
	case actEditWhy:
		s.Editing = true
		t.advance(stageWhy)
	case actEditSupp:
		s.Editing = true
		t.advance(stageSupport)
	case actEditAdd:
		s.After = stageConfirm
		t.advance(stageStepWhat)
	case actEditDrop:
		if len(s.Goal.Steps) == 0 {
			t.say(t.w.DropNone)
			break
		}
		t.advance(stageDropStep)
	default:
		t.again(t.w.PickOne)
		return
	}
	t.ask()
}

// needWords asks again when an answer that must be tracked has no words in
// it (empty, or emoji only). It reports whether it did.
func (t *turn) needWords() bool {
	if t.text == "" {
		t.say(t.w.Empty)
		t.ask()
		return true
	}
	if !hasLetterOrDigit(t.text) {
		t.say(t.w.EmojiOnly)
		return true
	}
	return false
}

func (t *turn) saveGoal() {
	g := t.s.Goal
	t.res.Goal = &store.Goal{
		Dream: g.Dream, Happy: g.Happy, Text: g.Text, Measure: g.Measure,
		Why: g.Why, Supporters: g.Supporters, Status: store.GoalActive,
		Sure: g.Smart.Sure, SureHelp: g.Smart.SureHelp, Enjoy: g.Smart.Enjoy,
		CreatedAt: t.now.UTC(), UpdatedAt: t.now.UTC(),
	}
	t.replaceGoal(g.Replaces)
	for _, d := range g.Steps {
		t.res.NewSteps = append(t.res.NewSteps, d.record(t.now))
	}
	t.s = State{V: stateVersion}
	if len(g.Steps) == 0 {
		t.say(t.w.SavedNoStep, t.menuChoicesWithGoal()...)
		return
	}
	t.say(fmt.Sprintf(t.w.Saved, describeStep(t.w, g.Steps[0], t.now)))
}

func (t *turn) goalText() string {
	if t.c.Goal == nil {
		return ""
	}
	if len(t.c.Goals) > 1 {
		return goalNames(t.w, t.c.Goals)
	}
	return t.c.Goal.Text
}

// goalUnsure answers "idk" as the goal, once, with the examples: a way in
// for a member who doesn't know where to start. It reports whether it
// answered the turn.
func (t *turn) goalUnsure() bool {
	sm := &t.s.Goal.Smart
	if t.action != "" || !isIDK(t.text) || sm.GoalNudged || len(t.templateList()) == 0 {
		return false
	}
	t.advance(stageGoal) // "back" returns to the question as it was
	sm.GoalNudged = true
	t.s.Template.Picking = true
	t.say(t.w.GoalUnsure)
	t.ask()
	return true
}

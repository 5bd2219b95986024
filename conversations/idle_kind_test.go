package conversations

import (
	"strings"
	"testing"
)

func replyText(r Result) string {
	var b strings.Builder
	for _, rep := range r.Replies {
		b.WriteString(rep.Text + "\n")
	}
	return b.String()
}

// TestIdle_ThanksAndHardDays: outside any question, "thanks" is answered
// as thanks, and "I'm sad", "feeling really down today", a crying face or
// "estoy triste" get warm words and the offer of a person — never "I'm not
// sure I followed" and a menu.
func TestIdle_ThanksAndHardDays(t *testing.T) {
	c := Context{LangSettled: true, Introduced: true}
	for _, text := range []string{"thanks", "Thank you!", "gracias"} {
		got := replyText(Step(State{}, Input{Text: text}, c, refNow))
		if !strings.Contains(got, en.IdleWelcome) && !strings.Contains(got, WordsFor(Spanish).IdleWelcome) {
			t.Errorf("%q got %q, want a you're welcome", text, got)
		}
	}
	for _, text := range []string{"i'm sad", "I'm feeling really down today", "feeling so lonely", "😢", "having a rough day",
		"im so stressed"} {
		res := Step(State{}, Input{Text: text}, c, refNow)
		got := replyText(res)
		if !strings.Contains(got, en.IdleFeeling) || strings.Contains(got, en.Menu) {
			t.Errorf("%q got %q, want warm words and a person, not the menu", text, got)
		}
		if res.State.Aside != asideOffer {
			t.Errorf("%q: the offer is not the question on the table (Aside %q), so a typed yes would not ask", text, res.State.Aside)
		}
		if yes := Step(res.State, Input{Text: "yes"}, c, refNow); yes.Alert == nil {
			t.Errorf("%q then yes: nobody was asked", text)
		}
	}
	es := Context{Lang: Spanish, LangSettled: true, Introduced: true}
	if got := replyText(Step(State{}, Input{Text: "estoy muy triste hoy"}, es, refNow)); !strings.Contains(got, WordsFor(Spanish).IdleFeeling) {
		t.Errorf("estoy muy triste hoy got %q", got)
	}
	// Not a hard day: words that only look alike still get the menu.
	for _, text := range []string{"sad movie last night was good", "i'm down to try"} {
		if got := replyText(Step(State{}, Input{Text: text}, c, refNow)); strings.Contains(got, en.IdleFeeling) {
			t.Errorf("%q was heard as a hard day: %q", text, got)
		}
	}
}

// TestStepWhat_EndingWordsAtTheFirstStep: "that's all" or "none" at a
// goal's first step question go on without steps (they can come later),
// never a step named "that's all"; "skip" at the day question is the
// not-sure way out, not "I couldn't turn skip into a date".
func TestStepWhat_EndingWordsAtTheFirstStep(t *testing.T) {
	for _, text := range []string{"that's all", "no", "done"} {
		s := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore,
			Goal: GoalDraft{Text: "grow tomatoes on my balcony by June", Why: "it calms me"}}
		res := Step(s, Input{Text: text}, Context{LangSettled: true}, refNow)
		if len(res.State.Goal.Steps) > 0 || res.State.Draft.What != "" || res.State.Stage == stageStepWhen {
			t.Errorf("%q at the first step: stage %q, draft %q, steps %v — want no step", text, res.State.Stage, res.State.Draft.What, res.State.Goal.Steps)
		}
		if got := replyText(res); !strings.Contains(got, en.StepsLater) {
			t.Errorf("%q at the first step got %q, want %q", text, got, en.StepsLater)
		}
	}
	s := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
		Goal: GoalDraft{Text: "grow tomatoes"}, Draft: StepDraft{What: "buy seeds"}}
	res := Step(s, Input{Text: "skip"}, Context{LangSettled: true}, refNow)
	if got := replyText(res); strings.Contains(got, "couldn't turn") || res.State.Draft.Suggest.IsZero() {
		t.Errorf("skip at the day question got %q (suggestion %v), want a suggested day", got, res.State.Draft.Suggest)
	}
}

package conversations

import (
	"strings"
	"testing"
)

// TestSmart_NotClearWhenItIsnt: goals that say nothing we could both see
// get the question of the letter they miss, never "Good, that's clear".
func TestSmart_NotClearWhenItIsnt(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal}
	for _, tc := range []struct {
		goal, want string
		stage      Stage
	}{
		{"yes", en.SmartWhat, stageSpecific},
		{"i guess", en.SmartWhat, stageSpecific}, // "idk" is offered the examples first (membertry_test.go)
		{"a job", en.SmartKindJob, stageSpecific},
		{"get a job", en.SmartKindJob, stageSpecific},
		{"my own place", en.SmartKindHome, stageSpecific},
		{"stay sober", en.SmartMeasure, stageMeasure},
		{"be happy", en.SmartMeasure, stageMeasure},
		{"get better", en.SmartMeasure, stageMeasure},
		{"be more confident", en.SmartMeasure, stageMeasure},
		{"learn to fly-fish", en.SmartTime, stageByWhen},
		{"walk 20 minutes three times a week", en.SmartSure, stageSure},
		{"a part-time job at a grocery store by March", en.SmartSure, stageSure},
	} {
		t.Run(tc.goal, func(t *testing.T) {
			_, res := walk(t, start, Context{}, refNow, []row{{text: tc.goal, want: tc.want, stage: tc.stage}})
			if got := joinReplies(res[0].Replies); strings.Contains(got, "clear") || !strings.Contains(got, "[Go on as it is]") {
				t.Fatalf("replies %q", got)
			}
		})
	}
}

// TestSmart_OneLetterAtATime walks each letter: one question each, a vague
// answer gets one concrete offer, a second vague answer goes on.
func TestSmart_OneLetterAtATime(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal}
	t.Run("AllLettersWithOffers", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "a job", want: "What kind of job?", stage: stageSpecific},
			{text: "idk", want: "a part-time job at a grocery store by March", stage: stageSpecific},
			{text: "at a grocery store", want: "By when would you like to get there?", stage: stageByWhen},
			{text: "soon", want: "\"by the fall\"", stage: stageByWhen},
			{text: "March", want: "how sure are you that you can do it?", stage: stageSure},
			{text: "5", want: "What would make it a 7?", stage: stageSure7},
			{text: "dunno", want: "someone to help", stage: stageSure7},
			{text: "if my navigator helps with the forms", want: "Why does this goal matter", stage: stageWhy},
		})
		g := s.Goal
		if g.Text != "a job at a grocery store by March" || g.Smart.Sure == nil || *g.Smart.Sure != 5 ||
			g.Smart.SureHelp != "if my navigator helps with the forms" {
			t.Fatalf("goal draft %+v", g)
		}
	})
	t.Run("SecondVagueAnswerGoesOn", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "stay sober", want: "How will you know", stage: stageMeasure},
			{text: "yes", want: "walk 20 minutes three times a week", stage: stageMeasure},
			{text: "i don't know", want: "By when", stage: stageByWhen},
			{text: "idk", want: "\"by March\"", stage: stageByWhen},
			{text: "idk", want: "how sure", stage: stageSure},
			{text: "pretty sure", want: "Just a number from 0", stage: stageSure},
			{text: "hmm", want: "Why does this goal matter", stage: stageWhy},
		})
		if s.Goal.Text != "stay sober" || s.Goal.Measure != "" || s.Goal.Smart.Sure != nil {
			t.Fatalf("goal draft %+v", s.Goal)
		}
	})
	t.Run("MeasureWithATimeSkipsByWhen", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "be healthier", want: "How will you know", stage: stageMeasure},
			{text: "walk 20 minutes three times a week", want: "how sure", stage: stageSure},
			{action: prefixRuler + "8", want: "Why", stage: stageWhy},
		})
		if s.Goal.Measure != "walk 20 minutes three times a week" || *s.Goal.Smart.Sure != 8 {
			t.Fatalf("goal draft %+v", s.Goal)
		}
	})
	t.Run("GoOnAsItIsAnyTime", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "a job", want: "What kind of job?", stage: stageSpecific},
			{text: "idk", stage: stageSpecific},
			{text: "go on as it is", want: "Why", stage: stageWhy},
		})
	})
	t.Run("AYesIsNotGoOn", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "yes", want: en.SmartWhat, stage: stageSpecific},
			{text: "yes", want: "Here are a few", stage: stageSpecific},
		})
	})
	t.Run("BackReturnsToTheLettersQuestion", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "a job", stage: stageSpecific},
			{text: "at a bakery", want: "By when", stage: stageByWhen},
			{text: "by fall", want: "how sure", stage: stageSure},
			{text: "back", want: "By when", stage: stageByWhen},
			{text: "by September", want: "how sure", stage: stageSure},
			{text: "3", want: "make it a 7", stage: stageSure7},
			{text: "back", want: "how sure", stage: stageSure},
			{text: "help", want: en.HelpSure, stage: stageSure},
		})
	})
	t.Run("BackPastMeasureToSure", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "be happy", stage: stageMeasure},
			{text: "coffee with a friend every week", stage: stageSure},
			{text: "4", stage: stageSure7},
			{text: "back", stage: stageSure},
			{text: "8", want: "Why", stage: stageWhy},
		})
		if s.Goal.Smart.Asked != "measure,sure" {
			t.Fatalf("asked %q", s.Goal.Smart.Asked)
		}
	})
	t.Run("WhyGetsOneOffer", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "a part-time job at a grocery store by March", stage: stageSure},
			{text: "9", want: "Why does this goal matter", stage: stageWhy},
			{text: "idk", want: "for my kids", stage: stageWhy},
			{text: "idk", want: "support", stage: stageSupport},
		})
		if s.Goal.Why != "" { // a second "idk" goes on, keeping nothing

			t.Fatalf("why %q", s.Goal.Why)
		}
	})
	t.Run("ABareNumberIsNotAWhen", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "learn guitar", stage: stageByWhen},
			{text: "6", want: "\"in 3 months\"", stage: stageByWhen},
			{text: "in 6 months", want: "how sure", stage: stageSure},
		})
		if s.Goal.Text != "learn guitar in 6 months" {
			t.Fatalf("goal %q", s.Goal.Text)
		}
	})
	t.Run("SureSevenOrMoreGoesOn", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "get my own apartment by the fall", want: "how sure", stage: stageSure},
			{text: "7/10", want: "Why", stage: stageWhy},
		})
	})
}

// TestSmart_DreamIDK: "idk" as a dream gets one nudge with examples, then
// the flow goes on kindly.
func TestSmart_DreamIDK(t *testing.T) {
	for _, idk := range []string{"idk", "nothing", "no idea", "I don't know", "dunno"} {
		t.Run(idk, func(t *testing.T) {
			s, _ := walk(t, State{}, Context{}, refNow, []row{
				{action: actGoal, want: "something just for fun, like fishing, music or a garden", stage: stageDream},
				{text: idk, want: "That's okay — dream a little:", stage: stageDream},
				{text: idk, want: "a dream can come later", stage: stageHappy},
			})
			if s.Goal.Dream != "" {
				t.Fatalf("dream %q", s.Goal.Dream)
			}
		})
	}
	t.Run("ADreamAfterTheNudge", func(t *testing.T) {
		s, _ := walk(t, State{}, Context{}, refNow, []row{
			{action: actGoal, stage: stageDream},
			{text: "idk", want: "fishing or music", stage: stageDream},
			{text: "go fishing with my dad", want: "being happy", stage: stageHappy},
		})
		if s.Goal.Dream != "go fishing with my dad" {
			t.Fatalf("dream %q", s.Goal.Dream)
		}
	})
}

// TestSmart_Enjoy: after the steps, once, "Is there a part of this you'll
// enjoy?"; the answer is saved with the goal, "no" and "skip" are fine.
func TestSmart_Enjoy(t *testing.T) {
	more := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepMore, Goal: GoalDraft{Text: "Fly-fish by August",
		Steps: []StepDraft{{What: "Buy a fishing pole", Due: date(2026, 6, 12), Owner: "me"}}}}
	for _, no := range []string{"no", "skip", "nope", "idk"} {
		t.Run(no, func(t *testing.T) {
			s, _ := walk(t, more, Context{}, refNow, []row{
				{text: "that's all", want: en.Enjoy, stage: stageEnjoy},
				{text: no, want: "Shall I save it?", stage: stageConfirm},
			})
			if s.Goal.Smart.Enjoy != "" {
				t.Fatalf("enjoy %q", s.Goal.Smart.Enjoy)
			}
		})
	}
	t.Run("Help", func(t *testing.T) {
		walk(t, more, Context{}, refNow, []row{
			{text: "that's all", stage: stageEnjoy},
			{text: "help", want: en.HelpEnjoy, stage: stageEnjoy},
		})
	})
	t.Run("YesIsThankedNotAskedAgain", func(t *testing.T) {
		s, _ := walk(t, more, Context{}, refNow, []row{
			{text: "that's all", want: en.Enjoy, stage: stageEnjoy},
			{text: "yes", want: en.EnjoyThanks, stage: stageConfirm},
		})
		if s.Goal.Smart.Enjoy != "" {
			t.Fatalf("enjoy %q", s.Goal.Smart.Enjoy)
		}
	})
	t.Run("KeptAndAskedOnce", func(t *testing.T) {
		_, res := walk(t, more, Context{}, refNow, []row{
			{text: "that's all", want: en.Enjoy, stage: stageEnjoy},
			{text: "being out on the water", want: "Shall I save it?", stage: stageConfirm},
			{action: actEdit, stage: stageEdit},
			{action: actEditAdd, stage: stageStepWhat},
			{text: "Get a fishing licence", stage: stageStepWhen},
			{text: "Friday", stage: stageStepWho},
			{text: "me", want: "Shall I save it?", stage: stageConfirm},
			{action: actSave, stage: ""},
		})
		g := res[len(res)-1].Goal
		if g == nil || g.Enjoy != "being out on the water" {
			t.Fatalf("goal %+v", g)
		}
	})
}

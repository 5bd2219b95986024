package conversations

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// atWho is a goal being set, at the who question of its first step.
func atWho() State {
	return State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWho, After: stageStepMore,
		Goal:  GoalDraft{Text: "Find a part-time job by March", Why: "rent"},
		Draft: StepDraft{What: "Call the job center", Due: date(2026, 6, 12)}}
}

// saved presses Save on the goal drafted in s and returns its steps.
func saved(t *testing.T, s State) []store.Step {
	t.Helper()
	s.Stage = stageConfirm
	res := Step(s, Input{Action: actSave}, Context{}, refNow)
	if len(res.NewSteps) == 0 {
		t.Fatalf("save gave no steps: %+v", res.Replies)
	}
	return res.NewSteps
}

func mentioned(rs []Reply, id string) bool {
	for _, r := range rs {
		if slices.Contains(r.Mentions, id) {
			return true
		}
	}
	return false
}

func TestHelpers_WhoNamesSomeoneInSlack(t *testing.T) {
	for _, tc := range []struct {
		name, text, action string
		wantName           string
		yes                bool
	}{
		{"MentionWithWords", "my sister <@U123>", "", "my sister <@U123>", true},
		{"MentionWithLabel", "<@U123|dana>", "", "dana <@U123>", true},
		{"MentionAlone", "<@U123>", "", "<@U123>", false},
		{"MentionWillDoIt", "<@U123> will do it.", "", "<@U123>", true},
		{"Picked", "", PrefixHelperPicked + "U123", "<@U123>", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			answer := row{text: "no", want: en.HelperNoSaid, stage: stageStepMore}
			if tc.yes {
				answer = row{text: "yes", want: "Thanks — I'll send <@U123> one short reminder", stage: stageStepMore}
			}
			s, res := walk(t, atWho(), Context{}, refNow, []row{
				{text: tc.text, action: tc.action, want: "May I send <@U123> one reminder before it's due? They'll see only this step.", stage: stageHelperOK},
				answer,
			})
			if !mentioned(res[0].Replies, "U123") || !mentioned(res[1].Replies, "U123") {
				t.Fatalf("replies do not list the helper as a mention: %+v", res)
			}
			steps := saved(t, s)
			st := steps[0]
			if st.Owner != store.OwnerPerson || st.OwnerName != tc.wantName || st.HelperID != "U123" || st.HelperOK != tc.yes {
				t.Fatalf("step = %+v", st)
			}
		})
	}
	t.Run("PlainNameStaysAName", func(t *testing.T) {
		s, res := walk(t, atWho(), Context{}, refNow, []row{{text: "Dana", want: "Added: Call the job center — Dana", stage: stageStepMore}})
		st := saved(t, s)[0]
		if st.OwnerName != "Dana" || st.HelperID != "" || st.HelperOK || len(res[0].Replies[0].Mentions) != 0 {
			t.Fatalf("step = %+v", st)
		}
	})
	t.Run("BackFromTheQuestionForgetsTheHelper", func(t *testing.T) {
		s, _ := walk(t, atWho(), Context{}, refNow, []row{
			{text: "my sister <@U123>", stage: stageHelperOK},
			{text: "back", stage: stageStepWho},
			{action: actWhoMe, stage: stageStepMore},
		})
		if st := saved(t, s)[0]; st.HelperID != "" || st.HelperOK || st.Owner != store.OwnerMe {
			t.Fatalf("step = %+v", st)
		}
	})
	t.Run("NeitherYesNorNoAsksAgain", func(t *testing.T) {
		walk(t, atWho(), Context{}, refNow, []row{
			{text: "<@U123>", stage: stageHelperOK},
			{text: "maybe later", want: en.HelperUnsure, stage: stageHelperOK},
		})
	})
	t.Run("PickerInTheTerminalAsksForTheName", func(t *testing.T) {
		s, _ := walk(t, atWho(), Context{}, refNow, []row{
			{action: ActPickHelper, want: en.HelperPickTyp, stage: stageStepWhoName},
			{text: "<@U123>", stage: stageHelperOK},
			{text: "yes", stage: stageStepMore},
		})
		if st := saved(t, s)[0]; st.HelperID != "U123" || !st.HelperOK {
			t.Fatalf("step = %+v", st)
		}
	})
	t.Run("WhoQuestionOffersThePicker", func(t *testing.T) {
		s := atWho()
		s.Stage, s.Draft.Due = stageStepWhen, time.Time{}
		res := Step(s, Input{Text: "Friday"}, Context{}, refNow)
		if !slices.Contains(res.Replies[len(res.Replies)-1].Choices, Choice{en.HelperPick, ActPickHelper}) {
			t.Fatalf("who question choices: %+v", res.Replies)
		}
	})
}

// A mention is a person: never a date, never a step's words.
func TestHelpers_MentionIsNotADateOrAStep(t *testing.T) {
	s := atWho()
	s.Stage, s.Draft.Due = stageStepWhen, time.Time{}
	for _, text := range []string{"<@U123>", "<@U123|dana>", "my sister <@U123>", "<@U2026>"} {
		res := Step(s, Input{Text: text}, Context{}, refNow)
		if res.State.Stage != stageStepWhen || !res.State.Draft.Due.IsZero() || !strings.Contains(joinReplies(res.Replies), en.HelperEarly) {
			t.Fatalf("%q at the date question: stage %q due %v replies %q", text, res.State.Stage, res.State.Draft.Due, joinReplies(res.Replies))
		}
	}
	s.Stage, s.Draft = stageStepWhat, StepDraft{}
	for _, text := range []string{"<@U123>", "my sister <@U123>"} {
		res := Step(s, Input{Text: text}, Context{}, refNow)
		if res.State.Stage != stageStepWhat || res.State.Draft.What != "" {
			t.Fatalf("%q became a step: %+v", text, res.State.Draft)
		}
	}
	// At "Add another step?" typed words are the next step: a mention is not.
	more := atWho()
	more.Stage, more.Goal.Steps, more.Draft = stageStepMore, []StepDraft{{What: "Call the job center", Due: date(2026, 6, 12), Owner: store.OwnerMe}}, StepDraft{}
	if res := Step(more, Input{Text: "<@U123>"}, Context{}, refNow); len(res.State.Goal.Steps) != 1 || res.State.Draft.What != "" {
		t.Fatalf("a mention became a step: %+v", res.State)
	}
	// Words with a mention in them are a step ("call <@U123> about the
	// car"), and the member's own mention is left as plain text.
	res := Step(s, Input{Text: "call <@U999> about the car"}, Context{}, refNow)
	if res.State.Stage != stageStepWhen || res.State.Draft.What != "call <@U999> about the car" || mentioned(res.Replies, "U999") {
		t.Fatalf("step words with a mention: %+v", res)
	}
}

func TestHelpers_Spanish(t *testing.T) {
	c := Context{Lang: Spanish}
	s, res := walk(t, atWho(), c, refNow, []row{
		{text: "mi hermana <@U123>", want: "¿Puedo enviarle a <@U123> un recordatorio antes de la fecha? Solo verá este paso.", stage: stageHelperOK},
		{text: "sí", want: "Gracias — le enviaré a <@U123>", stage: stageStepMore},
	})
	if !slices.Contains(joinChoices(res[0].Replies), "Sí") {
		t.Fatalf("choices %v", joinChoices(res[0].Replies))
	}
	if st := saved(t, s)[0]; st.OwnerName != "mi hermana <@U123>" || st.HelperID != "U123" || !st.HelperOK {
		t.Fatalf("step = %+v", st)
	}
}

func joinChoices(rs []Reply) []string {
	var out []string
	for _, r := range rs {
		for _, c := range r.Choices {
			out = append(out, c.Label)
		}
	}
	return out
}

// inGroupCtx is a member whose group meets next Thursday.
func inGroupCtx(c Context) Context {
	c.NextSession = time.Date(2026, 6, 18, 18, 0, 0, 0, chicago)
	return c
}

func TestHelpers_PractiseAStepAdded(t *testing.T) {
	t.Run("GoalSetting", func(t *testing.T) {
		c := inGroupCtx(Context{})
		s, res := walk(t, atWho(), c, refNow, []row{
			{action: actWhoMe, want: "[" + en.PractiseOffer + "]", stage: stageStepMore},
			{action: prefixPractise + "goal:0", want: "Noted: you'd like to practise “Call the job center” in the group.\nAdded:", stage: stageStepMore},
			{action: prefixPractise + "goal:0", want: "[" + en.PractiseOffer + "]", stage: stageStepMore},
			{text: en.PractiseOffer, want: "[" + en.PractiseUndo + "]", stage: stageStepMore},
		})
		if !slices.Contains(joinChoices(res[1].Replies), en.PractiseUndo) || !strings.Contains(joinReplies(res[2].Replies), "won't be on the list") {
			t.Fatalf("toggle replies: %q / %q", joinReplies(res[1].Replies), joinReplies(res[2].Replies))
		}
		if st := saved(t, s)[0]; !st.Practise {
			t.Fatalf("step = %+v", st)
		}
	})
	t.Run("NotAskedInNoGroup", func(t *testing.T) {
		s, res := walk(t, atWho(), Context{}, refNow, []row{{action: actWhoMe, stage: stageStepMore}})
		if strings.Contains(joinReplies(res[0].Replies), en.PractiseOffer) {
			t.Fatalf("offered with no group: %q", joinReplies(res[0].Replies))
		}
		if st := saved(t, s)[0]; st.Practise {
			t.Fatalf("step = %+v", st)
		}
	})
	t.Run("EditingFromTheSummary", func(t *testing.T) {
		s := atWho()
		s.After, s.Editing = stageConfirm, true
		c := inGroupCtx(Context{})
		s, res := walk(t, s, c, refNow, []row{
			{action: actWhoMe, want: "Added: Call the job center — you, by Friday, June 12.\n[" + en.PractiseOffer + "]", stage: stageConfirm},
			{action: prefixPractise + "goal:0", want: "Noted", stage: stageConfirm},
		})
		_ = res
		if st := saved(t, s)[0]; !st.Practise {
			t.Fatalf("step = %+v", st)
		}
	})
	t.Run("CheckInPlan", func(t *testing.T) {
		c := withGoal()
		first := Start(State{}, FlowCheckIn, c, refNow)
		_, res := walk(t, first.State, c, refNow, []row{
			{action: actNothing, stage: stageBarrier},
			{text: "money", stage: stagePlan},
			{text: "Ask Sam for coffee", stage: stagePlanAsStep},
			{text: "yes, add it", stage: stageStepWhen},
			{text: "tomorrow", stage: stageStepWho},
			{text: "my friend <@USAM>", want: "May I send <@USAM>", stage: stageHelperOK},
			{action: actYes, want: "[" + en.PractiseOffer + "]", stage: stageImportance},
			{action: prefixPractise + "new:0", want: "Noted: you'd like to practise “Ask Sam for coffee”", stage: stageImportance},
			{action: "ruler:7", stage: stageConfidence},
			{action: "ruler:7", stage: "-"},
		})
		last := res[len(res)-1]
		for len(last.NewSteps) == 0 && last.State.Active() { // any kind question after the rulers
			last = Step(last.State, Input{Action: actSkip}, c, refNow)
		}
		if len(last.NewSteps) != 1 || !last.NewSteps[0].Practise || last.NewSteps[0].HelperID != "USAM" || !last.NewSteps[0].HelperOK {
			t.Fatalf("new steps %+v", last.NewSteps)
		}
	})
	t.Run("OldButtonOfAStepSaved", func(t *testing.T) {
		res := Step(State{}, Input{Action: prefixPractise + "goal:0"}, inGroupCtx(Context{}), refNow)
		if res.Changed() || !strings.Contains(joinReplies(res.Replies), en.PractiseGone) {
			t.Fatalf("%+v", res)
		}
	})
}

func TestHelpers_PractiseByWords(t *testing.T) {
	c := inGroupCtx(lifeCtx(jobGoal(), homeGoal()))
	practised := inGroupCtx(lifeCtx(jobGoal(), homeGoal()))
	practised.Steps[3].Practise = true // step 4, "call the job center"
	for _, tc := range []struct {
		name, text, action string
		c                  Context
		want               string
		on                 bool
	}{
		{"On", "practise step 4", "", c, "Noted: you'd like to practise “call the job center”", true},
		{"OnAmerican", "I'd like to practice step 4 in the group", "", c, "Noted", true},
		{"OnByName", "practise the housing step", "", c, "call the housing authority", true},
		{"Off", "don't practise step 4", "", practised, "won't be on the list", false},
		{"OffSpanish", "no practicar el paso 4", "", practised, "ya no está en la lista", false},
		{"Button", "", prefixPractise + "step:74", practised, "won't be on the list", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cc := tc.c
			if strings.Contains(tc.name, "Spanish") {
				cc.Lang = Spanish
			}
			res := Step(State{}, Input{Text: tc.text, Action: tc.action}, cc, refNow)
			if !strings.Contains(joinReplies(res.Replies), tc.want) {
				t.Fatalf("replies %q lack %q", joinReplies(res.Replies), tc.want)
			}
			if len(res.EditSteps) != 1 || res.EditSteps[0].Practise != tc.on {
				t.Fatalf("edited %+v", res.EditSteps)
			}
		})
	}
	t.Run("NoGroup", func(t *testing.T) {
		res := Step(State{}, Input{Text: "practise step 4"}, lifeCtx(jobGoal()), refNow)
		if res.Changed() || !strings.Contains(joinReplies(res.Replies), en.PractiseNoGroup) {
			t.Fatalf("%+v", res)
		}
	})
	t.Run("UnknownStep", func(t *testing.T) {
		res := Step(State{}, Input{Text: "practise step 9"}, c, refNow)
		if res.Changed() || !strings.Contains(joinReplies(res.Replies), en.StepNotFound) {
			t.Fatalf("%+v", res)
		}
	})
}

func TestHelpers_EditStepOwner(t *testing.T) {
	c := lifeCtx(jobGoal(), homeGoal())
	t.Run("Mention", func(t *testing.T) {
		s, res := walk(t, State{}, c, refNow, []row{
			{text: "step 5 is <@U123>'s", want: "Changed step 5: call the housing authority — <@U123>", stage: stageHelperOK},
		})
		first := res[0]
		if len(first.EditSteps) != 1 || first.EditSteps[0].HelperID != "U123" || first.EditSteps[0].HelperOK ||
			first.EditSteps[0].Owner != store.OwnerPerson || !strings.Contains(joinReplies(first.Replies), "May I send <@U123>") ||
			!mentioned(first.Replies, "U123") {
			t.Fatalf("edit %+v", first)
		}
		// The store now holds the edited step.
		c2 := lifeCtx(jobGoal(), homeGoal())
		for i := range c2.Steps {
			if c2.Steps[i].ID == 91 {
				c2.Steps[i] = first.EditSteps[0]
			}
		}
		res2 := Step(s, Input{Text: "yes"}, c2, refNow)
		if res2.State.Active() || len(res2.EditSteps) != 1 || !res2.EditSteps[0].HelperOK || res2.EditSteps[0].HelperID != "U123" {
			t.Fatalf("after yes: %+v", res2)
		}
	})
	t.Run("MyNamedSister", func(t *testing.T) {
		res := Step(State{}, Input{Text: "step 5 is my sister <@U123>'s"}, c, refNow)
		if len(res.EditSteps) != 1 || res.EditSteps[0].OwnerName != "my sister <@U123>" || res.State.Stage != stageHelperOK {
			t.Fatalf("%+v", res)
		}
	})
	t.Run("PlainNameDropsTheHelper", func(t *testing.T) {
		helped := lifeCtx(jobGoal(), homeGoal())
		for i := range helped.Steps {
			if helped.Steps[i].ID == 91 {
				helped.Steps[i].Owner, helped.Steps[i].OwnerName = store.OwnerPerson, "<@U123>"
				helped.Steps[i].HelperID, helped.Steps[i].HelperOK = "U123", true
			}
		}
		res := Step(State{}, Input{Text: "step 5 is Dana's"}, helped, refNow)
		if len(res.EditSteps) != 1 || res.EditSteps[0].OwnerName != "Dana" || res.EditSteps[0].HelperID != "" || res.EditSteps[0].HelperOK {
			t.Fatalf("%+v", res.EditSteps)
		}
	})
}

// FuzzHelperOf: no text panics the mention reader; a helper it finds is a
// well-formed user ID that the step's owner name shows.
func FuzzHelperOf(f *testing.F) {
	for _, s := range []string{"my sister <@U123>", "<@U123|dana>", "<@U1><@U2>", "<@", "<@U123|>", "mi hermana <@W0ABC> lo hará", "<@u123>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		id, name, ok := helperOf(text, "")
		if !ok {
			return
		}
		if !mention.MatchString(Mention(id)) || !strings.Contains(name, Mention(id)) {
			t.Fatalf("helperOf(%q) = %q, %q", text, id, name)
		}
	})
}

func TestHelpers_EditAskedThenStopOrResume(t *testing.T) {
	c := lifeCtx(jobGoal(), homeGoal())
	first := Step(State{}, Input{Text: "step 5 is <@U123>'s"}, c, refNow)
	for i := range c.Steps {
		if c.Steps[i].ID == 91 {
			c.Steps[i] = first.EditSteps[0]
		}
	}
	res := Step(first.State, Input{Text: "hi"}, c, refNow)
	if got := joinReplies(res.Replies); !strings.Contains(got, en.HelperWhere) || !strings.Contains(got, "May I send <@U123>") {
		t.Fatalf("resumed with %q", got)
	}
	res = Step(first.State, Input{Text: "stop"}, c, refNow)
	if res.State.Active() || !strings.Contains(joinReplies(res.Replies), en.HelperNoSaid) || len(res.EditSteps) != 1 || res.EditSteps[0].HelperOK {
		t.Fatalf("stopped with %+v", res)
	}
}

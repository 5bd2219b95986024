package conversations

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

func TestTemplates_PickWorkKeepChangeSkip(t *testing.T) {
	s, results := walk(t, State{}, Context{}, refNow, []row{
		{action: actGoal, want: "won the lottery", stage: stageDream},
		{text: "Work again, and my own place", stage: stageHappy},
		{text: "Money of my own", want: "[" + en.ChoicePickExamples + "]", stage: stageGoal},
		{text: "I don't know where to start", want: "Work: a part-time job by spring", stage: stageGoal},
		{text: "Work: a part-time job by spring", want: "Keep these words, or change them?", stage: stageGoal},
		{action: actKeep, want: "Get my birth certificate (make the appointment at the records office)", stage: stageGoal},
		{action: actKeep, want: "When will you do it", stage: stageStepWhen},
		{text: "by Friday", stage: stageStepWho},
		{action: actWhoMe, want: "Pick out two outfits for interviews", stage: stageGoal},
		{action: actChangeWords, want: "your own words", stage: stageStepWhat},
		{text: "Find one interview outfit at the Second Chance Closet", stage: stageStepWhen},
		{text: "the 20th", stage: stageStepWho},
		{action: actWhoNav, want: "resume workshop", stage: stageGoal},
		{text: "skip", want: "Why does this goal matter", stage: stageWhy},
		{text: "So I can pay my own rent", stage: stageSupport},
		{text: "My sister Ana", want: "Goal: A part-time job by spring", stage: stageConfirm},
		{text: "save it", want: "Your first stone", stage: ""},
	})
	if s.Active() {
		t.Fatalf("flow still active: %+v", s)
	}
	last := results[len(results)-1]
	if last.Goal == nil || last.Goal.Text != "A part-time job by spring" {
		t.Fatalf("goal = %+v", last.Goal)
	}
	var whats []string
	for _, st := range last.NewSteps {
		whats = append(whats, st.What)
	}
	want := []string{"Get my birth certificate (make the appointment at the records office)", "Find one interview outfit at the Second Chance Closet"}
	if !reflect.DeepEqual(whats, want) {
		t.Fatalf("steps = %q, want %q", whats, want)
	}
	if last.NewSteps[1].Owner != store.OwnerNavigator {
		t.Fatalf("second step owner = %q", last.NewSteps[1].Owner)
	}
}

func TestTemplates_Table(t *testing.T) {
	atGoal := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal, Goal: GoalDraft{Dream: "a garden", Happy: "quiet"}}
	group := Context{Templates: []Template{{Group: "Tuesday group", Goal: "Join the community garden by June", Steps: []string{"Call the parks office", "Visit on a Saturday"}}}}
	tests := []struct {
		name  string
		c     Context
		rows  []row
		check func(t *testing.T, s State)
	}{
		{name: "GroupTemplateFirst", c: group, rows: []row{
			{action: actPickExamples, want: "From your group: Join the community garden by June", stage: stageGoal},
		}, check: func(t *testing.T, s State) {
			q := (&turn{s: s, c: group, w: en, now: refNow}).question()
			if len(q.Choices) < 2 || !strings.HasPrefix(q.Choices[0].Label, "From your group") {
				t.Fatalf("first choice = %+v", q.Choices)
			}
		}},
		{name: "PickByNumberAndChangeGoalWords", rows: []row{
			{text: "ideas", stage: stageGoal},
			{text: "6", want: "Go fishing this summer", stage: stageGoal},
			{action: actChangeWords, want: "your own words", stage: stageGoal},
			{text: "Learn to fly-fish by August", want: "Buy a fishing pole", stage: stageGoal},
			{text: "skip", want: "Get a fishing licence", stage: stageGoal},
			{action: actSkip, want: "Talk with a friend who fishes", stage: stageGoal},
			{text: "no", want: "Why does this goal matter", stage: stageWhy},
		}, check: func(t *testing.T, s State) {
			if s.Goal.Text != "Learn to fly-fish by August" || len(s.Goal.Steps) != 0 || len(s.Template.Steps) != 0 {
				t.Fatalf("draft = %+v %+v", s.Goal, s.Template)
			}
		}},
		{name: "TypedWordsAtAStepAreTheStep", rows: []row{
			{action: actPickExamples, stage: stageGoal},
			{action: prefixTemplate + "6", stage: stageGoal},
			{action: actKeep, want: "Buy a fishing pole", stage: stageGoal},
			{text: "Borrow my uncle's old pole", want: "When will you do it", stage: stageStepWhen},
		}, check: func(t *testing.T, s State) {
			if s.Draft.What != "Borrow my uncle's old pole" {
				t.Fatalf("draft = %+v", s.Draft)
			}
		}},
		{name: "OwnWordsAtTheListAreTheGoal", rows: []row{
			{text: "ideas", stage: stageGoal},
			{text: "Find a part-time job by March", want: "how sure are you", stage: stageSure},
			{text: "8", want: "Why does this goal matter", stage: stageWhy},
		}, check: func(t *testing.T, s State) {
			if s.Goal.Text != "Find a part-time job by March" || s.Template.Picking {
				t.Fatalf("draft = %+v %+v", s.Goal, s.Template)
			}
		}},
		{name: "OwnGoalStillWorks", rows: []row{
			{text: "Find a part-time job by March", want: "how sure are you", stage: stageSure},
			{text: "8", want: "Why does this goal matter", stage: stageWhy},
		}},
		{name: "UnknownPickAsksAgain", rows: []row{
			{text: "examples", stage: stageGoal},
			{text: "99", want: "Work:", stage: stageGoal},
		}, check: func(t *testing.T, s State) {
			if !s.Template.Picking {
				t.Fatalf("not picking any more: %+v", s.Template)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := walk(t, atGoal, tt.c, refNow, tt.rows)
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

func TestTemplates_EveryAreaHasAGoalAndSteps(t *testing.T) {
	areas := map[string]bool{}
	for _, tm := range BuiltinTemplates(en) {
		if tm.Goal == "" || len(tm.Steps) < 2 || tm.Area == "" {
			t.Errorf("template %+v is thin", tm)
		}
		areas[tm.Area] = true
	}
	for _, a := range []string{"Work", "Housing", "Education", "Health", "Relationships and friends", "Leisure and fun", "Recovery"} {
		if !areas[a] {
			t.Errorf("no template for %s", a)
		}
	}
}

package conversations

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// The defects found trying Cairn as a member in early recovery would
// (issue 10): each row is what a member typed, walked through Step.

func TestStepWhat_OnlyADateAsksWhatAndKeepsIt(t *testing.T) {
	// refNow is Wednesday, June 10, 2026.
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore,
		Goal: GoalDraft{Text: "A place of my own by September"}}
	for _, tc := range []struct {
		typed string
		due   time.Time
	}{
		{"actually tuesday", date(2026, 6, 16)},
		{"Actually Tuesday.", date(2026, 6, 16)},
		{"tuesday", date(2026, 6, 16)},
		{"on friday", date(2026, 6, 12)},
		{"make it tomorrow", date(2026, 6, 11)},
		{"no, next week", date(2026, 6, 15)},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			said := SayDate(tc.due, refNow)
			s, _ := walk(t, start, Context{}, refNow, []row{
				{text: tc.typed, want: "What's the step you'll take by " + said + "?", stage: stageStepWhat},
				{text: "call the housing authority", want: capitalize(said) + " — got it.", stage: stageStepWho},
				{text: "me", stage: stageStepMore},
			})
			got := s.Goal.Steps[0]
			if got.What != "call the housing authority" || !got.Due.Equal(tc.due) {
				t.Fatalf("step = %+v, want call the housing authority by %v", got, tc.due)
			}
		})
	}
	t.Run("TheStepsOwnDayWins", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "actually tuesday", stage: stageStepWhat},
			{text: "call the clinic on Friday", want: "Friday, June 12 — got it.", stage: stageStepWho},
		})
		if !s.Draft.Due.Equal(date(2026, 6, 12)) || s.Draft.What != "call the clinic" {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("HelpAndResumeSayTheDay", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "tuesday", stage: stageStepWhat},
			{text: "hi", want: "by Tuesday, June 16?", stage: stageStepWhat},
		})
	})
	t.Run("BackForgetsTheDay", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "tuesday", stage: stageStepWhat},
			{text: "back", stage: "-"},
		})
		if !s.Draft.Due.IsZero() {
			t.Fatalf("draft after back = %+v", s.Draft)
		}
	})
	t.Run("ActuallyAtAddAnotherChangesTheLastStep", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "call the housing authority on Monday", stage: stageStepWho},
			{text: "me", stage: stageStepMore},
			{text: "actually tuesday", want: "Added: call the housing authority — you, by Tuesday, June 16.", stage: stageStepMore},
		})
		if len(s.Goal.Steps) != 1 || !s.Goal.Steps[0].Due.Equal(date(2026, 6, 16)) {
			t.Fatalf("steps = %+v", s.Goal.Steps)
		}
	})
}

func TestStepWhen_WayOutAndSentences(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
		Goal: GoalDraft{Text: "A place of my own by September"}, Draft: StepDraft{What: "call the clinic"}}
	for _, unsure := range []string{"idk", "no idea", "dunno", "nothing", "Idk lol", "nothing yet", "no clue tbh",
		"honestly idk", "idk 🤷", "i really don't know", "no date", "IDK!!"} {
		t.Run(unsure, func(t *testing.T) {
			s, _ := walk(t, start, Context{}, refNow, []row{
				{text: unsure, want: "How about", stage: stageStepWhen},
			})
			if s.Draft.Suggest.IsZero() || s.Draft.What != "call the clinic" {
				t.Fatalf("draft = %+v", s.Draft)
			}
		})
	}
	for _, tc := range []struct {
		typed string
		due   time.Time
	}{
		{"go to a meeting tuesday", date(2026, 6, 16)},
		{"i'll do it friday", date(2026, 6, 12)},
		{"maybe friday", date(2026, 6, 12)},
		{"probably next week sometime", date(2026, 6, 15)},
		{"I can call them on Monday morning", date(2026, 6, 15)},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			s, _ := walk(t, start, Context{}, refNow, []row{
				{text: tc.typed, want: capitalize(SayDate(tc.due, refNow)) + " — got it.", stage: stageStepWho},
			})
			if !s.Draft.Due.Equal(tc.due) || s.Draft.What != "call the clinic" {
				t.Fatalf("draft = %+v", s.Draft)
			}
		})
	}
	t.Run("NotADateStillSaysHow", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "when my caseworker calls back", want: "into a date", stage: stageStepWhen},
		})
	})
}

func TestGoal_OnlyATimeIsTheByWhen(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal,
		Goal: GoalDraft{Dream: "a bakery", Happy: "my own money"}}
	for _, tc := range []struct {
		typed, goal, want string
	}{
		{"by summer", "a part-time job at a bakery", "a part-time job at a bakery by summer"},
		{"By summer!", "a part-time job at a bakery", "a part-time job at a bakery by summer"},
		{"in 6 months", "my own apartment", "my own apartment in 6 months"},
		{"before Christmas", "my driver's license", "my driver's license before Christmas"},
		{"next year", "finish my GED", "finish my GED next year"},
		{"by the end of march", "a part-time job at a bakery", "a part-time job at a bakery by the end of march"},
		// A goal with its own time keeps its own.
		{"by summer", "a part-time job by March", "a part-time job by March"},
	} {
		t.Run(tc.typed+"/"+tc.goal, func(t *testing.T) {
			s, _ := walk(t, start, Context{}, refNow, []row{
				{text: tc.typed, want: "what would you like to have done", stage: stageGoal},
				{text: tc.goal, stage: "-"},
			})
			if s.Goal.Text != tc.want {
				t.Fatalf("goal = %q, want %q", s.Goal.Text, tc.want)
			}
			if s.Stage == stageByWhen || s.Goal.Smart.asked(stageByWhen) {
				t.Fatalf("by when asked again, at %q", s.Stage)
			}
		})
	}
	t.Run("AGoalWithATimeInItIsAGoal", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "a part-time job at a bakery by summer", stage: stageSure},
		})
		if s.Goal.Text != "a part-time job at a bakery by summer" {
			t.Fatalf("goal = %q", s.Goal.Text)
		}
	})
	t.Run("AtWhatKindOfJob", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "a job", want: "What kind of job", stage: stageSpecific},
			{text: "by summer", want: "What kind of job", stage: stageSpecific},
			{text: "at a bakery", stage: stageSure},
		})
		if s.Goal.Text != "a job at a bakery by summer" {
			t.Fatalf("goal = %q", s.Goal.Text)
		}
	})
}

func TestStepWho_TheStepSaidAgainIsNotAPerson(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWho, After: stageStepMore,
		Goal: GoalDraft{Text: "A job at a bakery"}, Draft: StepDraft{What: "call the bakery", Due: date(2026, 6, 12)}}
	for _, tc := range []struct {
		typed, name string // name "": asked again
	}{
		{"call the bakery", ""},
		{"go to the job center", ""},
		{"ask about the hours", ""},
		{"save it", ""},
		{"whatever", ""},
		{"my sister Dana", "my sister Dana"},
		{"Dana", "Dana"},
		{"Dana will do it", "Dana"},
		{"my sponsor", "my sponsor"},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			stage, want := stageStepMore, tc.name
			if tc.name == "" {
				stage, want = stageStepWho, "I didn't catch who."
			}
			s, _ := walk(t, start, Context{}, refNow, []row{{text: tc.typed, want: want, stage: stage}})
			if tc.name != "" && (len(s.Goal.Steps) != 1 || s.Goal.Steps[0].OwnerName != tc.name) {
				t.Fatalf("steps = %+v", s.Goal.Steps)
			}
		})
	}
}

func TestStepMore_NotSureEndsTheList(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepMore, After: stageStepMore,
		Goal: GoalDraft{Text: "A job at a bakery", Steps: []StepDraft{{What: "call the bakery", Due: date(2026, 6, 12)}}}}
	for _, typed := range []string{"idk", "not sure", "maybe", "whatever", "nothing", "i'm good", "maybe later", "Idk.",
		"na thats it", "nope, that's all", "nah i'm good"} {
		t.Run(typed, func(t *testing.T) {
			s, _ := walk(t, start, Context{}, refNow, []row{{text: typed, want: "enjoy", stage: stageEnjoy}})
			if len(s.Goal.Steps) != 1 {
				t.Fatalf("steps = %+v", s.Goal.Steps)
			}
		})
	}
}

// TestIDKToEverything: a member who says "idk" to every question is met
// with a way in each time, never a loop, and "idk" is never kept as their
// words.
func TestIDKToEverything(t *testing.T) {
	c := Context{Introduced: true}
	t.Run("Idle", func(t *testing.T) {
		res := Step(State{}, Input{Text: "idk"}, c, refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, "That's okay — you don't need to know yet.") || strings.Contains(got, "Hi again") {
			t.Fatalf("replies %q", got)
		}
		res = Step(State{}, Input{Text: "my ex called and everything went sideways"}, c, refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, "Thanks for telling me.") || strings.Contains(got, "Hi again") {
			t.Fatalf("replies %q", got)
		}
		res = Step(State{}, Input{Text: "keep both"}, c, refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, "I'm not sure I followed.") || strings.Contains(got, "Hi again") {
			t.Fatalf("replies %q", got)
		}
		res = Step(State{}, Input{Text: "hey"}, c, refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, "Hi again") {
			t.Fatalf("replies %q", got)
		}
	})
	t.Run("AWholeGoal", func(t *testing.T) {
		s, _ := walk(t, State{}, c, refNow, []row{
			{text: "set a goal", stage: stageDream},
			{text: "idk", want: "dream a little", stage: stageDream},
			{text: "idk", want: "a dream can come later", stage: stageHappy},
			{text: "idk", stage: stageGoal},
			{text: "idk", want: "That's okay — not knowing is a fine place to start.\nHere are some goals", stage: stageGoal},
			{text: "idk", want: "What exactly", stage: stageSpecific},
			{text: "idk", want: "Here are a few", stage: stageSpecific},
			{text: "idk", stage: stageByWhen},
			{text: "idk", stage: stageByWhen},
			{text: "idk", stage: stageSure},
			{text: "idk", stage: stageSure},
			{text: "idk", stage: stageWhy},
			{text: "idk", want: "for my kids", stage: stageWhy},
			{text: "idk", stage: stageSupport},
			{text: "idk", want: "first step", stage: stageStepWhat},
			{text: "idk", want: "A first step can be tiny", stage: stageStepWhat},
			{text: "idk", want: "That's okay — steps can come later.\nHere's your plan", stage: stageConfirm},
		})
		g := s.Goal
		if g.Happy != "" || g.Why != "" || g.Supporters != "" || len(g.Steps) != 0 {
			t.Fatalf("idk kept as words: %+v", g)
		}
	})
	t.Run("AnIdeaAfterTheIdeas", func(t *testing.T) {
		start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore, Goal: GoalDraft{Text: "a job at a bakery"}}
		s, _ := walk(t, start, c, refNow, []row{
			{text: "idk", want: "A first step can be tiny", stage: stageStepWhat},
			{text: "call the bakery", want: "When will you do it?", stage: stageStepWhen},
		})
		if s.Draft.What != "call the bakery" {
			t.Fatalf("draft %+v", s.Draft)
		}
	})
}

func TestSmart_LifeTogetherAndHedgedIDK(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal, Goal: GoalDraft{Dream: "a home"}}
	walk(t, start, Context{}, refNow, []row{
		{text: "get my life together", want: "What exactly", stage: stageSpecific},
	})
	s, _ := walk(t, start, Context{}, refNow, []row{
		{text: "a part-time job at a grocery store by March", stage: stageSure},
		{text: "3", want: "What would make it a 7?", stage: stageSure7},
		{text: "not sure honestly", want: "Or go on as it is.", stage: stageSure7},
		{text: "idk lol", stage: stageWhy},
	})
	if s.Goal.Smart.SureHelp != "" {
		t.Fatalf("sure help %q", s.Goal.Smart.SureHelp)
	}
}

// TestOffer_TypedYesReachesAPerson: "yes" typed after any offer of a
// person (asked for, after a crisis, after a setback) asks them; it never
// answers the flow's question beneath. "no" declines; anything else is
// read as always.
func TestOffer_TypedYesReachesAPerson(t *testing.T) {
	atWhen := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
		Goal: GoalDraft{Text: "a job at a bakery"}, Draft: StepDraft{What: "call the bakery"}}
	atFar := atWhen
	atFar.Stage, atFar.Draft.Due = stageStepFar, date(2026, 6, 22)
	c := Context{Introduced: true, LangSettled: true}
	for _, tc := range []struct {
		name  string
		s     State
		first string
	}{
		{"asked, mid-step", atWhen, "talk to someone"},
		{"asked, at keep this date", atFar, "can I talk to a real person?"},
		{"asked, idle", State{V: stateVersion}, "I need help"},
		{"crisis, mid-step", atWhen, "i dont see the point anymore honestly"},
		{"crisis, idle", State{V: stateVersion}, "everyone would be better off without me"},
		{"setback, idle", State{V: stateVersion}, "I relapsed last night"},
	} {
		for _, yes := range []string{"yes", "Yes please", "ok", "sure"} {
			t.Run(tc.name+"/"+yes, func(t *testing.T) {
				first := Step(tc.s, Input{Text: tc.first}, c, refNow)
				res := Step(first.State, Input{Text: yes}, c, refNow)
				if res.Alert == nil {
					t.Fatalf("%q after %q: no alert; replies %q", yes, tc.first, joinReplies(res.Replies))
				}
				if res.State.Stage != tc.s.Stage || !res.State.Draft.Due.Equal(tc.s.Draft.Due) || res.State.Aside != "" {
					t.Fatalf("the flow moved: %+v", res.State)
				}
			})
		}
		t.Run(tc.name+"/no", func(t *testing.T) {
			first := Step(tc.s, Input{Text: tc.first}, c, refNow)
			res := Step(first.State, Input{Text: "no"}, c, refNow)
			if res.Alert != nil || res.State.Stage != tc.s.Stage || res.State.Aside != "" || len(res.State.Goal.Steps) != 0 {
				t.Fatalf("no: alert %v, state %+v", res.Alert, res.State)
			}
		})
	}
	t.Run("AnAnswerAfterTheOfferIsAnAnswer", func(t *testing.T) {
		first := Step(atWhen, Input{Text: "talk to someone"}, c, refNow)
		res := Step(first.State, Input{Text: "friday"}, c, refNow)
		if res.Alert != nil || res.State.Stage != stageStepWho || res.State.Aside != "" {
			t.Fatalf("friday after the offer: %+v", res.State)
		}
	})
}

// TestStepFar_PlainAnswers: at "Could a first piece of it fit before
// then? [Keep this date] [Pick a sooner day]", "no" keeps the date, "yes"
// asks for a sooner one, and a person ("me") keeps the date and is who.
func TestStepFar_PlainAnswers(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepFar, After: stageStepMore,
		Goal: GoalDraft{Text: "a job at a bakery"}, Draft: StepDraft{What: "call the bakery", Due: date(2026, 8, 20)}}
	for _, tc := range []struct {
		typed string
		stage Stage
	}{
		{"no", stageStepWho}, {"nope", stageStepWho}, {"keep it", stageStepWho},
		{"yes", stageStepWhen}, {"yeah", stageStepWhen}, {"sooner", stageStepWhen},
		{"me", stageStepMore}, {"my sister Dana", stageStepMore},
		{"friday", stageStepWho},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			s, _ := walk(t, start, Context{}, refNow, []row{{text: tc.typed, stage: tc.stage}})
			if tc.stage == stageStepMore && (len(s.Goal.Steps) != 1 || !s.Goal.Steps[0].Due.Equal(date(2026, 8, 20))) {
				t.Fatalf("steps %+v", s.Goal.Steps)
			}
		})
	}
}

// TestPlanAsStep_AskedOnceAndEnded: at "Shall I add that as a step?", the
// plan said again is asked about once (not twice in one reply), and
// "that's it" or "idk" mean no.
func TestPlanAsStep_AskedOnceAndEnded(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowCheckIn, Stage: stagePlanAsStep,
		CheckIn: CheckInDraft{Plan: "the license one too", Importance: -1, Confidence: -1}}
	_, res := walk(t, start, Context{}, refNow, []row{{text: "call my uncle", stage: stagePlanAsStep}})
	if got := joinReplies(res[0].Replies); strings.Count(got, "Shall I add that as a step?") != 1 {
		t.Fatalf("replies %q", got)
	}
	for _, typed := range []string{"thats it", "that's all", "idk", "nah"} {
		s, _ := walk(t, start, Context{}, refNow, []row{{text: typed, want: "how important", stage: stageImportance}})
		if s.CheckIn.Plan != "the license one too" || len(s.CheckIn.NewSteps) != 0 {
			t.Fatalf("%q: check-in %+v", typed, s.CheckIn)
		}
	}
}

// TestStepEdit_SaysTheNewNumber: steps are numbered in date order, so a
// new day can move a step; the reply says its new number, so the member's
// next "delete step 1" means the step they think.
func TestStepEdit_SaysTheNewNumber(t *testing.T) {
	c := lifeCtx(store.GoalSteps{
		Goal: store.Goal{ID: 9, MemberID: "U1", Text: "my own place by spring", Status: store.GoalActive},
		Steps: []store.Step{
			{ID: 91, GoalID: 9, What: "call the housing authority", Due: date(2026, 6, 12), Owner: store.OwnerMe},
			{ID: 92, GoalID: 9, What: "visit 3 apartments", Due: date(2026, 6, 15), Owner: store.OwnerMe},
		},
	})
	res := Step(State{}, Input{Text: "change step 2 to tomorrow"}, c, refNow)
	if got := joinReplies(res.Replies); !strings.Contains(got, "Changed step 2: visit 3 apartments") ||
		!strings.Contains(got, "It's step 1 now — steps go in date order.") {
		t.Fatalf("replies %q", got)
	}
	res = Step(State{}, Input{Text: "change step 2 to Saturday"}, c, refNow)
	if got := joinReplies(res.Replies); strings.Contains(got, "now —") {
		t.Fatalf("a step that did not move: %q", got)
	}
}

// TestBeside_InWords: "add the new goal beside it, or replace it?" answered
// in words starts the new goal (before, "add it beside" dropped the
// question and every answer after it fell to the menu).
func TestBeside_InWords(t *testing.T) {
	c := lifeCtx(jobGoal(), homeGoal())
	for _, tc := range []struct {
		typed string
		stage Stage
	}{
		{"add it beside", stageDream}, {"keep both", stageDream}, {"add another", stageDream}, {"beside", stageDream},
		{"replace it", stageWhichGoal}, {"instead", stageWhichGoal},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			walk(t, State{}, c, refNow, []row{
				{text: "set a goal", stage: stageBeside},
				{text: tc.typed, stage: tc.stage},
			})
		})
	}
}

// TestStepSize_SessionLaterToday: when the group meets later today, no
// first step fits before it, so a step for tomorrow is not asked to be
// smaller.
func TestStepSize_SessionLaterToday(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore, Goal: GoalDraft{Text: "coffee with a friend every week"}}
	today := Context{NextSession: refNow.Add(6 * time.Hour)}
	walk(t, start, today, refNow, []row{{text: "text Marcus about coffee tomorrow", want: "got it", stage: stageStepWho}})
	tuesday := Context{NextSession: time.Date(2026, 6, 16, 18, 0, 0, 0, chicago)}
	walk(t, start, tuesday, refNow, []row{{text: "text Marcus about coffee on June 20", want: "after the group meets", stage: stageStepFar}})
}

// TestStepMore_WhoAgainAndPractiseInWords: at "Add another step?", "me"
// or "my navigator" say who does the step just added (never a new step
// called "me"), and asking to practise in words presses the button.
func TestStepMore_WhoAgainAndPractiseInWords(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepMore, After: stageStepMore,
		Goal: GoalDraft{Text: "play guitar", Steps: []StepDraft{{What: "buy strings", Due: date(2026, 6, 12), Owner: store.OwnerPerson, OwnerName: "@dana"}}}}
	s, _ := walk(t, start, Context{}, refNow, []row{{text: "me", want: "buy strings — you", stage: stageStepMore}})
	if len(s.Goal.Steps) != 1 || s.Goal.Steps[0].Owner != store.OwnerMe {
		t.Fatalf("steps %+v", s.Goal.Steps)
	}
	s, _ = walk(t, start, Context{}, refNow, []row{{text: "my navigator", want: "buy strings — your navigator", stage: stageStepMore}})
	if len(s.Goal.Steps) != 1 || s.Goal.Steps[0].Owner != store.OwnerNavigator {
		t.Fatalf("steps %+v", s.Goal.Steps)
	}
	inGroup := Context{NextSession: time.Date(2026, 6, 16, 18, 0, 0, 0, chicago)}
	for _, typed := range []string{"I would like to practise this in the group", "can we practice it", "practise"} {
		s, _ = walk(t, start, inGroup, refNow, []row{{text: typed, stage: stageStepMore}})
		if len(s.Goal.Steps) != 1 || !s.Goal.Steps[0].Practise {
			t.Fatalf("%q: steps %+v", typed, s.Goal.Steps)
		}
	}
}

// TestSmart_BackAndWrongQuestion: "back" and the same answer again do not
// say it twice; an answer to another question at "By when?" is not glued
// on as "by to pay rent".
func TestSmart_BackAndWrongQuestion(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal, Goal: GoalDraft{Dream: "money"}}
	s, _ := walk(t, start, Context{}, refNow, []row{
		{text: "a job", stage: stageSpecific},
		{text: "at a warehouse", stage: stageByWhen},
		{text: "back", stage: stageSpecific},
		{text: "at a warehouse", stage: stageByWhen},
		{text: "7", stage: stageByWhen},
		{text: "to pay rent", stage: stageSure},
	})
	if s.Goal.Text != "a job at a warehouse" {
		t.Fatalf("goal %q", s.Goal.Text)
	}
}

// TestRuler_InWords: "idk" at a 0–10 question skips it (before, it asked
// again and again); "about 7" and "7ish" are 7.
func TestRuler_InWords(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowCheckIn, Stage: stageImportance, CheckIn: CheckInDraft{Importance: -1, Confidence: -1}}
	for _, tc := range []struct {
		typed string
		want  int
	}{{"idk", -1}, {"not sure", -1}, {"Idk lol", -1}, {"about 7", 7}, {"7ish", 7}, {"maybe 5", 5}, {"8", 8}} {
		s, _ := walk(t, start, Context{}, refNow, []row{{text: tc.typed, stage: stageConfidence}})
		if s.CheckIn.Importance != tc.want {
			t.Fatalf("%q: importance %d, want %d", tc.typed, s.CheckIn.Importance, tc.want)
		}
	}
}

// TestTyposAndOffScript: a bare number is not a goal's time; "me" as the
// step asks for the step's words; "nah" at "When?" takes the way out; an
// unreadable day offers the way out beside the reply.
func TestTyposAndOffScript(t *testing.T) {
	goal := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal, Goal: GoalDraft{Dream: "be a chef"}}
	s, _ := walk(t, goal, Context{}, refNow, []row{{text: "6", stage: "-"}})
	if s.Goal.Smart.When != "" {
		t.Fatalf("6 kept as when: %+v", s.Goal)
	}
	step := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore, Goal: GoalDraft{Text: "a line cook job by March"}}
	s, _ = walk(t, step, Context{}, refNow, []row{
		{text: "me", want: "First, what's the step?", stage: stageStepWhat},
		{text: "call the restaurant", stage: stageStepWhen},
		{text: "nah", want: "How about", stage: stageStepWhen},
	})
	if s.Draft.What != "call the restaurant" {
		t.Fatalf("draft %+v", s.Draft)
	}
	atWhen := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore, Draft: StepDraft{What: "call the restaurant"}}
	res := Step(atWhen, Input{Text: "the goal"}, Context{}, refNow)
	if got := joinReplies(res.Replies); !strings.Contains(got, "into a date") || !strings.Contains(got, "[Not sure]") || !strings.Contains(got, `"stop" leaves`) {
		t.Fatalf("no way out: %q", got)
	}
}

// TestChangingTheirMind: "never mind" while changing one part of a whole
// plan returns to the plan (before, it threw the plan away); "start over"
// works at any goal question; "actually … instead" as the new goal keeps
// the new words only.
func TestChangingTheirMind(t *testing.T) {
	plan := State{V: stateVersion, Flow: FlowGoal, Stage: stageConfirm, Goal: GoalDraft{Dream: "travel", Text: "see the ocean by August", Why: "never seen it",
		Steps: []StepDraft{{What: "save money for the bus", Due: date(2026, 6, 12), Owner: store.OwnerMe}}}}
	s, _ := walk(t, plan, Context{}, refNow, []row{
		{text: "change something", stage: stageEdit},
		{text: "the goal", stage: stageGoal},
		{text: "never mind", want: "Here's your plan", stage: stageConfirm},
	})
	if s.Goal.Text != "see the ocean by August" || len(s.Goal.Steps) != 1 {
		t.Fatalf("plan %+v", s.Goal)
	}
	s, _ = walk(t, plan, Context{}, refNow, []row{
		{text: "change something", stage: stageEdit},
		{text: "the goal", stage: stageGoal},
		{text: "actually the mountains by August instead", stage: "-"},
	})
	if s.Goal.Text != "the mountains by August" {
		t.Fatalf("goal %q", s.Goal.Text)
	}
	s, _ = walk(t, plan, Context{}, refNow, []row{
		{text: "change something", stage: stageEdit},
		{text: "the goal", stage: stageGoal},
		{text: "start over", want: "dream", stage: stageDream},
	})
	if s.Goal.Text != "" || len(s.Goal.Steps) != 0 {
		t.Fatalf("start over kept %+v", s.Goal)
	}
}

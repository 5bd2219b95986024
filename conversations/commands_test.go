package conversations

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestCommands_WorkAnywhere walks each command through the middle of a
// flow: it is done, nothing is stored as an answer, and the flow's
// question comes back.
func TestCommands_WorkAnywhere(t *testing.T) {
	c := withGoal()
	checkIn := Start(State{}, FlowCheckIn, c, refNow).State
	inGoal := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "a cabin", Text: "Find a job by March"}}
	inStep := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
		Goal: GoalDraft{Text: "Find a job by March"}, Draft: StepDraft{What: "call the parks office"}}
	tests := []struct {
		name  string
		s     State
		text  string
		want  []string // fragments of the replies
		stage Stage
		done  []uint64
		pause bool
	}{
		{"StepsInCheckIn", checkIn, "steps", []string{"Your goal: Learn to fly-fish", "what did you do"}, stageDid, nil, false},
		{"StepsInGoal", inGoal, "my steps", []string{"Your goal: Learn to fly-fish", "Why does this goal matter"}, stageWhy, nil, false},
		{"DoneNumberInCheckIn", checkIn, "done 3", []string{"Marked done: Talk with Sam", "Anything else you did"}, stageDid, []uint64{13}, false},
		{"DoneNumberInGoal", inGoal, "done 1", []string{"Marked done: Buy a fishing pole", "Why does this goal matter"}, stageWhy, []uint64{11}, false},
		{"DoneNumberAtADateQuestion", inStep, "done #1", []string{"Marked done: Buy a fishing pole", "When will you do it"}, stageStepWhen, []uint64{11}, false},
		{"StepTwoDone", inGoal, "step 3 done", []string{"Marked done: Talk with Sam"}, stageWhy, []uint64{13}, false},
		{"DoneWordsAtADateQuestion", inStep, "done buy a fishing pole", []string{"Marked done: Buy a fishing pole", "When will you do it"}, stageStepWhen, []uint64{11}, false},
		{"DoneNoSuchStep", inStep, "done 9", []string{"couldn't find that step", "When will you do it"}, stageStepWhen, nil, false},
		{"AwayInGoal", inGoal, "away until June 20", []string{"no check-in prompts until", "Why does this goal matter"}, stageWhy, nil, true},
		{"AwayInCheckIn", checkIn, "pause for 2 weeks", []string{"no check-in prompts until", "what did you do"}, stageDid, nil, true},
		{"ImBackInCheckIn", checkIn, "I'm back", []string{"prompts are on again", "what did you do"}, stageDid, nil, true},
		{"CheckInInCheckInResumes", checkIn, "check in", []string{"Welcome back", "what did you do"}, stageDid, nil, false},
		{"SetAGoalInGoalResumes", inGoal, "set a goal", []string{"Welcome back", "Why does this goal matter"}, stageWhy, nil, false},
		{"CheckInFromGoalStartsIt", inGoal, "check in", []string{"what did you do"}, stageDid, nil, false},
		{"HelpInCheckIn", checkIn, "help", []string{"numbers of the steps", "\"stop\" leaves", "what did you do"}, stageDid, nil, false},
		{"TalkToAPerson", checkIn, "talk to a person", []string{"ask your navigator"}, stageDid, nil, false},
		{"MyDataInGoal", inGoal, "forget me", []string{"Delete everything?"}, stageWhy, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Step(tt.s, Input{Text: tt.text}, c, refNow)
			got := joinReplies(res.Replies)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Fatalf("replies %q lack %q", got, w)
				}
			}
			if res.State.Stage != tt.stage {
				t.Fatalf("stage %q, want %q; replies %q", res.State.Stage, tt.stage, got)
			}
			if !reflect.DeepEqual(res.Done, tt.done) || (res.Pause != nil) != tt.pause {
				t.Fatalf("done %v pause %v, want %v %v", res.Done, res.Pause, tt.done, tt.pause)
			}
			// Nothing of the command is kept as an answer.
			st := res.State
			if slices.Contains(st.CheckIn.Did, tt.text) || st.CheckIn.Plan == tt.text || st.Goal.Why == tt.text || st.Draft.What == tt.text {
				t.Fatalf("%q was stored as an answer: %+v", tt.text, st)
			}
		})
	}
}

// TestCommands_CheckInGoesOn is the case end to end: "steps" and
// "done 2" in a check-in are not what was done nor the plan.
func TestCommands_CheckInGoesOn(t *testing.T) {
	c := withGoal()
	start := Start(State{}, FlowCheckIn, c, refNow).State
	_, res := walk(t, start, c, refNow, []row{
		{text: "steps", want: "Your goal", stage: stageDid},
		{text: "done 1", want: "Marked done: Buy a fishing pole", stage: stageDid},
		{text: "that's it", want: "before the next session", stage: stagePlan},
		{text: "done 3", want: "before the next session", stage: stagePlan},
		{text: "call Sam again", stage: stagePlanAsStep},
		{text: "no thanks", stage: stageImportance},
		{text: "8", stage: stageConfidence},
		{text: "8", want: "check-in is saved", stage: ""},
	})
	ci := res[len(res)-1].CheckIn
	if ci == nil || ci.Did != "" || ci.Plan != "call Sam again" || !reflect.DeepEqual(ci.StepsDone, []uint64{11, 13}) {
		t.Fatalf("check-in = %+v", ci)
	}
}

// TestCommands_CommandOrAnswer: a line that could be either is asked
// about, and either way it goes where the member says.
func TestCommands_CommandOrAnswer(t *testing.T) {
	c := withGoal()
	start := Start(State{}, FlowCheckIn, c, refNow).State
	t.Run("TheCommand", func(t *testing.T) {
		s, res := walk(t, start, c, refNow, []row{
			{text: "done with the fishing pole", want: "Do you mean mark step 1 done, or is that your answer?", stage: stageDid},
			{text: "mark step 1 done", want: "Marked done: Buy a fishing pole", stage: stageDid},
		})
		if !reflect.DeepEqual(res[1].Done, []uint64{11}) || len(s.CheckIn.Did) != 0 || s.Cmd.Pending != "" {
			t.Fatalf("done %v, state %+v", res[1].Done, s)
		}
	})
	t.Run("TheAnswer", func(t *testing.T) {
		s, res := walk(t, start, c, refNow, []row{
			{text: "done with the fishing pole", want: "[It's my answer]", stage: stageDid},
			{action: actCmdAnswer, want: "before the next session", stage: stagePlan},
		})
		if len(res[1].Done) != 0 || !reflect.DeepEqual(s.CheckIn.Did, []string{"done with the fishing pole"}) {
			t.Fatalf("done %v, state %+v", res[1].Done, s.CheckIn)
		}
	})
	t.Run("SomethingElseMovesOn", func(t *testing.T) {
		s, _ := walk(t, start, c, refNow, []row{
			{text: "done with the fishing pole", stage: stageDid},
			{text: "went to a meeting", stage: stagePlan},
			{action: actCmdDo, want: "before the next session", stage: stagePlan}, // a stale button
		})
		if !reflect.DeepEqual(s.CheckIn.Did, []string{"went to a meeting"}) {
			t.Fatalf("state %+v", s.CheckIn)
		}
	})
	t.Run("WordsOfNoStepAreAnAnswer", func(t *testing.T) {
		s, _ := walk(t, start, c, refNow, []row{{text: "done with the paperwork at last", stage: stagePlan}})
		if !reflect.DeepEqual(s.CheckIn.Did, []string{"done with the paperwork at last"}) {
			t.Fatalf("state %+v", s.CheckIn)
		}
	})
	t.Run("AVacationDream", func(t *testing.T) {
		dream := State{V: stateVersion, Flow: FlowGoal, Stage: stageDream}
		s, _ := walk(t, dream, c, refNow, []row{
			{text: "on vacation in Hawaii", want: "being happy", stage: stageHappy},
		})
		if s.Goal.Dream != "on vacation in Hawaii" {
			t.Fatalf("dream %q", s.Goal.Dream)
		}
		_, res := walk(t, dream, c, refNow, []row{
			{text: "on vacation for 2 weeks", want: "a break from check-in prompts, or is that your answer", stage: stageDream},
			{text: "take a break from prompts", want: "won the lottery", stage: stageDream},
		})
		if res[1].Pause == nil || res[0].Pause != nil {
			t.Fatalf("pause %v %v", res[0].Pause, res[1].Pause)
		}
	})
}

// TestCommands_EnoughEndsTheList: the ways of saying "no more" at "Add
// another step?" go to the summary; nothing becomes a step.
func TestCommands_EnoughEndsTheList(t *testing.T) {
	more := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepMore, Goal: GoalDraft{Text: "Find a job by March", Smart: SmartDraft{EnjoyAsked: true},
		Steps: []StepDraft{{What: "Call the job center", Due: date(2026, 6, 12), Owner: store.OwnerMe}}}}
	for _, w := range []string{"no", "done", "Done.", "that's all", "finished", "nope", "that's it", "That’s it!", "no more", "nah", "that is all", "No, that's all", "I'm good"} {
		t.Run(w, func(t *testing.T) {
			s, _ := walk(t, more, Context{}, refNow, []row{{text: w, want: "Shall I save it?", stage: stageConfirm}})
			if len(s.Goal.Steps) != 1 {
				t.Fatalf("steps = %+v", s.Goal.Steps)
			}
		})
	}
	t.Run("AStepIsStillAStep", func(t *testing.T) {
		walk(t, more, Context{}, refNow, []row{{text: "Get my birth certificate", want: "When will you do it", stage: stageStepWhen}})
	})
}

// TestCommands_HelpIsAboutWhereYouAre: help explains the question on the
// table and its way out, then asks it again.
func TestCommands_HelpIsAboutWhereYouAre(t *testing.T) {
	c := withGoal()
	step := StepDraft{What: "call the parks office", Due: date(2026, 6, 12)}
	tests := []struct {
		stage Stage
		flow  Flow
		want  string
	}{
		{stageDream, FlowGoal, "Any dream will do"},
		{stageHappy, FlowGoal, "good life"},
		{stageGoal, FlowGoal, "One goal"},
		{stageWhy, FlowGoal, "why it matters"},
		{stageSupport, FlowGoal, "no one yet"},
		{stageStepWhat, FlowGoal, "small thing"},
		{stageStepWhen, FlowGoal, "Say a day like Friday or June 20 — or \"not sure\" and I'll suggest one. \"back\" goes back, \"stop\" leaves"},
		{stageStepWho, FlowGoal, "my navigator"},
		{stageStepMore, FlowGoal, "that's all"},
		{stageConfirm, FlowGoal, "Save it"},
		{stageDid, FlowCheckIn, "nothing this time"},
		{stageBarrier, FlowCheckIn, "got in the way"},
		{stagePlan, FlowCheckIn, "small is good"},
		{stageImportance, FlowCheckIn, "0 (not at all) to 10"},
		{stageConfidence, FlowCheckIn, "0 (not at all) to 10"},
	}
	for _, tt := range tests {
		t.Run(string(tt.stage), func(t *testing.T) {
			s := State{V: stateVersion, Flow: tt.flow, Stage: tt.stage, Draft: step, After: stageStepMore,
				Goal:    GoalDraft{Text: "Find a job by March", Steps: []StepDraft{step}},
				CheckIn: CheckInDraft{Importance: -1, Confidence: -1}}
			question := joinReplies([]Reply{Step(s, Input{Text: "hi"}, c, refNow).Replies[0]})
			question = question[strings.Index(question, "\n")+1:] // without "Welcome back. We were …"
			for _, in := range []Input{{Text: "help"}, {Text: "Help?"}, {Action: actHelp}} {
				res := Step(s, in, c, refNow)
				got := joinReplies(res.Replies)
				if !strings.Contains(got, tt.want) || !strings.Contains(got, "\"stop\" leaves") || !strings.Contains(got, "988") {
					t.Fatalf("%+v: help %q lacks %q", in, got, tt.want)
				}
				if !strings.HasSuffix(got, question) || res.State.Stage != tt.stage {
					t.Fatalf("%+v: the question %q was not asked again: %q (stage %q)", in, question, got, res.State.Stage)
				}
			}
		})
	}
}

// TestCommands_ResumeRepeatsItsContext: "hi" or "continue" in a flow says
// what we were doing, then the question, in one message.
func TestCommands_ResumeRepeatsItsContext(t *testing.T) {
	c := withGoal()
	tests := []struct {
		name string
		s    State
		text string
		want string
	}{
		{"AStep", State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, Goal: GoalDraft{Text: "Find a job"}, Draft: StepDraft{What: "call the parks office"}},
			"hi", "We were adding a step: *call the parks office*.\nWhen will you do it?"},
		{"TheGoal", State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "a cabin", Text: "Find a job by March"}},
			"continue", "We were setting your goal: *Find a job by March*.\nWhy does this goal matter"},
		{"TheDream", State{V: stateVersion, Flow: FlowGoal, Stage: stageHappy, Goal: GoalDraft{Dream: "a *cabin*"}},
			"hello", "starting from your dream: *a ∗cabin∗*.\nWhat would being happy"},
		{"NothingYet", State{V: stateVersion, Flow: FlowGoal, Stage: stageDream}, "where was i", "We were starting on a goal.\nLet's start with a dream"},
		{"ACheckIn", State{V: stateVersion, Flow: FlowCheckIn, Stage: stagePlan, CheckIn: CheckInDraft{Importance: -1, Confidence: -1}},
			"resume", "We were checking in on your goal: *Learn to fly-fish*.\nWhat will you do before the next session?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Step(tt.s, Input{Text: tt.text}, c, refNow)
			if len(res.Replies) != 1 || !strings.Contains(res.Replies[0].Text, tt.want) || res.State.Stage != tt.s.Stage {
				t.Fatalf("replies %q, want one containing %q", joinReplies(res.Replies), tt.want)
			}
		})
	}
}

// TestCommands_StopKeepsWhatWasDone: stop never silently throws away a
// step marked done or a check-in's answers, and says what it kept.
func TestCommands_StopKeepsWhatWasDone(t *testing.T) {
	c := withGoal()
	checkIn := Start(State{}, FlowCheckIn, c, refNow).State
	t.Run("HalfACheckIn", func(t *testing.T) {
		_, res := walk(t, checkIn, c, refNow, []row{
			{text: "done 3", stage: stageDid},
			{text: "went to the lake", stage: stagePlan},
			{text: "stop", want: "Stopped. I kept: step 3 marked done. Your answers so far are saved as a check-in.", stage: ""},
		})
		ci := res[2].CheckIn
		want := &store.CheckIn{GroupID: "C1", GoalID: 7, SessionAt: c.Session.UTC(), Did: "went to the lake", StepsDone: []uint64{13},
			Importance: -1, Confidence: -1, CreatedAt: refNow.UTC()}
		if !reflect.DeepEqual(ci, want) {
			t.Fatalf("check-in = %+v\nwant %+v", ci, want)
		}
		if !reflect.DeepEqual(res[0].Done, []uint64{13}) {
			t.Fatalf("done 3 was not saved at once: %v", res[0].Done)
		}
	})
	t.Run("AnswersOnly", func(t *testing.T) {
		_, res := walk(t, checkIn, c, refNow, []row{
			{text: "nothing", stage: stageBarrier},
			{text: "Transport", stage: stagePlan},
			{text: "quit", want: "Stopped. Your answers so far are saved as a check-in.", stage: ""},
		})
		if ci := res[2].CheckIn; ci == nil || ci.Barrier != "Transport" || len(res[2].Done) != 0 {
			t.Fatalf("check-in = %+v, done %v", ci, res[2].Done)
		}
	})
	t.Run("NothingAnswered", func(t *testing.T) {
		_, res := walk(t, checkIn, c, refNow, []row{{text: "stop", want: "Stopped — nothing was saved.", stage: ""}})
		if res[0].Changed() {
			t.Fatalf("saved %+v", res[0])
		}
	})
	t.Run("AStepMarkedInTheGoalFlow", func(t *testing.T) {
		_, res := walk(t, State{}, c, refNow, []row{
			{text: "set a goal", stage: stageBeside}, // a goal is active: beside it, or instead?
			{text: "add beside it", stage: stageDream},
			{text: "a cabin", stage: stageHappy},
			{text: "done 1", want: "Marked done", stage: stageHappy},
			{text: "stop", want: "Stopped. I kept: step 1 marked done.", stage: ""},
		})
		if res[4].Goal != nil || res[4].CheckIn != nil || !reflect.DeepEqual(res[3].Done, []uint64{11}) {
			t.Fatalf("stop: %+v, done: %v", res[4], res[3].Done)
		}
	})
	t.Run("SwitchingToAGoalKeepsTheCheckIn", func(t *testing.T) {
		_, res := walk(t, checkIn, c, refNow, []row{
			{text: "went fishing", stage: stagePlan},
			{text: "set a goal", want: "Your answers so far are saved as a check-in.", stage: stageBeside},
		})
		if ci := res[1].CheckIn; ci == nil || ci.Did != "went fishing" {
			t.Fatalf("check-in = %+v", ci)
		}
	})
}

// TestCommands_EndACrisisPause: a command after a crisis reply is what
// the member asked for (it ends the pause), never held as an answer.
func TestCommands_EndACrisisPause(t *testing.T) {
	c := withGoal()
	s := Start(State{}, FlowCheckIn, c, refNow).State
	s.Aside = asideCrisis
	res := Step(s, Input{Text: "steps"}, c, refNow)
	if got := joinReplies(res.Replies); !strings.Contains(got, "Your goal: Learn to fly-fish") || res.State.Aside != "" {
		t.Fatalf("replies %q, aside %q", got, res.State.Aside)
	}
	// Words that only look like "done" stay held: never an answer.
	res = Step(s, Input{Text: "done with everything"}, c, refNow)
	if res.State.Aside != asideCrisis || len(res.State.CheckIn.Did) != 0 || len(res.Done) != 0 {
		t.Fatalf("a held line went on: %+v", res.State)
	}
}

// TestChoices_FirstWordsOfALabel: "save" presses "Save it", "change"
// presses "Change something"; a word that starts two labels presses none.
func TestChoices_FirstWordsOfALabel(t *testing.T) {
	more := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepMore, Goal: GoalDraft{Text: "Find a job by March",
		Steps: []StepDraft{{What: "Call the job center", Due: date(2026, 6, 12), Owner: store.OwnerMe}}}}
	confirm, _ := walk(t, more, Context{}, refNow, []row{{text: "that's all", stage: stageEnjoy}, {text: "skip", stage: stageConfirm}})
	for _, tt := range []struct {
		word, want string
		stage      Stage
	}{{"save", "Saved", ""}, {"Save.", "Saved", ""}, {"change", "What would you like to change", stageEdit}} {
		t.Run(tt.word, func(t *testing.T) {
			walk(t, confirm, Context{}, refNow, []row{{text: tt.word, want: tt.want, stage: tt.stage}})
		})
	}
}

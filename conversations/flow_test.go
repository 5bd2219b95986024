package conversations

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

var chicago = mustZone("America/Chicago")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// refNow is Wednesday, June 10, 2026, mid-morning in Chicago.
var refNow = time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)

// row is one turn of a walk: what the member does and a fragment each reply
// (joined) must contain.
type row struct {
	text, action string
	want         string // fragment of the joined replies; "" checks nothing
	stage        Stage  // expected stage after the turn; "-" skips the check
}

// walk plays rows through Step, round-tripping the state through JSON after
// every turn as the store does, so a restart between any two turns is covered.
func walk(t *testing.T, s State, c Context, now time.Time, rows []row) (State, []Result) {
	t.Helper()
	var results []Result
	for i, r := range rows {
		res := Step(s, Input{Text: r.text, Action: r.action}, c, now)
		got := joinReplies(res.Replies)
		if r.want != "" && !strings.Contains(got, r.want) {
			t.Fatalf("turn %d (%q %q): replies %q do not contain %q", i, r.text, r.action, got, r.want)
		}
		if r.stage != "-" && res.State.Stage != r.stage {
			t.Fatalf("turn %d (%q %q): stage %q, want %q; replies %q", i, r.text, r.action, res.State.Stage, r.stage, got)
		}
		if len(res.Replies) == 0 {
			t.Fatalf("turn %d (%q %q): no reply", i, r.text, r.action)
		}
		b, err := json.Marshal(res.State)
		if err != nil {
			t.Fatal(err)
		}
		s = State{}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
	}
	return s, results
}

func joinReplies(rs []Reply) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Text)
		for _, c := range r.Choices {
			parts = append(parts, "["+c.Label+"]")
		}
	}
	return strings.Join(parts, "\n")
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestGoalFlow_EndToEnd(t *testing.T) {
	s, results := walk(t, State{}, Context{}, refNow, []row{
		{text: "hi", want: "Set a goal", stage: ""},
		{action: actGoal, want: "won the lottery", stage: stageDream},
		{text: "Open a little bakery", want: "being happy", stage: stageHappy},
		{text: "My own place, and friends to cook for", want: "one goal", stage: stageGoal},
		{text: "Find a part-time job by March", want: "how sure are you", stage: stageSure},
		{text: "8", want: "Why does this goal matter", stage: stageWhy},
		{text: "So I can pay my own rent", want: "support", stage: stageSupport},
		{text: "My sister Ana", want: "first step", stage: stageStepWhat},
		{text: "Call the job center", want: "When will you do it", stage: stageStepWhen},
		{text: "by Friday", want: "Friday, June 12 — got it", stage: stageStepWho},
		{action: actWhoMe, want: "Added: Call the job center — you, by Friday, June 12", stage: stageStepMore},
		{text: "Add another step", want: "next step", stage: stageStepWhat},
		{text: "Find two outfits for interviews", stage: stageStepWhen},
		{text: "the 20th", want: "Saturday, June 20", stage: stageStepWho},
		{text: "my navigator", want: "your navigator", stage: stageStepMore},
		{text: "that's all for now", want: "Is there a part of this you'll enjoy?", stage: stageEnjoy},
		{text: "Buying the interview clothes", want: "Goal: Find a part-time job by March", stage: stageConfirm},
		{text: "save it", want: "Your first stone: Call the job center", stage: ""},
	})
	if s.Active() {
		t.Fatalf("flow still active after save: %+v", s)
	}
	last := results[len(results)-1]
	if last.Goal == nil || last.Goal.Text != "Find a part-time job by March" || last.Goal.Dream != "Open a little bakery" ||
		last.Goal.Sure == nil || *last.Goal.Sure != 8 || last.Goal.Enjoy != "Buying the interview clothes" ||
		last.Goal.Why != "So I can pay my own rent" || last.Goal.Supporters != "My sister Ana" || last.Goal.Status != store.GoalActive {
		t.Fatalf("goal = %+v", last.Goal)
	}
	want := []store.Step{
		{What: "Call the job center", Due: date(2026, 6, 12), Owner: store.OwnerMe, CreatedAt: refNow.UTC()},
		{What: "Find two outfits for interviews", Due: date(2026, 6, 20), Owner: store.OwnerNavigator, CreatedAt: refNow.UTC()},
	}
	if !reflect.DeepEqual(last.NewSteps, want) {
		t.Fatalf("steps = %+v\nwant %+v", last.NewSteps, want)
	}
	for i, r := range results[:len(results)-1] {
		if r.Changed() {
			t.Fatalf("turn %d committed records before the member confirmed: %+v", i, r)
		}
	}
}

func TestGoalFlow_SMARTFollowUps(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal}
	t.Run("VagueGoalGetsHowWillYouKnow", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "Be happy", want: "How will you know", stage: stageMeasure},
			{text: "Coffee with a friend every week", want: "how sure", stage: stageSure},
			{text: "9", want: "Why", stage: stageWhy},
		})
		if s.Goal.Text != "Be happy" || s.Goal.Measure != "Coffee with a friend every week" {
			t.Fatalf("goal draft = %+v", s.Goal)
		}
	})
	t.Run("MemberCanAlwaysGoOn", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "be more confident", want: "How will you know", stage: stageMeasure},
			{text: "go on as it is", want: "Why", stage: stageWhy},
		})
		if s.Goal.Measure != "" {
			t.Fatalf("measure = %q, want empty", s.Goal.Measure)
		}
	})
	t.Run("NoTimeGetsByWhen", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "Get a job at a grocery store", want: "By when", stage: stageByWhen},
			{action: actKeep, stage: stageWhy},
		})
	})
	t.Run("SMARTGoalGoesStraightOn", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "Go to 3 meetings a week until September", want: "how sure", stage: stageSure},
			{text: "10", want: "Why", stage: stageWhy},
		})
	})
}

func TestGoalFlow_StepChecks(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore,
		Goal: GoalDraft{Text: "Learn to fly-fish"}}
	t.Run("SeveralActionsCouldBeSmaller", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "Buy a fishing pole and get a fishing license", want: "Could it be smaller", stage: stageStepWhat},
			{text: "Buy a fishing pole", want: "When", stage: stageStepWhen},
		})
		if s.Draft.What != "Buy a fishing pole" {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("KeepAsOneStep", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "Buy a fishing pole and get a fishing license", stage: stageStepWhat},
			{text: "keep it as one step", stage: stageStepWhen},
		})
		if s.Draft.What != "Buy a fishing pole and get a fishing license" {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("TwoPeopleIsOneAction", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{{text: "Talk to mom and dad", stage: stageStepWhen}})
	})
	t.Run("NoDateAsksForADay", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "Buy a fishing pole", stage: stageStepWhen},
			{text: "someday", stage: stageStepWhen},
			{text: "", want: "didn't catch", stage: stageStepWhen},
			{text: "blah blah", want: "Friday", stage: stageStepWhen},
			{text: "next week", want: "Monday, June 15", stage: stageStepWho},
		})
	})
	t.Run("FarAwayCouldBeSmaller", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "Take a fly-fishing lesson", stage: stageStepWhen},
			{text: "August 30", want: "more than 6 weeks away", stage: stageStepFar},
			{text: "pick a sooner day", stage: stageStepWhen},
			{text: "October 1", stage: stageStepFar},
			{text: "keep this date", want: "Who will do", stage: stageStepWho},
			{text: "Uncle Joe", want: "Uncle Joe, by Thursday, October 1", stage: stageStepMore},
		})
	})
	t.Run("SomeoneElseByName", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "Drive me to the lake", stage: stageStepWhen},
			{text: "tomorrow", want: "Thursday, June 11", stage: stageStepWho},
			{action: actWhoOther, want: "Who will do it", stage: stageStepWhoName},
			{text: "Mike 🎣", stage: stageStepMore},
		})
		if got := s.Goal.Steps[0]; got.Owner != store.OwnerPerson || got.OwnerName != "Mike 🎣" {
			t.Fatalf("step = %+v", got)
		}
	})
}

func TestGoalFlow_EditBackCancelResume(t *testing.T) {
	confirm := State{V: stateVersion, Flow: FlowGoal, Stage: stageConfirm, Goal: GoalDraft{
		Text: "Find a job by March", Why: "rent", Smart: SmartDraft{Sure: new(8)}, Steps: []StepDraft{
			{What: "Call the job center", Due: date(2026, 6, 12), Owner: store.OwnerMe},
			{What: "Get my birth certificate", Due: date(2026, 6, 15), Owner: store.OwnerMe},
		}}}
	t.Run("EditGoalReturnsToSummary", func(t *testing.T) {
		s, res := walk(t, confirm, Context{}, refNow, []row{
			{action: actEdit, want: "What would you like to change", stage: stageEdit},
			{text: "the goal", want: "In your own words", stage: stageGoal},
			{text: "Find a job by April", want: "Goal: Find a job by April", stage: stageConfirm}, // how sure was asked before
			{action: actEdit, stage: stageEdit},
			{text: "remove a step", want: "2. Get my birth certificate", stage: stageDropStep},
			{text: "1", want: "Steps:\n1. Get my birth certificate", stage: stageConfirm},
			{action: actEdit, stage: stageEdit},
			{action: actEditAdd, stage: stageStepWhat},
			{text: "Ask Ana for a reference", stage: stageStepWhen},
			{text: "in 2 weeks", stage: stageStepWho},
			{action: actWhoMe, want: "2. Ask Ana for a reference", stage: stageConfirm},
			{action: actSave, want: "Saved", stage: ""},
		})
		if s.Active() || res[len(res)-1].Goal.Text != "Find a job by April" || len(res[len(res)-1].NewSteps) != 2 {
			t.Fatalf("saved %+v, state %+v", res[len(res)-1], s)
		}
	})
	t.Run("BackGoesToThePreviousQuestion", func(t *testing.T) {
		s, _ := walk(t, State{}, Context{}, refNow, []row{
			{action: actGoal, stage: stageDream},
			{text: "back", want: "nothing to go back to", stage: stageDream},
			{text: "a house by the sea", stage: stageHappy},
			{text: "a garden", stage: stageGoal},
			{text: "back", want: "being happy", stage: stageHappy},
			{text: "back", want: "won the lottery", stage: stageDream},
			{text: "a cabin", stage: stageHappy},
		})
		if s.Goal.Dream != "a cabin" {
			t.Fatalf("dream = %q", s.Goal.Dream)
		}
	})
	t.Run("CancelSavesNothing", func(t *testing.T) {
		s, res := walk(t, confirm, Context{}, refNow, []row{
			{text: "Stop", want: "Stopped — nothing was saved", stage: ""},
			{text: "cancel", want: "nothing to stop", stage: ""},
		})
		if s.Active() || res[0].Changed() {
			t.Fatalf("cancel kept something: %+v %+v", s, res[0])
		}
	})
	t.Run("ResumeAfterAPause", func(t *testing.T) {
		walk(t, State{}, Context{}, refNow, []row{
			{action: actGoal, stage: stageDream},
			{text: "travel", stage: stageHappy},
			// ...days later, after a restart:
			{text: "Hello!", want: "Welcome back", stage: stageHappy},
			{text: "help", want: "988", stage: stageHappy},
		})
	})
}

func TestStep_AwkwardInput(t *testing.T) {
	inFlow := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal}
	tests := []struct {
		name  string
		s     State
		text  string
		want  string
		stage Stage
	}{
		{"Empty", inFlow, "   ", "didn't catch", stageGoal},
		{"TooLong", inFlow, strings.Repeat("a", MaxInput+1), "shorter message", stageGoal},
		{"EmojiOnly", inFlow, "🎉🙏✨", "few words", stageGoal},
		{"NonEnglishIsKept", inFlow, "quiero un trabajo de medio tiempo en una tienda", "By when", stageByWhen},
		{"IdleEmpty", State{}, "", "What would you like to do", ""},
		{"IdleNonsense", State{}, "¿qué?", "What would you like to do", ""},
		{"IdleHuge", State{}, strings.Repeat("🎉", 5000), "shorter message", ""},
		{"ChoiceStageUnknownWord", State{V: stateVersion, Flow: FlowGoal, Stage: stageConfirm, Goal: GoalDraft{Text: "x"}}, "banana", "didn't follow", stageConfirm},
		{"UnknownVersionStartsFresh", State{V: 99, Flow: FlowGoal, Stage: "nonsense"}, "hi", "What would you like to do", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A member who chose English: Spanish words don't switch them (lang_test.go).
			res := Step(tt.s, Input{Text: tt.text}, Context{LangSettled: true}, refNow)
			got := joinReplies(res.Replies)
			if !strings.Contains(got, tt.want) || res.State.Stage != tt.stage {
				t.Fatalf("got stage %q replies %q; want stage %q containing %q", res.State.Stage, got, tt.stage, tt.want)
			}
			for _, r := range res.Replies {
				if len(r.Text) > MaxInput {
					t.Fatalf("reply of %d bytes", len(r.Text))
				}
			}
		})
	}
}

func withGoal() Context {
	return Context{
		Goal: &store.Goal{ID: 7, Text: "Learn to fly-fish"},
		Steps: []store.Step{
			{ID: 11, GoalID: 7, What: "Buy a fishing pole", Due: date(2026, 6, 12), Owner: store.OwnerMe},
			{ID: 12, GoalID: 7, What: "Get a fishing license", Due: date(2026, 6, 15), Owner: store.OwnerMe, DoneAt: refNow.AddDate(0, 0, -3)},
			{ID: 13, GoalID: 7, What: "Talk with Sam about lessons", Due: date(2026, 6, 18), Owner: store.OwnerNavigator},
		},
		Session: time.Date(2026, 6, 11, 18, 0, 0, 0, chicago),
		GroupID: "C1",
	}
}

func TestCheckIn_EndToEnd(t *testing.T) {
	c := withGoal()
	first := Start(State{}, FlowCheckIn, c, refNow)
	if got := joinReplies(first.Replies); !strings.Contains(got, "1. Buy a fishing pole") ||
		strings.Contains(got, "2. Get a fishing license") || !strings.Contains(got, "3. Talk with Sam") {
		t.Fatalf("prompt lists %q", got)
	}
	_, res := walk(t, first.State, c, refNow, []row{
		{action: "done:11", want: "Marked done: Buy a fishing pole ✓ — that's stone number 2.\nAnything else", stage: stageDid},
		{action: actThatsIt, want: "before the next session", stage: stagePlan},
		{text: "Call Sam about lessons", want: "add that as a step", stage: stagePlanAsStep},
		{text: "yes, add it", want: "When", stage: stageStepWhen},
		{text: "tomorrow", stage: stageStepWho},
		{action: actWhoMe, want: "how important", stage: stageImportance},
		{text: "11", want: "0 to 10", stage: stageImportance},
		{text: "7", want: "how confident", stage: stageConfidence},
		{action: actSkip, want: "check-in is saved", stage: ""},
	})
	last := res[len(res)-1]
	want := &store.CheckIn{GroupID: "C1", GoalID: 7, SessionAt: c.Session.UTC(), StepsDone: []uint64{11},
		Plan: "Call Sam about lessons", Importance: 7, Confidence: -1, CreatedAt: refNow.UTC()}
	if !reflect.DeepEqual(last.CheckIn, want) {
		t.Fatalf("check-in = %+v\nwant %+v", last.CheckIn, want)
	}
	if !reflect.DeepEqual(last.Done, []uint64{11}) || len(last.NewSteps) != 1 || last.NewSteps[0].GoalID != 7 ||
		!last.NewSteps[0].Due.Equal(date(2026, 6, 11)) {
		t.Fatalf("done %v new steps %+v", last.Done, last.NewSteps)
	}
}

func TestCheckIn_Variants(t *testing.T) {
	c := withGoal()
	start := Start(State{}, FlowCheckIn, c, refNow).State
	t.Run("NothingAsksWhatGotInTheWay", func(t *testing.T) {
		_, res := walk(t, start, c, refNow, []row{
			{action: actNothing, want: "What got in the way", stage: stageBarrier},
			{text: "money", want: "Thanks for telling me", stage: stagePlan},
			{text: "not sure", stage: stageImportance},
			{action: "ruler:3", stage: stageConfidence},
			{text: "two", want: "a bit more likely", stage: stageReflect},
			{action: actSkip, stage: ""},
		})
		ci := res[len(res)-1].CheckIn
		if ci.Barrier != "Money" || ci.Importance != 3 || ci.Confidence != 2 || len(ci.StepsDone) != 0 {
			t.Fatalf("check-in = %+v", ci)
		}
	})
	t.Run("SomethingElseBarrier", func(t *testing.T) {
		s, _ := walk(t, start, c, refNow, []row{
			{text: "nothing", stage: stageBarrier},
			{text: "something else", stage: stageBarrierOther},
			{text: "my car broke down", stage: stagePlan},
		})
		if s.CheckIn.Barrier != "my car broke down" {
			t.Fatalf("barrier = %q", s.CheckIn.Barrier)
		}
	})
	t.Run("NothingWithAReason", func(t *testing.T) {
		s, _ := walk(t, start, c, refNow, []row{
			{text: "Nothing, I was sick all week", want: "Thanks for telling me", stage: stagePlan},
		})
		if s.CheckIn.Barrier != "Nothing, I was sick all week" {
			t.Fatalf("barrier = %q", s.CheckIn.Barrier)
		}
	})
	t.Run("StepsByNumber", func(t *testing.T) {
		s, _ := walk(t, start, c, refNow, []row{{text: "1 and 3", stage: stagePlan}})
		if !reflect.DeepEqual(s.CheckIn.StepsDone, []uint64{11, 13}) || len(s.CheckIn.Did) != 0 {
			t.Fatalf("draft = %+v", s.CheckIn)
		}
	})
	t.Run("StepsByName", func(t *testing.T) {
		s, _ := walk(t, start, c, refNow, []row{{text: "I bought a fishing pole at the store!", stage: stagePlan}})
		if !reflect.DeepEqual(s.CheckIn.StepsDone, []uint64{11}) || s.CheckIn.Did[0] != "I bought a fishing pole at the store!" {
			t.Fatalf("draft = %+v", s.CheckIn)
		}
	})
	t.Run("LateAnswerIsKeptAndMarked", func(t *testing.T) {
		late := c.Session.Add(2 * time.Hour)
		_, res := walk(t, start, c, late, []row{
			{text: "went to a meeting", stage: stagePlan},
			{text: "Go again", stage: stagePlanAsStep},
			{text: "no thanks", stage: stageImportance},
			{text: "skip", stage: stageConfidence},
			{text: "skip", want: "still counts", stage: ""},
		})
		if ci := res[len(res)-1].CheckIn; !ci.Late || ci.Did != "went to a meeting" {
			t.Fatalf("check-in = %+v", ci)
		}
	})
	t.Run("CancelMidCheckInKeepsIt", func(t *testing.T) {
		_, res := walk(t, start, c, refNow, []row{
			{action: "done:11", stage: stageDid},
			{text: "cancel", want: "I kept: step 1 marked done", stage: ""},
		})
		if ci := res[1].CheckIn; ci == nil || !reflect.DeepEqual(res[1].Done, []uint64{11}) {
			t.Fatalf("cancel kept %+v", res[1])
		}
	})
	t.Run("NoGoalYet", func(t *testing.T) {
		res := Start(State{}, FlowCheckIn, Context{}, refNow)
		if res.State.Active() || !strings.Contains(joinReplies(res.Replies), "set a goal") {
			t.Fatalf("got %+v", res)
		}
	})
}

func TestIdle_StepsAndDone(t *testing.T) {
	c := withGoal()
	res := Step(State{}, Input{Text: "steps"}, c, refNow)
	got := joinReplies(res.Replies)
	for _, want := range []string{"Your goal: Learn to fly-fish", "1. Buy a fishing pole — you, by Friday, June 12", "✓ 2. Get a fishing license", "1 of 3 steps done"} {
		if !strings.Contains(got, want) {
			t.Fatalf("summary %q lacks %q", got, want)
		}
	}
	res = Step(State{}, Input{Text: "done 3"}, c, refNow)
	if !reflect.DeepEqual(res.Done, []uint64{13}) {
		t.Fatalf("done = %v", res.Done)
	}
	res = Step(State{}, Input{Text: "done 9"}, c, refNow)
	if len(res.Done) != 0 || !strings.Contains(joinReplies(res.Replies), "couldn't find") {
		t.Fatalf("done 9 = %+v", res)
	}
}

func TestStep_IsPure(t *testing.T) {
	c := withGoal()
	s := Start(State{}, FlowCheckIn, c, refNow).State
	a := Step(s, Input{Text: "1"}, c, refNow)
	b := Step(s, Input{Text: "1"}, c, refNow)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same input gave different results")
	}
}

func TestStep_MenuActionsMidFlow(t *testing.T) {
	c := withGoal()
	inGoal := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Text: "x"}}
	res := Step(inGoal, Input{Action: actGoal}, c, refNow)
	if res.State.Stage != stageWhy || !strings.Contains(joinReplies(res.Replies), "Welcome back") {
		t.Fatalf("set a goal mid goal flow: %+v", res)
	}
	res = Step(inGoal, Input{Action: actCheckIn}, c, refNow)
	if res.State.Flow != FlowCheckIn || res.State.Stage != stageDid {
		t.Fatalf("check in mid goal flow: %+v", res.State)
	}
}

func TestGoalFlow_BackAfterAStepDoesNotDoubleIt(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore, Goal: GoalDraft{Text: "Learn to fly-fish"}}
	s, _ := walk(t, start, Context{}, refNow, []row{
		{text: "Buy a fishing pole", stage: stageStepWhen},
		{text: "Friday", stage: stageStepWho},
		{text: "me", want: "Add another step", stage: stageStepMore},
		{text: "back", want: "Who will do this step", stage: stageStepWho},
		{text: "my navigator", want: "your navigator", stage: stageStepMore},
		{text: "back", stage: stageStepWho},
		{text: "back", want: "When will you do it", stage: stageStepWhen},
		{text: "the 20th", want: "Saturday, June 20", stage: stageStepWho},
		{action: actWhoMe, stage: stageStepMore},
	})
	if len(s.Goal.Steps) != 1 || s.Goal.Steps[0].What != "Buy a fishing pole" || s.Goal.Steps[0].Owner != store.OwnerMe ||
		!s.Goal.Steps[0].Due.Equal(date(2026, 6, 20)) {
		t.Fatalf("steps = %+v", s.Goal.Steps)
	}
}

package conversations

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// lifeCtx is a member with the given active goals, as ContextOf builds it.
func lifeCtx(goals ...store.GoalSteps) Context {
	var v store.View
	v.Goals = goals
	return ContextOf(v)
}

func jobGoal() store.GoalSteps {
	done := refNow.Add(-48 * time.Hour).UTC()
	return store.GoalSteps{
		Goal: store.Goal{ID: 7, MemberID: "U1", Text: "a part-time job", Dream: "open a little bakery", Status: store.GoalActive},
		Steps: []store.Step{
			{ID: 71, GoalID: 7, What: "update my resume", Due: date(2026, 6, 8), Owner: store.OwnerMe, DoneAt: done},
			{ID: 72, GoalID: 7, What: "find two interview outfits", Due: date(2026, 6, 9), Owner: store.OwnerMe, DoneAt: done},
			{ID: 73, GoalID: 7, What: "go to the resume workshop", Due: date(2026, 6, 11), Owner: store.OwnerMe, DoneAt: done},
			{ID: 74, GoalID: 7, What: "call the job center", Due: date(2026, 6, 12), Owner: store.OwnerMe},
		},
	}
}

func homeGoal() store.GoalSteps {
	return store.GoalSteps{
		Goal:  store.Goal{ID: 9, MemberID: "U1", Text: "my own place by spring", Status: store.GoalActive},
		Steps: []store.Step{{ID: 91, GoalID: 9, What: "call the housing authority", Due: date(2026, 6, 15), Owner: store.OwnerMe}},
	}
}

func TestLifecycle_Reached(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Input
	}{
		{"GotTheJob", Input{Text: "I got the job!"}},
		{"DidIt", Input{Text: "I did it"}},
		{"ReachedMyGoal", Input{Text: "I reached my goal."}},
		{"Spanish", Input{Text: "¡Lo logré!"}},
		{"Button", Input{Action: ActGoalReached}},
		{"ButtonForOneGoal", Input{Action: ActGoalReached + ":7"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Text = strings.TrimPrefix(tc.in.Text, "¡")
			res := Step(State{}, tc.in, lifeCtx(jobGoal()), refNow)
			got := joinReplies(res.Replies)
			for _, want := range []string{"You reached your goal: “a part-time job”", "🪨🪨🪨 — 3 stones", "open a little bakery", "[Set a new goal]", "[Not now]"} {
				if !strings.Contains(got, want) {
					t.Fatalf("replies %q lack %q", got, want)
				}
			}
			g := res.Goal
			if g == nil || g.ID != 7 || g.Status != store.GoalDone || !g.AchievedAt.Equal(refNow.UTC()) || g.Text != "a part-time job" {
				t.Fatalf("goal = %+v", g)
			}
			if res.State.Active() || !res.Changed() {
				t.Fatalf("state %+v, changed %v", res.State, res.Changed())
			}
		})
	}
	t.Run("NotNow", func(t *testing.T) {
		walk(t, State{}, lifeCtx(jobGoal()), refNow, []row{
			{text: "I did it", want: "next goal", stage: ""},
			{text: "not now", want: "Whenever you're ready", stage: ""},
		})
	})
	t.Run("SetANewGoal", func(t *testing.T) {
		// The next turn's context no longer has the reached goal.
		walk(t, State{}, Context{}, refNow, []row{{text: "set a new goal", action: actGoal, want: "won the lottery", stage: stageDream}})
	})
	t.Run("MenuHasTheButton", func(t *testing.T) {
		res := Step(State{}, Input{Text: "hello"}, lifeCtx(jobGoal()), refNow)
		if !strings.Contains(joinReplies(res.Replies), "[Goal reached]") {
			t.Fatalf("menu: %q", joinReplies(res.Replies))
		}
		res = Step(State{}, Input{Text: "hello"}, Context{}, refNow)
		if strings.Contains(joinReplies(res.Replies), "[Goal reached]") {
			t.Fatalf("menu without a goal offers it: %q", joinReplies(res.Replies))
		}
	})
	t.Run("NoGoalIsNotCelebrated", func(t *testing.T) {
		res := Step(State{}, Input{Text: "I did it"}, Context{}, refNow)
		if res.Goal != nil || strings.Contains(joinReplies(res.Replies), "reached") {
			t.Fatalf("no goal, but %+v", res)
		}
	})
	t.Run("MidConversationAsksFirst", func(t *testing.T) {
		c := lifeCtx(jobGoal())
		start := Start(State{}, FlowCheckIn, c, refNow).State
		s, results := walk(t, start, c, refNow, []row{
			{text: "I got the job", want: "That's wonderful — shall I mark “a part-time job” as reached?", stage: stageReached},
			{text: "not yet", want: "Since the last session", stage: stageDid},
		})
		walk(t, start, lifeCtx(jobGoal(), homeGoal()), refNow, []row{
			{text: "I did it", want: "Which goal?", stage: stageWhichGoal},
			{text: "no", want: "nothing changed", stage: stageDid},
		})
		if s.Flow != FlowCheckIn || len(s.CheckIn.Did) != 0 || results[0].Changed() || results[1].Changed() {
			t.Fatalf("check-in changed by an unconfirmed reach: %+v", s.CheckIn)
		}
		_, results = walk(t, start, c, refNow, []row{
			{text: "I did it", stage: stageReached},
			{text: "yes", want: "You reached your goal", stage: stageDid},
		})
		if g := results[1].Goal; g == nil || g.Status != store.GoalDone {
			t.Fatalf("goal = %+v", g)
		}
	})
	t.Run("ButtonMidConversationGoesOn", func(t *testing.T) {
		c := lifeCtx(jobGoal(), homeGoal())
		start := State{V: stateVersion, Flow: FlowGoal, Stage: stageHappy, Goal: GoalDraft{Dream: "a boat"}}
		res := Step(start, Input{Action: ActGoalReached + ":7"}, c, refNow)
		got := joinReplies(res.Replies)
		if res.Goal == nil || res.Goal.ID != 7 || res.Goal.Status != store.GoalDone || !strings.Contains(got, "back to where we were") ||
			res.State.Stage != stageHappy || res.State.Goal.Dream != "a boat" {
			t.Fatalf("replies %q, goal %+v, state %+v", got, res.Goal, res.State)
		}
	})
	t.Run("WhichOfTwo", func(t *testing.T) {
		_, results := walk(t, State{}, lifeCtx(jobGoal(), homeGoal()), refNow, []row{
			{action: ActGoalReached, want: "Which goal?", stage: stageWhichGoal},
			{text: "my own place by spring", want: "You reached your goal: “my own place by spring”", stage: ""},
		})
		if g := results[1].Goal; g == nil || g.ID != 9 || g.Status != store.GoalDone {
			t.Fatalf("goal = %+v", g)
		}
	})
}

func TestLifecycle_ReviseOrDrop(t *testing.T) {
	c := lifeCtx(jobGoal())
	t.Run("Words", func(t *testing.T) {
		_, results := walk(t, State{}, c, refNow, []row{
			{text: "change my goal", want: "That's okay — goals change.", stage: stageRevise},
			{text: "change the words", want: "in your own words", stage: stageReviseWords},
			{text: "A full-time job at the bakery", want: "Your goal is now: “A full-time job at the bakery”", stage: ""},
		})
		g := results[2].Goal
		if g == nil || g.ID != 7 || g.Text != "A full-time job at the bakery" || g.Status != store.GoalActive || g.Dream != "open a little bakery" {
			t.Fatalf("goal = %+v", g)
		}
		if len(results[2].DeleteSteps) > 0 || len(results[2].EditSteps) > 0 {
			t.Fatalf("steps touched: %+v", results[2])
		}
	})
	t.Run("Date", func(t *testing.T) {
		gs := jobGoal()
		gs.Goal.Text = "a part-time job by March"
		_, results := walk(t, State{}, lifeCtx(gs), refNow, []row{
			{text: "this isn't my goal anymore", want: "goals change", stage: stageRevise},
			{action: actReviseDate, want: "By when", stage: stageReviseDate},
			{text: "sometime maybe", stage: stageReviseDate},
			{text: "in 3 months", want: "“a part-time job in 3 months”", stage: ""},
		})
		if g := results[3].Goal; g == nil || g.Text != "a part-time job in 3 months" {
			t.Fatalf("goal = %+v", g)
		}
	})
	for _, tc := range []struct {
		name, say, choice string
		deleted           []uint64
	}{
		{"KeepSteps", "let it go", "keep the steps", nil},
		{"DropStepsToo", "drop my goal", "drop them too", []uint64{74}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, results := walk(t, State{}, c, refNow, []row{
				{text: tc.say, want: "[Keep the steps]\n[Drop them too]", stage: stageDropSteps},
				{text: tc.choice, want: "is let go", stage: ""},
			})
			r := results[1]
			if r.Goal == nil || r.Goal.ID != 7 || r.Goal.Status != store.GoalDropped {
				t.Fatalf("goal = %+v", r.Goal)
			}
			if len(r.DeleteSteps) != len(tc.deleted) || (len(tc.deleted) > 0 && r.DeleteSteps[0] != tc.deleted[0]) {
				t.Fatalf("deleted %v, want %v (done steps stay in the cairn)", r.DeleteSteps, tc.deleted)
			}
		})
	}
	t.Run("KeptStepsMoveToTheOtherGoal", func(t *testing.T) {
		_, results := walk(t, State{}, lifeCtx(jobGoal(), homeGoal()), refNow, []row{
			{text: "drop my goal", want: "Which goal?", stage: stageWhichGoal},
			{text: "a part-time job", stage: stageDropSteps},
			{action: actKeepSteps, want: "now with “my own place by spring”", stage: ""},
		})
		r := results[2]
		if len(r.EditSteps) != 1 || r.EditSteps[0].ID != 74 || r.EditSteps[0].GoalID != 9 {
			t.Fatalf("moved = %+v", r.EditSteps)
		}
	})
	t.Run("NeverMind", func(t *testing.T) {
		_, results := walk(t, State{}, c, refNow, []row{
			{text: "change my goal", stage: stageRevise},
			{text: "never mind", want: "nothing changed", stage: ""},
		})
		if results[1].Changed() {
			t.Fatalf("changed: %+v", results[1])
		}
	})
}

func TestLifecycle_SeveralGoals(t *testing.T) {
	t.Run("AddBeside", func(t *testing.T) {
		c := lifeCtx(jobGoal())
		s, _ := walk(t, State{}, c, refNow, []row{
			{text: "set a goal", want: "add the new goal beside it, or replace it?", stage: stageBeside},
			{text: "add beside it", want: "won the lottery", stage: stageDream},
		})
		if s.Goal.Replaces != 0 {
			t.Fatalf("replaces %d", s.Goal.Replaces)
		}
	})
	t.Run("ReplaceDropsTheOldOnSave", func(t *testing.T) {
		c := lifeCtx(jobGoal())
		_, results := walk(t, State{}, c, refNow, []row{
			{action: actGoal, want: "“a part-time job”", stage: stageBeside},
			{text: "replace it", want: "take the place of “a part-time job”", stage: stageDream},
			{text: "A garden", stage: stageHappy},
			{text: "Tomatoes", stage: stageGoal},
			{text: "Grow tomatoes by August", stage: stageSure},
			{text: "8", stage: stageWhy},
			{text: "Fresh food", stage: stageSupport},
			{text: "no one yet", stage: stageStepWhat},
			{text: "Buy seeds", stage: stageStepWhen},
			{text: "Friday", stage: stageStepWho},
			{text: "me", stage: stageStepMore},
			{text: "that's all for now", stage: stageEnjoy},
			{text: "skip", stage: stageConfirm},
			{text: "save it", stage: ""},
		})
		for _, r := range results[1:13] {
			if r.Changed() {
				t.Fatalf("the old goal was changed before the new one was saved: %+v", r)
			}
		}
		last := results[13]
		if last.Goal == nil || last.Goal.Text != "Grow tomatoes by August" || len(last.Goals) != 1 || last.Goals[0].ID != 7 || last.Goals[0].Status != store.GoalDropped {
			t.Fatalf("goal %+v, others %+v", last.Goal, last.Goals)
		}
	})
	t.Run("OtherWordsLeaveTheQuestion", func(t *testing.T) {
		walk(t, State{}, lifeCtx(jobGoal()), refNow, []row{
			{text: "new goal", stage: stageBeside},
			{text: "check in", want: "Check-in time", stage: stageDid},
		})
		walk(t, State{}, lifeCtx(jobGoal()), refNow, []row{
			{text: "drop my goal", stage: stageDropSteps},
			{text: "steps", want: "Your goal: a part-time job", stage: ""},
		})
		c := lifeCtx(jobGoal())
		start := Start(State{}, FlowCheckIn, c, refNow).State
		s, _ := walk(t, start, c, refNow, []row{
			{text: "I did it", stage: stageReached},
			{text: "I called the job center", stage: "-"},
		})
		if s.Flow != FlowCheckIn || s.Stage == stageDid && len(s.CheckIn.Did)+len(s.CheckIn.StepsDone) == 0 {
			t.Fatalf("the words were not taken as the check-in's answer: %+v", s)
		}
	})
	t.Run("NeverMind", func(t *testing.T) {
		walk(t, State{}, lifeCtx(jobGoal()), refNow, []row{
			{text: "new goal", stage: stageBeside},
			{text: "never mind", want: "nothing changed", stage: ""},
		})
	})
	t.Run("ThirdAsksWhichToReplace", func(t *testing.T) {
		_, results := walk(t, State{}, lifeCtx(jobGoal(), homeGoal()), refNow, []row{
			{text: "new goal", want: "“a part-time job” and “my own place by spring”. Shall I add the new goal beside them", stage: stageBeside},
			{text: "replace it", want: "Which goal?", stage: stageWhichGoal},
			{text: "my own place by spring", want: "take the place of “my own place by spring”", stage: stageDream},
		})
		if results[2].Changed() {
			t.Fatalf("changed before the new goal was saved: %+v", results[2])
		}
	})
	t.Run("FourthIsRefusedKindly", func(t *testing.T) {
		third := store.GoalSteps{Goal: store.Goal{ID: 11, Text: "walk every morning", Status: store.GoalActive}}
		res := Step(State{}, Input{Action: actGoal}, lifeCtx(jobGoal(), homeGoal(), third), refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, "already have 3 goals") || res.State.Active() {
			t.Fatalf("replies %q, state %+v", got, res.State)
		}
	})
	t.Run("StepsShowsEveryGoal", func(t *testing.T) {
		res := Step(State{}, Input{Text: "steps"}, lifeCtx(jobGoal(), homeGoal()), refNow)
		got := joinReplies(res.Replies)
		for _, want := range []string{"Your goal: a part-time job", "4. call the job center", "Your goal: my own place by spring", "5. call the housing authority", "3 of 5 steps done"} {
			if !strings.Contains(got, want) {
				t.Fatalf("steps %q lack %q", got, want)
			}
		}
	})
	t.Run("CheckInAsksAboutEveryGoal", func(t *testing.T) {
		c := lifeCtx(jobGoal(), homeGoal())
		res := Start(State{}, FlowCheckIn, c, refNow)
		got := joinReplies(res.Replies)
		if !strings.Contains(got, "4. call the job center") || !strings.Contains(got, "5. call the housing authority") ||
			!strings.Contains(got, "“a part-time job” and “my own place by spring”") {
			t.Fatalf("check-in %q", got)
		}
		res = Step(res.State, Input{Action: prefixDone + "91"}, c, refNow)
		if len(res.State.CheckIn.StepsDone) != 1 || res.State.CheckIn.StepsDone[0] != 91 {
			t.Fatalf("the second goal's step was not marked: %+v", res.State.CheckIn)
		}
	})
	t.Run("ContextOfKeepsEveryActiveGoal", func(t *testing.T) {
		dropped := store.GoalSteps{Goal: store.Goal{ID: 3, Text: "old", Status: store.GoalDropped}, Steps: []store.Step{{ID: 31}}}
		c := ContextOf(store.View{Goals: []store.GoalSteps{dropped, jobGoal(), homeGoal()}})
		if len(c.Goals) != 2 || c.Goal.ID != 9 || len(c.Steps) != 5 || c.Steps[4].ID != 91 {
			t.Fatalf("context = %+v", c)
		}
	})
}

func TestLifecycle_EditSteps(t *testing.T) {
	c := lifeCtx(jobGoal(), homeGoal())
	for _, tc := range []struct {
		text, want string
		check      func(store.Step) bool
	}{
		{"change step 4 to Friday", "Changed step 4: call the job center — you, by Friday, June 12",
			func(s store.Step) bool { return s.ID == 74 && s.Due.Equal(date(2026, 6, 12)) }},
		{"move the housing step to next week", "Changed step 5: call the housing authority",
			func(s store.Step) bool {
				return s.ID == 91 && s.Due.After(date(2026, 6, 14)) && s.What == "call the housing authority"
			}},
		{"change step 4 to call the job center about evening shifts", "call the job center about evening shifts",
			func(s store.Step) bool {
				return s.ID == 74 && s.What == "call the job center about evening shifts" && s.Due.Equal(date(2026, 6, 12))
			}},
		{"step 5 is Dana's", "Dana",
			func(s store.Step) bool { return s.ID == 91 && s.Owner == store.OwnerPerson && s.OwnerName == "Dana" }},
		{"step 5 is my navigator's", "your navigator",
			func(s store.Step) bool { return s.ID == 91 && s.Owner == store.OwnerNavigator }},
	} {
		t.Run(tc.text, func(t *testing.T) {
			res := Step(State{}, Input{Text: tc.text}, c, refNow)
			got := joinReplies(res.Replies)
			if !strings.Contains(got, tc.want) {
				t.Fatalf("replies %q lack %q", got, tc.want)
			}
			if len(res.EditSteps) != 1 || !tc.check(res.EditSteps[0]) || !res.Changed() {
				t.Fatalf("edited %+v", res.EditSteps)
			}
		})
	}
	t.Run("Delete", func(t *testing.T) {
		_, results := walk(t, State{}, c, refNow, []row{
			{text: "delete step 4", want: "Delete the step “call the job center”?", stage: stageDeleteStep},
			{text: "delete it", want: "Deleted: call the job center", stage: ""},
		})
		if results[0].Changed() || len(results[1].DeleteSteps) != 1 || results[1].DeleteSteps[0] != 74 {
			t.Fatalf("results %+v", results)
		}
	})
	t.Run("DeleteKept", func(t *testing.T) {
		_, results := walk(t, State{}, c, refNow, []row{
			{text: "remove step 4", stage: stageDeleteStep},
			{text: "keep it", want: "nothing changed", stage: ""},
		})
		if results[1].Changed() {
			t.Fatalf("changed: %+v", results[1])
		}
	})
	t.Run("UnknownStep", func(t *testing.T) {
		res := Step(State{}, Input{Text: "change step 9 to Friday"}, c, refNow)
		if res.Changed() || !strings.Contains(joinReplies(res.Replies), en.StepNotFound) {
			t.Fatalf("%+v", res)
		}
	})
	t.Run("NotAStepSentence", func(t *testing.T) {
		for _, text := range []string{"it is hard", "change is good", "remove the stress"} {
			res := Step(State{}, Input{Text: text}, c, refNow)
			if res.Changed() || strings.Contains(joinReplies(res.Replies), en.StepNotFound) {
				t.Fatalf("%q: %+v", text, res)
			}
		}
	})
}

// FuzzLifecycle feeds arbitrary text and button values to every question of
// a goal's life, and to a member with two goals outside any flow: a turn
// never panics, always answers, and never edits or deletes a step it was
// not shown.
func FuzzLifecycle(f *testing.F) {
	for _, seed := range []string{"", "I did it", "delete step 4", "change step 5 to Friday", "step 4 is Dana's", "move the resume step to next week",
		"let it go", "change my goal", "new goal", "which:9", "goal:reached:7", "goal:reached:99", "remove the x one", "yes", "no"} {
		f.Add(seed, "", uint8(0))
		f.Add("", seed, uint8(2))
	}
	stages := []Stage{"", stageReached, stageWhichGoal, stageRevise, stageReviseWords, stageReviseDate, stageDropSteps, stageBeside, stageDeleteStep}
	f.Fuzz(func(t *testing.T, text, action string, stageIndex uint8) {
		c := lifeCtx(jobGoal(), homeGoal())
		stage := stages[int(stageIndex)%len(stages)]
		s := State{V: stateVersion, Flow: FlowLife, Stage: stage, Life: LifeDraft{For: lifeRevise, GoalID: 7, StepID: 74}}
		if stage == "" {
			s = State{}
		}
		res := Step(s, Input{Text: text, Action: action}, c, refNow)
		if len(res.Replies) == 0 {
			t.Fatalf("no reply at %q to %q/%q", stage, text, action)
		}
		known := map[uint64]bool{}
		for _, st := range c.Steps {
			known[st.ID] = true
		}
		for _, st := range res.EditSteps {
			if !known[st.ID] {
				t.Fatalf("edited unknown step %d", st.ID)
			}
		}
		for _, id := range res.DeleteSteps {
			if !known[id] {
				t.Fatalf("deleted unknown step %d", id)
			}
		}
		if _, err := json.Marshal(res.State); err != nil {
			t.Fatal(err)
		}
	})
}

package conversations

import (
	"strings"
	"testing"
	"time"
)

func TestFindDate(t *testing.T) {
	// refNow is Wednesday, June 10, 2026.
	for _, tc := range []struct {
		in, rest string
		want     time.Time // zero: no date found, the sentence kept whole
	}{
		{"call the housing authority on Monday", "call the housing authority", date(2026, 6, 15)},
		{"buy interview clothes by Friday", "buy interview clothes", date(2026, 6, 12)},
		{"visit the library tomorrow", "visit the library", date(2026, 6, 11)},
		{"apply for the job before June 20", "apply for the job", date(2026, 6, 20)},
		{"On Monday, call the clinic", "call the clinic", date(2026, 6, 15)},
		{"Tomorrow visit the library", "visit the library", date(2026, 6, 11)},
		{"call the clinic on Monday about my forms", "call the clinic about my forms", date(2026, 6, 15)},
		{"call mom next Friday", "call mom", date(2026, 6, 19)},
		{"fill in the form by the end of the month", "fill in the form", date(2026, 6, 30)},
		{"get my ID in 2 weeks", "get my ID", date(2026, 6, 24)},
		{"book the appointment on 6/22.", "book the appointment", date(2026, 6, 22)},
		{"go to the clinic by Friday at 5pm", "go to the clinic", date(2026, 6, 12)},
		{"take my meds today", "take my meds", date(2026, 6, 10)},
		// Not dates.
		{"call mom", "call mom", time.Time{}},
		{"go to 3 meetings a week", "go to 3 meetings a week", time.Time{}},
		{"walk 3 days a week", "walk 3 days a week", time.Time{}},
		{"sit in the sun", "sit in the sun", time.Time{}},
		{"go to the office on the 5th floor", "go to the office on the 5th floor", time.Time{}},
		{"ask Jan 3 times", "ask Jan 3 times", time.Time{}},
		{"ask if I may borrow the car", "ask if I may borrow the car", time.Time{}},
		{"go fishing for a week", "go fishing for a week", time.Time{}},
		{"read for an hour a day", "read for an hour a day", time.Time{}},
		{"call the clinic yesterday", "call the clinic yesterday", time.Time{}},
		{"tomorrow", "tomorrow", time.Time{}}, // only a date: not a step with one in it
	} {
		rest, got, ok := FindDate(tc.in, refNow)
		if ok != !tc.want.IsZero() || !got.Equal(tc.want) || rest != tc.rest {
			t.Errorf("FindDate(%q) = %q, %v, %v; want %q, %v", tc.in, rest, got, ok, tc.rest, tc.want)
		}
	}
}

func TestFindDate_LongInputIsBounded(t *testing.T) {
	long := strings.Repeat("call the housing office ", 160) + "on Monday"
	if _, got, ok := FindDate(long, refNow); !ok || !got.Equal(date(2026, 6, 15)) {
		t.Fatalf("long sentence: %v %v", got, ok)
	}
}

func TestStepFlow_DateInTheStep(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore,
		Goal: GoalDraft{Text: "A place of my own by September"}}
	for _, tc := range []struct {
		step, what, said string
		due              time.Time
	}{
		{"call the housing authority on Monday", "call the housing authority", "Monday, June 15 — got it.", date(2026, 6, 15)},
		{"buy interview clothes by Friday", "buy interview clothes", "Friday, June 12 — got it.", date(2026, 6, 12)},
		{"visit the library tomorrow", "visit the library", "Tomorrow, Thursday, June 11 — got it.", date(2026, 6, 11)},
		{"apply for the job before June 20", "apply for the job", "Saturday, June 20 — got it.", date(2026, 6, 20)},
	} {
		t.Run(tc.what, func(t *testing.T) {
			s, _ := walk(t, start, Context{}, refNow, []row{
				{text: tc.step, want: tc.said, stage: stageStepWho},
				{text: "me", want: tc.what, stage: stageStepMore},
			})
			if got := s.Goal.Steps[0]; got.What != tc.what || !got.Due.Equal(tc.due) {
				t.Fatalf("step = %+v", got)
			}
		})
	}
	t.Run("ActuallyTuesdayChangesIt", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "call the housing authority on Monday", want: "Monday, June 15 — got it.", stage: stageStepWho},
			{text: "actually Tuesday", want: "Tuesday, June 16 — got it.", stage: stageStepWho},
			{text: "no, make it Friday", want: "Friday, June 12 — got it.", stage: stageStepWho},
			{text: "Thursday instead", want: "Thursday, June 11 — got it.", stage: stageStepWho},
			{text: "me", want: "call the housing authority — you, by tomorrow, Thursday, June 11", stage: stageStepMore},
		})
		if len(s.Goal.Steps) != 1 || !s.Goal.Steps[0].Due.Equal(date(2026, 6, 11)) {
			t.Fatalf("steps = %+v", s.Goal.Steps)
		}
	})
	t.Run("ChangedToFarAsksIfSmaller", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "call the housing authority on Monday", stage: stageStepWho},
			{text: "actually October 1", want: "more than 6 weeks away", stage: stageStepFar},
			{text: "actually Monday", want: "Monday, June 15 — got it.", stage: stageStepWho},
		})
	})
	t.Run("BackReturnsToTheStep", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "call the housing authority on Monday", stage: stageStepWho},
			{text: "back", want: "first step", stage: stageStepWhat},
		})
	})
	t.Run("NoDateStillAsksWhen", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "call the housing authority", want: "When will you do it?", stage: stageStepWhen},
		})
	})
	t.Run("TheNextStepTypedAtAddAnother", func(t *testing.T) {
		s, _ := walk(t, start, Context{}, refNow, []row{
			{text: "call the housing authority", stage: stageStepWhen},
			{text: "Monday", stage: stageStepWho},
			{text: "me", stage: stageStepMore},
			{text: "visit the apartment on Friday", want: "Friday, June 12 — got it.", stage: stageStepWho},
		})
		if s.Draft.What != "visit the apartment" {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("ThePlanOfACheckInAsAStep", func(t *testing.T) {
		s := State{V: stateVersion, Flow: FlowCheckIn, Stage: stagePlan,
			CheckIn: CheckInDraft{Importance: -1, Confidence: -1}}
		s, _ = walk(t, s, withGoal(), refNow, []row{
			{text: "call the clinic on Monday", want: "add that as a step", stage: stagePlanAsStep},
			{action: actYes, want: "Monday, June 15 — got it.", stage: stageStepWho},
		})
		if s.Draft.What != "call the clinic" || s.CheckIn.Plan != "call the clinic on Monday" {
			t.Fatalf("draft %+v, plan %q", s.Draft, s.CheckIn.Plan)
		}
	})
	t.Run("InTheCheckInPlan", func(t *testing.T) {
		s := State{V: stateVersion, Flow: FlowCheckIn, Stage: stageStepWhat, After: stageImportance,
			CheckIn: CheckInDraft{Importance: -1, Confidence: -1}}
		walk(t, s, withGoal(), refNow, []row{
			{text: "call the clinic tomorrow", want: "Tomorrow, Thursday, June 11 — got it.", stage: stageStepWho},
		})
	})
}

func TestStepFlow_NotSureGetsASuggestion(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
		Goal: GoalDraft{Text: "A place of my own by September"}, Draft: StepDraft{What: "call the housing authority"}}
	// The group meets on Tuesday, June 16, at 6pm in Chicago.
	session := Context{NextSession: time.Date(2026, 6, 16, 18, 0, 0, 0, chicago)}
	for _, unsure := range []string{"not sure", "idk", "no idea", "whenever", "I don't know", "Not sure."} {
		t.Run(unsure, func(t *testing.T) {
			s, _ := walk(t, start, session, refNow, []row{
				{text: unsure, want: "How about Monday, the day before your group meets?\n[Monday]\n[Pick another day]", stage: stageStepWhen},
				{text: "Monday", want: "Monday, June 15 — got it.", stage: stageStepWho},
			})
			if !s.Draft.Due.Equal(date(2026, 6, 15)) || !s.Draft.Suggest.IsZero() {
				t.Fatalf("draft = %+v", s.Draft)
			}
		})
	}
	t.Run("TheButtonAndYes", func(t *testing.T) {
		walk(t, start, session, refNow, []row{
			{action: actUnsure, want: "How about Monday", stage: stageStepWhen},
			{text: "yes", want: "Monday, June 15 — got it.", stage: stageStepWho},
		})
	})
	t.Run("PickAnotherDay", func(t *testing.T) {
		s, _ := walk(t, start, session, refNow, []row{
			{text: "not sure", want: "How about Monday", stage: stageStepWhen},
			{text: "pick another day", want: "When will you do it?", stage: stageStepWhen},
			{text: "Friday", want: "Friday, June 12 — got it.", stage: stageStepWho},
		})
		if !s.Draft.Due.Equal(date(2026, 6, 12)) {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("AnotherDayTypedAtTheSuggestion", func(t *testing.T) {
		walk(t, start, session, refNow, []row{
			{text: "no idea", want: "How about Monday", stage: stageStepWhen},
			{text: "Saturday", want: "Saturday, June 13 — got it.", stage: stageStepWho},
		})
	})
	t.Run("NoSessionKnownInThreeDays", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "not sure", want: "How about Saturday?", stage: stageStepWhen},
			{text: "saturday", want: "Saturday, June 13 — got it.", stage: stageStepWho},
		})
	})
	t.Run("SessionTomorrowSuggestsToday", func(t *testing.T) {
		c := Context{NextSession: time.Date(2026, 6, 11, 18, 0, 0, 0, chicago)}
		walk(t, start, c, refNow, []row{
			{text: "idk", want: "How about today, the day before your group meets?\n[Today]", stage: stageStepWhen},
			{text: "today", want: "Today, Wednesday, June 10 — got it.", stage: stageStepWho},
		})
	})
	t.Run("SessionTodayFallsBackToThreeDays", func(t *testing.T) {
		c := Context{NextSession: time.Date(2026, 6, 10, 18, 0, 0, 0, chicago)}
		walk(t, start, c, refNow, []row{
			{text: "idk", want: "How about Saturday?", stage: stageStepWhen},
		})
	})
	t.Run("TheCheckInsSession", func(t *testing.T) {
		s := start
		s.Flow, s.After = FlowCheckIn, stageImportance
		s.CheckIn = CheckInDraft{Importance: -1, Confidence: -1, Session: time.Date(2026, 6, 16, 18, 0, 0, 0, chicago)}
		walk(t, s, withGoal(), refNow, []row{
			{text: "not sure", want: "How about Monday, the day before your group meets?", stage: stageStepWhen},
		})
	})
	t.Run("WhenQuestionOffersTheWayOut", func(t *testing.T) {
		walk(t, State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore, Goal: GoalDraft{Text: "A home"}},
			session, refNow, []row{{text: "call the housing authority", want: "When will you do it? (Friday, the 20th, next week…)\n[Not sure]", stage: stageStepWhen}})
	})
}

func TestStepFlow_BigFirstStep(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore,
		Goal: GoalDraft{Text: "Feel steady again by the fall", Smart: SmartDraft{EnjoyAsked: true}}}
	session := Context{NextSession: time.Date(2026, 6, 16, 18, 0, 0, 0, chicago)} // Tuesday
	for _, big := range []string{"get my life together", "fix everything", "be better", "sort my life out", "get clean",
		"Get my life together.", "I need to fix everything", "turn my life around"} {
		t.Run(big, func(t *testing.T) {
			_, results := walk(t, start, session, refNow, []row{
				{text: big, want: "That's a big one — what's a first piece you could do before the group meets on Tuesday?", stage: stageStepWhat},
				{text: "call the housing authority on Monday", want: "Monday, June 15 — got it.", stage: stageStepWho},
				{text: "me", want: "I've kept “" + big + "” for later", stage: stageStepMore},
				{text: "that's all for now", want: "Steps:\n1. call the housing authority — you, by Monday, June 15\n2. " + big + " — you, no date yet", stage: stageConfirm},
				{text: "save it", want: "Your first stone: call the housing authority", stage: ""},
			})
			if got := joinReplies(results[2].Replies); !strings.Contains(got, "Added: call the housing authority — you, by Monday, June 15. Add another step?") {
				t.Fatalf("the step added is the first piece: %q", got)
			}
			res := results[len(results)-1]
			if len(res.NewSteps) != 2 || res.NewSteps[0].What != "call the housing authority" ||
				res.NewSteps[1].What != big || !res.NewSteps[1].Due.IsZero() || res.NewSteps[1].Owner != "me" {
				t.Fatalf("saved steps = %+v", res.NewSteps)
			}
		})
	}
	t.Run("NoSessionKnownThisWeek", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{
			{text: "get my life together", want: "what's a first piece you could do this week?\n[Keep it as one step]", stage: stageStepWhat},
		})
	})
	t.Run("SessionTomorrow", func(t *testing.T) {
		c := Context{NextSession: time.Date(2026, 6, 11, 18, 0, 0, 0, chicago)}
		walk(t, start, c, refNow, []row{
			{text: "fix everything", want: "before the group meets tomorrow?", stage: stageStepWhat},
		})
	})
	t.Run("KeepItAsOneStep", func(t *testing.T) {
		s, _ := walk(t, start, session, refNow, []row{
			{text: "get clean", want: "big one", stage: stageStepWhat},
			{action: actKeep, want: "When will you do it?", stage: stageStepWhen},
			{text: "not sure", want: "How about Monday", stage: stageStepWhen},
			{text: "yes", stage: stageStepWho},
			{text: "me", want: "Added: get clean — you, by Monday, June 15", stage: stageStepMore},
		})
		if len(s.Goal.Steps) != 1 || s.Goal.Steps[0].What != "get clean" {
			t.Fatalf("steps = %+v", s.Goal.Steps)
		}
	})
	t.Run("NotSureGoesOnWithIt", func(t *testing.T) {
		s, _ := walk(t, start, session, refNow, []row{
			{text: "get my life together", stage: stageStepWhat},
			{text: "idk", want: "That's okay — let's keep it as one step.", stage: stageStepWhen},
		})
		if s.Draft.What != "get my life together" || s.Draft.Big != "" {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("KeepItTyped", func(t *testing.T) {
		walk(t, start, session, refNow, []row{
			{text: "be better", stage: stageStepWhat},
			{text: "keep it as one step", want: "When will you do it?", stage: stageStepWhen},
		})
	})
	t.Run("AnotherBigPieceIsTaken", func(t *testing.T) {
		s, _ := walk(t, start, session, refNow, []row{
			{text: "get my life together", stage: stageStepWhat},
			{text: "be better", want: "When will you do it?", stage: stageStepWhen},
		})
		if s.Draft.What != "be better" || s.Draft.Big != "get my life together" {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("APieceOfTwoStepsKeptAsOne", func(t *testing.T) {
		s, _ := walk(t, start, session, refNow, []row{
			{text: "get my life together", stage: stageStepWhat},
			{text: "call the clinic and book a ride", want: "Could it be smaller", stage: stageStepWhat},
			{text: "keep it as one step", want: "When will you do it?", stage: stageStepWhen},
		})
		if s.Draft.What != "call the clinic and book a ride" || s.Draft.Big != "get my life together" {
			t.Fatalf("draft = %+v", s.Draft)
		}
	})
	t.Run("BackUndoesBoth", func(t *testing.T) {
		s, _ := walk(t, start, session, refNow, []row{
			{text: "get my life together", stage: stageStepWhat},
			{text: "go to a meeting on Monday", stage: stageStepWho},
			{text: "me", stage: stageStepMore},
			{text: "back", want: "Who will do this step?", stage: stageStepWho},
		})
		if len(s.Goal.Steps) != 0 || s.Draft.Big != "get my life together" {
			t.Fatalf("after back: steps %+v, draft %+v", s.Goal.Steps, s.Draft)
		}
	})
	t.Run("LaterStepsKeepTheSixWeekRule", func(t *testing.T) {
		walk(t, start, session, refNow, []row{
			{text: "call the clinic", stage: stageStepWhen},
			{text: "Monday", stage: stageStepWho},
			{text: "me", stage: stageStepMore},
			{text: "fix everything", want: "When will you do it?", stage: stageStepWhen},
			{text: "October 1", want: "more than 6 weeks away", stage: stageStepFar},
		})
	})
	t.Run("NotInACheckIn", func(t *testing.T) {
		s := State{V: stateVersion, Flow: FlowCheckIn, Stage: stageStepWhat, After: stageImportance,
			CheckIn: CheckInDraft{Importance: -1, Confidence: -1}}
		walk(t, s, withGoal(), refNow, []row{{text: "get my life together", want: "When will you do it?", stage: stageStepWhen}})
	})
	t.Run("NotBig", func(t *testing.T) {
		for _, small := range []string{"get my ID", "be at the meeting", "fix the bike", "get clean clothes"} {
			if isBigStep(small) {
				t.Errorf("%q is big", small)
			}
		}
	})
}

func TestRenderGoal_StepWithNoDate(t *testing.T) {
	got := describeStep(en, StepDraft{What: "get my life together", Owner: "me"}, refNow)
	if got != "get my life together — you, no date yet" {
		t.Fatalf("describeStep = %q", got)
	}
}

// FindDate reads member text: whatever it is given, it never panics, keeps
// some words when it finds a day, and never finds one in the past.
func FuzzFindDate(f *testing.F) {
	for _, s := range []string{"call the housing authority on Monday", "visit the library tomorrow", "on the 5th floor",
		"apply before June 20", "6/3", "in -3 days", "tomorrow", "  , on Monday ,", strings.Repeat("on ", 300) + "Friday"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rest, d, ok := FindDate(s, refNow)
		if !ok {
			if rest != s || !d.IsZero() {
				t.Fatalf("no date, yet %q, %v", rest, d)
			}
			return
		}
		if !hasLetterOrDigit(rest) || len(rest) >= len(s) {
			t.Fatalf("FindDate(%q) left %q", s, rest)
		}
		if d.Before(date(2026, 6, 10)) {
			t.Fatalf("FindDate(%q) = %v, in the past", s, d)
		}
	})
}

// BenchmarkFindDate is the longest step a member may type, with the date at
// its end: every window of the sentence is looked at.
func BenchmarkFindDate(b *testing.B) {
	long := strings.Repeat("call the housing office about the form ", MaxInput/40-1) + "on Monday"
	b.ReportAllocs()
	for b.Loop() {
		FindDate(long, refNow)
	}
}

func TestStepFlow_FirstStepBeforeTheSession(t *testing.T) {
	start := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhat, After: stageStepMore,
		Goal: GoalDraft{Text: "A part-time job by August"}}
	session := Context{NextSession: time.Date(2026, 6, 16, 18, 0, 0, 0, chicago)} // Tuesday
	t.Run("AfterTheSessionAsksOnce", func(t *testing.T) {
		s, _ := walk(t, start, session, refNow, []row{
			{text: "apply for the job before June 20", want: "Saturday, June 20 is after the group meets on Tuesday. Could a first piece of it fit before then?\n[Keep this date]\n[Pick a sooner day]", stage: stageStepFar},
			{text: "keep this date", want: "Saturday, June 20 — got it.", stage: stageStepWho},
			{text: "me", stage: stageStepMore},
			{text: "go to the job fair on June 25", want: "Thursday, June 25 — got it.", stage: stageStepWho},
		})
		if !s.Goal.Steps[0].Due.Equal(date(2026, 6, 20)) {
			t.Fatalf("steps = %+v", s.Goal.Steps)
		}
	})
	t.Run("PickASoonerDay", func(t *testing.T) {
		walk(t, start, session, refNow, []row{
			{text: "update my resume", stage: stageStepWhen},
			{text: "next Friday", want: "after the group meets on Tuesday", stage: stageStepFar},
			{text: "pick a sooner day", want: "When will you do it?", stage: stageStepWhen},
			{text: "Monday", want: "Monday, June 15 — got it.", stage: stageStepWho},
		})
	})
	t.Run("TheSessionDayItselfIsFine", func(t *testing.T) {
		walk(t, start, session, refNow, []row{{text: "update my resume on Tuesday", want: "Tuesday, June 16 — got it.", stage: stageStepWho}})
	})
	t.Run("NoSessionKnown", func(t *testing.T) {
		walk(t, start, Context{}, refNow, []row{{text: "apply for the job before June 20", want: "Saturday, June 20 — got it.", stage: stageStepWho}})
	})
	t.Run("NoAtTheSuggestion", func(t *testing.T) {
		walk(t, start, session, refNow, []row{
			{text: "update my resume", stage: stageStepWhen},
			{text: "not sure", want: "How about Monday", stage: stageStepWhen},
			{text: "no", want: "When will you do it?", stage: stageStepWhen},
		})
	})
}

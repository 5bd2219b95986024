package conversations

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func ids(ns []NumberedStep) []uint64 {
	var out []uint64
	for _, n := range ns {
		out = append(out, n.Step.ID)
	}
	return out
}

func TestNumberedSteps_DueThenAdded(t *testing.T) {
	steps := []store.Step{
		{ID: 5, What: "no date"},
		{ID: 3, What: "late", Due: date(2026, 7, 1)},
		{ID: 4, What: "early, added last", Due: date(2026, 6, 12)},
		{ID: 2, What: "early, added first", Due: date(2026, 6, 12)},
	}
	got := NumberedSteps(steps)
	if want := []uint64{2, 4, 3, 5}; !slices.Equal(ids(got), want) {
		t.Fatalf("order %v, want %v", ids(got), want)
	}
	for i, n := range got {
		if n.N != i+1 {
			t.Fatalf("number %d at place %d", n.N, i)
		}
	}
	if steps[0].ID != 5 {
		t.Fatal("NumberedSteps reordered its argument")
	}
}

func TestDraftOrder_MatchesStoredOrder(t *testing.T) {
	drafts := []StepDraft{{What: "b", Due: date(2026, 6, 20)}, {What: "a", Due: date(2026, 6, 12)}, {What: "c", Due: date(2026, 6, 20)}}
	if got := draftOrder(drafts); !slices.Equal(got, []int{1, 0, 2}) {
		t.Fatalf("draft order %v", got)
	}
}

func housingSteps() []NumberedStep {
	return NumberedSteps([]store.Step{
		{ID: 1, What: "Call the housing authority", Due: date(2026, 6, 11)},
		{ID: 2, What: "Apply for the bus pass", Due: date(2026, 6, 12)},
		{ID: 3, What: "Buy a fishing pole", Due: date(2026, 6, 13)},
		{ID: 4, What: "Call the job center", Due: date(2026, 6, 14)},
	})
}

func TestMatchSteps(t *testing.T) {
	all := housingSteps()
	two := all[1:3] // numbers 2 and 3 shown, as in a check-in with step 1 done
	for _, tt := range []struct {
		answer          string
		shown           []NumberedStep
		sure, ambiguous []uint64
		onlyRefs        bool
	}{
		{"2", all, []uint64{2}, nil, true},
		{"#2", all, []uint64{2}, nil, true},
		{"number 2", all, []uint64{2}, nil, true},
		{"step 3", all, []uint64{3}, nil, true},
		{"number two", all, []uint64{2}, nil, true},
		{"1 and 3", all, []uint64{1, 3}, nil, true},
		{"1, 2 & 4", all, []uint64{1, 2, 4}, nil, true},
		{"the first one", all, []uint64{1}, nil, true},
		{"the second", all, []uint64{2}, nil, true},
		{"I did the first one", all, []uint64{1}, nil, true},
		{"the first and the third", all, []uint64{1, 3}, nil, true},
		{"the last one", all, []uint64{4}, nil, true},
		{"2nd", all, []uint64{2}, nil, true},
		{"all of them", all, []uint64{1, 2, 3, 4}, nil, true},
		{"I did all of them!", all, []uint64{1, 2, 3, 4}, nil, true},
		{"both", two, []uint64{2, 3}, nil, true},
		{"both", all, nil, []uint64{1, 2, 3, 4}, true},
		// Shown 2 and 3: "the first one" is the first shown, step 2.
		{"the first one", two, []uint64{2}, nil, true},
		// "the second" is step 3 by place but step 2 by number: ask.
		{"the second", two, nil, []uint64{2, 3}, true},
		{"9", all, nil, nil, true},
		{"I called the housing authority", all, []uint64{1}, nil, false},
		{"I called the housing people", all, []uint64{1}, nil, false},
		{"I did the housing one", all, []uint64{1}, nil, false},
		{"the housing one", all, []uint64{1}, nil, false},
		{"I called them", two, nil, nil, false},
		{"I called them", all[:3], []uint64{1}, nil, false},
		{"I called them", all, nil, []uint64{1, 4}, false},
		{"calling them now done", all[:3], []uint64{1}, nil, false},
		{"I applied", all, []uint64{2}, nil, false},
		{"sent my application for the pass", all, []uint64{2}, nil, false},
		{"bought the fishing pole", all, []uint64{3}, nil, false},
		{"bought the fishing pole and called the job center", all, []uint64{3, 4}, nil, false},
		{"I called them and the job center", all, []uint64{4, 1}, nil, false},
		{"I called my mom", all[:3], nil, nil, false},
		{"I bought the pole", all, []uint64{3}, nil, false},
		{"phoned the housing authority", all, []uint64{1}, nil, false},
		{"went to a meeting", all, nil, nil, false},
		{"I rested a lot", all, nil, nil, false},
	} {
		m := matchSteps(tt.answer, tt.shown)
		if !slices.Equal(ids(m.Sure), tt.sure) || !slices.Equal(ids(m.Ambiguous), tt.ambiguous) || m.OnlyRefs != tt.onlyRefs {
			t.Errorf("%q over %v: sure %v ambiguous %v refs %v; want %v %v %v", tt.answer, ids(tt.shown),
				ids(m.Sure), ids(m.Ambiguous), m.OnlyRefs, tt.sure, tt.ambiguous, tt.onlyRefs)
		}
	}
}

func TestStem_OneWordManyForms(t *testing.T) {
	for _, group := range [][]string{
		{"call", "called", "calling", "calls"},
		{"apply", "applied", "application", "applying"},
		{"house", "housing"},
		{"shop", "shopping"},
	} {
		for _, w := range group[1:] {
			if !sameStem(stem(group[0]), stem(w)) {
				t.Errorf("%q (%q) and %q (%q) differ", group[0], stem(group[0]), w, stem(w))
			}
		}
	}
	if sameStem(stem("call"), stem("calm")) {
		t.Error("call and calm are one word")
	}
}

func TestWhoOf(t *testing.T) {
	now := refNow
	for _, tt := range []struct {
		text  string
		owner store.OwnerKind
		name  string
		ok    bool
	}{
		{"me", store.OwnerMe, "", true},
		{"Me.", store.OwnerMe, "", true},
		{"I", store.OwnerMe, "", true},
		{"myself", store.OwnerMe, "", true},
		{"I will", store.OwnerMe, "", true},
		{"I'll do it", store.OwnerMe, "", true},
		{"yo", store.OwnerMe, "", true},
		{"Yo mismo", store.OwnerMe, "", true},
		{"mi", store.OwnerMe, "", true},
		{"my navigator", store.OwnerNavigator, "", true},
		{"navigator", store.OwnerNavigator, "", true},
		{"mi navegador", store.OwnerNavigator, "", true},
		{"my sister Dana", store.OwnerPerson, "my sister Dana", true},
		{"Dana", store.OwnerPerson, "Dana", true},
		{"my sponsor", store.OwnerPerson, "my sponsor", true},
		{"Dana will do it", store.OwnerPerson, "Dana", true},
		{"keep this date", "", "", false},
		{"Keep this date", "", "", false},
		{"Friday", "", "", false},
		{"tomorrow", "", "", false},
		{"20th", "", "", false},
		{"next week", "", "", false},
		{"June 20", "", "", false},
		{"not sure", "", "", false},
		{"idk", "", "", false},
		{"who?", "", "", false},
		{"🙂", "", "", false},
		{"it will be done by the people at the center I think", "", "", false},
	} {
		owner, name, ok := whoOf(tt.text, now)
		if owner != tt.owner || name != tt.name || ok != tt.ok {
			t.Errorf("whoOf(%q) = %q %q %v; want %q %q %v", tt.text, owner, name, ok, tt.owner, tt.name, tt.ok)
		}
	}
}

// The number beside a step is the same in "steps", the check-in list and
// "done N", whatever order the caller loaded the steps in.
func TestStepNumbers_SameEverywhere(t *testing.T) {
	c := withGoal()
	// Loaded out of order: the numbering must not follow it.
	c.Steps = []store.Step{c.Steps[2], c.Steps[0], c.Steps[1]}
	shown := Step(State{}, Input{Text: "steps"}, c, refNow)
	list := joinReplies(shown.Replies)
	if !strings.Contains(list, "2. Get a fishing license") || !strings.Contains(list, "1. Buy a fishing pole") {
		t.Fatalf("steps show %q", list)
	}
	done := Step(State{}, Input{Text: "done 3"}, c, refNow)
	if !slices.Equal(done.Done, []uint64{13}) {
		t.Fatalf("done 3 marked %v, want step 13 (shown as 3)", done.Done)
	}
	ci := Start(State{}, FlowCheckIn, c, refNow)
	if got := joinReplies(ci.Replies); !strings.Contains(got, "1. Buy a fishing pole") || !strings.Contains(got, "3. Talk with Sam") {
		t.Fatalf("check-in lists %q", got)
	}
	res := Step(ci.State, Input{Text: "3"}, c, refNow)
	if !slices.Equal(res.State.CheckIn.StepsDone, []uint64{13}) {
		t.Fatalf("check-in 3 marked %v", res.State.CheckIn.StepsDone)
	}
}

// The summary numbers a goal's drafts as they will be numbered once saved,
// and "remove step 1" removes the one it showed as 1.
func TestSummary_NumbersAsSaved(t *testing.T) {
	s := State{V: stateVersion, Flow: FlowGoal, Stage: stageConfirm, Goal: GoalDraft{Text: "a job", Steps: []StepDraft{
		{What: "Later step", Due: date(2026, 6, 20), Owner: store.OwnerMe},
		{What: "Sooner step", Due: date(2026, 6, 12), Owner: store.OwnerMe},
	}}}
	res := Step(s, Input{Action: actEdit}, Context{}, refNow)
	res = Step(res.State, Input{Action: actEditDrop}, Context{}, refNow)
	if got := joinReplies(res.Replies); !strings.Contains(got, "1. Sooner step") || !strings.Contains(got, "2. Later step") {
		t.Fatalf("drop list %q", got)
	}
	res = Step(res.State, Input{Text: "1"}, Context{}, refNow)
	if steps := res.State.Goal.Steps; len(steps) != 1 || steps[0].What != "Later step" {
		t.Fatalf("after removing 1: %+v", steps)
	}
	if got := joinReplies(res.Replies); !strings.Contains(got, "1. Later step") {
		t.Fatalf("summary %q", got)
	}
}

func housingGoal() Context {
	c := withGoal()
	c.Goal = &store.Goal{ID: 7, Text: "A place of my own"}
	c.Steps = []store.Step{
		{ID: 21, GoalID: 7, What: "Get my birth certificate", Due: date(2026, 6, 5), DoneAt: refNow.AddDate(0, 0, -6)},
		{ID: 22, GoalID: 7, What: "Fill in the rent form", Due: date(2026, 6, 8), DoneAt: refNow.AddDate(0, 0, -2)},
		{ID: 23, GoalID: 7, What: "Call the housing authority", Due: date(2026, 6, 11)},
		{ID: 24, GoalID: 7, What: "Apply for the bus pass", Due: date(2026, 6, 12)},
		{ID: 25, GoalID: 7, What: "Call the job center", Due: date(2026, 6, 14)},
	}
	return c
}

func TestCheckIn_MatchesWhatMembersSay(t *testing.T) {
	for _, tt := range []struct {
		answer string
		done   []uint64
		did    bool   // kept as what they did
		want   string // in the replies
		stage  Stage
	}{
		{"I called the housing people", []uint64{23}, true, "Marked done: Call the housing authority ✓ — that's stone number 3", stagePlan},
		{"the first one", []uint64{23}, false, "Marked done: Call the housing authority ✓ — that's stone number 3", stagePlan},
		{"number 4", []uint64{24}, false, "Apply for the bus pass ✓ — that's stone number 3", stagePlan},
		{"#4", []uint64{24}, false, "stone number 3", stagePlan},
		{"3 and 5", []uint64{23, 25}, false, "Call the job center ✓ — that's stone number 4", stagePlan},
		{"all of them", []uint64{23, 24, 25}, false, "stone number 5", stagePlan},
		{"I applied!", []uint64{24}, true, "Apply for the bus pass ✓", stagePlan},
		{"I did the housing one", []uint64{23}, true, "Call the housing authority ✓", stagePlan},
		{"I called them", nil, true, "Which did you mean", stageDid},
		{"both", nil, false, "Which did you mean", stageDid},
		{"I went to a meeting", nil, true, "", stagePlan},
		{"7", nil, false, "don't see a step numbered", stageDid},
	} {
		t.Run(tt.answer, func(t *testing.T) {
			c := housingGoal()
			first := Start(State{}, FlowCheckIn, c, refNow)
			res := Step(first.State, Input{Text: tt.answer}, c, refNow)
			got := joinReplies(res.Replies)
			ci := res.State.CheckIn
			if !slices.Equal(ci.StepsDone, tt.done) || (len(ci.Did) > 0) != tt.did || !strings.Contains(got, tt.want) || res.State.Stage != tt.stage {
				t.Fatalf("marked %v did %q stage %q replies %q; want %v did=%v %q %q", ci.StepsDone, ci.Did, res.State.Stage, got, tt.done, tt.did, tt.stage, tt.want)
			}
		})
	}
}

// An answer that fits two steps equally asks which, with a button for
// each; the button marks it and says which stone it is.
func TestCheckIn_Paraphrases(t *testing.T) {
	for _, tt := range []struct {
		answer string
		done   []uint64
	}{
		{"I bought the pole", []uint64{11}},
		{"spoke with Sam", []uint64{13}},
		{"talked to Sam about lessons and bought a pole", []uint64{13, 11}},
		{"Sam and I talked", []uint64{13}},
		{"I went fishing with my dad", nil},
	} {
		c := withGoal()
		first := Start(State{}, FlowCheckIn, c, refNow)
		res := Step(first.State, Input{Text: tt.answer}, c, refNow)
		if got := res.State.CheckIn.StepsDone; !slices.Equal(got, tt.done) {
			t.Errorf("%q marked %v, want %v", tt.answer, got, tt.done)
		}
	}
}

func TestCheckIn_AmbiguousAsksWhich(t *testing.T) {
	c := housingGoal()
	first := Start(State{}, FlowCheckIn, c, refNow)
	res := Step(first.State, Input{Text: "I called them"}, c, refNow)
	last := res.Replies[len(res.Replies)-1]
	var values []string
	for _, ch := range last.Choices {
		values = append(values, ch.Value)
	}
	if !slices.Contains(values, "done:23") || !slices.Contains(values, "done:25") || slices.Contains(values, "done:24") {
		t.Fatalf("which-buttons %+v", last.Choices)
	}
	res = Step(res.State, Input{Action: "done:25"}, c, refNow)
	if got := joinReplies(res.Replies); !strings.Contains(got, "Marked done: Call the job center ✓ — that's stone number 3") {
		t.Fatalf("after the button: %q", got)
	}
	if !slices.Equal(res.State.CheckIn.StepsDone, []uint64{25}) || !slices.Equal(res.State.CheckIn.Did, []string{"I called them"}) {
		t.Fatalf("check-in %+v", res.State.CheckIn)
	}
}

func TestDoneDirect_Matches(t *testing.T) {
	for _, tt := range []struct {
		text string
		done []uint64
		want string
	}{
		{"done 3", []uint64{23}, "Marked done: Call the housing authority ✓ — that's stone number 3"},
		{"done #4", []uint64{24}, "Apply for the bus pass ✓ — that's stone number 3"},
		{"done housing", []uint64{23}, "Call the housing authority ✓"},
		{"done the bus pass", []uint64{24}, "stone number 3"},
		{"done 1", nil, "already done"},
		{"done call", nil, "Which did you mean"},
		{"done 9", nil, "couldn't find that step"},
		{"done all of them", []uint64{23, 24, 25}, "Call the job center ✓ — that's stone number 5"},
	} {
		t.Run(tt.text, func(t *testing.T) {
			res := Step(State{}, Input{Text: tt.text}, housingGoal(), refNow)
			if got := joinReplies(res.Replies); !slices.Equal(res.Done, tt.done) || !strings.Contains(got, tt.want) {
				t.Fatalf("done %v replies %q; want %v %q", res.Done, got, tt.done, tt.want)
			}
		})
	}
}

func TestStepWho_Understood(t *testing.T) {
	atWho := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWho, After: stageStepMore,
		Goal: GoalDraft{Text: "a job"}, Draft: StepDraft{What: "Call the job center", Due: date(2026, 6, 12)}}
	for _, tt := range []struct {
		text  string
		owner store.OwnerKind
		name  string
	}{
		{"me", store.OwnerMe, ""},
		{"yo", store.OwnerMe, ""},
		{"myself", store.OwnerMe, ""},
		{"my navigator", store.OwnerNavigator, ""},
		{"mi navegador", store.OwnerNavigator, ""},
		{"my sister Dana", store.OwnerPerson, "my sister Dana"},
		{"Dana", store.OwnerPerson, "Dana"},
		{"my sponsor", store.OwnerPerson, "my sponsor"},
	} {
		res := Step(atWho, Input{Text: tt.text}, Context{}, refNow)
		steps := res.State.Goal.Steps
		if len(steps) != 1 || steps[0].Owner != tt.owner || steps[0].OwnerName != tt.name || res.State.Stage != stageStepMore {
			t.Errorf("%q: steps %+v stage %q", tt.text, steps, res.State.Stage)
		}
	}
	for _, text := range []string{"keep this date", "Friday", "tomorrow", "20th", "not sure"} {
		res := Step(atWho, Input{Text: text}, Context{}, refNow)
		if len(res.State.Goal.Steps) != 0 || res.State.Stage != stageStepWho {
			t.Errorf("%q became an owner: %+v", text, res.State.Goal.Steps)
			continue
		}
		last := res.Replies[len(res.Replies)-1]
		if len(last.Choices) != len(whoChoices(en)) || last.Choices[0].Value != actWhoMe || last.Choices[1].Value != actWhoNav || last.Choices[2].Value != actWhoOther ||
			!strings.Contains(last.Text, "Who will do") || strings.Contains(joinReplies(res.Replies), "Sorry") {
			t.Errorf("%q: asked again with %+v", text, res.Replies)
		}
	}
	// A stale "Keep this date" button on the who question is not a person either.
	res := Step(atWho, Input{Action: actKeep}, Context{}, refNow)
	if len(res.State.Goal.Steps) != 0 || res.State.Stage != stageStepWho {
		t.Errorf("keep button became an owner: %+v", res.State.Goal.Steps)
	}
	// Asked for a name, "me" is still the member and a date still no one.
	atName := atWho
	atName.Stage = stageStepWhoName
	if res := Step(atName, Input{Text: "me"}, Context{}, refNow); len(res.State.Goal.Steps) != 1 || res.State.Goal.Steps[0].Owner != store.OwnerMe {
		t.Errorf("name stage, me: %+v", res.State.Goal.Steps)
	}
	// (back on the who question, whose buttons now answer it)
	if res := Step(atName, Input{Text: "Friday"}, Context{}, refNow); len(res.State.Goal.Steps) != 0 || res.State.Stage != stageStepWho ||
		len(res.Replies[len(res.Replies)-1].Choices) != len(whoChoices(en)) {
		t.Errorf("name stage, Friday: %+v stage %q", res.State.Goal.Steps, res.State.Stage)
	}
}

// FuzzMatchSteps: no answer panics the matcher or marks a step not shown.
func FuzzMatchSteps(f *testing.F) {
	for _, s := range []string{"the first one", "#2", "1 and 3", "both", "all of them", "I called them", "done", "", "step", "the", "the second and the last", "número 2 y 3"} {
		f.Add(s)
	}
	shown := housingSteps()[1:]
	f.Fuzz(func(t *testing.T, answer string) {
		m := matchSteps(answer, shown)
		for _, ns := range append(m.Sure, m.Ambiguous...) {
			if !slices.ContainsFunc(shown, func(s NumberedStep) bool { return s.Step.ID == ns.Step.ID }) {
				t.Fatalf("%q matched step %d, not shown", answer, ns.Step.ID)
			}
		}
		whoOf(answer, refNow)
	})
}

// TestNumberedSteps_GoalByGoal: with two active goals, the second goal's
// steps are numbered on from the first's whatever their dates, so "done N"
// and "steps" agree.
func TestNumberedSteps_GoalByGoal(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2026, 6, day, 0, 0, 0, 0, time.UTC) }
	steps := []store.Step{
		{ID: 5, GoalID: 2, What: "b1", Due: d(1)},
		{ID: 1, GoalID: 1, What: "a1", Due: d(20)},
		{ID: 2, GoalID: 1, What: "a2"},
	}
	var got []string
	for _, ns := range NumberedSteps(steps) {
		got = append(got, fmt.Sprintf("%d.%s", ns.N, ns.Step.What))
	}
	if want := []string{"1.a1", "2.a2", "3.b1"}; !slices.Equal(got, want) {
		t.Fatalf("numbered %v, want %v", got, want)
	}
}

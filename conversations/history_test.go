package conversations

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// withHistory is withGoal with a dream, its why, and three check-ins.
func withHistory() Context {
	c := withGoal()
	g := *c.Goal
	g.Dream, g.Why = "a quiet river", "it calms me"
	c.Goal = &g
	c.DoneSteps = []store.Step{c.Steps[1]}
	c.CheckIns = []store.CheckIn{ // newest first, as the store gives them
		{ID: 3, SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), StepsDone: []uint64{12}, Did: "read about *knots*", Plan: "call the clinic"},
		{ID: 2, SessionAt: time.Date(2026, 6, 2, 23, 0, 0, 0, time.UTC), Barrier: "setback", Plan: "go to a meeting", Private: []string{"plan"}},
		{ID: 1, SessionAt: time.Date(2026, 5, 26, 23, 0, 0, 0, time.UTC), Barrier: "work, setback"},
	}
	return c
}

func TestHistory_Text(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	many := withHistory()
	many.DoneSteps = nil
	for i := range 12 { // newest first
		many.DoneSteps = append(many.DoneSteps, store.Step{ID: uint64(100 + i), What: fmt.Sprintf("stone %d", 12-i), DoneAt: refNow.AddDate(0, 0, -i)})
	}
	noCheckIns := withGoal()
	noCheckIns.DoneSteps = []store.Step{noCheckIns.Steps[1]}
	tests := []struct {
		name    string
		c       Context
		now     time.Time
		want    []string
		notWant []string
	}{
		{"Empty", Context{}, refNow,
			[]string{"No check-ins yet — your first one comes before your next group session."},
			[]string{"Your dream", "🪨"}},
		{"GoalNoCheckIns", noCheckIns, refNow,
			[]string{"🪨 (1 step done)", "Get a fishing license", "No check-ins yet"},
			[]string{"Your dream"}},
		{"WithCheckIns", withHistory(), refNow,
			[]string{
				"Your dream: “a quiet river” — why it matters: “it calms me”",
				"Your cairn: 🪨 (1 step done)",
				"Tue Jun 9", "Done: Get a fishing license ✓; “read about ∗knots∗”", "Plan: “call the clinic”",
				"Tue Jun 2", "Tue May 26",
			},
			[]string{"*knots*", "No check-ins yet"}},
		{"Setback", withHistory(), refNow,
			[]string{"In the way: a setback — part of recovery\n", "In the way: “work”, a setback — part of recovery"},
			[]string{"“setback”", "relapse"}},
		{"PrivateShownToThemWithALock", withHistory(), refNow,
			[]string{"Plan: “go to a meeting” 🔒"},
			[]string{"Plan: “call the clinic” 🔒"}},
		{"DatesInTheMembersZone", withHistory(), refNow.In(berlin),
			[]string{"Wed Jun 10", "Wed Jun 3", "Wed May 27"},
			[]string{"Tue Jun 9"}},
		{"CairnNewestFirstAtMostTen", many, refNow,
			[]string{strings.Repeat("🪨", 12) + " (12 steps done)", "stone 12", "stone 3", "…and 2 more"},
			[]string{"stone 2\n", "stone 1\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := History(tt.c, tt.now)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("history lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w+"") && w != "" {
					t.Errorf("history has %q:\n%s", w, got)
				}
			}
		})
	}
	if got := History(many, refNow); strings.Index(got, "stone 12") > strings.Index(got, "stone 11") {
		t.Errorf("done steps not newest first:\n%s", got)
	}
}

// "history" works in and out of a flow; in one, the question comes back and
// nothing is taken as an answer.
func TestHistory_Anywhere(t *testing.T) {
	c := withHistory()
	checkIn := Start(State{}, FlowCheckIn, c, refNow).State
	inGoal := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "a cabin", Text: "Find a job by March"}}
	tests := []struct {
		name  string
		s     State
		text  string
		want  []string
		stage Stage
	}{
		{"Idle", State{}, "history", []string{"Your cairn", "Tue Jun 9"}, ""},
		{"IdleMyCheckIns", State{}, "My check-ins", []string{"Tue Jun 9"}, ""},
		{"IdleSpanish", State{}, "mi historial", []string{"Tue Jun 9"}, ""},
		{"PastCheckIns", State{}, "past check-ins", []string{"Tue Jun 9"}, ""},
		{"InCheckIn", checkIn, "my history", []string{"Tue Jun 9", "what did you do"}, stageDid},
		{"InGoal", inGoal, "history", []string{"Tue Jun 9", "Why does this goal matter"}, stageWhy},
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
			if res.State.Stage != tt.stage || res.Changed() {
				t.Fatalf("stage %q (want %q), changed %v", res.State.Stage, tt.stage, res.Changed())
			}
			if len(res.State.CheckIn.Did) != 0 || res.State.Goal.Why != "" {
				t.Fatalf("history taken as an answer: %+v", res.State)
			}
		})
	}
}

func TestHistory_Line(t *testing.T) {
	tests := []struct {
		name string
		c    store.CheckIn
		want string
	}{
		{"StepsAndPlan", store.CheckIn{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), StepsDone: []uint64{1, 2}, Plan: "call the clinic"},
			"Tue Jun 9 — 2 steps done; plan: call the clinic"},
		{"OneStep", store.CheckIn{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), StepsDone: []uint64{1}},
			"Tue Jun 9 — 1 step done"},
		{"DidWords", store.CheckIn{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), Did: "went to *the* workshop"},
			"Tue Jun 9 — did: went to ∗the∗ workshop"},
		{"Setback", store.CheckIn{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), Barrier: "setback", Plan: "a meeting", Private: []string{"plan"}},
			"Tue Jun 9 — a setback — part of recovery; plan: a meeting 🔒"},
		{"Nothing", store.CheckIn{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC)},
			"Tue Jun 9 — checked in"},
		{"NoSessionUsesCreated", store.CheckIn{CreatedAt: time.Date(2026, 6, 8, 15, 0, 0, 0, time.UTC), Plan: "rest"},
			"Mon Jun 8 — plan: rest"},
		{"LongPlanShortened", store.CheckIn{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), Plan: strings.Repeat("a", 200)},
			"Tue Jun 9 — plan: " + strings.Repeat("a", 59) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HistoryLine(en, tt.c, refNow); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The cairn holds every goal's finished steps, a let-go goal's too, newest
// first; the check-ins come as the store's view holds them.
func TestHistory_ContextOf(t *testing.T) {
	at := func(d int) time.Time { return refNow.AddDate(0, 0, -d) }
	v := store.View{
		Goals: []store.GoalSteps{
			{Goal: store.Goal{ID: 1, Status: store.GoalDropped}, Steps: []store.Step{{ID: 1, DoneAt: at(5)}, {ID: 2}}},
			{Goal: store.Goal{ID: 2, Status: store.GoalActive}, Steps: []store.Step{{ID: 3, DoneAt: at(9)}, {ID: 4, DoneAt: at(1)}}},
		},
		CheckIns: []store.CheckIn{{ID: 8}, {ID: 7}},
	}
	c := ContextOf(v)
	var ids []uint64
	for _, st := range c.DoneSteps {
		ids = append(ids, st.ID)
	}
	if fmt.Sprint(ids) != "[4 1 3]" || len(c.CheckIns) != 2 || c.CheckIns[0].ID != 8 {
		t.Errorf("done steps %v, check-ins %+v", ids, c.CheckIns)
	}
}

package conversations

import (
	"encoding/json"
	"slices"
	"testing"
	"unicode/utf8"
)

// allStages lists every question, so the fuzzer tries every input at each.
var allStages = []Stage{stageDream, stageHappy, stageGoal, stageMeasure, stageWhy, stageSupport,
	stageStepWhat, stageStepWhen, stageStepFar, stageStepWho, stageStepWhoName, stageStepMore,
	stageConfirm, stageEdit, stageDropStep, stageDid, stageBarrier, stageBarrierOther, stagePlan,
	stagePlanAsStep, stageImportance, stageConfidence, stageEnjoy}

// FuzzStep feeds arbitrary text and button values to every stage: a turn must
// never panic, always answer, and leave a state that saves and loads.
func FuzzStep(f *testing.F) {
	for _, seed := range []string{"", "hi", "back", "stop", "1", "done 2", "save it", "🎉", "Friday", "nothing", "7", "\x00", "the 31st"} {
		f.Add(seed, "", uint8(0))
		f.Add("", seed, uint8(3))
	}
	f.Fuzz(func(t *testing.T, text, action string, stageIndex uint8) {
		c := withGoal()
		stage := allStages[int(stageIndex)%len(allStages)]
		flow := FlowGoal
		if slices.Index(allStages, stage) >= slices.Index(allStages, stageDid) {
			flow = FlowCheckIn
		}
		s := State{V: stateVersion, Flow: flow, Stage: stage,
			Goal:  GoalDraft{Text: "Learn to fly-fish", Steps: []StepDraft{{What: "Buy a pole", Due: date(2026, 6, 12)}}},
			Draft: StepDraft{What: "Buy a pole", Due: date(2026, 6, 12)}}
		for _, st := range []State{s, {}} {
			res := Step(st, Input{Text: text, Action: action}, c, refNow)
			if len(res.Replies) == 0 {
				t.Fatalf("no reply at %q to %q/%q", stage, text, action)
			}
			for _, r := range res.Replies {
				if r.Text == "" || (utf8.ValidString(text) && !utf8.ValidString(r.Text)) {
					t.Fatalf("bad reply %q at %q to %q/%q", r.Text, stage, text, action)
				}
			}
			b, err := json.Marshal(res.State)
			if err != nil {
				t.Fatal(err)
			}
			var back State
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
		}
	})
}

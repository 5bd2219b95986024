package conversations

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestCheckIn_JustForMe walks check-ins in which answers are kept just
// for the member: the button is offered on the question after an answer,
// marks that answer (and only it), and goes once pressed.
func TestCheckIn_JustForMe(t *testing.T) {
	c := withGoal()
	start := Start(State{}, FlowCheckIn, c, refNow).State
	for _, tc := range []struct {
		name    string
		rows    []row
		private []string
	}{
		{"what I did", []row{
			{text: "I practised casting in the park", want: "[Just for me]", stage: stagePlan},
			{action: "private:did", want: "Kept just for you", stage: stagePlan},
			{text: "go to the river", stage: stagePlanAsStep},
			{text: "no", stage: stageImportance},
			{text: "7", stage: stageConfidence},
			{text: "5", want: "saved", stage: ""},
		}, []string{"did"}},
		{"what got in the way, typed", []row{
			{text: "nothing", stage: stageBarrier},
			{text: "health", want: "[Just for me]", stage: stagePlan},
			{text: "just for me", want: "Kept just for you", stage: stagePlan},
			{text: "rest", stage: stagePlanAsStep},
			{text: "no", stage: stageImportance},
			{text: "skip", stage: stageConfidence},
			{text: "skip", stage: ""},
		}, []string{"barrier"}},
		{"the plan, then what I did is no longer offered", []row{
			{text: "I practised casting", stage: stagePlan},
			{text: "go to the river", want: "[Just for me]", stage: stagePlanAsStep},
			{action: "private:did", stage: stagePlanAsStep}, // not the answer just given: ignored
			{action: "private:plan", want: "Kept just for you", stage: stagePlanAsStep},
			{text: "no", stage: stageImportance},
			{text: "7", stage: stageConfidence},
			{text: "5", stage: ""},
		}, []string{"plan"}},
		{"both", []row{
			{text: "I practised casting", stage: stagePlan},
			{action: "private:did", stage: stagePlan},
			{text: "not sure", want: "[Just for me]", stage: stageImportance},
			{action: "private:plan", want: "how important", stage: stageImportance},
			{text: "7", stage: stageConfidence},
			{text: "5", stage: ""},
		}, []string{"did", "plan"}},
		{"none", []row{
			{text: "I practised casting", stage: stagePlan},
			{text: "go to the river", stage: stagePlanAsStep},
			{text: "no", stage: stageImportance},
			{text: "7", stage: stageConfidence},
			{text: "5", stage: ""},
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, res := walk(t, start, c, refNow, tc.rows)
			ci := res[len(res)-1].CheckIn
			if ci == nil {
				t.Fatal("no check-in saved")
			}
			if !reflect.DeepEqual(ci.Private, tc.private) {
				t.Fatalf("private = %v, want %v", ci.Private, tc.private)
			}
		})
	}
}

// TestCheckIn_JustForMeOnlyOnce: once kept, the button is gone, and it is
// not offered on a question that follows no answer of the member's words.
func TestCheckIn_JustForMeOnlyOnce(t *testing.T) {
	c := withGoal()
	s, res := walk(t, Start(State{}, FlowCheckIn, c, refNow).State, c, refNow, []row{
		{action: "done:11", stage: stageDid},
		{action: actThatsIt, stage: stagePlan},
	})
	if strings.Contains(joinReplies(res[1].Replies), en.JustForMe) {
		t.Fatalf("offered after steps tapped, with no words to keep: %q", joinReplies(res[1].Replies))
	}
	_, res = walk(t, s, c, refNow, []row{
		{text: "go to the river", want: "[Just for me]", stage: stagePlanAsStep},
		{action: "private:plan", stage: stagePlanAsStep},
	})
	if strings.Contains(joinReplies(res[1].Replies), "["+en.JustForMe+"]") {
		t.Fatalf("still offered once kept: %q", joinReplies(res[1].Replies))
	}
}

func TestWhoSees(t *testing.T) {
	for sh, want := range map[string]string{"all": "sees what you write", "steps": "the steps you finish", "checked_in": "only whether you checked in", "": "the steps you finish"} {
		if got := WhoSees(en, storeSharing(sh)); !strings.Contains(got, want) || !strings.Contains(got, "/cairn privacy") {
			t.Errorf("WhoSees(%q) = %q", sh, got)
		}
	}
}

func storeSharing(s string) store.Sharing { return store.Sharing(s) }

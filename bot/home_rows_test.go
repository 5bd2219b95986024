package bot

import (
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestFacRows_StuckAndTheQuestion: who counts as stuck (no progress in the
// sessions held lately, only while they and the group existed, not while
// away, not once they progress for the next session), and which question
// the facilitator is offered.
func TestFacRows_StuckAndTheQuestion(t *testing.T) {
	chicago, _ := time.LoadLocation("America/Chicago")
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago) // a Wednesday
	tue := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 18, 0, 0, 0, chicago) }
	fg := facGroup{
		g:      store.Group{ID: "C1", CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Members: []string{"U1"}},
		next:   tue(6, 16),
		held:   []time.Time{tue(5, 19), tue(5, 26), tue(6, 2), tue(6, 9)},
		before: tue(5, 12),
	}
	old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	goal := func(steps ...store.Step) []store.GoalSteps {
		return []store.GoalSteps{{Goal: store.Goal{ID: 1, Text: "a goal", Status: store.GoalActive}, Steps: steps}}
	}
	soon := store.Step{ID: 1, GoalID: 1, Due: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)}
	w := conversations.WordsFor(conversations.English)
	for _, c := range []struct {
		name    string
		r       store.Roster
		sharing store.Sharing
		stuck   int
		ask     string
	}{
		{"NothingForMonths", store.Roster{Member: store.Member{CreatedAt: old}, Goals: goal(soon)}, store.ShareSteps, 4, w.FacAskStill},
		{"NoGoal", store.Roster{Member: store.Member{CreatedAt: old}}, store.ShareSteps, 4, w.FacAskStart},
		{"AnOverdueStep", store.Roster{Member: store.Member{CreatedAt: old},
			Goals: goal(store.Step{ID: 2, GoalID: 1, Due: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})}, store.ShareSteps, 4, w.FacAskSmaller},
		{"LowConfidenceSharedWithThem", store.Roster{Member: store.Member{CreatedAt: old}, Goals: goal(soon),
			CheckIns: []store.CheckIn{{GroupID: "C1", SessionAt: tue(6, 16), Confidence: 2}}}, store.ShareAll, 4, w.FacAskLikely},
		{"LowConfidenceNotShared", store.Roster{Member: store.Member{CreatedAt: old}, Goals: goal(soon),
			CheckIns: []store.CheckIn{{GroupID: "C1", SessionAt: tue(6, 16), Confidence: 2}}}, store.ShareSteps, 4, w.FacAskStill},
		{"AStepDoneLastWeek", store.Roster{Member: store.Member{CreatedAt: old},
			Goals: goal(soon, store.Step{ID: 3, GoalID: 1, Due: time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC), DoneAt: tue(6, 5)})}, store.ShareSteps, 0, ""},
		{"DidSomethingTwoSessionsAgo", store.Roster{Member: store.Member{CreatedAt: old}, Goals: goal(soon),
			CheckIns: []store.CheckIn{{GroupID: "C1", SessionAt: tue(6, 2), Did: "called"}}}, store.ShareSteps, 1, ""},
		{"ProgressForTheNextSession", store.Roster{Member: store.Member{CreatedAt: old}, Goals: goal(soon),
			CheckIns: []store.CheckIn{{GroupID: "C1", SessionAt: tue(6, 16), StepsDone: []uint64{1}}}}, store.ShareSteps, 0, ""},
		{"ACheckInForAnotherGroup", store.Roster{Member: store.Member{CreatedAt: old}, Goals: goal(soon),
			CheckIns: []store.CheckIn{{GroupID: "C2", SessionAt: tue(6, 16), StepsDone: []uint64{1}}}}, store.ShareSteps, 4, w.FacAskStill},
		{"NewToCairn", store.Roster{Member: store.Member{CreatedAt: time.Date(2026, 6, 3, 0, 0, 0, 0, time.UTC)}, Goals: goal(soon)}, store.ShareSteps, 1, ""},
		{"Away", store.Roster{Member: store.Member{CreatedAt: old, PausedUntil: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}, Goals: goal(soon)}, store.ShareSteps, 0, ""},
		{"SharesOnlyCheckingIn", store.Roster{Member: store.Member{CreatedAt: old}, Goals: goal(soon)}, store.ShareCheckedIn, 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.r.ID, c.r.Member.ID = "U1", "U1"
			g := fg
			g.g.Sharing = map[string]store.Sharing{"U1": c.sharing}
			g.rosters = []store.Roster{c.r}
			rows := facRows(w, g, []store.Group{g.g}, now)
			if len(rows) != 1 {
				t.Fatalf("%d rows", len(rows))
			}
			if rows[0].stuck != c.stuck || rows[0].ask != c.ask {
				t.Errorf("stuck %d, ask %q; want %d, %q", rows[0].stuck, rows[0].ask, c.stuck, c.ask)
			}
		})
	}
}

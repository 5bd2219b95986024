package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// BenchmarkRecapForm measures what opening (and, the same reads again,
// submitting) the recap form costs before Slack's 3-second deadline: a
// group of 50 members, each with a goal, 5 steps (one to practise) and a
// year of weekly check-ins, read for the session just held and laid out.
func BenchmarkRecapForm(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "cairn.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ny, _ := time.LoadLocation("America/New_York")
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", ny)
	if err != nil {
		b.Fatal(err)
	}
	session := time.Date(2026, 6, 9, 18, 0, 0, 0, ny)
	g := store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Facilitators: []string{"UFAC"}, Sharing: map[string]store.Sharing{}}
	for i := range 50 {
		id := fmt.Sprintf("U%03d", i)
		g.Members = append(g.Members, id)
		g.Sharing[id] = store.ShareAll
		if err := st.SaveMember(ctx, store.Member{ID: id, Name: id}); err != nil {
			b.Fatal(err)
		}
		var steps []store.Step
		for j := range 5 {
			steps = append(steps, store.Step{What: "a step", Due: time.Date(2026, 6, 20+j, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe, Practise: j == 0})
		}
		if _, err := st.ApplyTurn(ctx, store.Turn{MemberID: id, At: session.AddDate(-1, 0, 0),
			Goal: &store.Goal{Text: "a goal", Status: store.GoalActive}, NewSteps: steps}); err != nil {
			b.Fatal(err)
		}
		for w := range 52 {
			at := session.AddDate(0, 0, -7*w)
			if _, err := st.ApplyTurn(ctx, store.Turn{MemberID: id, At: at, CheckIn: &store.CheckIn{MemberID: id, GroupID: "C1", SessionAt: at,
				Did: "walked", Plan: "walk again", Importance: 7, Confidence: 6}}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := st.SaveGroup(ctx, g); err != nil {
		b.Fatal(err)
	}
	bt, err := New(Config{BotToken: "xoxb-bench", AppToken: "xapp-bench", APIURL: "http://127.0.0.1:1/"}, st)
	if err != nil {
		b.Fatal(err)
	}
	defer bt.Close()
	w := conversations.WordsFor(conversations.English)
	now := session.Add(time.Hour)
	b.ResetTimer()
	for b.Loop() {
		o, err := bt.recapOfferFor(ctx, g, session.UTC())
		if err != nil {
			b.Fatal(err)
		}
		if len(o.checkedIn) != 50 {
			b.Fatalf("%d checked in", len(o.checkedIn))
		}
		_ = recapModal(w, conversations.English, g, []time.Time{session.UTC()}, session.UTC(), o, store.Recap{}, false, false, "", now)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/form")
}

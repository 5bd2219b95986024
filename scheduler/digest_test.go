package scheduler_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// postedPart is one message of a delivery as the fake Slack got it.
type postedPart struct {
	part, parts int
	status      int
	text        string   // the notification text
	sections    []string // the sections' text, in order
	buttons     []string // the buttons' values
	blocks      int
	lead        string // the first block's type and text: "header: …", "context: …"
}

// partsOf lists the messages posted for a delivery key, in the order they
// were posted (failed calls included, with their status).
func partsOf(t *testing.T, fake *fakeslack.Server, key string) []postedPart {
	t.Helper()
	var out []postedPart
	for _, c := range fake.CallsTo("chat.postMessage") {
		var meta struct {
			EventType    string `json:"event_type"`
			EventPayload struct {
				Key   string `json:"key"`
				Part  *int   `json:"part"`
				Parts int    `json:"parts"`
			} `json:"event_payload"`
		}
		if c.Decode("metadata", &meta) != nil || meta.EventPayload.Key != key {
			continue
		}
		var blocks []struct {
			Type string `json:"type"`
			Text *struct {
				Text string `json:"text"`
			} `json:"text"`
			Elements []struct {
				Value string `json:"value"`
			} `json:"elements"`
		}
		if err := c.Decode("blocks", &blocks); err != nil {
			t.Fatal(err)
		}
		p := postedPart{parts: meta.EventPayload.Parts, status: c.Status, text: c.Params["text"], blocks: len(blocks)}
		var raw []struct {
			Type string `json:"type"`
			Text *struct {
				Text string `json:"text"`
			} `json:"text"`
			Elements []struct {
				Text json.RawMessage `json:"text"` // a string in a context block, an object in a button
			} `json:"elements"`
		}
		if err := c.Decode("blocks", &raw); err != nil {
			t.Fatal(err)
		}
		if len(raw) > 0 {
			var text string
			switch {
			case raw[0].Text != nil:
				text = raw[0].Text.Text
			case len(raw[0].Elements) > 0:
				_ = json.Unmarshal(raw[0].Elements[0].Text, &text)
			}
			p.lead = raw[0].Type + ": " + text
		}
		if meta.EventPayload.Part == nil {
			t.Fatalf("a part of %s is not tagged with its place: %s", key, c.Params["metadata"])
		}
		p.part = *meta.EventPayload.Part
		for _, b := range blocks {
			if b.Type == "section" && b.Text != nil {
				p.sections = append(p.sections, b.Text.Text)
			}
			if b.Type == "actions" {
				for _, e := range b.Elements {
					p.buttons = append(p.buttons, e.Value)
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// withinSlackLimits fails the test for a message Slack would refuse or clip.
func withinSlackLimits(t *testing.T, ps []postedPart) {
	t.Helper()
	for _, p := range ps {
		if p.blocks > 50 {
			t.Errorf("part %d has %d blocks; Slack takes 50", p.part, p.blocks)
		}
		for _, s := range p.sections {
			if n := utf8.RuneCountInString(s); n > 3000 {
				t.Errorf("part %d has a section of %d characters; Slack takes 3,000", p.part, n)
			}
			if strings.HasSuffix(s, "…") {
				t.Errorf("part %d has a clipped section: …%s", p.part, s[max(0, len(s)-80):])
			}
		}
		if n := utf8.RuneCountInString(p.text); n > 40000 {
			t.Errorf("part %d has a notification text of %d characters", p.part, n)
		}
	}
}

// sixtyMembers is a group of 60 with a bit of everything: unreachable,
// new and not yet checked in, stuck (not checked in twice), checked in and
// sharing everything (long words, a step to practise, a goal reached),
// checked in and sharing steps (a goal reached, a step to practise), away.
type sixtyMembers struct {
	w       *world
	session time.Time
	names   []string
	kind    []int // i % 6, as above
}

func newSixty(t *testing.T) *sixtyMembers {
	t.Helper()
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
	s := &sixtyMembers{w: newWorld(t, start), session: sixtySession}
	s.names, s.kind = seedSixty(t, s.w.st, start)
	s.w.sched.Replan()
	return s
}

// sixtySession is the session the sixty members' digest is for.
var sixtySession = time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)

// seedSixty saves the sixty members, their group C1 (facilitator UFAC,
// navigator UNAV), goals, steps and check-ins, as of start.
func seedSixty(tb testing.TB, st *store.Store, start time.Time) (names []string, kinds []int) {
	tb.Helper()
	ctx := context.Background()
	prev := time.Date(2026, 6, 9, 18, 0, 0, 0, newYork)
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", newYork)
	if err != nil {
		tb.Fatal(err)
	}
	long := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	g := store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Facilitators: []string{"UFAC"}, Navigators: []string{"UNAV"}, CreatedAt: long,
		Sharing: map[string]store.Sharing{}, NavigatorOf: map[string]string{}}
	people := []store.Member{{ID: "UFAC", Name: "Fay", TZ: "America/New_York"}, {ID: "UNAV", Name: "Nia", TZ: "America/New_York"}}
	for i := range 60 {
		id, name := fmt.Sprintf("U%03d", i), fmt.Sprintf("Member%02d", i)
		m := store.Member{ID: id, Name: name, TZ: "America/New_York", CreatedAt: long}
		switch i % 6 {
		case 0:
			m.Unreachable, m.UnreachableAt = "account_inactive", long
		case 1:
			m.CreatedAt = prev.Add(24 * time.Hour).UTC() // joined after the last session
			if i == 1 {
				g.Sharing[id] = store.ShareCheckedIn // and a goal reached, a step to practise: not shown
			}
		case 3:
			g.Sharing[id] = store.ShareAll
		case 5:
			m.PausedUntil = sixtySession.Add(7 * 24 * time.Hour)
		}
		g.Members = append(g.Members, id)
		g.NavigatorOf[id] = "UNAV"
		people = append(people, m)
		names = append(names, name)
		kinds = append(kinds, i%6)
	}
	for _, m := range people {
		if err := st.SaveMember(ctx, m); err != nil {
			tb.Fatal(err)
		}
	}
	if err := st.SaveGroup(ctx, g); err != nil {
		tb.Fatal(err)
	}
	for i, id := range g.Members {
		turn := store.Turn{MemberID: id, At: start,
			Goal:     &store.Goal{Text: "Find a part-time job", Status: store.GoalActive},
			NewSteps: []store.Step{{What: fmt.Sprintf("Ask %s's neighbour over for coffee PRACTISE%02d", names[i], i), Due: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe, Practise: true}}}
		if _, err := st.ApplyTurn(ctx, turn); err != nil {
			tb.Fatal(err)
		}
		if kinds[i] == 3 || kinds[i] == 4 || i == 1 {
			reached := store.Turn{MemberID: id, At: start, Goal: &store.Goal{Text: fmt.Sprintf("Get my driving licence GOAL%02d", i),
				Status: store.GoalDone, AchievedAt: time.Date(2026, 6, 12, 12, 0, 0, 0, time.UTC)}}
			if _, err := st.ApplyTurn(ctx, reached); err != nil {
				tb.Fatal(err)
			}
			if i == 1 {
				continue
			}
			c := &store.CheckIn{GroupID: "C1", SessionAt: sixtySession.UTC(), StepsDone: []uint64{1, 2},
				Did:     strings.Repeat("I went to the clinic & talked to the nurse about my sleep. ", 4) + fmt.Sprintf("DID%02d", i),
				Barrier: "Money, Transport", Plan: strings.Repeat("Call the housing office again. ", 6), Importance: 8, Confidence: 6}
			if i == 3 {
				// Longer than a section can hold: split, never clipped.
				c.Did = strings.Repeat("One more thing & another. ", 200) + "DID03"
			}
			if _, err := st.ApplyTurn(ctx, store.Turn{MemberID: id, At: start.Add(time.Hour), CheckIn: c}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return names, kinds
}

// TestDigest_SixtyMembersWhole: a digest of 60 members goes out in several
// messages, each within Slack's limits, with every member in it once,
// those who may need the facilitator first, steps to practise and goals
// reached as each member shares.
func TestDigest_SixtyMembersWhole(t *testing.T) {
	s := newSixty(t)
	w := s.w
	w.run(s.session.Add(-30*time.Minute), 30*time.Minute)

	key := store.DeliveryKey(store.DeliverDigest, "C1", s.session, "UFAC")
	parts := partsOf(t, w.fake, key)
	if len(parts) < 2 {
		t.Fatalf("the digest went out in %d message(s); 60 members need more than one", len(parts))
	}
	withinSlackLimits(t, parts)
	t.Logf("60 members: %d messages", len(parts))
	var sections []string
	for i, p := range parts {
		if p.status != 200 || p.part != i || p.parts != len(parts) {
			t.Fatalf("message %d: status %d, tagged part %d of %d; want part %d of %d, posted once each, in order", i, p.status, p.part, p.parts, i, len(parts))
		}
		want := fmt.Sprintf("context: (continued, %d of %d)", i+1, len(parts))
		if i == 0 {
			want = "header: Tuesday group: before the session"
		}
		if p.lead != want {
			t.Errorf("message %d starts with %q, want %q", i, p.lead, want)
		}
		sections = append(sections, p.sections...)
	}
	all := strings.Join(sections, "\n")

	// Each member has exactly one section of their own, in the right place.
	place := map[string]int{}
	for i, name := range s.names {
		n := 0
		for j, sec := range sections {
			if (strings.HasPrefix(sec, name+" ") || strings.HasPrefix(sec, name+":") || strings.HasPrefix(sec, "✓ "+name+" ") || strings.HasPrefix(sec, "✓ "+name+":")) &&
				!strings.Contains(sec, "would like to practise") {
				n++
				place[name] = j
			}
		}
		if n != 1 {
			t.Errorf("%s (kind %d) has %d sections, want 1", name, s.kind[i], n)
		}
	}
	firstFine, lastNeedy := len(sections), -1
	for i, name := range s.names {
		switch s.kind[i] {
		case 0, 1, 2:
			lastNeedy = max(lastNeedy, place[name])
		case 3, 4:
			firstFine = min(firstFine, place[name])
		}
	}
	if lastNeedy > firstFine {
		t.Errorf("a member who may need the facilitator (section %d) comes after one who checked in (section %d)", lastNeedy, firstFine)
	}
	for i, name := range s.names {
		var want []string
		var not []string
		switch s.kind[i] {
		case 0:
			want = []string{name + " can't be reached on Slack"}
		case 1:
			want = []string{name + " hasn't checked in yet."}
			not = []string{name + ": no progress"}
			if i == 1 {
				not = append(not, name+" reached", name+" would like to practise")
			}
		case 2:
			want = []string{name + ": no progress for 2 sessions in a row.", name + " hasn't checked in yet."}
		case 3:
			want = []string{fmt.Sprintf("DID%02d", i), "in the way: “Money, Transport”", fmt.Sprintf("%s reached their goal: “Get my driving licence GOAL%02d”", name, i),
				fmt.Sprintf("%s would like to practise: “Ask %s's neighbour over for coffee PRACTISE%02d”", name, name, i)}
		case 4:
			want = []string{"✓ " + name + ": 2 steps done", name + " reached a goal since the last session.", name + " would like to practise one of their steps."}
			not = []string{fmt.Sprintf("DID%02d", i), fmt.Sprintf("GOAL%02d", i), fmt.Sprintf("PRACTISE%02d", i)}
		case 5:
			want = []string{name + " is away, back Tuesday, June 23."}
			not = []string{fmt.Sprintf("PRACTISE%02d", i)}
		}
		for _, wt := range want {
			if !strings.Contains(all, wt) {
				t.Errorf("the digest lacks %q", wt)
			}
		}
		for _, n := range not {
			if strings.Contains(all, n) {
				t.Errorf("the digest shows %q, which its member does not share", n)
			}
		}
	}
	if !strings.HasPrefix(sections[0], "Tuesday group meets today at 6:00 PM. 20 of 50 checked in.") {
		t.Errorf("the digest starts %q", sections[0])
	}
	if i := strings.Index(all, "To practise in the group"); i < 0 || i > strings.Index(all, "Member03 would like") {
		t.Errorf("the steps to practise are not under their heading")
	}
}

// TestNavigatorList_SixtyMembersWhole: a navigator's morning list of 60
// members goes out in several messages within Slack's limits, every
// member listed once with their own nudge button.
func TestNavigatorList_SixtyMembersWhole(t *testing.T) {
	s := newSixty(t)
	w := s.w
	w.run(time.Date(2026, 6, 15, 10, 0, 0, 0, newYork), 30*time.Minute)

	var key string
	for _, d := range w.deliveries() {
		if d.kind == store.DeliverNudges && d.to == "UNAV" {
			key = d.key
		}
	}
	if key == "" {
		t.Fatal("no navigator's list was sent")
	}
	parts := partsOf(t, w.fake, key)
	if len(parts) < 2 {
		t.Fatalf("the list went out in %d message(s); 60 members need more than one", len(parts))
	}
	withinSlackLimits(t, parts)
	all, buttons := "", map[string]int{}
	for i, p := range parts {
		if p.status != 200 || p.part != i || p.parts != len(parts) {
			t.Fatalf("message %d: status %d, tagged part %d of %d", i, p.status, p.part, p.parts)
		}
		if want := fmt.Sprintf("context: (continued, %d of %d)", i+1, len(parts)); i > 0 && p.lead != want {
			t.Errorf("message %d starts with %q, want %q", i, p.lead, want)
		}
		all += strings.Join(p.sections, "\n") + "\n"
		for _, b := range p.buttons {
			buttons[b]++
		}
	}
	for i, name := range s.names {
		if s.kind[i] == 5 {
			continue // away: their steps still show, but they missed nothing
		}
		if strings.Count(all, "• "+name+" (") != 1 {
			t.Errorf("%s is listed %d times, want once", name, strings.Count(all, "• "+name+" ("))
		}
		if buttons[fmt.Sprintf("nudge:U%03d", i)] != 1 {
			t.Errorf("%s has %d nudge buttons, want 1", name, buttons[fmt.Sprintf("nudge:U%03d", i)])
		}
	}
}

// TestDigest_APartThatMayHaveArrivedIsNotPostedTwice: a digest goes out in
// several messages; when one fails in a way that may have posted it (Slack
// kept it and answered 500) or surely not, the next attempt looks in the
// DM and posts only the parts missing, so the facilitator gets every part
// once, in order.
func TestDigest_APartThatMayHaveArrivedIsNotPostedTwice(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before int // parts that go through before the failure
		fail   fakeslack.Failure
	}{
		{"the second kept but failed", 1, fakeslack.KeptButFailed()},
		{"the second lost", 1, fakeslack.ServerError()},
		{"the second refused", 1, fakeslack.SlackError("invalid_arguments")}, // surely not posted: still, the first was
		{"the first kept but failed", 0, fakeslack.KeptButFailed()},
		{"the third kept but failed", 2, fakeslack.KeptButFailed()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSixty(t)
			w := s.w
			w.run(s.session.Add(-90*time.Minute), 30*time.Minute) // up to before the digest
			if tc.before > 0 {
				w.fake.FailNext("chat.postMessage", tc.before, fakeslack.Failure{}) // through, as usual
			}
			w.fake.FailNext("chat.postMessage", 1, tc.fail)
			w.run(s.session.Add(-30*time.Minute), 30*time.Minute) // the digest, then its retry

			key := store.DeliveryKey(store.DeliverDigest, "C1", s.session, "UFAC")
			attempts := partsOf(t, w.fake, key)
			if len(attempts) < 3 || attempts[tc.before].status == 200 && tc.fail.Error == "" {
				t.Fatalf("the failure did not hit part %d: %+v", tc.before+1, attempts)
			}
			// What the facilitator's DM holds: each part once, in order.
			var places []int
			for _, m := range w.fake.Messages(fakeslack.DMChannel("UFAC")) {
				var meta struct {
					EventPayload struct {
						Key  string `json:"key"`
						Part int    `json:"part"`
					} `json:"event_payload"`
				}
				if m.Metadata != nil && json.Unmarshal(m.Metadata, &meta) == nil && meta.EventPayload.Key == key {
					places = append(places, meta.EventPayload.Part)
				}
			}
			n := attempts[0].parts
			if len(places) != n {
				t.Fatalf("the DM holds parts %v of %d: want each once", places, n)
			}
			for i, p := range places {
				if p != i {
					t.Fatalf("the DM holds parts %v: want 0…%d in order", places, n-1)
				}
			}
			d, err := w.st.Delivery(context.Background(), key)
			if err != nil || d.State != store.DeliverySent {
				t.Fatalf("the digest's delivery is %q (%v), want sent", d.State, err)
			}
		})
	}
}

// TestDigest_ARelapseIsNeverProgress: a member who tells Cairn of a
// relapse at two check-ins in a row has made no progress (and comes first
// in the digest, gently), and the digest names it as a setback that is
// part of recovery, never as "in the way: setback" or as something done.
func TestDigest_ARelapseIsNeverProgress(t *testing.T) {
	start := time.Date(2026, 6, 8, 8, 0, 0, 0, newYork)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	w.saveGroup(store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}, CreatedAt: start.UTC(),
		Sharing: map[string]store.Sharing{"UANA": store.ShareAll, "UBEN": store.ShareAll}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York", CreatedAt: start.UTC()},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "America/New_York", CreatedAt: start.UTC()},
		store.Member{ID: "UFAC", Name: "Fay", TZ: "America/New_York", CreatedAt: start.UTC()})
	w.giveGoal("UANA")
	w.giveGoal("UBEN")
	first := time.Date(2026, 6, 9, 18, 0, 0, 0, newYork)
	second := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	w.run(first.Add(-20*time.Hour), 15*time.Minute)
	w.answer("UBEN", "I relapsed", "go to a meeting", "no thanks", "skip", "skip")
	w.answer("UANA", "I called the job center", "go to the interview", "no thanks", "skip", "skip")
	w.run(second.Add(-20*time.Hour), 15*time.Minute)
	w.answer("UBEN", "I used again", "call my sponsor", "no thanks", "skip", "skip", "skip") // the last: "Could the next step be smaller?"
	w.answer("UANA", "I went to the interview", "wait for the call", "no thanks", "skip", "skip")
	w.run(second, 15*time.Minute)

	digest := assertOnce(t, w.deliveries())[store.DeliveryKey(store.DeliverDigest, "C1", second, "UFAC")].text
	for _, want := range []string{"Ben: no progress for 2 sessions in a row.", "had a setback — part of recovery, not a failure", "plans “call my sponsor”"} {
		if !strings.Contains(digest, want) {
			t.Errorf("digest lacks %q:\n%s", want, digest)
		}
	}
	for _, not := range []string{"“setback”", "did “I used again”", "Ana: no progress"} {
		if strings.Contains(digest, not) {
			t.Errorf("digest has %q:\n%s", not, digest)
		}
	}
	if strings.Index(digest, "Ben") > strings.Index(digest, "Ana") {
		t.Errorf("Ben, who may need the facilitator, comes after Ana:\n%s", digest)
	}
}

// TestDigest_NeverZeroOfZero: a group nobody has joined yet, and one whose
// only member is away, get a digest that says so, never "0 of 0".
func TestDigest_NeverZeroOfZero(t *testing.T) {
	start := time.Date(2026, 6, 8, 8, 0, 0, 0, newYork)
	session := time.Date(2026, 6, 9, 18, 0, 0, 0, newYork)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	fay := store.Member{ID: "UFAC", Name: "Fay", TZ: "America/New_York", CreatedAt: start.UTC()}
	w.saveGroup(store.Group{ID: "C1", Name: "New group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Facilitators: []string{"UFAC"}, CreatedAt: start.UTC()}, fay)
	w.saveGroup(store.Group{ID: "C2", Name: "Summer group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UANA"}, Facilitators: []string{"UFAC"}, CreatedAt: start.UTC()},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York", CreatedAt: start.UTC(), PausedUntil: session.AddDate(0, 0, 14)})
	w.run(session.Add(-30*time.Minute), 15*time.Minute)

	got := assertOnce(t, w.deliveries())
	for group, want := range map[string]string{
		"C1": "New group meets today at 6:00 PM. Nobody has joined the group yet",
		"C2": "Summer group meets today at 6:00 PM. Everyone is away this time.",
	} {
		digest := got[store.DeliveryKey(store.DeliverDigest, group, session, "UFAC")].text
		if !strings.Contains(digest, want) || strings.Contains(digest, "0 of 0") {
			t.Errorf("the digest of %s reads:\n%s\nwant %q, never 0 of 0", group, digest, want)
		}
	}
}

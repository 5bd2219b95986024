package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// fillPerson gives a member a record, a goal with a step, a check-in, a
// conversation, a reply waiting, an input waiting, and a prompt planned,
// every text carrying secret.
func fillPerson(t *testing.T, s *store.Store, id, secret string) store.TurnResult {
	t.Helper()
	ctx := t.Context()
	must(t, s.SaveMember(ctx, store.Member{ID: id, Name: id + " " + secret}))
	r, err := s.ApplyTurn(ctx, store.Turn{MemberID: id,
		State:    json.RawMessage(`{"draft":"` + secret + ` draft"}`),
		Goal:     &store.Goal{Text: secret + " goal", Dream: secret + " dream"},
		NewSteps: []store.Step{{What: secret + " step", Due: day(6, 20)}},
		CheckIn:  &store.CheckIn{SessionAt: t0, Did: secret + " did", Barrier: secret + " barrier"},
		Outbox:   []store.Outgoing{{Body: json.RawMessage(`{"text":"` + secret + ` reply"}`)}}})
	must(t, err)
	_, _, err = s.Journal(ctx, []store.InboxItem{{Key: "ev-" + id, MemberID: id, Kind: "dm", Payload: json.RawMessage(`{"text":"` + secret + ` typed"}`)}})
	must(t, err)
	session := t0.Add(24 * time.Hour)
	_, err = s.PlanDeliveries(ctx, []store.Delivery{
		{Key: store.DeliveryKey(store.DeliverPrompt, "G1", session, id), Kind: store.DeliverPrompt, GroupID: "G1", Session: session, Recipient: id, DueAt: t0},
		{Key: store.DeliveryKey(store.DeliverReminder, "G1", session, id), Kind: store.DeliverReminder, GroupID: "G1", Session: session, Recipient: id, DueAt: t0, State: store.DeliverySent},
	})
	must(t, err)
	return r
}

func TestStore_ExportMember(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	fillPerson(t, s, "U1", "kingfisher")
	fillPerson(t, s, "U10", "albatross") // shares a prefix with U1
	must(t, s.SaveGroup(ctx, store.Group{ID: "G1", Name: "Tuesday group", Members: []string{"U1", "U10"}, Facilitators: []string{"UF"}, Navigators: []string{"U1"}}))
	must(t, s.SaveGroup(ctx, store.Group{ID: "G2", Name: "Other", Members: []string{"U10"}}))

	e, err := s.ExportMember(ctx, "U1")
	must(t, err)
	if e.Member == nil || e.Member.ID != "U1" {
		t.Fatalf("member: %+v", e.Member)
	}
	mustEqual(t, "goals", len(e.Goals), 1)
	mustEqual(t, "goal", e.Goals[0].Text, "kingfisher goal")
	mustEqual(t, "steps", len(e.Goals[0].Steps), 1)
	mustEqual(t, "check-ins", len(e.CheckIns), 1)
	if e.Conversation == nil {
		t.Error("no conversation")
	}
	mustEqual(t, "deliveries", len(e.Deliveries), 2)
	mustEqual(t, "replies waiting", len(e.Replies), 1)
	mustEqual(t, "inputs waiting", len(e.Inputs), 1)
	mustEqual(t, "groups", e.Groups, []store.ExportGroupRole{{GroupID: "G1", Name: "Tuesday group", Roles: []string{"member", "navigator"}, Sharing: store.ShareSteps}})

	buf, err := json.Marshal(e)
	must(t, err)
	for _, want := range []string{"kingfisher goal", "kingfisher step", "kingfisher did", "kingfisher draft", "kingfisher reply", "kingfisher typed", `"steps":[`} {
		if !bytes.Contains(buf, []byte(want)) {
			t.Errorf("export lacks %q", want)
		}
	}
	// Nobody else's data, not even who else is in the group.
	for _, other := range []string{"albatross", "U10", "UF"} {
		if bytes.Contains(buf, []byte(other)) {
			t.Errorf("export of U1 contains %q:\n%s", other, buf)
		}
	}

	none, err := s.ExportMember(ctx, "U2")
	must(t, err)
	if !none.Empty() {
		t.Errorf("export of a stranger: %+v", none)
	}
}

func TestStore_DeleteMemberData_Everything(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	fillPerson(t, s, "U1", "kingfisher")
	fillPerson(t, s, "U10", "albatross")
	before, err := s.ExportMember(ctx, "U10")
	must(t, err)
	must(t, s.SaveGroup(ctx, store.Group{ID: "G1", Name: "Tuesday", Members: []string{"U1", "U10"}, Facilitators: []string{"UF"}, Navigators: []string{"U1"}}))
	must(t, s.SaveGroup(ctx, store.Group{ID: "G2", Name: "Alone", Facilitators: []string{"U1"}}))
	must(t, s.SaveMember(ctx, store.Member{ID: "U10", Name: before.Member.Name, NavigatorID: "U1", CreatedAt: before.Member.CreatedAt}))
	for _, k := range []string{"click:U1:123.4", "press:DU1:99.1", "click:U10:5.5"} {
		_, err := s.MarkEvent(ctx, k, t0)
		must(t, err)
	}

	must(t, s.DeleteMemberData(ctx, "U1", "press:DU1:100.2"))

	e, err := s.ExportMember(ctx, "U1")
	must(t, err)
	if !e.Empty() {
		t.Errorf("left after deletion: %+v", e)
	}
	g1, err := s.Group(ctx, "G1")
	must(t, err)
	mustEqual(t, "G1 members", g1.Members, []string{"U10"})
	mustEqual(t, "G1 navigators", len(g1.Navigators), 0)
	g2, err := s.Group(ctx, "G2")
	must(t, err) // a group they facilitated alone keeps existing
	mustEqual(t, "G2 facilitators", len(g2.Facilitators), 0)
	u10, err := s.Member(ctx, "U10")
	must(t, err)
	mustEqual(t, "U10's navigator", u10.NavigatorID, "")

	for k, want := range map[string]bool{"click:U1:123.4": false, "press:DU1:99.1": true, "click:U10:5.5": true, "press:DU1:100.2": true,
		"ev-U1": true, "ev-U10": false} { // U1's input deleted from the inbox is marked handled
		seen, err := s.SeenEvent(ctx, k)
		must(t, err)
		mustEqual(t, "mark "+k, seen, want)
	}
	inbox, err := s.Inbox(ctx)
	must(t, err)
	mustEqual(t, "inbox", len(inbox), 1) // U10's
	ds, err := s.Deletions(ctx)
	must(t, err)
	mustEqual(t, "deletions", ds, []store.Deletion{{V: 1, At: t0}})

	after, err := s.ExportMember(ctx, "U10")
	must(t, err)
	after.Member.NavigatorID = ""
	mustEqual(t, "the other member's goals", after.Goals, before.Goals)
	mustEqual(t, "the other member's check-ins", after.CheckIns, before.CheckIns)
	mustEqual(t, "the other member's deliveries", after.Deliveries, before.Deliveries)
	mustEqual(t, "the other member's replies", after.Replies, before.Replies)
	due, err := s.DueDeliveries(ctx, t0, 0)
	must(t, err)
	for _, d := range due {
		if d.Recipient == "U1" {
			t.Errorf("still due: %+v", d)
		}
	}
}

// TestStore_Compact_ForgetLeavesNoText reads the raw file: after a
// deletion and Compact, the member's words are nowhere in it.
func TestStore_Compact_ForgetLeavesNoText(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	const secret = "zanzibar-otter-7731"
	fillPerson(t, s, "U1", secret)
	fillPerson(t, s, "U2", "heron")
	if !bytes.Contains(mustRead(t, s.Path()), []byte(secret)) {
		t.Fatal("the text is not in the file to begin with: the test proves nothing")
	}
	must(t, s.DeleteMemberData(ctx, "U1"))
	if !bytes.Contains(mustRead(t, s.Path()), []byte(secret)) {
		t.Log("bbolt reused every freed page already; compaction is still checked below")
	}
	must(t, s.Compact(ctx))
	raw := mustRead(t, s.Path())
	if bytes.Contains(raw, []byte(secret)) {
		t.Fatal("the forgotten member's text is still in the raw file")
	}
	if _, err := os.Stat(s.Path() + ".compact"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
	// The store goes on working on the new file, and keeps the rest.
	e, err := s.ExportMember(ctx, "U2")
	must(t, err)
	mustEqual(t, "U2's goal", e.Goals[0].Text, "heron goal")
	_, err = s.SaveGoal(ctx, store.Goal{MemberID: "U2", Text: "another"})
	must(t, err)
	s = reopen(t, s)
	gs, err := s.Goals(ctx, "U2")
	must(t, err)
	mustEqual(t, "goals after reopen", len(gs), 2)
	// Sequences survive: the next goal does not reuse an id.
	id, err := s.SaveGoal(ctx, store.Goal{MemberID: "U2", Text: "third"})
	must(t, err)
	if slices.ContainsFunc(gs, func(g store.Goal) bool { return g.ID == id }) {
		t.Errorf("goal id %d reused after compaction", id)
	}
}

// TestStore_Compact_WhileServing compacts while readers and writers run:
// every call succeeds and nothing written is lost.
func TestStore_Compact_WhileServing(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	fillPerson(t, s, "U1", "x")
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	var written []uint64
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id, err := s.SaveGoal(ctx, store.Goal{MemberID: "U1", Text: strings.Repeat("w", w+1)})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				written = append(written, id)
				mu.Unlock()
				if _, err := s.MemberView(ctx, "U1"); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 5 {
		must(t, s.Compact(ctx))
	}
	close(stop)
	wg.Wait()
	gs, err := s.Goals(ctx, "U1")
	must(t, err)
	have := map[uint64]bool{}
	for _, g := range gs {
		have[g.ID] = true
	}
	for _, id := range written {
		if !have[id] {
			t.Errorf("goal %d written during compaction is gone", id)
		}
	}
}

func TestStore_Compact_Closed(t *testing.T) {
	t.Parallel()
	s := MustOpen(t)
	must(t, s.Close())
	mustIs(t, s.Compact(context.Background()), store.ErrClosed)
}

func TestStore_DeleteOlderThan(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	cutoff := t0.AddDate(-2, 0, 0)
	old, err := s.ApplyTurn(ctx, store.Turn{MemberID: "U1", At: cutoff.Add(-time.Hour), State: json.RawMessage(`{"x":"old"}`),
		Goal: &store.Goal{Text: "g"}, CheckIn: &store.CheckIn{SessionAt: cutoff.Add(-time.Hour), Did: "old"}})
	must(t, err)
	_, err = s.ApplyTurn(ctx, store.Turn{MemberID: "U2", At: cutoff.Add(time.Hour), State: json.RawMessage(`{"x":"new"}`),
		CheckIn: &store.CheckIn{SessionAt: cutoff.Add(time.Hour), Did: "new"}})
	must(t, err)
	_, err = s.SaveCheckIn(ctx, store.CheckIn{MemberID: "U1", SessionAt: t0, Did: "recent"})
	must(t, err)

	p, err := s.DeleteOlderThan(ctx, cutoff)
	must(t, err)
	mustEqual(t, "pruned", p, store.Pruned{CheckIns: 1, Conversations: 1})

	cs, err := s.CheckIns(ctx, "U1", time.Time{}, time.Time{})
	must(t, err)
	mustEqual(t, "U1's check-ins", len(cs), 1)
	mustEqual(t, "kept", cs[0].Did, "recent")
	_, err = s.SaveCheckIn(ctx, store.CheckIn{ID: old.CheckInID, MemberID: "U1", SessionAt: t0})
	mustIs(t, err, store.ErrNotFound) // its id index went with it
	_, err = s.Conversation(ctx, "U1")
	mustIs(t, err, store.ErrNotFound)
	_, err = s.Conversation(ctx, "U2")
	must(t, err)
	gs, err := s.Goals(ctx, "U1")
	must(t, err)
	mustEqual(t, "goals stay", len(gs), 1)

	p, err = s.DeleteOlderThan(ctx, cutoff)
	must(t, err)
	mustEqual(t, "again", p, store.Pruned{})
}

// BenchmarkCompact measures how long reads and writes wait while Compact
// rewrites a file of 2,000 members with a goal, three steps and ten
// check-ins each.
func BenchmarkCompact(b *testing.B) {
	ctx := b.Context()
	s := MustOpen(b)
	for i := range 2000 {
		id := "U" + strings.Repeat("0", 6) + string(rune('A'+i%26)) + strings.Repeat("x", i%7) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
		r, err := s.ApplyTurn(ctx, store.Turn{MemberID: id, Goal: &store.Goal{Text: strings.Repeat("goal text ", 10)},
			NewSteps: []store.Step{{What: "one"}, {What: "two"}, {What: "three"}}})
		must(b, err)
		for j := range 10 {
			_, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: id, GoalID: r.GoalID, SessionAt: t0.AddDate(0, 0, -7*j), Did: strings.Repeat("did ", 20)})
			must(b, err)
		}
	}
	fi, err := os.Stat(s.Path())
	must(b, err)
	for b.Loop() {
		must(b, s.Compact(ctx))
	}
	b.ReportMetric(float64(fi.Size())/(1<<20), "MiB_before")
}

package scheduler_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

var (
	newYork = mustZone("America/New_York")
	berlin  = mustZone("Europe/Berlin")
)

// clock is a fake clock shared by the scheduler, the bot and the fake Slack.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// world is a store, a bot talking to the fake Slack, and a scheduler, all
// on one fake clock.
type world struct {
	t     *testing.T
	clock *clock
	fake  *fakeslack.Server
	st    *store.Store
	path  string
	bot   *bot.Bot
	sched *scheduler.Scheduler
}

func newWorld(t *testing.T, start time.Time, users ...fakeslack.User) *world {
	t.Helper()
	w := &world{t: t, clock: &clock{now: start}, path: filepath.Join(t.TempDir(), "cairn.db")}
	w.fake = fakeslack.New(fakeslack.WithClock(w.clock.Now), fakeslack.WithUsers(users...))
	t.Cleanup(w.fake.Close)
	w.open()
	t.Cleanup(func() {
		if err := w.st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		w.close()
	})
	return w
}

// open starts (or restarts) Cairn over the same store file.
func (w *world) open() {
	w.t.Helper()
	var err error
	if w.st, err = store.Open(w.path); err != nil {
		w.t.Fatal(err)
	}
	w.st.Now = w.clock.Now
	w.bot, err = bot.New(bot.Config{BotToken: "xoxb-test", APIURL: w.fake.APIURL(), NoLimits: true,
		CallTimeout: 5 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, w.st)
	if err != nil {
		w.t.Fatal(err)
	}
	w.bot.Now = w.clock.Now
	// Planning is idempotent; once an hour is plenty for ticks 15 minutes apart.
	w.sched = scheduler.New(w.st, w.bot.Runner(), w.bot, scheduler.Config{ReplanEvery: time.Hour, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w.sched.Now = w.clock.Now
	w.bot.Scheduler = w.sched
}

func (w *world) close() {
	w.bot.Close()
	w.st.Close()
}

// run ticks the scheduler every step from now until end, as its loop would.
func (w *world) run(end time.Time, step time.Duration) {
	w.t.Helper()
	for t := w.clock.Now(); !t.After(end); t = t.Add(step) {
		w.clock.Set(t)
		if err := w.sched.Tick(context.Background()); err != nil {
			w.t.Fatalf("tick at %v: %v", t, err)
		}
	}
}

// sent is one scheduled message the fake Slack received.
type sent struct {
	key  string
	kind store.DeliveryKind
	to   string
	at   time.Time
	text string
}

// deliveries lists the tagged (scheduled) messages posted so far.
func (w *world) deliveries() []sent {
	var out []sent
	for _, c := range w.fake.CallsTo("chat.postMessage") {
		if c.Status != 200 {
			continue
		}
		var meta struct {
			EventType    string `json:"event_type"`
			EventPayload struct {
				Key string `json:"key"`
			} `json:"event_payload"`
		}
		if c.Decode("metadata", &meta) != nil || meta.EventType != "cairn_delivery" {
			continue
		}
		parts := strings.Split(meta.EventPayload.Key, "|")
		out = append(out, sent{key: meta.EventPayload.Key, kind: store.DeliveryKind(parts[0]), to: parts[3], at: c.At, text: c.Params["text"]})
	}
	return out
}

func (w *world) saveGroup(g store.Group, members ...store.Member) {
	w.t.Helper()
	for _, m := range members {
		if err := w.st.SaveMember(context.Background(), m); err != nil {
			w.t.Fatal(err)
		}
	}
	if err := w.st.SaveGroup(context.Background(), g); err != nil {
		w.t.Fatal(err)
	}
	w.sched.Replan()
}

// giveGoal saves a goal with one step for a member, as goal setting would.
func (w *world) giveGoal(id string) {
	w.t.Helper()
	if _, err := w.st.ApplyTurn(context.Background(), store.Turn{MemberID: id, At: w.clock.Now(),
		Goal:     &store.Goal{Text: "Find a part-time job", Status: store.GoalActive},
		NewSteps: []store.Step{{What: "Call the job center", Due: w.clock.Now().AddDate(0, 0, 3).Truncate(24 * time.Hour), Owner: store.OwnerMe}},
	}); err != nil {
		w.t.Fatal(err)
	}
}

func weekly(t *testing.T, text string, loc *time.Location) scheduler.Schedule {
	t.Helper()
	s, err := scheduler.ParseSchedule(text, loc)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// assertOnce checks that no delivery key was sent twice.
func assertOnce(t *testing.T, ds []sent) map[string]sent {
	t.Helper()
	byKey := map[string]sent{}
	for _, d := range ds {
		if prev, ok := byKey[d.key]; ok {
			t.Fatalf("%s sent twice: at %v and %v", d.key, prev.at, d.at)
		}
		byKey[d.key] = d
	}
	return byKey
}

func TestScheduler_AWeekOfPromptsRemindersAndDigests(t *testing.T) {
	// Monday, June 15, 2026, 08:00 in New York; the group meets Tuesdays 18:00.
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	w.saveGroup(store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UANA", "UBEN", "UCARL"}, Facilitators: []string{"UFAC"}, Sharing: map[string]store.Sharing{"UANA": store.ShareAll}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York"},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "Europe/Berlin"},
		store.Member{ID: "UCARL", Name: "Carl", TZ: "America/Los_Angeles", PausedUntil: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)},
		store.Member{ID: "UFAC", Name: "Fay", TZ: "America/New_York"},
	)
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	for _, id := range []string{"UANA", "UBEN", "UCARL"} {
		w.giveGoal(id)
	}

	// Up to just before the reminder: Ana answers her check-in in between.
	w.run(session.Add(-3*time.Hour), 15*time.Minute)
	if _, err := w.bot.Runner().Handle(context.Background(), "UANA", conversations.Input{Text: "nothing"}, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"money", "look for a cheaper phone plan", "no thanks", "7", "5"} {
		if _, err := w.bot.Runner().Handle(context.Background(), "UANA", conversations.Input{Text: text}, w.clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	w.run(session.Add(time.Hour), 15*time.Minute)

	got := assertOnce(t, w.deliveries())
	key := func(kind store.DeliveryKind, who string) string { return store.DeliveryKey(kind, "C1", session, who) }
	want := map[string]time.Time{
		// 24 h before, at 18:00 New York.
		key(store.DeliverPrompt, "UANA"): session.Add(-24 * time.Hour),
		// Monday 18:00 New York is midnight in Berlin, inside Ben's quiet
		// hours: his prompt goes out earlier, at 20:45 his time.
		key(store.DeliverPrompt, "UBEN"): time.Date(2026, 6, 15, 20, 45, 0, 0, berlin),
		// 16:00 New York is 22:00 in Berlin: also moved, to 20:45 Tuesday.
		key(store.DeliverReminder, "UBEN"): time.Date(2026, 6, 16, 20, 45, 0, 0, berlin),
		key(store.DeliverDigest, "UFAC"):   session.Add(-time.Hour),
	}
	for k, at := range want {
		d, ok := got[k]
		if !ok {
			t.Fatalf("%s was never sent; sent: %v", k, keys(got))
		}
		// Ticks are 15 minutes apart, so a message goes out within one tick.
		if d.at.Before(at) || d.at.Sub(at) >= 15*time.Minute {
			t.Errorf("%s sent at %v, due %v", k, d.at.In(at.Location()), at)
		}
	}
	for _, k := range []string{key(store.DeliverReminder, "UANA"), key(store.DeliverPrompt, "UCARL"), key(store.DeliverReminder, "UCARL")} {
		if _, ok := got[k]; ok {
			t.Errorf("%s was sent: Ana had answered and Carl is away", k)
		}
	}
	if len(got) != len(want) {
		t.Errorf("sent %d scheduled messages, want %d: %v", len(got), len(want), keys(got))
	}
	digest := got[key(store.DeliverDigest, "UFAC")].text
	for _, part := range []string{"Tuesday group meets today at 6:00 PM", "1 of 2 checked in", "Ana", "in the way: “Money”", "plans “look for a cheaper phone plan”", "Ben hasn't checked in yet.", "Carl is away, back Friday, June 19."} {
		if !strings.Contains(digest, part) {
			t.Errorf("digest lacks %q:\n%s", part, digest)
		}
	}
	// Ana's answer is stored against the session she was prompted for.
	c, err := w.st.LastCheckIn(context.Background(), "UANA")
	if err != nil || !c.SessionAt.Equal(session) || c.GroupID != "C1" || c.Late {
		t.Fatalf("Ana's check-in = %+v, %v", c, err)
	}
}

func keys(m map[string]sent) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestScheduler_RestartsDowntimeAndCrashes(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays and Thursdays 6pm", newYork)
	var members []string
	var records []store.Member
	for i := range 20 {
		id := fmt.Sprintf("U%02d", i)
		members = append(members, id)
		records = append(records, store.Member{ID: id, Name: id, TZ: "America/New_York"})
	}
	w.saveGroup(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: members, Facilitators: []string{"UFAC"}}, records...)
	tue := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	thu := time.Date(2026, 6, 18, 18, 0, 0, 0, newYork)

	// Tuesday's prompts go out, then Cairn restarts (twice) and ticks again.
	w.run(tue.Add(-23*time.Hour), 15*time.Minute)
	for range 2 {
		w.close()
		w.open()
		w.run(w.clock.Now().Add(30*time.Minute), 15*time.Minute)
	}

	// A crash in the middle of a fan-out: some of Thursday's prompts were
	// marked sending and reached Slack, others were marked but never left.
	w.clock.Set(thu.Add(-24 * time.Hour))
	ctx := context.Background()
	if err := w.sched.Plan(ctx, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	all, err := w.st.DueDeliveries(ctx, w.clock.Now(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var due []store.Delivery
	for _, d := range all {
		if d.Kind == store.DeliverPrompt && d.Session.Equal(thu) && len(due) < 10 {
			due = append(due, d)
		}
	}
	if len(due) != 10 {
		t.Fatalf("due Thursday prompts = %d", len(due))
	}
	var dueKeys []string
	for _, d := range due {
		dueKeys = append(dueKeys, d.Key)
	}
	if err := w.st.MarkSending(ctx, dueKeys, w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, d := range due[:5] { // these reached Slack before the crash
		if _, _, err := w.bot.Deliver(ctx, d, []conversations.Reply{{Text: "Check-in time."}}); err != nil {
			t.Fatal(err)
		}
	}
	w.close()
	w.open()

	// Then Cairn is down for a day and a half, past Thursday's session.
	w.run(thu.Add(-30*time.Minute), 15*time.Minute)
	w.clock.Set(thu.Add(20 * time.Hour))
	w.run(thu.Add(21*time.Hour), 15*time.Minute)

	got := assertOnce(t, w.deliveries())
	for _, id := range members {
		for _, session := range []time.Time{tue, thu} {
			if _, ok := got[store.DeliveryKey(store.DeliverPrompt, "C1", session, id)]; !ok {
				t.Errorf("%s never got the prompt for %v", id, session)
			}
		}
	}
	// The five sent before the crash were found in the DM, not sent again.
	for _, d := range due[:5] {
		st, err := w.st.Delivery(ctx, d.Key)
		if err != nil || st.State != store.DeliverySent {
			t.Errorf("%s: %+v %v", d.Key, st.State, err)
		}
	}
	// Nothing about Thursday's session went out after it started.
	for k, d := range got {
		if strings.Contains(k, fmt.Sprint(thu.Unix())) && !d.at.Before(thu) {
			t.Errorf("%s sent at %v, after the session began", k, d.at)
		}
	}
	counts, err := w.st.CountDeliveries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[store.DeliverySending] != 0 {
		t.Errorf("deliveries left sending: %v", counts)
	}
}

func TestScheduler_DaylightSaving(t *testing.T) {
	for _, tt := range []struct {
		name    string
		session time.Time // a session right after the change
	}{
		{"SpringForward", time.Date(2026, 3, 10, 18, 0, 0, 0, newYork)}, // DST began Sunday, March 8
		{"FallBack", time.Date(2026, 11, 3, 18, 0, 0, 0, newYork)},      // DST ended Sunday, November 1
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := tt.session.AddDate(0, 0, -9)
			w := newWorld(t, start)
			sched := weekly(t, "Tuesdays 6pm", newYork)
			w.saveGroup(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
				Members: []string{"UNY", "UBER"}, Facilitators: []string{"UFAC"}},
				store.Member{ID: "UNY", TZ: "America/New_York"}, store.Member{ID: "UBER", TZ: "Europe/Berlin"},
				store.Member{ID: "UFAC", TZ: "America/New_York"})
			// Every 15 minutes, as Run would wake at 20:45 in Berlin: a
			// prompt found later than that is in quiet hours, and waits.
			w.run(tt.session.Add(time.Hour), 15*time.Minute)
			got := assertOnce(t, w.deliveries())
			before := tt.session.AddDate(0, 0, -7)
			for _, session := range []time.Time{before, tt.session} {
				if session.In(newYork).Hour() != 18 {
					t.Fatalf("session at %v, not 18:00 local", session.In(newYork))
				}
				p, ok := got[store.DeliveryKey(store.DeliverPrompt, "C1", session, "UNY")]
				if !ok {
					t.Fatalf("no prompt for %v: %v", session, keys(got))
				}
				if local := p.at.In(newYork); local.Hour() != 18 || local.Day() != session.AddDate(0, 0, -1).Day() {
					t.Errorf("New York prompt for %v at %v, want 18:00 the day before", session, local)
				}
				// Berlin: Monday 18:00 in New York is after 21:00 in Berlin,
				// whatever the offset that week (5 or 6 hours), so it moves to 20:45.
				bkey := store.DeliveryKey(store.DeliverPrompt, "C1", session, "UBER")
				d, err := w.st.Delivery(context.Background(), bkey)
				if err != nil || d.State != store.DeliverySent {
					t.Fatalf("%s: %+v %v", bkey, d, err)
				}
				if local := d.DueAt.In(berlin); local.Hour() != 20 || local.Minute() != 45 {
					t.Errorf("Berlin prompt for %v due %v, want 20:45", session, local)
				}
				if b := got[bkey]; b.at.Before(d.DueAt) || b.at.Sub(d.DueAt) >= 30*time.Minute {
					t.Errorf("Berlin prompt sent at %v, due %v", b.at, d.DueAt)
				}
			}
		})
	}
}

func TestScheduler_NavigatorNudges(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, berlin)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", berlin)
	w.saveGroup(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "Europe/Berlin",
		Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}, Navigators: []string{"UNAV"},
		Sharing: map[string]store.Sharing{"UANA": store.ShareAll},
		// Ben has said yes to nobody: the old per-member field is not read.
		NavigatorOf: map[string]string{"UANA": "UNAV"}, NavigatorAsked: map[string]string{"UBEN": "UNAV"}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "Europe/Berlin"},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "Europe/Berlin", NavigatorID: "UNAV"},
		store.Member{ID: "UNAV", Name: "Nia", TZ: "Europe/Berlin"})
	ctx := context.Background()
	due := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	if _, err := w.st.ApplyTurn(ctx, store.Turn{MemberID: "UANA", At: start,
		Goal: &store.Goal{Text: "Find a flat", Status: store.GoalActive},
		NewSteps: []store.Step{
			{What: "Call the housing office", Due: due(2026, 6, 16), Owner: store.OwnerMe},
			{What: "Write a reference letter", Due: due(2026, 6, 30), Owner: store.OwnerNavigator},
			{What: "Visit the flat on Elm St", Due: due(2026, 7, 20), Owner: store.OwnerMe},
		}}); err != nil {
		t.Fatal(err)
	}
	w.run(start.Add(2*time.Hour), 15*time.Minute) // past 09:00
	var list *sent
	for _, d := range w.deliveries() {
		if d.kind == store.DeliverNudges {
			list = &d
		}
	}
	if list == nil || list.to != "UNAV" {
		t.Fatalf("no daily list for the navigator: %+v", w.deliveries())
	}
	for _, want := range []string{"Ana", "Call the housing office", "yours to do: “Write a reference letter”"} {
		if !strings.Contains(list.text, want) {
			t.Errorf("list lacks %q:\n%s", want, list.text)
		}
	}
	for _, not := range []string{"Ben", "Elm St"} {
		if strings.Contains(list.text, not) {
			t.Errorf("list shows %q (not this navigator's, or not due soon):\n%s", not, list.text)
		}
	}
	// The nudge button: once a day per member, only by their navigator.
	planned, err := w.sched.NudgeMember(ctx, "UNAV", "UANA", w.clock.Now())
	if err != nil || !planned {
		t.Fatalf("nudge: %v %v", planned, err)
	}
	if again, _ := w.sched.NudgeMember(ctx, "UNAV", "UANA", w.clock.Now().Add(time.Hour)); again {
		t.Fatal("a second nudge the same day was planned")
	}
	if _, err := w.sched.NudgeMember(ctx, "UNAV", "UBEN", w.clock.Now()); err == nil {
		t.Fatal("a navigator nudged someone else's member")
	}
	w.run(w.clock.Now().Add(15*time.Minute), 15*time.Minute)
	n := 0
	for _, d := range w.deliveries() {
		if d.kind == store.DeliverNudge && d.to == "UANA" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("Ana got %d nudges, want 1", n)
	}
}

// TestScheduler_ThousandMembersUnderTheRateLimit sends 1,000 prompts due at
// the same moment through the fake Slack enforcing a rate limit; the bot's
// own limiter keeps every call under it.
func TestScheduler_ThousandMembersUnderTheRateLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 1,000 messages at 1,000 a second")
	}
	start := time.Date(2026, 6, 15, 18, 0, 0, 0, newYork)
	w := newWorld(t, start)
	w.close()
	// Reopen with the real limiter on, matching the fake's limit.
	var err error
	if w.st, err = store.Open(w.path); err != nil {
		t.Fatal(err)
	}
	w.bot, err = bot.New(bot.Config{BotToken: "xoxb-test", APIURL: w.fake.APIURL(), PostRate: 1000,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, w.st)
	if err != nil {
		t.Fatal(err)
	}
	w.bot.Now = w.clock.Now
	w.sched = scheduler.New(w.st, w.bot.Runner(), w.bot, scheduler.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	w.sched.Now = w.clock.Now
	w.fake.RateLimit("chat.postMessage", 1000, 100)

	sched := weekly(t, "Tuesdays 6pm", newYork)
	var ids []string
	var recs []store.Member
	for i := range 1000 {
		id := fmt.Sprintf("U%04d", i)
		ids = append(ids, id)
		recs = append(recs, store.Member{ID: id, TZ: "America/New_York"})
	}
	w.saveGroup(store.Group{ID: "C1", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York", Members: ids, Facilitators: []string{"UFAC"}}, recs...)
	if err := w.sched.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := assertOnce(t, w.deliveries())
	if len(got) != 1000 {
		t.Fatalf("%d prompts sent, want 1000", len(got))
	}
	if n := w.fake.Throttled("chat.postMessage"); n != 0 {
		t.Fatalf("Slack answered 429 %d times", n)
	}
}

func TestScheduler_DigestNamesWhoIsStuck(t *testing.T) {
	start := time.Date(2026, 6, 8, 8, 0, 0, 0, newYork)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	w.saveGroup(store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}, CreatedAt: start.UTC(), Sharing: map[string]store.Sharing{"UANA": store.ShareAll}},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York", CreatedAt: start.UTC()},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "America/New_York", CreatedAt: start.UTC()},
		store.Member{ID: "UFAC", Name: "Fay", TZ: "America/New_York", CreatedAt: start.UTC()})
	w.giveGoal("UANA")
	w.giveGoal("UBEN")
	answer := func(who string, texts ...string) {
		t.Helper()
		for _, text := range texts {
			if _, err := w.bot.Runner().Handle(context.Background(), who, conversations.Input{Text: text}, w.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	first := time.Date(2026, 6, 9, 18, 0, 0, 0, newYork)
	second := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)

	w.run(first.Add(-20*time.Hour), 15*time.Minute)
	answer("UANA", "I called the job center", "go to the interview", "no thanks", "skip", "skip")
	w.run(second.Add(-20*time.Hour), 15*time.Minute)
	answer("UANA", "nothing", "health", "rest", "no thanks", "skip", "skip")
	w.run(second, 15*time.Minute)

	got := assertOnce(t, w.deliveries())
	digest := got[store.DeliveryKey(store.DeliverDigest, "C1", second, "UFAC")].text
	if !strings.Contains(digest, "Ben: no progress for 2 sessions in a row.") || strings.Count(digest, "no progress") != 1 || !strings.Contains(digest, "Is this goal still yours?") {
		t.Fatalf("digest should name Ben, and only Ben, as stuck:\n%s", digest)
	}
	if !strings.Contains(digest, "✓ Ana: in the way: “Health”") {
		t.Fatalf("digest lacks Ana's check-in:\n%s", digest)
	}
	// The first session's digest: nobody had two sessions yet.
	if d := got[store.DeliveryKey(store.DeliverDigest, "C1", first, "UFAC")].text; strings.Contains(d, "no progress") {
		t.Fatalf("first digest calls someone stuck:\n%s", d)
	}
}

func TestScheduler_ScheduleChangesMoveWhatIsPlanned(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork)
	w := newWorld(t, start)
	tuesdays := weekly(t, "Tuesdays 6pm", newYork)
	g := store.Group{ID: "C1", Schedule: tuesdays.Spec, ScheduleText: tuesdays.Text, TZ: "America/New_York",
		Members: []string{"UANA"}, Facilitators: []string{"UFAC"}}
	w.saveGroup(g, store.Member{ID: "UANA", TZ: "America/New_York"}, store.Member{ID: "UFAC", TZ: "America/New_York"})
	w.giveGoal("UANA")
	w.run(start.Add(time.Hour), 15*time.Minute) // plans Tuesday's deliveries

	// The facilitator moves the group to Wednesdays and asks for prompts 48 h ahead.
	wednesdays := weekly(t, "Wednesdays 6pm", newYork)
	g.Schedule, g.ScheduleText, g.Lead = wednesdays.Spec, wednesdays.Text, 48*time.Hour
	w.saveGroup(g)
	tue := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	wed := time.Date(2026, 6, 17, 18, 0, 0, 0, newYork)
	nextWed := time.Date(2026, 6, 24, 18, 0, 0, 0, newYork)
	w.run(nextWed.Add(-47*time.Hour), 15*time.Minute)

	got := assertOnce(t, w.deliveries())
	if _, ok := got[store.DeliveryKey(store.DeliverPrompt, "C1", tue, "UANA")]; ok {
		t.Error("a prompt went out for a Tuesday session the group no longer has")
	}
	if _, ok := got[store.DeliveryKey(store.DeliverPrompt, "C1", wed, "UANA")]; !ok {
		t.Error("no prompt for the first Wednesday (late, but before the session)")
	}
	p, ok := got[store.DeliveryKey(store.DeliverPrompt, "C1", nextWed, "UANA")]
	if !ok || p.at.Before(nextWed.Add(-48*time.Hour)) || p.at.After(nextWed.Add(-47*time.Hour)) {
		t.Errorf("next Wednesday's prompt: sent %v (%v), want 48 h before", p.at, ok)
	}
	d, err := w.st.Delivery(context.Background(), store.DeliveryKey(store.DeliverPrompt, "C1", tue, "UANA"))
	if err != nil || d.State != store.DeliverySkipped || d.Reason != "schedule changed" {
		t.Errorf("Tuesday's prompt: %+v %v", d, err)
	}
}

func TestScheduler_NewLeadTimeMovesPlannedPrompts(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork) // Monday
	w := newWorld(t, start)
	tuesdays := weekly(t, "Tuesdays 6pm", newYork)
	g := store.Group{ID: "C1", Schedule: tuesdays.Spec, ScheduleText: tuesdays.Text, TZ: "America/New_York",
		Members: []string{"UANA"}, Facilitators: []string{"UFAC"}}
	w.saveGroup(g, store.Member{ID: "UANA", TZ: "America/New_York"}, store.Member{ID: "UFAC", TZ: "America/New_York"})
	w.run(start.Add(time.Hour), 15*time.Minute) // plans Tuesday's prompt for Monday 18:00
	g.Lead = 30 * time.Hour                     // now Monday 12:00
	w.saveGroup(g)
	w.run(time.Date(2026, 6, 15, 12, 30, 0, 0, newYork), 15*time.Minute)
	tue := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	p, ok := assertOnce(t, w.deliveries())[store.DeliveryKey(store.DeliverPrompt, "C1", tue, "UANA")]
	if !ok || p.at.In(newYork).Hour() != 12 {
		t.Fatalf("prompt sent %v (%v), want Monday 12:00 after the lead time changed", p.at.In(newYork), ok)
	}
}

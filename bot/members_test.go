package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// heldUsers makes users.info wait until released, and tells when a request
// for a user has arrived: a slow Slack, held still so a test can act while
// the bot waits for it.
type heldUsers struct {
	mu       sync.Mutex
	users    map[string]fakeslack.User
	arrived  map[string]int // requests per user
	changed  chan struct{}  // closed and replaced on every arrival
	release  chan struct{}
	released bool
}

func holdUsersInfo(t *testing.T, fake *fakeslack.Server, users ...fakeslack.User) *heldUsers {
	h := &heldUsers{users: map[string]fakeslack.User{}, arrived: map[string]int{}, changed: make(chan struct{}), release: make(chan struct{})}
	for _, u := range users {
		h.users[u.ID] = u
		fake.AddUser(u)
	}
	fake.HandleFunc("users.info", func(c fakeslack.Call) any {
		id := c.Params["user"]
		h.mu.Lock()
		h.arrived[id]++
		close(h.changed)
		h.changed = make(chan struct{})
		h.mu.Unlock()
		<-h.release
		u, ok := h.users[id]
		if !ok {
			return map[string]any{"ok": false, "error": "user_not_found"}
		}
		return map[string]any{"ok": true, "user": map[string]any{
			"id": u.ID, "name": u.Name, "real_name": u.RealName, "tz": u.TZ,
			"profile": map[string]any{"real_name": u.RealName, "display_name": u.RealName},
		}}
	})
	t.Cleanup(h.open) // never leave the bot waiting on a test that failed
	return h
}

func (h *heldUsers) open() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.released {
		h.released = true
		close(h.release)
	}
}

// count is how many users.info requests for id have arrived.
func (h *heldUsers) count(id string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.arrived[id]
}

// waitArrived waits until a users.info request for id has arrived.
func (h *heldUsers) waitArrived(t *testing.T, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		h.mu.Lock()
		n, ch := h.arrived[id], h.changed
		h.mu.Unlock()
		if n > 0 {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatalf("users.info was never asked about %s", id)
		}
	}
}

// TestMembers_writersDoNotUndoEachOther interleaves writers of one member
// while the bot waits on Slack for that member's profile: a pause and a
// navigator assignment made meanwhile must both survive the profile being
// saved afterwards (a read-modify-write of the whole record loses them).
func TestMembers_writersDoNotUndoEachOther(t *testing.T) {
	h := newHarnessWith(t, func(c *bot.Config) { c.Admins = []string{"UFAC"} })
	held := holdUsersInfo(t, h.fake,
		fakeslack.User{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York"},
		fakeslack.User{ID: "UANA", Name: "ana", RealName: "Ana", TZ: "America/Chicago"},
		fakeslack.User{ID: "UNAV", Name: "nia", RealName: "Nia", TZ: "America/New_York"},
		fakeslack.User{ID: "UDAN", Name: "dan", RealName: "Dan", TZ: "America/Chicago"},
	)
	ctx := context.Background()

	h.fake.SetMembers("C0GROUP", "UFAC", "UANA")
	// Group setup: its profile fetch for Ana is held at Slack.
	setup := fakeslack.ViewSubmission("UFAC", "group_setup", "C0GROUP",
		groupForm("Tuesday group", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UFAC"}, []string{"UNAV"}))
	h.submit(setup)
	held.waitArrived(t, "UANA")

	// Meanwhile Ana joins and pauses, and the facilitator proposes himself
	// as her navigator.
	if _, _, err := h.st.JoinGroup(ctx, "C0GROUP", "UANA", ""); err != nil {
		t.Fatal(err)
	}
	if got := h.slash("UANA", "C0GROUP", "pause until June 20"); got == "" {
		t.Fatal("pause not answered")
	}
	assign := fakeslack.ViewSubmission("UFAC", "assign_navigator", "C0GROUP", map[string]map[string]any{
		"navigator": {"navigator_input": map[string]any{"type": "users_select", "selected_user": "UFAC"}},
		"assigned":  {"assigned_input": users("UANA")},
	})
	if ack := h.submit(assign); ack != "" && ack != "null" {
		t.Fatalf("assign answered %s", ack)
	}

	// Dan, new to Cairn, says hi (his profile fetch is held too), then pauses.
	if _, err := h.fake.SendEvent(h.ctx(), fakeslack.MessageEvent("UDAN", fakeslack.DMChannel("UDAN"), "hi")); err != nil {
		t.Fatal(err)
	}
	held.waitArrived(t, "UDAN")
	if got := h.slash("UDAN", fakeslack.DMChannel("UDAN"), "pause for 2 weeks"); got == "" {
		t.Fatal("pause not answered")
	}

	held.open()
	waitFor(t, func() bool {
		ana, err1 := h.st.Member(ctx, "UANA")
		dan, err2 := h.st.Member(ctx, "UDAN")
		return err1 == nil && err2 == nil && ana.Name == "Ana" && dan.Name == "Dan"
	})
	h.halt() // every job and fetch has ended: nothing more will be written
	ana, _ := h.st.Member(ctx, "UANA")
	// June 20 begins in the group's zone: the only zone known for Ana when she paused.
	if want := time.Date(2026, 6, 20, 0, 0, 0, 0, mustLoad("America/New_York")); !ana.PausedUntil.Equal(want) || ana.TZ != "America/Chicago" {
		t.Fatalf("Ana = %+v; want paused until %v, zone Chicago", ana, want)
	}
	if g, _ := h.st.Group(ctx, "C0GROUP"); g.NavigatorAsked["UANA"] != "UFAC" {
		t.Fatalf("the proposal was lost: %+v", g)
	}
	dan, _ := h.st.Member(ctx, "UDAN")
	if dan.PausedUntil.IsZero() || dan.TZ != "America/Chicago" {
		t.Fatalf("Dan = %+v; want paused and in Chicago", dan)
	}
}

// newMembers adds n people new to Cairn to the fake Slack.
func newMembers(n int) []fakeslack.User {
	us := make([]fakeslack.User, n)
	for i := range us {
		us[i] = fakeslack.User{ID: fmt.Sprintf("UNEW%02d", i), Name: fmt.Sprintf("new%02d", i), RealName: fmt.Sprintf("New %02d", i), TZ: "Asia/Kolkata"}
	}
	return us
}

// menus counts, per DM channel, the bot's menus so far: one per answered "hi".
func menus(fake *fakeslack.Server) map[string]int {
	n := map[string]int{}
	for _, c := range fake.CallsTo("chat.postMessage") {
		if strings.Contains(c.Params["text"], "What would you like to do?") {
			n[c.Params["channel"]]++
		}
	}
	return n
}

// sayHiAll sends "hi" from every member at once and waits until each has
// been answered `round` times in all.
func sayHiAll(t *testing.T, h *harness, us []fakeslack.User, round int) {
	t.Helper()
	var wg sync.WaitGroup
	for _, u := range us {
		wg.Go(func() {
			if _, err := h.fake.SendEvent(h.ctx(), fakeslack.MessageEvent(u.ID, fakeslack.DMChannel(u.ID), "hi")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	waitFor(t, func() bool {
		m := menus(h.fake)
		for _, u := range us {
			if m[fakeslack.DMChannel(u.ID)] < round {
				return false
			}
		}
		return true
	})
}

// TestZones_newMembersNeverWaitForSlack: 50 members new to Cairn write at
// once, twice, while users.info does not answer at all (Slack slow) behind
// the Tier 4 limiter. Every message is answered before Slack says anything
// about anyone, so no reply waited for a zone; each member's profile is
// asked for once (one fetch per member, shared, its slot not burned by a
// reply that stopped waiting); and the zones are learned once Slack answers.
func TestZones_newMembersNeverWaitForSlack(t *testing.T) {
	h := newHarness(t)
	us := newMembers(50)
	held := holdUsersInfo(t, h.fake, us...)

	sayHiAll(t, h, us, 1)
	sayHiAll(t, h, us, 2)
	for _, u := range us {
		if n := held.count(u.ID); n > 1 {
			t.Fatalf("users.info asked about %s %d times while their first fetch was in flight", u.ID, n)
		}
	}

	held.open()
	// Tier 4 lets ten through at once, then 100 a minute: the fetches that
	// reached Slack are the ones to check here (all 50 take half a minute).
	ctx := context.Background()
	waitFor(t, func() bool {
		learned := 0
		for _, u := range us {
			if m, err := h.st.Member(ctx, u.ID); err == nil && m.TZ == "Asia/Kolkata" {
				learned++
			}
		}
		return learned >= 10
	})
}

// TestZones_learnedWhenSlackIsBusy: with users.info answering 429 to most
// of a burst, 50 new members are all answered, and every zone is learned
// in the background afterwards.
func TestZones_learnedWhenSlackIsBusy(t *testing.T) {
	h := newHarnessNoLimits(t)
	us := newMembers(50)
	for _, u := range us {
		h.fake.AddUser(u)
	}
	h.fake.RateLimit("users.info", 50, 20) // 20 at once, then 429s for a second

	sayHiAll(t, h, us, 1)
	ctx := context.Background()
	defer func() {
		if t.Failed() {
			t.Logf("throttled %d; logs:\n%s", h.fake.Throttled("users.info"), h.logs)
		}
	}()
	waitFor(t, func() bool {
		for _, u := range us {
			if m, err := h.st.Member(ctx, u.ID); err != nil || m.TZ != "Asia/Kolkata" || m.Name != u.RealName {
				return false
			}
		}
		return true
	})
	if h.fake.Throttled("users.info") == 0 {
		t.Fatal("Slack was never busy: the test tested nothing")
	}
}

// newHarnessNoLimits is newHarness without Cairn's own rate limiters, so
// that Slack's 429s are what spaces the calls.
func newHarnessNoLimits(t *testing.T) *harness {
	t.Helper()
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	h := &harness{t: t, fake: fake, logs: &lockedBuffer{}}
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	h.st = st
	h.bot, err = bot.New(bot.Config{BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: fake.APIURL(),
		CallTimeout: 5 * time.Second, NoLimits: true, Logger: slog.New(slog.NewJSONHandler(h.logs, nil))}, st)
	if err != nil {
		t.Fatal(err)
	}
	h.bot.Now = func() time.Time { return june10 }
	ctx, cancel := context.WithCancel(context.Background())
	h.stop, h.done = cancel, make(chan error, 1)
	go func() { h.done <- h.bot.RunSocketMode(ctx) }()
	t.Cleanup(func() {
		h.halt()
		if err := h.st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		h.st.Close()
	})
	select {
	case <-h.bot.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("bot never connected to the fake Slack")
	}
	return h
}

// TestZones_dateAnswerWaitsForTheZoneOnce: a new member walks through goal
// setting while Slack holds their profile (no turn waits for it), until
// they are asked for a date: that answer waits for the one fetch in
// flight, so "tomorrow" means tomorrow where they live (Kiritimati, UTC+14:
// already June 11 there, so tomorrow is Friday, June 12; in UTC it would
// be Thursday).
func TestZones_dateAnswerWaitsForTheZoneOnce(t *testing.T) {
	h := newHarness(t)
	const kiri = "UKIRI"
	held := holdUsersInfo(t, h.fake, fakeslack.User{ID: kiri, Name: "teuea", RealName: "Teuea", TZ: "Pacific/Kiritimati"})
	say := func(text string) {
		t.Helper()
		if _, err := h.fake.SendEvent(h.ctx(), fakeslack.MessageEvent(kiri, fakeslack.DMChannel(kiri), text)); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []struct{ say, want string }{
		{"goal", "won the lottery"},
		{"Open a bakery", "being happy"},
		{"My own place", "one goal"},
		{"Find a part-time job by March", "how sure"},
		{"8", "Why"},
		{"So I can pay my own rent", "support"},
		{"My sister", "first step"},
		{"Call the job center", "When will you do it"},
	} {
		say(step.say)
		h.expect(step.want)
	}
	if n := held.count(kiri); n != 1 {
		t.Fatalf("users.info asked %d times during the walk, want once", n)
	}
	say("tomorrow")
	held.open()
	h.expect("Friday, June 12")
}

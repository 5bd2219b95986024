package bot_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
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
	h := newHarness(t)
	held := holdUsersInfo(t, h.fake,
		fakeslack.User{ID: "UFAC", Name: "fay", RealName: "Fay", TZ: "America/New_York"},
		fakeslack.User{ID: "UANA", Name: "ana", RealName: "Ana", TZ: "America/Chicago"},
		fakeslack.User{ID: "UNAV", Name: "nia", RealName: "Nia", TZ: "America/New_York"},
		fakeslack.User{ID: "UDAN", Name: "dan", RealName: "Dan", TZ: "America/Chicago"},
	)
	ctx := context.Background()

	// Group setup: its profile fetch for Ana is held at Slack.
	setup := fakeslack.ViewSubmission("UFAC", "group_setup", "C0GROUP",
		groupForm("Tuesday group", "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UFAC"}, []string{"UNAV"}))
	h.submit(setup)
	held.waitArrived(t, "UANA")

	// Meanwhile Ana pauses, and the facilitator makes himself her navigator.
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
	if want := time.Date(2026, 6, 20, 0, 0, 0, 0, mustLoad("America/New_York")); !ana.PausedUntil.Equal(want) || ana.NavigatorID != "UFAC" || ana.TZ != "America/Chicago" {
		t.Fatalf("Ana = %+v; want paused until %v, navigator UFAC, zone Chicago", ana, want)
	}
	dan, _ := h.st.Member(ctx, "UDAN")
	if dan.PausedUntil.IsZero() || dan.TZ != "America/Chicago" {
		t.Fatalf("Dan = %+v; want paused and in Chicago", dan)
	}
}

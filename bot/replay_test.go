package bot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// replayer sends one signed request as many times as asked: Slack's retry
// (X-Slack-Retry-Num) or a replay of the very same bytes and signature.
type replayer struct {
	h    *httpHarness
	path string
	body []byte
	ct   string
	at   time.Time
}

func (h *httpHarness) command(user, channel, text, trigger string) *replayer {
	form := fakeslack.SlashCommandForm(slack.SlashCommand{Command: "/cairn", Text: text, UserID: user, ChannelID: channel, TriggerID: trigger})
	return &replayer{h: h, path: "/slack/commands", body: []byte(form.Encode()), ct: "application/x-www-form-urlencoded", at: time.Now()}
}

func (h *httpHarness) submission(t *testing.T, user, callbackID, metadata, trigger string, values map[string]map[string]any) *replayer {
	t.Helper()
	p := fakeslack.ViewSubmission(user, callbackID, metadata, values)
	p["trigger_id"] = trigger
	form, err := fakeslack.InteractiveForm(p)
	if err != nil {
		t.Fatal(err)
	}
	return &replayer{h: h, path: "/slack/interactive", body: []byte(form.Encode()), ct: "application/x-www-form-urlencoded", at: time.Now()}
}

// send sends the request; retry > 0 marks it as Slack's retry.
func (r *replayer) send(t *testing.T, retry int) string {
	t.Helper()
	req := fakeslack.SignedRequest(r.h.srv.URL+r.path, vectorSecret, r.body, r.ct, r.at)
	if retry > 0 {
		req.Header.Set("X-Slack-Retry-Num", "1")
		req.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	}
	code, body := r.h.do(t, req)
	if code != http.StatusOK {
		t.Fatalf("%s: status %d %s", r.path, code, body)
	}
	var m map[string]any
	_ = json.Unmarshal([]byte(body), &m)
	if text, ok := m["text"].(string); ok {
		return text
	}
	return body
}

// TestHTTP_ReplaysHaveNoSecondEffect sends each command and form that
// changes something twice (a replay, then Slack's retry): the second
// answers like the first and changes nothing.
func TestHTTP_ReplaysHaveNoSecondEffect(t *testing.T) {
	h := newHTTPHarness(t)
	ctx := context.Background()
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", mustLoad("America/New_York"))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.st.SaveGroup(ctx, store.Group{ID: "C0GROUP", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text,
		TZ: "America/New_York", Members: []string{"UANA"}, Facilitators: []string{"UFAC"}}); err != nil {
		t.Fatal(err)
	}

	h.fake.SetMembers("C0GROUP", "UFAC", "UANA")

	t.Run("GroupCancel", func(t *testing.T) {
		cancel := h.command("UFAC", "C0GROUP", "group cancel", "111.222.cancel")
		for i := range 3 {
			if got := cancel.send(t, i/2); !strings.Contains(got, "Tuesday, June 16 at 6:00 PM") {
				t.Fatalf("delivery %d answered %q", i+1, got)
			}
		}
		g, _ := h.st.Group(ctx, "C0GROUP")
		if len(g.Cancelled) != 1 {
			t.Fatalf("one command cancelled %d sessions: %v", len(g.Cancelled), g.Cancelled)
		}
		// A new command (its own trigger_id) calls off the next one.
		if got := h.command("UFAC", "C0GROUP", "group cancel", "111.222.again").send(t, 0); !strings.Contains(got, "Tuesday, June 23") {
			t.Fatalf("second command answered %q", got)
		}
	})

	t.Run("PauseResume", func(t *testing.T) {
		pause := h.command("UANA", "C0GROUP", "pause until June 20", "333.444.pause")
		first := pause.send(t, 0)
		if !strings.Contains(first, "Saturday, June 20") {
			t.Fatalf("pause answered %q", first)
		}
		if got := h.command("UANA", "C0GROUP", "resume", "333.444.resume").send(t, 0); !strings.Contains(got, "Welcome back") {
			t.Fatalf("resume answered %q", got)
		}
		// The pause, replayed after the resume, answers the same and pauses nobody.
		if got := pause.send(t, 1); got != first {
			t.Fatalf("replayed pause answered %q, first %q", got, first)
		}
		if m, _ := h.st.Member(ctx, "UANA"); !m.PausedUntil.IsZero() {
			t.Fatalf("a replayed pause paused again: %v", m.PausedUntil)
		}
	})

	t.Run("GroupSetup", func(t *testing.T) {
		form := func(name string) map[string]map[string]any {
			return groupForm(name, "Tuesdays 6pm", "America/New_York", []string{"UANA"}, []string{"UFAC"}, nil)
		}
		setup := h.submission(t, "UFAC", "group_setup", "C0GROUP", "555.666.setup", form("Renamed once"))
		first := setup.send(t, 0)
		if !strings.Contains(first, `"response_action":"update"`) {
			t.Fatalf("setup answered %s", first)
		}
		if got := h.submission(t, "UFAC", "group_setup", "C0GROUP", "555.666.edit", form("Renamed twice")).send(t, 0); !strings.Contains(got, "update") {
			t.Fatalf("edit answered %s", got)
		}
		if got := setup.send(t, 1); got != first {
			t.Fatalf("replayed setup answered %s, first %s", got, first)
		}
		if g, _ := h.st.Group(ctx, "C0GROUP"); g.Name != "Renamed twice" || len(g.Cancelled) != 2 {
			t.Fatalf("a replayed setup changed the group: %+v", g)
		}
	})

	t.Run("Assign", func(t *testing.T) {
		form := func(nav string) map[string]map[string]any {
			return map[string]map[string]any{
				"navigator": {"navigator_input": map[string]any{"type": "users_select", "selected_user": nav}},
				"assigned":  {"assigned_input": users("UANA")},
			}
		}
		assign := h.submission(t, "UFAC", "assign_navigator", "C0GROUP", "777.888.assign", form("UNAV"))
		assign.send(t, 0)
		h.submission(t, "UFAC", "assign_navigator", "C0GROUP", "777.888.reassign", form("UFAC")).send(t, 0)
		assign.send(t, 1)
		if g, _ := h.st.Group(ctx, "C0GROUP"); g.NavigatorAsked["UANA"] != "UFAC" {
			t.Fatalf("a replayed proposal changed the navigator proposed to Ana to %q", g.NavigatorAsked["UANA"])
		}
	})
}

package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/chart"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

const (
	facilitator = "U0FACIL"
	groupChan   = "C0PROG"
)

// tuesdays are four weekly sessions before june10 (the harness's now).
var tuesdays = []time.Time{
	time.Date(2026, 5, 19, 23, 0, 0, 0, time.UTC),
	time.Date(2026, 5, 26, 23, 0, 0, 0, time.UTC),
	time.Date(2026, 6, 2, 23, 0, 0, 0, time.UTC),
	time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC),
}

// history gives member id a goal, one step finished before each of the
// first n sessions, and a check-in for each, with words of their own (one
// answer kept just for them).
func (h *harness) history(id, lang, words string, n int) {
	h.t.Helper()
	ctx := context.Background()
	gid, err := h.st.SaveGoal(ctx, store.Goal{MemberID: id, Text: words + " goal", Status: store.GoalActive})
	if err != nil {
		h.t.Fatal(err)
	}
	if err := h.st.SaveMember(ctx, store.Member{ID: id, Name: "name " + id, TZ: "America/Chicago", Lang: lang}); err != nil {
		h.t.Fatal(err)
	}
	for i, at := range tuesdays[:n] {
		st := store.Step{GoalID: gid, What: words + " step", Due: at.Add(-24 * time.Hour).Truncate(24 * time.Hour), DoneAt: at.Add(-time.Hour)}
		if _, err := h.st.SaveStep(ctx, st); err != nil {
			h.t.Fatal(err)
		}
		c := store.CheckIn{MemberID: id, GroupID: groupChan, SessionAt: at, Did: "=1+1 " + words + " did", Barrier: words + " secret",
			Private: []string{"barrier"}, StepsDone: []uint64{uint64(i + 1)}}
		if _, err := h.st.SaveCheckIn(ctx, c); err != nil {
			h.t.Fatal(err)
		}
	}
}

// progressGroup is a group meeting Tuesdays at 6 PM in Chicago, with the
// member (who shares everything), other (only that they checked in) and a
// facilitator.
func (h *harness) progressGroup() {
	h.t.Helper()
	h.history(member, "", "kingfisher", 4)
	h.history(other, "", "albatross", 4)
	err := h.st.SaveGroup(context.Background(), store.Group{ID: groupChan, Name: "Tuesday circle",
		Schedule: "CRON_TZ=America/Chicago 0 18 * * 2", ScheduleText: "Tuesdays 6pm", TZ: "America/Chicago",
		Members: []string{member, other}, Facilitators: []string{facilitator},
		Sharing:   map[string]store.Sharing{member: store.ShareAll, other: store.ShareCheckedIn},
		CreatedAt: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		h.t.Fatal(err)
	}
}

func decodePNG(t *testing.T, f fakeslack.File) (w, h int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(f.Content))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", f.Name, err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

// altOf is the alt text sent when the n-th file's upload URL was asked for.
func (h *harness) altOf(n int) string {
	return h.fake.CallsTo("files.getUploadURLExternal")[n-1].Params["alt_txt"]
}

func TestDM_MyProgress(t *testing.T) {
	h := newHarness(t)
	h.progressGroup()
	h.dm("my progress")
	h.expect("how far you've come")
	c := h.uploaded(1)
	if c.Channel != fakeslack.DMChannel(member) || !strings.HasSuffix(c.Name, ".png") {
		t.Fatalf("chart %+v", c)
	}
	if w, _ := decodePNG(t, c); w != chart.StepsWidth {
		t.Errorf("chart is %d pixels wide", w)
	}
	if alt := h.altOf(1); !strings.Contains(alt, "6 sessions") || !strings.Contains(alt, "5/26, 1 done of 1 planned") {
		t.Errorf("chart's alt text %q", alt)
	}
	stones := h.uploaded(2)
	if _, ht := decodePNG(t, stones); ht != chart.CairnHeight(4) {
		t.Errorf("cairn is %d pixels high, want %d (4 stones)", ht, chart.CairnHeight(4))
	}
	if alt := h.altOf(2); !strings.Contains(alt, "4 in all") {
		t.Errorf("cairn's alt text %q", alt)
	}
	assertNoMessageTextInLogs(t, h.logs.String(), "kingfisher")
}

// TestDM_MyProgressButtonInSpanish: the button (App Home's, or a DM's)
// does what the words do, and a member who speaks Spanish reads Spanish.
func TestDM_MyProgressButtonInSpanish(t *testing.T) {
	h := newHarness(t)
	h.history(member, "es", "kingfisher", 3)
	h.sendInteractive(fakeslack.BlockAction(member, fakeslack.DMChannel(member), "home-progress-show", conversations.ActProgress, ""))
	h.expect("Mira todo lo que has avanzado")
	h.uploaded(1)
	if alt := h.altOf(1); !strings.Contains(alt, "Gráfica de barras") || !strings.Contains(alt, "26/5") {
		t.Errorf("alt text %q: not Spanish, or dates not day/month", alt)
	}
}

// TestDM_MyProgressFewSessionsAsText: with one session and one stone, a
// picture would be overkill: text bars and a stone, and no file.
func TestDM_MyProgressFewSessionsAsText(t *testing.T) {
	h := newHarness(t)
	h.history(member, "", "kingfisher", 1)
	h.dm("my progress")
	msg := h.expect("how far you've come")
	blocks := msg.Params["blocks"]
	if !strings.Contains(blocks, "▰") || !strings.Contains(blocks, "1 done of 1 planned") || !strings.Contains(blocks, "🪨") {
		t.Errorf("no text bars or stone: %s", blocks)
	}
	// Inputs of one member are handled in order: once "steps" is
	// answered, "my progress" is all done.
	h.dm("steps")
	h.expect("kingfisher goal")
	if n := len(h.fake.CallsTo("files.getUploadURLExternal")); n != 0 {
		t.Errorf("%d files uploaded for one session", n)
	}
}

func TestDM_MyProgressNothingYet(t *testing.T) {
	h := newHarness(t)
	h.dm("my progress")
	h.expect("nothing to draw yet")
	h.dm("steps")
	h.expect("")
	if n := len(h.fake.CallsTo("files.getUploadURLExternal")); n != 0 {
		t.Errorf("%d files uploaded with nothing to show", n)
	}
}

func TestSlash_GroupProgress(t *testing.T) {
	t.Run("Facilitator", func(t *testing.T) {
		h := newHarness(t)
		h.progressGroup()
		if ack := h.slash(facilitator, groupChan, "progress"); !strings.Contains(ack, "sent the group's chart") {
			t.Fatalf("ack %q", ack)
		}
		f := h.uploaded(1)
		if f.Channel != fakeslack.DMChannel(facilitator) {
			t.Fatalf("the group's chart went to %s, not the facilitator's DM", f.Channel)
		}
		decodePNG(t, f)
		// Only the member who shares steps is counted: one step a session.
		if alt := h.altOf(1); !strings.Contains(alt, "Tuesday circle") || !strings.Contains(alt, "6/2, 1 done of 1 planned") {
			t.Errorf("alt text %q", alt)
		}
		h.posted(fakeslack.DMChannel(facilitator), "Tuesday circle's progress")
		audit, err := h.st.Audit(context.Background(), store.AuditFilter{Person: facilitator})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range audit {
			if e.What == "progress chart" && e.GroupID == groupChan {
				seen[e.Subject] = true
			}
		}
		if !seen[member] || !seen[other] {
			t.Errorf("audit %+v", audit)
		}
	})
	t.Run("NotAFacilitator", func(t *testing.T) {
		h := newHarness(t)
		h.progressGroup()
		if ack := h.slash(member, groupChan, "chart"); !strings.Contains(ack, "Only this group's facilitators") {
			t.Fatalf("ack %q", ack)
		}
		h.dm("steps") // the member's queue: anything the slash queued ran before
		h.expect("kingfisher goal")
		if n := len(h.fake.CallsTo("files.getUploadURLExternal")); n != 0 {
			t.Errorf("a member got the group's chart (%d files)", n)
		}
	})
	t.Run("NotAGroup", func(t *testing.T) {
		h := newHarness(t)
		if ack := h.slash(member, "C0NOTHING", "progress"); !strings.Contains(ack, "isn't a Cairn group") {
			t.Fatalf("ack %q", ack)
		}
	})
	t.Run("InOurDM", func(t *testing.T) {
		h := newHarness(t)
		h.history(member, "", "kingfisher", 3)
		h.slash(member, fakeslack.DMChannel(member), "progress")
		h.expect("how far you've come")
		if f := h.uploaded(1); f.Channel != fakeslack.DMChannel(member) {
			t.Errorf("file %+v", f)
		}
	})
}

// homeButtonIn finds the button labelled label in a published Home and
// returns its action_id and value.
func homeButtonIn(t *testing.T, blocks []json.RawMessage, label string) (actionID, value string) {
	t.Helper()
	for _, raw := range blocks {
		var b struct {
			Elements []struct {
				ActionID string                `json:"action_id"`
				Value    string                `json:"value"`
				Text     struct{ Text string } `json:"text"`
			} `json:"elements"`
		}
		_ = json.Unmarshal(raw, &b)
		for _, e := range b.Elements {
			if e.Text.Text == label {
				return e.ActionID, e.Value
			}
		}
	}
	t.Fatalf("no button %q in the Home", label)
	return "", ""
}

// TestHome_MyProgressButton: the member's Home has a [My progress] button,
// and pressing it sends their chart to the DM.
func TestHome_MyProgressButton(t *testing.T) {
	h := newHarness(t)
	h.progressGroup()
	id, value := homeButtonIn(t, openHome(h, member), "My progress")
	h.sendInteractive(fakeslack.BlockAction(member, "", id, value, ""))
	h.expect("how far you've come")
	if f := h.uploaded(1); f.Channel != fakeslack.DMChannel(member) {
		t.Errorf("the chart went to %s, not the member's DM", f.Channel)
	}
}

// TestHome_GroupChartButton: the facilitator's Home has a [Group chart]
// button for each group; pressed by its facilitator it sends the group's
// chart to their DM; pressed by a member it sends nothing.
func TestHome_GroupChartButton(t *testing.T) {
	h := newHarness(t)
	h.progressGroup()
	id, value := homeButtonIn(t, openHome(h, facilitator), "Group chart")
	if value != groupChan {
		t.Fatalf("the button's value is %q, want the group %s", value, groupChan)
	}
	h.sendInteractive(fakeslack.BlockAction(member, "", id, value, ""))
	h.sendInteractive(fakeslack.BlockAction(facilitator, "", id, value, ""))
	f := h.uploaded(1)
	if f.Channel != fakeslack.DMChannel(facilitator) {
		t.Fatalf("the group's chart went to %s, not the facilitator's DM", f.Channel)
	}
	h.posted(fakeslack.DMChannel(facilitator), "Tuesday circle's progress")
	if err := h.fake.WaitIdle(h.ctx()); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.CallsTo("files.getUploadURLExternal")); n != 1 {
		t.Errorf("%d charts sent, want 1 (the member's press sends none)", n)
	}
}

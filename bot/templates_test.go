package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// TestTemplates_facilitatorAddsAndRemoves: `/cairn templates` opens a modal
// for the group's facilitator; its submission adds the group's template
// and removes checked ones. A member of the group, and a forged form, are
// refused and change nothing.
func TestTemplates_facilitatorAddsAndRemoves(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.st.SaveGroup(ctx, store.Group{ID: "C0GROUP", Name: "Tuesday group", Facilitators: []string{"UFAC"}, Members: []string{"UANA"}}); err != nil {
		t.Fatal(err)
	}
	if got := h.slash("UANA", "C0GROUP", "templates"); !strings.Contains(got, "Only this group's facilitators") {
		t.Fatalf("a member's /cairn templates answered %q", got)
	}
	if got := h.slash("UFAC", "C0NONE", "templates"); !strings.Contains(got, "no group set up in this channel") {
		t.Fatalf("templates in a channel with no group answered %q", got)
	}
	h.slash("UFAC", "C0GROUP", "templates")
	opened, err := h.fake.WaitForCalls(h.ctx(), "views.open", 1)
	if err != nil {
		t.Fatal(err)
	}
	if view := opened[0].Params["view"]; !strings.Contains(view, "group_templates") || !strings.Contains(view, "one per line") {
		t.Fatalf("templates modal:\n%s", view)
	}
	form := func(goal, steps string, remove ...string) map[string]map[string]any {
		var selected []map[string]any
		for _, r := range remove {
			selected = append(selected, map[string]any{"value": r})
		}
		return map[string]map[string]any{
			"template_goal":   {"template_goal_input": fakeslack.TextInput(goal)},
			"template_steps":  {"template_steps_input": fakeslack.TextInput(steps)},
			"template_remove": {"template_remove_input": map[string]any{"type": "checkboxes", "selected_options": selected}},
		}
	}
	// A member's forged submission is refused.
	if ack := h.submit(fakeslack.ViewSubmission("UANA", "group_templates", "C0GROUP", form("Mine", "a"))); !strings.Contains(ack, "Only this group's facilitators") {
		t.Fatalf("a member's form answered %s", ack)
	}
	if ack := h.submit(fakeslack.ViewSubmission("UFAC", "group_templates", "C0GROUP", form("", "a step without a goal"))); !strings.Contains(ack, "Write the goal") {
		t.Fatalf("steps without a goal answered %s", ack)
	}
	if ack := h.submit(fakeslack.ViewSubmission("UFAC", "group_templates", "C0GROUP", form("Too many", "1\n2\n3\n4\n5\n6"))); !strings.Contains(ack, "Up to 5 steps") {
		t.Fatalf("six steps answered %s", ack)
	}
	ack := h.submit(fakeslack.ViewSubmission("UFAC", "group_templates", "C0GROUP", form("Join the community garden by June", "- Call the parks office\n\n2 visits on a Saturday\n")))
	if strings.Contains(ack, "errors") {
		t.Fatalf("good form answered %s", ack)
	}
	got, err := h.st.Templates(ctx, "C0GROUP")
	if err != nil || len(got) != 1 || got[0].Goal != "Join the community garden by June" ||
		strings.Join(got[0].Steps, "|") != "Call the parks office|2 visits on a Saturday" || got[0].By != "UFAC" {
		t.Fatalf("templates = %+v, %v", got, err)
	}
	// The same form again (a replay) adds nothing.
	h.submit(fakeslack.ViewSubmission("UFAC", "group_templates", "C0GROUP", form("Join the community garden by June", "Call the parks office")))
	if got, _ := h.st.Templates(ctx, "C0GROUP"); len(got) != 1 {
		t.Fatalf("a replayed form added a second template: %+v", got)
	}
	// The next modal lists it to remove; removing it leaves none.
	h.slash("UFAC", "C0GROUP", "templates")
	opened, err = h.fake.WaitForCalls(h.ctx(), "views.open", 2)
	if err != nil {
		t.Fatal(err)
	}
	if view := opened[1].Params["view"]; !strings.Contains(view, "checkboxes") || !strings.Contains(view, "Join the community garden by June") {
		t.Fatalf("second modal lacks the template to remove:\n%s", view)
	}
	h.submit(fakeslack.ViewSubmission("UFAC", "group_templates", "C0GROUP", form("", "", "1")))
	if got, _ := h.st.Templates(ctx, "C0GROUP"); len(got) != 0 {
		t.Fatalf("after removing: %+v", got)
	}
}

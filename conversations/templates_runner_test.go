package conversations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestRunner_GroupTemplates: through a real store, a member sees the
// templates of the groups they joined first (not of others), and picking
// one offers its first step.
func TestRunner_GroupTemplates(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	for _, g := range []store.Group{
		{ID: "C1", Name: "Riverside", Members: []string{"U1"}},
		{ID: "C2", Name: "Elsewhere", Members: []string{"U2"}},
	} {
		if err := st.SaveGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []struct{ group, goal string }{{"C1", "Join the community garden"}, {"C2", "Another group's goal"}} {
		if _, err := st.AddTemplate(ctx, a.group, store.Template{Goal: a.goal, Steps: []string{"Call the parks office"}, By: "UF"}); err != nil {
			t.Fatal(err)
		}
	}
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	say(t, r, "U1", "goal", now)
	say(t, r, "U1", "A garden of my own", now)
	say(t, r, "U1", "Quiet mornings outside", now)
	replies, err := r.Handle(ctx, "U1", conversations.Input{Text: "ideas"}, now)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, rep := range replies {
		for _, c := range rep.Choices {
			labels = append(labels, c.Label)
		}
	}
	got := strings.Join(labels, "\n")
	first := strings.Index(got, "From your group: Join the community garden")
	if first < 0 || strings.Contains(got, "Another group's") || strings.Index(got, "Work:") < first {
		t.Fatalf("list %q: want this group's template first, and no other group's", got)
	}
	say(t, r, "U1", "1", now)
	if got := say(t, r, "U1", "keep", now); !strings.Contains(got, "Call the parks office") {
		t.Fatalf("after keeping the goal: %q", got)
	}
}

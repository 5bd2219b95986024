package conversations_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// A goal's life through the Runner and a real store: a second goal beside
// the first, a step edited and deleted, one goal let go, the other reached.
func TestRunner_GoalLife(t *testing.T) {
	st, _ := openStore(t)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	now := time.Date(2026, 6, 10, 15, 0, 0, 0, time.UTC)
	for _, text := range goalScript {
		say(t, r, "U1", text, now)
	}
	if got := say(t, r, "U1", "set a goal", now); !strings.Contains(got, "add the new goal beside it") {
		t.Fatalf("second goal: %q", got)
	}
	say(t, r, "U1", "add beside it", now)
	for _, text := range []string{"A garden", "Tomatoes", "Grow tomatoes by August", "8", "Fresh food", "no one yet", "Buy seeds", "Saturday", "me", "Dig a bed", "next Monday", "me", "that's all for now", "skip", "save it"} {
		say(t, r, "U1", text, now)
	}
	v, err := st.MemberView(t.Context(), "U1")
	if err != nil {
		t.Fatal(err)
	}
	c := conversations.ContextOf(v)
	if len(c.Goals) != 2 || len(c.Steps) != 3 {
		t.Fatalf("after a second goal: %d goals, %d steps", len(c.Goals), len(c.Steps))
	}
	if got := say(t, r, "U1", "steps", now); !strings.Contains(got, "Finish a birdhouse by July") || !strings.Contains(got, "3. Dig a bed") {
		t.Fatalf("steps: %q", got)
	}
	if got := say(t, r, "U1", "step 3 is Dana's", now); !strings.Contains(got, "Dana") {
		t.Fatalf("owner: %q", got)
	}
	say(t, r, "U1", "delete step 2", now)
	say(t, r, "U1", "delete it", now)
	say(t, r, "U1", "let it go", now)
	say(t, r, "U1", "Finish a birdhouse by July", now)
	if got := say(t, r, "U1", "keep the steps", now); !strings.Contains(got, "now with “Grow tomatoes by August”") {
		t.Fatalf("let go: %q", got)
	}
	if got := say(t, r, "U1", "I did it", now); !strings.Contains(got, "You reached your goal: “Grow tomatoes by August”") {
		t.Fatalf("reached: %q", got)
	}

	v, err = st.MemberView(t.Context(), "U1")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Goals) != 2 {
		t.Fatalf("goals: %+v", v.Goals)
	}
	wood, garden := v.Goals[0], v.Goals[1]
	if wood.Goal.Status != store.GoalDropped || len(wood.Steps) != 0 {
		t.Fatalf("let-go goal %+v with steps %+v", wood.Goal, wood.Steps)
	}
	if garden.Goal.Status != store.GoalDone || !garden.Goal.AchievedAt.Equal(now) {
		t.Fatalf("reached goal %+v", garden.Goal)
	}
	var whats []string
	for _, s := range garden.Steps {
		whats = append(whats, s.What+"/"+s.OwnerName)
	}
	if strings.Join(whats, ",") != "Buy pine boards/,Dig a bed/Dana" {
		t.Fatalf("steps = %v", whats)
	}
	if c := conversations.ContextOf(v); c.Goal != nil {
		t.Fatalf("a reached goal is still current: %+v", c.Goal)
	}
}

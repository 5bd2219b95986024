package bot_test

import (
	"strconv"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// App Home's [Goal reached] marks the goal it names reached, with its date,
// and the member is celebrated in the DM.
func TestHome_GoalReachedButton(t *testing.T) {
	h := newHarness(t)
	ctx := h.ctx()
	id, err := h.st.SaveGoal(ctx, store.Goal{MemberID: member, Text: "a part-time job", Dream: "a little bakery"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.fake.SendEvent(ctx, fakeslack.AppHomeOpened(member)); err != nil {
		t.Fatal(err)
	}
	value := "goal:reached:" + strconv.FormatUint(id, 10)
	h.waitHome(`"value":"`+value+`"`, "Goal reached")
	h.sendInteractive(fakeslack.BlockAction(member, "", "home-goal-reached-"+strconv.FormatUint(id, 10), value, ""))
	h.expect("You reached your goal")
	g, err := h.st.Goal(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if g.Status != store.GoalDone || g.AchievedAt.IsZero() {
		t.Fatalf("goal = %+v", g)
	}
}

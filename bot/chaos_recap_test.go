package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
)

// shortCalls restarts the recap world with a one-second call timeout, so a
// post Slack answers late times out quickly.
func (w *recapWorld) shortCalls() {
	w.t.Helper()
	w.configure = func(c *bot.Config) { c.CallTimeout = time.Second }
	w.restart()
	w.bot.SetOutboxWaits(10*time.Millisecond, 50*time.Millisecond)
}

// TestChaos_RecapLateButKeptThenRestart: the recap's post reaches the
// channel only after Cairn gave up on it (a timeout), and Cairn stops
// before it tries again. The next start finds the post by its tag: one
// recap in the channel, each member who came told once, and the
// facilitator not told of a failure that was not one.
func TestChaos_RecapLateButKeptThenRestart(t *testing.T) {
	w := newRecapWorld(t)
	w.shortCalls()
	viewID, _ := w.openForm("UFAC", 1)
	w.fake.FailNext("chat.postMessage", 1, fakeslack.Delay(3*time.Second))
	w.submitForm("UFAC", viewID, "555.666.recap", w.recapForm("We laughed", []string{"UANA", "UBEN"}, nil))
	waitFor(t, func() bool { return len(w.recapPosts()) == 1 })
	w.restart()
	w.published()
	w.checkOnce("We laughed")
	if dms := w.dms("UFAC"); len(dms) != 0 {
		t.Errorf("the facilitator was told %q", dms)
	}
	assertNoMessageTextInLogs(t, w.logs.String(), "We laughed", "Boundaries at work")
}

// TestChaos_RecapEditThroughFailuresAndReplay: an edit is shown in place
// while chat.update is rate-limited, then answered 500 after Slack kept
// it, then answered too late; Slack also sends the edit's submission a
// second time. The channel keeps one message, showing the edit; nobody is
// told twice; the facilitator hears of no failure.
func TestChaos_RecapEditThroughFailuresAndReplay(t *testing.T) {
	w := newRecapWorld(t)
	w.shortCalls()
	viewID, _ := w.openForm("UFAC", 1)
	w.submitForm("UFAC", viewID, "111.222.recap", w.recapForm("We laughed", []string{"UANA", "UBEN"}, nil))
	w.published()
	editID, _ := w.openForm("UFAC", 2)
	w.fake.FailNext("chat.update", 1, fakeslack.RateLimited(0))
	w.fake.FailNext("chat.update", 1, fakeslack.KeptButFailed())
	w.fake.FailNext("chat.update", 1, fakeslack.Failure{Delay: 3 * time.Second, Status: 500})
	edit := w.submitForm("UFAC", editID, "333.444.edit", w.recapForm("Ana asked Sam for coffee", []string{"UANA", "UBEN"}, nil))
	w.submit(edit) // Slack's replay of the same submission
	w.published()
	w.checkOnce("Ana asked Sam for coffee")
	if n := len(w.fake.CallsTo("chat.update")); n < 4 {
		t.Errorf("chat.update called %d times: the failures did not all hit the edit", n)
	}
	if msg := blocksText(t, w.recapPosts()[0].Blocks); strings.Contains(msg, "We laughed") {
		t.Errorf("the channel still shows the first version:\n%s", msg)
	}
	if dms := w.dms("UFAC"); len(dms) != 0 {
		t.Errorf("the facilitator was told %q", dms)
	}
	assertNoMessageTextInLogs(t, w.logs.String(), "We laughed", "Ana asked Sam", "Boundaries at work")
}

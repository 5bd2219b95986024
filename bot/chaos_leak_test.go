package bot_test

import (
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
)

// TestChaos_NoGoroutineLeftBehind runs the failures of the other chaos
// tests — calls that time out, 429s, kept 500s, restarts — and checks that
// once the bot and the fake Slack are closed, no goroutine they started is
// still running (a call cut short must not leave its reader behind).
func TestChaos_NoGoroutineLeftBehind(t *testing.T) {
	timeout := fakeslack.Failure{Delay: 30 * time.Second, Status: http.StatusInternalServerError}
	runs := map[string]func(t *testing.T){
		"files": func(t *testing.T) {
			h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = time.Second })
			h.progressGroup()
			h.fake.FailNext("files.completeUploadExternal", 1, fakeslack.KeptButFailed())
			h.fake.FailNext("upload_url", 1, timeout)
			h.slash(facilitator, groupChan, "export")
			h.slash(facilitator, groupChan, "progress")
			waitFor(t, func() bool {
				n, _ := sharedIn(h.fake, fakeslack.DMChannel(facilitator))
				en := conversations.WordsFor(conversations.English)
				return n == 1 && troubleSaid(h, en.ChartTrouble)+troubleSaid(h, en.ExportTrouble) == 1
			})
		},
		"recap": func(t *testing.T) {
			w := newRecapWorld(t)
			w.shortCalls()
			viewID, _ := w.openForm("UFAC", 1)
			w.fake.FailNext("chat.postMessage", 1, fakeslack.Delay(3*time.Second))
			w.submitForm("UFAC", viewID, "555.666.recap", w.recapForm("We laughed", []string{"UANA", "UBEN"}, nil))
			waitFor(t, func() bool { return len(w.recapPosts()) == 1 })
			w.restart()
			w.published()
		},
	}
	for name, run := range runs {
		base := runtime.NumGoroutine()
		t.Run(name, run) // its cleanups close the bot, the store and the fake
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
			runtime.Gosched()
			time.Sleep(10 * time.Millisecond) // polling for goroutines to end, not waiting for an outcome
		}
		if n := runtime.NumGoroutine(); n > base {
			buf := make([]byte, 1<<20)
			t.Errorf("%s: %d goroutines left behind:\n%s", name, n-base, buf[:runtime.Stack(buf, true)])
		}
	}
}

package bot_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
)

// Files against a Slack that fails. files.completeUploadExternal is not
// idempotent: one that timed out or got a 5xx may have shared the file.
// Cairn then looks in the DM for that file before it says anything, and
// never completes a second copy on its own; a person who was told it
// failed asks again.

// sharedIn is how many files were shared in channel, and how many
// messages there carry one.
func sharedIn(fake *fakeslack.Server, channel string) (files, messages int) {
	for _, f := range fake.Files() {
		if f.Shared && f.Channel == channel {
			files++
		}
	}
	for _, m := range fake.Messages(channel) {
		if len(m.Files) > 0 {
			messages++
		}
	}
	return files, messages
}

// troubleSaid counts the bot's posts in the member's DM that hold want.
func troubleSaid(h *harness, want string) int {
	n := 0
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if strings.Contains(c.Params["text"], want) {
			n++
		}
	}
	return n
}

// TestChaos_MyDataSharedButAnswered500 is the file Slack shared and then
// answered 500 for, or shared after Cairn gave up waiting: before the fix
// the member got the file and, right under it, "something went wrong …
// try again" — and trying again shared a second copy of everything Cairn
// holds about them.
func TestChaos_MyDataSharedButAnswered500(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    fakeslack.Failure
	}{
		{"kept 500", fakeslack.KeptButFailed()},
		{"late but kept", fakeslack.Failure{Delay: 30 * time.Second, Status: http.StatusInternalServerError, Keep: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = time.Second })
			h.seed("kingfisher", "albatross")
			h.fake.FailNext("files.completeUploadExternal", 1, tc.f)
			h.dm("my data")
			h.expect("everything I hold about you")
			h.uploaded(1)
			h.dm("hi") // one member's turns run in order: the first is done by its answer
			h.expect("What would you like to do")
			dm := fakeslack.DMChannel(member)
			if files, msgs := sharedIn(h.fake, dm); files != 1 || msgs != 1 {
				t.Fatalf("%d files in %d messages shared, want 1", files, msgs)
			}
			trouble := conversations.WordsFor(conversations.English).ErrTrouble
			if n := troubleSaid(h, trouble); n != 0 {
				t.Errorf("the member has their file and was still told it failed (%d times)", n)
			}
			if n := len(h.fake.CallsTo("files.completeUploadExternal")); n != 1 {
				t.Errorf("files.completeUploadExternal called %d times, want 1 (a second one could share a second copy)", n)
			}
			assertNoMessageTextInLogs(t, h.logs.String(), "kingfisher", "albatross")
		})
	}
}

// TestChaos_MyDataLostOrTimedOut: Slack answers 500 without sharing, or
// never answers within the call's timeout. Nothing is shared twice; the
// member is told kindly, and asking again brings exactly one file.
func TestChaos_MyDataLostOrTimedOut(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    fakeslack.Failure
	}{
		{"500 not kept", fakeslack.ServerError()},
		// Answered after Cairn gave up, and not kept.
		{"timeout", fakeslack.Failure{Delay: 30 * time.Second, Status: http.StatusInternalServerError}},
		{"429 then shared", fakeslack.RateLimited(0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = 2 * time.Second })
			h.seed("kingfisher", "albatross")
			h.fake.FailNext("files.completeUploadExternal", 1, tc.f)
			h.dm("my data")
			h.expect("everything I hold about you")
			dm := fakeslack.DMChannel(member)
			trouble := conversations.WordsFor(conversations.English).ErrTrouble
			if tc.f.Status == http.StatusTooManyRequests {
				// Waited out and shared in the same call: no trouble.
				h.uploaded(1)
			} else {
				h.expect(trouble)
				if files, _ := sharedIn(h.fake, dm); files != 0 {
					t.Fatalf("%d files shared, want none yet", files)
				}
				h.dm("my data")
				h.expect("everything I hold about you")
				h.uploaded(2)
			}
			h.dm("hi")
			h.expect("What would you like to do")
			if files, msgs := sharedIn(h.fake, dm); files != 1 || msgs != 1 {
				t.Fatalf("%d files in %d messages shared, want 1", files, msgs)
			}
			assertNoMessageTextInLogs(t, h.logs.String(), "kingfisher", "albatross")
		})
	}
}

// TestChaos_FacilitatorFilesThroughEachStep: the group export (a CSV) and
// the group chart (a PNG) go through Slack's three upload steps; each step
// fails once in the ways Slack fails. Every time the facilitator ends up
// with exactly one shared file and no "try again" — except when nothing
// was shared and a retry could not be known safe, where they are told
// kindly and asking again brings one file.
func TestChaos_FacilitatorFilesThroughEachStep(t *testing.T) {
	en := conversations.WordsFor(conversations.English)
	timeout := fakeslack.Failure{Delay: 30 * time.Second, Status: http.StatusInternalServerError}
	for _, tc := range []struct {
		name, method string
		f            fakeslack.Failure
		told         bool // the facilitator is told it failed, and asks again
	}{
		{"url 429", "files.getUploadURLExternal", fakeslack.RateLimited(0), false},
		{"url kept 500", "files.getUploadURLExternal", fakeslack.KeptButFailed(), false},
		{"url timeout", "files.getUploadURLExternal", timeout, true},
		{"bytes kept 500", "upload_url", fakeslack.KeptButFailed(), false},
		{"bytes lost 500", "upload_url", fakeslack.ServerError(), false},
		{"bytes timeout", "upload_url", timeout, true},
		{"share 429", "files.completeUploadExternal", fakeslack.RateLimited(0), false},
		{"share kept 500", "files.completeUploadExternal", fakeslack.KeptButFailed(), false},
		{"share lost 500", "files.completeUploadExternal", fakeslack.ServerError(), true},
	} {
		for _, what := range []struct{ cmd, trouble string }{{"export", en.ExportTrouble}, {"progress", en.ChartTrouble}} {
			t.Run(what.cmd+"/"+tc.name, func(t *testing.T) {
				h := newHarnessWith(t, func(c *bot.Config) { c.CallTimeout = 2 * time.Second })
				h.progressGroup()
				h.fake.FailNext(tc.method, 1, tc.f)
				h.slash(facilitator, groupChan, what.cmd)
				dm := fakeslack.DMChannel(facilitator)
				if tc.told {
					h.posted(dm, what.trouble)
					h.slash(facilitator, groupChan, what.cmd)
				}
				waitFor(t, func() bool { files, _ := sharedIn(h.fake, dm); return files >= 1 })
				// Every job the command started is done once the bot stops.
				h.halt()
				if files, msgs := sharedIn(h.fake, dm); files != 1 || msgs != 1 {
					t.Fatalf("%d files in %d messages shared, want 1", files, msgs)
				}
				if n := troubleSaid(h, what.trouble); n != 0 && !tc.told || n > 1 {
					t.Errorf("told %d times it failed; logs:\n%s", n, h.logs)
				}
				assertNoMessageTextInLogs(t, h.logs.String(), "kingfisher", "albatross")
			})
		}
	}
}

// TestChaos_FileCommandsReplayed: /cairn export and /cairn progress sent
// twice with the same trigger_id (Slack's retry, or the same signed
// request replayed). Before the fix the facilitator got two CSVs, or two
// charts; now the second is acknowledged like the first and does nothing.
func TestChaos_FileCommandsReplayed(t *testing.T) {
	for _, cmd := range []string{"export", "progress"} {
		t.Run(cmd, func(t *testing.T) {
			h := newHarness(t)
			h.progressGroup()
			c := slack.SlashCommand{Command: "/cairn", Text: cmd, UserID: facilitator, ChannelID: groupChan, TriggerID: "123.456." + cmd}
			for range 2 {
				id, err := h.fake.SendSlashCommand(h.ctx(), c)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := h.fake.WaitForAck(h.ctx(), id); err != nil {
					t.Fatal(err)
				}
			}
			dm := fakeslack.DMChannel(facilitator)
			waitFor(t, func() bool { n, _ := sharedIn(h.fake, dm); return n >= 1 })
			h.halt() // every job the commands started is done
			if files, msgs := sharedIn(h.fake, dm); files != 1 || msgs != 1 {
				t.Fatalf("%d files in %d messages, want 1", files, msgs)
			}
		})
	}
}

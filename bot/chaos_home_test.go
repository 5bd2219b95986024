package bot_test

import (
	"strings"
	"testing"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
)

// TestChaos_LanguageSwitchFromHomeReplayed: the member presses [Español]
// in App Home while Slack rate-limits and then fails views.publish after
// keeping it, and Slack sends the same press again (its retry of an
// envelope it thinks was missed). The language is switched once, the
// member is told once, and App Home ends up in Spanish.
func TestChaos_LanguageSwitchFromHomeReplayed(t *testing.T) {
	h := newHarness(t)
	h.dm("hi")
	h.expect("What would you like to do")
	openHome(h, member)
	actionID, value := homeButtonByValue(t, publishedHome(h, member), conversations.ActLangEs)
	before := len(h.fake.CallsTo("views.publish"))
	h.fake.FailNext("views.publish", 1, fakeslack.RateLimited(0))
	h.fake.FailNext("views.publish", 1, fakeslack.KeptButFailed())
	press := map[string]any{
		"type": "block_actions", "trigger_id": "123.456.lang",
		"user":      map[string]any{"id": member},
		"container": map[string]any{"type": "view", "view_id": "VHOME"},
		"actions": []any{map[string]any{"action_id": actionID, "block_id": "lang", "type": "button", "value": value,
			"action_ts": "1781100000.000100"}},
	}
	h.sendInteractive(press)
	h.sendInteractive(press) // the same press again
	es := conversations.WordsFor(conversations.Spanish)
	waitFor(t, func() bool {
		home := publishedHome(h, member)
		return len(h.fake.CallsTo("views.publish")) >= before+3 && strings.Contains(home, conversations.ActLangEn)
	})
	// A later turn: the presses' turns are done by its answer.
	h.dm("hola")
	h.expect(es.Menu)
	if n := troubleSaid(h, es.LangSwitched); n != 1 {
		t.Errorf("the member was told %d times that Cairn speaks Spanish now, want once", n)
	}
	if m, err := h.st.Member(h.ctx(), member); err != nil || m.Lang != "es" {
		t.Errorf("language %q (%v), want es", m.Lang, err)
	}
}

// TestChaos_HomeChartButtonReplayed: the facilitator presses [Chart] in
// App Home once; Slack sends the press twice (a retry, or the same signed
// request replayed). Before the fix the facilitator got the group's chart
// twice — two intros, two pictures. The press is now keyed like every
// other click, so the second is acknowledged and does nothing.
func TestChaos_HomeChartButtonReplayed(t *testing.T) {
	h := newHarness(t)
	h.progressGroup()
	press := fakeslack.BlockAction(facilitator, "", "fac_chart", groupChan, "")
	press["trigger_id"] = "123.456.chart"
	h.sendInteractive(press)
	h.sendInteractive(press)
	dm := fakeslack.DMChannel(facilitator)
	waitFor(t, func() bool { n, _ := sharedIn(h.fake, dm); return n >= 1 })
	h.halt() // every job the presses started is done
	if files, msgs := sharedIn(h.fake, dm); files != 1 || msgs != 1 {
		t.Fatalf("%d charts in %d messages, want 1", files, msgs)
	}
	if n := len(h.fake.CallsTo("files.getUploadURLExternal")); n != 1 {
		t.Errorf("%d uploads begun, want 1", n)
	}
}

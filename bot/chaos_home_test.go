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

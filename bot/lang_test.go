package bot_test

import (
	"github.com/cairnbot/cairn/conversations"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
)

// TestZones_SlackLocaleIsTheLanguage: users.info is asked with
// include_locale, and Slack's locale becomes the member's language until
// they choose one; their choice, typed in the DM, is kept.
func TestZones_SlackLocaleIsTheLanguage(t *testing.T) {
	h := newHarness(t)
	h.fake.AddUser(fakeslack.User{ID: member, Name: "maria", RealName: "Maria", TZ: "America/Chicago", Locale: "es-MX"})
	h.dm("hi")
	waitFor(t, func() bool {
		m, err := h.st.Member(h.ctx(), member)
		return err == nil && m.Lang == "es-MX"
	})
	calls := h.fake.CallsTo("users.info")
	if len(calls) == 0 || calls[0].Params["include_locale"] != "true" {
		t.Fatalf("users.info calls %+v: want include_locale=true", calls)
	}
	h.dm("english")
	waitFor(t, func() bool {
		m, err := h.st.Member(h.ctx(), member)
		return err == nil && m.Lang == "en"
	})
}

// TestDM_SpanishFirstWordsAskOnce: "hola" from a member Slack knows as
// en-US asks, once, in Spanish; pressing [English] is their choice, kept
// over Slack's locale, and the next "hola" is answered in English.
func TestDM_SpanishFirstWordsAskOnce(t *testing.T) {
	h := newHarness(t)
	es, en := conversations.WordsFor(conversations.Spanish), conversations.WordsFor(conversations.English)
	h.dm("hola")
	ask := h.expect(es.LangAsk)
	actionID, value := buttonValue(t, ask, es.LangEnglish)
	if value != conversations.ActLangEn {
		t.Fatalf("[English] is %q", value)
	}
	if _, err := h.fake.SendInteractive(h.ctx(), fakeslack.BlockAction(member, fakeslack.DMChannel(member), actionID, value, ts(t, ask))); err != nil {
		t.Fatal(err)
	}
	h.expect(en.LangSwitched)
	waitFor(t, func() bool {
		m, err := h.st.Member(h.ctx(), member)
		return err == nil && m.Lang == "en" && m.TZ != "" // the zone (and locale) learned too
	})
	h.dm("hola")
	h.expect(en.Hello) // introduced once already, in Spanish
	asked := 0
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if strings.Contains(c.Params["text"], es.LangAsk) {
			asked++
		}
	}
	if asked != 1 {
		t.Fatalf("asked about the language %d times", asked)
	}
}

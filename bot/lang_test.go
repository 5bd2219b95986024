package bot_test

import (
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

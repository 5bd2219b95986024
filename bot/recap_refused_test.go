package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/fakeslack"
)

// TestRecap_RefusedPostSaysCairnKeepsTrying: when Slack refuses a recap's
// post, the facilitator reads, in their own language, that the recap is
// saved, that Cairn keeps trying by itself (it does: at the next start and
// on a new save), and what to check — that Cairn is in the channel — never
// that they must save it again.
func TestRecap_RefusedPostSaysCairnKeepsTrying(t *testing.T) {
	for _, tc := range []struct {
		user      string
		lang      conversations.Lang
		want      []string
		notWanted []string
	}{
		{"UFAC", conversations.English, []string{"It's saved", "keep trying", "Cairn is in that channel", "/invite @Cairn"}, []string{"save it again", "try once more"}},
		{"UFLOR", conversations.Spanish, []string{"Está guardado", "lo seguiré intentando", "Cairn esté en ese canal", "/invite @Cairn"}, []string{"guárdalo otra vez", "intentarlo de nuevo"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			w := newRecapWorld(t)
			viewID, _ := w.openForm(tc.user, 1)
			w.fake.FailNext("chat.postMessage", 1, fakeslack.SlackError("not_in_channel"))
			w.submitForm(tc.user, viewID, "555.000.recap", w.recapForm("We laughed", []string{"UANA", "UBEN"}, nil))
			waitFor(t, func() bool { return len(w.dms(tc.user)) == 1 })
			got := w.dms(tc.user)[0]
			if want := fmt.Sprintf(conversations.WordsFor(tc.lang).RecapPostFailed, "#"+recapChannel); got != want {
				t.Errorf("%s read %q, want %q", tc.user, got, want)
			}
			for _, s := range tc.want {
				if !strings.Contains(got, s) {
					t.Errorf("%s's DM lacks %q: %s", tc.user, s, got)
				}
			}
			for _, s := range tc.notWanted {
				if strings.Contains(got, s) {
					t.Errorf("%s's DM still says %q: %s", tc.user, s, got)
				}
			}
			if r := w.savedRecap(); r.Posted() || !r.Publish {
				t.Errorf("after the refusal: posted=%v publish=%v, want saved and waiting to be posted", r.Posted(), r.Publish)
			}
		})
	}
}

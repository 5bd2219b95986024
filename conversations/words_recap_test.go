package conversations

import (
	"reflect"
	"slices"
	"testing"
)

// TestRecapWords checks the Recap part on its own (the whole catalogue's
// test is skipped while the Spanish is written): every sentence in both
// languages, with the same format verbs.
func TestRecapWords(t *testing.T) {
	en, es := reflect.ValueOf(englishRecap), reflect.ValueOf(spanishRecap)
	for i := range en.NumField() {
		name := en.Type().Field(i).Name
		a, b := en.Field(i).String(), es.Field(i).String()
		if a == "" || b == "" {
			t.Errorf("Recap.%s: English %q, Spanish %q", name, a, b)
		}
		if va, vb := verbsOf(a), verbsOf(b); !slices.Equal(va, vb) {
			t.Errorf("Recap.%s: English has verbs %v, Spanish %v", name, va, vb)
		}
	}
	for _, w := range []Recap{englishRecap, spanishRecap} {
		for _, s := range []string{w.RecapTitle, w.RecapPost, w.RecapUpdate, w.RecapClose} {
			if len([]rune(s)) > 24 {
				t.Errorf("%q is longer than Slack's 24 characters for a modal's title or button", s)
			}
		}
	}
}

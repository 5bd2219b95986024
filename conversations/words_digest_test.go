package conversations

import (
	"reflect"
	"slices"
	"testing"
)

// TestCatalogue_PromptsAndDigestInEveryLanguage: every sentence of the
// scheduled messages, digests and lists has an English and a Spanish text
// with the same format verbs (the whole catalogue's test waits for the
// other parts' Spanish; these are whole now).
func TestCatalogue_PromptsAndDigestInEveryLanguage(t *testing.T) {
	for _, part := range []struct {
		name   string
		en, es any
	}{
		{"Prompts", WordsFor(English).Prompts, WordsFor(Spanish).Prompts},
		{"Digest", WordsFor(English).Digest, WordsFor(Spanish).Digest},
	} {
		en, es := reflect.ValueOf(part.en), reflect.ValueOf(part.es)
		for i := range en.NumField() {
			name := part.name + "." + en.Type().Field(i).Name
			a, b := en.Field(i).String(), es.Field(i).String()
			if a == "" || b == "" {
				t.Errorf("%s: English %q, Spanish %q; want both", name, a, b)
			}
			if va, vb := verbsOf(a), verbsOf(b); !slices.Equal(va, vb) {
				t.Errorf("%s: English has verbs %v, Spanish %v", name, va, vb)
			}
		}
	}
}

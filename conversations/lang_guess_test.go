package conversations

import "testing"

// TestLooksSpanish_FirstWordsAsTyped: first messages as people in early
// recovery type them — slang, typos, a plea for help — are heard as
// Spanish; English ones, and one Spanish word among English, are not.
func TestLooksSpanish_FirstWordsAsTyped(t *testing.T) {
	for text, want := range map[string]bool{
		"q onda":            true,
		"k onda":            true,
		"holis":             true,
		"ayudame":           true,
		"Ayúdame porfa":     true,
		"nececito ayuda":    true,
		"kiero una meta":    true,
		"help":              false,
		"hi there":          false,
		"ok":                false,
		"call la clinica":   false,
		"I need help today": false,
	} {
		if got := looksSpanish(text); got != want {
			t.Errorf("looksSpanish(%q) = %v, want %v", text, got, want)
		}
	}
}

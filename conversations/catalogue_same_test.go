package conversations

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// sameInBoth are words spelled the same in English and Spanish, so an
// entry made only of them (and of names, numbers, emoji, verbs and
// punctuation) may read the same in both languages.
var sameInBoth = map[string]bool{
	"no": true, "ok": true, "cairn": true, "slack": true, "id": true, "csv": true, "json": true,
	"pdf": true, "png": true, "url": true, "dm": true, "app": true, "home": true, "check-in": true,
	"total": true, "general": true, "final": true, "normal": true, "error": true, "email": true, "chat": true,
	"check": true, "in": true, "s.m.a.r.t": true, "smart": true, "check-ins": true, "plan": true,
	"english": true, // the [English] button names the language in itself
}

// sameAllowed reports whether s may read the same in both languages: after
// format verbs, Slack's markup (<@U…>, links), numbers, emoji and
// punctuation are taken out, only words of sameInBoth are left.
func sameAllowed(s string) bool {
	s = verbs.ReplaceAllString(s, " ")
	s = regexp.MustCompile(`<[^>]*>|:[a-z0-9_+-]+:|https?://\S+`).ReplaceAllString(s, " ")
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '.'
	}) {
		w = strings.Trim(w, ".-")
		if w != "" && !sameInBoth[w] {
			return false
		}
	}
	return true
}

// TestCatalogue_SpanishIsNotEnglish fails on any catalogue entry whose
// Spanish is its English: an untranslated sentence a Spanish speaker would
// read in English. Only entries made of names, numbers, emoji, format verbs
// and words spelled the same in both (sameInBoth) may match.
func TestCatalogue_SpanishIsNotEnglish(t *testing.T) {
	en, es := reflect.ValueOf(*WordsFor(English)), reflect.ValueOf(*WordsFor(Spanish))
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Struct:
			for i := range a.NumField() {
				walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		case reflect.String:
			if a.String() == b.String() && !sameAllowed(a.String()) {
				t.Errorf("%s is the same in Spanish as in English: %q", path, a.String())
			}
		case reflect.Slice:
			for i := range min(a.Len(), b.Len()) {
				walk(path+"["+string(rune('0'+i%10))+"]", a.Index(i), b.Index(i))
			}
		}
	}
	walk("Words", en, es)
}

// TestSameAllowed: the rule lets through what is the same in both
// languages, and nothing that is English only.
func TestSameAllowed(t *testing.T) {
	for s, want := range map[string]bool{
		"%s":                      true,
		"%d/%d":                   true,
		":seedling: %s":           true,
		"<@%s> — %s":              true,
		"No":                      true,
		"CSV":                     true,
		"Save":                    false,
		"Next session: %s":        false,
		"%s at %s":                false,
		"✓ %s (%s)":               true,
		"Check-in":                true,
		"Go to <%s|the settings>": false,
		"Plan: %s":                true,
	} {
		if got := sameAllowed(s); got != want {
			t.Errorf("sameAllowed(%q) = %v, want %v", s, got, want)
		}
	}
}

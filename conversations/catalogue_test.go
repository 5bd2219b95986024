package conversations

import (
	"reflect"
	"regexp"
	"slices"
	"testing"
)

// verbs are a format string's verbs, so that a translation that drops or
// adds a %s (and would print "%!s(MISSING)" to a member) fails here.
var verbs = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

func verbsOf(s string) []string {
	var out []string
	for _, v := range verbs.FindAllString(s, -1) {
		if v == "%%" {
			continue
		}
		out = append(out, regexp.MustCompile(`^%\[\d+\]`).ReplaceAllString(v, "%"))
	}
	slices.Sort(out)
	return out
}

// TestCatalogue_EveryEntryInEveryLanguage walks every field of Words: each
// has a text in English and in Spanish, with the same format verbs.
func TestCatalogue_EveryEntryInEveryLanguage(t *testing.T) {
	en, es := reflect.ValueOf(*WordsFor(English)), reflect.ValueOf(*WordsFor(Spanish))
	n := 0
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		switch a.Kind() {
		case reflect.Struct:
			for i := range a.NumField() {
				walk(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		case reflect.String:
			n++
			if a.String() == "" {
				t.Errorf("%s has no English text", path)
			}
			if b.String() == "" {
				t.Errorf("%s has no Spanish text", path)
			}
			if va, vb := verbsOf(a.String()), verbsOf(b.String()); !slices.Equal(va, vb) {
				t.Errorf("%s: English has verbs %v, Spanish %v", path, va, vb)
			}
		case reflect.Slice:
			if a.Len() == 0 || a.Len() != b.Len() {
				t.Errorf("%s: %d English entries, %d Spanish", path, a.Len(), b.Len())
				return
			}
			for i := range a.Len() {
				walk(path+"["+string(rune('0'+i%10))+"]", a.Index(i), b.Index(i))
			}
		default:
			t.Errorf("%s: a catalogue entry is a string or a list of strings, not %s", path, a.Kind())
		}
	}
	walk("Words", en, es)
	if n < 250 {
		t.Errorf("the catalogue has %d sentences; the conversation alone has more, so some are outside it", n)
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"es": Spanish, "es-MX": Spanish, "es_419": Spanish, "ES-us": Spanish,
		"en-US": English, "": English, "fr-FR": English, "esperanto": English} {
		if got := ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %q, want %q", in, got, want)
		}
	}
}

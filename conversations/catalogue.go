package conversations

import (
	"strings"

	"github.com/cairnbot/cairn/store"
)

// Lang is a language Cairn speaks with a person.
type Lang string

const (
	English Lang = "en"
	Spanish Lang = "es"
)

// ParseLang reads a saved language or a Slack locale ("es-MX", "es_419",
// "en-US"); anything it does not know is English.
func ParseLang(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "es" || strings.HasPrefix(s, "es-") || strings.HasPrefix(s, "es_") {
		return Spanish
	}
	return English
}

// LangOf is the language a person chose or Slack gave for them.
func LangOf(m store.Member) Lang { return ParseLang(m.Lang) }

// Words is every sentence Cairn says — to members, facilitators and
// navigators — in one language. Each part is a struct of its own in its own
// file (words_*.go), with the English and the Spanish values side by side so
// a missing translation is a failing test (catalogue_test.go), never a silent
// English fallback. Layout (blocks, headers, buttons' placement) is bot's.
type Words struct {
	Talk    // the member's DM conversation (words_talk.go)
	Prompts // scheduled check-in prompts, reminders and nudges (words_prompts.go)
	Digest  // facilitators' digests and navigators' lists (words_digest.go)
	Home    // App Home, members' and facilitators' (words_home.go)
	Setup   // slash commands, modals and group setup (words_setup.go)
	Recap   // session recaps (words_recap.go)
	Charts  // pictures of progress (words_charts.go)
	Export  // exports for the program's records (words_export.go)
	Helpers // support people reminded of a step (words_helpers.go)
	Errors  // what a person reads when something failed (words_errors.go)
}

var catalogue = map[Lang]*Words{
	English: {Talk: englishTalk, Prompts: englishPrompts, Digest: englishDigest, Home: englishHome,
		Setup: englishSetup, Recap: englishRecap, Charts: englishCharts, Export: englishExport,
		Helpers: englishHelpers, Errors: englishErrors},
	Spanish: {Talk: spanishTalk, Prompts: spanishPrompts, Digest: spanishDigest, Home: spanishHome,
		Setup: spanishSetup, Recap: spanishRecap, Charts: spanishCharts, Export: spanishExport,
		Helpers: spanishHelpers, Errors: spanishErrors},
}

// WordsFor is the catalogue in one language (English for one it lacks).
// The returned Words are shared: read them, never change them.
func WordsFor(l Lang) *Words {
	if w, ok := catalogue[l]; ok {
		return w
	}
	return catalogue[English]
}

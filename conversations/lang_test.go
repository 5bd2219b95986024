package conversations

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestLooksSpanish(t *testing.T) {
	for text, want := range map[string]bool{
		"hola": true, "Hola!": true, "buenas": true, "Buenos días": true, "quiero poner una meta": true,
		"Necesito encontrar un trabajo para mi familia": true, "¿qué?": true, "que tal": true,
		"tengo una cita con mi navegadora": true,
		"hi":                               false, "hello there": false, "I want a job": false, "call la clinica tomorrow": false,
		"set a goal": false, "": false, "Dana": false, "my sister Dana": false, "no": false, "done 2": false,
		"I want to find a casa for my family": false,
		"me quiero morir":                     true, "help me set a goal": false, "call me tomorrow": false,
	} {
		if got := looksSpanish(text); got != want {
			t.Errorf("looksSpanish(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestStep_Language(t *testing.T) {
	es, en := WordsFor(Spanish), WordsFor(English)
	midGoal := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "un jardín", Happy: "calma", Text: "sembrar tomates para agosto"}}
	for _, tc := range []struct {
		name    string
		s       State
		c       Context
		in      Input
		lang    Lang // Result.Lang; "" when none
		guessed bool
		first   string // the first reply's text
		stage   Stage
	}{
		// Switching, typed or pressed, idle or in a flow (which goes on in the new language).
		{"español idle", State{}, Context{}, Input{Text: "español"}, Spanish, false, es.LangSwitched, ""},
		{"espanol no accent", State{}, Context{}, Input{Text: "Espanol"}, Spanish, false, es.LangSwitched, ""},
		{"spanish", State{}, Context{}, Input{Text: "spanish"}, Spanish, false, es.LangSwitched, ""},
		{"english", State{}, Context{Lang: Spanish}, Input{Text: "English"}, English, false, en.LangSwitched, ""},
		{"inglés", State{}, Context{Lang: Spanish}, Input{Text: "inglés"}, English, false, en.LangSwitched, ""},
		{"ingles", State{}, Context{Lang: Spanish}, Input{Text: "ingles"}, English, false, en.LangSwitched, ""},
		{"button es", State{}, Context{LangSettled: true}, Input{Action: ActLangEs}, Spanish, false, es.LangSwitched, ""},
		{"button en", State{}, Context{Lang: Spanish, LangSettled: true}, Input{Action: ActLangEn}, English, false, en.LangSwitched, ""},
		{"mid-flow español", midGoal, Context{LangSettled: true}, Input{Text: "español"}, Spanish, false, es.LangSwitched, stageWhy},
		{"mid-flow button en", midGoal, Context{Lang: Spanish}, Input{Action: ActLangEn}, English, false, en.LangSwitched, stageWhy},

		// First Spanish words: asked once, in Spanish, and the turn goes on.
		{"hola", State{}, Context{}, Input{Text: "hola"}, Spanish, true, es.LangAsk, ""},
		{"buenas", State{}, Context{}, Input{Text: "Buenas"}, Spanish, true, es.LangAsk, ""},
		{"quiero poner una meta", State{}, Context{}, Input{Text: "quiero poner una meta"}, Spanish, true, es.LangAsk, stageDream},
		{"a Spanish sentence", State{}, Context{}, Input{Text: "Necesito encontrar un trabajo para mi familia"}, Spanish, true, es.LangAsk, ""},
		{"Slack said en-US", State{}, Context{Lang: English}, Input{Text: "hola"}, Spanish, true, es.LangAsk, ""},

		// Never asked twice, nor against a choice, nor for English words.
		{"settled", State{}, Context{LangSettled: true}, Input{Text: "hola"}, "", false, en.Intro, ""},
		{"already Spanish", State{}, Context{Lang: Spanish, LangSettled: true}, Input{Text: "hola"}, "", false, es.Intro, ""},
		{"English words", State{}, Context{}, Input{Text: "hello"}, "", false, en.Intro, ""},
		{"a Spanish word in English", State{}, Context{}, Input{Text: "call la clinica"}, "", false, en.Intro, ""},
		{"español inside a sentence", State{}, Context{LangSettled: true}, Input{Text: "I want to learn español"}, "", false, en.Intro, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Step(tc.s, tc.in, tc.c, refNow)
			if res.Lang != tc.lang || res.LangGuessed != tc.guessed {
				t.Fatalf("Lang = %q (guessed %v), want %q (guessed %v)", res.Lang, res.LangGuessed, tc.lang, tc.guessed)
			}
			if len(res.Replies) == 0 || res.Replies[0].Text != tc.first {
				t.Fatalf("replies %+v, want first %q", res.Replies, tc.first)
			}
			if res.State.Stage != tc.stage {
				t.Errorf("stage %q, want %q", res.State.Stage, tc.stage)
			}
			if tc.lang != "" && !res.Changed() {
				t.Error("a new language is not reported as a change (App Home would not be refreshed)")
			}
			if tc.first == es.LangAsk {
				want := []Choice{{es.LangYes, ActLangEs}, {es.LangEnglish, ActLangEn}}
				if got := res.Replies[0].Choices; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
					t.Errorf("choices %+v, want %+v", got, want)
				}
			}
			if tc.s.Active() && tc.lang != "" {
				// The flow's question is asked again, in the new language.
				wantQ := WordsFor(tc.lang).Why
				if last := res.Replies[len(res.Replies)-1].Text; last != wantQ {
					t.Errorf("last reply %q, want the question in %s %q", last, tc.lang, wantQ)
				}
			}
		})
	}
}

func TestStoredLang(t *testing.T) {
	for _, tc := range []struct {
		stored  string
		lang    Lang
		settled bool
	}{
		{"", English, false},
		{"en-US", English, false}, // Slack's locale: Spanish words still ask
		{"es-MX", Spanish, true},
		{"es-LA", Spanish, true},
		{StoredLang(Spanish, false), Spanish, true},
		{StoredLang(English, false), English, true},
		{StoredLang(Spanish, true), Spanish, true}, // asked once: never again
	} {
		if got := ParseLang(tc.stored); got != tc.lang {
			t.Errorf("ParseLang(%q) = %q, want %q", tc.stored, got, tc.lang)
		}
		if got := langSettled(tc.stored); got != tc.settled {
			t.Errorf("langSettled(%q) = %v, want %v", tc.stored, got, tc.settled)
		}
	}
}

// TestStep_CrisisInSpanishFirstWords: words of crisis as a member's first
// Spanish words are answered in Spanish at once, and nothing else: no
// language question, nothing saved (the next turn asks).
func TestStep_CrisisInSpanishFirstWords(t *testing.T) {
	es := WordsFor(Spanish)
	res := Step(State{}, Input{Text: "me quiero morir"}, Context{CrisisContacts: "Línea del grupo: 555-0100"}, refNow)
	if len(res.Replies) != 1 || !strings.HasPrefix(res.Replies[0].Text, es.Crisis+"\n") || !strings.Contains(res.Replies[0].Text, "555-0100") {
		t.Fatalf("replies %+v, want the crisis reply in Spanish", res.Replies)
	}
	if res.Lang != "" {
		t.Fatalf("Lang %q saved on a crisis turn", res.Lang)
	}
	next := Step(res.State, Input{Text: "hola"}, Context{}, refNow)
	if next.Lang != Spanish || !next.LangGuessed || next.Replies[0].Text != es.LangAsk {
		t.Fatalf("the next turn: Lang %q guessed %v, replies %+v", next.Lang, next.LangGuessed, next.Replies)
	}
}

// TestStep_SpanishDayFromAnEnglishSpeaker: "mañana" at the date question
// is understood from anyone; numbers stay month/day for English speakers.
func TestStep_SpanishDayFromAnEnglishSpeaker(t *testing.T) {
	when := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
		Goal: GoalDraft{Text: "Find a job"}, Draft: StepDraft{What: "call the office"}}
	c := Context{LangSettled: true}
	for text, want := range map[string]time.Time{"mañana": date(2026, 6, 11), "el viernes": date(2026, 6, 12), "7/3": date(2026, 7, 3)} {
		res := Step(when, Input{Text: text}, c, refNow)
		if !res.State.Draft.Due.Equal(want) {
			t.Errorf("%q: due %v, want %v", text, res.State.Draft.Due, want)
		}
	}
	if res := Step(when, Input{Text: "20/6"}, c, refNow); !res.State.Draft.Due.IsZero() {
		t.Errorf(`"20/6" from an English speaker read as %v; theirs are month/day`, res.State.Draft.Due)
	}
}

// TestStep_AwaySaysTheReading: "ausente hasta el 3/7" tells a Spanish
// speaker it was read as July 3.
func TestStep_AwaySaysTheReading(t *testing.T) {
	es := WordsFor(Spanish)
	res := Step(State{}, Input{Text: "ausente hasta el 3/7"}, Context{Lang: Spanish, LangSettled: true}, refNow)
	if res.Pause == nil || !res.Pause.Equal(date(2026, 7, 3)) {
		t.Fatalf("pause %v", res.Pause)
	}
	if note := fmt.Sprintf(es.DayMonthRead, "viernes 3 de julio"); !strings.Contains(joinReplies(res.Replies), note) {
		t.Errorf("replies %q lack %q", joinReplies(res.Replies), note)
	}
}

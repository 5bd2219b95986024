package conversations_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// esWalker talks to a Runner over a real bbolt file as a member who chose
// Spanish, and reports each turn's replies and where the flow stands.
type esWalker struct {
	t   *testing.T
	r   *conversations.Runner
	st  *store.Store
	now time.Time
}

func newEsWalker(t *testing.T, now time.Time) *esWalker {
	t.Helper()
	st, _ := openStore(t)
	if err := st.SaveMember(context.Background(), store.Member{ID: "U1", TZ: "America/Chicago", Lang: "es"}); err != nil {
		t.Fatal(err)
	}
	return &esWalker{t: t, r: &conversations.Runner{Store: st, DefaultTZ: chicago}, st: st, now: now}
}

// say types text and returns the replies joined, and the stage after.
func (w *esWalker) say(text string) (string, string) {
	w.t.Helper()
	replies, err := w.r.Handle(context.Background(), "U1", conversations.Input{Text: text}, w.now)
	if err != nil {
		w.t.Fatalf("turn %q: %v", text, err)
	}
	var texts []string
	for _, r := range replies {
		texts = append(texts, r.Text)
		for _, c := range r.Choices {
			texts = append(texts, "["+c.Label+"]")
		}
	}
	stage := ""
	if conv, err := w.st.Conversation(context.Background(), "U1"); err == nil {
		var s struct {
			Stage string `json:"stage"`
		}
		if err := json.Unmarshal(conv.State, &s); err != nil {
			w.t.Fatal(err)
		}
		stage = s.Stage
	}
	return strings.Join(texts, "\n"), stage
}

// esTurn is one thing the member types, the stage it should leave the
// flow at, what the answer must say and must not.
type esTurn struct {
	in, stage string
	want, not []string
}

func (w *esWalker) walk(turns []esTurn) {
	w.t.Helper()
	for _, tt := range turns {
		got, stage := w.say(tt.in)
		if stage != tt.stage {
			w.t.Fatalf("after %q: stage %q, want %q; Cairn said:\n%s", tt.in, stage, tt.stage, got)
		}
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				w.t.Errorf("after %q Cairn said:\n%s\nwant it to say %q", tt.in, got, want)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(got, not) {
				w.t.Errorf("after %q Cairn said:\n%s\nwhich it must not: %q", tt.in, got, not)
			}
		}
	}
}

var es = conversations.WordsFor(conversations.Spanish)

// TestSpanishWalk_VagueAnswersAreNudged: "nose", "ni idea", "tener
// trabajo", "estar bien" are what "idk", "a job" and "be happy" are in
// English: a nudge with examples, once, never taken as the answer.
func TestSpanishWalk_VagueAnswersAreNudged(t *testing.T) {
	w := newEsWalker(t, time.Date(2026, 12, 1, 10, 0, 0, 0, chicago))
	w.walk([]esTurn{
		{in: "poner una meta", stage: "dream"},
		{in: "nose", stage: "dream", want: []string{es.DreamLittle}},
		{in: "ni idea", stage: "happy", want: []string{es.DreamLater}},
		{in: "tener mas tiempo con mis hijos", stage: "goal"},
		{in: "tener trabajo", stage: "specific"},
		{in: "ni idea", stage: "specific", want: []string{es.SmartOfferS}},
		{in: "un trabajo de medio tiempo en un restaurante", stage: "by_when"},
	})

	w = newEsWalker(t, time.Date(2026, 12, 1, 10, 0, 0, 0, chicago))
	w.walk([]esTurn{
		{in: "poner una meta", stage: "dream"},
		{in: "viajar con mi familia", stage: "happy"},
		{in: "estar en paz", stage: "goal"},
		{in: "Estar bien con mi familia", stage: "measure"},
		{in: "sentirme mejor", stage: "measure", want: []string{es.SmartOfferM}},
		{in: "cenar con ellos cada domingo", stage: "sure"},
	})
}

// TestSpanishWalk_DatesReadNaturally: a step's day is said with its
// article ("para el viernes"), tomorrow without ("para mañana", never
// "para el mañana"), and a far date starts its sentence with a capital.
func TestSpanishWalk_DatesReadNaturally(t *testing.T) {
	w := newEsWalker(t, time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)) // a Tuesday
	w.walk([]esTurn{
		{in: "poner una meta", stage: "dream"},
		{in: "tener mi propio taller", stage: "happy"},
		{in: "trabajar con mis manos", stage: "goal"},
		{in: "abrir un taller de bicis para junio", stage: "sure"},
		{in: "8", stage: "why"},
		{in: "me hace sentir útil", stage: "support"},
		{in: "mi primo", stage: "step_what"},
		{in: "llamar al centro de empleo", stage: "step_when"},
		{in: "mañana", stage: "step_who"},
		{in: "yo", stage: "step_more", want: []string{"para mañana, miércoles 2 de diciembre"}, not: []string{"el mañana"}},
		{in: "sí", stage: "step_what"},
		{in: "comprar herramientas", stage: "step_when"},
		{in: "el viernes", stage: "step_who", want: []string{"Viernes 4 de diciembre"}},
		{in: "yo", stage: "step_more", want: []string{"para el viernes 4 de diciembre"}},
		{in: "si", stage: "step_what"},
		{in: "rentar un local", stage: "step_when"},
		{in: "20/6", stage: "step_far", want: []string{"El domingo 20 de junio de 2027 queda"}},
	})
}

// TestSayDateOnIn: the day after a preposition, in both languages.
func TestSayDateOnIn(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)
	day := func(d int) time.Time { return time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		l    conversations.Lang
		d    time.Time
		want string
	}{
		{conversations.Spanish, day(1), "hoy, martes 1 de diciembre"},
		{conversations.Spanish, day(2), "mañana, miércoles 2 de diciembre"},
		{conversations.Spanish, day(4), "el viernes 4 de diciembre"},
		{conversations.English, day(4), "Friday, December 4"},
		{conversations.English, day(2), "tomorrow, Wednesday, December 2"},
	} {
		if got := conversations.SayDateOnIn(tt.l, tt.d, now); got != tt.want {
			t.Errorf("SayDateOnIn(%s, %v) = %q, want %q", tt.l, tt.d, got, tt.want)
		}
	}
}

// TestSpanishWalk_TypedSiAnswersTheLanguageQuestion: "hola" asks
// "¿Prefieres español?"; a typed "si" (no accent, no button) answers it:
// Spanish is chosen, not taken for another hello.
func TestSpanishWalk_TypedSiAnswersTheLanguageQuestion(t *testing.T) {
	st, _ := openStore(t)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)
	replies, err := r.Handle(ctx, "U1", conversations.Input{Text: "hola"}, now)
	if err != nil || len(replies) == 0 || replies[0].Text != es.LangAsk {
		t.Fatalf("hola: %+v, %v; want the language question", replies, err)
	}
	replies, err = r.Handle(ctx, "U1", conversations.Input{Text: "si"}, now)
	if err != nil || len(replies) == 0 || replies[0].Text != es.LangSwitched {
		t.Fatalf("si: %+v, %v; want %q", replies, err, es.LangSwitched)
	}
	if m, err := st.Member(ctx, "U1"); err != nil || m.Lang != "es" {
		t.Errorf("after si, Lang = %q (%v), want es (a choice)", m.Lang, err)
	}
	// Chosen now: a later "sí" is just an answer, not the choice again.
	replies, _ = r.Handle(ctx, "U1", conversations.Input{Text: "sí"}, now)
	if len(replies) > 0 && replies[0].Text == es.LangSwitched {
		t.Errorf("a second sí switched the language again")
	}
}

// esGoalSaved walks a Spanish goal with one step, "hacer mi currículum"
// due Friday, December 4, and saves it.
func esGoalSaved(t *testing.T) *esWalker {
	t.Helper()
	w := newEsWalker(t, time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)) // a Tuesday
	w.walk([]esTurn{
		{in: "poner una meta", stage: "dream"},
		{in: "volver a trabajar", stage: "happy"},
		{in: "tener paz", stage: "goal"},
		{in: "un trabajo de medio tiempo en un restaurante para marzo", stage: "sure"},
		{in: "7", stage: "why"},
		{in: "por mis hijos", stage: "support"},
		{in: "mi hermana", stage: "step_what"},
		{in: "hacer mi currículum", stage: "step_when"},
		{in: "el viernes", stage: "step_who"},
		{in: "yo", stage: "step_more"},
		{in: "no", stage: "enjoy"},
		{in: "no", stage: "confirm"},
		{in: "guardar", stage: ""},
	})
	return w
}

// TestSpanishWalk_StepAndGoalCommands: "ya terminé mi meta" is the goal
// reached (not a step called "mi meta"); "borrar el paso 1" and "cambiar
// el paso 1 al lunes" edit the step, as their English does.
func TestSpanishWalk_StepAndGoalCommands(t *testing.T) {
	w := esGoalSaved(t)
	w.walk([]esTurn{
		{in: "Cambiar el paso 1 al lunes", stage: "", want: []string{"Cambié el paso 1: hacer mi currículum — tú, para el lunes 7 de diciembre"}},
		{in: "mover paso 1 a la próxima semana", stage: "", want: []string{"para el lunes 7 de diciembre"}},
		{in: "cambiar el paso 1 a Llamar a Dana", stage: "", want: []string{"Cambié el paso 1: Llamar a Dana"}},
		{in: "borrar el paso 1", stage: "delete_step", want: []string{"¿Borro el paso “Llamar a Dana”?"}},
	})
	w = esGoalSaved(t)
	w.walk([]esTurn{
		{in: "ya terminé mi meta", stage: "", want: []string{"¡Llegaste a tu meta"}, not: []string{es.StepNotFound}},
	})
}

// TestSpanishWalk_StepDayAndWho: "nose" at a step's day is "no sé" (a day
// is suggested, with its article: "¿Qué tal el viernes?"), and "Rosa lo
// va a hacer" names Rosa, as "Rosa will do it" does.
func TestSpanishWalk_StepDayAndWho(t *testing.T) {
	w := newEsWalker(t, time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)) // a Tuesday: no group, so a few days on
	w.walk([]esTurn{
		{in: "poner una meta", stage: "dream"},
		{in: "volver a trabajar", stage: "happy"},
		{in: "tener paz", stage: "goal"},
		{in: "un trabajo de medio tiempo en un restaurante para marzo", stage: "sure"},
		{in: "7", stage: "why"},
		{in: "por mis hijos", stage: "support"},
		{in: "nadie", stage: "step_what"},
		{in: "hacer mi currículum", stage: "step_when"},
		{in: "nose", stage: "step_when", want: []string{"¿Qué tal el viernes?"}, not: []string{"como fecha"}},
		{in: "el viernes", stage: "step_who"},
		{in: "Rosa lo va a hacer", stage: "step_more", want: []string{"hacer mi currículum — Rosa, para el viernes"}, not: []string{"lo va a hacer"}},
	})
}

// TestSpanishWalk_IntroducedAgainInSpanish: a member who was introduced to
// in English (the first thing `cairn try` shows) and then writes "hola"
// hears the introduction again in Spanish, not "¡Hola de nuevo!".
func TestSpanishWalk_IntroducedAgainInSpanish(t *testing.T) {
	st, _ := openStore(t)
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, chicago)
	en := conversations.WordsFor(conversations.English)
	if replies, err := r.Handle(ctx, "U1", conversations.Input{}, now); err != nil || len(replies) == 0 || replies[0].Text != en.Intro {
		t.Fatalf("opening: %+v, %v; want the English introduction", replies, err)
	}
	replies, err := r.Handle(ctx, "U1", conversations.Input{Text: "hola"}, now)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, rp := range replies {
		texts = append(texts, rp.Text)
	}
	got := strings.Join(texts, "\n")
	if !strings.Contains(got, es.Intro) || strings.Contains(got, es.Hello) {
		t.Errorf("hola after an English introduction:\n%s\nwant %q", got, es.Intro)
	}
}

// TestSpanishWalk_ChatSpellings: commands typed as people text them.
func TestSpanishWalk_ChatSpellings(t *testing.T) {
	for _, in := range []string{"kiero poner una meta", "meta nueva porfa", "quiero poner una meta xfa"} {
		w := newEsWalker(t, time.Date(2026, 12, 1, 10, 0, 0, 0, chicago))
		w.walk([]esTurn{{in: in, stage: "dream"}})
	}
}

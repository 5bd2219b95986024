package conversations

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// The member's language: Slack's locale where Slack gives it, else their
// first words (asked once: "¿Prefieres español?"), and whatever they say
// or press any time after ("español", "english", a button in App Home).
// A choice is saved with the member in the turn's commit (Result.Lang)
// and the flow under way goes on in the new language.
//
// How store.Member.Lang is written, so a choice is never overridden:
//   - "es", "en": the member chose it (a bare language);
//   - "es-MX", "en-US": Slack's locale (store.SetProfile writes it, and
//     only over another locale or nothing);
//   - "es-x-asked": Spanish guessed from their words and asked about once;
//     Slack's locale does not replace it either.

// Button values that switch a member's language, for the question here and
// App Home.
const (
	ActLangEs = "lang:es"
	ActLangEn = "lang:en"
)

// langAsked marks a language guessed from the member's words, after the
// question was asked (see above).
const langAsked = "-x-asked"

// StoredLang is what Member.Lang holds for a language the member chose,
// or, when guessed, one guessed from their words and asked about.
func StoredLang(l Lang, guessed bool) string {
	if guessed {
		return string(l) + langAsked
	}
	return string(l)
}

// langSettled reports whether a stored language needs no question: the
// member chose it, was asked already, or Slack says they use Spanish.
func langSettled(stored string) bool {
	return stored == string(English) || stored == string(Spanish) || strings.HasSuffix(stored, langAsked) ||
		ParseLang(stored) == Spanish
}

// langWords are whole messages that switch the language.
var langWords = map[string]Lang{
	"español": Spanish, "espanol": Spanish, "spanish": Spanish, "en español": Spanish, "en espanol": Spanish,
	"in spanish": Spanish, "spanish please": Spanish, "español por favor": Spanish, "espanol por favor": Spanish,
	"habla español": Spanish, "hablame en español": Spanish, "háblame en español": Spanish, "castellano": Spanish,
	"english": English, "inglés": English, "ingles": English, "in english": English, "en inglés": English,
	"en ingles": English, "english please": English, "en inglés por favor": English, "en ingles por favor": English,
}

// language switches the member's language when they ask (a word or a
// button), and asks once when their first words look Spanish. It reports
// whether it answered the turn; a guess lets the turn go on, in Spanish.
func (t *turn) language(word string) bool {
	l, ok := langWords[word]
	switch t.action {
	case ActLangEs:
		l, ok = Spanish, true
	case ActLangEn:
		l, ok = English, true
	default:
		if t.action != "" {
			ok = false
		}
		if !ok && t.c.LangAsked && !t.s.Active() && yesWords[word] {
			// "sí" typed to "¿Prefieres español?", not pressed.
			l, ok = Spanish, true
		}
	}
	if ok {
		t.setLang(l, false)
		t.say(t.w.LangSwitched)
		if t.s.Active() {
			t.ask() // the flow goes on where it was, in the new language
		} else {
			t.say(t.w.Menu, t.menuChoices()...)
		}
		return true
	}
	if t.guessed {
		// Asked once, and kept: their next words don't ask again.
		t.setLang(Spanish, true)
		t.say(t.w.LangAsk, Choice{t.w.LangYes, ActLangEs}, Choice{t.w.LangEnglish, ActLangEn})
		// An introduction heard in English is heard again in Spanish.
		t.c.Introduced = false
	}
	return false
}

// guessLang reads a member's language from their words while it is not
// settled: obviously Spanish words make the turn Spanish. Only a turn that
// goes on past the safety check saves the guess and asks (see language): a
// reply to words of crisis is in Spanish, and asks nothing.
func (t *turn) guessLang() {
	if t.action == "" && !t.c.LangSettled && t.c.Lang != Spanish && looksSpanish(t.text) {
		t.guessed, t.c.Lang, t.w = true, Spanish, WordsFor(Spanish)
	}
}

// setLang makes l the turn's language from here on, and the member's.
func (t *turn) setLang(l Lang, guessed bool) {
	t.res.Lang, t.res.LangGuessed = l, guessed
	t.c.Lang, t.c.LangSettled = l, true
	t.w = WordsFor(l)
}

// esGreeting is a message that opens in Spanish: "hola", "buenas", "buenos
// días", "qué tal" — a greeting is the first thing most people write — or
// asks for help in Spanish ("ayúdame").
var esGreeting = regexp.MustCompile(`^(hola|holaa+|ola|buenas|buenos dias|buenas tardes|buenas noches|buen dia|que tal|saludos|que onda|q onda|k onda|que hubo|quiubole|holis|holi|wenas|buenass+|ayuda|ayudame|ayudeme|auxilio)\b`)

// esOnly are common Spanish words that are not English words, and
// enOnly English words that are not Spanish, in folded text.
var (
	esOnly = wordSet(`quiero necesito tengo puedo estoy soy eres esta estoy para por con una uno unos unas los las del que
		meta metas pasos paso ayuda poner hacer trabajo casa familia mis mi tu gracias porfa favor como cuando donde
		hablar persona tambien pero muy bien mal nada todo algo hoy manana semana conseguir encontrar buscar ser
		empleo vivienda escuela salud dinero mejor quisiera gustaria te se lo le nos hola buenas
		morir vivir matarme siento ganas triste nadie sola cansado cansada recaida consumi tome
		kiero nesesito nececito nesecito ayudame ayudeme porfavor xfa`)
	enOnly = wordSet(`i want need have can am is are the and to of my your with for this that what how when where
		please thanks job home work family goal steps step help set get find be will would like hi hello hey`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// looksSpanish reports whether a message is obviously Spanish: a Spanish
// greeting, or at least two Spanish words and more Spanish than English
// ones. One Spanish word in English ("call la clinica") is not enough, so
// an English speaker is not asked.
func looksSpanish(text string) bool {
	w := fold(text)
	if w == "" {
		return false
	}
	if esGreeting.MatchString(w) || strings.ContainsAny(text, "¿¡") {
		return true
	}

	es, en := 0, 0
	for _, f := range strings.Fields(w) {
		if esOnly[f] {
			es++
		}
		if enOnly[f] {
			en++
		}
	}
	return es >= 2 && es > en
}

// parseDate reads a date the member typed, in their language; for a
// Spanish speaker a date like 3/7 is read day/month, and they are told so.
// A Spanish day from a member Cairn speaks English with ("mañana") is
// understood too, but never a numeric one: theirs are month/day.
func (t *turn) parseDate(phrase string) (time.Time, error) {
	d, err := ParseDateIn(t.c.Lang, phrase, t.now)
	var de *DateError
	if err != nil && t.c.Lang != Spanish && errors.As(err, &de) && de.Kind == DateNotUnderstood && !strings.Contains(phrase, "/") {
		if es, esErr := ParseDateIn(Spanish, phrase, t.now); esErr == nil {
			d, err = es, nil
		}
	}
	if err == nil {
		t.noteReading(phrase, d)
	}
	return d, err
}

// findDate is FindDate in the member's language (see parseDate).
func (t *turn) findDate(sentence string) (string, time.Time, bool) {
	rest, d, ok := FindDateIn(t.c.Lang, sentence, t.now)
	if ok {
		t.noteReading(sentence, d)
	}
	return rest, d, ok
}

// noteReading tells a Spanish speaker which reading of 3/7 was taken.
func (t *turn) noteReading(phrase string, d time.Time) {
	if t.c.Lang == Spanish && AmbiguousDayMonth(phrase) {
		t.say(fmt.Sprintf(t.w.DayMonthRead, t.sayDate(d)))
	}
}

// sayDate says a day back in the member's language.
func (t *turn) sayDate(d time.Time) string { return SayDateIn(t.c.Lang, d, t.now) }

// Language is the language these Words are in, for what is said outside
// the catalogue in the reader's language (a schedule, a date).
func (w *Words) Language() Lang { return w.lang() }

// lang is the language these Words are in.
func (w *Words) lang() Lang {
	if w == catalogue[Spanish] {
		return Spanish
	}
	return English
}

// awayUntil reads "away until …" in the member's language, else in the
// other (a Spanish command from a member Cairn still speaks English with).
func (t *turn) awayUntil(phrase string) (time.Time, error) {
	day, err := AwayUntilIn(t.c.Lang, phrase, t.now)
	if err != nil {
		other := Spanish
		if t.c.Lang == Spanish {
			other = English
		}
		if d, oerr := AwayUntilIn(other, phrase, t.now); oerr == nil {
			return d, nil
		}
	}
	if err == nil {
		t.noteReading(phrase, day)
	}
	return day, err
}

// esTimeWords say by when or how often in Spanish (the T of S.M.A.R.T.),
// in folded text: "para julio", "antes de diciembre", "3 veces por semana".
var esTimeWords = regexp.MustCompile(`\b(para|antes de|hasta|dentro de|cada|diario|diaria|diariamente|semanal|mensual|al dia|por dia|a la semana|por semana|al mes|por mes|veces|este|esta|proximo|proxima|` +
	`enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|primavera|verano|otono|invierno|ano|mes|semana)\b|\d`)

// esChoices are Spanish words for the questions' buttons, read whatever
// the buttons' labels say (the labels are the catalogue's; people type
// their own words): folded text → the buttons' values it may press, first
// offered wins.
var esChoices = map[string][]string{
	"nadie": {actSkip}, "nadie todavia": {actSkip}, "nadie aun": {actSkip}, "nadie por ahora": {actSkip},
	"ninguno": {actSkip}, "ninguna": {actSkip}, "nadie mas": {actSkip},
	"omitir": {actSkip}, "saltar": {actSkip}, "paso": {actSkip}, "sin respuesta": {actSkip},
	"guardar": {actSave}, "guardalo": {actSave}, "guardala": {actSave}, "guardarlo": {actSave}, "guardar meta": {actSave},
	"cambiar": {actEdit}, "cambiar algo": {actEdit}, "editar": {actEdit}, "corregir": {actEdit},
	"empezar de nuevo": {actRestart}, "empezar otra vez": {actRestart}, "de nuevo": {actRestart},
	"otro": {actMore}, "otro paso": {actMore}, "agregar otro": {actMore}, "agregar otro paso": {actMore}, "anadir otro": {actMore},
	"nada": {actNothing}, "no hice nada": {actNothing}, "nada todavia": {actNothing},
	"no se": {actUnsure}, "no estoy seguro": {actUnsure}, "no estoy segura": {actUnsure},
	"nose": {actUnsure}, "no lo se": {actUnsure}, "ni idea": {actUnsure}, "no tengo idea": {actUnsure}, "quien sabe": {actUnsure},
	"tu dime": {actUnsure}, "dime tu": {actUnsure}, "no se cuando": {actUnsure},
	"mantener": {actKeep}, "dejarlo asi": {actKeep}, "dejarla asi": {actKeep}, "asi esta bien": {actKeep, actThatsIt, actNoMore},
	"otro dia": {actOther}, "otra fecha": {actOther}, "elegir otro dia": {actOther},
	"yo": {actWhoMe}, "yo mismo": {actWhoMe}, "yo misma": {actWhoMe}, "mi navegador": {actWhoNav}, "mi navegadora": {actWhoNav},
	"otra persona": {actWhoOther}, "alguien mas": {actWhoOther},
}

// esChoice is the button of the question on the table that Spanish words
// press ("guardar" at the summary), or "".
func (t *turn) esChoice(raw string) string {
	vals, ok := esChoices[unaccent.Replace(raw)]
	if !ok || !t.s.Active() {
		return ""
	}
	choices := t.question().Choices
	for _, v := range vals {
		for _, c := range choices {
			if c.Value == v {
				return v
			}
		}
	}
	return ""
}

// Spanish for what the S.M.A.R.T. questions read in English (smart.go), in
// folded text (lower case, no accents, no punctuation): a member who types
// "nose" or "ni idea" is nudged as one who types "idk" is.
var (
	// esIDK is a dream or answer not found yet: "no sé", "nose", "ni idea".
	esIDK = regexp.MustCompile(`^(no se|nose|nose nose|no lo se|no c|ni idea|no tengo idea|no tengo ni idea|ni la menor idea|quien sabe|no sabria|no sabria decir|no estoy segur[oa]|nada|nada todavia|todavia no se|aun no se|ns|idk)$`)
	// esFiller says nothing yet: not a goal, a measure or a time.
	esFiller = regexp.MustCompile(`^(si+|sip|no|nop|nel|ok|oki|okey|va|vale|ya|bueno|pues|este|m+|e+h*|aja|a ver|tal vez|quizas?|puede ser|lo que sea|cualquier cosa|algo|lo que sea esta bien|como sea|equis|x)$`)
	// esGeneral names a kind of goal without saying which one: "tener
	// trabajo", "una casa", "mi familia".
	esGeneral = regexp.MustCompile(`^(quiero |tener |conseguir |encontrar |buscar |un |una |unos |unas |mi |mis |mas |mejor |nuevo |nueva |otro |otra |propio |propia |algo de )*(trabajo|chamba|chambita|jale|empleo|chamba nueva|casa|hogar|lugar|depa|departamento|apartamento|cuarto|vivienda|escuela|estudios|dinero|lana|feria|amigos|amigas|carro|coche|pareja|salud|familia|hijos)$`)
	// esVague names a way of being that can't be seen without a measure:
	// "estar bien", "sentirme mejor", "mantenerme sobrio".
	esVague = regexp.MustCompile(`\b(feliz|felices|bien|mejor|tranquil[oa]|sobri[oa]|sobriedad|limpi[oa]|recuperarme|recuperacion|no consumir|no tomar|no beber|no usar|dejar de (tomar|consumir|beber|usar|fumar)|sano|sana|saludable|en paz|paz|estable|positiv[oa]|confianza|salir adelante|echarle ganas)\b`)
)

// esIsIDK, esIsFiller, esNotSpecific and esNotMeasurable are smart.go's
// checks for Spanish words.
func esIsIDK(text string) bool { return esIDK.MatchString(strings.TrimSpace(fold(text))) }
func esIsFiller(text string) bool {
	return esFiller.MatchString(strings.TrimSpace(fold(text))) || esIsIDK(text)
}
func esNotSpecific(goal string) bool {
	return esGeneral.MatchString(strings.Join(strings.Fields(fold(goal)), " "))
}
func esNotMeasurable(goal string) bool {
	w := fold(goal)
	return esVague.MatchString(w) && !strings.ContainsAny(w, "0123456789")
}

// doerSuffixes end a name typed as who does a step, and are taken off it:
// "Dana will do it", "Rosa lo va a hacer" (whoOf, match.go). Longest first.
var doerSuffixes = []string{" will do it", " will", " lo va a hacer", " va a hacerlo", " lo puede hacer", " puede hacerlo",
	" lo hará", " lo hara", " la hará", " la hara", " lo hace", " se encarga"}

// shortDayOn is shortDay where a sentence names the day: Spanish gives a
// day its article ("¿Qué tal el viernes?") but not today or tomorrow
// ("¿Qué tal mañana?").
func (t *turn) shortDayOn(day time.Time) string {
	s := t.shortDay(day)
	if t.c.Lang == Spanish && s != t.w.DayToday && s != t.w.DayTomorrow {
		return "el " + s
	}
	return s
}

// Chat spellings of Spanish, read as the words they stand for where a
// command is read ("kiero poner una meta porfa" is "quiero poner una
// meta"); the member's own text is never changed.
var (
	esChatWords = map[string]string{"kiero": "quiero", "qiero": "quiero", "q": "que", "k": "que", "xq": "porque",
		"nesesito": "necesito", "nececito": "necesito", "nesecito": "necesito", "aiuda": "ayuda", "ayudenme": "ayudame"}
	esPolite = regexp.MustCompile(`[ ,]+(porfa|por favor|porfavor|xfa|plis|pls)$`)
)

func esSpelling(f string) string {
	words := strings.Fields(f)
	changed := false
	for i, w := range words {
		if r, ok := esChatWords[w]; ok {
			words[i], changed = r, true
		}
	}
	if changed {
		f = strings.Join(words, " ")
	}
	return esPolite.ReplaceAllString(f, "")
}

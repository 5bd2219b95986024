package scheduler

// Spanish schedules. As with Spanish dates (conversations/dates_es.go), a
// Spanish schedule is not read by a second parser: its words are put into
// the English parser's ("los martes a las 6 de la tarde" → "tuesday to 6
// afternoon evening"), so both languages share one set of rules, one set of
// refusals with their kinds, and the hard cases (ranges, am/pm borrowed
// from a range's end, midnight, zones) are decided once. English words pass
// through untouched, since facilitators mix the two.
//
// Where Spanish says a time differently, the Spanish reading is kept:
//   - "de la tarde" is 1 to 11 pm (a Spanish afternoon runs into the
//     evening: "8 de la tarde" is 20:00); "de la noche" 5 to 11 pm; "de la
//     mañana" and "de la madrugada" am. "12 del día", "12 del mediodía" and
//     "12 de la tarde" are noon; "12 de la noche" and "12 de la madrugada"
//     midnight.
//   - "7 y media", "7 y cuarto", "7 y 20", "8 menos cuarto", "cuarto para las
//     8" are spoken times: like a bare "7" they need a part of the day or
//     am/pm ("7:30" typed is 24-hour, as in English).
//   - "18 h", "18 hrs", "18h30", "6 horas" are 24-hour.
//   - "mañana" is the morning ("los martes en la mañana"), except as the
//     first word ("mañana a las 6"), where it is tomorrow: a one-off.
//   - Ordinals ("1er lunes", "2do martes", "el primer lunes") and "cada dos
//     semanas", "cada 15 días", "quincenal", "mensual", "un martes sí y
//     otro no", "semana por medio" are refused as not weekly, as English
//     refuses "first Monday of the month" and "every other Tuesday".

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

// ParseScheduleIn is ParseSchedule for a facilitator who speaks l. A Spanish
// speaker's schedule is read in Spanish ("martes 6pm", "los martes a las 6
// de la tarde", "de lunes a viernes a las 9 de la mañana") and, when that
// refuses it, in English ("Tuesdays 6pm"); a refusal is the Spanish
// reading's, with its kind. Other languages are ParseSchedule's.
func ParseScheduleIn(l conversations.Lang, text string, loc *time.Location) (Schedule, error) {
	if l != conversations.Spanish {
		return ParseSchedule(text, loc)
	}
	s, err := parseSchedule(text, loc, spanishScheduleTokens)
	if err == nil {
		return s, nil
	}
	if en, enErr := ParseSchedule(text, loc); enErr == nil {
		return en, nil
	}
	return Schedule{}, err
}

// esOrdinal is a number with an ordinal ending written on it ("1er", "2do",
// "3ra", "1º"), which the tokenizer would split into a time and a word.
var esOrdinal = regexp.MustCompile(`(\d)(?:er|ero|ra|ro|do|da|to|ta|vo|va|mo|ma|no|na|º|ª|°)(\P{L}|$)`)

var esUnaccent = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u", "ñ", "n")

// spanishScheduleTokens tokenizes a Spanish schedule into the English
// parser's words; see the top of this file.
func spanishScheduleTokens(text string) []schedToken {
	text = esOrdinal.ReplaceAllString(strings.ToLower(text), "$1 primero$2")
	in := tokenizeSchedule(text)
	for i := range in {
		if in[i].kind == tWord {
			in[i].s = esUnaccent.Replace(in[i].s)
		}
	}
	t := esTokens{in: in}
	for t.i < len(in) {
		t.next()
	}
	return t.out
}

type esTokens struct {
	in      []schedToken
	i       int
	out     []schedToken
	between bool // after "entre": its "y" joins a range ("entre las 6 y las 8")
}

// word is the folded word at i+k, "" for a number, separator or the end.
func (t *esTokens) word(k int) string {
	if j := t.i + k; j >= 0 && j < len(t.in) && t.in[j].kind == tWord {
		return t.in[j].s
	}
	return ""
}

// num is the number at i+k, "" for anything else.
func (t *esTokens) num(k int) string {
	if j := t.i + k; j >= 0 && j < len(t.in) && t.in[j].kind == tNum {
		return t.in[j].s
	}
	return ""
}

// emit writes English words and moves past n tokens.
func (t *esTokens) emit(n int, words ...string) {
	for _, w := range words {
		t.out = append(t.out, schedToken{kind: tWord, s: w})
	}
	t.i += n
}

// emitTime writes the time h:m and moves past n tokens; spoken says it was
// said in words ("7 y media"), so it needs am/pm or a part of the day.
func (t *esTokens) emitTime(n int, h, m int, spoken bool) {
	t.out = append(t.out, schedToken{kind: tNum, s: fmt.Sprintf("%d:%02d", h, m), spoken: spoken})
	t.i += n
}

// lastOut is the last English word written, "" if none or not a word.
func (t *esTokens) lastOut() string {
	if n := len(t.out); n > 0 && t.out[n-1].kind == tWord {
		return t.out[n-1].s
	}
	return ""
}

var esDays = map[string]string{
	"lunes": "monday", "martes": "tuesday", "miercoles": "wednesday", "jueves": "thursday",
	"viernes": "friday", "sabado": "saturday", "sabados": "saturday", "domingo": "sunday", "domingos": "sunday",
	"lun": "monday", "mar": "tuesday", "mie": "wednesday", "mier": "wednesday", "mierc": "wednesday",
	"jue": "thursday", "juev": "thursday", "vie": "friday", "vier": "friday", "sab": "saturday", "dom": "sunday",
}

// esHours are hours said in words; "una" and "uno" only after "la"/"las"
// ("a la una"), since "una vez" is not a time.
var esHours = map[string]int{
	"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
	"nueve": 9, "diez": 10, "once": 11, "doce": 12,
}

// esWords are single words and their English; nil for articles and
// prepositions that say nothing the English parser needs.
var esWords = map[string][]string{
	"el": nil, "la": nil, "los": nil, "las": nil, "lo": nil, "en": nil, "por": nil, "de": nil, "del": nil,
	"desde": nil, "punto": nil, "un": nil, "si": nil, "hrs": nil, "hr": nil, "hs": nil, "h": nil, "horas": nil,
	"a": {"to"}, "al": {"to"}, "hasta": {"to"}, "y": {"and"},
	"todos": {"every"}, "todas": {"every"}, "cada": {"every"},
	"dia": {"day"}, "dias": {"days"}, "semana": {"week"},
	"diario": {"daily"}, "diaria": {"daily"}, "diariamente": {"daily"}, "semanal": {"weekly"}, "semanalmente": {"weekly"},
	"finde": {"weekends"}, "findes": {"weekends"},
	"manana": {"morning"}, "mananas": {"morning"}, "madrugada": {"morning"}, "madrugadas": {"morning"},
	"tarde": {"afternoon", "evening"}, "tardes": {"afternoon", "evening"}, "noche": {"night"}, "noches": {"night"},
	"mediodia": {"noon"}, "medianoche": {"midnight"},
	// Not weekly: refused as English refuses "every other", "monthly".
	"otro": {"other"}, "otra": {"other"}, "alterno": {"alternate"}, "alternos": {"alternate"}, "alternado": {"alternate"},
	"alternados": {"alternate"}, "quincenal": {"biweekly"}, "quincenalmente": {"biweekly"}, "quincena": {"biweekly"},
	"mensual": {"monthly"}, "mensualmente": {"monthly"}, "mes": {"month"}, "meses": {"months"}, "semanas": {"weeks"},
	"primer": {"first"}, "primero": {"first"}, "primera": {"first"}, "segundo": {"second"}, "segunda": {"second"},
	"tercer": {"third"}, "tercero": {"third"}, "tercera": {"third"}, "cuarto": {"fourth"}, "cuarta": {"fourth"},
	"quinto": {"fifth"}, "quinta": {"fifth"}, "ultimo": {"last"}, "ultima": {"last"},
	"anual": {"yearly"}, "anualmente": {"yearly"},
	// One-offs.
	"hoy": {"today"}, "proximo": {"next"}, "proxima": {"next"}, "siguiente": {"next"}, "este": {"this"}, "esta": {"this"},
}

// next reads the phrase at t.i and writes its English.
func (t *esTokens) next() {
	tok := t.in[t.i]
	switch tok.kind {
	case tSep, tDash:
		t.out = append(t.out, tok)
		t.i++
		return
	case tNum:
		t.number()
		return
	}
	w := tok.s
	switch {
	case w == "p" && t.word(1) == "m": // "6 p. m."
		t.emit(2, "pm")
	case w == "a" && t.word(1) == "m":
		t.emit(2, "am")
	case (w == "la" || w == "las") && esHourWord(t.word(1)) > 0:
		t.i++ // "las siete", "la una": the hour is read next
		t.hourWord()
	case esHours[w] > 0:
		t.hourWord()
	case w == "cuarto" && t.word(1) == "para" && (t.word(2) == "las" || t.word(2) == "la"):
		// "cuarto para las 8": 7:45, said.
		t.i += 3
		if h, n, ok := t.hourAt(0); ok {
			t.emitTime(n, prevHour(h), 45, true)
			return
		}
		t.emit(0, "fourth")
	case esDays[w] != "":
		t.emit(1, esDays[w])
	case w == "l" && (t.word(1) == "a" || t.isDash(1)) && t.word(2) == "v": // "L a V", "L-V"
		t.emit(3, "monday", "to", "friday")
	case w == "entre" && t.word(1) == "semana":
		t.emit(2, "weekdays")
	case w == "entre":
		t.between = true
		t.emit(1)
	case w == "y" && t.between:
		t.between = false
		t.emit(1, "to")
	case (w == "dia" || w == "dias") && (t.word(1) == "habiles" || t.word(1) == "laborables" || t.word(1) == "laborales"):
		t.emit(2, "weekdays")
	case (w == "dia" || w == "dias") && (t.word(1) == "de" || t.word(1) == "entre") && t.word(2) == "semana":
		t.emit(3, "weekdays")
	case (w == "fin" || w == "fines") && t.word(1) == "de" && t.word(2) == "semana":
		t.emit(3, "weekends")
	case w == "medio" && t.word(1) == "dia":
		t.emit(2, "noon")
	case w == "media" && t.word(1) == "noche":
		t.emit(2, "midnight")
	case (w == "dia" || w == "dias") && t.num(-1) != "":
		t.emit(1, "biweekly") // "cada 15 días": not weekly
	case w == "por" && t.word(1) == "medio":
		t.emit(2, "other") // "semana por medio": every other week
	case w == "una" && t.word(1) == "vez":
		t.emit(2, "weekly") // "una vez por semana", "una vez a la semana"
	case w == "esta" && (t.word(1) == "noche" || t.word(1) == "tarde"):
		t.emit(2, "tonight")
	case w == "pasado" && t.word(1) == "manana":
		t.emit(2, "tomorrow")
	case w == "manana" && t.i == 0:
		t.emit(1, "tomorrow") // "mañana a las 6": a one-off
	case w == "en" && t.word(1) == "punto":
		t.emit(2, "oclock")
	case w == "hora" && t.lastOut() == "every":
		t.emit(1, "hourly")
	case w == "hora":
		// "hora del este": the zone's abbreviation, ignored if it is the group's own.
		if zone, n := t.zoneAfterHora(); n > 0 {
			t.emit(n, zone)
			return
		}
		t.emit(1, "hora") // without a zone, a word no parser knows
	default:
		if en, ok := esWords[w]; ok {
			t.emit(1, en...)
			return
		}
		t.out = append(t.out, tok) // English, or a word no parser knows
		t.i++
	}
}

// esZones are the US zones as Spanish names them after "hora" ("hora del
// este"), with the abbreviation English reads.
var esZones = []struct {
	words []string
	abbr  string
}{
	{[]string{"del", "este"}, "et"}, {[]string{"este"}, "et"},
	{[]string{"del", "centro"}, "ct"}, {[]string{"central"}, "ct"}, {[]string{"centro"}, "ct"},
	{[]string{"de", "la", "montana"}, "mt"}, {[]string{"montana"}, "mt"},
	{[]string{"del", "pacifico"}, "pt"}, {[]string{"pacifico"}, "pt"},
}

// zoneAfterHora is the zone named after "hora" at t.i and the number of
// tokens it takes, "hora" included; 0 if none.
func (t *esTokens) zoneAfterHora() (string, int) {
	for _, z := range esZones {
		ok := true
		for k, w := range z.words {
			ok = ok && t.word(1+k) == w
		}
		if ok {
			return z.abbr, 1 + len(z.words)
		}
	}
	return "", 0
}

// prevHour is the hour before h: "cuarto para la 1" is 12:45.
func prevHour(h int) int {
	if h <= 1 {
		return 12
	}
	return h - 1
}

func (t *esTokens) isDash(k int) bool {
	j := t.i + k
	return j >= 0 && j < len(t.in) && t.in[j].kind == tDash
}

// esHourWord is an hour said in a word, 0 if w is not one.
func esHourWord(w string) int {
	if w == "una" || w == "uno" {
		return 1
	}
	return esHours[w]
}

// hourAt reads an hour at i+k, typed ("7") or said ("siete", "una"); it
// returns the hour and how many tokens from i it used.
func (t *esTokens) hourAt(k int) (h, used int, ok bool) {
	if n := t.num(k); n != "" && !strings.ContainsAny(n, ":.") && len(n) <= 2 {
		h, _ = strconv.Atoi(n)
		return h, k + 1, true
	}
	if h := esHourWord(t.word(k)); h > 0 {
		return h, k + 1, true
	}
	return 0, 0, false
}

// hourWord reads an hour said in a word at t.i ("siete") and what follows it.
func (t *esTokens) hourWord() {
	t.clock(esHourWord(t.word(0)), true)
}

// number reads a typed time at t.i and what follows it: "y media", "hrs",
// "12 de la noche".
func (t *esTokens) number() {
	n := t.num(0)
	h, err := strconv.Atoi(n)
	t.clock(h, err == nil && len(n) <= 2)
}

// clock writes a time whose hour token is at t.i: h is its hour when it is
// a bare hour (bare is false for "7:30", "1830").
func (t *esTokens) clock(h int, bare bool) {
	spoken := t.word(0) != "" // said in a word: "siete"
	at := func(words ...string) bool {
		for k, w := range words {
			if t.word(1+k) != w {
				return false
			}
		}
		return true
	}
	switch {
	case bare && (at("y", "media") || at("y", "cuarto") || at("menos", "cuarto")):
		m, hh := 30, h
		switch t.word(2) {
		case "cuarto":
			m = 15
			if t.word(1) == "menos" {
				m, hh = 45, prevHour(h)
			}
		}
		t.emitTime(3, hh, m, true)
	case bare && t.word(1) == "y" && len(t.num(2)) == 2 && !t.between:
		m, _ := strconv.Atoi(t.num(2)) // "7 y 20"
		t.emitTime(3, h, m, true)
	case bare && (t.word(1) == "h" || t.word(1) == "hs" || t.word(1) == "hrs" || t.word(1) == "hr" || t.word(1) == "horas"):
		if t.lastOut() == "every" { // "cada 2 horas"
			t.emit(2, "hourly")
			return
		}
		m := 0
		used := 2
		if mm := t.num(2); len(mm) == 2 && (t.word(1) == "h") { // "18h30"
			m, _ = strconv.Atoi(mm)
			used = 3
		}
		t.emitTime(used, h, m, false) // 24-hour, as "18 h" is written
	case bare && h == 12 && (at("del", "dia") || at("del", "mediodia") || at("al", "mediodia")):
		t.emit(3, "noon")
	case bare && h == 12 && at("de", "la", "tarde"):
		t.emit(4, "noon")
	case bare && h == 12 && (at("de", "la", "noche") || at("de", "la", "madrugada")):
		t.emit(4, "midnight")
	case spoken: // "siete": a bare hour, like "7"
		t.out = append(t.out, schedToken{kind: tNum, s: strconv.Itoa(h)})
		t.i++
	default:
		t.out = append(t.out, t.in[t.i])
		t.i++
	}
}

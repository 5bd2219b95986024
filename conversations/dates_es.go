package conversations

// Spanish date phrases. Rather than a second parser, a Spanish phrase is
// put into the English parser's words ("el próximo lunes" → "monday",
// "20 de junio" → "20 june", "a fin de mes" → "end month"), so both
// languages share one set of rules, one calendar arithmetic and one set of
// tests for the hard cases (month ends, leap years, two years ahead).
// English words still read in a Spanish phrase: members mix them.
//
// Where Spanish usage differs from the English rules, the Spanish reading
// wins:
//   - "el próximo viernes" and "el viernes que viene" are the coming Friday
//     (as most Spanish speakers mean it), not the Friday of next week;
//     "el viernes de la próxima semana" is that one.
//   - "el 20" is the 20th (English "20" alone is not a date).
//   - 20/6 is day/month (ParseDateIn; see AmbiguousDayMonth).
//   - "mañana" is tomorrow, but "en/por/de la mañana" is a time of day.

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// spanishDateTokens puts a Spanish phrase's tokens (from dateTokens) into
// the English parser's words. Tokens it does not know pass through.
func spanishDateTokens(toks []string) []string {
	in := make([]string, len(toks))
	for i, t := range toks {
		in[i] = unaccent.Replace(t)
	}
	if esDateVague.MatchString(strings.Join(in, " ")) {
		return []string{"soon"} // vague: the parser asks for a day
	}
	var out []string
	for i := 0; i < len(in); {
		used, words := esDateRule(in[i:])
		if used == 0 {
			used, words = 1, []string{in[i]}
			if w, ok := esDateWords[in[i]]; ok {
				words = w
			}
		}
		out = append(out, words...)
		i += used
	}
	return out
}

// esDateRule reads the phrase that starts t, when one of the rules below
// does: how many tokens it used and the English words for them.
func esDateRule(t []string) (int, []string) {
	at := func(i int) string {
		if i < len(t) {
			return t[i]
		}
		return ""
	}
	weekday := func(i int) (string, bool) {
		w, ok := esWeekdays[at(i)]
		return w, ok
	}
	// A time of day: "en la mañana", "por la tarde", "de la noche", "al mediodía".
	if (at(0) == "en" || at(0) == "por" || at(0) == "de" || at(0) == "a") && at(1) == "la" && esDayParts[at(2)] {
		return 3, nil
	}
	if at(0) == "al" && (at(1) == "mediodia" || at(1) == "medio") {
		if at(1) == "medio" && at(2) == "dia" {
			return 3, nil
		}
		return 2, nil
	}
	if (at(0) == "esta" || at(0) == "hoy") && esDayParts[at(1)] && at(1) != "madrugada" {
		return 2, []string{"today"} // "esta noche", "hoy en la noche" reads "hoy" then drops the rest
	}
	// A clock time: "a las 5", "a la 1".
	if at(0) == "a" && (at(1) == "las" || at(1) == "la") && dateAllDigits(strings.TrimSuffix(strings.TrimSuffix(at(2), "pm"), "am")) {
		return 2, []string{"at"}
	}
	switch {
	case at(0) == "pasado" && at(1) == "manana":
		return 2, []string{"day", "after", "tomorrow"}
	case (at(0) == "fin" || at(0) == "finales" || at(0) == "final") && (at(1) == "de" || at(1) == "del"):
		// "fin de semana" is the weekend; "fin de la semana" its end.
		switch {
		case at(2) == "semana":
			return 3, []string{"weekend"}
		case at(2) == "la" && at(3) == "semana":
			return 4, []string{"end", "week"}
		case at(2) == "mes" || at(2) == "la" && at(3) == "mes" || at(2) == "este" && at(3) == "mes":
			if at(2) == "mes" {
				return 3, []string{"end", "month"}
			}
			return 4, []string{"end", "month"}
		case at(2) == "ano" || at(2) == "este" && at(3) == "ano":
			if at(2) == "ano" {
				return 3, []string{"end", "year"}
			}
			return 4, []string{"end", "year"}
		}
		if m, ok := esMonths[at(2)]; ok {
			return 3, []string{"end", m}
		}
	case at(0) == "a" && (at(1) == "fin" || at(1) == "finales" || at(1) == "final"):
		return 1, nil // "a fin de mes": the "a" says nothing ("a" alone stays English: "in a week")
	case at(0) == "dentro" && at(1) == "de":
		return 2, []string{"in"}
	case at(0) == "a" && at(1) == "mas" && at(2) == "tardar":
		return 3, []string{"at", "latest"}
	case (at(0) == "a" && at(1) == "partir" && at(2) == "de") || (at(0) == "desde"):
		n := 3
		if at(0) == "desde" {
			n = 1
		}
		return n, []string{"from"}
	case at(0) == "un" && at(1) == "par" && at(2) == "de":
		return 3, []string{"couple"}
	case (at(0) == "unos" || at(0) == "unas" || at(0) == "algunos" || at(0) == "algunas") && at(1) == "cuantos":
		return 2, []string{"few"}
	case at(0) == "el" && at(1) == "otro" && at(2) == "mes":
		return 3, []string{"next", "month"}
	}
	// "la próxima semana", "la semana que viene", "la otra semana",
	// "el próximo mes", "el mes que viene", "el próximo año".
	for _, unit := range []string{"semana", "mes", "ano"} {
		en := map[string]string{"semana": "week", "mes": "month", "ano": "year"}[unit]
		for _, p := range [][]string{{"proxima", unit}, {"proximo", unit}, {unit, "que", "viene"}, {unit, "proxima"}, {unit, "proximo"}, {"otra", unit}} {
			k := 0
			if at(0) == "la" || at(0) == "el" {
				k = 1
			}
			if dateHasPrefix(t[k:], p) && !(unit == "semana" && at(k+len(p)) == "pasada") {
				return k + len(p), []string{"next", en}
			}
		}
	}
	// A weekday: "el próximo lunes", "el lunes próximo", "el lunes que
	// viene" are the coming Monday; "el lunes de la próxima semana", "el
	// lunes de la semana que viene" are next week's; "el lunes pasado" is past.
	k := 0
	if at(0) == "el" || at(0) == "este" || at(0) == "esta" || at(0) == "los" {
		k = 1
	}
	lead := at(0)
	if at(k) == "proximo" || at(k) == "proxima" {
		if w, ok := weekday(k + 1); ok {
			return k + 2, []string{w}
		}
	}
	if at(k) == "pasado" {
		if w, ok := weekday(k + 1); ok {
			return k + 2, []string{"last", w}
		}
	}
	if w, ok := weekday(k); ok {
		n := k + 1
		switch {
		case at(n) == "proximo" || at(n) == "proxima":
			return n + 1, []string{w}
		case at(n) == "que" && at(n+1) == "viene":
			return n + 2, []string{w}
		case at(n) == "pasado":
			return n + 1, []string{"last", w}
		case at(n) == "de" && at(n+1) == "la" && at(n+2) == "proxima" && at(n+3) == "semana",
			at(n) == "de" && at(n+1) == "la" && at(n+2) == "semana" && at(n+3) == "que" && at(n+4) == "viene",
			at(n) == "de" && at(n+1) == "la" && at(n+2) == "otra" && at(n+3) == "semana":
			if at(n+3) == "que" {
				return n + 5, []string{w, "next", "week"}
			}
			return n + 4, []string{w, "next", "week"}
		case at(n) == "de" && (at(n+1) == "esta" && at(n+2) == "semana"):
			return n + 3, []string{w, "this", "week"}
		}
		if lead == "este" || lead == "esta" {
			return n, []string{"this", w}
		}
		return n, []string{w}
	}
	// "el 20", "el 20 de junio", "el primero de julio", "20 de junio de
	// 2027", "el 20 de este mes", "el 20 del mes que viene".
	d, ok := esDay(at(k))
	if k == 1 && at(0) != "el" {
		ok = false
	}
	if ok {
		n := k + 1
		if at(n) == "de" || at(n) == "del" {
			if m, isMonth := esMonths[at(n+1)]; isMonth {
				words := []string{d, m}
				n += 2
				if at(n) == "de" || at(n) == "del" {
					if y, isYear := dateYear(at(n + 1)); isYear && y > 0 {
						return n + 2, append(words, at(n+1))
					}
				}
				return n, words
			}
			switch {
			case at(n) == "de" && at(n+1) == "este" && at(n+2) == "mes":
				return n + 3, []string{d + "th", "this", "month"}
			case at(n) == "del" && (at(n+1) == "proximo" && at(n+2) == "mes" || at(n+1) == "mes" && at(n+2) == "que" && at(n+3) == "viene"):
				if at(n+1) == "mes" {
					return n + 4, []string{d + "th", "next", "month"}
				}
				return n + 3, []string{d + "th", "next", "month"}
			case at(n) == "del" && at(n+1) == "mes":
				return n + 2, []string{d + "th"}
			}
		}
		if k == 1 {
			return n, []string{d + "th"} // "el 20": the 20th
		}
	}
	return 0, nil
}

// esDay reads a day of the month: "20", "1", "primero" (the way the 1st
// is said), "1ro", "1º".
func esDay(w string) (string, bool) {
	switch w {
	case "primero", "1ro", "1o", "1º", "uno":
		return "1", true
	}
	if dateAllDigits(w) && len(w) <= 2 {
		return w, true
	}
	return "", false
}

// esDayParts are the parts of a day said after "en la", "por la": a time,
// which a step's day ignores.
var esDayParts = map[string]bool{"manana": true, "tarde": true, "noche": true, "madrugada": true}

var esWeekdays = map[string]string{
	"lunes": "monday", "martes": "tuesday", "miercoles": "wednesday", "jueves": "thursday",
	"viernes": "friday", "sabado": "saturday", "domingo": "sunday",
	"lun": "monday", "mie": "wednesday", "jue": "thursday", "vie": "friday", "sab": "saturday", "dom": "sunday",
}

var esMonths = map[string]string{
	"enero": "january", "febrero": "february", "marzo": "march", "abril": "april", "mayo": "may",
	"junio": "june", "julio": "july", "agosto": "august", "septiembre": "september", "setiembre": "september",
	"octubre": "october", "noviembre": "november", "diciembre": "december",
	"ene": "january", "abr": "april", "ago": "august", "sept": "september", "set": "september", "dic": "december",
}

// esDateWords are single words, after the rules: their English, or
// nothing for the articles and fillers that carry no date.
var esDateWords = func() map[string][]string {
	m := map[string][]string{
		"hoy": {"today"}, "manana": {"tomorrow"}, "ayer": {"yesterday"}, "anteayer": {"yesterday"},
		"en": {"in"}, "para": {"by"}, "antes": {"before"}, "hasta": {"until"}, "por": nil, "al": nil,
		"el": nil, "la": nil, "los": nil, "las": nil, "de": nil, "del": nil, "mas": nil, "o": nil, "menos": nil,
		"como": nil, "tipo": nil, "alrededor": nil, "eso": nil, "mismo": nil, "misma": nil, "que": nil, "lo": nil,
		"hace": {"ago"}, "pasada": {"ago"}, "pasado": {"ago"},
		"esta": {"this"}, "este": {"this"}, "proximo": {"next"}, "proxima": {"next"}, "siguiente": {"next"},
		"un": {"a"}, "una": {"a"}, "uno": {"a"}, "par": {"couple"}, "unos": {"few"}, "unas": {"few"}, "algunos": {"few"},
		"dia": {"day"}, "dias": {"days"}, "semana": {"week"}, "semanas": {"weeks"}, "quincena": {"2", "weeks"},
		"mes": {"month"}, "meses": {"months"}, "ano": {"year"}, "anos": {"years"},
		"dos": {"2"}, "tres": {"3"}, "cuatro": {"4"}, "cinco": {"5"}, "seis": {"6"}, "siete": {"7"}, "ocho": {"8"},
		"nueve": {"9"}, "diez": {"10"}, "once": {"11"}, "doce": {"12"}, "quince": {"15"}, "veinte": {"20"},
		"cero": {"0"}, "y": {"and"},
	}
	for es, en := range esWeekdays {
		m[es] = []string{en}
	}
	for es, en := range esMonths {
		m[es] = []string{en}
	}
	return m
}()

// esDateVague are the Spanish ways of saying "not yet a day", in folded words.
var esDateVague = regexp.MustCompile(`^(pronto|muy pronto|algun dia|un dia|un dia de estos|cuando pueda|cuando se pueda|no se|no lo se|ni idea|luego|despues|mas adelante|mas tarde|cuanto antes|lo antes posible|lo mas pronto posible|en algun momento|algun momento|nunca|quien sabe|ya vere|ya veremos|a ver)$`)

// AmbiguousDayMonth reports whether phrase holds a numeric date that reads
// as two different days, day/month or month/day ("6/3"), so a member is
// told which reading was taken.
func AmbiguousDayMonth(phrase string) bool {
	for _, f := range strings.FieldsFunc(phrase, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '.' }) {
		parts := strings.Split(f, "/")
		if len(parts) < 2 || len(parts) > 3 || len(parts[0]) > 2 || len(parts[1]) > 2 ||
			!dateAllDigits(parts[0]) || !dateAllDigits(parts[1]) {
			continue
		}
		a, b := strings.TrimLeft(parts[0], "0"), strings.TrimLeft(parts[1], "0")
		if a != b && len(a) > 0 && len(b) > 0 && dateNumIn(a, 1, 12) && dateNumIn(b, 1, 12) {
			return true
		}
	}
	return false
}

// esDateLeads are the Spanish words that say a date follows inside a
// sentence ("llamar a la oficina el lunes", "para el 20").
var esDateLeads = map[string]bool{"el": true, "este": true, "esta": true, "para": true, "antes": true, "hasta": true,
	"en": true, "dentro": true, "proximo": true, "proxima": true, "la": true, "a": true, "pasado": true, "desde": true}

// esStandsAlone is dateStandsAlone for a Spanish phrase: toks are its
// folded words (before they are put into English), next the sentence's
// word after it.
func esStandsAlone(toks []string, next string) bool {
	last := toks[len(toks)-1]
	if strings.ContainsAny(last, "0123456789") {
		// "el 5 piso", "3 veces": a number followed by a noun counts something.
		if next != "" && !esDateJoiners[next] && strings.IndexFunc(next, unicode.IsLetter) == 0 {
			return false
		}
	}
	first := toks[0]
	switch {
	case esDateLeads[first]:
		return len(toks) > 1
	case first == "hoy" || first == "manana":
		return true
	case strings.Contains(first, "/"):
		return true
	}
	if _, ok := esWeekdays[first]; ok && len(first) > 3 {
		return true
	}
	if _, ok := esDay(first); ok && len(toks) > 2 && toks[1] == "de" {
		return true // "20 de junio"
	}
	return dateStandsAlone(toks, next) // English words in a Spanish sentence
}

// esDateJoiners may follow a date inside a Spanish sentence.
var esDateJoiners = map[string]bool{"y": true, "o": true, "a": true, "para": true, "con": true, "por": true,
	"en": true, "antes": true, "despues": true, "cuando": true, "porque": true, "que": true, "de": true, "del": true}

// AwayUntilIn is AwayUntil for a person who speaks l: "hasta el 20 de
// junio", "por dos semanas", "2 semanas".
func AwayUntilIn(l Lang, phrase string, now time.Time) (time.Time, error) {
	if l != Spanish {
		return AwayUntil(phrase, now)
	}
	phrase = strings.TrimSpace(phrase)
	for _, lead := range []string{"por ", "durante ", "hasta "} {
		phrase = strings.TrimPrefix(phrase, lead)
	}
	day, err := ParseDateIn(l, phrase, now)
	if err != nil {
		if d, derr := ParseDateIn(l, "en "+phrase, now); derr == nil {
			return d, nil
		}
	}
	return day, err
}

// SayClockIn says a time of day in a person's language: "6:00 PM", or
// "las 6:00 de la tarde" (with its article, so it follows "a": "a la 1:00
// de la tarde").
func SayClockIn(l Lang, t time.Time) string {
	w := WordsFor(l)
	f := w.ClockNight
	switch h := t.Hour(); {
	case h == 0:
		f = w.ClockMidnight
	case h < 6:
		f = w.ClockEarly
	case h < 12:
		f = w.ClockMorning
	case h == 12:
		f = w.ClockNoon
	case h < 20:
		f = w.ClockAfternoon
	}
	s := fmt.Sprintf(f, t.Format("3:04"))
	if l == Spanish && t.Hour()%12 == 1 {
		s = strings.Replace(s, "las ", "la ", 1) // "la 1:00", one hour
	}
	return s
}

// SaySessionIn says a session's day in a person's language, with the year
// only when it is not thisYear: "Tuesday, June 16" or "martes 16 de junio".
func SaySessionIn(l Lang, t time.Time, thisYear int) string {
	// t's own calendar day (sayDateIn reads a date in UTC), said as a day.
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return sayDateIn(l, day, time.Date(thisYear, 1, 1, 0, 0, 0, 0, time.UTC), false)
}

// WeekdaysIn names days a group meets on, every week, in a person's
// language: "Mondays and Thursdays", "los lunes y jueves", "los sábados".
func WeekdaysIn(l Lang, days []time.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		if l == Spanish {
			names[i] = spanishWeekdays[d]
			if d == time.Saturday || d == time.Sunday {
				names[i] += "s" // the others are the same in the plural
			}
		} else {
			names[i] = d.String() + "s"
		}
	}
	list := JoinAndIn(l, names)
	if l == Spanish && list != "" {
		return "los " + list
	}
	return list
}

// JoinAndIn joins a list as a person reads it: "a, b and c", "a, b y c".
func JoinAndIn(l Lang, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + WordsFor(l).SchedAnd + items[len(items)-1]
}

// MonthIn is a month's name in a person's language, lower-case in
// Spanish as Spanish writes it mid-sentence.
func MonthIn(l Lang, m time.Month) string {
	if l == Spanish {
		return spanishMonths[m-1]
	}
	return m.String()
}

// SayDateOnIn is SayDateIn for after a preposition ("para", "hasta"): in
// Spanish a day takes its article ("el viernes 4 de diciembre") but today
// and tomorrow do not ("mañana, miércoles 2 de diciembre"), so a Spanish
// sentence never reads "para el mañana". English is SayDateIn.
func SayDateOnIn(l Lang, date, now time.Time) string {
	s := SayDateIn(l, date, now)
	if l != Spanish || strings.HasPrefix(s, "hoy, ") || strings.HasPrefix(s, "mañana, ") {
		return s
	}
	return "el " + s
}

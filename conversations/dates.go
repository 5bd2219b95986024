package conversations

// Date phrases. A small parser of our own, standard library only: the Go
// natural-date libraries each miss phrases members actually type ("the 20th",
// "next week", "end of month") or are heavy (see NOTES-slack.md), and a
// phrase list we own is easy to reason about and to test exhaustively.
//
// All arithmetic is done on calendar dates held as midnight UTC, so DST
// changes in the member's zone can never shift a day.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DateErrorKind says why a phrase gave no date, so the flow can choose its
// next question (for DateVague: "could you pick a day?").
type DateErrorKind int

const (
	DateNotUnderstood DateErrorKind = iota // not a phrase we know, or empty, too long, not English
	DateVague                              // "soon", "someday", "June": no day picked yet
	DatePassed                             // "yesterday", "last Friday", "2020-01-01"
	DateImpossible                         // "February 30", "13/45", "the 32nd", "Monday, June 12" (a Friday)
	DateTooFar                             // more than two years ahead
)

// DateError is returned by ParseDate for phrases that are not understood or not
// usable. Error() is a kind, plain sentence meant to be shown to the member; it
// quotes at most dateMaxEcho characters of what they typed.
type DateError struct {
	Kind DateErrorKind
	msg  string
}

func (e *DateError) Error() string { return e.msg }

const (
	// Real date phrases are short; refusing long text early bounds the work
	// (and we don't hunt for dates inside sentences).
	dateMaxInput = 200 // bytes
	// How much of the member's text an error message may quote back.
	dateMaxEcho = 40 // runes
	// Stepping stones are near-term; anything further is almost surely a typo.
	dateMaxYears = 2
)

// errDateNoMatch tells the parse loop to try the next kind of phrase.
var errDateNoMatch = errors.New("no match")

// ParseDate resolves a phrase to a calendar date relative to now, in now's location
// (the caller passes now already in the member's time zone). The result is midnight UTC
// of that calendar date (the calendar date is what matters; Y/M/D read with .UTC()).
//
// Case, surrounding punctuation and leading "by", "on", "before", "until",
// "till", "due", "for", "at", "around", "at the latest", "no later than" are
// ignored, as are a trailing "at the latest", time of day ("Friday night") and
// clock time ("tomorrow at 5pm"): a step is due on a day.
// Rules ("today" is now's calendar date; weeks start on Monday):
//
//   - today, tonight, end of day, eod → today; tomorrow, tmrw → +1 day;
//     day after tomorrow → +2 days.
//   - Weekday ("Friday", "fri", "thurs") → the next such day strictly after
//     today, so said on a Friday it is a week later. "this Friday" / "coming
//     Friday" → the coming one, today if today is Friday. "next Friday" and
//     "Friday next week" → the Friday of next calendar week (said on Wednesday
//     the 10th that is the 19th, not the 12th). "Friday this week" → this
//     calendar week's Friday (an error if already past).
//   - "the 20th", "20th", "twentieth" → the 20th of this month if not passed
//     (today counts), else the next month that has a 20th ("the 31st" in June
//     → July 31). "the 20th of next month" → that day of next month.
//   - next week → Monday of next week; week after next → Monday two weeks on.
//     end of (this) week, this week → Sunday of this week; end of next week →
//     Sunday of next week. (this) weekend → Saturday of this week (today on
//     Sunday); next weekend → Saturday of next week.
//   - next month → the 1st of next month; end of (the) month, this month →
//     last day of this month; end of next month → last day of next month.
//     next year → January 1; end of (the) year → December 31.
//   - "in 3 days", "in two weeks", "a week from today", "3 days from now",
//     "two weeks", "in a couple of days" (2), "in a few days" (3), "in a
//     fortnight", "in 1 month", "in a year": counted from today; numbers are
//     digits or one..twelve. Months keep the day of month, clamped to the
//     month's end (Jan 31 + 1 month → Feb 28). "in 0 days" → today.
//   - "June 3", "Jun 3rd", "3 June", "3rd of June", "june third": the next
//     June 3 from today (this year if not passed, else next year).
//     "June 3, 2027", ISO "2027-06-03": exactly that date. "end of June" → the
//     coming June 30.
//   - Numeric dates are US month/day, as Cairn's first groups are in the US:
//     "6/3" = June 3 (next one), "6/3/27" and "6/3/2027" = June 3, 2027.
//   - A weekday or "today"/"tomorrow" before a date ("Friday, June 12",
//     "tomorrow, Thursday, June 11", as SayDate writes it) must agree with it.
//
// It returns a *DateError when the phrase is not understood, vague ("soon",
// "someday", "June"), in the past ("yesterday", "last Friday"), impossible
// ("February 30", "13/45", "the 32nd") or more than two years ahead.
func ParseDate(phrase string, now time.Time) (time.Time, error) {
	return ParseDateIn(English, phrase, now)
}

// ParseDateIn is ParseDate for a person who speaks l: Spanish reads Spanish
// phrases (see dates_es.go) and numeric dates as day/month, and every error
// is said in l.
func ParseDateIn(l Lang, phrase string, now time.Time) (time.Time, error) {
	p := newDateParser(l, phrase, now)
	if len(phrase) > dateMaxInput {
		return time.Time{}, &DateError{Kind: DateNotUnderstood, msg: p.w.DateTooLong}
	}
	toks := dateTokens(phrase)
	if l == Spanish {
		toks = spanishDateTokens(toks)
	}
	if len(toks) == 0 {
		if strings.TrimSpace(phrase) == "" {
			return time.Time{}, &DateError{Kind: DateNotUnderstood, msg: p.w.DateEmpty}
		}
		return time.Time{}, p.notUnderstood()
	}
	date, err := p.parse(toks)
	if err != nil {
		return time.Time{}, err
	}
	if date.Before(p.today) {
		return time.Time{}, p.errPassed()
	}
	if date.After(p.today.AddDate(dateMaxYears, 0, 0)) {
		return time.Time{}, p.errTooFar()
	}
	return date, nil
}

func newDateParser(l Lang, phrase string, now time.Time) *dateParser {
	y, m, d := now.Date()
	if l != Spanish {
		l = English
	}
	return &dateParser{phrase: phrase, today: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), lang: l, w: WordsFor(l)}
}

// SayDate says a date back in words: "Friday, June 12"; adds the year when it is not
// now's year: "Monday, January 4, 2027". "today"/"tomorrow" may prefix: "tomorrow, Thursday, June 11".
// The date's calendar date is read in UTC (as ParseDate returns it); today is
// now's calendar date in now's location. ParseDate reads every result back.
func SayDate(date, now time.Time) string { return SayDateIn(English, date, now) }

// SayDateIn says a date in a person's language: "tomorrow, Friday, June 6"
// or "mañana, viernes 6 de junio", with the year only when it is not now's.
func SayDateIn(l Lang, date, now time.Time) string { return sayDateIn(l, date, now, true) }

// SayDayIn says a date without "today" or "tomorrow" — for words that stay
// on a page after the day (a recap in a channel): "Tuesday, June 9".
func SayDayIn(l Lang, date, now time.Time) string { return sayDateIn(l, date, now, false) }

func sayDateIn(l Lang, date, now time.Time, relative bool) string {
	d := date.UTC()
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	y, m, td := now.Date()
	today := time.Date(y, m, td, 0, 0, 0, 0, time.UTC)
	var s, todayWord, tomorrowWord string
	if l == Spanish {
		s = spanishWeekdays[d.Weekday()] + " " + fmt.Sprint(d.Day()) + " de " + spanishMonths[d.Month()-1]
		if d.Year() != y {
			s += fmt.Sprintf(" de %d", d.Year())
		}
		todayWord, tomorrowWord = "hoy", "mañana"
	} else {
		s = d.Weekday().String() + ", " + dateMonthDay(d, y)
		todayWord, tomorrowWord = "today", "tomorrow"
	}
	switch {
	case !relative:
	case d.Equal(today):
		return todayWord + ", " + s
	case d.Equal(today.AddDate(0, 0, 1)):
		return tomorrowWord + ", " + s
	}
	return s
}

// Spanish names, lower-case as Spanish writes them mid-sentence.
var (
	spanishWeekdays = [...]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}
	spanishMonths   = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
		"septiembre", "octubre", "noviembre", "diciembre"}
)

// dateMonthDay is "June 12", with ", 2027" when the year is not thisYear.
func dateMonthDay(d time.Time, thisYear int) string {
	s := fmt.Sprintf("%s %d", d.Month(), d.Day())
	if d.Year() != thisYear {
		s += fmt.Sprintf(", %d", d.Year())
	}
	return s
}

// Fresh values each time: a shared *DateError could be changed by one caller for all.
func (p *dateParser) errPassed() error {
	return &DateError{Kind: DatePassed, msg: p.w.DatePassed}
}

func (p *dateParser) errTooFar() error {
	return &DateError{Kind: DateTooFar, msg: p.w.DateTooFar}
}

type dateParser struct {
	phrase string
	today  time.Time // now's calendar date, midnight UTC
	this   bool      // a leading "this"/"coming" was stripped
	lang   Lang      // whose phrase: Spanish reads 6/3 as day/month
	w      *Words    // the errors' words
}

// monthName is m in the parser's language.
func (p *dateParser) monthName(m time.Month) string {
	if p.lang == Spanish {
		return spanishMonths[m-1]
	}
	return m.String()
}

// weekdayName is w in the parser's language.
func (p *dateParser) weekdayName(w time.Weekday) string {
	if p.lang == Spanish {
		return spanishWeekdays[w]
	}
	return w.String()
}

// sayMonthDay is "June 12" or "12 de junio", with the year when it is not this one.
func (p *dateParser) sayMonthDay(d time.Time) string {
	if p.lang == Spanish {
		s := fmt.Sprintf("%d de %s", d.Day(), spanishMonths[d.Month()-1])
		if d.Year() != p.today.Year() {
			s += fmt.Sprintf(" de %d", d.Year())
		}
		return s
	}
	return dateMonthDay(d, p.today.Year())
}

// dateTokens lowercases the phrase and splits it into words, keeping only
// letters, digits, '/' and '-' (for "6/3", "2026-06-03" and "-3", which must
// stay visible so "in -3 days" is refused rather than read as "in 3 days").
// "the" and "of" carry no meaning here and are dropped.
func dateTokens(phrase string) []string {
	var b strings.Builder
	for _, r := range strings.ToLower(phrase) {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			// dropped, not a separator: "'til", "2 weeks' time"
		case r == '/' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	var toks []string
	for _, t := range strings.Fields(b.String()) {
		if strings.Trim(t, "-/") == "" || t == "the" || t == "of" {
			continue
		}
		// "twenty first" → "twenty-first", one ordinal word
		if n := len(toks); n > 0 && (toks[n-1] == "twenty" || toks[n-1] == "thirty") {
			if _, ok := dateOrdinals[toks[n-1]+"-"+t]; ok {
				toks[n-1] += "-" + t
				continue
			}
		}
		toks = append(toks, t)
	}
	return toks
}

func (p *dateParser) parse(t []string) (time.Time, error) {
	t = p.trimFillers(t)
	s := strings.Join(t, " ")
	if dateVagueWords[s] {
		echo := s
		if p.lang == Spanish {
			echo = dateEcho(p.phrase) // s is the phrase as the parser reads it, in English words
		}
		return time.Time{}, &DateError{Kind: DateVague, msg: fmt.Sprintf(p.w.DateVague, echo)}
	}
	if dateTomorrowWords[s] {
		return p.tomorrow(), nil
	}
	if f, ok := dateFixed[s]; ok {
		return f(p), nil
	}
	if f, ok := dateThisFixed[s]; ok && p.this {
		return f(p), nil
	}
	if dateLooksPast(t) {
		return time.Time{}, p.errPassed()
	}
	for _, f := range []func([]string) (time.Time, error){p.relative, p.weekday, p.labelled} {
		if d, err := f(t); err != errDateNoMatch {
			return d, err
		}
	}
	if m, ok := dateMonthOnly(t); ok {
		return time.Time{}, &DateError{Kind: DateVague, msg: fmt.Sprintf(p.w.DateMonthOnly, p.monthName(m), p.monthName(m))}
	}
	if p.lang == English && dateLooksForeign(p.phrase, t) {
		return time.Time{}, &DateError{Kind: DateNotUnderstood, msg: p.w.DateForeign}
	}
	return time.Time{}, p.notUnderstood()
}

// trimFillers strips words around the date that don't change it, never the
// last word (so "by" alone stays unknown and "sometime" alone stays vague).
func (p *dateParser) trimFillers(t []string) []string {
	for changed := true; changed; {
		changed = false
		for _, f := range dateLeadFillers {
			if len(t) > len(f) && dateHasPrefix(t, f) {
				t, changed = t[len(f):], true
			}
		}
		if len(t) > 1 && (t[0] == "this" || t[0] == "coming" || t[0] == "upcoming") {
			t, changed, p.this = t[1:], true, true
		}
		for _, f := range dateTrailFillers {
			if len(t) > len(f) && dateHasPrefix(t[len(t)-len(f):], f) {
				t, changed = t[:len(t)-len(f)], true
			}
		}
		if n := dateTimeOfDay(t); n > 0 && n < len(t) {
			t, changed = t[:len(t)-n], true
		}
	}
	return t
}

// dateTimeOfDay returns how many words at the end of t are a clock time
// ("at 5", "5pm", "at 5:30 pm", "at noon"), which we ignore: a step is due on
// a day. Without "at" a number needs am/pm, so "June 5" keeps its 5.
func dateTimeOfDay(t []string) int {
	i := len(t)
	ampm := false
	if i > 0 && (t[i-1] == "am" || t[i-1] == "pm") {
		i, ampm = i-1, true
	}
	if i == 0 {
		return 0
	}
	last := t[i-1]
	if len(last) > 2 && (strings.HasSuffix(last, "am") || strings.HasSuffix(last, "pm")) {
		if ampm {
			return 0
		}
		last, ampm = last[:len(last)-2], true
	}
	switch {
	case !ampm && (last == "noon" || last == "midday" || last == "midnight"):
		i--
	case len(last) == 2 && dateNumIn(last, 0, 59) && i > 1 && dateNumIn(t[i-2], 0, 24): // "5:30", split at the colon
		i -= 2
	case dateNumIn(last, 0, 24):
		i--
	default:
		return 0
	}
	if i > 0 && t[i-1] == "at" {
		return len(t) - i + 1
	}
	if ampm {
		return len(t) - i
	}
	return 0
}

func dateNumIn(w string, lo, hi int) bool {
	if !dateAllDigits(w) || len(w) > 2 {
		return false
	}
	n, _ := strconv.Atoi(w)
	return lo <= n && n <= hi
}

func dateHasPrefix(t, prefix []string) bool {
	if len(t) < len(prefix) {
		return false
	}
	for i, w := range prefix {
		if t[i] != w {
			return false
		}
	}
	return true
}

var (
	dateLeadFillers = [][]string{{"at", "latest"}, {"no", "later", "than"}, {"not", "later", "than"},
		{"some", "time"}, {"sometime"}, {"by"}, {"on"}, {"before"}, {"until"}, {"till"}, {"til"},
		{"untill"}, {"due"}, {"for"}, {"at"}, {"around"}, {"latest"}}
	dateTrailFillers = [][]string{{"at", "latest"}, {"latest"}, {"or", "sooner"}, {"or", "earlier"}, {"or", "so"},
		{"eod"}, {"end", "day"}, {"cob"},
		{"please"}, {"morning"}, {"afternoon"}, {"evening"}, {"night"}}

	dateVagueWords = map[string]bool{"someday": true, "some day": true, "sometime": true, "some time": true,
		"soon": true, "very soon": true, "soonish": true, "asap": true, "as soon as possible": true,
		"whenever": true, "eventually": true, "later": true, "one day": true, "at some point": true,
		"some point": true, "in a while": true, "in a bit": true, "when i can": true, "idk": true,
		"dunno": true, "not sure": true, "tbd": true, "never": true}
)

// dateFixed holds the phrases that are fixed words, after trimFillers.
var dateFixed = map[string]func(p *dateParser) time.Time{
	"today": (*dateParser).todayDate, "tonight": (*dateParser).todayDate, "tonite": (*dateParser).todayDate,
	"later today": (*dateParser).todayDate, "end day": (*dateParser).todayDate, "eod": (*dateParser).todayDate,

	"day after tomorrow": func(p *dateParser) time.Time { return p.days(2) },
	"day after tmrw":     func(p *dateParser) time.Time { return p.days(2) },
	"overmorrow":         func(p *dateParser) time.Time { return p.days(2) },

	"next week":       func(p *dateParser) time.Time { return p.monday(1) },
	"week after next": func(p *dateParser) time.Time { return p.monday(2) },
	"end week":        (*dateParser).endOfWeek, "end this week": (*dateParser).endOfWeek,
	"eow": (*dateParser).endOfWeek, "week end": (*dateParser).endOfWeek,
	"end next week": func(p *dateParser) time.Time { return p.monday(1).AddDate(0, 0, 6) },
	"weekend":       (*dateParser).weekend,
	"next weekend":  func(p *dateParser) time.Time { return p.monday(1).AddDate(0, 0, 5) },

	"next month": func(p *dateParser) time.Time { return p.monthStart(1) },
	"end month":  (*dateParser).endOfMonth, "end this month": (*dateParser).endOfMonth,
	"eom": (*dateParser).endOfMonth, "month end": (*dateParser).endOfMonth,
	"last day month": (*dateParser).endOfMonth, "last day this month": (*dateParser).endOfMonth,
	"end next month":      func(p *dateParser) time.Time { return p.monthStart(2).AddDate(0, 0, -1) },
	"last day next month": func(p *dateParser) time.Time { return p.monthStart(2).AddDate(0, 0, -1) },

	"next year": func(p *dateParser) time.Time { return time.Date(p.today.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC) },
	"end year":  (*dateParser).endOfYear, "end this year": (*dateParser).endOfYear,
	"eoy": (*dateParser).endOfYear, "year end": (*dateParser).endOfYear,
}

// dateTomorrowWords are "tomorrow" and the ways people type it.
var dateTomorrowWords = map[string]bool{"tomorrow": true, "tmrw": true, "tmr": true, "tmrow": true,
	"tomorow": true, "tommorow": true, "tommorrow": true, "2morrow": true, "2moro": true}

// dateThisFixed holds words that mean a date only after "this": "this week"
// is the end of this week, "this morning" is today.
var dateThisFixed = map[string]func(p *dateParser) time.Time{
	"week": (*dateParser).endOfWeek, "month": (*dateParser).endOfMonth, "year": (*dateParser).endOfYear,
	"morning": (*dateParser).todayDate, "afternoon": (*dateParser).todayDate, "evening": (*dateParser).todayDate,
}

func (p *dateParser) days(n int) time.Time  { return p.today.AddDate(0, 0, n) }
func (p *dateParser) todayDate() time.Time  { return p.today }
func (p *dateParser) tomorrow() time.Time   { return p.days(1) }
func (p *dateParser) endOfWeek() time.Time  { return p.monday(0).AddDate(0, 0, 6) }
func (p *dateParser) endOfMonth() time.Time { return p.monthStart(1).AddDate(0, 0, -1) }
func (p *dateParser) endOfYear() time.Time {
	return time.Date(p.today.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
}
func (p *dateParser) monthStart(k int) time.Time {
	return time.Date(p.today.Year(), p.today.Month()+time.Month(k), 1, 0, 0, 0, 0, time.UTC)
}

// monday is the Monday of the calendar week k weeks from this one.
func (p *dateParser) monday(k int) time.Time {
	return p.days(7*k - dateMonIndex(p.today.Weekday()))
}

// weekend is this week's Saturday, or today when today is Sunday (still the weekend).
func (p *dateParser) weekend() time.Time {
	if p.today.Weekday() == time.Sunday {
		return p.today
	}
	return p.monday(0).AddDate(0, 0, 5)
}

// dateMonIndex numbers days from Monday = 0, as our weeks start on Monday.
func dateMonIndex(w time.Weekday) int { return (int(w) + 6) % 7 }

func dateLooksPast(t []string) bool {
	for _, w := range t {
		if w == "yesterday" || w == "ago" || w == "yday" {
			return true
		}
	}
	return t[0] == "last" || t[0] == "previous" || t[0] == "past"
}

// relative reads counted distances: "in 3 days", "two weeks from now", "a week".
func (p *dateParser) relative(t []string) (time.Time, error) {
	i := 0
	if t[0] == "in" || t[0] == "within" {
		i++
	}
	if i < len(t) && t[i] == "next" {
		i++ // "within the next 3 days"
	}
	n, used, tooBig := dateCount(t[i:])
	if used == 0 {
		return time.Time{}, errDateNoMatch
	}
	i += used
	if i >= len(t) {
		return time.Time{}, errDateNoMatch
	}
	mult, months := dateUnit(t[i])
	if mult == 0 {
		return time.Time{}, errDateNoMatch
	}
	i++
	base := p.today
	switch rest := strings.Join(t[i:], " "); rest {
	case "", "from now", "from today", "time", "later":
	case "from tomorrow":
		base = p.days(1)
	default:
		return time.Time{}, errDateNoMatch
	}
	if tooBig {
		return time.Time{}, p.errTooFar()
	}
	if months {
		return dateAddMonths(base, n*mult), nil
	}
	return base.AddDate(0, 0, n*mult), nil
}

// dateCount reads a count at the start of t and how many words it used.
// Counts of more than four digits are reported as tooBig, never parsed, so
// arithmetic can't overflow.
func dateCount(t []string) (n, used int, tooBig bool) {
	if len(t) == 0 {
		return 0, 0, false
	}
	switch {
	case len(t) > 1 && (t[0] == "a" || t[0] == "an") && t[1] == "couple":
		return 2, 2, false
	case len(t) > 1 && t[0] == "a" && t[1] == "few":
		return 3, 2, false
	case t[0] == "couple":
		return 2, 1, false
	case t[0] == "few":
		return 3, 1, false
	case t[0] == "a" || t[0] == "an":
		return 1, 1, false
	}
	if n, ok := dateNumbers[t[0]]; ok {
		return n, 1, false
	}
	if !dateAllDigits(t[0]) {
		return 0, 0, false
	}
	digits := strings.TrimLeft(t[0], "0")
	if len(digits) > 4 {
		return 0, 1, true
	}
	n, _ = strconv.Atoi("0" + digits)
	return n, 1, false
}

// dateUnit returns the size of a unit word in days, or in months when months is true.
func dateUnit(w string) (mult int, months bool) {
	switch w {
	case "day", "days":
		return 1, false
	case "week", "weeks", "wk", "wks":
		return 7, false
	case "fortnight", "fortnights":
		return 14, false
	case "month", "months", "mo", "mos", "mth", "mths":
		return 1, true
	case "year", "years", "yr", "yrs":
		return 12, true
	}
	return 0, false
}

// dateAddMonths adds n months keeping the day of month, clamped to the
// target month's last day (time.AddDate would turn Jan 31 + 1 month into March 3).
func dateAddMonths(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	return first.AddDate(0, 0, min(d.Day(), dateDaysIn(first.Year(), first.Month()))-1)
}

func dateDaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// weekday reads "friday", "this friday", "next friday", "friday next week",
// "next week friday" and "friday this week".
func (p *dateParser) weekday(t []string) (time.Time, error) {
	var w time.Weekday
	ok := false
	mode := "plain"
	switch {
	case len(t) == 1:
		w, ok = dateWeekdays[t[0]]
		if p.this {
			mode = "this"
		}
	case len(t) == 2 && t[0] == "next":
		w, ok = dateWeekdays[t[1]]
		mode = "next"
	case len(t) == 3 && (t[1] == "next" || t[1] == "this") && t[2] == "week":
		w, ok = dateWeekdays[t[0]]
		mode = t[1] + " week"
	case len(t) == 3 && t[0] == "next" && t[1] == "week":
		w, ok = dateWeekdays[t[2]]
		mode = "next week"
	}
	if !ok {
		return time.Time{}, errDateNoMatch
	}
	ahead := (int(w) - int(p.today.Weekday()) + 7) % 7
	switch mode {
	case "plain":
		if ahead == 0 {
			ahead = 7 // "Friday" said on a Friday is next week's: today would be "today"
		}
		return p.days(ahead), nil
	case "this":
		return p.days(ahead), nil
	case "this week":
		return p.monday(0).AddDate(0, 0, dateMonIndex(w)), nil
	default: // "next", "next week"
		return p.monday(1).AddDate(0, 0, dateMonIndex(w)), nil
	}
}

// labelled reads a date optionally led by "today"/"tomorrow" and a weekday,
// as SayDate writes it, and refuses labels that disagree with the date.
func (p *dateParser) labelled(t []string) (time.Time, error) {
	var want time.Time
	wantWord := ""
	if len(t) > 1 {
		switch {
		case t[0] == "today":
			want, wantWord, t = p.today, "today", t[1:]
		case dateTomorrowWords[t[0]]:
			want, wantWord, t = p.days(1), "tomorrow", t[1:]
		}
	}
	wd, hasWD := time.Weekday(0), false
	if len(t) > 1 {
		if wd, hasWD = dateWeekdays[t[0]]; hasWD {
			t = t[1:]
		}
	}
	d, err := p.explicit(t)
	if err != nil {
		return d, err
	}
	if hasWD && d.Weekday() != wd {
		return time.Time{}, &DateError{Kind: DateImpossible, msg: fmt.Sprintf(
			p.w.DateWeekdayMismatch, p.sayMonthDay(d), p.weekdayName(d.Weekday()), p.weekdayName(wd))}
	}
	if wantWord != "" && !d.Equal(want) {
		word := p.w.DayToday
		if wantWord == "tomorrow" {
			word = p.w.DayTomorrow
		}
		return time.Time{}, &DateError{Kind: DateImpossible, msg: fmt.Sprintf(
			p.w.DateLabelMismatch, p.sayMonthDay(d), word, word, SayDateIn(p.lang, want, p.today)[len(word)+2:])}
	}
	return d, nil
}

// explicit reads calendar dates: "20th", "6/3", "2026-06-03", "june 3",
// "3 june 2027", "20th next month", "end june".
func (p *dateParser) explicit(t []string) (time.Time, error) {
	switch len(t) {
	case 1:
		if strings.Contains(t[0], "/") {
			return p.numeric(t[0])
		}
		if strings.Contains(t[0], "-") && len(t[0]) > 4 && dateAllDigits(t[0][:4]) {
			return p.iso(t[0])
		}
		if d, ok := dateDay(t[0], false); ok {
			return p.dayOfMonth(d)
		}
	case 2:
		if m, ok := dateMonths[t[0]]; ok {
			if d, ok := dateDay(t[1], true); ok {
				return p.monthDay(m, d, 0)
			}
		}
		if d, ok := dateDay(t[0], true); ok {
			if m, ok := dateMonths[t[1]]; ok {
				return p.monthDay(m, d, 0)
			}
			if t[1] == "month" { // "the 20th of the month"
				return p.dayOfMonth(d)
			}
		}
		if m, ok := dateMonths[t[1]]; ok && t[0] == "end" {
			y := p.today.Year()
			if m < p.today.Month() {
				y++
			}
			return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC), nil
		}
	case 3:
		d, dok := dateDay(t[0], true)
		if dok && t[2] == "month" && (t[1] == "this" || t[1] == "next") {
			k := 0
			if t[1] == "next" {
				k = 1
			}
			first := p.monthStart(k)
			if d < 1 || d > dateDaysIn(first.Year(), first.Month()) {
				return time.Time{}, p.noSuchDay(first.Month(), d, 0)
			}
			return first.AddDate(0, 0, d-1), nil
		}
		y, yok := dateYear(t[2])
		if !yok {
			break
		}
		if m, ok := dateMonths[t[0]]; ok {
			if d, ok := dateDay(t[1], true); ok {
				return p.monthDay(m, d, y)
			}
		}
		if m, ok := dateMonths[t[1]]; ok && dok {
			return p.monthDay(m, d, y)
		}
	}
	return time.Time{}, errDateNoMatch
}

// dayOfMonth is the next day-of-month d from today (today counts), skipping
// months too short to have it.
func (p *dateParser) dayOfMonth(d int) (time.Time, error) {
	if d < 1 || d > 31 {
		n := dateOrdinal(d)
		if p.lang == Spanish {
			n = strconv.Itoa(d)
		}
		return time.Time{}, &DateError{Kind: DateImpossible, msg: fmt.Sprintf(p.w.DateNoMonthHas, n)}
	}
	for k := 0; ; k++ { // ends within two months: every other month has 31 days
		first := p.monthStart(k)
		if d <= dateDaysIn(first.Year(), first.Month()) && (k > 0 || d >= p.today.Day()) {
			return first.AddDate(0, 0, d-1), nil
		}
	}
}

// monthDay is month m, day d of year y, or when y is 0 of the next such
// date from today (today counts).
func (p *dateParser) monthDay(m time.Month, d, y int) (time.Time, error) {
	if d < 1 || d > dateDaysIn(2000, m) { // 2000: a leap year, so February 29 passes here
		return time.Time{}, p.noSuchDay(m, d, 0)
	}
	if y == 0 {
		y = p.today.Year()
		if m < p.today.Month() || m == p.today.Month() && d < p.today.Day() {
			y++
		}
	}
	if d > dateDaysIn(y, m) {
		return time.Time{}, p.noSuchDay(m, d, y)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

func (p *dateParser) noSuchDay(m time.Month, d, y int) error {
	msg := fmt.Sprintf(p.w.DateNoSuchDay, p.monthName(m), d)
	if y != 0 {
		msg = fmt.Sprintf(p.w.DateNoSuchDayYear, p.monthName(m), d, y)
	}
	return &DateError{Kind: DateImpossible, msg: msg}
}

// numeric reads US month/day: "6/3", "6/3/27", "6/3/2027", and "2027/6/3";
// for a Spanish speaker day/month ("20/6"), year first still year/month/day.
func (p *dateParser) numeric(tok string) (time.Time, error) {
	parts := strings.Split(tok, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return time.Time{}, errDateNoMatch
	}
	for _, s := range parts {
		if !dateAllDigits(s) || len(s) > 4 {
			return time.Time{}, errDateNoMatch
		}
	}
	yearFirst := len(parts) == 3 && len(parts[0]) == 4
	if yearFirst {
		parts = []string{parts[1], parts[2], parts[0]}
	}
	if len(parts[0]) > 2 || len(parts[1]) > 2 {
		return time.Time{}, errDateNoMatch
	}
	m, _ := strconv.Atoi(parts[0])
	d, _ := strconv.Atoi(parts[1])
	if p.lang == Spanish && !yearFirst {
		m, d = d, m // Spanish speakers write day/month: 20/6 is June 20
	}
	y := 0
	if len(parts) == 3 {
		switch len(parts[2]) {
		case 2:
			y, _ = strconv.Atoi(parts[2])
			y += 2000
		case 4:
			y, _ = strconv.Atoi(parts[2])
		default:
			return time.Time{}, errDateNoMatch
		}
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, &DateError{Kind: DateImpossible, msg: fmt.Sprintf(p.w.DateNumericBad, dateEcho(tok))}
	}
	return p.monthDay(time.Month(m), d, y)
}

// iso reads "2026-06-03".
func (p *dateParser) iso(tok string) (time.Time, error) {
	parts := strings.Split(tok, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return time.Time{}, errDateNoMatch
	}
	for _, s := range parts[1:] {
		if !dateAllDigits(s) || len(s) > 2 {
			return time.Time{}, errDateNoMatch
		}
	}
	y, _ := strconv.Atoi(parts[0])
	m, _ := strconv.Atoi(parts[1])
	d, _ := strconv.Atoi(parts[2])
	if m < 1 || m > 12 {
		return time.Time{}, &DateError{Kind: DateImpossible, msg: fmt.Sprintf(p.w.DateISOBad, dateEcho(tok))}
	}
	return p.monthDay(time.Month(m), d, y)
}

func dateAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateDay reads a day of month: "20th", "third", "twenty-first", and when
// bare is true plain "20". Out-of-range numbers are returned for the caller
// to refuse kindly ("the 32nd").
func dateDay(w string, bare bool) (int, bool) {
	if n, ok := dateOrdinals[w]; ok {
		return n, true
	}
	num := w
	if len(w) > 2 {
		switch w[len(w)-2:] {
		case "st", "nd", "rd", "th":
			num = w[:len(w)-2]
		}
	}
	if !dateAllDigits(num) || len(num) > 2 || num == w && !bare {
		return 0, false
	}
	n, _ := strconv.Atoi(num)
	return n, true
}

func dateYear(w string) (int, bool) {
	if len(w) != 4 || !dateAllDigits(w) {
		return 0, false
	}
	y, _ := strconv.Atoi(w)
	return y, true
}

func dateOrdinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// dateMonthOnly spots "June", "in June", "early June": a month but no day.
func dateMonthOnly(t []string) (time.Month, bool) {
	if len(t) == 2 {
		switch t[0] {
		case "in", "next", "early", "mid", "late", "during":
			t = t[1:]
		}
	}
	if len(t) != 1 {
		return 0, false
	}
	m, ok := dateMonths[t[0]]
	return m, ok
}

// dateLooksForeign spots non-English phrases so we can say why we didn't
// understand: letters outside ASCII, or a few common Spanish date words.
func dateLooksForeign(phrase string, t []string) bool {
	for _, r := range phrase {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	for _, w := range t {
		if dateForeignWords[w] {
			return true
		}
	}
	return false
}

func (p *dateParser) notUnderstood() error {
	return &DateError{Kind: DateNotUnderstood, msg: fmt.Sprintf(p.w.DateNotUnderstood, dateEcho(p.phrase))}
}

// dateEcho makes the member's text safe to quote back: one line, at most
// dateMaxEcho runes, and without '<' '>' so Slack can't read "<!channel>" in
// it as a mention.
func dateEcho(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '<' || r == '>'
	}), " ")
	if utf8.RuneCountInString(s) > dateMaxEcho {
		s = string([]rune(s)[:dateMaxEcho]) + "…"
	}
	return s
}

var dateMonths = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "febr": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12,
}

var dateWeekdays = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday, "tuseday": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "weds": time.Wednesday, "wensday": time.Wednesday, "wednsday": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thrusday": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday, "saterday": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday,
}

// WeekdayNamed reads a weekday's name as people type it — "monday", "mon",
// "tues", "wensday", or a plural ("mondays", as group schedules say) — from
// the one weekday table, shared by dates and group schedules.
func WeekdayNamed(word string) (time.Weekday, bool) {
	if d, ok := dateWeekdays[word]; ok {
		return d, true
	}
	if w, ok := strings.CutSuffix(word, "s"); ok {
		if d, ok := dateWeekdays[w]; ok {
			return d, true
		}
	}
	return 0, false
}

var dateNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// dateOrdinals maps "first".."thirty-first" to 1..31.
var dateOrdinals = func() map[string]int {
	units := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
	m := map[string]int{"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
		"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
		"twentieth": 20, "thirtieth": 30, "thirty-first": 31}
	for i, u := range units {
		m[u] = i + 1
		m["twenty-"+u] = 21 + i
	}
	return m
}()

// dateForeignWords are Spanish date words, the language our groups most
// often mix in, so "viernes" gets "English only" rather than a bare "didn't understand".
var dateForeignWords = map[string]bool{
	"hoy": true, "manana": true, "pasado": true, "lunes": true, "martes": true, "miercoles": true,
	"jueves": true, "viernes": true, "sabado": true, "domingo": true, "semana": true, "mes": true,
	"proximo": true, "proxima": true, "el": true, "dia": true,
}

// dateFindMaxWords bounds a date phrase inside a sentence: "no later than
// Friday, June 12, 2026" is six words.
const dateFindMaxWords = 7

// FindDate finds a date phrase inside a sentence ("call the housing
// authority on Monday") and returns the sentence without it ("call the
// housing authority") and the date, read as ParseDate reads it. It is careful
// rather than eager, since a wrong date taken from a step's words is worse
// than asking: a phrase counts only when it is led by a word like "on",
// "by", "before", "next", "this" or "in", or is a date on its own ("tomorrow",
// "Monday", "June 20", "6/20"); abbreviations like "sun" or "sat", counts
// like "3 days a week" and a number followed by a noun ("the 5th floor",
// "Jan 3 times") are not dates. The longest phrase wins, then the last.
func FindDate(sentence string, now time.Time) (rest string, date time.Time, ok bool) {
	return FindDateIn(English, sentence, now)
}

// FindDateIn is FindDate for a person who speaks l: a Spanish sentence's
// date is led by "el", "para", "antes", "hasta", "en", "este", "próximo"…
// ("llamar a la oficina el lunes").
func FindDateIn(l Lang, sentence string, now time.Time) (rest string, date time.Time, ok bool) {
	if len(sentence) > MaxInput {
		return sentence, time.Time{}, false
	}
	type word struct{ start, end int }
	var words []word
	start := -1
	for i, r := range sentence + " " {
		if unicode.IsSpace(r) {
			if start >= 0 {
				words = append(words, word{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	// anchors[k] counts the words before k that could be a date's core, so
	// a window without one is skipped without being read.
	anchors := make([]int, len(words)+1)
	for k, w := range words {
		anchors[k+1] = anchors[k]
		toks := dateTokens(sentence[w.start:w.end])
		if l == Spanish {
			toks = spanishDateTokens(toks)
		}
		if dateAnchored(toks) {
			anchors[k+1]++
		}
	}
	bestI, bestJ := -1, -1
	for i := range words {
		for j := i + 1; j <= len(words) && j-i <= dateFindMaxWords; j++ {
			if bestI >= 0 && j-i < bestJ-bestI || anchors[j] == anchors[i] {
				continue
			}
			phrase := sentence[words[i].start:words[j-1].end]
			toks := dateTokens(phrase)
			if len(toks) == 0 {
				continue
			}
			next := ""
			if j < len(words) {
				next = strings.ToLower(strings.Trim(sentence[words[j].start:words[j].end], ",.;:!?"))
			}
			if l == Spanish {
				for k := range toks {
					toks[k] = unaccent.Replace(toks[k])
				}
				if !esStandsAlone(toks, unaccent.Replace(next)) {
					continue
				}
			} else if !dateStandsAlone(toks, next) {
				continue
			}
			d, err := ParseDateIn(l, phrase, now)
			if err != nil {
				continue
			}
			if bestI < 0 || j-i > bestJ-bestI || i > bestI {
				bestI, bestJ, date = i, j, d
			}
		}
	}
	if bestI < 0 {
		return sentence, time.Time{}, false
	}
	rest = sentence[:words[bestI].start] + " " + sentence[words[bestJ-1].end:]
	rest = strings.Join(strings.Fields(rest), " ")
	rest = strings.TrimFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—.", r) })
	rest = strings.ReplaceAll(rest, " ,", ",")
	if !hasLetterOrDigit(rest) {
		return sentence, time.Time{}, false // nothing left but the date: not a step with a date in it
	}
	return rest, date, true
}

// dateAnchored is a cheap first look: a date phrase has a word that is a
// date's core, so most windows of a sentence are never parsed.
func dateAnchored(toks []string) bool {
	for _, t := range toks {
		if _, ok := dateWeekdays[t]; ok {
			return true
		}
		if _, ok := dateMonths[t]; ok {
			return true
		}
		if dateTomorrowWords[t] || dateAnchorWords[t] || strings.ContainsAny(t, "0123456789") {
			return true
		}
		if _, ok := dateOrdinals[t]; ok {
			return true
		}
	}
	return false
}

var dateAnchorWords = map[string]bool{"today": true, "tonight": true, "tonite": true, "week": true, "weeks": true,
	"month": true, "months": true, "weekend": true, "fortnight": true, "days": true, "day": true,
	"eod": true, "eow": true, "eom": true, "eoy": true, "year": true, "overmorrow": true}

// dateLeads are the words that say a date follows.
var dateLeads = map[string]bool{"on": true, "by": true, "before": true, "until": true, "till": true, "til": true,
	"untill": true, "due": true, "this": true, "next": true, "coming": true, "upcoming": true, "in": true,
	"within": true, "no": true, "not": true, "sometime": true}

// dateStandsAlone says whether toks, followed in the sentence by the word
// next, can be read as a date there (see FindDate).
func dateStandsAlone(toks []string, next string) bool {
	last := toks[len(toks)-1]
	if strings.ContainsAny(last, "0123456789") || dateOrdinals[last] > 0 {
		// "the 5th floor", "Jan 3 times": a number followed by a noun counts something.
		if next != "" && !dateJoiners[next] && strings.IndexFunc(next, unicode.IsLetter) == 0 {
			return false
		}
	}
	first := toks[0]
	if dateLeads[first] {
		return len(toks) > 1
	}
	if dateTomorrowWords[first] || first == "today" || first == "tonight" || first == "tonite" || first == "overmorrow" ||
		first == "end" || first == "eod" || first == "eow" || first == "eom" {
		return true
	}
	if _, ok := dateWeekdays[first]; ok && len(first) > 4 {
		return true // a full weekday name: "sun", "sat", "wed" are words too
	}
	if _, ok := dateMonths[first]; ok && len(first) > 3 && len(toks) > 1 {
		return true // "June 20"; "may" alone is a verb
	}
	if strings.Contains(first, "/") || (len(first) == 10 && first[4] == '-') {
		return true // 6/20, 2026-06-20
	}
	if len(toks) > 2 && toks[len(toks)-2] == "from" {
		return true // "a week from today"
	}
	if first == "day" && len(toks) > 2 { // "day after tomorrow"
		return true
	}
	return false
}

// dateJoiners may follow a date inside a sentence: "on Monday about the form".
var dateJoiners = map[string]bool{"and": true, "or": true, "to": true, "at": true, "for": true, "so": true,
	"then": true, "with": true, "about": true, "please": true, "if": true, "before": true, "after": true,
	"when": true, "because": true, "morning": true, "afternoon": true, "evening": true, "night": true,
	"am": true, "pm": true, "i": true, "i'll": true, "ill": true}

package scheduler

// Group schedules: the words a facilitator types ("Tuesdays 6pm") turned into a
// robfig/cron spec in the group's time zone, and the session times computed from it.
//
// What is accepted (case and punctuation do not matter):
//
//   - Days: full, plural or short names (mon, tue, tues, wed, weds, thu, thur, thurs,
//     fri, sat, sun), lists joined by "and", ",", "&", "/" or "+", ranges ("mon-fri",
//     "monday to thursday", "through", "thru"), "weekdays" / "weeknights" (MON-FRI),
//     "weekends" (SAT,SUN), "every day", "each day", "daily", "everyday", "nightly",
//     "every night" / "every evening" / "every morning" (all seven days).
//   - Times: "6pm", "6 pm", "6 p.m.", "6:30pm", "6.30pm", "630pm", "noon", "midday",
//     "12 noon", "18:00", "1830", "0630" and "18" (24-hour). A time written with a colon
//     or four digits and no am/pm is read as 24-hour: "daily 8:15" is 08:15. A bare hour
//     from 1 to 12 with no am/pm ("tuesday 6", "tuesday 630", "tuesday 12") is refused with
//     a question ("6 in the morning or the evening?") unless "morning", "afternoon",
//     "evening" or "night" elsewhere in the text settles it ("Tuesday evenings at 7" is
//     19:00; "Tuesday evenings 7:30" is 19:30). A range keeps its start, which borrows the
//     end's am/pm: "6-7:30pm" is 18:00, "11-1pm" is 11:00.
//   - "midnight" only with every day ("every day at midnight" is 00:00); with particular
//     days it is refused as ambiguous (start or end of the day?) and "12am" must be used.
//   - Fillers "every", "each", "on", "at", "the", "in", "from", "weekly", "week", "o'clock",
//     and an abbreviation of the group's own zone ("6pm ET" in America/New_York); another
//     zone's abbreviation ("6pm PT") is refused, since times are in the group's zone.
//   - A raw 5-field cron spec ("0 18 * * 2", "30 19 * * MON,THU", optionally prefixed with
//     "CRON_TZ=Zone/Name " or "TZ=Zone/Name ", which then overrides the group's zone).
//     Its fields are kept as typed. Because it is a meeting, not a timer, its minute must be
//     one number and its hour one number or a comma list; descriptors (@every, @daily, ...),
//     6-field specs and specs that never fire within 5 years are refused.
//
// A Spanish speaker's schedule ("los martes a las 6 de la tarde") is read by
// ParseScheduleIn, which puts its words into these (schedule_es.go).
//
// What is refused, as *ScheduleError: empty text, more than 200 characters, words that are
// not a schedule ("blah", "sometimes", emoji alone), a day without a time, a time without a
// day (a daily meeting must say so: "every day at 6pm"), impossible times ("25:00",
// "6:75pm", "13pm"), two different times ("Tuesdays 6pm and 8pm"), and patterns that are not
// weekly or daily ("every other Tuesday", "first Monday of the month", "tomorrow").
//
// Daylight saving time. Sessions come from robfig's Schedule.Next in the group's zone, so a
// meeting keeps its local wall-clock time across DST changes (the UTC gap between two weekly
// sessions is then 167 h or 169 h). Two cases are decided here:
//
//   - A session whose local time does not exist (02:30 on a spring-forward night in New
//     York or Berlin) is skipped that day, as robfig does: there is no session on that date.
//   - A session whose local time happens twice (01:30 on a fall-back night in New York,
//     02:30 in Berlin) happens once, at the first (daylight-time) occurrence. robfig returns
//     both; Next drops any session whose local date and time already occurred within the
//     previous 3 hours, so Next, Sessions and Describe never return the same wall-clock
//     time twice.

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cairnbot/cairn/conversations"
	"github.com/robfig/cron/v3"
)

// Schedule is when a group meets: a cron spec with its zone, and the words it came from.
type Schedule struct {
	Spec string // e.g. "CRON_TZ=America/New_York 0 18 * * TUE"
	Text string // the facilitator's words, trimmed
	loc  *time.Location
	cron cron.Schedule
}

// ScheduleErrorKind says why a schedule was refused.
type ScheduleErrorKind string

// The kinds of ScheduleError.
const (
	KindEmpty         ScheduleErrorKind = "empty"          // nothing typed
	KindTooLong       ScheduleErrorKind = "too_long"       // more than 200 characters
	KindUnreadable    ScheduleErrorKind = "unreadable"     // words that are not a schedule
	KindUnsupported   ScheduleErrorKind = "unsupported"    // not weekly or daily: "every other", "monthly", "tomorrow"
	KindNoDay         ScheduleErrorKind = "no_day"         // a time without a day
	KindNoTime        ScheduleErrorKind = "no_time"        // a day without a time
	KindAmbiguous     ScheduleErrorKind = "ambiguous"      // "tuesday 6", "tuesday midnight"
	KindBadTime       ScheduleErrorKind = "bad_time"       // "25:00", "6:75pm", "13pm"
	KindMultipleTimes ScheduleErrorKind = "multiple_times" // "Tuesdays 6pm and 8pm"
	KindCronFields    ScheduleErrorKind = "cron_fields"    // a cron spec without exactly 5 fields
	KindCronInvalid   ScheduleErrorKind = "cron_invalid"   // a cron field out of range or malformed
	KindNotAMeeting   ScheduleErrorKind = "not_a_meeting"  // @every, @daily, "* * * * *"
	KindNeverFires    ScheduleErrorKind = "never_fires"    // no session within 5 years
	KindZone          ScheduleErrorKind = "zone"           // unknown, unset or unstorable time zone
	KindStoredSpec    ScheduleErrorKind = "stored_spec"    // FromSpec: not "CRON_TZ=<zone> <5 fields>"
)

// ScheduleError is a refused schedule. Msg is a plain sentence for the facilitator: it
// quotes at most 40 characters of their input and never contains < or >.
type ScheduleError struct {
	Kind ScheduleErrorKind
	Msg  string
}

func (e *ScheduleError) Error() string { return e.Msg }

const (
	maxScheduleChars = 200
	maxQuoteChars    = 40
	scheduleTryHint  = `Try "Tuesdays 6pm" or "Mondays and Thursdays 7:30pm".`
)

func schedErr(kind ScheduleErrorKind, format string, args ...any) *ScheduleError {
	return &ScheduleError{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// quote shows a piece of the facilitator's input inside double quotes: at most 40
// characters of it, on one line (runs of spaces and control characters become one
// space), without < or > (Slack's link and mention syntax), invisible format characters or
// double quotes (shown as '), and valid UTF-8.
func quoteInput(s string) string {
	out := make([]rune, 0, maxQuoteChars+1)
	space := false
	for _, r := range s {
		switch {
		case r == '<' || r == '>' || unicode.Is(unicode.Cf, r):
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = len(out) > 0
			continue
		case r == '"':
			r = '\''
		case r == utf8.RuneError:
			r = '?'
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, r)
		if len(out) > maxQuoteChars {
			return `"` + strings.TrimRight(string(out[:maxQuoteChars]), " ") + `…"`
		}
	}
	return `"` + string(out) + `"`
}

// ParseSchedule reads "Tuesdays 6pm", "every Tuesday at 18:00", "Mondays and Thursdays at 7:30 pm",
// "weekdays 9am", "every day at noon", "daily 8:15", "Tue/Thu 6pm", "tuesday 6", or a raw 5-field
// cron spec ("0 18 * * 2"), in loc. Errors are *ScheduleError with a kind, plain sentence for a
// facilitator (e.g. `I couldn't read "blah" as a meeting time. Try "Tuesdays 6pm" or "Mondays and Thursdays 7:30pm".`),
// quoting at most 40 characters of the input, never containing < or >.
//
// loc must be a named IANA zone that time.LoadLocation can load again (not nil, not
// time.Local, not a time.FixedZone), since the Spec is stored and rebuilt by FromSpec.
// The rules, including daylight saving time, are in the comment at the top of this file.
func ParseSchedule(text string, loc *time.Location) (Schedule, error) {
	return parseSchedule(text, loc, tokenizeSchedule)
}

// parseSchedule is ParseSchedule with the words read by words: English's
// tokenizeSchedule, or Spanish's put into English (schedule_es.go).
func parseSchedule(text string, loc *time.Location, words func(string) []schedToken) (Schedule, error) {
	if len(text) > 4*maxScheduleChars+1024 { // refuse without scanning it
		return Schedule{}, errTooLong()
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return Schedule{}, schedErr(KindEmpty, `Tell me when the group meets, e.g. "Tuesdays 6pm" or "Mondays and Thursdays 7:30pm".`)
	}
	if utf8.RuneCountInString(text) > maxScheduleChars {
		return Schedule{}, errTooLong()
	}
	fields := strings.Fields(text)
	if _, ok := zonePrefix(fields[0]); ok || isDescriptor(fields[0]) || cronLike(fields) {
		return parseRaw(text, fields, loc)
	}
	return parseWords(text, loc, words(text))
}

func errTooLong() *ScheduleError {
	return schedErr(KindTooLong, `That's too long for a meeting time (the limit is %d characters). Try something short like "Tuesdays 6pm".`, maxScheduleChars)
}

// FromSpec rebuilds a Schedule from a stored Spec (with CRON_TZ) and Text.
// The Spec must be "CRON_TZ=<zone> " and 5 cron fields, as ParseSchedule makes it.
func FromSpec(spec, text string) (Schedule, error) {
	rest, ok := strings.CutPrefix(spec, "CRON_TZ=")
	zone, fieldText, ok2 := strings.Cut(rest, " ")
	if !ok || !ok2 {
		return Schedule{}, schedErr(KindStoredSpec, `The stored schedule %s doesn't start with "CRON_TZ=Zone/Name ".`, quoteInput(spec))
	}
	loc, serr := loadZone(zone)
	if serr != nil {
		return Schedule{}, serr
	}
	fields := strings.Fields(fieldText)
	if len(fields) != 5 {
		return Schedule{}, errFieldCount(fields)
	}
	s, serr := buildSchedule(zone, loc, fields, text)
	if serr != nil {
		return Schedule{}, serr
	}
	return s, nil
}

// Location is the schedule's zone (nil for the zero Schedule).
func (s Schedule) Location() *time.Location { return s.loc }

// Next is the first session strictly after t (robfig's Schedule.Next), or zero if none within ~5 years.
// It is in the schedule's zone. A wall-clock time that a fall-back night repeats is
// returned once, at its first occurrence (see the top of this file).
func (s Schedule) Next(t time.Time) time.Time {
	if s.cron == nil {
		return time.Time{}
	}
	for range 8 {
		n := s.cron.Next(t)
		if n.IsZero() {
			return n
		}
		n = n.In(s.loc)
		if !repeatedWallClock(n) {
			return n
		}
		t = n
	}
	return time.Time{}
}

// repeatedWallClock reports whether t's local date and time already happened within the
// 3 hours before t, which only a fall-back transition makes possible: an earlier instant
// e = t-d shows the same wall clock when its UTC offset is larger by exactly d.
func repeatedWallClock(t time.Time) bool {
	_, off := t.Zone()
	for d := 15 * time.Minute; d <= 3*time.Hour; d += 15 * time.Minute {
		_, offE := t.Add(-d).Zone()
		if time.Duration(offE-off)*time.Second == d {
			return true
		}
	}
	return false
}

// Sessions lists the sessions in (from, to], in order, at most max (max<=0: 1000).
func (s Schedule) Sessions(from, to time.Time, max int) []time.Time {
	if max <= 0 {
		max = 1000
	}
	var out []time.Time
	for t := from; len(out) < max; {
		n := s.Next(t)
		if n.IsZero() || n.After(to) {
			break
		}
		out = append(out, n)
		t = n
	}
	return out
}

// Describe shows the schedule back in English words with the next n sessions, e.g.
// "Tuesdays at 6:00 PM (America/New_York). Next: Tuesday, June 16 at 6:00 PM; Tuesday, June 23 at 6:00 PM; Tuesday, June 30 at 6:00 PM."
// A session in another year than now (in the group's zone) shows its year.
func (s Schedule) Describe(now time.Time, n int) string {
	return s.DescribeIn(conversations.English, now, n)
}

// DescribeIn is Describe in a reader's language: a Spanish reader sees
// "los martes a las 6:00 de la tarde (America/Chicago). Próximas sesiones:
// martes 8 de diciembre a las 6:00 de la tarde." Spanish is written to
// follow "se reúne", so it starts in lower case.
func (s Schedule) DescribeIn(l conversations.Lang, now time.Time, n int) string {
	w := conversations.WordsFor(l)
	if s.cron == nil || s.loc == nil {
		return w.SchedNone
	}
	var b strings.Builder
	b.WriteString(s.rule(l))
	fmt.Fprintf(&b, " (%s).", s.loc.String())
	if n <= 0 {
		return b.String()
	}
	sessions := s.Sessions(now, now.AddDate(6, 0, 0), n)
	if len(sessions) == 0 {
		b.WriteString(" " + w.SchedNoUpcoming)
		return b.String()
	}
	year := now.In(s.loc).Year()
	said := make([]string, len(sessions))
	for i, t := range sessions {
		said[i] = fmt.Sprintf(w.SchedAt, conversations.SaySessionIn(l, t, year), conversations.SayClockIn(l, t))
	}
	b.WriteString(" " + fmt.Sprintf(w.SchedNext, strings.Join(said, "; ")))
	return b.String()
}

// rule is the schedule in words without its zone: "Tuesdays at 6:00 PM", or the cron
// fields for a raw spec that is not simply days and times.
func (s Schedule) rule(l conversations.Lang) string {
	w := conversations.WordsFor(l)
	_, fieldText, _ := strings.Cut(s.Spec, " ")
	f := strings.Fields(fieldText)
	if len(f) != 5 {
		return fmt.Sprintf(w.SchedRaw, quoteInput(fieldText))
	}
	minute, errM := strconv.Atoi(f[0])
	days, okD := dowSet(f[4])
	if errM != nil || !okD || !isCronStar(f[2]) || !isCronStar(f[3]) || !cronHourList.MatchString(f[1]) {
		return fmt.Sprintf(w.SchedCron, quoteInput(strings.Join(f, " ")))
	}
	var hours []int
	for _, h := range strings.Split(f[1], ",") {
		hour, _ := strconv.Atoi(h)
		if !slices.Contains(hours, hour) {
			hours = append(hours, hour)
		}
	}
	slices.Sort(hours)
	var times []string
	for _, hour := range hours {
		times = append(times, conversations.SayClockIn(l, time.Date(2000, 1, 1, hour, minute, 0, 0, time.UTC)))
	}
	if l == conversations.Spanish && len(times) > 1 {
		// "a las 9:00 de la mañana y a las 6:00 de la tarde": each time keeps its "a".
		return fmt.Sprintf(w.SchedAt, describeDays(l, days), strings.Join(times, " y a "))
	}
	return fmt.Sprintf(w.SchedAt, describeDays(l, days), conversations.JoinAndIn(l, times))
}

// describeDays says the days of a rule; English starts with a capital, as
// Describe's sentence does, Spanish follows "se reúne".
func describeDays(l conversations.Lang, d daySet) string {
	if l == conversations.English {
		return dayPhrase(d, true)
	}
	w := conversations.WordsFor(l)
	switch d {
	case daysAll:
		return w.SchedEveryDay
	case daysWeekdays:
		return w.SchedWeekdays
	case daysWeekends:
		return w.SchedWeekends
	}
	var days []time.Weekday
	for _, wd := range mondayFirst {
		if d.has(wd) {
			days = append(days, wd)
		}
	}
	return conversations.WeekdaysIn(l, days)
}

func isCronStar(f string) bool { return f == "*" || f == "?" }

// ---- days ----

type daySet uint8 // bit i = time.Weekday(i)

const (
	daysAll      daySet = 0x7f
	daysWeekdays daySet = 0x3e // MON-FRI
	daysWeekends daySet = 0x41 // SAT,SUN
)

// mondayFirst is the order days are written in, in specs and in words.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

var cronDay = [7]string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

func (d daySet) has(w time.Weekday) bool { return d&(1<<w) != 0 }

// cronField writes the set as a cron day-of-week field: "*" for all days, runs of three
// or more days from Monday to Saturday as ranges ("MON-FRI"), Sunday last ("SAT,SUN").
func (d daySet) cronField() string {
	if d == daysAll {
		return "*"
	}
	var parts []string
	for i := 0; i < 6; {
		if !d.has(mondayFirst[i]) {
			i++
			continue
		}
		j := i
		for j+1 < 6 && d.has(mondayFirst[j+1]) {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, cronDay[mondayFirst[i]]+"-"+cronDay[mondayFirst[j]])
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, cronDay[mondayFirst[k]])
			}
		}
		i = j + 1
	}
	if d.has(time.Sunday) {
		parts = append(parts, "SUN")
	}
	return strings.Join(parts, ",")
}

// dayPhrase is the set in words: "Tuesdays", "Mondays and Thursdays", "weekdays",
// "every day"; capitalised at the start of a sentence.
func dayPhrase(d daySet, capital bool) string {
	var s string
	switch d {
	case daysAll:
		s = "every day"
	case daysWeekdays:
		s = "weekdays"
	case daysWeekends:
		s = "weekends"
	default:
		var names []string
		for _, w := range mondayFirst {
			if d.has(w) {
				names = append(names, w.String()+"s")
			}
		}
		s = joinAnd(names)
	}
	if capital && s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// example is how a suggestion starts for these days: "Tuesdays", "every day at".
func exampleFor(d daySet) string {
	switch d {
	case 0:
		return "Tuesdays"
	case daysAll:
		return "every day at"
	}
	return dayPhrase(d, true)
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// dowSet reads a cron day-of-week field ("*", "TUE", "1,4", "MON-FRI") for Describe;
// steps and anything else are not described in words.
func dowSet(f string) (daySet, bool) {
	if isCronStar(f) {
		return daysAll, true
	}
	var d daySet
	for _, part := range strings.Split(f, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, ok := dowValue(lo)
		b := a
		if isRange {
			var okB bool
			b, okB = dowValue(hi)
			ok = ok && okB
		}
		if !ok || a > b {
			return 0, false
		}
		for w := a; w <= b; w++ {
			d |= 1 << w
		}
	}
	return d, d != 0
}

func dowValue(s string) (int, bool) {
	for i, name := range cronDay {
		if strings.EqualFold(s, name) {
			return i, true
		}
	}
	if len(s) == 1 && s[0] >= '0' && s[0] <= '6' {
		return int(s[0] - '0'), true
	}
	return 0, false
}

// ---- zones ----

var zoneNameRE = regexp.MustCompile(`^[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*$`)

// loadZone loads an IANA zone name typed or stored in a spec.
func loadZone(name string) (*time.Location, *ScheduleError) {
	if len(name) > 64 || !zoneNameRE.MatchString(name) || name == "Local" {
		return nil, schedErr(KindZone, `I don't know the time zone %s. Use a name like "America/New_York".`, quoteInput(name))
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, schedErr(KindZone, `I don't know the time zone %s. Use a name like "America/New_York".`, quoteInput(name))
	}
	return loc, nil
}

// groupZone checks the group's zone can be written into a spec and loaded back.
func groupZone(loc *time.Location) (string, *time.Location, *ScheduleError) {
	if loc == nil || loc == time.Local {
		return "", nil, schedErr(KindZone, "The group's time zone isn't set, so I can't place its meetings. Set the zone first.")
	}
	name := loc.String()
	l, serr := loadZone(name)
	if serr != nil {
		return "", nil, schedErr(KindZone, "The group's time zone %s isn't a zone name I can store. Use a name like \"America/New_York\".", quoteInput(name))
	}
	return name, l, nil
}

// ---- raw cron specs ----

var (
	cronNumField  = regexp.MustCompile(`^[0-9*?,/\-]+$`)
	cronNameField = regexp.MustCompile(`^[A-Za-z0-9*?,/\-]+$`)
	cronOneNumber = regexp.MustCompile(`^[0-9]{1,2}$`)
	cronHourList  = regexp.MustCompile(`^[0-9]{1,2}(,[0-9]{1,2})*$`)
)

// zonePrefix returns the zone of a "CRON_TZ=Zone" or "TZ=Zone" first field.
func zonePrefix(f string) (string, bool) {
	for _, p := range []string{"CRON_TZ=", "TZ="} {
		if len(f) >= len(p) && strings.EqualFold(f[:len(p)], p) {
			return f[len(p):], true
		}
	}
	return "", false
}

func isDescriptor(f string) bool {
	switch strings.ToLower(f) {
	case "@every", "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly":
		return true
	}
	return false
}

// cronLike says whether the words look like a cron spec rather than a sentence: 5 to 7
// fields (or 3 or 4 with a *), the first three made of digits and * ? , / - with at least
// one digit, * or ?, the rest possibly with letters (day and month names). So
// "6 - 7 pm tuesday" is a sentence and "0 18 * *" a cron spec with a field missing.
func cronLike(f []string) bool {
	if len(f) < 3 || len(f) > 7 || (len(f) < 5 && !strings.Contains(strings.Join(f, ""), "*")) {
		return false
	}
	for i, x := range f {
		if i < 3 && (!cronNumField.MatchString(x) || !strings.ContainsAny(x, "0123456789*?")) || !cronNameField.MatchString(x) {
			return false
		}
	}
	return true
}

func errFieldCount(fields []string) *ScheduleError {
	return schedErr(KindCronFields, `A cron spec has 5 fields (minute, hour, day of month, month, day of week), e.g. "0 18 * * 2" for Tuesdays 6pm; %s has %d.`,
		quoteInput(strings.Join(fields, " ")), len(fields))
}

func parseRaw(text string, fields []string, loc *time.Location) (Schedule, error) {
	z, hasZone := zonePrefix(fields[0])
	if hasZone {
		fields = fields[1:]
	}
	if len(fields) > 0 && strings.HasPrefix(fields[0], "@") {
		return Schedule{}, schedErr(KindNotAMeeting, `%s repeats on a timer, not at a meeting time. Tell me the day and time, e.g. "Tuesdays 6pm", or give a cron spec like "0 18 * * 2".`, quoteInput(fields[0]))
	}
	var (
		zone string
		serr *ScheduleError
	)
	if hasZone {
		zone = z
		loc, serr = loadZone(z)
	} else {
		zone, loc, serr = groupZone(loc)
	}
	if serr != nil {
		return Schedule{}, serr
	}
	if len(fields) != 5 {
		return Schedule{}, errFieldCount(fields)
	}
	s, serr := buildSchedule(zone, loc, fields, text)
	if serr != nil {
		return Schedule{}, serr
	}
	if s.Next(time.Now()).IsZero() {
		return Schedule{}, schedErr(KindNeverFires, `%s never comes up in the next 5 years. Check the day of month and month.`, quoteInput(strings.Join(fields, " ")))
	}
	return s, nil
}

var cronFieldInfo = [5]struct{ name, values, probe string }{
	{"minute", "0 to 59", "%s 0 * * *"},
	{"hour", "0 to 23", "0 %s * * *"},
	{"day of month", "1 to 31", "0 0 %s * *"},
	{"month", "1 to 12 or JAN to DEC", "0 0 * %s *"},
	{"day of week", "0 to 6 or SUN to SAT (Sunday is 0)", "0 0 * * %s"},
}

// build checks 5 cron fields for a meeting and parses them with robfig in the zone.
func buildSchedule(zone string, loc *time.Location, fields []string, text string) (Schedule, *ScheduleError) {
	spec := strings.Join(fields, " ")
	for i, f := range fields {
		ok := cronNameField.MatchString(f) && (i >= 3 || cronNumField.MatchString(f))
		for _, part := range strings.Split(f, ",") {
			ok = ok && part != ""
		}
		if !ok {
			return Schedule{}, errCronField(spec, i, f)
		}
	}
	if !cronOneNumber.MatchString(fields[0]) || !cronHourList.MatchString(fields[1]) {
		return Schedule{}, schedErr(KindNotAMeeting, `%s would meet every hour or more often, which isn't a group meeting. Give one minute and the hour (or hours), e.g. "0 18 * * 2" for Tuesdays 6pm.`, quoteInput(spec))
	}
	c, err := cron.ParseStandard("CRON_TZ=" + zone + " " + spec)
	if err != nil {
		for i, f := range fields {
			if _, err := cron.ParseStandard(fmt.Sprintf(cronFieldInfo[i].probe, f)); err != nil {
				return Schedule{}, errCronField(spec, i, f)
			}
		}
		return Schedule{}, schedErr(KindCronInvalid, `I couldn't use %s as a cron spec. Try "0 18 * * 2" for Tuesdays 6pm.`, quoteInput(spec))
	}
	return Schedule{Spec: "CRON_TZ=" + zone + " " + spec, Text: strings.TrimSpace(text), loc: loc, cron: c}, nil
}

func errCronField(spec string, i int, f string) *ScheduleError {
	return schedErr(KindCronInvalid, `In %s, the %s field %s isn't valid: use %s.`, quoteInput(spec), cronFieldInfo[i].name, quoteInput(f), cronFieldInfo[i].values)
}

// ---- words ----

type tokKind int

const (
	tWord tokKind = iota // letters: "tuesdays", "pm"
	tNum                 // digits, maybe with one ":" or "." and more digits: "6", "1830", "7:30"
	tSep                 // list separator: , & / + ;
	tDash                // - – —
)

type schedToken struct {
	kind tokKind
	s    string
	// spoken marks a time said in words ("7 y media", 7:30): like a bare
	// hour it needs am/pm or a part of the day, where "7:30" typed is 24-hour.
	spoken bool
}

var ampmReplacer = strings.NewReplacer("a.m.", "am", "p.m.", "pm", "a.m", "am", "p.m", "pm")

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || (unicode.IsNumber(r) && !isASCIIDigit(r))
}

// tokenize splits lower-cased text into words, numbers, separators and dashes; every
// other character (spaces, punctuation, emoji) only separates tokens. Apostrophes inside
// words vanish ("o'clock" is "oclock").
func tokenizeSchedule(s string) []schedToken {
	rs := []rune(ampmReplacer.Replace(strings.ToLower(s)))
	var toks []schedToken
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isASCIIDigit(r):
			j := i
			for j < len(rs) && isASCIIDigit(rs[j]) {
				j++
			}
			if j+1 < len(rs) && (rs[j] == ':' || rs[j] == '.') && isASCIIDigit(rs[j+1]) {
				j++
				for j < len(rs) && isASCIIDigit(rs[j]) {
					j++
				}
			}
			toks = append(toks, schedToken{kind: tNum, s: string(rs[i:j])})
			i = j
		case isWordRune(r):
			var b strings.Builder
			j := i
			for j < len(rs) {
				if isWordRune(rs[j]) {
					b.WriteRune(rs[j])
				} else if !(rs[j] == '\'' || rs[j] == '’') || j+1 >= len(rs) || !isWordRune(rs[j+1]) {
					break
				}
				j++
			}
			toks = append(toks, schedToken{kind: tWord, s: b.String()})
			i = j
		case strings.ContainsRune(",&/+;", r):
			toks = append(toks, schedToken{kind: tSep, s: string(r)})
			i++
		case r == '-' || r == '–' || r == '—':
			toks = append(toks, schedToken{kind: tDash, s: "-"})
			i++
		default:
			i++
		}
	}
	return toks
}

var groupWords = map[string]daySet{
	"weekday": daysWeekdays, "weekdays": daysWeekdays, "weeknight": daysWeekdays, "weeknights": daysWeekdays,
	"weekend": daysWeekends, "weekends": daysWeekends,
	"daily": daysAll, "everyday": daysAll, "nightly": daysAll,
}

// Words that say whether a bare hour is morning or evening.
type merHint uint8

const (
	hintMorning merHint = 1 << iota
	hintAfternoon
	hintEvening
	hintNight
)

var hintWords = map[string]merHint{
	"morning": hintMorning, "mornings": hintMorning,
	"afternoon": hintAfternoon, "afternoons": hintAfternoon,
	"evening": hintEvening, "evenings": hintEvening,
	"night": hintNight, "nights": hintNight, "nightly": hintNight,
	"weeknight": hintNight, "weeknights": hintNight,
}

var fillerWords = map[string]bool{
	"every": true, "each": true, "on": true, "at": true, "and": true, "the": true, "in": true,
	"from": true, "weekly": true, "week": true, "oclock": true,
	"to": true, "through": true, "thru": true, "till": true, "til": true, "until": true,
}

var rangeWords = map[string]bool{"to": true, "through": true, "thru": true, "till": true, "til": true, "until": true}

var unsupportedWords = map[string]bool{
	"other": true, "alternate": true, "alternating": true, "biweekly": true, "fortnightly": true,
	"fortnight": true, "monthly": true, "month": true, "months": true, "weeks": true, "first": true,
	"second": true, "third": true, "fourth": true, "fifth": true, "last": true, "yearly": true,
	"annually": true, "quarterly": true, "hourly": true,
}

var oneOffWords = map[string]bool{"today": true, "tonight": true, "tomorrow": true, "next": true, "this": true}

const (
	merNone = iota
	merAM
	merPM
)

const (
	formHour  = iota // "6", "18"
	formThree        // "630": ambiguous without am/pm
	formFour         // "1830", "0630": 24-hour
	formColon        // "7:30", "18.00": 24-hour
	formFixed        // noon, midnight
)

// rawTime is a time as typed, resolved once all words (am/pm, evening, ...) are known.
type rawTime struct {
	text     string // as typed, for messages: "6:75pm"
	h, m     int
	form     int
	mer      int
	bad      bool // not a time at all ("18000", "7:3")
	midnight bool
	end      *rawTime // "6-7:30pm": the end lends its am/pm to the start
}

type wallTime struct{ h, m int }

type wordParser struct {
	text  string
	loc   *time.Location // the group's zone, maybe unusable: only for zone abbreviations
	toks  []schedToken
	days  daySet
	times []*rawTime
	hints merHint
}

// zoneAbbrevs are zone abbreviations people add to a time ("6pm ET"), with the
// abbreviations time.Location reports that they stand for.
var zoneAbbrevs = map[string][]string{
	"utc": {"UTC"}, "gmt": {"GMT", "UTC"},
	"et": {"EST", "EDT"}, "est": {"EST"}, "edt": {"EDT"},
	"ct": {"CST", "CDT"}, "cst": {"CST"}, "cdt": {"CDT"},
	"mt": {"MST", "MDT"}, "mst": {"MST"}, "mdt": {"MDT"},
	"pt": {"PST", "PDT"}, "pst": {"PST"}, "pdt": {"PDT"},
	"akst": {"AKST"}, "akdt": {"AKDT"}, "hst": {"HST"},
	"bst": {"BST"}, "cet": {"CET"}, "cest": {"CEST"}, "eet": {"EET"}, "eest": {"EEST"},
	"wet": {"WET"}, "west": {"WEST"}, "aest": {"AEST"}, "aedt": {"AEDT"},
}

// groupAbbrev says whether w names the group's own zone (in winter or summer), so it can
// be ignored.
func (p *wordParser) groupAbbrev(w string) bool {
	if p.loc == nil || p.loc == time.Local {
		return false
	}
	year := time.Now().Year()
	for _, month := range []time.Month{time.January, time.July} {
		abbr, _ := time.Date(year, month, 1, 12, 0, 0, 0, p.loc).Zone()
		if slices.Contains(zoneAbbrevs[w], abbr) {
			return true
		}
	}
	return false
}

func (p *wordParser) zoneNote() string {
	if p.loc == nil || p.loc == time.Local {
		return ""
	}
	return " (" + p.loc.String() + ")"
}

func parseWords(text string, loc *time.Location, toks []schedToken) (Schedule, error) {
	p := &wordParser{text: text, loc: loc, toks: toks}
	if serr := p.scan(); serr != nil {
		return Schedule{}, serr
	}
	c, serr := p.resolve()
	if serr != nil {
		return Schedule{}, serr
	}
	zone, l, serr := groupZone(loc)
	if serr != nil {
		return Schedule{}, serr
	}
	s, serr := buildSchedule(zone, l, []string{strconv.Itoa(c.m), strconv.Itoa(c.h), "*", "*", p.days.cronField()}, text)
	if serr != nil { // cannot happen: the fields are in range by construction
		return Schedule{}, serr
	}
	return s, nil
}

func (p *wordParser) unreadable() *ScheduleError {
	return schedErr(KindUnreadable, `I couldn't read %s as a meeting time. %s`, quoteInput(p.text), scheduleTryHint)
}

func (p *wordParser) word(i int) string {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tWord {
		return ""
	}
	return p.toks[i].s
}

func (p *wordParser) isRange(i int) bool {
	return i < len(p.toks) && (p.toks[i].kind == tDash || rangeWords[p.word(i)])
}

func (p *wordParser) scan() *ScheduleError {
	for i := 0; i < len(p.toks); {
		t := p.toks[i]
		switch t.kind {
		case tSep, tDash:
			i++
			continue
		case tNum:
			i = p.readTime(i)
			continue
		}
		w := t.s
		if d, ok := conversations.WeekdayNamed(w); ok {
			if d2, ok2 := conversations.WeekdayNamed(p.word(i + 2)); ok2 && p.isRange(i+1) {
				for k := d; ; k = (k + 1) % 7 {
					p.days |= 1 << k
					if k == d2 {
						break
					}
				}
				i += 3
				continue
			}
			p.days |= 1 << d
			i++
			continue
		}
		if g, ok := groupWords[w]; ok {
			p.days |= g
		}
		if h, ok := hintWords[w]; ok {
			p.hints |= h
		}
		switch {
		case groupWords[w] != 0 || hintWords[w] != 0:
		case w == "every" || w == "each":
			if next := p.word(i + 1); next == "day" || next == "days" || hintWords[next] != 0 {
				p.days = daysAll
			}
		case w == "day" || w == "days":
			if prev := p.word(i - 1); prev != "every" && prev != "each" {
				return p.unreadable()
			}
		case w == "noon" || w == "midday" || w == "midnight":
			i = p.readTime(i)
			continue
		case fillerWords[w]:
		case zoneAbbrevs[w] != nil:
			if !p.groupAbbrev(w) {
				return schedErr(KindZone, `Meeting times are in the group's own time zone%s, so leave out %s (or change the group's zone first).`, p.zoneNote(), quoteInput(strings.ToUpper(w)))
			}
		case unsupportedWords[w]:
			return schedErr(KindUnsupported, `I can only keep meetings that repeat every week or every day, like "Tuesdays 6pm" or "every day at noon". A cron spec such as "0 18 1 * *" (the 1st of each month, 6pm) also works.`)
		case oneOffWords[w]:
			return schedErr(KindUnsupported, `%s sounds like a one-off. Tell me when the group meets every week, e.g. "Tuesdays 6pm".`, quoteInput(w))
		default:
			return p.unreadable()
		}
		i++
	}
	return nil
}

// readTime reads a time starting at token i (a number, or noon/midday/midnight), its
// am/pm, and the end of a range after it ("6-7:30pm"); it returns the next token index.
func (p *wordParser) readTime(i int) int {
	rt, j := p.readOne(i)
	if p.isRange(j) && j+1 < len(p.toks) && (p.toks[j+1].kind == tNum || isTimeWord(p.word(j+1))) {
		rt.end, j = p.readOne(j + 1)
	}
	p.times = append(p.times, rt)
	return j
}

func isTimeWord(w string) bool { return w == "noon" || w == "midday" || w == "midnight" }

func (p *wordParser) readOne(i int) (*rawTime, int) {
	t := p.toks[i]
	switch t.s {
	case "noon", "midday":
		return &rawTime{text: t.s, h: 12, form: formFixed}, i + 1
	case "midnight":
		return &rawTime{text: t.s, form: formFixed, midnight: true}, i + 1
	}
	rt := &rawTime{text: t.s}
	digits, mins, colon := strings.Cut(strings.ReplaceAll(t.s, ".", ":"), ":")
	switch {
	case t.spoken:
		rt.form = formThree // like "630": needs am/pm, as a spoken time does
		rt.h, _ = strconv.Atoi(digits)
		rt.m, _ = strconv.Atoi(mins)
	case colon:
		rt.form = formColon
		rt.bad = len(digits) > 2 || len(mins) != 2
		rt.h, _ = strconv.Atoi(digits)
		rt.m, _ = strconv.Atoi(mins)
	case len(digits) <= 2:
		rt.form = formHour
		rt.h, _ = strconv.Atoi(digits)
	case len(digits) <= 4:
		rt.form = formThree
		if len(digits) == 4 {
			rt.form = formFour
		}
		rt.h, _ = strconv.Atoi(digits[:len(digits)-2])
		rt.m, _ = strconv.Atoi(digits[len(digits)-2:])
	default:
		rt.bad = true
	}
	j := i + 1
	if p.word(j) == "oclock" {
		j++
	}
	switch w := p.word(j); {
	case w == "am" || w == "a":
		rt.mer, rt.text = merAM, rt.text+"am"
		j++
	case w == "pm" || w == "p":
		rt.mer, rt.text = merPM, rt.text+"pm"
		j++
	case (w == "noon" || w == "midday") && rt.form == formHour && rt.h == 12:
		rt.form, rt.text = formFixed, "12 noon"
		j++
	case w == "midnight" && rt.form == formHour && rt.h == 12:
		rt.form, rt.text, rt.h, rt.midnight = formFixed, "12 midnight", 0, true
		j++
	}
	return rt, j
}

// hintMer is the am/pm that the words (morning, evening, ...) give hour h, if exactly one.
func (p *wordParser) hintMer(h int) int {
	am := p.hints&hintMorning != 0 && h >= 1 && h <= 11
	pm := p.hints&hintAfternoon != 0 && h >= 1 && h <= 6 ||
		p.hints&hintEvening != 0 && h >= 4 && h <= 11 ||
		p.hints&hintNight != 0 && h >= 5 && h <= 11
	switch {
	case am && !pm:
		return merAM
	case pm && !am:
		return merPM
	}
	return merNone
}

// clock24 resolves a time. ambiguous is true for a bare 1–12 hour without am/pm.
func (p *wordParser) clock24(rt *rawTime, mer int) (c wallTime, ambiguous bool, serr *ScheduleError) {
	badHour := func() *ScheduleError {
		return schedErr(KindBadTime, `%s isn't a time of day: hours go from 0 to 23. Try "6pm" or "18:00".`, quoteInput(rt.text))
	}
	switch {
	case rt.form == formFixed:
		return wallTime{rt.h, rt.m}, false, nil
	case rt.bad:
		return c, false, schedErr(KindBadTime, `%s isn't a time of day. Try "6pm", "6:30pm" or "18:30".`, quoteInput(rt.text))
	case rt.m > 59:
		return c, false, schedErr(KindBadTime, `%s isn't a time of day: minutes go from 0 to 59.`, quoteInput(rt.text))
	case rt.mer != merNone && (rt.h < 1 || rt.h > 12):
		if rt.h > 23 {
			return c, false, badHour()
		}
		return c, false, schedErr(KindBadTime, `%s isn't a time of day: with am or pm the hour goes from 1 to 12.`, quoteInput(rt.text))
	case rt.h > 23:
		return c, false, badHour()
	}
	if mer == merNone && rt.form != formFour && rt.h >= 1 && rt.h <= 12 {
		mer = p.hintMer(rt.h)
	}
	switch {
	case mer != merNone && rt.h >= 1 && rt.h <= 12:
		h := rt.h % 12
		if mer == merPM {
			h += 12
		}
		return wallTime{h, rt.m}, false, nil
	case rt.form == formColon || rt.form == formFour || rt.h == 0 || rt.h > 12:
		return wallTime{rt.h, rt.m}, false, nil
	}
	return wallTime{rt.h, rt.m}, true, nil
}

// resolve turns the scanned words into one meeting time, or says what is missing.
func (p *wordParser) resolve() (wallTime, *ScheduleError) {
	if p.days == 0 && len(p.times) == 0 {
		return wallTime{}, p.unreadable()
	}
	var (
		clocks    []wallTime
		ambiguous *rawTime
		midnight  bool
	)
	for _, rt := range p.times {
		mer := rt.mer
		if rt.end != nil {
			end, endAmbiguous, serr := p.clock24(rt.end, rt.end.mer)
			if serr != nil {
				return wallTime{}, serr
			}
			// The start borrows the end's am/pm, flipped if that would put it after the end.
			endMer := rt.end.mer
			if rt.end.form == formFixed {
				endMer = merAM + end.h/12 // noon: pm, midnight: am
			}
			if mer == merNone && endMer != merNone && !endAmbiguous && rt.form != formFixed && rt.h >= 1 && rt.h <= 12 {
				mer = endMer
				if start := rt.h%12 + 12*(mer-1); start*60+rt.m > end.h*60+end.m {
					mer = 3 - mer
				}
			}
		}
		c, amb, serr := p.clock24(rt, mer)
		if serr != nil {
			return wallTime{}, serr
		}
		if amb {
			if ambiguous == nil {
				ambiguous = rt
			}
			continue
		}
		midnight = midnight || rt.midnight
		if !containsClock(clocks, c) {
			clocks = append(clocks, c)
		}
	}
	ex := exampleFor(p.days)
	switch {
	case p.days == 0:
		t := "6pm"
		if len(clocks) > 0 {
			t = shortClock(clocks[0])
		}
		return wallTime{}, schedErr(KindNoDay, `Which day does the group meet? e.g. "Tuesdays %s", or "every day at %s" if it meets daily.`, t, t)
	case len(clocks) == 0 && ambiguous == nil:
		return wallTime{}, schedErr(KindNoTime, `What time %s? e.g. "%s 6pm".`, onDays(p.days), ex)
	case ambiguous != nil:
		c := wallTime{ambiguous.h, ambiguous.m}
		if ambiguous.h == 12 {
			return wallTime{}, schedErr(KindAmbiguous, `Is %s noon or midnight? Try "%s 12pm" for noon or "%s 12am" for midnight.`, quoteInput(ambiguous.text), ex, ex)
		}
		return wallTime{}, schedErr(KindAmbiguous, `Is that %s in the morning or the evening? Try "%s %s" or "%s %s".`,
			strings.TrimSuffix(shortClock(c), "am"), ex, shortClock(c), ex, shortClock(wallTime{c.h + 12, c.m}))
	case len(clocks) > 1:
		var ts []string
		for _, c := range clocks {
			ts = append(ts, shortClock(c))
		}
		if len(ts) > 4 {
			ts = append(ts[:3], "more")
		}
		return wallTime{}, schedErr(KindMultipleTimes, `I found more than one time (%s), but a group's schedule has one meeting time. Try "%s %s".`, joinAnd(ts), ex, ts[0])
	case midnight && p.days != daysAll:
		return wallTime{}, schedErr(KindAmbiguous, `Midnight %s could be the start or the end of the day. Say "%s 12am" for the start or "%s 11:59pm" for the end.`, onDays(p.days), ex, ex)
	}
	return clocks[0], nil
}

func onDays(d daySet) string {
	if d == daysAll {
		return "every day"
	}
	return "on " + dayPhrase(d, false)
}

func containsClock(cs []wallTime, c wallTime) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// shortClock writes a clock the way people type it: "6pm", "7:30pm", "12am".
func shortClock(c wallTime) string {
	mer := "am"
	if c.h >= 12 {
		mer = "pm"
	}
	h := c.h % 12
	if h == 0 {
		h = 12
	}
	if c.m == 0 {
		return fmt.Sprintf("%d%s", h, mer)
	}
	return fmt.Sprintf("%d:%02d%s", h, c.m, mer)
}

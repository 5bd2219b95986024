package conversations

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone rows must not depend on the machine's tz database
	"unicode/utf8"
)

func dateTestZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// dateTestNows are the reference moments of the tests, by name.
func dateTestNows(t testing.TB) map[string]time.Time {
	chicago := dateTestZone(t, "America/Chicago")
	auckland := dateTestZone(t, "Pacific/Auckland")
	newYork := dateTestZone(t, "America/New_York")
	return map[string]time.Time{
		"ref":      time.Date(2026, 6, 10, 10, 0, 0, 0, chicago), // Wednesday
		"jan31":    time.Date(2026, 1, 31, 9, 0, 0, 0, chicago),  // Saturday, month end
		"dec30":    time.Date(2026, 12, 30, 9, 0, 0, 0, chicago), // Wednesday, year end
		"dec31":    time.Date(2026, 12, 31, 9, 0, 0, 0, chicago), // Thursday
		"akl-late": time.Date(2026, 6, 10, 23, 30, 0, 0, auckland),
		// Thursday 07:00 in Auckland is still Wednesday in UTC (19:00).
		"akl-morn": time.Date(2026, 6, 11, 7, 0, 0, 0, auckland),
		// Wednesday 23:30 in Chicago is already Thursday in UTC (04:30).
		"chi-late": time.Date(2026, 6, 10, 23, 30, 0, 0, chicago),
		// Fall back: Sunday Nov 1 has 25 hours, so now+24h is still Nov 1.
		"ny-fall": time.Date(2026, 11, 1, 0, 30, 0, 0, newYork),
		// Spring forward: Saturday 23:30 + 24h skips Sunday Mar 8 entirely.
		"ny-spring": time.Date(2026, 3, 7, 23, 30, 0, 0, newYork),
	}
}

type dateTestRow struct {
	now    string // key of dateTestNows
	phrase string
	want   string        // YYYY-MM-DD, or "" when an error is expected
	kind   DateErrorKind // expected kind when want is ""
}

var dateTestRows = []dateTestRow{
	// Fixed words, relative to Wed 2026-06-10 in Chicago.
	{"ref", "today", "2026-06-10", 0},
	{"ref", "tonight", "2026-06-10", 0},
	{"ref", "Tomorrow", "2026-06-11", 0},
	{"ref", "tmrw", "2026-06-11", 0},
	{"ref", "tomorrow night", "2026-06-11", 0},
	{"ref", "day after tomorrow", "2026-06-12", 0},
	{"ref", "the day after tomorrow", "2026-06-12", 0},
	{"ref", "by EOD", "2026-06-10", 0},
	{"ref", "tomorrow at 5pm", "2026-06-11", 0}, // clock times are ignored
	{"ref", "friday at 10:30 am", "2026-06-12", 0},
	{"ref", "June 20th, 2026 at noon", "2026-06-20", 0},

	// Weekdays.
	{"ref", "Friday", "2026-06-12", 0},
	{"ref", "by Friday!", "2026-06-12", 0},
	{"ref", "  FRIDAY  ", "2026-06-12", 0},
	{"ref", "fri", "2026-06-12", 0},
	{"ref", "thurs", "2026-06-11", 0},
	{"ref", "Wednesday", "2026-06-17", 0}, // said on a Wednesday: a week later
	{"ref", "this Wednesday", "2026-06-10", 0},
	{"ref", "this friday", "2026-06-12", 0},
	{"ref", "this coming Monday", "2026-06-15", 0},
	{"ref", "next Friday", "2026-06-19", 0}, // next calendar week, not the 12th
	{"ref", "next monday", "2026-06-15", 0},
	{"ref", "next wed", "2026-06-17", 0},
	{"ref", "Friday next week", "2026-06-19", 0},
	{"ref", "by Friday at the latest", "2026-06-12", 0},
	{"ref", "at the latest by sat.", "2026-06-13", 0},
	{"ref", "Friday this week", "2026-06-12", 0},

	// Day of month.
	{"ref", "the 20th", "2026-06-20", 0},
	{"ref", "On the 20th.", "2026-06-20", 0},
	{"ref", "20th", "2026-06-20", 0},
	{"ref", "on the 3rd", "2026-07-03", 0},
	{"ref", "the 10th", "2026-06-10", 0}, // today counts
	{"ref", "the 31st", "2026-07-31", 0}, // June has no 31st
	{"ref", "the twentieth", "2026-06-20", 0},
	{"ref", "the twenty first", "2026-06-21", 0},
	{"ref", "the 15th of next month", "2026-07-15", 0},

	// Weeks, months, years.
	{"ref", "next week", "2026-06-15", 0},
	{"ref", "end of the week", "2026-06-14", 0},
	{"ref", "end of this week", "2026-06-14", 0},
	{"ref", "this week", "2026-06-14", 0},
	{"ref", "by the end of next week", "2026-06-21", 0},
	{"ref", "this weekend", "2026-06-13", 0},
	{"ref", "next month", "2026-07-01", 0},
	{"ref", "end of the month", "2026-06-30", 0},
	{"ref", "by the end of the month", "2026-06-30", 0},
	{"ref", "end of month", "2026-06-30", 0},
	{"ref", "end of next month", "2026-07-31", 0},
	{"ref", "end of the year", "2026-12-31", 0},

	// Counted distances.
	{"ref", "in 3 days", "2026-06-13", 0},
	{"ref", "in 2 weeks", "2026-06-24", 0},
	{"ref", "in a week", "2026-06-17", 0},
	{"ref", "in a couple of days", "2026-06-12", 0},
	{"ref", "in two weeks", "2026-06-24", 0},
	{"ref", "in twelve days", "2026-06-22", 0},
	{"ref", "in 1 month", "2026-07-10", 0},
	{"ref", "in a month", "2026-07-10", 0},
	{"ref", "3 days from now", "2026-06-13", 0},
	{"ref", "a week from today", "2026-06-17", 0},
	{"ref", "two weeks", "2026-06-24", 0},
	{"ref", "in 2 weeks' time", "2026-06-24", 0},
	{"ref", "in 0 days", "2026-06-10", 0},
	{"ref", "in a week or so", "2026-06-17", 0},
	{"ref", "within the next 3 days", "2026-06-13", 0},
	{"ref", "in 2 years", "2028-06-10", 0}, // the furthest we accept

	// Calendar dates.
	{"ref", "June 12", "2026-06-12", 0},
	{"ref", "Jun 20th", "2026-06-20", 0},
	{"ref", "20 June", "2026-06-20", 0},
	{"ref", "the 20th of June", "2026-06-20", 0},
	{"ref", "june twentieth", "2026-06-20", 0},
	{"ref", "June 3, 2027", "2027-06-03", 0},
	{"ref", "June 3", "2027-06-03", 0}, // passed this year
	{"ref", "June 10", "2026-06-10", 0},
	{"ref", "end of June", "2026-06-30", 0},
	{"ref", "2026-06-30", "2026-06-30", 0},
	{"ref", "6/20", "2026-06-20", 0}, // US month/day
	{"ref", "6/3/27", "2027-06-03", 0},
	{"ref", "6/3/2027", "2027-06-03", 0},
	{"ref", "12/25", "2026-12-25", 0},
	{"ref", "Friday, June 12", "2026-06-12", 0}, // SayDate's own words read back
	{"ref", "tomorrow, Thursday, June 11", "2026-06-11", 0},
	{"ref", "Monday, January 4, 2027", "2027-01-04", 0},
	{"ref", "friday the 19th", "2026-06-19", 0},

	// Rejected.
	{"ref", "", "", DateNotUnderstood},
	{"ref", "   \t ", "", DateNotUnderstood},
	{"ref", "blah", "", DateNotUnderstood},
	{"ref", "🎉🎉", "", DateNotUnderstood},
	{"ref", "by", "", DateNotUnderstood},
	{"ref", "by 5pm", "", DateNotUnderstood},
	{"ref", "in -3 days", "", DateNotUnderstood},
	{"ref", "mañana", "", DateNotUnderstood},
	{"ref", "viernes", "", DateNotUnderstood},
	{"ref", "<!channel>", "", DateNotUnderstood},
	{"ref", strings.Repeat("friday ", 715), "", DateNotUnderstood}, // ~5,000 chars
	{"ref", "yesterday", "", DatePassed},
	{"ref", "last friday", "", DatePassed},
	{"ref", "2 days ago", "", DatePassed},
	{"ref", "2020-01-01", "", DatePassed},
	{"ref", "6/3/25", "", DatePassed},
	{"ref", "monday this week", "", DatePassed},
	{"ref", "February 30", "", DateImpossible},
	{"ref", "June 31", "", DateImpossible},
	{"ref", "February 29", "", DateImpossible}, // next one is 2027: not a leap year
	{"ref", "13/45", "", DateImpossible},
	{"ref", "2026-13-01", "", DateImpossible},
	{"ref", "the 32nd", "", DateImpossible},
	{"ref", "Monday, June 12", "", DateImpossible}, // June 12 is a Friday
	{"ref", "tomorrow, June 12", "", DateImpossible},
	{"ref", "in 500 weeks", "", DateTooFar},
	{"ref", "in 99999999999999999999 days", "", DateTooFar},
	{"ref", "2099-01-01", "", DateTooFar},
	{"ref", "in 25 months", "", DateTooFar},
	{"ref", "someday", "", DateVague},
	{"ref", "soon", "", DateVague},
	{"ref", "ASAP!", "", DateVague},
	{"ref", "whenever", "", DateVague},
	{"ref", "in June", "", DateVague},

	// Month end: Sat 2026-01-31.
	{"jan31", "the 31st", "2026-01-31", 0},
	{"jan31", "the 30th", "2026-03-30", 0}, // February has no 30th
	{"jan31", "in a month", "2026-02-28", 0},
	{"jan31", "next month", "2026-02-01", 0},
	{"jan31", "end of the month", "2026-01-31", 0},
	{"jan31", "end of next month", "2026-02-28", 0},
	{"jan31", "tomorrow", "2026-02-01", 0},
	{"jan31", "this weekend", "2026-01-31", 0},
	{"jan31", "next week", "2026-02-02", 0},

	// Year end: Wed 2026-12-30.
	{"dec30", "Jan 2", "2027-01-02", 0},
	{"dec30", "the 2nd", "2027-01-02", 0},
	{"dec30", "next week", "2027-01-04", 0},
	{"dec30", "friday", "2027-01-01", 0},
	{"dec30", "next year", "2027-01-01", 0},
	{"dec30", "December 29", "2027-12-29", 0},
	{"dec30", "1/2", "2027-01-02", 0},

	// The member's zone decides "today", not UTC.
	{"akl-late", "today", "2026-06-10", 0},
	{"akl-late", "tomorrow", "2026-06-11", 0},
	{"akl-morn", "today", "2026-06-11", 0},
	{"akl-morn", "tomorrow", "2026-06-12", 0},
	{"akl-morn", "this thursday", "2026-06-11", 0},
	{"akl-morn", "the 10th", "2026-07-10", 0},
	{"chi-late", "today", "2026-06-10", 0},
	{"chi-late", "tomorrow", "2026-06-11", 0},

	// DST days in New York.
	{"ny-fall", "tomorrow", "2026-11-02", 0},
	{"ny-fall", "in a week", "2026-11-08", 0},
	{"ny-spring", "tomorrow", "2026-03-08", 0},
	{"ny-spring", "in 2 days", "2026-03-09", 0},
}

func TestParseDate(t *testing.T) {
	nows := dateTestNows(t)
	for _, tc := range dateTestRows {
		name := tc.now + "/" + tc.phrase
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			now, ok := nows[tc.now]
			if !ok {
				t.Fatalf("no now %q", tc.now)
			}
			got, err := ParseDate(tc.phrase, now)
			if tc.want != "" {
				if err != nil {
					t.Fatalf("ParseDate(%q) error: %v", tc.phrase, err)
				}
				if s := got.Format(time.DateOnly); s != tc.want || got.Location() != time.UTC || !got.Equal(got.Truncate(24*time.Hour)) {
					t.Errorf("ParseDate(%q) = %v, want %s at midnight UTC", tc.phrase, got, tc.want)
				}
				return
			}
			var de *DateError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDate(%q) = %v, %v; want *DateError", tc.phrase, got, err)
			}
			if de.Kind != tc.kind {
				t.Errorf("ParseDate(%q) kind %d (%q), want %d", tc.phrase, de.Kind, de.Error(), tc.kind)
			}
			dateCheckMessage(t, tc.phrase, de.Error())
		})
	}
}

// dateCheckMessage checks an error message is fit to show a member.
func dateCheckMessage(t testing.TB, phrase, msg string) {
	t.Helper()
	if msg == "" || utf8.RuneCountInString(msg) > 300 || !utf8.ValidString(msg) {
		t.Errorf("ParseDate(%q): bad message %q", phrase, msg)
	}
	if strings.ContainsAny(msg, "<>\n") {
		t.Errorf("ParseDate(%q): message %q has markup or newlines", phrase, msg)
	}
}

func TestParseDateMessages(t *testing.T) {
	now := dateTestNows(t)["ref"]
	for phrase, want := range map[string]string{
		"blah":          `I couldn't turn "blah" into a date. You could say "Friday", "the 20th", "next week" or "June 3".`,
		"yesterday":     "That date has already passed. When would you like to do it?",
		"soon":          `"soon" isn't a date yet, and that's okay. Could you pick a day? For example "Friday", "the 20th" or "in two weeks".`,
		"February 30":   "There's no February 30. Which day did you mean?",
		"the 32nd":      "No month has a 32nd. Which day did you mean?",
		"Monday 6/12":   "June 12 is a Friday, not a Monday. Which day did you mean?",
		"tomorrow 6/12": "June 12 isn't tomorrow: tomorrow is Thursday, June 11. Which day did you mean?",
		"viernes":       `That looks like Spanish. To talk in Spanish, type "español" — or give me the day in English, like "Friday" or "June 3".`,
	} {
		_, err := ParseDate(phrase, now)
		if err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) error\n got %v\nwant %s", phrase, err, want)
		}
	}

	// Long text is quoted back at most 40 characters long.
	long := "I will call my sponsor and go to a meeting " + strings.Repeat("x", 100)
	_, err := ParseDate(long, now)
	if err == nil || strings.Contains(err.Error(), long[:41]) || !strings.Contains(err.Error(), long[:40]+"…") {
		t.Errorf("long phrase: %v", err)
	}
}

func TestParseDateLongInputIsRefused(t *testing.T) {
	now := dateTestNows(t)["ref"]
	if _, err := ParseDate(strings.Repeat("the 20th ", 600), now); err == nil {
		t.Fatal("long input accepted")
	}
}

// BenchmarkParseDateLongInput measures refusing a 5,400-character phrase
// (refused before it is scanned, so it should cost about as much as a short one).
func BenchmarkParseDateLongInput(b *testing.B) {
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)
	long := strings.Repeat("the 20th ", 600)
	for b.Loop() {
		_, _ = ParseDate(long, now)
	}
}

// Every date SayDate can say within our range reads back as itself.
func TestParseDateReadsSayDate(t *testing.T) {
	for name, now := range dateTestNows(t) {
		y, m, d := now.Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		for day := today; !day.After(today.AddDate(dateMaxYears, 0, 0)); day = day.AddDate(0, 0, 1) {
			said := SayDate(day, now)
			got, err := ParseDate(said, now)
			if err != nil || !got.Equal(day) {
				t.Fatalf("%s: ParseDate(%q) = %v, %v; want %v", name, said, got, err, day)
			}
		}
	}
}

func TestSayDate(t *testing.T) {
	nows := dateTestNows(t)
	for _, tc := range []struct {
		now, date, want string
	}{
		{"ref", "2026-06-12", "Friday, June 12"},
		{"ref", "2026-06-10", "today, Wednesday, June 10"},
		{"ref", "2026-06-11", "tomorrow, Thursday, June 11"},
		{"ref", "2026-06-13", "Saturday, June 13"},
		{"ref", "2026-12-31", "Thursday, December 31"},
		{"ref", "2027-01-04", "Monday, January 4, 2027"},
		{"ref", "2027-06-10", "Thursday, June 10, 2027"},
		{"dec31", "2027-01-01", "tomorrow, Friday, January 1, 2027"},
		{"dec30", "2026-12-31", "tomorrow, Thursday, December 31"},
		{"akl-morn", "2026-06-11", "today, Thursday, June 11"},  // UTC is still the 10th
		{"chi-late", "2026-06-10", "today, Wednesday, June 10"}, // UTC is already the 11th
		{"ny-fall", "2026-11-02", "tomorrow, Monday, November 2"},
	} {
		date, err := time.Parse(time.DateOnly, tc.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := SayDate(date, nows[tc.now]); got != tc.want {
			t.Errorf("SayDate(%s, %s) = %q, want %q", tc.date, tc.now, got, tc.want)
		}
	}
}

// FuzzParseDate checks ParseDate never panics, only returns dates in
// [today, today+2 years] at midnight UTC that SayDate reads back, and
// otherwise a *DateError with a short, non-empty message. now varies too:
// secs moves it up to ±30 years from the reference and zone picks a zone.
func FuzzParseDate(f *testing.F) {
	for _, tc := range dateTestRows {
		f.Add(tc.phrase, int64(0), uint8(0))
	}
	f.Add("the 31st", int64(-86400*130), uint8(1))
	f.Add("February 29", int64(86400*600), uint8(2))
	zones := []*time.Location{
		dateTestZone(f, "America/Chicago"), dateTestZone(f, "Pacific/Auckland"),
		dateTestZone(f, "America/New_York"), dateTestZone(f, "Pacific/Kiritimati"),
		dateTestZone(f, "Pacific/Pago_Pago"), time.UTC,
	}
	ref := dateTestNows(f)["ref"]
	const span = 30 * 365 * 86400
	f.Fuzz(func(t *testing.T, phrase string, secs int64, zone uint8) {
		now := ref.Add(time.Duration(secs%span) * time.Second).In(zones[int(zone)%len(zones)])
		got, err := ParseDate(phrase, now)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDate(%q) error %T %v, want *DateError", phrase, err, err)
			}
			dateCheckMessage(t, phrase, de.Error())
			return
		}
		y, m, d := now.Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if got.Location() != time.UTC || !got.Equal(got.Truncate(24*time.Hour)) {
			t.Fatalf("ParseDate(%q, %v) = %v, not midnight UTC", phrase, now, got)
		}
		if got.Before(today) || got.After(today.AddDate(2, 0, 1)) {
			t.Fatalf("ParseDate(%q, %v) = %v, outside [today, today+2y]", phrase, now, got)
		}
		said := SayDate(got, now)
		if back, err := ParseDate(said, now); err != nil || !back.Equal(got) {
			t.Fatalf("ParseDate(%q, %v) = %v, but SayDate says %q which reads as %v, %v", phrase, now, got, said, back, err)
		}
	})
}

func TestSayDateIn_Spanish(t *testing.T) {
	now := time.Date(2026, 6, 4, 15, 0, 0, 0, time.UTC) // a Thursday
	for _, tc := range []struct {
		day  time.Time
		want string
	}{
		{time.Date(2026, 6, 4, 0, 0, 0, 0, time.UTC), "hoy, jueves 4 de junio"},
		{time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC), "mañana, viernes 5 de junio"},
		{time.Date(2026, 6, 10, 0, 0, 0, 0, time.UTC), "miércoles 10 de junio"},
		{time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC), "sábado 2 de enero de 2027"},
	} {
		if got := SayDateIn(Spanish, tc.day, now); got != tc.want {
			t.Errorf("SayDateIn(Spanish, %s) = %q, want %q", tc.day.Format("2006-01-02"), got, tc.want)
		}
	}
	if got := SayDateIn(English, time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC), now); got != "tomorrow, Friday, June 5" {
		t.Errorf("English = %q", got)
	}
}

// TestSayDayIn_NoTodayOnAPage: words that stay in a channel say the day
// itself, never "today" (wrong by tomorrow).
func TestSayDayIn_NoTodayOnAPage(t *testing.T) {
	now := time.Date(2026, 6, 9, 20, 0, 0, 0, time.UTC)
	day := time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC)
	if got := SayDayIn(English, day, now); got != "Tuesday, June 9" {
		t.Errorf("SayDayIn(English) = %q", got)
	}
	if got := SayDayIn(Spanish, day.AddDate(0, 0, 1), now); got != "miércoles 10 de junio" {
		t.Errorf("SayDayIn(Spanish, tomorrow) = %q", got)
	}
}

package scheduler

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo
	"unicode/utf8"

	"github.com/robfig/cron/v3"
)

func scheduleTestZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

// checkScheduleError asserts the rules every facilitator-facing error follows.
func checkScheduleError(t testing.TB, in string, err error) *ScheduleError {
	t.Helper()
	var se *ScheduleError
	if !errors.As(err, &se) {
		t.Fatalf("ParseSchedule(%q) error %T %v, want *ScheduleError", in, err, err)
	}
	msg := se.Error()
	if se.Kind == "" || msg == "" {
		t.Errorf("ParseSchedule(%q): empty kind or message: %+v", in, se)
	}
	if n := utf8.RuneCountInString(msg); n > 300 {
		t.Errorf("ParseSchedule(%q): message is %d characters: %s", in, n, msg)
	}
	if strings.ContainsAny(msg, "<>") {
		t.Errorf("ParseSchedule(%q): message contains < or >: %s", in, msg)
	}
	if !utf8.ValidString(msg) {
		t.Errorf("ParseSchedule(%q): message is not valid UTF-8: %q", in, msg)
	}
	return se
}

func TestParseSchedule(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	const z = "CRON_TZ=America/New_York "
	tests := []struct {
		in   string
		spec string            // accepted: the exact Spec
		kind ScheduleErrorKind // refused: the kind
	}{
		// The forms from the API comment.
		{in: "Tuesdays 6pm", spec: z + "0 18 * * TUE"},
		{in: "every Tuesday at 18:00", spec: z + "0 18 * * TUE"},
		{in: "Mondays and Thursdays at 7:30 pm", spec: z + "30 19 * * MON,THU"},
		{in: "weekdays 9am", spec: z + "0 9 * * MON-FRI"},
		// The one weekday table (conversations.WeekdayNamed): its common
		// misspellings work in schedules as in dates.
		{in: "wensdays at 6pm", spec: z + "0 18 * * WED"},
		{in: "every thrusday 7pm", spec: z + "0 19 * * THU"},
		{in: "every day at noon", spec: z + "0 12 * * *"},
		{in: "daily 8:15", spec: z + "15 8 * * *"},
		{in: "Tue/Thu 6pm", spec: z + "0 18 * * TUE,THU"},
		{in: "tuesday 6", kind: KindAmbiguous},
		{in: "0 18 * * 2", spec: z + "0 18 * * 2"},
		// Case, punctuation, abbreviations, lists, ranges.
		{in: "  TUESDAYS, 6 P.M.!  ", spec: z + "0 18 * * TUE"},
		{in: "tues @ 6:30pm", spec: z + "30 18 * * TUE"},
		{in: "Thur 7.30pm", spec: z + "30 19 * * THU"},
		{in: "thurs 7:30 p.m", spec: z + "30 19 * * THU"},
		{in: "Mon, Wed & Fri at 7pm", spec: z + "0 19 * * MON,WED,FRI"},
		{in: "wed+sat 10am", spec: z + "0 10 * * WED,SAT"},
		{in: "mon-fri 8am", spec: z + "0 8 * * MON-FRI"},
		{in: "Monday through Thursday 6pm", spec: z + "0 18 * * MON-THU"},
		{in: "fri to mon 8pm", spec: z + "0 20 * * MON,FRI,SAT,SUN"},
		{in: "Sat & Sun 10am", spec: z + "0 10 * * SAT,SUN"},
		{in: "weekends at 10:30am", spec: z + "30 10 * * SAT,SUN"},
		{in: "every weekday at 9am", spec: z + "0 9 * * MON-FRI"},
		{in: "Mon Tue Wed Thu Fri Sat Sun 6pm", spec: z + "0 18 * * *"},
		{in: "sun mon tue 7pm", spec: z + "0 19 * * MON,TUE,SUN"},
		{in: "each day 6am", spec: z + "0 6 * * *"},
		{in: "6pm on Tuesdays", spec: z + "0 18 * * TUE"},
		{in: "at 7 pm every wednesday", spec: z + "0 19 * * WED"},
		// Times.
		{in: "Thursdays 1830", spec: z + "30 18 * * THU"},
		{in: "sundays 0630", spec: z + "30 6 * * SUN"},
		{in: "Fridays 630pm", spec: z + "30 18 * * FRI"},
		{in: "tuesday 18", spec: z + "0 18 * * TUE"},
		{in: "wed 12pm", spec: z + "0 12 * * WED"},
		{in: "wed 12am", spec: z + "0 0 * * WED"},
		{in: "wed 12 noon", spec: z + "0 12 * * WED"},
		{in: "every day at midnight", spec: z + "0 0 * * *"},
		{in: "Tuesdays 6-7:30pm", spec: z + "0 18 * * TUE"},
		{in: "wed 11-1pm", spec: z + "0 11 * * WED"},
		{in: "Tuesday evenings at 7", spec: z + "0 19 * * TUE"},
		{in: "Tuesday 6 in the morning", spec: z + "0 6 * * TUE"},
		{in: "every night at 9", spec: z + "0 21 * * *"},
		{in: "tuesday 6 o'clock pm", spec: z + "0 18 * * TUE"},
		{in: "6 - 7 pm tuesday", spec: z + "0 18 * * TUE"},
		{in: "Tuesdays 6pm ET", spec: z + "0 18 * * TUE"},
		{in: "Tuesdays 6pm (EDT)", spec: z + "0 18 * * TUE"},
		// Raw cron.
		{in: "30 19 * * MON,THU", spec: z + "30 19 * * MON,THU"},
		{in: "0  18 *  * 1-5", spec: z + "0 18 * * 1-5"},
		{in: "0 18 1 * *", spec: z + "0 18 1 * *"},
		{in: "0 9,18 * * 6", spec: z + "0 9,18 * * 6"},
		{in: "CRON_TZ=Europe/Berlin 30 19 * * 1,4", spec: "CRON_TZ=Europe/Berlin 30 19 * * 1,4"},
		{in: "TZ=Europe/Berlin 0 9 * * 1-5", spec: "CRON_TZ=Europe/Berlin 0 9 * * 1-5"},

		// Refused.
		{in: "", kind: KindEmpty},
		{in: " \t\n ", kind: KindEmpty},
		{in: "blah", kind: KindUnreadable},
		{in: "🎉", kind: KindUnreadable},
		{in: "sometimes", kind: KindUnreadable},
		{in: "martes 6pm", kind: KindUnreadable},
		{in: "Tuesdays", kind: KindNoTime},
		{in: "weekdays in the evening", kind: KindNoTime},
		{in: "6pm", kind: KindNoDay},
		{in: "at noon", kind: KindNoDay},
		{in: "25:00", kind: KindBadTime},
		{in: "Tuesday 25:00", kind: KindBadTime},
		{in: "Tuesday 6:75pm", kind: KindBadTime},
		{in: "tuesday 13pm", kind: KindBadTime},
		{in: "tuesday 0am", kind: KindBadTime},
		{in: "tuesday 18000", kind: KindBadTime},
		{in: "tuesday 630", kind: KindAmbiguous},
		{in: "tuesday 12", kind: KindAmbiguous},
		{in: "every day at 6", kind: KindAmbiguous},
		{in: "tuesday midnight", kind: KindAmbiguous},
		{in: "Tuesdays 6pm and 8pm", kind: KindMultipleTimes},
		{in: "every other Tuesday 6pm", kind: KindUnsupported},
		{in: "first Monday of the month 7pm", kind: KindUnsupported},
		{in: "tomorrow 6pm", kind: KindUnsupported},
		{in: strings.Repeat("Tuesdays 6pm ", 16), kind: KindTooLong},
		{in: "7 - 9", kind: KindNoDay},
		{in: "Tuesdays 6pm PT", kind: KindZone},
		{in: "@every 1h", kind: KindNotAMeeting},
		{in: "@weekly", kind: KindNotAMeeting},
		{in: "* * * * *", kind: KindNotAMeeting},
		{in: "*/15 18 * * 2", kind: KindNotAMeeting},
		{in: "0 * * * 2", kind: KindNotAMeeting},
		{in: "0 0 18 * * 2", kind: KindCronFields},
		{in: "0 18 * *", kind: KindCronFields},
		{in: "0 25 * * 2", kind: KindCronInvalid},
		{in: "60 18 * * 2", kind: KindCronInvalid},
		{in: "0 18 * * 7", kind: KindCronInvalid},
		{in: "0 18 * * 2,,3", kind: KindCronInvalid},
		{in: "0 18 * * xyz", kind: KindCronInvalid},
		{in: "0 0 30 2 *", kind: KindNeverFires},
		{in: "CRON_TZ=Mars/Olympus 0 18 * * 2", kind: KindZone},
		{in: "CRON_TZ= 0 18 * * 2", kind: KindZone},
		{in: "TZ=../../etc/passwd 0 18 * * 2", kind: KindZone},
	}
	accepted, refused := 0, 0
	for _, tt := range tests {
		s, err := ParseSchedule(tt.in, ny)
		if tt.kind != "" {
			refused++
			if err == nil {
				t.Errorf("ParseSchedule(%q) = %q, want a %s error", tt.in, s.Spec, tt.kind)
				continue
			}
			if se := checkScheduleError(t, tt.in, err); se.Kind != tt.kind {
				t.Errorf("ParseSchedule(%q) kind %s (%s), want %s", tt.in, se.Kind, se.Msg, tt.kind)
			}
			continue
		}
		accepted++
		if err != nil {
			t.Errorf("ParseSchedule(%q): %v", tt.in, err)
			continue
		}
		if s.Spec != tt.spec {
			t.Errorf("ParseSchedule(%q).Spec = %q, want %q", tt.in, s.Spec, tt.spec)
		}
		if s.Text != strings.TrimSpace(tt.in) {
			t.Errorf("ParseSchedule(%q).Text = %q", tt.in, s.Text)
		}
		if _, err := cron.ParseStandard(s.Spec); err != nil {
			t.Errorf("ParseSchedule(%q): robfig refuses its Spec %q: %v", tt.in, s.Spec, err)
		}
		if s.Location() == nil {
			t.Errorf("ParseSchedule(%q): no Location", tt.in)
		}
	}
	if accepted < 20 || refused < 10 {
		t.Errorf("table has %d accepted and %d refused rows", accepted, refused)
	}
}

func TestParseSchedule_Messages(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	msg := func(in string) string {
		t.Helper()
		_, err := ParseSchedule(in, ny)
		if err == nil {
			t.Fatalf("ParseSchedule(%q) accepted", in)
		}
		return checkScheduleError(t, in, err).Msg
	}
	exact := map[string]string{
		"blah":                 `I couldn't read "blah" as a meeting time. Try "Tuesdays 6pm" or "Mondays and Thursdays 7:30pm".`,
		"tuesday 6":            `Is that 6 in the morning or the evening? Try "Tuesdays 6am" or "Tuesdays 6pm".`,
		"6pm":                  `Which day does the group meet? e.g. "Tuesdays 6pm", or "every day at 6pm" if it meets daily.`,
		"Tuesdays":             `What time on Tuesdays? e.g. "Tuesdays 6pm".`,
		"25:00":                `"25:00" isn't a time of day: hours go from 0 to 23. Try "6pm" or "18:00".`,
		"Tuesday 6:75pm":       `"6:75pm" isn't a time of day: minutes go from 0 to 59.`,
		"Tuesdays 6pm and 8pm": `I found more than one time (6pm and 8pm), but a group's schedule has one meeting time. Try "Tuesdays 6pm".`,
	}
	for in, want := range exact {
		if got := msg(in); got != want {
			t.Errorf("ParseSchedule(%q) message\n got %s\nwant %s", in, got, want)
		}
	}

	// Quotes at most 40 characters, strips Slack's < > and newlines.
	got := msg("<!channel> please come along whenever you feel like it, friends\n<http://x.example|x>")
	if want := `"!channel please come along whenever you…"`; !strings.Contains(got, want) {
		t.Errorf("long input quoted as %s, want %s", got, want)
	}
	got = msg(`say "hi" <script>`)
	if !strings.Contains(got, `"say 'hi' script"`) {
		t.Errorf("quotes not replaced: %s", got)
	}

	// More than 200 characters is refused and not quoted; 200 is fine.
	long := "Tuesdays " + strings.Repeat("x", 200)
	if got := msg(long); strings.Contains(got, "xxxxxxxx") {
		t.Errorf("too-long input quoted: %s", got)
	}
	ok200 := "Tuesdays" + strings.Repeat(" ", 189) + "6pm"
	if n := utf8.RuneCountInString(ok200); n != 200 {
		t.Fatalf("test input has %d characters", n)
	}
	if _, err := ParseSchedule(ok200, ny); err != nil {
		t.Errorf("200 characters refused: %v", err)
	}
	if got := msg(strings.Repeat("Tuesdays 6pm ", 1<<20)); !strings.Contains(got, "too long") {
		t.Errorf("13 MB input: %s", got)
	}
}

// BenchmarkParseScheduleHugeInput measures refusing a 13 MB schedule (it is
// refused without being scanned).
func BenchmarkParseScheduleHugeInput(b *testing.B) {
	huge := strings.Repeat("Tuesdays 6pm ", 1<<20)
	for b.Loop() {
		_, _ = ParseSchedule(huge, time.UTC)
	}
}

func TestParseSchedule_Zone(t *testing.T) {
	for name, loc := range map[string]*time.Location{
		"nil":   nil,
		"Local": time.Local,
		"fixed": time.FixedZone("EST5", -5*3600),
	} {
		_, err := ParseSchedule("Tuesdays 6pm", loc)
		if se := checkScheduleError(t, name, err); se.Kind != KindZone {
			t.Errorf("zone %s: kind %s, want %s", name, se.Kind, KindZone)
		}
	}
	// A spec that names its zone needs no group zone.
	s, err := ParseSchedule("CRON_TZ=Asia/Tokyo 0 20 * * 3", nil)
	if err != nil || s.Spec != "CRON_TZ=Asia/Tokyo 0 20 * * 3" || s.Location().String() != "Asia/Tokyo" {
		t.Errorf("CRON_TZ spec with nil zone: %+v, %v", s, err)
	}
	s, err = ParseSchedule("every day at 7am", time.UTC)
	if err != nil || s.Spec != "CRON_TZ=UTC 0 7 * * *" {
		t.Errorf("UTC: %q, %v", s.Spec, err)
	}
}

func TestSchedule_FromSpec(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	for _, in := range []string{"Tuesdays 6pm", "Mondays and Thursdays 7:30pm", "weekdays 9am", "0 18 1 * *", "TZ=Europe/Berlin 0 9 * * 1-5"} {
		s, err := ParseSchedule(in, ny)
		if err != nil {
			t.Fatal(err)
		}
		r, err := FromSpec(s.Spec, " "+s.Text+" ")
		if err != nil {
			t.Fatalf("FromSpec(%q): %v", s.Spec, err)
		}
		if r.Spec != s.Spec || r.Text != s.Text || r.Location().String() != s.Location().String() {
			t.Errorf("FromSpec(%q) = %+v, want %+v", s.Spec, r, s)
		}
		now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
		if !r.Next(now).Equal(s.Next(now)) {
			t.Errorf("FromSpec(%q).Next = %v, want %v", s.Spec, r.Next(now), s.Next(now))
		}
	}
	for _, bad := range []string{"", "0 18 * * 2", "TZ=UTC 0 18 * * 2", "CRON_TZ=America/New_York", "CRON_TZ=Nowhere/Else 0 18 * * 2",
		"CRON_TZ=UTC 0 18 * *", "CRON_TZ=UTC 0 18 * * 9", "CRON_TZ=UTC @every 1h", "CRON_TZ=UTC * * * * *"} {
		if s, err := FromSpec(bad, "x"); err == nil {
			t.Errorf("FromSpec(%q) = %+v, want an error", bad, s)
		} else {
			checkScheduleError(t, bad, err)
		}
	}
}

// TestSchedule_DST: a weekly meeting keeps its local time across the 2026 changes, and
// the two daily edge cases: a time that does not exist (skipped) and one that happens
// twice (kept once, at the first occurrence).
func TestSchedule_DST(t *testing.T) {
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	weekly := []struct {
		zone     string
		from, to time.Time
		want     []string // UTC
		gaps     []time.Duration
	}{
		{ // New York: spring forward Sunday March 8, 2026 (EST -5 -> EDT -4).
			zone: "America/New_York", from: utc("2026-02-25 00:00"), to: utc("2026-03-18 00:00"),
			want: []string{"2026-03-03 23:00", "2026-03-10 22:00", "2026-03-17 22:00"},
			gaps: []time.Duration{167 * time.Hour, 168 * time.Hour},
		},
		{ // New York: fall back Sunday November 1, 2026 (EDT -> EST).
			zone: "America/New_York", from: utc("2026-10-21 00:00"), to: utc("2026-11-11 00:00"),
			want: []string{"2026-10-27 22:00", "2026-11-03 23:00", "2026-11-10 23:00"},
			gaps: []time.Duration{169 * time.Hour, 168 * time.Hour},
		},
		{ // Berlin: spring forward Sunday March 29, 2026 (CET +1 -> CEST +2).
			zone: "Europe/Berlin", from: utc("2026-03-18 00:00"), to: utc("2026-04-08 00:00"),
			want: []string{"2026-03-24 17:00", "2026-03-31 16:00", "2026-04-07 16:00"},
			gaps: []time.Duration{167 * time.Hour, 168 * time.Hour},
		},
		{ // Berlin: fall back Sunday October 25, 2026 (CEST -> CET).
			zone: "Europe/Berlin", from: utc("2026-10-14 00:00"), to: utc("2026-11-04 00:00"),
			want: []string{"2026-10-20 16:00", "2026-10-27 17:00", "2026-11-03 17:00"},
			gaps: []time.Duration{169 * time.Hour, 168 * time.Hour},
		},
	}
	for _, tt := range weekly {
		loc := scheduleTestZone(t, tt.zone)
		s, err := ParseSchedule("every Tuesday at 18:00", loc)
		if err != nil {
			t.Fatal(err)
		}
		got := s.Sessions(tt.from, tt.to, 0)
		if len(got) != len(tt.want) {
			t.Fatalf("%s %v: sessions %v, want %v", tt.zone, tt.from, got, tt.want)
		}
		for i, g := range got {
			if !g.Equal(utc(tt.want[i])) {
				t.Errorf("%s session %d = %v (UTC %v), want UTC %s", tt.zone, i, g, g.UTC(), tt.want[i])
			}
			if g.Location() != s.Location() || g.Weekday() != time.Tuesday || g.Hour() != 18 || g.Minute() != 0 {
				t.Errorf("%s session %d = %v, want Tuesday 18:00 local", tt.zone, i, g)
			}
			if i > 0 {
				if gap := g.Sub(got[i-1]); gap != tt.gaps[i-1] {
					t.Errorf("%s gap before session %d = %v, want %v", tt.zone, i, gap, tt.gaps[i-1])
				}
			}
		}
	}

	daily := []struct {
		name, zone, text string
		from, to         time.Time
		want             []string // UTC
	}{
		{ // 02:30 does not exist on March 8 in New York: no session that day (robfig skips it).
			name: "NY spring 02:30", zone: "America/New_York", text: "daily 2:30",
			from: utc("2026-03-06 12:00"), to: utc("2026-03-10 12:00"),
			want: []string{"2026-03-07 07:30", "2026-03-09 06:30", "2026-03-10 06:30"},
		},
		{ // 01:30 happens twice on November 1 in New York: one session, at 01:30 EDT.
			name: "NY fall 01:30", zone: "America/New_York", text: "daily 1:30",
			from: utc("2026-10-30 12:00"), to: utc("2026-11-03 12:00"),
			want: []string{"2026-10-31 05:30", "2026-11-01 05:30", "2026-11-02 06:30", "2026-11-03 06:30"},
		},
		{ // Berlin skips 02:00-03:00 on March 29.
			name: "Berlin spring 02:30", zone: "Europe/Berlin", text: "daily 2:30",
			from: utc("2026-03-27 12:00"), to: utc("2026-03-31 12:00"),
			want: []string{"2026-03-28 01:30", "2026-03-30 00:30", "2026-03-31 00:30"},
		},
		{ // Berlin repeats 02:00-03:00 on October 25: one session, at 02:30 CEST.
			name: "Berlin fall 02:30", zone: "Europe/Berlin", text: "daily 2:30",
			from: utc("2026-10-23 12:00"), to: utc("2026-10-27 12:00"),
			want: []string{"2026-10-24 00:30", "2026-10-25 00:30", "2026-10-26 01:30", "2026-10-27 01:30"},
		},
		{ // Outside the changed hour nothing is skipped or repeated.
			name: "NY fall 03:30", zone: "America/New_York", text: "daily 3:30",
			from: utc("2026-10-31 12:00"), to: utc("2026-11-02 12:00"),
			want: []string{"2026-11-01 08:30", "2026-11-02 08:30"},
		},
	}
	for _, tt := range daily {
		loc := scheduleTestZone(t, tt.zone)
		s, err := ParseSchedule(tt.text, loc)
		if err != nil {
			t.Fatal(err)
		}
		got := s.Sessions(tt.from, tt.to, 0)
		var gotUTC []string
		for _, g := range got {
			gotUTC = append(gotUTC, g.UTC().Format("2006-01-02 15:04"))
		}
		if strings.Join(gotUTC, ", ") != strings.Join(tt.want, ", ") {
			t.Errorf("%s: sessions (UTC) %v, want %v", tt.name, gotUTC, tt.want)
		}
		seen := map[string]bool{}
		for _, g := range got {
			wall := g.Format("2006-01-02 15:04")
			if seen[wall] {
				t.Errorf("%s: wall-clock time %s returned twice", tt.name, wall)
			}
			seen[wall] = true
		}
	}

	// robfig itself fires twice on the fall-back night; Next returns the first only, also
	// when asked from between the two.
	ny := scheduleTestZone(t, "America/New_York")
	raw, _ := cron.ParseStandard("CRON_TZ=America/New_York 30 1 * * *")
	first := raw.Next(utc("2026-11-01 00:00"))
	if second := raw.Next(first); second.Sub(first) != time.Hour {
		t.Errorf("robfig no longer repeats 01:30 on fall-back (%v, %v): revisit the dedupe", first, second)
	}
	s, _ := ParseSchedule("daily 1:30", ny)
	for _, from := range []string{"2026-11-01 00:00", "2026-11-01 05:30", "2026-11-01 06:00"} {
		want := "2026-11-01 05:30"
		if from != "2026-11-01 00:00" {
			want = "2026-11-02 06:30"
		}
		if got := s.Next(utc(from)).UTC().Format("2006-01-02 15:04"); got != want {
			t.Errorf("Next(%s UTC) = %s, want %s", from, got, want)
		}
	}
}

func TestSchedule_Sessions(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	s, _ := ParseSchedule("weekdays 9am", ny)
	from := time.Date(2026, 6, 15, 9, 0, 0, 0, ny) // a Monday, exactly at a session
	to := time.Date(2026, 6, 19, 9, 0, 0, 0, ny)   // the Friday session is included
	got := s.Sessions(from, to, 0)
	if len(got) != 4 || !got[0].Equal(from.AddDate(0, 0, 1)) || !got[3].Equal(to) {
		t.Errorf("Sessions(Mon 9:00, Fri 9:00] = %v", got)
	}
	if got := s.Sessions(from, to, 2); len(got) != 2 {
		t.Errorf("max 2: %v", got)
	}
	if got := s.Sessions(from, from.AddDate(10, 0, 0), -1); len(got) != 1000 {
		t.Errorf("max<=0 gives %d sessions, want 1000", len(got))
	}
	if got := s.Sessions(to, from, 0); len(got) != 0 {
		t.Errorf("to before from: %v", got)
	}
	var zero Schedule
	if !zero.Next(from).IsZero() || zero.Sessions(from, to, 0) != nil {
		t.Error("zero Schedule has sessions")
	}
}

func TestDescribe(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, ny) // a Wednesday
	tests := []struct {
		in   string
		now  time.Time
		n    int
		want string
	}{
		{"Tuesdays 6pm", now, 3, "Tuesdays at 6:00 PM (America/New_York). Next: Tuesday, June 16 at 6:00 PM; Tuesday, June 23 at 6:00 PM; Tuesday, June 30 at 6:00 PM."},
		{"Mondays and Thursdays at 7:30 pm", now, 2, "Mondays and Thursdays at 7:30 PM (America/New_York). Next: Thursday, June 11 at 7:30 PM; Monday, June 15 at 7:30 PM."},
		{"Mon, Wed & Fri 7pm", now, 0, "Mondays, Wednesdays and Fridays at 7:00 PM (America/New_York)."},
		{"weekdays 9am", now, 1, "Weekdays at 9:00 AM (America/New_York). Next: Thursday, June 11 at 9:00 AM."},
		{"weekends 10am", now, 1, "Weekends at 10:00 AM (America/New_York). Next: Saturday, June 13 at 10:00 AM."},
		{"every day at noon", now, 1, "Every day at 12:00 PM (America/New_York). Next: Thursday, June 11 at 12:00 PM."},
		{"0 9,18 * * 6", now, 2, "Saturdays at 9:00 AM and 6:00 PM (America/New_York). Next: Saturday, June 13 at 9:00 AM; Saturday, June 13 at 6:00 PM."},
		{"0 18 1 * *", now, 1, `Meets on cron schedule "0 18 1 * *" (America/New_York). Next: Wednesday, July 1 at 6:00 PM.`},
		{"Tuesdays 6pm", time.Date(2026, 12, 24, 12, 0, 0, 0, ny), 2, "Tuesdays at 6:00 PM (America/New_York). Next: Tuesday, December 29 at 6:00 PM; Tuesday, January 5, 2027 at 6:00 PM."},
		{"CRON_TZ=Europe/Berlin 30 19 * * 1,4", now, 1, "Mondays and Thursdays at 7:30 PM (Europe/Berlin). Next: Thursday, June 11 at 7:30 PM."},
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.in, ny)
		if err != nil {
			t.Fatalf("ParseSchedule(%q): %v", tt.in, err)
		}
		if got := s.Describe(tt.now, tt.n); got != tt.want {
			t.Errorf("Describe(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
	var zero Schedule
	if got := zero.Describe(now, 3); got != "No meeting time is set." {
		t.Errorf("zero Describe = %q", got)
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, seed := range []string{
		"Tuesdays 6pm", "every Tuesday at 18:00", "Mondays and Thursdays at 7:30 pm", "weekdays 9am",
		"every day at noon", "daily 8:15", "Tue/Thu 6pm", "tuesday 6", "0 18 * * 2", "blah", "", "🎉",
		"sometimes", "6pm", "25:00", "Tuesday 6:75pm", "tues 6-7:30pm", "wed 11-noon", "fri to mon 8pm",
		"CRON_TZ=Europe/Berlin 30 19 * * 1,4", "TZ=Bad 0 1 * * *", "CRON_TZ=UTC", "@every 1h", "* * * * *",
		"0 0 30 2 *", "0 0 29 2 *", "0 18 * * ,", "0 18 */0 * *", "1-2-3 4 5 6 7", "every night at 9",
		"Tuesday evenings 6-8", "12 midnight daily", "<@U1> mon 1pm", "daily 2:30", "sun 0", "99:99",
	} {
		f.Add(seed)
	}
	ny := scheduleTestZone(f, "America/New_York")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSchedule(in, ny)
		if err != nil {
			checkScheduleError(t, in, err)
			if s.Spec != "" || s.cron != nil {
				t.Errorf("ParseSchedule(%q) returned a Schedule with its error", in)
			}
			return
		}
		if _, err := cron.ParseStandard(s.Spec); err != nil {
			t.Fatalf("ParseSchedule(%q).Spec = %q: robfig: %v", in, s.Spec, err)
		}
		if !strings.HasPrefix(s.Spec, "CRON_TZ=") || s.Text != strings.TrimSpace(in) {
			t.Errorf("ParseSchedule(%q) = %+v", in, s)
		}
		now := time.Now()
		next := s.Next(now)
		if next.IsZero() || !next.After(now) || next.Sub(now) > 5*366*24*time.Hour {
			t.Fatalf("ParseSchedule(%q).Next(now) = %v", in, next)
		}
		f := strings.Fields(s.Spec)
		if f[3] == "*" && f[4] == "*" && next.Sub(now) > 366*24*time.Hour { // weekly and daily forms
			t.Errorf("ParseSchedule(%q) = %q: next session %v is more than a year away", in, s.Spec, next)
		}
		r, err := FromSpec(s.Spec, s.Text)
		if err != nil || r.Spec != s.Spec || !r.Next(now).Equal(next) {
			t.Errorf("FromSpec(%q) = %+v, %v", s.Spec, r, err)
		}
		if d := s.Describe(now, 3); strings.ContainsAny(d, "<>") || !strings.Contains(d, "Next: ") {
			t.Errorf("Describe(%q) = %q", in, d)
		}
	})
}

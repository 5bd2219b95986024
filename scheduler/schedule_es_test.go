package scheduler

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/robfig/cron/v3"
)

// esScheduleRows are Spanish schedules as facilitators type them: accents
// or none, articles or none, a part of the day or am/pm or a 24-hour clock.
var esScheduleRows = []struct {
	in   string
	spec string            // accepted: the Spec's fields after the zone
	kind ScheduleErrorKind // refused: the kind, as English refuses its like
}{
	// The brief's phrases.
	{in: "martes 6pm", spec: "0 18 * * TUE"},
	{in: "los martes a las 6 de la tarde", spec: "0 18 * * TUE"},
	{in: "todos los martes a las 18:00", spec: "0 18 * * TUE"},
	{in: "lunes y jueves a las 7:30 pm", spec: "30 19 * * MON,THU"},
	{in: "de lunes a viernes a las 9 de la mañana", spec: "0 9 * * MON-FRI"},
	{in: "entre semana 9am", spec: "0 9 * * MON-FRI"},
	{in: "todos los días a las 8 de la noche", spec: "0 20 * * *"},
	{in: "cada miércoles 7 pm", spec: "0 19 * * WED"},
	{in: "cada miercoles 7 pm", spec: "0 19 * * WED"},
	{in: "los fines de semana a las 10", kind: KindAmbiguous}, // as "weekends at 10"
	// Accents, case, abbreviations, lists and ranges.
	{in: "sabado 10am", spec: "0 10 * * SAT"},
	{in: "Los Sábados A Las 10 De La Mañana", spec: "0 10 * * SAT"},
	{in: "lun, mié y vie 7pm", spec: "0 19 * * MON,WED,FRI"},
	{in: "mar y jue 6pm", spec: "0 18 * * TUE,THU"},
	{in: "del lunes al jueves a las 6 p. m.", spec: "0 18 * * MON-THU"},
	{in: "martes 6 p.m.", spec: "0 18 * * TUE"},
	{in: "sábados y domingos 10am", spec: "0 10 * * SAT,SUN"},
	{in: "los fines de semana a las 10:30 de la mañana", spec: "30 10 * * SAT,SUN"},
	{in: "L a V 9am", spec: "0 9 * * MON-FRI"},
	{in: "lun-vie 8am", spec: "0 8 * * MON-FRI"},
	{in: "días hábiles a las 9 de la mañana", spec: "0 9 * * MON-FRI"},
	{in: "los martes y jueves a las 19.30", spec: "30 19 * * TUE,THU"},
	// Every day.
	{in: "todas las noches a las 9", spec: "0 21 * * *"},
	{in: "diario a las 8:15", spec: "15 8 * * *"},
	{in: "cada día a las 7 de la mañana", spec: "0 7 * * *"},
	{in: "todos los días a medianoche", spec: "0 0 * * *"},
	// Times as they are said.
	{in: "los jueves a las 7 y media de la tarde", spec: "30 19 * * THU"},
	{in: "jueves a las siete y media de la noche", spec: "30 19 * * THU"},
	{in: "lunes a la una de la tarde", spec: "0 13 * * MON"},
	{in: "viernes 8 menos cuarto de la noche", spec: "45 19 * * FRI"},
	{in: "viernes cuarto para las 8 de la noche", spec: "45 19 * * FRI"},
	{in: "martes 7 y 20 pm", spec: "20 19 * * TUE"},
	{in: "lunes y jueves 7 y media de la noche", spec: "30 19 * * MON,THU"},
	{in: "martes 6 y cuarto de la tarde", spec: "15 18 * * TUE"},
	{in: "martes a las 18 hrs", spec: "0 18 * * TUE"},
	{in: "martes 18h30", spec: "30 18 * * TUE"},
	{in: "martes 18:00", spec: "0 18 * * TUE"},
	{in: "martes a las 18 y media", spec: "30 18 * * TUE"},
	{in: "los domingos al mediodía", spec: "0 12 * * SUN"},
	{in: "domingos a las 12 del día", spec: "0 12 * * SUN"},
	{in: "miércoles por la tarde a las 5", spec: "0 17 * * WED"},
	{in: "los martes en la mañana a las 8", spec: "0 8 * * TUE"},
	{in: "martes 8 de la tarde", spec: "0 20 * * TUE"}, // a Spanish afternoon runs to 8
	{in: "martes de 6 a 7:30 de la tarde", spec: "0 18 * * TUE"},
	{in: "jueves entre las 6 y las 8 de la noche", spec: "0 18 * * THU"},
	{in: "martes a las 7 en punto de la noche", spec: "0 19 * * TUE"},
	{in: "martes 6pm ET", spec: "0 18 * * TUE"},
	{in: "martes 7 pm hora del este", spec: "0 19 * * TUE"},
	{in: "martes y jueves de 7 a 9 de la noche", spec: "0 19 * * TUE,THU"},
	{in: "los martes de 18 a 20 hs", spec: "0 18 * * TUE"},
	{in: "los sábados 9 a. m.", spec: "0 9 * * SAT"},
	{in: "los martes a las seis de la tarde", spec: "0 18 * * TUE"},
	{in: "todos los días 12 de la noche", spec: "0 0 * * *"},
	{in: "entre semana por la noche a las 8", spec: "0 20 * * MON-FRI"},
	{in: "de lunes a sábado a las 8 am", spec: "0 8 * * MON-SAT"},
	// English from a Spanish speaker.
	{in: "Tuesdays 6pm", spec: "0 18 * * TUE"},
	{in: "Mondays and Thursdays at 7:30 pm", spec: "30 19 * * MON,THU"},
	{in: "martes at 6pm", spec: "0 18 * * TUE"},

	// Refused, with English's kinds.
	{in: "", kind: KindEmpty},
	{in: "cuando podamos", kind: KindUnreadable},
	{in: "martes", kind: KindNoTime},
	{in: "a las 6 de la tarde", kind: KindNoDay},
	{in: "martes a las 6", kind: KindAmbiguous},
	{in: "martes 7 y media", kind: KindAmbiguous},
	{in: "los martes a medianoche", kind: KindAmbiguous},
	{in: "martes a las 25:00", kind: KindBadTime},
	{in: "martes 6pm y 8pm", kind: KindMultipleTimes},
	{in: "1er lunes a las 7pm", kind: KindUnsupported},
	{in: "2do martes 6pm", kind: KindUnsupported},
	{in: "el primer lunes de cada mes 7pm", kind: KindUnsupported},
	{in: "cada dos semanas los martes 6pm", kind: KindUnsupported},
	{in: "cada 15 días a las 6pm", kind: KindUnsupported},
	{in: "un martes sí y otro no a las 6pm", kind: KindUnsupported},
	{in: "martes 6pm semana por medio", kind: KindUnsupported},
	{in: "quincenal martes 6pm", kind: KindUnsupported},
	{in: "una vez al mes", kind: KindUnsupported},
	{in: "mañana a las 6pm", kind: KindUnsupported},
	{in: "hoy 6pm", kind: KindUnsupported},
	{in: "el próximo martes 6pm", kind: KindUnsupported},
	{in: "martes 6pm PT", kind: KindZone},
	{in: "martes 6pm hora del pacífico", kind: KindZone},
	{in: "martes 12 de la noche", kind: KindAmbiguous}, // midnight on a day: start or end?
	{in: "martes a la 1", kind: KindAmbiguous},
}

func TestParseScheduleIn_Spanish(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	accepted, refused := 0, 0
	for _, tt := range esScheduleRows {
		s, err := ParseScheduleIn(conversations.Spanish, tt.in, ny)
		if tt.kind != "" {
			refused++
			if err == nil {
				t.Errorf("ParseScheduleIn(es, %q) = %q, want a %s error", tt.in, s.Spec, tt.kind)
				continue
			}
			if se := checkScheduleError(t, tt.in, err); se.Kind != tt.kind {
				t.Errorf("ParseScheduleIn(es, %q) kind %s (%s), want %s", tt.in, se.Kind, se.Msg, tt.kind)
			}
			continue
		}
		accepted++
		if err != nil {
			t.Errorf("ParseScheduleIn(es, %q): %v", tt.in, err)
			continue
		}
		if want := "CRON_TZ=America/New_York " + tt.spec; s.Spec != want {
			t.Errorf("ParseScheduleIn(es, %q).Spec = %q, want %q", tt.in, s.Spec, want)
		}
		if s.Text != strings.TrimSpace(tt.in) {
			t.Errorf("ParseScheduleIn(es, %q).Text = %q", tt.in, s.Text)
		}
	}
	if accepted < 30 || refused < 15 {
		t.Errorf("table has %d accepted and %d refused rows", accepted, refused)
	}
}

// TestParseScheduleIn_EnglishUnchanged: an English reader's schedule is
// ParseSchedule's (Spanish is not read for them), and a Spanish reader's
// English schedule is read as English reads it.
func TestParseScheduleIn_EnglishUnchanged(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	if _, err := ParseScheduleIn(conversations.English, "los martes a las 6 de la tarde", ny); err == nil {
		t.Error("an English reader's Spanish schedule was read")
	}
	for _, in := range []string{
		"Tuesdays 6pm", "every Tuesday at 18:00", "Mon, Wed & Fri at 7pm", "weekdays 9am", "daily 8:15",
		"Tuesday 6 in the morning", "6 - 7 pm tuesday", "every night at 9", "tuesday 6 o'clock pm",
		"wed 11-1pm", "at 7 pm every wednesday", "fri to mon 8pm", "Tuesday evenings at 7", "wed 12 noon",
		"every day at midnight", "0 18 * * 2", "CRON_TZ=Europe/Berlin 30 19 * * 1,4", "thurs 7:30 p.m",
		"Tuesdays 6pm ET", "weekends at 10:30am", "sundays 0630", "Fridays 630pm",
	} {
		en, err := ParseSchedule(in, ny)
		if err != nil {
			t.Fatalf("ParseSchedule(%q): %v", in, err)
		}
		for _, l := range []conversations.Lang{conversations.English, conversations.Spanish} {
			got, err := ParseScheduleIn(l, in, ny)
			if err != nil || got.Spec != en.Spec {
				t.Errorf("ParseScheduleIn(%s, %q) = %q, %v; want %q", l, in, got.Spec, err, en.Spec)
			}
		}
	}
}

// TestParseScheduleIn_SaidBack: a Spanish schedule is said back in Spanish.
func TestParseScheduleIn_SaidBack(t *testing.T) {
	chi := scheduleTestZone(t, "America/Chicago")
	s, err := ParseScheduleIn(conversations.Spanish, "los martes a las 6 de la tarde", chi)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) // a Tuesday morning in Chicago
	want := "los martes a las 6:00 de la tarde (America/Chicago). Próximas sesiones: martes 1 de diciembre a las 6:00 de la tarde."
	if got := s.DescribeIn(conversations.Spanish, now, 1); got != want {
		t.Errorf("DescribeIn\n got %s\nwant %s", got, want)
	}
}

func FuzzParseScheduleEs(f *testing.F) {
	for _, row := range esScheduleRows {
		f.Add(row.in)
	}
	for _, seed := range []string{"la una", "las", "a", "y media", "cuarto para", "cuarto para la", "12 de la",
		"entre y", "1º", "3ra", "18h", "h30", "p m", "mañana", "ñ", "L-V", "L a", "medio", "una vez", "cada 2 horas"} {
		f.Add(seed)
	}
	ny := scheduleTestZone(f, "America/New_York")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseScheduleIn(conversations.Spanish, in, ny)
		if err != nil {
			checkScheduleError(t, in, err)
			if s.Spec != "" {
				t.Errorf("ParseScheduleIn(es, %q) returned a Schedule with its error", in)
			}
			return
		}
		if _, err := cron.ParseStandard(s.Spec); err != nil {
			t.Fatalf("ParseScheduleIn(es, %q).Spec = %q: robfig: %v", in, s.Spec, err)
		}
		if s.Text != strings.TrimSpace(in) {
			t.Errorf("ParseScheduleIn(es, %q).Text = %q", in, s.Text)
		}
		now := time.Now()
		if next := s.Next(now); next.IsZero() {
			t.Fatalf("ParseScheduleIn(es, %q) = %q never comes up", in, s.Spec)
		}
		if d := s.DescribeIn(conversations.Spanish, now, 2); strings.ContainsAny(d, "<>") || d == "" {
			t.Errorf("DescribeIn(es, %q) = %q", in, d)
		}
	})
}

// TestScheduleExamplesRead: every meeting time a facilitator is shown as an
// example — the form's placeholder and the refusals' suggestions, in both
// languages — is read in that language (a bare time, "6pm", with a day).
func TestScheduleExamplesRead(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	quoted := regexp.MustCompile(`“([^”]+)”`)
	for _, l := range []conversations.Lang{conversations.English, conversations.Spanish} {
		w := conversations.WordsFor(l)
		examples := []string{w.GroupWhenPlaceholder}
		for _, s := range []string{w.ErrScheduleUnread, w.ErrScheduleTooLong, w.ErrScheduleNoDay, w.ErrScheduleNoTime,
			w.ErrScheduleAmbiguous, w.ErrScheduleBadTime, w.ErrScheduleTwoTimes, w.ErrScheduleUnsupported} {
			for _, m := range quoted.FindAllStringSubmatch(s, -1) {
				examples = append(examples, m[1])
			}
		}
		if len(examples) < 10 {
			t.Fatalf("%s: only %d examples found: %q", l, len(examples), examples)
		}
		day := map[conversations.Lang]string{conversations.English: "Tuesdays ", conversations.Spanish: "martes "}[l]
		for _, ex := range examples {
			_, err := ParseScheduleIn(l, ex, ny)
			if err != nil {
				_, err = ParseScheduleIn(l, day+ex, ny)
			}
			if err != nil {
				t.Errorf("%s example %q is not read: %v", l, ex, err)
			}
		}
	}
}

// TestScheduleExamplesSpanish: a Spanish facilitator is shown Spanish
// examples, not English ones.
func TestScheduleExamplesSpanish(t *testing.T) {
	ny := scheduleTestZone(t, "America/New_York")
	w := conversations.WordsFor(conversations.Spanish)
	for _, s := range []string{w.ErrScheduleUnread, w.ErrScheduleTooLong, w.ErrScheduleNoDay, w.ErrScheduleNoTime,
		w.ErrScheduleAmbiguous, w.ErrScheduleTwoTimes, w.ErrScheduleUnsupported} {
		for _, m := range regexp.MustCompile(`“([^”]+)”`).FindAllStringSubmatch(s, -1) {
			if _, err := ParseSchedule(m[1], ny); err == nil {
				t.Errorf("Spanish example %q is English", m[1])
			}
		}
	}
	if _, err := ParseSchedule(w.GroupWhenPlaceholder, ny); err == nil {
		t.Errorf("the Spanish form's example %q is English", w.GroupWhenPlaceholder)
	}
}

// BenchmarkParseScheduleIn measures reading a schedule in each language:
// Spanish is a pass over the words before the English parser; a Spanish
// reader's refused phrase is read twice (in Spanish, then in English).
func BenchmarkParseScheduleIn(b *testing.B) {
	ny := scheduleTestZone(b, "America/New_York")
	for _, bc := range []struct {
		name string
		l    conversations.Lang
		in   string
	}{
		{"English", conversations.English, "Mondays and Thursdays at 7:30 pm"},
		{"Spanish", conversations.Spanish, "de lunes a viernes a las 7 y media de la tarde"},
		{"SpanishRefused", conversations.Spanish, "los martes a las 6"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				_, _ = ParseScheduleIn(bc.l, bc.in, ny)
			}
		})
	}
}

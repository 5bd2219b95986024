package conversations

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// esDateRows are Spanish phrases as members type them, said on Wednesday
// June 10, 2026 ("ref"): accents or none, articles or none, a time of day
// or none.
var esDateRows = []struct {
	phrase string
	want   string // YYYY-MM-DD, or "" for an error of kind
	kind   DateErrorKind
}{
	{"mañana", "2026-06-11", 0},
	{"manana", "2026-06-11", 0},
	{"MAÑANA", "2026-06-11", 0},
	{"pasado mañana", "2026-06-12", 0},
	{"pasado manana", "2026-06-12", 0},
	{"hoy", "2026-06-10", 0},
	{"hoy mismo", "2026-06-10", 0},
	{"el viernes", "2026-06-12", 0},
	{"viernes", "2026-06-12", 0},
	{"este viernes", "2026-06-12", 0},
	{"el próximo lunes", "2026-06-15", 0},
	{"el proximo lunes", "2026-06-15", 0},
	{"el lunes que viene", "2026-06-15", 0},
	{"el próximo viernes", "2026-06-12", 0}, // the coming Friday, as Spanish speakers mean it
	{"el viernes de la próxima semana", "2026-06-19", 0},
	{"el viernes de la semana que viene", "2026-06-19", 0},
	{"el miércoles", "2026-06-17", 0}, // said on a Wednesday: next week's
	{"el miercoles", "2026-06-17", 0},
	{"el sábado", "2026-06-13", 0},
	{"el sabado", "2026-06-13", 0},
	{"el domingo", "2026-06-14", 0},
	{"el 20", "2026-06-20", 0},
	{"para el 20", "2026-06-20", 0},
	{"el 5", "2026-07-05", 0}, // the 5th has passed this month
	{"la próxima semana", "2026-06-15", 0},
	{"la semana que viene", "2026-06-15", 0},
	{"proxima semana", "2026-06-15", 0},
	{"en dos semanas", "2026-06-24", 0},
	{"en 2 semanas", "2026-06-24", 0},
	{"dentro de dos semanas", "2026-06-24", 0},
	{"en 3 días", "2026-06-13", 0},
	{"en 3 dias", "2026-06-13", 0},
	{"en una semana", "2026-06-17", 0},
	{"en quince días", "2026-06-25", 0},
	{"en un par de días", "2026-06-12", 0},
	{"en un mes", "2026-07-10", 0},
	{"una semana a partir de hoy", "2026-06-17", 0},
	{"a fin de mes", "2026-06-30", 0},
	{"fin de mes", "2026-06-30", 0},
	{"para fin de mes", "2026-06-30", 0},
	{"a finales de mes", "2026-06-30", 0},
	{"fin de junio", "2026-06-30", 0},
	{"a finales de julio", "2026-07-31", 0},
	{"20 de junio", "2026-06-20", 0},
	{"el 20 de junio", "2026-06-20", 0},
	{"1 de julio", "2026-07-01", 0},
	{"primero de julio", "2026-07-01", 0},
	{"el primero de julio", "2026-07-01", 0},
	{"5 de enero", "2027-01-05", 0},
	{"20 de junio de 2027", "2027-06-20", 0},
	{"20/6", "2026-06-20", 0}, // day/month
	{"3/7", "2026-07-03", 0},
	{"1/7/2027", "2027-07-01", 0},
	{"mañana en la tarde", "2026-06-11", 0},
	{"mañana por la mañana", "2026-06-11", 0},
	{"mañana a las 5", "2026-06-11", 0},
	{"hoy en la noche", "2026-06-10", 0},
	{"esta noche", "2026-06-10", 0},
	{"el fin de semana", "2026-06-13", 0},
	{"este fin de semana", "2026-06-13", 0},
	{"el próximo mes", "2026-07-01", 0},
	{"el mes que viene", "2026-07-01", 0},
	{"el 20 del mes que viene", "2026-07-20", 0},
	{"el 20 del próximo mes", "2026-07-20", 0},
	{"antes del viernes", "2026-06-12", 0},
	{"hasta el lunes", "2026-06-15", 0},
	{"a más tardar el jueves", "2026-06-11", 0},
	{"Friday", "2026-06-12", 0}, // English words still read
	{"in a week", "2026-06-17", 0},

	{"ayer", "", DatePassed},
	{"el lunes pasado", "", DatePassed},
	{"la semana pasada", "", DatePassed},
	{"hace 3 días", "", DatePassed},
	{"pronto", "", DateVague},
	{"algún día", "", DateVague},
	{"no sé", "", DateVague},
	{"junio", "", DateVague},
	{"30 de febrero", "", DateImpossible},
	{"32/1", "", DateImpossible},
	{"el 32", "", DateImpossible},
	{"en 3 años", "", DateTooFar},
	{"cuando la luna", "", DateNotUnderstood},
}

func TestParseDateIn_Spanish(t *testing.T) {
	now := dateTestNows(t)["ref"]
	for _, tc := range esDateRows {
		got, err := ParseDateIn(Spanish, tc.phrase, now)
		if tc.want == "" {
			var de *DateError
			if !errors.As(err, &de) || de.Kind != tc.kind {
				t.Errorf("ParseDateIn(Spanish, %q) = %v, %v; want an error of kind %d", tc.phrase, got, err, tc.kind)
				continue
			}
			dateCheckMessage(t, tc.phrase, de.Error())
			for _, english := range []string{"That", "Which", "Could", "the ", "day"} {
				if strings.Contains(de.Error(), english) {
					t.Errorf("ParseDateIn(Spanish, %q): the message %q has English in it (%q)", tc.phrase, de.Error(), english)
				}
			}
			continue
		}
		if err != nil || got.Format("2006-01-02") != tc.want {
			t.Errorf("ParseDateIn(Spanish, %q) = %s, %v; want %s", tc.phrase, got.Format("2006-01-02"), err, tc.want)
		}
	}
	if n := len(esDateRows); n < 40 {
		t.Errorf("only %d Spanish phrases", n)
	}
}

func TestParseDateIn_SpanishMessages(t *testing.T) {
	now := dateTestNows(t)["ref"]
	for phrase, want := range map[string]string{
		"30 de febrero":  "No existe el 30 de febrero. ¿Qué día querías decir?",
		"junio":          "junio es un mes entero. ¿Qué día de junio te queda bien?",
		"pronto":         `"pronto" todavía no es una fecha, y está bien. ¿Puedes elegir un día? Por ejemplo "el viernes", "el 20" o "en dos semanas".`,
		"el lunes 12/6":  "El 12 de junio es viernes, no lunes. ¿Qué día querías decir?",
		"mañana 12/6":    "El 12 de junio no es mañana: mañana es jueves 11 de junio. ¿Qué día querías decir?",
		"el 32":          "Ningún mes tiene día 32. ¿Qué día querías decir?",
		"cuando la luna": `No pude entender "cuando la luna" como fecha. Puedes decir "el viernes", "el 20", "la próxima semana" o "3 de junio".`,
	} {
		_, err := ParseDateIn(Spanish, phrase, now)
		if err == nil || err.Error() != want {
			t.Errorf("ParseDateIn(Spanish, %q) error\n got %v\nwant %s", phrase, err, want)
		}
	}
}

// English speakers keep month/day, and a Spanish speaker's numbers are day/month.
func TestParseDateIn_NumericOrder(t *testing.T) {
	now := dateTestNows(t)["ref"]
	for _, tc := range []struct {
		lang   Lang
		phrase string
		want   string
	}{
		{English, "7/3", "2026-07-03"},
		{Spanish, "7/3", "2027-03-07"},
		{English, "6/20", "2026-06-20"},
		{Spanish, "20/6", "2026-06-20"},
		{Spanish, "2027/6/3", "2027-06-03"}, // year first stays year/month/day
	} {
		got, err := ParseDateIn(tc.lang, tc.phrase, now)
		if err != nil || got.Format("2006-01-02") != tc.want {
			t.Errorf("ParseDateIn(%s, %q) = %s, %v; want %s", tc.lang, tc.phrase, got.Format("2006-01-02"), err, tc.want)
		}
	}
	if _, err := ParseDateIn(English, "20/6", now); err == nil {
		t.Error(`ParseDateIn(English, "20/6") read a date; English is month/day`)
	}
}

func TestAmbiguousDayMonth(t *testing.T) {
	for phrase, want := range map[string]bool{"3/7": true, "el 3/7": true, "20/6": false, "6/6": false, "03/07/2027": true,
		"mañana": false, "1/13": false, "12/11": true} {
		if got := AmbiguousDayMonth(phrase); got != want {
			t.Errorf("AmbiguousDayMonth(%q) = %v, want %v", phrase, got, want)
		}
	}
}

func TestFindDateIn_Spanish(t *testing.T) {
	now := dateTestNows(t)["ref"]
	for _, tc := range []struct {
		sentence, rest, want string
	}{
		{"llamar a la oficina de vivienda el lunes", "llamar a la oficina de vivienda", "2026-06-15"},
		{"comprar la caña de pescar mañana", "comprar la caña de pescar", "2026-06-11"},
		{"ir al taller de currículum el 20 de junio", "ir al taller de currículum", "2026-06-20"},
		{"pedir el acta de nacimiento para fin de mes", "pedir el acta de nacimiento", "2026-06-30"},
		{"mandar el formulario en dos semanas", "mandar el formulario", "2026-06-24"},
		{"subir al 5 piso", "", ""}, // a count, not a date
		{"caminar 3 veces por semana", "", ""},
		{"hablar con mi hermana", "", ""},
	} {
		rest, got, ok := FindDateIn(Spanish, tc.sentence, now)
		if tc.want == "" {
			if ok {
				t.Errorf("FindDateIn(%q) found %s in it", tc.sentence, got.Format("2006-01-02"))
			}
			continue
		}
		if !ok || rest != tc.rest || got.Format("2006-01-02") != tc.want {
			t.Errorf("FindDateIn(%q) = %q, %s, %v; want %q, %s", tc.sentence, rest, got.Format("2006-01-02"), ok, tc.rest, tc.want)
		}
	}
}

func FuzzParseDateEs(f *testing.F) {
	for _, tc := range esDateRows {
		f.Add(tc.phrase, int64(0), uint8(0))
	}
	f.Add("el 31", int64(-86400*130), uint8(1))
	f.Add("29 de febrero", int64(86400*600), uint8(2))
	zones := []*time.Location{
		dateTestZone(f, "America/Chicago"), dateTestZone(f, "Pacific/Auckland"),
		dateTestZone(f, "America/Mexico_City"), dateTestZone(f, "Pacific/Kiritimati"), time.UTC,
	}
	ref := dateTestNows(f)["ref"]
	const span = 30 * 365 * 86400
	f.Fuzz(func(t *testing.T, phrase string, secs int64, zone uint8) {
		now := ref.Add(time.Duration(secs%span) * time.Second).In(zones[int(zone)%len(zones)])
		got, err := ParseDateIn(Spanish, phrase, now)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDateIn(Spanish, %q) error %T %v, want *DateError", phrase, err, err)
			}
			dateCheckMessage(t, phrase, de.Error())
			return
		}
		y, m, d := now.Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if got.Location() != time.UTC || !got.Equal(got.Truncate(24*time.Hour)) {
			t.Fatalf("ParseDateIn(Spanish, %q, %v) = %v, not midnight UTC", phrase, now, got)
		}
		if got.Before(today) || got.After(today.AddDate(2, 0, 1)) {
			t.Fatalf("ParseDateIn(Spanish, %q, %v) = %v, outside [today, today+2y]", phrase, now, got)
		}
		// What Cairn says back in Spanish reads back as the same day.
		said := SayDateIn(Spanish, got, now)
		if back, err := ParseDateIn(Spanish, said, now); err != nil || !back.Equal(got) {
			t.Fatalf("ParseDateIn(Spanish, %q, %v) = %v, but SayDateIn says %q which reads as %v, %v", phrase, now, got, said, back, err)
		}
	})
}

// BenchmarkParseDateIn: a Spanish phrase costs its translation on top of
// the English parse.
func BenchmarkParseDateIn(b *testing.B) {
	now := dateTestNows(b)["ref"]
	for _, tc := range []struct {
		lang   Lang
		phrase string
	}{{English, "next Friday"}, {Spanish, "el viernes de la próxima semana"}, {English, "June 20"}, {Spanish, "20 de junio"}} {
		b.Run(string(tc.lang)+"/"+tc.phrase, func(b *testing.B) {
			for b.Loop() {
				if _, err := ParseDateIn(tc.lang, tc.phrase, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

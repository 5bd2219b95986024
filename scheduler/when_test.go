package scheduler

import (
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
)

func TestSayWhen_InTheReadersLanguage(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 15, 9, 0, 0, 0, ny) // a Monday
	for _, tc := range []struct {
		lang    conversations.Lang
		session time.Time
		want    string
	}{
		{conversations.English, time.Date(2026, 6, 15, 18, 0, 0, 0, ny), "today at 6:00 PM"},
		{conversations.English, time.Date(2026, 6, 16, 13, 0, 0, 0, ny), "tomorrow at 1:00 PM"},
		{conversations.English, time.Date(2026, 6, 23, 9, 30, 0, 0, ny), "Tuesday, June 23 at 9:30 AM"},
		{conversations.Spanish, time.Date(2026, 6, 15, 18, 0, 0, 0, ny), "hoy a las 6:00 de la tarde"},
		{conversations.Spanish, time.Date(2026, 6, 16, 13, 0, 0, 0, ny), "mañana a la 1:00 de la tarde"},
		{conversations.Spanish, time.Date(2026, 6, 23, 9, 30, 0, 0, ny), "el martes 23 de junio a las 9:30 de la mañana"},
		{conversations.Spanish, time.Date(2027, 1, 5, 0, 15, 0, 0, ny), "el martes 5 de enero de 2027 a las 12:15 de la mañana"},
		{conversations.Spanish, time.Date(2026, 6, 15, 19, 30, 0, 0, ny), "hoy a las 7:30 de la noche"},
		{conversations.English, time.Date(2026, 6, 15, 19, 30, 0, 0, ny), "today at 7:30 PM"},
	} {
		if got := sayWhen(conversations.WordsFor(tc.lang), tc.lang, tc.session, now, ny); got != tc.want {
			t.Errorf("sayWhen(%s, %v) = %q, want %q", tc.lang, tc.session, got, tc.want)
		}
	}
}

func TestOnDate_SpanishTakesAnArticle(t *testing.T) {
	now := time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC) // a Monday
	for _, tc := range []struct {
		lang conversations.Lang
		date time.Time
		want string
	}{
		{conversations.Spanish, time.Date(2026, 6, 16, 0, 0, 0, 0, time.UTC), "mañana, martes 16 de junio"},
		{conversations.Spanish, time.Date(2026, 6, 23, 0, 0, 0, 0, time.UTC), "el martes 23 de junio"},
		{conversations.English, time.Date(2026, 6, 23, 0, 0, 0, 0, time.UTC), "Tuesday, June 23"},
		{conversations.English, time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC), "today, Monday, June 15"},
	} {
		if got := onDate(conversations.WordsFor(tc.lang), tc.lang, tc.date, now); got != tc.want {
			t.Errorf("onDate(%s, %v) = %q, want %q", tc.lang, tc.date, got, tc.want)
		}
	}
}

package bot

import (
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// TestRecapSessions_NotBeforeTheGroupBegan: the recap's session picker
// offers the sessions since the group was set up in Cairn (with a day's
// grace, for a group set up just after its meeting), not weeks before it.
func TestRecapSessions_NotBeforeTheGroupBegan(t *testing.T) {
	now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC) // a Wednesday
	g := store.Group{ID: "CG", Schedule: "CRON_TZ=UTC 0 18 * * TUE", ScheduleText: "Tuesdays 6pm",
		CreatedAt: time.Date(2026, 6, 3, 9, 0, 0, 0, time.UTC)} // the morning after a Tuesday session
	got := recapSessionsOf(g, now)
	want := []time.Time{time.Date(2026, 6, 9, 18, 0, 0, 0, time.UTC), time.Date(2026, 6, 2, 18, 0, 0, 0, time.UTC)}
	if len(got) != len(want) || !got[0].Equal(want[0]) || !got[1].Equal(want[1]) {
		t.Errorf("sessions offered %v, want %v", got, want)
	}
	g.CreatedAt = time.Time{} // unknown: the last six
	if n := len(recapSessionsOf(g, now)); n != recapSessions {
		t.Errorf("with no creation time, %d sessions, want %d", n, recapSessions)
	}
}

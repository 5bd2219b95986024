package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/store"
)

// benchYear builds, on a real bbolt file, a group of n members with a year
// of weekly history: 52 sessions, each member with a goal, one step planned
// a week (done in seven weeks of ten) and a check-in for most sessions,
// sharing everything, their steps, or only that they checked in, a third
// each. Writes go in parallel so the store's group commit takes them.
func benchYear(b *testing.B, n int) (st *store.Store, first, now time.Time) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "cairn.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	first = time.Date(2025, 6, 3, 23, 0, 0, 0, time.UTC) // a Tuesday, 6 PM in Chicago
	now = first.AddDate(0, 0, 7*52-1)
	g := store.Group{ID: "CBENCH", Name: "A big group", Schedule: "CRON_TZ=America/Chicago 0 18 * * 2", ScheduleText: "Tuesdays 6pm",
		TZ: "America/Chicago", Facilitators: []string{"UFAC"}, Sharing: map[string]store.Sharing{}, CreatedAt: first.Add(-24 * time.Hour)}
	shares := []store.Sharing{store.ShareAll, store.ShareSteps, store.ShareCheckedIn}
	ids := make(chan int)
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	for range 64 {
		wg.Go(func() {
			for i := range ids {
				if err := benchMember(ctx, st, i, first); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := range n {
		id := fmt.Sprintf("U%07d", i)
		g.Members = append(g.Members, id)
		g.Sharing[id] = shares[i%3]
		ids <- i
	}
	close(ids)
	wg.Wait()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	if err := st.SaveGroup(ctx, g); err != nil {
		b.Fatal(err)
	}
	return st, first, now
}

func benchMember(ctx context.Context, st *store.Store, i int, first time.Time) error {
	id := fmt.Sprintf("U%07d", i)
	var steps []store.Step
	for w := range 52 {
		at := first.AddDate(0, 0, 7*w)
		s := store.Step{What: fmt.Sprintf("step %d of the year, in a few words", w), Owner: store.OwnerMe,
			Due: at.Add(-24 * time.Hour).Truncate(24 * time.Hour)}
		if (i+w)%10 < 7 {
			s.DoneAt = at.Add(-3 * time.Hour)
		}
		steps = append(steps, s)
	}
	_, err := st.ApplyTurn(ctx, store.Turn{MemberID: id, Member: &store.Member{ID: id, Name: fmt.Sprintf("Member %d", i), TZ: "America/Chicago"},
		Goal: &store.Goal{Text: "Find a place of my own by winter", Status: store.GoalActive}, NewSteps: steps, At: first})
	if err != nil {
		return err
	}
	for w := range 52 {
		if (i+w)%8 == 0 {
			continue // missed one in eight
		}
		c := store.CheckIn{MemberID: id, GroupID: "CBENCH", SessionAt: first.AddDate(0, 0, 7*w),
			Did: "Called the housing office and left a message", Plan: "Visit the apartment on Elm Street",
			Importance: 8, Confidence: 6}
		if _, err := st.SaveCheckIn(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

// benchRecaps gives each of the year's 52 sessions a recap listing as
// there the members who checked in for it (benchMember's one in eight
// missed), as a facilitator would tick them.
func benchRecaps(b *testing.B, st *store.Store, first time.Time, n int) {
	b.Helper()
	for w := range 52 {
		r := store.Recap{GroupID: "CBENCH", Session: first.AddDate(0, 0, 7*w), By: "UFAC", Wins: "We laughed a lot"}
		for i := range n {
			if (i+w)%8 != 0 {
				r.Attended = append(r.Attended, fmt.Sprintf("U%07d", i))
			}
		}
		if _, _, err := st.SaveRecap(context.Background(), r, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport is /cairn export's work for 1,000 members with a year of
// weekly sessions, each with its recap: the one read, the audit entries,
// and the CSV with its attendance column (the JSON size is reported too). Slack's upload is not in it. GroupChartRead is
// the read behind a group's chart (its last 12 sessions); drawing it is
// internal/chart's BenchmarkGroupChart.
func BenchmarkExport(b *testing.B) {
	st, first, now := benchYear(b, 1000)
	benchRecaps(b, st, first, 1000)
	ctx := context.Background()
	b.Run("CSV", func(b *testing.B) {
		var csvBytes, rows int
		// CPU time as well as wall time: on a shared machine the wall
		// time says more about the neighbours than about the export.
		cpu0, loops := cpuTime(b), 0
		for b.Loop() {
			loops++
			p, err := bot.ExportGroup(ctx, st, "CBENCH", "UFAC", time.Time{}, now)
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if err := p.WriteCSV(&buf); err != nil {
				b.Fatal(err)
			}
			csvBytes, rows = buf.Len(), len(p.Rows)
			if len(p.Sessions) != 52 {
				b.Fatalf("%d sessions", len(p.Sessions))
			}
			if !bytes.Contains(buf.Bytes(), []byte(",yes\n")) || !bytes.Contains(buf.Bytes(), []byte(",no\n")) {
				b.Fatal("the export has no attendance")
			}
		}
		b.ReportMetric(float64((cpuTime(b)-cpu0).Milliseconds())/float64(loops), "cpu-ms/op")
		p, err := st.GroupProgress(ctx, "CBENCH", store.ProgressQuery{})
		if err != nil {
			b.Fatal(err)
		}
		var js bytes.Buffer
		if err := p.WriteJSON(&js); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rows), "rows")
		b.ReportMetric(float64(csvBytes)/1e6, "csv-MB")
		b.ReportMetric(float64(js.Len())/1e6, "json-MB")
	})
	b.Run("GroupChartRead", func(b *testing.B) {
		// The last 12 sessions, as the group's schedule gives them.
		var last12 []time.Time
		for w := 40; w < 52; w++ {
			last12 = append(last12, first.AddDate(0, 0, 7*w))
		}
		cpu0, loops := cpuTime(b), 0
		for b.Loop() {
			loops++
			p, err := st.GroupProgress(ctx, "CBENCH", store.ProgressQuery{Sessions: last12, Until: now, Last: 12})
			if err != nil {
				b.Fatal(err)
			}
			if len(p.Sessions) != 12 {
				b.Fatalf("%d sessions", len(p.Sessions))
			}
		}
		b.ReportMetric(float64((cpuTime(b)-cpu0).Milliseconds())/float64(loops), "cpu-ms/op")
	})
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

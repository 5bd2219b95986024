package bot

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// BenchmarkFacilitatorHome builds and publishes the App Home of the
// facilitator of a group of 50 members with a year of weekly sessions: each
// member has a goal with 52 weekly steps (all but the last few done) and 52
// check-ins, on a real bbolt file. Cairn's own rate limits are on, and the
// fake Slack enforces Slack's Tier 4 for views.publish too.
//
//   - build: what refreshHome does before the publish (the facilitator's
//     view, the groups, 50 members' records, goals, steps and recent
//     check-ins in one read, the audit entries in one commit, the blocks);
//   - read and audit: the two store calls build makes, alone;
//   - refresh: the whole refreshHome, views.publish included. Run it with
//     -benchtime=20x or less: views.publish allows 20 at once, then one
//     every 0.6 s, and beyond the burst that wait is all a refresh
//     measures (-benchtime=40x shows it).
func BenchmarkFacilitatorHome(b *testing.B) {
	chicago, _ := time.LoadLocation("America/Chicago")
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	st, err := store.Open(filepath.Join(b.TempDir(), "cairn.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	st.Now = func() time.Time { return now }
	seedYear(b, st, now, 50)
	ctx := context.Background()
	bt, _ := benchHomeBot(b, st, now)
	const fac = "UFAC"
	// The parts of build, to see what dominates it.
	g, err := st.Group(ctx, "C1")
	if err != nil {
		b.Fatal(err)
	}
	fg := facGroupAt(g, now)
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Rosters(ctx, g.Members, fg.since()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("audit", func(b *testing.B) {
		entries := make([]store.AuditEntry, 0, len(g.Members))
		for _, m := range g.Members {
			entries = append(entries, store.AuditEntry{At: now, Actor: fac, Subject: m, GroupID: g.ID, What: auditHome})
		}
		for b.Loop() {
			if err := st.RecordAudit(ctx, entries...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			view, err := st.MemberView(ctx, fac)
			if err != nil {
				b.Fatal(err)
			}
			groups, err := st.Groups(ctx)
			if err != nil {
				b.Fatal(err)
			}
			home, err := bt.homeFor(ctx, fac, view, groups, scheduler.NextSession(groups, fac, now), now)
			if err != nil {
				b.Fatal(err)
			}
			if n := len(home.Blocks.BlockSet); n > homeBlockMax || n < 5 {
				b.Fatalf("%d blocks", n)
			}
		}
	})
	b.Run("refresh", func(b *testing.B) {
		// A bot and a Slack of its own, so each run starts with the whole
		// burst (-count runs this function again with the same parent).
		bt, fake := benchHomeBot(b, st, now)
		for b.Loop() {
			if err := bt.refreshHome(ctx, fac); err != nil {
				b.Fatal(err)
			}
		}
		// Publishes Slack refused (and Cairn retried after Retry-After):
		// Cairn's limiter and Slack's window do not start in step.
		b.ReportMetric(float64(fake.Throttled("views.publish")), "429s")
	})
}

// benchHomeBot is a bot with its rate limits on, over st, and a fake Slack
// that enforces Slack's Tier 4 on views.publish (100 a minute, bursts of
// 20), both closed when b ends.
func benchHomeBot(b *testing.B, st *store.Store, now time.Time) (*Bot, *fakeslack.Server) {
	b.Helper()
	fake := fakeslack.New()
	b.Cleanup(fake.Close)
	fake.RateLimit("views.publish", 100.0/60, 20)
	bt, err := New(Config{BotToken: "xoxb-bench", APIURL: fake.APIURL(), CallTimeout: 5 * time.Second,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, st)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { bt.Close() })
	bt.Now = func() time.Time { return now }
	return bt, fake
}

// seedYear writes a group of n members who met every Tuesday for a year
// before now: one goal each with a step a week (done, but for the last
// three) and a check-in for every session. Members are written in
// parallel, so the store's group commit batches them.
func seedYear(b *testing.B, st *store.Store, now time.Time, n int) {
	b.Helper()
	ctx := context.Background()
	sched, err := scheduler.ParseSchedule("Tuesdays 6pm", now.Location())
	if err != nil {
		b.Fatal(err)
	}
	yearAgo := now.AddDate(-1, 0, 0)
	sessions := sched.Sessions(yearAgo, now, 0)
	sessions = sessions[len(sessions)-52:]
	if len(sessions) != 52 {
		b.Fatalf("%d sessions in the year", len(sessions))
	}
	ids := make([]string, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range ids {
		id := fmt.Sprintf("U%05d", i)
		ids[i] = id
		wg.Go(func() {
			errs <- seedMember(ctx, st, id, yearAgo, sessions)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	sh := map[string]store.Sharing{}
	for i, id := range ids {
		sh[id] = []store.Sharing{store.ShareAll, store.ShareSteps, store.ShareCheckedIn}[i%3]
	}
	if err := st.SaveMember(ctx, store.Member{ID: "UFAC", Name: "Fran", TZ: "America/Chicago", CreatedAt: yearAgo}); err != nil {
		b.Fatal(err)
	}
	if err := st.SaveGroup(ctx, store.Group{ID: "C1", Name: "Tuesday group", Schedule: sched.Spec, ScheduleText: sched.Text,
		TZ: "America/Chicago", Members: ids, Facilitators: []string{"UFAC"}, Sharing: sh, CreatedAt: yearAgo}); err != nil {
		b.Fatal(err)
	}
}

func seedMember(ctx context.Context, st *store.Store, id string, since time.Time, sessions []time.Time) error {
	if err := st.SaveMember(ctx, store.Member{ID: id, Name: "Member " + id, TZ: "America/Chicago", CreatedAt: since}); err != nil {
		return err
	}
	gid, err := st.SaveGoal(ctx, store.Goal{MemberID: id, Text: "Find a part-time job and keep it through the winter",
		Why: "so I can pay my own rent", Status: store.GoalActive, CreatedAt: since})
	if err != nil {
		return err
	}
	for i, s := range sessions {
		step := store.Step{GoalID: gid, MemberID: id, What: fmt.Sprintf("step %d of a year of steps toward the goal", i+1),
			Due: time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe, CreatedAt: since}
		if i < len(sessions)-3 {
			step.DoneAt = s.Add(-24 * time.Hour)
		}
		sid, err := st.SaveStep(ctx, step)
		if err != nil {
			return err
		}
		c := store.CheckIn{MemberID: id, GroupID: "C1", SessionAt: s, Did: "called two places about work and went to the workshop",
			Plan: "keep going with the next step", Importance: 8, Confidence: 7, CreatedAt: s.Add(-3 * time.Hour)}
		if !step.DoneAt.IsZero() {
			c.StepsDone = []uint64{sid}
		}
		if _, err := st.SaveCheckIn(ctx, c); err != nil {
			return err
		}
	}
	return nil
}

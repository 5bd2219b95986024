package bot_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// TestSpanish_DeliveriesThroughSlack runs a week of a group's deliveries
// through the bot and the fake Slack: María (Slack locale es-MX) gets her
// check-in prompt and her reminder in Spanish, with the session's time in
// Spanish; Dana, her step's helper (Spanish too), gets the one helper
// reminder in Spanish; Fay, the English facilitator, gets her digest in
// English with María's words as María wrote them.
func TestSpanish_DeliveriesThroughSlack(t *testing.T) {
	chi, _ := time.LoadLocation("America/Chicago")
	var mu sync.Mutex
	at := time.Date(2026, 6, 15, 8, 0, 0, 0, chi) // the session is Tuesday, June 16, 6 PM
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return at }
	fake := fakeslack.New(fakeslack.WithClock(clock))
	t.Cleanup(fake.Close)
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store consistency: %v", err)
		}
		st.Close()
	})
	st.Now = clock
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	b, err := bot.New(bot.Config{BotToken: "xoxb-test", APIURL: fake.APIURL(), NoLimits: true, CallTimeout: 5 * time.Second, Logger: quiet}, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	b.Now = clock
	sched := scheduler.New(st, b.Runner(), b, scheduler.Config{Logger: quiet})
	sched.Now = clock

	ctx := context.Background()
	weekly, err := scheduler.ParseSchedule("Tuesdays 6pm", chi)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []store.Member{
		{ID: "UMARIA", Name: "María", TZ: "America/Chicago", Lang: "es-MX"},
		{ID: "UDANA", Name: "Dana", TZ: "America/Chicago", Lang: "es"},
		{ID: "UFAC", Name: "Fay", TZ: "America/Chicago"},
	} {
		if err := st.SaveMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SaveGroup(ctx, store.Group{ID: "C1", Name: "Grupo del martes", Schedule: weekly.Spec, ScheduleText: weekly.Text,
		TZ: "America/Chicago", Members: []string{"UMARIA"}, Facilitators: []string{"UFAC"},
		Sharing: map[string]store.Sharing{"UMARIA": store.ShareAll}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyTurn(ctx, store.Turn{MemberID: "UMARIA", At: at,
		Goal: &store.Goal{Text: "Un trabajo de medio tiempo para marzo", Status: store.GoalActive},
		NewSteps: []store.Step{
			{What: "Llamar al centro de empleo", Due: time.Date(2026, 6, 18, 0, 0, 0, 0, time.UTC), Owner: store.OwnerPerson,
				OwnerName: "mi hermana <@UDANA>", HelperID: "UDANA", HelperOK: true},
		},
	}); err != nil {
		t.Fatal(err)
	}

	// The clock runs from Monday morning to Wednesday noon, a tick every
	// quarter hour.
	for end := time.Date(2026, 6, 17, 12, 0, 0, 0, chi); ; {
		if err := sched.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		at = at.Add(15 * time.Minute)
		done := at.After(end)
		mu.Unlock()
		if done {
			break
		}
	}
	to := func(user string) string {
		var texts []string
		for _, c := range fake.CallsTo("chat.postMessage") {
			if ch := c.Params["channel"]; ch == user || ch == fakeslack.DMChannel(user) {
				texts = append(texts, c.Params["text"])
			}
		}
		return strings.Join(texts, "\n---\n")
	}
	maria, dana, fay := to("UMARIA"), to("UDANA"), to("UFAC")
	for _, want := range []string{
		fmt.Sprintf(es.PromptIntroNamed, "Grupo del martes", "mañana a las 6:00 de la tarde"),
		prefix(es.CheckinDid),
		fmt.Sprintf(es.PromptReminderNamed, "Grupo del martes", "hoy a las 6:00 de la tarde"),
	} {
		if !strings.Contains(maria, want) {
			t.Errorf("María's DMs lack %q:\n%s", want, maria)
		}
	}
	for _, english := range []string{en.PromptReminderNamed[:20], "PM", "Check-in time"} {
		if strings.Contains(maria, english) {
			t.Errorf("María's DMs have English %q:\n%s", english, maria)
		}
	}
	if want := prefix(es.HelperReminder); !strings.Contains(dana, want) || !strings.Contains(dana, "Llamar al centro de empleo") ||
		!strings.Contains(dana, "es para mañana, jueves 18 de junio") {
		t.Errorf("Dana's helper reminder is not in Spanish (want %q … “es para mañana, jueves 18 de junio”):\n%s", want, dana)
	}
	if !strings.Contains(fay, "checked in") || strings.Contains(fay, "hicieron check-in") {
		t.Errorf("Fay's digest is not in English:\n%s", fay)
	}
}

package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// TestWords_EachReaderInTheirLanguage: a Spanish member's prompt,
// reminder and nudge are Spanish, an English member's in the same group
// English; an English facilitator's digest is English with the Spanish
// member's words as she wrote them, a Spanish facilitator's is Spanish;
// a Spanish navigator's list is Spanish.
func TestWords_EachReaderInTheirLanguage(t *testing.T) {
	start := time.Date(2026, 6, 15, 8, 0, 0, 0, newYork) // a Monday
	session := time.Date(2026, 6, 16, 18, 0, 0, 0, newYork)
	w := newWorld(t, start)
	sched := weekly(t, "Tuesdays 6pm", newYork)
	w.saveGroup(store.Group{ID: "C1", Name: "Grupo del martes", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: "America/New_York",
		Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAY", "UFER"}, Navigators: []string{"UNIA"},
		NavigatorOf: map[string]string{"UANA": "UNIA", "UBEN": "UNIA"},
		Sharing:     map[string]store.Sharing{"UANA": store.ShareAll}, CreatedAt: start.AddDate(0, -1, 0).UTC()},
		store.Member{ID: "UANA", Name: "Ana", TZ: "America/New_York", Lang: "es-MX"},
		store.Member{ID: "UBEN", Name: "Ben", TZ: "America/New_York"},
		store.Member{ID: "UFAY", Name: "Fay", TZ: "America/New_York"},             // English: no language set
		store.Member{ID: "UFER", Name: "Fer", TZ: "America/New_York", Lang: "es"}, // Spanish
		store.Member{ID: "UNIA", Name: "Nia", TZ: "America/New_York", Lang: "es"})
	ctx := context.Background()
	if _, err := w.st.ApplyTurn(ctx, store.Turn{MemberID: "UANA", At: start,
		Goal:     &store.Goal{Text: "Conseguir un trabajo de medio tiempo", Status: store.GoalActive},
		NewSteps: []store.Step{{What: "Llamar a la oficina de empleo", Due: time.Date(2026, 6, 16, 0, 0, 0, 0, time.UTC), Owner: store.OwnerMe, Practise: true}},
	}); err != nil {
		t.Fatal(err)
	}
	w.run(start.Add(2*time.Hour), 30*time.Minute) // the navigator's list, at 9
	if _, err := w.sched.NudgeMember(ctx, "UNIA", "UANA", w.clock.Now()); err != nil {
		t.Fatal(err)
	}
	w.run(session.Add(-5*time.Hour), 30*time.Minute) // the prompts
	if _, err := w.st.ApplyTurn(ctx, store.Turn{MemberID: "UANA", At: w.clock.Now(), CheckIn: &store.CheckIn{GroupID: "C1", SessionAt: session.UTC(),
		Did: "Fui a la clínica y hablé con la enfermera", Plan: "Llamar otra vez el lunes", Importance: 8, Confidence: -1}}); err != nil {
		t.Fatal(err)
	}
	w.run(session.Add(-30*time.Minute), 30*time.Minute) // the reminders and digests

	got := map[string]string{}
	for _, d := range w.deliveries() {
		got[string(d.kind)+" "+d.to] += d.text
	}
	for _, tc := range []struct {
		what      string
		want, not []string
	}{
		{"prompt UANA", []string{"Grupo del martes se reúne mañana a las 6:00 de la tarde."}, []string{"meets"}},
		{"prompt UBEN", []string{"Grupo del martes meets tomorrow at 6:00 PM."}, []string{"se reúne"}},
		{"reminder UBEN", []string{"A gentle reminder: Grupo del martes meets today at 6:00 PM."}, nil},
		{"nudge UANA", []string{"Hola, solo pasaba a saludarte."}, []string{"Hi"}},
		{"digest UFAY", []string{"Grupo del martes meets today at 6:00 PM. 1 of 2 checked in.", "Ben hasn't checked in yet.",
			"✓ Ana: did “Fui a la clínica y hablé con la enfermera” · plans “Llamar otra vez el lunes” · importance 8/10, confidence –",
			"To practise in the group", "Ana would like to practise: “Llamar a la oficina de empleo”"}, []string{"se reúne", "hizo"}},
		{"digest UFER", []string{"Grupo del martes se reúne hoy a las 6:00 de la tarde. 1 de 2 ya contaron cómo van.", "Ben todavía no ha contado cómo va.",
			"✓ Ana: hizo “Fui a la clínica y hablé con la enfermera” · piensa “Llamar otra vez el lunes” · importancia 8/10, confianza –",
			"Para practicar en el grupo"}, []string{"meets", "checked in"}},
		{"nudges UNIA", []string{"Buenos días.", "Ana (comparte todo): “Llamar a la oficina de empleo” es para mañana, martes 16 de junio"}, []string{"Good morning", "due"}},
	} {
		text, ok := got[tc.what]
		if !ok {
			t.Errorf("no %s was sent; sent: %v", tc.what, keysOf(got))
			continue
		}
		for _, want := range tc.want {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q:\n%s", tc.what, want, text)
			}
		}
		for _, not := range tc.not {
			if strings.Contains(text, not) {
				t.Errorf("%s has %q, not in its reader's language:\n%s", tc.what, not, text)
			}
		}
	}
}

func keysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

package conversations_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestRunner_SpanishEndToEnd walks both whole flows through the Runner over
// a real bbolt file, typing only Spanish: the first words switch the member
// to Spanish (asked once), a goal is set with two steps (one dated in its
// own words, one "el 20" and "mi navegadora"), and a check-in marks a
// step, adds the plan as a step and rates it. Every answer lands where it
// belongs, and the member's language is kept with them.
func TestRunner_SpanishEndToEnd(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago) // Wednesday
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	es := conversations.WordsFor(conversations.Spanish)

	stage := func() (conversations.Flow, string) {
		t.Helper()
		conv, err := st.Conversation(ctx, "U1")
		if err != nil {
			return conversations.FlowNone, ""
		}
		var s struct {
			Flow  conversations.Flow `json:"flow"`
			Stage string             `json:"stage"`
		}
		if err := json.Unmarshal(conv.State, &s); err != nil {
			t.Fatal(err)
		}
		return s.Flow, s.Stage
	}
	turn := func(text string, wantFlow conversations.Flow, wantStage string) []conversations.Reply {
		t.Helper()
		replies, err := r.Handle(ctx, "U1", conversations.Input{Text: text}, now)
		if err != nil {
			t.Fatalf("turn %q: %v", text, err)
		}
		if flow, stage := stage(); flow != wantFlow || stage != wantStage {
			t.Fatalf("after %q: %s/%s, want %s/%s", text, flow, stage, wantFlow, wantStage)
		}
		return replies
	}
	lang := func() string {
		t.Helper()
		m, err := st.Member(ctx, "U1")
		if err != nil {
			t.Fatal(err)
		}
		return m.Lang
	}

	// The first words: Spanish, asked once, and the flow starts.
	replies := turn("hola, quiero poner una meta", conversations.FlowGoal, "dream")
	if len(replies) == 0 || replies[0].Text != es.LangAsk {
		t.Fatalf("first replies %+v: want the language question first", replies)
	}
	if got := lang(); got != conversations.StoredLang(conversations.Spanish, true) {
		t.Fatalf("Lang %q after Spanish first words", got)
	}
	turn("Volver a trabajar con madera", conversations.FlowGoal, "happy")
	turn("Un taller y unos amigos", conversations.FlowGoal, "goal")
	turn("Terminar una casita para pájaros para julio", conversations.FlowGoal, "sure")
	turn("8", conversations.FlowGoal, "why")
	turn("Me da calma", conversations.FlowGoal, "support")
	turn("nadie todavía", conversations.FlowGoal, "step_what")
	turn("Comprar tablas de pino el viernes", conversations.FlowGoal, "step_who") // the day was in the words
	turn("yo", conversations.FlowGoal, "step_more")
	turn("sí", conversations.FlowGoal, "step_what")
	turn("Ir al taller de carpintería", conversations.FlowGoal, "step_when")
	turn("ayuda", conversations.FlowGoal, "step_when") // help about the question, which stays
	turn("el 20", conversations.FlowGoal, "step_who")
	turn("mi navegadora", conversations.FlowGoal, "step_more")
	turn("eso es todo", conversations.FlowGoal, "enjoy")
	turn("Elegir la madera", conversations.FlowGoal, "confirm")
	turn("guardar", conversations.FlowNone, "")

	view, err := st.MemberView(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	if len(view.Goals) != 1 {
		t.Fatalf("goals %+v", view.Goals)
	}
	g := view.Goals[0]
	if g.Goal.Text != "Terminar una casita para pájaros para julio" || g.Goal.Why != "Me da calma" || g.Goal.Supporters != "" {
		t.Fatalf("goal %+v", g.Goal)
	}
	if len(g.Steps) != 2 {
		t.Fatalf("steps %+v", g.Steps)
	}
	want := []struct {
		what, due string
		owner     store.OwnerKind
	}{{"Comprar tablas de pino", "2026-06-12", store.OwnerMe}, {"Ir al taller de carpintería", "2026-06-20", store.OwnerNavigator}}
	for i, w := range want {
		s := g.Steps[i]
		if s.What != w.what || s.Due.Format(time.DateOnly) != w.due || s.Owner != w.owner || s.OwnerName != "" {
			t.Errorf("step %d = %q %s %q %q, want %q %s %q", i+1, s.What, s.Due.Format(time.DateOnly), s.Owner, s.OwnerName, w.what, w.due, w.owner)
		}
	}

	// A check-in, typed in Spanish from the start.
	now = now.Add(48 * time.Hour) // Friday
	turn("revisar", conversations.FlowCheckIn, "did")
	turn("mis pasos", conversations.FlowCheckIn, "did") // a command, not an answer
	turn("el primero", conversations.FlowCheckIn, "plan")
	turn("Ir a la ferretería el sábado", conversations.FlowCheckIn, "plan_as_step")
	turn("sí", conversations.FlowCheckIn, "step_who")
	turn("yo mismo", conversations.FlowCheckIn, "importance")
	turn("9", conversations.FlowCheckIn, "confidence")
	turn("7", conversations.FlowNone, "")

	view, err = st.MemberView(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	ci := view.LastCheckIn
	if ci == nil || len(ci.StepsDone) != 1 || ci.StepsDone[0] != g.Steps[0].ID || ci.Plan != "Ir a la ferretería el sábado" ||
		ci.Importance != 9 || ci.Confidence != 7 || ci.Did != "" {
		t.Fatalf("check-in %+v", ci)
	}
	steps := view.Goals[0].Steps
	if len(steps) != 3 || !steps[0].Done() {
		t.Fatalf("steps after the check-in %+v", steps)
	}
	var added *store.Step
	for i := range steps {
		if steps[i].What == "Ir a la ferretería" {
			added = &steps[i]
		}
	}
	if added == nil || added.Due.Format(time.DateOnly) != "2026-06-13" || added.Owner != store.OwnerMe {
		t.Fatalf("the plan as a step: %+v in %+v", added, steps)
	}

	// The language stays Spanish (asked once: not asked again), and
	// "english" switches it for good.
	replies = turn("hola", conversations.FlowNone, "")
	for _, rep := range replies {
		if rep.Text == es.LangAsk {
			t.Fatal("asked about the language a second time")
		}
	}
	turn("english", conversations.FlowNone, "")
	if got := lang(); got != "en" {
		t.Fatalf("Lang %q after \"english\"", got)
	}
}

// TestRunner_AwayInSpanish: /cairn pause reads a Spanish member's phrase
// in Spanish, day/month included.
func TestRunner_AwayInSpanish(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	if err := st.SaveMember(ctx, store.Member{ID: "U2", TZ: "America/Chicago", Lang: "es"}); err != nil {
		t.Fatal(err)
	}
	r := &conversations.Runner{Store: st, DefaultTZ: chicago}
	for _, phrase := range []string{"hasta el 20/6", "el 20 de junio", "20/6"} {
		day, _, err := r.Away(ctx, "U2", "", phrase, now)
		if err != nil || day.Format(time.DateOnly) != "2026-06-20" {
			t.Errorf("Away(%q) = %v, %v; want June 20", phrase, day, err)
		}
	}
}

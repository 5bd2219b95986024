package conversations

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// spanishContext is withGoal for a member who speaks Spanish.
func spanishContext() Context {
	c := withGoal()
	c.Lang, c.LangSettled = Spanish, true
	return c
}

// TestCommands_Spanish walks each Spanish command through the middle of a
// flow, as TestCommands_WorkAnywhere does the English ones: it is done,
// nothing is stored as an answer, and the flow's question comes back.
// Replies are checked against the Spanish catalogue, never as literals.
func TestCommands_Spanish(t *testing.T) {
	c := spanishContext()
	es := WordsFor(Spanish)
	checkIn := Start(State{}, FlowCheckIn, c, refNow).State
	inGoal := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "una cabaña", Text: "Conseguir trabajo para marzo"}}
	inStep := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
		Goal: GoalDraft{Text: "Conseguir trabajo para marzo"}, Draft: StepDraft{What: "llamar a la oficina de parques"}}
	withBack := inGoal
	withBack.Back = []Mark{{Stage: stageGoal}}
	june20 := date(2026, 6, 20)
	back := time.Time{}
	tests := []struct {
		name  string
		s     State
		text  string
		flow  Flow
		stage Stage
		done  []uint64
		pause *time.Time
		check func(t *testing.T, res Result)
	}{
		{"mis pasos", checkIn, "mis pasos", FlowCheckIn, stageDid, nil, nil, says("Learn to fly-fish")},
		{"pasos", inGoal, "pasos", FlowGoal, stageWhy, nil, nil, says("Learn to fly-fish")},
		{"listo 3", checkIn, "listo 3", FlowCheckIn, stageDid, []uint64{13}, nil, nil},
		{"hecho 1", inGoal, "hecho 1", FlowGoal, stageWhy, []uint64{11}, nil, nil},
		{"Hecho #1 at a date question", inStep, "Hecho #1", FlowGoal, stageStepWhen, []uint64{11}, nil, nil},
		{"ya hice el 1", inGoal, "ya hice el 1", FlowGoal, stageWhy, []uint64{11}, nil, nil},
		{"el 3 está hecho", inGoal, "el 3 está hecho", FlowGoal, stageWhy, []uint64{13}, nil, nil},
		{"paso 1 listo", inGoal, "paso 1 listo", FlowGoal, stageWhy, []uint64{11}, nil, nil},
		{"ausente hasta el 20 de junio", inGoal, "ausente hasta el 20 de junio", FlowGoal, stageWhy, nil, &june20, nil},
		{"Ausente hasta el 20/6", checkIn, "Ausente hasta el 20/6", FlowCheckIn, stageDid, nil, &june20, nil},
		{"estoy de vacaciones: asked", inGoal, "estoy de vacaciones hasta el 20 de junio", FlowGoal, stageWhy, nil, nil, says(es.PauseOrAnswer)},
		{"ya volví", checkIn, "ya volví", FlowCheckIn, stageDid, nil, &back, nil},
		{"ya volvi", inGoal, "Ya volvi", FlowGoal, stageWhy, nil, &back, nil},
		{"ayuda", checkIn, "ayuda", FlowCheckIn, stageDid, nil, nil, says(es.HelpDid + " " + es.HelpWayOut)},
		{"atrás", withBack, "atrás", FlowGoal, stageGoal, nil, nil, nil},
		{"atras", withBack, "atras", FlowGoal, stageGoal, nil, nil, nil},
		{"parar", inGoal, "parar", FlowNone, "", nil, nil, nil},
		{"para", checkIn, "Para", FlowNone, "", nil, nil, nil},
		{"detener", inStep, "detener", FlowNone, "", nil, nil, nil},
		{"revisar", inGoal, "revisar", FlowCheckIn, stageDid, nil, nil, nil},
		{"registrar", inGoal, "registrar", FlowCheckIn, stageDid, nil, nil, nil},
		{"check in", inGoal, "check in", FlowCheckIn, stageDid, nil, nil, nil},
		{"poner una meta", checkIn, "poner una meta", FlowLife, stageBeside, nil, nil, nil}, // beside the goal they have, or instead?
		{"quiero poner una meta, no goal yet", State{}, "quiero poner una meta", FlowGoal, stageDream, nil, nil, nil},
		{"hablar con una persona", checkIn, "hablar con una persona", FlowCheckIn, stageDid, nil, nil, says(es.PersonOffer)},
		{"necesito ayuda", inGoal, "Necesito ayuda", FlowGoal, stageWhy, nil, nil, says(es.PersonOffer)},
		{"olvídame", inGoal, "olvídame", FlowGoal, stageWhy, nil, nil, says(es.ForgetAsk)},
		{"mis datos", inGoal, "mis datos", FlowGoal, stageWhy, nil, nil, func(t *testing.T, res Result) {
			if res.Data != DataExport {
				t.Errorf("Data = %q, want an export", res.Data)
			}
		}},
		{"historial", checkIn, "historial", FlowCheckIn, stageDid, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := c
			if !tt.s.Active() {
				c = Context{Lang: Spanish, LangSettled: true}
			}
			res := Step(tt.s, Input{Text: tt.text}, c, refNow)
			if res.State.Flow != tt.flow || res.State.Stage != tt.stage {
				t.Fatalf("flow %q stage %q, want %q %q; replies %q", res.State.Flow, res.State.Stage, tt.flow, tt.stage, joinReplies(res.Replies))
			}
			if !reflect.DeepEqual(res.Done, tt.done) {
				t.Fatalf("done %v, want %v", res.Done, tt.done)
			}
			switch {
			case (res.Pause == nil) != (tt.pause == nil):
				t.Fatalf("pause %v, want %v", res.Pause, tt.pause)
			case res.Pause != nil && !res.Pause.Equal(*tt.pause):
				t.Fatalf("pause %v, want %v", res.Pause, tt.pause)
			}
			st := res.State
			if slices.Contains(st.CheckIn.Did, tt.text) || st.CheckIn.Plan == tt.text || st.Goal.Why == tt.text || st.Draft.What == tt.text {
				t.Fatalf("%q was stored as an answer: %+v", tt.text, st)
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
}

// says checks that one reply starts with want.
func says(want string) func(t *testing.T, res Result) {
	return func(t *testing.T, res Result) {
		t.Helper()
		for _, r := range res.Replies {
			if strings.HasPrefix(r.Text, want) || want != "" && strings.Contains(r.Text, want) {
				return
			}
		}
		t.Errorf("no reply with %q in %q", want, joinReplies(res.Replies))
	}
}

// TestAnswers_Spanish: the answers of the flow's questions in Spanish —
// ending words, yes and no, who, when — in either language's context (a
// member who has not switched yet is understood too).
func TestAnswers_Spanish(t *testing.T) {
	for _, c := range []Context{spanishContext(), withGoal()} {
		more := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepMore, After: stageStepMore,
			Goal: GoalDraft{Text: "Conseguir trabajo", Why: "mis hijos", Steps: []StepDraft{{What: "llamar a la oficina", Due: date(2026, 6, 12), Owner: store.OwnerMe}}}}
		who := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWho, After: stageStepMore,
			Goal: GoalDraft{Text: "Conseguir trabajo"}, Draft: StepDraft{What: "llamar a la oficina", Due: date(2026, 6, 12)}}
		when := State{V: stateVersion, Flow: FlowGoal, Stage: stageStepWhen, After: stageStepMore,
			Goal: GoalDraft{Text: "Conseguir trabajo"}, Draft: StepDraft{What: "llamar a la oficina"}}
		// Ending words end the list: the step count stays and no new step is asked for.
		for _, text := range []string{"no", "No.", "eso es todo", "nada más", "nada mas", "ya está", "ya esta", "ya", "hecho", "listo", "no, eso es todo", "es todo", "no gracias"} {
			res := Step(more, Input{Text: text}, c, refNow)
			if res.State.Stage == stageStepWhat || len(res.State.Goal.Steps) != 1 {
				t.Errorf("%s: %q at \"Add another step?\" went to %q with %d steps", c.Lang, text, res.State.Stage, len(res.State.Goal.Steps))
			}
		}
		for _, text := range []string{"sí", "si", "Sí!", "claro", "dale"} {
			if res := Step(more, Input{Text: text}, c, refNow); res.State.Stage != stageStepWhat || len(res.State.Goal.Steps) != 1 {
				t.Errorf("%s: %q at \"Add another step?\" went to %q", c.Lang, text, res.State.Stage)
			}
		}
		// Who: "yo" is me, never a name; "mi navegador(a)" the navigator; "nadie" and a day ask again.
		for text, want := range map[string]store.OwnerKind{"yo": store.OwnerMe, "Yo": store.OwnerMe, "yo mismo": store.OwnerMe,
			"yo misma": store.OwnerMe, "yo mismo/a": store.OwnerMe, "mi navegador": store.OwnerNavigator,
			"mi navegadora": store.OwnerNavigator, "Mi hermana Dana": store.OwnerPerson, "nadie": "", "mañana": "", "el viernes": ""} {
			res := Step(who, Input{Text: text}, c, refNow)
			steps := res.State.Goal.Steps
			switch {
			case want == "" && len(steps) != 0:
				t.Errorf("%s: %q at who became a step's owner: %+v", c.Lang, text, steps)
			case want != "" && (len(steps) != 1 || steps[0].Owner != want):
				t.Errorf("%s: %q at who gave %+v, want owner %q", c.Lang, text, steps, want)
			case want == store.OwnerMe && steps[0].OwnerName != "":
				t.Errorf("%s: %q at who named the owner %q", c.Lang, text, steps[0].OwnerName)
			}
		}
		if c.Lang != Spanish {
			continue
		}
		// When, in Spanish: a day, a way out, and a day/month reading said back.
		for text, want := range map[string]time.Time{"el viernes": date(2026, 6, 12), "mañana": date(2026, 6, 11),
			"en dos semanas": date(2026, 6, 24), "3/7": date(2026, 7, 3)} {
			res := Step(when, Input{Text: text}, c, refNow)
			if !res.State.Draft.Due.Equal(want) {
				t.Errorf("%q at when: due %v, want %v", text, res.State.Draft.Due, want)
			}
			note := strings.Contains(joinReplies(res.Replies), strings.TrimSuffix(WordsFor(Spanish).DayMonthRead, "%s, día/mes.)")+"viernes 3 de julio")
			if note != (text == "3/7") {
				t.Errorf("%q at when: the day/month note said %v; replies %q", text, note, joinReplies(res.Replies))
			}
		}
		for _, text := range []string{"no sé", "no se", "ni idea", "cuando pueda"} {
			if res := Step(when, Input{Text: text}, c, refNow); res.State.Draft.Suggest.IsZero() {
				t.Errorf("%q at when: no day suggested", text)
			}
		}
	}
}

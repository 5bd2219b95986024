package conversations

import (
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

var es = WordsFor(Spanish)

// englishWords are common English words no Spanish reply may hold: one
// would mean a sentence on the path is not from the catalogue.
var englishWords = []string{" the ", " your ", "Your ", " you ", "What", "step", "Step", "Goal", "Why ", "How ", "Added", " and ", "Sorry", "Thanks", "Shall"}

func noEnglish(t *testing.T, where string, rs []Reply) {
	t.Helper()
	got := joinReplies(rs)
	for _, w := range englishWords {
		if strings.Contains(got, w) {
			t.Errorf("%s: a Spanish reply holds the English %q:\n%s", where, w, got)
		}
	}
	for _, r := range rs {
		for _, c := range r.Choices {
			if n := len([]rune(c.Label)); n > 75 {
				t.Errorf("%s: button %q is %d characters; Slack cuts at 75", where, c.Label, n)
			}
		}
	}
}

// spanishTurn is what a Spanish-speaking member does at each stage of the
// goal flow and the check-in: typed words in Spanish, or a button pressed
// by its value (never its label, so the walk does not depend on the words
// it checks).
func spanishTurn(s State, pressedHelp map[Stage]bool, askedAgain *bool) Input {
	if !pressedHelp[s.Stage] && (s.Stage == stageDream || s.Stage == stageStepWhat || s.Stage == stageDid || s.Stage == stagePlan) {
		pressedHelp[s.Stage] = true
		return Input{Action: actHelp}
	}
	switch s.Stage {
	case stageDream:
		return Input{Text: "Abrir una panadería"}
	case stageHappy:
		return Input{Text: "Tener mi propio lugar y amigos para cocinar"}
	case stageGoal:
		return Input{Text: "Un trabajo de medio tiempo"}
	case stageMeasure, stageSpecific, stageByWhen, stageSure, stageSure7:
		return Input{Action: actKeep}
	case stageEnjoy:
		return Input{Text: "Comprar la ropa para las entrevistas"}
	case stageWhy:
		return Input{Text: "Para pagar mi renta"}
	case stageSupport:
		return Input{Action: actSkip}
	case stageStepWhat:
		return Input{Text: "Llamar al centro de empleo"}
	case stageStepWhen:
		if s.Draft.Suggest.IsZero() {
			return Input{Action: actUnsure}
		}
		return Input{Action: actKeep}
	case stageStepFar:
		return Input{Action: actKeep}
	case stageStepWho:
		return Input{Action: actWhoMe}
	case stageStepMore:
		return Input{Action: actNoMore}
	case stageConfirm:
		if !*askedAgain {
			*askedAgain = true
			return Input{Text: "mmm"} // not followed: the question again, in Spanish
		}
		return Input{Action: actSave}
	case stageDid:
		if len(s.CheckIn.StepsDone) == 0 {
			return Input{Action: prefixDone + "21"}
		}
		return Input{Action: actThatsIt}
	case stageBarrier:
		return Input{Action: prefixBarrier + "Transport"}
	case stagePlan:
		return Input{Text: "Llamar a Sam por las clases"}
	case stagePlanAsStep:
		return Input{Action: actYes}
	case stageImportance:
		return Input{Text: "2"} // low: the kind question comes after
	case stageConfidence:
		return Input{Text: "8"}
	case stageReflect:
		return Input{Text: "sí, creo que sí"}
	}
	return Input{Action: actSkip}
}

// walkSpanish plays a Spanish member through the flow from first, checking
// every reply, until the flow ends; it returns the turns' results.
func walkSpanish(t *testing.T, name string, first Result, c Context) []Result {
	t.Helper()
	noEnglish(t, name+" start", first.Replies)
	results := []Result{first}
	s, help, again := first.State, map[Stage]bool{}, false
	for i := 0; s.Active(); i++ {
		if i > 40 {
			t.Fatalf("%s: still going after 40 turns, at %q", name, s.Stage)
		}
		in := spanishTurn(s, help, &again)
		res := Step(s, in, c, refNow)
		noEnglish(t, name+" at "+string(s.Stage)+" ("+in.Text+in.Action+")", res.Replies)
		if len(res.Replies) == 0 {
			t.Fatalf("%s at %q: no reply to %+v", name, s.Stage, in)
		}
		results = append(results, res)
		s = res.State
	}
	return results
}

// TestSpanish_GoalFlowAndCheckIn walks the goal flow and a check-in in
// Spanish, pressing buttons by value: no reply holds a common English word,
// so every sentence on those paths comes from the catalogue.
func TestSpanish_GoalFlowAndCheckIn(t *testing.T) {
	c := Context{Lang: Spanish, NextSession: time.Date(2026, 6, 16, 18, 0, 0, 0, chicago)}
	goal := walkSpanish(t, "goal", Step(State{}, Input{Action: actGoal}, c, refNow), c)
	last := goal[len(goal)-1]
	if last.Goal == nil || last.Goal.Text == "" || len(last.NewSteps) != 1 || last.NewSteps[0].What != "Llamar al centro de empleo" {
		t.Fatalf("the goal flow saved goal %+v, steps %+v", last.Goal, last.NewSteps)
	}
	if got := joinReplies(last.Replies); !strings.Contains(got, "montón de piedras (cairn)") {
		t.Errorf("the saved goal's reply %q does not introduce the cairn in Spanish", got)
	}

	c = Context{Lang: Spanish, Goal: &store.Goal{ID: 7, Text: "Aprender a pescar"},
		Steps: []store.Step{
			{ID: 21, GoalID: 7, What: "Comprar una caña de pescar", Due: date(2026, 6, 12), Owner: store.OwnerMe},
			{ID: 22, GoalID: 7, What: "Hablar con Sam", Due: date(2026, 6, 18), Owner: store.OwnerNavigator},
		},
		Session: time.Date(2026, 6, 11, 18, 0, 0, 0, chicago), GroupID: "C1"}
	ci := walkSpanish(t, "check-in", Start(State{}, FlowCheckIn, c, refNow), c)
	rec := ci[len(ci)-1].CheckIn
	if rec == nil || len(rec.StepsDone) != 1 || rec.StepsDone[0] != 21 || rec.Plan != "Llamar a Sam por las clases" || rec.Importance != 2 {
		t.Fatalf("the check-in saved %+v", rec)
	}
	if !strings.Contains(joinReplies(ci[len(ci)-1].Replies), es.CheckinSaved) {
		t.Errorf("the check-in ended with %q", joinReplies(ci[len(ci)-1].Replies))
	}
}

// TestSpanish_BarrierLabels: the barrier buttons read in Spanish, and their
// values (what a check-in stores) stay the English names.
func TestSpanish_BarrierLabels(t *testing.T) {
	s := State{V: stateVersion, Flow: FlowCheckIn, Stage: stageDid}
	res := Step(s, Input{Action: actNothing}, Context{Lang: Spanish}, refNow)
	noEnglish(t, "barrier", res.Replies)
	q := res.Replies[len(res.Replies)-1]
	if len(q.Choices) != len(barriers) {
		t.Fatalf("barrier question %+v", q)
	}
	for i, c := range q.Choices {
		if c.Label != es.Barriers[i] || c.Value != prefixBarrier+barriers[i] {
			t.Errorf("choice %d = %+v, want label %q value %q", i, c, es.Barriers[i], prefixBarrier+barriers[i])
		}
	}
	res = Step(res.State, Input{Action: q.Choices[0].Value}, Context{Lang: Spanish}, refNow)
	if res.State.CheckIn.Barrier != "Transport" {
		t.Errorf("stored barrier %q, want the English name", res.State.CheckIn.Barrier)
	}
}

// TestSpanish_Crisis: words of crisis in Spanish get the Spanish reply,
// with 988 as a Spanish speaker dials it and the local emergency number.
func TestSpanish_Crisis(t *testing.T) {
	res := Step(State{}, Input{Text: "ya no quiero vivir"}, Context{Lang: Spanish}, refNow)
	noEnglish(t, "crisis", res.Replies)
	got := joinReplies(res.Replies)
	for _, want := range []string{"llama o manda un texto al 988", "marca 2 para español", "número de emergencias de tu país"} {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
			t.Errorf("crisis reply %q lacks %q", got, want)
		}
	}
}

// TestConfirm_NotFollowedAsksAgainShort: an answer Cairn did not follow at
// the plan's question gets that one question again with its way out, not
// the whole summary repeated.
func TestConfirm_NotFollowedAsksAgainShort(t *testing.T) {
	for _, l := range []Lang{English, Spanish} {
		w := WordsFor(l)
		s := State{V: stateVersion, Flow: FlowGoal, Stage: stageConfirm, Goal: GoalDraft{
			Text: "A part-time job by March", Why: "So I can pay my own rent", Supporters: "My sister Ana",
			Steps: []StepDraft{{What: "Call the job center", Due: date(2026, 6, 12), Owner: store.OwnerMe}}}}
		res := Step(s, Input{Text: "hmm what"}, Context{Lang: l}, refNow)
		if len(res.Replies) != 1 {
			t.Fatalf("%s: %d replies, want one: %q", l, len(res.Replies), joinReplies(res.Replies))
		}
		r := res.Replies[0]
		if strings.Contains(r.Text, "So I can pay my own rent") || strings.Contains(r.Text, "Call the job center") {
			t.Errorf("%s: the summary was repeated: %q", l, r.Text)
		}
		if !strings.Contains(r.Text, w.ConfirmAgain) || !strings.Contains(r.Text, w.HelpWayOut) || len(r.Choices) != 3 || r.Choices[0].Value != actSave {
			t.Errorf("%s: reply %q %+v is not the question again with its way out and buttons", l, r.Text, r.Choices)
		}
		if res.State.Stage != stageConfirm {
			t.Errorf("%s: stage %q", l, res.State.Stage)
		}
	}
}

// TestTalk_NoLongMessages: no sentence of the conversation is longer than
// a glance (about 400 characters) in either language.
func TestTalk_NoLongMessages(t *testing.T) {
	for _, l := range []Lang{English, Spanish} {
		w := WordsFor(l)
		for name, text := range map[string]string{"Help": w.Help, "ForgetAsk": w.ForgetAsk, "NobodyToAsk": w.NobodyToAsk,
			"DreamLittle": w.DreamLittle, "SmartOfferS": w.SmartOfferS, "SmartOfferM": w.SmartOfferM,
			"Crisis reply": w.Crisis + "\n" + w.Lifeline988 + "\n" + w.Emergency + "\n" + w.CrisisOffer} {
			if n := len([]rune(text)); n > 440 {
				t.Errorf("%s %s is %d characters", l, name, n)
			}
		}
	}
}

func TestSpanish_Person(t *testing.T) {
	at := time.Date(2026, 6, 10, 20, 5, 0, 0, time.UTC)
	for _, tt := range []struct{ got, want string }{
		{SayAlert(es, "Ana"), "Ana pidió hablar con alguien. ¿Le puedes escribir hoy?"},
		{SayAsked(es, Asked{Names: []string{"Nia"}, Navigator: true}), "Pedí que te busquen: Nia, tu navegador."},
		{SayAsked(es, Asked{Names: []string{"Sam", "Lee", "Kim"}}), "Pedí que te busquen: Sam, Lee y Kim, los facilitadores de tu grupo."},
		{SayAskedRecently(es, Asked{Names: []string{"Nia"}, Navigator: true}, at, chicago), "Ya pedí a las 15:05 que te busquen: Nia."},
	} {
		if !strings.HasPrefix(tt.got, tt.want) {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestSpanish_DataSummaryAndHistory(t *testing.T) {
	e := store.Export{Member: &store.Member{Name: "Ana"},
		Goals:    []store.ExportGoal{{Goal: store.Goal{Text: "navegar", Status: store.GoalDone}}},
		CheckIns: []store.CheckIn{{SessionAt: time.Date(2026, 6, 10, 23, 0, 0, 0, time.UTC)}},
		Groups:   []store.ExportGroupRole{{Name: "Martes", Roles: []string{"member", "navigator"}}}}
	got := DataSummary(es, e, chicago)
	for _, want := range []string{"meta (lograda): “navegar”, 0 pasos", "1 check-in; el último, de la sesión del miércoles 10 de junio de 2026",
		"grupo Martes: estás como participante y navegador"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	ci := store.CheckIn{SessionAt: time.Date(2026, 6, 9, 23, 0, 0, 0, time.UTC), StepsDone: []uint64{1, 2}}
	if got := HistoryLine(es, ci, refNow); !strings.HasPrefix(got, "Martes 9 de junio — 2 pasos hechos") {
		t.Errorf("history line %q", got)
	}
	if got, want := RenderGoal(es, store.Goal{Text: "navegar"}, []store.Step{{ID: 1, What: "comprar un bote", Due: date(2026, 6, 12), DoneAt: refNow}}, refNow), "Tu cairn: 🪨 (1 de 1 pasos hechos)"; !strings.Contains(got, want) {
		t.Errorf("goal %q lacks %q", got, want)
	}
}

// TestSpanish_WordsTheRepliesTeach: the Spanish replies tell members to type
// a few words; each is understood.
func TestSpanish_WordsTheRepliesTeach(t *testing.T) {
	c := Context{Lang: Spanish}
	planAsStep := State{V: stateVersion, Flow: FlowCheckIn, Stage: stagePlanAsStep, CheckIn: CheckInDraft{Plan: "Llamar a Sam"}}
	happy := State{V: stateVersion, Flow: FlowGoal, Stage: stageHappy}
	for _, tt := range []struct {
		name, text string
		s          State
		ok         func(Result) bool
	}{
		{"sí adds the plan as a step", "sí", planAsStep, func(r Result) bool { return r.State.Stage == stageStepWhen }},
		{"no, gracias keeps it as the plan", "no, gracias", planAsStep, func(r Result) bool { return r.State.Stage == stageImportance }},
		{"seguir resumes", "seguir", happy, func(r Result) bool {
			return r.State.Stage == stageHappy && strings.Contains(joinReplies(r.Replies), es.Happy)
		}},
		{"mis datos exports", "mis datos", State{}, func(r Result) bool { return r.Data == DataExport }},
		{"olvídame asks first", "Olvídame", State{}, func(r Result) bool { return strings.Contains(joinReplies(r.Replies), es.ForgetAsk) }},
		{"poner una meta starts a goal", "poner una meta", State{}, func(r Result) bool { return r.State.Flow == FlowGoal }},
	} {
		if r := Step(tt.s, Input{Text: tt.text}, c, refNow); !tt.ok(r) {
			t.Errorf("%s: stage %q, replies %q", tt.name, r.State.Stage, joinReplies(r.Replies))
		}
	}
}

// TestSpanish_GoalsLifeAndMenus: a goal reached, revised and added beside
// another, the steps, the menu and help, forget me, a setback and a harsh
// word about oneself, all in Spanish: no English word in any reply.
func TestSpanish_GoalsLifeAndMenus(t *testing.T) {
	done := refNow.Add(-48 * time.Hour).UTC()
	job := store.GoalSteps{Goal: store.Goal{ID: 7, Text: "un trabajo de medio tiempo", Dream: "abrir una panadería", Status: store.GoalActive},
		Steps: []store.Step{{ID: 71, GoalID: 7, What: "actualizar mi currículum", Due: date(2026, 6, 8), Owner: store.OwnerMe, DoneAt: done},
			{ID: 74, GoalID: 7, What: "llamar al centro de empleo", Due: date(2026, 6, 12), Owner: store.OwnerNavigator}}}
	home := store.GoalSteps{Goal: store.Goal{ID: 9, Text: "mi propio lugar", Status: store.GoalActive},
		Steps: []store.Step{{ID: 91, GoalID: 9, What: "llamar a la oficina de vivienda", Due: date(2026, 6, 15), Owner: store.OwnerMe}}}
	c := lifeCtx(job, home)
	c.Lang = Spanish
	for name, ins := range map[string][]Input{
		"reached":     {{Text: "lo logré"}, {Action: prefixWhich + "7"}, {Action: actLater}},
		"revise":      {{Text: "cambiar mi meta"}, {Action: prefixWhich + "9"}, {Action: actReviseWords}, {Text: "un cuarto propio"}},
		"drop":        {{Text: "cambiar mi meta"}, {Action: prefixWhich + "9"}, {Action: actLetGo}, {Action: actKeepSteps}},
		"beside":      {{Action: actGoal}, {Action: actBeside}},
		"steps, help": {{Action: actSteps}, {Action: actHelp}, {Text: "mi historial"}},
		"forget":      {{Action: ActForget}, {Action: actForgetNo}},
		"setback":     {{Text: "me emborraché anoche"}, {Text: "no sirvo para nada"}},
		"person":      {{Text: "quiero hablar con alguien"}, {Action: actPersonNo}},
	} {
		s := State{}
		for _, in := range ins {
			r := Step(s, in, c, refNow)
			noEnglish(t, name+" ("+in.Text+in.Action+")", r.Replies)
			s = r.State
		}
	}
}

// TestSpanish_Templates: the built-in goal templates are offered in
// Spanish, and one is made the member's own in Spanish.
func TestSpanish_Templates(t *testing.T) {
	c := Context{Lang: Spanish}
	s := State{V: stateVersion, Flow: FlowGoal, Stage: stageGoal}
	var all []Reply
	for _, in := range []Input{{Action: actPickExamples}, {Action: prefixTemplate + "6"}, {Action: actKeep}, {Action: actChangeWords}, {Text: "Comprar una caña usada"}} {
		r := Step(s, in, c, refNow)
		noEnglish(t, "templates ("+in.Text+in.Action+")", r.Replies)
		all = append(all, r.Replies...)
		s = r.State
	}
	got := joinReplies(all)
	for _, want := range []string{"[Tiempo libre: ir a pescar este verano]", "*Ir a pescar este verano*", "*Comprar una caña de pescar*"} {
		if !strings.Contains(got, want) {
			t.Errorf("template walk lacks %q:\n%s", want, got)
		}
	}
	if s.Goal.Text != "Ir a pescar este verano" {
		t.Errorf("goal %q, want the template's Spanish words", s.Goal.Text)
	}
}

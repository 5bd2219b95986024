package conversations

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/store"
)

// Commands that work anywhere: in the middle of a flow, "steps", "done 2",
// "check in", "away until Friday" and the rest are what the member asked
// for, never the answer to the question on the table. After one, the
// flow's question is asked again. A line that could be either ("done with
// the resume" when asked what you did) gets a question: which did you mean?
//
// help, stop, back and "continue" are in command (flow.go); "my data",
// "forget me" and "talk to a person" in mydata.go and person.go.

// CommandState is what the commands keep in a conversation's state.
type CommandState struct {
	// Pending is a line that could be a command or an answer, waiting for
	// the member to say which.
	Pending string `json:"pending,omitempty"`
	// Marked are the steps a "done" command marked during this flow. They
	// are saved at once; stop says they were kept.
	Marked []uint64 `json:"marked,omitempty"`
}

// Button values of "command or answer?".
const (
	actCmdDo     = "cmd:do"
	actCmdAnswer = "cmd:answer"
)

var (
	stepsWords   = map[string]bool{"steps": true, "my steps": true, "show steps": true, "show my steps": true, "list my steps": true, "my goal": true, "goal status": true}
	checkInWords = map[string]bool{"check in": true, "checkin": true, "check-in": true, "check in now": true}
	goalWords    = map[string]bool{"set a goal": true, "new goal": true, "set goal": true, "start a goal": true, "a new goal": true}
	imBackWords  = map[string]bool{"i'm back": true, "im back": true, "i am back": true, "back again": true}
	// enoughWords end a list: "Add another step?" — "no, that's all".
	enoughWords = map[string]bool{"no": true, "done": true, "that's all": true, "thats all": true, "finished": true, "nope": true,
		"that's it": true, "thats it": true, "no more": true, "nah": true, "i'm done": true, "im done": true, "all done": true,
		"enough": true, "that's enough": true, "no thanks": true, "nothing else": true, "n": true,
		"that is all": true, "that is it": true, "that's all for now": true, "that's all for now thanks": true,
		"no thank you": true, "no more steps": true, "i'm good": true, "im good": true, "that'll do": true,
		"no, that's all": true, "no that's all": true, "no, that's it": true, "nope, that's it": true,
		"nothing": true, "na": true, "all good": true, "that's all i got": true, "thats all i got": true, "that's all i have": true,
		"no more for now": true, "not now": true, "not right now": true, "later": true, "maybe later": true}
)

// doneWords are "done 2", "done #2", "done: call the office", "step 2 done",
// "mark 2 done": the step is the first group that matched.
var doneWords = regexp.MustCompile(`^(?:done:? (.+)|(?:mark )?(?:step )?#?(\d+) (?:is |as )?done)$`)

// doneRef is the step a "done" command names ("2", "call the office").
func doneRef(word string) (string, bool) {
	m := doneWords.FindStringSubmatch(word)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1] + m[2]), true
}

// isEnough reports whether a reply to "Add another step?" ends the list.
func isEnough(word string) bool {
	if enoughWords[word] {
		return true
	}
	// "na thats it", "nope that's all", "no, i'm good": a no, then an ending.
	first, rest, ok := strings.Cut(strings.ReplaceAll(word, ",", ""), " ")
	return ok && (noWords[first] || first == "na" || first == "nah") && enoughWords[strings.TrimSpace(rest)]
}

// ending maps an ending word to the question's own way to end ("That's
// all for now", "That's it"), when it has one.
func (t *turn) ending(word string) string {
	if !isEnough(word) || !t.s.Active() {
		return ""
	}
	for _, c := range t.question().Choices {
		if c.Value == actNoMore || c.Value == actThatsIt {
			return c.Value
		}
	}
	return ""
}

// commandWord reports whether word is a command that works anywhere, so
// that it also ends a pause after a crisis reply or a kind question. Only
// "done" with a number counts: "done with everything" there must stay
// held, never become an answer.
func commandWord(word string) bool {
	ref, done := doneRef(word)
	if done {
		_, err := strconv.Atoi(strings.TrimPrefix(ref, "#"))
		done = err == nil
	}
	return stepsWords[word] || checkInWords[word] || goalWords[word] || imBackWords[word] || done ||
		pauseWords.MatchString(word) || personWords.MatchString(word)
}

// freeText reports whether the current question takes typed words as its
// answer, so a line that could be a command may also be an answer there.
func (t *turn) freeText() bool {
	switch t.s.Stage {
	case stageStepWhen, stageStepFar, stageConfirm, stageEdit, stageDropStep, stagePlanAsStep, stageImportance, stageConfidence:
		return false
	}
	return true
}

// anywhere runs a command typed in the middle of a flow. sure is set when
// the member already said it is a command. It reports whether it did; it
// may instead read "check in" or "set a goal" as their buttons (t.action),
// which run then handles.
func (t *turn) anywhere(word string, sure bool) bool {
	if t.history(word) { // in a flow or not (history.go)
		return true
	}
	if !t.s.Active() {
		return false // idle reads the same words
	}
	switch {
	case stepsWords[word]:
		t.showSteps()
		t.ask()
		return true
	case checkInWords[word]:
		t.action = actCheckIn
		return false
	case goalWords[word]:
		t.action = actGoal
		return false
	case imBackWords[word]:
		back := time.Time{}
		t.res.Pause = &back
		t.say(t.w.Resumed)
		t.ask()
		return true
	}
	if ref, ok := doneRef(word); ok {
		return t.doneCommand(ref, sure)
	}
	if pauseWords.MatchString(word) {
		return t.pauseCommand(word, sure)
	}
	return false
}

// doneCommand marks the step ref names. A number is always the command;
// a step's words at a question that takes words may be the answer, so
// the member is asked; words that name no step there are the answer.
func (t *turn) doneCommand(ref string, sure bool) bool {
	_, numErr := strconv.Atoi(strings.TrimPrefix(ref, "#"))
	number := numErr == nil
	st := t.stepNamed(ref)
	switch {
	case st == nil && !number && t.freeText():
		return false
	case st == nil:
		t.say(t.w.StepNotFound)
		t.ask()
		return true
	case !number && !sure && t.freeText():
		t.s.Cmd.Pending = t.text
		t.say(fmt.Sprintf(t.w.DoneOrAnswer, t.stepNumber(st.ID)), t.pendingChoices()...)
		return true
	}
	t.markDone(st)
	t.ask()
	return true
}

// markDone marks a step done at once, and in a check-in also as done for
// this session, so the check-in tells the group.
func (t *turn) markDone(st *store.Step) {
	if !st.Done() {
		t.res.Done = append(t.res.Done, st.ID)
		if !slices.Contains(t.s.Cmd.Marked, st.ID) {
			t.s.Cmd.Marked = append(t.s.Cmd.Marked, st.ID)
		}
		if ci := &t.s.CheckIn; t.s.Flow == FlowCheckIn && !slices.Contains(ci.StepsDone, st.ID) {
			ci.StepsDone = append(ci.StepsDone, st.ID)
		}
	}
	if st.Done() {
		t.say(fmt.Sprintf(t.w.StepAlreadyDone, st.What))
		return
	}
	t.say(fmt.Sprintf(t.w.MarkedStone, st.What, t.stonesNow()))
}

// stonesNow counts the member's finished steps, those this turn marks
// included: the number of the stone just added.
func (t *turn) stonesNow() int {
	n := 0
	for _, st := range t.c.Steps {
		if st.Done() || slices.Contains(t.res.Done, st.ID) ||
			(t.s.Flow == FlowCheckIn && slices.Contains(t.s.CheckIn.StepsDone, st.ID)) {
			n++
		}
	}
	return n
}

// pauseCommand is "away until Friday" in a flow. "On vacation in June"
// may be a dream, so where words are the answer, a phrase that is no date
// is the answer and a holiday with a date is asked about.
func (t *turn) pauseCommand(word string, sure bool) bool {
	phrase := pauseWords.ReplaceAllString(word, "")
	_, err := t.awayUntil(phrase)
	switch {
	case phrase != "" && err != nil && t.freeText():
		return false
	case err == nil && !sure && t.freeText() && softPause.MatchString(word):
		t.s.Cmd.Pending = t.text
		t.say(t.w.PauseOrAnswer, t.pendingChoices()...)
		return true
	}
	t.pause(phrase)
	t.ask()
	return true
}

// softPause are the pause words that are also ordinary words.
var softPause = regexp.MustCompile(`\bon (holiday|vacation)\b`)

// pendingChoices are the buttons of "command or answer?" for the pending line.
func (t *turn) pendingChoices() []Choice {
	do := t.w.TakeABreak
	if ref, ok := doneRef(normalize(t.s.Cmd.Pending)); ok {
		if st := t.stepNamed(ref); st != nil {
			do = fmt.Sprintf(t.w.MarkStepDone, t.stepNumber(st.ID))
		}
	}
	return []Choice{{do, actCmdDo}, {t.w.ItsMyAnswer, actCmdAnswer}}
}

// settle reads the reply to "command or answer?". It reports answer when
// the pending line is now the turn's text, to be taken as the answer, and
// done when the turn is over. Anything else the member says moves on and
// forgets the line.
func (t *turn) settle(word string) (answer, done bool) {
	p := t.s.Cmd.Pending
	if p != "" && t.action == "" {
		for _, c := range t.pendingChoices() {
			if normalize(c.Label) == word {
				t.action = c.Value
			}
		}
	}
	t.s.Cmd.Pending = ""
	if t.action != actCmdDo && t.action != actCmdAnswer {
		return false, false
	}
	if p == "" || !t.s.Active() {
		// A button from a question already settled: ask where we are.
		if t.s.Active() {
			t.ask()
		} else {
			t.say(t.w.Menu, t.menuChoices()...)
		}
		return false, true
	}
	do := t.action == actCmdDo
	t.text, t.action = p, ""
	if do && !t.anywhere(normalize(p), true) {
		t.ask() // it no longer reads as a command (the steps changed): ask again
	}
	return !do, do
}

// stepNamed is the step a "done" command names, by number, place or
// words (see matchSteps): only one it is sure of.
func (t *turn) stepNamed(ref string) *store.Step {
	return t.findStep(ref)
}

// stepNumber is a step's number in the member's list, as "steps" shows it.
func (t *turn) stepNumber(id uint64) int {
	for _, ns := range NumberedSteps(t.c.Steps) {
		if ns.Step.ID == id {
			return ns.N
		}
	}
	return 0
}

// helpHere explains the question on the table and its way out, then asks
// it again.
func (t *turn) helpHere() {
	text, ok := stageHelp(t.w)[t.s.Stage]
	if !ok {
		text = t.w.HelpAnswer
	}
	t.say(text + " " + t.w.HelpWayOut + "\n" + t.w.HelpCrisis)
	t.ask()
}

// stageHelp is what each question asks for, said when the member asks
// for help there.
func stageHelp(w *Words) map[Stage]string {
	return map[Stage]string{
		stageDream:        w.HelpDream,
		stageHappy:        w.HelpHappy,
		stageGoal:         w.HelpGoal,
		stageMeasure:      w.HelpMeasure,
		stageWhy:          w.HelpWhy,
		stageSupport:      w.HelpSupport,
		stageStepWhat:     w.HelpStepWhat,
		stageStepWhen:     w.HelpStepWhen,
		stageStepFar:      w.HelpStepFar,
		stageStepWho:      w.HelpStepWho,
		stageStepWhoName:  w.HelpStepWhoName,
		stageStepMore:     w.HelpStepMore,
		stageConfirm:      w.HelpConfirm,
		stageEdit:         w.HelpEdit,
		stageDropStep:     w.HelpDropStep,
		stageDid:          w.HelpDid,
		stageBarrier:      w.HelpBarrier,
		stageBarrierOther: w.HelpBarrier,
		stagePlan:         w.HelpPlan,
		stagePlanAsStep:   w.HelpPlanAsStep,
		stageImportance:   w.HelpRuler,
		stageConfidence:   w.HelpRuler,
		stageReflect:      w.HelpReflect,
		stageEnjoy:        w.HelpEnjoy,
		stageSpecific:     w.HelpSpecific,
		stageByWhen:       w.HelpByWhen,
		stageSure:         w.HelpSure,
		stageSure7:        w.HelpSure7,
	}
}

// resume picks a conversation up again: where we were, and its question,
// in one message.
func (t *turn) resume() {
	q := t.question()
	t.say(t.w.ResumeHead+" "+t.where()+"\n"+q.Text, q.Choices...)
}

// where says what the conversation was doing, naming the step or the goal
// being worked on.
func (t *turn) where() string {
	s := t.s
	name := func(text string) string { return Inert(Clip(strings.TrimSpace(text), 80)) }
	switch s.Stage {
	case stageStepWhat, stageStepWhen, stageStepFar, stageStepWho, stageStepWhoName:
		if s.Draft.What != "" {
			return fmt.Sprintf(t.w.WereAddingStep, name(s.Draft.What))
		}
	}
	if s.Flow == FlowHelper {
		return t.w.HelperWhere // helpers.go
	}
	if s.Flow == FlowCheckIn {
		if g := t.goalText(); g != "" {
			return fmt.Sprintf(t.w.WereCheckingIn, name(g))
		}
		return t.w.WereCheckingInNoGoal
	}
	switch {
	case s.Goal.Text != "":
		return fmt.Sprintf(t.w.WereSettingGoal, name(s.Goal.Text))
	case s.Goal.Dream != "":
		return fmt.Sprintf(t.w.WereDreaming, name(s.Goal.Dream))
	}
	return t.w.WereStartingGoal
}

// leave ends the flow under way and keeps what was done in it: steps
// marked done (saved when they were marked, or now for a check-in's) and
// a check-in's answers so far, saved as a check-in. It says what was
// kept, or, when stopped and nothing was, that nothing was saved.
func (t *turn) leave(stopped bool) {
	s := t.s
	marked := slices.Clone(s.Cmd.Marked)
	if s.Flow == FlowCheckIn {
		for _, id := range s.CheckIn.StepsDone {
			if !slices.Contains(marked, id) {
				marked = append(marked, id)
			}
		}
	}
	var kept []string
	if len(marked) > 0 {
		kept = append(kept, t.markedWords(marked))
	}
	for _, d := range s.CheckIn.NewSteps {
		kept = append(kept, fmt.Sprintf(t.w.KeptNewStep, Inert(d.What)))
	}
	saved := s.Flow == FlowCheckIn && answered(s.CheckIn)
	if saved {
		// finishCheckIn builds the record; its thanks are for a check-in
		// answered to the end, so stop says its own words instead.
		n := len(t.res.Replies)
		t.finishCheckIn()
		t.res.Replies = t.res.Replies[:n]
	}
	t.s = State{V: stateVersion}
	var parts []string
	if len(kept) > 0 {
		parts = append(parts, t.w.Kept+strings.Join(kept, ", ")+".")
	}
	if saved {
		parts = append(parts, t.w.KeptCheckIn)
	}
	switch {
	case !stopped && len(parts) == 0:
		return // a new flow starts; nothing was done in the old one
	case !stopped:
		t.say(strings.Join(parts, " "))
	case len(parts) == 0:
		t.say(t.w.StoppedNothing, t.menuChoices()...)
	default:
		t.say(t.w.Stopped+" "+strings.Join(parts, " "), t.menuChoices()...)
	}
}

// answered reports whether a check-in has any answer worth keeping.
func answered(ci CheckInDraft) bool {
	return len(ci.Did) > 0 || len(ci.StepsDone) > 0 || ci.Barrier != "" || ci.Plan != "" ||
		ci.Importance >= 0 || ci.Confidence >= 0 || len(ci.NewSteps) > 0
}

// markedWords names marked steps by their numbers: "step 2 marked done",
// "steps 1 and 3 marked done".
func (t *turn) markedWords(ids []uint64) string {
	var ns []string
	for _, id := range ids {
		if n := t.stepNumber(id); n > 0 {
			ns = append(ns, strconv.Itoa(n))
		}
	}
	switch len(ns) {
	case 0:
		return fmt.Sprintf(t.w.KeptSteps, len(ids))
	case 1:
		return fmt.Sprintf(t.w.KeptStep, ns[0])
	}
	return fmt.Sprintf(t.w.KeptStepsN, names(t.w, ns))
}

// Spanish commands. A whole message that is a Spanish command is read as
// its English ("mis pasos" → "steps", "listo 2" → "done 2", "ausente hasta
// el 20 de junio" → "away until el 20 de junio"), so each command is
// decided in one place whatever the language. Accents are optional. The
// member's own text is never changed: only the word the commands read.
//
// The phrases are the ones Spanish speakers in US peer-support programs
// use in chat: the infinitive or the first person ("parar", "ya volví"),
// the usual short forms ("listo", "ya"), tú forms ("olvídame"), and the
// Mexican and Caribbean everyday words for yes ("dale", "sale", "va").
// "para" alone is "stop" (as in "¡para!"): as an answer it means nothing.
// "yo", "nadie" and "mi navegador(a)" are read by whoOf and the
// buttons' labels, so they are not here.
var esCommands = map[string]string{
	"ayuda": "help", "ayudame": "help", "que puedo decir": "what can i say", "comandos": "commands", "menu": "menu",
	"opciones": "menu",

	"pasos": "steps", "mis pasos": "steps", "ver pasos": "steps", "ver mis pasos": "steps", "muestrame mis pasos": "steps",
	"mi meta": "my goal", "mis metas": "my goal", "ver mi meta": "my goal",

	"check in": "check in", "revisar": "check in", "registrar": "check in", "registro": "check in",
	"hacer el registro": "check in", "hacer mi registro": "check in", "reportarme": "check in", "reportar": "check in",

	"poner una meta": "set a goal", "quiero poner una meta": "set a goal", "nueva meta": "set a goal",
	"una meta nueva": "set a goal", "meta nueva": "set a goal", "poner meta": "set a goal", "fijar una meta": "set a goal",
	"crear una meta": "set a goal", "establecer una meta": "set a goal", "quiero una meta": "set a goal",
	"quiero ponerme una meta": "set a goal", "ponerme una meta": "set a goal",

	// Ending a list: "Add another step?" — "no, eso es todo".
	"hecho": "done", "listo": "done", "ya": "done", "ya termine": "i'm done", "termine": "i'm done",
	"eso es todo": "that's all", "es todo": "that's all", "nada mas": "that's all", "ya esta": "that's all",
	"no mas": "no more", "ya no": "no more", "asi esta bien": "that's all", "con eso": "that's all",
	"no, eso es todo": "no, that's all", "no eso es todo": "no, that's all", "no gracias": "no thanks",
	"nada mas por ahora": "that's all for now", "eso seria todo": "that's all", "ya es todo": "that's all",
	"nop": "nope", "nel": "nope",

	"atras": "back", "volver": "back", "regresar": "back", "para atras": "back", "deshacer": "undo",

	"parar": "stop", "para": "stop", "detener": "stop", "detente": "stop", "basta": "stop", "cancelar": "cancel",
	"salir": "exit", "olvidalo": "never mind", "dejalo": "never mind", "ya no quiero seguir": "stop",

	"hola": "hi", "buenas": "hi", "buenos dias": "good morning", "buenas tardes": "good evening",
	"buenas noches": "good evening", "continuar": "continue", "seguir": "continue", "sigamos": "continue",
	"donde estaba": "where was i", "donde me quede": "where was i",

	"ya volvi": "i'm back", "volvi": "i'm back", "ya regrese": "i'm back", "regrese": "i'm back",
	"estoy de vuelta": "i'm back", "ya estoy de vuelta": "i'm back", "ya estoy aqui": "i'm back",

	"hablar con una persona": "talk to a person", "quiero hablar con una persona": "talk to a person",
	"hablar con alguien": "talk to someone", "quiero hablar con alguien": "talk to someone",
	"necesito hablar con alguien": "talk to someone", "necesito ayuda": "i need help",
	"hablar con mi navegador": "talk to my navigator", "hablar con mi navegadora": "talk to my navigator",
	"hablar con un humano": "talk to a human being", "hablar con una persona real": "talk to a real person",

	"mis datos": "my data", "ver mis datos": "my data", "descargar mis datos": "download my data",
	"que sabes de mi": "what do you know about me",
	"olvidame":        "forget me", "borrame": "delete me", "borrar mis datos": "delete my data",
	"borra mis datos": "delete my data", "borrar todo": "delete everything", "borra todo": "delete everything",

	// A goal reached: "ya terminé mi meta" is the goal, not a step.
	"ya termine mi meta": "i reached my goal", "termine mi meta": "i reached my goal", "logre mi meta": "i reached my goal",
	"ya logre mi meta": "i reached my goal", "cumpli mi meta": "i reached my goal", "ya cumpli mi meta": "i reached my goal",
	"alcance mi meta": "i reached my goal", "ya alcance mi meta": "i reached my goal", "meta lograda": "goal reached",
	"meta cumplida": "goal reached", "lo logre": "i did it", "ya lo logre": "i did it",

	"historial": "history", "mi historial": "my history", "mis registros": "my check-ins",
	"ver mi historial": "show my history",
}

var (
	// esGreetingLead is a greeting before the words that matter.
	esGreetingLead = regexp.MustCompile(`^(?:hola|buenas|buenos dias|buenas tardes|buenas noches|oye|mira)[,!.]* +(.+)$`)
	// esDone is "listo 2", "hecho 2", "hecho: llamar a la oficina",
	// "ya hice el 2", "terminé el paso 2": done with a step.
	esDone = regexp.MustCompile(`^(?:listo|hecho|ya hice|hice|termine|ya termine|complete|ya complete|marcar|marca)(?::)? (?:con )?(?:el |la )?(?:paso )?(.+)$`)
	// esDoneAfter is "el 2 está hecho", "paso 2 listo", "el paso 2 ya está".
	esDoneAfter = regexp.MustCompile(`^(?:el |la )?(?:paso )?#?(\d+) (?:ya )?(?:esta |quedo )?(?:hecho|listo|terminado|completo|ya esta)$`)
	// esPause is time away: "ausente hasta el 20 de junio", "estoy de
	// vacaciones hasta el lunes", "pausa por dos semanas".
	// esStepDelete is "borrar el paso 2"; esStepMove "cambiar el paso 2
	// al viernes", "mover el paso 2 a la próxima semana".
	esStepDelete = regexp.MustCompile(`^(?:borrar|borra|quitar|quita|eliminar|elimina|cancelar|cancela) (?:el )?paso #?(\d+)$`)
	esStepMove   = regexp.MustCompile(`^(?:cambiar|cambia|mover|mueve|pasar|pasa) (?:el )?paso #?(\d+) (a|al|para) (.+)$`)
	esPause      = regexp.MustCompile(`^(?:voy a estar |estare |estoy |me voy )?(ausente|fuera|afuera|de vacaciones|de viaje|pausa|pausar|en pausa|pausar los mensajes|pausa los mensajes)(?: (hasta|por|durante))?(?: (.*))?$`)
)

// understand reads a Spanish command as its English (see esCommands); any
// other word is returned as it was.
func understand(word string) string {
	f := unaccent.Replace(word)
	if m := esGreetingLead.FindStringSubmatch(f); m != nil {
		// "hola, quiero poner una meta": the greeting says nothing more.
		fields := strings.Fields(word)
		rest := strings.Join(fields[len(fields)-len(strings.Fields(m[1])):], " ")
		if en := understand(rest); en != rest {
			return en
		}
	}
	if en, ok := esCommands[esSpelling(f)]; ok { // "kiero poner una meta porfa" too
		return en
	}
	if m := esDoneAfter.FindStringSubmatch(f); m != nil {
		return "done " + m[1]
	}
	if m := esDone.FindStringSubmatch(f); m != nil {
		// The step's words as typed, accents and all, so they match the step.
		rest := word[len(word)-len(m[1]):]
		if len(f) != len(word) { // accents changed byte lengths: cut by words instead
			rest = strings.Join(strings.Fields(word)[len(strings.Fields(f))-len(strings.Fields(m[1])):], " ")
		}
		return "done " + rest
	}
	if m := esStepDelete.FindStringSubmatch(strings.ToLower(f)); m != nil {
		return "delete step " + m[1]
	}
	if m := esStepMove.FindStringSubmatch(strings.ToLower(f)); m != nil {
		// The new words or day as typed; "al viernes" is "el viernes".
		fields := strings.Fields(word)
		rest := strings.Join(fields[len(fields)-len(strings.Fields(m[3])):], " ")
		if m[2] == "al" {
			rest = "el " + rest
		}
		return "change step " + m[1] + " to " + rest
	}
	if m := esPause.FindStringSubmatch(f); m != nil {
		lead := "away"
		if m[1] == "de vacaciones" || m[1] == "de viaje" {
			lead = "on vacation" // also an ordinary answer: softPause asks which
		}
		switch m[2] {
		case "hasta":
			lead += " until"
		case "por", "durante":
			lead += " for"
		}
		if m[3] == "" {
			return lead
		}
		n := len(strings.Fields(m[3]))
		fields := strings.Fields(word)
		return lead + " " + strings.Join(fields[len(fields)-n:], " ")
	}
	return word
}

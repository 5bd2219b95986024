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
		"no, that's all": true, "no that's all": true, "no, that's it": true, "nope, that's it": true}
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
func isEnough(word string) bool { return enoughWords[word] }

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
		t.say(sayResumed)
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
		t.say(sayStepNotFound)
		t.ask()
		return true
	case !number && !sure && t.freeText():
		t.s.Cmd.Pending = t.text
		t.say(fmt.Sprintf(sayDoneOrAnswer, t.stepNumber(st.ID)), t.pendingChoices()...)
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
		t.say(fmt.Sprintf(sayStepAlreadyDone, st.What))
		return
	}
	t.say(fmt.Sprintf(sayMarkedStone, st.What, t.stonesNow()))
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
	_, err := AwayUntil(phrase, t.now)
	switch {
	case phrase != "" && err != nil && t.freeText():
		return false
	case err == nil && !sure && t.freeText() && softPause.MatchString(word):
		t.s.Cmd.Pending = t.text
		t.say(sayPauseOrAnswer, t.pendingChoices()...)
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
	do := sayTakeABreak
	if ref, ok := doneRef(normalize(t.s.Cmd.Pending)); ok {
		if st := t.stepNamed(ref); st != nil {
			do = fmt.Sprintf(sayMarkStepDone, t.stepNumber(st.ID))
		}
	}
	return []Choice{{do, actCmdDo}, {sayItsMyAnswer, actCmdAnswer}}
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
			t.say(sayMenu, t.menuChoices()...)
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
	text, ok := stageHelp[t.s.Stage]
	if !ok {
		text = sayHelpAnswer
	}
	t.say(text + " " + sayHelpWayOut + "\n" + sayHelpCrisis)
	t.ask()
}

// stageHelp is what each question asks for, said when the member asks
// for help there.
var stageHelp = map[Stage]string{
	stageDream:        sayHelpDream,
	stageHappy:        sayHelpHappy,
	stageGoal:         sayHelpGoal,
	stageMeasure:      sayHelpMeasure,
	stageWhy:          sayHelpWhy,
	stageSupport:      sayHelpSupport,
	stageStepWhat:     sayHelpStepWhat,
	stageStepWhen:     sayHelpStepWhen,
	stageStepFar:      sayHelpStepFar,
	stageStepWho:      sayHelpStepWho,
	stageStepWhoName:  sayHelpStepWhoName,
	stageStepMore:     sayHelpStepMore,
	stageConfirm:      sayHelpConfirm,
	stageEdit:         sayHelpEdit,
	stageDropStep:     sayHelpDropStep,
	stageDid:          sayHelpDid,
	stageBarrier:      sayHelpBarrier,
	stageBarrierOther: sayHelpBarrier,
	stagePlan:         sayHelpPlan,
	stagePlanAsStep:   sayHelpPlanAsStep,
	stageImportance:   sayHelpRuler,
	stageConfidence:   sayHelpRuler,
	stageReflect:      sayHelpReflect,
	stageEnjoy:        sayHelpEnjoy,
	stageSpecific:     sayHelpSpecific,
	stageByWhen:       sayHelpByWhen,
	stageSure:         sayHelpSure,
	stageSure7:        sayHelpSure7,
}

// resume picks a conversation up again: where we were, and its question,
// in one message.
func (t *turn) resume() {
	q := t.question()
	t.say(sayResumeHead+" "+t.where()+"\n"+q.Text, q.Choices...)
}

// where says what the conversation was doing, naming the step or the goal
// being worked on.
func (t *turn) where() string {
	s := t.s
	name := func(text string) string { return Inert(shorten(strings.TrimSpace(text), 80)) }
	switch s.Stage {
	case stageStepWhat, stageStepWhen, stageStepFar, stageStepWho, stageStepWhoName:
		if s.Draft.What != "" {
			return fmt.Sprintf(sayWereAddingStep, name(s.Draft.What))
		}
	}
	if s.Flow == FlowCheckIn {
		if g := t.goalText(); g != "" {
			return fmt.Sprintf(sayWereCheckingIn, name(g))
		}
		return sayWereCheckingInNoGoal
	}
	switch {
	case s.Goal.Text != "":
		return fmt.Sprintf(sayWereSettingGoal, name(s.Goal.Text))
	case s.Goal.Dream != "":
		return fmt.Sprintf(sayWereDreaming, name(s.Goal.Dream))
	}
	return sayWereStartingGoal
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
		kept = append(kept, fmt.Sprintf(sayKeptNewStep, Inert(d.What)))
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
		parts = append(parts, sayKept+strings.Join(kept, ", ")+".")
	}
	if saved {
		parts = append(parts, sayKeptCheckIn)
	}
	switch {
	case !stopped && len(parts) == 0:
		return // a new flow starts; nothing was done in the old one
	case !stopped:
		t.say(strings.Join(parts, " "))
	case len(parts) == 0:
		t.say(sayStoppedNothing, t.menuChoices()...)
	default:
		t.say(sayStopped+" "+strings.Join(parts, " "), t.menuChoices()...)
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
		return fmt.Sprintf(sayKeptSteps, len(ids))
	case 1:
		return fmt.Sprintf(sayKeptStep, ns[0])
	}
	return fmt.Sprintf(sayKeptStepsN, names(ns))
}

package conversations

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/store"
)

// Stage is one question within a flow.
type Stage string

const (
	stageDream       Stage = "dream"
	stageHappy       Stage = "happy"
	stageGoal        Stage = "goal"
	stageMeasure     Stage = "measure"
	stageWhy         Stage = "why"
	stageSupport     Stage = "support"
	stageStepWhat    Stage = "step_what"
	stageStepWhen    Stage = "step_when"
	stageStepFar     Stage = "step_far"
	stageStepWho     Stage = "step_who"
	stageStepWhoName Stage = "step_who_name"
	stageStepMore    Stage = "step_more"
	stageConfirm     Stage = "confirm"
	stageEdit        Stage = "edit"
	stageDropStep    Stage = "drop_step"

	stageDid          Stage = "did"
	stageBarrier      Stage = "barrier"
	stageBarrierOther Stage = "barrier_other"
	stagePlan         Stage = "plan"
	stagePlanAsStep   Stage = "plan_as_step"
	stageImportance   Stage = "importance"
	stageConfidence   Stage = "confidence"
)

// What bot sends as an Input's Action to start a flow, show the steps or
// the help (App Home's buttons, /cairn), and presses in its tests: bot names
// them, never spells them.
const (
	ActGoal      = "goal:start"
	ActCheckIn   = "checkin:start"
	ActSteps     = "steps:show"
	ActHelp      = "help"
	ActPersonYes = actPersonYes // "yes, ask them" after a talk-to-a-person offer
	ActPersonNo  = actPersonNo
)

// Button values. Typed text matching a button's label counts as pressing it.
// The first four are aliases, so the conversation files keep their names.
const (
	actGoal       = ActGoal
	actCheckIn    = ActCheckIn
	actSteps      = ActSteps
	actHelp       = ActHelp
	actKeep       = "keep"
	actSkip       = "skip"
	actOther      = "other"
	actWhoMe      = "who:me"
	actWhoNav     = "who:navigator"
	actWhoOther   = "who:other"
	actMore       = "more:yes"
	actNoMore     = "more:no"
	actSave       = "confirm:save"
	actEdit       = "confirm:edit"
	actRestart    = "confirm:restart"
	actEditGoal   = "edit:goal"
	actEditWhy    = "edit:why"
	actEditSupp   = "edit:support"
	actEditAdd    = "edit:add_step"
	actEditDrop   = "edit:drop_step"
	actNothing    = "nothing"
	actThatsIt    = "thats_it"
	actYes        = "yes"
	actNo         = "no"
	prefixDone    = "done:"
	prefixBarrier = "barrier:"
	prefixRuler   = "ruler:"
)

// turn carries one Step call's working values.
type turn struct {
	s      State
	c      Context
	now    time.Time
	text   string // trimmed typed text ("" for a button press)
	action string // a button value, or the value whose label the text matched
	res    Result

	mark   Mark    // the state as the turn found it, for "back"
	flow   Flow    // the flow the turn found
	pushed bool    // whether mark is already on the back list
	heard  *signal // the safety check's finding, when the caller ran it
	w      *Words  // the member's language
	// guessed: the member's words look Spanish and their language is not
	// settled; the turn speaks Spanish and asks (lang.go).
	guessed bool
}

func markOf(s State) Mark {
	return Mark{Stage: s.Stage, After: s.After, Editing: s.Editing, Draft: s.Draft, Steps: len(s.Goal.Steps),
		NewSteps: len(s.CheckIn.NewSteps), Did: len(s.CheckIn.Did), StepsDone: len(s.CheckIn.StepsDone)}
}

func (t *turn) say(text string, choices ...Choice) {
	t.res.Replies = append(t.res.Replies, Reply{Text: text, Choices: choices})
}

// Step runs one turn of the member's conversation. It is pure: the same state,
// input, context and time always give the same result.
func Step(s State, in Input, c Context, now time.Time) Result {
	if s.V != stateVersion && s.Active() {
		s = State{} // a state from an unknown release: start fresh rather than guess
	}
	s.V = stateVersion
	t := &turn{s: s, c: c, w: WordsFor(c.Lang), now: now, text: strings.TrimSpace(in.Text), action: in.Action, mark: markOf(s), flow: s.Flow, heard: in.heard}
	t.res.State = s
	t.run()
	t.withMentions()
	t.res.State = t.s
	return t.res
}

// Start begins a flow as if the member had asked for it; the scheduler uses
// it to open a check-in with a prompt.
func Start(s State, flow Flow, c Context, now time.Time) Result {
	action := actGoal
	if flow == FlowCheckIn {
		action = actCheckIn
	}
	s.V = stateVersion
	if s.Active() && s.Flow != flow {
		s = State{V: stateVersion} // a prompt replaces an abandoned other flow
	}
	if s.Flow == FlowCheckIn && flow == FlowCheckIn && (s.CheckIn.GroupID != c.GroupID || !s.CheckIn.Session.Equal(c.Session)) {
		// Another group's (or session's) prompt: answers must not land in
		// the check-in left open for the first, which its group would see.
		s = State{V: stateVersion}
	}
	if s.Flow == flow {
		t := &turn{s: s, c: c, w: WordsFor(c.Lang), now: now}
		t.ask()
		t.res.State = t.s
		return t.res
	}
	return Step(s, Input{Action: action}, c, now)
}

func (t *turn) run() {
	t.guessLang()   // Spanish first words: the whole turn is in Spanish, a crisis reply too (lang.go)
	if t.safety() { // before anything else, even a message too long to answer
		return
	}
	if len(t.text) > MaxInput {
		t.say(t.w.TooLong)
		if t.s.Active() {
			t.ask()
		}
		return
	}
	raw := normalize(t.text)
	word := understand(raw) // Spanish commands read as their English (commands.go)
	if t.language(word) {   // "español", "english", and a first Spanish message (lang.go)
		return
	}
	if t.dataCommand(word) {
		return
	}
	if t.personCommand(word) { // "talk to a person": works everywhere, keeps the flow
		return
	}
	if t.helpersTurn(word) { // a "practise this" button, from any flow (helpers.go)
		return
	}
	answer, done := t.settle(word) // "command or answer?", when that was asked
	if done {
		return
	}
	if !answer && t.lifecycleCommand(word) { // a goal's life: "I did it", and FlowLife's questions
		return
	}
	if t.action == actHelp && t.s.Active() {
		t.helpHere()
		return
	}
	if !answer && t.action == "" && word != "" {
		// Commands work anywhere (commands.go); "check in" or "set a goal"
		// may come back as their buttons.
		if t.command(word) || t.anywhere(word, false) {
			return
		}
		if t.action == "" {
			t.action = cmp.Or(t.matchChoice(raw), t.matchChoice(word), t.esChoice(raw), t.ending(word))
		}
	}
	if t.s.Active() && (t.action == actGoal || t.action == actCheckIn) {
		// An explicit "set a goal" or "check in" from a menu, App Home or a
		// slash command: resume that flow if it is the one under way, else
		// start it afresh, keeping what was done in the other.
		if (t.action == actGoal) == (t.s.Flow == FlowGoal) {
			t.resume()
			return
		}
		t.leave(false)
	}
	if !t.s.Active() {
		t.idle(word)
		return
	}
	if t.action == "" && t.text == "" {
		t.say(t.w.Empty)
		t.ask()
		return
	}
	t.answer()
}

// command handles the words that work everywhere: help (about the question
// on the table), back, stop (keeping what was done), and a greeting that
// resumes a paused flow with where it was.
func (t *turn) command(word string) bool {
	switch word {
	case "help", "?", "what can i say", "commands", "menu":
		if t.s.Active() {
			t.helpHere()
		} else {
			t.say(t.w.Help, t.menuChoices()...)
		}
		return true
	case "cancel", "stop", "quit", "exit", "never mind", "nevermind":
		if !t.s.Active() {
			t.say(t.w.NothingToCancel, t.menuChoices()...)
			return true
		}
		if s := t.s; s.Flow == FlowGoal && word != "stop" && word != "quit" && word != "exit" &&
			(s.Editing || s.Stage == stageEdit || s.After == stageConfirm) {
			// "never mind" while changing one part of a whole plan: back to
			// the plan, never the plan thrown away.
			t.toConfirm()
			t.ask()
			return true
		}
		t.leave(true)
		return true
	case "start over", "start again", "restart", "start from scratch", "start fresh":
		if t.s.Flow != FlowGoal {
			return false
		}
		t.s = State{V: stateVersion, Flow: FlowGoal, Stage: stageDream} // as the plan's *Start over* button
		t.ask()
		return true
	case "back", "go back", "undo":
		if !t.s.Active() {
			return false
		}
		if len(t.s.Back) == 0 {
			t.say(t.w.CantGoBack)
			t.ask()
			return true
		}
		m := t.s.Back[len(t.s.Back)-1]
		s := &t.s
		s.Back = s.Back[:len(s.Back)-1]
		s.Stage, s.After, s.Editing, s.Draft = m.Stage, m.After, m.Editing, m.Draft
		// Undo what the later answers added (steps, things marked done).
		s.Goal.Steps = s.Goal.Steps[:min(m.Steps, len(s.Goal.Steps))]
		s.CheckIn.NewSteps = s.CheckIn.NewSteps[:min(m.NewSteps, len(s.CheckIn.NewSteps))]
		s.CheckIn.Did = s.CheckIn.Did[:min(m.Did, len(s.CheckIn.Did))]
		s.CheckIn.StepsDone = s.CheckIn.StepsDone[:min(m.StepsDone, len(s.CheckIn.StepsDone))]
		s.CheckIn.Last = "" // the answer it offered to keep private may be undone
		t.ask()
		return true
	case "hi", "hello", "hey", "hiya", "resume", "continue", "where was i", "good morning", "good evening",
		"seguir", "continuar", "sigamos": // the Spanish replies teach "seguir"
		if !t.s.Active() {
			return false
		}
		t.resume()
		return true
	}
	return false
}

// advance records the current state for "back" and moves to the next stage.
func (t *turn) advance(next Stage) {
	// "back" returns to the question this turn answered, as it was before
	// the answer: one mark per turn, however many stages the turn moved.
	if !t.pushed && t.mark.Stage != "" && t.s.Flow == t.flow {
		back := append(slices.Clone(t.s.Back), t.mark)
		if len(back) > maxBack {
			back = back[len(back)-maxBack:]
		}
		t.s.Back = back
		t.pushed = true
	}
	t.s.Stage = next
}

// ask asks the current stage's question again (after back, help, a pause or
// an answer that didn't fit).
func (t *turn) ask() {
	r := t.question()
	t.say(r.Text, r.Choices...)
}

// again asks the question on the table once more after an answer Cairn did
// not follow, in one message: what went wrong (lead), the question, and in a
// flow its way out. The plan's summary is never repeated whole here: it was
// just shown, so only its question is asked again.
func (t *turn) again(lead string) {
	q := t.question()
	if t.s.Stage == stageConfirm {
		q.Text = t.w.ConfirmAgain
	}
	text := lead + "\n" + q.Text
	if t.s.Flow == FlowGoal || t.s.Flow == FlowCheckIn {
		text += "\n" + t.w.HelpWayOut
	}
	t.say(text, q.Choices...)
}

// question is the message for the current stage. Its choices are also what
// typed text is matched against.
func (t *turn) question() Reply {
	s := &t.s
	switch s.Stage {
	case stageDream:
		return Reply{Text: t.w.DreamFun}
	case stageHappy:
		return Reply{Text: t.w.Happy}
	case stageGoal:
		if r, ok := t.templateQuestion(); ok {
			return r
		}
		return Reply{Text: t.w.Goal}
	case stageMeasure, stageSpecific, stageByWhen, stageSure, stageSure7:
		return t.smartQuestion()
	case stageEnjoy:
		return enjoyQuestion(t.w)
	case stageWhy:
		return Reply{Text: t.w.Why}
	case stageSupport:
		return Reply{Text: t.w.Support, Choices: []Choice{{t.w.NoOne, actSkip}}}
	case stageStepWhat:
		switch {
		case s.Draft.SplitAsked && s.Draft.What != "":
			return Reply{Text: t.w.StepSplit, Choices: []Choice{{t.w.StepKeepOne, actKeep}}}
		case s.Draft.Big != "":
			return t.bigQuestion()
		case s.Draft.What == "" && !s.Draft.Due.IsZero():
			return Reply{Text: fmt.Sprintf(t.w.StepWhatBy, t.sayDate(s.Draft.Due))}
		case s.Flow == FlowCheckIn:
			return Reply{Text: t.w.StepCheckinPlan}
		case len(s.Goal.Steps) == 0:
			return Reply{Text: t.w.StepFirst}
		default:
			return Reply{Text: t.w.StepNext}
		}
	case stageStepWhen:
		return t.whenQuestion()
	case stageStepFar:
		return t.farQuestion()
	case stageStepWho:
		return Reply{Text: fmt.Sprintf(t.w.StepWho, capitalize(t.sayDate(s.Draft.Due))), Choices: whoChoices(t.w)}
	case stageStepWhoName:
		return Reply{Text: t.w.StepWhoName}
	case stageStepMore:
		last := lastAdded(s.Goal.Steps)
		return Reply{Text: fmt.Sprintf(t.w.StepAdded, describeStep(t.w, last, t.now)), Choices: t.stepMoreChoices()}
	case stageConfirm:
		return Reply{Text: fmt.Sprintf(t.w.Confirm, summarizeDraft(t.w, s.Goal, t.now)),
			Choices: []Choice{{t.w.Save, actSave}, {t.w.Edit, actEdit}, {t.w.StartOver, actRestart}}}
	case stageEdit:
		return Reply{Text: t.w.EditWhat, Choices: []Choice{
			{t.w.EditGoal, actEditGoal}, {t.w.EditWhy, actEditWhy}, {t.w.EditSupport, actEditSupp},
			{t.w.EditAddStep, actEditAdd}, {t.w.EditDropStep, actEditDrop}}}
	case stageDropStep:
		return Reply{Text: t.w.DropWhich + "\n" + listDrafts(t.w, s.Goal.Steps, t.now)}
	case stageDid:
		text := fmt.Sprintf(t.w.CheckinDid, t.goalText())
		if len(s.CheckIn.StepsDone) > 0 || len(s.CheckIn.Did) > 0 {
			text = t.w.CheckinMore // the greeting was said; don't repeat it whole
		}
		var choices []Choice
		open := t.openSteps()
		if len(open) > 0 {
			var lines []string
			for _, o := range open {
				lines = append(lines, fmt.Sprintf("%d. %s", o.N, o.Step.What))
				choices = append(choices, stepChoice(o))
			}
			text += "\n" + fmt.Sprintf(t.w.CheckinDidSteps, strings.Join(lines, "\n"))
		}
		if len(s.CheckIn.StepsDone) > 0 || len(s.CheckIn.Did) > 0 {
			choices = append(choices, Choice{t.w.DoneChecking, actThatsIt})
		} else {
			choices = append(choices, Choice{t.w.Nothing, actNothing})
		}
		return Reply{Text: text, Choices: choices}
	case stageBarrier:
		var choices []Choice
		for _, b := range barriers {
			choices = append(choices, Choice{BarrierLabel(t.w, b), prefixBarrier + b})
		}
		return Reply{Text: t.w.Barrier, Choices: choices}
	case stageBarrierOther:
		return Reply{Text: t.w.BarrierWhat}
	case stagePlan:
		return Reply{Text: t.w.StepCheckinPlan, Choices: t.privateChoice()}
	case stagePlanAsStep:
		return Reply{Text: t.w.PlanAsStep, Choices: append([]Choice{{t.w.YesAdd, actYes}, {t.w.NoThanks, actNo}}, t.privateChoice()...)}
	case stageImportance:
		return Reply{Text: t.w.Importance, Choices: append(rulerChoices(t.w), t.privateChoice()...)}
	case stageConfidence:
		return Reply{Text: t.w.Confidence, Choices: rulerChoices(t.w)}
	case stageReflect:
		return t.reflectQuestion()
	}
	if r, ok := t.lifeQuestion(); ok {
		return r
	}
	if r, ok := t.helperQuestion(); ok {
		return r
	}
	return Reply{Text: t.w.Menu, Choices: t.menuChoices()}
}

// matchChoice maps typed text to a button of the current question, so that
// typing "save it" or "7" works like pressing the button.
func (t *turn) matchChoice(word string) string {
	if !t.s.Active() {
		return ""
	}
	choices := t.question().Choices
	for _, c := range choices {
		if normalize(c.Label) == word {
			return c.Value
		}
	}
	// The first word(s) of one button's label only ("save" for "Save it",
	// "change" for "Change something"): people shorten what they type.
	if len([]rune(word)) >= 3 {
		found := ""
		for _, c := range choices {
			if strings.HasPrefix(normalize(c.Label), word+" ") {
				if found != "" {
					found = ""
					break
				}
				found = c.Value
			}
		}
		if found != "" {
			return found
		}
	}
	// "yes" and "no" answer whichever yes/no question is on the table.
	var want []string
	switch {
	case yesWords[word]:
		want = []string{actYes, actMore, actSave, actKeep}
	case noWords[word]:
		want = []string{actNo, actNoMore, actSkip}
	}
	for _, v := range want {
		for _, c := range choices {
			if c.Value == v {
				return v
			}
		}
	}
	return ""
}

var (
	yesWords = map[string]bool{"yes": true, "y": true, "yeah": true, "yep": true, "yup": true, "sure": true, "ok": true, "okay": true, "👍": true, "please": true, "yes please": true,
		// Spanish (see lang.go), with and without the accent
		"sí": true, "si": true, "sip": true, "claro": true, "claro que sí": true, "claro que si": true, "dale": true, "sale": true,
		"va": true, "okey": true, "de acuerdo": true, "está bien": true, "esta bien": true, "por supuesto": true,
		"sí, por favor": true, "si, por favor": true, "sí por favor": true, "si por favor": true, "por favor": true}
	noWords = map[string]bool{"no": true, "n": true, "nope": true, "nah": true, "no thanks": true, "no thank you": true, "👎": true,
		"nop": true, "nel": true, "no gracias": true, "no, gracias": true, "para nada": true, "mejor no": true}
)

// answer dispatches an answer to the current stage.
func (t *turn) answer() {
	s := &t.s
	switch s.Stage {
	case stageDream:
		if t.needWords() {
			return
		}
		t.dreamAnswer()
		return
	case stageHappy:
		if t.needWords() {
			return
		}
		s.Goal.Happy = t.text
		if isFiller(t.text) {
			s.Goal.Happy = "" // "idk" is not kept as what happy looks like
		}
		t.advance(stageGoal)
	case stageGoal:
		if t.templateAnswer() {
			return
		}
		if t.needWords() || t.keepWhen() || t.goalUnsure() {
			return
		}
		s.Goal.Text = t.text
		if s.Editing {
			// "actually I want to see the mountains instead": the new words.
			if w := strings.TrimSpace(strings.TrimSuffix(changeWords.ReplaceAllString(t.text, ""), " instead")); hasLetterOrDigit(w) {
				s.Goal.Text = w
			}
		}
		t.withWhen()
		t.smartStart()
	case stageMeasure, stageSpecific, stageByWhen, stageSure, stageSure7:
		t.smartAnswer()
		return
	case stageEnjoy:
		t.enjoyAnswer()
		return
	case stageWhy:
		if t.needWords() {
			return
		}
		if t.whyOffer() {
			return
		}
		s.Goal.Why = t.text
		if isFiller(t.text) {
			s.Goal.Why = "" // asked once with examples: "idk" again goes on, keeping nothing
		}
		t.advanceGoal(stageSupport)
	case stageSupport:
		if t.action == actSkip || isFiller(t.text) {
			s.Goal.Supporters = ""
		} else {
			s.Goal.Supporters = t.text
		}
		if s.Editing || len(s.Goal.Steps) > 0 {
			t.toConfirm()
			break
		}
		s.After = stageStepMore
		t.advance(stageStepWhat)
	case stageStepWhat, stageStepWhen, stageStepFar, stageStepWho, stageStepWhoName:
		t.stepAnswer()
		return
	case stageHelperOK:
		t.helperAnswer()
		return
	case stageStepMore:
		switch t.action {
		case actMore:
			s.After = stageStepMore
			t.advance(stageStepWhat)
		case actNoMore:
			if t.askEnjoy() {
				break
			}
			t.toConfirm()
		default:
			if t.lastDayChange() {
				return
			}
			if w := normalize(t.text); meWords[w] || navWords.MatchString(w) && len(strings.Fields(w)) <= 3 {
				// "me" again, or "my navigator": who does the step just
				// added, never a step of its own.
				at := lastAddedAt(s.Goal.Steps)
				if at >= 0 {
					s.Goal.Steps = slices.Clone(s.Goal.Steps) // the caller's state is not changed
					s.Goal.Steps[at].Owner, s.Goal.Steps[at].OwnerName = store.OwnerMe, ""
					if !meWords[w] {
						s.Goal.Steps[at].Owner = store.OwnerNavigator
					}
				}
				break
			}
			if t.action == "" && isFiller(t.text) && !yesWords[normalize(t.text)] {
				// "idk", "maybe", "whatever": not a step; the list can
				// end here and grow later.
				if t.askEnjoy() {
					break
				}
				t.toConfirm()
				break
			}
			// Typed text here is most likely the next step itself.
			s.After = stageStepMore
			t.advance(stageStepWhat)
			t.stepAnswer()
			return
		}
	case stageConfirm:
		switch t.action {
		case actSave:
			t.saveGoal()
			return
		case actEdit:
			t.advance(stageEdit)
		case actRestart:
			t.s = State{V: stateVersion, Flow: FlowGoal, Stage: stageDream}
		default:
			t.again(t.w.PickOne)
			return
		}
	case stageEdit:
		t.edit()
		return
	case stageDropStep:
		n, err := strconv.Atoi(strings.TrimPrefix(normalize(t.text), "#"))
		if err != nil || n < 1 || n > len(s.Goal.Steps) {
			t.again(t.w.PickOne)
			return
		}
		at := draftOrder(s.Goal.Steps)[n-1] // the number the summary showed
		s.Goal.Steps = slices.Delete(s.Goal.Steps, at, at+1)
		t.toConfirm()
	default:
		t.checkInAnswer()
		return
	}
	t.ask()
}

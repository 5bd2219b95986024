package conversations

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// Button values. Typed text matching a button's label counts as pressing it.
const (
	actGoal       = "goal:start"
	actCheckIn    = "checkin:start"
	actSteps      = "steps:show"
	actHelp       = "help"
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

// farAway is when a step stops being a stepping stone and becomes a goal of
// its own: the seeds' short-term steps are days or weeks, not months.
const farAway = 42 * 24 * time.Hour

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
	word := normalize(t.text)
	if t.dataCommand(word) {
		return
	}
	if t.personCommand(word) { // "talk to a person": works everywhere, keeps the flow
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
			t.action = cmp.Or(t.matchChoice(word), t.ending(word))
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
		t.leave(true)
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
	case "hi", "hello", "hey", "hiya", "resume", "continue", "where was i", "good morning", "good evening":
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

// idle answers a member who is not in a flow: a menu, a summary, or a step
// marked done.
func (t *turn) idle(word string) {
	if t.lifecycle(word) { // reached, changed, let go, beside another, a step edited
		return
	}
	switch {
	case t.action == actGoal || word == "goal" || word == "set a goal" || word == "new goal" || word == "goals setting":
		t.s = State{V: stateVersion, Flow: FlowGoal, Stage: stageDream}
		t.ask()
	case t.action == actCheckIn || word == "check in" || word == "checkin" || word == "check-in":
		t.startCheckIn()
	case t.action == actSteps || word == "steps" || word == "my steps" || word == "my goal" || word == "goal status" || word == "show":
		t.showSteps()
	case t.action == actHelp:
		t.say(t.w.Help, t.menuChoices()...)
	case pauseWords.MatchString(word):
		t.pause(pauseWords.ReplaceAllString(word, ""))
	case word == "resume" || word == "i'm back" || word == "im back" || word == "back again":
		back := time.Time{}
		t.res.Pause = &back
		t.say(t.w.Resumed)
	case strings.HasPrefix(t.action, prefixDone) || strings.HasPrefix(word, "done "):
		t.markDoneDirect(word)
	default:
		if t.c.Goal == nil {
			t.say(t.w.Intro)
		} else {
			t.say(t.w.Hello)
		}
		t.say(t.w.Menu, t.menuChoices()...)
	}
}

func (t *turn) menuChoices() []Choice {
	if t.c.Goal == nil {
		return []Choice{{t.w.ChoiceSetGoal, actGoal}, {t.w.ChoiceHelp, actHelp}, {t.w.ChoiceTalk, ActTalkToPerson}}
	}
	return []Choice{{t.w.ChoiceCheckIn, actCheckIn}, {t.w.ChoiceMySteps, actSteps}, {t.w.ChoiceSetGoal, actGoal}, {t.w.ChoiceReached, ActGoalReached}, {t.w.ChoiceHelp, actHelp}, {t.w.ChoiceTalk, ActTalkToPerson}}
}

func (t *turn) showSteps() {
	if t.c.Goal == nil {
		t.say(t.w.NoGoalYet, Choice{t.w.ChoiceSetGoal, actGoal})
		return
	}
	if len(t.c.Goals) > 1 {
		t.showGoals()
		return
	}
	t.say(RenderGoal(t.w, *t.c.Goal, t.c.Steps, t.now))
}

func (t *turn) stepByID(id string) *store.Step {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return nil
	}
	for i := range t.c.Steps {
		if t.c.Steps[i].ID == n {
			return &t.c.Steps[i]
		}
	}
	return nil
}

// ask asks the current stage's question again (after back, help, a pause or
// an answer that didn't fit).
func (t *turn) ask() {
	r := t.question()
	t.say(r.Text, r.Choices...)
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
		return Reply{Text: fmt.Sprintf(t.w.StepWho, capitalize(SayDate(s.Draft.Due, t.now))),
			Choices: []Choice{{t.w.WhoMe, actWhoMe}, {t.w.WhoNavigator, actWhoNav}, {t.w.WhoOther, actWhoOther}}}
	case stageStepWhoName:
		return Reply{Text: t.w.StepWhoName}
	case stageStepMore:
		last := lastAdded(s.Goal.Steps)
		return Reply{Text: fmt.Sprintf(t.w.StepAdded, describeStep(t.w, last, t.now)),
			Choices: []Choice{{t.w.AddAnother, actMore}, {t.w.ThatsAll, actNoMore}}}
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
			choices = append(choices, Choice{b, prefixBarrier + b})
		}
		return Reply{Text: t.w.Barrier, Choices: choices}
	case stageBarrierOther:
		return Reply{Text: "What was it? A few words is plenty."}
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
	return Reply{Text: t.w.Menu, Choices: t.menuChoices()}
}

func rulerChoices(w *Words) []Choice {
	choices := make([]Choice, 0, 12)
	for i := 0; i <= 10; i++ {
		choices = append(choices, Choice{strconv.Itoa(i), prefixRuler + strconv.Itoa(i)})
	}
	return append(choices, Choice{w.Skip, actSkip})
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
	yesWords = map[string]bool{"yes": true, "y": true, "yeah": true, "yep": true, "yup": true, "sure": true, "ok": true, "okay": true, "👍": true, "please": true, "yes please": true}
	noWords  = map[string]bool{"no": true, "n": true, "nope": true, "nah": true, "no thanks": true, "no thank you": true, "👎": true}
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
		t.advance(stageGoal)
	case stageGoal:
		if t.templateAnswer() {
			return
		}
		if t.needWords() {
			return
		}
		s.Goal.Text = t.text
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
		t.advanceGoal(stageSupport)
	case stageSupport:
		if t.action == actSkip {
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
			t.say(t.w.PickOne)
		}
	case stageEdit:
		t.edit()
		return
	case stageDropStep:
		n, err := strconv.Atoi(strings.TrimPrefix(normalize(t.text), "#"))
		if err != nil || n < 1 || n > len(s.Goal.Steps) {
			t.say(t.w.PickOne)
			break
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

// advanceGoal walks the goal flow on, or back to the summary when the member
// was only changing one part.
func (t *turn) advanceGoal(next Stage) {
	if t.s.Editing {
		t.toConfirm()
		return
	}
	t.advance(next)
}

func (t *turn) toConfirm() {
	t.s.Editing = false
	t.s.After = ""
	t.advance(stageConfirm)
}

func (t *turn) edit() {
	s := &t.s
	switch t.action {
	case actEditGoal:
		s.Editing = true
		t.advance(stageGoal)
	case actEditWhy:
		s.Editing = true
		t.advance(stageWhy)
	case actEditSupp:
		s.Editing = true
		t.advance(stageSupport)
	case actEditAdd:
		s.After = stageConfirm
		t.advance(stageStepWhat)
	case actEditDrop:
		if len(s.Goal.Steps) == 0 {
			t.say(t.w.DropNone)
			break
		}
		t.advance(stageDropStep)
	default:
		t.say(t.w.PickOne)
	}
	t.ask()
}

// needWords asks again when an answer that must be tracked has no words in
// it (empty, or emoji only). It reports whether it did.
func (t *turn) needWords() bool {
	if t.text == "" {
		t.say(t.w.Empty)
		t.ask()
		return true
	}
	if !hasLetterOrDigit(t.text) {
		t.say(t.w.EmojiOnly)
		return true
	}
	return false
}

// stepAnswer runs the step sub-flow (what, when, who) shared by goal setting,
// editing and check-ins.
func (t *turn) stepAnswer() {
	s := &t.s
	if t.dateChange() || t.whenWayOut() || s.Stage == stageStepWhat && t.bigStep() {
		return
	}
	switch s.Stage {
	case stageStepWhat:
		if t.needWords() {
			return
		}
		if !s.Draft.SplitAsked && severalActions(t.text) {
			s.Draft = StepDraft{What: t.text, SplitAsked: true, Big: s.Draft.Big}
			t.ask()
			return
		}
		what := s.Draft.What
		if t.action != actKeep || s.Draft.What == "" {
			what = t.text
		}
		s.Draft.SplitAsked = false
		t.stepWhat(what)
	case stageStepWhen, stageStepFar:
		if s.Stage == stageStepFar {
			switch t.action {
			case actKeep:
				t.advance(stageStepWho)
				t.ask()
				return
			case actOther:
				t.advance(stageStepWhen)
				t.ask()
				return
			}
		}
		due, err := ParseDate(t.text, t.now)
		if err != nil {
			if t.text == "" {
				t.say(t.w.StepNoDate)
			} else {
				t.say(err.Error())
			}
			return
		}
		s.Draft.Due = due
		t.dueSet()
	case stageStepWho:
		switch t.action {
		case actWhoMe:
			t.finishStep(store.OwnerMe, "")
			return
		case actWhoNav:
			t.finishStep(store.OwnerNavigator, "")
			return
		case actWhoOther:
			t.advance(stageStepWhoName)
		default:
			t.answerWho()
			return
		}
	case stageStepWhoName:
		if t.needWords() {
			return
		}
		t.answerWho()
		return
	}
	t.ask()
}

func (t *turn) finishStep(owner store.OwnerKind, name string) {
	s := &t.s
	d := s.Draft
	d.Owner, d.OwnerName, d.SplitAsked = owner, name, false
	s.Draft = StepDraft{}
	if s.Flow == FlowCheckIn {
		s.CheckIn.NewSteps = append(s.CheckIn.NewSteps, d)
		t.say(fmt.Sprintf("Added: %s.", describeStep(t.w, d, t.now)))
		t.advance(stageImportance)
		t.ask()
		return
	}
	s.Goal.Steps = append(s.Goal.Steps, d)
	t.keepBigOne(d)
	if s.After == stageConfirm {
		t.toConfirm()
		t.ask()
		return
	}
	if t.templateStepDone() {
		return
	}
	t.advance(stageStepMore)
	t.ask()
}

func (t *turn) saveGoal() {
	g := t.s.Goal
	t.res.Goal = &store.Goal{
		Dream: g.Dream, Happy: g.Happy, Text: g.Text, Measure: g.Measure,
		Why: g.Why, Supporters: g.Supporters, Status: store.GoalActive,
		Sure: g.Smart.Sure, SureHelp: g.Smart.SureHelp, Enjoy: g.Smart.Enjoy,
		CreatedAt: t.now.UTC(), UpdatedAt: t.now.UTC(),
	}
	t.replaceGoal(g.Replaces)
	for _, d := range g.Steps {
		t.res.NewSteps = append(t.res.NewSteps, d.record(t.now))
	}
	t.s = State{V: stateVersion}
	if len(g.Steps) == 0 {
		t.say(t.w.SavedNoStep, t.menuChoicesWithGoal()...)
		return
	}
	t.say(fmt.Sprintf(t.w.Saved, describeStep(t.w, g.Steps[0], t.now)))
}

func (t *turn) menuChoicesWithGoal() []Choice {
	return []Choice{{t.w.ChoiceMySteps, actSteps}, {t.w.ChoiceHelp, actHelp}, {t.w.ChoiceTalk, ActTalkToPerson}}
}

func (d StepDraft) record(now time.Time) store.Step {
	return store.Step{What: d.What, Due: d.Due, Owner: d.Owner, OwnerName: d.OwnerName, CreatedAt: now.UTC()}
}

func (t *turn) goalText() string {
	if t.c.Goal == nil {
		return ""
	}
	if len(t.c.Goals) > 1 {
		return goalNames(t.c.Goals)
	}
	return t.c.Goal.Text
}

// normalize lower-cases text and trims spaces and end punctuation, for
// matching commands and button labels.
func normalize(text string) string {
	text = strings.ToLower(strings.TrimSpace(text))
	text = strings.TrimRightFunc(text, func(r rune) bool { return r == '.' || r == '!' || r == '?' && len(text) > 1 })
	text = strings.ReplaceAll(text, "’", "'")
	return strings.Join(strings.Fields(text), " ")
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// daysUntil measures from the start of the member's today to the due date.
func daysUntil(due, now time.Time) time.Duration {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return due.Sub(today)
}

// capitalize starts a sentence with a capital letter ("tomorrow, …" → "Tomorrow, …").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// shorten keeps a button label short enough for Slack (75 characters) and
// for a glance, cutting at a rune, never inside an emoji.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// pauseWords start a request for time away: "away until June 20", "pause
// for 2 weeks", "I'm away till Friday".
var pauseWords = regexp.MustCompile(`^(i'?m |i am )?(away|pause|pause prompts|on holiday|on vacation)( for| until| till| til)?\b ?`)

// pause records time away from check-in prompts; the goal and steps stay.
func (t *turn) pause(phrase string) {
	if strings.TrimSpace(phrase) == "" {
		t.say(t.w.PauseHow)
		return
	}
	day, err := AwayUntil(phrase, t.now)
	if err != nil {
		t.say(err.Error() + "\n" + t.w.PauseHow)
		return
	}
	t.res.Pause = &day
	t.say(fmt.Sprintf(t.w.Paused, SayDate(day, t.now)))
}

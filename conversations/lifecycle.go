package conversations

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cairnbot/cairn/store"
)

// A goal's whole life after it is set: reached and celebrated, changed,
// let go, kept beside others (up to maxGoals), and its steps edited in
// plain words. These turns run in FlowLife; a flow interrupted by "I did
// it" waits in Life.Paused and resumes afterwards.

// FlowLife is a short exchange about a goal already set.
const FlowLife Flow = "life"

// maxGoals is how many goals a member works on at once: more spreads the
// steps too thin to finish any.
const maxGoals = 3

const (
	stageReached     Stage = "reached"      // "shall I mark it as reached?"
	stageWhichGoal   Stage = "which_goal"   // which goal (Life.For says what for)
	stageRevise      Stage = "revise"       // the words, the date, or let it go
	stageReviseWords Stage = "revise_words" // the goal's new words
	stageReviseDate  Stage = "revise_date"  // the goal's new date
	stageDropSteps   Stage = "drop_steps"   // keep the steps or drop them too
	stageBeside      Stage = "beside"       // a new goal beside the old, or instead
	stageDeleteStep  Stage = "delete_step"  // confirm deleting one step
)

// ActGoalReached is the [Goal reached] button; ActGoalReached+":"+id names
// one goal (App Home shows one per active goal).
const ActGoalReached = "goal:reached"

const (
	actLater       = "later"
	actReviseWords = "revise:words"
	actReviseDate  = "revise:date"
	actLetGo       = "revise:let_go"
	actKeepSteps   = "steps:keep"
	actDropSteps   = "steps:drop"
	actBeside      = "goal:beside"
	actReplace     = "goal:replace"
	actNeverMind   = "never_mind"
	prefixWhich    = "which:"

	lifeReached = "reached"
	lifeRevise  = "revise"
	lifeDrop    = "drop"
	lifeReplace = "replace"
)

// LifeDraft is an exchange about a goal already set.
type LifeDraft struct {
	For    string `json:"for,omitempty"` // what a chosen goal is for: reached, revise, drop, replace
	GoalID uint64 `json:"goal_id,omitempty"`
	StepID uint64 `json:"step_id,omitempty"`
	// Paused is the flow the member was in when they said "I did it": it
	// goes on once this is settled.
	Paused *State `json:"paused,omitempty"`
}

var (
	reachedPhrase = regexp.MustCompile(`^(yay,? |wow,? |yes,? )?(i )?(got the (job|apartment|place|house)|did it|made it|reached (my|the) goal|achieved (my|the) goal|finished my goal|goal reached|i'?ve reached my goal|lo logr[eé]|lo hice|lo consegu[ií]|alcanc[eé] mi meta)$`)
	revisePhrase  = regexp.MustCompile(`^(change|edit|revise|update|rewrite) (my|the|this) goal$|^(this|it) (isn'?t|is not) my goal any ?more$|^(that'?s )?not my goal any ?more$|^cambiar mi meta$`)
	dropPhrase    = regexp.MustCompile(`^(drop|delete|remove|let go of|give up|give up on|stop) (my|the|this) goal$|^let it go$|^i don'?t want (this|my|that) goal any ?more$`)
	// Step edits keep the member's case for new words and names.
	stepChange = regexp.MustCompile(`(?i)^(?:change|move|reschedule|push|make) (.+?) to (.+)$`)
	stepDelete = regexp.MustCompile(`(?i)^(?:delete|remove|drop|cancel|forget) (.+)$`)
	stepOwner  = regexp.MustCompile(`(?i)^(.+?) is (?:for )?(.+?)(?:'s|’s)?$`)
	stepRef    = regexp.MustCompile(`(?i)^(?:the )?(?:step (?:#|number )?(\d+)|#(\d+)|(.+?) (?:step|one))$`)
)

// activeGoals are the goals the member works on, oldest first.
func (t *turn) activeGoals() []store.GoalSteps {
	if len(t.c.Goals) == 0 && t.c.Goal != nil {
		return []store.GoalSteps{{Goal: *t.c.Goal, Steps: t.c.Steps}}
	}
	return t.c.Goals
}

func (t *turn) goalByID(id uint64) *store.GoalSteps {
	goals := t.activeGoals()
	for i := range goals {
		if goals[i].Goal.ID == id {
			return &goals[i]
		}
	}
	return nil
}

// lifecycle answers, outside any flow, what concerns a goal already set. It
// reports whether it did.
func (t *turn) lifecycle(word string) bool {
	goals := t.activeGoals()
	switch {
	case t.action == actLater || (t.action == "" && word == "not now"):
		t.say(t.w.Later)
		return true
	case t.action == ActGoalReached || strings.HasPrefix(t.action, ActGoalReached+":"):
		id, _ := strconv.ParseUint(strings.TrimPrefix(t.action, ActGoalReached+":"), 10, 64)
		if g := t.goalByID(id); g != nil {
			t.celebrate(*g)
			return true
		}
		t.forGoal(lifeReached, nil)
		return true
	case t.action == "" && lifePhrase(word) != "":
		if len(goals) == 0 {
			return false
		}
		t.forGoal(lifePhrase(word), nil)
		return true
	case (t.action == actGoal || (t.action == "" && (word == "goal" || word == "set a goal" || word == "new goal" || word == "goals setting" || word == "poner una meta" || word == "meta"))) && len(goals) > 0:
		if len(goals) >= maxGoals {
			t.say(fmt.Sprintf(t.w.GoalsFull, maxGoals), Choice{t.w.ChoiceMySteps, actSteps}, Choice{t.w.ChangeAGoal, actReviseWords})
			return true
		}
		t.s = State{V: stateVersion, Flow: FlowLife, Stage: stageBeside}
		t.ask()
		return true
	case t.action == actReviseWords && len(goals) > 0: // from the "three goals" reply
		t.forGoal(lifeRevise, nil)
		return true
	case t.action == "" && len(t.c.Steps) > 0:
		return t.editStep()
	}
	return false
}

// lifecycleCommand runs in every turn of a flow under way: the exchanges of
// FlowLife, and "I did it" said in the middle of another flow, which is
// confirmed first (it may have been an answer).
func (t *turn) lifecycleCommand(word string) bool {
	if t.s.Flow == FlowLife {
		return t.lifeAnswer(word)
	}
	if !t.s.Active() || len(t.activeGoals()) == 0 {
		return false
	}
	paused := t.s
	if id, ok := strings.CutPrefix(t.action, ActGoalReached+":"); ok {
		// The App Home button names its goal: no need to ask; the flow
		// under way goes on after.
		n, _ := strconv.ParseUint(id, 10, 64)
		if g := t.goalByID(n); g != nil {
			t.s.Life.Paused = &paused
			t.celebrate(*g)
			return true
		}
	}
	if t.action != ActGoalReached && (t.action != "" || !reachedPhrase.MatchString(word)) {
		return false
	}
	t.forGoal(lifeReached, &paused)
	return true
}

// lifePhrase is what a whole message says about a goal's life: reached,
// revise or drop ("" for none).
func lifePhrase(word string) string {
	switch {
	case reachedPhrase.MatchString(word):
		return lifeReached
	case revisePhrase.MatchString(word):
		return lifeRevise
	case dropPhrase.MatchString(word):
		return lifeDrop
	}
	return ""
}

// forGoal starts an exchange about one goal, asking which first when there
// are several. A goal reached is confirmed first when paused (the words came
// in the middle of a flow); otherwise a single goal is acted on at once.
func (t *turn) forGoal(what string, paused *State) {
	goals := t.activeGoals()
	t.s = State{V: stateVersion, Flow: FlowLife, Life: LifeDraft{For: what, Paused: paused}}
	if len(goals) > 1 {
		t.s.Stage = stageWhichGoal
		t.ask()
		return
	}
	t.goalChosen(goals[0])
}

func (t *turn) goalChosen(g store.GoalSteps) {
	t.s.Life.GoalID = g.Goal.ID
	switch t.s.Life.For {
	case lifeReached:
		if t.s.Life.Paused != nil {
			t.s.Stage = stageReached
			t.ask()
			return
		}
		t.celebrate(g)
	case lifeRevise:
		t.s.Stage = stageRevise
		t.ask()
	case lifeDrop:
		t.s.Stage = stageDropSteps
		t.ask()
	case lifeReplace:
		t.s = State{V: stateVersion, Flow: FlowGoal, Stage: stageDream, Goal: GoalDraft{Replaces: g.Goal.ID}}
		t.say(fmt.Sprintf(t.w.ReplaceStart, g.Goal.Text))
		t.ask()
	}
}

// lifeQuestion is the question of a FlowLife stage.
func (t *turn) lifeQuestion() (Reply, bool) {
	g := t.goalByID(t.s.Life.GoalID)
	text := ""
	if g != nil {
		text = g.Goal.Text
	}
	switch t.s.Stage {
	case stageReached:
		return Reply{Text: fmt.Sprintf(t.w.ReachedConfirm, text), Choices: []Choice{{t.w.ReachedYes, actYes}, {t.w.NotYet, actNo}}}, true
	case stageWhichGoal:
		var choices []Choice
		for _, g := range t.activeGoals() {
			choices = append(choices, Choice{Clip(g.Goal.Text, 40), prefixWhich + strconv.FormatUint(g.Goal.ID, 10)})
		}
		return Reply{Text: t.w.WhichGoal, Choices: append(choices, Choice{t.w.NeverMind, actNeverMind})}, true
	case stageRevise:
		return Reply{Text: fmt.Sprintf(t.w.Revise, text), Choices: []Choice{
			{t.w.ReviseWords, actReviseWords}, {t.w.ReviseDate, actReviseDate}, {t.w.LetGo, actLetGo}, {t.w.NeverMind, actNeverMind}}}, true
	case stageReviseWords:
		return Reply{Text: t.w.ReviseWordsQ}, true
	case stageReviseDate:
		return Reply{Text: t.w.ReviseDateQ}, true
	case stageDropSteps:
		return Reply{Text: fmt.Sprintf(t.w.DropGoal, text), Choices: []Choice{{t.w.KeepSteps, actKeepSteps}, {t.w.DropStepsToo, actDropSteps}, {t.w.NeverMind, actNeverMind}}}, true
	case stageBeside:
		say := t.w.Beside
		if len(t.activeGoals()) > 1 {
			say = t.w.BesideTwo
		}
		return Reply{Text: fmt.Sprintf(say, "“"+goalNames(t.w, t.activeGoals())+"”"), Choices: []Choice{
			{t.w.AddBeside, actBeside}, {t.w.Replace, actReplace}, {t.w.NeverMind, actNeverMind}}}, true
	case stageDeleteStep:
		what := ""
		if st := t.stepByID(strconv.FormatUint(t.s.Life.StepID, 10)); st != nil {
			what = st.What
		}
		return Reply{Text: fmt.Sprintf(t.w.DeleteStepQ, what), Choices: []Choice{{t.w.DeleteIt, actYes}, {t.w.KeepIt, actNo}}}, true
	}
	return Reply{}, false
}

// besideWords and replaceWords answer "add the new goal beside it, or
// replace it?" in words.
var (
	besideWords  = regexp.MustCompile(`\b(beside|besides|both|all of them|all three|also|as well|too|another|add|keep (it|them|the old|both)|al lado|las dos|ambas|tambien|agregar|anadir)\b`)
	replaceWords = regexp.MustCompile(`\b(replace|instead|swap|switch|change it|reemplaz\w*|cambiar|en vez)\b`)
)

// lifeAnswer answers a FlowLife question. "help" is left to command.
func (t *turn) lifeAnswer(word string) bool {
	if t.action == "" {
		if word == "help" || word == "?" {
			return false
		}
		t.action = t.matchChoice(word)
		if t.action == "" && (word == "stop" || word == "cancel" || word == "never mind" || word == "nevermind" || word == "not now" || word == "not yet" || noWords[word]) {
			t.action = actNeverMind
		}
		if t.action == "" && t.s.Stage == stageBeside {
			// "add it beside", "keep both", "instead": the buttons in words.
			switch {
			case besideWords.MatchString(word):
				t.action = actBeside
			case replaceWords.MatchString(word):
				t.action = actReplace
			}
		}
	}
	life := t.s.Life
	g := t.goalByID(life.GoalID)
	switch {
	case t.action == actNeverMind || (t.s.Stage == stageReached && t.action == actNo):
		t.say(t.w.NothingChanged)
		t.resumePaused()
		return true
	case t.s.Stage == stageWhichGoal:
		id, _ := strconv.ParseUint(strings.TrimPrefix(t.action, prefixWhich), 10, 64)
		if c := t.goalByID(id); c != nil && strings.HasPrefix(t.action, prefixWhich) {
			t.goalChosen(*c)
			return true
		}
	case g == nil && t.s.Stage != stageBeside && t.s.Stage != stageDeleteStep:
		t.say(t.w.NothingChanged)
		t.resumePaused()
		return true
	case t.s.Stage == stageReached && t.action == actYes:
		t.celebrate(*g)
		return true
	case t.s.Stage == stageRevise:
		switch t.action {
		case actReviseWords:
			t.s.Stage = stageReviseWords
			t.ask()
			return true
		case actReviseDate:
			t.s.Stage = stageReviseDate
			t.ask()
			return true
		case actLetGo:
			t.s.Stage = stageDropSteps
			t.ask()
			return true
		}
	case t.s.Stage == stageReviseWords:
		if t.needWords() {
			return true
		}
		goal := g.Goal
		goal.Text, goal.UpdatedAt = t.text, t.now.UTC()
		t.res.Goal = &goal
		t.s = State{V: stateVersion}
		t.say(fmt.Sprintf(t.w.Revised, goal.Text))
		return true
	case t.s.Stage == stageReviseDate:
		if _, err := ParseDateIn(t.c.Lang, t.text, t.now); err != nil {
			if t.text == "" {
				t.say(t.w.ReviseDateQ)
			} else {
				t.say(err.Error())
			}
			return true
		}
		goal := g.Goal
		goal.Text, goal.UpdatedAt = withDate(t.w, goal.Text, t.text), t.now.UTC()
		t.res.Goal = &goal
		t.s = State{V: stateVersion}
		t.say(fmt.Sprintf(t.w.Revised, goal.Text))
		return true
	case t.s.Stage == stageDropSteps && (t.action == actKeepSteps || t.action == actDropSteps):
		t.dropGoal(*g, t.action == actDropSteps)
		return true
	case t.s.Stage == stageBeside:
		switch t.action {
		case actBeside:
			t.s = State{V: stateVersion, Flow: FlowGoal, Stage: stageDream}
			t.ask()
			return true
		case actReplace:
			t.forGoal(lifeReplace, nil)
			return true
		}
	case t.s.Stage == stageDeleteStep:
		st := t.stepByID(strconv.FormatUint(life.StepID, 10))
		switch {
		case t.action == actNo || st == nil:
			t.say(t.w.NothingChanged)
			t.s = State{V: stateVersion}
			return true
		case t.action == actYes:
			t.res.DeleteSteps = append(t.res.DeleteSteps, st.ID)
			t.s = State{V: stateVersion}
			t.say(fmt.Sprintf(t.w.StepDeleted, st.What))
			return true
		}
	}
	if t.text != "" && t.s.Stage != stageReviseWords && t.s.Stage != stageReviseDate {
		// Words that answer none of the buttons: the member has moved on
		// ("check in", "steps"…), so the question is left and the words
		// are taken as they would have been without it — never a trap.
		t.s = State{V: stateVersion}
		if paused := life.Paused; paused != nil && paused.Active() {
			t.s = *paused
		}
		t.action = ""
		return false
	}
	t.again(t.w.PickOne)
	return true
}

// resumePaused goes back to the flow the member was in, or out of any.
func (t *turn) resumePaused() {
	paused := t.s.Life.Paused
	t.s = State{V: stateVersion}
	if paused != nil && paused.Active() {
		t.s = *paused
		t.ask()
	}
}

// celebrate marks a goal reached with today's date and says so warmly: the
// stones laid on the way and the dream it began with.
func (t *turn) celebrate(gs store.GoalSteps) {
	g := gs.Goal
	g.Status, g.AchievedAt, g.UpdatedAt = store.GoalDone, t.now.UTC(), t.now.UTC()
	t.res.Goal = &g
	done := 0
	for _, st := range gs.Steps {
		if st.Done() {
			done++
		}
	}
	text := fmt.Sprintf(t.w.Reached, g.Text)
	if done > 0 {
		text += "\n" + fmt.Sprintf(t.w.ReachedCairn, Cairn(t.w, done), count(done, t.w.CountStone, t.w.CountStones))
	}
	if g.Dream != "" {
		text += "\n" + fmt.Sprintf(t.w.ReachedDream, g.Dream)
	}
	t.say(text)
	paused := t.s.Life.Paused
	t.s = State{V: stateVersion}
	if paused != nil && paused.Active() { // what was answered so far is kept
		t.s = *paused
		t.say(t.w.BackTo)
		t.ask()
		return
	}
	t.say(t.w.NextGoal, Choice{t.w.SetNewGoal, actGoal}, Choice{t.w.NotNow, actLater})
}

// dropGoal lets a goal go. Its open steps are deleted, or kept: moved to
// the newest other goal when there is one, else left with the goal.
func (t *turn) dropGoal(gs store.GoalSteps, dropSteps bool) {
	g := gs.Goal
	g.Status, g.UpdatedAt = store.GoalDropped, t.now.UTC()
	t.res.Goal = &g
	t.s = State{V: stateVersion}
	var other *store.GoalSteps
	for _, o := range t.activeGoals() {
		if o.Goal.ID != g.ID {
			other = &o
		}
	}
	open := 0
	for _, st := range gs.Steps {
		if st.Done() {
			continue // a stone laid stays in the cairn
		}
		open++
		switch {
		case dropSteps:
			t.res.DeleteSteps = append(t.res.DeleteSteps, st.ID)
		case other != nil:
			st.GoalID = other.Goal.ID
			t.res.EditSteps = append(t.res.EditSteps, st)
		}
	}
	switch {
	case dropSteps || open == 0:
		t.say(fmt.Sprintf(t.w.Dropped, g.Text))
	case other != nil:
		t.say(fmt.Sprintf(t.w.DroppedMoved, g.Text, other.Goal.Text))
	default:
		t.say(fmt.Sprintf(t.w.DroppedKept, g.Text))
	}
	if other == nil {
		t.say(t.w.NextGoal, Choice{t.w.SetNewGoal, actGoal}, Choice{t.w.NotNow, actLater})
	}
}

// replaceGoal drops the goal a new one replaces, in the commit that saves
// the new one.
func (t *turn) replaceGoal(id uint64) {
	if g := t.goalByID(id); g != nil && id != 0 {
		old := g.Goal
		old.Status, old.UpdatedAt = store.GoalDropped, t.now.UTC()
		t.res.Goals = append(t.res.Goals, old)
	}
}

// goalNames joins goals' words for a sentence that already quotes them:
// a”, “b” and “c.
func goalNames(w *Words, goals []store.GoalSteps) string {
	names := make([]string, len(goals))
	for i, g := range goals {
		names[i] = g.Goal.Text
	}
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], "”, “") + "”" + w.And + "“" + names[len(names)-1]
}

// withDate puts a new "by when" on a goal's words.
func withDate(w *Words, text, when string) string {
	if m := byTail.FindAllStringIndex(strings.ToLower(text), -1); len(m) > 0 && m[len(m)-1][0] > 0 {
		text = text[:m[len(m)-1][0]]
	}
	when = strings.TrimSpace(when)
	if !timeLead.MatchString(strings.ToLower(when)) {
		when = fmt.Sprintf(w.By, when)
	}
	return strings.TrimSpace(text) + " " + when
}

// byTail is the "by when" ending a goal's words, in either language
// ("… by March", "… para marzo"), which a new date replaces.
var byTail = regexp.MustCompile(`\s(by|para|antes de)\s`)

// editTarget is the step an edit sentence names by ref. isEdit is false when
// ref names no step at all (the words are not an edit); st is nil, and the
// member told so, when it names one that isn't there.
func (t *turn) editTarget(ref string) (st *store.Step, isEdit bool) {
	st, named := t.stepRefNamed(ref)
	if named && st == nil {
		t.say(t.w.StepNotFound)
	}
	return st, named
}

// editStep changes one step from a plain sentence: "change step 2 to
// Friday", "move the resume step to next week", "delete step 3", "step 2
// is Dana's". It reports whether the words were such a sentence.
func (t *turn) editStep() bool {
	plain := strings.TrimRight(strings.TrimSpace(t.text), ".!")
	if en := understand(plain); strings.HasPrefix(en, "change step ") || strings.HasPrefix(en, "delete step ") {
		plain = en // "borrar el paso 2", "cambiar el paso 2 al viernes" (commands.go)
	}
	if m := stepChange.FindStringSubmatch(plain); m != nil {
		st, isEdit := t.editTarget(m[1])
		if st == nil {
			return isEdit
		}
		edited := *st
		if due, err := ParseDateIn(t.c.Lang, m[2], t.now); err == nil {
			edited.Due = due
		} else {
			edited.What = m[2]
		}
		t.saveStepEdit(edited)
		return true
	}
	if m := stepDelete.FindStringSubmatch(plain); m != nil {
		st, isEdit := t.editTarget(m[1])
		if st == nil {
			return isEdit
		}
		t.s = State{V: stateVersion, Flow: FlowLife, Stage: stageDeleteStep, Life: LifeDraft{StepID: st.ID}}
		t.ask()
		return true
	}
	if m := stepOwner.FindStringSubmatch(plain); m != nil {
		st, isEdit := t.editTarget(m[1])
		if st == nil {
			return isEdit
		}
		edited := *st
		if t.helperEdit(&edited, m[2]) { // "step 2 is <@U123>'s" (helpers.go)
			return true
		}
		switch who := strings.ToLower(m[2]); {
		case who == "mine" || who == "me" || who == "my" || who == "for me":
			edited.Owner, edited.OwnerName = store.OwnerMe, ""
		case strings.Contains(who, "navigator"):
			edited.Owner, edited.OwnerName = store.OwnerNavigator, ""
		case len(strings.Fields(who)) <= 3 && hasLetterOrDigit(who):
			edited.Owner, edited.OwnerName = store.OwnerPerson, m[2]
		default:
			return false
		}
		t.saveStepEdit(edited)
		return true
	}
	return false
}

// stepRefNamed reads "step 2", "#2" or "the resume step" and finds the
// step; named reports whether ref was meant as a step at all.
func (t *turn) stepRefNamed(ref string) (st *store.Step, named bool) {
	m := stepRef.FindStringSubmatch(strings.TrimSpace(ref))
	if m == nil {
		return nil, false
	}
	if n := m[1] + m[2]; n != "" {
		return t.findStep(n), true
	}
	return t.findStep(normalize(m[3])), true
}

func (t *turn) saveStepEdit(st store.Step) {
	t.res.EditSteps = append(t.res.EditSteps, st)
	n := t.stepNumber(st.ID) // as "steps" and "done N" number it
	d := StepDraft{What: st.What, Due: st.Due, Owner: st.Owner, OwnerName: st.OwnerName}
	text := fmt.Sprintf(t.w.StepChanged, n, describeStep(t.w, d, t.now))
	// Steps are numbered in date order: a new day can move this one, and
	// the member's next "delete step 1" must mean what they now see.
	steps := slices.Clone(t.c.Steps)
	for i := range steps {
		if steps[i].ID == st.ID {
			steps[i] = st
		}
	}
	for _, ns := range NumberedSteps(steps) {
		if ns.Step.ID == st.ID && ns.N != n {
			text += " " + fmt.Sprintf(t.w.StepRenumbered, ns.N)
		}
	}
	t.say(text)
}

// showGoals lists every active goal with its steps, numbered on from one
// goal to the next, so that "done 4" means one step wherever it is said.
func (t *turn) showGoals() {
	var parts []string
	n := 0
	done := 0
	number := map[uint64]int{}
	for _, ns := range NumberedSteps(t.c.Steps) {
		number[ns.Step.ID] = ns.N
	}
	for _, g := range t.activeGoals() {
		var b strings.Builder
		fmt.Fprintf(&b, t.w.GoalHeading, g.Goal.Text)
		if len(g.Steps) == 0 {
			b.WriteString("\n" + t.w.NoSteps)
		}
		for _, ns := range NumberedSteps(g.Steps) {
			st := ns.Step
			n++
			mark := "  "
			if st.Done() {
				mark = "✓ "
				done++
			}
			d := StepDraft{What: st.What, Due: st.Due, Owner: st.Owner, OwnerName: st.OwnerName}
			fmt.Fprintf(&b, "\n%s%d. %s", mark, cmp.Or(number[st.ID], n), describeStep(t.w, d, t.now))
		}
		parts = append(parts, b.String())
	}
	text := strings.Join(parts, "\n\n")
	if n > 0 {
		text += "\n\n" + CairnStatus(t.w, done, n)
	}
	t.say(text)
}

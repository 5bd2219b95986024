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

func (t *turn) startCheckIn() {
	if t.c.Goal == nil {
		t.say(t.w.CheckinNoGoal, Choice{t.w.ChoiceSetGoal, actGoal})
		return
	}
	t.s = State{V: stateVersion, Flow: FlowCheckIn, Stage: stageDid,
		CheckIn: CheckInDraft{Importance: -1, Confidence: -1, Session: t.c.Session, GroupID: t.c.GroupID}}
	t.ask()
}

// openSteps are the goal's steps not yet done (nor marked in this check-in),
// numbered as in the member's full list so numbers never shift.
func (t *turn) openSteps() []NumberedStep {
	var open []NumberedStep
	for _, ns := range NumberedSteps(t.c.Steps) {
		if ns.Step.Done() || slices.Contains(t.s.CheckIn.StepsDone, ns.Step.ID) {
			continue
		}
		open = append(open, ns)
	}
	return open
}

var negative = regexp.MustCompile(`^(nothing|none|no|nope|not yet|not really|not much|didn'?t|did not|i didn'?t|i did not|haven'?t|i haven'?t|zero` +
	`|nada|ninguno|ninguna|todav[ií]a no|a[uú]n no|cero)\b`) // and in Spanish ("no pude" is "no")

func (t *turn) checkInAnswer() {
	s := &t.s
	ci := &s.CheckIn
	if what, ok := strings.CutPrefix(t.action, prefixPrivate); ok {
		t.keepPrivate(what)
		return
	}
	switch s.Stage {
	case stageDid:
		switch {
		case strings.HasPrefix(t.action, prefixDone):
			st := t.stepByID(strings.TrimPrefix(t.action, prefixDone))
			if st == nil {
				t.say(t.w.StepNotFound)
				break
			}
			t.markInCheckIn([]store.Step{*st})
		case t.action == actThatsIt, t.action == actNothing:
			t.afterDid()
			return
		default:
			if t.needWords() {
				return
			}
			w := normalize(t.text)
			if negative.MatchString(w) && len(ci.StepsDone) == 0 {
				if len(strings.Fields(w)) > 3 {
					// "nothing, I was sick all week" already says what got in the way.
					ci.Barrier, ci.Last = t.text, answerBarrier
					t.say(t.w.BarrierThanks)
					t.advance(stagePlan)
					break
				}
				t.advance(stageBarrier)
				break
			}
			m := matchSteps(t.text, t.openSteps())
			if m.OnlyRefs && len(m.Sure) == 0 && len(m.Ambiguous) == 0 {
				t.say(t.w.NoStepNumbered)
				break
			}
			var sure []store.Step
			for _, ns := range m.Sure {
				sure = append(sure, ns.Step)
			}
			t.markInCheckIn(sure)
			if !m.OnlyRefs {
				ci.Did = append(ci.Did, t.text)
				ci.Last = answerDid
			}
			if len(m.Ambiguous) > 0 {
				t.askWhich(m.Ambiguous, Choice{t.w.NoneOfThese, actThatsIt})
				return
			}
			t.advance(stagePlan)
		}
	case stageBarrier:
		b, ok := strings.CutPrefix(t.action, prefixBarrier)
		switch {
		case ok && b == barriers[len(barriers)-1]:
			t.advance(stageBarrierOther)
		case ok:
			ci.Barrier, ci.Last = b, answerBarrier
			t.say(t.w.BarrierThanks)
			t.advance(stagePlan)
		default:
			if t.needWords() {
				return
			}
			ci.Barrier, ci.Last = t.text, answerBarrier
			t.say(t.w.BarrierThanks)
			t.advance(stagePlan)
		}
	case stageBarrierOther:
		if t.needWords() {
			return
		}
		ci.Barrier, ci.Last = t.text, answerBarrier
		t.say(t.w.BarrierThanks)
		t.advance(stagePlan)
	case stagePlan:
		if t.needWords() {
			return
		}
		ci.Plan, ci.Last = t.text, answerPlan
		if w := normalize(t.text); negative.MatchString(w) || strings.HasPrefix(w, "not sure") || strings.HasPrefix(w, "don't know") || strings.HasPrefix(w, "i don't know") {
			t.advance(stageImportance)
			break
		}
		t.advance(stagePlanAsStep)
	case stagePlanAsStep:
		switch t.action {
		case actYes:
			s.Draft = StepDraft{What: ci.Plan, SplitAsked: true}
			s.After = stageImportance
			t.stepWhat(ci.Plan) // "call the clinic on Monday" needs no "When?"
		case actNo:
			t.advance(stageImportance)
		default:
			// Not a yes or a no: "nothing", "not now" mean no; other words
			// are the plan said again, better — take them and ask again.
			switch w := normalize(t.text); {
			case w != "" && (negative.MatchString(w) || w == "not now" || w == "not yet" || isEnough(w) || isFiller(w)):
				t.advance(stageImportance) // "that's it", "idk": no, not as a step
			case hasLetterOrDigit(t.text) && len([]rune(w)) > 3:
				ci.Plan = t.text // asked again just below, once
			default:
				t.again(t.w.PickOne)
				return
			}
		}
	case stageImportance, stageConfidence:
		n, ok := t.ruler()
		if !ok {
			t.again(t.w.RulerBad)
			return
		}
		if s.Stage == stageImportance {
			ci.Importance = n
			t.advance(stageConfidence)
			break
		}
		ci.Confidence = n
		if t.reflection() != "" {
			t.advance(stageReflect)
			break
		}
		t.finishCheckIn()
		return
	case stageReflect:
		// The answer is the member's own thinking: thanked, never stored.
		t.say(t.w.ReflectThanks)
		if t.reflection() == t.w.StillYourGoal && (noWords[normalize(t.text)] || strings.HasPrefix(normalize(t.text), "not ")) {
			t.say(t.w.GoalLetGo)
		}
		t.finishCheckIn()
		return
	}
	t.ask()
}

// stageReflect is the one kind question after low ratings, before the
// check-in is saved.
const stageReflect Stage = "reflect"

// reflection is the motivational-interviewing question a check-in earns:
// a goal that matters little now, little confidence, or a second session
// in a row with nothing done ("" when none).
func (t *turn) reflection() string {
	ci := t.s.CheckIn
	switch {
	case ci.Importance >= 0 && ci.Importance <= 2:
		return t.w.StillYourGoal
	case ci.Confidence >= 0 && ci.Confidence <= 2:
		return t.w.MoreLikely
	case t.nothingTwice():
		return t.w.Smaller
	}
	return ""
}

func (t *turn) reflectQuestion() Reply {
	q := t.reflection()
	lead := t.w.LowRating
	if q == t.w.Smaller {
		lead = t.w.NothingTwice
	}
	return Reply{Text: lead + "\n" + q, Choices: []Choice{{t.w.ChoiceTellNavigator, ActTalkToPerson}, {t.w.Skip, actSkip}}}
}

// nothingTwice reports a second session in a row with nothing done (a
// setback counts as nothing done, never as progress).
func (t *turn) nothingTwice() bool {
	ci, last := t.s.CheckIn, t.c.LastCheckIn
	if len(ci.StepsDone) > 0 || len(ci.Did) > 0 || last == nil {
		return false
	}
	if !ci.Session.IsZero() && last.SessionAt.Equal(ci.Session) {
		return false // the same session's check-in, answered again
	}
	return last.Did == "" && len(last.StepsDone) == 0
}

// keepPrivate marks the answer just given as the member's alone: it is
// saved with the check-in and shown to nobody else, whatever they share.
func (t *turn) keepPrivate(what string) {
	ci := &t.s.CheckIn
	if what == ci.Last && !slices.Contains(ci.Private, what) {
		ci.Private = append(ci.Private, what)
		t.say(t.w.KeptPrivate)
	}
	t.ask()
}

// privateChoice is the "Just for me" button for the answer just given, on
// the question that follows it (none once it is kept, or after another
// question).
func (t *turn) privateChoice() []Choice {
	ci := t.s.CheckIn
	if ci.Last == "" || slices.Contains(ci.Private, ci.Last) {
		return nil
	}
	switch {
	case t.s.Stage == stagePlan && (ci.Last == answerDid || ci.Last == answerBarrier),
		(t.s.Stage == stagePlanAsStep || t.s.Stage == stageImportance) && ci.Last == answerPlan:
		return []Choice{{t.w.JustForMe, prefixPrivate + ci.Last}}
	}
	return nil
}

// afterDid moves on from "what did you do": to what got in the way when
// nothing was done, else to the plan.
func (t *turn) afterDid() {
	ci := &t.s.CheckIn
	if len(ci.StepsDone) == 0 && len(ci.Did) == 0 {
		t.advance(stageBarrier)
	} else {
		t.advance(stagePlan)
	}
	t.ask()
}

var wordNumbers = map[string]int{"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

func (t *turn) ruler() (int, bool) {
	if t.action == actSkip {
		return -1, true
	}
	v, ok := strings.CutPrefix(t.action, prefixRuler)
	if !ok {
		v = strings.TrimSuffix(strings.TrimSuffix(normalize(t.text), "/10"), " out of 10")
	}
	if n, ok := wordNumbers[v]; ok {
		return n, true
	}
	if m := sureNumber.FindStringSubmatch(strings.TrimSuffix(v, "ish")); m != nil {
		v = m[1] // "about 7", "maybe 5", "7ish"
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil && t.action == "" && isFiller(t.text) && !yesWords[normalize(t.text)] {
		return -1, true // "idk", "not sure": skipped, never asked in a loop
	}
	if err != nil || n < 0 || n > 10 {
		return 0, false
	}
	return n, true
}

func (t *turn) finishCheckIn() {
	ci := t.s.CheckIn
	rec := &store.CheckIn{
		GroupID: ci.GroupID, SessionAt: ci.Session.UTC(),
		Did: strings.Join(ci.Did, "\n"), StepsDone: ci.StepsDone,
		Barrier: ci.Barrier, Plan: ci.Plan,
		Importance: ci.Importance, Confidence: ci.Confidence,
		Late:      !ci.Session.IsZero() && !t.now.Before(ci.Session),
		CreatedAt: t.now.UTC(),
		Private:   slices.Clone(ci.Private),
	}
	if rec.SessionAt.IsZero() {
		rec.SessionAt = t.now.UTC() // an unprompted check-in counts for the moment it was made
	}
	if t.c.Goal != nil {
		rec.GoalID = t.c.Goal.ID
	}
	t.res.CheckIn = rec
	t.res.Done = slices.Clone(ci.StepsDone)
	for _, d := range ci.NewSteps {
		st := d.record(t.now)
		st.GoalID = rec.GoalID
		t.res.NewSteps = append(t.res.NewSteps, st)
	}
	t.s = State{V: stateVersion}
	if rec.Late {
		t.say(t.w.CheckinLate)
	} else {
		t.say(t.w.CheckinSaved)
	}
}

var (
	vagueWords = regexp.MustCompile(`\b(happy|happier|happiness|better|confident|confidence|good|fine|okay|ok|well|healthy|healthier|positive|improve|improved|stable|normal|calm|peace|successful|success|more|less|balance|myself)\b`)
	timeWords  = regexp.MustCompile(`\b(by|before|until|within|in|every|each|per|daily|weekly|monthly|a day|a week|a month|times|end of|next|this)\b|\d|\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|fall|autumn|winter|year|month|week)\b`)
	splitter   = regexp.MustCompile(`\s*(?:;|,?\s+and then\s+|,?\s+then\s+|,?\s+and also\s+|,?\s+and\s+|,\s+)\s*`)
)

// isVague is the S.M.A.R.T. check: a goal like "be happy" or "be more
// confident" names a feeling, not something we will both be able to see.
func isVague(goal string) bool {
	w := normalize(goal)
	return vagueWords.MatchString(w) && !strings.ContainsAny(w, "0123456789")
}

// hasTime is true when a goal says by when or how often (the T of S.M.A.R.T.).
func hasTime(goal string) bool { return timeWords.MatchString(normalize(goal)) }

// severalActions spots a step that is really two or more ("buy a pole and get
// a license"), while letting "talk to mom and dad" through.
func severalActions(what string) bool {
	parts := splitter.Split(normalize(what), -1)
	if len(parts) < 2 {
		return len(strings.Fields(what)) > 25
	}
	n := 0
	for _, p := range parts {
		if len(strings.Fields(p)) >= 2 {
			n++
		}
	}
	return n >= 2
}

func ownerWords(w *Words, owner store.OwnerKind, name string) string {
	switch owner {
	case store.OwnerNavigator:
		return w.OwnerNavigator
	case store.OwnerPerson:
		return name
	default:
		return w.OwnerYou
	}
}

func describeStep(w *Words, d StepDraft, now time.Time) string {
	return fmt.Sprintf("%s — %s, %s", d.What, ownerWords(w, d.Owner, d.OwnerName), SayDue(w, d.Due, now))
}

func listDrafts(w *Words, steps []StepDraft, now time.Time) string {
	var b strings.Builder
	for i, at := range draftOrder(steps) {
		fmt.Fprintf(&b, "%d. %s\n", i+1, describeStep(w, steps[at], now))
	}
	return strings.TrimRight(b.String(), "\n")
}

func summarizeDraft(w *Words, g GoalDraft, now time.Time) string {
	var b strings.Builder
	line := func(format, s string) { b.WriteString(fmt.Sprintf(format, s) + "\n") }
	line(w.SummaryGoal, g.Text)
	if g.Measure != "" {
		line(w.SummaryMeasure, g.Measure)
	}
	if g.Why != "" {
		line(w.SummaryWhy, g.Why)
	}
	if g.Supporters != "" {
		line(w.SummarySupport, g.Supporters)
	}
	if len(g.Steps) > 0 {
		b.WriteString(w.SummarySteps + "\n" + listDrafts(w, g.Steps, now))
	}
	return strings.TrimRight(b.String(), "\n")
}

// RenderGoal shows a saved goal and its steps, numbered as "done 2" expects,
// with a stone for each finished step.
func RenderGoal(w *Words, g store.Goal, steps []store.Step, now time.Time) string {
	var b strings.Builder
	b.WriteString(fmt.Sprintf(w.GoalHeading, g.Text) + "\n")
	if g.Measure != "" {
		b.WriteString(fmt.Sprintf(w.SummaryMeasure, g.Measure) + "\n")
	}
	if len(steps) == 0 {
		b.WriteString(w.NoSteps)
		return b.String()
	}
	done := 0
	for _, ns := range NumberedSteps(steps) {
		st := ns.Step
		mark := "  "
		if st.Done() {
			mark = "✓ "
			done++
		}
		d := StepDraft{What: st.What, Due: st.Due, Owner: st.Owner, OwnerName: st.OwnerName}
		fmt.Fprintf(&b, "%s%d. %s\n", mark, ns.N, describeStep(w, d, now))
	}
	b.WriteString(CairnStatus(w, done, len(steps)))
	return b.String()
}

// CairnStatus is the line under a member's steps: their cairn and how many
// of total steps are done.
func CairnStatus(w *Words, done, total int) string {
	return fmt.Sprintf(w.CairnStatus, Cairn(w, done), done, total)
}

// Cairn draws the pile of stones for n finished steps.
func Cairn(w *Words, n int) string {
	if n == 0 {
		return w.NoStones
	}
	return strings.Repeat("🪨", min(n, 20))
}

func rulerChoices(w *Words) []Choice {
	choices := make([]Choice, 0, 12)
	for i := 0; i <= 10; i++ {
		choices = append(choices, Choice{strconv.Itoa(i), prefixRuler + strconv.Itoa(i)})
	}
	return append(choices, Choice{w.Skip, actSkip})
}

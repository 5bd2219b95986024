package conversations

// The step sub-flow's dates: a day found in the step's own words, a way out
// of "When will you do it?" for a member who doesn't know, and a first step
// sized against the next group session, as the seeds ask (a first step the
// member can do before they meet again).

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/cairnbot/cairn/store"
)

const (
	actUnsure = "when:unsure" // the way out of the date question
	// suggestDays is how far ahead a day is suggested when no session is known.
	suggestDays = 3
)

// stepWhat takes the step's words. A date inside them ("call the housing
// authority on Monday") becomes the step's day, confirmed at the next
// question, so "When will you do it?" is not asked; the words keep the rest.
func (t *turn) stepWhat(what string) {
	s := &t.s
	if rest, due, ok := t.findDate(what); ok {
		s.Draft.What, s.Draft.Due = rest, due
		t.dueSet()
		return
	}
	s.Draft.What = what
	if !s.Draft.Due.IsZero() {
		t.dueSet() // the day came first ("actually tuesday"), then the step
		return
	}
	t.advance(stageStepWhen)
}

// onlyDay reads a line that is nothing but a day, maybe led by words of
// change ("tuesday", "actually tuesday", "no, make it Friday").
func (t *turn) onlyDay(text string) (time.Time, bool) {
	phrase := strings.TrimSpace(changeWords.ReplaceAllString(normalize(text), ""))
	phrase = strings.TrimSpace(strings.TrimSuffix(phrase, " instead"))
	if phrase == "" || !hasLetterOrDigit(phrase) {
		return time.Time{}, false
	}
	due, err := t.parseDate(phrase)
	return due, err == nil
}

// dayBeforeStep takes a step typed as only its day: a day is not a step,
// so the day is kept and the step's words are asked for. It reports whether
// it answered the turn.
func (t *turn) dayBeforeStep() bool {
	s := &t.s
	if t.action != "" || s.Draft.SplitAsked {
		return false
	}
	due, ok := t.onlyDay(t.text)
	if !ok {
		return false
	}
	t.advance(stageStepWhat) // "back" forgets the day
	s.Draft.Due = due
	t.ask()
	return true
}

// lastDayChange changes the day of the step just added when, asked "Add
// another step?", the member corrects it ("actually tuesday"); a day with
// no word of change is the next step's. It reports whether it answered.
func (t *turn) lastDayChange() bool {
	s := &t.s
	n := normalize(t.text)
	if t.action != "" || len(s.Goal.Steps) == 0 || strings.TrimSpace(changeWords.FindString(n)) == "" {
		return false
	}
	due, ok := t.onlyDay(n)
	if !ok {
		return false
	}
	s.Goal.Steps = slices.Clone(s.Goal.Steps) // the caller's state is not changed
	s.Goal.Steps[lastAddedAt(s.Goal.Steps)].Due = due
	t.ask() // its question says the step back with the new day
	return true
}

// dueSet moves on once the step has a day: to the 6-week check when it is
// far, else to "who", whose question says the day back in words.
func (t *turn) dueSet() {
	t.s.Draft.Suggest = time.Time{}
	if t.afterSession() || daysUntil(t.s.Draft.Due, t.now) > farAway {
		t.advance(stageStepFar)
	} else {
		t.advance(stageStepWho)
	}
}

// afterSession reports whether a goal's first step is due after the group
// next meets: the seeds' first step is one done before meeting again, so
// the member is asked (kindly, once) whether a piece of it fits before.
func (t *turn) afterSession() bool {
	s := &t.s
	if s.Flow != FlowGoal || len(s.Goal.Steps) > 0 {
		return false
	}
	day, ok := t.sessionDay()
	return ok && s.Draft.Due.After(day)
}

// farQuestion asks whether a step could be smaller: one due after the next
// session, for a first step; else one more than 6 weeks away.
func (t *turn) farQuestion() Reply {
	due := t.sayDate(t.s.Draft.Due)
	text := fmt.Sprintf(t.w.StepFar, due)
	if t.afterSession() {
		day, _ := t.sessionDay()
		text = fmt.Sprintf(t.w.StepAfterSession, capitalize(due), t.onDay(day))
	}
	return Reply{Text: text, Choices: []Choice{{t.w.StepKeepDate, actKeep}, {t.w.StepOtherDay, actOther}}}
}

// unsureWords are ways of saying "I don't know when".
var unsureWords = regexp.MustCompile(`^(i'?m |i am )?(not sure|unsure|idk|i dunno|dunno|no idea|no clue|i don'?t know|don'?t know|not sure yet|whenever|whenever i can|when i can|any ?time|sometime|some ?day|soon|soon ?ish|later|eventually|you pick|you choose|up to you|tbd|not yet|skip|pass|skip it)$` +
	// and in Spanish (folded: no accents)
	`|^(no se|no lo se|no estoy segur[oa]|ni idea|no tengo idea|quien sabe|cuando pueda|algun dia|pronto|luego|despues|mas adelante|tu elige|elige tu|escoge tu|tu dime|todavia no|aun no|no se cuando)$`)

// unsureTalk is what people put around "idk": it says nothing about when.
var unsureTalk = regexp.MustCompile(`\b(lol|lmao|haha+|tbh|ngl|honestly|really|truly|man|bro|sorry|tho|though|rn|right now|just|um+|uh+|hmm+|ugh|i guess|for real|yet|la verdad|pues|jaja+|perd[oó]n)\b`)

// noDateWords say there is no day to give, beyond unsureWords.
var noDateWords = map[string]bool{"nothing": true, "none": true, "no date": true, "no day": true, "not": true,
	"i don't": true, "i dont": true, "no": true, "nada": true, "ninguno": true, "ningun dia": true, "no tengo fecha": true}

// unsureWhen is a way of saying "I don't know when": "idk", "no idea",
// "dunno", "nothing", with what people put around them ("idk lol",
// "nothing yet", "no clue tbh", "idk 🤷").
func unsureWhen(text string) bool {
	w := unaccent.Replace(normalize(text))
	if unsureWords.MatchString(w) {
		return true
	}
	w = unsureTalk.ReplaceAllString(w, " ")
	w = strings.Join(strings.FieldsFunc(w, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}), " ")
	return w != "" && (unsureWords.MatchString(w) || noDateWords[w] || noWords[w])
}

// whenWayOut handles the way out of the date question: "not sure" gets a
// suggested day, which the member takes or leaves. It reports whether it
// answered the turn.
func (t *turn) whenWayOut() bool {
	s := &t.s
	if s.Stage != stageStepWhen {
		return false
	}
	switch {
	case !s.Draft.Suggest.IsZero() && t.action == actKeep:
		s.Draft.Due = s.Draft.Suggest
		t.dueSet()
	case !s.Draft.Suggest.IsZero() && (t.action == actOther || t.action == "" && noWords[unaccent.Replace(normalize(t.text))]):
		s.Draft.Suggest = time.Time{}
	case t.action == actUnsure || t.action == "" && unsureWhen(t.text):
		s.Draft.Suggest = t.suggestDay()
	default:
		return false
	}
	t.ask()
	return true
}

// nextSession is the start of the member's next group session, zero when
// none is known: the caller's, else the one a check-in is for.
func (t *turn) nextSession() time.Time {
	for _, at := range []time.Time{t.c.NextSession, t.s.CheckIn.Session, t.c.Session} {
		if !at.IsZero() && at.After(t.now) {
			return at
		}
	}
	return time.Time{}
}

// sessionDay is the calendar date (midnight UTC, as ParseDate returns) of
// the next session in the member's zone.
func (t *turn) sessionDay() (time.Time, bool) {
	at := t.nextSession()
	if at.IsZero() {
		return time.Time{}, false
	}
	y, m, d := at.In(t.now.Location()).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if day.Equal(t.today()) {
		// The group meets later today: no step fits before it, so steps
		// are not sized against it ("this week" instead).
		return time.Time{}, false
	}
	return day, true
}

func (t *turn) today() time.Time {
	y, m, d := t.now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// suggestDay is the day before the group meets (so the step is done to
// talk about), or a few days from now when no session is known or the day
// before has passed.
func (t *turn) suggestDay() time.Time {
	if day, ok := t.sessionDay(); ok {
		if before := day.AddDate(0, 0, -1); !before.Before(t.today()) {
			return before
		}
	}
	return t.today().AddDate(0, 0, suggestDays)
}

// shortDay says a day as briefly as is clear: "today", "tomorrow",
// "Monday" within the coming week, else "Monday, June 22" (in the
// member's language).
func (t *turn) shortDay(day time.Time) string {
	switch n := int(day.Sub(t.today()).Hours() / 24); {
	case n == 0:
		return t.w.DayToday
	case n == 1:
		return t.w.DayTomorrow
	case n > 1 && n < 7:
		if t.c.Lang == Spanish {
			return spanishWeekdays[day.Weekday()]
		}
		return day.Weekday().String()
	}
	return t.sayDate(day)
}

// whenQuestion asks for the step's day, or offers the suggested one.
func (t *turn) whenQuestion() Reply {
	day := t.s.Draft.Suggest
	if day.IsZero() {
		return Reply{Text: t.w.StepWhen, Choices: []Choice{{t.w.NotSure, actUnsure}}}
	}
	text := fmt.Sprintf(t.w.StepSuggest, t.shortDayOn(day))
	if session, ok := t.sessionDay(); ok && day.Equal(session.AddDate(0, 0, -1)) {
		text = fmt.Sprintf(t.w.StepSuggestSession, t.shortDayOn(day))
	}
	return Reply{Text: text, Choices: []Choice{{capitalize(t.shortDay(day)), actKeep}, {t.w.PickAnotherDay, actOther}}}
}

// changeWords lead a new day said at the question after one was set:
// "actually Tuesday", "no, make it Tuesday".
var changeWords = regexp.MustCompile(`^(no,? |nah,? |oh,? |wait,? |sorry,? )?(actually,? |make it |change it to |move it to |let'?s say |i meant |i mean |rather |instead,? )*`)

// dateChange lets the member change the step's day at the question that
// follows it ("actually Tuesday" when asked who will do it): a date is never
// a person. It reports whether it answered the turn.
func (t *turn) dateChange() bool {
	s := &t.s
	if t.action != "" || t.text == "" || (s.Stage != stageStepWho && s.Stage != stageStepFar) {
		return false
	}
	phrase := strings.TrimSpace(changeWords.ReplaceAllString(normalize(t.text), ""))
	phrase = strings.TrimSpace(strings.TrimSuffix(phrase, " instead"))
	if phrase == "" {
		return false
	}
	due, err := t.parseDate(phrase)
	if err != nil {
		return false
	}
	s.Draft.Due = due
	t.dueSet()
	t.ask()
	return true
}

// bigSteps are first steps that are whole goals: the seeds' first step is
// one the member can do before the group meets again.
var bigSteps = regexp.MustCompile(`^(i (will|'ll|want to|need to|wanna|gotta|have to|should|must) |to |just )*(` +
	`get (my )?(life|shit|act|stuff|head|self|sh\*t) (together|straight|sorted|in order|right)|get it together|` +
	`fix (everything|my life|it all|all of it|myself|me)|` +
	`be (better|a better (person|me|man|woman|mom|dad|parent)|happy|happier|normal|ok|okay|good|well)|do better|` +
	`sort (my life|everything|it all|myself|my shit|my stuff) out|sort out (my life|everything)|` +
	`get (clean|sober|better|well|healthy|my life back)|stay (clean|sober)|` +
	`change (my life|everything)|turn my life around|start over|` +
	`(quit|stop) (using|drinking|everything|drugs)|get a life|get help)$`)

// isBigStep spots a first step that is a whole goal ("get my life
// together", "fix everything").
func isBigStep(what string) bool { return bigSteps.MatchString(normalize(what)) }

// bigStep handles a first step that is a whole goal: it asks for a first
// piece before the group meets and keeps the big one, or, if the member
// keeps it as it is, goes on with it. It reports whether it answered the turn.
func (t *turn) bigStep() bool {
	s := &t.s
	switch {
	case s.Draft.Big != "" && !s.Draft.SplitAsked && (t.action == actKeep || t.action == "" && unsureWords.MatchString(unaccent.Replace(normalize(t.text)))):
		// Not knowing a first piece is fine: go on with the big one.
		if t.action != actKeep {
			t.say(t.w.BigAsIs)
		}
		big, due := s.Draft.Big, s.Draft.Due
		s.Draft = StepDraft{Due: due}
		t.stepWhat(big)
		t.ask()
		return true
	case s.Draft.Big == "" && !s.Draft.SplitAsked && t.action == "" && s.Flow == FlowGoal &&
		len(s.Goal.Steps) == 0 && isBigStep(t.text):
		s.Draft = StepDraft{Big: t.text, Due: s.Draft.Due}
		t.ask()
		return true
	}
	return false
}

// bigQuestion asks for a first piece of a big first step.
func (t *turn) bigQuestion() Reply {
	when := t.w.ThisWeek
	if day, ok := t.sessionDay(); ok {
		when = fmt.Sprintf(t.w.BeforeGroup, t.onDay(day))
	}
	return Reply{Text: fmt.Sprintf(t.w.StepBig, when), Choices: []Choice{{t.w.StepKeepOne, actKeep}}}
}

// onDay is "today", "tomorrow", "on Tuesday", or "on Tuesday, June 23".
func (t *turn) onDay(day time.Time) string {
	s := t.shortDay(day)
	if s == t.w.DayToday || s == t.w.DayTomorrow {
		return s
	}
	return fmt.Sprintf(t.w.DayOn, s)
}

// keepBigOne keeps a big first step, once its first piece is added, as a
// later step with no date yet, and says so.
func (t *turn) keepBigOne(d StepDraft) {
	if d.Big == "" {
		return
	}
	s := &t.s
	s.Goal.Steps[len(s.Goal.Steps)-1].Big = ""
	s.Goal.Steps = append(s.Goal.Steps, StepDraft{What: d.Big, Owner: store.OwnerMe})
	t.say(fmt.Sprintf(t.w.BigKept, d.Big))
}

// lastAdded is the step just added: the last with a day (a big one kept
// for later, with none, comes after its first piece).
func lastAdded(steps []StepDraft) StepDraft {
	for i := len(steps) - 1; i >= 0; i-- {
		if !steps[i].Due.IsZero() {
			return steps[i]
		}
	}
	return steps[len(steps)-1]
}

// SayDue says when a step is due: "by Friday, June 12", or "no date yet"
// for a step kept for later.
func SayDue(w *Words, due, now time.Time) string {
	if due.IsZero() {
		return w.NoDateYet
	}
	return fmt.Sprintf(w.DueBy, SayDateOnIn(w.lang(), due, now))
}

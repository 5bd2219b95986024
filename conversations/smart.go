package conversations

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// S.M.A.R.T., gently: after the goal, each missing letter gets one short
// question of its own (specific, measurable, time-bound, then attainable;
// the relevant letter is the why stage). A vague answer gets one concrete
// offer with examples, never a rejection, and "go on as it is" always goes on.

// Each letter is a stage of its own, so "back" returns to the letter's
// question; the measurable letter keeps the old follow-up's stage.
const (
	stageSpecific Stage = "specific"
	stageByWhen   Stage = "by_when"
	stageSure     Stage = "sure"
	stageSure7    Stage = "sure7" // "what would make it a 7?" after a low sureness
	// stageEnjoy asks once, after the steps, whether a part will be enjoyable.
	stageEnjoy Stage = "enjoy"
)

// SmartDraft is the S.M.A.R.T. follow-up of the goal being set.
type SmartDraft struct {
	Asked   string `json:"asked,omitempty"`   // letters (stages) asked already, each once
	Offered bool   `json:"offered,omitempty"` // the one concrete offer for this letter was made
	Sure    *int   `json:"sure,omitempty"`
	// SureHelp is what would make the member's sureness a 7.
	SureHelp    string `json:"sure_help,omitempty"`
	Enjoy       string `json:"enjoy,omitempty"`
	EnjoyAsked  bool   `json:"enjoy_asked,omitempty"`
	DreamNudged bool   `json:"dream_nudged,omitempty"`
	// When is a by-when said before the goal's words ("by summer" as the
	// goal), kept until the words come.
	When string `json:"when,omitempty"`
	// GoalNudged: "idk" as the goal was offered the examples once.
	GoalNudged bool `json:"goal_nudged,omitempty"`
}

var (
	// fillerWords say nothing yet: not a goal, a measure or a time.
	fillerWords = regexp.MustCompile(`^(yes|yeah|yep|y|ok|okay|sure|no|nope|n|idk|i ?d ?k|i don'?t know|dont know|dunno|no idea|not sure|nothing|none|maybe|whatever|anything|something|k|hmm+|um+|i guess|\?+)$`)
	// generalWords name a kind of goal without saying which one.
	generalWords = regexp.MustCompile(`^(get |find |have |a |my |some |more |better |new |own )*(job|work|jobs|house|home|place|apartment|housing|school|education|money|friends|a friend|car|relationship|hobby|health|family)$`)
	// recoveryWords name a way of being that can't be seen without a measure.
	recoveryWords = regexp.MustCompile(`\b(sober|sobriety|clean|recovery|recover|get better|feel better|do better|be better|stay well|not use|not drink|stop using|stop drinking)\b`)
)

// isFiller is an answer that doesn't say anything yet ("yes", "idk").
func isFiller(text string) bool {
	if len(text) > fillerMax {
		return false // a filler is a few words; a long answer says something
	}
	w := strings.Trim(normalize(text), ".!? ")
	if w == "" || fillerWords.MatchString(w) || esIsFiller(text) {
		return true
	}
	// "idk lol", "not sure honestly", "idk 🤷": what is around says nothing more.
	w = strings.Join(strings.FieldsFunc(unsureTalk.ReplaceAllString(w, " "), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '?'
	}), " ")
	return w != "" && fillerWords.MatchString(w)
}

// fillerMax is the longest (in bytes) an answer that says nothing can be:
// "idk honestly, not sure right now lol 🤷 sorry" fits.
const fillerMax = 80

// isIDK is a dream not yet found: "idk", "nothing", "no idea".
func isIDK(text string) bool {
	w := strings.Trim(normalize(text), ".!? ")
	switch w {
	case "idk", "i dk", "i don't know", "i dont know", "dont know", "don't know", "dunno", "no idea",
		"nothing", "not sure", "i'm not sure", "im not sure", "none", "no clue", "i have no idea", "nada", "no se", "no sé":
		return true
	}
	return esIsIDK(text)
}

// notSpecific: what exactly is missing ("yes", "a job", "work").
func notSpecific(goal string) bool {
	w := strings.Trim(normalize(goal), ".!? ")
	return isFiller(goal) || generalWords.MatchString(w) || esNotSpecific(goal) ||
		isBigStep(w) && !notMeasurable(goal) // "get my life together": what exactly? ("be happy": how will you know?)
}

// notMeasurable: how we'll both know is missing ("be happy", "stay sober").
func notMeasurable(goal string) bool {
	return isVague(goal) || recoveryWords.MatchString(normalize(goal)) && !strings.ContainsAny(goal, "0123456789") || esNotMeasurable(goal)
}

// hasWhen: the goal says by when or how often.
func hasWhen(text string, now time.Time) bool {
	if hasTime(text) || esTimeWords.MatchString(fold(text)) {
		return true
	}
	_, _, ok := FindDate(text, now)
	if !ok {
		_, _, ok = FindDateIn(Spanish, text, now) // either language: see lang.go
	}
	return ok
}

func (sm SmartDraft) asked(s Stage) bool {
	return strings.Contains(","+sm.Asked+",", ","+string(s)+",")
}

// missing is the next letter to ask about, or "" when none is.
func missing(g GoalDraft, now time.Time) Stage {
	sm := g.Smart
	switch {
	case !sm.asked(stageSpecific) && notSpecific(g.Text):
		return stageSpecific
	case !sm.asked(stageMeasure) && notMeasurable(g.Text):
		return stageMeasure
	case !sm.asked(stageByWhen) && !hasWhen(g.Text+" "+g.Measure, now):
		return stageByWhen
	case !sm.asked(stageSure) && sm.Sure == nil:
		return stageSure
	}
	return ""
}

// smartStart begins the follow-up for a goal just given.
func (t *turn) smartStart() {
	s := &t.s
	s.Goal.Measure = ""
	old := s.Goal.Smart
	s.Goal.Smart = SmartDraft{Enjoy: old.Enjoy, EnjoyAsked: old.EnjoyAsked, DreamNudged: old.DreamNudged, GoalNudged: old.GoalNudged}
	if s.Editing && old.Sure != nil {
		// Changing the goal's words keeps how sure the member was: asking
		// again on every edit would be a form, not a conversation.
		s.Goal.Smart.Sure, s.Goal.Smart.SureHelp = old.Sure, old.SureHelp
	}
	t.smartNext()
}

// smartNext moves to the next missing letter, or on to why it matters.
func (t *turn) smartNext() {
	s := &t.s
	l := missing(s.Goal, t.now)
	if l == "" {
		t.advanceGoal(stageWhy)
		return
	}
	t.smartAsk(l)
}

func (t *turn) smartAsk(l Stage) {
	s := &t.s
	s.Goal.Smart.Offered = false
	if !s.Goal.Smart.asked(l) {
		s.Goal.Smart.Asked = strings.TrimPrefix(s.Goal.Smart.Asked+","+string(l), ",")
	}
	s.Goal.AskedMeasure = true
	t.advance(l)
}

// smartQuestion is the question for the letter being asked.
func (t *turn) smartQuestion() Reply {
	g := t.s.Goal
	keep := []Choice{{t.w.GoalKeep, actKeep}}
	if g.Smart.Offered {
		switch t.s.Stage {
		case stageSpecific:
			return Reply{Text: t.w.SmartOfferS, Choices: keep}
		case stageMeasure:
			return Reply{Text: t.w.SmartOfferM, Choices: keep}
		case stageByWhen:
			return Reply{Text: t.w.SmartOfferT, Choices: keep}
		case stageSure:
			return Reply{Text: t.w.SmartOfferA, Choices: append(rulerChoices(t.w)[:11], keep...)}
		case stageSure7:
			return Reply{Text: t.w.SmartOfferA7, Choices: keep}
		}
	}
	switch t.s.Stage {
	case stageSpecific:
		return Reply{Text: specificQuestion(t.w, g.Text), Choices: keep}
	case stageByWhen:
		return Reply{Text: t.w.SmartTime, Choices: keep}
	case stageSure:
		return Reply{Text: t.w.SmartSure, Choices: append(rulerChoices(t.w)[:11], keep...)}
	case stageSure7:
		return Reply{Text: t.w.SmartSure7, Choices: keep}
	}
	return Reply{Text: t.w.SmartMeasure, Choices: keep}
}

// specificQuestion asks "what kind of …?" for a goal that names only a kind.
func specificQuestion(w *Words, goal string) string {
	g := strings.Trim(normalize(goal), ".!? ")
	if m := generalWords.FindStringSubmatch(g); m != nil {
		switch m[2] {
		case "job", "work", "jobs":
			return w.SmartKindJob
		case "house", "home", "place", "apartment", "housing":
			return w.SmartKindHome
		case "school", "education":
			return w.SmartKindSchool
		}
		return fmt.Sprintf(w.SmartKindOf, m[2])
	}
	return w.SmartWhat
}

// smartAnswer takes the answer to a letter's question.
func (t *turn) smartAnswer() {
	s := &t.s
	sm := &s.Goal.Smart
	if t.action == actKeep && (t.text == "" || !yesWords[normalize(t.text)]) {
		// "Go on as it is": the goal stays as the member said it.
		t.withWhen()
		t.advanceGoal(stageWhy)
		t.ask()
		return
	}
	if t.action == actKeep {
		t.action = "" // a typed "yes" is an answer that says nothing yet
	}
	stage := s.Stage
	// After "back", the letters past this one are to be asked again.
	// (Matched whole: "sure" is also the end of "measure".)
	if i := strings.Index(","+sm.Asked+",", ","+string(stage)+","); i >= 0 {
		sm.Asked = sm.Asked[:i+len(stage)]
	}
	if stage == stageSure || stage == stageSure7 && strings.HasPrefix(t.action, prefixRuler) {
		t.sureAnswer()
		return
	}
	if t.needWords() || (stage == stageSpecific || stage == stageMeasure) && t.keepWhen() {
		return
	}
	vague := isFiller(t.text)
	switch stage {
	case stageSpecific:
		vague = vague || notSpecific(t.text)
	case stageMeasure:
		vague = vague || (isVague(t.text) || esNotMeasurable(t.text)) && !hasWhen(t.text, t.now)
	case stageByWhen:
		// A bare "6" could be June, 6 months or a sureness: ask once more.
		vague = vague || !hasWhen(t.text, t.now) || bareNumber.MatchString(normalize(t.text))
	}
	if vague && !sm.Offered {
		sm.Offered = true
		t.ask()
		return
	}
	if !isFiller(t.text) {
		switch stage {
		case stageSpecific:
			s.Goal.Text = sharpen(s.Goal.Text, t.text)
			t.withWhen()
		case stageByWhen:
			// After the one offer, words that are no time ("to pay rent",
			// the next question's answer) go on without being glued on as
			// "by to pay rent".
			if hasWhen(t.text, t.now) && !bareNumber.MatchString(normalize(t.text)) {
				s.Goal.Text = byWhen(t.w, s.Goal.Text, t.text)
			}
		case stageSure7:
			sm.SureHelp = t.text
		default:
			s.Goal.Measure = t.text
		}
	}
	t.smartNext()
	t.ask()
}

// timeOnlyWords are the words of a time and nothing else: "by summer", "in
// 6 months", "before Christmas", "by the end of March", "para el verano".
var timeOnlyWords = regexp.MustCompile(`^((by|before|until|till|til|within|in|on|at|around|about|the|end|of|a|an|this|next|coming|` +
	`sometime|early|late|mid|middle|beginning|start|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|` +
	`few|couple|half|\d+(st|nd|rd|th)?|` +
	`january|february|march|april|may|june|july|august|september|october|november|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|` +
	`spring|summer|fall|autumn|winter|christmas|xmas|thanksgiving|easter|halloween|new|year'?s?|birthday|my|` +
	`years?|months?|weeks?|days?|today|tomorrow|tonight|soon|asap|` +
	`monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|` +
	`para|antes|de|del|el|la|en|dentro|hasta|fin|este|esta|proximo|proxima|verano|invierno|primavera|otono|navidad|` +
	`ano|anos|mes|meses|semana|semanas|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)` +
	`[\s,]*)+$`)

// onlyWhen is an answer that is a time and nothing else: a by-when, never
// a goal's what or how.
func onlyWhen(text string, now time.Time) bool {
	w := unaccent.Replace(strings.Trim(normalize(text), ".!? "))
	return timeOnlyWords.MatchString(w) && !bareNumber.MatchString(w) && hasWhen(text, now) // "6" is no time
}

// keepWhen keeps a time said in place of the goal's words ("by summer" as
// the goal) for when the words come, and asks for them. It reports whether
// it answered the turn.
func (t *turn) keepWhen() bool {
	if t.action != "" || !onlyWhen(t.text, t.now) {
		return false
	}
	stage := t.s.Stage
	t.advance(stage) // "back" returns to the question as it was
	t.s.Goal.Smart.When = strings.TrimRight(strings.TrimSpace(t.text), ".!")
	t.say(fmt.Sprintf(t.w.GoalWhenKept, capitalize(Inert(Clip(t.s.Goal.Smart.When, 60)))))
	if stage == stageGoal {
		t.ask()
		return true
	}
	t.smartAsk(stage)
	t.ask()
	return true
}

// withWhen puts a kept by-when into the goal's words, unless they say
// their own.
func (t *turn) withWhen() {
	g := &t.s.Goal
	if w := g.Smart.When; w != "" && !hasWhen(g.Text, t.now) {
		if timeLead.MatchString(strings.ToLower(w)) {
			w = lowerFirst(w) // "By summer" said alone reads "… by summer" in the goal
		}
		g.Text = byWhen(t.w, g.Text, w)
	}
	g.Smart.When = ""
}

var bareNumber = regexp.MustCompile(`^\d+$`)

var sureNumber = regexp.MustCompile(`^(?:about |maybe |around |a |like )?(\d{1,2})(?:\s*(?:/|out of)\s*10)?$`)

// sureAnswer takes a 0–10 sureness and asks what would make a low one a 7.
func (t *turn) sureAnswer() {
	s := &t.s
	sm := &s.Goal.Smart
	n := -1
	if v, ok := strings.CutPrefix(t.action, prefixRuler); ok {
		n, _ = strconv.Atoi(v)
	} else if m := sureNumber.FindStringSubmatch(normalize(t.text)); m != nil {
		n, _ = strconv.Atoi(m[1])
	}
	if n < 0 || n > 10 {
		if !sm.Offered {
			sm.Offered = true
			t.ask()
			return
		}
		t.advanceGoal(stageWhy)
		t.ask()
		return
	}
	sm.Sure = &n
	if n < 7 {
		t.smartAsk(stageSure7)
		t.ask()
		return
	}
	t.smartNext()
	t.ask()
}

var goalTail = regexp.MustCompile(`^(at|in|as|with|for|on|near|doing|working|where|that|of|to|from)\b`)

// sharpen puts the member's "what exactly" into the goal: a filler goal is
// replaced; "a job" + "at a grocery store" reads "a job at a grocery store";
// a whole new sentence replaces the goal; one or two words are added.
func sharpen(goal, answer string) string {
	goal, answer = strings.TrimSpace(goal), strings.TrimRight(strings.TrimSpace(answer), ".!")
	switch {
	case isFiller(goal):
		return answer
	case answer == "" || strings.Contains(strings.ToLower(goal), strings.ToLower(answer)):
		return goal // said already (asked again after "back")
	case goalTail.MatchString(strings.ToLower(answer)):
		return goal + " " + answer
	case len(strings.Fields(answer)) >= 3 || strings.Contains(strings.ToLower(answer), strings.ToLower(goal)):
		return answer
	}
	return goal + ": " + answer
}

var timeLead = regexp.MustCompile(`^(by|before|in|within|until|till|on|this|next|every|each|at|around|sometime|para|antes|en|dentro|hasta|este|esta|cada|todos|todas|al)\b`)

// byWhen adds the member's "by when" to the goal's words.
func byWhen(w *Words, goal, answer string) string {
	answer = strings.TrimRight(strings.TrimSpace(answer), ".!")
	if timeLead.MatchString(strings.ToLower(answer)) {
		return strings.TrimSpace(goal) + " " + answer
	}
	return strings.TrimSpace(goal) + " " + fmt.Sprintf(w.By, answer)
}

// dreamAnswer takes the dream; "idk" gets one nudge with examples, then
// goes on kindly.
func (t *turn) dreamAnswer() {
	s := &t.s
	if isIDK(t.text) {
		if !s.Goal.Smart.DreamNudged {
			s.Goal.Smart.DreamNudged = true
			t.say(t.w.DreamLittle)
			return
		}
		s.Goal.Dream = ""
		t.say(t.w.DreamLater)
		t.advance(stageHappy)
		t.ask()
		return
	}
	s.Goal.Dream = t.text
	t.advance(stageHappy)
	t.ask()
}

// askEnjoy moves to "Is there a part of this you'll enjoy?", once per
// goal, after its steps. It reports whether it did.
func (t *turn) askEnjoy() bool {
	s := &t.s
	if s.Flow != FlowGoal || s.Goal.Smart.EnjoyAsked || len(s.Goal.Steps) == 0 {
		return false
	}
	s.Goal.Smart.EnjoyAsked = true
	t.advance(stageEnjoy)
	return true
}

func enjoyQuestion(w *Words) Reply {
	return Reply{Text: w.Enjoy, Choices: []Choice{{w.Skip, actSkip}}}
}

func (t *turn) enjoyAnswer() {
	s := &t.s
	w := normalize(t.text)
	switch {
	case t.action == actSkip || noWords[w]:
	case yesWords[w]:
		t.say(t.w.EnjoyThanks) // asked once: a plain "yes" is not asked "which part?"
	case !isFiller(t.text) && hasLetterOrDigit(t.text):
		s.Goal.Smart.Enjoy = t.text
		t.say(t.w.EnjoyThanks)
	}
	t.toConfirm()
	t.ask()
}

// whyOffer is the relevant letter's one offer: a "yes" or "idk" as why it
// matters gets examples once, then is taken as it is. It reports whether
// it asked.
func (t *turn) whyOffer() bool {
	sm := &t.s.Goal.Smart
	if !isFiller(t.text) || sm.asked(stageWhy) {
		return false
	}
	sm.Asked = strings.TrimPrefix(sm.Asked+","+string(stageWhy), ",")
	t.say(t.w.SmartOfferR)
	return true
}

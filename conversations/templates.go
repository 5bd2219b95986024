package conversations

import (
	"cmp"
	"context"

	"github.com/cairnbot/cairn/store"

	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Goal templates, the navigators' course's fourth lesson: a member who does
// not know where to start picks a common recovery goal at the goal
// question, then keeps, changes or skips its words and each example
// stepping stone. The dream questions still come first; a template only
// fills the draft, and every step walks the usual what–when–who sub-flow.

// Template is a goal in plain words with a few example stepping stones.
type Template struct {
	Area  string   // "Work", "Leisure and fun"; empty for a group's own
	Group string   // the group whose facilitators wrote it; empty for built-ins
	Goal  string   // "A part-time job by spring"
	Steps []string // example stepping stones, in order
}

// TemplateDraft is where a member is in making a template their own. Its
// questions are all asked at the goal stage, so "back" from a step's date
// returns to the same suggestion.
type TemplateDraft struct {
	Picking   bool     `json:"picking,omitempty"`   // the list is on the table
	Offer     string   `json:"offer,omitempty"`     // a template goal awaiting keep or change
	Rewording bool     `json:"rewording,omitempty"` // the member is saying the goal their way
	Steps     []string `json:"steps,omitempty"`     // suggested steps still to offer, next first
}

// Button values of the template questions.
const (
	actPickExamples = "templates:pick"
	actChangeWords  = "templates:change"
	prefixTemplate  = "template:"
)

// BuiltinTemplates are the built-in goals, one per area of recovery life,
// drawn from the seeds: the work steps are the course's example plan, the
// leisure steps the facilitator guide's fishing ones; the others are
// written in their spirit (small, concrete, doable before the next group).
// Their words are Talk.Templates, in w's language.
func BuiltinTemplates(w *Words) []Template {
	out := make([]Template, 0, len(w.Templates))
	for _, tm := range w.Templates {
		out = append(out, Template{Area: tm[0], Goal: tm[1], Steps: slices.Clone(tm[2:])})
	}
	return out
}

// templateWords ask for the list at the goal question.
var templateWords = map[string]bool{
	"i don't know where to start": true, "i dont know where to start": true, "idk where to start": true,
	"not sure where to start": true, "where do i start": true, "where do i begin": true,
	"examples": true, "example": true, "ideas": true, "some ideas": true, "any ideas": true,
	"give me ideas": true, "give me some ideas": true, "show me examples": true, "pick from examples": true,
}

// templateList is the group's templates first, then the built-ins.
func (t *turn) templateList() []Template {
	return append(append([]Template(nil), t.c.Templates...), BuiltinTemplates(t.w)...)
}

func (tm Template) label(w *Words) string {
	if tm.Group != "" || tm.Area == "" {
		return Clip(w.TemplateFromGrp+": "+tm.Goal, 75) // the facilitators' words as written
	}
	return Clip(tm.Area+": "+lowerFirst(tm.Goal), 75)
}

// templateQuestion is the goal question with its way in to templates, or
// the template question on the table. It is asked at stageGoal only.
func (t *turn) templateQuestion() (Reply, bool) {
	d := t.s.Template
	switch {
	case d.Picking:
		var choices []Choice
		for i, tm := range t.templateList() {
			choices = append(choices, Choice{tm.label(t.w), prefixTemplate + strconv.Itoa(i+1)})
		}
		return Reply{Text: t.w.TemplatePick, Choices: choices}, true
	case d.Rewording:
		return Reply{Text: fmt.Sprintf(t.w.TemplateOwnGoal, d.Offer)}, true
	case d.Offer != "":
		return Reply{Text: fmt.Sprintf(t.w.TemplateGoal, d.Offer),
			Choices: []Choice{{t.w.ChoiceKeep, actKeep}, {t.w.ChoiceChangeWords, actChangeWords}}}, true
	case len(d.Steps) > 0:
		return Reply{Text: fmt.Sprintf(t.w.TemplateStep, d.Steps[0]),
			Choices: []Choice{{t.w.ChoiceKeep, actKeep}, {t.w.ChoiceChangeWords, actChangeWords}, {t.w.Skip, actSkip}}}, true
	}
	text := t.w.Goal
	if w := t.s.Goal.Smart.When; w != "" {
		text = fmt.Sprintf(t.w.GoalWhatBy, Inert(Clip(w, 60)))
	}
	return Reply{Text: text, Choices: []Choice{{t.w.ChoicePickExamples, actPickExamples}}}, true
}

// templateAnswer handles an answer at the goal question that is about
// templates, and reports whether it did; otherwise the answer is the
// member's own goal.
func (t *turn) templateAnswer() bool {
	s := &t.s
	d := &s.Template
	switch {
	case d.Picking:
		return t.pickTemplate()
	case d.Rewording:
		if t.needWords() {
			return true
		}
		s.Goal.Text, d.Offer, d.Rewording = t.text, "", false
		t.withWhen()
		t.nextTemplateStep()
	case d.Offer != "":
		switch t.action {
		case actChangeWords:
			d.Rewording = true
			t.advance(stageGoal)
			t.ask()
		case actKeep:
			s.Goal.Text, d.Offer = d.Offer, ""
			t.withWhen()
			t.nextTemplateStep()
		default: // typed words are the goal in the member's own words
			if t.needWords() {
				return true
			}
			s.Goal.Text, d.Offer = t.text, ""
			t.withWhen()
			t.nextTemplateStep()
		}
	case len(d.Steps) > 0:
		t.answerTemplateStep()
	case t.action == actPickExamples || t.action == "" && templateWords[normalize(t.text)]:
		d.Picking = true
		t.advance(stageGoal)
		t.ask()
	default:
		return false
	}
	return true
}

// pickTemplate takes the member's pick from the list. Words that are not
// a pick are the member's own goal after all: it reports false, and the
// goal question takes them as the answer.
func (t *turn) pickTemplate() bool {
	list := t.templateList()
	n := 0
	if v, ok := strings.CutPrefix(t.action, prefixTemplate); ok {
		n, _ = strconv.Atoi(v)
	} else if t.action == "" {
		word := strings.TrimPrefix(normalize(t.text), "#")
		i, err := strconv.Atoi(word)
		if err == nil {
			n = i
		}
		for i, tm := range list {
			if word == normalize(tm.Goal) || word == normalize(tm.Area) || word == normalize(tm.label(t.w)) {
				n = i + 1
			}
		}
		if n == 0 && err != nil && hasLetterOrDigit(word) {
			t.s.Template = TemplateDraft{}
			return false
		}
	}
	if n < 1 || n > len(list) {
		q, _ := t.templateQuestion()
		t.say(t.w.TemplatePickNone, q.Choices...)
		return true
	}
	tm := list[n-1]
	s := &t.s
	s.Template = TemplateDraft{Offer: tm.Goal, Steps: append([]string(nil), tm.Steps...)}
	s.Goal.Measure = ""
	t.advance(stageGoal)
	t.ask()
	return true
}

// answerTemplateStep keeps, changes or skips the suggested step on the
// table. A kept or changed step walks the usual step sub-flow and comes
// back here through templateStepDone.
func (t *turn) answerTemplateStep() {
	s := &t.s
	what := s.Template.Steps[0]
	switch t.action {
	case actSkip:
		s.Template.Steps = s.Template.Steps[1:]
		t.nextTemplateStep()
	case actKeep:
		s.After, s.Draft = stageGoal, StepDraft{}
		t.stepWhat(what)
		t.ask()
	case actChangeWords:
		s.After, s.Draft = stageGoal, StepDraft{}
		t.advance(stageStepWhat)
		t.say(fmt.Sprintf(t.w.TemplateOwnStep, what))
		t.ask()
	default: // typed words are the step in the member's own words
		if t.needWords() {
			return
		}
		s.After, s.Draft = stageGoal, StepDraft{}
		t.advance(stageStepWhat)
		t.stepAnswer()
	}
}

// nextTemplateStep offers the next suggested step, or walks the goal flow
// on once none is left.
func (t *turn) nextTemplateStep() {
	s := &t.s
	if len(s.Template.Steps) > 0 {
		t.advance(stageGoal)
		t.ask()
		return
	}
	s.Template = TemplateDraft{}
	if len(s.Goal.Steps) > 0 {
		t.say(t.w.TemplateStepsEnd)
	}
	t.advanceGoal(stageWhy)
	t.ask()
}

// templateStepDone is called when a step is complete; it reports whether
// the step was a template's, and if so offers the next suggestion.
func (t *turn) templateStepDone() bool {
	s := &t.s
	if s.Flow != FlowGoal || s.After != stageGoal || len(s.Template.Steps) == 0 {
		return false
	}
	s.After = ""
	s.Template.Steps = s.Template.Steps[1:]
	t.nextTemplateStep()
	return true
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// groupTemplates are the templates of the groups memberID has joined, in
// the groups' order. A store error leaves them out: the built-in
// templates still show, which is better than no way in.
func (r *Runner) groupTemplates(ctx context.Context, groups []store.Group, memberID string) []Template {
	var ids []string
	names := map[string]string{}
	for _, g := range groups {
		if g.Joined(memberID) {
			ids = append(ids, g.ID)
			names[g.ID] = cmp.Or(g.Name, g.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	stored, err := r.Store.Templates(ctx, ids...)
	if err != nil {
		return nil
	}
	out := make([]Template, 0, len(stored))
	for _, tm := range stored {
		out = append(out, Template{Group: names[tm.GroupID], Goal: tm.Goal, Steps: tm.Steps})
	}
	return out
}

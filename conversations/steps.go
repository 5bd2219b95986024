package conversations

import (
	"fmt"
	"strconv"
	"time"

	"github.com/cairnbot/cairn/store"
)

// The step sub-flow (what, when, who), shared by goal setting, editing and
// check-ins.

// farAway is when a step stops being a stepping stone and becomes a goal of
// its own: the seeds' short-term steps are days or weeks, not months.
const farAway = 42 * 24 * time.Hour

// farKeepWords and farSoonerWords answer "Could a first piece fit before
// then?" in words.
var (
	farKeepWords = map[string]bool{"keep it": true, "keep": true, "keep the date": true, "keep that": true, "that's fine": true,
		"it's fine": true, "its fine": true, "fine": true, "no it's fine": true, "no, it's fine": true, "leave it": true,
		"dejarla": true, "dejarlo": true, "asi esta bien": true, "así está bien": true}
	farSoonerWords = map[string]bool{"sooner": true, "earlier": true, "a sooner day": true, "pick a sooner day": true,
		"yes it could": true, "maybe": true, "antes": true, "más pronto": true, "mas pronto": true}
)

// stepAnswer runs the step sub-flow (what, when, who) shared by goal setting,
// editing and check-ins.
func (t *turn) stepAnswer() {
	s := &t.s
	if t.mentionTooEarly() || t.dateChange() || t.whenWayOut() || s.Stage == stageStepWhat && t.bigStep() {
		return
	}
	switch s.Stage {
	case stageStepWhat:
		if t.needWords() || t.dayBeforeStep() || t.stepUnsure() {
			return
		}
		if meWords[normalize(t.text)] {
			// "me" is who, not what: the step's words come first.
			t.say(t.w.StepWhatFirst)
			return
		}
		if !s.Draft.SplitAsked && severalActions(t.text) {
			s.Draft = StepDraft{What: t.text, SplitAsked: true, Big: s.Draft.Big, Due: s.Draft.Due}
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
		if s.Stage == stageStepFar && t.text != "" {
			// "Could a first piece fit before then?": "no" keeps the day,
			// "yes" picks a sooner one (a typed "yes" is not "Keep this date").
			switch w := normalize(t.text); {
			case noWords[w] || farKeepWords[w]:
				t.action = actKeep
			case yesWords[w] || farSoonerWords[w]:
				t.action = actOther
			}
		}
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
		due, err := t.parseDate(t.text)
		if err != nil && s.Stage == stageStepWhen {
			// "go to a meeting tuesday", "maybe friday": the day in a sentence.
			if _, d, ok := t.findDate(t.text); ok {
				due, err = d, nil
			}
		}
		if err != nil && s.Stage == stageStepFar {
			if owner, name, ok := whoOf(t.text, t.now); ok {
				t.finishStep(owner, name) // "me": the day stands, and this is who
				return
			}
		}
		if err != nil {
			var way []Choice
			msg := err.Error()
			if t.text == "" {
				msg = t.w.StepNoDate
			}
			if s.Stage == stageStepWhen {
				// The ways out, beside every "I couldn't read that".
				way = []Choice{{t.w.NotSure, actUnsure}}
				msg += "\n" + t.w.HelpWayOut
			}
			t.say(msg, way...)
			return
		}
		s.Draft.Due = due
		t.dueSet()
	case stageStepWho:
		if t.helperWho() {
			return
		}
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
		if t.helperWho() || t.needWords() {
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
	if owner != store.OwnerPerson || d.OwnerName != s.Draft.OwnerName {
		d.HelperID, d.HelperOK = "", false // named otherwise since: no helper
	}
	s.Draft = StepDraft{}
	if s.Flow == FlowCheckIn {
		s.CheckIn.NewSteps = append(s.CheckIn.NewSteps, d)
		// The practise button rides on the "Added" line: pressed later,
		// while the next questions are asked, it still names this step.
		t.say(fmt.Sprintf(t.w.StepAddedShort, describeStep(t.w, d, t.now)),
			t.practiseChoice("new:"+strconv.Itoa(len(s.CheckIn.NewSteps)-1), false)...)
		t.advance(stageImportance)
		t.ask()
		return
	}
	s.Goal.Steps = append(s.Goal.Steps, d)
	t.keepBigOne(d)
	if s.After == stageConfirm {
		// Added from the summary: the summary's own buttons follow, so
		// the practise button comes on a line of its own.
		if c := t.practiseChoice("goal:"+strconv.Itoa(len(s.Goal.Steps)-1), false); len(c) > 0 {
			t.say(fmt.Sprintf(t.w.StepAddedShort, describeStep(t.w, d, t.now)), c...)
		}
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

func (d StepDraft) record(now time.Time) store.Step {
	return store.Step{What: d.What, Due: d.Due, Owner: d.Owner, OwnerName: d.OwnerName, CreatedAt: now.UTC(),
		HelperID: d.HelperID, HelperOK: d.HelperOK && d.HelperID != "", Practise: d.Practise}
}

// daysUntil measures from the start of the member's today to the due date.
func daysUntil(due, now time.Time) time.Duration {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return due.Sub(today)
}

// stepUnsure answers "idk" as a step: ideas for a tiny one first, then,
// for a goal's first steps, going on without (they can come later). A
// check-in's plan asks again with the ideas. It reports whether it
// answered the turn.
func (t *turn) stepUnsure() bool {
	s := &t.s
	if t.action == "" && s.Flow == FlowGoal && isEnough(normalize(t.text)) && s.Draft.Big == "" && !s.Draft.SplitAsked {
		// "that's all", "none" at a goal's step question: no more steps
		// now, never a step called "that's all".
		s.Draft = StepDraft{}
		t.say(t.w.StepsLater)
		if s.After == stageConfirm || !t.askEnjoy() {
			t.toConfirm()
		}
		t.ask()
		return true
	}
	if t.action != "" || !isFiller(t.text) || yesWords[normalize(t.text)] || s.Draft.Big != "" || s.Draft.SplitAsked {
		return false
	}
	if !s.Draft.Offered || s.Flow != FlowGoal {
		t.advance(stageStepWhat) // "back" returns to the question as it was
		s.Draft.Offered = true
		t.say(t.w.StepUnsure)
		return true
	}
	s.Draft = StepDraft{}
	t.say(t.w.StepsLater)
	if s.After == stageConfirm || !t.askEnjoy() {
		t.toConfirm()
	}
	t.ask()
	return true
}

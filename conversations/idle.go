package conversations

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/store"
)

// What a member who is not in a flow gets: the menu, their steps, time away.

// idle answers a member who is not in a flow: a menu, a summary, or a step
// marked done.
func (t *turn) idle(word string) {
	if t.lifecycle(word) { // reached, changed, let go, beside another, a step edited
		return
	}
	switch {
	case t.action == actGoal || word == "goal" || word == "set a goal" || word == "new goal" || word == "goals setting" || word == "poner una meta" || word == "meta":
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
		switch {
		case feelingLow.MatchString(word):
			// A hard day is not a command Cairn missed: warm words and a
			// person, before any menu or introduction; a typed "yes" asks.
			t.say(t.w.IdleFeeling, Choice{t.w.ChoiceTalk, ActTalkToPerson}, Choice{t.w.ChoiceNotNow, actNotNow})
			t.s.Aside = asideOffer
			return
		case t.c.Goal == nil && !t.c.Introduced:
			t.say(t.w.Intro)
			t.res.Introduced = true
		case thanksWords[word]:
			t.say(t.w.IdleWelcome)
		case isFiller(t.text) && !yesWords[word]:
			t.say(t.w.IdleUnsure) // "idk" is not a greeting: "Hi again!" would not listen
		case t.text != "" && !greetings[word] && len(strings.Fields(word)) >= 5:
			t.say(t.w.IdleOther) // something told: thanked, not answered
		case t.text != "" && !greetings[word]:
			t.say(t.w.IdleShort)
		default:
			t.say(t.w.Hello)
		}
		t.say(t.w.Menu, t.menuChoices()...)
	}
}

// greetings get "Hi again!"; other words outside a question get a kinder
// line than a greeting back.
var greetings = map[string]bool{"hi": true, "hello": true, "hey": true, "hiya": true, "yo": true, "sup": true, "hey there": true,
	"hi there": true, "hello there": true, "good morning": true, "good afternoon": true, "good evening": true, "morning": true,
	"hola": true, "buenas": true, "buenos dias": true, "buenos días": true, "buenas tardes": true, "buenas noches": true,
	"hey cairn": true, "hi cairn": true, "hello cairn": true, "heyy": true, "heyyy": true, "hii": true, "helo": true, "start": true, "menu": true}

func (t *turn) menuChoices() []Choice {
	if t.c.Goal == nil {
		return []Choice{{t.w.ChoiceSetGoal, actGoal}, {t.w.ChoiceHelp, actHelp}, {t.w.ChoiceTalk, ActTalkToPerson}}
	}
	return []Choice{{t.w.ChoiceCheckIn, actCheckIn}, {t.w.ChoiceMySteps, actSteps}, {t.w.ChoiceSetGoal, actGoal}, {t.w.ChoiceReached, ActGoalReached}, {t.w.ChoiceHelp, actHelp}, {t.w.ChoiceTalk, ActTalkToPerson}}
}

func (t *turn) menuChoicesWithGoal() []Choice {
	return []Choice{{t.w.ChoiceMySteps, actSteps}, {t.w.ChoiceHelp, actHelp}, {t.w.ChoiceTalk, ActTalkToPerson}}
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

// pauseWords start a request for time away: "away until June 20", "pause
// for 2 weeks", "I'm away till Friday".
var pauseWords = regexp.MustCompile(`^(i'?m |i am )?(away|pause|pause prompts|on holiday|on vacation)( for| until| till| til)?\b ?`)

// pause records time away from check-in prompts; the goal and steps stay.
func (t *turn) pause(phrase string) {
	if strings.TrimSpace(phrase) == "" {
		t.say(t.w.PauseHow)
		return
	}
	day, err := t.awayUntil(phrase)
	if err != nil {
		t.say(err.Error() + "\n" + t.w.PauseHow)
		return
	}
	t.res.Pause = &day
	t.say(fmt.Sprintf(t.w.Paused, SayDateOnIn(t.c.Lang, day, t.now)))
}

// thanksWords close a conversation kindly; they need no menu explained.
var thanksWords = map[string]bool{"thanks": true, "thank you": true, "thx": true, "ty": true, "thank u": true, "thanks!": true,
	"cheers": true, "thanks a lot": true, "thank you so much": true, "🙏": true, "gracias": true, "muchas gracias": true,
	"mil gracias": true, "grax": true}

// feelingLow is a member saying, outside any question, that they feel low:
// "I'm sad", "feeling down", "estoy triste", a crying face. (Words of
// crisis are heard before this, in safety.go.)
var feelingLow = regexp.MustCompile(`^(` + strings.Join([]string{
	`(i'?m|i am|im|i feel|i'?m feeling|feeling|feel|i'?ve been|been)( so| really| very| kinda| kind of| a bit| pretty| just| super)* ` +
		`(sad|down|low|depressed|lonely|alone|anxious|scared|stressed|overwhelmed|awful|terrible|bad|horrible|miserable|empty|lost|not ok|not okay|not good|not great|not doing well)` +
		`( today| tonight| lately| right now| rn| again| these days)?`,
	`(having )?(a )?(bad|rough|hard|terrible|awful) (day|night|week|time)`,
	`(estoy|me siento|ando|me sient[oa])( muy| bien| un poco| tan)* (triste|mal|sol[oa]|deprimid[oa]|ansios[oa]|bajonead[oa]|agobiad[oa]|fatal)( hoy| otra vez| estos dias| últimamente| ultimamente)?`,
	`(tengo|tuve) (un )?(mal|dia|día) (dia|día|malo|dificil|difícil)`,
	`[😢😭😞😔💔☹️🙁😿]+`,
}, "|") + `)[.!… ]*$`)

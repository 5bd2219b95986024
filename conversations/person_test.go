package conversations

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStep_TalkToPerson(t *testing.T) {
	// A member halfway through setting a goal, and one with nothing under way.
	midGoal := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "a garden", Happy: "calm", Text: "grow tomatoes by August"}}
	goal := &store.Goal{ID: 1, Text: "a part-time job", Status: store.GoalActive}

	asks := []string{
		"I need help", "i need help!", "need help", "talk to someone", "Talk to a person",
		"can I talk to a real person?", "Can I talk to a human?", "I want to talk to my navigator",
		"I'd like to speak with someone", "necesito ayuda", "Quiero hablar con alguien", "quiero hablar con una persona",
	}
	notAsks := []string{
		"I need help with my resume", "talk to someone at the housing office", "help", "my sister helps me",
		"help me find a job", "hablar con el jefe",
	}
	for _, s := range []struct {
		name string
		s    State
		c    Context
	}{{"idle", State{V: stateVersion}, Context{Goal: goal, LangSettled: true}}, {"in a flow", midGoal, Context{LangSettled: true}}} {
		for _, text := range asks {
			t.Run(s.name+"/"+text, func(t *testing.T) {
				res := Step(s.s, Input{Text: text}, s.c, refNow)
				if res.Alert != nil {
					t.Fatal("typed words alerted at once; they must be offered first")
				}
				if len(res.Replies) != 1 || res.Replies[0].Text != en.PersonOffer {
					t.Fatalf("replies %+v, want the offer", res.Replies)
				}
				want := []Choice{{en.PersonYes, actPersonYes}, {en.PersonNotNow, actPersonNo}}
				if !reflect.DeepEqual(res.Replies[0].Choices, want) {
					t.Errorf("choices %+v, want %+v", res.Replies[0].Choices, want)
				}
				// The offer only waits beside the flow, for one turn, so a
				// typed "yes" answers it (safety.go).
				offered := s.s
				offered.Aside = asideOffer
				if !reflect.DeepEqual(res.State, offered) {
					t.Errorf("the offer changed the state: %+v, want %+v", res.State, offered)
				}
				if res.Changed() {
					t.Error("the offer has records to commit")
				}

				// Yes: an alert, the flow kept as it was.
				yes := Step(res.State, Input{Action: actPersonYes}, s.c, refNow)
				if yes.Alert == nil || yes.Alert.Resume != s.s.Active() {
					t.Fatalf("yes gave alert %+v, want one with Resume %v", yes.Alert, s.s.Active())
				}
				if !reflect.DeepEqual(yes.State, s.s) {
					t.Errorf("yes changed the state: %+v, want %+v", yes.State, s.s)
				}
				if got := joinReplies(yes.Replies); strings.Contains(got, text) {
					t.Errorf("replies %q repeat what the member wrote", got)
				}

				// Not now: nothing is asked of anyone.
				no := Step(res.State, Input{Action: actPersonNo}, s.c, refNow)
				if no.Alert != nil {
					t.Fatal("\"Not now\" alerted")
				}
				if got := joinReplies(no.Replies); !strings.Contains(got, en.PersonNo) {
					t.Errorf("replies %q, want %q", got, en.PersonNo)
				}
				if s.s.Active() && !strings.Contains(joinReplies(no.Replies), en.Why) {
					t.Errorf("\"Not now\" did not come back to the question: %q", joinReplies(no.Replies))
				}
				if !reflect.DeepEqual(no.State, s.s) {
					t.Errorf("\"Not now\" changed the state: %+v, want %+v", no.State, s.s)
				}
			})
		}
		for _, text := range notAsks {
			t.Run(s.name+"/not/"+text, func(t *testing.T) {
				res := Step(s.s, Input{Text: text}, s.c, refNow)
				if res.Alert != nil || strings.Contains(joinReplies(res.Replies), en.PersonOffer) {
					t.Errorf("%q was taken for an ask for a person: %+v", text, res.Replies)
				}
			})
		}
		t.Run(s.name+"/button", func(t *testing.T) {
			res := Step(s.s, Input{Action: ActTalkToPerson}, s.c, refNow)
			if res.Alert == nil || res.Alert.Resume != s.s.Active() {
				t.Fatalf("the button gave alert %+v, want one at once", res.Alert)
			}
			if !reflect.DeepEqual(res.State, s.s) {
				t.Errorf("the button changed the state: %+v, want %+v", res.State, s.s)
			}
		})
		t.Run(s.name+"/typed label", func(t *testing.T) {
			if res := Step(s.s, Input{Text: "Yes, ask them"}, s.c, refNow); res.Alert == nil {
				t.Error("typing the yes button's label did not alert")
			}
		})
	}
}

// After an ask in the middle of a flow, the flow goes on where it was.
func TestStep_TalkToPersonResumes(t *testing.T) {
	s := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "a garden", Happy: "calm", Text: "grow tomatoes by August"}}
	for _, in := range []Input{{Text: "I need help"}, {Action: actPersonYes}, {Text: "continue"}} {
		res := Step(s, in, Context{}, refNow)
		b, err := json.Marshal(res.State)
		if err != nil {
			t.Fatal(err)
		}
		s = State{}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		if in.Text == "continue" && !strings.Contains(joinReplies(res.Replies), en.Why) {
			t.Errorf("continue: %q, want the question it was at", joinReplies(res.Replies))
		}
	}
	if s.Stage != stageWhy || s.Goal.Text != "grow tomatoes by August" {
		t.Errorf("state after the ask: %+v", s)
	}
}

// Every menu offers the button.
func TestMenus_OfferTalkToPerson(t *testing.T) {
	has := func(cs []Choice) bool {
		for _, c := range cs {
			if c.Value == ActTalkToPerson && c.Label == en.ChoiceTalk {
				return true
			}
		}
		return false
	}
	for name, c := range map[string]Context{"no goal": {}, "goal": {Goal: &store.Goal{ID: 1, Text: "x"}}} {
		tr := &turn{c: c, w: en}
		if !has(tr.menuChoices()) {
			t.Errorf("%s: menu %+v has no [%s]", name, tr.menuChoices(), en.ChoiceTalk)
		}
	}
	if !has((&turn{w: en}).menuChoicesWithGoal()) {
		t.Error("the menu after saving a goal has no [Talk to a person]")
	}
	res := Step(State{}, Input{Text: "hello"}, Context{}, refNow)
	if !has(res.Replies[len(res.Replies)-1].Choices) {
		t.Errorf("the idle menu %+v has no [Talk to a person]", res.Replies)
	}
}

func TestSayPerson(t *testing.T) {
	at := time.Date(2026, 6, 10, 20, 5, 0, 0, time.UTC)
	for _, tt := range []struct{ got, want string }{
		{SayAlert(en, "Ana"), "Ana asked to talk with someone. Could you reach out today?"},
		{SayAsked(en, Asked{Names: []string{"Nia"}, Navigator: true}), "I've asked Nia, your navigator, to reach out."},
		{SayAsked(en, Asked{Names: []string{"Sam"}}), "I've asked Sam, your group's facilitator, to reach out."},
		{SayAsked(en, Asked{Names: []string{"Sam", "Lee", "Kim"}}), "I've asked Sam, Lee and Kim, your group's facilitators, to reach out."},
		{SayAskedRecently(en, Asked{Names: []string{"Nia"}, Navigator: true}, at, chicago), "I asked Nia at 3:05 pm — they'll be in touch. If it can't wait, call or text 988."},
		{SayAlert(en, "*Ana*"), "\u2217Ana\u2217 asked"},
	} {
		if !strings.Contains(tt.got, tt.want) && tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

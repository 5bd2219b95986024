package conversations

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// safetyPhrases is the table the detector is held to. The phrases were
// written for this test, not copied: they follow the direct and indirect
// warning signs that common crisis-line trainings list (talking about wanting
// to die or to kill oneself, about being a burden, having no reason to live,
// unbearable pain, saying goodbye, taking too many pills), the forms members
// actually type (no apostrophes, "wanna", "kms", misspellings), Spanish
// equivalents, and the issue's own examples. The must-not-trigger rows are
// everyday idioms with the same words ("killing me", "die for", "dead
// tired"); a false alarm is a kind message, a missed one is not, so when in
// doubt a row triggers.
var safetyPhrases = []struct {
	text string
	want signal
}{
	// Crisis: direct.
	{"I want to die", sigCrisis},
	{"i wanna die", sigCrisis},
	{"I want too die tbh", sigCrisis},
	{"I'm going to kill myself", sigCrisis},
	{"im gonna kill my self", sigCrisis},
	{"kill myslef", sigCrisis},
	{"i want to end my life", sigCrisis},
	{"I'm thinking about suicide", sigCrisis},
	{"feeling suicidal tonight", sigCrisis},
	{"feeling sucidal", sigCrisis},
	{"I've been cutting myself again", sigCrisis},
	{"I hurt myself last night", sigCrisis},
	{"I want to hurt myself", sigCrisis},
	{"self harm", sigCrisis},
	{"I took too many pills", sigCrisis},
	{"I think I overdosed", sigCrisis},
	{"my friend OD'd and I'm scared", sigCrisis},
	{"I'm going to take all my pills", sigCrisis},
	{"I wish I was dead", sigCrisis},
	{"kms", sigCrisis},
	{"I want to unalive myself", sigCrisis},
	{"planning to hang myself", sigCrisis},
	// Crisis: indirect.
	{"I don't see the point anymore", sigCrisis},
	{"dont see the point anymore", sigCrisis},
	{"everyone would be better off without me", sigCrisis},
	{"they'd be better off if I wasn't here", sigCrisis},
	{"I just want to end it all", sigCrisis},
	{"gonna end it all tonight", sigCrisis},
	{"there's no reason to live", sigCrisis},
	{"no point in living", sigCrisis},
	{"I can't go on like this", sigCrisis},
	{"I can't take it anymore", sigCrisis},
	{"I don't want to be alive", sigCrisis},
	{"I don't want to wake up tomorrow", sigCrisis},
	{"nobody would miss me if I was gone", sigCrisis},
	{"this is goodbye", sigCrisis},
	{"I'm not safe right now", sigCrisis},
	{"I'm a burden to everyone", sigCrisis},
	// Crisis: Spanish.
	{"no quiero vivir", sigCrisis},
	{"me quiero morir", sigCrisis},
	{"Quiero morirme", sigCrisis},
	{"pienso en suicidarme", sigCrisis},
	{"me quiero matar", sigCrisis},
	{"estarían mejor sin mí", sigCrisis},
	{"quiero acabar con todo", sigCrisis},
	{"tomé demasiadas pastillas", sigCrisis},
	{"creo que tuve una sobredosis", sigCrisis},
	{"me corté otra vez", sigCrisis},
	// Relapse and setbacks.
	{"I relapsed", sigRelapse},
	{"I used again", sigRelapse},
	{"I drank last night", sigRelapse},
	{"back in detox", sigRelapse},
	{"I slipped up", sigRelapse},
	{"had a slip this weekend", sigRelapse},
	{"i got high on saturday", sigRelapse},
	{"fell off the wagon", sigRelapse},
	{"started drinking again", sigRelapse},
	{"recaí", sigRelapse},
	{"volví a tomar", sigRelapse},
	{"tuve una recaída", sigRelapse},
	// Low self-talk.
	{"I'm useless", sigLow},
	{"I can't do anything right", sigLow},
	{"I'm such a failure", sigLow},
	{"no sirvo para nada", sigLow},
	// Must not trigger.
	{"this job is killing me", sigNone},
	{"I'd die for a garden", sigNone},
	{"dead tired after work", sigNone},
	{"I'm dying to see my kids", sigNone},
	{"killing it at work this week", sigNone},
	{"the battery died", sigNone},
	{"pay the overdue bill", sigNone},
	{"these shoes are killing me", sigNone},
	{"a cabin to die for", sigNone},
	{"I nearly died laughing", sigNone},
	{"go to a relapse prevention group", sigNone},
	{"I drank water and went for a walk", sigNone},
	{"I used the bus pass", sigNone},
	{"call the suicide prevention line to volunteer", sigNone},
	{"kill time at the library", sigNone},
	{"I slipped on the ice but I'm fine", sigNone},
	{"cut my hair", sigNone},
	{"I want to dye my hair", sigNone},
	{"I could kill for a coffee", sigNone},
	{"see the point of the exercise", sigNone},
	{"me muero de ganas de ver a mis hijos", sigNone},
	{"quiero vivir cerca del mar", sigNone},
	{"get my life together", sigNone},
	{"end the lease by June", sigNone},
	{"take my pills on time every day", sigNone},
}

func TestDetect_Phrases(t *testing.T) {
	if len(safetyPhrases) < 60 {
		t.Fatalf("only %d phrases; the issue asks for at least 60", len(safetyPhrases))
	}
	for _, p := range safetyPhrases {
		if got := detect(p.text); got != p.want {
			t.Errorf("detect(%q) = %v, want %v", p.text, got, p.want)
		}
	}
}

// TestSafety_Crisis walks a crisis phrase through every kind of free text:
// outside a conversation, as a dream, a step, a check-in answer and a
// barrier. Each time the reply is the crisis reply, the text is stored
// nowhere, and the conversation is kept where it was.
func TestSafety_Crisis(t *testing.T) {
	goal := &store.Goal{ID: 1, Text: "a part-time job"}
	steps := []store.Step{{ID: 7, GoalID: 1, What: "write a resume"}}
	withGoal := Context{Goal: goal, Steps: steps}
	cases := []struct {
		name   string
		c      Context
		before []row
	}{
		{"Idle", withGoal, nil},
		{"Dream", Context{}, []row{{text: "goal", stage: stageDream}}},
		{"Step", Context{}, []row{
			{text: "goal", stage: stageDream}, {text: "a cabin", stage: stageHappy},
			{text: "quiet mornings", stage: stageGoal}, {text: "a part-time job by March", stage: stageSure}, {text: "9", stage: stageWhy},
			{text: "money", stage: stageSupport}, {text: "my sister", stage: stageStepWhat}}},
		{"CheckInAnswer", withGoal, []row{{text: "check in", stage: stageDid}}},
		{"Barrier", withGoal, []row{{text: "check in", stage: stageDid}, {action: actNothing, stage: stageBarrier}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := walk(t, State{}, tc.c, refNow, tc.before)
			const cry = "honestly I don't see the point anymore"
			res := Step(s, Input{Text: cry}, tc.c, refNow)
			got := joinReplies(res.Replies)
			for _, want := range []string{en.Crisis, "988", "local emergency number"} {
				if !strings.Contains(got, want) {
					t.Fatalf("replies %q lack %q", got, want)
				}
			}
			if !hasChoice(res.Replies, ActTalkToPerson) || !hasChoice(res.Replies, actNotNow) {
				t.Fatalf("no offer of a person / not now: %+v", res.Replies)
			}
			if strings.Contains(jsonOf(t, res.State), "point anymore") || res.Changed() {
				t.Fatalf("the crisis text was kept: state %s, result %+v", jsonOf(t, res.State), res)
			}
			if res.State.Stage != s.Stage || res.State.Flow != s.Flow {
				t.Fatalf("state moved: %q/%q, was %q/%q", res.State.Flow, res.State.Stage, s.Flow, s.Stage)
			}
			if !s.Active() {
				return
			}
			// Whatever comes next is not taken as the answer either, until
			// the member says to go on.
			held := Step(res.State, Input{Text: "I just feel so alone"}, tc.c, refNow)
			if strings.Contains(jsonOf(t, held.State), "alone") || held.State.Stage != s.Stage || !hasChoice(held.Replies, ActTalkToPerson) {
				t.Fatalf("held turn: state %s, replies %+v", jsonOf(t, held.State), held.Replies)
			}
			resumed := Step(held.State, Input{Text: "continue"}, tc.c, refNow)
			want := (&turn{s: s, c: tc.c, w: en, now: refNow}).question().Text
			if got := joinReplies(resumed.Replies); !strings.Contains(got, want) || resumed.State.Aside != "" {
				t.Fatalf("continue: %q (aside %q), want the question %q", got, resumed.State.Aside, want)
			}
		})
	}
}

func TestSafety_CrisisContacts(t *testing.T) {
	// A member who chose English (one who did not is answered in Spanish: lang_test.go).
	c := Context{LangSettled: true, CrisisContacts: "Riverside group: call our warmline 555-0100, 9am–9pm\nEastside: text Sam 555-0199"}
	res := Step(State{}, Input{Text: "me quiero morir"}, c, refNow)
	got := joinReplies(res.Replies)
	if !strings.Contains(got, "555-0100") || !strings.Contains(got, "555-0199") || strings.Contains(got, "call or text 988") ||
		!strings.Contains(got, "local emergency number") {
		t.Fatalf("replies %q", got)
	}
}

func TestSafety_NotNow(t *testing.T) {
	s, _ := walk(t, State{}, Context{}, refNow, []row{{text: "goal", stage: stageDream}})
	res := Step(s, Input{Text: "I want to end it all"}, Context{}, refNow)
	res = Step(res.State, Input{Action: actNotNow}, Context{}, refNow)
	if got := joinReplies(res.Replies); !strings.Contains(got, en.CrisisNotNow) || res.State.Aside != "" || res.State.Stage != stageDream {
		t.Fatalf("not now: %q, state %+v", got, res.State)
	}
	// The next answer is the dream again.
	res = Step(res.State, Input{Text: "a cabin by a lake"}, Context{}, refNow)
	if res.State.Goal.Dream != "a cabin by a lake" {
		t.Fatalf("dream = %q", res.State.Goal.Dream)
	}
}

func hasChoice(replies []Reply, value string) bool {
	for _, r := range replies {
		for _, c := range r.Choices {
			if c.Value == value {
				return true
			}
		}
	}
	return false
}

func jsonOf(t *testing.T, s State) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSafety_Relapse: a setback is acknowledged without judgement, the
// navigator is offered, and a check-in goes on from the plan with the
// setback as what got in the way — never as something done.
func TestSafety_Relapse(t *testing.T) {
	goal := &store.Goal{ID: 1, Text: "a part-time job"}
	c := Context{Goal: goal, Steps: []store.Step{{ID: 7, GoalID: 1, What: "write a resume"}}}
	for _, tc := range []struct {
		name   string
		before []row
		text   string
	}{
		{"AsDid", []row{{text: "check in", stage: stageDid}}, "I relapsed"},
		{"AsBarrier", []row{{text: "check in", stage: stageDid}, {action: actNothing, stage: stageBarrier}}, "I drank last night"},
		{"Spanish", []row{{text: "check in", stage: stageDid}}, "volví a tomar"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := walk(t, State{}, c, refNow, tc.before)
			_, res := walk(t, s, c, refNow, []row{
				{text: tc.text, want: en.Setback, stage: stagePlan},
				{text: "go to a meeting every day", stage: stagePlanAsStep},
				{text: "no", stage: stageImportance},
				{text: "8", stage: stageConfidence},
				{text: "7", want: en.CheckinSaved, stage: ""},
			})
			if !hasChoice(res[0].Replies, ActTalkToPerson) || !strings.Contains(joinReplies(res[0].Replies), en.StepCheckinPlan) {
				t.Fatalf("setback reply: %+v", res[0].Replies)
			}
			ci := res[len(res)-1].CheckIn
			if ci == nil || ci.Barrier != setbackBarrier || ci.Did != "" || len(ci.StepsDone) != 0 || len(res[len(res)-1].Done) != 0 {
				t.Fatalf("check-in = %+v, done %v", ci, res[len(res)-1].Done)
			}
			for _, r := range res {
				if strings.Contains(jsonOf(t, r.State), tc.text) {
					t.Fatalf("the member's words were kept: %s", jsonOf(t, r.State))
				}
			}
		})
	}
	t.Run("KeptJustForMe", func(t *testing.T) {
		s, _ := walk(t, State{}, c, refNow, []row{{text: "check in", stage: stageDid}, {text: "slipped up", stage: stagePlan}})
		res := Step(s, Input{Action: prefixPrivate + answerBarrier}, c, refNow)
		if !strings.Contains(jsonOf(t, res.State), `"private":["barrier"]`) {
			t.Fatalf("state %s", jsonOf(t, res.State))
		}
	})
	t.Run("OutsideACheckIn", func(t *testing.T) {
		res := Step(State{}, Input{Text: "back in detox"}, c, refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, en.Setback) || res.Changed() || res.State.Active() {
			t.Fatalf("%q %+v", got, res)
		}
		s, _ := walk(t, State{}, Context{}, refNow, []row{{text: "goal", stage: stageDream}})
		res = Step(s, Input{Text: "recaí"}, Context{}, refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, en.Setback) || !strings.Contains(got, en.DreamFun) || res.State.Goal.Dream != "" {
			t.Fatalf("%q %+v", got, res.State)
		}
	})
}

// TestSafety_LowRatings: a low rating, or a second session in a row with
// nothing done, gets one kind question and the offer of a person before
// the check-in is saved; the answer to it is the member's own, never stored.
func TestSafety_LowRatings(t *testing.T) {
	goal := &store.Goal{ID: 1, Text: "a part-time job"}
	steps := []store.Step{{ID: 7, GoalID: 1, What: "write a resume"}}
	earlier := refNow.AddDate(0, 0, -7)
	nothingLast := &store.CheckIn{ID: 3, SessionAt: earlier, Barrier: "Money", Importance: 8, Confidence: 7}
	didLast := &store.CheckIn{ID: 3, SessionAt: earlier, Did: "called them", Importance: 8, Confidence: 7}
	did := []row{{text: "check in", stage: stageDid}, {text: "I wrote the resume", stage: stagePlan},
		{text: "send it out", stage: stagePlanAsStep}, {text: "no", stage: stageImportance}}
	nothing := []row{{text: "check in", stage: stageDid}, {action: actNothing, stage: stageBarrier},
		{action: prefixBarrier + "Health", stage: stagePlan}, {text: "rest", stage: stagePlanAsStep}, {text: "no", stage: stageImportance}}
	for _, tc := range []struct {
		name      string
		last      *store.CheckIn
		before    []row
		imp, conf string
		want      string // the question; "" for none
	}{
		{"LowConfidence", nil, did, "8", "2", en.MoreLikely},
		{"LowImportance", nil, did, "1", "9", en.StillYourGoal},
		{"ZeroBoth", nil, did, "0", "0", en.StillYourGoal},
		{"NothingTwice", nothingLast, nothing, "8", "8", en.Smaller},
		{"NothingOnce", didLast, nothing, "8", "8", ""},
		{"Fine", nil, did, "3", "3", ""},
		{"Skipped", nil, did, "skip", "skip", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Context{Goal: goal, Steps: steps, LastCheckIn: tc.last}
			s, _ := walk(t, State{}, c, refNow, append(tc.before, row{text: tc.imp, stage: stageConfidence}))
			res := Step(s, Input{Text: tc.conf}, c, refNow)
			if tc.want == "" {
				if res.CheckIn == nil || hasChoice(res.Replies, ActTalkToPerson) {
					t.Fatalf("no question expected: %+v", res)
				}
				return
			}
			if got := joinReplies(res.Replies); !strings.Contains(got, tc.want) || !hasChoice(res.Replies, ActTalkToPerson) ||
				res.CheckIn != nil || res.State.Stage != stageReflect {
				t.Fatalf("replies %q, stage %q, check-in %+v", got, res.State.Stage, res.CheckIn)
			}
			const answer = "maybe if my sister came along"
			res = Step(res.State, Input{Text: answer}, c, refNow)
			got := joinReplies(res.Replies)
			if !strings.Contains(got, en.ReflectThanks) || !strings.Contains(got, en.CheckinSaved) || res.CheckIn == nil {
				t.Fatalf("replies %q, check-in %+v", got, res.CheckIn)
			}
			if b, _ := json.Marshal(res.CheckIn); strings.Contains(string(b), answer) {
				t.Fatalf("the reflection was stored: %s", b)
			}
		})
	}
	t.Run("SkipTheQuestion", func(t *testing.T) {
		c := Context{Goal: goal, Steps: steps}
		s, _ := walk(t, State{}, c, refNow, append(did, row{text: "5", stage: stageConfidence}, row{text: "1", stage: stageReflect}))
		res := Step(s, Input{Action: actSkip}, c, refNow)
		if res.CheckIn == nil || res.CheckIn.Confidence != 1 || res.CheckIn.Importance != 5 {
			t.Fatalf("%+v", res.CheckIn)
		}
	})
	t.Run("ImUselessMidFlow", func(t *testing.T) {
		c := Context{Goal: goal, Steps: steps}
		s, _ := walk(t, State{}, c, refNow, []row{{text: "check in", stage: stageDid}})
		res := Step(s, Input{Text: "I'm useless, I can't do anything right"}, c, refNow)
		if got := joinReplies(res.Replies); !strings.Contains(got, en.LowSelf) || !hasChoice(res.Replies, ActTalkToPerson) || res.State.Stage != stageDid {
			t.Fatalf("%q %+v", got, res.State)
		}
		res = Step(res.State, Input{Text: "smaller would help"}, c, refNow)
		got := joinReplies(res.Replies)
		if !strings.Contains(got, en.ReflectThanks) || !strings.Contains(got, "what did you do") || res.State.Stage != stageDid ||
			strings.Contains(jsonOf(t, res.State), "smaller") || strings.Contains(jsonOf(t, res.State), "useless") {
			t.Fatalf("%q %s", got, jsonOf(t, res.State))
		}
		// And the flow goes on as before.
		res = Step(res.State, Input{Text: "1"}, c, refNow)
		if res.State.Stage != stagePlan || len(res.State.CheckIn.StepsDone) != 1 {
			t.Fatalf("%+v", res.State)
		}
	})
}

// TestSafety_Asides: a setback after a crisis reply asks the flow's
// question again (so the next answer is taken), while harsh words after it
// keep the flow waiting.
func TestSafety_Asides(t *testing.T) {
	c := Context{Goal: &store.Goal{ID: 1, Text: "a part-time job"}}
	s, _ := walk(t, State{}, c, refNow, []row{{text: "check in", stage: stageDid}, {text: "I want to die", stage: stageDid}})
	if s.Aside != asideCrisis {
		t.Fatalf("aside %q", s.Aside)
	}
	low := Step(s, Input{Text: "I'm useless"}, c, refNow)
	if low.State.Aside != asideCrisis {
		t.Fatalf("harsh words ended the crisis hold: %q", low.State.Aside)
	}
	set := Step(s, Input{Text: "I used again"}, c, refNow)
	if set.State.Aside != "" || set.State.Stage != stagePlan || set.State.CheckIn.Barrier != setbackBarrier {
		t.Fatalf("%+v", set.State)
	}
}

func FuzzDetect(f *testing.F) {
	for _, p := range safetyPhrases {
		f.Add(p.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sig := detect(text)
		if sig < sigNone || sig > sigLow {
			t.Fatalf("detect(%q) = %d", text, sig)
		}
		// The quick look for anchors never hides what the patterns hear.
		if full := heardIn(fold(text)); full != sig {
			t.Fatalf("detect(%q) = %v, but the patterns alone hear %v: an anchor is missing", text, sig, full)
		}
		if w := fold(text); fold(w) != w {
			t.Fatalf("fold is not stable on %q: %q then %q", text, w, fold(w))
		}
	})
}

// TestMayMatter_EverydayWordsDoNotRunThePatterns: short anchors count only
// at a word's start, so everyday words that hold them ("because",
// "friend", "tomatoes") do not send every message
// through the patterns (the costliest part of a turn); the words that
// matter still do.
func TestMayMatter_EverydayWordsDoNotRunThePatterns(t *testing.T) {
	for _, text := range []string{"because my friend grows tomatoes", "a lamp for the kitchen", "torpedo recipes"} {
		if mayMatter(fold(text)) {
			t.Errorf("%q runs the safety patterns", text)
		}
	}
	for _, text := range []string{"i want to end it", "i cant go on", "i used again", "ran out of meds", "me corte", "myself"} {
		if !mayMatter(fold(text)) {
			t.Errorf("%q does not reach the safety patterns", text)
		}
	}
}

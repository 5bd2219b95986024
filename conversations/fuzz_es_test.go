package conversations

import (
	"encoding/json"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzStepEs is FuzzStep for a Spanish speaker and one whose language is
// not settled: Spanish commands, dates and answers at every stage never
// panic, and the state saves and loads. (Reply texts are checked by
// FuzzStep and the catalogue's test.)
func FuzzStepEs(f *testing.F) {
	for _, seed := range []string{"hola", "ayuda", "atrás", "parar", "listo 2", "hecho", "ya", "eso es todo", "sí", "no",
		"nadie", "yo", "mi navegadora", "el viernes", "20/6", "3/7", "ausente hasta el 20 de junio", "ya volví",
		"mis pasos", "español", "english", "guardar", "el primero", "me quiero morir", "ñ", "hola, quiero poner una meta"} {
		f.Add(seed, "", uint8(0), false)
		f.Add(seed, "", uint8(11), true)
	}
	f.Add("", ActLangEs, uint8(5), true)
	f.Add("", ActLangEn, uint8(17), false)
	f.Fuzz(func(t *testing.T, text, action string, stageIndex uint8, settled bool) {
		c := withGoal()
		c.Lang, c.LangSettled = Spanish, settled
		if !settled {
			c.Lang = English
		}
		stage := allStages[int(stageIndex)%len(allStages)]
		flow := FlowGoal
		if slices.Index(allStages, stage) >= slices.Index(allStages, stageDid) {
			flow = FlowCheckIn
		}
		s := State{V: stateVersion, Flow: flow, Stage: stage,
			Goal:  GoalDraft{Text: "Aprender a pescar", Steps: []StepDraft{{What: "Comprar una caña", Due: date(2026, 6, 12)}}},
			Draft: StepDraft{What: "Comprar una caña", Due: date(2026, 6, 12)}}
		for _, st := range []State{s, {}} {
			res := Step(st, Input{Text: text, Action: action}, c, refNow)
			if len(res.Replies) == 0 && res.Alert == nil && res.Data == "" { // an alert or data request: the caller replies
				t.Fatalf("no reply at %q to %q/%q", stage, text, action)
			}
			for _, r := range res.Replies {
				if utf8.ValidString(text) && !utf8.ValidString(r.Text) {
					t.Fatalf("bad reply %q at %q to %q/%q", r.Text, stage, text, action)
				}
			}
			if res.Lang != "" && res.Lang != Spanish && res.Lang != English {
				t.Fatalf("Lang %q", res.Lang)
			}
			b, err := json.Marshal(res.State)
			if err != nil {
				t.Fatal(err)
			}
			var back State
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
		}
	})
}

package conversations

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestStep_MyProgress(t *testing.T) {
	inFlow := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "a boat", Text: "sail by July"}}
	idle := State{V: stateVersion}
	tests := []struct {
		name string
		s    State
		in   Input
		data DataRequest
		want string // the reply, when one is expected
	}{
		{"my progress, idle", idle, Input{Text: "My progress"}, DataProgress, ""},
		{"mi progreso", idle, Input{Text: "Mi progreso."}, DataProgress, ""},
		{"the button", idle, Input{Action: ActProgress}, DataProgress, ""},
		{"in a flow, the question comes back", inFlow, Input{Text: "my progress"}, DataProgress, en.Why},
		{"a sentence about progress is an answer", inFlow, Input{Text: "I want to make progress with my boat"}, DataNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Step(tt.s, tt.in, Context{}, refNow)
			if res.Data != tt.data {
				t.Fatalf("data %q, want %q", res.Data, tt.data)
			}
			if tt.data == DataNone {
				return
			}
			if !reflect.DeepEqual(res.State, tt.s) || res.Changed() {
				t.Errorf("the conversation changed: %+v", res)
			}
			if got := joinReplies(res.Replies); tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("replies %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCatalogue_ChartsAndExport holds the charts' and exports' words to
// what the whole catalogue's test asks (skipped while issue 12 writes the
// rest of the Spanish): both languages, the same verbs, no empty entry.
func TestCatalogue_ChartsAndExport(t *testing.T) {
	for _, part := range []struct{ en, es any }{{englishCharts, spanishCharts}, {englishExport, spanishExport}} {
		a, b := reflect.ValueOf(part.en), reflect.ValueOf(part.es)
		for i := range a.NumField() {
			name := a.Type().Field(i).Name
			switch f := a.Field(i); f.Kind() {
			case reflect.String:
				if f.String() == "" || b.Field(i).String() == "" {
					t.Errorf("%s lacks a language", name)
				}
				if va, vb := verbsOf(f.String()), verbsOf(b.Field(i).String()); !slices.Equal(va, vb) {
					t.Errorf("%s: English has verbs %v, Spanish %v", name, va, vb)
				}
			case reflect.Slice:
				if f.Len() == 0 || f.Len() != b.Field(i).Len() {
					t.Errorf("%s: %d English, %d Spanish", name, f.Len(), b.Field(i).Len())
				}
			default:
				t.Errorf("%s is a %s", name, f.Kind())
			}
		}
	}
	for _, w := range append(englishCharts.ProgressWords, spanishCharts.ProgressWords...) {
		if w != normalize(w) {
			t.Errorf("%q can never match: typed lines are normalized to %q", w, normalize(w))
		}
	}
}

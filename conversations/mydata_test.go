package conversations

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStep_MyDataAndForgetMe(t *testing.T) {
	inFlow := State{V: stateVersion, Flow: FlowGoal, Stage: stageWhy, Goal: GoalDraft{Dream: "a boat", Text: "sail by July"}}
	idle := State{V: stateVersion}
	yes := prefixForgetYes + strconv.FormatInt(refNow.Unix(), 10)
	stale := prefixForgetYes + strconv.FormatInt(refNow.Add(-forgetValid-time.Minute).Unix(), 10)
	tests := []struct {
		name        string
		s           State
		in          Input
		data        DataRequest
		want        []string // fragments of the joined replies, in order
		wantChoices []string // values of the first reply's choices, when set
	}{
		{"my data, idle", idle, Input{Text: "My data"}, DataExport, nil, nil},
		{"my data, from /cairn", idle, Input{Action: ActMyData}, DataExport, nil, nil},
		{"my data in a flow asks its question again", inFlow, Input{Text: "my data"}, DataExport, []string{en.Why}, nil},
		{"forget me asks first", idle, Input{Text: "forget me"}, DataNone, []string{"can't be undone"}, []string{yes, actForgetNo}},
		{"forget me in a flow", inFlow, Input{Text: "Forget me!"}, DataNone, []string{"Delete everything?"}, []string{yes, actForgetNo}},
		{"from /cairn", idle, Input{Action: ActForget}, DataNone, []string{"Delete everything?"}, nil},
		{"keep it", inFlow, Input{Action: actForgetNo}, DataNone, []string{en.ForgetKept, en.Why}, nil},
		{"delete everything", inFlow, Input{Action: yes}, DataForget, nil, nil},
		{"a stale button deletes nothing", idle, Input{Action: stale}, DataNone, []string{en.ForgetExpired}, nil},
		{"a forged button deletes nothing", idle, Input{Action: prefixForgetYes + "soon"}, DataNone, []string{en.ForgetExpired}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Step(tt.s, tt.in, Context{}, refNow)
			if res.Data != tt.data {
				t.Errorf("data %q, want %q", res.Data, tt.data)
			}
			if !reflect.DeepEqual(res.State, tt.s) {
				t.Errorf("the conversation changed:\n got %+v\nwant %+v", res.State, tt.s)
			}
			if res.Changed() {
				t.Errorf("records to save: %+v", res)
			}
			got := joinReplies(res.Replies)
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("replies %q lack %q (in order)", got, w)
				}
				rest = rest[i+len(w):]
			}
			if len(tt.want) == 0 && got != "" {
				t.Errorf("replies %q, want none (the caller answers)", got)
			}
			if tt.wantChoices != nil {
				var values []string
				for _, c := range res.Replies[0].Choices {
					values = append(values, c.Value)
				}
				if !reflect.DeepEqual(values, tt.wantChoices) {
					t.Errorf("choices %q, want %q", values, tt.wantChoices)
				}
			}
		})
	}
}

func TestDataSummary(t *testing.T) {
	if got := DataSummary(en, store.Export{MemberID: "U1"}, nil); got != en.DataNothing {
		t.Errorf("empty: %q", got)
	}
	e := store.Export{
		MemberID: "U1",
		Member:   &store.Member{ID: "U1", Name: "Ana"},
		Goals: []store.ExportGoal{{Goal: store.Goal{Text: "sail by July", Status: store.GoalActive},
			Steps: []store.Step{{What: "a"}, {What: "b", DoneAt: refNow}}}},
		CheckIns:     []store.CheckIn{{SessionAt: refNow.AddDate(0, 0, -7)}, {SessionAt: refNow}},
		Conversation: &store.Conversation{},
		Deliveries:   []store.Delivery{{}},
		Groups:       []store.ExportGroupRole{{GroupID: "C1", Name: "Tuesday group", Roles: []string{"member", "navigator"}}},
	}
	got := DataSummary(en, e, chicago)
	for _, want := range []string{"Ana", "“sail by July”, 2 steps, 1 done", "2 check-ins, the last for the session of June 10, 2026",
		"conversation in progress", "1 scheduled message", "Tuesday group: you're in it as member and navigator", "forget me"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
}

// TestDataSummary_SaysTheRecaps: the short summary of "my data" says how
// many session recaps name the member.
func TestDataSummary_SaysTheRecaps(t *testing.T) {
	e := store.Export{MemberID: "U1", Recaps: []store.ExportRecap{{GroupID: "C1", Attended: true}, {GroupID: "C1", Attended: true}}}
	if got := DataSummary(en, e, nil); !strings.Contains(got, "2 session recaps") {
		t.Errorf("summary %q does not say the recaps", got)
	}
}

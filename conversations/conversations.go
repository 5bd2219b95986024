package conversations

import (
	"time"

	"github.com/cairnbot/cairn/store"
)

// Flow names a guided conversation.
type Flow string

const (
	FlowNone    Flow = ""
	FlowGoal    Flow = "goal"
	FlowCheckIn Flow = "checkin"
)

// stateVersion is bumped when State changes shape in a way old saved states
// cannot be read as; Step restarts politely from an unknown version.
const stateVersion = 2

// maxBack bounds the "back" history so a long conversation's saved state
// stays small.
const maxBack = 6

// MaxInput is the longest message a member may send in one turn. Slack's own
// limit for a message is 4,000 characters for the text we show back.
const MaxInput = 4000

// State is a member's place in a conversation. Everything the member has typed
// so far lives here, so saving it after each turn means a restart loses nothing.
type State struct {
	V       int          `json:"v"`
	Flow    Flow         `json:"flow,omitempty"`
	Stage   Stage        `json:"stage,omitempty"`
	Goal    GoalDraft    `json:"goal,omitzero"`
	Draft   StepDraft    `json:"draft,omitzero"`
	CheckIn CheckInDraft `json:"checkin,omitzero"`
	// Cmd is what the commands that work anywhere keep (see commands.go).
	Cmd CommandState `json:"cmd,omitzero"`
	// After is where the step sub-flow goes once a step is complete.
	After Stage `json:"after,omitempty"`
	// Editing is set while the member changes one part from the summary, so the
	// flow returns to the summary instead of walking on.
	Editing bool `json:"editing,omitempty"`
	// Back holds where earlier questions were, newest last, for "back".
	Back []Mark `json:"back,omitempty"`
	// Aside is set while the flow waits after a crisis reply ("crisis") or a
	// kind question ("reflect"): what the member types then is never taken
	// as the answer to the flow's question (see safety.go).
	Aside string `json:"aside,omitempty"`
	// Life is an exchange about a goal already set (see lifecycle.go).
	Life LifeDraft `json:"life,omitzero"`
	// Template is a goal template being made the member's own (templates.go).
	Template TemplateDraft `json:"template,omitzero"`
}

// Mark is enough of an earlier state to go back to its question: the
// answers typed since stay in the state and are simply asked again, so
// "back" never needs a copy of them (and the saved state stays small).
type Mark struct {
	Stage     Stage     `json:"stage"`
	After     Stage     `json:"after,omitempty"`
	Editing   bool      `json:"editing,omitempty"`
	Draft     StepDraft `json:"draft,omitzero"`
	Steps     int       `json:"steps,omitempty"`      // len(Goal.Steps) then
	NewSteps  int       `json:"new_steps,omitempty"`  // len(CheckIn.NewSteps) then
	Did       int       `json:"did,omitempty"`        // len(CheckIn.Did) then
	StepsDone int       `json:"steps_done,omitempty"` // len(CheckIn.StepsDone) then
}

// GoalDraft is a goal being set, before the member confirms it.
type GoalDraft struct {
	Dream        string      `json:"dream,omitempty"`
	Happy        string      `json:"happy,omitempty"`
	Text         string      `json:"text,omitempty"`
	Measure      string      `json:"measure,omitempty"`
	Why          string      `json:"why,omitempty"`
	Supporters   string      `json:"supporters,omitempty"`
	Steps        []StepDraft `json:"steps,omitempty"`
	AskedMeasure bool        `json:"asked_measure,omitempty"`
	// Smart is the S.M.A.R.T. follow-up under way and its answers (smart.go).
	Smart SmartDraft `json:"smart,omitzero"`
	// Replaces is the goal the new one takes the place of once saved.
	Replaces uint64 `json:"replaces,omitempty"`
}

// StepDraft is a stepping stone being described: what, when, who.
type StepDraft struct {
	What       string          `json:"what,omitempty"`
	Due        time.Time       `json:"due,omitzero"`
	Owner      store.OwnerKind `json:"owner,omitempty"`
	OwnerName  string          `json:"owner_name,omitempty"`
	SplitAsked bool            `json:"split_asked,omitempty"`
	// Suggest is a day offered to a member not sure when (see stepdate.go).
	Suggest time.Time `json:"suggest,omitzero"`
	// Big is a first step too big for one go, kept while its first piece
	// is asked for, then added as a later step.
	Big string `json:"big,omitempty"`
	// HelperID, HelperOK and Practise become the step's (see helpers.go).
	HelperID string `json:"helper_id,omitempty"`
	HelperOK bool   `json:"helper_ok,omitempty"`
	Practise bool   `json:"practise,omitempty"`
	// Offered: ideas for a tiny step were given after an "idk".
	Offered bool `json:"offered,omitempty"`
}

// CheckInDraft is a check-in being answered.
type CheckInDraft struct {
	Did        []string    `json:"did,omitempty"`
	StepsDone  []uint64    `json:"steps_done,omitempty"`
	Barrier    string      `json:"barrier,omitempty"`
	Plan       string      `json:"plan,omitempty"`
	Importance int         `json:"importance"`
	Confidence int         `json:"confidence"`
	NewSteps   []StepDraft `json:"new_steps,omitempty"`
	Session    time.Time   `json:"session,omitzero"`
	GroupID    string      `json:"group_id,omitempty"`
	// Last is the answer just given ("did", "barrier", "plan"), which the
	// next question offers to keep just for the member; Private holds
	// those kept.
	Last    string   `json:"last,omitempty"`
	Private []string `json:"private,omitempty"`
}

// Input is one thing the member did: typed text, or pressed a button whose
// value is Action.
type Input struct {
	Text   string
	Action string

	// heard is what the safety check found in Text, when the caller already
	// ran it (Runner.HandleFrom does, before its transaction: the check is
	// the costliest part of a turn and must not hold the store's writer).
	heard *signal
}

// Reply is one message to the member: text plus optional choices, rendered as
// buttons in Slack and as a numbered list in the terminal.
type Reply struct {
	Text    string   `json:"text"`
	Choices []Choice `json:"choices,omitempty"`
	// Mentions are the Slack user IDs whose <@ID> in Text Cairn itself put
	// there (a step's helper): Slack shows those as names; any other
	// markup in Text stays plain text (see helpers.go).
	Mentions []string `json:"mentions,omitempty"`
}

// Choice is a button. Value is what comes back as Input.Action.
type Choice struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Context is what a turn may read of the member's stored data, loaded by the
// caller: the conversation itself never touches the store.
type Context struct {
	// Lang is the member's language: every sentence of the turn is in it.
	Lang Lang
	// Introduced is set once Cairn has introduced itself to the member.
	Introduced bool
	// the member's newest active goal, nil if none
	// LangSettled: the member chose their language, was asked about it, or
	// Slack says they use Spanish, so Spanish first words ask nothing.
	LangSettled bool
	// LangAsked: Spanish was guessed from their words and they were asked
	// "¿Prefieres español?" but have not answered: a typed "sí" answers it.
	LangAsked bool
	Goal      *store.Goal // the member's newest active goal, nil if none
	// Steps are the steps of every active goal, goal by goal (oldest goal
	// first), each goal's in due-date order: step numbers run on across
	// goals so that "done 4" means one step.
	Steps []store.Step
	// Goals are the member's active goals with their steps, oldest first.
	Goals []store.GoalSteps
	// Session is the group session a check-in is for (zero if none is known);
	// GroupID is its group.
	Session time.Time
	GroupID string
	// CrisisContacts are the crisis lines the facilitators of the member's
	// groups set, one group per line ("" when none: 988 is shown).
	CrisisContacts string
	// LastCheckIn is the member's latest check-in (nil if none), so that a
	// second session in a row with nothing done is noticed kindly.
	LastCheckIn *store.CheckIn
	// NextSession is the start of the member's next group session (zero
	// if none is known), for sizing and dating steps.
	NextSession time.Time
	// Templates are the goal templates of the member's groups, offered
	// before the built-in ones (see templates.go).
	Templates []Template
	// CheckIns are the member's last check-ins, newest first, and
	// DoneSteps every goal's finished steps (reached and let-go goals'
	// too), newest first: their history (see history.go).
	CheckIns  []store.CheckIn
	DoneSteps []store.Step
}

// Result is the outcome of one turn: the new state, what to say, and what to
// commit with it. The caller commits State and the changes in one transaction
// before sending Replies.
type Result struct {
	State    State
	Replies  []Reply
	Goal     *store.Goal    // a goal to save (ID 0: new)
	NewSteps []store.Step   // steps to add (GoalID 0: the Goal above)
	Done     []uint64       // step IDs to mark done
	CheckIn  *store.CheckIn // a finished check-in
	// Pause, when set, is the member's new "away until" day (midnight UTC of
	// the calendar date; the zero time means back now).
	Pause *time.Time
	// Data asks the caller to export or delete the member's data (see
	// mydata.go).
	Data DataRequest
	// Alert asks the caller to let the member's navigator or facilitator
	// know they would like to talk (see person.go).
	Alert *AlertRequest
	// Goals are more existing goals to save (a goal a new one replaces);
	// EditSteps are existing steps changed, DeleteSteps steps removed.
	Goals       []store.Goal
	EditSteps   []store.Step
	DeleteSteps []uint64
	// Introduced is set when the turn said Cairn's introduction, so the
	// caller records that it was said.
	Introduced bool
	// Lang, when set, is the member's language from now on; LangGuessed
	// says it was guessed from their words (and asked about), not chosen.
	Lang        Lang
	LangGuessed bool
}

// Changed reports whether the turn has records to commit besides the state.
func (r Result) Changed() bool {
	return r.Goal != nil || len(r.NewSteps) > 0 || len(r.Done) > 0 || r.CheckIn != nil || r.Pause != nil ||
		len(r.Goals) > 0 || len(r.EditSteps) > 0 || len(r.DeleteSteps) > 0 || r.Lang != ""
}

// Active reports whether the member is in the middle of a flow.
func (s State) Active() bool { return s.Flow != FlowNone }

package store

import (
	"encoding/json"
	"time"
)

// recordVersion is written into every JSON value so later releases can tell
// old records from new ones and migrate them.
const recordVersion = 1

// Member is a person Cairn talks to. ID is the Slack user ID (or a local name
// in `cairn try`).
type Member struct {
	V           int       `json:"v"`
	ID          string    `json:"id"`
	Name        string    `json:"name,omitempty"`
	TZ          string    `json:"tz,omitempty"` // IANA zone, e.g. America/Chicago
	NavigatorID string    `json:"navigator_id,omitempty"`
	PausedUntil time.Time `json:"paused_until,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
}

// Group is a peer-support group that meets on a schedule.
type Group struct {
	V            int           `json:"v"`
	ID           string        `json:"id"` // Slack channel ID, or a local name
	Name         string        `json:"name"`
	Schedule     string        `json:"schedule,omitempty"` // cron spec with CRON_TZ
	TZ           string        `json:"tz,omitempty"`
	Lead         time.Duration `json:"lead,omitempty"`
	Facilitators []string      `json:"facilitators,omitempty"`
	Members      []string      `json:"members,omitempty"`
	Navigators   []string      `json:"navigators,omitempty"`
	CreatedAt    time.Time     `json:"created_at"`
}

// GoalStatus says whether a member is still working on a goal.
type GoalStatus string

const (
	GoalActive  GoalStatus = "active"
	GoalDone    GoalStatus = "done"
	GoalDropped GoalStatus = "dropped"
)

// Goal is a member's long-term goal, in their own words, with what led to it.
type Goal struct {
	V          int        `json:"v"`
	ID         uint64     `json:"id"`
	MemberID   string     `json:"member_id"`
	Dream      string     `json:"dream,omitempty"`
	Happy      string     `json:"happy,omitempty"` // what being happy looks like; how we will know
	Text       string     `json:"text"`
	Measure    string     `json:"measure,omitempty"` // answer to the S.M.A.R.T. follow-up, if asked
	Why        string     `json:"why,omitempty"`
	Supporters string     `json:"supporters,omitempty"`
	Status     GoalStatus `json:"status"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// OwnerKind says who does a step: the member, their navigator or someone named.
type OwnerKind string

const (
	OwnerMe        OwnerKind = "me"
	OwnerNavigator OwnerKind = "navigator"
	OwnerPerson    OwnerKind = "person"
)

// Step is one stepping stone toward a goal: who does what by when.
type Step struct {
	V         int       `json:"v"`
	ID        uint64    `json:"id"`
	GoalID    uint64    `json:"goal_id"`
	MemberID  string    `json:"member_id"`
	What      string    `json:"what"`
	Due       time.Time `json:"due"` // midnight UTC of the due date, as the member said it
	Owner     OwnerKind `json:"owner"`
	OwnerName string    `json:"owner_name,omitempty"` // for OwnerPerson
	DoneAt    time.Time `json:"done_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
}

// Done reports whether the step has been marked done.
func (s Step) Done() bool { return !s.DoneAt.IsZero() }

// CheckIn is a member's answer before (or after) a group session.
type CheckIn struct {
	V          int       `json:"v"`
	ID         uint64    `json:"id"`
	MemberID   string    `json:"member_id"`
	GroupID    string    `json:"group_id,omitempty"`
	GoalID     uint64    `json:"goal_id,omitempty"`
	SessionAt  time.Time `json:"session_at"`
	Did        string    `json:"did,omitempty"`
	StepsDone  []uint64  `json:"steps_done,omitempty"`
	Barrier    string    `json:"barrier,omitempty"` // what got in the way, when nothing was done
	Plan       string    `json:"plan,omitempty"`
	Importance int       `json:"importance"` // 0–10, or -1 when skipped
	Confidence int       `json:"confidence"` // 0–10, or -1 when skipped
	Late       bool      `json:"late,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// Conversation is a member's place in a guided flow. State is owned by the
// conversations package; the store keeps it as opaque JSON.
type Conversation struct {
	V         int             `json:"v"`
	MemberID  string          `json:"member_id"`
	State     json.RawMessage `json:"state"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// Turn is everything one conversation turn changes, committed together so a
// reply is only sent for an answer that is already durable.
type Turn struct {
	MemberID string
	State    json.RawMessage // the conversation state after the turn
	Goal     *Goal           // a new or edited goal (ID 0 = new)
	NewSteps []Step          // steps to add; GoalID 0 means "the Goal above"
	Done     []uint64        // step IDs to mark done at Turn.At
	CheckIn  *CheckIn        // a finished check-in (ID 0 = new)
	At       time.Time
	// EventID, when set, is the Slack event this turn answers. It is marked
	// in the same transaction, and a turn whose event is already marked is
	// refused with ErrDuplicate: one commit both dedupes and saves.
	EventID string
}

package store

import (
	"encoding/json"
	"strconv"
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
	PausedUntil time.Time `json:"paused_until,omitzero"` // no prompts before this instant
	DMChannel   string    `json:"dm_channel,omitempty"`  // the member's DM with the bot, once known
	// Lang is the language the member chose, or Slack's locale for them
	// ("es", "en-US"); empty is English (see conversations.ParseLang).
	Lang string `json:"lang,omitempty"`
	// IntroducedAt is when Cairn first said who it is to this person, so
	// the introduction is said once, not to every "hi".
	IntroducedAt time.Time `json:"introduced_at,omitzero"`
	CreatedAt    time.Time `json:"created_at"`
	// Unreachable is Slack's reason ("account_inactive") for refusing the
	// last message to this person, since UnreachableAt; empty while they
	// can be reached. Nothing scheduled is sent to them until it clears.
	Unreachable   string    `json:"unreachable,omitempty"`
	UnreachableAt time.Time `json:"unreachable_at,omitzero"`
}

// Group is a peer-support group that meets on a schedule.
type Group struct {
	V            int           `json:"v"`
	ID           string        `json:"id"` // Slack channel ID, or a local name
	Name         string        `json:"name"`
	Schedule     string        `json:"schedule,omitempty"`      // cron spec with CRON_TZ
	ScheduleText string        `json:"schedule_text,omitempty"` // as the facilitator wrote it
	TZ           string        `json:"tz,omitempty"`
	Lead         time.Duration `json:"lead,omitempty"` // check-in prompt before a session; 0 means 24 h
	Facilitators []string      `json:"facilitators,omitempty"`
	Members      []string      `json:"members,omitempty"`
	Navigators   []string      `json:"navigators,omitempty"`
	// QuietStart and QuietEnd bound the hours ("21:00", "08:00") in each
	// recipient's own zone when nothing is sent; empty means the defaults.
	QuietStart string `json:"quiet_start,omitempty"`
	QuietEnd   string `json:"quiet_end,omitempty"`
	// CrisisContacts is what the facilitator wants members to call or text
	// in a crisis ("Call our warmline 555-0100, 9am–9pm"); shown to the
	// group's members when they write words of crisis.
	CrisisContacts string `json:"crisis_contacts,omitempty"`
	// Cancelled lists sessions (UTC) a facilitator called off.
	Cancelled []time.Time `json:"cancelled,omitempty"`
	CreatedAt time.Time   `json:"created_at"`

	// Joining is asked, never imposed: Members, Facilitators and Navigators
	// hold only people who joined. Invited holds those put in the group who
	// have not said yes (or said no): nothing of theirs is shown to the
	// group and they get no prompts.
	Invited []Invitation `json:"invited,omitempty"`
	// NavigatorOf maps a member to their navigator in this group, once the
	// member said yes; NavigatorAsked holds proposals waiting for that yes.
	// A member in two groups may have two navigators.
	NavigatorOf    map[string]string `json:"navigator_of,omitempty"`
	NavigatorAsked map[string]string `json:"navigator_asked,omitempty"`
	// Sharing is what each member lets this group's facilitators and
	// navigators see of their check-ins (ShareSteps when not set).
	Sharing map[string]Sharing `json:"sharing,omitempty"`
}

// Role is what a person does in a group.
type Role string

const (
	RoleMember      Role = "member"
	RoleFacilitator Role = "facilitator"
	RoleNavigator   Role = "navigator"
)

// Invitation is a person asked to join a group in a role.
type Invitation struct {
	Person   string    `json:"person"`
	Role     Role      `json:"role"`
	By       string    `json:"by"` // who set the group up or changed it
	At       time.Time `json:"at"`
	Declined bool      `json:"declined,omitempty"` // said "No thanks"; not asked again unless re-invited
}

// Sharing is how much of a member's check-ins their group's facilitators
// and navigator see. The member chooses; the default is ShareSteps.
type Sharing string

const (
	ShareAll       Sharing = "all"        // everything they write
	ShareSteps     Sharing = "steps"      // whether they checked in, and the steps done
	ShareCheckedIn Sharing = "checked_in" // only whether they checked in
)

// SharingOf is what member shares with group g.
func (g Group) SharingOf(member string) Sharing {
	if s, ok := g.Sharing[member]; ok && s != "" {
		return s
	}
	return ShareSteps
}

// AuditEntry records that someone saw another person's data: a digest, a
// navigator's list, a recap, an export, an admin command. It names people
// by Slack id and never holds what anyone wrote.
type AuditEntry struct {
	V       int       `json:"v"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`   // who saw it (a Slack id, or "admin" on the host)
	Subject string    `json:"subject"` // whose data it was
	GroupID string    `json:"group_id,omitempty"`
	What    string    `json:"what"` // "digest", "navigator list", "export", …
}

// DeliveryKind says what a planned message is.
type DeliveryKind string

const (
	DeliverPrompt   DeliveryKind = "prompt"   // check-in prompt to a member, before a session
	DeliverReminder DeliveryKind = "reminder" // to a member who has not answered yet
	DeliverDigest   DeliveryKind = "digest"   // to a facilitator, before a session
	DeliverNudges   DeliveryKind = "nudges"   // a navigator's daily list
	DeliverNudge    DeliveryKind = "nudge"    // a navigator's gentle nudge to one member
)

// DeliveryState is where a planned message is in its life.
type DeliveryState string

const (
	DeliveryPlanned DeliveryState = "planned" // due at DueAt
	DeliverySending DeliveryState = "sending" // handed to Slack; may or may not have arrived
	DeliverySent    DeliveryState = "sent"
	DeliverySkipped DeliveryState = "skipped" // not sent, and never will be (Reason says why)
)

// Delivery is one planned message, keyed by (kind, group, session, recipient)
// so that it is sent at most once whatever restarts or crashes happen.
type Delivery struct {
	V         int           `json:"v"`
	Key       string        `json:"key"`
	Kind      DeliveryKind  `json:"kind"`
	GroupID   string        `json:"group_id,omitempty"`
	Session   time.Time     `json:"session"` // the session it is for (a day, for nudges)
	Recipient string        `json:"recipient"`
	DueAt     time.Time     `json:"due_at"`
	State     DeliveryState `json:"state"`
	Reason    string        `json:"reason,omitempty"` // why it was skipped
	Channel   string        `json:"channel,omitempty"`
	TS        string        `json:"ts,omitempty"` // Slack's timestamp of the sent message
	Attempts  int           `json:"attempts,omitempty"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// DeliveryKey is the identity of a delivery. Sessions are keyed by their
// instant, which is unambiguous across daylight-saving changes.
func DeliveryKey(kind DeliveryKind, groupID string, session time.Time, recipient string) string {
	return string(kind) + "|" + groupID + "|" + strconv.FormatInt(session.Unix(), 10) + "|" + recipient
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
	// AchievedAt is when the member said they reached it (Status done).
	AchievedAt time.Time `json:"achieved_at,omitzero"`
	// Sure is how sure the member was that they can do it (0–10), when
	// they said; SureHelp what would make it a 7; Enjoy the part they'll
	// enjoy (smart.go in conversations).
	Sure     *int   `json:"sure,omitempty"`
	SureHelp string `json:"sure_help,omitempty"`
	Enjoy    string `json:"enjoy,omitempty"`
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
	// Practise is the member's wish to practise this step in the group
	// (role-play, as the facilitator guide has it); PractisedAt is when a
	// recap noted it was practised.
	Practise    bool      `json:"practise,omitempty"`
	PractisedAt time.Time `json:"practised_at,omitzero"`
	// HelperID is a support person in the workspace (a Slack user ID) the
	// member named for this step; HelperOK is the member's yes to Cairn
	// reminding them of it, and HelperRemindedAt when it did (once).
	HelperID         string    `json:"helper_id,omitempty"`
	HelperOK         bool      `json:"helper_ok,omitempty"`
	HelperRemindedAt time.Time `json:"helper_reminded_at,omitzero"`
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
	// Private names the answers the member kept just for themselves
	// ("did", "barrier", "plan"): never shown to anyone else.
	Private []string `json:"private,omitempty"`
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
	// Member, when set, is saved with the turn: a member's first message
	// creates their record in the same commit.
	Member *Member
	// InboxSeq, when set, is the journaled input this turn answers: it is
	// removed (and its key marked handled) in the same commit.
	InboxSeq uint64
	// Outbox holds the turn's replies, staged in the same commit so that
	// none is lost if it cannot be posted at once (see outbox.go).
	Outbox []Outgoing
	// Goals are more existing goals the turn changes (a goal replaced by
	// the new one is dropped in the same commit).
	Goals []Goal
	// EditSteps are existing steps saved with new words, date or owner;
	// DeleteSteps are steps removed.
	EditSteps   []Step
	DeleteSteps []uint64
}

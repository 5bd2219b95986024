package conversations

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cairnbot/cairn/store"
)

// Keeper is what a Runner needs of the store. *store.Store implements it.
type Keeper interface {
	Conversation(ctx context.Context, memberID string) (store.Conversation, error)
	UpdateTurn(ctx context.Context, memberID string, at time.Time, fn func(store.View) (store.Turn, error)) (store.TurnResult, error)
	ApplyTurn(ctx context.Context, t store.Turn) (store.TurnResult, error)
	Groups(ctx context.Context) ([]store.Group, error)
	Templates(ctx context.Context, groupIDs ...string) ([]store.Template, error)
}

// Runner makes turns durable: it loads a member's state and data, runs Step,
// and commits the new state with every change in one transaction before it
// hands back the replies. The Slack bot and `cairn try` both use it, so the
// two can never drift apart.
type Runner struct {
	Store Keeper
	// DefaultTZ is the zone for members whose own zone is not known yet.
	DefaultTZ *time.Location
	// NextSession, when set, gives the start of the member's next group
	// session after now (zero if none), so steps are sized and dated
	// against it. It is called before a turn's transaction, never inside.
	NextSession func(ctx context.Context, memberID string, now time.Time) time.Time

	locks [64]sync.Mutex // one member's turns run one at a time
}

// Handle runs one turn for the member's input at now.
func (r *Runner) Handle(ctx context.Context, memberID string, in Input, now time.Time) ([]Reply, error) {
	out, err := r.HandleFrom(ctx, memberID, Origin{}, in, now)
	return out.Replies, err
}

// HandleEvent is Handle for an input that came as a Slack event: the event
// is marked handled in the same commit as the turn, and an event seen before
// (Slack's retry) gets no turn and no replies. changed reports whether the
// turn saved records (a goal, steps, a check-in) besides the conversation,
// so that views of them can be refreshed only when needed.
func (r *Runner) HandleEvent(ctx context.Context, memberID, eventID string, in Input, now time.Time) (replies []Reply, changed bool, err error) {
	out, err := r.HandleFrom(ctx, memberID, Origin{EventID: eventID}, in, now)
	return out.Replies, out.Changed, err
}

// Origin is where a turn's input came from and where its replies go; the
// turn's own commit settles both, so nothing is done twice or lost between
// two writes.
type Origin struct {
	// EventID is the Slack event (or other input identity) the turn
	// answers: it is marked handled, and a turn for one already handled is
	// refused (Outcome.Duplicate).
	EventID string
	// InboxSeq is the journaled input the turn answers: it is removed.
	InboxSeq uint64
	// Outbox stages the replies in the store's outbox, addressed to
	// Channel (the member's DM when empty), for the caller to post and
	// then remove: a reply that cannot be posted now is not lost.
	Outbox  bool
	Channel string
}

// Outcome is what a durable turn did.
type Outcome struct {
	Replies []Reply
	// OutboxIDs are the staged replies, one per reply, when Origin.Outbox.
	OutboxIDs []uint64
	// Changed reports records saved besides the conversation (a goal,
	// steps, a check-in), so views of them are refreshed only when needed.
	Changed bool
	// Duplicate: the input was handled before; nothing was done.
	Duplicate bool
	// Data is the member's request about their data, for the caller to
	// carry out. For DataForget nothing was committed: the caller deletes
	// and settles the input in one commit.
	Data DataRequest
	// Alert is the member's ask for a person, for the caller to carry out
	// after the turn (see person.go); the turn commits nothing for it.
	Alert *AlertRequest
}

// HandleFrom runs one durable turn for an input from origin.
func (r *Runner) HandleFrom(ctx context.Context, memberID string, origin Origin, in Input, now time.Time) (Outcome, error) {
	in.Text = Sanitize(in.Text) // every turn's input, from Slack or cairn try, enters here
	// Groups are not part of a member's view: they are read only when the
	// turn needs them, for the crisis lines or the group's goal templates
	// (a read of every group on every turn showed in BenchmarkTurn).
	var contacts string
	if in.Action == "" {
		heard := detect(in.Text)
		in.heard = &heard
	}
	crisis := in.heard != nil && *in.heard == sigCrisis
	atGoal := r.atGoalQuestion(ctx, memberID)
	var groups []store.Group
	if crisis || atGoal {
		groups, _ = r.Store.Groups(ctx) // an error leaves both out: 988 and the built-in templates still show
	}
	if crisis {
		contacts = crisisContacts(groups, memberID)
	}
	var templates []Template
	if atGoal {
		templates = r.groupTemplates(ctx, groups, memberID)
	}
	var next time.Time
	if r.NextSession != nil {
		next = r.NextSession(ctx, memberID, now)
	}
	var changed bool
	out, err := r.turnGuarded(ctx, memberID, origin, now, nil, func(s State, c Context, now time.Time) Result {
		c.CrisisContacts, c.NextSession, c.Templates = contacts, next, templates
		res := Step(s, in, c, now)
		changed = res.Changed()
		return res
	})
	out.Changed = changed && err == nil && !out.Duplicate
	return out, err
}

// atGoalQuestion reports whether the member's conversation is at the goal
// question, where the goal templates (with their group's own) are offered:
// only then are groups read for them. A state that changes before the turn
// commits at worst leaves the group's templates out of that one turn.
func (r *Runner) atGoalQuestion(ctx context.Context, memberID string) bool {
	conv, err := r.Store.Conversation(ctx, memberID)
	if err != nil {
		return false
	}
	var s State
	return json.Unmarshal(conv.State, &s) == nil && s.Flow == FlowGoal && s.Stage == stageGoal
}

// crisisContacts are the crisis lines of the groups memberID has joined,
// one line per group. A store error leaves them out: the reply then shows
// 988 and the emergency number, which is better than no reply.
func crisisContacts(groups []store.Group, memberID string) string {
	var lines []string
	for _, g := range groups {
		c := strings.TrimSpace(g.CrisisContacts)
		if c == "" || !g.Joined(memberID) {
			continue
		}
		if g.Name != "" {
			c = g.Name + ": " + c
		}
		lines = append(lines, c)
	}
	return strings.Join(lines, "\n")
}

// ErrBusy means the member is in the middle of another conversation and
// was active in it recently: starting a new flow now would throw away what
// they are typing. Try again later.
var ErrBusy = errors.New("conversations: member is busy in another conversation")

// busyWindow is how recently a member must have answered for their flow to
// be protected from a scheduled one.
const busyWindow = 2 * time.Hour

// Start opens a flow for the member, as the scheduler does with a check-in
// prompt for the session at session (zero when there is none) of groupID.
// If the member answered another flow within the last two hours, it returns
// ErrBusy and changes nothing; an older, abandoned flow is replaced.
func (r *Runner) Start(ctx context.Context, memberID string, flow Flow, session time.Time, groupID string, now time.Time) ([]Reply, error) {
	out, err := r.turnGuarded(ctx, memberID, Origin{}, now, func(s State, updated time.Time) error {
		// Another group's check-in under way counts as another flow: its
		// answers must stay with its own group.
		other := s.Flow != flow || (flow == FlowCheckIn && (s.CheckIn.GroupID != groupID || !s.CheckIn.Session.Equal(session)))
		if s.Active() && other && now.Sub(updated) < busyWindow {
			return ErrBusy
		}
		return nil
	}, func(s State, c Context, now time.Time) Result {
		c.Session, c.GroupID = session, groupID
		return Start(s, flow, c, now)
	})
	return out.Replies, err
}

// MarkDone marks one of the member's steps done from outside the chat (an
// App Home button), leaving any conversation under way as it was.
func (r *Runner) MarkDone(ctx context.Context, memberID string, stepID uint64, now time.Time) error {
	mu := r.lock(memberID)
	mu.Lock()
	defer mu.Unlock()
	t := store.Turn{MemberID: memberID, Done: []uint64{stepID}, At: now.UTC()}
	conv, err := r.Store.Conversation(ctx, memberID)
	switch {
	case err == nil:
		t.State = conv.State
	case !errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("conversations: load state of %s: %w", memberID, err)
	}
	if _, err := r.Store.ApplyTurn(ctx, t); err != nil {
		return fmt.Errorf("conversations: mark step %d done for %s: %w", stepID, memberID, err)
	}
	return nil
}

func (r *Runner) lock(memberID string) *sync.Mutex {
	h := fnv.New32a()
	h.Write([]byte(memberID))
	return &r.locks[h.Sum32()%uint32(len(r.locks))]
}

// turnGuarded runs one durable turn. guard, if set, checks the loaded state
// (and when it was last saved) and can refuse the turn before anything
// changes.
func (r *Runner) turnGuarded(ctx context.Context, memberID string, origin Origin, now time.Time, guard func(State, time.Time) error, step func(State, Context, time.Time) Result) (Outcome, error) {
	if memberID == "" {
		return Outcome{}, errors.New("conversations: a turn needs a member ID")
	}
	mu := r.lock(memberID) // keeps one member's turns in the order they came
	mu.Lock()
	defer mu.Unlock()

	// Load, step and commit in one store transaction (see store.UpdateTurn):
	// the closure is pure and may run twice, so it only computes.
	var replies []Reply
	var data DataRequest
	var alert *AlertRequest
	res, err := r.Store.UpdateTurn(ctx, memberID, now.UTC(), func(view store.View) (store.Turn, error) {
		var t store.Turn
		if view.Member.ID == "" {
			m := r.newMember(memberID, now)
			view.Member, t.Member = m, &m
		}
		var s State
		var updated time.Time
		if conv := view.Conversation; conv != nil {
			updated = conv.UpdatedAt
			if err := json.Unmarshal(conv.State, &s); err != nil {
				s = State{} // unreadable state: start over politely rather than fail every turn
			}
		}
		if guard != nil {
			if err := guard(s, updated); err != nil {
				return store.Turn{}, err
			}
		}
		res := step(s, ContextOf(view), now.In(r.zone(view.Member)))
		data, replies, alert = res.Data, res.Replies, res.Alert
		if res.Data == DataForget {
			return store.Turn{}, errForget
		}
		if res.State.Active() || res.State.Aside != "" {
			// An offer of a person made outside a flow is kept too, so
			// the "yes" that follows reaches a person.
			state, err := json.Marshal(res.State)
			if err != nil {
				return store.Turn{}, fmt.Errorf("conversations: encode state of %s: %w", memberID, err)
			}
			t.State = state
		}
		t.Goal, t.NewSteps, t.Done, t.CheckIn = res.Goal, res.NewSteps, res.Done, res.CheckIn
		t.Goals, t.EditSteps, t.DeleteSteps = res.Goals, res.EditSteps, res.DeleteSteps
		t.EventID, t.InboxSeq = origin.EventID, origin.InboxSeq
		if origin.Outbox {
			for _, reply := range res.Replies {
				body, err := json.Marshal(reply)
				if err != nil {
					return store.Turn{}, fmt.Errorf("conversations: encode a reply to %s: %w", memberID, err)
				}
				t.Outbox = append(t.Outbox, store.Outgoing{MemberID: memberID, Channel: origin.Channel, Body: body})
			}
		}
		if res.Pause != nil {
			m := r.away(view.Member, *res.Pause)
			view.Member, t.Member = m, &m
		}
		if res.Introduced && view.Member.IntroducedAt.IsZero() {
			m := view.Member
			m.IntroducedAt = now.UTC()
			t.Member = &m
		}
		if res.Lang != "" {
			m := view.Member
			if t.Member != nil {
				m = *t.Member
			}
			m.Lang = StoredLang(res.Lang, res.LangGuessed)
			t.Member = &m
		}
		replies = res.Replies
		return t, nil
	})
	switch {
	case errors.Is(err, store.ErrDuplicate):
		return Outcome{Duplicate: true}, nil // Slack's retry of an event already answered
	case errors.Is(err, errForget):
		return Outcome{Replies: replies, Data: DataForget}, nil
	case errors.Is(err, ErrBusy):
		return Outcome{}, err
	case err != nil:
		return Outcome{}, fmt.Errorf("conversations: turn of %s: %w", memberID, err)
	}
	return Outcome{Replies: replies, OutboxIDs: res.OutboxIDs, Data: data, Alert: alert}, nil
}

// DecodeReply reads a reply staged by a turn with Origin.Outbox.
func DecodeReply(body []byte) (Reply, error) {
	var r Reply
	if err := json.Unmarshal(body, &r); err != nil {
		return Reply{}, fmt.Errorf("conversations: decode a staged reply: %w", err)
	}
	return r, nil
}

func (r *Runner) newMember(memberID string, now time.Time) store.Member {
	m := store.Member{ID: memberID, CreatedAt: now.UTC()}
	if r.DefaultTZ != nil {
		m.TZ = r.DefaultTZ.String()
	}
	return m
}

// away is m paused until the start of day in their own zone (a zero day:
// not paused). Every pause, from the DM or from /cairn pause, is decided
// here and written inside a turn, which reads the member in the same
// transaction: so a pause changes only PausedUntil of the member as stored.
func (r *Runner) away(m store.Member, day time.Time) store.Member {
	m.PausedUntil = time.Time{}
	if !day.IsZero() {
		m.PausedUntil = StartOfDay(day, r.zone(m))
	}
	return m
}

// Away is "away until <phrase>" from outside the chat (/cairn pause): the
// same pause as the DM's, in one turn that leaves any conversation under
// way as it is. An empty phrase ends a pause. It returns the day the member
// is back (zero when resumed) and the member's zone; a phrase that is not a
// date is a *DateError and changes nothing. eventID, when set, makes the
// request count once: a replay changes nothing and gets the same answer.
func (r *Runner) Away(ctx context.Context, memberID, eventID, phrase string, now time.Time) (day time.Time, loc *time.Location, err error) {
	if memberID == "" {
		return time.Time{}, nil, errors.New("conversations: a pause needs a member ID")
	}
	mu := r.lock(memberID)
	mu.Lock()
	defer mu.Unlock()
	_, err = r.Store.UpdateTurn(ctx, memberID, now.UTC(), func(view store.View) (store.Turn, error) {
		m := view.Member
		if m.ID == "" {
			m = r.newMember(memberID, now)
		}
		loc = r.zone(m)
		day = time.Time{}
		if phrase != "" {
			var err error
			if day, err = AwayUntilIn(LangOf(m), phrase, now.In(loc)); err != nil { // in the member's language
				return store.Turn{}, err
			}
		}
		m = r.away(m, day)
		t := store.Turn{Member: &m, EventID: eventID}
		if view.Conversation != nil {
			t.State = view.Conversation.State
		}
		return t, nil
	})
	var dateErr *DateError
	switch {
	case errors.Is(err, store.ErrDuplicate):
		return day, loc, nil // a replay: the same answer, nothing changed
	case errors.As(err, &dateErr):
		return time.Time{}, loc, err
	case err != nil:
		return time.Time{}, nil, fmt.Errorf("conversations: pause of %s: %w", memberID, err)
	}
	return day, loc, nil
}

// NeedsZone reports whether a member whose conversation is in state (as
// saved; empty when none) and who now says text needs their own zone for
// it: they are asked for a date, or their answer names one ("call them
// tomorrow" as a step, "actually Tuesday" at the question after). A
// member's zone is worth waiting for then, and only then: a reply waits for
// it at most once, so a step with no date in it must not use that wait up.
func NeedsZone(state json.RawMessage, text string, now time.Time) bool {
	var s State
	if len(state) == 0 || json.Unmarshal(state, &s) != nil {
		return false
	}
	switch s.Stage {
	case stageStepWhen, stageStepFar:
		return true
	case stageStepWhat, stageStepMore, stageStepWho, stagePlanAsStep:
		for _, l := range []Lang{English, Spanish} { // the member's language is not known here
			if _, err := ParseDateIn(l, text, now); err == nil {
				return true
			}
			if _, _, found := FindDateIn(l, text, now); found {
				return true
			}
		}
	}
	return false
}

// zones caches loaded time zones: time.LoadLocation reads and parses a
// file on every call.
var zones sync.Map // name → *time.Location

// LoadZone is time.LoadLocation, cached.
func LoadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}

// Zone is the time zone named tz, else fallback, else UTC: a person's own
// zone when Slack told us, something sensible when not.
func Zone(tz string, fallback *time.Location) *time.Location {
	if tz != "" {
		if loc, err := LoadZone(tz); err == nil {
			return loc
		}
	}
	if fallback != nil {
		return fallback
	}
	return time.UTC
}

// zone is the member's own time zone: dates they type mean their calendar.
func (r *Runner) zone(m store.Member) *time.Location { return Zone(m.TZ, r.DefaultTZ) }

// AwayUntil reads when a member will be back: a date phrase ("June 20",
// "Friday") or a span ("2 weeks", "for a week").
func AwayUntil(phrase string, now time.Time) (time.Time, error) {
	phrase = strings.TrimPrefix(strings.TrimSpace(phrase), "for ")
	day, err := ParseDate(phrase, now)
	if err != nil {
		if d, derr := ParseDate("in "+phrase, now); derr == nil {
			return d, nil
		}
	}
	return day, err
}

// StartOfDay is the instant a calendar date (as ParseDate returns it)
// begins in loc: "away until June 20" means no prompts before then.
func StartOfDay(day time.Time, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc).UTC()
}

// ContextOf picks the member's active goals from their stored data (the
// newest is Goal; Steps are all of theirs), and their latest check-in.
func ContextOf(v store.View) Context {
	c := Context{LastCheckIn: v.LastCheckIn, CheckIns: v.CheckIns, Introduced: !v.Member.IntroducedAt.IsZero(),
		Lang: LangOf(v.Member), LangSettled: langSettled(v.Member.Lang),
		LangAsked: strings.HasSuffix(v.Member.Lang, langAsked)}
	for _, gs := range v.Goals {
		for _, st := range gs.Steps {
			if st.Done() {
				c.DoneSteps = append(c.DoneSteps, st)
			}
		}
		if gs.Goal.Status == store.GoalActive || gs.Goal.Status == "" {
			g := gs.Goal
			c.Goal = &g
			c.Goals = append(c.Goals, gs)
			c.Steps = append(c.Steps, gs.Steps...)
		}
	}
	slices.SortStableFunc(c.DoneSteps, func(a, b store.Step) int { return b.DoneAt.Compare(a.DoneAt) })
	return c
}

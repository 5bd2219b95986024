package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TurnResult holds the ids ApplyTurn gave to what the turn created (or the
// existing ids it updated).
type TurnResult struct {
	GoalID    uint64   // the turn's Goal, 0 if none
	StepIDs   []uint64 // the turn's NewSteps, in order
	CheckInID uint64   // the turn's CheckIn, 0 if none
	OutboxIDs []uint64 // the turn's Outbox, in order
}

// Conversation returns the member's saved conversation state, or
// ErrNotFound when the member is not in a flow.
func (s *Store) Conversation(ctx context.Context, memberID string) (Conversation, error) {
	var c Conversation
	err := s.view(ctx, func(tx *bolt.Tx) error {
		buf, err := getValue(tx.Bucket(bConversations), []byte(memberID))
		if err != nil {
			return err
		}
		if buf == nil {
			return ErrNotFound
		}
		return decodeConversation(buf, &c)
	})
	if err != nil {
		return Conversation{}, fmt.Errorf("store: conversation of %s: %w", memberID, err)
	}
	return c, nil
}

// ApplyTurn commits everything one conversation turn changes, all or
// nothing, and returns once it is durable:
//
//   - State replaces the member's conversation state; an empty (or JSON
//     null) State ends the conversation, so a turn always carries the whole
//     state.
//   - Goal is created (ID 0) or updated, as in SaveGoal.
//   - NewSteps are created; GoalID 0 means the turn's Goal.
//   - Done steps are marked done at At (a step already done keeps its time);
//     an unknown id is ErrNotFound, another member's step ErrInvalid.
//   - CheckIn is created (ID 0) or updated, as in SaveCheckIn.
//   - Goals (existing ones only) and EditSteps are updated; DeleteSteps
//     are removed (an unknown id is ErrNotFound).
//
// Records of the turn must belong to MemberID (an empty MemberID on them
// means the turn's member). A zero At is Now; it also stamps zero
// created/updated times.
//
// Concurrent calls are committed together; a turn that fails does not
// affect the others. If ctx ends while the turn is still queued, nothing is
// stored and ctx's error is returned.
func (s *Store) ApplyTurn(ctx context.Context, t Turn) (TurnResult, error) {
	at := orNow(t.At, s.now())
	state, err := checkTurn(&t, at)
	if err != nil {
		return TurnResult{}, fmt.Errorf("store: apply turn for %s: %w", t.MemberID, err)
	}
	var res TurnResult
	err = s.update(ctx, func(tx *bolt.Tx) error {
		res = TurnResult{} // this may run twice; see commit.go
		p, err := planTurn(tx, t, state, at)
		if err != nil {
			return reject(err)
		}
		return p.write(tx, &res)
	})
	if err != nil {
		return TurnResult{}, fmt.Errorf("store: apply turn for %s: %w", t.MemberID, err)
	}
	return res, nil
}

// UpdateTurn commits a turn decided from the member's data as it is in the
// same transaction: fn gets the member's View and returns the Turn to apply
// (MemberID and At are filled in), or an error to store nothing (it is
// returned as it is). Reading, deciding and writing in one transaction means
// one commit per turn and no window for another write to slip between.
//
// fn runs inside the single writer, so it must be quick and must not call
// the Store; it may run more than once (see commit.go), so it must be pure.
func (s *Store) UpdateTurn(ctx context.Context, memberID string, at time.Time, fn func(View) (Turn, error)) (TurnResult, error) {
	if err := checkID("member", memberID); err != nil {
		return TurnResult{}, fmt.Errorf("store: update turn: %w", err)
	}
	at = orNow(at, s.now())
	var res TurnResult
	var fnErr error
	err := s.update(ctx, func(tx *bolt.Tx) error {
		res, fnErr = TurnResult{}, nil
		v, err := memberView(tx, memberID)
		if err != nil {
			return reject(err)
		}
		t, err := fn(v)
		if err != nil {
			fnErr = err
			return reject(err)
		}
		t.MemberID, t.At = memberID, at
		state, err := checkTurn(&t, at)
		if err != nil {
			return reject(err)
		}
		p, err := planTurn(tx, t, state, at)
		if err != nil {
			return reject(err)
		}
		return p.write(tx, &res)
	})
	if fnErr != nil {
		return TurnResult{}, fnErr
	}
	if err != nil {
		return TurnResult{}, fmt.Errorf("store: update turn for %s: %w", memberID, err)
	}
	return res, nil
}

// checkTurn refuses what is wrong without reading the database, so a bad
// turn never queues for a commit. It fills in member ids left empty and
// encodes the conversation here, in the caller's goroutine, to keep the
// single writer's work small. A nil encoding means "end the conversation".
func checkTurn(t *Turn, at time.Time) (conv []byte, err error) {
	if err := checkID("member", t.MemberID); err != nil {
		return nil, err
	}
	if st := bytes.TrimSpace(t.State); len(st) > 0 && !bytes.Equal(st, []byte("null")) {
		if conv, err = encodeConversation(t.MemberID, st, at); err != nil {
			return nil, err
		}
	}
	// Copy what we fill in: the caller's Goal and slices stay untouched.
	if t.Goal != nil {
		g := *t.Goal
		if g.MemberID == "" {
			g.MemberID = t.MemberID
		}
		if g.MemberID != t.MemberID {
			return nil, fmt.Errorf("%w: goal for member %s in a turn of %s", ErrInvalid, g.MemberID, t.MemberID)
		}
		t.Goal = &g
	}
	steps := slices.Clone(t.NewSteps)
	for i := range steps {
		st := &steps[i]
		if st.ID != 0 {
			return nil, fmt.Errorf("%w: new step already has id %d", ErrInvalid, st.ID)
		}
		if st.GoalID == 0 && t.Goal == nil {
			return nil, fmt.Errorf("%w: new step without a goal", ErrInvalid)
		}
		if st.MemberID == "" {
			st.MemberID = t.MemberID
		}
		if st.MemberID != t.MemberID {
			return nil, fmt.Errorf("%w: step for member %s in a turn of %s", ErrInvalid, st.MemberID, t.MemberID)
		}
	}
	t.NewSteps = steps
	goals := slices.Clone(t.Goals)
	for i := range goals {
		if goals[i].ID == 0 {
			return nil, fmt.Errorf("%w: a further goal of a turn must exist", ErrInvalid)
		}
		if goals[i].MemberID == "" {
			goals[i].MemberID = t.MemberID
		}
		if goals[i].MemberID != t.MemberID {
			return nil, fmt.Errorf("%w: goal for member %s in a turn of %s", ErrInvalid, goals[i].MemberID, t.MemberID)
		}
	}
	t.Goals = goals
	edits := slices.Clone(t.EditSteps)
	for i := range edits {
		if edits[i].ID == 0 {
			return nil, fmt.Errorf("%w: an edited step needs its id", ErrInvalid)
		}
		if edits[i].MemberID == "" {
			edits[i].MemberID = t.MemberID
		}
		if edits[i].MemberID != t.MemberID {
			return nil, fmt.Errorf("%w: step for member %s in a turn of %s", ErrInvalid, edits[i].MemberID, t.MemberID)
		}
	}
	t.EditSteps = edits
	out := slices.Clone(t.Outbox)
	for i := range out {
		if out[i].MemberID == "" {
			out[i].MemberID = t.MemberID
		}
		if err := checkOutgoing(out[i], t.MemberID); err != nil {
			return nil, err
		}
	}
	t.Outbox = out
	if t.CheckIn != nil {
		c := *t.CheckIn
		if c.MemberID == "" {
			c.MemberID = t.MemberID
		}
		if c.MemberID != t.MemberID {
			return nil, fmt.Errorf("%w: check-in for member %s in a turn of %s", ErrInvalid, c.MemberID, t.MemberID)
		}
		t.CheckIn = &c
	}
	return conv, nil
}

// encodeConversation encodes what json.Marshal(Conversation{…}) would, but
// copies the state verbatim after one validity check: marshalling a
// json.RawMessage re-scans and re-compacts it, which was a third of the CPU
// time of a turn.
func encodeConversation(memberID string, state []byte, at time.Time) ([]byte, error) {
	if !json.Valid(state) {
		return nil, fmt.Errorf("%w: conversation state is not JSON", ErrInvalid)
	}
	id, err := json.Marshal(memberID)
	if err != nil {
		return nil, err
	}
	ts, err := at.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("%w: turn time: %v", ErrInvalid, err)
	}
	buf := make([]byte, 0, len(state)+len(id)+len(ts)+64)
	buf = append(buf, `{"v":`...)
	buf = strconv.AppendInt(buf, recordVersion, 10)
	buf = append(buf, `,"member_id":`...)
	buf = append(buf, id...)
	buf = append(buf, `,"state":`...)
	buf = append(buf, state...)
	buf = append(buf, `,"updated_at":`...)
	buf = append(buf, ts...)
	return append(buf, '}'), nil
}

// decodeConversation reads a record written by encodeConversation without
// scanning the state a second time (json.Unmarshal validates all of it, and
// the caller parses the state anyway); anything else falls back to JSON.
func decodeConversation(buf []byte, c *Conversation) error {
	const head, tail = `{"v":1,"member_id":`, `,"updated_at":`
	if bytes.HasPrefix(buf, []byte(head)) && bytes.HasSuffix(buf, []byte("}")) {
		rest := buf[len(head):]
		if end := bytes.Index(rest, []byte(`,"state":`)); end > 0 {
			if at := bytes.LastIndex(rest, []byte(tail)); at > end {
				var id string
				var ts time.Time
				if json.Unmarshal(rest[:end], &id) == nil && ts.UnmarshalJSON(rest[at+len(tail):len(rest)-1]) == nil {
					*c = Conversation{V: 1, MemberID: id, State: bytes.Clone(rest[end+len(`,"state":`) : at]), UpdatedAt: ts}
					return nil
				}
			}
		}
	}
	return json.Unmarshal(buf, c)
}

// turnPlan is a turn checked against the database, ready to write.
type turnPlan struct {
	memberID  string
	state     []byte // nil: delete the conversation
	at        time.Time
	goal      *Goal
	newSteps  []Step
	done      []Step   // steps to mark done
	doneKeys  [][]byte // their keys
	checkIn   *CheckIn
	checkInAt []byte // the check-in's current key, nil if new
	eventID   string // the Slack event to mark, if any
	member    *Member
	inboxSeq  uint64     // the journaled input to settle, if any
	outbox    []Outgoing // replies to stage
	goals     []Goal     // more existing goals to update
	edits     []Step     // existing steps to update
	editKeys  [][]byte   // their current keys
	deletes   []uint64   // steps to remove
	delKeys   [][]byte   // their keys
}

// planTurn does every read and check of a turn, and no writes, so a turn
// that fails here leaves a shared transaction untouched.
func planTurn(tx *bolt.Tx, t Turn, state []byte, at time.Time) (*turnPlan, error) {
	p := &turnPlan{memberID: t.MemberID, state: state, at: at, eventID: t.EventID, inboxSeq: t.InboxSeq, outbox: t.Outbox}
	if t.Member != nil {
		if t.Member.ID != t.MemberID {
			return nil, fmt.Errorf("%w: member %s in a turn of %s", ErrInvalid, t.Member.ID, t.MemberID)
		}
		m := *t.Member
		m.V, m.CreatedAt, m.PausedUntil = recordVersion, orNow(m.CreatedAt, at).UTC(), utc(m.PausedUntil)
		p.member = &m
	}
	if t.EventID != "" && seenEvent(tx, t.EventID) {
		return nil, fmt.Errorf("%w: event %s", ErrDuplicate, t.EventID)
	}
	if t.Goal != nil {
		g, err := prepareGoal(tx, *t.Goal, at)
		if err != nil {
			return nil, err
		}
		p.goal = &g
	}
	for _, st := range t.NewSteps {
		st, _, err := prepareStep(tx, st, at, p.goal)
		if err != nil {
			return nil, err
		}
		p.newSteps = append(p.newSteps, st)
	}
	seen := make(map[uint64]bool, len(t.Done))
	for _, id := range t.Done {
		if seen[id] {
			continue
		}
		seen[id] = true
		st, key, err := loadStep(tx, id)
		if err != nil {
			return nil, err
		}
		if st.MemberID != t.MemberID {
			return nil, fmt.Errorf("%w: step %d belongs to another member", ErrInvalid, id)
		}
		if st.Done() {
			continue
		}
		st.V = recordVersion
		st.DoneAt = at
		p.done = append(p.done, st)
		p.doneKeys = append(p.doneKeys, key)
	}
	if t.CheckIn != nil {
		c, key, err := prepareCheckIn(tx, *t.CheckIn, at)
		if err != nil {
			return nil, err
		}
		p.checkIn, p.checkInAt = &c, key
	}
	for _, g := range t.Goals {
		g, err := prepareGoal(tx, g, at)
		if err != nil {
			return nil, err
		}
		p.goals = append(p.goals, g)
	}
	for _, st := range t.EditSteps {
		st, key, err := prepareStep(tx, st, at, nil)
		if err != nil {
			return nil, err
		}
		p.edits, p.editKeys = append(p.edits, st), append(p.editKeys, key)
	}
	for _, id := range t.DeleteSteps {
		st, key, err := loadStep(tx, id)
		if err != nil {
			return nil, err
		}
		if st.MemberID != t.MemberID {
			return nil, fmt.Errorf("%w: step %d belongs to another member", ErrInvalid, id)
		}
		p.deletes, p.delKeys = append(p.deletes, id), append(p.delKeys, key)
	}
	return p, nil
}

// write applies a planned turn. Errors here are bbolt's (or encoding)
// errors; the committer then retries the turn in a transaction of its own.
func (p *turnPlan) write(tx *bolt.Tx, res *TurnResult) error {
	if p.member != nil {
		if err := putJSON(tx.Bucket(bMembers), []byte(p.member.ID), p.member); err != nil {
			return err
		}
	}
	if p.eventID != "" {
		if err := putEvent(tx, p.eventID, u64(nanoKey(p.at))); err != nil {
			return err
		}
	}
	if p.inboxSeq != 0 {
		if err := settleInbox(tx, p.inboxSeq, p.at); err != nil {
			return err
		}
	}
	for _, o := range p.outbox {
		if err := writeOutgoing(tx, &o, p.at); err != nil {
			return err
		}
		res.OutboxIDs = append(res.OutboxIDs, o.ID)
	}
	conv := tx.Bucket(bConversations)
	if p.state == nil {
		if err := conv.Delete([]byte(p.memberID)); err != nil {
			return err
		}
	} else if err := putValue(conv, []byte(p.memberID), p.state); err != nil {
		return err
	}
	if p.goal != nil {
		g := *p.goal
		if err := writeGoal(tx, &g); err != nil {
			return err
		}
		res.GoalID = g.ID
	}
	for _, st := range p.newSteps {
		if st.GoalID == 0 {
			st.GoalID = res.GoalID
		}
		if err := writeStep(tx, &st, nil); err != nil {
			return err
		}
		res.StepIDs = append(res.StepIDs, st.ID)
	}
	steps := tx.Bucket(bSteps)
	for i, st := range p.done {
		if err := putJSON(steps, p.doneKeys[i], st); err != nil {
			return err
		}
	}
	if p.checkIn != nil {
		c := *p.checkIn
		if err := writeCheckIn(tx, &c, p.checkInAt); err != nil {
			return err
		}
		res.CheckInID = c.ID
	}
	for _, g := range p.goals {
		if err := writeGoal(tx, &g); err != nil {
			return err
		}
	}
	for i, st := range p.edits {
		if err := writeStep(tx, &st, p.editKeys[i]); err != nil {
			return err
		}
	}
	for i, id := range p.deletes {
		if err := steps.Delete(p.delKeys[i]); err != nil {
			return err
		}
		if err := tx.Bucket(bStepIDs).Delete(u64(id)); err != nil {
			return err
		}
	}
	return nil
}

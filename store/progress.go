package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Progress, session by session: what charts of progress and the exports
// for a program's records read. A group's facilitators see of each member
// only what that member shares with the group (Group.SharingOf), and never
// an answer the member kept just for themself. A group's rows also say
// whether the member came, as the session's recap (recaps.go) has it.

// ProgressRow is one member at one session.
type ProgressRow struct {
	MemberID string    `json:"member_id"`
	Name     string    `json:"name,omitempty"`
	Session  time.Time `json:"session"`
	// Sharing is what the member shares with the group; a member's own
	// rows say ShareAll.
	Sharing   Sharing `json:"sharing"`
	CheckedIn bool    `json:"checked_in"`
	// StepsDone counts the member's steps marked done since the session
	// before; StepsPlanned their steps due in that time, and those done in it
	// ahead of their day. Both are nil when
	// the member keeps their steps to themself (ShareCheckedIn).
	StepsDone    *int `json:"steps_done,omitempty"`
	StepsPlanned *int `json:"steps_planned,omitempty"`
	// Did, Barrier and Plan are the member's words at that check-in, only
	// when they share everything (ShareAll), less what they kept just for
	// themself.
	Did     string `json:"did,omitempty"`
	Barrier string `json:"barrier,omitempty"`
	Plan    string `json:"plan,omitempty"`
	// Attended is whether the session's recap lists the member as there:
	// nil when the session has no recap, or when the member keeps their
	// steps to themself (ShareCheckedIn), as a recap names only those who
	// share their steps. Set only in a group's rows.
	Attended *bool `json:"attended,omitempty"`
}

// Done is StepsDone, 0 when not shared.
func (r ProgressRow) Done() int { return deref(r.StepsDone) }

// Planned is StepsPlanned, 0 when not shared.
func (r ProgressRow) Planned() int { return deref(r.StepsPlanned) }

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// Progress is a group's (or one member's own) sessions and, for each
// member, one row per session: Rows are member by member, in the order of
// the group's roster, and session by session, oldest first.
type Progress struct {
	V         int    `json:"v"`
	GroupID   string `json:"group_id,omitempty"`
	GroupName string `json:"group_name,omitempty"`
	// TZ is the group's zone: the CSV's session dates are its calendar's.
	TZ       string        `json:"tz,omitempty"`
	Sessions []time.Time   `json:"sessions"`
	Rows     []ProgressRow `json:"rows"`
	// FinishedSteps is every step the member has finished, ever: the
	// stones of their cairn. Set only for a member's own progress.
	FinishedSteps int `json:"finished_steps,omitempty"`
}

// ProgressQuery selects sessions. Sessions, when given (a group's schedule,
// computed by the caller), are used within [Since, Until); without them the
// sessions are those the check-ins were made for.
type ProgressQuery struct {
	Sessions     []time.Time
	Since, Until time.Time // zero: no bound
	// Last, when above zero, keeps only the latest Last sessions.
	Last int
}

// defaultGap is the span before a first session that counts for it when
// there is no session before to measure from: a week, as most groups meet.
const defaultGap = 7 * 24 * time.Hour

// GroupProgress reads, in one read transaction, each of the group's
// members' check-ins and steps at each selected session, as each member
// shares them with the group. A check-in counts for a session when it was
// made for it, or since the session before; one a member started on their
// own counts only if they are in no other group (as the digest has it).
func (s *Store) GroupProgress(ctx context.Context, groupID string, q ProgressQuery) (Progress, error) {
	var p Progress
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var g Group
		ok, err := getJSON(tx.Bucket(bGroups), []byte(groupID), &g)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotFound
		}
		only, err := onlyGroupMembers(tx, g)
		if err != nil {
			return err
		}
		belongs := func(c CheckIn) bool {
			if c.GroupID != "" {
				return c.GroupID == g.ID
			}
			return only[c.MemberID]
		}
		sessions := q.Sessions
		if sessions == nil {
			if sessions, err = checkInSessions(tx, g.Members, q, belongs); err != nil {
				return err
			}
		}
		sessions = q.pick(sessions)
		p = Progress{V: recordVersion, GroupID: g.ID, GroupName: g.Name, TZ: g.TZ, Sessions: sessions}
		attended, err := recapAttendance(tx, g.ID, sessions)
		if err != nil {
			return err
		}
		for _, id := range g.Members {
			var m Member
			if _, err := getJSON(tx.Bucket(bMembers), []byte(id), &m); err != nil {
				return err
			}
			rows, _, err := memberRows(tx, id, sessions, belongs)
			if err != nil {
				return err
			}
			sh := g.SharingOf(id)
			for i, r := range rows {
				r.Name = m.Name
				if came := attended[i]; came != nil {
					v := came[id]
					r.Attended = &v
				}
				p.Rows = append(p.Rows, shareRow(r, sh))
			}
		}
		return nil
	})
	if err != nil {
		return Progress{}, fmt.Errorf("store: progress of group %s: %w", groupID, err)
	}
	return p, nil
}

// MemberProgress is the member's own progress, for their eyes only: every
// check-in counts, whatever group it was for, and FinishedSteps is set.
func (s *Store) MemberProgress(ctx context.Context, memberID string, q ProgressQuery) (Progress, error) {
	if err := checkID("member", memberID); err != nil {
		return Progress{}, fmt.Errorf("store: progress of member: %w", err)
	}
	var p Progress
	err := s.view(ctx, func(tx *bolt.Tx) error {
		all := func(CheckIn) bool { return true }
		sessions := q.Sessions
		if sessions == nil {
			var err error
			if sessions, err = checkInSessions(tx, []string{memberID}, q, all); err != nil {
				return err
			}
		}
		sessions = q.pick(sessions)
		var m Member
		if _, err := getJSON(tx.Bucket(bMembers), []byte(memberID), &m); err != nil {
			return err
		}
		rows, finished, err := memberRows(tx, memberID, sessions, all)
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].Name = m.Name
		}
		p = Progress{V: recordVersion, Sessions: sessions, Rows: rows, FinishedSteps: finished}
		return nil
	})
	if err != nil {
		return Progress{}, fmt.Errorf("store: progress of %s: %w", memberID, err)
	}
	return p, nil
}

// pick sorts the sessions and keeps those the query selects.
func (q ProgressQuery) pick(sessions []time.Time) []time.Time {
	out := make([]time.Time, 0, len(sessions))
	for _, t := range sessions {
		if (q.Since.IsZero() || !t.Before(q.Since)) && (q.Until.IsZero() || t.Before(q.Until)) {
			out = append(out, t.UTC())
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	out = slices.CompactFunc(out, time.Time.Equal)
	if q.Last > 0 && len(out) > q.Last {
		out = out[len(out)-q.Last:]
	}
	return out
}

// onlyGroupMembers are g's members who are members of no other group: a
// check-in they start on their own is for g.
func onlyGroupMembers(tx *bolt.Tx, g Group) (map[string]bool, error) {
	only := make(map[string]bool, len(g.Members))
	for _, id := range g.Members {
		only[id] = true
	}
	b := tx.Bucket(bGroups)
	err := b.ForEach(func(k, v []byte) error {
		if string(k) == g.ID {
			return nil
		}
		var o Group
		if err := decodeValue(b, k, v, &o); err != nil {
			return fmt.Errorf("decode group %q: %w", k, err)
		}
		for _, id := range o.Members {
			delete(only, id)
		}
		return nil
	})
	return only, err
}

// checkInSessions are the sessions the members' check-ins that belong were
// made for, within the query's bounds (pick sorts and dedupes them).
func checkInSessions(tx *bolt.Tx, members []string, q ProgressQuery, belongs func(CheckIn) bool) ([]time.Time, error) {
	var from, to time.Time // eachCheckIn's bounds: from < SessionAt <= to
	if !q.Since.IsZero() {
		from = q.Since.Add(-time.Nanosecond)
	}
	if !q.Until.IsZero() {
		to = q.Until.Add(-time.Nanosecond)
	}
	var out []time.Time
	for _, id := range members {
		err := eachCheckIn(tx, id, from, to, func(c CheckIn) error {
			if belongs(c) {
				out = append(out, c.SessionAt)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// eachCheckIn calls fn with the member's check-ins with from < SessionAt
// <= to, oldest first (zero bounds: none).
func eachCheckIn(tx *bolt.Tx, memberID string, from, to time.Time, fn func(CheckIn) error) error {
	prefix := memberPrefix(memberID)
	lo := prefix
	if !from.IsZero() {
		lo = binary.BigEndian.AppendUint64(bytes.Clone(prefix), nanoKey(from.Add(time.Nanosecond)))
	}
	hi := append(bytes.Clone(prefix[:len(prefix)-1]), 1) // just past the member's keys
	if !to.IsZero() {
		hi = binary.BigEndian.AppendUint64(bytes.Clone(prefix), nanoKey(to.Add(time.Nanosecond)))
	}
	b := tx.Bucket(bCheckIns)
	c := b.Cursor()
	for k, v := c.Seek(lo); k != nil && bytes.Compare(k, hi) < 0; k, v = c.Next() {
		var x CheckIn
		if err := decodeValue(b, k, v, &x); err != nil {
			return fmt.Errorf("decode check-in at %x: %w", k, err)
		}
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}

// window is the span that counts for session i: after the session before
// it, up to and including the session itself.
func window(sessions []time.Time, i int) (from, to time.Time) {
	to = sessions[i]
	switch {
	case i > 0:
		from = sessions[i-1]
	case len(sessions) > 1:
		from = to.Add(-sessions[1].Sub(sessions[0]))
	default:
		from = to.Add(-defaultGap)
	}
	return from, to
}

// memberRows is one row per session for a member, everything included,
// and how many steps they have finished in all.
func memberRows(tx *bolt.Tx, memberID string, sessions []time.Time, belongs func(CheckIn) bool) ([]ProgressRow, int, error) {
	goals, err := memberGoals(tx, memberID)
	if err != nil {
		return nil, 0, err
	}
	var steps []Step
	for _, g := range goals {
		st, err := goalSteps(tx, g.ID)
		if err != nil {
			return nil, 0, err
		}
		steps = append(steps, st...)
	}
	finished := 0
	for _, st := range steps {
		if st.Done() {
			finished++
		}
	}
	rows := make([]ProgressRow, len(sessions))
	for i := range sessions {
		rows[i] = ProgressRow{MemberID: memberID, Session: sessions[i], Sharing: ShareAll}
	}
	if len(sessions) == 0 {
		return rows, finished, nil
	}
	// One pass over the member's check-ins in the whole span; within a
	// window the latest that belongs wins.
	first, _ := window(sessions, 0)
	i := 0
	err = eachCheckIn(tx, memberID, first, sessions[len(sessions)-1], func(c CheckIn) error {
		for i < len(sessions) && c.SessionAt.After(sessions[i]) {
			i++
		}
		if i == len(sessions) || !belongs(c) {
			return nil
		}
		r := &rows[i]
		r.CheckedIn = true
		r.Did, r.Barrier, r.Plan = c.Did, c.Barrier, c.Plan
		if slices.Contains(c.Private, "did") {
			r.Did = ""
		}
		if slices.Contains(c.Private, "barrier") {
			r.Barrier = ""
		}
		if slices.Contains(c.Private, "plan") {
			r.Plan = ""
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	for i := range rows {
		from, to := window(sessions, i)
		done, planned := 0, 0
		for _, st := range steps {
			doneHere := in(st.DoneAt, from, to)
			if doneHere {
				done++
			}
			// A step done early (due later) was planned for the span it was
			// done in too: never "1 done of 0 planned".
			doneBefore := !st.DoneAt.IsZero() && !st.DoneAt.After(from)
			if in(st.Due, from, to) && !doneBefore || doneHere && st.Due.After(to) {
				planned++
			}
		}
		rows[i].StepsDone, rows[i].StepsPlanned = &done, &planned
	}
	return rows, finished, nil
}

// recapAttendance is, for each session, who its recap lists as there (nil
// for a session without a recap). It walks the group's recaps once, from
// the first session on. Sets, not lists: a big group's year is 52,000
// look-ups.
func recapAttendance(tx *bolt.Tx, groupID string, sessions []time.Time) ([]map[string]bool, error) {
	out := make([]map[string]bool, len(sessions))
	b := tx.Bucket(bRecaps)
	if b == nil || len(sessions) == 0 {
		return out, nil
	}
	at := make(map[int64]int, len(sessions))
	for i, t := range sessions {
		at[t.UnixNano()] = i
	}
	prefix := memberPrefix(groupID)
	c := b.Cursor()
	for k, v := c.Seek(recapKey(groupID, sessions[0])); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r Recap
		if err := decodeValue(b, k, v, &r); err != nil {
			return nil, fmt.Errorf("decode a recap of %s: %w", groupID, err)
		}
		if r.Session.After(sessions[len(sessions)-1]) {
			break
		}
		if i, ok := at[r.Session.UnixNano()]; ok {
			came := make(map[string]bool, len(r.Attended)) // not nil: the session has a recap
			for _, id := range r.Attended {
				came[id] = true
			}
			out[i] = came
		}
	}
	return out, nil
}

// in reports from < t <= to, for a set t.
func in(t, from, to time.Time) bool { return !t.IsZero() && t.After(from) && !t.After(to) }

// shareRow keeps of a row what the member shares with the group.
func shareRow(r ProgressRow, sh Sharing) ProgressRow {
	r.Sharing = sh
	if sh != ShareAll {
		r.Did, r.Barrier, r.Plan = "", "", ""
	}
	if sh == ShareCheckedIn {
		r.StepsDone, r.StepsPlanned, r.Attended = nil, nil, nil
	}
	return r
}

// ProgressColumns are the CSV export's columns, in order: names for a
// file's reader, stable across releases and languages.
var ProgressColumns = []string{"group_id", "group_name", "session", "session_date", "member_id", "name", "sharing",
	"checked_in", "steps_done", "steps_planned", "did", "in_the_way", "plan", "attended"}

// WriteCSV writes the progress as CSV, one row per member per session, with
// a header. A step count the member does not share is an empty cell, and so
// is attendance (yes or no) when the session has no recap or the member
// does not share it. A cell
// a spreadsheet would read as a formula is prefixed with ' (see cell).
func (p Progress) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ProgressColumns); err != nil {
		return fmt.Errorf("store: write progress csv: %w", err)
	}
	count := func(n *int) string {
		if n == nil {
			return ""
		}
		return strconv.Itoa(*n)
	}
	loc, err := time.LoadLocation(p.TZ)
	if err != nil {
		loc = time.UTC // a zone this host does not know: dates in UTC, as the session column
	}
	rec := make([]string, len(ProgressColumns))
	for _, r := range p.Rows {
		rec[0], rec[1] = cell(p.GroupID), cell(p.GroupName)
		rec[2], rec[3] = r.Session.UTC().Format(time.RFC3339), r.Session.In(loc).Format(time.DateOnly)
		rec[4], rec[5], rec[6] = cell(r.MemberID), cell(r.Name), string(r.Sharing)
		rec[7], rec[8], rec[9] = strconv.FormatBool(r.CheckedIn), count(r.StepsDone), count(r.StepsPlanned)
		rec[10], rec[11], rec[12] = cell(r.Did), cell(r.Barrier), cell(r.Plan)
		rec[13] = yesNo(r.Attended)
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("store: write progress csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("store: write progress csv: %w", err)
	}
	return nil
}

// yesNo is attendance in a CSV cell: yes, no, or empty when not known.
func yesNo(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

// WriteJSON writes the progress as one indented JSON document.
func (p Progress) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("store: write progress json: %w", err)
	}
	return nil
}

// cell defuses CSV injection: a spreadsheet runs a cell starting with = +
// - @ (or a tab or carriage return before one) as a formula, so such a
// cell is prefixed with ' and read as text.
func cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

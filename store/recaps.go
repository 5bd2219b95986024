package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Session recaps: what a facilitator wrote after a group session, kept with
// the session, and the drafts of recaps not posted yet. The buckets are
// created on first write, so files from before them need no migration.

var (
	bRecaps      = []byte("recaps")       // group id, 0, session time → Recap
	bRecapDrafts = []byte("recap_drafts") // group id, 0, session time, facilitator id → Recap
)

// Highlight kinds: what of a member's check-in or steps a recap names.
const (
	HighlightDid      = "did"      // what they did since the last session
	HighlightPlan     = "plan"     // what they plan next
	HighlightPractise = "practise" // a step they practised in the group
)

// RecapHighlight is one thing a member shared that the facilitator ticked
// for the recap, with the member's words as they were when it was ticked.
type RecapHighlight struct {
	MemberID string `json:"member_id"`
	Kind     string `json:"kind"`
	StepID   uint64 `json:"step_id,omitempty"` // for HighlightPractise
	Text     string `json:"text"`
}

// Recap is a facilitator's summary of one group session.
type Recap struct {
	V       int       `json:"v"`
	GroupID string    `json:"group_id"`
	Session time.Time `json:"session"`
	By      string    `json:"by"` // the facilitator who last saved it
	// Where is the channel's name as Slack gave it at the save, for the
	// members' DMs ("" when saved from the App Home).
	Where     string   `json:"where,omitempty"`
	Attended  []string `json:"attended,omitempty"`
	Themes    string   `json:"themes,omitempty"`
	Wins      string   `json:"wins,omitempty"`
	NextSteps string   `json:"next_steps,omitempty"`
	// NextSession is the date of the next session (midnight UTC of it),
	// as the facilitator confirmed or moved it; zero if none.
	NextSession time.Time        `json:"next_session,omitzero"`
	Highlights  []RecapHighlight `json:"highlights,omitempty"`
	// Channel and TS are the channel message once posted. Posting says a
	// post was attempted and may have arrived: look for it before posting
	// again.
	Channel  string    `json:"channel,omitempty"`
	TS       string    `json:"ts,omitempty"`
	Posting  bool      `json:"posting,omitempty"`
	PostedAt time.Time `json:"posted_at,omitzero"`
	// Publish says the channel does not show this version yet: set by each
	// save, cleared once it is posted (or updated) and its members told,
	// so a recap Cairn was stopped before posting is posted on the next
	// start. Tell says the members who came are still to be told (set by
	// the first post, cleared in the commit that stages their DMs).
	Publish   bool      `json:"publish,omitempty"`
	Tell      bool      `json:"tell,omitempty"`
	ToldAt    time.Time `json:"told_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Posted reports whether the recap's channel message exists.
func (r Recap) Posted() bool { return r.TS != "" }

func recapKey(groupID string, session time.Time) []byte {
	return binary.BigEndian.AppendUint64(memberPrefix(groupID), nanoKey(session))
}

func draftKey(groupID string, session time.Time, user string) []byte {
	return append(recapKey(groupID, session), user...)
}

// SaveRecap saves the recap of r.GroupID's session r.Session, new or
// edited, and in the same commit marks the steps it names as practised
// (Step.PractisedAt, kept when already set), removes the drafts of that
// session, and marks key (the submission's) handled: a replay is
// ErrDuplicate and changes nothing. The post's fields (Channel, TS,
// Posting, PostedAt, Tell, ToldAt) are the stored ones, whatever r says,
// and Publish is set: the channel is behind until RecapPublished. It returns the
// recap as saved and whether it is the session's first.
func (s *Store) SaveRecap(ctx context.Context, r Recap, key string) (saved Recap, first bool, err error) {
	if err := checkID("group", r.GroupID); err != nil {
		return Recap{}, false, fmt.Errorf("store: save recap: %w", err)
	}
	if err := checkKeyTime("session", r.Session); err != nil {
		return Recap{}, false, fmt.Errorf("store: save recap of %s: %w", r.GroupID, err)
	}
	now := s.now()
	err = s.update(ctx, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bRecaps)
		if err != nil {
			return err
		}
		if err := checkKey(tx, key); err != nil {
			return err
		}
		k := recapKey(r.GroupID, r.Session)
		var old Recap
		found, err := getJSON(b, k, &old)
		if err != nil {
			return err
		}
		rec := r
		rec.V, rec.Session, rec.NextSession = recordVersion, r.Session.UTC(), utc(r.NextSession)
		rec.Channel, rec.TS, rec.Posting, rec.PostedAt = old.Channel, old.TS, old.Posting, old.PostedAt
		rec.Publish, rec.Tell, rec.ToldAt = true, old.Tell, old.ToldAt
		if rec.Where == "" {
			rec.Where = old.Where // saved from the App Home, which has no channel name
		}
		rec.CreatedAt, rec.UpdatedAt = orNow(old.CreatedAt, now), now
		first = !found
		for _, h := range rec.Highlights {
			if h.Kind != HighlightPractise {
				continue
			}
			if err := practised(tx, h, now); err != nil {
				return err
			}
		}
		if err := putJSON(b, k, rec); err != nil {
			return err
		}
		if d := tx.Bucket(bRecapDrafts); d != nil {
			for _, dk := range prefixKeys(d, k) {
				if err := d.Delete(dk); err != nil {
					return err
				}
			}
		}
		saved = rec
		return markKey(tx, key, now)
	})
	if err != nil {
		return Recap{}, false, fmt.Errorf("store: save recap of %s at %v: %w", r.GroupID, r.Session, err)
	}
	return saved, first, nil
}

// practised marks h's step practised at now, unless it already was. A step
// that is gone, or is not the member's, is rejected: the recap names it.
func practised(tx *bolt.Tx, h RecapHighlight, now time.Time) error {
	st, key, err := loadStep(tx, h.StepID)
	if err != nil {
		return reject(err)
	}
	if st.MemberID != h.MemberID {
		return reject(fmt.Errorf("%w: step %d is not %s's", ErrInvalid, h.StepID, h.MemberID))
	}
	if !st.PractisedAt.IsZero() {
		return nil
	}
	st.PractisedAt = now
	return putJSON(tx.Bucket(bSteps), key, st)
}

// Recap is the recap of groupID's session, or ErrNotFound.
func (s *Store) Recap(ctx context.Context, groupID string, session time.Time) (Recap, error) {
	var r Recap
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bRecaps)
		if b == nil {
			return ErrNotFound
		}
		ok, err := getJSON(b, recapKey(groupID, session), &r)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return Recap{}, fmt.Errorf("store: recap of %s at %v: %w", groupID, session, err)
	}
	return r, nil
}

// Recaps are groupID's recaps of sessions at or after since, oldest first.
func (s *Store) Recaps(ctx context.Context, groupID string, since time.Time) ([]Recap, error) {
	var out []Recap
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bRecaps)
		if b == nil {
			return nil
		}
		prefix := memberPrefix(groupID)
		c := b.Cursor()
		for k, v := c.Seek(recapKey(groupID, since)); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var r Recap
			if err := decodeValue(b, k, v, &r); err != nil {
				return fmt.Errorf("decode a recap of %s: %w", groupID, err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: recaps of %s: %w", groupID, err)
	}
	return out, nil
}

// SetRecapPost records where the recap's channel message is. With ts empty
// it records only that a post is being attempted (Posting), so a post that
// timed out is looked for before it is sent again. It reports whether this
// is the recap's first post (it had no message before).
func (s *Store) SetRecapPost(ctx context.Context, groupID string, session time.Time, channel, ts string) (first bool, err error) {
	now := s.now()
	err = s.update(ctx, func(tx *bolt.Tx) error {
		b, k, r, err := savedRecap(tx, groupID, session)
		if err != nil {
			return reject(err)
		}
		first = false
		if ts == "" {
			r.Posting = true
		} else {
			first = r.TS == ""
			r.Channel, r.TS, r.Posting = channel, ts, false
			if first {
				// Told in a later commit (TellRecap): a stop in between
				// leaves Tell set for the next start.
				r.PostedAt, r.Tell = now, r.ToldAt.IsZero()
			}
		}
		return putJSON(b, k, r)
	})
	if err != nil {
		return false, fmt.Errorf("store: record the post of recap %s at %v: %w", groupID, session, err)
	}
	return first, nil
}

// TellRecap stages msgs (the DMs to the members who came) in the outbox
// and clears the recap's Tell, in one commit: each DM is staged once, even
// across a stop. When the members were told already it stages nothing and
// returns told false.
func (s *Store) TellRecap(ctx context.Context, groupID string, session time.Time, msgs []Outgoing) (ids []uint64, told bool, err error) {
	for _, o := range msgs {
		if err := checkOutgoing(o, ""); err != nil {
			return nil, false, fmt.Errorf("store: tell recap of %s: %w", groupID, err)
		}
	}
	now := s.now()
	err = s.update(ctx, func(tx *bolt.Tx) error {
		ids, told = nil, false
		b, k, r, err := savedRecap(tx, groupID, session)
		if err != nil {
			return reject(err)
		}
		if !r.Tell {
			return nil
		}
		for _, o := range msgs {
			if err := writeOutgoing(tx, &o, now); err != nil {
				return err
			}
			ids = append(ids, o.ID)
		}
		r.Tell, r.ToldAt, told = false, now, true
		return putJSON(b, k, r)
	})
	if err != nil {
		return nil, false, fmt.Errorf("store: tell recap of %s at %v: %w", groupID, session, err)
	}
	return ids, told, nil
}

// RecapPublished records that the channel shows the recap as saved at
// version (its UpdatedAt): Publish is cleared unless it was saved again
// since, so an edit made while an older version was posted is not lost.
func (s *Store) RecapPublished(ctx context.Context, groupID string, session, version time.Time) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b, k, r, err := savedRecap(tx, groupID, session)
		if err != nil {
			return reject(err)
		}
		if !r.Publish || !r.UpdatedAt.Equal(version) {
			return nil
		}
		r.Publish = false
		return putJSON(b, k, r)
	})
	if err != nil {
		return fmt.Errorf("store: record recap of %s at %v published: %w", groupID, session, err)
	}
	return nil
}

// UnpublishedRecaps are the recaps the channel is behind on (Publish or
// Tell set, or never posted), oldest session first within each group. It
// reads every recap: it runs once at start.
func (s *Store) UnpublishedRecaps(ctx context.Context) ([]Recap, error) {
	var out []Recap
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bRecaps)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var r Recap
			if err := decodeValue(b, k, v, &r); err != nil {
				return fmt.Errorf("decode recap at %x: %w", k, err)
			}
			if r.Publish || r.Tell || !r.Posted() {
				out = append(out, r)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: unpublished recaps: %w", err)
	}
	return out, nil
}

// SaveRecapDraft keeps a facilitator's unfinished recap of a session, so
// that reopening the form brings it back.
func (s *Store) SaveRecapDraft(ctx context.Context, r Recap, user string) error {
	if err := checkID("group", r.GroupID); err != nil {
		return fmt.Errorf("store: save recap draft: %w", err)
	}
	if err := checkID("user", user); err != nil {
		return fmt.Errorf("store: save recap draft: %w", err)
	}
	r.V, r.Session, r.By, r.UpdatedAt = recordVersion, r.Session.UTC(), user, s.now()
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bRecapDrafts)
		if err != nil {
			return err
		}
		return putJSON(b, draftKey(r.GroupID, r.Session, user), r)
	})
	if err != nil {
		return fmt.Errorf("store: save recap draft of %s at %v: %w", r.GroupID, r.Session, err)
	}
	return nil
}

// RecapDraft is user's draft of groupID's session recap, or ErrNotFound.
func (s *Store) RecapDraft(ctx context.Context, groupID string, session time.Time, user string) (Recap, error) {
	var r Recap
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bRecapDrafts)
		if b == nil {
			return ErrNotFound
		}
		ok, err := getJSON(b, draftKey(groupID, session, user), &r)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return Recap{}, fmt.Errorf("store: recap draft of %s at %v: %w", groupID, session, err)
	}
	return r, nil
}

// Practised lists the IDs of steps r marks practised.
func (r Recap) Practised() []uint64 {
	var ids []uint64
	for _, h := range r.Highlights {
		if h.Kind == HighlightPractise && !slices.Contains(ids, h.StepID) {
			ids = append(ids, h.StepID)
		}
	}
	return ids
}

// deleteFromRecaps takes a person out of every recap and draft (see
// DeleteMemberData): their attendance and highlights go, their own drafts
// go, and a recap they wrote no longer names them. The channel message
// Slack holds is not Cairn's to change.
func deleteFromRecaps(tx *bolt.Tx, person string) error {
	drop := func(r *Recap) bool {
		changed := false
		if i := slices.Index(r.Attended, person); i >= 0 {
			r.Attended, changed = slices.Delete(r.Attended, i, i+1), true
		}
		if n := len(r.Highlights); n > 0 {
			r.Highlights = slices.DeleteFunc(r.Highlights, func(h RecapHighlight) bool { return h.MemberID == person })
			changed = changed || len(r.Highlights) != n
		}
		if r.By == person {
			r.By, changed = "", true
		}
		return changed
	}
	for _, name := range [][]byte{bRecaps, bRecapDrafts} {
		b := tx.Bucket(name)
		if b == nil {
			continue
		}
		var keys [][]byte
		c := b.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			keys = append(keys, bytes.Clone(k))
		}
		for _, k := range keys {
			var r Recap
			if _, err := getJSON(b, k, &r); err != nil {
				return err
			}
			if bytes.Equal(name, bRecapDrafts) && r.By == person {
				if err := b.Delete(k); err != nil { // a draft is its writer's
					return err
				}
				continue
			}
			if drop(&r) {
				if err := putJSON(b, k, r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// recapsOf is what the posted recaps hold of person, oldest first, for
// "my data": whether they attended, and their own highlights.
func recapsOf(tx *bolt.Tx, person string) ([]ExportRecap, error) {
	b := tx.Bucket(bRecaps)
	if b == nil {
		return nil, nil
	}
	var out []ExportRecap
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		var r Recap
		if _, err := getJSON(b, k, &r); err != nil {
			return nil, err
		}
		e := ExportRecap{GroupID: r.GroupID, Session: r.Session, Attended: slices.Contains(r.Attended, person)}
		for _, h := range r.Highlights {
			if h.MemberID == person {
				e.Highlights = append(e.Highlights, h)
			}
		}
		if e.Attended || len(e.Highlights) > 0 {
			out = append(out, e)
		}
	}
	return out, nil
}

// savedRecap reads the recap of a group's session inside tx, with its bucket
// and key for writing it back; ErrNotFound when there is none.
func savedRecap(tx *bolt.Tx, groupID string, session time.Time) (*bolt.Bucket, []byte, Recap, error) {
	var r Recap
	b := tx.Bucket(bRecaps)
	if b == nil {
		return nil, nil, r, ErrNotFound
	}
	k := recapKey(groupID, session)
	ok, err := getJSON(b, k, &r)
	if err == nil && !ok {
		err = ErrNotFound
	}
	return b, k, r, err
}

package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Asks for a person: a member asked Cairn to let their navigator or
// facilitator know they would like to talk. The latest ask of each member
// is kept, for the hourly limit and to tell them whom it went to; each one
// is also an audit entry per person told. Neither holds anything the
// member wrote.

// bAlerts holds each member's latest ask.
var bAlerts = []byte("alerts") // member id → Alert

// AuditTalkRequest is the audit What of an ask for a person.
const AuditTalkRequest = "talk request"

// ErrTooSoon: the member asked within the limit; nothing was recorded.
var ErrTooSoon = errors.New("asked too recently")

// Alert is a member's ask for a person, and whom it went to.
type Alert struct {
	V        int       `json:"v"`
	MemberID string    `json:"member_id"`
	At       time.Time `json:"at"`
	GroupID  string    `json:"group_id,omitempty"`
	// Asked are the people told, in order; Navigator says whether they
	// were the member's navigator (else the group's facilitators).
	Asked     []string `json:"asked"`
	Navigator bool     `json:"navigator,omitempty"`
}

// AlertFor is whom member's ask goes to: their navigator in the first
// group where they have one (see Group.NavigatorFor), else the
// facilitators of the first group they joined as a member that has any.
// ok is false when there is nobody to ask.
func AlertFor(groups []Group, member string) (a Alert, ok bool) {
	for _, g := range groups {
		if nav := g.NavigatorFor(member); nav != "" {
			return Alert{MemberID: member, GroupID: g.ID, Asked: []string{nav}, Navigator: true}, true
		}
	}
	for _, g := range groups {
		if !slices.Contains(g.Members, member) {
			continue
		}
		facs := slices.DeleteFunc(slices.Clone(g.Facilitators), func(id string) bool { return id == member })
		if len(facs) > 0 {
			return Alert{MemberID: member, GroupID: g.ID, Asked: facs}, true
		}
	}
	return Alert{}, false
}

// LastAlert is the member's latest ask; ErrNotFound if they never asked.
func (s *Store) LastAlert(ctx context.Context, memberID string) (Alert, error) {
	var a Alert
	err := s.view(ctx, func(tx *bolt.Tx) error {
		a = Alert{}
		b := tx.Bucket(bAlerts)
		if b == nil {
			return ErrNotFound
		}
		ok, err := getJSON(b, []byte(memberID), &a)
		if err == nil && !ok {
			return ErrNotFound
		}
		return err
	})
	if err != nil {
		return Alert{}, fmt.Errorf("store: last alert of %s: %w", memberID, err)
	}
	return a, nil
}

// RecordAlert records an ask, an audit entry for each person asked and the
// messages that tell them and the member, in one commit, unless the member
// asked less than within before a.At: then it returns that ask with
// ErrTooSoon and records nothing. So two asks racing each other send once,
// and an ask recorded is never left without its messages.
func (s *Store) RecordAlert(ctx context.Context, a Alert, within time.Duration, msgs []Outgoing) (prev Alert, ids []uint64, err error) {
	if err := checkID("member", a.MemberID); err != nil {
		return Alert{}, nil, fmt.Errorf("store: record alert: %w", err)
	}
	if len(a.Asked) == 0 {
		return Alert{}, nil, fmt.Errorf("store: record alert of %s: %w: nobody was asked", a.MemberID, ErrInvalid)
	}
	for _, o := range msgs {
		if err := checkOutgoing(o, ""); err != nil {
			return Alert{}, nil, fmt.Errorf("store: record alert of %s: %w", a.MemberID, err)
		}
	}
	now := s.now()
	a.V, a.At = recordVersion, orNow(a.At, now)
	err = s.update(ctx, func(tx *bolt.Tx) error {
		prev, ids = Alert{}, nil // this may run twice; see commit.go
		// Created here rather than at open, like bAudit: most files never
		// hold an ask.
		b, err := tx.CreateBucketIfNotExists(bAlerts)
		if err != nil {
			return err
		}
		ok, err := getJSON(b, []byte(a.MemberID), &prev)
		if err != nil {
			return err
		}
		if ok && a.At.Sub(prev.At) < within {
			return ErrTooSoon
		}
		if err := putJSON(b, []byte(a.MemberID), a); err != nil {
			return err
		}
		var entries []AuditEntry
		for _, p := range a.Asked {
			entries = append(entries, AuditEntry{At: a.At, Actor: p, Subject: a.MemberID, GroupID: a.GroupID, What: AuditTalkRequest})
		}
		if err := appendAudit(tx, now, entries); err != nil {
			return err
		}
		for _, o := range msgs {
			if err := writeOutgoing(tx, &o, now); err != nil {
				return err
			}
			ids = append(ids, o.ID)
		}
		return nil
	})
	switch {
	case errors.Is(err, ErrTooSoon):
		return prev, nil, ErrTooSoon
	case err != nil:
		return Alert{}, nil, fmt.Errorf("store: record alert of %s: %w", a.MemberID, err)
	}
	return Alert{}, ids, nil
}

// deleteAlertOf removes the member's own ask ("forget me"); their audit
// entries go with deleteAuditOf.
func deleteAlertOf(tx *bolt.Tx, memberID string) error {
	b := tx.Bucket(bAlerts)
	if b == nil {
		return nil
	}
	return b.Delete([]byte(memberID))
}

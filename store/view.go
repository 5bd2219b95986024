package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// View is everything shown for one member (App Home, `cairn try`).
type View struct {
	Member      Member // zero if the member has no record yet
	Goals       []GoalSteps
	LastCheckIn *CheckIn // nil if none
	// CheckIns are the member's latest check-ins, newest first (at most
	// RecentCheckIns), for their history.
	CheckIns []CheckIn
	// Conversation is the member's place in a guided flow, nil if none: a
	// conversation turn needs it with the rest, in the same read.
	Conversation *Conversation
}

// GoalSteps is a goal with its steps in due-date order.
type GoalSteps struct {
	Goal  Goal
	Steps []Step
}

// MemberView reads one member's view in one read transaction, through that
// member's keys only, so it costs the same however many members there are.
func (s *Store) MemberView(ctx context.Context, memberID string) (View, error) {
	var v View
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		v, err = memberView(tx, memberID)
		return err
	})
	if err != nil {
		return View{}, fmt.Errorf("store: view of %s: %w", memberID, err)
	}
	return v, nil
}

func memberView(tx *bolt.Tx, memberID string) (View, error) {
	var v View
	if _, err := getJSON(tx.Bucket(bMembers), []byte(memberID), &v.Member); err != nil {
		return View{}, err
	}
	goals, err := memberGoals(tx, memberID)
	if err != nil {
		return View{}, err
	}
	for _, g := range goals {
		steps, err := goalSteps(tx, g.ID)
		if err != nil {
			return View{}, err
		}
		v.Goals = append(v.Goals, GoalSteps{Goal: g, Steps: steps})
	}
	if v.CheckIns, err = recentCheckIns(tx, memberID, RecentCheckIns); err != nil {
		return View{}, err
	}
	if len(v.CheckIns) > 0 {
		last := v.CheckIns[0]
		v.LastCheckIn = &last
	}
	buf, err := getValue(tx.Bucket(bConversations), []byte(memberID))
	if err != nil {
		return View{}, fmt.Errorf("conversation of %s: %w", memberID, err)
	}
	if buf != nil {
		var c Conversation
		if err := decodeConversation(buf, &c); err != nil {
			return View{}, fmt.Errorf("decode conversation of %s: %w", memberID, err)
		}
		v.Conversation = &c
	}
	return v, nil
}

// RecentCheckIns is how many check-ins a member's view holds: a history
// of the last few sessions, not an archive (that is "my data").
const RecentCheckIns = 5

// recentCheckIns reads the member's n latest check-ins (by SessionAt),
// newest first, walking back from the end of their keys.
func recentCheckIns(tx *bolt.Tx, memberID string, n int) ([]CheckIn, error) {
	prefix := memberPrefix(memberID)
	end := append(bytes.Clone(prefix[:len(prefix)-1]), 1) // just past the member's keys
	b := tx.Bucket(bCheckIns)
	c := b.Cursor()
	var k, v []byte
	if k, _ = c.Seek(end); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	var cs []CheckIn
	for ; k != nil && bytes.HasPrefix(k, prefix) && len(cs) < n; k, v = c.Prev() {
		var x CheckIn
		if err := decodeValue(b, k, v, &x); err != nil {
			return nil, fmt.Errorf("decode check-in at %x: %w", k, err)
		}
		cs = append(cs, x)
	}
	return cs, nil
}

// DeleteMemberData removes everything stored about a member, in one
// commit: their record, conversation, goals with their steps, check-ins,
// the deliveries addressed to them, replies waiting to be posted to them,
// inputs of theirs waiting in the inbox, the marks of handled inputs that
// carry their id, their place in every group (a group stays, even one they
// facilitated alone) with what they chose to share there, their being
// anyone's navigator, and the audit entries naming them as reader or as
// read. What remains is an entry saying that a deletion happened, and when
// (see Deletions).
//
// handled are input keys (the request that asked for the deletion) to mark
// handled in the same commit, so a replay of it does nothing; the keys of
// the inputs deleted from the inbox are marked too. The freed
// pages still hold the deleted bytes until Compact. Deleting a member with
// no data is not an error.
func (s *Store) DeleteMemberData(ctx context.Context, memberID string, handled ...string) error {
	if err := checkID("member", memberID); err != nil {
		return fmt.Errorf("store: delete data of member: %w", err)
	}
	at := s.now()
	err := s.update(ctx, func(tx *bolt.Tx) error {
		// Inputs of theirs still waiting are deleted, and marked handled
		// so that a copy already queued in memory is not run after.
		waiting, err := inboxOf(tx, memberID)
		if err != nil {
			return err
		}
		keys := slices.Clone(handled) // this may run twice; see commit.go
		for _, it := range waiting {
			keys = append(keys, it.Key)
		}
		for _, del := range []func(*bolt.Tx, string) error{
			deleteRecords, deleteDeliveriesTo, deleteInboxOf, deleteFromGroups, deleteNavigatorLinks, deleteMarks, deleteAuditOf, deleteAlertOf,
			deleteFromRecaps,
		} {
			if err := del(tx, memberID); err != nil {
				return err
			}
		}
		for _, key := range keys {
			if key != "" && !seenEvent(tx, key) {
				if err := putEvent(tx, key, u64(nanoKey(at))); err != nil {
					return err
				}
			}
		}
		return recordDeletion(tx, at)
	})
	if err != nil {
		return fmt.Errorf("store: delete data of member %s: %w", memberID, err)
	}
	return nil
}

// deleteRecords removes the member's own records and what they index.
func deleteRecords(tx *bolt.Tx, memberID string) error {
	id := []byte(memberID)
	if err := tx.Bucket(bMembers).Delete(id); err != nil {
		return err
	}
	if err := tx.Bucket(bConversations).Delete(id); err != nil {
		return err
	}
	goals, byMember := tx.Bucket(bGoals), tx.Bucket(bGoalsByMember)
	steps, stepIDs := tx.Bucket(bSteps), tx.Bucket(bStepIDs)
	prefix := memberPrefix(memberID)
	for _, ik := range prefixKeys(byMember, prefix) {
		goalKey := ik[len(prefix):]
		for _, sk := range prefixKeys(steps, goalKey) {
			if err := stepIDs.Delete(sk[16:]); err != nil {
				return err
			}
			if err := steps.Delete(sk); err != nil {
				return err
			}
		}
		if err := goals.Delete(goalKey); err != nil {
			return err
		}
		if err := byMember.Delete(ik); err != nil {
			return err
		}
	}
	checkIns, checkInIDs := tx.Bucket(bCheckIns), tx.Bucket(bCheckInIDs)
	for _, ck := range prefixKeys(checkIns, prefix) {
		if err := checkInIDs.Delete(ck[len(ck)-8:]); err != nil {
			return err
		}
		if err := checkIns.Delete(ck); err != nil {
			return err
		}
	}
	outbox, outboxByMember := tx.Bucket(bOutbox), tx.Bucket(bOutboxByMember)
	for _, ok := range prefixKeys(outboxByMember, prefix) {
		if err := outbox.Delete(ok[len(ok)-8:]); err != nil {
			return err
		}
		if err := outboxByMember.Delete(ok); err != nil {
			return err
		}
	}
	return nil
}

// deleteDeliveriesTo removes the deliveries addressed to the member, with
// their index entries.
func deleteDeliveriesTo(tx *bolt.Tx, memberID string) error {
	ds, err := deliveriesTo(tx, memberID)
	if err != nil {
		return err
	}
	b, due, bySession := tx.Bucket(bDeliveries), tx.Bucket(bDeliveriesDue), tx.Bucket(bDeliveriesBySession)
	for _, d := range ds {
		if pending(d.State) {
			if err := due.Delete(dueIndexKey(d)); err != nil {
				return err
			}
		}
		if err := bySession.Delete(sessionIndexKey(d)); err != nil {
			return err
		}
		if err := b.Delete([]byte(d.Key)); err != nil {
			return err
		}
	}
	return nil
}

// deleteInboxOf removes the member's inputs waiting in the inbox.
func deleteInboxOf(tx *bolt.Tx, memberID string) error {
	items, err := inboxOf(tx, memberID)
	if err != nil {
		return err
	}
	inbox, keys := tx.Bucket(bInbox), tx.Bucket(bInboxKeys)
	for _, it := range items {
		if err := keys.Delete([]byte(it.Key)); err != nil {
			return err
		}
		if err := inbox.Delete(u64(it.Seq)); err != nil {
			return err
		}
	}
	return nil
}

// deleteFromGroups takes the member off every group's lists: roles,
// invitations, and navigator links (theirs, and to them).
func deleteFromGroups(tx *bolt.Tx, memberID string) error {
	b := tx.Bucket(bGroups)
	var changed []Group
	err := b.ForEach(func(k, v []byte) error {
		var g Group
		if err := decodeValue(b, k, v, &g); err != nil {
			return fmt.Errorf("decode group %q: %w", k, err)
		}
		_, shares := g.Sharing[memberID]
		if len(rolesIn(g, memberID)) == 0 && !inLinks(g, memberID) && !shares {
			return nil
		}
		leave(&g, memberID)
		delete(g.Sharing, memberID)
		g.V = recordVersion
		changed = append(changed, g)
		return nil
	})
	if err != nil {
		return err
	}
	for _, g := range changed {
		if err := putJSON(b, []byte(g.ID), g); err != nil {
			return err
		}
	}
	return nil
}

// inLinks reports whether id is in g's invitations or navigator links.
func inLinks(g Group, id string) bool {
	if slices.ContainsFunc(g.Invited, func(in Invitation) bool { return in.Person == id }) {
		return true
	}
	for _, m := range []map[string]string{g.NavigatorOf, g.NavigatorAsked} {
		for member, nav := range m {
			if member == id || nav == id {
				return true
			}
		}
	}
	return false
}

// deleteNavigatorLinks leaves the members the person navigated without a
// navigator.
func deleteNavigatorLinks(tx *bolt.Tx, memberID string) error {
	b := tx.Bucket(bMembers)
	var changed []Member
	err := b.ForEach(func(k, v []byte) error {
		var m Member
		if err := decodeValue(b, k, v, &m); err != nil {
			return fmt.Errorf("decode member %q: %w", k, err)
		}
		if m.NavigatorID == memberID {
			m.NavigatorID, m.V = "", recordVersion
			changed = append(changed, m)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, m := range changed {
		if err := putJSON(b, []byte(m.ID), m); err != nil {
			return err
		}
	}
	return nil
}

// deleteMarks removes the marks of handled inputs whose key names the
// member (a click or a command is keyed by its user); the others name a
// channel and a timestamp only. They hold no text and expire within a day
// anyway.
func deleteMarks(tx *bolt.Tx, memberID string) error {
	events, byTime := tx.Bucket(bEvents), tx.Bucket(bEventsByTime)
	var keys, timeKeys [][]byte
	err := events.ForEach(func(k, v []byte) error {
		if slices.Contains(strings.Split(string(k), ":"), memberID) {
			keys = append(keys, bytes.Clone(k))
			timeKeys = append(timeKeys, append(bytes.Clone(v), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, k := range keys {
		if err := byTime.Delete(timeKeys[i]); err != nil {
			return err
		}
		if err := events.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// bDeletions records that a member's data was deleted: when, nothing else.
var bDeletions = []byte("deletions") // time key, sequence → Deletion

// Deletion is the trace a deletion leaves: only its time.
type Deletion struct {
	V  int       `json:"v"`
	At time.Time `json:"at"`
}

func recordDeletion(tx *bolt.Tx, at time.Time) error {
	// Created here rather than at open: only files that saw a deletion
	// need it.
	b, err := tx.CreateBucketIfNotExists(bDeletions)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return putJSON(b, binary.BigEndian.AppendUint64(u64(nanoKey(at)), seq), Deletion{V: recordVersion, At: at})
}

// Deletions returns when members' data was deleted, oldest first.
func (s *Store) Deletions(ctx context.Context) ([]Deletion, error) {
	var ds []Deletion
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bDeletions)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var d Deletion
			if err := decodeValue(b, k, v, &d); err != nil {
				return fmt.Errorf("decode deletion %x: %w", k, err)
			}
			ds = append(ds, d)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: deletions: %w", err)
	}
	return ds, nil
}

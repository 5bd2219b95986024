package store

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Export is everything Cairn holds about one member, for "my data". It
// holds their own records only: a group appears with its name and the
// member's roles in it, never with the other people in it.
type Export struct {
	V          int       `json:"v"`
	MemberID   string    `json:"member_id"`
	ExportedAt time.Time `json:"exported_at"`
	// Member is the member's record, nil if there is none.
	Member       *Member           `json:"member"`
	Goals        []ExportGoal      `json:"goals"`
	CheckIns     []CheckIn         `json:"check_ins"`
	Conversation *Conversation     `json:"conversation"` // nil when not in a flow
	Deliveries   []Delivery        `json:"deliveries"`   // scheduled messages addressed to them
	Replies      []Outgoing        `json:"replies_waiting"`
	Inputs       []InboxItem       `json:"inputs_waiting"`
	Groups       []ExportGroupRole `json:"groups"`
	// Audit is who saw the member's data, and when.
	Audit []AuditEntry `json:"seen_by"`
	// Recaps are the session recaps that name the member: as attending,
	// or with their own highlights (only theirs: the rest is the group's).
	Recaps []ExportRecap `json:"recaps,omitempty"`
}

// ExportRecap is what a session recap holds of one member.
type ExportRecap struct {
	GroupID    string           `json:"group_id"`
	Session    time.Time        `json:"session"`
	Attended   bool             `json:"attended"`
	Highlights []RecapHighlight `json:"highlights,omitempty"`
}

// ExportGoal is a goal with its steps.
type ExportGoal struct {
	Goal
	Steps []Step `json:"steps"`
}

// ExportGroupRole is a group the member appears in, and as what.
type ExportGroupRole struct {
	GroupID string   `json:"group_id"`
	Name    string   `json:"name"`
	Roles   []string `json:"roles"` // "member", "facilitator", "navigator"
	// Sharing is what the member lets this group see of their check-ins
	// (set only for a group they are a member of).
	Sharing Sharing `json:"sharing,omitempty"`
	// Invited are the roles they were asked to take and have not joined.
	Invited []Invitation `json:"invited,omitempty"`
	// Navigator is their navigator in this group (they said yes);
	// NavigatorAsked one proposed, waiting for their answer.
	Navigator      string `json:"navigator,omitempty"`
	NavigatorAsked string `json:"navigator_asked,omitempty"`
}

// Empty reports whether Cairn holds nothing about the member.
func (e Export) Empty() bool {
	return e.Member == nil && len(e.Goals) == 0 && len(e.CheckIns) == 0 && e.Conversation == nil &&
		len(e.Deliveries) == 0 && len(e.Replies) == 0 && len(e.Inputs) == 0 && len(e.Groups) == 0 && len(e.Audit) == 0 &&
		len(e.Recaps) == 0
}

// ExportMember reads everything stored about a member in one read
// transaction. It reads the whole delivery, inbox and group buckets (they
// are not indexed by person), which is fine for a request a member makes
// now and then.
func (s *Store) ExportMember(ctx context.Context, memberID string) (Export, error) {
	if err := checkID("member", memberID); err != nil {
		return Export{}, fmt.Errorf("store: export data of member: %w", err)
	}
	e := Export{V: recordVersion, MemberID: memberID, ExportedAt: s.now()}
	err := s.view(ctx, func(tx *bolt.Tx) error {
		v, err := memberView(tx, memberID)
		if err != nil {
			return err
		}
		if v.Member.ID != "" {
			m := v.Member
			e.Member = &m
		}
		for _, g := range v.Goals {
			e.Goals = append(e.Goals, ExportGoal{Goal: g.Goal, Steps: g.Steps})
		}
		e.Conversation = v.Conversation
		cb := tx.Bucket(bCheckIns)
		c := cb.Cursor()
		prefix := memberPrefix(memberID)
		for k, val := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, val = c.Next() {
			var ci CheckIn
			if err := decodeValue(cb, k, val, &ci); err != nil {
				return fmt.Errorf("decode check-in at %x: %w", k, err)
			}
			e.CheckIns = append(e.CheckIns, ci)
		}
		if e.Deliveries, err = deliveriesTo(tx, memberID); err != nil {
			return err
		}
		outbox := tx.Bucket(bOutbox)
		for _, k := range prefixKeys(tx.Bucket(bOutboxByMember), prefix) {
			var o Outgoing
			ok, err := getJSON(outbox, k[len(k)-8:], &o)
			if err != nil {
				return err
			}
			if ok {
				e.Replies = append(e.Replies, o)
			}
		}
		if e.Inputs, err = inboxOf(tx, memberID); err != nil {
			return err
		}
		if e.Recaps, err = recapsOf(tx, memberID); err != nil {
			return err
		}
		audit, err := auditEntries(tx, AuditFilter{Person: memberID})
		if err != nil {
			return err
		}
		for _, a := range audit {
			if a.Subject == memberID { // what they read of others is others' data
				e.Audit = append(e.Audit, a)
			}
		}
		gb := tx.Bucket(bGroups)
		return gb.ForEach(func(k, val []byte) error {
			var g Group
			if err := decodeValue(gb, k, val, &g); err != nil {
				return fmt.Errorf("decode group %q: %w", k, err)
			}
			var invited []Invitation
			for _, in := range g.Invited {
				if in.Person == memberID {
					invited = append(invited, in)
				}
			}
			roles := rolesIn(g, memberID)
			nav, asked := g.NavigatorOf[memberID], g.NavigatorAsked[memberID]
			if len(roles) > 0 || len(invited) > 0 || nav != "" || asked != "" {
				r := ExportGroupRole{GroupID: g.ID, Name: g.Name, Roles: roles,
					Invited: invited, Navigator: nav, NavigatorAsked: asked}
				if slices.Contains(g.Members, memberID) {
					r.Sharing = g.SharingOf(memberID)
				}
				e.Groups = append(e.Groups, r)
			}
			return nil
		})
	})
	if err != nil {
		return Export{}, fmt.Errorf("store: export data of member %s: %w", memberID, err)
	}
	return e, nil
}

// rolesIn lists what the member is in group g.
func rolesIn(g Group, memberID string) []string {
	var roles []string
	if slices.Contains(g.Members, memberID) {
		roles = append(roles, "member")
	}
	if slices.Contains(g.Facilitators, memberID) {
		roles = append(roles, "facilitator")
	}
	if slices.Contains(g.Navigators, memberID) {
		roles = append(roles, "navigator")
	}
	return roles
}

// deliveriesTo reads the deliveries addressed to a member. The recipient is
// the last field of a delivery's key, so only matching keys are decoded.
func deliveriesTo(tx *bolt.Tx, memberID string) ([]Delivery, error) {
	var ds []Delivery
	suffix := "|" + memberID
	b := tx.Bucket(bDeliveries)
	err := b.ForEach(func(k, v []byte) error {
		if !strings.HasSuffix(string(k), suffix) {
			return nil
		}
		var d Delivery
		if err := decodeValue(b, k, v, &d); err != nil {
			return fmt.Errorf("decode delivery %q: %w", k, err)
		}
		if d.Recipient == memberID {
			ds = append(ds, d)
		}
		return nil
	})
	return ds, err
}

// inboxOf reads the member's journaled inputs not yet handled.
func inboxOf(tx *bolt.Tx, memberID string) ([]InboxItem, error) {
	var items []InboxItem
	b := tx.Bucket(bInbox)
	err := b.ForEach(func(k, v []byte) error {
		var it InboxItem
		if err := decodeValue(b, k, v, &it); err != nil {
			return fmt.Errorf("decode inbox item %x: %w", k, err)
		}
		if it.MemberID == memberID {
			items = append(items, it)
		}
		return nil
	})
	return items, err
}

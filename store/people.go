package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Changes to members and groups.
//
// Several writers touch one member: a pause (the DM or /cairn pause), group
// setup, navigator assignment, a zone learned from Slack. Each method here
// reads and writes in one transaction and changes only its own fields, so
// none of them can undo another (reading a record, waiting on Slack and
// saving the whole record back would).
//
// The methods that answer a Slack command or form take a key (e.g. the
// request's trigger_id): it is marked in the same transaction as the change,
// and a request whose key is already marked changes nothing and returns
// ErrDuplicate, so Slack's retry or a replayed request has no second effect.
// An empty key is not deduplicated.

// EnsureMember creates m if no member has its id, and leaves an existing
// record exactly as it is. A zero CreatedAt is stamped with Now.
func (s *Store) EnsureMember(ctx context.Context, m Member) (created bool, err error) {
	if err := checkID("member", m.ID); err != nil {
		return false, fmt.Errorf("store: ensure member: %w", err)
	}
	now := s.now()
	err = s.update(ctx, func(tx *bolt.Tx) error {
		created = false
		b := tx.Bucket(bMembers)
		if b.Get([]byte(m.ID)) != nil {
			return nil
		}
		created = true
		return putMember(b, m, now)
	})
	if err != nil {
		return false, fmt.Errorf("store: ensure member %s: %w", m.ID, err)
	}
	return created, nil
}

// Profile is what Slack says about a person. Empty fields are unknown.
type Profile struct {
	Name string
	TZ   string // IANA zone
	// Locale is Slack's locale for them ("es-MX", "en-US"). It becomes
	// Member.Lang only while Lang is empty or itself a locale Slack gave:
	// never over a language the member chose or was asked about.
	Locale string
}

// SlackMayReplaceLang reports whether Slack's locale may replace a stored
// Member.Lang: an empty one or an earlier locale ("en-US"), never a bare
// language the member chose ("es") or one marked with a private-use part
// ("es-x-asked", see conversations/lang.go).
func SlackMayReplaceLang(stored string) bool {
	return stored == "" || strings.ContainsAny(stored, "-_") && !strings.Contains(stored, "-x-")
}

// SetProfile sets the member's name and zone to what Slack says, changing
// only fields that are given and different. It reports whether anything
// changed; an unknown member is ErrNotFound.
func (s *Store) SetProfile(ctx context.Context, memberID string, p Profile) (changed bool, err error) {
	err = s.changeMember(ctx, memberID, func(m *Member) bool {
		changed = false
		if p.Name != "" && p.Name != m.Name {
			m.Name, changed = p.Name, true
		}
		if p.TZ != "" && p.TZ != m.TZ {
			m.TZ, changed = p.TZ, true
		}
		if p.Locale != "" && p.Locale != m.Lang && SlackMayReplaceLang(m.Lang) {
			m.Lang, changed = p.Locale, true
		}
		return changed
	})
	if err != nil {
		return false, fmt.Errorf("store: set profile of member %s: %w", memberID, err)
	}
	return changed, nil
}

// GroupSettings is what a facilitator's group form sets. A group's
// cancelled sessions and creation time are not settings: SetUpGroup keeps
// them.
type GroupSettings struct {
	ID           string
	Name         string
	Schedule     string
	ScheduleText string
	TZ           string
	Lead         time.Duration
	QuietStart   string
	QuietEnd     string
	// CrisisContacts: see Group.CrisisContacts.
	CrisisContacts string
	// Members, Facilitators and Navigators are who the form names in each
	// role. Only By joins at once; the others are invited (see SetUpGroup).
	Members      []string
	Facilitators []string
	Navigators   []string
	// By is who set the group up or changed it.
	By string
	// AutoNavigator, when set, is proposed as the navigator of every member
	// who has none in this group yet; the member says yes or not.
	AutoNavigator string
}

// SetUp is what SetUpGroup did: the group as saved, who was newly invited
// (to be asked), and which members were newly asked to accept a navigator.
type SetUp struct {
	Group   Group
	Invited []Invitation
	Asked   []string
}

// SetUpGroup creates or changes a group's settings. Nobody is put in a
// group: everyone the form names in a role they have not joined gets an
// invitation (kept, not repeated, if they already have one; a "No thanks"
// stays a no), and only By joins at once, in the roles they named
// themselves in. People the form no longer names leave those roles, with
// their invitations and navigator links. In the same transaction it
// records everyone named who is not a member yet (in the group's zone until
// Slack tells theirs) and proposes AutoNavigator to joined members without
// a navigator here. A key already marked is ErrDuplicate.
func (s *Store) SetUpGroup(ctx context.Context, set GroupSettings, key string) (SetUp, error) {
	if err := checkID("group", set.ID); err != nil {
		return SetUp{}, fmt.Errorf("store: set up group: %w", err)
	}
	now := s.now()
	var done SetUp
	err := s.update(ctx, func(tx *bolt.Tx) error {
		done = SetUp{}
		if err := checkKey(tx, key); err != nil {
			return err
		}
		gb := tx.Bucket(bGroups)
		var g Group
		if _, err := getJSON(gb, []byte(set.ID), &g); err != nil {
			return reject(err)
		}
		g.V, g.ID, g.CreatedAt = recordVersion, set.ID, orNow(g.CreatedAt, now)
		g.Name, g.Schedule, g.ScheduleText, g.TZ, g.Lead = set.Name, set.Schedule, set.ScheduleText, set.TZ, set.Lead
		g.QuietStart, g.QuietEnd, g.CrisisContacts = set.QuietStart, set.QuietEnd, set.CrisisContacts
		people := slices.Compact(slices.Sorted(slices.Values(slices.Concat(set.Members, set.Facilitators, set.Navigators))))
		for _, id := range people {
			if err := checkID("member", id); err != nil {
				return reject(err)
			}
		}
		done.Invited = g.invite(map[Role][]string{
			RoleMember: set.Members, RoleFacilitator: set.Facilitators, RoleNavigator: set.Navigators,
		}, set.By, now)
		if set.AutoNavigator != "" && slices.Contains(set.Navigators, set.AutoNavigator) {
			// Invited members are asked too, once they join (see JoinGroup).
			for _, m := range set.Members {
				if g.propose(m, set.AutoNavigator) && slices.Contains(g.Members, m) {
					done.Asked = append(done.Asked, m)
				}
			}
		}
		mb := tx.Bucket(bMembers)
		for _, id := range people {
			if err := touchMember(mb, id, now, func(m *Member) bool {
				if m.TZ == "" && g.TZ != "" {
					m.TZ = g.TZ
					return true
				}
				return false
			}); err != nil {
				return err
			}
		}
		if err := putJSON(gb, []byte(g.ID), g); err != nil {
			return err
		}
		done.Group = g
		return markKey(tx, key, now)
	})
	if err != nil {
		return SetUp{}, fmt.Errorf("store: set up group %s: %w", set.ID, err)
	}
	return done, nil
}

// CancelSession calls off one session of a group. Cancelling a session
// already called off changes nothing (it is idempotent per session). It
// returns the group as saved; an unknown group is ErrNotFound, a key
// already marked ErrDuplicate (with the group as it is).
func (s *Store) CancelSession(ctx context.Context, groupID string, session time.Time, key string) (Group, error) {
	if err := checkKeyTime("session", session); err != nil {
		return Group{}, fmt.Errorf("store: cancel session of group %s: %w", groupID, err)
	}
	session = session.UTC()
	saved, err := s.changeGroup(ctx, groupID, key, func(g *Group) error {
		if !slices.ContainsFunc(g.Cancelled, session.Equal) {
			g.Cancelled = append(g.Cancelled, session)
		}
		return nil
	})
	if err != nil {
		return saved, fmt.Errorf("store: cancel session %v of group %s: %w", session, groupID, err)
	}
	return saved, nil
}

// touchMember applies change to the member, creating the record first if
// it is missing; it writes only when the record is new or change changed
// it. It may follow other writes, so its errors are not rejections.
func touchMember(b *bolt.Bucket, id string, now time.Time, change func(*Member) bool) error {
	var m Member
	ok, err := getJSON(b, []byte(id), &m)
	if err != nil {
		return err
	}
	if !ok {
		m = Member{ID: id}
	}
	if !change(&m) && ok {
		return nil
	}
	return putMember(b, m, now)
}

func putMember(b *bolt.Bucket, m Member, now time.Time) error {
	m.V, m.CreatedAt, m.PausedUntil = recordVersion, orNow(m.CreatedAt, now), utc(m.PausedUntil)
	return putJSON(b, []byte(m.ID), m)
}

// checkKey refuses, before any change, a request whose key is marked.
func checkKey(tx *bolt.Tx, key string) error {
	if key != "" && seenEvent(tx, key) {
		return reject(fmt.Errorf("%w: request %s", ErrDuplicate, key))
	}
	return nil
}

// markKey marks a request's key, with the time PruneEvents forgets it by.
func markKey(tx *bolt.Tx, key string, now time.Time) error {
	if key == "" {
		return nil
	}
	return putEvent(tx, key, u64(nanoKey(now)))
}

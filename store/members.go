package store

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SaveMember creates or replaces a member. A zero CreatedAt keeps the stored
// one, or is stamped with Now for a new member. It writes the whole record,
// so it is for importing and tests: a change to a member that is running
// goes through a method that changes only its own fields (people.go).
func (s *Store) SaveMember(ctx context.Context, m Member) error {
	if err := checkID("member", m.ID); err != nil {
		return fmt.Errorf("store: save member: %w", err)
	}
	m.V = recordVersion
	m.PausedUntil = utc(m.PausedUntil)
	if err := saveRecord(s, ctx, bMembers, m.ID, m, func(r *Member) *time.Time { return &r.CreatedAt }); err != nil {
		return fmt.Errorf("store: save member %s: %w", m.ID, err)
	}
	return nil
}

// saveRecord puts rec under id in bucket, in one write. A zero creation time
// (created points at it) keeps the stored record's, or is stamped with Now.
func saveRecord[T any](s *Store, ctx context.Context, bucket []byte, id string, rec T, created func(*T) *time.Time) error {
	now := s.now()
	return s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		r := rec // the write may run twice (see commit.go): never change rec
		if at := created(&r); at.IsZero() {
			var old T
			if _, err := getJSON(b, []byte(id), &old); err != nil {
				return reject(err)
			}
			*at = orNow(*created(&old), now)
		}
		*created(&r) = created(&r).UTC()
		return putJSON(b, []byte(id), r)
	})
}

// Member returns the member with that id, or ErrNotFound.
func (s *Store) Member(ctx context.Context, id string) (Member, error) {
	var m Member
	err := s.view(ctx, func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bMembers), []byte(id), &m)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return Member{}, fmt.Errorf("store: member %s: %w", id, err)
	}
	return m, nil
}

// SaveGroup creates or replaces a group. A zero CreatedAt keeps the stored
// one, or is stamped with Now for a new group.
func (s *Store) SaveGroup(ctx context.Context, g Group) error {
	if err := checkID("group", g.ID); err != nil {
		return fmt.Errorf("store: save group: %w", err)
	}
	g.V = recordVersion
	if err := saveRecord(s, ctx, bGroups, g.ID, g, func(r *Group) *time.Time { return &r.CreatedAt }); err != nil {
		return fmt.Errorf("store: save group %s: %w", g.ID, err)
	}
	return nil
}

// Group returns the group with that id, or ErrNotFound.
func (s *Store) Group(ctx context.Context, id string) (Group, error) {
	var g Group
	err := s.view(ctx, func(tx *bolt.Tx) error {
		ok, err := getJSON(tx.Bucket(bGroups), []byte(id), &g)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return Group{}, fmt.Errorf("store: group %s: %w", id, err)
	}
	return g, nil
}

// Groups returns every group, ordered by id. Groups are few (one per
// channel), so this reads the whole bucket.
func (s *Store) Groups(ctx context.Context) ([]Group, error) {
	var gs []Group
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bGroups)
		return b.ForEach(func(k, v []byte) error {
			var g Group
			if err := decodeValue(b, k, v, &g); err != nil {
				return fmt.Errorf("decode group %q: %w", k, err)
			}
			gs = append(gs, g)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: groups: %w", err)
	}
	return gs, nil
}

// DeleteGroup removes a group, or returns ErrNotFound.
func (s *Store) DeleteGroup(ctx context.Context, id string) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bGroups)
		if b.Get([]byte(id)) == nil {
			return reject(ErrNotFound)
		}
		return b.Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("store: delete group %s: %w", id, err)
	}
	return nil
}

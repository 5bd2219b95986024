package store

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SaveMember creates or replaces a member. A zero CreatedAt keeps the stored
// one, or is stamped with Now for a new member.
func (s *Store) SaveMember(ctx context.Context, m Member) error {
	if err := checkID("member", m.ID); err != nil {
		return fmt.Errorf("store: save member: %w", err)
	}
	now := s.now()
	m.V = recordVersion
	m.PausedUntil = utc(m.PausedUntil)
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bMembers)
		rec := m
		if rec.CreatedAt.IsZero() {
			var old Member
			if _, err := getJSON(b, []byte(rec.ID), &old); err != nil {
				return reject(err)
			}
			rec.CreatedAt = orNow(old.CreatedAt, now)
		}
		rec.CreatedAt = rec.CreatedAt.UTC()
		return putJSON(b, []byte(rec.ID), rec)
	})
	if err != nil {
		return fmt.Errorf("store: save member %s: %w", m.ID, err)
	}
	return nil
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
	now := s.now()
	g.V = recordVersion
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bGroups)
		rec := g
		if rec.CreatedAt.IsZero() {
			var old Group
			if _, err := getJSON(b, []byte(rec.ID), &old); err != nil {
				return reject(err)
			}
			rec.CreatedAt = orNow(old.CreatedAt, now)
		}
		rec.CreatedAt = rec.CreatedAt.UTC()
		return putJSON(b, []byte(rec.ID), rec)
	})
	if err != nil {
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
		return tx.Bucket(bGroups).ForEach(func(k, v []byte) error {
			var g Group
			if err := json.Unmarshal(v, &g); err != nil {
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

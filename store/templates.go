package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A group's own goal templates, written by its facilitators and offered to
// its members before the built-in ones. One record per group; the bucket is
// created on first write, so files from before it need no migration.

var bTemplates = []byte("templates") // group id → GroupTemplates

// Limits on a group's templates: a list a member can read on one screen.
const (
	MaxTemplates     = 12
	MaxTemplateSteps = 5
	MaxTemplateText  = 200
)

// Template is one goal template of a group.
type Template struct {
	ID      int       `json:"id"` // unique within the group, never reused
	GroupID string    `json:"group_id"`
	Goal    string    `json:"goal"`
	Steps   []string  `json:"steps,omitempty"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// GroupTemplates is a group's templates, oldest first.
type GroupTemplates struct {
	V       int        `json:"v"`
	GroupID string     `json:"group_id"`
	Next    int        `json:"next"` // the next template's ID
	Items   []Template `json:"items,omitempty"`
}

// AddTemplate adds t to groupID's templates and returns it with its ID.
// An empty goal, too many steps or templates, or text too long is ErrInvalid.
func (s *Store) AddTemplate(ctx context.Context, groupID string, t Template) (Template, error) {
	if err := checkID("group", groupID); err != nil {
		return Template{}, fmt.Errorf("store: add template: %w", err)
	}
	t.Goal = strings.TrimSpace(t.Goal)
	var steps []string
	for _, st := range t.Steps {
		if st = strings.TrimSpace(st); st != "" {
			steps = append(steps, st)
		}
	}
	t.Steps = steps
	switch {
	case t.Goal == "":
		return Template{}, fmt.Errorf("store: add template to %s: %w: empty goal", groupID, ErrInvalid)
	case len(t.Steps) > MaxTemplateSteps:
		return Template{}, fmt.Errorf("store: add template to %s: %w: %d steps, at most %d", groupID, ErrInvalid, len(t.Steps), MaxTemplateSteps)
	case len(t.Goal) > MaxTemplateText || slices.ContainsFunc(t.Steps, func(s string) bool { return len(s) > MaxTemplateText }):
		return Template{}, fmt.Errorf("store: add template to %s: %w: text longer than %d bytes", groupID, ErrInvalid, MaxTemplateText)
	}
	t.At, t.GroupID = orNow(t.At, s.now()).UTC(), groupID
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bTemplates)
		if err != nil {
			return err
		}
		var g GroupTemplates
		if _, err := getJSON(b, []byte(groupID), &g); err != nil {
			return err
		}
		if len(g.Items) >= MaxTemplates {
			return reject(fmt.Errorf("%w: %d templates, at most %d", ErrInvalid, len(g.Items), MaxTemplates))
		}
		g.V, g.GroupID = recordVersion, groupID
		g.Next = max(g.Next, 1)
		t.ID = g.Next
		g.Next++
		g.Items = append(g.Items, t)
		return putJSON(b, []byte(groupID), g)
	})
	if err != nil {
		return Template{}, fmt.Errorf("store: add template to %s: %w", groupID, err)
	}
	return t, nil
}

// RemoveTemplate removes template id of groupID; one not there is ErrNotFound.
func (s *Store) RemoveTemplate(ctx context.Context, groupID string, id int) error {
	err := s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bTemplates)
		if b == nil {
			return reject(ErrNotFound)
		}
		var g GroupTemplates
		if _, err := getJSON(b, []byte(groupID), &g); err != nil {
			return err
		}
		i := slices.IndexFunc(g.Items, func(t Template) bool { return t.ID == id })
		if i < 0 {
			return reject(ErrNotFound)
		}
		g.Items = slices.Delete(g.Items, i, i+1)
		return putJSON(b, []byte(groupID), g)
	})
	if err != nil {
		return fmt.Errorf("store: remove template %d of %s: %w", id, groupID, err)
	}
	return nil
}

// Templates are the templates of the groups named, group by group in the
// order given, each oldest first: one read for all of a member's groups.
func (s *Store) Templates(ctx context.Context, groupIDs ...string) ([]Template, error) {
	var out []Template
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bTemplates)
		if b == nil {
			return nil
		}
		for _, id := range groupIDs {
			var g GroupTemplates
			if _, err := getJSON(b, []byte(id), &g); err != nil {
				return fmt.Errorf("decode templates of %s: %w", id, err)
			}
			out = append(out, g.Items...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: templates: %w", err)
	}
	return out, nil
}

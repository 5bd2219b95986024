package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

func TestStore_Templates(t *testing.T) {
	ctx := context.Background()
	t.Run("AddListRemove", func(t *testing.T) {
		s := MustOpen(t)
		if got, err := s.Templates(ctx, "C1"); err != nil || len(got) != 0 {
			t.Fatalf("before any write: %v, %v", got, err)
		}
		a, err := s.AddTemplate(ctx, "C1", store.Template{Goal: " Join the community garden ", Steps: []string{"Call the parks office", " ", "Visit on a Saturday"}, By: "UF"})
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != 1 || a.Goal != "Join the community garden" || len(a.Steps) != 2 || !a.At.Equal(t0) {
			t.Fatalf("added %+v", a)
		}
		b, err := s.AddTemplate(ctx, "C1", store.Template{Goal: "Cook one meal a week", By: "UF"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddTemplate(ctx, "C2", store.Template{Goal: "Another group's", By: "UG"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Templates(ctx, "C2", "C1", "C3")
		if err != nil {
			t.Fatal(err)
		}
		var goals []string
		for _, tm := range got {
			goals = append(goals, tm.Goal)
		}
		if want := []string{"Another group's", "Join the community garden", "Cook one meal a week"}; !reflect.DeepEqual(goals, want) {
			t.Fatalf("goals = %q, want %q", goals, want)
		}
		if err := s.RemoveTemplate(ctx, "C1", a.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveTemplate(ctx, "C1", a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second remove: %v", err)
		}
		c, err := s.AddTemplate(ctx, "C1", store.Template{Goal: "Third", By: "UF"})
		if err != nil || c.ID == a.ID || c.ID == b.ID {
			t.Fatalf("a removed template's id was reused: %+v %v", c, err)
		}
	})
	t.Run("SealedWhenEncrypted", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "cairn.db")
		key := newKey(t)
		s := openKey(t, path, key)
		if _, err := s.AddTemplate(ctx, "C1", store.Template{Goal: "TemplateGoalWords", Steps: []string{"TemplateStepWords"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte("TemplateGoalWords")) || bytes.Contains(raw, []byte("TemplateStepWords")) {
			t.Fatal("a template is readable in the encrypted file")
		}
		if plain, err := store.PlainValues(path); err != nil || len(plain) > 0 {
			t.Fatalf("values left plain: %q (%v)", plain, err)
		}
		got, err := openKey(t, path, key).Templates(ctx, "C1")
		if err != nil || len(got) != 1 || got[0].Goal != "TemplateGoalWords" {
			t.Fatalf("reopened: %+v, %v", got, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := MustOpen(t)
		if err := s.RemoveTemplate(ctx, "C1", 1); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("remove from an empty file: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		s := MustOpen(t)
		for name, tm := range map[string]store.Template{
			"empty goal": {Goal: "  "},
			"six steps":  {Goal: "g", Steps: []string{"1", "2", "3", "4", "5", "6"}},
			"long step":  {Goal: "g", Steps: []string{strings.Repeat("x", store.MaxTemplateText+1)}},
		} {
			if _, err := s.AddTemplate(ctx, "C1", tm); !errors.Is(err, store.ErrInvalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
		for i := range store.MaxTemplates {
			if _, err := s.AddTemplate(ctx, "C1", store.Template{Goal: "g"}); err != nil {
				t.Fatalf("template %d: %v", i, err)
			}
		}
		if _, err := s.AddTemplate(ctx, "C1", store.Template{Goal: "one too many"}); !errors.Is(err, store.ErrInvalid) {
			t.Fatalf("over the limit: %v", err)
		}
	})
}

//go:build linux

package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cairnbot/cairn/internal/diskfault"
)

func TestStore_Health(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cairn.db")
	s := mustOpenPath(t, path)
	ctx := context.Background()
	if err := s.Health(ctx); err != nil {
		t.Fatalf("healthy store: %v", err)
	}
	t.Run("ReadOnlyDisk", func(t *testing.T) {
		restore, err := diskfault.ReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Health(ctx)
		if rerr := restore(); rerr != nil {
			t.Fatal(rerr)
		}
		if err == nil {
			t.Fatal("a store that cannot write says it is healthy")
		}
		t.Logf("probe: %v", err)
	})
	t.Run("Recovers", func(t *testing.T) {
		if err := s.Health(ctx); err != nil {
			t.Fatalf("writable again: %v", err)
		}
	})
}

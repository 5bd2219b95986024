package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/cairnbot/cairn/store"
)

// rawUpdate changes a closed database file behind the store's back.
func rawUpdate(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCheckFile(t *testing.T) {
	t.Run("Sound", func(t *testing.T) {
		path := fullFile(t)
		r, err := store.CheckFile(path, 0)
		if err != nil || !r.OK() {
			t.Fatalf("report %+v, %v", r.Problems, err)
		}
		if r.Records["members"] != 2000 || r.Schema == 0 {
			t.Fatalf("records %v schema %d", r.Records, r.Schema)
		}
	})
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
		want   string
	}{
		{"RecordDoesNotDecode", func(t *testing.T, path string) {
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket([]byte("members")).Put([]byte("U00007"), []byte(`{"id":`)) })
		}, `members: record "U00007" does not decode`},
		{"IndexPointsNowhere", func(t *testing.T, path string) {
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("step_ids")).Put([]byte{0, 0, 0, 0, 0, 0, 0, 9}, []byte("nothing here"))
			})
		}, "step_ids: index entry"},
		{"BucketMissing", func(t *testing.T, path string) {
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("goals")) })
		}, "bucket goals is missing"},
		{"Truncated", func(t *testing.T, path string) {
			data, _ := os.ReadFile(path)
			if err := os.WriteFile(path, data[:len(data)/2], 0o600); err != nil {
				t.Fatal(err)
			}
		}, "cut short"},
		{"LeafScribbled", func(t *testing.T, path string) {
			id, size := pageOfType(t, path, "leaf")
			data, _ := os.ReadFile(path)
			for i := range size {
				data[id*size+i] = byte(i * 31)
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "the database is damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := fullFile(t)
			tt.damage(t, path)
			before, _ := os.ReadFile(path)
			r, err := store.CheckFile(path, 0)
			if err != nil {
				t.Fatal(err)
			}
			if r.OK() || !strings.Contains(strings.Join(r.Problems, "\n"), tt.want) {
				t.Fatalf("problems %q, want one with %q", r.Problems, tt.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Fatal("check changed the file")
			}
		})
	}
	t.Run("InUse", func(t *testing.T) {
		s := MustOpen(t)
		if _, err := store.CheckFile(s.Path(), 100e6); !errors.Is(err, store.ErrInUse) {
			t.Fatalf("err = %v, want ErrInUse", err)
		}
	})
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	backup := fullFile(t)
	t.Run("ReplacesAndKeepsTheOld", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "cairn.db")
		s := mustOpenPath(t, path)
		must(t, s.SaveMember(ctx, store.Member{ID: "UNEW", TZ: "UTC"}))
		must(t, s.Close())
		replaced, err := store.Restore(path, backup, 0)
		if err != nil {
			t.Fatal(err)
		}
		s = mustOpenPath(t, path)
		if _, err := s.Member(ctx, "U01999"); err != nil {
			t.Fatalf("restored member: %v", err)
		}
		if _, err := s.Member(ctx, "UNEW"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("member from the replaced file: %v", err)
		}
		old := mustOpenPath(t, replaced)
		if _, err := old.Member(ctx, "UNEW"); err != nil {
			t.Fatalf("the replaced file was not kept: %v", err)
		}
	})
	t.Run("RefusesWhileInUse", func(t *testing.T) {
		s := MustOpen(t)
		if _, err := store.Restore(s.Path(), backup, 100e6); !errors.Is(err, store.ErrInUse) {
			t.Fatalf("err = %v, want ErrInUse", err)
		}
	})
	t.Run("RefusesADamagedBackup", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.db")
		data, _ := os.ReadFile(backup)
		must(t, os.WriteFile(bad, data[:len(data)/2], 0o600))
		path := filepath.Join(t.TempDir(), "cairn.db")
		s := mustOpenPath(t, path)
		must(t, s.SaveMember(ctx, store.Member{ID: "UKEEP", TZ: "UTC"}))
		must(t, s.Close())
		before, _ := os.ReadFile(path)
		if _, err := store.Restore(path, bad, 0); err == nil || !strings.Contains(err.Error(), "damaged") {
			t.Fatalf("err = %v", err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatal("a refused restore changed the database")
		}
	})
}

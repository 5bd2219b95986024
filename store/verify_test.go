package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/cairnbot/cairn/store"
)

// fullFile writes 2,000 members to a fresh database file and closes it.
func fullFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cairn.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		if err := st.SaveMember(context.Background(), store.Member{ID: fmt.Sprintf("U%05d", i), TZ: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// pageOfType finds a page of the given bbolt type ("leaf", "branch",
// "freelist") in a closed file.
func pageOfType(t *testing.T, path, typ string) (id, pageSize int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error { // Page needs a writable transaction
		pageSize = db.Info().PageSize
		for i := 2; ; i++ {
			p, err := tx.Page(i)
			if err != nil || p == nil {
				return fmt.Errorf("no %s page", typ)
			}
			if p.Type == typ {
				id = i
				return nil
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, pageSize
}

// TestOpen_Damaged: a file cut short or with pages overwritten is refused
// with ErrDamaged (one sentence, no crash), and not changed.
func TestOpen_Damaged(t *testing.T) {
	garbage := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*131 + 7)
		}
		return b
	}
	scribble := func(typ string) func(t *testing.T, path string, data []byte) []byte {
		return func(t *testing.T, path string, data []byte) []byte {
			id, size := pageOfType(t, path, typ)
			copy(data[id*size:], garbage(size))
			return data
		}
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, path string, data []byte) []byte
	}{
		{"Truncated", func(t *testing.T, path string, data []byte) []byte { return data[:len(data)/3] }},
		{"LastPageCut", func(t *testing.T, path string, data []byte) []byte {
			db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var used int64
			_ = db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
			return data[:used-1]
		}},
		{"LeafScribbled", scribble("leaf")},
		{"BranchScribbled", scribble("branch")},
		{"FreelistScribbled", scribble("freelist")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := fullFile(t)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			damaged := tt.damage(t, path, data)
			if err := os.WriteFile(path, damaged, 0o600); err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(path)
			if err == nil {
				st.Close()
				t.Fatal("opened a damaged file")
			}
			if !errors.Is(err, store.ErrDamaged) || !bytes.Contains([]byte(err.Error()), []byte("restore a backup, or run `cairn check`")) {
				t.Fatalf("err = %v, want ErrDamaged", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, damaged) {
				t.Fatal("Open changed the damaged file")
			}
		})
	}
}

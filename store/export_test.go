package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// AddMigration appends a migration for a test; the returned func removes it.
func AddMigration(m func(tx *bolt.Tx) error) (remove func()) {
	n := len(migrations)
	migrations = append(migrations, m)
	return func() { migrations = migrations[:n] }
}

// SchemaVersion reads the schema version of a closed database file.
func SchemaVersion(path string) (uint64, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: DefaultTimeout})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var v uint64
	err = db.View(func(tx *bolt.Tx) error {
		v = binary.BigEndian.Uint64(tx.Bucket(bMeta).Get(keySchema))
		return nil
	})
	return v, err
}

// SetSchemaVersion writes a schema version into a closed database file, as
// a newer Cairn would.
func SetSchemaVersion(path string, v uint64) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(keySchema, u64(v)) })
}

// SetCommitHook calls f with each group's size before it is committed. Set
// it before the store's first write.
func SetCommitHook(s *Store, f func(n int)) { s.testHookCommit = f }

// PlainValues lists, as "bucket key", the values outside meta of a closed
// database file that are not sealed: in an encrypted file, a write that
// bypassed putValue.
func PlainValues(path string) ([]string, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: DefaultTimeout})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var plain []string
	err = db.View(func(tx *bolt.Tx) error {
		return walk(tx, path, func(buckets [][]byte, k, v []byte) error {
			if string(buckets[0]) != string(bMeta) && len(v) > 0 && v[0] != sealedTag {
				plain = append(plain, fmt.Sprintf("%s %q", buckets[0], k))
			}
			return nil
		})
	})
	return plain, err
}

// SetResealHook makes RotateKey call f before it commits; the returned func
// removes it.
func SetResealHook(f func() error) (remove func()) {
	testHookReseal = f
	return func() { testHookReseal = nil }
}

// RawValue reads the value at key in a top-level bucket of a closed
// database file, as stored (sealed or not).
func RawValue(path, bucket string, key []byte) ([]byte, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: DefaultTimeout})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var v []byte
	err = db.View(func(tx *bolt.Tx) error {
		v = bytes.Clone(tx.Bucket([]byte(bucket)).Get(key))
		return nil
	})
	return v, err
}

// SetCompactHook calls f before each compaction; an error fails it. The
// returned func removes it.
func SetCompactHook(f func() error) (remove func()) {
	testHookCompact = f
	return func() { testHookCompact = nil }
}

package store

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Encryption at rest. With a key, every non-empty value outside the meta
// bucket is sealed with AES-256-GCM (a random 12-byte nonce per value, the
// record's key as additional data so a value cannot be moved to another
// key). Keys stay plain: they hold only Slack ids, numbers and times, and
// their order is what makes range reads work. Meta stays plain so that a
// file can be recognised, and its key identified, before anything is
// decrypted.
//
// Code that reads or writes a value outside meta goes through putValue,
// getValue or openValue (putJSON and getJSON use them), never b.Put or b.Get
// directly; whether a database is encrypted is then decided in one place.

// KeySize is the length of a Cairn key: AES-256.
const KeySize = 32

var (
	// ErrWrongKey: the key given is not the one the database was encrypted with.
	ErrWrongKey = errors.New("CAIRN_KEY_FILE does not hold the key this database was encrypted with")
	// ErrKeyNeeded: the database is encrypted and no key was given.
	ErrKeyNeeded = errors.New("the database is encrypted: set CAIRN_KEY_FILE to its key file")
)

// keyCheck in meta identifies the key a database is encrypted with; its
// absence means the values are plain.
var keyCheck = []byte("key_check")

// keyCompact in meta marks a file whose values were just (re)sealed and
// whose free pages may still hold the old bytes: Open compacts it. The
// compacted copy is written without the mark, so a crash before the copy
// replaces the file only means compacting again.
var keyCompact = []byte("compact_pending")

// sealedTag starts every sealed value: a plain value read in an encrypted
// database is then an error, never garbage. (Whether a database is
// encrypted is known from meta, not guessed from values.)
const sealedTag = 0x01

const nonceSize = 12

// sealer seals and opens values with one key.
type sealer struct {
	aead  cipher.AEAD
	check []byte // keyCheckValue of the key
}

func newSealer(key []byte) (*sealer, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("a key is %d bytes, not %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead, check: keyCheckValue(key)}, nil
}

// keyCheckValue identifies a key without revealing it.
func keyCheckValue(key []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("cairn key check"))
	return m.Sum(nil)
}

func (s *sealer) seal(key, plain []byte) []byte {
	out := make([]byte, 1+nonceSize, 1+nonceSize+len(plain)+s.aead.Overhead())
	out[0] = sealedTag
	_, _ = rand.Read(out[1:]) // crypto/rand.Read never fails (Go 1.24+)
	return s.aead.Seal(out, out[1:], plain, key)
}

func (s *sealer) open(key, v []byte) ([]byte, error) {
	if len(v) < 1+nonceSize || v[0] != sealedTag {
		return nil, fmt.Errorf("value at key %x is not encrypted, in an encrypted database", key)
	}
	plain, err := s.aead.Open(nil, v[1:1+nonceSize], v[1+nonceSize:], key)
	if err != nil {
		return nil, fmt.Errorf("value at key %x does not decrypt: %w", key, err)
	}
	return plain, nil
}

// sealers holds the sealer of each open encrypted database. The value
// helpers take a bucket (their callers hold no Store), and a bucket knows
// its database.
var sealers sync.Map // *bolt.DB → *sealer

func sealerOf(b *bolt.Bucket) *sealer {
	if s, ok := sealers.Load(b.Tx().DB()); ok {
		return s.(*sealer)
	}
	return nil
}

// putValue writes plain at key, sealed when the database is encrypted.
func putValue(b *bolt.Bucket, key, plain []byte) error {
	if s := sealerOf(b); s != nil && len(plain) > 0 {
		return b.Put(key, s.seal(key, plain))
	}
	return b.Put(key, plain)
}

// getValue reads the value at key, opened; nil if the key is missing. The
// result of an encrypted database is a copy, valid after the transaction;
// a plain database's is bbolt's memory, valid only inside it.
func getValue(b *bolt.Bucket, key []byte) ([]byte, error) {
	return openValue(b, key, b.Get(key))
}

// openValue opens a value read with a cursor (or Get) from b.
func openValue(b *bolt.Bucket, key, v []byte) ([]byte, error) {
	s := sealerOf(b)
	if s == nil || len(v) == 0 {
		return v, nil
	}
	return s.open(key, v)
}

// decodeValue opens a value read with a cursor and decodes its JSON into x.
func decodeValue(b *bolt.Bucket, key, v []byte, x any) error {
	plain, err := openValue(b, key, v)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(plain, x); err != nil {
		return fmt.Errorf("decode value at key %x: %w", key, err)
	}
	return nil
}

// verifyKey compares the database's key check with the key given and says
// whether the database is encrypted.
func verifyKey(tx *bolt.Tx, path string, sl *sealer) (encrypted bool, err error) {
	meta := tx.Bucket(bMeta)
	if meta == nil {
		return false, nil
	}
	want := meta.Get(keyCheck)
	switch {
	case want == nil:
		return false, nil
	case sl == nil:
		return true, fmt.Errorf("store: open %s: %w", path, ErrKeyNeeded)
	case !hmac.Equal(want, sl.check):
		return true, fmt.Errorf("store: open %s: %w", path, ErrWrongKey)
	}
	return true, nil
}

// reseal rewrites every value outside meta, opened with from (nil: the
// values are plain) and sealed with to (nil: leave them plain), and records
// to's key check, all in tx: a failure anywhere leaves the file as it was.
func reseal(tx *bolt.Tx, from, to *sealer) (n int, err error) {
	var inBucket func(b *bolt.Bucket) error
	inBucket = func(b *bolt.Bucket) error {
		type kv struct{ k, v []byte }
		var recs []kv
		var children [][]byte
		// bbolt forbids writing a bucket while ForEach walks it: collect first.
		err := b.ForEach(func(k, v []byte) error {
			if v == nil && b.Bucket(k) != nil {
				children = append(children, bytes.Clone(k))
				return nil
			}
			if len(v) == 0 {
				return nil // an index entry: nothing to hide
			}
			plain := v
			if from != nil {
				var err error
				if plain, err = from.open(k, v); err != nil {
					return err
				}
			}
			out := bytes.Clone(plain)
			if to != nil {
				out = to.seal(k, plain)
			}
			recs = append(recs, kv{bytes.Clone(k), out})
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := b.Put(r.k, r.v); err != nil {
				return err
			}
		}
		n += len(recs)
		for _, c := range children {
			if err := inBucket(b.Bucket(c)); err != nil {
				return err
			}
		}
		return nil
	}
	err = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		if bytes.Equal(name, bMeta) {
			return nil
		}
		if err := inBucket(b); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	meta := tx.Bucket(bMeta)
	if to == nil {
		return n, meta.Delete(keyCheck)
	}
	return n, meta.Put(keyCheck, to.check)
}

// compact copies db into a new file beside path, makes it durable and
// renames it over path, so that what the old file held in free pages (text
// from before it was encrypted, or sealed with a retired key) is gone. It
// returns the new database, open and locked, and closes db; on failure db
// is left open and the file as it was. The new file is
// locked before the old one is let go, so no other process gets in between.
func compact(db *bolt.DB, path string, timeout time.Duration) (*bolt.DB, error) {
	if testHookCompact != nil {
		if err := testHookCompact(); err != nil {
			return nil, fmt.Errorf("store: compact %s: %w", path, err)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".compacting-*")
	if err != nil {
		return nil, fmt.Errorf("store: compact %s: %w", path, err)
	}
	name := tmp.Name()
	_ = tmp.Close()
	fail := func(dst *bolt.DB, err error) (*bolt.DB, error) {
		if dst != nil {
			_ = dst.Close()
		}
		_ = os.Remove(name)
		return nil, fmt.Errorf("store: compact %s: %w", path, err)
	}
	dst, err := bolt.Open(name, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		return fail(nil, err)
	}
	if s, ok := sealers.Load(db); ok {
		sealers.Store(dst, s)
	}
	err = bolt.Compact(dst, db, 0)
	if err == nil {
		err = dst.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Delete(keyCompact) })
	}
	if err != nil {
		sealers.Delete(dst)
		return fail(dst, err)
	}
	if err := dst.Sync(); err != nil {
		sealers.Delete(dst)
		return fail(dst, err)
	}
	if err := os.Rename(name, path); err != nil {
		sealers.Delete(dst)
		return fail(dst, err)
	}
	_ = syncDir(filepath.Dir(path)) // the rename is done; a lost sync only risks the old name after a power cut
	sealers.Delete(db)
	_ = db.Close()
	return dst, nil
}

// ReadKeyFile reads a Cairn key: 32 raw bytes, or their base64 or hex text.
func ReadKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	if len(b) == KeySize {
		return b, nil
	}
	text := string(bytes.TrimSpace(b))
	if k, err := hex.DecodeString(text); err == nil && len(k) == KeySize {
		return k, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(text); err == nil && len(k) == KeySize {
			return k, nil
		}
	}
	return nil, fmt.Errorf("key file %s: not a key (%d raw bytes, or their base64 or hex text; cairn key new makes one)", path, KeySize)
}

// NewKeyFile writes a new random key to path (mode 0600, raw bytes). It
// refuses to replace an existing file: that may be the only copy of a key.
func NewKeyFile(path string) error {
	key := make([]byte, KeySize)
	_, _ = rand.Read(key)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("key file %s: %w", path, err)
	}
	_, err = f.Write(key)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("key file %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// testHookCompact, if set, runs before a compaction; an error it returns
// fails the compaction as a crash would.
var testHookCompact func() error

// testHookReseal, if set, runs after RotateKey has resealed every value and
// before it commits; an error it returns aborts the rotation.
var testHookReseal func() error

// RotateKey re-encrypts the database at path, which no Cairn process may be
// running on, with newKey; o.Key is its current key (nil for a plain
// database, which is then encrypted). Every value is resealed in one
// transaction, so a crash or error before the commit leaves the file
// readable with the old key only, and one after it with the new key only.
// The file is then compacted so nothing sealed with the old key remains.
func RotateKey(path string, o Options, newKey []byte) error {
	to, err := newSealer(newKey)
	if err != nil {
		return fmt.Errorf("store: rotate key of %s: new key: %w", path, err)
	}
	// Open would create a missing file; there is nothing to rotate.
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("store: rotate key of %s: %w", path, err)
	}
	db, err := openDB(path, o)
	if err != nil {
		return err
	}
	var from *sealer
	if s, ok := sealers.Load(db); ok {
		from = s.(*sealer)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := reseal(tx, from, to); err != nil {
			return err
		}
		if err := tx.Bucket(bMeta).Put(keyCompact, []byte{1}); err != nil {
			return err
		}
		if testHookReseal != nil {
			return testHookReseal()
		}
		return nil
	})
	if err != nil {
		_ = closeDB(db)
		return fmt.Errorf("store: rotate key of %s: %w (nothing was changed)", path, err)
	}
	sealers.Store(db, to)
	ndb, err := compact(db, path, o.Timeout)
	if err != nil {
		_ = closeDB(db)
		return fmt.Errorf("store: rotate key of %s: the new key is in use, but %w", path, err)
	}
	return closeDB(ndb)
}

// Encrypted says whether the store's values are sealed.
func (s *Store) Encrypted() bool {
	_, ok := sealers.Load(s.db)
	return ok
}

package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Sentinel errors, checked with errors.Is. The store wraps them with what it
// was doing (method, file, id).
var (
	// ErrNotFound: no record with that key (or none for that member).
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the caller passed a record the store refuses to write (a
	// missing id, a step of another member, a step id on a new step, …).
	ErrInvalid = errors.New("invalid record")
	// ErrInUse: another process (or another Store in this one) holds the file.
	ErrInUse = errors.New("the database is in use by another Cairn process")
	// ErrNotCairn: the file exists but is not a Cairn database.
	ErrNotCairn = errors.New("not a Cairn database")
	// ErrNewerSchema: the file was written by a newer Cairn.
	ErrNewerSchema = errors.New("the database was written by a newer version of Cairn")
	// ErrClosed: the Store has been closed.
	ErrClosed = errors.New("store is closed")
	// ErrDuplicate is a turn for a Slack event that was already handled.
	ErrDuplicate = errors.New("event already handled")
)

// appMarker in the meta bucket tells a Cairn file from any other bbolt file.
const appMarker = "cairn"

// migrations[i] upgrades schema i+1 to i+2. They run at Open, all in the one
// transaction that also records the new version, so a failed migration
// leaves the file as it was.
var migrations = []func(tx *bolt.Tx) error{}

// schemaVersion is the schema this build writes: 1 plus one per migration.
func schemaVersion() uint64 { return uint64(len(migrations)) + 1 }

// DefaultTimeout is how long Open waits for another process to release the
// file before giving up with ErrInUse.
const DefaultTimeout = time.Second

// maxGroup caps how many writes share one commit, so one commit's latency
// stays bounded under a flood.
const maxGroup = 512

// Options tune OpenOptions.
type Options struct {
	// Timeout is how long to wait for the file lock (DefaultTimeout if 0).
	Timeout time.Duration
	// Key, if set, encrypts every value (KeySize bytes; see crypt.go). A
	// plain database opened with a key is encrypted in place at open, then
	// compacted so no plain text is left in its free pages. An encrypted
	// database opened without its key is refused (ErrKeyNeeded, ErrWrongKey).
	Key []byte
	// Notify, if set, is told what Open changed that an operator should
	// know: a file's loose mode tightened, a plain file encrypted. The
	// messages hold paths and modes, never member text.
	Notify func(msg string)
}

// Store is Cairn's database. Its methods are safe for concurrent use. Writes
// from concurrent callers are committed together (group commit): each
// caller returns once its own write is durable.
type Store struct {
	// Now stamps records whose times are zero. Tests replace it; set it
	// before the Store is shared between goroutines.
	Now func() time.Time

	// dbMu guards db itself: reads and commits hold it shared, Compact
	// holds it alone while it swaps the file (see compact.go).
	dbMu sync.RWMutex
	db   *bolt.DB
	path string

	ops       chan *op      // writes waiting for the committer
	closing   chan struct{} // closed by Close: stop taking writes
	stopped   chan struct{} // closed by the committer when it returns
	closeOnce sync.Once
	closeErr  error

	// testHookCommit, if set, is called with each group's size before its
	// commit; tests use it to hold the committer still.
	testHookCommit func(n int)
}

// DefaultPath is where Cairn keeps its database unless told otherwise:
// $XDG_DATA_HOME/cairn/cairn.db (an absolute XDG_DATA_HOME only, as the XDG
// spec asks), else ~/.local/share/cairn/cairn.db, else ./cairn.db when there
// is no home directory.
func DefaultPath() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "cairn", "cairn.db")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share", "cairn", "cairn.db")
	}
	return "cairn.db"
}

// Open opens the Cairn database at path, creating it (and its directory) if
// missing, and waits up to DefaultTimeout for another process to let go of it.
func Open(path string) (*Store, error) { return OpenOptions(path, Options{}) }

// OpenOptions is Open with options.
//
// A file that is not Cairn's (not bbolt, or bbolt without Cairn's marker), or
// one written by a newer Cairn, is refused before anything is written to it.
func OpenOptions(path string, o Options) (*Store, error) {
	db, err := openDB(path, o)
	if err != nil {
		return nil, err
	}
	s := &Store{
		Now:     time.Now,
		db:      db,
		path:    path,
		ops:     make(chan *op),
		closing: make(chan struct{}),
		stopped: make(chan struct{}),
	}
	go s.commitLoop()
	return s, nil
}

// openDB opens, checks and sets up the file for OpenOptions and RotateKey.
// An encrypted database's sealer is registered for the returned db;
// closeDB undoes that.
func openDB(path string, o Options) (*bolt.DB, error) {
	if path == "" {
		return nil, errors.New("store: open: empty path")
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	var sl *sealer
	if o.Key != nil {
		var err error
		if sl, err = newSealer(o.Key); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Inspect an existing file read-only first: a read-write bbolt open may
	// write to the file (it flushes a missing freelist), and a foreign or
	// newer file must be left exactly as it was.
	if err := inspect(path, o.Timeout, sl); err != nil {
		return nil, err
	}
	if err := tighten(path, o.Notify); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: o.Timeout})
	if err != nil {
		return nil, openError(path, err)
	}
	if sl != nil {
		sealers.Store(db, sl)
	}
	var compactNow bool
	err = db.Update(func(tx *bolt.Tx) error {
		var err error
		compactNow, err = setUp(tx, path, sl)
		return err
	})
	if err != nil {
		_ = closeDB(db)
		return nil, err
	}
	if compactNow {
		// The plain values are still in the file's free pages.
		ndb, err := compact(db, path, o.Timeout)
		if err != nil {
			_ = closeDB(db)
			return nil, fmt.Errorf("%w (the values are encrypted; the next start compacts again)", err)
		}
		if o.Notify != nil {
			o.Notify(fmt.Sprintf("store: encrypted every value of %s and compacted it", path))
		}
		db = ndb
	}
	return db, nil
}

// closeDB closes db and forgets its sealer.
func closeDB(db *bolt.DB) error {
	err := db.Close()
	sealers.Delete(db)
	return err
}

// tighten makes an existing database file readable by its owner only: it
// holds what members told Cairn.
func tighten(path string, notify func(string)) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		if err := os.Chmod(path, 0o600); err != nil {
			return fmt.Errorf("store: open %s: tighten its mode %04o to 0600: %w", path, perm, err)
		}
		if notify != nil {
			notify(fmt.Sprintf("store: %s had mode %04o (others could read it); changed it to 0600", path, perm))
		}
	}
	return nil
}

// openError turns bbolt's open errors into ones an operator can act on.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, ErrDamaged):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("store: open %s: %w (stop it, or use --db to pick another file): %w", path, ErrInUse, err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return fmt.Errorf("store: open %s: %w (bbolt cannot read it: %w); check --db", path, ErrNotCairn, err)
	}
	return fmt.Errorf("store: open %s: %w", path, err)
}

// bboltMagic is bbolt's meta page marker (go.etcd.io/bbolt/internal/common).
const bboltMagic = 0xED0CDAED

// inspect refuses, without writing, an existing file that is not a Cairn
// database or needs a newer Cairn. A missing or empty file is fine: Open
// creates it.
func inspect(path string, timeout time.Duration, sl *sealer) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	var hdr [32]byte
	n, err := io.ReadFull(f, hdr[:])
	_ = f.Close()
	switch {
	case n == 0 && err == io.EOF:
		return nil // empty file: treated as new
	case err != nil && err != io.ErrUnexpectedEOF:
		return fmt.Errorf("store: open %s: %w", path, err)
	case err != nil || binary.NativeEndian.Uint32(hdr[16:20]) != bboltMagic:
		// bbolt's first page is a 16-byte page header then the meta, which
		// starts with the magic number in the machine's byte order.
		return fmt.Errorf("store: open %s: %w (it is not a bbolt file); check --db", path, ErrNotCairn)
	}

	// A damaged file is refused here, before bbolt maps it for writing.
	if err := checkLayout(path); err != nil {
		return err
	}
	db, err := openReadOnly(path, &bolt.Options{Timeout: timeout, ReadOnly: true})
	if err != nil {
		return openError(path, err)
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		if _, err := checkMeta(tx, path); err != nil {
			return err
		}
		if _, err := verifyKey(tx, path, sl); err != nil {
			return err
		}
		// Touch every page now, where a broken one is an error, rather
		// than in the middle of a member's turn, where it is a crash.
		return walk(tx, path, func([][]byte, []byte, []byte) error { return nil })
	})
}

// checkMeta reads the marker and schema version. It returns version 0 for a
// bbolt file with no buckets at all (what a crash between bbolt creating the
// file and Cairn's first commit leaves), which is safe to adopt.
func checkMeta(tx *bolt.Tx, path string) (uint64, error) {
	meta := tx.Bucket(bMeta)
	if meta == nil {
		if k, _ := tx.Cursor().First(); k == nil {
			return 0, nil
		}
		return 0, fmt.Errorf("store: open %s: %w (a bbolt file without Cairn's marker); check --db", path, ErrNotCairn)
	}
	if !bytes.Equal(meta.Get(keyApp), []byte(appMarker)) {
		return 0, fmt.Errorf("store: open %s: %w (a bbolt file without Cairn's marker); check --db", path, ErrNotCairn)
	}
	v := meta.Get(keySchema)
	if len(v) != 8 || binary.BigEndian.Uint64(v) == 0 {
		return 0, fmt.Errorf("store: open %s: %w (unreadable schema version %x)", path, ErrNotCairn, v)
	}
	ver := binary.BigEndian.Uint64(v)
	if ver > schemaVersion() {
		return 0, fmt.Errorf("store: open %s: %w (schema %d; this build knows up to %d): upgrade Cairn or open a backup",
			path, ErrNewerSchema, ver, schemaVersion())
	}
	return ver, nil
}

// setUp checks the file again under the write lock (another process may have
// changed it since inspect), creates missing buckets, encrypts a plain file
// when given a key, and runs migrations. compactNow says whether the file
// must be compacted: existing values were just encrypted, or an earlier
// open or rotation encrypted them but did not get to compact.
func setUp(tx *bolt.Tx, path string, sl *sealer) (compactNow bool, err error) {
	ver, err := checkMeta(tx, path)
	if err != nil {
		return false, err
	}
	encrypted, err := verifyKey(tx, path, sl)
	if err != nil {
		return false, err
	}
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return false, fmt.Errorf("store: open %s: create bucket %s: %w", path, name, err)
		}
	}
	meta := tx.Bucket(bMeta)
	if ver == 0 {
		if err := meta.Put(keyApp, []byte(appMarker)); err != nil {
			return false, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	// Encrypt before migrating, so migrations see what the helpers expect.
	if sl != nil && !encrypted {
		if _, err := reseal(tx, nil, sl); err != nil {
			return false, fmt.Errorf("store: open %s: encrypt: %w", path, err)
		}
		if ver != 0 {
			if err := meta.Put(keyCompact, []byte{1}); err != nil {
				return false, fmt.Errorf("store: open %s: %w", path, err)
			}
		}
	}
	if ver == 0 {
		ver = schemaVersion()
	}
	for ; ver < schemaVersion(); ver++ {
		if err := migrations[ver-1](tx); err != nil {
			return false, fmt.Errorf("store: open %s: migrate schema %d to %d: %w", path, ver, ver+1, err)
		}
	}
	if err := meta.Put(keySchema, u64(ver)); err != nil {
		return false, fmt.Errorf("store: open %s: %w", path, err)
	}
	return meta.Get(keyCompact) != nil, nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close waits for writes already taken into a commit, refuses new ones and
// closes the file (bbolt waits for open read transactions). Calling it again
// returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.closing)
		<-s.stopped
		s.dbMu.Lock()
		defer s.dbMu.Unlock()
		if err := closeDB(s.db); err != nil {
			s.closeErr = fmt.Errorf("store: close %s: %w", s.path, err)
		}
	})
	return s.closeErr
}

// Check runs bbolt's consistency check over the whole file (used by tests
// after every test, and fit for an operator's `cairn check`).
func (s *Store) Check() error {
	return s.view(context.Background(), func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("store: check %s: %w", s.path, errors.Join(errs...))
		}
		return nil
	})
}

// Backup writes a consistent copy of the whole database to w while the
// store keeps serving, and returns the bytes written.
func (s *Store) Backup(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup %s: %w", s.path, err)
	}
	return n, nil
}

// now is the store's clock in UTC.
func (s *Store) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// view runs a read transaction, mapping a closed database to ErrClosed.
func (s *Store) view(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case <-s.closing:
		return ErrClosed
	default:
	}
	s.dbMu.RLock()
	defer s.dbMu.RUnlock()
	err := s.db.View(fn)
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

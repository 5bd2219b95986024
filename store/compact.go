package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Compaction.
//
// bbolt never overwrites a page in place: a deleted record's bytes stay in
// pages on the freelist until some later write happens to reuse them, which
// may be never. After "forget me" that is not good enough, so Compact copies
// every live key into a new file beside the database (bbolt.Compact), syncs
// it, renames it over the old one and reopens it. Only live data is ever
// written to the new file, so nothing deleted can be in it.
//
// It runs while the store is serving. Reads (Store.view) and the committer
// hold dbMu shared; Compact holds it alone, so it starts once the reads and
// the commit in flight are done, and new ones wait until the new file is
// open (bbolt's own remap already makes a commit wait for open reads in the
// same way). Overwriting the free pages in place instead was rejected:
// bbolt has no API for it, pages freed by a recent commit are still read by
// older read transactions (its pending list), and writing under its mmap
// behind its back could corrupt the file it relies on.
//
// A crash before the rename leaves the old file as it was (and a stale
// temporary file, removed next time); after it, the new file is complete
// and synced. The old file's blocks are overwritten with zeros before it is
// let go, so the filesystem does not hand the text back either (on a
// journaling or copy-on-write filesystem, or an SSD, the device may still
// keep old copies: encrypt the disk).

// compactSuffix names the temporary file Compact writes beside the database.
const compactSuffix = ".compact"

// compactTxSize bounds one transaction of the copy, so memory stays small
// however big the file is.
const compactTxSize = 16 << 20

// Compact rewrites the database file with only its live data, so nothing
// deleted survives in the file's free pages. Reads and writes wait while it
// runs (it is quick for Cairn's sizes; see BenchmarkCompact).
func (s *Store) Compact(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case <-s.closing:
		return ErrClosed
	default:
	}
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	// Close may have won the race for the lock.
	select {
	case <-s.closing:
		return ErrClosed
	default:
	}
	if err := s.compactLocked(); err != nil {
		return fmt.Errorf("store: compact %s: %w", s.path, err)
	}
	return nil
}

// compactLocked does the work with dbMu held exclusively.
func (s *Store) compactLocked() error {
	tmp := s.path + compactSuffix
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return fmt.Errorf("create %s: %w", tmp, err)
	}
	if err := bolt.Compact(dst, s.db, compactTxSize); err != nil {
		_ = dst.Close()
		_ = os.Remove(tmp)
		return fmt.Errorf("copy live data to %s: %w", tmp, err)
	}
	// Every bbolt commit is fsynced, and Close syncs nothing more: the
	// copy is durable once Compact returns.
	if err := dst.Close(); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	// Keep a handle on the old file to scrub it once the new one is in
	// place: it must stay intact until then.
	old, err := os.OpenFile(s.path, os.O_RDWR, 0)
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	defer old.Close()
	if err := s.db.Close(); err != nil {
		_ = os.Remove(tmp)
		return s.reopen(fmt.Errorf("close the old file: %w", err))
	}
	if err := os.Rename(tmp, s.path); err != nil {
		_ = os.Remove(tmp)
		return s.reopen(fmt.Errorf("rename %s over it: %w", tmp, err))
	}
	if err := syncDir(filepath.Dir(s.path)); err != nil {
		return s.reopen(err)
	}
	if err := s.reopen(nil); err != nil {
		return err
	}
	return scrub(old)
}

// reopen opens s.path again after the old handle was closed, and returns
// cause (or the reopen's own error). A store that cannot reopen answers
// ErrClosed from then on.
func (s *Store) reopen(cause error) error {
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: DefaultTimeout})
	if err != nil {
		return errors.Join(cause, fmt.Errorf("reopen: %w", openError(s.path, err)))
	}
	// The file's cipher (see crypt.go) is found by its *bolt.DB: the new
	// handle must seal and open values as the old one did.
	if seal, ok := sealers.Load(s.db); ok {
		sealers.Store(db, seal)
		sealers.Delete(s.db)
	}
	s.db = db
	return cause
}

// scrub overwrites an unlinked file with zeros and syncs it.
func scrub(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("scrub the old file: %w", err)
	}
	zeros := make([]byte, 64<<10)
	for off := int64(0); off < fi.Size(); off += int64(len(zeros)) {
		n := min(int64(len(zeros)), fi.Size()-off)
		if _, err := f.WriteAt(zeros[:n], off); err != nil {
			return fmt.Errorf("scrub the old file: %w", err)
		}
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("scrub the old file: %w", err)
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

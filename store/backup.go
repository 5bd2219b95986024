package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// BackupFile writes a consistent copy of the database at path, which no
// Cairn process may be running on, to w (a running Cairn backs itself up
// through Store.Backup; serve's admin address answers /backup with it). It
// returns ErrInUse if a Cairn process holds the file.
func BackupFile(ctx context.Context, path string, w io.Writer, timeout time.Duration) (int64, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("store: backup %s: %w", path, err)
	}
	if err := checkLayout(path); err != nil {
		return 0, err
	}
	db, err := openReadOnly(path, &bolt.Options{Timeout: timeout, ReadOnly: true})
	if err != nil {
		return 0, openError(path, err)
	}
	defer db.Close()
	var n int64
	err = db.View(func(tx *bolt.Tx) error {
		if _, err := checkMeta(tx, path); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup %s: %w", path, err)
	}
	return n, nil
}

// Restore replaces the database at path with the backup at from, once the
// backup has passed CheckFile, and refuses while a Cairn process holds
// path. The copy is written beside path and renamed over it, so path is
// always either the old database or the whole new one. The old file is
// kept as path.replaced-<UTC time> (returned) for an operator to remove.
func Restore(path, from string, timeout time.Duration) (replaced string, err error) {
	return RestoreOptions(path, from, Options{Timeout: timeout})
}

// RestoreOptions is Restore with options: o.Key is needed to check an
// encrypted backup, and must be the key it was encrypted with.
func RestoreOptions(path, from string, o Options) (replaced string, err error) {
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	o.Timeout = timeout
	report, err := CheckFileOptions(from, o)
	if err != nil {
		return "", fmt.Errorf("store: restore from %s: %w", from, err)
	}
	if !report.OK() {
		return "", fmt.Errorf("store: restore from %s: the backup is damaged (%d problems; run cairn check --db %s)", from, len(report.Problems), from)
	}
	if report.Schema > schemaVersion() {
		return "", fmt.Errorf("store: restore from %s: %w", from, ErrNewerSchema)
	}

	// Hold the live file's lock while it is replaced: a running Cairn
	// makes this fail instead of losing its writes.
	if _, err := os.Stat(path); err == nil {
		live, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: true})
		if errors.Is(err, berrors.ErrTimeout) {
			return "", fmt.Errorf("store: restore to %s: %w (stop it first)", path, ErrInUse)
		}
		if err == nil {
			defer live.Close()
		}
		// A damaged live file cannot be opened, but may be replaced.
		replaced = fmt.Sprintf("%s.replaced-%s", path, time.Now().UTC().Format("20060102T150405Z"))
		if err := os.Link(path, replaced); err != nil {
			return "", fmt.Errorf("store: restore to %s: keep the old file as %s: %w", path, replaced, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("store: restore to %s: %w", path, err)
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("store: restore to %s: %w", path, err)
	}

	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".restoring-*")
	if err != nil {
		return "", fmt.Errorf("store: restore to %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	src, err := os.Open(from)
	if err != nil {
		tmp.Close()
		return "", fmt.Errorf("store: restore from %s: %w", from, err)
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("store: restore to %s: copy %s: %w", path, from, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("store: restore to %s: %w", path, err)
	}
	if dir, err := os.Open(filepath.Dir(path)); err == nil {
		_ = dir.Sync() // make the rename durable
		dir.Close()
	}
	return replaced, nil
}

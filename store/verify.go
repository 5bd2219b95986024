package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged: the file is a Cairn database whose bytes are broken (cut
// short, or pages overwritten). Open refuses it without changing it.
var ErrDamaged = errors.New("the database is damaged: restore a backup, or run `cairn check`")

// A damaged bbolt file does not fail politely: bbolt maps the file and
// trusts its page numbers, so a truncated file faults (SIGBUS) on the first
// read past its end and a scribbled page trips an assertion (a panic, often
// in a goroutine that cannot recover it). Open therefore checks the file in
// two steps before bbolt is let loose on it: the meta pages, the file's
// length and the freelist are read with plain reads (no mapping), then every
// bucket and record is walked in this goroutine with faults turned into
// panics and recovered.

// bbolt's on-disk layout (go.etcd.io/bbolt/internal/common): a 16-byte page
// header (id u64, flags u16, count u16, overflow u32), and in a meta page
// magic u32, version u32, pageSize u32, flags u32, root u64, sequence u64,
// freelist u64, pgid u64, txid u64, checksum u64 (FNV-64a of what precedes).
const (
	pageHeaderSize   = 16
	metaSize         = 64
	bboltVersion     = 2
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

type metaPage struct {
	pageSize uint64
	freelist uint64
	pgid     uint64 // high-water mark: pages [0, pgid) are in use
	txid     uint64
}

// readMeta reads the meta page at off and says whether it is sound.
func readMeta(f *os.File, off int64) (metaPage, bool) {
	var buf [pageHeaderSize + metaSize]byte
	if _, err := f.ReadAt(buf[:], off); err != nil {
		return metaPage{}, false
	}
	m := buf[pageHeaderSize:]
	ne := binary.NativeEndian
	if ne.Uint32(m[0:]) != bboltMagic || ne.Uint32(m[4:]) != bboltVersion {
		return metaPage{}, false
	}
	h := fnv.New64a()
	_, _ = h.Write(m[:56])
	if h.Sum64() != ne.Uint64(m[56:]) {
		return metaPage{}, false
	}
	return metaPage{pageSize: uint64(ne.Uint32(m[8:])), freelist: ne.Uint64(m[32:]),
		pgid: ne.Uint64(m[40:]), txid: ne.Uint64(m[48:])}, true
}

// checkLayout checks, with plain reads, what bbolt would otherwise trust
// blindly when it maps the file: the meta it will use, that the file holds
// every page the meta says is in use, and the freelist page.
func checkLayout(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	size := uint64(fi.Size())
	damaged := func(format string, args ...any) error {
		return fmt.Errorf("store: %s: %w (%s)", path, ErrDamaged, fmt.Sprintf(format, args...))
	}

	m0, ok0 := readMeta(f, 0)
	pageSize := uint64(os.Getpagesize())
	if ok0 {
		pageSize = m0.pageSize
	}
	m1, ok1 := readMeta(f, int64(pageSize))
	var m metaPage
	switch {
	case ok0 && ok1:
		m = m0
		if m1.txid > m0.txid {
			m = m1
		}
	case ok0:
		m = m0
	case ok1:
		m = m1
	default:
		// Nothing says it was ever a bbolt file Cairn wrote: bbolt's own
		// open reports it (not a Cairn database), without mapping pages.
		return nil
	}
	if m.pageSize < 512 || m.pageSize > 1<<20 || m.pageSize&(m.pageSize-1) != 0 {
		return damaged("page size %d", m.pageSize)
	}
	if m.pgid < 2 || m.pgid > size/m.pageSize {
		return damaged("the file is %d bytes but its pages reach to byte %d: it was cut short", size, m.pgid*m.pageSize)
	}
	if m.freelist != noFreelist {
		if m.freelist < 2 || m.freelist >= m.pgid {
			return damaged("freelist page %d is outside the file's %d pages", m.freelist, m.pgid)
		}
		var hdr [pageHeaderSize + 8]byte
		if _, err := f.ReadAt(hdr[:], int64(m.freelist*m.pageSize)); err != nil && err != io.EOF {
			return damaged("cannot read freelist page %d: %v", m.freelist, err)
		}
		ne := binary.NativeEndian
		id, flags, count, overflow := ne.Uint64(hdr[0:]), ne.Uint16(hdr[8:]), uint64(ne.Uint16(hdr[10:])), uint64(ne.Uint32(hdr[12:]))
		if count == 0xFFFF {
			count = ne.Uint64(hdr[16:]) + 1 // the real count is the first element
		}
		switch {
		case id != m.freelist || flags != freelistPageFlag:
			return damaged("page %d should be the freelist but is not", m.freelist)
		case m.freelist+overflow >= m.pgid:
			return damaged("freelist page %d runs past the file's %d pages", m.freelist, m.pgid)
		case pageHeaderSize+8*count > (overflow+1)*m.pageSize:
			return damaged("freelist page %d claims %d entries", m.freelist, count)
		}
	}
	return nil
}

// walk calls fn for every record of every bucket, nested buckets included
// (path is the bucket names from the top), and turns a fault or a bbolt
// assertion on a broken page into an ErrDamaged error.
func walk(tx *bolt.Tx, path string, fn func(buckets [][]byte, k, v []byte) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("store: %s: %w (reading it failed: %v)", path, ErrDamaged, r)
		}
	}()
	var inBucket func(b *bolt.Bucket, names [][]byte) error
	inBucket = func(b *bolt.Bucket, names [][]byte) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				if child := b.Bucket(k); child != nil {
					return inBucket(child, append(names[:len(names):len(names)], k))
				}
			}
			return fn(names, k, v)
		})
	}
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		return inBucket(b, [][]byte{name})
	})
}

// openReadOnly opens path read-only in bbolt with faults turned into
// errors (bbolt reads the meta and may map pages while opening).
func openReadOnly(path string, o *bolt.Options) (db *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("store: %s: %w (opening it failed: %v)", path, ErrDamaged, r)
		}
	}()
	return bolt.Open(path, 0o600, o)
}

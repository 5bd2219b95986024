package store

import (
	"context"
	"errors"

	bolt "go.etcd.io/bbolt"
)

// Group commit.
//
// Every fsync costs a few hundred microseconds, so one commit per write caps
// a busy bot at a few thousand writes a second with queueing on top. bbolt's
// Batch merges writers but always waits 10 ms first. Here a single goroutine
// owns all writes: when the disk is idle a write is committed at once; writes
// that arrive while a commit is in flight wait in the channel and all go into
// the next db.Update. Each caller is answered after its own write is durable.
//
// Writes share a transaction, so one bad write must not spoil the others.
// Write functions check everything first and return reject(err) before they
// change anything; such an error just drops that write from the group. Any
// other error may have left partial changes behind, so the whole group is
// rolled back and each write is retried in its own transaction. A write
// function may therefore run more than once and must reset its outputs.

// op is one write waiting for a commit.
type op struct {
	fn   func(tx *bolt.Tx) error
	err  error
	done chan struct{}
}

// rejected marks an error returned before a write function changed anything.
type rejected struct{ err error }

func (r rejected) Error() string { return r.err.Error() }
func (r rejected) Unwrap() error { return r.err }

// reject marks err as raised before any change in the transaction.
func reject(err error) error { return rejected{err} }

// unreject strips the marker so callers see the plain error.
func unreject(err error) error {
	var r rejected
	if errors.As(err, &r) {
		return r.err
	}
	return err
}

// errSpoiled rolls back a group after a write failed midway.
var errSpoiled = errors.New("store: write failed after changing the transaction")

// update runs fn in the next group commit and returns its error once the
// commit is durable. If ctx ends before the committer has taken the write,
// nothing is written and ctx's error is returned; once taken, the write is
// committed (or fails) and update reports that, so an error always means
// nothing was stored.
func (s *Store) update(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o := &op{fn: fn, done: make(chan struct{})}
	select {
	case s.ops <- o:
	case <-ctx.Done():
		return ctx.Err()
	case <-s.closing:
		return ErrClosed
	}
	<-o.done
	return o.err
}

// commitLoop is the single writer. It stops when Close closes s.closing,
// after finishing the group it is committing.
func (s *Store) commitLoop() {
	defer close(s.stopped)
	group := make([]*op, 0, maxGroup)
	for {
		select {
		case o := <-s.ops:
			group = append(group, o)
		case <-s.closing:
			return
		}
		// Take whoever queued up during the previous commit; never wait for
		// more, so a lone writer is committed at once.
	gather:
		for len(group) < maxGroup {
			select {
			case o := <-s.ops:
				group = append(group, o)
			default:
				break gather
			}
		}
		s.commit(group)
		for i := range group {
			close(group[i].done)
			group[i] = nil
		}
		group = group[:0]
	}
}

// commit writes a group in one transaction, falling back to one transaction
// per write if a write failed after changing something or the commit failed.
func (s *Store) commit(group []*op) {
	if s.testHookCommit != nil {
		s.testHookCommit(len(group))
	}
	s.dbMu.RLock() // Compact swaps s.db only between commits
	defer s.dbMu.RUnlock()
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, o := range group {
			o.err = o.fn(tx)
			if o.err == nil {
				continue
			}
			if _, ok := o.err.(rejected); !ok {
				return errSpoiled
			}
			o.err = unreject(o.err)
		}
		return nil
	})
	if err == nil {
		return
	}
	if len(group) == 1 {
		if !errors.Is(err, errSpoiled) {
			group[0].err = err // the commit itself failed
		}
		return
	}
	for _, o := range group {
		o.err = unreject(s.db.Update(o.fn))
	}
}

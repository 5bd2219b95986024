package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The inbox journals what Slack sends before Cairn acknowledges it. Slack
// never resends an envelope that was acknowledged, so an input held only in
// memory would be lost to a crash, a SIGKILL or an OOM between the ack and
// its turn. A journaled input is removed in the same commit as the turn that
// answers it (Turn.InboxSeq), or by DoneInbox when it needs no turn.

// InboxItem is one input from Slack, journaled before it is acknowledged.
type InboxItem struct {
	V int `json:"v"`
	// Seq is the order of arrival, given by Journal.
	Seq uint64 `json:"seq"`
	// Key identifies the input across Slack's retries (the event_id, or
	// another identity stable across retries); an input whose Key was
	// journaled or handled before is not journaled again.
	Key      string `json:"key"`
	MemberID string `json:"member_id"`
	// Kind says what Payload holds, for the bot ("dm", "button", …).
	Kind string `json:"kind"`
	// Payload is what the bot needs to handle the input later; opaque here.
	Payload    json.RawMessage `json:"payload"`
	ReceivedAt time.Time       `json:"received_at"`
}

// Journal records inputs durably, in the order given, and reports for each
// whether it is new: an input whose Key is already in the inbox or already
// handled (see Turn.EventID and DoneInbox) is not recorded again. Concurrent
// calls share one commit. The items' Seq and ReceivedAt are filled in the
// returned copy.
func (s *Store) Journal(ctx context.Context, items []InboxItem) ([]InboxItem, []bool, error) {
	for _, it := range items {
		if err := checkID("inbox key", it.Key); err != nil {
			return nil, nil, fmt.Errorf("store: journal: %w", err)
		}
		if err := checkID("member", it.MemberID); err != nil {
			return nil, nil, fmt.Errorf("store: journal: %w", err)
		}
		if len(it.Payload) > 0 && !json.Valid(it.Payload) {
			return nil, nil, fmt.Errorf("store: journal %s: %w: payload is not JSON", it.Key, ErrInvalid)
		}
	}
	now := s.now()
	var out []InboxItem
	var fresh []bool
	err := s.update(ctx, func(tx *bolt.Tx) error {
		out, fresh = make([]InboxItem, len(items)), make([]bool, len(items))
		inbox, keys := tx.Bucket(bInbox), tx.Bucket(bInboxKeys)
		for i, it := range items {
			out[i] = it
			if keys.Get([]byte(it.Key)) != nil || seenEvent(tx, it.Key) {
				continue
			}
			seq, err := inbox.NextSequence()
			if err != nil {
				return err
			}
			it.V, it.Seq, it.ReceivedAt = recordVersion, seq, orNow(it.ReceivedAt, now)
			if err := putJSON(inbox, u64(seq), it); err != nil {
				return err
			}
			if err := putValue(keys, []byte(it.Key), u64(seq)); err != nil {
				return err
			}
			out[i], fresh[i] = it, true
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: journal %d inputs: %w", len(items), err)
	}
	return out, fresh, nil
}

// Inbox returns the journaled inputs not yet handled, oldest first: what a
// restart must still answer.
func (s *Store) Inbox(ctx context.Context) ([]InboxItem, error) {
	var items []InboxItem
	err := s.view(ctx, func(tx *bolt.Tx) error {
		items = nil
		b := tx.Bucket(bInbox)
		return b.ForEach(func(k, v []byte) error {
			var it InboxItem
			if err := decodeValue(b, k, v, &it); err != nil {
				return fmt.Errorf("decode inbox item %d: %w", binary.BigEndian.Uint64(k), err)
			}
			items = append(items, it)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: read inbox: %w", err)
	}
	return items, nil
}

// DoneInbox removes a journaled input that was handled without a turn (or
// whose turn was refused as a duplicate) and marks its Key handled, so that
// a late retry from Slack is not journaled again. Removing one already gone
// is not an error.
func (s *Store) DoneInbox(ctx context.Context, seq uint64) error {
	at := s.now()
	err := s.update(ctx, func(tx *bolt.Tx) error { return settleInbox(tx, seq, at) })
	if err != nil {
		return fmt.Errorf("store: settle inbox item %d: %w", seq, err)
	}
	return nil
}

// settleInbox deletes inbox item seq and marks its key handled.
func settleInbox(tx *bolt.Tx, seq uint64, at time.Time) error {
	inbox := tx.Bucket(bInbox)
	var it InboxItem
	ok, err := getJSON(inbox, u64(seq), &it)
	if err != nil || !ok {
		return err
	}
	if !seenEvent(tx, it.Key) {
		if err := putEvent(tx, it.Key, u64(nanoKey(at))); err != nil {
			return err
		}
	}
	if err := tx.Bucket(bInboxKeys).Delete([]byte(it.Key)); err != nil {
		return err
	}
	return inbox.Delete(u64(seq))
}

// InboxDepth is how many journaled inputs wait for their turn.
func (s *Store) InboxDepth(ctx context.Context) (int, error) {
	return s.count(ctx, bInbox)
}

// count is the number of keys in a bucket.
func (s *Store) count(ctx context.Context, bucket []byte) (int, error) {
	var n int
	err := s.view(ctx, func(tx *bolt.Tx) error {
		n = tx.Bucket(bucket).Stats().KeyN
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: count %s: %w", bytes.TrimSpace(bucket), err)
	}
	return n, nil
}

package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets. Index buckets hold keys only (empty values) or the full key of
// the record they point to, and are always written in the same transaction
// as the record.
var (
	bMeta          = []byte("meta")            // keyApp, keySchema
	bMembers       = []byte("members")         // member id → Member
	bGroups        = []byte("groups")          // group id → Group
	bConversations = []byte("conversations")   // member id → Conversation
	bGoals         = []byte("goals")           // goal id → Goal; its sequence numbers goals
	bGoalsByMember = []byte("goals_by_member") // member id, 0, goal id → nil
	bSteps         = []byte("steps")           // goal id, due, step id → Step; sequence numbers steps
	bStepIDs       = []byte("step_ids")        // step id → key in steps
	bCheckIns      = []byte("checkins")        // member id, 0, session time, id → CheckIn; sequence numbers check-ins
	bCheckInIDs    = []byte("checkin_ids")     // check-in id → key in checkins
	bEvents        = []byte("events")          // Slack event id → time key
	bEventsByTime  = []byte("events_by_time")  // time key, event id → nil
	// Deliveries, and two indexes: the due ones (planned or sending) by due
	// time, and all of them by group session.
	bDeliveries          = []byte("deliveries")            // delivery key → Delivery
	bDeliveriesDue       = []byte("deliveries_due")        // due time, delivery key → nil
	bDeliveriesBySession = []byte("deliveries_by_session") // group id, 0, session time, delivery key → nil

	// Inputs journaled before their ack, and replies staged before their
	// post (see inbox.go and outbox.go).
	bInbox          = []byte("inbox")            // sequence → InboxItem
	bInboxKeys      = []byte("inbox_keys")       // input key → sequence
	bOutbox         = []byte("outbox")           // sequence → Outgoing
	bOutboxByMember = []byte("outbox_by_member") // member id, 0, sequence → nil

	allBuckets = [][]byte{bMeta, bMembers, bGroups, bConversations, bGoals, bGoalsByMember,
		bSteps, bStepIDs, bCheckIns, bCheckInIDs, bEvents, bEventsByTime,
		bDeliveries, bDeliveriesDue, bDeliveriesBySession,
		bInbox, bInboxKeys, bOutbox, bOutboxByMember}

	keyApp    = []byte("app")
	keySchema = []byte("schema")
)

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

// signFlip maps int64 order onto uint64 order, so times before 1970 still
// sort before later ones.
const signFlip = 1 << 63

// Unix nanoseconds only fit an int64 between these instants.
var (
	minNanoTime = time.Unix(0, math.MinInt64).UTC()
	maxNanoTime = time.Unix(0, math.MaxInt64).UTC()
)

// nanoKey is an 8-byte big-endian time key, clamped to the range an int64
// of nanoseconds can hold (stored times are checked to be within it).
func nanoKey(t time.Time) uint64 {
	switch {
	case t.Before(minNanoTime):
		return 0
	case t.After(maxNanoTime):
		return math.MaxUint64
	}
	return uint64(t.UnixNano()) ^ signFlip
}

// dueKey orders steps by due date, steps without one last.
func dueKey(due time.Time) uint64 {
	if due.IsZero() {
		return math.MaxUint64
	}
	return uint64(due.Unix()) ^ signFlip
}

// memberPrefix starts every key of one member in a by-member bucket. Member
// ids never contain 0, so one member's keys are never a prefix of another's.
func memberPrefix(memberID string) []byte {
	b := make([]byte, 0, len(memberID)+1+16)
	b = append(b, memberID...)
	return append(b, 0)
}

func goalIndexKey(memberID string, goalID uint64) []byte {
	return binary.BigEndian.AppendUint64(memberPrefix(memberID), goalID)
}

func stepKey(s Step) []byte {
	b := make([]byte, 0, 24)
	b = binary.BigEndian.AppendUint64(b, s.GoalID)
	b = binary.BigEndian.AppendUint64(b, dueKey(s.Due))
	return binary.BigEndian.AppendUint64(b, s.ID)
}

func checkInKey(c CheckIn) []byte {
	b := binary.BigEndian.AppendUint64(memberPrefix(c.MemberID), nanoKey(c.SessionAt))
	return binary.BigEndian.AppendUint64(b, c.ID)
}

// dueIndexKey orders due deliveries by due time, then by key.
func dueIndexKey(d Delivery) []byte {
	b := make([]byte, 0, 8+len(d.Key))
	b = binary.BigEndian.AppendUint64(b, nanoKey(d.DueAt))
	return append(b, d.Key...)
}

// sessionPrefix starts the by-session keys of one group session. Group ids
// never contain 0, so one group's keys are never a prefix of another's.
func sessionPrefix(groupID string, session time.Time) []byte {
	b := make([]byte, 0, len(groupID)+1+8+64)
	b = append(b, groupID...)
	b = append(b, 0)
	return binary.BigEndian.AppendUint64(b, nanoKey(session))
}

func sessionIndexKey(d Delivery) []byte {
	return append(sessionPrefix(d.GroupID, d.Session), d.Key...)
}

// checkID refuses ids that would break key layout: empty, too long, or with
// a 0 byte (the separator in by-member keys).
func checkID(kind, id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: empty %s id", ErrInvalid, kind)
	case len(id) > 255:
		return fmt.Errorf("%w: %s id longer than 255 bytes", ErrInvalid, kind)
	case strings.IndexByte(id, 0) >= 0:
		return fmt.Errorf("%w: %s id contains a NUL byte", ErrInvalid, kind)
	}
	return nil
}

// checkKeyTime refuses a time that cannot be a nanosecond key.
func checkKeyTime(what string, t time.Time) error {
	if t.Before(minNanoTime) || t.After(maxNanoTime) {
		return fmt.Errorf("%w: %s %v outside 1678–2262", ErrInvalid, what, t)
	}
	return nil
}

// utc keeps stored times in UTC (a zero time stays zero).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// orNow is t in UTC, or now when t is zero.
func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t.UTC()
}

// putJSON writes v as JSON at key, sealed when the database is encrypted.
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	buf, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return putValue(b, key, buf)
}

// getJSON decodes the value at key into v. json.Unmarshal copies, so v
// stays valid after the transaction. It reports whether the key existed.
func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	buf := b.Get(key)
	if buf == nil {
		return false, nil
	}
	return true, decodeValue(b, key, buf, v)
}

// prefixKeys collects the keys starting with prefix, so callers can delete
// them afterwards (deleting while a cursor walks can skip keys).
func prefixKeys(b *bolt.Bucket, prefix []byte) [][]byte {
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	return keys
}

package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DeliverRecapDue reminds a group's facilitator, after a session, that it
// has no recap yet (scheduler/recap.go).
const DeliverRecapDue DeliveryKind = "recap_due"

// The delivery timeline.
//
// Every message the scheduler means to send is planned here first under a
// key that names it (kind, group, session, recipient), so planning it again
// after a restart finds it and changes nothing. A delivery then moves
// planned → sending → sent, or to skipped, or back to planned (MarkRetry)
// after an attempt that surely did not reach Slack. The scheduler marks it sending
// before it hands it to Slack: after a crash between that mark and MarkSent
// the delivery is still sending and still due, and the scheduler can tell it
// may already have arrived. Sent is final; skipped is too, unless MarkSent
// reports the message went out after all.
//
// deliveries_due holds exactly the planned and sending deliveries, so what
// is due is read from the front of one index, however many messages were
// ever sent.

// PlanDeliveries adds the deliveries whose keys are not stored yet, in one
// transaction, and returns how many it added. A delivery already stored
// (also one earlier in ds) is left exactly as it is, whatever ds says about
// it: a sent one stays sent and a planned one keeps its DueAt, so replanning
// is safe at any time.
//
// Each delivery needs Key == DeliveryKey(Kind, GroupID, Session, Recipient),
// a Kind, a Recipient, a Session and a DueAt (times between 1678 and 2262);
// otherwise nothing is added and the error is ErrInvalid. An empty State is
// planned and a zero UpdatedAt is Now; times are stored in UTC.
func (s *Store) PlanDeliveries(ctx context.Context, ds []Delivery) (added int, err error) {
	if len(ds) == 0 {
		return 0, nil
	}
	recs, err := prepareDeliveries(ds, s.now())
	if err != nil {
		return 0, fmt.Errorf("store: plan deliveries: %w", err)
	}
	err = s.update(ctx, func(tx *bolt.Tx) error {
		added = 0 // this may run twice; see commit.go
		b := tx.Bucket(bDeliveries)
		due, bySession := tx.Bucket(bDeliveriesDue), tx.Bucket(bDeliveriesBySession)
		for _, r := range recs {
			if b.Get(r.key) != nil {
				continue
			}
			if err := putValue(b, r.key, r.value); err != nil {
				return err
			}
			if r.dueKey != nil {
				if err := due.Put(r.dueKey, nil); err != nil {
					return err
				}
			}
			if err := bySession.Put(r.sessionKey, nil); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: plan %d deliveries: %w", len(ds), err)
	}
	return added, nil
}

// plannedDelivery is a checked delivery with its keys and encoded value,
// made in the caller's goroutine to keep the single writer's work small.
type plannedDelivery struct {
	key, value, dueKey, sessionKey []byte
}

// prepareDeliveries checks and encodes ds, drops later copies of a key, and
// sorts by key so the writer fills pages in order.
func prepareDeliveries(ds []Delivery, now time.Time) ([]plannedDelivery, error) {
	recs := make([]plannedDelivery, 0, len(ds))
	seen := make(map[string]bool, len(ds))
	for i, d := range ds {
		if err := checkDelivery(d); err != nil {
			return nil, fmt.Errorf("delivery %d (%q): %w", i, d.Key, err)
		}
		if seen[d.Key] {
			continue
		}
		seen[d.Key] = true
		d.V = recordVersion
		if d.State == "" {
			d.State = DeliveryPlanned
		}
		d.Session, d.DueAt = d.Session.UTC(), d.DueAt.UTC()
		d.UpdatedAt = orNow(d.UpdatedAt, now)
		value, err := json.Marshal(d)
		if err != nil {
			return nil, fmt.Errorf("delivery %d (%q): %w", i, d.Key, err)
		}
		r := plannedDelivery{key: []byte(d.Key), value: value, sessionKey: sessionIndexKey(d)}
		if pending(d.State) {
			r.dueKey = dueIndexKey(d)
		}
		recs = append(recs, r)
	}
	slices.SortFunc(recs, func(a, b plannedDelivery) int { return bytes.Compare(a.key, b.key) })
	return recs, nil
}

// checkDelivery refuses a delivery whose key is not its identity, or that
// could not be indexed.
func checkDelivery(d Delivery) error {
	switch {
	case d.Kind == "":
		return fmt.Errorf("%w: empty kind", ErrInvalid)
	case len(d.GroupID) > 255:
		return fmt.Errorf("%w: group id longer than 255 bytes", ErrInvalid)
	case strings.IndexByte(d.GroupID, 0) >= 0:
		return fmt.Errorf("%w: group id contains a NUL byte", ErrInvalid)
	case d.Session.IsZero():
		// Without a session the key would mean "once, ever".
		return fmt.Errorf("%w: no session time", ErrInvalid)
	case d.DueAt.IsZero():
		return fmt.Errorf("%w: no due time", ErrInvalid)
	}
	if err := checkID("recipient", d.Recipient); err != nil {
		return err
	}
	if err := checkKeyTime("session", d.Session); err != nil {
		return err
	}
	if err := checkKeyTime("due time", d.DueAt); err != nil {
		return err
	}
	switch d.State {
	case "", DeliveryPlanned, DeliverySending, DeliverySent, DeliverySkipped:
	default:
		return fmt.Errorf("%w: unknown state %q", ErrInvalid, d.State)
	}
	if want := DeliveryKey(d.Kind, d.GroupID, d.Session, d.Recipient); d.Key != want {
		return fmt.Errorf("%w: key is not %q", ErrInvalid, want)
	}
	return nil
}

// pending reports whether a delivery in this state is in the due index.
func pending(st DeliveryState) bool { return st == DeliveryPlanned || st == DeliverySending }

// Delivery returns the delivery with that key, or ErrNotFound.
func (s *Store) Delivery(ctx context.Context, key string) (Delivery, error) {
	var d Delivery
	err := s.view(ctx, func(tx *bolt.Tx) error {
		var err error
		d, err = loadDelivery(tx, key)
		return err
	})
	if err != nil {
		return Delivery{}, fmt.Errorf("store: delivery %s: %w", key, err)
	}
	return d, nil
}

func loadDelivery(tx *bolt.Tx, key string) (Delivery, error) {
	var d Delivery
	ok, err := getJSON(tx.Bucket(bDeliveries), []byte(key), &d)
	if err == nil && !ok {
		err = ErrNotFound
	}
	return d, err
}

// DueDeliveries returns the planned and sending deliveries with DueAt <= now,
// by DueAt then Key, at most limit of them (all if limit <= 0). It reads the
// front of the due index only.
func (s *Store) DueDeliveries(ctx context.Context, now time.Time, limit int) ([]Delivery, error) {
	if limit <= 0 {
		limit = math.MaxInt
	}
	end := nanoKey(now)
	var ds []Delivery
	err := s.view(ctx, func(tx *bolt.Tx) error {
		c := tx.Bucket(bDeliveriesDue).Cursor()
		for k, _ := c.First(); k != nil && len(ds) < limit; k, _ = c.Next() {
			if len(k) < 8 {
				return fmt.Errorf("short due index key %x", k)
			}
			if binary.BigEndian.Uint64(k) > end {
				break
			}
			d, err := loadDelivery(tx, string(k[8:]))
			if err != nil {
				return fmt.Errorf("due index entry %x: %w", k, err)
			}
			ds = append(ds, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: deliveries due by %v: %w", now, err)
	}
	return ds, nil
}

// NextDue returns the earliest DueAt of the planned and sending deliveries,
// and false when there are none.
func (s *Store) NextDue(ctx context.Context) (time.Time, bool, error) {
	var next time.Time
	var ok bool
	err := s.view(ctx, func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bDeliveriesDue).Cursor().First()
		if k == nil {
			return nil
		}
		if len(k) < 8 {
			return fmt.Errorf("short due index key %x", k)
		}
		next = time.Unix(0, int64(binary.BigEndian.Uint64(k)^signFlip)).UTC()
		ok = true
		return nil
	})
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: next due delivery: %w", err)
	}
	return next, ok, nil
}

// MarkSending records that these deliveries are being handed to Slack: each
// becomes sending with one more attempt, UpdatedAt at (Now if zero), and
// stays due until MarkSent or MarkSkipped. All or nothing: an unknown key is
// ErrNotFound, a sent or skipped delivery ErrInvalid, and then nothing
// changes.
func (s *Store) MarkSending(ctx context.Context, keys []string, at time.Time) error {
	if len(keys) == 0 {
		return nil
	}
	at = orNow(at, s.now())
	err := s.update(ctx, func(tx *bolt.Tx) error {
		ds := make([]Delivery, 0, len(keys))
		seen := make(map[string]bool, len(keys))
		for _, key := range keys {
			if seen[key] {
				continue
			}
			seen[key] = true
			d, err := loadDelivery(tx, key)
			if err != nil {
				return reject(fmt.Errorf("%s: %w", key, err))
			}
			if !pending(d.State) {
				return reject(fmt.Errorf("%w: %s is already %s", ErrInvalid, key, d.State))
			}
			d.V, d.State, d.UpdatedAt = recordVersion, DeliverySending, at
			d.Attempts++
			ds = append(ds, d)
		}
		b := tx.Bucket(bDeliveries)
		for _, d := range ds {
			if err := putJSON(b, []byte(d.Key), d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: mark %d deliveries sending: %w", len(keys), err)
	}
	return nil
}

// MarkSent records that Slack took the delivery, in channel with timestamp
// ts, at at (Now if zero), and takes it off the due index. Marking a sent
// delivery again changes nothing (the first channel and ts stay). A skipped
// delivery that was sent after all becomes sent: the record says what
// happened. An unknown key is ErrNotFound.
func (s *Store) MarkSent(ctx context.Context, key, channel, ts string, at time.Time) error {
	at = orNow(at, s.now())
	err := s.update(ctx, func(tx *bolt.Tx) error {
		d, err := loadDelivery(tx, key)
		if err != nil {
			return reject(err)
		}
		if d.State == DeliverySent {
			return nil
		}
		was := d
		d.V, d.State, d.Reason, d.Channel, d.TS, d.UpdatedAt = recordVersion, DeliverySent, "", channel, ts, at
		return writeDelivery(tx, was, d)
	})
	if err != nil {
		return fmt.Errorf("store: mark delivery %s sent: %w", key, err)
	}
	return nil
}

// MarkSkipped records that the delivery will not be sent, and why, at at
// (Now if zero), and takes it off the due index. A sent or already skipped
// delivery stays as it is. An unknown key is ErrNotFound.
func (s *Store) MarkSkipped(ctx context.Context, key, reason string, at time.Time) error {
	at = orNow(at, s.now())
	err := s.update(ctx, func(tx *bolt.Tx) error {
		d, err := loadDelivery(tx, key)
		if err != nil {
			return reject(err)
		}
		if !pending(d.State) {
			return nil
		}
		was := d
		d.V, d.State, d.Reason, d.UpdatedAt = recordVersion, DeliverySkipped, reason, at
		return writeDelivery(tx, was, d)
	})
	if err != nil {
		return fmt.Errorf("store: mark delivery %s skipped: %w", key, err)
	}
	return nil
}

// Reschedule gives a planned or sending delivery a new DueAt, to retry it
// after a failure; its state and attempts stay as they are, and UpdatedAt
// is Now. An unknown key is ErrNotFound; a sent or skipped delivery, or a
// zero or unkeyable dueAt, is ErrInvalid.
func (s *Store) Reschedule(ctx context.Context, key string, dueAt time.Time) error {
	return s.moveDue(ctx, key, dueAt, "reschedule", false)
}

// moveDue gives a pending delivery a new DueAt (Reschedule, MarkRetry);
// planned also sets it back to planned.
func (s *Store) moveDue(ctx context.Context, key string, dueAt time.Time, what string, planned bool) error {
	if dueAt.IsZero() {
		return fmt.Errorf("store: %s delivery %s: %w: no due time", what, key, ErrInvalid)
	}
	if err := checkKeyTime("due time", dueAt); err != nil {
		return fmt.Errorf("store: %s delivery %s: %w", what, key, err)
	}
	now := s.now()
	err := s.update(ctx, func(tx *bolt.Tx) error {
		d, err := loadDelivery(tx, key)
		if err != nil {
			return reject(err)
		}
		if !pending(d.State) {
			return reject(fmt.Errorf("%w: already %s", ErrInvalid, d.State))
		}
		was := d
		d.V, d.DueAt, d.UpdatedAt = recordVersion, dueAt.UTC(), now
		if planned {
			d.State = DeliveryPlanned
		}
		return writeDelivery(tx, was, d)
	})
	if err != nil {
		return fmt.Errorf("store: %s delivery %s: %w", what, key, err)
	}
	return nil
}

// writeDelivery replaces a stored delivery and moves its due index entry to
// match. Key, group and session never change, so neither does its
// by-session entry.
func writeDelivery(tx *bolt.Tx, was, d Delivery) error {
	due := tx.Bucket(bDeliveriesDue)
	if pending(was.State) {
		if err := due.Delete(dueIndexKey(was)); err != nil {
			return err
		}
	}
	if pending(d.State) {
		if err := due.Put(dueIndexKey(d), nil); err != nil {
			return err
		}
	}
	return putJSON(tx.Bucket(bDeliveries), []byte(d.Key), d)
}

// DeliveriesFor returns every delivery of one group session, of any kind and
// state, ordered by key. An empty groupID reads the deliveries planned
// without a group (navigators' daily lists) for that session time.
func (s *Store) DeliveriesFor(ctx context.Context, groupID string, session time.Time) ([]Delivery, error) {
	prefix := sessionPrefix(groupID, session)
	var ds []Delivery
	err := s.view(ctx, func(tx *bolt.Tx) error {
		c := tx.Bucket(bDeliveriesBySession).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			d, err := loadDelivery(tx, string(k[len(prefix):]))
			if err != nil {
				return fmt.Errorf("session index entry %x: %w", k, err)
			}
			ds = append(ds, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: deliveries of group %s session %v: %w", groupID, session, err)
	}
	return ds, nil
}

// CountDeliveries counts the stored deliveries by state; states with none
// are left out. It decodes every delivery ever stored, so it is for tests
// and operators, not for the scheduler's loop.
func (s *Store) CountDeliveries(ctx context.Context) (map[DeliveryState]int, error) {
	n := map[DeliveryState]int{}
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bDeliveries)
		return b.ForEach(func(k, v []byte) error {
			var d struct {
				State DeliveryState `json:"state"`
			}
			if err := decodeValue(b, k, v, &d); err != nil {
				return fmt.Errorf("decode delivery %q: %w", k, err)
			}
			n[d.State]++
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: count deliveries: %w", err)
	}
	return n, nil
}

// Members returns the members with these ids that exist, in the order
// given (an id given twice is returned twice), in one read transaction.
func (s *Store) Members(ctx context.Context, ids []string) ([]Member, error) {
	ms := make([]Member, 0, len(ids))
	err := s.view(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bMembers)
		for _, id := range ids {
			var m Member
			ok, err := getJSON(b, []byte(id), &m)
			if err != nil {
				return fmt.Errorf("member %s: %w", id, err)
			}
			if ok {
				ms = append(ms, m)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: %d members: %w", len(ids), err)
	}
	return ms, nil
}

// SetPaused sets the instant before which the member gets no prompts; a
// zero until ends a pause. An unknown member is ErrNotFound.
func (s *Store) SetPaused(ctx context.Context, memberID string, until time.Time) error {
	err := s.changeMember(ctx, memberID, func(m *Member) bool { m.PausedUntil = utc(until); return true })
	if err != nil {
		return fmt.Errorf("store: pause member %s: %w", memberID, err)
	}
	return nil
}

// SaveMemberDM records the member's DM channel with the bot. An unknown
// member is ErrNotFound.
func (s *Store) SaveMemberDM(ctx context.Context, memberID, channel string) error {
	err := s.changeMember(ctx, memberID, func(m *Member) bool {
		if m.DMChannel == channel {
			return false
		}
		m.DMChannel = channel
		return true
	})
	if err != nil {
		return fmt.Errorf("store: save DM channel of member %s: %w", memberID, err)
	}
	return nil
}

// changeMember applies change to a stored member in one write. change
// reports whether it changed anything; nothing is written if not (a member
// writing to Cairn, say, should not cost a write). An unknown member is
// ErrNotFound. Every change to a member goes through here or a transaction
// of people.go, and touches only its own fields.
func (s *Store) changeMember(ctx context.Context, memberID string, change func(*Member) bool) error {
	if err := checkID("member", memberID); err != nil {
		return err
	}
	return s.update(ctx, func(tx *bolt.Tx) error {
		b := tx.Bucket(bMembers)
		var m Member
		ok, err := getJSON(b, []byte(memberID), &m)
		if err == nil && !ok {
			err = ErrNotFound
		}
		if err != nil {
			return reject(err)
		}
		if !change(&m) {
			return nil
		}
		m.V = recordVersion
		return putJSON(b, []byte(memberID), m)
	})
}

// MarkRetry records that an attempt surely did not reach Slack (it was
// refused, or never composed): the delivery is planned again, due at dueAt,
// so its next try sends without first asking whether this one arrived. Its
// attempts stay as they are. An unknown key is ErrNotFound; a sent or
// skipped delivery, or a zero or unkeyable dueAt, is ErrInvalid.
func (s *Store) MarkRetry(ctx context.Context, key string, dueAt time.Time) error {
	return s.moveDue(ctx, key, dueAt, "retry", true)
}

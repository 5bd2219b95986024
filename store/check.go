package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// CheckReport is what CheckFile found in a database file.
type CheckReport struct {
	Path     string
	Schema   uint64
	Records  map[string]int // by bucket
	Problems []string       // each names the bucket and key; empty when sound
}

// OK says whether the file is sound.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// Buckets lists the buckets found, in name order.
func (r CheckReport) Buckets() []string {
	names := make([]string, 0, len(r.Records))
	for n := range r.Records {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// maxProblems keeps a badly damaged file's report readable.
const maxProblems = 50

// recordTypes decodes the values of the buckets that hold records.
var recordTypes = map[string]func() any{
	string(bMembers):       func() any { return new(Member) },
	string(bGroups):        func() any { return new(Group) },
	string(bConversations): func() any { return new(Conversation) },
	string(bGoals):         func() any { return new(Goal) },
	string(bSteps):         func() any { return new(Step) },
	string(bCheckIns):      func() any { return new(CheckIn) },
	string(bDeliveries):    func() any { return new(Delivery) },
}

// CheckFile verifies the Cairn database at path without changing it:
// bbolt's layout (file length, meta and freelist pages), bbolt's own
// consistency check, that every record decodes, and that every index entry
// points at a record. It opens the file read-only, so it fails with ErrInUse
// while a Cairn process holds it; check a backup instead. The error is only
// for a file that cannot be checked at all; what is damaged is in Problems.
func CheckFile(path string, timeout time.Duration) (CheckReport, error) {
	return CheckFileOptions(path, Options{Timeout: timeout})
}

// CheckFileOptions is CheckFile with options: an encrypted file needs its
// Key to have its records decoded (without it, or with another key, it is
// an error: ErrKeyNeeded, ErrWrongKey).
func CheckFileOptions(path string, o Options) (CheckReport, error) {
	r := CheckReport{Path: path, Records: map[string]int{}}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	var sl *sealer
	if o.Key != nil {
		var err error
		if sl, err = newSealer(o.Key); err != nil {
			return r, fmt.Errorf("store: check %s: %w", path, err)
		}
	}
	if err := checkLayout(path); err != nil {
		if errors.Is(err, ErrDamaged) {
			r.Problems = append(r.Problems, err.Error())
			return r, nil
		}
		return r, err
	}
	db, err := openReadOnly(path, &bolt.Options{Timeout: timeout, ReadOnly: true})
	if errors.Is(err, ErrDamaged) {
		r.Problems = append(r.Problems, err.Error())
		return r, nil
	}
	if errors.Is(err, berrors.ErrTimeout) {
		return r, fmt.Errorf("store: check %s: %w (stop it, or check a backup: cairn backup FILE, then cairn check --db FILE)", path, ErrInUse)
	}
	if err != nil {
		return r, openError(path, err)
	}
	defer closeDB(db)
	err = db.View(func(tx *bolt.Tx) error {
		ver, err := checkMeta(tx, path)
		if err != nil {
			return err
		}
		encrypted, err := verifyKey(tx, path, sl)
		if err != nil {
			return err
		}
		if encrypted {
			sealers.Store(db, sl)
		}
		r.Schema = ver
		problem := func(format string, args ...any) error {
			r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
			if len(r.Problems) >= maxProblems {
				return errTooMany
			}
			return nil
		}
		err = walk(tx, path, func(buckets [][]byte, k, v []byte) error {
			name := string(buckets[0])
			r.Records[name]++
			return checkRecord(tx, name, k, v, problem)
		})
		if errors.Is(err, ErrDamaged) {
			r.Problems = append(r.Problems, err.Error())
			return nil // bbolt's check would trip on the same page
		}
		if err != nil && !errors.Is(err, errTooMany) {
			return err
		}
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				if err := problem("bucket %s is missing", name); err != nil {
					return nil
				}
			}
		}
		for cerr := range tx.Check() {
			if err := problem("bbolt: %v", cerr); err != nil {
				break
			}
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	return r, nil
}

var errTooMany = errors.New("too many problems")

// checkRecord decodes one record, or follows one index entry.
func checkRecord(tx *bolt.Tx, bucket string, k, v []byte, problem func(string, ...any) error) error {
	if b := tx.Bucket([]byte(bucket)); b != nil && bucket != string(bMeta) {
		plain, err := openValue(b, k, v)
		if err != nil {
			return problem("%s: %v", bucket, err)
		}
		v = plain
	}
	if newRecord, ok := recordTypes[bucket]; ok {
		if err := json.Unmarshal(v, newRecord()); err != nil {
			return problem("%s: record %q does not decode: %v", bucket, printable(k), err)
		}
		return nil
	}
	// pointsTo is the bucket an index's entries refer to, and the key there.
	var to []byte
	var target []byte
	switch bucket {
	case string(bGoalsByMember):
		if len(k) >= 8 {
			to, target = bGoals, k[len(k)-8:]
		}
	case string(bStepIDs):
		to, target = bSteps, v
	case string(bCheckInIDs):
		to, target = bCheckIns, v
	case string(bDeliveriesDue):
		if len(k) > 8 {
			to, target = bDeliveries, k[8:]
		}
	case string(bDeliveriesBySession):
		if i := bytes.IndexByte(k, 0); i >= 0 && len(k) > i+1+8 {
			to, target = bDeliveries, k[i+1+8:]
		}
	default:
		return nil // meta, the event marks, and buckets of a newer Cairn
	}
	if to == nil {
		return problem("%s: index entry %q is malformed", bucket, printable(k))
	}
	if b := tx.Bucket(to); b == nil || b.Get(target) == nil {
		return problem("%s: index entry %q points at a missing %s record", bucket, printable(k), to)
	}
	return nil
}

// printable shows a key: as text when it is text, else in hex.
func printable(k []byte) string {
	for _, c := range k {
		if c < 0x20 || c > 0x7e {
			return fmt.Sprintf("%x", k)
		}
	}
	return string(k)
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cairnbot/cairn/store"
)

// `cairn audit` prints who saw whose data and when: digests, navigators'
// lists, exports and the admin commands that read members' data (backup,
// check, and audit itself, which is recorded before it prints).

// auditCommand is `cairn audit`.
type auditCommand struct {
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
}

func (c *auditCommand) getenv(key string) string { v, _ := c.lookupEnv(key); return v }

// Run prints the audit log, filtered.
func (c *auditCommand) Run(ctx context.Context, args []string) error {
	a := &adminCommand{name: "audit", stdout: c.stdout, stderr: c.stderr, lookupEnv: c.lookupEnv}
	fs, db := a.flags(`Usage: cairn audit [flags]

Prints who saw whose data, and when: one line per entry, oldest first
(time, who read, what, whose data, group). Cairn must not be running on the
file; to read a running Cairn's log, take a backup first (cairn backup FILE,
then cairn audit --db FILE). Running it is itself recorded.

Flags:
`)
	person := fs.String("person", "", "only entries where this Slack `id` read or was read")
	since := fs.String("since", "", "only entries from this `date` on (2026-06-01, or an RFC 3339 time)")
	until := fs.String("until", "", "only entries up to this `date`, that day included (or before an RFC 3339 time)")
	if err := parseArgs(fs, args, 0, "cairn audit takes no arguments; filter with --person, --since and --until"); err != nil {
		return err
	}
	f := store.AuditFilter{Person: strings.TrimSpace(*person)}
	var err error
	if f.Since, err = parseAuditTime(*since, false); err != nil {
		return fmt.Errorf("%w: --since: %v", errUsage, err)
	}
	if f.Until, err = parseAuditTime(*until, true); err != nil {
		return fmt.Errorf("%w: --until: %v", errUsage, err)
	}
	st, err := openForAudit(c.getenv, c.stderr, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RecordAudit(ctx, store.AuditEntry{Actor: store.AuditAdmin, Subject: store.AuditAll, What: "audit"}); err != nil {
		return err
	}
	entries, err := st.Audit(ctx, f)
	if err != nil {
		return err
	}
	for _, e := range entries {
		line := fmt.Sprintf("%s  %-12s %-15s %s", e.At.UTC().Format(time.RFC3339), e.Actor, e.What, e.Subject)
		if e.GroupID != "" {
			line += "  group " + e.GroupID
		}
		fmt.Fprintln(c.stdout, line)
	}
	if len(entries) == 0 {
		fmt.Fprintln(c.stderr, "cairn: no audit entries match")
	}
	return nil
}

// parseAuditTime reads a date (UTC midnight; the end of that day when
// endOfDay) or an RFC 3339 time. Empty is the zero time: no bound.
func parseAuditTime(s string, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2026-06-01 or a time like 2026-06-01T09:00:00Z", s)
	}
	return t, nil
}

// openForAudit opens the database to record (and read) audit entries,
// saying what to do when a running Cairn holds it.
func openForAudit(getenv func(string) string, stderr io.Writer, db string) (*store.Store, error) {
	o, err := storeOptions(getenv, stderr)
	if err != nil {
		return nil, err
	}
	o.Timeout = time.Second
	st, err := store.OpenOptions(db, o)
	if errors.Is(err, store.ErrInUse) {
		return nil, fmt.Errorf("%w (stop it, or use a backup: cairn backup FILE, then --db FILE)", err)
	}
	return st, err
}

// recordAdminRead notes in the database's audit log that an admin command
// read every member's data.
func recordAdminRead(ctx context.Context, getenv func(string) string, stderr io.Writer, db, what string) error {
	st, err := openForAudit(getenv, stderr, db)
	if err != nil {
		return fmt.Errorf("record the %s in the audit log: %w", what, err)
	}
	err = st.RecordAudit(ctx, store.AuditEntry{Actor: store.AuditAdmin, Subject: store.AuditAll, What: what})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("record the %s in the audit log: %w", what, err)
	}
	return nil
}

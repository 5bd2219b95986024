package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/store"
)

// `cairn export` writes a group's records for the program, as /cairn export
// sends them to a facilitator: one row per member per session, of what each
// member shares with the group, recorded in the audit log as read by the
// admin.

// exportCommand is `cairn export`.
type exportCommand struct {
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
	now            func() time.Time // nil: time.Now; tests set it
}

func (c *exportCommand) getenv(key string) string { v, _ := c.lookupEnv(key); return v }

// Run writes the export.
func (c *exportCommand) Run(ctx context.Context, args []string) error {
	a := &adminCommand{name: "export", stdout: c.stdout, stderr: c.stderr, lookupEnv: c.lookupEnv}
	fs, db := a.flags(`Usage: cairn export --group ID [flags]

Writes a group's records: one row per member per session (checked in, steps
done and planned, whether the session's recap lists them as there, and the
member's own words only when they share everything with the group; never an
answer they kept just for themselves). Attendance is blank when the session
has no recap, or the member shares only whether they checked in. Sessions are
the group's schedule's, less those called off, up to now. The export is
recorded in the audit log. Cairn must not be running on the file (the file
is locked while it runs); to export from a running Cairn, take a backup
first (cairn backup FILE, then cairn export --db FILE).

Flags:
`)
	group := fs.String("group", "", "the group's `id` (its Slack channel id)")
	format := fs.String("format", "csv", "csv or json")
	since := fs.String("since", "", "only sessions from this `date` on (2026-06-01, or an RFC 3339 time); default: since the group began")
	out := fs.String("out", "", "write to this `file` (made readable by its owner only) instead of standard output")
	if err := parseArgs(fs, args, 0, "cairn export takes no arguments; name the group with --group"); err != nil {
		return err
	}
	*group, *format = strings.TrimSpace(*group), strings.ToLower(strings.TrimSpace(*format))
	if *group == "" {
		return fmt.Errorf("%w: cairn export needs --group ID (the group's channel id)", errUsage)
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("%w: --format: %q is not csv or json", errUsage, *format)
	}
	from, err := parseAuditTime(*since, false)
	if err != nil {
		return fmt.Errorf("%w: --since: %v", errUsage, err)
	}
	st, err := openForAudit(c.getenv, c.stderr, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	if c.now != nil {
		now = c.now()
	}
	p, err := bot.ExportGroup(ctx, st, *group, store.AuditAdmin, from, now)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("export: no group %q in %s", *group, *db)
	}
	if err != nil {
		return err
	}
	write := p.WriteCSV
	if *format == "json" {
		write = p.WriteJSON
	}
	if *out == "" {
		return write(c.stdout)
	}
	if err := writeFileAtomic(*out, write); err != nil {
		return fmt.Errorf("export: write %s: %w", *out, err)
	}
	fmt.Fprintf(c.stderr, "cairn: wrote %d rows (%d members, %d sessions) of group %s to %s\n",
		len(p.Rows), len(p.Rows)/max(1, len(p.Sessions)), len(p.Sessions), *group, *out)
	return nil
}

// writeFileAtomic writes path through a temporary file beside it, renamed
// into place once whole: a failed export leaves no half file behind. The
// file is its owner's alone: it holds members' records.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op once renamed
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

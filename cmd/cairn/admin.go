package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/cairnbot/cairn/store"
)

// The operator's commands: backup, check and restore.
//
// A running `cairn serve` holds the database file's lock, so no second
// process can open it. `cairn backup` therefore first tries the file
// itself (Cairn stopped) and, if a Cairn holds it, asks that Cairn's admin
// address for /backup, which streams a consistent copy from a read
// transaction while the bot goes on writing.

// adminCommand is one of the operator's commands.
type adminCommand struct {
	name           string
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
}

func (c *adminCommand) getenv(key string) string { v, _ := c.lookupEnv(key); return v }

// flags is the FlagSet the three commands share: --db, and --admin for
// backup.
func (c *adminCommand) flags(usage string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("cairn "+c.name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	db := fs.String("db", envOr(c.getenv, "CAIRN_DB", store.DefaultPath()), "database `file` (env CAIRN_DB)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs, db
}

func parseArgs(fs *flag.FlagSet, args []string, want int, what string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != want {
		return fmt.Errorf("%w: %s", errUsage, what)
	}
	return nil
}

// backupCommand is `cairn backup PATH`.
func (c *adminCommand) backup(ctx context.Context, args []string) error {
	fs, db := c.flags(`Usage: cairn backup [flags] PATH

Writes a consistent copy of the database to PATH, checks it, and only then
gives it that name. Cairn may be running: the copy then comes from its admin
address (/backup, answered to local clients only).

Flags:
`)
	admin := fs.String("admin", envSetOr(c.lookupEnv, "CAIRN_ADMIN", defaultAdminAddr), "the running Cairn's admin `address` (env CAIRN_ADMIN)")
	if err := parseArgs(fs, args, 1, "cairn backup needs the file to write, e.g. cairn backup /var/backups/cairn.db"); err != nil {
		return err
	}
	dest := fs.Arg(0)
	if same, _ := sameFile(dest, *db); same {
		return fmt.Errorf("%w: the backup would overwrite the database itself (%s)", errUsage, *db)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), filepath.Base(dest)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	defer os.Remove(tmp.Name()) // gone after the rename
	// Ask the running Cairn first: it holds the file's lock, and under a
	// service manager the file may not even be readable by this user. If
	// no Cairn answers there, copy the file itself.
	var n int64
	from := "the running Cairn at " + *admin
	if *admin != "" {
		n, err = backupFromAdmin(ctx, *admin, tmp)
	}
	var dial *net.OpError
	if *admin == "" || errors.As(err, &dial) && dial.Op == "dial" {
		from = *db
		// Recorded before the copy is made: a read that is not written
		// down must not happen. (A running Cairn records its own.)
		if err := recordAdminRead(ctx, c.getenv, c.stderr, *db, "backup"); err != nil {
			return fmt.Errorf("backup to %s: %w", dest, err)
		}
		n, err = store.BackupFile(ctx, *db, tmp, 500*time.Millisecond)
		if errors.Is(err, store.ErrInUse) {
			err = fmt.Errorf("%w, and no admin address answered (CAIRN_ADMIN=%q): set the running Cairn's, or stop it", err, *admin)
		}
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	o, err := storeOptions(c.getenv, c.stderr)
	if err != nil {
		return err
	}
	o.Timeout = time.Second
	report, err := store.CheckFileOptions(tmp.Name(), o)
	if err != nil {
		return fmt.Errorf("backup to %s: check the copy: %w", dest, err)
	}
	if !report.OK() {
		return fmt.Errorf("backup to %s: the copy from %s is damaged: %s", dest, from, report.Problems[0])
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	fmt.Fprintf(c.stdout, "backed up %s to %s (%d bytes, from %s), checked\n", *db, dest, n, from)
	return nil
}

// backupFromAdmin streams a running Cairn's /backup into w.
func backupFromAdmin(ctx context.Context, addr string, w io.Writer) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/backup", nil)
	if err != nil {
		return 0, err
	}
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("ask the running Cairn at %s: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return 0, fmt.Errorf("the running Cairn at %s answered %s: %s", addr, resp.Status, msg)
	}
	return io.Copy(w, resp.Body)
}

// sameFile says whether a and b name one file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// check is `cairn check`.
func (c *adminCommand) check(ctx context.Context, args []string) error {
	fs, db := c.flags(`Usage: cairn check [flags]

Checks a database file: bbolt's consistency check, every record decoded and
every index entry followed. It only reads, then (in a sound file) notes in the
audit log that every member's data was read. Cairn must not be running on the
file; to check a running Cairn's data, check a backup (cairn backup FILE, then
cairn check --db FILE). An encrypted file needs its key in CAIRN_KEY_FILE.

Flags:
`)
	if err := parseArgs(fs, args, 0, "cairn check takes no arguments; name the file with --db"); err != nil {
		return err
	}
	o, err := storeOptions(c.getenv, c.stderr)
	if err != nil {
		return err
	}
	o.Timeout = time.Second
	report, err := store.CheckFileOptions(*db, o)
	if err != nil {
		return err
	}
	if !report.OK() {
		fmt.Fprintf(c.stdout, "%s is damaged:\n", *db)
		for _, p := range report.Problems {
			fmt.Fprintf(c.stdout, "  %s\n", p)
		}
		return fmt.Errorf("%s: %d problems found; restore a backup (cairn restore FILE)", *db, len(report.Problems))
	}
	// Every record was read: that goes in the audit log, written only now
	// that the file is known to be sound (writing into a damaged one could
	// make it worse).
	if err := recordAdminRead(ctx, c.getenv, c.stderr, *db, "check"); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s is sound (schema %d):\n", *db, report.Schema)
	for _, name := range report.Buckets() {
		fmt.Fprintf(c.stdout, "  %-22s %d\n", name, report.Records[name])
	}
	return nil
}

// restore is `cairn restore BACKUP`.
func (c *adminCommand) restore(ctx context.Context, args []string) error {
	fs, db := c.flags(`Usage: cairn restore [flags] BACKUP

Replaces the database with BACKUP, after checking BACKUP. Stop Cairn first:
restore refuses while Cairn runs on the database. The replaced file is kept
beside it, named .replaced-<time>. An encrypted backup is checked with the key
in CAIRN_KEY_FILE, which must be the one it was made with.

Flags:
`)
	if err := parseArgs(fs, args, 1, "cairn restore needs the backup file, e.g. cairn restore /var/backups/cairn.db"); err != nil {
		return err
	}
	o, err := storeOptions(c.getenv, c.stderr)
	if err != nil {
		return err
	}
	o.Timeout = time.Second
	replaced, err := store.RestoreOptions(*db, fs.Arg(0), o)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "restored %s from %s\n", *db, fs.Arg(0))
	if replaced != "" {
		fmt.Fprintf(c.stdout, "the old database is kept as %s\n", replaced)
	}
	return nil
}

// serveBackup is the admin server's /backup: a consistent copy of the
// database, streamed from a read transaction. It holds every member's
// words, so only clients on this machine may have it.
func serveBackup(st *store.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			http.Error(w, "backups are given to local clients only", http.StatusForbidden)
			return
		}
		if err := st.RecordAudit(r.Context(), store.AuditEntry{Actor: store.AuditAdmin, Subject: store.AuditAll, What: "backup"}); err != nil {
			http.Error(w, "the backup could not be recorded in the audit log", http.StatusInternalServerError)
			return
		}
		// A large database takes longer than the server's write timeout.
		_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="cairn.db"`)
		// A failure midway leaves a short copy, which cairn backup's check
		// refuses.
		_, _ = st.Backup(r.Context(), w)
	}
}

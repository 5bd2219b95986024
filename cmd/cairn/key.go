package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cairnbot/cairn/store"
)

// The key that encrypts the database: `cairn key new` makes one,
// CAIRN_KEY_FILE names it for every command that opens the database, and
// `cairn key rotate` moves the database to another.

// keyCommand is `cairn key new|rotate`.
type keyCommand struct {
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
}

func (c *keyCommand) getenv(key string) string { v, _ := c.lookupEnv(key); return v }

const keyUsage = `Usage:
  cairn key new PATH
        write a new random key (32 bytes) to PATH, readable by you only;
        it refuses to replace an existing file
  cairn key rotate [--db FILE] NEWKEY
        re-encrypt the database with the key in the file NEWKEY; CAIRN_KEY_FILE
        names the current key (unset: the database is not encrypted yet).
        Stop Cairn first. Then point CAIRN_KEY_FILE at NEWKEY.

Keep a copy of the key apart from the database and its backups: without it
nothing in them can be read.
`

func (c *keyCommand) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, keyUsage)
		return fmt.Errorf("%w: cairn key needs new or rotate", errUsage)
	}
	switch args[0] {
	case "new":
		return c.new(args[1:])
	case "rotate":
		return c.rotate(args[1:])
	case "help", "--help", "-help", "-h":
		fmt.Fprint(c.stdout, keyUsage)
		return nil
	default:
		fmt.Fprint(c.stderr, keyUsage)
		return fmt.Errorf("%w: unknown cairn key command %q", errUsage, args[0])
	}
}

func (c *keyCommand) new(args []string) error {
	fs := flag.NewFlagSet("cairn key new", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), keyUsage) }
	if err := parseArgs(fs, args, 1, "cairn key new needs the file to write, e.g. cairn key new /etc/cairn/key"); err != nil {
		return err
	}
	path := fs.Arg(0)
	if err := store.NewKeyFile(path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%w (it may be the only copy of a key: pick another name)", err)
		}
		return err
	}
	fmt.Fprintf(c.stdout, "wrote a new key to %s; set CAIRN_KEY_FILE=%s and keep a copy apart from the database\n", path, path)
	return nil
}

func (c *keyCommand) rotate(args []string) error {
	fs := flag.NewFlagSet("cairn key rotate", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	db := fs.String("db", envOr(c.getenv, "CAIRN_DB", store.DefaultPath()), "database `file` (env CAIRN_DB)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), keyUsage+"\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseArgs(fs, args, 1, "cairn key rotate needs the new key's file, e.g. cairn key rotate /etc/cairn/key.2"); err != nil {
		return err
	}
	newKey, err := store.ReadKeyFile(fs.Arg(0))
	if err != nil {
		return err
	}
	o, err := storeOptions(c.getenv, c.stderr)
	if err != nil {
		return err
	}
	if o.Key != nil && string(o.Key) == string(newKey) {
		return fmt.Errorf("%w: %s holds the key in use already (CAIRN_KEY_FILE)", errUsage, fs.Arg(0))
	}
	if _, err := os.Stat(*db); err != nil {
		return fmt.Errorf("rotate key of %s: %w", *db, err)
	}
	if err := store.RotateKey(*db, o, newKey); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%s is now encrypted with the key in %s; set CAIRN_KEY_FILE=%s before starting Cairn\n", *db, fs.Arg(0), fs.Arg(0))
	if o.Key != nil {
		fmt.Fprintln(c.stdout, "backups made before now still need the old key")
	}
	return nil
}

// storeOptions are the store options every command that opens the
// database uses: the key named by CAIRN_KEY_FILE, and the store's notices
// (a file mode tightened, a file encrypted) written to notices.
func storeOptions(getenv func(string) string, notices io.Writer) (store.Options, error) {
	key, err := readKey(getenv)
	return store.Options{Key: key, Notify: func(msg string) { fmt.Fprintln(notices, "cairn:", msg) }}, err
}

// readKey reads the key CAIRN_KEY_FILE names; nil when it is not set.
func readKey(getenv func(string) string) ([]byte, error) {
	path := getenv("CAIRN_KEY_FILE")
	if path == "" {
		return nil, nil
	}
	key, err := store.ReadKeyFile(path)
	if err != nil {
		return nil, fmt.Errorf("CAIRN_KEY_FILE: %w", err)
	}
	return key, nil
}

// unencryptedNotice is said once at start by serve and try without a key.
const unencryptedNotice = "member text is stored unencrypted; to encrypt it, run cairn key new FILE and set CAIRN_KEY_FILE=FILE (the database is encrypted at the next start)"

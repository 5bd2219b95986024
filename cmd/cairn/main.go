// Command cairn runs Cairn: `cairn try` in a terminal, and the admin commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// errUsage marks an error in how the command was called (exit code 2).
var errUsage = errors.New("usage")

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, err)
		return 2
	default:
		fmt.Fprintln(stderr, "cairn:", err)
		return 1
	}
}

const usage = `Cairn helps peer-support recovery groups follow through on their goals.

Usage:
  cairn <command> [flags]

Commands:
  try       talk to Cairn in this terminal as a member (no Slack needed)
  serve     run Cairn on Slack (Socket Mode, or the HTTP Events API with --http)
  schedule preview
            show what a group's schedule would send to whom and when
  backup PATH
            write a checked copy of the database to PATH (Cairn may be running)
  check     verify the database file and say what is damaged
  restore PATH
            replace the database with a checked backup (stop Cairn first)
  audit     print who saw whose data, and when (--person, --since, --until)
  export    write a group's records by session, as its members share them
            (--group ID, --format csv|json, --since DATE, --out FILE)
  admin add|allow|remove|list
            who may create groups: Cairn's admins, and those they allow
  key new PATH
            write a new encryption key to PATH (then set CAIRN_KEY_FILE=PATH)
  key rotate NEWKEY
            re-encrypt the database with another key (stop Cairn first)
  version   print the version
  help      print this help

Run "cairn <command> --help" for a command's flags.
Environment: CAIRN_DB (database file), CAIRN_KEY_FILE (the key that encrypts
it, for every command that opens it) and the rest listed by "cairn try --help"
and "cairn serve --help" (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL).
`

// run is main without the process: tests call it directly. lookupEnv is
// os.LookupEnv's shape so that a variable set to "" (CAIRN_ADMIN=, "off")
// differs from one not set at all.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) error {
	getenv := func(key string) string { v, _ := lookupEnv(key); return v }
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: cairn needs a command, such as \"cairn try\"", errUsage)
	}
	switch args[0] {
	case "try":
		return (&tryCommand{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}).Run(ctx, args[1:])
	case "serve":
		return (&serveCommand{stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).Run(ctx, args[1:])
	case "schedule":
		return (&scheduleCommand{stdout: stdout, stderr: stderr, getenv: getenv}).Run(ctx, args[1:])
	case "backup":
		return (&adminCommand{name: "backup", stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).backup(ctx, args[1:])
	case "check":
		return (&adminCommand{name: "check", stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).check(ctx, args[1:])
	case "restore":
		return (&adminCommand{name: "restore", stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).restore(ctx, args[1:])
	case "audit":
		return (&auditCommand{stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).Run(ctx, args[1:])
	case "export":
		return (&exportCommand{stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).Run(ctx, args[1:])
	case "admin":
		return (&adminsCommand{stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).Run(ctx, args[1:])
	case "key":
		return (&keyCommand{stdout: stdout, stderr: stderr, lookupEnv: lookupEnv}).Run(ctx, args[1:])
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "cairn", versionString())
		return nil
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
}

func versionString() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}

// envOr is a flag default taken from the environment when it is set and
// not empty.
func envOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}

// envSetOr is a flag default taken from the environment when it is set,
// even to "" (which means "off" for an address).
func envSetOr(lookupEnv func(string) (string, bool), key, fallback string) string {
	if v, ok := lookupEnv(key); ok {
		return v
	}
	return fallback
}

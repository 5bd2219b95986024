package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cairnbot/cairn/store"
)

// `cairn admin`: who may create groups. Cairn's admins create groups and
// may allow others to; those allowed create groups and facilitate them.
// Workspace owners and admins (as Slack says) and CAIRN_ADMINS count as
// admins too, without being recorded here.

const adminUsage = `Usage: cairn admin <add|remove|allow|list> [flags] [SLACK_USER_ID]

  add U…      make a Slack user one of Cairn's admins (they may create groups)
  allow U…    let a Slack user create groups, as their facilitator
  remove U…   take back what add or allow gave
  list        show who is recorded, what as, by whom and since when

A running Cairn holds the database: stop it first, or list admins in
CAIRN_ADMINS (comma-separated Slack user ids) when starting cairn serve.
Workspace owners and admins may always create groups.

Flags:
`

// slackUserID is a Slack user id: U or W, then capitals and digits.
var slackUserID = regexp.MustCompile(`^[UW][A-Z0-9]{2,}$`)

type adminsCommand struct {
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
}

func (c *adminsCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cairn admin", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	getenv := func(k string) string { v, _ := c.lookupEnv(k); return v }
	db := fs.String("db", envOr(getenv, "CAIRN_DB", store.DefaultPath()), "database `file` (env CAIRN_DB)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), adminUsage)
		fs.PrintDefaults()
	}
	if len(args) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: cairn admin needs add, remove, allow or list", errUsage)
	}
	verb := args[0]
	want := 1
	switch verb {
	case "list":
		want = 0
	case "add", "remove", "allow":
	case "-h", "-help", "--help", "help":
		fs.Usage()
		return flag.ErrHelp
	default:
		fs.Usage()
		return fmt.Errorf("%w: unknown admin command %q; use add, remove, allow or list", errUsage, verb)
	}
	if err := parseArgs(fs, args[1:], want, "cairn admin "+verb+" needs one Slack user id, e.g. cairn admin "+verb+" U012ABCDEF"); err != nil {
		return err
	}
	id := strings.TrimSpace(fs.Arg(0))
	if want == 1 && !slackUserID.MatchString(id) {
		return fmt.Errorf("%w: %q is not a Slack user id (it looks like U012ABCDEF; Slack shows it in a profile under ⋮ → Copy member ID)", errUsage, id)
	}
	o, err := storeOptions(getenv, c.stderr)
	if err != nil {
		return err
	}
	o.Timeout = time.Second
	st, err := store.OpenOptions(*db, o)
	if errors.Is(err, store.ErrInUse) {
		return fmt.Errorf("%s is in use by a running Cairn: stop it first, or set CAIRN_ADMINS when starting it", *db)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	switch verb {
	case "add", "allow":
		kind := store.KindAdmin
		if verb == "allow" {
			kind = store.KindFacilitator
		}
		if err := st.SetAdmin(ctx, store.Admin{ID: id, Kind: kind, By: "host"}); err != nil {
			return err
		}
		if kind == store.KindAdmin {
			fmt.Fprintf(c.stdout, "%s is one of Cairn's admins: they may create groups and allow others to\n", id)
		} else {
			fmt.Fprintf(c.stdout, "%s may create groups\n", id)
		}
	case "remove":
		err := st.RemoveAdmin(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("%s is not recorded as an admin or allowed (workspace admins and CAIRN_ADMINS are not recorded here)", id)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "%s may no longer create groups (unless a workspace admin, or in CAIRN_ADMINS); the groups they facilitate stay theirs\n", id)
	case "list":
		all, err := st.Admins(ctx)
		if err != nil {
			return err
		}
		if len(all) == 0 {
			fmt.Fprintln(c.stdout, "nobody is recorded; workspace owners and admins, and CAIRN_ADMINS, may create groups")
			return nil
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tAS\tBY\tSINCE")
		for _, a := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.ID, a.Kind, a.By, a.At.UTC().Format(time.RFC3339))
		}
		return tw.Flush()
	}
	return nil
}

// parseAdmins reads CAIRN_ADMINS: Slack user ids, comma-separated.
func parseAdmins(s string) ([]string, error) {
	var ids []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if !slackUserID.MatchString(f) {
			return nil, fmt.Errorf("%q is not a Slack user id (like U012ABCDEF)", f)
		}
		ids = append(ids, f)
	}
	return ids, nil
}

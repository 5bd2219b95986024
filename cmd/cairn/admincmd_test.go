package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

func TestAdminCommand(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "cairn.db")
	env := map[string]string{"CAIRN_DB": db}
	steps := []struct {
		args    []string
		want    string
		wantErr error
	}{
		{[]string{"admin", "list"}, "nobody is recorded", nil},
		{[]string{"admin", "add", "U0ADMIN1"}, "U0ADMIN1 is one of Cairn's admins", nil},
		{[]string{"admin", "allow", "U0FAC"}, "U0FAC may create groups", nil},
		{[]string{"admin", "list"}, "U0FAC", nil},
		{[]string{"admin", "remove", "U0ADMIN1"}, "may no longer create groups", nil},
		{[]string{"admin", "remove", "U0ADMIN1"}, "", nil}, // not recorded: an error below
		{[]string{"admin", "add", "not-an-id"}, "", errUsage},
		{[]string{"admin", "add"}, "", errUsage},
		{[]string{"admin", "promote", "U0FAC"}, "", errUsage},
	}
	for i, s := range steps {
		out, err := runIn(ctx, env, s.args...)
		switch {
		case i == 5:
			if err == nil || !strings.Contains(err.Error(), "is not recorded") {
				t.Fatalf("%v: %v", s.args, err)
			}
		case s.wantErr != nil:
			if !errors.Is(err, s.wantErr) {
				t.Fatalf("%v: err %v, want %v", s.args, err, s.wantErr)
			}
		case err != nil:
			t.Fatalf("%v: %v", s.args, err)
		case !strings.Contains(out, s.want):
			t.Fatalf("%v printed %q, want %q", s.args, out, s.want)
		}
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, err := st.Admins(ctx)
	if err != nil || len(all) != 1 || all[0].ID != "U0FAC" || all[0].Kind != store.KindFacilitator || all[0].By != "host" {
		t.Fatalf("recorded %+v, %v", all, err)
	}
	// While a Cairn holds the file: a clear error, not a hang.
	if _, err := runIn(ctx, env, "admin", "list"); err == nil || !strings.Contains(err.Error(), "in use by a running Cairn") {
		t.Fatalf("admin list on a held file: %v", err)
	}
}

// TestAdminCommand_process runs cairn admin as the operator would.
func TestAdminCommand_process(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	env := []string{"CAIRN_DB=" + db}
	if out, errOut, code := runCairn(t, "", env, "admin", "add", "U0ADMIN1"); code != 0 || !strings.Contains(out, "U0ADMIN1") {
		t.Fatalf("admin add exited %d: %s %s", code, out, errOut)
	}
	if out, _, code := runCairn(t, "", env, "admin", "list"); code != 0 || !strings.Contains(out, "U0ADMIN1") || !strings.Contains(out, "admin") {
		t.Fatalf("admin list exited %d: %s", code, out)
	}
	if _, errOut, code := runCairn(t, "", env, "admin", "add", "bob"); code != 2 || !strings.Contains(errOut, "not a Slack user id") {
		t.Fatalf("a bad id exited %d: %s", code, errOut)
	}
}

func TestParseAdmins(t *testing.T) {
	got, err := parseAdmins(" U0A1, W0B2 ,,")
	if err != nil || strings.Join(got, ",") != "U0A1,W0B2" {
		t.Fatalf("parseAdmins = %v, %v", got, err)
	}
	if _, err := parseAdmins("U0A1,@bob"); err == nil {
		t.Fatal("a name was taken for an id")
	}
	if _, err := runIn(context.Background(), map[string]string{"CAIRN_ADMINS": "bob", "SLACK_BOT_TOKEN": "xoxb-x", "SLACK_APP_TOKEN": "xapp-x",
		"CAIRN_DB": filepath.Join(t.TempDir(), "c.db")}, "serve"); !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "CAIRN_ADMINS") {
		t.Fatalf("serve with a bad CAIRN_ADMINS: %v", err)
	}
}

// TestServe_readsCairnAdmins: CAIRN_ADMINS reaches the bot as its admins.
func TestServe_readsCairnAdmins(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	p := serveInProcess(t, fake, map[string]string{"CAIRN_ADMINS": "U0A1,U0A2"}, nil, nil)
	if got := strings.Join(p.main.Config.Bot.Admins, ","); got != "U0A1,U0A2" {
		t.Fatalf("the bot's admins = %q", got)
	}
}

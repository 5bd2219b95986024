package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestDamagedDatabase: a truncated file stops serve and try with one clear
// sentence (no crash, no goroutine dump) and is left exactly as it was.
func TestDamagedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"U1", "U2", "U3"} {
		if err := st.SaveMember(context.Background(), store.Member{ID: id, TZ: "UTC"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	cut := data[:len(data)/2]
	if err := os.WriteFile(db, cut, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"serve"}, {"try"}} {
		env := []string{"CAIRN_DB=" + db, "SLACK_BOT_TOKEN=xoxb-x", "SLACK_APP_TOKEN=xapp-x", "SLACK_API_URL=http://127.0.0.1:1/api/", "CAIRN_ADMIN="}
		_, errOut, code := runCairn(t, "hi\n", env, args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != 1 || len(lines) != 1 || !strings.Contains(errOut, "the database is damaged: restore a backup, or run `cairn check`") {
			t.Fatalf("cairn %v: exit %d, stderr:\n%s", args, code, errOut)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(after, cut) {
			t.Fatalf("cairn %v changed the damaged file", args)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// TestTry_MyDataThenForgetMe: in the terminal, "my data" writes the JSON
// file and prints the summary; "forget me", confirmed by typing the
// button's label, deletes everything, and the raw file keeps none of it.
func TestTry_MyDataThenForgetMe(t *testing.T) {
	dir := t.TempDir()
	db, export := filepath.Join(dir, "cairn.db"), filepath.Join(dir, "mine.json")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=maria"}
	const secret = "zanzibar-otter-7731"
	script := strings.Join([]string{
		"set a goal", "Sail " + secret, "Friends on a boat", "Sail a dinghy by August " + secret, "8", "It frees me",
		"no one yet", "Book a lesson", "Friday", "me", "that's all for now", "skip", "save it",
		"my data",
		"forget me", "keep it",
		"forget me", "delete everything",
		"/quit",
	}, "\n")
	out, errOut, code := runCairn(t, script, env, "try", "--now=2026-06-10T10:00:00-05:00", "--export", export)
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"everything I hold about you", "(saved to " + export + ")", "Delete everything?", "kept everything", "deleted everything I held about you"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	buf, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	var e store.Export
	if err := json.Unmarshal(buf, &e); err != nil || len(e.Goals) != 1 || !strings.Contains(e.Goals[0].Text, secret) {
		t.Fatalf("export %s: %+v (%v)", buf, e, err)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(secret)) {
		t.Fatal("the forgotten member's text is still in the raw database file")
	}
}

package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestTry_Spanish: `cairn try` understands Spanish typed from the first
// line (asked once), "english" switches, and --lang sets the language as
// a choice.
func TestTry_Spanish(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=maria"}
	es := conversations.WordsFor(conversations.Spanish)
	script := strings.Join([]string{"hola, quiero poner una meta", "Sí", "parar", "/quit"}, "\n")
	out, errOut, code := runCairn(t, script, env, "try", "--now=2026-06-10T15:05:00-05:00")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{es.LangAsk, es.LangSwitched} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := memberLang(t, db); got != "es" {
		t.Fatalf("Lang %q after [Sí]", got)
	}

	out, errOut, code = runCairn(t, "english\n/quit", env, "try", "--now=2026-06-10T15:05:00-05:00")
	if code != 0 || !strings.Contains(out, conversations.WordsFor(conversations.English).LangSwitched) {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if got := memberLang(t, db); got != "en" {
		t.Fatalf("Lang %q after \"english\"", got)
	}

	if _, errOut, code = runCairn(t, "/quit", env, "try", "--lang=es", "--now=2026-06-10T15:05:00-05:00"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := memberLang(t, db); got != "es" {
		t.Fatalf("Lang %q with --lang=es", got)
	}
	if _, errOut, code = runCairn(t, "/quit", env, "try", "--lang=fr"); code == 0 || !strings.Contains(errOut, "--lang") {
		t.Fatalf("--lang=fr: exit %d: %s", code, errOut)
	}
}

func memberLang(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m, err := st.Member(context.Background(), "maria")
	if err != nil {
		t.Fatal(err)
	}
	return m.Lang
}

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/conversations"
)

// TestTry_SpanishDataAndProgress: in `cairn try --lang es`, "mi progreso"
// answers (with the history, which shows the cairn: a terminal has no
// pictures), and "mis datos" and "olvídame" answer in Spanish.
func TestTry_SpanishDataAndProgress(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=maria"}
	es, en := conversations.WordsFor(conversations.Spanish), conversations.WordsFor(conversations.English)
	script := strings.Join([]string{"mi progreso", "mis datos", "poner una meta", "parar", "mis datos", "olvídame", es.ForgetYes, "/quit"}, "\n")
	out, errOut, code := runCairn(t, script, env, "try", "--lang=es", "--now=2026-12-01T10:00:00-06:00",
		"--export="+filepath.Join(dir, "data.json"))
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	_, afterProgress, _ := strings.Cut(out, "mi progreso")
	before, _, _ := strings.Cut(afterProgress, "you>")
	if !strings.Contains(before, "cairn>") {
		t.Errorf("\"mi progreso\" got no answer:\n%s", out)
	}
	for _, want := range []string{es.DataHead, es.Forgotten} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, english := range []string{en.DataHead, en.Forgotten} {
		if strings.Contains(out, english) {
			t.Errorf("output has English %q:\n%s", english, out)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// tryWords is what a member types into cairn try below: a goal, in words
// that must never be found in an encrypted file.
var tryWords = []string{"Reconnect with my sister Lucia", "Sunday dinners at her place", "Phone Lucia about Sunday"}

func tryGoal(t *testing.T, env []string) (stdout, stderr string) {
	t.Helper()
	in := strings.Join([]string{
		"set a goal", tryWords[0], tryWords[1], "Call her every Sunday in June", "8", "She kept me going", "My sponsor",
		tryWords[2], "Friday", "me", "that's all for now", "skip", "save it", "/quit",
	}, "\n")
	out, errOut, code := runCairn(t, in, env, "try", "--now=2026-06-10T10:00:00-05:00")
	if code != 0 {
		t.Fatalf("try exited %d: %s\n%s", code, errOut, out)
	}
	return out, errOut
}

// rawHas returns the words found in the raw bytes of path.
func rawHas(t *testing.T, path string, words []string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, w := range words {
		if bytes.Contains(raw, []byte(w)) {
			found = append(found, w)
		}
	}
	return found
}

func TestKeyNew(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cairn.key")
	out, err := runIn(ctx, nil, "key", "new", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "CAIRN_KEY_FILE="+path) {
		t.Errorf("output %q does not say how to use the key", out)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Size() != store.KeySize {
		t.Errorf("key file mode %04o size %d, want 0600 and %d bytes", fi.Mode().Perm(), fi.Size(), store.KeySize)
	}
	key, _ := os.ReadFile(path)
	if _, err := runIn(ctx, nil, "key", "new", path); !errors.Is(err, os.ErrExist) {
		t.Errorf("a second key new on the same file: %v, want a refusal", err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, key) {
		t.Error("a refused key new changed the key")
	}
	if _, err := runIn(ctx, nil, "key", "new"); !errors.Is(err, errUsage) {
		t.Errorf("key new without a path: %v, want a usage error", err)
	}
}

// TestTry_Encrypted runs cairn try with a key, then rotates the key, as an
// operator would: the file never shows the member's words, a wrong or
// missing key is a clear error, and the new key reads everything back.
func TestTry_Encrypted(t *testing.T) {
	dir := t.TempDir()
	db, keyA, keyB := filepath.Join(dir, "cairn.db"), filepath.Join(dir, "a.key"), filepath.Join(dir, "b.key")
	ctx := context.Background()
	for _, k := range []string{keyA, keyB} {
		if _, err := runIn(ctx, nil, "key", "new", k); err != nil {
			t.Fatal(err)
		}
	}
	base := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=ana"}
	_, errOut := tryGoal(t, append(base, "CAIRN_KEY_FILE="+keyA))
	if strings.Contains(errOut, "unencrypted") {
		t.Errorf("try with a key says text is unencrypted: %s", errOut)
	}
	if found := rawHas(t, db, tryWords); len(found) > 0 {
		t.Fatalf("the member's words are readable in the encrypted file: %q", found)
	}

	// Without the key, and with another, try refuses and says why.
	_, errOut, code := runCairn(t, "/quit\n", base, "try")
	if code == 0 || !strings.Contains(errOut, "CAIRN_KEY_FILE") {
		t.Errorf("try without the key: exit %d, %s", code, errOut)
	}
	_, errOut, code = runCairn(t, "/quit\n", append(base, "CAIRN_KEY_FILE="+keyB), "try")
	if code == 0 || !strings.Contains(errOut, "CAIRN_KEY_FILE does not hold the key this database was encrypted with") {
		t.Errorf("try with a wrong key: exit %d, %s", code, errOut)
	}

	// check and backup need the key to decode records.
	envA := map[string]string{"CAIRN_DB": db, "CAIRN_KEY_FILE": keyA, "CAIRN_ADMIN": ""}
	if _, err := runIn(ctx, envA, "check"); err != nil {
		t.Fatalf("check with the key: %v", err)
	}
	if _, err := runIn(ctx, map[string]string{"CAIRN_DB": db}, "check"); !errors.Is(err, store.ErrKeyNeeded) {
		t.Errorf("check without the key: %v, want ErrKeyNeeded", err)
	}
	backup := filepath.Join(dir, "backup.db")
	if _, err := runIn(ctx, envA, "backup", backup); err != nil {
		t.Fatalf("backup: %v", err)
	}
	if found := rawHas(t, backup, tryWords); len(found) > 0 {
		t.Errorf("the member's words are readable in a backup: %q", found)
	}

	// Rotate to key B: A no longer opens the file, B does.
	out, err := runIn(ctx, envA, "key", "rotate", keyB)
	if err != nil {
		t.Fatalf("rotate: %v", err)
	}
	if !strings.Contains(out, "CAIRN_KEY_FILE="+keyB) {
		t.Errorf("rotate output %q does not say to switch CAIRN_KEY_FILE", out)
	}
	_, errOut, code = runCairn(t, "/quit\n", append(base, "CAIRN_KEY_FILE="+keyA), "try")
	if code == 0 || !strings.Contains(errOut, "does not hold the key") {
		t.Errorf("try with the retired key: exit %d, %s", code, errOut)
	}
	out, errOut, code = runCairn(t, "steps\n/quit\n", append(base, "CAIRN_KEY_FILE="+keyB), "try")
	if code != 0 || !strings.Contains(out, "Call her every Sunday in June") {
		t.Errorf("try with the new key: exit %d, %s\n%s", code, errOut, out)
	}
	if found := rawHas(t, db, tryWords); len(found) > 0 {
		t.Errorf("the member's words are readable after rotation: %q", found)
	}

	// The backup made before the rotation restores with the key it was
	// made with.
	envB := map[string]string{"CAIRN_DB": db, "CAIRN_KEY_FILE": keyB}
	if _, err := runIn(ctx, envB, "restore", backup); !errors.Is(err, store.ErrWrongKey) {
		t.Errorf("restore of an old backup with the new key: %v, want ErrWrongKey", err)
	}
	if _, err := runIn(ctx, map[string]string{"CAIRN_DB": db, "CAIRN_KEY_FILE": keyA}, "restore", backup); err != nil {
		t.Errorf("restore with the backup's key: %v", err)
	}
}

func TestTry_PlainSaysSoOnce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	base := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=ana"}
	_, errOut := tryGoal(t, base)
	if n := strings.Count(errOut, "member text is stored unencrypted"); n != 1 {
		t.Errorf("try without a key said %d times that text is unencrypted:\n%s", n, errOut)
	}
	if !strings.Contains(errOut, "cairn key new") {
		t.Errorf("the notice does not say how to turn encryption on: %s", errOut)
	}
	if found := rawHas(t, db, tryWords); len(found) == 0 {
		t.Fatal("the control failed: a plain file should show the member's words")
	}

	// Turning it on for the existing file: the next start with a key
	// encrypts it, and the old text is gone from the file.
	key := filepath.Join(dir, "cairn.key")
	if _, err := runIn(context.Background(), nil, "key", "new", key); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCairn(t, "steps\n/quit\n", append(base, "CAIRN_KEY_FILE="+key), "try")
	if code != 0 || !strings.Contains(out, "Call her every Sunday in June") {
		t.Fatalf("try with a new key on a plain file: exit %d, %s\n%s", code, errOut, out)
	}
	if !strings.Contains(errOut, "encrypted every value") {
		t.Errorf("try did not say it encrypted the file: %s", errOut)
	}
	if found := rawHas(t, db, tryWords); len(found) > 0 {
		t.Errorf("the member's words survive in the file after it was encrypted: %q", found)
	}
}

func TestServe_EncryptionNotices(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()

	t.Run("Plain", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "cairn.db")
		// A file others can read, as an old install or a copy might leave it.
		s, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(db, 0o644); err != nil {
			t.Fatal(err)
		}
		p := serveInProcess(t, fake, map[string]string{"CAIRN_DB": db}, nil, nil)
		// Its error is not this test's concern (a stop this soon after the
		// start can race with Socket Mode's first read).
		_ = p.stop(t)
		logs := p.stderr.String()
		if n := strings.Count(logs, "member text is stored unencrypted"); n != 1 {
			t.Errorf("serve without a key said %d times that text is unencrypted:\n%s", n, logs)
		}
		if !strings.Contains(logs, "0644") {
			t.Errorf("serve did not say it tightened the file's mode:\n%s", logs)
		}
		fi, err := os.Stat(db)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %04o after serve, want 0600", fi.Mode().Perm())
		}
	})

	t.Run("Key", func(t *testing.T) {
		dir := t.TempDir()
		key := filepath.Join(dir, "cairn.key")
		if err := store.NewKeyFile(key); err != nil {
			t.Fatal(err)
		}
		p := serveInProcess(t, fake, map[string]string{"CAIRN_KEY_FILE": key}, nil, nil)
		if !p.main.Store.Encrypted() {
			t.Error("serve with CAIRN_KEY_FILE opened the store unencrypted")
		}
		// Its error is not this test's concern (a stop this soon after the
		// start can race with Socket Mode's first read).
		_ = p.stop(t)
		if logs := p.stderr.String(); strings.Contains(logs, "unencrypted") {
			t.Errorf("serve with a key says text is unencrypted:\n%s", logs)
		}
	})
}

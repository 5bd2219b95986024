package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// runIn runs a cairn command in this process with only env as environment.
func runIn(ctx context.Context, env map[string]string, args ...string) (stdout string, err error) {
	var out, errOut bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	err = run(ctx, args, strings.NewReader(""), &out, &errOut, lookup)
	if err != nil {
		err = fmt.Errorf("%w\n%s", err, errOut.String())
	}
	return out.String(), err
}

// TestBackup_WhileServingThenRestore takes a backup from a running serve
// while members are being written, then restores it into a stopped Cairn:
// every write that finished before the backup began is there, and the file
// is sound.
func TestBackup_WhileServingThenRestore(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	p := serveInProcess(t, fake, map[string]string{"CAIRN_DB": db}, nil, nil)
	ctx := context.Background()

	// The write load: members saved one after another until told to stop.
	var mu sync.Mutex
	saved := 0
	stopLoad := make(chan struct{})
	loadDone := make(chan error, 1)
	warm := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			if i == 200 {
				close(warm)
			}
			select {
			case <-stopLoad:
				loadDone <- nil
				return
			default:
			}
			if err := p.main.Store.SaveMember(ctx, store.Member{ID: fmt.Sprintf("U%06d", i), TZ: "UTC"}); err != nil {
				loadDone <- err
				return
			}
			mu.Lock()
			saved = i + 1
			mu.Unlock()
		}
	}()
	select {
	case <-warm:
	case err := <-loadDone:
		t.Fatalf("the write load stopped: %v", err)
	}
	mu.Lock()
	before := saved
	mu.Unlock()

	backup := filepath.Join(dir, "backup.db")
	env := map[string]string{"CAIRN_DB": db, "CAIRN_ADMIN": p.main.AdminAddr()}
	out, err := runIn(ctx, env, "backup", backup)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "from the running Cairn") {
		t.Fatalf("backup did not come from the running Cairn: %s", out)
	}
	close(stopLoad)
	if err := <-loadDone; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	after := saved
	mu.Unlock()
	if after <= before {
		t.Fatalf("no write happened during the backup (%d before, %d after)", before, after)
	}

	// Restoring is refused while Cairn runs on the database.
	if _, err := runIn(ctx, env, "restore", backup); !errors.Is(err, store.ErrInUse) {
		t.Fatalf("restore while serving: %v", err)
	}
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
	out, err = runIn(ctx, env, "restore", backup)
	if err != nil || !strings.Contains(out, "the old database is kept as") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if out, err := runIn(ctx, env, "check"); err != nil || !strings.Contains(out, "is sound") {
		t.Fatalf("check after restore: %v\n%s", err, out)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range before {
		if _, err := st.Member(ctx, fmt.Sprintf("U%06d", i)); err != nil {
			t.Fatalf("member %d of %d saved before the backup is missing: %v", i, before, err)
		}
	}
}

// TestBackup_Stopped backs up a file no Cairn is running on, and refuses
// to overwrite the database with its own backup.
func TestBackup_Stopped(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveMember(context.Background(), store.Member{ID: "U1", TZ: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CAIRN_DB": db, "CAIRN_ADMIN": ""}
	out, err := runIn(context.Background(), env, "backup", filepath.Join(dir, "b.db"))
	if err != nil || !strings.Contains(out, "checked") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	// An admin address where no Cairn answers: the file itself is copied.
	env2 := map[string]string{"CAIRN_DB": db, "CAIRN_ADMIN": freeAddr(t)}
	out, err = runIn(context.Background(), env2, "backup", filepath.Join(dir, "b2.db"))
	if err != nil || !strings.Contains(out, "from "+db) {
		t.Fatalf("backup with no Cairn at the admin address: %v\n%s", err, out)
	}
	if _, err := runIn(context.Background(), env, "backup", db); !errors.Is(err, errUsage) {
		t.Fatalf("backup over the database: %v", err)
	}
}

// TestCheck_Damaged: cairn check names what is damaged and exits non-zero.
func TestCheck_Damaged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveMember(context.Background(), store.Member{ID: "U1", TZ: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	rawPut(t, db, "members", "U1", `{"id": 12`)
	out, errOut, code := runCairn(t, "", []string{"CAIRN_DB=" + db}, "check")
	if code != 1 || !strings.Contains(out, `members: record "U1" does not decode`) || !strings.Contains(errOut, "1 problems found") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestAdminBackup_LocalOnly: /backup is refused to a client that is not on
// this machine.
func TestAdminBackup_LocalOnly(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	p := serveInProcess(t, fake, nil, nil, nil)
	req, _ := http.NewRequest(http.MethodGet, "/backup", nil)
	req.RemoteAddr = "192.0.2.7:4242"
	rec := httptest.NewRecorder()
	p.main.adminHandler().ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || rec.Body.Len() > 200 {
		t.Fatalf("remote /backup: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
}

// rawPut writes a value into a closed database file behind the store.
func rawPut(t *testing.T, path, bucket, key, value string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte(bucket)).Put([]byte(key), []byte(value)) }); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// TestAudit_PrintsAndFilters: cairn audit prints one line per entry,
// filtered by person and dates, and records itself; backup and check are
// recorded too.
func TestAudit_PrintsAndFilters(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "cairn.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2026, 6, d, 9, 0, 0, 0, time.UTC) }
	if err := st.RecordAudit(ctx,
		store.AuditEntry{At: day(1), Actor: "UFAC", Subject: "UANA", GroupID: "C1", What: "digest"},
		store.AuditEntry{At: day(2), Actor: "UNAV", Subject: "UBEN", GroupID: "C1", What: "navigator list"},
		store.AuditEntry{At: day(3), Actor: "UFAC", Subject: "UBEN", GroupID: "C1", What: "digest"},
	); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CAIRN_DB": db, "CAIRN_ADMIN": ""}
	lines := func(args ...string) []string {
		t.Helper()
		out, err := runIn(ctx, env, append([]string{"audit"}, args...)...)
		if err != nil {
			t.Fatalf("cairn audit %v: %v", args, err)
		}
		return strings.Split(strings.TrimSpace(out), "\n")
	}
	got := lines("--person", "UANA")
	if len(got) != 1 || got[0] != "2026-06-01T09:00:00Z  UFAC         digest          UANA  group C1" {
		t.Fatalf("--person UANA:\n%s", strings.Join(got, "\n"))
	}
	if got := lines("--person", "UBEN", "--since", "2026-06-02", "--until", "2026-06-02"); len(got) != 1 || !strings.Contains(got[0], "UNAV         navigator list  UBEN") {
		t.Fatalf("--person UBEN on June 2:\n%s", strings.Join(got, "\n"))
	}
	if got := lines("--since", "2026-06-03T00:00:00Z", "--person", "UFAC"); len(got) != 1 || !strings.Contains(got[0], "2026-06-03") {
		t.Fatalf("--since a time:\n%s", strings.Join(got, "\n"))
	}

	if _, err := runIn(ctx, env, "backup", filepath.Join(dir, "b.db")); err != nil {
		t.Fatal(err)
	}
	if _, err := runIn(ctx, env, "check"); err != nil {
		t.Fatal(err)
	}
	var admin []string
	for _, l := range lines("--person", store.AuditAdmin) {
		admin = append(admin, strings.Fields(l)[2])
	}
	// The three audits before this one, then backup, check, and this one.
	if strings.Join(admin, " ") != "audit audit audit backup check audit" {
		t.Fatalf("admin reads recorded: %v", admin)
	}
	if _, err := runIn(ctx, env, "audit", "--since", "last week"); !errors.Is(err, errUsage) {
		t.Fatalf("a bad date: %v", err)
	}
}

// TestAudit_BackupFromARunningCairn: the admin server's /backup records
// the backup in the running Cairn's audit log.
func TestAudit_BackupFromARunningCairn(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	req := httptest.NewRequest(http.MethodGet, "/backup", nil)
	req.RemoteAddr = "127.0.0.1:0" // a local client; no port is bound
	rec := httptest.NewRecorder()
	serveBackup(st).ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("/backup: %d", rec.Code)
	}
	entries, err := st.Audit(context.Background(), store.AuditFilter{})
	if err != nil || len(entries) != 1 || entries[0].What != "backup" || entries[0].Actor != store.AuditAdmin || entries[0].Subject != store.AuditAll {
		t.Fatalf("audit after /backup: %+v, %v", entries, err)
	}
}

//go:build linux

package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/diskfault"
	"github.com/cairnbot/cairn/internal/fakeslack"
)

// TestServe_ReadyzWhenTheDiskRefusesWrites: a database that can no longer
// be written (disk full, remounted read-only) makes /readyz unready, and
// ready again once it can.
func TestServe_ReadyzWhenTheDiskRefusesWrites(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	db := filepath.Join(t.TempDir(), "cairn.db")
	p := serveInProcess(t, fake, map[string]string{"CAIRN_DB": db}, nil, nil)
	p.waitStatus(t, "/readyz", http.StatusOK)

	restore, err := diskfault.ReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	code, body := p.get(t, "/readyz")
	if err := restore(); err != nil {
		t.Fatal(err)
	}
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "database cannot be written") {
		t.Fatalf("/readyz with a read-only database: %d %q", code, body)
	}
	p.waitStatus(t, "/readyz", http.StatusOK)
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// exportNow is the export's "now": Wednesday, June 10, 2026.
var exportNow = time.Date(2026, 6, 10, 15, 0, 0, 0, time.UTC)

// exportDB is a database with a group meeting Tuesdays at 18:00 UTC since
// May 1, whose two members checked in for each session: UANA shares all,
// UBEN only that he checked in. The June 9 session has a recap: both came.
func exportDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "cairn.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range []string{"UANA", "UBEN"} {
		if err := st.SaveMember(ctx, store.Member{ID: id, Name: "@" + id}); err != nil {
			t.Fatal(err)
		}
		for at := time.Date(2026, 5, 5, 18, 0, 0, 0, time.UTC); at.Before(exportNow); at = at.AddDate(0, 0, 7) {
			c := store.CheckIn{MemberID: id, GroupID: "CG", SessionAt: at, Did: "words of " + id, Plan: "kept " + id, Private: []string{"plan"}}
			if _, err := st.SaveCheckIn(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	err = st.SaveGroup(ctx, store.Group{ID: "CG", Name: "Tuesday", Schedule: "CRON_TZ=UTC 0 18 * * 2", ScheduleText: "Tuesdays 6pm",
		Members: []string{"UANA", "UBEN"}, Sharing: map[string]store.Sharing{"UANA": store.ShareAll, "UBEN": store.ShareCheckedIn},
		CreatedAt: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.SaveRecap(ctx, store.Recap{GroupID: "CG", Session: time.Date(2026, 6, 9, 18, 0, 0, 0, time.UTC), By: "UFAC",
		Attended: []string{"UANA", "UBEN"}}, ""); err != nil {
		t.Fatal(err)
	}
	return db
}

func runExport(t *testing.T, db string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"CAIRN_DB": db}
	c := &exportCommand{stdout: &out, stderr: &errOut, now: func() time.Time { return exportNow },
		lookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	err := c.Run(context.Background(), args)
	return out.String(), err
}

func TestExport_CSV(t *testing.T) {
	db := exportDB(t)
	out, err := runExport(t, db, "--group", "CG")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	// Sessions May 5 to June 9: six, for two members, and the header.
	if len(recs) != 1+2*6 {
		t.Fatalf("%d rows:\n%s", len(recs), out)
	}
	if !strings.Contains(out, "'@UANA") || strings.Contains(out, ",@") {
		t.Errorf("a name starting with @ is not defused:\n%s", out)
	}
	if !strings.Contains(out, "words of UANA") {
		t.Errorf("what Ana shares is missing:\n%s", out)
	}
	for _, notWant := range []string{"words of UBEN", "kept "} {
		if strings.Contains(out, notWant) {
			t.Errorf("the export holds %q:\n%s", notWant, out)
		}
	}
	// Attendance: Ana's at June 9 only (the one recap); Ben's not shared.
	attended := map[string]string{}
	for _, r := range recs[1:] {
		attended[r[4]+" "+r[3]] += r[len(r)-1]
	}
	if recs[0][len(recs[0])-1] != "attended" || attended["UANA 2026-06-09"] != "yes" || attended["UANA 2026-06-02"] != "" ||
		attended["UBEN 2026-06-09"] != "" {
		t.Errorf("attendance %v (header %q)", attended, recs[0])
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	audit, err := st.Audit(context.Background(), store.AuditFilter{Person: store.AuditAdmin})
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, e := range audit {
		if e.What == "export" && e.GroupID == "CG" {
			read = append(read, e.Subject)
		}
	}
	if strings.Join(read, " ") != "UANA UBEN" {
		t.Errorf("audit %+v", audit)
	}
}

func TestExport_JSONToAFileSince(t *testing.T) {
	db := exportDB(t)
	path := filepath.Join(t.TempDir(), "records.json")
	if out, err := runExport(t, db, "--group", "CG", "--format", "json", "--since", "2026-06-01", "--out", path); err != nil || out != "" {
		t.Fatalf("%v; stdout %q", err, out)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the export is %v: others can read members' records", fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var p store.Progress
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	// June 2 and June 9.
	if len(p.Sessions) != 2 || len(p.Rows) != 4 || p.Rows[0].Did != "words of UANA" || p.Rows[2].Did != "" {
		t.Errorf("export %s", b)
	}
	// The June 9 recap: Ana came; Ben shares only that he checked in.
	if a := p.Rows[1].Attended; a == nil || !*a || p.Rows[0].Attended != nil || p.Rows[3].Attended != nil {
		t.Errorf("attendance in %s", b)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".records.json.*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestExport_Refusals(t *testing.T) {
	db := exportDB(t)
	for _, tt := range []struct {
		name  string
		args  []string
		usage bool
		want  string
	}{
		{"NoGroup", nil, true, "--group"},
		{"UnknownGroup", []string{"--group", "CNONE"}, false, `no group "CNONE"`},
		{"Format", []string{"--group", "CG", "--format", "xlsx"}, true, "xlsx"},
		{"Since", []string{"--group", "CG", "--since", "last week"}, true, "last week"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runExport(t, db, tt.args...)
			if err == nil || errors.Is(err, errUsage) != tt.usage || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v", err)
			}
		})
	}
	// Through main's command switch.
	if _, err := runIn(context.Background(), map[string]string{"CAIRN_DB": db}, "export", "--group", "CNONE"); err == nil || !strings.Contains(err.Error(), "no group") {
		t.Errorf("cairn export: %v", err)
	}
}

// TestExport_WhileCairnRuns: a running Cairn holds the file's lock; the
// export says so, and what to do, rather than waiting.
func TestExport_WhileCairnRuns(t *testing.T) {
	db := exportDB(t)
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = runExport(t, db, "--group", "CG")
	if !errors.Is(err, store.ErrInUse) || !strings.Contains(err.Error(), "cairn backup") {
		t.Fatalf("err %v", err)
	}
}

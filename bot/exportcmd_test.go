package bot_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

func TestSlash_Export(t *testing.T) {
	t.Run("Facilitator", func(t *testing.T) {
		h := newHarness(t)
		h.progressGroup()
		if ack := h.slash(facilitator, groupChan, "export"); !strings.Contains(ack, "putting the records together") {
			t.Fatalf("ack %q", ack)
		}
		f := h.uploaded(1)
		if f.Channel != fakeslack.DMChannel(facilitator) || !strings.HasSuffix(f.Name, ".csv") {
			t.Fatalf("file %+v", f)
		}
		h.posted(fakeslack.DMChannel(facilitator), "6 sessions since Tuesday, May 5")
		recs, err := csv.NewReader(bytes.NewReader(f.Content)).ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v\n%s", err, f.Content)
		}
		// A header, then 2 members × 6 sessions (May 5 to June 9).
		if len(recs) != 1+2*6 || recs[0][0] != "group_id" {
			t.Fatalf("%d rows:\n%s", len(recs), f.Content)
		}
		content := string(f.Content)
		for _, want := range []string{"'=1+1 kingfisher did", member, other} {
			if !strings.Contains(content, want) {
				t.Errorf("the export lacks %q:\n%s", want, content)
			}
		}
		// Other shares only that they checked in; a "just for me" answer is nobody's.
		for _, notWant := range []string{"albatross", "secret", "\n=", ",=", ",+", ",-", ",@"} {
			if strings.Contains(content, notWant) {
				t.Errorf("the export holds %q:\n%s", notWant, content)
			}
		}
		audit, err := h.st.Audit(context.Background(), store.AuditFilter{Person: facilitator})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range audit {
			if e.What == "export" && e.GroupID == groupChan {
				seen[e.Subject] = true
			}
		}
		if !seen[member] || !seen[other] || len(seen) != 2 {
			t.Errorf("audit %+v", audit)
		}
		assertNoMessageTextInLogs(t, h.logs.String(), "kingfisher", "albatross")
	})
	t.Run("Attendance", func(t *testing.T) {
		// The recaps of June 2 (other came, member did not) and June 9
		// (both came); other shares only that they checked in.
		h := newHarness(t)
		h.progressGroup()
		ctx := context.Background()
		for i, came := range map[int][]string{2: {other}, 3: {member, other}} {
			if _, _, err := h.st.SaveRecap(ctx, store.Recap{GroupID: groupChan, Session: tuesdays[i], By: facilitator, Attended: came}, ""); err != nil {
				t.Fatal(err)
			}
		}
		h.slash(facilitator, groupChan, "export")
		recs, err := csv.NewReader(bytes.NewReader(h.uploaded(1).Content)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(recs[0], "attended")
		if col < 0 {
			t.Fatalf("no attended column: %q", recs[0])
		}
		got := map[string]string{}
		for _, r := range recs[1:] {
			got[r[4]+" "+r[3]] = r[col]
		}
		for key, want := range map[string]string{
			member + " 2026-05-26": "", // no recap
			member + " 2026-06-02": "no",
			member + " 2026-06-09": "yes",
			other + " 2026-06-02":  "", // not shared
			other + " 2026-06-09":  "",
		} {
			if got[key] != want {
				t.Errorf("%s attended %q, want %q (all: %v)", key, got[key], want, got)
			}
		}
	})
	t.Run("NotAFacilitator", func(t *testing.T) {
		h := newHarness(t)
		h.progressGroup()
		if ack := h.slash(member, groupChan, "export"); !strings.Contains(ack, "Only this group's facilitators can export") {
			t.Fatalf("ack %q", ack)
		}
		h.dm("steps")
		h.expect("kingfisher goal")
		if n := len(h.fake.CallsTo("files.getUploadURLExternal")); n != 0 {
			t.Errorf("a member got the group's records (%d files)", n)
		}
		if audit, _ := h.st.Audit(context.Background(), store.AuditFilter{}); len(audit) != 0 {
			t.Errorf("a refused export was recorded as a read: %+v", audit)
		}
	})
	t.Run("NotAGroup", func(t *testing.T) {
		h := newHarness(t)
		if ack := h.slash(facilitator, "C0NOTHING", "export"); !strings.Contains(ack, "nothing to export here") {
			t.Fatalf("ack %q", ack)
		}
	})
	t.Run("SpanishFacilitator", func(t *testing.T) {
		h := newHarness(t)
		h.progressGroup()
		if err := h.st.SaveMember(context.Background(), store.Member{ID: facilitator, Lang: "es-MX"}); err != nil {
			t.Fatal(err)
		}
		if ack := h.slash(facilitator, groupChan, "export"); !strings.Contains(ack, "Estoy juntando los registros") {
			t.Fatalf("ack %q", ack)
		}
		h.uploaded(1)
		h.posted(fakeslack.DMChannel(facilitator), "6 sesiones desde el martes 5 de mayo")
	})
}

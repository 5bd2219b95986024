package store_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStore_RecordAudit(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	none, err := s.Audit(ctx, store.AuditFilter{})
	must(t, err)
	mustEqual(t, "audit of a new file", len(none), 0)

	day := func(d int) time.Time { return time.Date(2026, 6, d, 9, 0, 0, 0, time.UTC) }
	must(t, s.RecordAudit(ctx,
		store.AuditEntry{At: day(3), Actor: "UFAC", Subject: "UANA", GroupID: "G1", What: "digest"},
		store.AuditEntry{At: day(1), Actor: "UNAV", Subject: "UBEN", GroupID: "G1", What: "navigator list"},
	))
	must(t, s.RecordAudit(ctx, store.AuditEntry{Actor: store.AuditAdmin, Subject: store.AuditAll, What: "backup"})) // At: now (t0, June 10)
	s = reopen(t, s)

	for _, tc := range []struct {
		name string
		f    store.AuditFilter
		want []string
	}{
		{"all, oldest first", store.AuditFilter{}, []string{"navigator list", "digest", "backup"}},
		{"as subject", store.AuditFilter{Person: "UANA"}, []string{"digest"}},
		{"as actor", store.AuditFilter{Person: "UNAV"}, []string{"navigator list"}},
		{"since", store.AuditFilter{Since: day(2)}, []string{"digest", "backup"}},
		{"until", store.AuditFilter{Until: day(3)}, []string{"navigator list"}},
		{"since and until", store.AuditFilter{Since: day(2), Until: day(4)}, []string{"digest"}},
		{"nobody", store.AuditFilter{Person: "UZED"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Audit(ctx, tc.f)
			must(t, err)
			var whats []string
			for _, e := range got {
				whats = append(whats, e.What)
			}
			mustEqual(t, "entries", whats, tc.want)
		})
	}
	got, err := s.Audit(ctx, store.AuditFilter{Person: "UANA"})
	must(t, err)
	mustEqual(t, "entry", got[0], store.AuditEntry{V: 1, At: day(3), Actor: "UFAC", Subject: "UANA", GroupID: "G1", What: "digest"})

	t.Run("ErrInvalid", func(t *testing.T) {
		err := s.RecordAudit(ctx, store.AuditEntry{Actor: "UFAC", What: "digest"})
		if !errors.Is(err, store.ErrInvalid) {
			t.Fatalf("an entry without a subject: %v", err)
		}
	})
}

func TestStore_SetSharing(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	must(t, s.SaveGroup(ctx, store.Group{ID: "G1", Name: "Tuesday", Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}}))
	g, err := s.Group(ctx, "G1")
	must(t, err)
	mustEqual(t, "default", g.SharingOf("UANA"), store.ShareSteps)

	must(t, s.SetSharing(ctx, "G1", "UANA", store.ShareCheckedIn))
	must(t, s.SetSharing(ctx, "G1", "UBEN", store.ShareAll))
	g, err = s.Group(ctx, "G1")
	must(t, err)
	mustEqual(t, "Ana", g.SharingOf("UANA"), store.ShareCheckedIn)
	mustEqual(t, "Ben", g.SharingOf("UBEN"), store.ShareAll)
	mustEqual(t, "the rest of the group", g.Members, []string{"UANA", "UBEN"})
	mustEqual(t, "name", g.Name, "Tuesday")

	t.Run("ErrNotFound", func(t *testing.T) {
		mustIs(t, s.SetSharing(ctx, "G9", "UANA", store.ShareAll), store.ErrNotFound)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		mustIs(t, s.SetSharing(ctx, "G1", "UANA", "everything"), store.ErrInvalid)
	})
}

// TestStore_ForgetMe_Audit: forget-me deletes the entries naming the
// member either way and keeps the others; an export holds the entries of
// who saw the member's data, and what the member shares.
func TestStore_ForgetMe_Audit(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	must(t, s.SaveGroup(ctx, store.Group{ID: "G1", Name: "Tuesday", Members: []string{"UANA", "UBEN"}, Facilitators: []string{"UFAC"}}))
	must(t, s.SetSharing(ctx, "G1", "UANA", store.ShareAll))
	must(t, s.RecordAudit(ctx,
		store.AuditEntry{Actor: "UFAC", Subject: "UANA", GroupID: "G1", What: "digest"},
		store.AuditEntry{Actor: "UANA", Subject: "UBEN", GroupID: "G1", What: "navigator list"},
		store.AuditEntry{Actor: "UFAC", Subject: "UBEN", GroupID: "G1", What: "digest"},
	))
	e, err := s.ExportMember(ctx, "UANA")
	must(t, err)
	mustEqual(t, "seen by", e.Audit, []store.AuditEntry{{V: 1, At: t0, Actor: "UFAC", Subject: "UANA", GroupID: "G1", What: "digest"}})
	mustEqual(t, "groups", e.Groups, []store.ExportGroupRole{{GroupID: "G1", Name: "Tuesday", Roles: []string{"member"}, Sharing: store.ShareAll}})

	must(t, s.DeleteMemberData(ctx, "UANA"))
	left, err := s.Audit(ctx, store.AuditFilter{})
	must(t, err)
	mustEqual(t, "left", left, []store.AuditEntry{{V: 1, At: t0, Actor: "UFAC", Subject: "UBEN", GroupID: "G1", What: "digest"}})
	g, err := s.Group(ctx, "G1")
	must(t, err)
	if _, ok := g.Sharing["UANA"]; ok {
		t.Errorf("her sharing choice is still in the group: %+v", g.Sharing)
	}
	ds, err := s.Deletions(ctx)
	must(t, err)
	mustEqual(t, "deletions", len(ds), 1)
	e, err = s.ExportMember(ctx, "UANA")
	must(t, err)
	if !e.Empty() {
		t.Errorf("left after deletion: %+v", e)
	}
}

// TestStore_ExportAndForget_Encrypted: export and forget-me read the
// sealed values of an encrypted file.
func TestStore_ExportAndForget_Encrypted(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openKey(t, filepath.Join(t.TempDir(), "cairn.db"), newKey(t))
	fillStore(t, s)
	must(t, s.RecordAudit(ctx, store.AuditEntry{Actor: "UFAC", Subject: "U1", What: "digest"}))
	e, err := s.ExportMember(ctx, "U1")
	must(t, err)
	if len(e.CheckIns) != 1 || e.CheckIns[0].Did != "DidWentToDetox" || len(e.Groups) != 1 || len(e.Audit) != 1 || len(e.Inputs) != 1 || len(e.Deliveries) != 1 {
		t.Fatalf("export of an encrypted file: %+v", e)
	}
	must(t, s.DeleteMemberData(ctx, "U1"))
	e, err = s.ExportMember(ctx, "U1")
	must(t, err)
	if !e.Empty() {
		t.Errorf("left after deletion: %+v", e)
	}
}

package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// secrets are the member words fillStore writes, one per free-text field;
// none may be found in the raw bytes of an encrypted file.
var secrets = []string{
	"MemberNameAnaRosa", "GroupNameTuesdayCircle",
	"DreamSeeMyDaughterGraduate", "HappyWakingUpClear", "GoalThirtyDaysSober",
	"MeasureCountTheDays", "WhyForMyKids", "SupportersMySponsorJo",
	"StepCallTheClinic", "OwnerNameAuntMaria",
	"DidWentToDetox", "BarrierRelapsedFriday", "PlanTwoMeetings",
	"ConversationDraftAnswer", "InboxTypedByMember", "OutboxReplyQuoting",
}

// newKey returns a fresh 32-byte key.
func newKey(t testing.TB) []byte {
	t.Helper()
	k := make([]byte, store.KeySize)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	return k
}

// openKey opens path with key (nil: no key) and registers the same cleanup
// as MustOpen.
func openKey(t testing.TB, path string, key []byte) *store.Store {
	t.Helper()
	s, err := store.OpenOptions(path, store.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return t0 }
	t.Cleanup(func() {
		if err := s.Check(); err != nil && !errors.Is(err, store.ErrClosed) {
			t.Errorf("consistency check: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

// fillStore writes each secret through the store's ordinary methods, so
// every path that writes member text is covered.
func fillStore(t testing.TB, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.SaveMember(ctx, store.Member{ID: "U1", Name: "MemberNameAnaRosa", TZ: "UTC"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveGroup(ctx, store.Group{ID: "C1", Name: "GroupNameTuesdayCircle", Members: []string{"U1"}}); err != nil {
		t.Fatal(err)
	}
	state, _ := json.Marshal(map[string]string{"draft": "ConversationDraftAnswer"})
	res, err := s.ApplyTurn(ctx, store.Turn{
		MemberID: "U1",
		State:    state,
		Goal: &store.Goal{Dream: "DreamSeeMyDaughterGraduate", Happy: "HappyWakingUpClear", Text: "GoalThirtyDaysSober",
			Measure: "MeasureCountTheDays", Why: "WhyForMyKids", Supporters: "SupportersMySponsorJo", Status: store.GoalActive},
		NewSteps: []store.Step{
			{What: "StepCallTheClinic", Owner: store.OwnerPerson, OwnerName: "OwnerNameAuntMaria", Due: t0.Add(48 * time.Hour).Truncate(24 * time.Hour)},
		},
		CheckIn: &store.CheckIn{GroupID: "C1", SessionAt: t0, Did: "DidWentToDetox", Barrier: "BarrierRelapsedFriday", Plan: "PlanTwoMeetings",
			Importance: 8, Confidence: 5},
		EventID: "Ev1",
		Outbox:  []store.Outgoing{{Body: json.RawMessage(`{"text":"OutboxReplyQuoting"}`)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.StepIDs) != 1 || res.CheckInID == 0 {
		t.Fatalf("turn result %+v", res)
	}
	payload, _ := json.Marshal(map[string]string{"text": "InboxTypedByMember"})
	if _, _, err := s.Journal(ctx, []store.InboxItem{{Key: "Ev2", MemberID: "U1", Kind: "dm", Payload: payload}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PlanDeliveries(ctx, []store.Delivery{{
		Key: store.DeliveryKey(store.DeliverPrompt, "C1", t0.Add(24*time.Hour), "U1"), Kind: store.DeliverPrompt,
		GroupID: "C1", Session: t0.Add(24 * time.Hour), Recipient: "U1", DueAt: t0,
	}}); err != nil {
		t.Fatal(err)
	}
}

// checkFilled reads back what fillStore wrote, through every read path.
func checkFilled(t testing.TB, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	m, err := s.Member(ctx, "U1")
	if err != nil || m.Name != "MemberNameAnaRosa" {
		t.Fatalf("member %+v, %v", m, err)
	}
	gs, err := s.Groups(ctx)
	if err != nil || len(gs) != 1 || gs[0].Name != "GroupNameTuesdayCircle" {
		t.Fatalf("groups %+v, %v", gs, err)
	}
	v, err := s.MemberView(ctx, "U1")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Goals) != 1 || v.Goals[0].Goal.Why != "WhyForMyKids" || len(v.Goals[0].Steps) != 1 ||
		v.Goals[0].Steps[0].OwnerName != "OwnerNameAuntMaria" {
		t.Fatalf("view goals %+v", v.Goals)
	}
	if v.LastCheckIn == nil || v.LastCheckIn.Barrier != "BarrierRelapsedFriday" {
		t.Fatalf("view last check-in %+v", v.LastCheckIn)
	}
	if v.Conversation == nil || !bytes.Contains(v.Conversation.State, []byte("ConversationDraftAnswer")) {
		t.Fatalf("view conversation %+v", v.Conversation)
	}
	c, err := s.Conversation(ctx, "U1")
	if err != nil || !bytes.Contains(c.State, []byte("ConversationDraftAnswer")) {
		t.Fatalf("conversation %+v, %v", c, err)
	}
	// The step and check-in id indexes lead to their records.
	st, err := s.Step(ctx, v.Goals[0].Steps[0].ID)
	if err != nil || st.What != "StepCallTheClinic" {
		t.Fatalf("step %+v, %v", st, err)
	}
	cs, err := s.CheckIns(ctx, "U1", time.Time{}, time.Time{})
	if err != nil || len(cs) != 1 || cs[0].Did != "DidWentToDetox" {
		t.Fatalf("check-ins %+v, %v", cs, err)
	}
	in, err := s.Inbox(ctx)
	if err != nil || len(in) != 1 || !bytes.Contains(in[0].Payload, []byte("InboxTypedByMember")) {
		t.Fatalf("inbox %+v, %v", in, err)
	}
	out, err := s.Outbox(ctx, 0)
	if err != nil || len(out) != 1 || !bytes.Contains(out[0].Body, []byte("OutboxReplyQuoting")) {
		t.Fatalf("outbox %+v, %v", out, err)
	}
	n, err := s.CountDeliveries(ctx)
	if err != nil || n[store.DeliveryPlanned] != 1 {
		t.Fatalf("deliveries %v, %v", n, err)
	}
	if seen, err := s.SeenEvent(ctx, "Ev1"); err != nil || !seen {
		t.Fatalf("event Ev1 seen %v, %v", seen, err)
	}
}

// rawSecrets returns the secrets found in the raw bytes of path, as
// `strings` would show them.
func rawSecrets(t testing.TB, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, s := range secrets {
		if bytes.Contains(raw, []byte(s)) {
			found = append(found, s)
		}
	}
	return found
}

func TestStore_Encryption(t *testing.T) {
	t.Run("NewFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "cairn.db")
		key := newKey(t)
		s := openKey(t, path, key)
		if !s.Encrypted() {
			t.Fatal("a store opened with a key says it is not encrypted")
		}
		fillStore(t, s)
		checkFilled(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if found := rawSecrets(t, path); len(found) > 0 {
			t.Errorf("member text readable in the encrypted file: %q", found)
		}
		// Every value is sealed, index entries included: no write path
		// bypasses the helpers.
		if plain, err := store.PlainValues(path); err != nil || len(plain) > 0 {
			t.Errorf("values left plain: %q (%v)", plain, err)
		}
		checkFilled(t, openKey(t, path, key))
	})

	t.Run("PlainFileIsReadable", func(t *testing.T) {
		// The control: the raw check does find plain text.
		s := MustOpen(t)
		fillStore(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if found := rawSecrets(t, s.Path()); len(found) != len(secrets) {
			t.Errorf("only %d of %d secrets found in a plain file: %q", len(found), len(secrets), found)
		}
	})

	t.Run("ExistingPlainFile", func(t *testing.T) {
		s := MustOpen(t)
		path := s.Path()
		fillStore(t, s)
		// Overwrite some records too, so old plain copies sit in free pages.
		fillStore2(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		key := newKey(t)
		var notes []string
		s2, err := store.OpenOptions(path, store.Options{Key: key, Notify: func(m string) { notes = append(notes, m) }})
		if err != nil {
			t.Fatal(err)
		}
		if len(notes) != 1 || !bytes.Contains([]byte(notes[0]), []byte("encrypted")) {
			t.Errorf("notices %q, want one saying the file was encrypted", notes)
		}
		checkFilled(t, s2)
		if err := s2.Check(); err != nil {
			t.Fatal(err)
		}
		if err := s2.Close(); err != nil {
			t.Fatal(err)
		}
		if found := rawSecrets(t, path); len(found) > 0 {
			t.Errorf("member text survives encryption in the raw file: %q", found)
		}
		if plain, err := store.PlainValues(path); err != nil || len(plain) > 0 {
			t.Errorf("values left plain: %q (%v)", plain, err)
		}
		if leftovers, _ := filepath.Glob(path + ".compacting-*"); len(leftovers) > 0 {
			t.Errorf("compaction left %q", leftovers)
		}
		// Writes after the conversion are sealed too, and it reopens.
		s3 := openKey(t, path, key)
		checkFilled(t, s3)
		if err := s3.SaveMember(context.Background(), store.Member{ID: "U9", Name: "MemberNameAnaRosa"}); err != nil {
			t.Fatal(err)
		}
		if err := s3.Close(); err != nil {
			t.Fatal(err)
		}
		if found := rawSecrets(t, path); len(found) > 0 {
			t.Errorf("member text readable after a later write: %q", found)
		}
	})

	t.Run("WrongKey", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "cairn.db")
		s := openKey(t, path, newKey(t))
		fillStore(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(path)
		_, err := store.OpenOptions(path, store.Options{Key: newKey(t)})
		mustIs(t, err, store.ErrWrongKey)
		if !bytes.Contains([]byte(err.Error()), []byte("CAIRN_KEY_FILE does not hold the key this database was encrypted with")) {
			t.Errorf("error %q does not say the key is wrong", err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Error("opening with a wrong key changed the file")
		}
	})

	t.Run("NoKey", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "cairn.db")
		s := openKey(t, path, newKey(t))
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		_, err := store.Open(path)
		mustIs(t, err, store.ErrKeyNeeded)
	})

	t.Run("BadKeyLength", func(t *testing.T) {
		_, err := store.OpenOptions(filepath.Join(t.TempDir(), "cairn.db"), store.Options{Key: []byte("short")})
		if err == nil {
			t.Fatal("a 5-byte key was accepted")
		}
	})
}

// fillStore2 rewrites records fillStore made, with other words.
func fillStore2(t testing.TB, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.SaveMember(ctx, store.Member{ID: "U1", Name: "MemberNameAnaRosa", TZ: "Europe/Berlin"}); err != nil {
		t.Fatal(err)
	}
	goals, err := s.Goals(ctx, "U1")
	if err != nil || len(goals) != 1 {
		t.Fatalf("goals %+v, %v", goals, err)
	}
	g := goals[0]
	g.Status = store.GoalActive
	if _, err := s.SaveGoal(ctx, g); err != nil {
		t.Fatal(err)
	}
}

func TestReadKeyFile(t *testing.T) {
	key := newKey(t)
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"raw":       key,
		"hex":       []byte(hex.EncodeToString(key) + "\n"),
		"base64":    []byte(base64.StdEncoding.EncodeToString(key) + "\n"),
		"base64raw": []byte(base64.RawURLEncoding.EncodeToString(key)),
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, content, 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := store.ReadKeyFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, key) {
				t.Errorf("read %x, want %x", got, key)
			}
		})
	}
	t.Run("NotAKey", func(t *testing.T) {
		p := filepath.Join(dir, "short")
		if err := os.WriteFile(p, []byte("hello\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := store.ReadKeyFile(p); err == nil {
			t.Error("a 6-byte file was read as a key")
		}
	})
	t.Run("NewKeyFile", func(t *testing.T) {
		p := filepath.Join(dir, "new.key")
		if err := store.NewKeyFile(p); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 || fi.Size() != store.KeySize {
			t.Errorf("key file mode %v size %d, want 0600 and %d bytes", fi.Mode().Perm(), fi.Size(), store.KeySize)
		}
		k, err := store.ReadKeyFile(p)
		if err != nil || bytes.Equal(k, make([]byte, store.KeySize)) {
			t.Fatalf("key %x, %v", k, err)
		}
		if err := store.NewKeyFile(p); !errors.Is(err, os.ErrExist) {
			t.Errorf("overwriting a key file: %v, want os.ErrExist", err)
		}
		k2, _ := store.ReadKeyFile(p)
		if !bytes.Equal(k, k2) {
			t.Error("a refused NewKeyFile changed the key")
		}
	})
}

func TestRotateKey(t *testing.T) {
	setup := func(t *testing.T) (path string, key []byte) {
		path = filepath.Join(t.TempDir(), "cairn.db")
		key = newKey(t)
		s, err := store.OpenOptions(path, store.Options{Key: key})
		if err != nil {
			t.Fatal(err)
		}
		fillStore(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return path, key
	}

	t.Run("OK", func(t *testing.T) {
		path, old := setup(t)
		sealedBefore, err := store.RawValue(path, "members", []byte("U1"))
		if err != nil || len(sealedBefore) == 0 {
			t.Fatalf("raw member value %x, %v", sealedBefore, err)
		}
		next := newKey(t)
		if err := store.RotateKey(path, store.Options{Key: old}, next); err != nil {
			t.Fatal(err)
		}
		_, err = store.OpenOptions(path, store.Options{Key: old})
		mustIs(t, err, store.ErrWrongKey)
		raw, _ := os.ReadFile(path)
		if bytes.Contains(raw, sealedBefore) {
			t.Error("a value sealed with the old key survives in the file (not compacted)")
		}
		if found := rawSecrets(t, path); len(found) > 0 {
			t.Errorf("member text readable after rotation: %q", found)
		}
		if plain, err := store.PlainValues(path); err != nil || len(plain) > 0 {
			t.Errorf("values left plain: %q (%v)", plain, err)
		}
		checkFilled(t, openKey(t, path, next))
	})

	t.Run("FailureBeforeCommitKeepsOldKey", func(t *testing.T) {
		path, old := setup(t)
		next := newKey(t)
		boom := errors.New("power cut")
		remove := store.SetResealHook(func() error { return boom })
		err := store.RotateKey(path, store.Options{Key: old}, next)
		remove()
		mustIs(t, err, boom)
		_, err = store.OpenOptions(path, store.Options{Key: next})
		mustIs(t, err, store.ErrWrongKey)
		checkFilled(t, openKey(t, path, old))
	})

	t.Run("CompactionFailureIsRetriedAtOpen", func(t *testing.T) {
		path, old := setup(t)
		sealedBefore, _ := store.RawValue(path, "members", []byte("U1"))
		next := newKey(t)
		remove := store.SetCompactHook(func() error { return errors.New("power cut") })
		err := store.RotateKey(path, store.Options{Key: old}, next)
		remove()
		if err == nil {
			t.Fatal("rotation reported success though its compaction failed")
		}
		// The rotation committed: the new key is the one.
		_, err = store.OpenOptions(path, store.Options{Key: old})
		mustIs(t, err, store.ErrWrongKey)
		// The next open finishes the compaction.
		s := openKey(t, path, next)
		checkFilled(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(path)
		if bytes.Contains(raw, sealedBefore) {
			t.Error("a value sealed with the old key survives the reopen (compaction not retried)")
		}
	})

	t.Run("WrongCurrentKey", func(t *testing.T) {
		path, _ := setup(t)
		err := store.RotateKey(path, store.Options{Key: newKey(t)}, newKey(t))
		mustIs(t, err, store.ErrWrongKey)
	})

	t.Run("PlainFileIsEncrypted", func(t *testing.T) {
		s := MustOpen(t)
		fillStore(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		next := newKey(t)
		if err := store.RotateKey(s.Path(), store.Options{}, next); err != nil {
			t.Fatal(err)
		}
		if found := rawSecrets(t, s.Path()); len(found) > 0 {
			t.Errorf("member text readable: %q", found)
		}
		checkFilled(t, openKey(t, s.Path(), next))
	})

	t.Run("InUse", func(t *testing.T) {
		path, old := setup(t)
		s := openKey(t, path, old)
		err := store.RotateKey(path, store.Options{Key: old, Timeout: 50 * time.Millisecond}, newKey(t))
		mustIs(t, err, store.ErrInUse)
		checkFilled(t, s)
	})
}

func TestBackup_Encrypted(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "cairn.db")
	key := newKey(t)
	s := openKey(t, path, key)
	fillStore(t, s)

	// A running store's backup (cairn backup through the admin address).
	var buf bytes.Buffer
	if _, err := s.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	live := filepath.Join(dir, "live.db")
	if err := os.WriteFile(live, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if found := rawSecrets(t, live); len(found) > 0 {
		t.Errorf("member text readable in a backup: %q", found)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// A stopped store's backup (cairn backup on the file).
	cold := filepath.Join(dir, "cold.db")
	f, err := os.Create(cold)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.BackupFile(ctx, path, f, time.Second); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if found := rawSecrets(t, cold); len(found) > 0 {
		t.Errorf("member text readable in a backup of the file: %q", found)
	}

	// Checking decodes records, so it needs the key.
	r, err := store.CheckFileOptions(live, store.Options{Key: key})
	if err != nil || !r.OK() || r.Records["members"] != 1 {
		t.Fatalf("check with the key: %+v, %v", r, err)
	}
	_, err = store.CheckFile(live, time.Second)
	mustIs(t, err, store.ErrKeyNeeded)
	_, err = store.CheckFileOptions(live, store.Options{Key: newKey(t)})
	mustIs(t, err, store.ErrWrongKey)

	// Restore checks the backup with the key, and the result opens with it.
	_, err = store.Restore(path, live, time.Second)
	mustIs(t, err, store.ErrKeyNeeded)
	if _, err := store.RestoreOptions(path, live, store.Options{Key: key}); err != nil {
		t.Fatal(err)
	}
	checkFilled(t, openKey(t, path, key))
}

func TestOpen_tightensMode(t *testing.T) {
	s := MustOpen(t)
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	var notes []string
	notify := func(m string) { notes = append(notes, m) }
	s2, err := store.OpenOptions(path, store.Options{Notify: notify})
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %04o after open, want 0600", fi.Mode().Perm())
	}
	if len(notes) != 1 || !bytes.Contains([]byte(notes[0]), []byte("0644")) || !bytes.Contains([]byte(notes[0]), []byte("0600")) {
		t.Errorf("notices %q, want one naming 0644 and 0600", notes)
	}
	// Once tightened, nothing more is said.
	notes = nil
	s3, err := store.OpenOptions(path, store.Options{Notify: notify})
	if err != nil {
		t.Fatal(err)
	}
	if err := s3.Close(); err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("notices %q on a file already 0600", notes)
	}
}

// TestStore_CompactKeepsTheCipher: a compaction while serving (forget me,
// retention) reopens the file; what is written after it is still sealed
// and what was there still reads.
func TestStore_CompactKeepsTheCipher(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cairn.db")
	key := newKey(t)
	s := openKey(t, path, key)
	must(t, s.SaveMember(ctx, store.Member{ID: "U1", Name: "Wren before"}))
	must(t, s.Compact(ctx))
	must(t, s.SaveMember(ctx, store.Member{ID: "U2", Name: "Wren after"}))
	for id, name := range map[string]string{"U1": "Wren before", "U2": "Wren after"} {
		m, err := s.Member(ctx, id)
		if err != nil || m.Name != name {
			t.Fatalf("%s after compaction: %+v, %v", id, m, err)
		}
	}
	must(t, s.Close())
	if raw := mustRead(t, path); bytes.Contains(raw, []byte("Wren")) {
		t.Fatal("a name is readable in the file after a compaction")
	}
}

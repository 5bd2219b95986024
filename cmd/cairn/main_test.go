package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// cairnBin is the real binary, built once for the tests that run it as a
// process.
var cairnBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cairn-bin")
	if err != nil {
		panic(err)
	}
	cairnBin = filepath.Join(dir, "cairn")
	if out, err := exec.Command("go", "build", "-o", cairnBin, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("build cairn: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCairn runs the built binary with stdin and returns its output and exit code.
func runCairn(t *testing.T, stdin string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, cairnBin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("run cairn %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

func TestTry_GoalThenRestartThenCheckIn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=America/Chicago", "CAIRN_MEMBER=maria"}
	now := "--now=2026-06-10T10:00:00-05:00" // Wednesday, June 10

	goal := strings.Join([]string{
		"set a goal",
		"Learn to fly-fish",
		"Being out on the river with friends",
		"Fly-fish with a friend by August",
		"8",
		"It keeps my mind quiet",
		"My brother",
		"Buy a fishing pole",
		"Friday",
		"me",
		"add another step",
		"Get a fishing license",
		"the 20th",
		"my navigator",
		"that's all for now",
		"skip",
		"save it",
		"/quit",
	}, "\n")
	out, errOut, code := runCairn(t, goal, env, "try", now)
	if code != 0 {
		t.Fatalf("first run exited %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"Friday, June 12", "Saturday, June 20", "Your first stone: Buy a fishing pole"} {
		if !strings.Contains(out, want) {
			t.Fatalf("first run output lacks %q:\n%s", want, out)
		}
	}

	// A new process: everything must come back from the file.
	checkIn := strings.Join([]string{"steps", "/next", "1", "Go to the river with my brother", "no thanks", "9", "6", "/quit"}, "\n")
	out, errOut, code = runCairn(t, checkIn, env, "try", now)
	if code != 0 {
		t.Fatalf("second run exited %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"Your goal: Fly-fish with a friend by August", "Check-in time", "check-in is saved"} {
		if !strings.Contains(out, want) {
			t.Fatalf("second run output lacks %q:\n%s", want, out)
		}
	}

	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	view, err := st.MemberView(ctx, "maria")
	if err != nil {
		t.Fatal(err)
	}
	if view.Member.TZ != "America/Chicago" || len(view.Goals) != 1 {
		t.Fatalf("view = %+v", view)
	}
	g := view.Goals[0]
	if g.Goal.Text != "Fly-fish with a friend by August" || g.Goal.Why != "It keeps my mind quiet" || len(g.Steps) != 2 {
		t.Fatalf("goal = %+v", g)
	}
	pole, license := g.Steps[0], g.Steps[1]
	if pole.What != "Buy a fishing pole" || !pole.Done() || pole.Owner != store.OwnerMe ||
		pole.Due.Format(time.DateOnly) != "2026-06-12" {
		t.Fatalf("first step = %+v", pole)
	}
	if license.What != "Get a fishing license" || license.Done() || license.Owner != store.OwnerNavigator ||
		license.Due.Format(time.DateOnly) != "2026-06-20" {
		t.Fatalf("second step = %+v", license)
	}
	ci, err := st.LastCheckIn(ctx, "maria")
	if err != nil {
		t.Fatal(err)
	}
	// /next jumps to the day before Tuesday June 16's 18:00 session.
	wantSession := time.Date(2026, 6, 16, 23, 0, 0, 0, time.UTC)
	if !ci.SessionAt.Equal(wantSession) || ci.Plan != "Go to the river with my brother" || ci.Importance != 9 ||
		ci.Confidence != 6 || len(ci.StepsDone) != 1 || ci.StepsDone[0] != pole.ID || ci.Late {
		t.Fatalf("check-in = %+v", ci)
	}
}

func TestTry_QuitMidFlowAndResume(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cairn.db")
	env := []string{"CAIRN_DB=" + db, "CAIRN_TZ=Europe/Berlin"}
	if _, errOut, code := runCairn(t, "goal\nA cabin by a lake\n", env, "try"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	out, errOut, code := runCairn(t, "hello\n", env, "try")
	if code != 0 || !strings.Contains(out, "Welcome back") || !strings.Contains(out, "being happy") {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
}

func TestCLI_Errors(t *testing.T) {
	dir := t.TempDir()
	t.Run("NoCommand", func(t *testing.T) {
		_, errOut, code := runCairn(t, "", nil)
		if code != 2 || !strings.Contains(errOut, "cairn try") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
	t.Run("UnknownCommand", func(t *testing.T) {
		_, errOut, code := runCairn(t, "", nil, "fly")
		if code != 2 || !strings.Contains(errOut, `unknown command "fly"`) {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
	t.Run("Version", func(t *testing.T) {
		out, _, code := runCairn(t, "", nil, "version")
		if code != 0 || !strings.HasPrefix(out, "cairn ") {
			t.Fatalf("exit %d: %s", code, out)
		}
	})
	t.Run("TryHelpListsFlagsAndEnv", func(t *testing.T) {
		_, errOut, code := runCairn(t, "", nil, "try", "--help")
		for _, want := range []string{"-db", "CAIRN_DB", "CAIRN_TZ", "-now", "-session"} {
			if code != 0 || !strings.Contains(errOut, want) {
				t.Fatalf("exit %d, help lacks %q: %s", code, want, errOut)
			}
		}
	})
	t.Run("BadZone", func(t *testing.T) {
		_, errOut, code := runCairn(t, "", nil, "try", "--db", filepath.Join(dir, "z.db"), "--tz", "Mars/Olympus")
		if code != 2 || !strings.Contains(errOut, "Mars/Olympus") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
	t.Run("ForeignFileIsLeftAlone", func(t *testing.T) {
		path := filepath.Join(dir, "notes.txt")
		orig := []byte("my grocery list\n" + strings.Repeat("eggs\n", 2000))
		if err := os.WriteFile(path, orig, 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := runCairn(t, "hi\n", nil, "try", "--db", path)
		if code != 1 || !strings.Contains(errOut, path) || !strings.Contains(errOut, "not a Cairn database") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, orig) {
			t.Fatal("cairn changed a file that is not its database")
		}
	})
	t.Run("DatabaseInUse", func(t *testing.T) {
		path := filepath.Join(dir, "busy.db")
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		start := time.Now()
		_, errOut, code := runCairn(t, "hi\n", nil, "try", "--db", path)
		if code != 1 || !strings.Contains(errOut, path) || !strings.Contains(errOut, "in use") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if waited := time.Since(start); waited > 5*time.Second {
			t.Fatalf("took %v to say the database is in use", waited)
		}
	})
}

func TestSchedulePreview(t *testing.T) {
	out, errOut, code := runCairn(t, "", nil, "schedule", "preview", "--schedule", "Tuesdays 6pm", "--tz", "America/New_York",
		"--member-tz", "Europe/Berlin", "--member-tz", "America/New_York", "--navigator-tz", "America/Chicago",
		"--days", "10", "--from", "2026-10-26T09:00:00-04:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Next: Tuesday, October 27 at 6:00 PM; Tuesday, November 3 at 6:00 PM; Tuesday, November 10 at 6:00 PM.",
		// New York falls back on November 1: the session stays at 18:00 local.
		"Mon Nov 2 18:00 EST  check-in prompt              → members in America/New_York   (session Tue Nov 3 18:00 EST)",
		// Midnight in Berlin is quiet: the prompt goes out at 20:45 there.
		"Mon Nov 2 20:45 CET  check-in prompt              → members in Europe/Berlin",
		"Tue Nov 3 17:00 EST  digest",
		"Wed Oct 28 09:00 CDT  daily list of members' steps → navigator in America/Chicago",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range [][]string{
		{"schedule", "preview", "--schedule", "whenever"},
		{"schedule", "preview", "--schedule", "Tuesdays 6pm", "--tz", "Nowhere/Land"},
		{"schedule", "preview"},
		{"schedule"},
	} {
		if _, errOut, code := runCairn(t, "", nil, bad...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", bad, code, errOut)
		}
	}
}

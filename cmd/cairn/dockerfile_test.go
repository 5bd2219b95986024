package main

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDockerfile_BuildCommand runs the Dockerfile's own `go build` line
// (docker itself is not needed) and checks that it makes a static binary,
// which the distroless base image needs.
func TestDockerfile_BuildCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Cairn again with the Dockerfile's flags")
	}
	raw, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for l := range strings.SplitSeq(string(raw), "\n") {
		if strings.HasPrefix(l, "RUN ") && strings.Contains(l, "go build") {
			line = strings.TrimPrefix(l, "RUN ")
		}
	}
	if line == "" || !strings.Contains(line, "CGO_ENABLED=0") || !strings.Contains(line, "-o /out/cairn") {
		t.Fatalf("no static go build line in the Dockerfile: %q", line)
	}
	bin := filepath.Join(t.TempDir(), "cairn")
	line = strings.ReplaceAll(line, "${VERSION}", "v0.0.0-test")
	line = strings.Replace(line, "-o /out/cairn", "-o "+bin, 1)
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = "../.."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("the binary is dynamically linked; the distroless static image cannot run it")
		}
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || strings.TrimSpace(string(out)) != "cairn v0.0.0-test" {
		t.Fatalf("version: %q, %v", out, err)
	}
}

package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
)

// inProcess is `cairn serve` running in the test's own process.
type inProcess struct {
	main   *Main
	done   chan error
	cancel context.CancelFunc
	stderr *syncBuffer
	client *http.Client
}

// serveInProcess runs serve's flag parsing and wiring in this process
// against the fake Slack, with an admin server on a free port. opened, if
// set, may swap parts of Main before it runs.
func serveInProcess(t *testing.T, fake *fakeslack.Server, env map[string]string, args []string, opened func(*Main)) *inProcess {
	t.Helper()
	full := map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test", "SLACK_API_URL": fake.APIURL(),
		"CAIRN_DB": filepath.Join(t.TempDir(), "cairn.db"), "CAIRN_ADMIN": "127.0.0.1:0",
	}
	for k, v := range env {
		full[k] = v
	}
	lookup := func(k string) (string, bool) { v, ok := full[k]; return v, ok }
	p := &inProcess{done: make(chan error, 1), stderr: &syncBuffer{},
		client: &http.Client{Transport: &http.Transport{}}}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	mains := make(chan *Main, 1)
	cmd := &serveCommand{stdout: io.Discard, stderr: p.stderr, lookupEnv: lookup, opened: func(m *Main) {
		if opened != nil {
			opened(m)
		}
		mains <- m
	}}
	go func() { p.done <- cmd.Run(ctx, args) }()
	select {
	case p.main = <-mains:
	case err := <-p.done:
		cancel()
		t.Fatalf("serve stopped before it ran: %v\n%s", err, p.stderr.String())
	}
	t.Cleanup(func() {
		cancel()
		<-p.done
	})
	return p
}

// stop cancels serve's context, as SIGTERM does, and returns its error.
func (p *inProcess) stop(t *testing.T) error {
	t.Helper()
	p.cancel()
	return p.wait(t)
}

func (p *inProcess) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err // for Cleanup
		return err
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not return\n%s", p.stderr.String())
		return nil
	}
}

// get returns the admin server's status and body for path.
func (p *inProcess) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := p.client.Get("http://" + p.main.AdminAddr() + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitStatus polls path until it answers want.
func (p *inProcess) waitStatus(t *testing.T, path string, want int) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := p.get(t, path)
		if code == want {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d %q, want %d\n%s", path, code, body, want, p.stderr.String())
		}
		time.Sleep(10 * time.Millisecond) // polling a server, not waiting for time to pass
	}
}

// noGoroutinesBeyond waits until this process runs at most n goroutines,
// and fails with every goroutine's stack if it does not get there.
func noGoroutinesBeyond(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			var b strings.Builder
			_ = pprof.Lookup("goroutine").WriteTo(&b, 1)
			t.Fatalf("%d goroutines left running, want at most %d:\n%s", runtime.NumGoroutine(), n, b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServe_InProcess runs serve's wiring in this process (CI runs it under
// -race): it connects, answers a DM, says ready, stops when its context
// ends, and leaves no goroutine behind.
func TestServe_InProcess(t *testing.T) {
	fake := fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: "U0SAM", TZ: "Europe/Berlin"}))
	defer fake.Close()
	before := runtime.NumGoroutine()

	p := serveInProcess(t, fake, nil, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := fake.Connected(ctx); err != nil {
		t.Fatalf("never connected: %v\n%s", err, p.stderr.String())
	}
	if _, err := fake.SendEvent(ctx, fakeslack.MessageEvent("U0SAM", fakeslack.DMChannel("U0SAM"), "hi")); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitForCalls(ctx, "chat.postMessage", 1); err != nil {
		t.Fatalf("no reply: %v\n%s", err, p.stderr.String())
	}
	p.waitStatus(t, "/readyz", http.StatusOK)
	if code, _ := p.get(t, "/healthz"); code != http.StatusOK {
		t.Fatalf("/healthz: %d", code)
	}

	if err := p.stop(t); err != nil {
		t.Fatalf("serve: %v\n%s", err, p.stderr.String())
	}
	p.client.CloseIdleConnections()
	noGoroutinesBeyond(t, before)
}

// TestServe_ShutdownDeadline: a turn stuck on a Slack that does not answer
// holds serve up only until --shutdown-timeout, then the store is closed and
// serve returns.
func TestServe_ShutdownDeadline(t *testing.T) {
	fake := fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: "U0SAM", TZ: "Europe/Berlin"}))
	defer fake.Close() // also ends the abandoned call
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p := serveInProcess(t, fake, map[string]string{"CAIRN_SHUTDOWN_TIMEOUT": "1h"}, []string{"--shutdown-timeout", "300ms"}, nil)
	if err := fake.Connected(ctx); err != nil {
		t.Fatal(err)
	}
	// Slack takes an hour to answer the reply: the turn cannot finish.
	fake.FailNext("chat.postMessage", 1, fakeslack.Delay(time.Hour))
	id, err := fake.SendEvent(ctx, fakeslack.MessageEvent("U0SAM", fakeslack.DMChannel("U0SAM"), "hi"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitForAck(ctx, id); err != nil {
		t.Fatal(err)
	}
	// The turn is acknowledged, so it is in flight: the bot runs it to its
	// end, and its reply waits on Slack.
	began := time.Now()
	if err := p.stop(t); err != nil {
		t.Fatalf("serve: %v", err)
	}
	if took := time.Since(began); took > 20*time.Second {
		t.Fatalf("serve took %v to stop with a 300ms deadline", took)
	}
	if !strings.Contains(p.stderr.String(), "shutdown deadline passed") {
		t.Fatalf("no word of the abandoned turn:\n%s", p.stderr.String())
	}
	// The store is closed: a second process can open the file.
	if _, err := p.main.Store.Member(ctx, "U0SAM"); err == nil {
		t.Fatal("the store is still open")
	}
}

// TestServe_ShutdownTimeoutFromEnv: CAIRN_SHUTDOWN_TIMEOUT sets the default,
// and a bad one is a usage error.
func TestServe_ShutdownTimeoutFromEnv(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	p := serveInProcess(t, fake, map[string]string{"CAIRN_SHUTDOWN_TIMEOUT": "42s"}, nil, nil)
	if got := p.main.Config.ShutdownTimeout; got != 42*time.Second {
		t.Fatalf("shutdown timeout = %v", got)
	}
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
	lookup := func(k string) (string, bool) {
		if k == "CAIRN_SHUTDOWN_TIMEOUT" {
			return "soon", true
		}
		return "", false
	}
	err := run(context.Background(), []string{"serve"}, nil, io.Discard, io.Discard, lookup)
	if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "CAIRN_SHUTDOWN_TIMEOUT") {
		t.Fatalf("err = %v", err)
	}
}

// TestServe_AdminOff: CAIRN_ADMIN set to nothing turns the admin server off.
func TestServe_AdminOff(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	p := serveInProcess(t, fake, map[string]string{"CAIRN_ADMIN": ""}, nil, nil)
	if addr := p.main.AdminAddr(); addr != "" {
		t.Fatalf("admin server on %s; CAIRN_ADMIN= should turn it off", addr)
	}
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
}

// fakeFatal is the bot's fatal state, set by the test.
type fakeFatal struct {
	done chan struct{}
	err  error
}

func (f *fakeFatal) Fatal() <-chan struct{} { return f.done }
func (f *fakeFatal) FatalErr() error {
	select {
	case <-f.done:
		return f.err
	default:
		return nil
	}
}

// TestServe_TokenRevoked: once the bot reports Slack refused its token,
// /readyz says so at once and serve returns the one clear line.
func TestServe_TokenRevoked(t *testing.T) {
	fake := fakeslack.New()
	defer fake.Close()
	fatal := &fakeFatal{done: make(chan struct{}), err: errors.New("chat.postMessage: token_revoked")}
	p := serveInProcess(t, fake, nil, nil, func(m *Main) { m.fatal = fatal })
	p.waitStatus(t, "/readyz", http.StatusOK)

	close(fatal.done)
	// Unready at once, whatever serve is doing: the admin handler itself,
	// asked without waiting for serve to react.
	rec := httptest.NewRecorder()
	p.main.adminHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "token_revoked") {
		t.Fatalf("/readyz after the token was refused: %d %q", rec.Code, rec.Body.String())
	}
	err := p.wait(t)
	want := "Slack refused the bot token (token_revoked): reinstall the app or update SLACK_BOT_TOKEN"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if code := exitCode(err, io.Discard); code == 0 {
		t.Fatal("exit code 0 for a refused token")
	}
}

// TestServe_TokenRevokedBySlack is TestServe_TokenRevoked end to end: the
// fake Slack itself refuses the token when Cairn answers a DM, and serve
// stops with the one clear line.
func TestServe_TokenRevokedBySlack(t *testing.T) {
	fake := fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: "U0SAM", TZ: "Europe/Berlin"}))
	defer fake.Close()
	p := serveInProcess(t, fake, nil, nil, nil)
	p.waitStatus(t, "/readyz", http.StatusOK)
	fake.FailNext("chat.postMessage", 1, fakeslack.SlackError("token_revoked"))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := fake.SendEvent(ctx, fakeslack.MessageEvent("U0SAM", fakeslack.DMChannel("U0SAM"), "hi")); err != nil {
		t.Fatal(err)
	}
	err := p.wait(t)
	want := "Slack refused the bot token (token_revoked): reinstall the app or update SLACK_BOT_TOKEN"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q\n%s", err, want, p.stderr.String())
	}
	if n := len(fake.CallsTo("chat.postMessage")); n != 1 {
		t.Errorf("%d posts; after the refusal Cairn must not post again", n)
	}
}

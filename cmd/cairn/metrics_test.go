package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// TestServe_Metrics scrapes /metrics after a DM through the fake Slack
// (whose first reply is answered with a 429) and finds the Slack calls, the
// wait and the deliveries, and nothing a member wrote nor who they are.
func TestServe_Metrics(t *testing.T) {
	fake := fakeslack.New(fakeslack.WithUsers(fakeslack.User{ID: "U0SAM", TZ: "Europe/Berlin"}))
	defer fake.Close()
	p := serveInProcess(t, fake, nil, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := fake.Connected(ctx); err != nil {
		t.Fatal(err)
	}
	session := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Minute)
	d := store.Delivery{Kind: store.DeliverPrompt, GroupID: "C0GROUP", Session: session, Recipient: "U0SAM", DueAt: session.Add(-24 * time.Hour)}
	d.Key = store.DeliveryKey(d.Kind, d.GroupID, d.Session, d.Recipient)
	if _, err := p.main.Store.PlanDeliveries(ctx, []store.Delivery{d}); err != nil {
		t.Fatal(err)
	}

	fake.FailNext("chat.postMessage", 1, fakeslack.RateLimited(0))
	if _, err := fake.SendEvent(ctx, fakeslack.MessageEvent("U0SAM", fakeslack.DMChannel("U0SAM"), "my purple elephant secret")); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitForCalls(ctx, "chat.postMessage", 2); err != nil {
		t.Fatalf("no reply: %v", err)
	}
	want := []string{
		`cairn_slack_calls_total{method="chat.postMessage",outcome="ok"} `, // one per reply message
		`cairn_slack_calls_total{method="chat.postMessage",outcome="ratelimited"} 1`,
		`cairn_slack_calls_total{method="auth.test",outcome="ok"} 1`,
		`cairn_slack_ratelimit_waits_total{method="chat.postMessage"} 1`,
		`cairn_slack_call_duration_seconds_count{method="chat.postMessage"} `,
		`cairn_turn_duration_seconds_count{kind="dm"} 1`,
		`cairn_deliveries{kind="prompt",state="planned"} 1`,
		`cairn_store_scrape_ok 1`,
	}
	// Slack has the reply before Cairn has read Slack's answer and counted
	// it: scrape until every series is there, or the deadline.
	var body string
	for missing := want; len(missing) > 0; {
		var code int
		code, body = p.get(t, "/metrics")
		if code != http.StatusOK {
			t.Fatalf("/metrics: %d", code)
		}
		missing = missing[:0:0]
		for _, w := range want {
			if !strings.Contains(body, w) {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("/metrics lacks %q:\n%s", missing, body)
		case <-time.After(20 * time.Millisecond):
		}
	}
	for _, secret := range []string{"purple", "elephant", "U0SAM", "C0GROUP", "Berlin"} {
		if strings.Contains(body, secret) {
			t.Errorf("/metrics shows %q", secret)
		}
	}
	if err := p.stop(t); err != nil {
		t.Fatal(err)
	}
}

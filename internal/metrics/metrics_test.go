package metrics_test

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/internal/metrics"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("/metrics: %d %s", rec.Code, rec.Body.String())
	}
	body, _ := io.ReadAll(rec.Body)
	return string(body)
}

func TestMetrics(t *testing.T) {
	src := metrics.Source{
		Deliveries: func(context.Context) ([]metrics.DeliveryCount, error) {
			return []metrics.DeliveryCount{{Kind: "prompt", State: "sent", N: 7}, {Kind: "digest", State: "planned", N: 1}}, nil
		},
		InboxDepth:  func(context.Context) (int, error) { return 3, nil },
		OutboxDepth: func(context.Context) (int, error) { return 2, nil },
	}
	m := metrics.New(src, nil)
	m.Turn("dm", 1500*time.Millisecond)
	m.Turn("dm", 100*time.Millisecond)
	m.SlackCall("chat.postMessage", "ok", 80*time.Millisecond)
	m.SlackCall("chat.postMessage", "ratelimited", 10*time.Millisecond)
	m.RateLimitWait("chat.postMessage", 2*time.Second)
	body := scrape(t, m)
	for _, want := range []string{
		`cairn_turn_duration_seconds_count{kind="dm"} 2`,
		`cairn_turn_duration_seconds_bucket{kind="dm",le="1"} 1`,
		`cairn_slack_calls_total{method="chat.postMessage",outcome="ok"} 1`,
		`cairn_slack_calls_total{method="chat.postMessage",outcome="ratelimited"} 1`,
		`cairn_slack_call_duration_seconds_count{method="chat.postMessage"} 2`,
		`cairn_slack_ratelimit_waits_total{method="chat.postMessage"} 1`,
		`cairn_slack_ratelimit_wait_seconds_total{method="chat.postMessage"} 2`,
		`cairn_deliveries{kind="prompt",state="sent"} 7`,
		`cairn_deliveries{kind="digest",state="planned"} 1`,
		`cairn_inbox_depth 3`,
		`cairn_outbox_depth 2`,
		`cairn_store_scrape_ok 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	t.Run("StoreFails", func(t *testing.T) {
		m := metrics.New(metrics.Source{
			Deliveries: func(context.Context) ([]metrics.DeliveryCount, error) { return nil, errors.New("disk gone") },
		}, nil)
		body := scrape(t, m)
		if !strings.Contains(body, "cairn_store_scrape_ok 0") {
			t.Fatalf("a failed store read is not shown:\n%s", body)
		}
		if strings.Contains(body, "cairn_inbox_depth") {
			t.Fatal("inbox depth shown without a source")
		}
	})
}

// Package metrics is Cairn's /metrics: the bot's work (turns, Slack calls,
// 429 waits) as it happens, and the store's queues (deliveries by kind and
// state, inbox and outbox depth) read at each scrape, in Prometheus' text
// format. Labels are Slack method names, Slack error codes and kinds of
// work: never anything a member wrote, nor who they are.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics records the bot's work; it is a bot.Observer.
type Metrics struct {
	reg          *prometheus.Registry
	turns        *prometheus.HistogramVec
	calls        *prometheus.CounterVec
	callSeconds  *prometheus.HistogramVec
	waits        *prometheus.CounterVec
	waitSeconds  *prometheus.CounterVec
	storeOK      *prometheus.Desc
	deliveries   *prometheus.Desc
	inboxDepth   *prometheus.Desc
	outboxDepth  *prometheus.Desc
	src          Source
	log          *slog.Logger
	scrapeBudget time.Duration
}

// DeliveryCount is how many stored deliveries have one kind and state.
type DeliveryCount struct {
	Kind, State string
	N           int
}

// Source is what the store tells at each scrape. A nil func leaves its
// series out (a store without an inbox has no inbox depth).
type Source struct {
	Deliveries  func(ctx context.Context) ([]DeliveryCount, error)
	InboxDepth  func(ctx context.Context) (int, error)
	OutboxDepth func(ctx context.Context) (int, error)
}

// New makes the metrics and their registry (with Go's runtime and the
// process's own metrics).
func New(src Source, log *slog.Logger) *Metrics {
	if log == nil {
		log = slog.Default()
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		turns: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "cairn_turn_duration_seconds",
			Help:    "Handled inputs (kind: dm, button, command, …) from arrival to last reply.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2, 3, 5, 10, 30},
		}, []string{"kind"}),
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cairn_slack_calls_total",
			Help: "Slack Web API calls by method and outcome (ok, Slack's error code, ratelimited, http_<status>, timeout).",
		}, []string{"method", "outcome"}),
		callSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "cairn_slack_call_duration_seconds",
			Help:    "Slack Web API call latency by method.",
			Buckets: []float64{.025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method"}),
		waits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cairn_slack_ratelimit_waits_total",
			Help: "Waits Slack asked for with a 429 and Retry-After, by method.",
		}, []string{"method"}),
		waitSeconds: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cairn_slack_ratelimit_wait_seconds_total",
			Help: "Time Slack asked Cairn to wait after 429s, by method.",
		}, []string{"method"}),
		storeOK:      prometheus.NewDesc("cairn_store_scrape_ok", "1 if this scrape could read the store's counts, else 0.", nil, nil),
		deliveries:   prometheus.NewDesc("cairn_deliveries", "Stored deliveries (prompts, reminders, digests, nudges) by kind and state.", []string{"kind", "state"}, nil),
		inboxDepth:   prometheus.NewDesc("cairn_inbox_depth", "Events from Slack journaled and not yet handled.", nil, nil),
		outboxDepth:  prometheus.NewDesc("cairn_outbox_depth", "Replies waiting to be posted to Slack.", nil, nil),
		src:          src,
		log:          log,
		scrapeBudget: 5 * time.Second,
	}
	m.reg.MustRegister(m.turns, m.calls, m.callSeconds, m.waits, m.waitSeconds,
		storeCollector{m}, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(m.log.Handler(), slog.LevelWarn)})
}

// SlackCall is one Web API call.
func (m *Metrics) SlackCall(method, outcome string, took time.Duration) {
	m.calls.WithLabelValues(method, outcome).Inc()
	m.callSeconds.WithLabelValues(method).Observe(took.Seconds())
}

// RateLimitWait is a wait Slack asked for.
func (m *Metrics) RateLimitWait(method string, wait time.Duration) {
	m.waits.WithLabelValues(method).Inc()
	m.waitSeconds.WithLabelValues(method).Add(wait.Seconds())
}

// Turn is one handled input.
func (m *Metrics) Turn(kind string, took time.Duration) {
	m.turns.WithLabelValues(kind).Observe(took.Seconds())
}

// storeCollector reads the store's counts at scrape time.
type storeCollector struct{ m *Metrics }

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.m.storeOK
	if c.m.src.Deliveries != nil {
		ch <- c.m.deliveries
	}
	if c.m.src.InboxDepth != nil {
		ch <- c.m.inboxDepth
	}
	if c.m.src.OutboxDepth != nil {
		ch <- c.m.outboxDepth
	}
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	m := c.m
	ctx, cancel := context.WithTimeout(context.Background(), m.scrapeBudget)
	defer cancel()
	ok := 1.0
	if m.src.Deliveries != nil {
		counts, err := m.src.Deliveries(ctx)
		if err != nil {
			m.log.Warn("metrics: counting deliveries failed", "err", err)
			ok = 0
		}
		for _, n := range counts {
			ch <- prometheus.MustNewConstMetric(m.deliveries, prometheus.GaugeValue, float64(n.N), n.Kind, n.State)
		}
	}
	for _, q := range []struct {
		desc  *prometheus.Desc
		depth func(context.Context) (int, error)
	}{{m.inboxDepth, m.src.InboxDepth}, {m.outboxDepth, m.src.OutboxDepth}} {
		if q.depth == nil {
			continue
		}
		n, err := q.depth(ctx)
		if err != nil {
			m.log.Warn("metrics: reading a queue's depth failed", "err", err)
			ok = 0
			continue
		}
		ch <- prometheus.MustNewConstMetric(q.desc, prometheus.GaugeValue, float64(n))
	}
	ch <- prometheus.MustNewConstMetric(m.storeOK, prometheus.GaugeValue, ok)
}

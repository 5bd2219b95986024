package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
	bolt "go.etcd.io/bbolt"

	"github.com/cairnbot/cairn/bot"
	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

// BenchmarkSideBySide runs Cairn and a bare slack-go Socket Mode bot (one
// bbolt Update and one chat.postMessage per DM, see bareBot) through the
// same full path as BenchmarkFullPath, in the same run, with Slack's limits
// on: Cairn's own limiters are on (no NoLimits), and each bot's fake Slack
// enforces the limits in sbsLimits (chat.postMessage: see sbsPostRate).
//
// Each bot has its own fakeslack server (the fake delivers envelopes to its
// newest connection only), built the same way and with the same limits. One
// op is scenario.rounds rounds of each bot, in the order Cairn, bare, bare,
// Cairn (then bare first in the next op), so that load on the machine hits
// both alike. In a round each of the 50 members sends
// scenario.turns DMs, each after the reply to the one before (or after
// sbsTurnLimit without one) and think apart:
//
//   - new: members unknown to Cairn (no record; users.info must be asked),
//     fresh ones every round, all writing at once;
//   - known: members with records and zones (seeded untimed through Cairn
//     with NoLimits), 50 ms between a reply and their next message;
//   - flatout: known members, no think time (closed loop at saturation).
//
// Metrics: cairn-/bare-p50-ms and -p99-ms (envelope written → reply
// received by the fake; an unanswered turn counts as sbsTurnLimit, so a p99
// at that figure is a lower bound), p99-ratio (Cairn's over the bare
// bot's), cairn-/bare-turns/s (answered turns over the rounds' wall time),
// unanswered (Cairn's turns with no reply within sbsTurnLimit),
// bare-unanswered, and cairn-429s/bare-429s (calls the fake throttled
// during the timed turns, which shows whether its limits bound: each 429
// costs at least a second, Slack's Retry-After being whole seconds). The goals (issue 8): every turn
// answered, p99-ratio at most 1.5, and in flatout cairn-turns/s at least
// bare-turns/s. Nothing here asserts them; a reply with the wrong text
// fails the benchmark.
func BenchmarkSideBySide(b *testing.B) {
	for _, sc := range []sbsScenario{
		{name: "new", turns: 2, rounds: 1},
		{name: "known", known: true, think: 50 * time.Millisecond, turns: 4, rounds: 2},
		{name: "flatout", known: true, turns: 6, rounds: 2},
	} {
		b.Run(sc.name, func(b *testing.B) { benchSideBySide(b, sc) })
	}
}

const (
	sbsMembers = 50
	// sbsTurnLimit is how long a member waits for a reply before counting
	// the turn as unanswered and writing their next message anyway.
	sbsTurnLimit = 5 * time.Second
	// sbsStopLimit is the deadline given to Cairn's Shutdown at the end.
	sbsStopLimit = 10 * time.Second
)

// sbsPostRate is the fake's workspace-wide limit on chat.postMessage. Slack
// allows "about one a second per channel, with bursts" plus a workspace-wide
// limit it does not publish; the fake limits per method, not per channel,
// and each member has their own DM, so only the workspace-wide figure can
// bind. At 1,000 a second (bursts of 100) it does not bind with 50 members
// 50 ms apart; at flat-out it can. -sbs.postrate=500 tries a lower one.
var sbsPostRate = flag.Float64("sbs.postrate", 1000, "BenchmarkSideBySide: the fake Slack's workspace-wide chat.postMessage limit, per second")

// sbsLimits are the limits each fake Slack enforces, from Slack's published
// tiers.
func sbsLimits() []sbsLimit {
	return []sbsLimit{
		{"chat.postMessage", *sbsPostRate, 100},
		{"users.info", 100.0 / 60, 20},        // Tier 4: 100+ a minute, generous bursts
		{"views.publish", 100.0 / 60, 20},     // Tier 4
		{"conversations.open", 50.0 / 60, 10}, // Tier 3: 50+ a minute
	}
}

type sbsLimit struct {
	method    string
	perSecond float64
	burst     int
}

type sbsScenario struct {
	name   string
	known  bool          // members have records with zones before the timed turns
	think  time.Duration // between a member's reply and their next message
	turns  int           // DMs per member in one bot's round
	rounds int           // rounds of each bot in one op
}

// sbsTurn is one timed DM.
type sbsTurn struct {
	latency  time.Duration // sbsTurnLimit when unanswered
	answered bool          // within sbsTurnLimit
}

// sbsMember is one member as one side sees them. A reply is matched to its
// DM by order (each DM gets exactly one reply, in order), so a late reply is
// still put to the turn it answers, not to the next one.
type sbsMember struct {
	id     string
	pos    int // place in the script: benchWarmup, then the timed alternation
	starts []time.Time
	wants  []string
	got    int // replies received
}

// sbsScript is what a member says at pos, and what Cairn's reply contains.
func sbsScript(pos int) (say, want string) {
	if pos < len(benchWarmup) {
		return benchWarmup[pos].say, benchWarmup[pos].want
	}
	if (pos-len(benchWarmup))%2 == 0 {
		return benchLong, benchWantLong
	}
	return "back", benchWantBack
}

// sbsSide is one bot behind its own fake Slack, with the replies the fake
// receives routed to their DM channel's queue.
type sbsSide struct {
	name  string
	fake  *fakeslack.Server
	check bool // whether reply texts are Cairn's

	mu    sync.Mutex
	inbox map[string]chan benchReply // by DM channel
	tsSeq atomic.Int64
}

func newSbsSide(name string, check bool) *sbsSide {
	s := &sbsSide{name: name, check: check, fake: fakeslack.New(), inbox: map[string]chan benchReply{}}
	// Note each reply with the fake's own arrival time. Like FullPath's
	// override, this answers what a client reads (ok, channel, ts) and skips
	// only the fake's message history. Rate limits apply before it.
	s.fake.HandleFunc("chat.postMessage", func(c fakeslack.Call) any {
		ch := c.Params["channel"]
		select {
		case s.queue(ch) <- benchReply{at: c.At, text: c.Params["text"]}:
		default: // far more replies than DMs: the text checks catch it
		}
		ts := fmt.Sprintf("1781100000.%06d", s.tsSeq.Add(1))
		return map[string]any{"ok": true, "channel": ch, "ts": ts,
			"message": map[string]any{"type": "message", "ts": ts, "text": c.Params["text"]}}
	})
	return s
}

func (s *sbsSide) queue(channel string) chan benchReply {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.inbox[channel]
	if !ok {
		q = make(chan benchReply, 256)
		s.inbox[channel] = q
	}
	return q
}

// members makes n members and tells the fake about them (users.info).
func (s *sbsSide) members(prefix string, n, pos int) []*sbsMember {
	ms := make([]*sbsMember, n)
	for i := range ms {
		id := fmt.Sprintf("U%s%05d", prefix, i+1)
		s.fake.AddUser(fakeslack.User{ID: id, Name: fmt.Sprintf("m%d", i+1), RealName: "Member", TZ: "America/Chicago"})
		ms[i] = &sbsMember{id: id, pos: pos}
	}
	return ms
}

func (s *sbsSide) limit() {
	for _, l := range sbsLimits() {
		s.fake.RateLimit(l.method, l.perSecond, l.burst)
	}
}

func (s *sbsSide) throttled() int {
	n := 0
	for _, l := range sbsLimits() {
		n += s.fake.Throttled(l.method)
	}
	return n
}

// round has every member send n DMs at once, each after the reply to the one
// before or after sbsTurnLimit, think apart. It returns this round's turns
// and its wall time.
func (s *sbsSide) round(ctx context.Context, members []*sbsMember, n int, think time.Duration) ([]sbsTurn, time.Duration, error) {
	var (
		mu    sync.Mutex
		turns = make([]sbsTurn, 0, len(members)*n)
		errs  = make(chan error, len(members))
		wg    sync.WaitGroup
	)
	began := time.Now()
	for _, m := range members {
		wg.Go(func() {
			mine, err := s.talk(ctx, m, n, think)
			mu.Lock()
			turns = append(turns, mine...)
			mu.Unlock()
			errs <- err
		})
	}
	wg.Wait()
	elapsed := time.Since(began)
	close(errs)
	return turns, elapsed, errors.Join(collectErrs(errs)...)
}

func collectErrs(errs <-chan error) []error {
	var all []error
	for err := range errs {
		if err != nil {
			all = append(all, err)
		}
	}
	return all
}

// talk is one member's part of a round.
func (s *sbsSide) talk(ctx context.Context, m *sbsMember, n int, think time.Duration) ([]sbsTurn, error) {
	dm := fakeslack.DMChannel(m.id)
	in := s.queue(dm)
	first := len(m.starts) // this round's first DM
	turns := make([]sbsTurn, n)
	for i := range turns {
		turns[i] = sbsTurn{latency: sbsTurnLimit}
	}
	// receive takes replies until the k-th DM's is in, or deadline.
	receive := func(k int, deadline time.Time) error {
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		for m.got <= k {
			select {
			case r := <-in:
				idx := m.got
				m.got++
				if s.check && !strings.Contains(r.text, m.wants[idx]) {
					return fmt.Errorf("%s: %s's DM %d got %.60q, want %q", s.name, m.id, idx+1, r.text, m.wants[idx])
				}
				if lat := r.at.Sub(m.starts[idx]); idx >= first && lat <= sbsTurnLimit {
					turns[idx-first] = sbsTurn{latency: lat, answered: true}
				}
			case <-t.C:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}
	for k := range n {
		if k > 0 && think > 0 {
			// The member reads the reply and types (the load model, not a wait).
			select {
			case <-time.After(think):
			case <-ctx.Done():
				return turns, ctx.Err()
			}
		}
		say, want := sbsScript(m.pos)
		m.pos++
		payload, err := json.Marshal(s.fake.EventCallback(fakeslack.MessageEvent(m.id, dm, say)))
		if err != nil {
			return turns, err
		}
		m.starts = append(m.starts, time.Now())
		m.wants = append(m.wants, want)
		idx := len(m.starts) - 1
		deadline := m.starts[idx].Add(sbsTurnLimit)
		sendCtx, cancel := context.WithDeadline(ctx, deadline)
		_, err = s.fake.SendEnvelope(sendCtx, fakeslack.Envelope{Type: "events_api", Payload: json.RawMessage(payload)})
		cancel()
		if err != nil {
			return turns, fmt.Errorf("%s: sending %s's DM: %w", s.name, m.id, err)
		}
		if err := receive(idx, deadline); err != nil {
			return turns, err
		}
	}
	// A reply still missing gets until its own DM's limit.
	return turns, receive(len(m.starts)-1, m.starts[len(m.starts)-1].Add(sbsTurnLimit))
}

// sbsLog collects the bots' warnings, for a failure's message.
type sbsLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *sbsLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *sbsLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// startCairn runs Cairn over Socket Mode against side's fake. stop cancels
// Socket Mode and shuts the bot down with sbsStopLimit as the deadline.
func startCairn(b *testing.B, side *sbsSide, st *store.Store, noLimits bool, logs *sbsLog) (stop func() error) {
	b.Helper()
	bt, err := bot.New(bot.Config{
		BotToken: "xoxb-bench", AppToken: "xapp-bench", APIURL: side.fake.APIURL(),
		CallTimeout: 5 * time.Second,
		NoLimits:    noLimits,
		Logger:      slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}, st)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bt.RunSocketMode(ctx) }()
	stop = func() error {
		cancel()
		runErr := <-done
		stopCtx, cancelStop := context.WithTimeout(context.Background(), sbsStopLimit)
		defer cancelStop()
		return errors.Join(runErr, bt.Shutdown(stopCtx))
	}
	select {
	case <-bt.Ready():
	case <-time.After(10 * time.Second):
		_ = stop()
		b.Fatal("cairn never connected to the fake Slack")
	}
	return stop
}

// bareBot is the baseline: a slack-go Socket Mode bot as one would write it
// without Cairn. It acks each envelope at once, and for each DM, on its own
// goroutine, commits it with one bbolt Update (fsync'd) and replies with one
// chat.postMessage. It has the same HTTP connection pool as Cairn's client
// and waits out 429s as slack-go does when asked to (OptionRetry).
type bareBot struct {
	db     *bolt.DB
	api    *slack.Client
	client *socketmode.Client
	http   *http.Transport
	wg     sync.WaitGroup
	failed atomic.Int64 // DMs not committed or not answered
}

var bareBucket = []byte("dms")

func startBare(b *testing.B, side *sbsSide, path string) (stop func() error) {
	b.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bareBucket)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 64
	api := slack.New("xoxb-bare",
		slack.OptionAPIURL(side.fake.APIURL()),
		slack.OptionAppLevelToken("xapp-bare"),
		slack.OptionHTTPClient(&http.Client{Transport: transport}),
		slack.OptionRetry(3))
	bb := &bareBot{db: db, api: api, client: socketmode.New(api), http: transport}

	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	loopDone := make(chan error, 1)
	go func() { loopDone <- bb.run(ctx, ready) }()
	stop = func() error {
		cancel()
		err := <-loopDone
		bb.wg.Wait()
		transport.CloseIdleConnections()
		if n := bb.failed.Load(); n > 0 {
			// Not an error: they show as bare-unanswered (a 429 after
			// slack-go's retries, say).
			b.Logf("bare bot: %d DMs not committed or not answered", n)
		}
		return errors.Join(err, db.Close())
	}
	select {
	case <-ready:
	case <-time.After(10 * time.Second):
		_ = stop()
		b.Fatal("the bare bot never connected to the fake Slack")
	}
	return stop
}

func (bb *bareBot) run(ctx context.Context, ready chan struct{}) error {
	runErr := make(chan error, 1)
	go func() { runErr <- bb.client.RunContext(ctx) }()
	var once sync.Once
	for {
		select {
		case <-ctx.Done():
			<-runErr
			return nil
		case err := <-runErr:
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("bare bot: socket mode stopped: %w", err)
		case evt := <-bb.client.Events:
			if evt.Type == socketmode.EventTypeConnected {
				once.Do(func() { close(ready) })
			}
			if evt.Request == nil {
				continue
			}
			if err := bb.client.Ack(*evt.Request); err != nil {
				bb.failed.Add(1)
			}
			ev, ok := evt.Data.(slackevents.EventsAPIEvent)
			if evt.Type != socketmode.EventTypeEventsAPI || !ok {
				continue
			}
			cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
			msg, isMsg := ev.InnerEvent.Data.(*slackevents.MessageEvent)
			if !ok || !isMsg || msg.ChannelType != "im" || msg.User == "" || msg.BotID != "" {
				continue
			}
			eventID, channel, text := cb.EventID, msg.Channel, msg.Text
			bb.wg.Go(func() {
				if err := bb.handle(eventID, channel, text); err != nil {
					bb.failed.Add(1)
				}
			})
		}
	}
}

// handle commits one DM and replies to it.
func (bb *bareBot) handle(eventID, channel, text string) error {
	if err := bb.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bareBucket).Put([]byte(eventID), []byte(text))
	}); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, _, err := bb.api.PostMessageContext(ctx, channel, slack.MsgOptionText("Noted.", false))
	return err
}

func benchSideBySide(b *testing.B, sc sbsScenario) {
	ctx := b.Context()
	dir := b.TempDir()
	logs := &sbsLog{}
	fail := func(err error) {
		b.Helper()
		b.Fatalf("%v\nbot logs:\n%s", err, logs)
	}

	cairn, bare := newSbsSide("cairn", true), newSbsSide("bare", false)
	defer cairn.fake.Close()
	defer bare.fake.Close()
	st, err := store.Open(filepath.Join(dir, "cairn.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()

	var cm, bm []*sbsMember
	if sc.known {
		// Known members: records with zones, and the conversation where
		// FullPath's timed turns run, made through Cairn itself with no
		// limits anywhere (untimed). Then the limits go on.
		cm, bm = cairn.members("K", sbsMembers, 0), bare.members("K", sbsMembers, len(benchWarmup))
		seed := startCairn(b, cairn, st, true, logs)
		_, _, err := cairn.round(ctx, cm, len(benchWarmup), 0)
		if stopErr := seed(); err == nil {
			err = stopErr
		}
		if err != nil {
			fail(fmt.Errorf("seeding known members: %w", err))
		}
	}
	lookups := len(cairn.fake.CallsTo("users.info"))
	cairn.limit()
	bare.limit()
	stopCairn := startCairn(b, cairn, st, false, logs)
	stopBare := startBare(b, bare, filepath.Join(dir, "bare.db"))
	stopped := false
	stopBoth := func() error {
		if stopped {
			return nil
		}
		stopped = true
		return errors.Join(stopCairn(), stopBare())
	}
	defer stopBoth()
	if sc.known {
		// One untimed DM each, so both bots have warm connections.
		for _, s := range []struct {
			side *sbsSide
			ms   []*sbsMember
		}{{cairn, cm}, {bare, bm}} {
			if _, _, err := s.side.round(ctx, s.ms, 1, 0); err != nil {
				fail(err)
			}
		}
	}

	var cTurns, bTurns []sbsTurn
	var cTime, bTime time.Duration
	c429, b429 := cairn.throttled(), bare.throttled() // the timed turns' only
	runCairn := func(round string) error {
		if !sc.known {
			cm = cairn.members(round, sbsMembers, 0)
		}
		turns, elapsed, err := cairn.round(ctx, cm, sc.turns, sc.think)
		cTurns, cTime = append(cTurns, turns...), cTime+elapsed
		return err
	}
	runBare := func(round string) error {
		if !sc.known {
			bm = bare.members(round, sbsMembers, 0)
		}
		turns, elapsed, err := bare.round(ctx, bm, sc.turns, sc.think)
		bTurns, bTime = append(bTurns, turns...), bTime+elapsed
		return err
	}
	b.ResetTimer()
	for i := range b.N {
		// Cairn, bare, bare, Cairn… and the other way round in the next op:
		// a load on the machine that rises or falls during the op hits both.
		first, second := runCairn, runBare
		if i%2 == 1 {
			first, second = runBare, runCairn
		}
		for r := range sc.rounds {
			id := fmt.Sprintf("N%02d%d", i%100, r)
			var err error
			if r%2 == 0 {
				err = errors.Join(first(id), second(id))
			} else {
				err = errors.Join(second(id), first(id))
			}
			if err != nil {
				b.StopTimer()
				fail(err)
			}
		}
	}
	b.StopTimer()
	if err := stopBoth(); err != nil {
		b.Errorf("stopping the bots: %v", err)
	}
	if err := st.Check(); err != nil {
		b.Errorf("cairn's store: %v", err)
	}
	if n := len(cairn.fake.CallsTo("users.info")) - lookups; sc.known && n > 0 {
		b.Errorf("cairn asked users.info %d times about members it should know: the known scenario measured new ones", n)
	}

	c50, c99, cOK := sbsFigures(cTurns)
	b50, b99, bOK := sbsFigures(bTurns)
	b.ReportMetric(benchMS(c50), "cairn-p50-ms")
	b.ReportMetric(benchMS(c99), "cairn-p99-ms")
	b.ReportMetric(benchMS(b50), "bare-p50-ms")
	b.ReportMetric(benchMS(b99), "bare-p99-ms")
	b.ReportMetric(float64(c99)/float64(max(b99, 1)), "p99-ratio")
	b.ReportMetric(float64(cOK)/cTime.Seconds(), "cairn-turns/s")
	b.ReportMetric(float64(bOK)/bTime.Seconds(), "bare-turns/s")
	b.ReportMetric(float64(len(cTurns)-cOK), "unanswered")
	b.ReportMetric(float64(len(bTurns)-bOK), "bare-unanswered")
	b.ReportMetric(float64(cairn.throttled()-c429), "cairn-429s")
	b.ReportMetric(float64(bare.throttled()-b429), "bare-429s")
}

// sbsFigures is the p50 and p99 of turns (unanswered ones at sbsTurnLimit)
// and how many were answered.
func sbsFigures(turns []sbsTurn) (p50, p99 time.Duration, answered int) {
	lat := make([]time.Duration, len(turns))
	for i, t := range turns {
		lat[i] = t.latency
		if t.answered {
			answered++
		}
	}
	return benchPercentile(lat, 0.50), benchPercentile(lat, 0.99), answered
}

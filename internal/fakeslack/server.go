package fakeslack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// ErrClosed is returned by waits and sends on a Server that has been closed.
var ErrClosed = errors.New("fakeslack: server closed")

// DefaultPingInterval is how often the websocket pings a Socket Mode client
// unless WithPingInterval says otherwise. slack-go reconnects when it sees no
// ping for 30 s (socketmode.OptionPingInterval); 2 s keeps any client
// interval above it happy and costs nothing.
const DefaultPingInterval = 2 * time.Second

// Identity is the workspace, app and bot user the fake pretends to be.
type Identity struct {
	TeamID     string // "T0CAIRN00"
	TeamDomain string // "cairn-test"
	TeamName   string // "Cairn Test"
	AppID      string // "A0CAIRN00"
	BotID      string // "B0CAIRN00"
	BotUserID  string // "U0CAIRNBOT"
	BotName    string // "cairn"
	// VerificationToken is the deprecated "token" field Slack still puts in
	// event, slash command and interaction payloads.
	VerificationToken string
}

func defaultIdentity() Identity {
	return Identity{
		TeamID:            "T0CAIRN00",
		TeamDomain:        "cairn-test",
		TeamName:          "Cairn Test",
		AppID:             "A0CAIRN00",
		BotID:             "B0CAIRN00",
		BotUserID:         "U0CAIRNBOT",
		BotName:           "cairn",
		VerificationToken: "fakeslackverificationtoken",
	}
}

// Option configures a Server.
type Option func(*config)

type config struct {
	pingInterval time.Duration
	identity     Identity
	users        []User
	now          func() time.Time
	botToken     string
	appToken     string
}

// WithPingInterval sets how often the websocket pings each Socket Mode
// client. Zero or less disables pings (to test a client's ping timeout).
func WithPingInterval(d time.Duration) Option {
	return func(c *config) { c.pingInterval = d }
}

// WithIdentity overrides the workspace/app/bot identity; empty fields keep
// their defaults.
func WithIdentity(id Identity) Option {
	return func(c *config) {
		set := func(dst *string, v string) {
			if v != "" {
				*dst = v
			}
		}
		set(&c.identity.TeamID, id.TeamID)
		set(&c.identity.TeamDomain, id.TeamDomain)
		set(&c.identity.TeamName, id.TeamName)
		set(&c.identity.AppID, id.AppID)
		set(&c.identity.BotID, id.BotID)
		set(&c.identity.BotUserID, id.BotUserID)
		set(&c.identity.BotName, id.BotName)
		set(&c.identity.VerificationToken, id.VerificationToken)
	}
}

// WithUsers adds users that users.info knows (see also AddUser).
func WithUsers(users ...User) Option {
	return func(c *config) { c.users = append(c.users, users...) }
}

// WithClock sets the clock used for message timestamps ("ts"), event times
// and Call.At. Rate limits and delays always use real time.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithTokens makes the fake accept only these exact tokens instead of any
// token with the right prefix ("xoxb-" for the Web API, "xapp-" for
// apps.connections.open). An empty string keeps the prefix check.
func WithTokens(botToken, appToken string) Option {
	return func(c *config) {
		c.botToken = botToken
		c.appToken = appToken
	}
}

// Call is one recorded Web API request (or a POST to a response_url, with
// Method "response_url"). Treat it as read-only.
type Call struct {
	Method string
	// Params holds the form fields (first value of each), or the top-level
	// fields of a JSON body, over the query parameters. Nested JSON values
	// (blocks, view, metadata...) are compact JSON text, whichever style the
	// client used: for form requests Slack clients already send them as JSON
	// strings.
	Params map[string]string
	Raw    []byte      // the request body as sent
	Header http.Header // the request headers
	At     time.Time   // when the request arrived (WithClock's clock)
	// Token is the token the request authenticated with: the Bearer header,
	// else (form requests only) the token parameter.
	Token    string
	URL      string // request path and query
	Status   int    // HTTP status the fake answered with
	Response []byte // the body the fake answered with
}

// Decode unmarshals the JSON text of parameter key (blocks, metadata,
// view...) into v.
func (c Call) Decode(key string, v any) error {
	p, ok := c.Params[key]
	if !ok {
		return fmt.Errorf("fakeslack: %s call has no %q parameter", c.Method, key)
	}
	return json.Unmarshal([]byte(p), v)
}

// Server is the fake Slack. Create it with New, stop it with Close.
type Server struct {
	cfg      config
	id       Identity
	srv      *httptest.Server
	upgrader websocket.Upgrader

	done      chan struct{} // closed by Close
	closeOnce sync.Once
	wg        sync.WaitGroup // websocket handlers and their goroutines

	mu      sync.Mutex
	closed  bool
	changed chan struct{}  // closed and replaced on every state change
	active  int            // Web API requests being answered
	busy    map[string]int // the same, by method

	// record
	calls     []Call
	throttled map[string]int
	acks      map[string]Ack
	ackOrder  []Ack
	pongs     int

	// failure switches
	handlers map[string]func(Call) any
	failures map[string][]*pendingFailure
	limits   map[string]*bucket

	// Web API state
	lastTS    int64
	messages  map[string][]*Message // by channel, oldest first
	users     map[string]User
	members   map[string][]string
	opened    map[string]bool
	views     map[string]map[string]any // by view id
	homeViews map[string]string         // user id -> view id
	files     map[string]*File          // by file id (files.go)
	fileOrder []string

	// Socket Mode state
	tickets  map[string]bool
	conns    map[*wsConn]struct{}
	connSeq  int
	connects int
}

// New starts a fake Slack on 127.0.0.1.
func New(opts ...Option) *Server {
	cfg := config{
		pingInterval: DefaultPingInterval,
		identity:     defaultIdentity(),
		now:          time.Now,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		cfg:       cfg,
		id:        cfg.identity,
		done:      make(chan struct{}),
		changed:   make(chan struct{}),
		throttled: map[string]int{},
		acks:      map[string]Ack{},
		handlers:  map[string]func(Call) any{},
		failures:  map[string][]*pendingFailure{},
		limits:    map[string]*bucket{},
		messages:  map[string][]*Message{},
		users:     map[string]User{},
		members:   map[string][]string{},
		opened:    map[string]bool{},
		views:     map[string]map[string]any{},
		homeViews: map[string]string{},
		tickets:   map[string]bool{},
		conns:     map[*wsConn]struct{}{},
	}
	// slack-go's dialer sends Origin: https://api.slack.com.
	s.upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	s.users[s.id.BotUserID] = User{
		ID: s.id.BotUserID, Name: s.id.BotName, RealName: s.id.BotName, IsBot: true,
		TZ: "America/Los_Angeles", TZLabel: "Pacific Standard Time", TZOffset: -28800,
	}
	for _, u := range cfg.users {
		s.users[u.ID] = u
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/api/", s.handleAPI)
	mux.HandleFunc("/ws", s.handleWS)
	mux.HandleFunc("/response/", s.handleResponseURL)
	mux.HandleFunc("/upload/", s.handleUpload)
	s.srv = httptest.NewServer(mux)
	return s
}

// URL is the server's base URL, "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.srv.URL }

// APIURL is the Web API base to pass to slack.OptionAPIURL, ending in "/".
func (s *Server) APIURL() string { return s.srv.URL + "/api/" }

// Identity returns the workspace/app/bot identity the fake uses.
func (s *Server) Identity() Identity { return s.id }

// Close stops the server: it drops every websocket, unblocks delayed
// requests and waits, and returns once every goroutine it started is gone.
// Waits in progress return ErrClosed. Close is idempotent.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		close(s.done)
		conns := make([]*wsConn, 0, len(s.conns))
		for c := range s.conns {
			conns = append(conns, c)
		}
		s.mu.Unlock()
		for _, c := range conns {
			c.close()
		}
		s.srv.Close()
		s.wg.Wait()
	})
}

func (s *Server) now() time.Time { return s.cfg.now() }

// notifyLocked wakes every waiter. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond (called with s.mu held) is true.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok := cond()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
			return ErrClosed
		}
	}
}

// Calls returns every recorded call, in the order they completed.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the recorded calls to method ("" means all).
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callsToLocked(method)
}

func (s *Server) callsToLocked(method string) []Call {
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitForCalls blocks until at least n calls to method ("" means any) have
// been recorded, and returns them all.
// WaitIdle waits until no Web API request is being answered: every request
// that has arrived is recorded (a delayed one included).
func (s *Server) WaitIdle(ctx context.Context) error {
	return s.waitFor(ctx, func() bool { return s.active == 0 })
}

// WaitBusy waits until a call to method is being answered (a delayed one,
// say): the client has sent it and waits for its answer.
func (s *Server) WaitBusy(ctx context.Context, method string) error {
	return s.waitFor(ctx, func() bool { return s.busy[method] > 0 })
}

func (s *Server) WaitForCalls(ctx context.Context, method string, n int) ([]Call, error) {
	var out []Call
	err := s.waitFor(ctx, func() bool {
		out = s.callsToLocked(method)
		return len(out) >= n
	})
	if err != nil {
		return out, fmt.Errorf("fakeslack: waiting for %d calls to %q (have %d): %w", n, method, len(out), err)
	}
	return out, nil
}

// Reset clears the record: calls, acks and the Throttled counts. It keeps
// the state (messages, users, views), the failure switches and rate limits.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
	s.acks = map[string]Ack{}
	s.ackOrder = nil
	s.throttled = map[string]int{}
	s.notifyLocked()
}

// HandleFunc overrides (or adds) a Web API method: after the usual token
// check, fn's result is sent as the JSON body with status 200 (a
// json.RawMessage or []byte is sent as is). fn runs without the server's
// lock held, so it may call the Server. Calls are still recorded, and
// FailNext and RateLimit still apply. A nil fn removes the override.
func (s *Server) HandleFunc(method string, fn func(Call) any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if fn == nil {
		delete(s.handlers, method)
		return
	}
	s.handlers[method] = fn
}

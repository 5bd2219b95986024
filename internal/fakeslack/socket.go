package fakeslack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
)

const writeWait = 5 * time.Second

// Envelope is one Socket Mode message to deliver. Only Type is required.
type Envelope struct {
	// Type is "events_api", "slash_commands", "interactive", or anything
	// else a test wants the client to see.
	Type string
	// EnvelopeID is generated (a UUID, as Slack's) when empty.
	EnvelopeID string
	// Payload is sent as the envelope's payload: a json.RawMessage or
	// []byte as is, anything else marshalled.
	Payload                any
	AcceptsResponsePayload bool
	// RetryAttempt and RetryReason ("timeout", "http_error"...) mark a
	// redelivery. They are always sent for events_api envelopes, as Slack
	// does, and for other types only when set.
	RetryAttempt int
	RetryReason  string
}

// Ack is a Socket Mode client's acknowledgement of an envelope.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage // nil when the ack had none
	Raw        []byte          // the frame as received
	At         time.Time
}

// EventCallback is the payload of an events_api envelope (and the body of
// an HTTP Events API request). Server.EventCallback fills it in.
type EventCallback struct {
	Token              string          `json:"token"`
	TeamID             string          `json:"team_id"`
	APIAppID           string          `json:"api_app_id"`
	Event              any             `json:"event"`
	Type               string          `json:"type"`
	EventID            string          `json:"event_id"`
	EventTime          int64           `json:"event_time"`
	Authorizations     []Authorization `json:"authorizations"`
	IsExtSharedChannel bool            `json:"is_ext_shared_channel"`
	EventContext       string          `json:"event_context"`
}

// Authorization is one entry of an event callback's authorizations.
type Authorization struct {
	EnterpriseID        *string `json:"enterprise_id"`
	TeamID              string  `json:"team_id"`
	UserID              string  `json:"user_id"`
	IsBot               bool    `json:"is_bot"`
	IsEnterpriseInstall bool    `json:"is_enterprise_install"`
}

// EventCallback wraps an inner event (a map such as MessageEvent's, or a
// struct) in the event_callback Slack sends, with a fresh event_id.
// Send the same value twice with SendEnvelope to test dedupe on event_id.
func (s *Server) EventCallback(event any) EventCallback {
	return EventCallback{
		Token:    s.id.VerificationToken,
		TeamID:   s.id.TeamID,
		APIAppID: s.id.AppID,
		Event:    event,
		Type:     "event_callback",
		EventID:  "Ev" + randString(10, upperAlnum),
		Authorizations: []Authorization{{
			TeamID: s.id.TeamID, UserID: s.id.BotUserID, IsBot: true,
		}},
		EventTime:    s.now().Unix(),
		EventContext: "4-" + randString(40, lowerAlnum),
	}
}

// SendEvent delivers an events_api envelope. event is the inner event (a
// map or struct, e.g. MessageEvent(...)), wrapped by EventCallback; an
// EventCallback (or pointer to one) is sent as it is. It waits for a
// connected client like SendEnvelope and returns the envelope ID.
func (s *Server) SendEvent(ctx context.Context, event any) (string, error) {
	var cb any
	switch e := event.(type) {
	case EventCallback, *EventCallback:
		cb = e
	default:
		cb = s.EventCallback(event)
	}
	return s.SendEnvelope(ctx, Envelope{Type: "events_api", Payload: cb})
}

// SendSlashCommand delivers a slash_commands envelope. Empty fields of cmd
// get realistic values: team, app, token, trigger_id, user and channel
// names, and a response_url on this server (POSTs to it are recorded as
// method "response_url").
func (s *Server) SendSlashCommand(ctx context.Context, cmd slack.SlashCommand) (string, error) {
	s.mu.Lock()
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&cmd.Token, s.id.VerificationToken)
	set(&cmd.TeamID, s.id.TeamID)
	set(&cmd.TeamDomain, s.id.TeamDomain)
	set(&cmd.APIAppID, s.id.AppID)
	set(&cmd.TriggerID, newTriggerID())
	set(&cmd.ResponseURL, s.newResponseURL())
	set(&cmd.UserName, s.users[cmd.UserID].Name)
	set(&cmd.ChannelName, channelName(cmd.ChannelID))
	s.mu.Unlock()
	return s.SendEnvelope(ctx, Envelope{Type: "slash_commands", Payload: cmd, AcceptsResponsePayload: true})
}

// SendInteractive delivers an interactive envelope (block_actions,
// view_submission, ...). When payload is a map[string]any (BlockAction,
// ViewSubmission...), a copy is sent with missing fields filled in: token,
// api_app_id, team, trigger_id, response_url, and for a block action on a
// message the fake has stored, the message itself and the action's
// block_id.
func (s *Server) SendInteractive(ctx context.Context, payload any) (string, error) {
	if m, ok := payload.(map[string]any); ok {
		payload = s.fillInteractive(m)
	}
	return s.SendEnvelope(ctx, Envelope{Type: "interactive", Payload: payload, AcceptsResponsePayload: true})
}

func (s *Server) newResponseURL() string {
	return s.srv.URL + "/response/" + s.id.TeamID + "/" + randString(12, digits) + "/" + randString(24, mixedAlnum)
}

func (s *Server) fillInteractive(in map[string]any) map[string]any {
	p := maps.Clone(in)
	s.mu.Lock()
	defer s.mu.Unlock()
	setDefault := func(k string, v any) {
		if _, ok := p[k]; !ok {
			p[k] = v
		}
	}
	setDefault("token", s.id.VerificationToken)
	setDefault("api_app_id", s.id.AppID)
	setDefault("team", map[string]any{"id": s.id.TeamID, "domain": s.id.TeamDomain})
	setDefault("is_enterprise_install", false)
	setDefault("enterprise", nil)
	if u, ok := p["user"].(map[string]any); ok {
		if _, ok := u["team_id"]; !ok {
			u = maps.Clone(u)
			u["team_id"] = s.id.TeamID
			p["user"] = u
		}
	}
	switch p["type"] {
	case "block_actions":
		setDefault("trigger_id", newTriggerID())
		setDefault("response_url", s.newResponseURL())
		s.fillBlockActionLocked(p)
	case "view_submission":
		setDefault("trigger_id", newTriggerID())
		setDefault("response_urls", []any{})
	case "shortcut", "message_action":
		setDefault("trigger_id", newTriggerID())
	}
	return p
}

// fillBlockActionLocked adds the stored message a button was on, and the
// block_id of the block holding the action.
func (s *Server) fillBlockActionLocked(p map[string]any) {
	c, _ := p["container"].(map[string]any)
	if c == nil || c["type"] != "message" {
		return
	}
	ch, _ := c["channel_id"].(string)
	ts, _ := c["message_ts"].(string)
	_, m := s.findLocked(ch, ts)
	if m == nil {
		return
	}
	if _, ok := p["message"]; !ok {
		p["message"] = s.renderLocked(m)
	}
	actions, _ := p["actions"].([]any)
	if len(actions) == 0 || m.Blocks == nil {
		return
	}
	type element struct {
		ActionID string `json:"action_id"`
	}
	var blocks []struct {
		BlockID   string    `json:"block_id"`
		Elements  []element `json:"elements"`
		Accessory *element  `json:"accessory"`
	}
	if json.Unmarshal(m.Blocks, &blocks) != nil {
		return
	}
	for i, a := range actions {
		am, ok := a.(map[string]any)
		if !ok {
			continue
		}
		id, _ := am["action_id"].(string)
		for _, b := range blocks {
			found := b.Accessory != nil && b.Accessory.ActionID == id
			for _, e := range b.Elements {
				found = found || e.ActionID == id
			}
			if found && b.BlockID != "" {
				am = maps.Clone(am)
				am["block_id"] = b.BlockID
				actions[i] = am
				break
			}
		}
	}
}

// SendEnvelope delivers env to the newest connected client, waiting (until
// ctx ends) for one to connect if none is. It returns the envelope ID.
func (s *Server) SendEnvelope(ctx context.Context, env Envelope) (string, error) {
	if env.Type == "" {
		return "", errors.New("fakeslack: SendEnvelope: empty type")
	}
	if env.EnvelopeID == "" {
		env.EnvelopeID = newUUID()
	}
	var payload json.RawMessage
	switch p := env.Payload.(type) {
	case json.RawMessage:
		payload = p
	case []byte:
		payload = p
	default:
		b, err := json.Marshal(p)
		if err != nil {
			return "", fmt.Errorf("fakeslack: marshalling envelope payload: %w", err)
		}
		payload = b
	}
	msg := map[string]any{
		"envelope_id":              env.EnvelopeID,
		"type":                     env.Type,
		"payload":                  payload,
		"accepts_response_payload": env.AcceptsResponsePayload,
	}
	if env.Type == "events_api" || env.RetryAttempt != 0 || env.RetryReason != "" {
		msg["retry_attempt"] = env.RetryAttempt
		msg["retry_reason"] = env.RetryReason
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return "", fmt.Errorf("fakeslack: marshalling envelope: %w", err)
	}
	return env.EnvelopeID, s.sendFrame(ctx, data)
}

// sendFrame writes data to the newest live connection, moving on to the
// next one if a write fails.
func (s *Server) sendFrame(ctx context.Context, data []byte) error {
	for {
		var c *wsConn
		err := s.waitFor(ctx, func() bool {
			c = s.newestConnLocked()
			return c != nil
		})
		if err != nil {
			return fmt.Errorf("fakeslack: no Socket Mode client connected: %w", err)
		}
		if err := c.write(data); err == nil {
			return nil
		}
		c.close()
		s.removeConn(c)
	}
}

func (s *Server) newestConnLocked() *wsConn {
	var newest *wsConn
	for c := range s.conns {
		if !c.draining && (newest == nil || c.seq > newest.seq) {
			newest = c
		}
	}
	return newest
}

// WaitForAck blocks until the client has acked envelopeID.
func (s *Server) WaitForAck(ctx context.Context, envelopeID string) (Ack, error) {
	var a Ack
	err := s.waitFor(ctx, func() bool {
		var ok bool
		a, ok = s.acks[envelopeID]
		return ok
	})
	if err != nil {
		return Ack{}, fmt.Errorf("fakeslack: waiting for the ack of envelope %s: %w", envelopeID, err)
	}
	return a, nil
}

// Acks returns every ack received since the last Reset, in order.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ack(nil), s.ackOrder...)
}

// Connected blocks until a Socket Mode client is connected (and has been
// sent its hello), not counting connections told to disconnect.
func (s *Server) Connected(ctx context.Context) error {
	return s.waitFor(ctx, func() bool { return s.newestConnLocked() != nil })
}

// Connects is how many websocket connections have been accepted so far.
func (s *Server) Connects() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connects
}

// WaitForConnects blocks until n websocket connections have been accepted
// in all (e.g. 2 after a Disconnect, once the client has reconnected).
func (s *Server) WaitForConnects(ctx context.Context, n int) error {
	return s.waitFor(ctx, func() bool { return s.connects >= n })
}

// Pongs is how many pongs clients have answered the fake's pings with.
func (s *Server) Pongs() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pongs
}

// WaitForPongs blocks until n pongs have been received in all.
func (s *Server) WaitForPongs(ctx context.Context, n int) error {
	return s.waitFor(ctx, func() bool { return s.pongs >= n })
}

// Disconnect sends {"type":"disconnect","reason":"refresh_requested"} to
// every connected client, as Slack does before it recycles a connection.
// Those connections get no more envelopes; the fake keeps them open until
// the client closes them (or Close).
func (s *Server) Disconnect() { s.DisconnectWithReason("refresh_requested") }

// DisconnectWithReason is Disconnect with another reason ("warning",
// "link_disabled"...).
func (s *Server) DisconnectWithReason(reason string) {
	s.mu.Lock()
	var conns []*wsConn
	for c := range s.conns {
		if !c.draining {
			c.draining = true
			conns = append(conns, c)
		}
	}
	s.notifyLocked()
	s.mu.Unlock()
	msg, _ := json.Marshal(map[string]any{
		"type": "disconnect", "reason": reason,
		"debug_info": map[string]any{"host": "applink-fakeslack"},
	})
	for _, c := range conns {
		if c.write(msg) != nil {
			c.close()
		}
	}
}

// DropConnections closes every websocket abruptly, with no close frame, as
// a network failure would.
func (s *Server) DropConnections() {
	s.mu.Lock()
	var conns []*wsConn
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
		s.removeConn(c)
	}
}

// wsConn is one Socket Mode websocket.
type wsConn struct {
	s         *Server
	ws        *websocket.Conn
	seq       int
	draining  bool // told to disconnect; guarded by s.mu
	writeMu   sync.Mutex
	done      chan struct{}
	closeOnce sync.Once
}

func (c *wsConn) write(data []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeWait))
	return c.ws.WriteMessage(websocket.TextMessage, data)
}

func (c *wsConn) close() {
	c.closeOnce.Do(func() {
		close(c.done)
		_ = c.ws.Close()
	})
}

func (s *Server) removeConn(c *wsConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.conns[c]; ok {
		delete(s.conns, c)
		s.notifyLocked()
	}
}

// handleWS serves the Socket Mode websocket at /ws?ticket=...
func (s *Server) handleWS(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "closed", http.StatusServiceUnavailable)
		return
	}
	ticket := r.URL.Query().Get("ticket")
	if !s.tickets[ticket] {
		s.mu.Unlock()
		http.Error(w, "invalid or used ticket: call apps.connections.open", http.StatusUnauthorized)
		return
	}
	delete(s.tickets, ticket)
	// Tracked by s.wg: httptest forgets hijacked connections.
	s.wg.Add(1)
	live := len(s.conns)
	s.mu.Unlock()
	defer s.wg.Done()

	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered the client
	}
	c := &wsConn{s: s, ws: ws, done: make(chan struct{})}
	ws.SetPongHandler(func(string) error {
		s.mu.Lock()
		s.pongs++
		s.notifyLocked()
		s.mu.Unlock()
		return nil
	})
	hello, _ := json.Marshal(map[string]any{
		"type":            "hello",
		"num_connections": live + 1,
		"debug_info": map[string]any{
			"host": "applink-fakeslack", "build_number": 1, "approximate_connection_time": 18060,
		},
		"connection_info": map[string]any{"app_id": s.id.AppID},
	})
	if c.write(hello) != nil {
		c.close()
		return
	}

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.close()
		return
	}
	s.connSeq++
	c.seq = s.connSeq
	s.connects++
	s.conns[c] = struct{}{}
	s.wg.Add(2)
	s.notifyLocked()
	s.mu.Unlock()

	go c.readLoop()
	go c.pingLoop(s.cfg.pingInterval)
}

// readLoop reads acks until the connection fails. gorilla answers the
// client's pings itself while reading; pongs go to the pong handler.
func (c *wsConn) readLoop() {
	defer c.s.wg.Done()
	defer c.s.removeConn(c)
	defer c.close()
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		c.s.recordAck(data)
	}
}

func (s *Server) recordAck(data []byte) {
	var m struct {
		EnvelopeID string          `json:"envelope_id"`
		Payload    json.RawMessage `json:"payload"`
	}
	if json.Unmarshal(data, &m) != nil || m.EnvelopeID == "" {
		return
	}
	if p := bytes.TrimSpace(m.Payload); len(p) == 0 || string(p) == "null" {
		m.Payload = nil
	}
	a := Ack{EnvelopeID: m.EnvelopeID, Payload: m.Payload, Raw: data, At: s.now()}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.acks[a.EnvelopeID]; !dup {
		s.acks[a.EnvelopeID] = a
	}
	s.ackOrder = append(s.ackOrder, a)
	s.notifyLocked()
}

// pingLoop pings the client at once and then every interval, as Slack does.
func (c *wsConn) pingLoop(interval time.Duration) {
	defer c.s.wg.Done()
	if interval <= 0 {
		<-c.done
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if c.ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(writeWait)) != nil {
			c.close()
			return
		}
		select {
		case <-c.done:
			return
		case <-t.C:
		}
	}
}

package fakeslack

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Message is a message stored in a channel's history.
type Message struct {
	Channel        string
	TS             string
	User           string // who posted it; the bot user for chat.postMessage
	BotID          string // set for messages the bot posted
	Text           string
	ThreadTS       string // set on thread replies
	ReplyBroadcast bool   // a reply also shown in the channel
	Blocks         json.RawMessage
	Attachments    json.RawMessage
	Metadata       json.RawMessage // {"event_type":...,"event_payload":{...}}
	EditedTS       string          // set by chat.update
	Files          []string        // ids of files shared with it (files.completeUploadExternal)
}

// User is a workspace member that users.info knows.
type User struct {
	ID          string
	Name        string // the handle, e.g. "alice"
	RealName    string
	DisplayName string
	Email       string
	// TZ is the IANA zone ("Europe/Berlin"). When TZOffset and TZLabel are
	// both zero, users.info computes them from TZ at the fake clock's now.
	TZ       string
	TZLabel  string
	TZOffset int // seconds east of UTC
	Locale   string
	IsBot    bool
	IsAdmin  bool
	Deleted  bool
}

// AddUser adds or replaces a user that users.info knows.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// SetMembers sets what conversations.members answers for channel. (A DM
// channel "D"+user needs no setting: its members are the user and the bot.)
func (s *Server) SetMembers(channel string, users ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[channel] = slices.Clone(users)
}

// DMChannel is the DM channel ID between the bot and user that
// conversations.open returns and chat.postMessage to a user ID posts to.
func DMChannel(user string) string { return "D" + user }

// AddMessage stores m in channel's history as if it had been posted, and
// returns it as stored. An empty TS gets the next timestamp; a TS that is
// given must look like Slack's ("1700000000.000100") or AddMessage panics.
func (s *Server) AddMessage(channel string, m Message) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	m.Channel = channel
	if m.User == s.id.BotUserID && m.BotID == "" {
		m.BotID = s.id.BotID
	}
	if m.TS == "" {
		m.TS = s.nextTSLocked()
	} else if _, ok := tsKey(m.TS); !ok {
		panic(fmt.Sprintf("fakeslack: AddMessage: malformed ts %q", m.TS))
	}
	s.insertLocked(&m)
	return m
}

// Messages returns channel's stored messages, thread replies included,
// oldest first.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages[channel]))
	for _, m := range s.messages[channel] {
		out = append(out, *m)
	}
	return out
}

// HomeView returns the App Home view last published for user, as Slack
// returns it (id, hash, blocks...).
func (s *Server) HomeView(user string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.views[s.homeViews[user]]
	if !ok {
		return nil, false
	}
	b, _ := json.Marshal(v)
	return b, true
}

// View returns the view with id (opened, pushed, updated or published).
func (s *Server) View(id string) (json.RawMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.views[id]
	if !ok {
		return nil, false
	}
	b, _ := json.Marshal(v)
	return b, true
}

// ---- timestamps -------------------------------------------------------

// tsKey parses a Slack ts into microseconds.
func tsKey(ts string) (int64, bool) {
	sec, frac, _ := strings.Cut(ts, ".")
	n, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	if len(frac) > 6 {
		frac = frac[:6]
	}
	frac += strings.Repeat("0", 6-len(frac))
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil || f < 0 {
		return 0, false
	}
	return n*1_000_000 + f, true
}

func formatTS(us int64) string { return fmt.Sprintf("%d.%06d", us/1_000_000, us%1_000_000) }

// nextTSLocked returns a ts from the clock, strictly after every ts so far.
func (s *Server) nextTSLocked() string {
	us := s.now().UnixMicro()
	if us <= s.lastTS {
		us = s.lastTS + 1
	}
	s.lastTS = us
	return formatTS(us)
}

// ---- message store ----------------------------------------------------

func (s *Server) insertLocked(m *Message) {
	k, _ := tsKey(m.TS)
	msgs := s.messages[m.Channel]
	i := sort.Search(len(msgs), func(i int) bool {
		ki, _ := tsKey(msgs[i].TS)
		return ki > k
	})
	s.messages[m.Channel] = slices.Insert(msgs, i, m)
	s.lastTS = max(s.lastTS, k)
}

func (s *Server) findLocked(channel, ts string) (int, *Message) {
	for i, m := range s.messages[channel] {
		if m.TS == ts {
			return i, m
		}
	}
	return -1, nil
}

func isReplyHidden(m *Message) bool {
	return m.ThreadTS != "" && m.ThreadTS != m.TS && !m.ReplyBroadcast
}

// renderLocked is m as Slack returns it in history and chat.* answers.
func (s *Server) renderLocked(m *Message) map[string]any {
	out := map[string]any{"type": "message", "ts": m.TS, "text": m.Text, "team": s.id.TeamID}
	if m.User != "" {
		out["user"] = m.User
	}
	if m.BotID != "" {
		out["bot_id"] = m.BotID
		out["app_id"] = s.id.AppID
		out["bot_profile"] = map[string]any{
			"id": m.BotID, "app_id": s.id.AppID, "name": s.id.BotName, "deleted": false,
			"team_id": s.id.TeamID, "updated": 1700000000,
			"icons": map[string]any{"image_36": "https://a.slack-edge.com/80588/img/plugins/app/bot_36.png"},
		}
	}
	if m.Blocks != nil {
		out["blocks"] = m.Blocks
	}
	if m.Attachments != nil {
		out["attachments"] = m.Attachments
	}
	if m.Metadata != nil {
		out["metadata"] = m.Metadata
	}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	}
	if m.ReplyBroadcast {
		out["subtype"] = "thread_broadcast"
	}
	if len(m.Files) > 0 {
		files := make([]map[string]any, 0, len(m.Files))
		for _, id := range m.Files {
			if f := s.files[id]; f != nil {
				files = append(files, map[string]any{"id": f.ID, "name": f.Name, "title": f.Title, "size": len(f.Content)})
			}
		}
		out["files"] = files
		out["upload"] = true
	}
	if m.EditedTS != "" {
		out["edited"] = map[string]any{"user": m.User, "ts": m.EditedTS}
	}
	var replies int
	var latest string
	var users []string
	for _, r := range s.messages[m.Channel] {
		if r.ThreadTS == m.TS && r.TS != m.TS {
			replies++
			latest = r.TS
			if !slices.Contains(users, r.User) {
				users = append(users, r.User)
			}
		}
	}
	if replies > 0 {
		out["thread_ts"] = m.TS
		out["reply_count"] = replies
		out["reply_users_count"] = len(users)
		out["reply_users"] = users
		out["latest_reply"] = latest
	}
	return out
}

// content is the text/blocks/attachments/metadata of a chat.* request.
type content struct {
	text                          string
	hasText                       bool
	blocks, attachments, metadata json.RawMessage
	nBlocks, nAttachments         int
}

func parseContent(r *apiRequest) (content, string) {
	var c content
	c.text, c.hasText = r.params["text"]
	if len([]rune(c.text)) > 40000 {
		return c, "msg_too_long"
	}
	if b, ok := r.params["blocks"]; ok && b != "" {
		var arr []json.RawMessage
		if json.Unmarshal([]byte(b), &arr) != nil || len(arr) > 50 {
			return c, "invalid_blocks"
		}
		c.blocks, c.nBlocks = json.RawMessage(b), len(arr)
	}
	if a, ok := r.params["attachments"]; ok && a != "" {
		var arr []json.RawMessage
		if json.Unmarshal([]byte(a), &arr) != nil {
			return c, "invalid_attachments"
		}
		c.attachments, c.nAttachments = json.RawMessage(a), len(arr)
	}
	if md, ok := r.params["metadata"]; ok && md != "" {
		var m struct {
			EventType    string          `json:"event_type"`
			EventPayload json.RawMessage `json:"event_payload"`
		}
		if json.Unmarshal([]byte(md), &m) != nil || m.EventType == "" {
			return c, "invalid_metadata_format"
		}
		c.metadata = json.RawMessage(md)
	}
	return c, ""
}

func (c content) empty() bool {
	return c.text == "" && c.nBlocks == 0 && c.nAttachments == 0
}

func isUserID(id string) bool {
	if len(id) < 2 || (id[0] != 'U' && id[0] != 'W') {
		return false
	}
	for _, r := range id {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// ---- methods (called with s.mu held) -----------------------------------

func okWith(kv ...any) map[string]any {
	out := map[string]any{"ok": true}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func (s *Server) authTest(*apiRequest) any {
	return okWith(
		"url", "https://"+s.id.TeamDomain+".slack.com/",
		"team", s.id.TeamName, "user", s.id.BotName,
		"team_id", s.id.TeamID, "user_id", s.id.BotUserID, "bot_id", s.id.BotID,
		"is_enterprise_install", false,
	)
}

func (s *Server) appsConnectionsOpen(*apiRequest) any {
	ticket := newUUID()
	s.tickets[ticket] = true
	u := "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/ws?ticket=" + ticket + "&app_id=" + s.id.AppID
	return okWith("url", u)
}

func (s *Server) chatPostMessage(r *apiRequest) any {
	ch := r.get("channel")
	if ch == "" {
		return slackErr("channel_not_found")
	}
	if isUserID(ch) {
		// Posting to a user ID posts to the bot's DM with them.
		ch = DMChannel(ch)
	}
	c, code := parseContent(r)
	if code != "" {
		return slackErr(code)
	}
	if c.empty() {
		return slackErr("no_text")
	}
	m := &Message{
		Channel: ch, TS: s.nextTSLocked(), User: s.id.BotUserID, BotID: s.id.BotID,
		Text: c.text, ThreadTS: r.get("thread_ts"), ReplyBroadcast: r.flag("reply_broadcast"),
		Blocks: c.blocks, Attachments: c.attachments, Metadata: c.metadata,
	}
	s.insertLocked(m)
	return okWith("channel", ch, "ts", m.TS, "message", s.renderLocked(m))
}

func (s *Server) chatUpdate(r *apiRequest) any {
	ch, ts := r.get("channel"), r.get("ts")
	if ch == "" {
		return slackErr("channel_not_found")
	}
	_, m := s.findLocked(ch, ts)
	if m == nil {
		return slackErr("message_not_found")
	}
	c, code := parseContent(r)
	if code != "" {
		return slackErr(code)
	}
	if !c.hasText && c.blocks == nil && c.attachments == nil {
		return slackErr("no_text")
	}
	if m.BotID != s.id.BotID {
		return slackErr("cant_update_message")
	}
	if c.hasText {
		m.Text = c.text
	}
	// Omitted blocks, attachments and metadata are kept, as Slack does.
	if c.blocks != nil {
		m.Blocks = c.blocks
	}
	if c.attachments != nil {
		m.Attachments = c.attachments
	}
	if c.metadata != nil {
		m.Metadata = c.metadata
	}
	m.EditedTS = s.nextTSLocked()
	return okWith("channel", ch, "ts", ts, "text", m.Text, "message", s.renderLocked(m))
}

func (s *Server) chatDelete(r *apiRequest) any {
	ch, ts := r.get("channel"), r.get("ts")
	if ch == "" {
		return slackErr("channel_not_found")
	}
	i, m := s.findLocked(ch, ts)
	if m == nil {
		return slackErr("message_not_found")
	}
	if m.BotID != s.id.BotID {
		return slackErr("cant_delete_message")
	}
	s.messages[ch] = slices.Delete(s.messages[ch], i, i+1)
	return okWith("channel", ch, "ts", ts)
}

func (s *Server) chatPostEphemeral(r *apiRequest) any {
	ch := r.get("channel")
	if ch == "" {
		return slackErr("channel_not_found")
	}
	if !isUserID(r.get("user")) {
		return slackErr("user_not_in_channel")
	}
	c, code := parseContent(r)
	if code != "" {
		return slackErr(code)
	}
	if c.empty() {
		return slackErr("no_text")
	}
	// Ephemeral messages never reach the history; the call record has them.
	return okWith("message_ts", s.nextTSLocked())
}

func (s *Server) conversationsOpen(r *apiRequest) any {
	if ch := r.get("channel"); ch != "" {
		if !s.knownChannelLocked(ch) {
			return slackErr("channel_not_found")
		}
		return okWith("no_op", true, "already_open", true, "channel", map[string]any{"id": ch})
	}
	var users []string
	for u := range strings.SplitSeq(r.get("users"), ",") {
		if u = strings.TrimSpace(u); u != "" && !slices.Contains(users, u) {
			users = append(users, u)
		}
	}
	if len(users) == 0 {
		return slackErr("users_list_not_supplied")
	}
	if len(users) > 8 {
		return slackErr("too_many_users")
	}
	for _, u := range users {
		if !isUserID(u) {
			return slackErr("user_not_found")
		}
	}
	var id string
	if len(users) == 1 {
		id = DMChannel(users[0])
	} else {
		sorted := slices.Sorted(slices.Values(users))
		h := fnv.New64a()
		h.Write([]byte(strings.Join(sorted, ",")))
		id = fmt.Sprintf("G%010X", h.Sum64()>>24)
		s.members[id] = append(sorted, s.id.BotUserID)
	}
	already := s.opened[id]
	s.opened[id] = true
	ch := map[string]any{"id": id}
	if r.flag("return_im") && len(users) == 1 {
		ch = map[string]any{
			"id": id, "created": s.now().Unix(), "is_im": true, "is_org_shared": false,
			"user": users[0], "is_user_deleted": false, "priority": 0,
		}
	}
	out := okWith("channel", ch)
	if already {
		out["no_op"] = true
		out["already_open"] = true
	}
	return out
}

// knownChannelLocked: DMs always exist; other channels once they have
// members, messages or were opened.
func (s *Server) knownChannelLocked(ch string) bool {
	if strings.HasPrefix(ch, "D") && len(ch) > 1 {
		return true
	}
	return s.members[ch] != nil || len(s.messages[ch]) > 0 || s.opened[ch]
}

func encodeCursor(kind, v string) string {
	return base64.StdEncoding.EncodeToString([]byte(kind + ":" + v))
}

func decodeCursor(kind, c string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err != nil {
		return "", false
	}
	return strings.CutPrefix(string(b), kind+":")
}

func limitParam(r *apiRequest, def, most int) int {
	n, err := strconv.Atoi(r.get("limit"))
	if err != nil || n <= 0 {
		return def
	}
	return min(n, most)
}

func (s *Server) conversationsHistory(r *apiRequest) any {
	ch := r.get("channel")
	if !s.knownChannelLocked(ch) {
		return slackErr("channel_not_found")
	}
	limit := limitParam(r, 100, 999)
	inclusive := r.flag("inclusive")
	latest, oldest := int64(1<<62), int64(-1)
	latestSet, oldestSet := false, false
	if v := r.get("latest"); v != "" {
		k, ok := tsKey(v)
		if !ok {
			return slackErr("invalid_ts_latest")
		}
		latest, latestSet = k, true
	}
	if v := r.get("oldest"); v != "" {
		k, ok := tsKey(v)
		if !ok {
			return slackErr("invalid_ts_oldest")
		}
		oldest, oldestSet = k, true
	}
	before := int64(1 << 62)
	if c := r.get("cursor"); c != "" {
		v, ok := decodeCursor("before", c)
		k, ok2 := tsKey(v)
		if !ok || !ok2 {
			return slackErr("invalid_cursor")
		}
		before = k
	}
	msgs := s.messages[ch]
	out := []any{}
	hasMore := false
	var lastTS string
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if isReplyHidden(m) {
			continue
		}
		k, _ := tsKey(m.TS)
		if k >= before || k > latest || k < oldest ||
			(!inclusive && ((latestSet && k == latest) || (oldestSet && k == oldest))) {
			continue
		}
		if len(out) == limit {
			hasMore = true
			break
		}
		out = append(out, s.renderLocked(m))
		lastTS = m.TS
	}
	next := ""
	if hasMore {
		next = encodeCursor("before", lastTS)
	}
	return okWith("messages", out, "has_more", hasMore, "pin_count", 0,
		"channel_actions_ts", nil, "channel_actions_count", 0,
		"response_metadata", map[string]any{"next_cursor": next})
}

func (s *Server) conversationsReplies(r *apiRequest) any {
	ch, ts := r.get("channel"), r.get("ts")
	if !s.knownChannelLocked(ch) {
		return slackErr("channel_not_found")
	}
	_, parent := s.findLocked(ch, ts)
	if parent == nil {
		return slackErr("thread_not_found")
	}
	out := []any{s.renderLocked(parent)}
	for _, m := range s.messages[ch] {
		if m.ThreadTS == ts && m.TS != ts {
			out = append(out, s.renderLocked(m))
		}
	}
	return okWith("messages", out, "has_more", false,
		"response_metadata", map[string]any{"next_cursor": ""})
}

func (s *Server) conversationsMembers(r *apiRequest) any {
	ch := r.get("channel")
	members, ok := s.members[ch]
	if !ok {
		u, isDM := strings.CutPrefix(ch, "D")
		if !isDM || !isUserID(u) {
			return slackErr("channel_not_found")
		}
		members = []string{u, s.id.BotUserID}
	}
	limit := limitParam(r, 100, 1000)
	start := 0
	if c := r.get("cursor"); c != "" {
		v, ok := decodeCursor("offset", c)
		n, err := strconv.Atoi(v)
		if !ok || err != nil || n < 0 || n > len(members) {
			return slackErr("invalid_cursor")
		}
		start = n
	}
	end := min(len(members), start+limit)
	next := ""
	if end < len(members) {
		next = encodeCursor("offset", strconv.Itoa(end))
	}
	return okWith("members", slices.Clone(members[start:end]),
		"response_metadata", map[string]any{"next_cursor": next})
}

func (s *Server) usersInfo(r *apiRequest) any {
	u, ok := s.users[r.get("user")]
	if !ok {
		return slackErr("user_not_found")
	}
	return okWith("user", s.userJSON(u, r.flag("include_locale")))
}

func (s *Server) userJSON(u User, includeLocale bool) map[string]any {
	label, off := u.TZLabel, u.TZOffset
	if u.TZ != "" && off == 0 && label == "" {
		if loc, err := time.LoadLocation(u.TZ); err == nil {
			label, off = s.now().In(loc).Zone()
		}
	}
	display := u.DisplayName
	profile := map[string]any{
		"real_name": u.RealName, "real_name_normalized": u.RealName,
		"display_name": display, "display_name_normalized": display,
		"email": u.Email, "team": s.id.TeamID,
		"status_text": "", "status_emoji": "", "status_expiration": 0,
		"image_72": "https://secure.gravatar.com/avatar/" + u.ID + ".jpg?s=72",
	}
	if u.IsBot {
		profile["bot_id"] = s.id.BotID
		profile["api_app_id"] = s.id.AppID
	}
	out := map[string]any{
		"id": u.ID, "team_id": s.id.TeamID, "name": u.Name, "deleted": u.Deleted,
		"color": "9f69e7", "real_name": u.RealName,
		"tz_label": label, "tz_offset": off,
		"profile": profile, "is_admin": u.IsAdmin, "is_owner": false,
		"is_primary_owner": false, "is_restricted": false, "is_ultra_restricted": false,
		"is_bot": u.IsBot, "is_app_user": false, "updated": 1700000000,
		"is_email_confirmed": u.Email != "",
	}
	if u.TZ != "" {
		out["tz"] = u.TZ
	}
	if includeLocale {
		out["locale"] = orDefault(u.Locale, "en-US")
	}
	return out
}

// ---- views ------------------------------------------------------------

func invalidArguments(msg string) map[string]any {
	return map[string]any{
		"ok": false, "error": "invalid_arguments",
		"response_metadata": map[string]any{"messages": []string{"[ERROR] " + msg}},
	}
}

func plainTextLen(v any) int {
	m, _ := v.(map[string]any)
	t, _ := m["text"].(string)
	return len([]rune(t))
}

// parseView checks a view parameter of type want ("modal" or "home").
func parseView(raw, want string) (map[string]any, map[string]any) {
	if raw == "" {
		return nil, invalidArguments("missing required field: view")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return nil, invalidArguments("view is not valid JSON")
	}
	if typ, _ := v["type"].(string); typ != want {
		return nil, invalidArguments(fmt.Sprintf("must be a %s view [json-pointer:/view/type]", want))
	}
	blocks, ok := v["blocks"].([]any)
	if !ok {
		return nil, invalidArguments("missing required field: blocks [json-pointer:/view/blocks]")
	}
	if len(blocks) > 100 {
		return nil, invalidArguments("no more than 100 items allowed [json-pointer:/view/blocks]")
	}
	if want == "modal" {
		if _, ok := v["title"]; !ok {
			return nil, invalidArguments("missing required field: title [json-pointer:/view/title]")
		}
		for _, f := range []string{"title", "submit", "close"} {
			if plainTextLen(v[f]) > 24 {
				return nil, invalidArguments(fmt.Sprintf("must be less than 25 characters [json-pointer:/view/%s/text]", f))
			}
		}
	}
	return v, nil
}

func (s *Server) newHashLocked() string {
	return fmt.Sprintf("%d.%s", s.now().Unix(), randString(8, lowerAlnum))
}

// setViewContentLocked copies what the app controls from req into view.
func (s *Server) setViewContentLocked(view, req map[string]any) {
	str := func(k string) string { v, _ := req[k].(string); return v }
	boolean := func(k string) bool { v, _ := req[k].(bool); return v }
	view["type"] = req["type"]
	view["blocks"] = req["blocks"]
	view["title"] = req["title"]
	view["close"] = req["close"]
	view["submit"] = req["submit"]
	view["private_metadata"] = str("private_metadata")
	view["callback_id"] = str("callback_id")
	view["external_id"] = str("external_id")
	view["clear_on_close"] = boolean("clear_on_close")
	view["notify_on_close"] = boolean("notify_on_close")
	view["state"] = map[string]any{"values": map[string]any{}}
	view["hash"] = s.newHashLocked()
}

func (s *Server) newViewLocked(req map[string]any, root, prev string) map[string]any {
	id := "V" + randString(10, upperAlnum)
	view := map[string]any{
		"id": id, "team_id": s.id.TeamID, "app_id": s.id.AppID, "bot_id": s.id.BotID,
		"app_installed_team_id": s.id.TeamID, "root_view_id": orDefault(root, id), "previous_view_id": nil,
	}
	if prev != "" {
		view["previous_view_id"] = prev
	}
	s.setViewContentLocked(view, req)
	s.views[id] = view
	return view
}

func (s *Server) viewsOpen(r *apiRequest) any {
	if r.get("trigger_id") == "" {
		return invalidArguments("missing required field: trigger_id")
	}
	v, bad := parseView(r.get("view"), "modal")
	if bad != nil {
		return bad
	}
	return okWith("view", s.newViewLocked(v, "", ""))
}

func (s *Server) viewsPush(r *apiRequest) any {
	if r.get("trigger_id") == "" {
		return invalidArguments("missing required field: trigger_id")
	}
	v, bad := parseView(r.get("view"), "modal")
	if bad != nil {
		return bad
	}
	return okWith("view", s.newViewLocked(v, "", ""))
}

func (s *Server) viewsUpdate(r *apiRequest) any {
	var view map[string]any
	if id := r.get("view_id"); id != "" {
		view = s.views[id]
	} else if ext := r.get("external_id"); ext != "" {
		for _, v := range s.views {
			if v["external_id"] == ext {
				view = v
				break
			}
		}
	} else {
		return invalidArguments("missing required field: view_id or external_id")
	}
	if view == nil {
		return slackErr("not_found")
	}
	if h := r.get("hash"); h != "" && h != view["hash"] {
		return slackErr("hash_conflict")
	}
	typ, _ := view["type"].(string)
	v, bad := parseView(r.get("view"), typ)
	if bad != nil {
		return bad
	}
	s.setViewContentLocked(view, v)
	return okWith("view", view)
}

func (s *Server) viewsPublish(r *apiRequest) any {
	user := r.get("user_id")
	if user == "" {
		return invalidArguments("missing required field: user_id")
	}
	if !isUserID(user) {
		return slackErr("user_not_found")
	}
	v, bad := parseView(r.get("view"), "home")
	if bad != nil {
		return bad
	}
	if view, ok := s.views[s.homeViews[user]]; ok {
		if h := r.get("hash"); h != "" && h != view["hash"] {
			return slackErr("hash_conflict")
		}
		s.setViewContentLocked(view, v)
		return okWith("view", view)
	}
	view := s.newViewLocked(v, "", "")
	s.homeViews[user] = view["id"].(string)
	return okWith("view", view)
}

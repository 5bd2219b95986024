package fakeslack

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

const maxBody = 16 << 20

// response is an answer ready to be written.
type response struct {
	status      int
	contentType string
	retryAfter  string
	body        []byte
}

func jsonResponse(status int, v any) response {
	var body []byte
	switch b := v.(type) {
	case json.RawMessage:
		body = b
	case []byte:
		body = b
	default:
		var err error
		if body, err = json.Marshal(v); err != nil {
			status = http.StatusInternalServerError
			body, _ = json.Marshal(slackErr("fakeslack_marshal_error: " + err.Error()))
		}
	}
	return response{status: status, contentType: "application/json; charset=utf-8", body: body}
}

func (r response) write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", r.contentType)
	if r.retryAfter != "" {
		w.Header().Set("Retry-After", r.retryAfter)
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

func slackErr(code string) map[string]any {
	return map[string]any{"ok": false, "error": code}
}

// apiRequest is a parsed Web API request.
type apiRequest struct {
	params map[string]string
	token  string
	isJSON bool
	bad    string // a Slack error code when the body could not be parsed
}

func (r *apiRequest) get(k string) string { return r.params[k] }

func (r *apiRequest) flag(k string) bool {
	switch strings.ToLower(r.params[k]) {
	case "1", "true", "yes":
		return true
	}
	return false
}

// parseRequest reads both of Slack's request styles: form-encoded (or
// multipart) bodies with token=, and JSON bodies with a Bearer header. Query
// parameters count too, below the body.
func parseRequest(r *http.Request, raw []byte) apiRequest {
	req := apiRequest{params: map[string]string{}}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			req.params[k] = v[0]
		}
	}
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case ct == "application/json":
		req.isJSON = true
		if len(bytes.TrimSpace(raw)) == 0 {
			break
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			req.bad = "invalid_json"
			break
		}
		for k, v := range obj {
			req.params[k] = flattenJSON(v)
		}
	case ct == "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(raw), ctParams["boundary"]).ReadForm(maxBody)
		if err != nil {
			req.bad = "invalid_form_data"
			break
		}
		for k, v := range form.Value {
			if len(v) > 0 {
				req.params[k] = v[0]
			}
		}
		_ = form.RemoveAll()
	default:
		vals, err := url.ParseQuery(string(raw))
		if err != nil {
			req.bad = "invalid_form_data"
			break
		}
		for k, v := range vals {
			if len(v) > 0 {
				req.params[k] = v[0]
			}
		}
	}
	if auth := r.Header.Get("Authorization"); len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		req.token = strings.TrimSpace(auth[7:])
	} else if !req.isJSON {
		// Slack ignores a token inside a JSON body: JSON needs the header.
		req.token = req.params["token"]
	}
	return req
}

// flattenJSON turns a top-level JSON value into a parameter: strings
// unquoted, null empty, anything else compact JSON text.
func flattenJSON(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '"' {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	if string(v) == "null" {
		return ""
	}
	var buf bytes.Buffer
	if json.Compact(&buf, v) == nil {
		return buf.String()
	}
	return string(v)
}

// handleAPI serves /api/{method}.
func (s *Server) handleAPI(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	s.serve(w, r, method, func(req *apiRequest, call Call) any {
		return s.dispatch(method, req, call)
	})
}

// handleResponseURL serves the response_url handed out in slash commands
// and interactions: it records the POST as method "response_url".
func (s *Server) handleResponseURL(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, "response_url", func(req *apiRequest, _ Call) any {
		if req.bad != "" {
			return slackErr(req.bad)
		}
		return map[string]any{"ok": true}
	})
}

// serve runs one recorded request: failure switches, rate limits, then h.
// adjust, if given, changes a response h produced (an upload URL answers
// in plain text, not JSON).
func (s *Server) serve(w http.ResponseWriter, r *http.Request, method string, h func(*apiRequest, Call) any, adjust ...func(*response)) {
	s.mu.Lock()
	s.active++
	if s.busy == nil {
		s.busy = map[string]int{}
	}
	s.busy[method]++
	s.notifyLocked()
	s.mu.Unlock()
	at := s.now()
	// On a read error (client gone mid-body) ReadAll returns what came.
	raw, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	req := parseRequest(r, raw)
	call := Call{
		Method: method,
		Params: req.params,
		Raw:    raw,
		Header: r.Header.Clone(),
		At:     at,
		Token:  req.token,
		URL:    r.URL.RequestURI(),
	}

	f, failing := s.takeFailure(method)
	if failing && f.Delay > 0 {
		s.sleep(r.Context(), f.Delay)
	}
	var res response
	if failing && f.replaces() {
		if f.Keep {
			h(&req, call)
		}
		res = f.response()
	} else if retry, limited := s.checkLimit(method); limited {
		res = RateLimited(retry).response()
	} else {
		res = jsonResponse(http.StatusOK, h(&req, call))
		for _, a := range adjust {
			a(&res)
		}
	}

	call.Status = res.status
	call.Response = res.body
	s.mu.Lock()
	s.active--
	s.busy[method]--
	s.calls = append(s.calls, call)
	if res.status == http.StatusTooManyRequests {
		s.throttled[method]++
	}
	s.notifyLocked()
	s.mu.Unlock()
	res.write(w)
}

type apiMethod struct {
	appToken bool // needs an xapp- token rather than xoxb-
	fn       func(s *Server, r *apiRequest) any
}

var apiMethods = map[string]apiMethod{
	"auth.test":             {fn: (*Server).authTest},
	"apps.connections.open": {appToken: true, fn: (*Server).appsConnectionsOpen},
	"chat.postMessage":      {fn: (*Server).chatPostMessage},
	"chat.update":           {fn: (*Server).chatUpdate},
	"chat.postEphemeral":    {fn: (*Server).chatPostEphemeral},
	"chat.delete":           {fn: (*Server).chatDelete},
	"conversations.open":    {fn: (*Server).conversationsOpen},
	"conversations.history": {fn: (*Server).conversationsHistory},
	"conversations.replies": {fn: (*Server).conversationsReplies},
	"conversations.members": {fn: (*Server).conversationsMembers},
	"users.info":            {fn: (*Server).usersInfo},
	"views.publish":         {fn: (*Server).viewsPublish},
	"views.open":            {fn: (*Server).viewsOpen},
	"views.update":          {fn: (*Server).viewsUpdate},
	"views.push":            {fn: (*Server).viewsPush},

	"files.getUploadURLExternal":   {fn: (*Server).filesGetUploadURLExternal},
	"files.completeUploadExternal": {fn: (*Server).filesCompleteUploadExternal},
}

// dispatch answers a Web API method: unknown_method, token checks, then the
// fake (or the HandleFunc override).
func (s *Server) dispatch(method string, req *apiRequest, call Call) any {
	s.mu.Lock()
	custom := s.handlers[method]
	s.mu.Unlock()
	m, known := apiMethods[method]
	if custom == nil && !known {
		return slackErr("unknown_method")
	}
	if code := s.tokenError(req.token, m.appToken); code != "" {
		return slackErr(code)
	}
	if custom != nil {
		return custom(call)
	}
	if req.bad != "" {
		return slackErr(req.bad)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return m.fn(s, req)
}

// tokenError checks a token the way Slack answers: not_authed when there is
// none, invalid_auth when it is of the wrong kind or not the configured one.
func (s *Server) tokenError(token string, app bool) string {
	if token == "" {
		return "not_authed"
	}
	prefix, want := "xoxb-", s.cfg.botToken
	if app {
		prefix, want = "xapp-", s.cfg.appToken
	}
	if !strings.HasPrefix(token, prefix) || (want != "" && token != want) {
		return "invalid_auth"
	}
	return ""
}

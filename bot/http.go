package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// maxBody is the largest request accepted from Slack; real payloads are a
// few kilobytes, a modal's state a little more.
const maxBody = 1 << 20

// HTTPHandler serves the HTTP Events API, interactivity and the slash
// command, for hosting behind a load balancer instead of Socket Mode:
//
//	POST /slack/events       Events API (and its url_verification)
//	POST /slack/interactive  buttons, menus, modal submissions
//	POST /slack/commands     /cairn
//
// Every request's signature is checked against the signing secret, and one
// older than 5 minutes is refused, before anything is read or stored. An
// input that becomes a turn is journaled before the 2xx (a 503 if it cannot
// be, so Slack retries). Making the handler also queues what a previous run
// left in the inbox.
func (b *Bot) HTTPHandler() (http.Handler, error) {
	if b.cfg.SigningSecret == "" {
		return nil, errors.New("bot: HTTP mode needs SLACK_SIGNING_SECRET (Slack app settings → Basic Information → Signing Secret)")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /slack/events", b.verified(b.serveEvents))
	mux.HandleFunc("POST /slack/interactive", b.verified(b.serveInteractive))
	mux.HandleFunc("POST /slack/commands", b.verified(b.serveCommand))
	b.startInbox()
	b.markReady()
	return mux, nil
}

// verified reads the body once, checks Slack's signature over it, and hands
// the checked body on. slack-go's parsers call ParseForm, so the body is
// restored for them.
func (b *Bot) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			http.Error(w, "request body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, b.cfg.SigningSecret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			b.log.Warn("refused a request with a bad or stale signature", "path", r.URL.Path, "err", err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	}
}

func (b *Bot) serveEvents(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		http.Error(w, "malformed event", http.StatusBadRequest)
		return
	}
	if ev.Type == slackevents.URLVerification {
		var ch slackevents.ChallengeResponse
		if err := json.Unmarshal(body, &ch); err != nil {
			http.Error(w, "malformed challenge", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte(ch.Challenge))
		return
	}
	if n, _ := strconv.Atoi(r.Header.Get("X-Slack-Retry-Num")); n > 0 {
		b.log.Info("slack retry", "retry", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	// The input is journaled before the 2xx; its turn runs after. If the
	// journal cannot be written, Slack is told to try again later.
	if err := b.accept(r.Context(), b.handleEvent(ev)); err != nil {
		http.Error(w, "could not store the event; try again", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (b *Bot) serveInteractive(w http.ResponseWriter, r *http.Request, body []byte) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &cb); err != nil {
		http.Error(w, "malformed payload", http.StatusBadRequest)
		return
	}
	if cb.Type != slack.InteractionTypeViewSubmission {
		// Journaled before the 2xx; anything that waits on Slack itself
		// (opening a modal) runs after it.
		if err := b.accept(r.Context(), b.handleAction(cb)); err != nil {
			http.Error(w, "could not store the action; try again", http.StatusServiceUnavailable)
			return
		}
		writeAck(w, nil)
		return
	}
	writeAck(w, b.handleInteraction(context.WithoutCancel(r.Context()), cb))
}

func (b *Bot) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	if resp := b.handleSlash(context.WithoutCancel(r.Context()), cmd); len(resp) > 0 {
		writeAck(w, resp)
	} else {
		writeAck(w, nil) // a modal opens instead of a message
	}
}

func writeAck(w http.ResponseWriter, payload any) {
	if payload == nil {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(payload)
}

package fakeslack

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Helpers that build the payloads Slack sends. They return fresh maps, so a
// test can change a field before sending. Event timestamps come from the
// real clock and strictly increase across calls.

// MessageEvent is a "message" event: user wrote text in channel. A DM
// channel ("D...") gets channel_type "im", as the DMs Cairn works in.
func MessageEvent(user, channel, text string) map[string]any {
	ts := newTS()
	return map[string]any{
		"client_msg_id": newUUID(),
		"type":          "message",
		"text":          text,
		"user":          user,
		"ts":            ts,
		"blocks": []any{map[string]any{
			"type": "rich_text", "block_id": randString(5, mixedAlnum),
			"elements": []any{map[string]any{
				"type":     "rich_text_section",
				"elements": []any{map[string]any{"type": "text", "text": text}},
			}},
		}},
		"channel":      channel,
		"event_ts":     ts,
		"channel_type": channelType(channel),
	}
}

// AppMention is an "app_mention" event: user mentioned the bot in channel.
func AppMention(user, channel, text string) map[string]any {
	ts := newTS()
	return map[string]any{
		"client_msg_id": newUUID(),
		"type":          "app_mention",
		"text":          text,
		"user":          user,
		"ts":            ts,
		"channel":       channel,
		"event_ts":      ts,
	}
}

// AppHomeOpened is an "app_home_opened" event for the Home tab.
func AppHomeOpened(user string) map[string]any {
	return map[string]any{
		"type":     "app_home_opened",
		"user":     user,
		"channel":  DMChannel(user),
		"tab":      "home",
		"event_ts": newTS(),
	}
}

// BlockAction is a block_actions interaction: user clicked the button
// actionID (with value) on the message messageTS in channel. SendInteractive
// adds the stored message and the button's block_id when the fake has it.
func BlockAction(user, channel, actionID, value, messageTS string) map[string]any {
	return map[string]any{
		"type": "block_actions",
		"user": map[string]any{"id": user, "username": strings.ToLower(user), "name": strings.ToLower(user)},
		"container": map[string]any{
			"type": "message", "message_ts": messageTS, "channel_id": channel, "is_ephemeral": false,
		},
		"channel": map[string]any{"id": channel, "name": channelName(channel)},
		"actions": []any{map[string]any{
			"action_id": actionID,
			"block_id":  randString(5, mixedAlnum),
			"text":      map[string]any{"type": "plain_text", "text": value, "emoji": true},
			"value":     value,
			"type":      "button",
			"action_ts": newTS(),
		}},
		"state": map[string]any{"values": map[string]any{}},
	}
}

// ViewSubmission is a view_submission interaction for a modal with
// callbackID and privateMetadata, submitted with values (block_id →
// action_id → value, e.g. TextInput("...")). ViewSubmissionFor builds one
// from a modal the bot really opened.
func ViewSubmission(user, callbackID, privateMetadata string, values map[string]map[string]any) map[string]any {
	if values == nil {
		values = map[string]map[string]any{}
	}
	id := "V" + randString(10, upperAlnum)
	return map[string]any{
		"type": "view_submission",
		"user": map[string]any{"id": user, "username": strings.ToLower(user), "name": strings.ToLower(user)},
		"view": map[string]any{
			"id": id, "type": "modal", "callback_id": callbackID, "private_metadata": privateMetadata,
			"blocks": []any{}, "state": map[string]any{"values": values},
			"hash":         fmt.Sprintf("%d.%s", time.Now().Unix(), randString(8, lowerAlnum)),
			"root_view_id": id, "previous_view_id": nil,
		},
	}
}

// ViewSubmissionFor is a view_submission of the view viewID that the bot
// opened, pushed or updated here, submitted by user with values.
func (s *Server) ViewSubmissionFor(user, viewID string, values map[string]map[string]any) (map[string]any, error) {
	if values == nil {
		values = map[string]map[string]any{}
	}
	s.mu.Lock()
	stored, ok := s.views[viewID]
	var view map[string]any
	if ok {
		// Round-trip so the payload shares nothing with the stored view.
		b, _ := json.Marshal(stored)
		_ = json.Unmarshal(b, &view)
	}
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("fakeslack: no view %q", viewID)
	}
	view["state"] = map[string]any{"values": values}
	return map[string]any{
		"type": "view_submission",
		"user": map[string]any{"id": user, "username": strings.ToLower(user), "name": strings.ToLower(user)},
		"view": view,
	}, nil
}

// TextInput is the state value of a plain_text_input element.
func TextInput(value string) map[string]any {
	return map[string]any{"type": "plain_text_input", "value": value}
}

// StaticSelect is the state value of a static_select with value chosen.
func StaticSelect(value string) map[string]any {
	return map[string]any{"type": "static_select", "selected_option": map[string]any{
		"text": map[string]any{"type": "plain_text", "text": value, "emoji": true}, "value": value,
	}}
}

func channelType(ch string) string {
	switch {
	case strings.HasPrefix(ch, "D"):
		return "im"
	case strings.HasPrefix(ch, "G"):
		return "group"
	default:
		return "channel"
	}
}

func channelName(ch string) string {
	if strings.HasPrefix(ch, "D") {
		return "directmessage"
	}
	return strings.ToLower(ch)
}

// ---- ids --------------------------------------------------------------

const (
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	mixedAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	digits     = "0123456789"
)

func randString(n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

func newUUID() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func newTriggerID() string {
	return fmt.Sprintf("%d.%d.%s", rand.Int64N(9e12)+1e12, rand.Int64N(9e11)+1e11, randString(32, "0123456789abcdef"))
}

var (
	tsMu   sync.Mutex
	tsLast int64
)

// newTS is a real-clock ts for helper payloads, strictly increasing.
func newTS() string {
	tsMu.Lock()
	defer tsMu.Unlock()
	us := time.Now().UnixMicro()
	if us <= tsLast {
		us = tsLast + 1
	}
	tsLast = us
	return formatTS(us)
}

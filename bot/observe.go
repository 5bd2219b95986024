package bot

import "time"

// Observer is told about the bot's work, for the operator's /metrics.
// Labels are Slack method names, Slack error codes and kinds of work: never
// anything a person wrote, nor who they are.
type Observer interface {
	// SlackCall is one Web API call: outcome is "ok", Slack's error code
	// ("channel_not_found"), "ratelimited", "http_<status>" or "timeout".
	SlackCall(method, outcome string, took time.Duration)
	// RateLimitWait is a wait Slack asked for with a 429's Retry-After.
	RateLimitWait(method string, wait time.Duration)
	// Turn is one handled input (kind: "dm", "button", "command", …), from
	// its arrival to its last reply.
	Turn(kind string, took time.Duration)
}

// noObserver is the Observer when none is configured.
type noObserver struct{}

func (noObserver) SlackCall(string, string, time.Duration) {}
func (noObserver) RateLimitWait(string, time.Duration)     {}
func (noObserver) Turn(string, time.Duration)              {}

// Package fakeslack is the fake Slack that Cairn's tests talk to.
//
// It is an httptest server on 127.0.0.1 that speaks Slack's real wire
// protocol, so the real slack-go client (and the real cairn binary run as a
// process) can be pointed at it with slack.OptionAPIURL(s.APIURL()):
//
//   - the Web API under /api/, accepting both request styles Slack uses
//     (form-encoded bodies with token=, and JSON bodies with a Bearer
//     header), with the methods Cairn uses faked statefully: messages posted
//     to a channel come back from conversations.history (newest first, with
//     their metadata), views are stored and can be updated by id or hash, and
//     so on. Every call is recorded (Calls, CallsTo, WaitForCalls).
//   - Socket Mode: apps.connections.open hands out a single-use ws:// URL on
//     the same server; the websocket sends "hello", pings on an interval,
//     delivers envelopes (SendEvent, SendSlashCommand, SendInteractive,
//     SendEnvelope) and records the client's acks (WaitForAck).
//   - File upload as Slack does it (files.go): files.getUploadURLExternal,
//     a POST of the bytes to the upload URL it hands out (recorded as
//     method "upload_url"), files.completeUploadExternal sharing the file in
//     a channel; Files returns what was uploaded.
//   - Failure switches: FailNext (429 with Retry-After, a Slack error, HTTP
//     500, a delay) and RateLimit (a token bucket per method answering 429).
//   - Helpers for the HTTP Events API mode: Sign and SignedRequest produce
//     Slack's v0 request signatures.
//
// A Server is not tied to *testing.T: New starts it, Close stops everything
// it started, websocket goroutines included. All methods are safe for
// concurrent use. Waits block on a notification channel and honour their
// context; they never poll.
//
// Deliberate simplifications: one workspace, one app and one bot user;
// metadata is returned by conversations.history whatever include_all_metadata
// says (only this app posts metadata here); trigger_ids are not checked for
// expiry; rate limits are per method, not per channel; nothing retries an
// unacknowledged envelope by itself (send the retry with SendEnvelope).
package fakeslack

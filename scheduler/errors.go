package scheduler

import "errors"

// What a Sender's Deliver may report besides success. Anything else means
// the message surely did not reach Slack (the request was refused before it
// was read, or Slack answered 429), and the scheduler tries again later
// while the message is still useful.
var (
	// ErrMaybeSent: the message may have reached Slack (a timeout, a 5xx,
	// a connection cut after the request was written). The scheduler never
	// resends blind: the delivery stays "sending" and Delivered is asked
	// before anything is sent again.
	ErrMaybeSent = errors.New("the message may have reached Slack")
	// ErrUnreachable: Slack says the recipient cannot get messages
	// (user_not_found, account_inactive, channel_not_found, is_archived,
	// not_in_channel). Retrying cannot help; the person is shown as
	// unreachable until they write to Cairn again.
	ErrUnreachable = errors.New("the recipient cannot be reached on Slack")
)

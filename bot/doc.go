// Package bot is Cairn on Slack: Socket Mode or the HTTP Events API in, Block
// Kit out. It turns DMs, button presses, the /cairn command and App Home
// visits into conversation turns (package conversations), and is the only
// package that knows Slack exists.
//
// An input that becomes a member's turn is journaled in the store's inbox
// before Slack is acknowledged, and removed in the same commit as its turn,
// so a crash after the ack loses nothing. Turns run on a worker chosen by
// member, so one member's messages keep their order; a worker that is full
// leaves new inputs in the inbox for later, so no acknowledgement ever waits
// on a member's backlog. Slack's retries are recognised by event_id (or the
// message's channel and ts, a click's action_ts, a command's trigger_id),
// kept in the store, so an input is handled once even across a restart.
package bot

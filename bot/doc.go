// Package bot is Cairn on Slack: Socket Mode or the HTTP Events API in, Block
// Kit out. It turns DMs, button presses, the /cairn command and App Home
// visits into conversation turns (package conversations), and is the only
// package that knows Slack exists.
//
// Every envelope is acknowledged at once and the work done after, on a
// worker chosen by member so that one member's messages keep their order.
// Slack's retries are recognised by event_id, kept in the store, so an
// event is handled once even across a restart.
package bot

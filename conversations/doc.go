// Package conversations holds Cairn's guided dialogues: goal setting (from a
// dream to one measurable goal and its stepping stones) and the check-in
// before each group session.
//
// A turn is a pure function of (state, input, context, now): no database, no
// clock, no Slack. The caller loads the state, calls Step, commits the
// returned state and changes in one store transaction, and only then sends
// the replies. Replies are platform-neutral text plus choices, so the terminal
// and Slack render the same flow. All wording lives in words.go.
package conversations

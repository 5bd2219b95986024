// Package scheduler decides when to prompt whom: check-in prompts before
// each group session, reminders to those who have not answered, digests for
// facilitators and daily nudges for navigators.
//
// robfig/cron computes session times from each group's schedule; it neither
// catches up after downtime nor remembers what it sent, so the timeline lives
// in the store. Every planned message is a store.Delivery keyed by (kind,
// group, session, recipient): planned ahead, marked "sending" before it goes
// to Slack and "sent" after, so a restart or crash never sends a key twice
// and still sends what was missed while it is useful. The clock is passed
// in, so days of schedule are tested in milliseconds.
package scheduler

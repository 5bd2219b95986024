// Package store is Cairn's system of record: one bbolt file holding members,
// groups, goals, stepping stones, check-ins, per-member conversation state,
// the dedupe marks of handled Slack events, and the timeline of scheduled
// deliveries (what is due, what was sent).
//
// Values are JSON with a version field; keys that are read as ranges are
// fixed-width big-endian so that bbolt's byte order is time order. Opened
// with a key, the store seals every value with AES-256-GCM (crypt.go), so
// values are read and written only through its helpers. Every
// exported method is one transaction, and nothing bbolt-specific leaves the
// package. Concurrent writes are committed together by one goroutine (group
// commit, see commit.go): one fsync serves many callers, and each caller
// returns only once its own write is durable.
package store

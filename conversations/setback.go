package conversations

// SetbackBarrier is how a relapse or setback is kept in a check-in's
// Barrier (among the barriers, ", "-joined; see safety.go): whoever shows
// a check-in says it in the reader's words, and never counts it as progress.
const SetbackBarrier = setbackBarrier

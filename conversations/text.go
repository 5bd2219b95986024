package conversations

import "strings"

// inert swaps the characters Slack's mrkdwn formats with (* bold,
// _ italic, ~ strike, ` code) for look-alikes it ignores: ∗ U+2217, ˍ U+02CD,
// ∼ U+223C, ˋ U+02CB.
//
// Why look-alikes: mrkdwn has no escape for these (a backslash shows as
// itself, and &-entities exist only for &, < and >), and a zero-width space
// beside a marker is undocumented behaviour that also breaks copy-paste.
// Look-alikes read the same to a person, survive any rule Slack uses for
// where a marker opens or closes, and cannot themselves start formatting.
// The cost: a URL typed with one of these characters no longer links
// exactly; check-in answers rarely hold links, and a faked *bold* in a
// facilitator's digest is worse.
var inert = strings.NewReplacer("*", "∗", "_", "ˍ", "~", "∼", "`", "ˋ")

// Inert makes member text inert inside Cairn's own mrkdwn: it can no
// longer fake bold, italics, strike-through or code. It leaves &, < and >
// to the Slack adapter's escaping (they are markup there, not here), and is
// idempotent. Terminal output (cairn try) needs neither.
func Inert(s string) string { return inert.Replace(s) }

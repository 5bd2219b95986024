package conversations

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// Sanitize cleans text as it arrives from a person (a message, a form
// field), before anything reads or stores it. It removes what can hide or
// disguise text without being seen:
//   - control characters, except newline and tab; a carriage return or a
//     NEL becomes a newline (CRLF one newline), a vertical tab or a form
//     feed a space, so the words on either side stay apart;
//   - bidi embeddings, overrides, isolates and marks (U+202A–U+202E,
//     U+2066–U+2069, U+200E, U+200F, U+061C), which can make text read
//     backwards in a facilitator's digest;
//   - zero-width spaces and joiners (U+200B, U+2060, U+FEFF), and U+200C
//     and U+200D unless they join something: U+200D between emoji builds
//     one emoji (👨‍👩‍👧, 🏳️‍🌈), and both are spelling in scripts such as
//     Persian and the Indic scripts, so they stay between two letters of a
//     script that joins (never between Latin letters, where they only hide
//     a word from a filter);
//   - tag characters (U+E0020–U+E007F), which can carry invisible text,
//     except in a flag like 🏴󠁧󠁢󠁳󠁣󠁴󠁿 that they spell;
//   - bytes that are not UTF-8.
//
// Emoji with their variation selectors and skin tones, keycaps, accents
// (precomposed or combining) and every script are kept. The result is
// never longer than s, and Sanitize(Sanitize(s)) == Sanitize(s).
func Sanitize(s string) string {
	if clean(s) {
		return s // the usual case: nothing to remove, nothing allocated
	}
	// First everything removed whatever its neighbours, so that joiners
	// and tags are judged by the characters that remain beside them.
	runes := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			// not UTF-8: dropped (a U+FFFD would be longer than the byte)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // CRLF: the LF that follows is the newline
			}
			runes = append(runes, '\n')
		case r == 0x85:
			runes = append(runes, '\n')
		case r == '\v', r == '\f':
			runes = append(runes, ' ')
		case r == '\n', r == '\t':
			runes = append(runes, r)
		case unicode.IsControl(r), bidiControl(r), r == 0x200B, r == 0x2060, r == 0xFEFF:
		default:
			runes = append(runes, r)
		}
	}
	out := runes[:0]
	for i, r := range runes {
		prev, next := rune(-1), rune(-1)
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		switch {
		case r == zwj && emojiBeforeJoiner(prev) && emoji(next):
		case (r == zwj || r == zwnj) && joiningScript(prev) && joiningScript(next):
		case r == zwj, r == zwnj:
			continue
		case tag(r) && prev != 0x1F3F4 && !tag(prev):
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

const (
	zwnj = '\u200C'
	zwj  = '\u200D'
)

// clean reports whether Sanitize has nothing to do on s.
func clean(s string) bool {
	for _, r := range s {
		switch {
		case r == '\n', r == '\t':
		case r == utf8.RuneError, unicode.IsControl(r), bidiControl(r), r == 0x200B, r == 0x2060, r == 0xFEFF,
			r == zwj, r == zwnj, tag(r):
			return false
		}
	}
	return true
}

func bidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

func tag(r rune) bool { return r >= 0xE0020 && r <= 0xE007F }

// emoji approximates Unicode's Extended_Pictographic (which Go's unicode
// package lacks) by the blocks emoji live in: enough to tell a ZWJ inside
// an emoji sequence from one hidden between letters.
func emoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // pictographs, emoticons, transport, supplemental symbols
		r >= 0x2600 && r <= 0x27BF, // miscellaneous symbols, dingbats (♀ ♂ ⚕ ❤)
		r >= 0x2300 && r <= 0x23FF, // technical (⌚ ⏰)
		r >= 0x2B00 && r <= 0x2BFF, // arrows and shapes (⬛ ⭐)
		r >= 0x2190 && r <= 0x21FF, r >= 0x25A0 && r <= 0x25FF,
		r == 0xA9, r == 0xAE, r == 0x203C, r == 0x2049, r == 0x2122, r == 0x2139, r == 0x24C2,
		r == 0x2934, r == 0x2935, r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	}
	return false
}

// emojiBeforeJoiner is what may stand before the ZWJ of an emoji sequence:
// an emoji, or the variation selector or skin tone that ends one.
func emojiBeforeJoiner(r rune) bool {
	return emoji(r) || r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF
}

// joiningScripts are the scripts whose spelling uses ZWJ and ZWNJ.
var joiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian,
	unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
	unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala,
	unicode.Myanmar, unicode.Khmer, unicode.Tibetan,
}

// joiningScript is a letter or mark of a script whose spelling uses ZWJ
// and ZWNJ.
func joiningScript(r rune) bool {
	return r >= 0x0600 && (unicode.IsLetter(r) || unicode.IsMark(r)) && unicode.In(r, joiningScripts...)
}

// normalize lower-cases text and trims spaces and end punctuation, for
// matching commands and button labels.
func normalize(text string) string {
	text = strings.ToLower(strings.TrimSpace(text))
	text = strings.TrimRightFunc(text, func(r rune) bool { return r == '.' || r == '!' || r == '?' && len(text) > 1 })
	text = strings.ReplaceAll(text, "’", "'")
	return strings.Join(strings.Fields(text), " ")
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// capitalize starts a sentence with a capital letter ("tomorrow, …" → "Tomorrow, …").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Clip shortens s to at most n characters (runes, not bytes, so an emoji
// is never cut in half), ending with "…" when it cut. It is the one
// truncation helper: button labels (Slack's 75), a glance in a digest, a
// section's limit.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}

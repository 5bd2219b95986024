package bot

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
)

// TestLayoutParts_WithinSlackLimitsNothingLost: however long the replies,
// each message holds at most 50 blocks and each section at most 3,000
// characters once escaped, and the sections, unescaped and joined, are the
// replies' text, whole and in order.
func TestLayoutParts_WithinSlackLimitsNothingLost(t *testing.T) {
	long := strings.Repeat("Fish & chips <3 with my sister. ", 400) // ~12,800 characters, ~15,000 escaped
	oneWord := strings.Repeat("&", 4000)                            // no place to cut but between characters
	lines := strings.TrimSuffix(strings.Repeat("a line of a digest & more\n", 300), "\n")
	for _, tc := range []struct {
		name    string
		replies []conversations.Reply
	}{
		{"one long line", []conversations.Reply{{Text: long}}},
		{"one long word", []conversations.Reply{{Text: oneWord}}},
		{"many lines", []conversations.Reply{{Text: lines}}},
		{"sixty short replies", manyReplies(60, "Member%02d hasn't checked in yet.")},
		{"sixty replies with buttons", withButtons(manyReplies(60, "• Member%02d (shares everything): missed the last check-in"))},
		{"a mixture", append(append(manyReplies(30, "✓ Member%02d: 2 steps done"), conversations.Reply{Text: long}), manyReplies(30, "Member%02d is away.")...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := layoutParts(tc.replies, layout{header: "Tuesday group: before the session",
				continued: func(n, of int) string { return fmt.Sprintf("(continued, %d of %d)", n, of) }})
			var got []string
			buttons := 0
			for i, p := range parts {
				if len(p.blocks) > messageBlocks || len(p.blocks) == 0 {
					t.Errorf("part %d has %d blocks", i, len(p.blocks))
				}
				if p.text == "" {
					t.Errorf("part %d has no notification text", i)
				}
				for j, b := range p.blocks {
					switch b := b.(type) {
					case *slack.HeaderBlock:
						if i != 0 || j != 0 || b.Text.Text != "Tuesday group: before the session" {
							t.Errorf("part %d block %d is the header %q; want it first in the first part only", i, j, b.Text.Text)
						}
					case *slack.ContextBlock:
						want := fmt.Sprintf("(continued, %d of %d)", i+1, len(parts))
						if i == 0 || j != 0 || b.ContextElements.Elements[0].(*slack.TextBlockObject).Text != want {
							t.Errorf("part %d block %d is a context block; want %q first in each part after the first", i, j, want)
						}
						if !strings.HasPrefix(p.text, want) {
							t.Errorf("part %d's notification %q does not say it continues", i, p.text[:min(len(p.text), 60)])
						}
					case *slack.SectionBlock:
						if n := utf8.RuneCountInString(b.Text.Text); n > 3000 {
							t.Errorf("part %d has a section of %d characters", i, n)
						}
						got = append(got, unesc(b.Text.Text))
					case *slack.ActionBlock:
						buttons += len(b.Elements.ElementSet)
					}
				}
			}
			if _, ok := parts[0].blocks[0].(*slack.HeaderBlock); !ok {
				t.Errorf("the first part does not start with its header")
			}
			for i, p := range parts[1:] {
				if _, ok := p.blocks[0].(*slack.ContextBlock); !ok {
					t.Errorf("part %d does not say it continues", i+2)
				}
			}
			var want []string
			wantButtons := 0
			for _, r := range tc.replies {
				want = append(want, r.Text)
				wantButtons += len(r.Choices)
			}
			// Sections of one reply join with nothing (cut between words or
			// characters) or a newline (cut between lines): compare without
			// either.
			flat := func(ss []string) string { return strings.NewReplacer("\n", "", " ", "").Replace(strings.Join(ss, "")) }
			if flat(got) != flat(want) {
				t.Errorf("the sections are not the replies' text, whole and in order (%d characters shown, %d written)", len(flat(got)), len(flat(want)))
			}
			if buttons != wantButtons {
				t.Errorf("%d buttons laid out, want %d", buttons, wantButtons)
			}
		})
	}
}

func manyReplies(n int, format string) []conversations.Reply {
	var out []conversations.Reply
	for i := range n {
		out = append(out, conversations.Reply{Text: fmt.Sprintf(format, i)})
	}
	return out
}

func withButtons(rs []conversations.Reply) []conversations.Reply {
	for i := range rs {
		rs[i].Choices = []conversations.Choice{{Label: fmt.Sprintf("Nudge %d", i), Value: fmt.Sprintf("nudge:U%03d", i)}}
	}
	return rs
}

// TestSplitText_BetweenWords: a long line is cut between words, so no word
// is broken across two sections.
func TestSplitText_BetweenWords(t *testing.T) {
	s := strings.Repeat("stepping stones ", 500)
	for _, piece := range splitText(s, sectionMax) {
		if !strings.HasPrefix(piece, "stepping") {
			t.Fatalf("a piece starts mid-word: %q", piece[:20])
		}
	}
}

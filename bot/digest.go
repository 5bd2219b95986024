package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// A scheduled message too long for one Slack message — a facilitator's
// digest of a large group, a navigator's list of many members — goes out
// as several messages, in order, as one delivery. Each is tagged with the
// delivery's key and its place ("part 2 of 3"), so a retry after a part
// that may have arrived looks at the DM first and posts only the parts
// that are missing: nothing is clipped, nothing doubled.

// What one message may hold.
const (
	// messageBlocks is Slack's limit of blocks in a message.
	messageBlocks = 50
	// messageChars bounds the text of one message's sections. Slack
	// refuses a message whose blocks are too large (msg_too_long) without
	// documenting the size; 12,000 characters stays well inside what it
	// takes, and a digest of 60 members needs only a few messages.
	messageChars = 12000
)

// part is one message of a delivery: its notification text and blocks.
type part struct {
	text   string
	blocks []slack.Block
	chars  int // the sections' text, as shown
}

// inParts says whether a delivery goes out in parts: the kinds that grow
// with a group. The others are a few lines each and keep Deliver's single
// message.
func inParts(d store.Delivery) bool {
	return d.Kind == store.DeliverDigest || d.Kind == store.DeliverNudges
}

// layout is what a delivery in parts shows beside its replies: a header
// atop the first message, and a line atop each later one saying it
// continues ("(continued, 2 of 3)"), so a facilitator who opens the
// second message first knows there is more above.
type layout struct {
	header    string                 // plain text; none when empty
	continued func(n, of int) string // mrkdwn; nil for none
}

// headerMax is Slack's limit on a header block's text.
const headerMax = 150

// layoutParts lays replies out as messages within Slack's limits: a reply
// is its text as one or more sections (split between lines, or between
// characters for a line too long, never clipped) and its choices as
// buttons; a reply's blocks stay in one message when they fit in one. One
// block and a few characters of each message are kept for l's header or
// continuation line.
func layoutParts(rs []conversations.Reply, l layout) []part {
	const blocks, chars = messageBlocks - 1, messageChars - headerMax
	var parts []part
	cur := part{}
	var texts []string
	flush := func() {
		if len(cur.blocks) > 0 {
			// The notification: the start of the message, as Slack shows it.
			cur.text = said(conversations.Clip(strings.Join(texts, "\n"), 3900))
			parts = append(parts, cur)
		}
		cur, texts = part{}, nil
	}
	for n, r := range rs {
		rb := replyBlocks(n, r)
		size := 0
		for _, b := range rb {
			size += b.chars
		}
		if len(cur.blocks)+len(rb) > blocks || cur.chars+size > chars {
			flush()
		}
		for _, b := range rb {
			if len(cur.blocks) == blocks || cur.chars+b.chars > chars {
				flush() // a reply larger than a message: split it too
			}
			cur.blocks = append(cur.blocks, b.block)
			cur.chars += b.chars
			if b.text != "" {
				texts = append(texts, b.text)
			}
		}
	}
	flush()
	if l.header != "" && len(parts) > 0 {
		h := conversations.Clip(oneLine(l.header), headerMax)
		parts[0].blocks = append([]slack.Block{slack.NewHeaderBlock(plain(h))}, parts[0].blocks...)
		parts[0].text = said(h) + "\n" + parts[0].text
	}
	if l.continued != nil && len(parts) > 1 {
		for i := 1; i < len(parts); i++ {
			c := said(l.continued(i+1, len(parts)))
			parts[i].blocks = append([]slack.Block{slack.NewContextBlock(fmt.Sprintf("continued-%d", i+1), mrkdwn(c))}, parts[i].blocks...)
			parts[i].text = c + " " + parts[i].text
		}
	}
	return parts
}

// oneLine is text on one line: a header block shows no line breaks.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// partsLayout is how delivery d is laid out for its reader: a digest's
// first reply is its header (see scheduler/digest.go); every delivery in
// parts says, after its first message, that it continues. It returns the
// replies left to lay out as sections, and the layout.
func partsLayout(d store.Delivery, w *conversations.Words, replies []conversations.Reply) ([]conversations.Reply, layout) {
	l := layout{continued: func(n, of int) string { return fmt.Sprintf(w.DigestContinued, n, of) }}
	if d.Kind == store.DeliverDigest && len(replies) > 1 {
		l.header, replies = replies[0].Text, replies[1:]
	}
	return replies, l
}

// laidBlock is a block with the plain text it shows and its length shown.
type laidBlock struct {
	block slack.Block
	text  string
	chars int
}

// replyBlocks is one reply's blocks: its text's sections, its buttons.
func replyBlocks(n int, r conversations.Reply) []laidBlock {
	var out []laidBlock
	for _, chunk := range splitText(r.Text, sectionMax) {
		text := said(chunk)
		out = append(out, laidBlock{slack.NewSectionBlock(mrkdwn(text), nil, nil), chunk, utf8.RuneCountInString(text)})
	}
	for start := 0; start < len(r.Choices); start += actionsMax {
		end := min(start+actionsMax, len(r.Choices))
		var buttons []slack.BlockElement
		for i, c := range r.Choices[start:end] {
			buttons = append(buttons, slack.NewButtonBlockElement(fmt.Sprintf("%s-%d-%d", actionChoice, n, start+i), c.Value, plain(c.Label)))
		}
		out = append(out, laidBlock{block: slack.NewActionBlock(fmt.Sprintf("choices-%d-%d", n, start/actionsMax), buttons...)})
	}
	return out
}

// splitText cuts s into pieces whose shown (escaped) text is at most max
// characters: between lines where it can, else between words, else
// between characters. Joined again (with the newlines cut at), the pieces
// are s.
func splitText(s string, max int) []string {
	if shownLen(s) <= max {
		return []string{s}
	}
	var out []string
	var cur strings.Builder
	curLen := 0
	cut := func() {
		out = append(out, strings.TrimSuffix(cur.String(), "\n"))
		cur.Reset()
		curLen = 0
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		n := shownLen(line)
		if curLen > 0 && curLen+n > max {
			cut()
		}
		if n <= max {
			cur.WriteString(line)
			curLen += n
			continue
		}
		// A line longer than a section: word by word (a word keeps its
		// trailing space), a word too long for a section rune by rune.
		for _, word := range strings.SplitAfter(line, " ") {
			wn := shownLen(word)
			if curLen > 0 && curLen+wn > max {
				cut()
			}
			if wn <= max {
				cur.WriteString(word)
				curLen += wn
				continue
			}
			for _, r := range word {
				rn := shownLen(string(r))
				if curLen+rn > max {
					cut()
				}
				cur.WriteRune(r)
				curLen += rn
			}
		}
	}
	if cur.Len() > 0 {
		cut()
	}
	return out
}

// shownLen is how many characters s takes once escaped for mrkdwn.
func shownLen(s string) int { return utf8.RuneCountInString(said(s)) }

// deliverInParts posts a delivery's parts in order to the recipient's DM,
// each tagged with the key and its place. d.State "sending" means an
// earlier attempt may have posted some: those found in the DM are not
// posted again. Once a part is out, a failure of a later one is reported
// as ErrMaybeSent, so the scheduler keeps the delivery "sending" and the
// next attempt looks before it posts. A retry is composed afresh: the parts
// already out stay as they were, the missing ones come from the new
// composition (a digest a few minutes newer, never a part twice).
func (b *Bot) deliverInParts(ctx context.Context, d store.Delivery, replies []conversations.Reply) (channel, ts string, err error) {
	m, merr := b.store.Member(ctx, d.Recipient)
	parts := layoutParts(partsLayout(d, conversations.WordsFor(conversations.LangOf(m)), replies))
	have := map[int]string{}
	if d.State == store.DeliverySending {
		if channel, err = b.dmChannel(ctx, d.Recipient); err != nil {
			return "", "", postError(err)
		}
		if have, _, err = b.taggedParts(ctx, channel, d); err != nil {
			return "", "", postError(err)
		}
	}
	target := d.Recipient // posting to a user ID lands in their DM with the app
	if merr == nil && m.DMChannel != "" {
		target = m.DMChannel
	}
	posted, first := 0, true
	for i, p := range parts {
		if t, ok := have[i]; ok {
			if i == 0 {
				ts = t
			}
			posted++
			continue
		}
		opts := []slack.MsgOption{slack.MsgOptionText(p.text, false), slack.MsgOptionBlocks(p.blocks...),
			slack.MsgOptionMetadata(slack.SlackMetadata{EventType: deliveryEvent,
				EventPayload: map[string]any{"key": d.Key, "part": i, "parts": len(parts)}})}
		var partTS string
		post := func(ctx context.Context) error {
			if err := b.fanoutPace.wait(ctx); err != nil {
				return fmt.Errorf("waiting for a paced moment to post: %w", err)
			}
			var err error
			channel, partTS, err = b.api.PostMessageContext(ctx, target, opts...)
			return err
		}
		if first {
			err = b.callWithSlot(ctx, "chat.postMessage", b.fanout, post) // the scheduler's Slot
		} else {
			err = b.callWith(ctx, "chat.postMessage", b.fanout, post)
		}
		first = false
		if code, _ := unreachable(err); code == "channel_not_found" && target != d.Recipient {
			// A DM channel remembered from before may be gone; the person
			// may not be. Slack refused the post, so this cannot double it.
			target = d.Recipient
			err = b.callWith(ctx, "chat.postMessage", b.fanout, post)
		}
		if err != nil {
			err = postError(err)
			if posted > 0 && !errors.Is(err, scheduler.ErrUnreachable) {
				err = fmt.Errorf("%w: part %d of %d failed after %d went out: %w", scheduler.ErrMaybeSent, i+1, len(parts), posted, err)
			}
			return "", "", err
		}
		b.rememberDM(ctx, d.Recipient, target, channel)
		if i == 0 {
			ts = partTS
		}
		posted++
	}
	return channel, ts, nil
}

// deliveredInParts reports whether every part of a delivery is in the
// recipient's DM (scheduler.Sender's Delivered for deliveries in parts).
// Parts missing make it "not found": the next Deliver posts only those.
func (b *Bot) deliveredInParts(ctx context.Context, d store.Delivery) (channel, ts string, found bool, err error) {
	if channel, err = b.dmChannel(ctx, d.Recipient); err != nil {
		return "", "", false, postError(err)
	}
	have, n, err := b.taggedParts(ctx, channel, d)
	if err != nil {
		return "", "", false, postError(err)
	}
	for i := range n {
		if _, ok := have[i]; !ok {
			return channel, "", false, nil
		}
	}
	return channel, have[0], n > 0, nil
}

// taggedParts finds the parts of d already in channel: their timestamps by
// place, and how many parts the newest of them says there are. A message
// tagged with the key but no place (sent whole) counts as the only part.
func (b *Bot) taggedParts(ctx context.Context, channel string, d store.Delivery) (have map[int]string, parts int, err error) {
	from := d.Session
	if d.DueAt.Before(from) {
		from = d.DueAt
	}
	// Nothing is sent more than a week before its session (or day).
	have = map[int]string{}
	err = b.eachTagged(ctx, channel, deliveryEvent, d.Key, from.Add(-8*24*time.Hour), func(m slack.Message) bool {
		p := m.Metadata.EventPayload
		place, okPlace := p["part"].(float64)
		total, okTotal := p["parts"].(float64)
		if !okPlace || !okTotal {
			place, total = 0, 1
		}
		if _, seen := have[int(place)]; !seen {
			have[int(place)] = m.Timestamp
		}
		if parts == 0 {
			parts = int(total)
		}
		return true
	})
	if err != nil {
		return nil, 0, err
	}
	return have, parts, nil
}

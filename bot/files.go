package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// A member's own data: "my data" sends it as a file, "forget me" deletes it.

// myDataFile is the name of the export file in the member's DM.
const myDataFile = "cairn-my-data.json"

// sendMyData answers "my data": a short summary, then everything Cairn holds
// about the member as a JSON file, in their DM.
func (b *Bot) sendMyData(ctx context.Context, user, channel string) error {
	e, err := b.store.ExportMember(ctx, user)
	if err != nil {
		return err
	}
	loc, w := time.UTC, conversations.WordsFor(conversations.English)
	if e.Member != nil {
		loc, w = zoneOf(*e.Member), conversations.WordsFor(conversations.LangOf(*e.Member))
	}
	if channel == "" {
		if channel, err = b.dm(ctx, user); err != nil {
			return err
		}
	}
	// The summary and the file come before the turn's own replies (the
	// question again), which wait in the outbox: the member's outbox is
	// held meanwhile so nothing overtakes them. An export is asked again
	// rather than staged, so it is posted directly.
	unlock := b.outbox.lock(user)
	defer unlock()
	if _, err := b.postMessage(ctx, channel, replyMessage(conversations.Reply{Text: conversations.DataSummary(w, e, loc)})...); err != nil {
		return err
	}
	if e.Empty() {
		return nil // and nothing recorded: a record would be data about them
	}
	if err := b.store.RecordAudit(ctx, store.AuditEntry{At: b.Now(), Actor: user, Subject: user, What: "export"}); err != nil {
		return err
	}
	content, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("bot: encode the data of %s: %w", user, err)
	}
	b.log.Info("member data exported", "user", user, "bytes", len(content))
	return b.uploadFile(ctx, channel, myDataFile, w.SlashExportName, content)
}

// forget carries out a confirmed "forget me": everything about the member
// goes in one commit, which also settles the input that asked (origin), so
// a crash before it deletes nothing and the input is answered at the next
// start, and a crash after it leaves nothing to redo. The file is then
// compacted, so the deleted text is not left in free pages either.
func (b *Bot) forget(ctx context.Context, user, channel string, origin conversations.Origin) error {
	// Their language is read before their record goes: the last sentence
	// is still theirs.
	w := b.wordsOf(ctx, user)
	if err := b.store.DeleteMemberData(ctx, user, origin.EventID); err != nil {
		b.sayTrouble(ctx, user, channel)
		return err
	}
	b.log.Info("member data deleted", "user", user)
	if err := b.store.Compact(ctx); err != nil {
		// Deleted, but the bytes stay in free pages until a compaction
		// succeeds (the next "forget me" or the daily retention run).
		b.log.Error("could not compact the database after a deletion", "err", err)
	}
	// Posted directly, not through the outbox: staging it would write a new
	// record about the member right after they asked for none. A crash just
	// here loses only this sentence.
	if channel == "" {
		var err error
		if channel, err = b.dm(ctx, user); err != nil {
			return err
		}
	}
	if _, err := b.postMessage(ctx, channel, replyMessage(conversations.Reply{Text: w.Forgotten})...); err != nil {
		return err
	}
	return b.refreshHome(ctx, user)
}

// uploadFile shares content as a file in channel (see uploadWith).
func (b *Bot) uploadFile(ctx context.Context, channel, name, title string, content []byte) error {
	_, err := b.uploadWith(ctx, channel, name, title, "", content)
	return err
}

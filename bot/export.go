package bot

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Exports for a program's records: /cairn export sends a group's
// facilitator a CSV file, one row per member per session, of what each
// member shares with the group. `cairn export` on the host writes the same
// rows (cmd/cairn/export.go); both go through ExportGroup.

// ExportGroup reads group groupID's rows for each session from since (zero:
// since the group began) to now (the group's schedule's sessions, less those
// called off; for a group without a schedule, those its check-ins were made
// for), and records in the audit log, before returning them, that actor
// read each member's.
func ExportGroup(ctx context.Context, st *store.Store, groupID, actor string, since, now time.Time) (store.Progress, error) {
	g, err := st.Group(ctx, groupID)
	if err != nil {
		return store.Progress{}, err
	}
	if since.IsZero() {
		since = exportSince(g, now)
	}
	// Sessions are in (from, to]: a session at since itself counts.
	sessions := groupSessions(g, since.Add(-time.Nanosecond), now)
	p, err := st.GroupProgress(ctx, groupID, store.ProgressQuery{Sessions: sessions, Since: since, Until: now.Add(time.Nanosecond)})
	if err != nil {
		return store.Progress{}, err
	}
	// Written before anyone sees the rows: a read that is not recorded
	// must not happen.
	if err := st.RecordAudit(ctx, progressAudit(actor, p, auditExport, now)...); err != nil {
		return store.Progress{}, err
	}
	return p, nil
}

// exportSince is where /cairn export starts: the group's first day, or a
// year back for a group that does not say.
func exportSince(g store.Group, now time.Time) time.Time {
	if g.CreatedAt.IsZero() {
		return now.AddDate(-1, 0, 0)
	}
	return g.CreatedAt
}

// exportCommand answers /cairn export in a group's channel: its
// facilitators get the CSV in their DM; anyone else a kind no.
func (b *Bot) exportCommand(ctx context.Context, cmd slack.SlashCommand) map[string]any {
	user := cmd.UserID
	fac, _ := b.store.Member(ctx, user)
	lang := conversations.LangOf(fac)
	w := conversations.WordsFor(lang)
	return b.facilitatorJob(ctx, cmd, "export", facilitatorWords{w.ExportNotAGroup, w.ExportNotFacilitator, w.ExportTrouble, w.ExportWorking},
		func(ctx context.Context, g store.Group) error {
			return b.sendExport(ctx, user, g, lang, readerZone(fac, g))
		})
}

// sendExport writes group g's CSV and shares it in facilitator user's DM.
func (b *Bot) sendExport(ctx context.Context, user string, g store.Group, lang conversations.Lang, loc *time.Location) error {
	w, now := conversations.WordsFor(lang), b.Now()
	p, err := ExportGroup(ctx, b.store, g.ID, user, time.Time{}, now)
	if err != nil {
		return err
	}
	channel, err := b.dm(ctx, user)
	if err != nil {
		return err
	}
	name := groupTitle(g)
	if len(p.Sessions) == 0 {
		_, err := b.postMessage(ctx, channel, slack.MsgOptionText(said(fmt.Sprintf(w.ExportNone, name)), false))
		return err
	}
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf); err != nil {
		return err
	}
	first := p.Sessions[0].In(loc)
	day := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, time.UTC)
	intro := said(fmt.Sprintf(w.ExportIntro, name, len(p.Sessions), conversations.SayDateIn(lang, day, now.In(loc)))) +
		"\n" + esc(w.ExportNote)
	if _, err := b.postMessage(ctx, channel, slack.MsgOptionText(intro, false),
		slack.MsgOptionBlocks(slack.NewSectionBlock(mrkdwn(intro), nil, nil))); err != nil {
		return err
	}
	file := fmt.Sprintf("cairn-%s-%s.csv", g.ID, now.In(loc).Format("2006-01-02"))
	if _, err := b.uploadWith(ctx, channel, file, fmt.Sprintf(w.ExportFileTitle, name), "", buf.Bytes()); err != nil {
		return err
	}
	b.log.Info("group exported", "user", user, "group", g.ID, "rows", len(p.Rows), "bytes", buf.Len())
	return nil
}

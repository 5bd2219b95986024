package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/internal/chart"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// A picture of progress: a member's own chart of steps done per session and
// their cairn (one stone per finished step), in their DM ("my progress" or
// its button); a group's chart for its facilitators (/cairn progress). An
// image is drawn only when it says more than a line would: one or two
// sessions, or one or two stones, are Block Kit text instead.

// chartSessions is how many sessions a chart shows: about a season.
const chartSessions = 12

// textBarsUpTo is the most sessions shown as text bars rather than a
// picture (and the most stones shown as text rather than a cairn).
const textBarsUpTo = 2

// progressPicture is what a member's progress looks like: a PNG or text
// bars, and a cairn or a line of stones (or nothing yet). App Home uses it
// as much as the DM does.
type progressPicture struct {
	Empty      bool   // nothing to show yet
	Chart      []byte // PNG; nil when Bars (or nothing) stands in for it
	ChartAlt   string
	Bars       string // mrkdwn text bars, for one or two sessions
	Cairn      []byte // PNG; nil when CairnText stands in for it
	CairnAlt   string
	CairnText  string
	CairnTitle string
	ChartTitle string
}

// progressImage draws the member's own progress, in their language and
// zone: their last sessions, and their cairn.
func (b *Bot) progressImage(ctx context.Context, user string) (progressPicture, error) {
	m, err := b.store.Member(ctx, user)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return progressPicture{}, err
	}
	w, loc, now := conversations.WordsFor(conversations.LangOf(m)), zoneOf(m), b.Now()
	groups, err := b.store.Groups(ctx)
	if err != nil {
		return progressPicture{}, err
	}
	// The member's first scheduled group sets the sessions; with none,
	// their check-ins do (the store's fallback).
	q := store.ProgressQuery{Until: now, Last: chartSessions}
	for _, g := range groups {
		if slices.Contains(g.Members, user) && g.Schedule != "" {
			q.Sessions, q.Since = groupSessions(g, now.AddDate(0, 0, -7*(chartSessions+1)), now), g.CreatedAt
			break
		}
	}
	p, err := b.store.MemberProgress(ctx, user, q)
	if err != nil {
		return progressPicture{}, err
	}
	pic := progressPicture{ChartTitle: w.ChartMemberTitle}
	bars := barsOf(p.Rows, w, loc)
	if err := pic.draw(bars, w, w.ChartMemberTitle, w.ChartTextBarsHead, func(items string) string { return fmt.Sprintf(w.ChartMemberAlt, len(bars), items) }); err != nil {
		return progressPicture{}, err
	}
	switch n := p.FinishedSteps; {
	case n == 0:
		pic.CairnText = w.CairnEmpty
	case n <= textBarsUpTo:
		pic.CairnText = fmt.Sprintf(w.CairnFew, strings.Repeat(stoneGlyph, n))
	default:
		pic.CairnTitle = fmt.Sprintf(w.CairnTitle, n)
		if pic.Cairn, err = (chart.Cairn{Title: pic.CairnTitle, Stones: n}).PNG(); err != nil {
			return progressPicture{}, err
		}
		pic.CairnAlt = fmt.Sprintf(w.CairnAlt, n)
	}
	pic.Empty = p.FinishedSteps == 0 && !slices.ContainsFunc(bars, func(s chart.Session) bool { return s.Done+s.Planned > 0 }) &&
		!slices.ContainsFunc(p.Rows, func(r store.ProgressRow) bool { return r.CheckedIn })
	return pic, nil
}

// stoneGlyph is one stone in text; barDone and barPlanned are the cells of
// a text bar.
const (
	stoneGlyph = "🪨"
	barDone    = "▰"
	barPlanned = "▱"
	barCells   = 10 // the widest text bar
)

// barsOf is the sessions of rows as chart bars, summed over members (a
// member's own rows are one per session), labelled in the reader's zone.
func barsOf(rows []store.ProgressRow, w *conversations.Words, loc *time.Location) []chart.Session {
	var out []chart.Session
	at := map[time.Time]int{}
	for _, r := range rows {
		i, ok := at[r.Session]
		if !ok {
			i = len(out)
			at[r.Session] = i
			out = append(out, chart.Session{Label: r.Session.In(loc).Format(w.ChartDateLayout)})
		}
		out[i].Done += r.Done()
		// A step done was planned, even when it was due after the session
		// (done early): never "1 done of 0 planned".
		out[i].Planned += max(r.Planned(), r.Done())
	}
	return out // in the rows' order: oldest first
}

// draw sets the picture's chart: a PNG, or text bars (headed by head) for
// few sessions.
func (pic *progressPicture) draw(bars []chart.Session, w *conversations.Words, title, head string, alt func(items string) string) error {
	if len(bars) == 0 {
		return nil
	}
	if len(bars) <= textBarsUpTo {
		pic.Bars = textBars(bars, w, head)
		return nil
	}
	png, err := chart.Steps{Title: title, XLabel: w.ChartAxisSession, YLabel: w.ChartAxisSteps,
		DoneLegend: w.ChartLegendDone, PlannedLegend: w.ChartLegendPlanned, Sessions: bars}.PNG()
	if err != nil {
		return err
	}
	items := make([]string, len(bars))
	for i, s := range bars {
		items[i] = fmt.Sprintf(w.ChartAltSession, s.Label, s.Done, s.Planned)
	}
	pic.Chart, pic.ChartAlt = png, alt(strings.Join(items, ", "))
	return nil
}

// textBars is one line per session: ▰ for each step done, ▱ for each
// planned and not done, scaled to barCells when there are more.
func textBars(bars []chart.Session, w *conversations.Words, head string) string {
	top := 1
	for _, s := range bars {
		top = max(top, s.Done, s.Planned)
	}
	scale := min(1, float64(barCells)/float64(top))
	lines := []string{head}
	for _, s := range bars {
		done := int(float64(s.Done)*scale + 0.5)
		rest := max(0, int(float64(s.Planned)*scale+0.5)-done)
		bar := strings.Repeat(barDone, done) + strings.Repeat(barPlanned, rest)
		if bar == "" {
			bar = "·"
		}
		lines = append(lines, fmt.Sprintf(w.ChartTextBar, s.Label, bar, s.Done, s.Planned))
	}
	return strings.Join(lines, "\n")
}

// chartBlocks lays out the text parts of a picture: the bars and the
// line of stones (the images are files of their own).
func chartBlocks(pic progressPicture) []slack.Block {
	var blocks []slack.Block
	for _, text := range []string{pic.Bars, pic.CairnText} {
		if text != "" {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(esc(text)), nil, nil))
		}
	}
	return blocks
}

// groupSessions are group g's sessions in (from, to], less those called off.
// A group without a schedule has none here: the store then takes the
// sessions its check-ins were made for.
func groupSessions(g store.Group, from, to time.Time) []time.Time {
	if g.Schedule == "" {
		return nil
	}
	sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return nil
	}
	out := sched.Sessions(from, to, 0)
	return slices.DeleteFunc(out, func(t time.Time) bool {
		return slices.ContainsFunc(g.Cancelled, t.Equal)
	})
}

// progressTurn carries out a turn's "my progress": on failure the member
// hears so, kindly, and the error is returned for the log.
func (b *Bot) progressTurn(ctx context.Context, user, channel string) error {
	err := b.sendProgress(ctx, user, channel)
	if err != nil {
		m, _ := b.store.Member(ctx, user)
		b.tellDM(ctx, user, conversations.WordsFor(conversations.LangOf(m)).ChartTrouble)
	}
	return err
}

// sendProgress answers "my progress" in the member's DM: a line, the
// chart (or text bars), and the cairn (or a line of stones).
func (b *Bot) sendProgress(ctx context.Context, user, channel string) error {
	pic, err := b.progressImage(ctx, user)
	if err != nil {
		return err
	}
	m, _ := b.store.Member(ctx, user)
	w := conversations.WordsFor(conversations.LangOf(m))
	if channel == "" {
		if channel, err = b.dm(ctx, user); err != nil {
			return err
		}
	}
	// Like "my data": the pictures come before the turn's own replies,
	// which wait in the outbox meanwhile.
	unlock := b.outbox.lock(user)
	defer unlock()
	intro := w.ChartMemberIntro
	if pic.Empty {
		intro = w.ChartMemberNone
	}
	blocks := append([]slack.Block{slack.NewSectionBlock(mrkdwn(esc(intro)), nil, nil)}, chartBlocks(pic)...)
	if pic.Empty {
		blocks = blocks[:1]
	}
	if _, err := b.postMessage(ctx, channel, slack.MsgOptionText(esc(intro), false), slack.MsgOptionBlocks(blocks...)); err != nil {
		return err
	}
	if pic.Empty {
		return nil
	}
	if pic.Chart != nil {
		if _, err := b.uploadWith(ctx, channel, "cairn-progress.png", pic.ChartTitle, pic.ChartAlt, pic.Chart); err != nil {
			return err
		}
	}
	if pic.Cairn != nil {
		if _, err := b.uploadWith(ctx, channel, "cairn-stones.png", pic.CairnTitle, pic.CairnAlt, pic.Cairn); err != nil {
			return err
		}
	}
	b.log.Info("progress sent", "user", user, "chart", pic.Chart != nil, "cairn", pic.Cairn != nil)
	return nil
}

// progressCommand answers /cairn progress (or chart) in a group's channel:
// its facilitators get the group's chart in their DM, counting only what
// each member shares with the group; anyone else a kind no.
func (b *Bot) progressCommand(ctx context.Context, cmd slack.SlashCommand) map[string]any {
	user := cmd.UserID
	fac, _ := b.store.Member(ctx, user)
	w := conversations.WordsFor(conversations.LangOf(fac))
	if strings.HasPrefix(cmd.ChannelID, "D") {
		// In our DM it is their own progress: a journaled turn, like "my
		// progress" typed there (the trigger_id is its identity).
		key := "slash:" + cmd.TriggerID
		if cmd.TriggerID == "" {
			key = "slash:" + user + ":" + strconv.FormatInt(b.Now().UnixNano(), 10)
		}
		if err := b.accept(ctx, intake{item: newItem(key, user, kindAction, input{Action: conversations.ActProgress})}); err != nil {
			return ephemeralText(w.ChartTrouble)
		}
		return map[string]any{} // the answer comes in the DM
	}
	return b.facilitatorJob(ctx, cmd, "group_chart", facilitatorWords{w.ChartNotAGroup, w.ChartNotFacilitator, w.ChartTrouble, w.ChartGroupSent},
		func(ctx context.Context, g store.Group) error {
			return b.sendGroupChart(ctx, user, g, w, readerZone(fac, g))
		})
}

// facilitatorWords are what a facilitator's channel command answers: not a
// group's channel, not its facilitator, trouble, and started.
type facilitatorWords struct{ notAGroup, notFacilitator, trouble, started string }

// facilitatorJob answers a facilitator's command in a group's channel
// (/cairn progress, /cairn export): it refuses anyone else kindly, acts
// once on a replayed command, and queues job; a job that fails tells the
// facilitator in their DM.
func (b *Bot) facilitatorJob(ctx context.Context, cmd slack.SlashCommand, name string, w facilitatorWords, job func(context.Context, store.Group) error) map[string]any {
	g, refused := b.facilitatorsGroup(ctx, cmd, w.notAGroup, w.notFacilitator, w.trouble)
	if refused != nil {
		return refused
	}
	switch again, err := b.replayedCommand(ctx, cmd); {
	case err != nil:
		return ephemeralText(w.trouble)
	case again:
		return ephemeralText(w.started) // the first one's answer
	}
	user := cmd.UserID
	b.enqueue(user, name, func(ctx context.Context) error {
		if err := job(ctx, g); err != nil {
			b.tellDM(ctx, user, w.trouble)
			return err
		}
		return nil
	})
	return ephemeralText(w.started)
}

// replayedCommand reports whether a command that sends a file was taken
// before (Slack's retry, or the same request twice: the same trigger_id),
// and marks it taken: a file is not sent twice for one command. Without a
// trigger_id nothing can tell, and it is taken.
func (b *Bot) replayedCommand(ctx context.Context, cmd slack.SlashCommand) (bool, error) {
	if cmd.TriggerID == "" {
		return false, nil
	}
	first, err := b.store.MarkEvent(ctx, "file-command:"+cmd.TriggerID, time.Time{})
	if err != nil {
		b.log.Error("could not record a command", "user", cmd.UserID, "err", err)
	} else if !first {
		b.log.Info("replayed command ignored", "user", cmd.UserID, "channel", cmd.ChannelID)
	}
	return !first, err
}

// firstPress marks a button press (handleAction's click) and reports
// whether this is its first arrival: a replayed press must not send a file
// or a message again. A press Slack gave no identity is always first.
func (b *Bot) firstPress(ctx context.Context, what, click string) (bool, error) {
	if click == "trigger:" || strings.HasSuffix(click, ":") {
		return true, nil
	}
	return b.store.MarkEvent(ctx, what+":"+click, time.Time{})
}

// sendGroupChart draws group g's last sessions for facilitator user, in
// their DM. Every member counted is recorded in the audit log first.
func (b *Bot) sendGroupChart(ctx context.Context, user string, g store.Group, w *conversations.Words, loc *time.Location) error {
	now := b.Now()
	sessions := groupSessions(g, now.AddDate(0, 0, -7*(chartSessions+1)), now)
	// Sessions before the group began are none of its history.
	p, err := b.store.GroupProgress(ctx, g.ID, store.ProgressQuery{Sessions: sessions, Since: g.CreatedAt, Until: now, Last: chartSessions})
	if err != nil {
		return err
	}
	if err := b.auditRead(ctx, user, p, auditChart); err != nil {
		return err
	}
	channel, err := b.dm(ctx, user)
	if err != nil {
		return err
	}
	name := groupTitle(g)
	bars := barsOf(p.Rows, w, loc)
	if len(bars) == 0 {
		_, err := b.postMessage(ctx, channel, slack.MsgOptionText(said(fmt.Sprintf(w.ChartGroupNone, name)), false))
		return err
	}
	pic := progressPicture{}
	title := fmt.Sprintf(w.ChartGroupTitle, name)
	if err := pic.draw(bars, w, title, w.ChartGroupBarsHead, func(items string) string { return fmt.Sprintf(w.ChartGroupAlt, name, len(bars), items) }); err != nil {
		return err
	}
	intro := said(fmt.Sprintf(w.ChartGroupIntro, name)) + "\n" + esc(w.ChartGroupNote)
	blocks := append([]slack.Block{slack.NewSectionBlock(mrkdwn(intro), nil, nil)}, chartBlocks(pic)...)
	if _, err := b.postMessage(ctx, channel, slack.MsgOptionText(intro, false), slack.MsgOptionBlocks(blocks...)); err != nil {
		return err
	}
	if pic.Chart != nil {
		if _, err := b.uploadWith(ctx, channel, "cairn-group-progress.png", title, pic.ChartAlt, pic.Chart); err != nil {
			return err
		}
	}
	b.log.Info("group chart sent", "user", user, "group", g.ID, "sessions", len(bars))
	return nil
}

// What the audit log calls the reads of this file and export.go.
const (
	auditChart  = "progress chart"
	auditExport = "export"
)

// auditRead records that actor saw each member in p, before they do: a
// read that is not recorded must not happen.
func (b *Bot) auditRead(ctx context.Context, actor string, p store.Progress, what string) error {
	return b.store.RecordAudit(ctx, progressAudit(actor, p, what, b.Now())...)
}

// progressAudit is one entry per member whose rows p holds.
func progressAudit(actor string, p store.Progress, what string, at time.Time) []store.AuditEntry {
	var out []store.AuditEntry
	seen := map[string]bool{}
	for _, r := range p.Rows {
		if !seen[r.MemberID] {
			seen[r.MemberID] = true
			out = append(out, store.AuditEntry{At: at, Actor: actor, Subject: r.MemberID, GroupID: p.GroupID, What: what})
		}
	}
	return out
}

// facilitatorsGroup is the group of the command's channel when its user
// facilitates it; otherwise the ephemeral answer to give instead, in the
// words given (the reader's language).
func (b *Bot) facilitatorsGroup(ctx context.Context, cmd slack.SlashCommand, notAGroup, notFacilitator, trouble string) (store.Group, map[string]any) {
	g, err := b.store.Group(ctx, cmd.ChannelID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return store.Group{}, ephemeralText(notAGroup)
	case err != nil:
		b.log.Error("could not load a group", "group", cmd.ChannelID, "err", err)
		return store.Group{}, ephemeralText(trouble)
	}
	// Seeing members' progress is seeing the roster and more: the same
	// check, made where every check is (authorize.go); its refusal is
	// said here in the reader's words.
	if err := b.authorize(ctx, cmd.UserID, actSeeRoster, &g, ""); err != nil {
		return store.Group{}, ephemeralText(notFacilitator)
	}
	return g, nil
}

func ephemeralText(text string) map[string]any {
	return map[string]any{"response_type": "ephemeral", "text": esc(text)}
}

// tellDM posts a line to user's DM, logging (not returning) a failure: it
// is said after something else already failed.
func (b *Bot) tellDM(ctx context.Context, user, text string) {
	channel, err := b.dm(ctx, user)
	if err == nil {
		_, err = b.postMessage(ctx, channel, slack.MsgOptionText(esc(text), false))
	}
	if err != nil {
		b.log.Error("could not tell a person something failed", "user", user, "err", err)
	}
}

// uploadWith shares content as a file in channel, with Slack's three steps
// (see internal/fakeslack/files.go), each one a call with its own timeout
// and retries. alt is an image's text for screen readers. It returns the
// file's id (an App Home image block can show it).
func (b *Bot) uploadWith(ctx context.Context, channel, name, title, alt string, content []byte) (string, error) {
	var u *slack.GetUploadURLExternalResponse
	err := b.call(ctx, "files.getUploadURLExternal", func(ctx context.Context) error {
		var err error
		u, err = b.api.GetUploadURLExternalContext(ctx, slack.GetUploadURLExternalParameters{FileName: name, FileSize: len(content), AltTxt: alt})
		return err
	})
	if err != nil {
		return "", err
	}
	err = b.call(ctx, "upload_url", func(ctx context.Context) error {
		return b.api.UploadToURL(ctx, slack.UploadToURLParameters{UploadURL: u.UploadURL, Content: string(content), Filename: name})
	})
	if err != nil {
		return "", err
	}
	err = b.call(ctx, "files.completeUploadExternal", func(ctx context.Context) error {
		_, err := b.api.CompleteUploadExternalContext(ctx, slack.CompleteUploadExternalParameters{
			Files: []slack.FileSummary{{ID: u.FileID, Title: title}}, Channel: channel})
		return err
	})
	if errors.Is(err, scheduler.ErrMaybeSent) {
		// Slack may have shared it (a 5xx after the work, a timeout):
		// looked for, never completed again, so no second copy. Not found,
		// the person is told and asks again.
		shared, lookErr := b.fileShared(ctx, channel, u.FileID)
		if lookErr == nil && !shared {
			// A share Slack finishes after answering shows a moment
			// later: one more look before the person is told (short: the
			// job's budget must still hold the telling).
			t := time.NewTimer(shareLookAgain)
			select {
			case <-ctx.Done():
				t.Stop()
			case <-t.C:
				shared, lookErr = b.fileShared(ctx, channel, u.FileID)
			}
		}
		switch {
		case lookErr != nil:
			return "", fmt.Errorf("%w; and looking for file %s in %s failed: %v", err, u.FileID, channel, lookErr)
		case shared:
			b.log.Info("a file Slack answered with an error was shared", "channel", channel, "file", u.FileID)
			return u.FileID, nil
		}
	}
	return u.FileID, err
}

// shareLookAgain is the pause before a second look for a file that may
// have been shared.
const shareLookAgain = 500 * time.Millisecond

// fileShared reports whether the newest messages of channel carry file id.
// The file was shared just now, if at all: one page is enough.
func (b *Bot) fileShared(ctx context.Context, channel, id string) (bool, error) {
	var resp *slack.GetConversationHistoryResponse
	err := b.call(ctx, "conversations.history", func(ctx context.Context) error {
		var err error
		resp, err = b.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{ChannelID: channel, Limit: 50})
		return err
	})
	if err != nil {
		return false, err
	}
	for _, m := range resp.Messages {
		for _, f := range m.Files {
			if f.ID == id {
				return true, nil
			}
		}
	}
	return false, nil
}

// readerZone is where a facilitator reads dates: their own zone, else
// their group's, else UTC.
func readerZone(fac store.Member, g store.Group) *time.Location {
	return conversations.Zone(fac.TZ, conversations.Zone(g.TZ, time.UTC))
}

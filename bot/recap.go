package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// Session recaps. A group's facilitator runs /cairn recap in the group's
// channel (or presses Recap in their App Home) and gets a form for the
// session just held, or one of the last few: who came, themes, wins, next
// steps, the next session's date, and the highlights members share, to
// tick. Submitting stores the recap with the session and posts it to the
// channel; submitting it again later edits that message in place. A form
// closed without submitting is kept as a draft: Slack sends view_closed
// with the form's state when the modal has notify_on_close, and reopening
// brings the draft back. A saved recap is never lost: until the channel
// shows it and its members are told, it is marked in the store, and Cairn
// finishes the job itself on a retry schedule and at every start.

const (
	callbackRecap      = "session_recap"
	actionRecapOpen    = "recap_open"    // the App Home button; its value is the group's channel
	actionRecapSession = "recap_session" // the form's session picker

	blockRecapSession                        = "recap_session_block"
	blockRecapAttended, fieldRecapAttended   = "recap_attended", "recap_attended_input"
	blockRecapThemes, fieldRecapThemes       = "recap_themes", "recap_themes_input"
	blockRecapWins, fieldRecapWins           = "recap_wins", "recap_wins_input"
	blockRecapNextSteps, fieldRecapNextSteps = "recap_next_steps", "recap_next_steps_input"
	blockRecapNextDate, fieldRecapNextDate   = "recap_next_date", "recap_next_date_input"
	blockRecapHighlights, fieldRecapTicked   = "recap_hl_", "recap_hl_input" // block: + member ID

	// recapEvent tags a recap's channel message (metadata), so a post that
	// may have arrived is looked for before it is posted again.
	recapEvent = "cairn_recap"

	recapSessions = 6    // sessions offered in the picker, newest first
	recapMaxText  = 2000 // per field the facilitator types
	auditRecap    = "recap"
)

// Limits of Slack's Block Kit the form stays inside.
const (
	recapOptionMax     = 75  // an option's text
	recapOptionsMax    = 100 // a select's options
	recapCheckboxesMax = 10  // a checkbox group's options
)

// recapCommand answers /cairn recap in a group's channel: the form opens
// after the ack, for the group's facilitators only.
func (b *Bot) recapCommand(ctx context.Context, cmd slack.SlashCommand) map[string]any {
	w := b.recapWordsOf(ctx, cmd.UserID)
	ephemeral := func(text string) map[string]any { return map[string]any{"response_type": "ephemeral", "text": text} }
	g, sessions, refusal := b.recapAllowed(ctx, cmd.UserID, cmd.ChannelID)
	if refusal != "" {
		return ephemeral(refusal)
	}
	user, trigger, channelName := cmd.UserID, cmd.TriggerID, cmd.ChannelName
	b.enqueue(user, "recap_open", func(ctx context.Context) error {
		if err := b.openRecap(ctx, user, trigger, "", "", g, sessions, sessions[0], channelName); err != nil {
			b.log.Error("could not open the recap form", "user", user, "group", g.ID, "err", err)
			return b.deliver(ctx, user, "", []conversations.Reply{{Text: w.RecapTrouble}})
		}
		return nil
	})
	return map[string]any{} // the form is the answer
}

// recapAllowed checks that user facilitates the group of channel and that
// it has met; it returns the group and its last sessions (newest first),
// or the kind words of a refusal.
func (b *Bot) recapAllowed(ctx context.Context, user, channel string) (store.Group, []time.Time, string) {
	w := b.recapWordsOf(ctx, user)
	g, err := b.store.Group(ctx, channel)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return g, nil, w.RecapNoGroupHere
	case err != nil:
		b.log.Error("could not load a group", "group", channel, "err", err)
		return g, nil, w.RecapTrouble
	case !slices.Contains(g.Facilitators, user):
		return g, nil, w.RecapNotFacilitator
	}
	sessions := recapSessionsOf(g, b.Now())
	if len(sessions) == 0 {
		return g, nil, w.RecapNoSession
	}
	return g, sessions, ""
}

// recapSessionsOf are g's last sessions that began by now, newest first, less
// those called off and those from before the group was set up in Cairn (a
// day's grace: a group set up just after its meeting can recap it).
func recapSessionsOf(g store.Group, now time.Time) []time.Time {
	sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return nil
	}
	from := now.AddDate(0, 0, -62)
	if began := g.CreatedAt.Add(-24 * time.Hour); !g.CreatedAt.IsZero() && began.After(from) && g.CreatedAt.Before(now) {
		from = began
	}
	all := sched.Sessions(from, now, 0)
	var out []time.Time
	for i := len(all) - 1; i >= 0 && len(out) < recapSessions; i-- {
		if !slices.ContainsFunc(g.Cancelled, all[i].Equal) {
			out = append(out, all[i].UTC())
		}
	}
	return out
}

// recapAction handles the App Home's Recap button, the form's session
// picker, and a closed form (kept as a draft).
func (b *Bot) recapAction(cb slack.InteractionCallback) intake {
	user := cb.User.ID
	if cb.Type == slack.InteractionTypeViewClosed {
		v := cb.View
		return intake{after: func(context.Context) {
			b.enqueue(user, "recap_draft", func(ctx context.Context) error { return b.keepRecapDraft(ctx, user, v) })
		}}
	}
	a := cb.ActionCallback.BlockActions[0]
	trigger := cb.TriggerID
	switch a.ActionID {
	case actionRecapOpen:
		channel := a.Value
		return intake{after: func(ctx context.Context) {
			// trigger_id lasts 3 seconds: the form opens right after the ack.
			g, sessions, refusal := b.recapAllowed(ctx, user, channel)
			if refusal != "" {
				b.enqueue(user, "recap_refused", func(ctx context.Context) error {
					return b.deliver(ctx, user, "", []conversations.Reply{{Text: refusal}})
				})
				return
			}
			if err := b.openRecap(ctx, user, trigger, "", "", g, sessions, sessions[0], ""); err != nil {
				b.log.Error("could not open the recap form", "user", user, "group", g.ID, "err", err)
			}
		}}
	case actionRecapSession:
		groupID, _, channelName := parseRecapMeta(cb.View.PrivateMetadata)
		unix, err := strconv.ParseInt(a.SelectedOption.Value, 10, 64)
		if err != nil {
			return intake{}
		}
		viewID, hash := cb.View.ID, cb.View.Hash
		return intake{after: func(ctx context.Context) {
			g, sessions, refusal := b.recapAllowed(ctx, user, groupID)
			session := time.Unix(unix, 0).UTC()
			if refusal != "" || !slices.ContainsFunc(sessions, session.Equal) {
				b.log.Warn("recap session pick refused", "user", user, "group", groupID)
				return
			}
			if err := b.openRecap(ctx, user, "", viewID, hash, g, sessions, session, channelName); err != nil {
				b.log.Error("could not show another session's recap", "user", user, "group", groupID, "err", err)
			}
		}}
	}
	return intake{}
}

// recapMeta is the form's private metadata: the group, the session and
// the channel's name (for the members' DMs).
func recapMeta(groupID string, session time.Time, channelName string) string {
	return groupID + "|" + strconv.FormatInt(session.Unix(), 10) + "|" + channelName
}

func parseRecapMeta(s string) (groupID string, session time.Time, channelName string) {
	parts := strings.SplitN(s, "|", 3)
	if len(parts) < 2 {
		return "", time.Time{}, ""
	}
	unix, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return "", time.Time{}, ""
	}
	if len(parts) == 3 {
		channelName = parts[2]
	}
	return parts[0], time.Unix(unix, 0).UTC(), channelName
}

// recapOffer is what the form offers for one session: who may be ticked as
// attending (checked in: preselected), and each member's highlights.
type recapOffer struct {
	members    []store.Member
	checkedIn  []string
	highlights map[string][]store.RecapHighlight // member → what they share, as offered
}

// recapOfferFor reads what the form for g's session may show. A member's
// did and plan are offered only when they share everything and did not keep
// that answer to themselves; their steps to practise only when they share
// at least their steps.
func (b *Bot) recapOfferFor(ctx context.Context, g store.Group, session time.Time) (recapOffer, error) {
	o := recapOffer{highlights: map[string][]store.RecapHighlight{}}
	members, err := b.store.Members(ctx, g.Members)
	if err != nil {
		return o, err
	}
	o.members = members
	groups, err := b.store.Groups(ctx)
	if err != nil {
		return o, err
	}
	prev := time.Time{}
	if sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText); err == nil {
		if earlier := sched.Sessions(session.AddDate(0, 0, -62), session.Add(-time.Second), 0); len(earlier) > 0 {
			prev = earlier[len(earlier)-1]
		}
	}
	if prev.IsZero() {
		prev = session.AddDate(0, 0, -31)
	}
	for _, m := range members {
		c, err := b.recapCheckIn(ctx, g, groups, m.ID, prev, session)
		if err != nil {
			return o, err
		}
		if c != nil {
			o.checkedIn = append(o.checkedIn, m.ID)
		}
		sharing := g.SharingOf(m.ID)
		if sharing == store.ShareCheckedIn {
			continue
		}
		var hs []store.RecapHighlight
		if c != nil && sharing == store.ShareAll {
			if c.Did != "" && !slices.Contains(c.Private, "did") {
				hs = append(hs, store.RecapHighlight{MemberID: m.ID, Kind: store.HighlightDid, Text: c.Did})
			}
			if c.Plan != "" && !slices.Contains(c.Private, "plan") {
				hs = append(hs, store.RecapHighlight{MemberID: m.ID, Kind: store.HighlightPlan, Text: c.Plan})
			}
		}
		view, err := b.store.MemberView(ctx, m.ID)
		if err != nil {
			return o, err
		}
		for _, gs := range view.Goals {
			if gs.Goal.Status != store.GoalActive {
				continue
			}
			for _, st := range gs.Steps {
				// A step practised at an earlier session is not offered again.
				// Practise steps are offered from members who share their
				// steps: the member asked to bring this step to the group.
				if st.Practise && (st.PractisedAt.IsZero() || !st.PractisedAt.Before(session)) {
					hs = append(hs, store.RecapHighlight{MemberID: m.ID, Kind: store.HighlightPractise, StepID: st.ID, Text: st.What})
				}
			}
		}
		if len(hs) > recapCheckboxesMax {
			hs = hs[:recapCheckboxesMax]
		}
		if len(hs) > 0 {
			o.highlights[m.ID] = hs
		}
	}
	return o, nil
}

// recapCheckIn is member's check-in for g's session: one made for it, or on
// their own since the session before. One the member started themself
// counts only when g is their only group: what a member tells one group is
// never shown to another.
func (b *Bot) recapCheckIn(ctx context.Context, g store.Group, groups []store.Group, member string, prev, session time.Time) (*store.CheckIn, error) {
	cs, err := b.store.CheckIns(ctx, member, prev.Add(time.Nanosecond), session.Add(time.Nanosecond))
	if err != nil {
		return nil, err
	}
	only := 0
	for _, other := range groups {
		if slices.Contains(other.Members, member) {
			only++
		}
	}
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].GroupID == g.ID || cs[i].GroupID == "" && only == 1 {
			return &cs[i], nil
		}
	}
	return nil, nil
}

// recapHighlightValue names a highlight in the form; the form's values are
// only ever matched against what recapOfferFor offers.
func recapHighlightValue(h store.RecapHighlight) string {
	if h.Kind == store.HighlightPractise {
		return h.Kind + ":" + strconv.FormatUint(h.StepID, 10)
	}
	return h.Kind
}

// openRecap shows the form for session: a new one (trigger), or the open
// one changed to another session (viewID, hash). It is filled with the
// facilitator's draft, else the saved recap, else what is known.
func (b *Bot) openRecap(ctx context.Context, user, trigger, viewID, hash string, g store.Group, sessions []time.Time, session time.Time, channelName string) error {
	fac, _ := b.store.Member(ctx, user)
	lang := conversations.LangOf(fac)
	o, err := b.recapOfferFor(ctx, g, session)
	if err != nil {
		return err
	}
	saved, err := b.store.Recap(ctx, g.ID, session)
	exists := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	fill, draft := saved, false
	if d, err := b.store.RecapDraft(ctx, g.ID, session, user); err == nil {
		fill, draft = d, true
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if !exists && !draft {
		fill = store.Recap{Attended: o.checkedIn, NextSession: b.recapNextDate(g, session)}
	}
	// Reading members' shared words is recorded, like a digest.
	var seen []store.AuditEntry
	for id := range o.highlights {
		seen = append(seen, store.AuditEntry{At: b.Now(), Actor: user, Subject: id, GroupID: g.ID, What: auditRecap})
	}
	if err := b.store.RecordAudit(ctx, seen...); err != nil {
		return err
	}
	view := recapModal(conversations.WordsFor(lang), lang, g, sessions, session, o, fill, exists, draft, channelName, b.Now().In(zoneOf(fac)))
	if viewID != "" {
		return b.call(ctx, "views.update", func(ctx context.Context) error {
			_, err := b.api.UpdateViewContext(ctx, view, "", hash, viewID)
			return err
		})
	}
	return b.openModal(ctx, trigger, view)
}

// recapNextDate is the date (midnight UTC) of g's first session after
// session that is not called off, in the group's zone; zero if none.
func (b *Bot) recapNextDate(g store.Group, session time.Time) time.Time {
	sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return time.Time{}
	}
	for _, t := range sched.Sessions(session, session.AddDate(0, 0, 62), 0) {
		if t.After(session) && !slices.ContainsFunc(g.Cancelled, t.Equal) {
			l := t.In(sched.Location())
			return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Time{}
}

// recapDate is a session's date in its group's zone, as midnight UTC
// (what conversations.SayDateIn takes).
func recapDate(g store.Group, session time.Time) time.Time {
	loc := conversations.Zone(g.TZ, time.UTC)
	if sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText); err == nil && sched.Location() != nil {
		loc = sched.Location()
	}
	l := session.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// recapModal lays out the form.
func recapModal(w *conversations.Words, lang conversations.Lang, g store.Group, sessions []time.Time, session time.Time, o recapOffer, fill store.Recap, exists, draft bool, channelName string, now time.Time) slack.ModalViewRequest {
	var blocks []slack.Block
	sessionOption := func(s time.Time) *slack.OptionBlockObject {
		return slack.NewOptionBlockObject(strconv.FormatInt(s.Unix(), 10), plain(conversations.Clip(conversations.SayDateIn(lang, recapDate(g, s), now), recapOptionMax)), nil)
	}
	var options []*slack.OptionBlockObject
	var chosen *slack.OptionBlockObject
	for _, s := range sessions {
		opt := sessionOption(s)
		options = append(options, opt)
		if s.Equal(session) {
			chosen = opt
		}
	}
	picker := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(w.RecapSessionLabel), actionRecapSession, options...)
	picker.InitialOption = chosen
	blocks = append(blocks, slack.NewSectionBlock(mrkdwn("*"+esc(w.RecapSessionLabel)+"*"), nil, slack.NewAccessory(picker), slack.SectionBlockOptionBlockID(blockRecapSession)))
	var notes []string
	if exists {
		notes = append(notes, w.RecapEditNote)
	}
	if draft {
		notes = append(notes, w.RecapDraftNote)
	}
	if len(notes) > 0 {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(esc(strings.Join(notes, " ")))))
	}

	var people, picked []*slack.OptionBlockObject
	for _, m := range o.members {
		if len(people) == recapOptionsMax {
			break
		}
		opt := slack.NewOptionBlockObject(m.ID, plain(conversations.Clip(recapNameOf(m), recapOptionMax)), nil)
		people = append(people, opt)
		if slices.Contains(fill.Attended, m.ID) {
			picked = append(picked, opt)
		}
	}
	attended := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeStatic, plain(w.RecapAttendancePick), fieldRecapAttended, people...)
	attended.InitialOptions = picked
	blocks = append(blocks, slack.NewInputBlock(blockRecapAttended, plain(w.RecapAttendanceLabel), nil, attended))

	text := func(block, field, label, initial string) *slack.InputBlock {
		el := slack.NewPlainTextInputBlockElement(nil, field)
		el.Multiline, el.InitialValue, el.MaxLength = true, initial, recapMaxText
		ib := slack.NewInputBlock(block, plain(label), nil, el)
		ib.Optional = true
		return ib
	}
	blocks = append(blocks,
		text(blockRecapThemes, fieldRecapThemes, w.RecapThemesLabel, fill.Themes),
		text(blockRecapWins, fieldRecapWins, w.RecapWinsLabel, fill.Wins),
		text(blockRecapNextSteps, fieldRecapNextSteps, w.RecapNextStepsLabel, fill.NextSteps))
	date := slack.NewDatePickerBlockElement(fieldRecapNextDate)
	if !fill.NextSession.IsZero() {
		date.InitialDate = fill.NextSession.Format(time.DateOnly)
	}
	next := slack.NewInputBlock(blockRecapNextDate, plain(w.RecapNextSessionLabel), plain(w.RecapNextSessionHint), date)
	next.Optional = true
	blocks = append(blocks, next)

	if len(o.highlights) == 0 {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(esc(w.RecapNoHighlights))))
	} else {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(esc(w.RecapHighlightsIntro))))
	}
	for _, m := range o.members {
		hs := o.highlights[m.ID]
		if len(hs) == 0 || len(blocks) >= 99 {
			continue
		}
		var opts, ticked []*slack.OptionBlockObject
		for _, h := range hs {
			opt := slack.NewOptionBlockObject(recapHighlightValue(h), plain(conversations.Clip(recapHighlightLine(w, h), recapOptionMax)), nil)
			opts = append(opts, opt)
			if slices.ContainsFunc(fill.Highlights, func(f store.RecapHighlight) bool {
				return f.MemberID == m.ID && recapHighlightValue(f) == recapHighlightValue(h)
			}) {
				ticked = append(ticked, opt)
			}
		}
		boxes := slack.NewCheckboxGroupsBlockElement(fieldRecapTicked, opts...)
		boxes.InitialOptions = ticked
		ib := slack.NewInputBlock(blockRecapHighlights+m.ID, plain(fmt.Sprintf(w.RecapHighlightsOf, recapNameOf(m))), nil, boxes)
		ib.Optional = true
		blocks = append(blocks, ib)
	}
	submit := w.RecapPost
	if exists {
		submit = w.RecapUpdate
	}
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain(w.RecapTitle), Submit: plain(submit), Close: plain(w.RecapClose),
		CallbackID: callbackRecap, PrivateMetadata: recapMeta(g.ID, session, channelName),
		NotifyOnClose: true, // a closed form is kept as a draft
		Blocks:        slack.Blocks{BlockSet: blocks},
	}
}

// recapNameOf is how a member is named to a facilitator: their name, else a
// Slack mention's ID (never empty).
func recapNameOf(m store.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return m.ID
}

// recapHighlightMrkdwn is a highlight for the channel: the member's words
// as written, never markup.
func recapHighlightMrkdwn(w *conversations.Words, h store.RecapHighlight) string {
	format := w.RecapPractise
	switch h.Kind {
	case store.HighlightDid:
		format = w.RecapDid
	case store.HighlightPlan:
		format = w.RecapPlan
	}
	return fmt.Sprintf(esc(format), said(h.Text))
}

// recapHighlightLine is a highlight in the form (plain text).
func recapHighlightLine(w *conversations.Words, h store.RecapHighlight) string {
	switch h.Kind {
	case store.HighlightDid:
		return fmt.Sprintf(w.RecapDid, h.Text)
	case store.HighlightPlan:
		return fmt.Sprintf(w.RecapPlan, h.Text)
	}
	return fmt.Sprintf(w.RecapPractise, h.Text)
}

// recapFromView reads a submitted (or closed) form into a recap. Highlights
// are kept only when offered now: the form's values name them, the store
// says what they are.
func recapFromView(v slack.View, groupID string, session time.Time, o recapOffer) store.Recap {
	typed := func(block, field string) string {
		return strings.TrimSpace(conversations.Sanitize(viewValue(v, block, field).Value))
	}
	r := store.Recap{GroupID: groupID, Session: session,
		Themes: typed(blockRecapThemes, fieldRecapThemes), Wins: typed(blockRecapWins, fieldRecapWins),
		NextSteps: typed(blockRecapNextSteps, fieldRecapNextSteps)}
	joined := map[string]bool{}
	for _, m := range o.members {
		joined[m.ID] = true
	}
	for _, opt := range viewValue(v, blockRecapAttended, fieldRecapAttended).SelectedOptions {
		if joined[opt.Value] && !slices.Contains(r.Attended, opt.Value) {
			r.Attended = append(r.Attended, opt.Value)
		}
	}
	if d, err := time.Parse(time.DateOnly, viewValue(v, blockRecapNextDate, fieldRecapNextDate).SelectedDate); err == nil {
		r.NextSession = d
	}
	for _, m := range o.members {
		for _, opt := range viewValue(v, blockRecapHighlights+m.ID, fieldRecapTicked).SelectedOptions {
			for _, h := range o.highlights[m.ID] {
				if recapHighlightValue(h) == opt.Value {
					r.Highlights = append(r.Highlights, h)
				}
			}
		}
	}
	return r
}

// keepRecapDraft saves a closed form as the facilitator's draft.
func (b *Bot) keepRecapDraft(ctx context.Context, user string, v slack.View) error {
	groupID, session, _ := parseRecapMeta(v.PrivateMetadata)
	g, sessions, refusal := b.recapAllowed(ctx, user, groupID)
	if refusal != "" || !slices.ContainsFunc(sessions, session.Equal) {
		return nil // not theirs to keep, or the session is long past
	}
	o, err := b.recapOfferFor(ctx, g, session)
	if err != nil {
		return err
	}
	return b.store.SaveRecapDraft(ctx, recapFromView(v, g.ID, session, o), user)
}

// submitRecap validates and saves the form, then posts (or updates) the
// channel message after the ack. A replayed submission is acknowledged and
// changes nothing.
func (b *Bot) submitRecap(ctx context.Context, user, triggerID string, v slack.View) any {
	w := b.recapWordsOf(ctx, user)
	groupID, session, channelName := parseRecapMeta(v.PrivateMetadata)
	g, sessions, refusal := b.recapAllowed(ctx, user, groupID)
	if refusal == "" && !slices.ContainsFunc(sessions, session.Equal) {
		refusal = w.RecapNoSession
	}
	if refusal != "" {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockRecapAttended: refusal})
	}
	o, err := b.recapOfferFor(ctx, g, session)
	if err != nil {
		b.log.Error("could not read a session for its recap", "group", g.ID, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockRecapAttended: w.RecapTrouble})
	}
	r := recapFromView(v, g.ID, session, o)
	r.By, r.Where = user, channelName
	errs := map[string]string{}
	if len(r.Attended) == 0 {
		errs[blockRecapAttended] = w.RecapPickAttendance
	}
	for block, s := range map[string]string{blockRecapThemes: r.Themes, blockRecapWins: r.Wins, blockRecapNextSteps: r.NextSteps} {
		if len([]rune(s)) > recapMaxText {
			errs[block] = w.RecapTooLong
		}
	}
	if !r.NextSession.IsZero() && !r.NextSession.After(recapDate(g, session)) {
		errs[blockRecapNextDate] = w.RecapPastDate
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs)
	}
	key := requestKey("view", triggerID)
	if key == "" && v.ID != "" {
		key = "view:" + v.ID + ":" + v.Hash // a replay carries the same view and hash
	}
	_, _, err = b.store.SaveRecap(ctx, r, key)
	switch {
	case errors.Is(err, store.ErrDuplicate):
		b.log.Info("replayed form ignored", "group", g.ID, "user", user, "form", callbackRecap)
		return nil
	case err != nil:
		b.log.Error("could not save a recap", "group", g.ID, "user", user, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockRecapAttended: w.RecapTrouble})
	}
	b.log.Info("recap saved", "group", g.ID, "user", user)
	b.publishLater(g.ID, session, user, 0)
	return nil
}

// publishLater queues the publishing of groupID's recap of session. Every
// publishing of a group's recaps runs on one worker (keyed by the group),
// so a retry and a new save never post the same recap side by side. A
// failed attempt is tried again after the outbox's waits, doubling; user
// (the facilitator who just saved, "" on a retry) is told of a failure.
func (b *Bot) publishLater(groupID string, session time.Time, user string, attempt int) {
	b.enqueue("recap:"+groupID, "recap_post", func(ctx context.Context) error {
		err := b.publishRecap(ctx, user, groupID, session)
		if err == nil || errors.Is(err, store.ErrNotFound) || ctx.Err() != nil {
			return err // done, gone, or stopping: the next start looks again
		}
		if code := slackCode(err); code != "" && !maybeDoneCodes[code] && !notDoneCodes[code] {
			// Slack refused (not in the channel, archived, message
			// deleted): waiting will not change that. Saving again, or
			// the next start, tries again.
			return err
		}
		wait := b.outbox.wait(attempt)
		b.log.Warn("could not post a recap; will try again", "group", groupID, "wait", wait, "err", err)
		time.AfterFunc(wait, func() {
			select {
			case <-b.quit:
			default:
				b.publishLater(groupID, session, "", attempt+1)
			}
		})
		return nil
	})
}

// resumeRecaps queues, at start, the recaps a previous run saved but did
// not finish publishing (stopped between the save and the post, or
// between the post and the members' DMs).
func (b *Bot) resumeRecaps() {
	rs, err := b.store.UnpublishedRecaps(b.runCtx)
	if err != nil {
		b.log.Error("could not read the recaps left to post", "err", err)
		return
	}
	for _, r := range rs {
		b.log.Info("posting a recap a previous run left", "group", r.GroupID)
		b.publishLater(r.GroupID, r.Session, "", 0)
	}
}

// publishRecap brings the group's channel up to date with the saved recap:
// a new message, or the one posted before updated in place; then, after
// the first post, each member who came is told in their DM. A post that
// may have arrived (a timeout, a 5xx) is looked for by its tag before it
// is posted again. Each step is recorded as it is done, so calling it
// again after any failure or stop finishes the job without doubling it.
func (b *Bot) publishRecap(ctx context.Context, user, groupID string, session time.Time) error {
	r, err := b.store.Recap(ctx, groupID, session)
	if err != nil {
		return err
	}
	if r.Posted() && !r.Publish && !r.Tell {
		return nil // published by an earlier job
	}
	// The version shown: an edit saved while this one is posted keeps
	// Publish set, for its own job to show.
	version := r.UpdatedAt
	g, err := b.store.Group(ctx, groupID)
	if err != nil {
		return err
	}
	by, _ := b.store.Member(ctx, r.By)
	msg := b.recapMessage(ctx, conversations.LangOf(by), g, r)
	switch {
	case !r.Posted():
		ts, err := b.postRecap(ctx, user, g, r, msg)
		if err != nil {
			return err
		}
		if _, err := b.store.SetRecapPost(ctx, g.ID, session, g.ID, ts); err != nil {
			return err
		}
		b.log.Info("recap posted", "group", g.ID, "user", r.By)
	case r.Publish:
		if err := b.update(ctx, r.Channel, r.TS, msg...); err != nil {
			return err
		}
	}
	if r, err = b.store.Recap(ctx, groupID, session); err != nil {
		return err
	}
	if err := b.tellRecap(ctx, g, r); err != nil {
		return err
	}
	return b.store.RecapPublished(ctx, groupID, session, version)
}

// postRecap puts a recap in its channel for the first time and returns the
// message's ts: the one already there when an earlier try may have posted
// it, else a new one.
func (b *Bot) postRecap(ctx context.Context, user string, g store.Group, r store.Recap, msg []slack.MsgOption) (string, error) {
	tag := recapTag(g.ID, r.Session)
	found := func() (string, bool, error) {
		ts, ok, err := b.findTagged(ctx, g.ID, recapEvent, tag, r.CreatedAt.Add(-outboxLookBack))
		if err != nil || !ok {
			return "", false, err
		}
		// It may hold an earlier version of the recap: bring it up to date.
		return ts, true, b.update(ctx, g.ID, ts, msg...)
	}
	if r.Posting {
		if ts, ok, err := found(); ok || err != nil {
			return ts, err
		}
	}
	if _, err := b.store.SetRecapPost(ctx, g.ID, r.Session, "", ""); err != nil {
		return "", err
	}
	opts := append(msg, slack.MsgOptionMetadata(slack.SlackMetadata{EventType: recapEvent, EventPayload: map[string]any{"key": tag}}))
	ts, err := b.postMessage(ctx, g.ID, opts...)
	if errors.Is(err, scheduler.ErrMaybeSent) {
		b.log.Warn("a recap may not have reached Slack; looking for it", "group", g.ID, "err", err)
		if fts, ok, ferr := found(); ok || ferr != nil {
			return fts, ferr
		}
		// Not there yet: a later try looks again before posting.
		return "", err
	}
	if err != nil && user != "" {
		w := b.recapWordsOf(ctx, user)
		if derr := b.deliver(ctx, user, "", []conversations.Reply{{Text: fmt.Sprintf(w.RecapPostFailed, recapWhere(g, r))}}); derr != nil {
			return "", errors.Join(err, derr)
		}
	}
	return ts, err
}

func recapTag(groupID string, session time.Time) string {
	return groupID + "|" + strconv.FormatInt(session.Unix(), 10)
}

// recapWhere names the recap's channel in a DM: #name as Slack gave it
// when the recap was saved, else the group's name.
func recapWhere(g store.Group, r store.Recap) string {
	if r.Where != "" {
		return "#" + r.Where
	}
	return g.Name
}

// tellRecap tells each member who came, once, in their DM and language,
// with their own next step. The DMs are staged in the outbox in the same
// commit that records them told, so a stop at any point sends each once;
// the outbox posts them (and retries them) from there.
func (b *Bot) tellRecap(ctx context.Context, g store.Group, r store.Recap) error {
	if !r.Tell {
		return nil
	}
	var msgs []store.Outgoing
	for _, id := range r.Attended {
		if !slices.Contains(g.Members, id) {
			continue
		}
		m, _ := b.store.Member(ctx, id)
		w := conversations.WordsFor(conversations.LangOf(m))
		text := fmt.Sprintf(w.RecapIsUp, recapWhere(g, r))
		if step, ok := b.recapNextStep(ctx, id); ok {
			text += "\n" + fmt.Sprintf(w.RecapNextStep, step.What)
		} else {
			text += "\n" + w.RecapNoStep
		}
		body, err := json.Marshal(conversations.Reply{Text: text})
		if err != nil {
			return fmt.Errorf("bot: encode a recap DM to %s: %w", id, err)
		}
		msgs = append(msgs, store.Outgoing{MemberID: id, Body: body})
	}
	ids, told, err := b.store.TellRecap(ctx, g.ID, r.Session, msgs)
	if err != nil || !told {
		return err
	}
	b.outbox.trust(ids...)
	for _, o := range msgs {
		// A DM Slack refuses now stays in the outbox, which retries it.
		if err := b.sendReplies(ctx, o.MemberID); err != nil {
			b.log.Warn("a recap DM waits in the outbox", "user", o.MemberID, "group", g.ID, "err", err)
		}
	}
	return nil
}

// recapNextStep is the member's open step due soonest, in their active goals.
func (b *Bot) recapNextStep(ctx context.Context, member string) (store.Step, bool) {
	view, err := b.store.MemberView(ctx, member)
	if err != nil {
		return store.Step{}, false
	}
	var next store.Step
	found := false
	for _, gs := range view.Goals {
		if gs.Goal.Status != store.GoalActive {
			continue
		}
		for _, st := range gs.Steps {
			if !st.Done() && (!found || st.Due.Before(next.Due)) {
				next, found = st, true
			}
		}
	}
	return next, found
}

// recapMessage is a recap's channel message, in lang (the facilitator's).
func (b *Bot) recapMessage(ctx context.Context, lang conversations.Lang, g store.Group, r store.Recap) []slack.MsgOption {
	ids := slices.Clone(r.Attended)
	for _, h := range r.Highlights {
		if !slices.Contains(ids, h.MemberID) {
			ids = append(ids, h.MemberID)
		}
	}
	members, err := b.store.Members(ctx, ids)
	if err != nil {
		b.log.Warn("could not read members' names for a recap; naming them by mention", "group", g.ID, "err", err)
	}
	text, blocks := recapBlocks(conversations.WordsFor(lang), lang, g, r, members, b.Now().In(conversations.Zone(g.TZ, time.UTC)))
	return []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)}
}

// recapBlocks lays out a recap: its fallback text and blocks. Typed words,
// the facilitator's and the members', are shown as written, never as
// markup. Attendance is a count, naming only the members who share at
// least their steps. members are the records of those it names.
func recapBlocks(w *conversations.Words, lang conversations.Lang, g store.Group, r store.Recap, members []store.Member, now time.Time) (string, []slack.Block) {
	who := func(id string) string {
		for _, m := range members {
			if m.ID == id {
				return recapWho(m)
			}
		}
		return recapWho(store.Member{ID: id})
	}
	header := fmt.Sprintf(w.RecapHeader, conversations.SayDayIn(lang, recapDate(g, r.Session), now)) // stays in the channel: no "today"
	blocks := []slack.Block{slack.NewHeaderBlock(plain(conversations.Clip(header, 150)))}
	var named []string
	for _, id := range r.Attended {
		if s := g.SharingOf(id); (s == store.ShareSteps || s == store.ShareAll) && slices.Contains(g.Members, id) {
			named = append(named, who(id))
		}
	}
	attendance := fmt.Sprintf(esc(w.RecapAttendance), len(r.Attended), len(g.Members))
	if len(named) > 0 {
		attendance += "\n" + fmt.Sprintf(esc(w.RecapAttendanceWho), strings.Join(named, ", "))
	}
	blocks = append(blocks, slack.NewSectionBlock(mrkdwn(attendance), nil, nil))
	section := func(head, body string) {
		if body != "" {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(conversations.Clip("*"+esc(head)+"*\n"+body, sectionMax)), nil, nil))
		}
	}
	section(w.RecapWinsHead, said(r.Wins))
	section(w.RecapThemesHead, said(r.Themes))
	section(w.RecapNextStepsHead, said(r.NextSteps))
	var shared, practised []string
	for _, h := range r.Highlights {
		if h.Kind == store.HighlightPractise {
			practised = append(practised, "• "+fmt.Sprintf(esc(w.RecapPractisedLine), who(h.MemberID), said(h.Text)))
			continue
		}
		shared = append(shared, "• "+who(h.MemberID)+" — "+recapHighlightMrkdwn(w, h))
	}
	section(w.RecapHighlightsHead, strings.Join(shared, "\n"))
	section(w.RecapPractisedHead, strings.Join(practised, "\n"))
	if !r.NextSession.IsZero() {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(esc(fmt.Sprintf(w.RecapNextSession, conversations.SayDateIn(lang, r.NextSession, now))))))
	}
	return said(header), blocks
}

// recapWho names a member in the channel's mrkdwn: their name as written,
// else a mention Slack shows as their name.
func recapWho(m store.Member) string {
	if m.Name != "" {
		return said(m.Name)
	}
	return "<@" + m.ID + ">"
}

// recapWordsOf is the catalogue in the person's own language.
func (b *Bot) recapWordsOf(ctx context.Context, user string) *conversations.Words {
	m, _ := b.store.Member(ctx, user)
	return conversations.WordsFor(conversations.LangOf(m))
}

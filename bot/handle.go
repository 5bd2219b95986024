package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// handleEvent takes one Events API callback (from either transport) and
// says what it becomes; the transport journals it before the ack.
func (b *Bot) handleEvent(ev slackevents.EventsAPIEvent) intake {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || ev.Type != slackevents.CallbackEvent {
		b.log.Debug("ignored non-callback event", "type", ev.Type)
		return intake{}
	}
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		if !isMemberDM(inner) {
			return intake{}
		}
		// Slack's retries carry the same event_id. Without one, the
		// message itself is the identity: a ts is unique in its channel.
		key := cb.EventID
		if key == "" {
			if inner.TimeStamp == "" {
				b.log.Warn("ignored a DM with neither event_id nor ts", "user", inner.User)
				return intake{}
			}
			key = "msg:" + inner.Channel + ":" + inner.TimeStamp
		}
		b.log.Info("dm received", "user", inner.User, "event_id", key)
		return intake{item: newItem(key, inner.User, kindDM, input{Channel: inner.Channel, Text: inner.Text})}
	case *slackevents.AppHomeOpenedEvent:
		// Publishing App Home is idempotent, and the next open or turn
		// publishes it again: it needs no journal.
		if inner.User == "" || inner.Tab == "messages" {
			return intake{}
		}
		user := inner.User
		return intake{after: func(context.Context) {
			b.enqueue(user, "app_home_opened", func(ctx context.Context) error { return b.refreshHome(ctx, user) })
		}}
	case *slackevents.UserChangeEvent:
		// Setting a zone is idempotent; a lost one is read again from
		// users.info when the member is next seen without one.
		if inner.User.ID == "" {
			return intake{}
		}
		u := inner.User
		return intake{after: func(context.Context) {
			b.enqueue(u.ID, "user_change", func(ctx context.Context) error { return b.updateZone(ctx, u.ID, u.TZ) })
		}}
	default:
		b.log.Debug("ignored event", "type", ev.InnerEvent.Type, "event_id", cb.EventID)
	}
	return intake{}
}

// isMemberDM is true for a plain message a person typed in a DM with the
// bot. Bots (Cairn itself included), edits, deletions, joins and channel
// messages are not turns: answering them could start a reply loop or leak
// a conversation into a channel.
func isMemberDM(m *slackevents.MessageEvent) bool {
	return m.ChannelType == "im" && m.User != "" && m.BotID == "" && m.SubType == "" &&
		m.Channel != "" && strings.HasPrefix(m.Channel, "D")
}

// turnFrom runs one durable turn for an input from origin (an event, a
// journaled input) and posts its replies.
func (b *Bot) turnFrom(ctx context.Context, user, channel string, origin conversations.Origin, in conversations.Input) error {
	fetchZone, err := b.ensureMember(ctx, user, in.Text)
	if err != nil {
		return err
	}
	if fetchZone {
		// In the background, started now rather than after the reply: the
		// answer does not wait for it, and it is usually done before a
		// shutdown could cut it short (a zone fetched after the reply
		// measured slightly better p99 for a burst of new members, but was
		// lost when Cairn stopped right after a first message).
		b.zones.fetch(user)
	}
	// The replies are staged in the turn's own commit and posted from the
	// outbox: one Slack cannot take now is kept and posted later, not lost.
	origin.Outbox, origin.Channel = true, channel
	out, err := b.runner.HandleFrom(ctx, user, origin, in, b.Now())
	if err != nil {
		b.sayTrouble(ctx, user, channel)
		return err
	}
	b.outbox.trust(out.OutboxIDs...) // staged just now: surely not posted yet
	switch out.Data {
	case conversations.DataForget:
		return b.forget(ctx, user, channel, origin)
	case conversations.DataExport:
		if err := b.sendMyData(ctx, user, channel); err != nil {
			b.sayTrouble(ctx, user, channel)
			return err
		}
	case conversations.DataProgress:
		if err := b.progressTurn(ctx, user, channel); err != nil { // charts.go
			return err
		}
	}
	if out.Alert != nil {
		if err := b.alert(ctx, user, channel, *out.Alert); err != nil {
			b.sayTrouble(ctx, user, channel)
			return err
		}
	}
	// Even for an input handled before (out.Duplicate): its replies may
	// still wait in the outbox.
	if err := b.sendReplies(ctx, user); err != nil {
		return err
	}
	if out.Changed { // App Home shows goals, steps and check-ins, not the chat
		return b.refreshHome(ctx, user)
	}
	return nil
}

// deliver posts replies in order, then refreshes App Home.
func (b *Bot) deliver(ctx context.Context, user, channel string, replies []conversations.Reply) error {
	if err := b.post(ctx, user, channel, replies); err != nil {
		return err
	}
	return b.refreshHome(ctx, user)
}

// post sends replies in order to channel (the member's DM when empty),
// through the outbox, after any of the member's replies still waiting.
func (b *Bot) post(ctx context.Context, user, channel string, replies []conversations.Reply) error {
	if err := b.stage(ctx, user, channel, replies); err != nil {
		return err
	}
	return b.sendReplies(ctx, user)
}

// sayTrouble tells the member their turn failed, in a kind sentence of
// their own language; the cause goes to the log (by the caller), never to
// them. It is not staged (the store is what failed), and like every post it
// is never retried blind.
func (b *Bot) sayTrouble(ctx context.Context, user, channel string) {
	if channel == "" {
		return
	}
	if _, err := b.postMessage(ctx, channel, slack.MsgOptionText(b.wordsOf(ctx, user).ErrTrouble, false)); err != nil {
		b.log.Error("could not tell the member about an error", "err", err)
	}
}

// ensureMember makes sure Cairn learns the member's name and Slack time
// zone, so that the dates they type mean their own calendar, without
// holding up their reply: the fetch runs in the background (one per member,
// shared, retried; see zoneFetcher) and the turn itself creates a new
// member's record. Only a member being asked for a date waits for it, and
// only once: a member whose zone is still unknown is answered in UTC.
func (b *Bot) ensureMember(ctx context.Context, user, text string) (fetchAfter bool, err error) {
	m, err := b.store.Member(ctx, user)
	if err == nil && m.Unreachable != "" {
		// They wrote to us, so Slack reaches them again: scheduled messages
		// that were being skipped for them go out again.
		if err := b.store.ClearUnreachable(ctx, user); err != nil {
			b.log.Warn("could not mark a member reachable again", "user", user, "err", err)
		}
	}
	switch {
	case err == nil && m.TZ != "":
		return false, nil
	case errors.Is(err, store.ErrNotFound):
		return true, nil // new to Cairn: not in any conversation yet
	case err != nil:
		return false, err
	}
	conv, err := b.store.Conversation(ctx, user)
	if err != nil || !conversations.NeedsZone(conv.State, text, b.Now()) || !b.zones.firstWait(user) {
		return true, nil
	}
	f := b.zones.fetch(user)
	t := time.NewTimer(userInfoWait)
	defer t.Stop()
	select {
	case <-f.first:
	case <-t.C:
	case <-ctx.Done():
	}
	return false, nil
}

// userInfoWait bounds the one wait of a member's reply for their zone.
// Giving up does not cancel the fetch (its rate-limit slot is not wasted).
const userInfoWait = 3 * time.Second

// updateZone records a zone Slack says a member moved to (user_change);
// people who are not members are not recorded.
func (b *Bot) updateZone(ctx context.Context, user, tz string) error {
	if tz == "" {
		return nil
	}
	_, err := b.store.SetProfile(ctx, user, store.Profile{TZ: tz})
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}

// refreshHome republishes the member's App Home from the store.
func (b *Bot) refreshHome(ctx context.Context, user string) error {
	view, err := b.store.MemberView(ctx, user)
	if err != nil {
		return err
	}
	now := b.Now().In(zoneOf(view.Member))
	// Groups are few (one per channel), so reading them all is cheap.
	groups, err := b.store.Groups(ctx)
	if err != nil {
		return err
	}
	next := scheduler.NextSession(groups, user, now)
	view.Member.ID = user // their record may not exist yet; their groups still do
	home, err := b.homeFor(ctx, user, view, groups, next.In(now.Location()), now)
	if err != nil {
		return err
	}
	return b.publishHome(ctx, user, home)
}

// nextSession is the member's next group session after now (zero if none
// or the groups cannot be read: steps are then sized against "this week").
func (b *Bot) nextSession(ctx context.Context, user string, now time.Time) time.Time {
	groups, err := b.store.Groups(ctx)
	if err != nil {
		return time.Time{}
	}
	return scheduler.NextSession(groups, user, now)
}

func zoneOf(m store.Member) *time.Location { return conversations.Zone(m.TZ, time.UTC) }

// handleInteraction takes a modal submission and returns what to put in
// the ack: errors to show in the form.
func (b *Bot) handleInteraction(ctx context.Context, cb slack.InteractionCallback) any {
	user := cb.User.ID
	if user == "" || cb.Type != slack.InteractionTypeViewSubmission {
		return nil
	}
	switch cb.View.CallbackID {
	case callbackEdit:
		return b.submitStep(ctx, user, cb.View)
	case callbackGroup:
		return b.submitGroup(ctx, user, cb.TriggerID, cb.View)
	case callbackAssign:
		return b.submitAssign(ctx, user, cb.TriggerID, cb.View)
	case callbackTemplates:
		return b.submitTemplates(ctx, user, cb.View)
	case callbackRecap:
		return b.submitRecap(ctx, user, cb.TriggerID, cb.View)
	}
	return nil
}

// handleAction takes a button press or menu choice and says what it
// becomes; the transport journals it before the ack.
func (b *Bot) handleAction(cb slack.InteractionCallback) intake {
	user := cb.User.ID
	if user != "" && cb.Type == slack.InteractionTypeViewClosed && cb.View.CallbackID == callbackRecap {
		return b.recapAction(cb) // a closed recap form is kept as a draft
	}
	if user == "" || cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 {
		return intake{}
	}
	a := cb.ActionCallback.BlockActions[0]
	// A click's identity across Slack's retries of its envelope.
	click := "click:" + user + ":" + a.ActionTs
	if a.ActionTs == "" {
		click = "trigger:" + cb.TriggerID
	}
	switch {
	case a.ActionID == actionRecapOpen, a.ActionID == actionRecapSession:
		return b.recapAction(cb)
	case a.ActionID == actionHome+"-"+actionPrivacy, strings.HasPrefix(a.ActionID, actionPrivacySet):
		return b.privacyAction(cb, a)
	case strings.HasPrefix(a.ActionID, actionChoice) && strings.HasPrefix(a.Value, scheduler.NudgePrefix):
		member := strings.TrimPrefix(a.Value, scheduler.NudgePrefix)
		return intake{after: func(ctx context.Context) { b.nudgeButton(ctx, user, member, click) }}
	case strings.HasPrefix(a.ActionID, actionChoice) && strings.HasPrefix(a.Value, scheduler.NavDonePrefix):
		value := a.Value
		return intake{after: func(ctx context.Context) { b.navDoneButton(ctx, user, value) }}
	case strings.HasPrefix(a.ActionID, actionChoice) && a.SelectedUser != "": // helpers.go
		return b.pickHelper(cb, a, click)
	case strings.HasPrefix(a.ActionID, actionChoice) && isGroupAnswer(a.Value):
		return b.pressGroupButton(cb, a, click)
	case strings.HasPrefix(a.ActionID, actionChoice):
		return b.pressChoice(cb, a, click)
	case a.ActionID == actionFacSetup, a.ActionID == actionFacCancel, a.ActionID == actionFacChart:
		return b.facilitatorAction(cb, a, click)
	case strings.HasPrefix(a.ActionID, actionHome):
		if a.Value == conversations.ActHelp {
			return intake{item: newItem(click, user, kindHelp, input{})}
		}
		return intake{item: newItem(click, user, kindAction, input{Action: a.Value})}
	case a.ActionID == actionStepMenu:
		return b.stepMenu(user, cb.TriggerID, a.SelectedOption.Value, click)
	}
	return intake{}
}

// pressChoice answers a conversation button: the message loses its buttons
// (so it cannot be pressed twice) and the choice is the member's answer.
func (b *Bot) pressChoice(cb slack.InteractionCallback, a *slack.BlockAction, click string) intake {
	user, channel, ts := cb.User.ID, cb.Channel.ID, cb.Container.MessageTs
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	// A double click sends two actions for one message: the press is keyed
	// by its message, so only the first is journaled and becomes a turn.
	key := click
	if channel != "" && ts != "" {
		key = "press:" + channel + ":" + ts
	}
	return intake{item: newItem(key, user, kindButton, input{
		Channel: channel, Action: a.Value, PressTS: ts, Question: cb.Message.Text, Label: buttonLabel(cb.Message.Blocks, a),
		Mentions: pressedMentions(cb.Message.Blocks, a.Value),
	})}
}

// stepMenu handles "Mark done" and "Edit" beside a step in App Home.
func (b *Bot) stepMenu(user, triggerID, value, click string) intake {
	kind, idText, _ := strings.Cut(value, ":")
	id, err := strconv.ParseUint(idText, 10, 64)
	if err != nil {
		return intake{}
	}
	switch kind {
	case "done":
		return intake{item: newItem(click, user, kindDone, input{Step: id})}
	case "edit":
		// trigger_id expires in 3 seconds: open the modal right after the
		// ack, not after a queue.
		return intake{after: func(ctx context.Context) {
			st, err := b.ownStep(ctx, user, id)
			if err != nil {
				b.log.Warn("step menu refused", "user", user, "err", err)
				return
			}
			m, _ := b.store.Member(ctx, user)
			w := conversations.WordsFor(conversations.LangOf(m))
			if err := b.openModal(ctx, triggerID, editStepModal(w, st, b.Now().In(zoneOf(m)))); err != nil {
				b.log.Error("could not open the step form", "user", user, "err", err)
			}
		}}
	}
	return intake{}
}

// errNotOwn marks a step that belongs to someone else.
var errNotOwn = errors.New("not the member's own")

// ownStep loads a step and checks it is the member's own: every action on a
// step is authorised here, before it touches the store.
func (b *Bot) ownStep(ctx context.Context, user string, id uint64) (store.Step, error) {
	st, err := b.store.Step(ctx, id)
	if err != nil {
		return store.Step{}, err
	}
	if st.MemberID != user {
		return store.Step{}, fmt.Errorf("bot: step %d is not %s's: %w", id, user, errNotOwn)
	}
	return st, nil
}

// submitStep saves the edit-step modal, or returns field errors to show.
func (b *Bot) submitStep(ctx context.Context, user string, v slack.View) any {
	m, _ := b.store.Member(ctx, user)
	w := conversations.WordsFor(conversations.LangOf(m))
	id, err := strconv.ParseUint(v.PrivateMetadata, 10, 64)
	if err != nil {
		b.log.Warn("step form with a malformed step id", "user", user, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockWhat: w.ErrStepGone})
	}
	st, err := b.ownStep(ctx, user, id)
	if err != nil {
		b.log.Warn("step form refused", "user", user, "err", err)
		msg := w.ErrNotYourStep
		switch {
		case errors.Is(err, store.ErrNotFound):
			msg = w.ErrStepGone
		case !errors.Is(err, errNotOwn):
			msg = w.ErrTrouble // the store failed: not theirs to fix
		}
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockWhat: msg})
	}
	value := func(block, field string) string {
		if v.State == nil {
			return ""
		}
		a := v.State.Values[block][field]
		if a.SelectedOption.Value != "" {
			return a.SelectedOption.Value
		}
		return strings.TrimSpace(conversations.Sanitize(a.Value)) // typed text, cleaned as it arrives
	}
	errs := map[string]string{}
	what := value(blockWhat, fieldWhat)
	if what == "" {
		errs[blockWhat] = w.StepFormWhatEmpty
	} else if len([]rune(what)) > 500 {
		errs[blockWhat] = w.StepFormWhatLong
	}
	now := b.Now().In(zoneOf(m))
	when := value(blockWhen, fieldWhen)
	due := st.Due
	if when != dueWords(w.Language(), st.Due) {
		// A Spanish reader's date: "el viernes", 20/6 as day/month.
		if due, err = conversations.ParseDateIn(w.Language(), when, now); err != nil {
			errs[blockWhen] = dateTrouble(w, err, echo(when)) // a form's error is plain text
		}
	}
	owner := store.OwnerKind(value(blockWho, fieldWho))
	name := value(blockName, fieldName)
	switch owner {
	case store.OwnerMe, store.OwnerNavigator:
		name = ""
	case store.OwnerPerson:
		if name == "" {
			errs[blockName] = w.StepFormNameEmpty
		}
	default:
		errs[blockWho] = w.StepFormWhoPick
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs)
	}
	st.What, st.Due, st.Owner, st.OwnerName = what, due, owner, name
	dropGoneHelper(&st) // helpers.go
	if _, err := b.store.SaveStep(ctx, st); err != nil {
		b.log.Error("could not save an edited step", "user", user, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockWhat: w.ErrTrouble})
	}
	b.enqueue(user, "step_edited", func(ctx context.Context) error { return b.refreshHome(ctx, user) })
	return nil
}

// handleSlash answers /cairn. What it returns is the ephemeral answer, sent
// in the ack; anything slower is queued.
func (b *Bot) handleSlash(ctx context.Context, cmd slack.SlashCommand) map[string]any {
	ephemeral := func(text string) map[string]any {
		return map[string]any{"response_type": "ephemeral", "text": text}
	}
	user := cmd.UserID
	w := b.wordsOf(ctx, user)
	if user == "" {
		return ephemeral(w.SlashUnknown)
	}
	words := strings.Fields(strings.ToLower(cmd.Text))
	sub := ""
	if len(words) > 0 {
		sub = words[0]
		if en, ok := slashSpanish[sub]; ok {
			sub = en
		}
	}
	switch strings.Join(words, " ") {
	case "my data", "export my data":
		sub = conversations.ActMyData
	case "forget me", "delete my data":
		sub = conversations.ActForget
	}
	switch sub {
	case "", "help":
		return ephemeral(b.helpFor(ctx, user, w))
	case "group":
		return b.groupCommand(ctx, cmd, words[1:])
	case "templates", "template":
		return b.templatesCommand(ctx, cmd)
	case "recap":
		return b.recapCommand(ctx, cmd)
	case "privacy":
		return b.privacyCommand(ctx, user)
	case "export":
		return b.exportCommand(ctx, cmd) // export.go
	case "progress", "chart":
		return b.progressCommand(ctx, cmd) // charts.go
	case "leave":
		return ephemeral(b.leaveCommand(ctx, cmd))
	case "pause", "resume":
		return ephemeral(b.pauseCommand(ctx, user, cmd.TriggerID, sub == "resume", words[1:]))
	case "goal", "checkin", "check-in", conversations.ActMyData, conversations.ActForget:
		action := conversations.ActGoal
		switch sub {
		case "checkin", "check-in":
			action = conversations.ActCheckIn
		case conversations.ActMyData, conversations.ActForget:
			action = sub // answered in the DM, like the others
		}
		// Journaled before the ack like a DM; the trigger_id is the
		// command's identity across a replay.
		key := "slash:" + cmd.TriggerID
		if cmd.TriggerID == "" {
			key = "slash:" + user + ":" + strconv.FormatInt(time.Now().UnixNano(), 10)
		}
		if err := b.accept(ctx, intake{item: newItem(key, user, kindAction, input{Action: action})}); err != nil {
			b.log.Error("could not journal a command", "user", user, "err", err)
			return ephemeral(w.ErrTrouble)
		}
		return ephemeral(w.SlashCheckDM)
	case "steps", "goals", "status":
		view, err := b.store.MemberView(ctx, user)
		if err != nil {
			b.log.Error("could not load steps", "user", user, "err", err)
			return ephemeral(w.ErrTrouble)
		}
		replies := conversations.Step(conversations.State{}, conversations.Input{Action: conversations.ActSteps}, conversations.ContextOf(view), b.Now().In(zoneOf(view.Member))).Replies
		var texts []string
		for _, r := range replies {
			texts = append(texts, r.Text)
		}
		return ephemeral(said(strings.Join(texts, "\n")))
	default:
		return ephemeral(w.SlashUnknown + "\n" + b.helpFor(ctx, user, w))
	}
}

// helpFor is /cairn's help for user, in w: the facilitators' layout for
// someone who facilitates a group, the member commands for anyone else.
func (b *Bot) helpFor(ctx context.Context, user string, w *conversations.Words) string {
	groups, err := b.store.Groups(ctx)
	if err != nil {
		b.log.Warn("could not read groups for the help; showing the member commands", "user", user, "err", err)
		return w.SlashHelp
	}
	for _, g := range groups {
		if slices.Contains(g.Facilitators, user) {
			return w.SlashHelpFacilitator
		}
	}
	return w.SlashHelp
}

// slashSpanish are /cairn's words in Spanish, as the command's own: a
// Spanish speaker who types /cairn ayuda gets the help, not "unknown".
var slashSpanish = map[string]string{"ayuda": "help", "meta": "goal", "pasos": "steps", "privacidad": "privacy", "salir": "leave", "grupo": "group",
	"pausa": "pause", "reanudar": "resume"}

// buttonLabel is the label of the pressed button as the member saw it, read
// from the message it was on (the action's own text is not always sent).
func buttonLabel(blocks slack.Blocks, a *slack.BlockAction) string {
	for _, bl := range blocks.BlockSet {
		ab, ok := bl.(*slack.ActionBlock)
		if !ok || ab.Elements == nil {
			continue
		}
		for _, el := range ab.Elements.ElementSet {
			if btn, ok := el.(*slack.ButtonBlockElement); ok && btn.ActionID == a.ActionID && btn.Text != nil {
				return btn.Text.Text
			}
		}
	}
	if a.Text.Text != "" && a.Text.Text != a.Value {
		return a.Text.Text
	}
	return "" // the answered message then shows the mark alone, in no language
}

// wordsOf is the catalogue in the language of the person reading: their own
// Member record's; English for someone without one (or when it cannot be
// read: the words must not wait on a failing store).
func (b *Bot) wordsOf(ctx context.Context, user string) *conversations.Words {
	return conversations.WordsFor(b.langOf(ctx, user))
}

// langOf is the language of the person reading (see wordsOf).
func (b *Bot) langOf(ctx context.Context, user string) conversations.Lang {
	if user == "" {
		return conversations.English
	}
	m, err := b.store.Member(ctx, user)
	if err != nil {
		return conversations.English
	}
	return conversations.LangOf(m)
}

// dateTrouble is what a person reads about a date that gave no day: a kind
// sentence in their language chosen by the error's kind, never the error's
// own text. quoted is what they typed, already safe where it is shown (see
// echo).
func dateTrouble(w *conversations.Words, err error, quoted string) string {
	var de *conversations.DateError
	if !errors.As(err, &de) {
		return fmt.Sprintf(w.ErrDateNotUnderstood, quoted)
	}
	switch de.Kind {
	case conversations.DateVague:
		return w.ErrDateVague
	case conversations.DatePassed:
		return w.ErrDatePassed
	case conversations.DateImpossible:
		return w.ErrDateImpossible
	case conversations.DateTooFar:
		return w.ErrDateTooFar
	}
	return fmt.Sprintf(w.ErrDateNotUnderstood, quoted)
}

// echoMax is how much of what a person typed an answer quotes back.
const echoMax = 40

// echo is typed text made safe to quote back in plain text: one line, at
// most echoMax characters, without '<' or '>' (Slack's mentions). In
// mrkdwn, pass it through said as well.
func echo(s string) string {
	s = strings.Join(strings.FieldsFunc(strings.ToValidUTF8(s, ""), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '<' || r == '>'
	}), " ")
	return conversations.Clip(s, echoMax)
}

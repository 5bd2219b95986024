package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// Words of the Slack adapter itself (the conversations have their own).
const (
	sayTrouble     = "Sorry — something went wrong on my side and I couldn't save that. Please try again in a minute."
	sayCheckDM     = "I've sent you a direct message. Let's talk there."
	sayUnknownCmd  = "I don't know that one yet."
	sayNotYourStep = "That step isn't one of yours, so I can't change it."
	sayStepSaved   = "Saved your step."
	sayStepGone    = "I couldn't find that step any more — maybe it was removed."
	slashHelp      = "*/cairn* works with:\n• `/cairn goal` — set a goal, in a DM with me\n• `/cairn checkin` — check in before your session\n• `/cairn steps` — see your goal and steps (only you see this)\n• `/cairn pause until June 20` and `/cairn resume` — time away from prompts\n• `/cairn group` — when your group meets; facilitators: `/cairn group setup`, `/cairn group assign`, `/cairn group cancel` (the next session)\n• `/cairn help` — this help\nIn our DM you can also say *help*, *back* or *stop* at any time.\nIf you're in crisis, call or text 988 (US), any time."
)

// handleEvent takes one Events API callback (from either transport). It
// never blocks on Slack: the work is queued.
func (b *Bot) handleEvent(ctx context.Context, ev slackevents.EventsAPIEvent) {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || ev.Type != slackevents.CallbackEvent {
		b.log.Debug("ignored non-callback event", "type", ev.Type)
		return
	}
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		if !isMemberDM(inner) {
			return
		}
		user, channel, text, eventID := inner.User, inner.Channel, inner.Text, cb.EventID
		b.log.Info("dm received", "user", user, "event_id", eventID)
		// The dedupe mark is committed with the turn itself (one fsync, not
		// two), on the member's own worker.
		b.enqueue(user, "dm", func(ctx context.Context) error {
			return b.turnEvent(ctx, user, channel, eventID, conversations.Input{Text: text})
		})
	case *slackevents.AppHomeOpenedEvent:
		// Publishing App Home is idempotent: a retry just publishes again.
		if inner.User == "" || inner.Tab == "messages" {
			return
		}
		user := inner.User
		b.enqueue(user, "app_home_opened", func(ctx context.Context) error { return b.refreshHome(ctx, user) })
	case *slackevents.UserChangeEvent:
		if inner.User.ID == "" {
			return
		}
		u := inner.User
		b.enqueue(u.ID, "user_change", func(ctx context.Context) error { return b.updateZone(ctx, u.ID, u.TZ) })
	default:
		b.log.Debug("ignored event", "type", ev.InnerEvent.Type, "event_id", cb.EventID)
	}
}

// isMemberDM is true for a plain message a person typed in a DM with the
// bot. Bots (Cairn itself included), edits, deletions, joins and channel
// messages are not turns: answering them could start a reply loop or leak
// a conversation into a channel.
func isMemberDM(m *slackevents.MessageEvent) bool {
	return m.ChannelType == "im" && m.User != "" && m.BotID == "" && m.SubType == "" &&
		m.Channel != "" && strings.HasPrefix(m.Channel, "D")
}

// turn runs one conversation turn for user and posts the replies in channel
// (their DM). The answer is committed before anything is sent.
func (b *Bot) turn(ctx context.Context, user, channel string, in conversations.Input) error {
	return b.turnFrom(ctx, user, channel, conversations.Origin{}, in)
}

// turnEvent is turn for a Slack event, handled at most once (see
// conversations.Runner.HandleFrom).
func (b *Bot) turnEvent(ctx context.Context, user, channel, eventID string, in conversations.Input) error {
	return b.turnFrom(ctx, user, channel, conversations.Origin{EventID: eventID}, in)
}

// turnFrom runs one durable turn for an input from origin (an event, a
// journaled input) and posts its replies.
func (b *Bot) turnFrom(ctx context.Context, user, channel string, origin conversations.Origin, in conversations.Input) error {
	if err := b.ensureMember(ctx, user); err != nil {
		return err
	}
	// The replies are staged in the turn's own commit and posted from the
	// outbox: one Slack cannot take now is kept and posted later, not lost.
	origin.Outbox, origin.Channel = true, channel
	out, err := b.runner.HandleFrom(ctx, user, origin, in, b.Now())
	if err != nil {
		b.sayTrouble(ctx, channel)
		return err
	}
	b.outbox.trust(out.OutboxIDs...) // staged just now: surely not posted yet
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

// sayTrouble tells the member their turn failed. It is not staged (the
// store is what failed), and like every post it is never retried blind.
func (b *Bot) sayTrouble(ctx context.Context, channel string) {
	if channel == "" {
		return
	}
	if _, err := b.postMessage(ctx, channel, slack.MsgOptionText(sayTrouble, false)); err != nil {
		b.log.Error("could not tell the member about an error", "err", err)
	}
}

// ensureMember records a new member with their name and Slack time zone,
// so that the dates they type mean their own calendar. Slack is asked for a
// few seconds at most: a member whose zone is not known yet is answered in
// UTC, and asked about again on their next message.
func (b *Bot) ensureMember(ctx context.Context, user string) error {
	m, err := b.store.Member(ctx, user)
	switch {
	case err == nil && m.TZ != "":
		return nil
	case errors.Is(err, store.ErrNotFound):
		m = store.Member{ID: user, CreatedAt: b.Now().UTC()}
	case err != nil:
		return err
	}
	infoCtx, cancel := context.WithTimeout(ctx, userInfoWait)
	defer cancel()
	if u, err := b.userInfo(infoCtx, user); err != nil {
		b.log.Warn("users.info failed; using UTC until the zone is known", "user", user, "err", err)
	} else {
		m.Name, m.TZ = displayName(u), u.TZ
	}
	return b.store.SaveMember(ctx, m)
}

// userInfoWait bounds how long a member's reply waits for users.info
// (Tier 4, about 100 calls a minute) before going on without their zone.
const userInfoWait = 3 * time.Second

func (b *Bot) updateZone(ctx context.Context, user, tz string) error {
	m, err := b.store.Member(ctx, user)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (m.TZ == tz || tz == "")) {
		return nil // not a member, or nothing changed
	}
	if err != nil {
		return err
	}
	m.TZ = tz
	return b.store.SaveMember(ctx, m)
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
	return b.publishHome(ctx, user, homeView(view, next.In(now.Location()), now))
}

func zoneOf(m store.Member) *time.Location { return conversations.Zone(m.TZ, time.UTC) }

// handleInteraction takes a button press, menu choice or modal submission.
// It returns what to put in the ack: for a modal, errors to show in the form.
func (b *Bot) handleInteraction(ctx context.Context, cb slack.InteractionCallback) any {
	user := cb.User.ID
	if user == "" {
		return nil
	}
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		if len(cb.ActionCallback.BlockActions) == 0 {
			return nil
		}
		a := cb.ActionCallback.BlockActions[0]
		switch {
		case strings.HasPrefix(a.ActionID, actionChoice) && strings.HasPrefix(a.Value, scheduler.NudgePrefix):
			b.nudgeButton(ctx, user, strings.TrimPrefix(a.Value, scheduler.NudgePrefix))
		case strings.HasPrefix(a.ActionID, actionChoice):
			b.pressChoice(ctx, cb, a)
		case strings.HasPrefix(a.ActionID, actionHome):
			value := a.Value
			b.enqueue(user, "home_button", func(ctx context.Context) error {
				if value == "help" {
					return b.deliver(ctx, user, "", []conversations.Reply{{Text: slashHelp}})
				}
				return b.turn(ctx, user, "", conversations.Input{Action: value})
			})
		case a.ActionID == actionStepMenu:
			b.stepMenu(ctx, user, cb.TriggerID, a.SelectedOption.Value)
		}
	case slack.InteractionTypeViewSubmission:
		switch cb.View.CallbackID {
		case callbackEdit:
			return b.submitStep(ctx, user, cb.View)
		case callbackGroup:
			return b.submitGroup(ctx, user, cb.View)
		case callbackAssign:
			return b.submitAssign(ctx, user, cb.View)
		}
	}
	return nil
}

// pressChoice answers a conversation button: the message loses its buttons
// (so it cannot be pressed twice) and the choice is the member's answer.
func (b *Bot) pressChoice(ctx context.Context, cb slack.InteractionCallback, a *slack.BlockAction) {
	user, channel, ts := cb.User.ID, cb.Channel.ID, cb.Container.MessageTs
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	question, label, value := cb.Message.Text, buttonLabel(cb.Message.Blocks, a), a.Value
	b.enqueue(user, "button", func(ctx context.Context) error {
		// A double click sends two actions for one message: the press is
		// keyed by its message, so only the first becomes a turn.
		pressID := ""
		if channel != "" && ts != "" {
			pressID = "press:" + channel + ":" + ts
			if seen, err := b.store.SeenEvent(ctx, pressID); err == nil && seen {
				return nil
			}
			if err := b.update(ctx, channel, ts, answeredMessage(question, label)...); err != nil {
				b.log.Warn("could not take the buttons off a message", "user", user, "err", err)
			}
		}
		return b.turnEvent(ctx, user, channel, pressID, conversations.Input{Action: value})
	})
}

// stepMenu handles "Mark done" and "Edit" beside a step in App Home.
func (b *Bot) stepMenu(ctx context.Context, user, triggerID, value string) {
	kind, idText, _ := strings.Cut(value, ":")
	id, err := strconv.ParseUint(idText, 10, 64)
	if err != nil {
		return
	}
	st, err := b.ownStep(ctx, user, id)
	if err != nil {
		b.log.Warn("step menu refused", "user", user, "err", err)
		return
	}
	switch kind {
	case "done":
		b.enqueue(user, "home_done", func(ctx context.Context) error {
			if err := b.runner.MarkDone(ctx, user, id, b.Now()); err != nil {
				return err
			}
			return b.deliver(ctx, user, "", []conversations.Reply{{Text: "Marked done: " + st.What + ". That's another stone on your cairn."}})
		})
	case "edit":
		// trigger_id expires in 3 seconds: open the modal now, not after a queue.
		m, _ := b.store.Member(ctx, user)
		if err := b.openModal(ctx, triggerID, editStepModal(st, b.Now().In(zoneOf(m)))); err != nil {
			b.log.Error("could not open the step form", "user", user, "err", err)
		}
	}
}

// ownStep loads a step and checks it is the member's own: every action on a
// step is authorised here, before it touches the store.
func (b *Bot) ownStep(ctx context.Context, user string, id uint64) (store.Step, error) {
	st, err := b.store.Step(ctx, id)
	if err != nil {
		return store.Step{}, err
	}
	if st.MemberID != user {
		return store.Step{}, fmt.Errorf("bot: step %d is not %s's", id, user)
	}
	return st, nil
}

// submitStep saves the edit-step modal, or returns field errors to show.
func (b *Bot) submitStep(ctx context.Context, user string, v slack.View) any {
	id, err := strconv.ParseUint(v.PrivateMetadata, 10, 64)
	if err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockWhat: sayStepGone})
	}
	st, err := b.ownStep(ctx, user, id)
	if err != nil {
		msg := sayNotYourStep
		if errors.Is(err, store.ErrNotFound) {
			msg = sayStepGone
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
		return strings.TrimSpace(a.Value)
	}
	errs := map[string]string{}
	what := value(blockWhat, fieldWhat)
	if what == "" {
		errs[blockWhat] = "Say what you'll do, in a few words."
	} else if len([]rune(what)) > 500 {
		errs[blockWhat] = "That's long for one step — could it be shorter (or two steps)?"
	}
	m, _ := b.store.Member(ctx, user)
	now := b.Now().In(zoneOf(m))
	when := value(blockWhen, fieldWhen)
	due := st.Due
	if when != dueWords(st.Due) {
		if due, err = conversations.ParseDate(when, now); err != nil {
			errs[blockWhen] = err.Error()
		}
	}
	owner := store.OwnerKind(value(blockWho, fieldWho))
	name := value(blockName, fieldName)
	switch owner {
	case store.OwnerMe, store.OwnerNavigator:
		name = ""
	case store.OwnerPerson:
		if name == "" {
			errs[blockName] = "Who is it? A first name is fine."
		}
	default:
		errs[blockWho] = "Pick who does this step."
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs)
	}
	st.What, st.Due, st.Owner, st.OwnerName = what, due, owner, name
	if _, err := b.store.SaveStep(ctx, st); err != nil {
		b.log.Error("could not save an edited step", "user", user, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockWhat: sayTrouble})
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
	if user == "" {
		return ephemeral(sayUnknownCmd)
	}
	words := strings.Fields(strings.ToLower(cmd.Text))
	sub := ""
	if len(words) > 0 {
		sub = words[0]
	}
	switch sub {
	case "", "help":
		return ephemeral(slashHelp)
	case "group":
		return b.groupCommand(ctx, cmd, words[1:])
	case "pause", "resume":
		return ephemeral(b.pauseCommand(ctx, user, words))
	case "goal", "checkin", "check-in":
		action := "goal:start"
		if sub != "goal" {
			action = "checkin:start"
		}
		b.enqueue(user, "slash_"+sub, func(ctx context.Context) error {
			return b.turn(ctx, user, "", conversations.Input{Action: action})
		})
		return ephemeral(sayCheckDM)
	case "steps", "goals", "status":
		view, err := b.store.MemberView(ctx, user)
		if err != nil {
			b.log.Error("could not load steps", "user", user, "err", err)
			return ephemeral(sayTrouble)
		}
		replies := conversations.Step(conversations.State{}, conversations.Input{Action: "steps:show"}, conversations.ContextOf(view), b.Now().In(zoneOf(view.Member))).Replies
		var texts []string
		for _, r := range replies {
			texts = append(texts, r.Text)
		}
		return ephemeral(esc(strings.Join(texts, "\n")))
	default:
		return ephemeral(sayUnknownCmd + "\n" + slashHelp)
	}
}

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
	return "Done"
}

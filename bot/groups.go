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
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// Scheduling is what the bot asks of the scheduler.
type Scheduling interface {
	// Replan plans the timeline again after a group or a pause changed.
	Replan()
	// NudgeMember plans today's gentle nudge for a member; false if one was
	// already sent or planned today.
	NudgeMember(ctx context.Context, navigatorID, memberID string, now time.Time) (bool, error)
}

const (
	callbackGroup  = "group_setup"
	callbackAssign = "assign_navigator"

	blockGroupName, fieldGroupName = "group_name", "group_name_input"
	blockSchedule, fieldSchedule   = "schedule", "schedule_input"
	blockTZ, fieldTZ               = "tz", "tz_input"
	blockLead, fieldLead           = "lead", "lead_input"
	blockQuiet, fieldQuiet         = "quiet", "quiet_input"
	blockMembers, fieldMembers     = "members", "members_input"
	blockFacils, fieldFacils       = "facilitators", "facilitators_input"
	blockNavs, fieldNavs           = "navigators", "navigators_input"
	blockNavigator, fieldNavigator = "navigator", "navigator_input"
	blockAssigned, fieldAssigned   = "assigned", "assigned_input"
)

const (
	sayGroupInChannel = "Run `/cairn group setup` in the group's own channel, so I know which channel it is."
	sayPaused         = "Okay — no check-in prompts until %s. Your goal and steps stay as they are. `/cairn resume` turns them back on sooner."
	sayResumed        = "Welcome back — check-in prompts are on again."
	sayPauseHow       = "Say when you'll be back, like `/cairn pause until June 20` or `/cairn pause 2 weeks`."
	sayNudgeSent      = "Sent %s a gentle nudge."
	sayNudgedToday    = "%s already got a nudge today. One a day is plenty."
	sayCancelledNext  = "The session on %s is called off. Nobody will be prompted for it."
	sayNoNextSession  = "This group has no upcoming session to call off."
)

// groupCommand answers "/cairn group …" in a channel.
func (b *Bot) groupCommand(ctx context.Context, cmd slack.SlashCommand, args []string) map[string]any {
	ephemeral := func(text string) map[string]any { return map[string]any{"response_type": "ephemeral", "text": text} }
	if !strings.HasPrefix(cmd.ChannelID, "C") && !strings.HasPrefix(cmd.ChannelID, "G") {
		return ephemeral(sayGroupInChannel)
	}
	g, err := b.store.Group(ctx, cmd.ChannelID)
	var group *store.Group
	switch {
	case err == nil:
		group = &g
	case !errors.Is(err, store.ErrNotFound):
		b.log.Error("could not load a group", "group", cmd.ChannelID, "err", err)
		return ephemeral(sayTrouble)
	}
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	switch sub {
	case "setup", "edit":
		if err := b.authorize(ctx, cmd.UserID, actEditGroup, group, ""); err != nil {
			return ephemeral(refusalText(err))
		}
		user, channel, channelName, trigger := cmd.UserID, cmd.ChannelID, cmd.ChannelName, cmd.TriggerID
		b.enqueue(user, "group_setup", func(ctx context.Context) error {
			return b.openGroupModal(ctx, user, channel, channelName, trigger, group)
		})
		return map[string]any{} // the modal is the answer
	case "cancel":
		if group == nil {
			return ephemeral(sayNoGroupHere)
		}
		if err := b.authorize(ctx, cmd.UserID, actEditGroup, group, ""); err != nil {
			return ephemeral(refusalText(err))
		}
		return ephemeral(b.cancelNext(ctx, group.ID, requestKey("slash", cmd.TriggerID)))
	case "assign":
		if err := b.authorize(ctx, cmd.UserID, actEditGroup, group, ""); err != nil || group == nil {
			if group == nil {
				return ephemeral(sayNoGroupHere)
			}
			return ephemeral(refusalText(err))
		}
		user, trigger, gid := cmd.UserID, cmd.TriggerID, group.ID
		b.enqueue(user, "assign", func(ctx context.Context) error {
			return b.openModal(ctx, trigger, assignModal(gid))
		})
		return map[string]any{}
	default:
		if group == nil {
			return ephemeral(sayNoGroupHere)
		}
		return ephemeral(b.describeGroup(ctx, cmd.UserID, *group))
	}
}

func refusalText(err error) string {
	var r refusal
	if errors.As(err, &r) {
		return r.message
	}
	return sayTrouble
}

// describeGroup is the group's schedule for anyone, and its roster for its
// facilitators only.
func (b *Bot) describeGroup(ctx context.Context, user string, g store.Group) string {
	sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return "*" + said(g.Name) + "* has no schedule yet. A facilitator can set one with `/cairn group setup`."
	}
	text := "*" + said(g.Name) + "* meets " + esc(sched.Describe(b.Now(), 3))
	if b.authorize(ctx, user, actSeeRoster, &g, "") == nil {
		text += fmt.Sprintf("\nMembers: %s\nFacilitators: %s", mentions(g.Members), mentions(g.Facilitators))
		if len(g.Navigators) > 0 {
			text += "\nNavigators: " + mentions(g.Navigators)
		}
	}
	return text
}

// mentions renders user IDs as Slack mentions, which Slack shows as names.
func mentions(ids []string) string {
	if len(ids) == 0 {
		return "nobody yet"
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = "<@" + id + ">"
	}
	return strings.Join(parts, ", ")
}

// cancelNext calls off the group's next session (see scheduler.CancelNext).
// A replayed command names the session its first delivery called off.
func (b *Bot) cancelNext(ctx context.Context, groupID, key string) string {
	next, err := scheduler.CancelNext(ctx, b.store, groupID, b.Now(), key)
	switch {
	case errors.Is(err, scheduler.ErrNoSession):
		return sayNoNextSession
	case errors.Is(err, store.ErrDuplicate):
		b.log.Info("replayed command ignored", "group", groupID, "command", "group cancel")
	case err != nil:
		b.log.Error("could not cancel a session", "group", groupID, "err", err)
		return sayTrouble
	}
	return fmt.Sprintf(sayCancelledNext, next.Format("Monday, January 2 at 3:04 PM"))
}

// requestKey is the dedupe key of a slash command or a form submission:
// Slack gives each its own trigger_id, and a retry or a replay carries the
// same one. No trigger_id, no dedupe.
func requestKey(kind, triggerID string) string {
	if triggerID == "" {
		return ""
	}
	return kind + ":" + triggerID
}

// openGroupModal shows the group form, filled with what is known: the
// group's settings, or for a new group the channel's name, its members and
// the facilitator's own time zone.
func (b *Bot) openGroupModal(ctx context.Context, user, channel, channelName, trigger string, g *store.Group) error {
	var v store.Group
	if g != nil {
		v = *g
	} else {
		v = store.Group{ID: channel, Name: channelName, Facilitators: []string{user}, QuietStart: scheduler.DefaultQuietStart, QuietEnd: scheduler.DefaultQuietEnd}
		if u, err := b.userInfo(ctx, user); err == nil {
			v.TZ = u.TZ
		}
		var members []string
		err := b.call(ctx, "conversations.members", func(ctx context.Context) error {
			var err error
			members, _, err = b.api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: channel, Limit: 200})
			return err
		})
		if err != nil {
			b.log.Warn("could not list the channel's members", "group", channel, "err", err)
		}
		for _, m := range members {
			if m != user && m != b.botUserID {
				v.Members = append(v.Members, m)
			}
		}
	}
	return b.openModal(ctx, trigger, groupModal(v))
}

func groupModal(g store.Group) slack.ModalViewRequest {
	text := func(block, field, label, placeholder, initial string, optional bool) *slack.InputBlock {
		el := slack.NewPlainTextInputBlockElement(plain(placeholder), field)
		el.InitialValue = initial
		ib := slack.NewInputBlock(block, plain(label), nil, el)
		ib.Optional = optional
		return ib
	}
	users := func(block, field, label string, initial []string, optional bool) *slack.InputBlock {
		el := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, plain("Pick people"), field)
		el.InitialUsers = initial
		ib := slack.NewInputBlock(block, plain(label), nil, el)
		ib.Optional = optional
		return ib
	}
	lead := "24"
	if g.Lead > 0 {
		lead = strconv.Itoa(int(g.Lead.Hours()))
	}
	quiet := ""
	if g.QuietStart != "" {
		quiet = g.QuietStart + "-" + g.QuietEnd
	}
	tz := g.TZ
	if tz == "" {
		tz = "America/New_York"
	}
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("Set up your group"), Submit: plain("Save"), Close: plain("Cancel"),
		CallbackID: callbackGroup, PrivateMetadata: g.ID,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			text(blockGroupName, fieldGroupName, "Group name", "Tuesday evening group", g.Name, false),
			text(blockSchedule, fieldSchedule, "When does it meet?", "Tuesdays 6pm", g.ScheduleText, false),
			text(blockTZ, fieldTZ, "Time zone", "America/New_York", tz, false),
			text(blockLead, fieldLead, "Check-in prompt, hours before each session", "24", lead, false),
			text(blockQuiet, fieldQuiet, "Quiet hours (no messages), in each person's zone", "21:00-08:00", quiet, true),
			users(blockMembers, fieldMembers, "Members", g.Members, false),
			users(blockFacils, fieldFacils, "Facilitators", g.Facilitators, false),
			users(blockNavs, fieldNavs, "Navigators", g.Navigators, true),
		}},
	}
}

func assignModal(groupID string) slack.ModalViewRequest {
	nav := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, plain("Pick a navigator"), fieldNavigator)
	members := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, plain("Pick members"), fieldAssigned)
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("Assign a navigator"), Submit: plain("Assign"), Close: plain("Cancel"),
		CallbackID: callbackAssign, PrivateMetadata: groupID,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(blockNavigator, plain("Navigator"), nil, nav),
			slack.NewInputBlock(blockAssigned, plain("Their members"), nil, members),
		}},
	}
}

// viewValue reads one field of a submitted modal.
func viewValue(v slack.View, block, field string) slack.BlockAction {
	if v.State == nil {
		return slack.BlockAction{}
	}
	return v.State.Values[block][field]
}

// submitGroup validates and saves the group form. Errors are shown in the
// form; on success the form turns into the next three meeting times.
func (b *Bot) submitGroup(ctx context.Context, user, triggerID string, v slack.View) any {
	channel := v.PrivateMetadata
	existing, err := b.store.Group(ctx, channel)
	var current *store.Group
	switch {
	case err == nil:
		current = &existing
	case !errors.Is(err, store.ErrNotFound):
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: sayTrouble})
	}
	if err := b.authorize(ctx, user, actEditGroup, current, ""); err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: refusalText(err)})
	}
	errs := map[string]string{}
	g := store.GroupSettings{ID: channel}
	// Typed text, cleaned as it arrives (see conversations.Sanitize).
	typed := func(block, field string) string {
		return strings.TrimSpace(conversations.Sanitize(viewValue(v, block, field).Value))
	}
	g.Name = typed(blockGroupName, fieldGroupName)
	if g.Name == "" || len([]rune(g.Name)) > 80 {
		errs[blockGroupName] = "Give the group a short name (up to 80 characters)."
	}
	tz := typed(blockTZ, fieldTZ)
	loc, err := time.LoadLocation(tz)
	if tz == "" || err != nil {
		errs[blockTZ] = "That isn't a time zone I know. Use a name like America/New_York or Europe/Berlin."
		loc = time.UTC
	}
	sched, err := scheduler.ParseSchedule(typed(blockSchedule, fieldSchedule), loc)
	if err != nil {
		errs[blockSchedule] = err.Error()
	}
	lead, err := strconv.Atoi(typed(blockLead, fieldLead))
	if err != nil || lead < 1 || lead > 168 {
		errs[blockLead] = "A number of hours from 1 to 168 (a week)."
	}
	g.QuietStart, g.QuietEnd = scheduler.DefaultQuietStart, scheduler.DefaultQuietEnd
	if q := typed(blockQuiet, fieldQuiet); q != "" {
		start, end, ok := scheduler.ParseQuietHours(q)
		if !ok {
			errs[blockQuiet] = "Write quiet hours like 21:00-08:00, or leave it empty for that default."
		}
		g.QuietStart, g.QuietEnd = start, end
	}
	g.Members = viewValue(v, blockMembers, fieldMembers).SelectedUsers
	g.Facilitators = viewValue(v, blockFacils, fieldFacils).SelectedUsers
	g.Navigators = viewValue(v, blockNavs, fieldNavs).SelectedUsers
	if len(g.Members) == 0 {
		errs[blockMembers] = "Pick at least one member."
	}
	if !slices.Contains(g.Facilitators, user) && current == nil {
		g.Facilitators = append(g.Facilitators, user) // whoever sets a group up facilitates it
	}
	if len(g.Facilitators) == 0 {
		errs[blockFacils] = "A group needs at least one facilitator."
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs)
	}
	g.TZ, g.Schedule, g.ScheduleText, g.Lead = tz, sched.Spec, sched.Text, time.Duration(lead)*time.Hour
	saved, err := scheduler.SetUpGroup(ctx, b.store, g, requestKey("view", triggerID))
	switch {
	case errors.Is(err, store.ErrDuplicate):
		// Slack's retry of a form already saved: the same answer, no second save.
		b.log.Info("replayed form ignored", "group", g.ID, "user", user, "form", callbackGroup)
	case err != nil:
		b.log.Error("could not save a group", "group", g.ID, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: sayTrouble})
	default:
		b.log.Info("group saved", "group", g.ID, "user", user, "members", len(g.Members))
		people := slices.Concat(saved.Members, saved.Facilitators, saved.Navigators)
		b.enqueue(g.ID, "group_people", func(ctx context.Context) error { return b.syncPeople(ctx, people) })
	}
	done := "*" + said(g.Name) + "* is set up. It meets " + esc(sched.Describe(b.Now(), 3)) +
		"\nMembers get their check-in prompt " + strconv.Itoa(lead) + " hours before each session."
	return slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("Group saved"), Close: plain("Done"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(mrkdwn(done), nil, nil)}},
	})
}

// syncPeople learns the names and zones of a group's people from Slack,
// off the ack path (the group and its members are already saved), then
// replans. Each fetch is shared with any already in flight for that person,
// and only writes their name and zone, so nothing else about them can be
// undone by it.
func (b *Bot) syncPeople(ctx context.Context, people []string) error {
	var fetches []*zoneFetch
	for _, id := range slices.Compact(slices.Sorted(slices.Values(people))) {
		fetches = append(fetches, b.zones.fetch(id))
	}
	for _, f := range fetches {
		select {
		case <-f.first:
		case <-ctx.Done():
		}
	}
	if b.Scheduler != nil {
		b.Scheduler.Replan()
	}
	return nil
}

func displayName(u *slack.User) string {
	for _, n := range []string{u.Profile.DisplayName, u.RealName, u.Name} {
		if n != "" {
			return n
		}
	}
	return ""
}

// submitAssign gives the chosen members the chosen navigator.
func (b *Bot) submitAssign(ctx context.Context, user, triggerID string, v slack.View) any {
	g, err := b.store.Group(ctx, v.PrivateMetadata)
	if err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockNavigator: sayNoGroupHere})
	}
	if err := b.authorize(ctx, user, actEditGroup, &g, ""); err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockNavigator: refusalText(err)})
	}
	nav := viewValue(v, blockNavigator, fieldNavigator).SelectedUser
	members := viewValue(v, blockAssigned, fieldAssigned).SelectedUsers
	errs := map[string]string{}
	if nav == "" {
		errs[blockNavigator] = "Pick a navigator."
	}
	for _, m := range members {
		if !slices.Contains(g.Members, m) {
			errs[blockAssigned] = "Everyone here must be a member of this group; add them in `/cairn group setup` first."
		}
	}
	if len(members) == 0 {
		errs[blockAssigned] = "Pick at least one member."
	}
	if len(errs) > 0 {
		return slack.NewErrorsViewSubmissionResponse(errs)
	}
	err = b.store.AssignNavigator(ctx, g.ID, nav, members, requestKey("view", triggerID))
	switch {
	case errors.Is(err, store.ErrDuplicate):
		b.log.Info("replayed form ignored", "group", g.ID, "user", user, "form", callbackAssign)
		return nil
	case err != nil:
		b.log.Error("could not assign a navigator", "group", g.ID, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockNavigator: sayTrouble})
	}
	b.enqueue(g.ID, "assign_people", func(ctx context.Context) error { return b.syncPeople(ctx, []string{nav}) })
	return nil
}

// pauseCommand answers "/cairn pause until June 20" and "/cairn resume".
// It is the DM's "away until June 20" (one runner turn that writes only the
// member's pause), keyed by the command's trigger_id so that a replay
// changes nothing and gets the same answer.
func (b *Bot) pauseCommand(ctx context.Context, user, triggerID string, args []string) string {
	phrase := ""
	if args[0] != "resume" {
		if phrase = strings.TrimSpace(strings.Join(args[1:], " ")); phrase == "" {
			return sayPauseHow
		}
	}
	day, loc, err := b.runner.Away(ctx, user, requestKey("slash", triggerID), phrase, b.Now())
	var dateErr *conversations.DateError
	switch {
	case errors.As(err, &dateErr):
		return esc(err.Error()) + "\n" + sayPauseHow // it quotes what they typed
	case err != nil:
		b.log.Error("could not save a pause", "user", user, "err", err)
		return sayTrouble
	}
	if b.Scheduler != nil {
		b.Scheduler.Replan()
	}
	if day.IsZero() {
		return sayResumed
	}
	return fmt.Sprintf(sayPaused, conversations.SayDate(day, b.Now().In(loc)))
}

// nudgeButton handles a navigator's "Nudge Maria" button.
func (b *Bot) nudgeButton(ctx context.Context, navigator, member string) {
	b.enqueue(navigator, "nudge", func(ctx context.Context) error {
		if err := b.authorize(ctx, navigator, actNudgeOther, nil, member); err != nil {
			return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: refusalText(err)}})
		}
		if b.Scheduler == nil {
			return errors.New("bot: nudges need the scheduler")
		}
		m, _ := b.store.Member(ctx, member)
		planned, err := b.Scheduler.NudgeMember(ctx, navigator, member, b.Now())
		if err != nil {
			return err
		}
		msg := fmt.Sprintf(sayNudgeSent, nameOf(m))
		if !planned {
			msg = fmt.Sprintf(sayNudgedToday, nameOf(m))
		}
		return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: msg}})
	})
}

func nameOf(m store.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return "them"
}

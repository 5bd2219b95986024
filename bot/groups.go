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
	blockCrisis, fieldCrisis       = "crisis", "crisis_input"
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

// maxCrisisContacts keeps the crisis reply short enough to read at a bad moment.
const maxCrisisContacts = 500

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
		var invited []string
		for _, in := range g.Invited {
			if !in.Declined && !slices.Contains(invited, in.Person) {
				invited = append(invited, in.Person)
			}
		}
		if len(invited) > 0 {
			text += "\nInvited, not joined yet: " + mentions(invited)
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
		// The form shows everyone named: joined or still invited.
		for _, in := range g.Invited {
			if list := rosterOf(&v, in.Role); !slices.Contains(*list, in.Person) {
				*list = append(*list, in.Person)
			}
		}
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
	return b.openModal(ctx, trigger, groupModal(v, channelName))
}

// rosterOf is the list of g for role r.
func rosterOf(g *store.Group, r store.Role) *[]string {
	switch r {
	case store.RoleFacilitator:
		return &g.Facilitators
	case store.RoleNavigator:
		return &g.Navigators
	}
	return &g.Members
}

// groupModal is the group form. Its metadata carries the channel and, for
// the invitations only, the channel's name; who may save it for that
// channel is checked again on submission (see authorize).
func groupModal(g store.Group, channelName string) slack.ModalViewRequest {
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
	// Shown to a member who writes words of crisis; without it they get 988.
	crisis := text(blockCrisis, fieldCrisis, "Crisis contacts (shown to members in a crisis)", "Call our warmline 555-0100, 9am–9pm", g.CrisisContacts, true)
	crisis.Element.(*slack.PlainTextInputBlockElement).Multiline = true
	crisis.Hint = plain("Left empty, members are given 988 (US) and their emergency number.")
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("Set up your group"), Submit: plain("Save"), Close: plain("Cancel"),
		CallbackID: callbackGroup, PrivateMetadata: g.ID + "|" + channelName,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			text(blockGroupName, fieldGroupName, "Group name", "Tuesday evening group", g.Name, false),
			text(blockSchedule, fieldSchedule, "When does it meet?", "Tuesdays 6pm", g.ScheduleText, false),
			text(blockTZ, fieldTZ, "Time zone", "America/New_York", tz, false),
			text(blockLead, fieldLead, "Check-in prompt, hours before each session", "24", lead, false),
			text(blockQuiet, fieldQuiet, "Quiet hours (no messages), in each person's zone", "21:00-08:00", quiet, true),
			crisis,
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
	channel, channelName, _ := strings.Cut(v.PrivateMetadata, "|")
	existing, err := b.store.Group(ctx, channel)
	var current *store.Group
	switch {
	case err == nil:
		current = &existing
	case errors.Is(err, store.ErrInvalid):
	case !errors.Is(err, store.ErrNotFound):
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: sayTrouble})
	}
	if err := b.authorize(ctx, user, actSubmitGroup, current, channel); err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: refusalText(err)})
	}
	errs := map[string]string{}
	g := store.GroupSettings{ID: channel, By: user}
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
	g.CrisisContacts = typed(blockCrisis, fieldCrisis)
	if len([]rune(g.CrisisContacts)) > maxCrisisContacts {
		errs[blockCrisis] = "Keep crisis contacts short (up to 500 characters): a number or two and when to call."
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
	done, err := scheduler.SetUpGroup(ctx, b.store, g, requestKey("view", triggerID))
	switch {
	case errors.Is(err, store.ErrDuplicate):
		// Slack's retry of a form already saved: the same answer, no second save.
		b.log.Info("replayed form ignored", "group", g.ID, "user", user, "form", callbackGroup)
	case err != nil:
		b.log.Error("could not save a group", "group", g.ID, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: sayTrouble})
	default:
		b.log.Info("group saved", "group", g.ID, "user", user, "invited", len(done.Invited))
		people := slices.Concat(g.Members, g.Facilitators, g.Navigators)
		b.enqueue(g.ID, "group_people", func(ctx context.Context) error {
			if err := b.syncPeople(ctx, people); err != nil {
				return err
			}
			return b.ask(ctx, done.Group, channelName, done.Invited, done.Asked)
		})
	}
	done2 := "*" + said(g.Name) + "* is set up. It meets " + esc(sched.Describe(b.Now(), 3)) +
		"\nI've invited the people you named: each gets a message from me and joins if they want to. Members get their check-in prompt " +
		strconv.Itoa(lead) + " hours before each session, once they've joined."
	return slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("Group saved"), Close: plain("Done"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewSectionBlock(mrkdwn(done2), nil, nil)}},
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
	_, asked, invited, err := b.store.ProposeNavigator(ctx, g.ID, nav, members, user, requestKey("view", triggerID))
	switch {
	case errors.Is(err, store.ErrDuplicate):
		b.log.Info("replayed form ignored", "group", g.ID, "user", user, "form", callbackAssign)
		return nil
	case err != nil:
		b.log.Error("could not propose a navigator", "group", g.ID, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockNavigator: sayTrouble})
	}
	var invitations []store.Invitation
	if invited != nil {
		invitations = append(invitations, *invited)
	}
	b.enqueue(g.ID, "assign_people", func(ctx context.Context) error {
		if err := b.syncPeople(ctx, []string{nav}); err != nil {
			return err
		}
		saved, err := b.store.Group(ctx, g.ID)
		if err != nil {
			return err
		}
		return b.ask(ctx, saved, "", invitations, asked)
	})
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

// Joining, declining and leaving a group, and saying yes to a navigator:
// the invitations and questions Cairn sends, and the buttons that answer
// them. A button's value names what it answers and the group.
const (
	valueJoin    = "group-join:"
	valueDecline = "group-decline:"
	valueLeave   = "group-leave:"
	valueNavYes  = "nav-yes:"
	valueNavNo   = "nav-no:"
)

const (
	sayJoined        = "You're in “%s”. Welcome! You'll get a check-in prompt before each session. Next, pick what the group sees of your check-ins (/cairn privacy changes it anytime); you can leave anytime with the button below or /cairn leave."
	sayJoinedRole    = "You're in “%s” as %s. You can leave anytime with the button below or /cairn leave."
	sayDeclined      = "No problem — you're not in “%s”, and nothing of yours is shared with it. If you change your mind, ask its facilitator to invite you again."
	sayInviteGone    = "That invitation isn't open any more. If you'd like to join, ask the group's facilitator to invite you again."
	sayLeft          = "You've left “%s”. Nothing new of yours will be shared with it, and its prompts stop now. Take care — you're welcome back anytime."
	sayNotInGroup    = "You're not in that group, so there's nothing to leave."
	sayNoGroups      = "You're not in any group, so there's nothing to leave."
	sayPickLeave     = "I've sent you a direct message: pick the group you'd like to leave there."
	sayWhichLeave    = "Which group would you like to leave? It takes effect at once."
	sayNavYes        = "Done — %s is your navigator in “%s”. You can change your mind anytime: /cairn leave or ask the facilitator."
	sayNavNo         = "Okay — no navigator for now in “%s”. Nothing about you goes to %s."
	sayNavGone       = "That question isn't open any more."
	sayLeaveButton   = "Leave this group"
	sayInviteAs      = "%s set up “%s”%s and would like you to join as %s."
	sayInviteMeets   = "It meets %s"
	sayInviteSees    = "If you join, what you share in your check-ins is seen by the group's facilitators (%s) and by your navigator in the group, if you say yes to one. You choose how much: by default, whether you checked in and the steps you did; /cairn privacy changes it anytime."
	sayInviteNothing = "Nothing of yours is shared and you get no prompts unless you join, and you can leave anytime."
	sayNavAsk        = "%s suggests %s as your navigator in “%s”. A navigator gets a short list each morning with your steps due soon and whether you missed a check-in (as much as you share), and can send you a gentle nudge. Is that okay?"
)

// roleWords says what joining as a role means, for an invitation.
func roleWords(r store.Role) string {
	switch r {
	case store.RoleFacilitator:
		return "a facilitator (you'd see members' check-ins as each of them chooses to share)"
	case store.RoleNavigator:
		return "a navigator (members who say yes to you would be on your morning list)"
	}
	return "a member"
}

// ask sends the newly invited their invitation and the newly asked members
// their navigator question, each in their DM, through the outbox.
func (b *Bot) ask(ctx context.Context, g store.Group, channelName string, invited []store.Invitation, asked []string) error {
	var errs []error
	byPerson := map[string][]store.Invitation{}
	var order []string
	for _, in := range invited {
		if _, ok := byPerson[in.Person]; !ok {
			order = append(order, in.Person)
		}
		byPerson[in.Person] = append(byPerson[in.Person], in)
	}
	for _, person := range order {
		errs = append(errs, b.post(ctx, person, "", []conversations.Reply{b.invitation(ctx, g, channelName, byPerson[person])}))
	}
	for _, member := range asked {
		if reply, ok := b.navigatorQuestion(ctx, g, member); ok {
			errs = append(errs, b.post(ctx, member, "", []conversations.Reply{reply}))
		}
	}
	return errors.Join(errs...)
}

// invitation is the message asking someone to join g in one or more roles.
func (b *Bot) invitation(ctx context.Context, g store.Group, channelName string, ins []store.Invitation) conversations.Reply {
	var as []string
	for _, in := range ins {
		as = append(as, roleWords(in.Role))
	}
	where := ""
	if channelName != "" {
		where = " in the #" + channelName + " channel"
	}
	text := fmt.Sprintf(sayInviteAs, b.nameOf(ctx, ins[0].By), conversations.Inert(g.Name), where, strings.Join(as, " and "))
	if sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText); err == nil {
		text += " " + fmt.Sprintf(sayInviteMeets, sched.Describe(b.Now(), 1))
	}
	var facs []string
	for _, f := range g.Facilitators {
		facs = append(facs, b.nameOf(ctx, f))
	}
	text += "\n" + fmt.Sprintf(sayInviteSees, strings.Join(facs, ", ")) + "\n" + sayInviteNothing
	return conversations.Reply{Text: text, Choices: []conversations.Choice{
		{Label: "Join", Value: valueJoin + g.ID}, {Label: "No thanks", Value: valueDecline + g.ID},
	}}
}

// navigatorQuestion asks member whether the navigator proposed to them in
// g is okay; false when nothing is proposed.
func (b *Bot) navigatorQuestion(ctx context.Context, g store.Group, member string) (conversations.Reply, bool) {
	nav := g.NavigatorAsked[member]
	if nav == "" || !slices.Contains(g.Members, member) {
		return conversations.Reply{}, false
	}
	by := "The group's facilitator"
	if len(g.Facilitators) > 0 {
		by = b.nameOf(ctx, g.Facilitators[0])
	}
	text := fmt.Sprintf(sayNavAsk, by, b.nameOf(ctx, nav), conversations.Inert(g.Name))
	return conversations.Reply{Text: text, Choices: []conversations.Choice{
		{Label: "Yes, that's fine", Value: valueNavYes + g.ID}, {Label: "Not now", Value: valueNavNo + g.ID},
	}}, true
}

// nameOf is how Cairn names a person to someone else: their Slack name as
// last learned, else what Slack says now, else a neutral word.
func (b *Bot) nameOf(ctx context.Context, id string) string {
	if m, err := b.store.Member(ctx, id); err == nil && m.Name != "" {
		return m.Name
	}
	if u, err := b.userInfo(ctx, id); err == nil {
		if n := displayName(u); n != "" {
			return n
		}
	}
	return "someone in your workspace"
}

// isGroupAnswer tells a group button's value from a conversation's.
func isGroupAnswer(value string) bool {
	for _, p := range []string{valueJoin, valueDecline, valueLeave, valueNavYes, valueNavNo} {
		if strings.HasPrefix(value, p) {
			return true
		}
	}
	return false
}

// pressGroupButton answers Join, No thanks, Leave and the navigator
// question. The press is keyed by its message, like a conversation's
// buttons: the store marks the key with the change, so a replay or a double
// click has no second effect.
func (b *Bot) pressGroupButton(cb slack.InteractionCallback, a *slack.BlockAction, click string) intake {
	user, channel, ts := cb.User.ID, cb.Channel.ID, cb.Container.MessageTs
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	key := click
	if channel != "" && ts != "" {
		key = "group-press:" + channel + ":" + ts
	}
	value, question, label := a.Value, cb.Message.Text, buttonLabel(cb.Message.Blocks, a)
	return intake{after: func(context.Context) {
		b.enqueue(user, "group_answer", func(ctx context.Context) error {
			answered, err := b.groupAnswer(ctx, user, value, key)
			if answered && channel != "" && ts != "" {
				// The buttons go, so the message cannot be answered twice.
				if err := b.update(ctx, channel, ts, answeredMessage(question, label)...); err != nil {
					b.log.Warn("could not take the buttons off a message", "user", user, "err", err)
				}
			}
			return err
		})
	}}
}

// groupAnswer carries out one group button's answer and tells the person.
// It reports whether the answer was saved now (not a replay, not refused).
func (b *Bot) groupAnswer(ctx context.Context, user, value, key string) (bool, error) {
	kind, groupID, _ := strings.Cut(value, ":")
	kind += ":"
	var reply conversations.Reply
	var err error
	replan := false
	switch kind {
	case valueJoin:
		var g store.Group
		var roles []store.Role
		g, roles, err = b.store.JoinGroup(ctx, groupID, user, key)
		if err == nil {
			replan = true
			reply.Text = fmt.Sprintf(sayJoined, conversations.Inert(g.Name))
			if !slices.Contains(roles, store.RoleMember) {
				var as []string
				for _, r := range roles {
					as = append(as, string(r))
				}
				reply.Text = fmt.Sprintf(sayJoinedRole, conversations.Inert(g.Name), "a "+strings.Join(as, " and a "))
			}
			reply.Choices = []conversations.Choice{{Label: sayLeaveButton, Value: valueLeave + g.ID}}
			replies := []conversations.Reply{reply}
			if q, ok := b.navigatorQuestion(ctx, g, user); ok {
				replies = append(replies, q)
			}
			b.log.Info("joined a group", "user", user, "group", groupID)
			if err := b.answered(ctx, user, replies, replan); err != nil {
				return true, err
			}
			if slices.Contains(roles, store.RoleMember) {
				// Joining is also choosing what the group sees of their
				// check-ins: the choice comes at once (the default holds
				// until they pick).
				return true, b.privacyChoicesToDM(ctx, user, []store.Group{g})
			}
			return true, nil
		}
	case valueDecline:
		var g store.Group
		g, err = b.store.DeclineGroup(ctx, groupID, user, key)
		reply.Text = fmt.Sprintf(sayDeclined, conversations.Inert(g.Name))
	case valueLeave:
		var g store.Group
		g, err = b.store.LeaveGroup(ctx, groupID, user, key)
		reply.Text, replan = fmt.Sprintf(sayLeft, conversations.Inert(g.Name)), true
	case valueNavYes, valueNavNo:
		yes := kind == valueNavYes
		var nav string
		nav, err = b.store.AnswerNavigator(ctx, groupID, user, yes, key)
		g, _ := b.store.Group(ctx, groupID)
		if yes {
			reply.Text, replan = fmt.Sprintf(sayNavYes, b.nameOf(ctx, nav), conversations.Inert(g.Name)), true
		} else {
			reply.Text = fmt.Sprintf(sayNavNo, conversations.Inert(g.Name), b.nameOf(ctx, nav))
		}
	default:
		return false, nil
	}
	switch {
	case errors.Is(err, store.ErrDuplicate):
		b.log.Info("replayed press ignored", "user", user, "group", groupID)
		return false, nil
	case errors.Is(err, store.ErrNotInvited):
		reply = conversations.Reply{Text: sayInviteGone}
		if kind == valueNavYes || kind == valueNavNo {
			reply.Text = sayNavGone
		}
		replan = false
	case errors.Is(err, store.ErrNotFound):
		reply, replan = conversations.Reply{Text: sayNotInGroup}, false
	case err != nil:
		b.log.Error("could not save a group answer", "user", user, "group", groupID, "err", err)
		reply, replan = conversations.Reply{Text: sayTrouble}, false
	default:
		b.log.Info("group answer saved", "user", user, "group", groupID, "answer", strings.TrimSuffix(kind, ":"))
	}
	return err == nil, b.answered(ctx, user, []conversations.Reply{reply}, replan)
}

// answered tells the person what their answer did, then replans when it
// changed who gets what.
func (b *Bot) answered(ctx context.Context, user string, replies []conversations.Reply, replan bool) error {
	if replan && b.Scheduler != nil {
		b.Scheduler.Replan()
	}
	return b.deliver(ctx, user, "", replies)
}

// leaveCommand answers "/cairn leave": in a group's channel it leaves that
// group; elsewhere it leaves the person's only group, or sends a choice of
// their groups to their DM.
func (b *Bot) leaveCommand(ctx context.Context, cmd slack.SlashCommand) string {
	user := cmd.UserID
	groups, err := b.store.Groups(ctx)
	if err != nil {
		b.log.Error("could not load groups", "user", user, "err", err)
		return sayTrouble
	}
	var mine []store.Group
	for _, g := range groups {
		if g.Joined(user) || len(g.InvitationsOf(user)) > 0 {
			mine = append(mine, g)
		}
	}
	if slices.ContainsFunc(groups, func(g store.Group) bool { return g.ID == cmd.ChannelID }) {
		// In a group's channel, "leave" means this group, and only it.
		mine = slices.DeleteFunc(mine, func(g store.Group) bool { return g.ID != cmd.ChannelID })
		if len(mine) == 0 {
			return sayNotInGroup
		}
	}
	switch len(mine) {
	case 0:
		return sayNoGroups
	case 1:
		g, err := b.store.LeaveGroup(ctx, mine[0].ID, user, requestKey("slash", cmd.TriggerID))
		switch {
		case errors.Is(err, store.ErrDuplicate):
		case errors.Is(err, store.ErrNotFound):
			return sayNotInGroup
		case err != nil:
			b.log.Error("could not leave a group", "user", user, "group", mine[0].ID, "err", err)
			return sayTrouble
		default:
			b.log.Info("left a group", "user", user, "group", g.ID)
			if b.Scheduler != nil {
				b.Scheduler.Replan()
			}
		}
		return fmt.Sprintf(sayLeft, said(mine[0].Name))
	}
	reply := conversations.Reply{Text: sayWhichLeave}
	for _, g := range mine {
		reply.Choices = append(reply.Choices, conversations.Choice{Label: "Leave " + clip(g.Name, 60), Value: valueLeave + g.ID})
	}
	b.enqueue(user, "leave_choice", func(ctx context.Context) error {
		return b.post(ctx, user, "", []conversations.Reply{reply})
	})
	return sayPickLeave
}

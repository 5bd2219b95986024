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

// maxCrisisContacts keeps the crisis reply short enough to read at a bad moment.
const maxCrisisContacts = 500

// groupCommand answers "/cairn group …" in a channel.
func (b *Bot) groupCommand(ctx context.Context, cmd slack.SlashCommand, args []string) map[string]any {
	ephemeral := func(text string) map[string]any { return map[string]any{"response_type": "ephemeral", "text": text} }
	l := b.langOf(ctx, cmd.UserID)
	w := conversations.WordsFor(l)
	if !strings.HasPrefix(cmd.ChannelID, "C") && !strings.HasPrefix(cmd.ChannelID, "G") {
		return ephemeral(w.GroupInChannel)
	}
	g, err := b.store.Group(ctx, cmd.ChannelID)
	var group *store.Group
	switch {
	case err == nil:
		group = &g
	case !errors.Is(err, store.ErrNotFound):
		b.log.Error("could not load a group", "group", cmd.ChannelID, "err", err)
		return ephemeral(w.ErrTrouble)
	}
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	switch sub {
	case "setup", "edit":
		if err := b.authorize(ctx, cmd.UserID, actEditGroup, group, ""); err != nil {
			return ephemeral(refusalText(w, err))
		}
		user, channel, channelName, trigger := cmd.UserID, cmd.ChannelID, cmd.ChannelName, cmd.TriggerID
		b.enqueue(user, "group_setup", func(ctx context.Context) error {
			return b.openGroupModal(ctx, user, channel, channelName, trigger, group)
		})
		return map[string]any{} // the modal is the answer
	case "cancel":
		if group == nil {
			return ephemeral(w.GroupNoneHere)
		}
		if err := b.authorize(ctx, cmd.UserID, actEditGroup, group, ""); err != nil {
			return ephemeral(refusalText(w, err))
		}
		next, err := b.cancelNext(ctx, group.ID, requestKey("slash", cmd.TriggerID))
		return ephemeral(cancelWords(l, next, err, b.Now()))
	case "assign":
		if err := b.authorize(ctx, cmd.UserID, actEditGroup, group, ""); err != nil || group == nil {
			if group == nil {
				return ephemeral(w.GroupNoneHere)
			}
			return ephemeral(refusalText(w, err))
		}
		user, trigger, gid := cmd.UserID, cmd.TriggerID, group.ID
		b.enqueue(user, "assign", func(ctx context.Context) error {
			return b.openModal(ctx, trigger, assignModal(w, gid))
		})
		return map[string]any{}
	default:
		if group == nil {
			return ephemeral(w.GroupNoneHere)
		}
		return ephemeral(b.describeGroup(ctx, w, cmd.UserID, *group))
	}
}

// refusalText is what a person reads about err from authorize: the
// refusal's kind words, or (for a failure, not a refusal) that something
// went wrong; never the error's own text.
func refusalText(w *conversations.Words, err error) string {
	var r refusal
	if errors.As(err, &r) && r.say != nil {
		return r.say(w)
	}
	return w.ErrTrouble
}

// describeGroup is the group's schedule for anyone, and its roster for its
// facilitators only.
func (b *Bot) describeGroup(ctx context.Context, w *conversations.Words, user string, g store.Group) string {
	sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return fmt.Sprintf(w.GroupNoSchedule, said(g.Name))
	}
	text := fmt.Sprintf(w.GroupMeets, said(g.Name), esc(sched.DescribeIn(w.Language(), b.Now(), 3)))
	if b.authorize(ctx, user, actSeeRoster, &g, "") == nil {
		text += "\n" + fmt.Sprintf(w.GroupMembers, mentions(w, g.Members)) + "\n" + fmt.Sprintf(w.GroupFacilitators, mentions(w, g.Facilitators))
		if len(g.Navigators) > 0 {
			text += "\n" + fmt.Sprintf(w.GroupNavigators, mentions(w, g.Navigators))
		}
		var invited []string
		for _, in := range g.Invited {
			if !in.Declined && !slices.Contains(invited, in.Person) {
				invited = append(invited, in.Person)
			}
		}
		if len(invited) > 0 {
			text += "\n" + fmt.Sprintf(w.GroupInvited, mentions(w, invited))
		}
	}
	return text
}

// mentions renders user IDs as Slack mentions, which Slack shows as names.
func mentions(w *conversations.Words, ids []string) string {
	if len(ids) == 0 {
		return w.GroupNobodyYet
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = "<@" + id + ">"
	}
	return strings.Join(parts, ", ")
}

// cancelNext calls off the group's next session (see scheduler.CancelNext)
// and returns it. A replayed command gets the session its first delivery
// called off, and no error. Failures are logged here; what the person reads
// is cancelWords'.
func (b *Bot) cancelNext(ctx context.Context, groupID, key string) (time.Time, error) {
	next, err := scheduler.CancelNext(ctx, b.store, groupID, b.Now(), key)
	switch {
	case errors.Is(err, scheduler.ErrNoSession):
	case errors.Is(err, store.ErrDuplicate):
		b.log.Info("replayed command ignored", "group", groupID, "command", "group cancel")
		err = nil
	case err != nil:
		b.log.Error("could not cancel a session", "group", groupID, "err", err)
	}
	return next, err
}

// cancelWords tells the person, in l, what cancelNext did.
func cancelWords(l conversations.Lang, next time.Time, err error, now time.Time) string {
	w := conversations.WordsFor(l)
	switch {
	case errors.Is(err, scheduler.ErrNoSession):
		return w.GroupNoNextSession
	case err != nil:
		return w.ErrTrouble
	}
	return fmt.Sprintf(w.GroupCancelledNext, sessionWords(l, next, now))
}

// sessionWords says a session's day and time in the reader's language, in
// the session's own zone: "Tuesday, June 9 at 6:00 PM", "martes 9 de junio
// a las 18:00".
func sessionWords(l conversations.Lang, at, now time.Time) string {
	w := conversations.WordsFor(l)
	day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC) // SayDateIn reads the UTC calendar day
	return fmt.Sprintf(w.GroupSessionAt, conversations.SayDateIn(l, day, now.In(at.Location())), at.Format(w.GroupClockLayout))
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
	return b.openModal(ctx, trigger, groupModal(b.wordsOf(ctx, user), v, channelName))
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
func groupModal(w *conversations.Words, g store.Group, channelName string) slack.ModalViewRequest {
	text := func(block, field, label, placeholder, initial string, optional bool) *slack.InputBlock {
		el := slack.NewPlainTextInputBlockElement(plain(placeholder), field)
		el.InitialValue = initial
		ib := slack.NewInputBlock(block, plain(label), nil, el)
		ib.Optional = optional
		return ib
	}
	users := func(block, field, label string, initial []string, optional bool) *slack.InputBlock {
		el := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, plain(w.FormPickPeople), field)
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
	crisis := text(blockCrisis, fieldCrisis, w.GroupCrisisLabel, w.GroupCrisisPlaceholder, g.CrisisContacts, true)
	crisis.Element.(*slack.PlainTextInputBlockElement).Multiline = true
	crisis.Hint = plain(w.GroupCrisisHint)
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain(w.GroupFormTitle), Submit: plain(w.FormSave), Close: plain(w.FormCancel),
		CallbackID: callbackGroup, PrivateMetadata: g.ID + "|" + channelName,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			text(blockGroupName, fieldGroupName, w.GroupNameLabel, w.GroupNamePlaceholder, g.Name, false),
			text(blockSchedule, fieldSchedule, w.GroupWhenLabel, w.GroupWhenPlaceholder, g.ScheduleText, false),
			text(blockTZ, fieldTZ, w.GroupZoneLabel, "America/New_York", tz, false),
			text(blockLead, fieldLead, w.GroupLeadLabel, "24", lead, false),
			text(blockQuiet, fieldQuiet, w.GroupQuietLabel, "21:00-08:00", quiet, true),
			crisis,
			users(blockMembers, fieldMembers, w.GroupMembersLabel, g.Members, false),
			users(blockFacils, fieldFacils, w.GroupFacilsLabel, g.Facilitators, false),
			users(blockNavs, fieldNavs, w.GroupNavsLabel, g.Navigators, true),
		}},
	}
}

func assignModal(w *conversations.Words, groupID string) slack.ModalViewRequest {
	nav := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, plain(w.AssignPickNav), fieldNavigator)
	members := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeUser, plain(w.AssignPickMembers), fieldAssigned)
	return slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain(w.AssignTitle), Submit: plain(w.AssignSubmit), Close: plain(w.FormCancel),
		CallbackID: callbackAssign, PrivateMetadata: groupID,
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(blockNavigator, plain(w.AssignNavigator), nil, nav),
			slack.NewInputBlock(blockAssigned, plain(w.AssignMembers), nil, members),
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
	w := b.wordsOf(ctx, user)
	channel, channelName, _ := strings.Cut(v.PrivateMetadata, "|")
	existing, err := b.store.Group(ctx, channel)
	var current *store.Group
	switch {
	case err == nil:
		current = &existing
	case errors.Is(err, store.ErrInvalid):
	case !errors.Is(err, store.ErrNotFound):
		b.log.Error("could not load a group for its form", "group", channel, "err", err)
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: w.ErrTrouble})
	}
	if err := b.authorize(ctx, user, actSubmitGroup, current, channel); err != nil {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: refusalText(w, err)})
	}
	errs := map[string]string{}
	g := store.GroupSettings{ID: channel, By: user}
	// Typed text, cleaned as it arrives (see conversations.Sanitize).
	typed := func(block, field string) string {
		return strings.TrimSpace(conversations.Sanitize(viewValue(v, block, field).Value))
	}
	g.Name = typed(blockGroupName, fieldGroupName)
	if g.Name == "" || len([]rune(g.Name)) > 80 {
		errs[blockGroupName] = w.GroupNameBad
	}
	tz := typed(blockTZ, fieldTZ)
	loc, err := time.LoadLocation(tz)
	if tz == "" || err != nil {
		errs[blockTZ] = w.GroupZoneBad
		loc = time.UTC
	}
	// Read in the facilitator's language; a Spanish speaker's English is read too.
	sched, err := scheduler.ParseScheduleIn(w.Language(), typed(blockSchedule, fieldSchedule), loc)
	if err != nil {
		errs[blockSchedule] = scheduleTrouble(w, err)
	}
	lead, err := strconv.Atoi(typed(blockLead, fieldLead))
	if err != nil || lead < 1 || lead > 168 {
		errs[blockLead] = w.GroupLeadBad
	}
	g.QuietStart, g.QuietEnd = scheduler.DefaultQuietStart, scheduler.DefaultQuietEnd
	if q := typed(blockQuiet, fieldQuiet); q != "" {
		start, end, ok := scheduler.ParseQuietHours(q)
		if !ok {
			errs[blockQuiet] = w.GroupQuietBad
		}
		g.QuietStart, g.QuietEnd = start, end
	}
	g.CrisisContacts = typed(blockCrisis, fieldCrisis)
	if len([]rune(g.CrisisContacts)) > maxCrisisContacts {
		errs[blockCrisis] = fmt.Sprintf(w.GroupCrisisLong, maxCrisisContacts)
	}
	g.Members = viewValue(v, blockMembers, fieldMembers).SelectedUsers
	g.Facilitators = viewValue(v, blockFacils, fieldFacils).SelectedUsers
	g.Navigators = viewValue(v, blockNavs, fieldNavs).SelectedUsers
	if len(g.Members) == 0 {
		errs[blockMembers] = w.GroupPickMember
	}
	if !slices.Contains(g.Facilitators, user) && current == nil {
		g.Facilitators = append(g.Facilitators, user) // whoever sets a group up facilitates it
	}
	if len(g.Facilitators) == 0 {
		errs[blockFacils] = w.GroupNeedFacilitator
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
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockGroupName: w.ErrTrouble})
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
	done2 := fmt.Sprintf(w.GroupSaved, said(g.Name), esc(sched.DescribeIn(w.Language(), b.Now(), 3)), lead)
	return slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain(w.GroupSavedTitle), Close: plain(w.FormDone),
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

// scheduleTrouble is what a facilitator reads about a meeting time the form
// could not read: a kind sentence in their language chosen by the error's
// kind, never the error's own text.
func scheduleTrouble(w *conversations.Words, err error) string {
	var se *scheduler.ScheduleError
	if !errors.As(err, &se) {
		return w.ErrScheduleUnread
	}
	switch se.Kind {
	case scheduler.KindTooLong:
		return w.ErrScheduleTooLong
	case scheduler.KindNoDay:
		return w.ErrScheduleNoDay
	case scheduler.KindNoTime:
		return w.ErrScheduleNoTime
	case scheduler.KindAmbiguous:
		return w.ErrScheduleAmbiguous
	case scheduler.KindBadTime:
		return w.ErrScheduleBadTime
	case scheduler.KindMultipleTimes:
		return w.ErrScheduleTwoTimes
	case scheduler.KindUnsupported, scheduler.KindNotAMeeting, scheduler.KindNeverFires:
		return w.ErrScheduleUnsupported
	}
	return w.ErrScheduleUnread
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
	w := b.wordsOf(ctx, user)
	g, refused := b.formGroup(ctx, user, w, v, blockNavigator)
	if refused != nil {
		return refused
	}
	nav := viewValue(v, blockNavigator, fieldNavigator).SelectedUser
	members := viewValue(v, blockAssigned, fieldAssigned).SelectedUsers
	errs := map[string]string{}
	if nav == "" {
		errs[blockNavigator] = w.AssignNavMissing
	}
	for _, m := range members {
		if !slices.Contains(g.Members, m) {
			errs[blockAssigned] = w.AssignNotMember
		}
	}
	if len(members) == 0 {
		errs[blockAssigned] = w.GroupPickMember
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
		return slack.NewErrorsViewSubmissionResponse(map[string]string{blockNavigator: w.ErrTrouble})
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
func (b *Bot) pauseCommand(ctx context.Context, user, triggerID string, resume bool, args []string) string {
	l := b.langOf(ctx, user)
	w := conversations.WordsFor(l)
	phrase := ""
	if !resume {
		if phrase = strings.TrimSpace(strings.Join(args, " ")); phrase == "" {
			return w.SlashPauseHow
		}
	}
	day, loc, err := b.runner.Away(ctx, user, requestKey("slash", triggerID), phrase, b.Now())
	var dateErr *conversations.DateError
	switch {
	case errors.As(err, &dateErr):
		return dateTrouble(w, err, said(echo(phrase))) + "\n" + w.SlashPauseHow
	case err != nil:
		b.log.Error("could not save a pause", "user", user, "err", err)
		return w.ErrTrouble
	}
	if b.Scheduler != nil {
		b.Scheduler.Replan()
	}
	if day.IsZero() {
		return w.SlashResumed
	}
	return fmt.Sprintf(w.SlashPaused, conversations.SayDateIn(l, day, b.Now().In(loc)))
}

// nudgeButton handles a navigator's "Nudge Maria" button.
func (b *Bot) nudgeButton(ctx context.Context, navigator, member, click string) {
	b.enqueue(navigator, "nudge", func(ctx context.Context) error {
		// One press, one answer: a replayed press would be told "already
		// nudged today" right under "nudge sent". A mark that cannot be
		// written stops nothing: the nudge itself is once a day anyway.
		first, err := b.firstPress(ctx, "nudge", click) // charts.go
		if err == nil && !first {
			b.log.Info("replayed nudge press ignored", "user", navigator)
			return nil
		}
		w := b.wordsOf(ctx, navigator)
		if err := b.authorize(ctx, navigator, actNudgeOther, nil, member); err != nil {
			var r refusal
			if !errors.As(err, &r) {
				b.log.Error("could not check a nudge", "user", navigator, "err", err)
			}
			return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: refusalText(w, err)}})
		}
		if b.Scheduler == nil {
			return errors.New("bot: nudges need the scheduler")
		}
		m, _ := b.store.Member(ctx, member)
		if now := b.Now(); m.PausedUntil.After(now) {
			if nav, err := b.store.Member(ctx, navigator); err == nil {
				now = now.In(zoneOf(nav))
			}
			// The scheduler drops a nudge to a member who is away: saying
			// "sent" would be untrue.
			back := m.PausedUntil.In(zoneOf(m))
			day := time.Date(back.Year(), back.Month(), back.Day(), 0, 0, 0, 0, time.UTC)
			return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: fmt.Sprintf(w.NudgeAway, nameOf(w, m), onDay(b.langOf(ctx, navigator), w, day, now))}})
		}
		planned, err := b.Scheduler.NudgeMember(ctx, navigator, member, b.Now())
		if err != nil {
			return err
		}
		msg := fmt.Sprintf(w.NudgeSent, nameOf(w, m))
		if !planned {
			msg = fmt.Sprintf(w.NudgedToday, nameOf(w, m))
		}
		return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: msg}})
	})
}

// errNavStepGone: the step pressed is no longer the navigator's to tick
// (done already, deleted, or given back to the member).
var errNavStepGone = errors.New("bot: not an open step of the navigator")

// navDoneButton handles "Done: <step>" on a navigator's list: a step the
// member gave their navigator, marked done in the member's record (their
// conversation kept as it is), and the member told in the same commit.
// The commit is keyed by the step, so a replayed press tells nobody twice.
func (b *Bot) navDoneButton(ctx context.Context, navigator, value string) {
	b.enqueue(navigator, "nav_done", func(ctx context.Context) error {
		w := b.wordsOf(ctx, navigator)
		member, idText, _ := strings.Cut(strings.TrimPrefix(value, scheduler.NavDonePrefix), ":")
		if err := b.authorize(ctx, navigator, actNudgeOther, nil, member); err != nil {
			var r refusal
			if !errors.As(err, &r) {
				b.log.Error("could not check a navigator's step", "user", navigator, "err", err)
			}
			return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: refusalText(w, err)}})
		}
		id, err := strconv.ParseUint(idText, 10, 64)
		if err != nil {
			return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: w.NavDoneGone}})
		}
		st, err := b.store.Step(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: w.NavDoneGone}})
		case err != nil:
			return err
		}
		m, _ := b.store.Member(ctx, member)
		mw := conversations.WordsFor(conversations.LangOf(m))
		what := conversations.Inert(conversations.Clip(st.What, 80))
		body, err := json.Marshal(conversations.Reply{Text: fmt.Sprintf(mw.NavDidStep, b.nameIn(ctx, mw, navigator), what)})
		if err != nil {
			return fmt.Errorf("bot: encode a step done: %w", err)
		}
		res, err := b.store.UpdateTurn(ctx, member, b.Now(), func(v store.View) (store.Turn, error) {
			open := false
			for _, gs := range v.Goals {
				for _, s := range gs.Steps {
					open = open || (s.ID == id && s.Owner == store.OwnerNavigator && !s.Done())
				}
			}
			if !open {
				return store.Turn{}, errNavStepGone
			}
			t := store.Turn{Done: []uint64{id}, EventID: value, Outbox: []store.Outgoing{{MemberID: member, Body: body}}}
			if v.Conversation != nil {
				t.State = v.Conversation.State
			}
			return t, nil
		})
		switch {
		case errors.Is(err, errNavStepGone), errors.Is(err, store.ErrDuplicate):
			return b.deliver(ctx, navigator, "", []conversations.Reply{{Text: w.NavDoneGone}})
		case err != nil:
			return err
		}
		b.outbox.trust(res.OutboxIDs...)
		b.log.Info("navigator marked their step done", "user", navigator)
		return errors.Join(b.sendReplies(ctx, member), b.refreshHome(ctx, member),
			b.deliver(ctx, navigator, "", []conversations.Reply{{Text: fmt.Sprintf(w.NavDoneMarked, what, nameOf(w, m))}}))
	})
}

// onDay says day after a preposition ("until"), in the reader's language:
// "tomorrow" as is, other days with w.DigestOnDate ("el sábado…").
func onDay(l conversations.Lang, w *conversations.Words, day, now time.Time) string {
	said := conversations.SayDateIn(l, day, now)
	if today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC); day.Sub(today) <= 24*time.Hour {
		return said
	}
	return fmt.Sprintf(w.DigestOnDate, said)
}

func nameOf(w *conversations.Words, m store.Member) string {
	if m.Name != "" {
		return m.Name
	}
	return w.PersonThem
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
	valueNavEnd  = "nav-end:"
)

// roleWords says what joining as a role means, for an invitation.
func roleWords(w *conversations.Words, r store.Role) string {
	switch r {
	case store.RoleFacilitator:
		return w.InviteAsFacil
	case store.RoleNavigator:
		return w.InviteAsNavigator
	}
	return w.InviteAsMember
}

// roleName is a role's short name, after "as": "a facilitator".
func roleName(w *conversations.Words, r store.Role) string {
	switch r {
	case store.RoleFacilitator:
		return w.InviteRoleFacil
	case store.RoleNavigator:
		return w.InviteRoleNav
	}
	return w.InviteRoleMember
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
// It is in the language of the person invited (English when Cairn has no
// record of them yet).
func (b *Bot) invitation(ctx context.Context, g store.Group, channelName string, ins []store.Invitation) conversations.Reply {
	w := b.wordsOf(ctx, ins[0].Person)
	var as []string
	for _, in := range ins {
		as = append(as, roleWords(w, in.Role))
	}
	where := ""
	if channelName != "" {
		where = fmt.Sprintf(w.InviteWhere, channelName)
	}
	text := fmt.Sprintf(w.InviteAs, b.nameIn(ctx, w, ins[0].By), conversations.Inert(g.Name), where, strings.Join(as, w.InviteAnd))
	if sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText); err == nil {
		text += " " + fmt.Sprintf(w.InviteMeets, sched.DescribeIn(w.Language(), b.Now(), 1))
	}
	var facs []string
	for _, f := range g.Facilitators {
		facs = append(facs, b.nameIn(ctx, w, f))
	}
	if slices.ContainsFunc(ins, func(in store.Invitation) bool { return in.Role != store.RoleNavigator }) {
		text += "\n" + fmt.Sprintf(w.InviteSees, strings.Join(facs, ", ")) + "\n" + w.InviteNothing
	} else {
		// A navigator shares nothing of their own here: what they read is
		// what members allow.
		text += "\n" + w.InviteNavSees
	}
	return conversations.Reply{Text: text, Choices: []conversations.Choice{
		{Label: w.InviteJoin, Value: valueJoin + g.ID}, {Label: w.InviteNoThanks, Value: valueDecline + g.ID},
	}}
}

// navigatorQuestion asks member whether the navigator proposed to them in
// g is okay; false when nothing is proposed.
func (b *Bot) navigatorQuestion(ctx context.Context, g store.Group, member string) (conversations.Reply, bool) {
	nav := g.NavigatorAsked[member]
	if nav == "" || !slices.Contains(g.Members, member) {
		return conversations.Reply{}, false
	}
	w := b.wordsOf(ctx, member)
	by := w.NavAskedBy
	if len(g.Facilitators) > 0 {
		by = b.nameIn(ctx, w, g.Facilitators[0])
	}
	text := fmt.Sprintf(w.NavAsk, by, b.nameIn(ctx, w, nav), conversations.Inert(g.Name))
	return conversations.Reply{Text: text, Choices: []conversations.Choice{
		{Label: w.NavAskYes, Value: valueNavYes + g.ID}, {Label: w.NavAskNotNow, Value: valueNavNo + g.ID},
	}}, true
}

// nameOf is nameIn for a reader of English (talk-to-a-person alerts
// choose their reader's words in person.go).
func (b *Bot) nameOf(ctx context.Context, id string) string {
	return b.nameIn(ctx, conversations.WordsFor(conversations.English), id)
}

// nameIn is how Cairn names a person to someone else: their Slack name as
// last learned, else what Slack says now, else a neutral word in the
// reader's language (w).
func (b *Bot) nameIn(ctx context.Context, w *conversations.Words, id string) string {
	if m, err := b.store.Member(ctx, id); err == nil && m.Name != "" {
		return m.Name
	}
	if u, err := b.userInfo(ctx, id); err == nil {
		if n := displayName(u); n != "" {
			return n
		}
	}
	return w.PersonSomeone
}

// isGroupAnswer tells a group button's value from a conversation's.
func isGroupAnswer(value string) bool {
	for _, p := range []string{valueJoin, valueDecline, valueLeave, valueNavYes, valueNavNo, valueNavEnd} {
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
	w := b.wordsOf(ctx, user)
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
			reply.Text = fmt.Sprintf(w.JoinedMember, conversations.Inert(g.Name))
			if !slices.Contains(roles, store.RoleMember) {
				var as []string
				for _, r := range roles {
					as = append(as, roleName(w, r))
				}
				reply.Text = fmt.Sprintf(w.JoinedRole, conversations.Inert(g.Name), strings.Join(as, w.InviteAnd))
			}
			reply.Choices = []conversations.Choice{{Label: w.LeaveButton, Value: valueLeave + g.ID}}
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
		reply.Text = fmt.Sprintf(w.Declined, conversations.Inert(g.Name))
	case valueLeave:
		var g store.Group
		g, err = b.store.LeaveGroup(ctx, groupID, user, key)
		reply.Text, replan = fmt.Sprintf(w.LeftGroup, conversations.Inert(g.Name)), true
	case valueNavYes, valueNavNo:
		yes := kind == valueNavYes
		var nav string
		nav, err = b.store.AnswerNavigator(ctx, groupID, user, yes, key)
		g, _ := b.store.Group(ctx, groupID)
		if yes {
			reply.Text, replan = fmt.Sprintf(w.NavYes, b.nameIn(ctx, w, nav), conversations.Inert(g.Name)), true
			reply.Choices = []conversations.Choice{{Label: w.NavEndButton, Value: valueNavEnd + groupID}}
		} else {
			reply.Text = fmt.Sprintf(w.NavNo, conversations.Inert(g.Name), b.nameIn(ctx, w, nav))
		}
	case valueNavEnd:
		var nav string
		nav, err = b.store.EndNavigator(ctx, groupID, user, key)
		g, _ := b.store.Group(ctx, groupID)
		reply.Text, replan = fmt.Sprintf(w.NavEnded, b.nameIn(ctx, w, nav), conversations.Inert(g.Name)), true
	default:
		return false, nil
	}
	switch {
	case errors.Is(err, store.ErrDuplicate):
		b.log.Info("replayed press ignored", "user", user, "group", groupID)
		return false, nil
	case errors.Is(err, store.ErrNotInvited):
		reply = conversations.Reply{Text: w.InviteGone}
		if kind == valueNavYes || kind == valueNavNo || kind == valueNavEnd {
			reply.Text = w.NavGone
		}
		replan = false
	case errors.Is(err, store.ErrNotFound):
		reply, replan = conversations.Reply{Text: w.LeaveNotIn}, false
	case err != nil:
		b.log.Error("could not save a group answer", "user", user, "group", groupID, "err", err)
		reply, replan = conversations.Reply{Text: w.ErrTrouble}, false
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
	w := b.wordsOf(ctx, user)
	groups, err := b.store.Groups(ctx)
	if err != nil {
		b.log.Error("could not load groups", "user", user, "err", err)
		return w.ErrTrouble
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
			return w.LeaveNotIn
		}
	}
	switch len(mine) {
	case 0:
		return w.LeaveNoGroups
	case 1:
		g, err := b.store.LeaveGroup(ctx, mine[0].ID, user, requestKey("slash", cmd.TriggerID))
		switch {
		case errors.Is(err, store.ErrDuplicate):
		case errors.Is(err, store.ErrNotFound):
			return w.LeaveNotIn
		case err != nil:
			b.log.Error("could not leave a group", "user", user, "group", mine[0].ID, "err", err)
			return w.ErrTrouble
		default:
			b.log.Info("left a group", "user", user, "group", g.ID)
			if b.Scheduler != nil {
				b.Scheduler.Replan()
			}
		}
		return fmt.Sprintf(w.LeftGroup, said(mine[0].Name))
	}
	reply := conversations.Reply{Text: w.LeaveWhich}
	for _, g := range mine {
		reply.Choices = append(reply.Choices, conversations.Choice{Label: fmt.Sprintf(w.LeaveGroupButton, conversations.Clip(g.Name, 60)), Value: valueLeave + g.ID})
	}
	b.enqueue(user, "leave_choice", func(ctx context.Context) error {
		return b.post(ctx, user, "", []conversations.Reply{reply})
	})
	return w.LeavePickInDM
}

// formGroup loads the group a form is about (from its hidden field) and
// authorises user to edit it again, since a form can be submitted long after
// it was opened. When it cannot, refused is the form's answer: a kind
// sentence shown under block, the cause logged.
func (b *Bot) formGroup(ctx context.Context, user string, w *conversations.Words, v slack.View, block string) (g store.Group, refused any) {
	g, err := b.store.Group(ctx, v.PrivateMetadata)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return g, slack.NewErrorsViewSubmissionResponse(map[string]string{block: w.GroupNoneHere})
	case err != nil:
		b.log.Error("could not load the group of a form", "group", v.PrivateMetadata, "err", err)
		return g, slack.NewErrorsViewSubmissionResponse(map[string]string{block: w.ErrTrouble})
	}
	if err := b.authorize(ctx, user, actEditGroup, &g, ""); err != nil {
		return g, slack.NewErrorsViewSubmissionResponse(map[string]string{block: refusalText(w, err)})
	}
	return g, nil
}

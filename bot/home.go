package bot

import (
	"cmp"
	"context"
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

// App Home's shape. Slack takes at most 100 blocks in a Home view; a
// person who is a member and a facilitator shares them between both parts.
const (
	homeBlockMax     = 100
	homeStepMax      = 40 // steps shown in a member's Home, across their goals
	homeStepMaxBoth  = 12 // the same, for someone who also facilitates
	homeGoalMax      = 3  // active goals a member may have (issue 10)
	facSessions      = 4  // past sessions a facilitator sees each member's steps over
	facStuckSessions = 2  // sessions without progress that make someone stuck
	facLineMax       = 20 // compact lines in one section, so each stays readable
	facGroupMinBlock = 6  // the fewest blocks a group is shown in: header, summary, a section of lines, questions, "and N more", buttons
	facFullMax       = 25 // members shown a section each; a bigger group is shown in compact lines
)

// App Home's own actions (the member's buttons use actionHome).
const (
	actionRecap     = "recap_open" // a group's session recap; value is the group's ID (recaps are bot/recap*.go's)
	actionFacSetup  = "fac_setup"  // the group's setup form; value is the group's ID
	actionFacCancel = "fac_cancel" // call off the group's next session; value is the group's ID
	actionFacChart  = "fac_chart"  // the group's chart, in the facilitator's DM; value is the group's ID
)

// auditHome is what the audit log calls a facilitator's App Home showing a
// member.
const auditHome = "app home"

// homeFor builds user's App Home: their own, as a member; the people who
// said yes to them as their navigator (home_nav.go); and a part for each
// group they facilitate, in that order and within Slack's 100 blocks. A
// navigator or facilitator who is in no group as a member and has no goal
// of their own sees only those parts. Every member shown to a navigator or
// facilitator is written to the audit log before the view is built, so a
// read that is not recorded never reaches Slack.
func (b *Bot) homeFor(ctx context.Context, user string, view store.View, groups []store.Group, next, now time.Time) (slack.HomeTabViewRequest, error) {
	w := conversations.WordsFor(conversations.LangOf(view.Member))
	var facilitated []store.Group
	for _, g := range groups {
		if slices.Contains(g.Facilitators, user) {
			facilitated = append(facilitated, g)
		}
	}
	var navs []scheduler.NavMember
	if navigatesAnyone(groups, user) { // most people navigate no one: no reads for them
		var err error
		if navs, err = scheduler.Navigated(ctx, b.store, user, now); err != nil {
			return slack.HomeTabViewRequest{}, err
		}
	}
	if len(facilitated) == 0 && len(navs) == 0 {
		return homeTab(memberHome(w, view, next, now, groups, homeStepMax)), nil
	}
	var blocks []slack.Block
	member := len(memberGroups(groups, user)) > 0 || len(view.Goals) > 0 || len(view.CheckIns) > 0
	budget := homeBlockMax - 1 // the language button, for someone who is not a member
	if member {
		blocks = append(memberHome(w, view, next, now, groups, homeStepMaxBoth), slack.NewDividerBlock())
		budget = homeBlockMax - len(blocks)
	}
	var fgs []facGroup
	for _, g := range facilitated {
		fg := facGroupAt(g, now)
		rosters, err := b.store.Rosters(ctx, g.Members, fg.since())
		if err != nil {
			return slack.HomeTabViewRequest{}, err
		}
		fg.rosters = rosters
		fgs = append(fgs, fg)
	}
	lang := conversations.LangOf(view.Member)
	navBudget, facBudget := 0, budget
	if len(navs) > 0 {
		navBudget, facBudget = budget, 0
	}
	if len(navs) > 0 && len(fgs) > 0 {
		// Each part as it would be with all the room, then shared (a
		// divider between them).
		room := budget - 1
		navFull, _ := navigatorBlocks(w, navs, room-facGroupMinBlock-1)
		facFull, _ := facilitatorBlocks(w, lang, fgs, groups, now, room-navMinBlock)
		// A group in compact lines keeps a place for "and N more" even
		// when all fit: one more than it used, so it shows them all again.
		navBudget, facBudget = splitHome(room, len(navFull), len(facFull)+1)
	}
	var entries []store.AuditEntry
	if len(navs) > 0 {
		// The navigator's part comes before the groups': it is what to do
		// today.
		navBlocks, seen := navigatorBlocks(w, navs, navBudget)
		blocks = append(blocks, navBlocks...)
		entries = append(entries, navAudit(user, seen, now)...)
		if len(fgs) > 0 {
			blocks = append(blocks, slack.NewDividerBlock())
		}
	}
	if len(fgs) > 0 {
		facBlocks, seen := facilitatorBlocks(w, lang, fgs, groups, now, facBudget)
		for _, s := range seen {
			entries = append(entries, store.AuditEntry{At: now, Actor: user, Subject: s.member, GroupID: s.group, What: auditHome})
		}
		blocks = append(blocks, facBlocks...)
	}
	// Every member shown is in the audit log before the view is built.
	if err := b.store.RecordAudit(ctx, entries...); err != nil {
		return slack.HomeTabViewRequest{}, err
	}
	if !member {
		blocks = append(blocks, slack.NewActionBlock("home-lang", langButton(w, view.Member)))
	}
	return homeTab(blocks), nil
}

func homeTab(blocks []slack.Block) slack.HomeTabViewRequest {
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}

// homeView is a member's App Home alone (no facilitator's part), in their
// language.
func homeView(v store.View, next time.Time, now time.Time, groups ...store.Group) slack.HomeTabViewRequest {
	w := conversations.WordsFor(conversations.LangOf(v.Member))
	return homeTab(memberHome(w, v, next, now, groups, homeStepMax))
}

// memberHome is the member's App Home: each of their active goals with its
// steps (numbered as in the DM, who and when), the cairn of finished
// steps, their last check-in (answers kept just for them marked so), what
// each of their groups sees, and what they can do next. groups are all
// groups; only those the member is in are shown. At most stepMax steps are
// listed, shared fairly between the goals.
func memberHome(w *conversations.Words, v store.View, next time.Time, now time.Time, groups []store.Group, stepMax int) []slack.Block {
	blocks := []slack.Block{slack.NewHeaderBlock(plain(w.HomeTitle))}
	var goals []store.GoalSteps
	for _, gs := range v.Goals {
		if gs.Goal.Status == store.GoalActive || gs.Goal.Status == "" {
			goals = append(goals, gs)
		}
	}
	// The newest goals, if ever more than the store should hold.
	goals = goals[max(0, len(goals)-homeGoalMax):]
	shares := sharesText(w, groups, v.Member.ID)
	if len(goals) == 0 {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(w.HomeNoGoal), nil, nil))
		blocks = append(blocks, lately(w, v.CheckIns, now)...)
		if shares != "" {
			blocks = append(blocks, slack.NewContextBlock("sharing", mrkdwn(shares)))
		}
		blocks = append(blocks,
			slack.NewActionBlock("home-actions",
				homeButton(w.HomeSetGoal, conversations.ActGoal, slack.StylePrimary),
				homeButton(w.HomePrivacy, actionPrivacy, ""),
				homeButton(w.HomeHelp, conversations.ActHelp, ""),
				homeButton(w.HomeTalk, conversations.ActTalkToPerson, ""),
				langButton(w, v.Member)),
		)
		return blocks
	}
	var all []store.Step
	for _, gs := range goals {
		for _, st := range gs.Steps {
			st.GoalID = gs.Goal.ID // as the store keeps it; a view built by hand may lack it
			all = append(all, st)
		}
	}
	numbered := conversations.NumberedSteps(all) // one numbering for every goal, as in the DM
	lens := make([]int, len(goals))
	for i, gs := range goals {
		lens[i] = len(gs.Steps)
	}
	shown := fairShares(lens, stepMax)
	done, hidden := 0, 0
	for i, gs := range goals {
		g := gs.Goal
		text := fmt.Sprintf(w.HomeGoal, said(g.Text))
		if len(goals) > 1 {
			text = fmt.Sprintf(w.HomeGoalOf, i+1, len(goals), said(g.Text))
		}
		if g.Measure != "" {
			text += "\n" + fmt.Sprintf(w.HomeMeasure, said(g.Measure))
		}
		if g.Why != "" {
			text += "\n" + fmt.Sprintf(w.HomeWhy, said(g.Why))
		}
		reached := homeButton(w.HomeGoalReached, conversations.ActGoalReached+":"+strconv.FormatUint(g.ID, 10), "")
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(reached),
			slack.SectionBlockOptionBlockID("goal-"+strconv.FormatUint(g.ID, 10))))
		listed, goalDone := 0, 0
		for _, ns := range numbered {
			if ns.Step.GoalID != g.ID {
				continue
			}
			if ns.Step.Done() {
				goalDone++
			}
			if listed < shown[i] {
				blocks = append(blocks, stepBlockIn(w, ns.N, ns.Step, now))
				listed++
			}
		}
		done += goalDone
		hidden += len(gs.Steps) - listed
		if len(gs.Steps) == 0 {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(w.HomeNoSteps), nil, nil, slack.SectionBlockOptionBlockID("no-steps-"+strconv.FormatUint(g.ID, 10))))
		}
	}
	if hidden > 0 {
		blocks = append(blocks, slack.NewContextBlock("more", mrkdwn(fmt.Sprintf(w.HomeMoreSteps, hidden))))
	}
	status := conversations.CairnStatus(w, done, len(all))
	lang := conversations.LangOf(v.Member)
	if !next.IsZero() {
		status += "\n" + fmt.Sprintf(w.HomeNextSession, conversations.SayDateIn(lang, dateOf(next), now), sayClock(lang, next))
	}
	if v.LastCheckIn != nil {
		status += "\n" + fmt.Sprintf(w.HomeLastCheckIn, conversations.SayDateIn(lang, dateOf(v.LastCheckIn.CreatedAt.In(now.Location())), now))
	}
	blocks = append(blocks, slack.NewDividerBlock(), slack.NewContextBlock("status", mrkdwn(status)))
	if v.LastCheckIn != nil {
		if text := ownCheckIn(w, *v.LastCheckIn); text != "" {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil, nil, slack.SectionBlockOptionBlockID("last-checkin")))
		}
	}
	blocks = append(blocks, lately(w, v.CheckIns, now)...)
	if shares != "" {
		blocks = append(blocks, slack.NewContextBlock("sharing", mrkdwn(shares)))
	}
	blocks = append(blocks,
		slack.NewActionBlock("home-actions",
			homeButton(w.HomeCheckIn, conversations.ActCheckIn, slack.StylePrimary),
			homeButton(w.ProgressButton, conversations.ActProgress, ""), // charts.go draws it in the DM
			homeButton(w.HomeNewGoal, conversations.ActGoal, ""),
			homeButton(w.HomePrivacy, actionPrivacy, ""),
			homeButton(w.HomeHelp, conversations.ActHelp, ""),
			homeButton(w.HomeTalk, conversations.ActTalkToPerson, ""),
			langButton(w, v.Member)),
	)
	return blocks
}

// fairShares splits n places between lists of the given lengths: each gets
// an equal share, and what a short list leaves over goes to the others.
func fairShares(lens []int, n int) []int {
	out := make([]int, len(lens))
	for left := n; left > 0; {
		given := 0
		wanting := 0
		for i, l := range lens {
			if out[i] < l {
				wanting++
			}
		}
		if wanting == 0 {
			break
		}
		share := max(1, left/wanting)
		for i, l := range lens {
			if out[i] < l && left > 0 {
				add := min(share, l-out[i], left)
				out[i] += add
				left -= add
				given += add
			}
		}
		if given == 0 {
			break
		}
	}
	return out
}

// langButton switches the person to the other language (issue 12 handles
// the action).
func langButton(w *conversations.Words, m store.Member) *slack.ButtonBlockElement {
	value := conversations.ActLangEs
	if conversations.LangOf(m) == conversations.Spanish {
		value = conversations.ActLangEn
	}
	return homeButton(w.HomeOtherLang, value, "")
}

// sayClock is a time of day as a person reads it.
func sayClock(l conversations.Lang, t time.Time) string {
	if l == conversations.Spanish {
		if t.Hour() < 12 {
			return t.Format("3:04") + " a. m."
		}
		return t.Format("3:04") + " p. m."
	}
	return t.Format("3:04 PM")
}

// ownCheckIn shows the member their own last check-in, marking what they
// kept just for themself: only they see App Home.
func ownCheckIn(w *conversations.Words, c store.CheckIn) string {
	var lines []string
	add := func(label, text, field string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		line := "_" + label + "_ " + said(conversations.Clip(text, 300))
		if slices.Contains(c.Private, field) {
			line += "  " + w.HomeJustForYou
		}
		lines = append(lines, line)
	}
	add(w.HomeOwnDid, c.Did, "did")
	add(w.HomeOwnBarrier, c.Barrier, "barrier")
	add(w.HomeOwnPlan, c.Plan, "plan")
	if len(lines) == 0 {
		return ""
	}
	return w.HomeOwnTitle + "\n" + strings.Join(lines, "\n")
}

// homeLately is how many check-ins App Home lists: a glance; "history"
// in the DM shows more.
const homeLately = 3

// lately is App Home's short history: the last check-ins, one line each
// ("Tue Jun 9 — 2 steps done; plan: call the clinic"), dates in now's zone.
func lately(w *conversations.Words, cs []store.CheckIn, now time.Time) []slack.Block {
	if len(cs) == 0 {
		return nil
	}
	lines := []string{w.HomeLately}
	for _, c := range cs[:min(len(cs), homeLately)] {
		lines = append(lines, "• "+said(conversations.HistoryLine(w, c, now)))
	}
	lines = append(lines, w.HomeLatelyMore)
	return []slack.Block{slack.NewSectionBlock(mrkdwn(strings.Join(lines, "\n")), nil, nil, slack.SectionBlockOptionBlockID("lately"))}
}

// sharesText says what each of the member's groups sees of their
// check-ins.
func sharesText(w *conversations.Words, groups []store.Group, user string) string {
	var parts []string
	for _, g := range memberGroups(groups, user) {
		name := said(g.Name)
		if name == "" {
			name = "<#" + g.ID + ">" // Slack shows the channel's name
		}
		parts = append(parts, name+": "+strings.ToLower(conversations.SharingLabel(w, g.SharingOf(user))))
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf(w.HomeSharing, strings.Join(parts, "; "))
}

func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func homeButton(label, value string, style slack.Style) *slack.ButtonBlockElement {
	b := slack.NewButtonBlockElement(actionHome+"-"+strings.ReplaceAll(value, ":", "-"), value, plain(label))
	b.Style = style
	return b
}

// stepBlock is a step's line in English.
func stepBlock(n int, st store.Step, now time.Time) slack.Block {
	return stepBlockIn(conversations.WordsFor(conversations.English), n, st, now)
}

// stepBlockIn is a step's line in App Home, in w's language: its number,
// words, who and when, and a menu to mark it done or edit it.
func stepBlockIn(w *conversations.Words, n int, st store.Step, now time.Time) slack.Block {
	who := w.HomeWhoYou
	switch st.Owner {
	case store.OwnerNavigator:
		who = w.HomeWhoNav
	case store.OwnerPerson:
		who = withMentions(said(st.OwnerName), []string{st.HelperID}) // helpers.go
	}
	mark := "◻️"
	if st.Done() {
		mark = "✅"
	}
	text := fmt.Sprintf("%s *%d.* %s\n_%s, %s_", mark, n, said(st.What), who, conversations.SayDue(w, st.Due, now))
	id := strconv.FormatUint(st.ID, 10)
	opts := []*slack.OptionBlockObject{slack.NewOptionBlockObject("edit:"+id, plain(w.HomeEditStep), nil)}
	if !st.Done() {
		opts = append([]*slack.OptionBlockObject{slack.NewOptionBlockObject("done:"+id, plain(w.HomeMarkDone), nil)}, opts...)
	}
	menu := slack.NewOverflowBlockElement(actionStepMenu, opts...)
	return slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(menu), slack.SectionBlockOptionBlockID("step-"+id))
}

// facGroup is one group a facilitator's Home shows, with its sessions:
// the next one, and those held lately.
type facGroup struct {
	g    store.Group
	next time.Time // zero when none is scheduled
	// held are the last sessions held (at most facSessions, oldest first,
	// none called off); before is the one before held[0], zero if none.
	held    []time.Time
	before  time.Time
	rosters []store.Roster
}

// facLookback bounds how far back a group's sessions are looked for: a
// monthly group's last five sessions fit in it.
const facLookback = 190 * 24 * time.Hour

// noPrevious is how far back a session's check-ins are taken from when the
// session before it is unknown, as the scheduler does.
const noPrevious = 31 * 24 * time.Hour

func facGroupAt(g store.Group, now time.Time) facGroup {
	fg := facGroup{g: g}
	sched, err := scheduler.FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return fg
	}
	isCancelled := func(t time.Time) bool { return slices.ContainsFunc(g.Cancelled, t.Equal) }
	fg.next = sched.Next(now)
	for i := 0; i < 10 && !fg.next.IsZero() && isCancelled(fg.next); i++ {
		fg.next = sched.Next(fg.next)
	}
	// Sessions before the group began are none of its history: counting
	// them would show "0/0" for weeks nobody could have checked in.
	var past []time.Time
	for _, t := range sched.Sessions(now.Add(-facLookback), now, 0) {
		if !isCancelled(t) && t.After(g.CreatedAt) {
			past = append(past, t)
		}
	}
	if len(past) > facSessions {
		fg.before = past[len(past)-facSessions-1]
		past = past[len(past)-facSessions:]
	}
	fg.held = past
	return fg
}

// windowStart is where the check-ins for held[i] (i == len(held): the next
// session) begin: just after the session before it.
func (fg facGroup) windowStart(i int) time.Time {
	switch {
	case i > 0:
		return fg.held[i-1]
	case !fg.before.IsZero():
		return fg.before
	case len(fg.held) > 0:
		return fg.held[0].Add(-noPrevious)
	case !fg.next.IsZero():
		return fg.next.Add(-noPrevious)
	}
	return time.Time{}
}

// since is the oldest check-in the group's part needs.
func (fg facGroup) since() time.Time { return fg.windowStart(0) }

// facRow is one member as their facilitator sees them.
type facRow struct {
	id, name    string
	sharing     store.Sharing
	checkedIn   bool
	away        time.Time // back on this day; zero when not away
	unreachable bool
	stuck       int      // sessions in a row without progress
	goals       []string // active goals' words, when shared
	goalCount   int
	perSession  []string // "done/planned" for each held session
	done, plan  int
	ask         string
}

// need orders rows most-needed first: stuck, unreachable, not yet checked
// in, checked in, away.
func (r facRow) need() int {
	switch {
	case !r.away.IsZero():
		return 4
	case r.stuck >= facStuckSessions:
		return 0
	case r.unreachable:
		return 1
	case !r.checkedIn:
		return 2
	}
	return 3
}

// facRows are a group's members as its facilitators see them, most-needed
// first: only what each member shares, and nothing of those who have not
// joined (they are not in g.Members).
func facRows(w *conversations.Words, fg facGroup, groups []store.Group, now time.Time) []facRow {
	loc := now.Location()
	rows := make([]facRow, 0, len(fg.rosters))
	for _, r := range fg.rosters {
		m := r.Member
		row := facRow{id: r.ID, name: "<@" + r.ID + ">", sharing: fg.g.SharingOf(r.ID), unreachable: m.Unreachable != ""}
		if m.Name != "" {
			row.name = "*" + said(m.Name) + "*"
		}
		session := fg.next
		if session.IsZero() {
			session = now
		}
		if m.PausedUntil.After(session) {
			// The day they said, in their own zone, whatever the reader's.
			row.away = dateOf(m.PausedUntil.In(conversations.Zone(m.TZ, loc)))
		}
		ins := func(i int) *store.CheckIn {
			to := fg.next
			if i < len(fg.held) {
				to = fg.held[i]
			}
			return checkInIn(r, fg.g, groups, fg.windowStart(i), to)
		}
		current := ins(len(fg.held))
		row.checkedIn = current != nil
		if row.sharing == store.ShareCheckedIn {
			rows = append(rows, row) // steps and goals are theirs to keep
			continue
		}
		var overdue bool
		today := dateOf(now)
		for _, gs := range r.Goals {
			if gs.Goal.Status == store.GoalActive || gs.Goal.Status == "" {
				row.goalCount++
				if row.sharing == store.ShareAll {
					row.goals = append(row.goals, gs.Goal.Text)
				}
				for _, st := range gs.Steps {
					overdue = overdue || !st.Done() && !st.Due.IsZero() && st.Due.Before(today)
				}
			}
		}
		progressed := make([]bool, len(fg.held)+1)
		for i := range len(fg.held) + 1 {
			from, to := fg.windowStart(i), fg.next
			if i < len(fg.held) {
				to = fg.held[i]
			}
			if to.IsZero() {
				to = now
			}
			d, p := stepsIn(r.Goals, from, to, loc)
			if i < len(fg.held) {
				row.perSession = append(row.perSession, fmt.Sprintf("%d/%d", d, p))
				row.done += d
				row.plan += p
			}
			c := current
			if i < len(fg.held) {
				c = ins(i)
			}
			progressed[i] = d > 0 || c != nil && progress(*c)
		}
		// Counted back from the latest session held, only while the member
		// and the group existed; progress for the next session ends it.
		// Someone Slack cannot reach never got the prompts: not stuck.
		if !progressed[len(fg.held)] && row.away.IsZero() && !row.unreachable {
			// Once the digest is out, the next session counts as the
			// digest counts it: the Home and the digest agree.
			if n := fg.next; !n.IsZero() && !now.Before(n.Add(-scheduler.DigestLead)) && n.After(m.CreatedAt) && n.After(fg.g.CreatedAt) {
				row.stuck++
			}
			for i := len(fg.held) - 1; i >= 0; i-- {
				s := fg.held[i]
				if progressed[i] || !s.After(m.CreatedAt) || !s.After(fg.g.CreatedAt) || m.PausedUntil.After(s) {
					break
				}
				row.stuck++
			}
		}
		if row.stuck >= facStuckSessions {
			row.ask = w.FacAskStill
			switch {
			case row.goalCount == 0:
				row.ask = w.FacAskStart
			case overdue:
				row.ask = w.FacAskSmaller
			case row.sharing == store.ShareAll && current != nil && current.Confidence >= 0 && current.Confidence <= 4:
				row.ask = w.FacAskLikely
			}
		}
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b facRow) int { return cmp.Compare(a.need(), b.need()) })
	return rows
}

// checkInIn is the member's latest check-in for group g with from <
// SessionAt <= to, as the scheduler's digest counts it: one made for g, or
// one the member started themself when g is their only group.
func checkInIn(r store.Roster, g store.Group, groups []store.Group, from, to time.Time) *store.CheckIn {
	for i := len(r.CheckIns) - 1; i >= 0; i-- {
		c := r.CheckIns[i]
		if !c.SessionAt.After(from) || c.SessionAt.After(to) {
			continue
		}
		if c.GroupID == g.ID || c.GroupID == "" && len(memberGroups(groups, r.ID)) == 1 {
			return &r.CheckIns[i]
		}
	}
	return nil
}

// stepsIn counts the steps done in (from, to], and those planned for it:
// due on one of its days, or done in it.
func stepsIn(goals []store.GoalSteps, from, to time.Time, loc *time.Location) (done, planned int) {
	first, last := dateOf(from.In(loc)), dateOf(to.In(loc))
	for _, gs := range goals {
		if gs.Goal.Status == store.GoalDropped {
			continue
		}
		for _, st := range gs.Steps {
			doneIn := st.Done() && st.DoneAt.After(from) && !st.DoneAt.After(to)
			dueIn := !st.Due.IsZero() && st.Due.After(first) && !st.Due.After(last)
			if doneIn {
				done++
			}
			if doneIn || dueIn {
				planned++
			}
		}
	}
	return done, planned
}

// progress is whether a check-in moved the goal on, as the digest counts
// it: steps done, or something done in the member's words.
func progress(c store.CheckIn) bool { return len(c.StepsDone) > 0 || strings.TrimSpace(c.Did) != "" }

// fullLine is a member's section when the group fits in its blocks.
func (r facRow) fullLine(w *conversations.Words, lang conversations.Lang, now time.Time) string {
	lines := []string{r.name + " — " + r.status(w, lang, now)}
	if r.sharing == store.ShareCheckedIn {
		return lines[0] + "\n_" + w.FacSharesLess + "_"
	}
	switch {
	case len(r.goals) > 0:
		for _, g := range r.goals {
			lines = append(lines, fmt.Sprintf(w.FacGoal, said(conversations.Clip(g, 200))))
		}
	case r.goalCount > 0:
		lines = append(lines, w.FacGoalHidden)
	default:
		lines = append(lines, w.FacNoGoal)
	}
	switch len(r.perSession) {
	case 0:
	case 1:
		lines = append(lines, fmt.Sprintf(w.FacStepsOne, r.perSession[0]))
	default:
		lines = append(lines, fmt.Sprintf(w.FacSteps, len(r.perSession), strings.Join(r.perSession, " · ")))
	}
	if r.stuck >= facStuckSessions {
		lines = append(lines, "⚠️ "+fmt.Sprintf(w.FacStuck, r.stuck)+". "+fmt.Sprintf(w.FacAsk, r.ask))
	}
	return strings.Join(lines, "\n")
}

// compactLine is a member in one line, for a group too big for a section
// each.
func (r facRow) compactLine(w *conversations.Words, lang conversations.Lang, now time.Time) string {
	parts := []string{r.status(w, lang, now)}
	if r.stuck >= facStuckSessions {
		parts = append([]string{"⚠️ " + fmt.Sprintf(w.FacStuck, r.stuck)}, parts...)
	}
	if r.sharing != store.ShareCheckedIn && r.plan > 0 {
		parts = append(parts, fmt.Sprintf(w.FacStepsShort, r.done, r.plan))
	}
	return "• " + r.name + " — " + strings.Join(parts, " · ")
}

func (r facRow) status(w *conversations.Words, lang conversations.Lang, now time.Time) string {
	var parts []string
	switch {
	case !r.away.IsZero():
		parts = append(parts, fmt.Sprintf(w.FacAway, conversations.SayDateIn(lang, r.away, now)))
	case r.checkedIn:
		parts = append(parts, w.FacCheckedIn)
	default:
		parts = append(parts, w.FacNotYet)
	}
	if r.unreachable {
		parts = append(parts, w.FacUnreachable)
	}
	return strings.Join(parts, " · ")
}

// seenMember is a member a facilitator's Home showed.
type seenMember struct{ group, member string }

// facilitatorBlocks are the facilitator's part of App Home in at most
// budget blocks: for each group, its next session and who checked in, a
// section per member, and its buttons. A group too big for that is shown
// in compact lines, most-needed first; what still does not fit is counted
// ("and 12 more — see the digest"), never dropped in silence. It returns
// the members it showed, for the audit log.
func facilitatorBlocks(w *conversations.Words, lang conversations.Lang, fgs []facGroup, groups []store.Group, now time.Time, budget int) ([]slack.Block, []seenMember) {
	var blocks []slack.Block
	var seen []seenMember
	for gi, fg := range fgs {
		left := budget - len(blocks)
		groupsLeft := len(fgs) - gi
		need := facGroupMinBlock
		if groupsLeft > 1 {
			need++ // and room to count the groups after it
		}
		if left < need {
			if left > 0 {
				blocks = append(blocks, slack.NewContextBlock("fac-more-groups", mrkdwn(fmt.Sprintf(w.FacMoreGroups, groupsLeft))))
			}
			break
		}
		share := left / groupsLeft
		if groupsLeft > 1 {
			share = (left - 1) / groupsLeft // one kept for "and N more groups"
		}
		gb, gs := facGroupBlocks(w, lang, fg, groups, now, max(share, facGroupMinBlock))
		blocks = append(blocks, gb...)
		seen = append(seen, gs...)
	}
	return blocks, seen
}

// facGroupBlocks is one group's part in at most budget blocks (at least
// facGroupMinBlock).
func facGroupBlocks(w *conversations.Words, lang conversations.Lang, fg facGroup, groups []store.Group, now time.Time, budget int) ([]slack.Block, []seenMember) {
	g := fg.g
	title := g.Name
	if title == "" {
		title = "#" + g.ID
	}
	rows := facRows(w, fg, groups, now)
	present, checked := 0, 0
	for _, r := range rows {
		if r.away.IsZero() {
			present++
			if r.checkedIn {
				checked++
			}
		}
	}
	var summary []string
	if fg.next.IsZero() {
		summary = append(summary, w.FacNoSession)
	} else {
		next := fg.next.In(now.Location())
		day, clock := conversations.SayDateIn(lang, dateOf(next), now), sayClock(lang, next)
		switch { // never "0 of 0"
		case len(rows) == 0:
			summary = append(summary, fmt.Sprintf(w.FacNextNobody, day, clock))
		case present == 0:
			summary = append(summary, fmt.Sprintf(w.FacNextAllAway, day, clock))
		default:
			summary = append(summary, fmt.Sprintf(w.FacNext, day, clock, checked, present))
		}
	}
	var off []string
	for _, c := range g.Cancelled {
		if c.After(now) {
			off = append(off, conversations.SayDateIn(lang, dateOf(c.In(now.Location())), now))
		}
	}
	if len(off) > 0 {
		summary = append(summary, fmt.Sprintf(w.FacCalledOff, strings.Join(off, ", ")))
	}
	fixed := 3 // header, summary, buttons
	full := len(rows) <= facFullMax && fixed+len(rows) <= budget
	if !full {
		summary = append(summary, fmt.Sprintf(w.FacCompact, len(rows)))
	}
	summary = append(summary, "_"+w.FacSharingNote+"_")
	blocks := []slack.Block{
		slack.NewHeaderBlock(plain(fmt.Sprintf(w.FacTitle, title))),
		slack.NewSectionBlock(mrkdwn(strings.Join(summary, "\n")), nil, nil, slack.SectionBlockOptionBlockID("fac-summary-"+g.ID)),
	}
	var seen []seenMember
	if full {
		for _, r := range rows {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(r.fullLine(w, lang, now)), nil, nil, slack.SectionBlockOptionBlockID("fac-"+g.ID+"-"+r.id)))
			seen = append(seen, seenMember{g.ID, r.id})
		}
	} else {
		// Sections of compact lines, then one context for the questions
		// and one for the members left over, if any.
		room := budget - fixed - 2
		var asks []string
		shown := 0
		var lines []string
		size := 0
		flush := func() {
			if len(lines) > 0 {
				blocks = append(blocks, slack.NewSectionBlock(mrkdwn(strings.Join(lines, "\n")), nil, nil,
					slack.SectionBlockOptionBlockID(fmt.Sprintf("fac-%s-lines-%d", g.ID, len(blocks)))))
				lines, size = nil, 0
			}
		}
		for _, r := range rows {
			line := conversations.Clip(r.compactLine(w, lang, now), 300)
			n := len([]rune(line)) + 1
			if len(lines) >= facLineMax || size+n > sectionMax {
				if len(blocks)-2+1 >= room {
					break // this was the last section there is room for
				}
				flush()
			}
			lines = append(lines, line)
			size += n
			shown++
			seen = append(seen, seenMember{g.ID, r.id})
			if r.ask != "" && !slices.Contains(asks, r.ask) {
				asks = append(asks, r.ask)
			}
		}
		flush()
		if len(asks) > 0 {
			blocks = append(blocks, slack.NewContextBlock("fac-ask-"+g.ID, mrkdwn(fmt.Sprintf(w.FacAskCompact, strings.Join(asks, " ")))))
		}
		if shown < len(rows) {
			blocks = append(blocks, slack.NewContextBlock("fac-more-"+g.ID, mrkdwn(fmt.Sprintf(w.FacMore, len(rows)-shown))))
		}
	}
	blocks = append(blocks, slack.NewActionBlock("fac-actions-"+g.ID, facButtons(w, lang, fg, now)...))
	return blocks, seen
}

// facButtons are a group's buttons: its session recap, its chart, its
// setup form, and calling off its next session (after a confirmation).
func facButtons(w *conversations.Words, lang conversations.Lang, fg facGroup, now time.Time) []slack.BlockElement {
	recap := slack.NewButtonBlockElement(actionRecap, fg.g.ID, plain(w.FacRecap))
	chart := slack.NewButtonBlockElement(actionFacChart, fg.g.ID, plain(w.FacChart))
	setup := slack.NewButtonBlockElement(actionFacSetup, fg.g.ID, plain(w.FacSetup))
	out := []slack.BlockElement{recap, chart, setup}
	if !fg.next.IsZero() {
		cancel := slack.NewButtonBlockElement(actionFacCancel, fg.g.ID, plain(w.FacCancel))
		next := fg.next.In(now.Location())
		cancel.Confirm = slack.NewConfirmationBlockObject(plain(w.FacCancelTitle),
			mrkdwn(fmt.Sprintf(w.FacCancelText, conversations.SayDateIn(lang, dateOf(next), now), sayClock(lang, next))),
			plain(w.FacCancelConfirm), plain(w.FacCancelDeny))
		cancel.Style = slack.StyleDanger
		out = append(out, cancel)
	}
	return out
}

// facilitatorAction answers a group's buttons in a facilitator's Home:
// Group setup opens the group's form (its trigger_id expires in 3 seconds,
// so right after the ack, not after a queue), Group chart sends the
// group's chart to their DM (as /cairn progress does), and Cancel next
// session calls it off (Slack asked them to confirm) and shows the Home
// again, where the session is listed as called off. Only the group's
// facilitators may.
func (b *Bot) facilitatorAction(cb slack.InteractionCallback, a *slack.BlockAction, click string) intake {
	user, groupID, trigger, act := cb.User.ID, a.Value, cb.TriggerID, a.ActionID
	return intake{after: func(ctx context.Context) {
		g, err := b.store.Group(ctx, groupID)
		if err != nil {
			b.log.Warn("home button for a group that cannot be read", "user", user, "group", groupID, "err", err)
			return
		}
		if err := b.authorize(ctx, user, actEditGroup, &g, ""); err != nil {
			b.log.Warn("home button refused", "user", user, "group", groupID, "err", err)
			return
		}
		switch act {
		case actionFacSetup:
			if err := b.openGroupModal(ctx, user, g.ID, g.Name, trigger, &g); err != nil {
				b.log.Error("could not open the group form", "user", user, "group", groupID, "err", err)
			}
		case actionFacChart:
			fac, _ := b.store.Member(ctx, user)
			// A replayed click must not send the chart twice.
			switch first, err := b.firstPress(ctx, "chart", click); { // charts.go
			case err != nil:
				b.log.Error("could not record a chart click", "user", user, "group", groupID, "err", err)
				b.tellDM(ctx, user, conversations.WordsFor(conversations.LangOf(fac)).ChartTrouble)
				return
			case !first:
				b.log.Info("replayed chart click ignored", "user", user, "group", groupID)
				return
			}
			w := conversations.WordsFor(conversations.LangOf(fac))
			b.enqueue(user, "group_chart", func(ctx context.Context) error {
				if err := b.sendGroupChart(ctx, user, g, w, readerZone(fac, g)); err != nil {
					b.tellDM(ctx, user, w.ChartTrouble)
					return err
				}
				return nil
			})
		case actionFacCancel:
			b.cancelNext(ctx, g.ID, click) // a replayed click cancels nothing more
			b.enqueue(user, "home_cancel", func(ctx context.Context) error { return b.refreshHome(ctx, user) })
		}
	}}
}

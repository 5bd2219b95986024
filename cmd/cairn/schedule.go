package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// scheduleCommand is `cairn schedule preview`: a facilitator's way to see,
// before using a schedule, what Cairn would send to whom and when.
type scheduleCommand struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

// zoneList is a repeatable flag of time zones.
type zoneList []string

func (z *zoneList) String() string     { return strings.Join(*z, ",") }
func (z *zoneList) Set(v string) error { *z = append(*z, v); return nil }

func (c *scheduleCommand) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "preview" {
		return fmt.Errorf("%w: try \"cairn schedule preview --schedule 'Tuesdays 6pm' --tz America/New_York\"", errUsage)
	}
	fs := flag.NewFlagSet("cairn schedule preview", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	text := fs.String("schedule", "", "when the group meets, in words (\"Tuesdays 6pm\") or as a cron spec")
	tz := fs.String("tz", envOr(c.getenv, "CAIRN_TZ", time.Local.String()), "the group's time `zone` (env CAIRN_TZ)")
	lead := fs.Duration("lead", scheduler.DefaultLead, "how long before each session the check-in prompt goes out")
	quiet := fs.String("quiet", scheduler.DefaultQuietStart+"-"+scheduler.DefaultQuietEnd, "quiet `hours` in each person's zone")
	days := fs.Int("days", 14, "how many `days` ahead to show")
	from := fs.String("from", c.getenv("CAIRN_NOW"), "start at this `time` (RFC 3339) instead of now (env CAIRN_NOW)")
	var memberZones, navZones zoneList
	fs.Var(&memberZones, "member-tz", "a member's time `zone`; repeat for members in other zones (default: the group's)")
	fs.Var(&navZones, "navigator-tz", "a navigator's time `zone`; repeat for more navigators")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cairn schedule preview --schedule \"Tuesdays 6pm\" [flags]\n\nShows every prompt, reminder, digest and navigator list Cairn would send, and when, without Slack.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return fmt.Errorf("%w: unknown time zone %q: use a name like America/New_York", errUsage, *tz)
	}
	if strings.TrimSpace(*text) == "" {
		return fmt.Errorf("%w: say when the group meets with --schedule, e.g. --schedule \"Tuesdays 6pm\"", errUsage)
	}
	sched, err := scheduler.ParseSchedule(*text, loc)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	qs, qe, ok := scheduler.ParseQuietHours(*quiet)
	if !ok {
		return fmt.Errorf("%w: --quiet %q: write it like 21:00-08:00", errUsage, *quiet)
	}
	if *lead <= 0 || *lead > 7*24*time.Hour {
		return fmt.Errorf("%w: --lead must be between 1m and 168h", errUsage)
	}
	if *days < 1 || *days > 366 {
		return fmt.Errorf("%w: --days must be between 1 and 366", errUsage)
	}
	now := time.Now()
	if *from != "" {
		if now, err = time.Parse(time.RFC3339, *from); err != nil {
			return fmt.Errorf("%w: --from %q is not a time like 2026-06-10T10:00:00-05:00", errUsage, *from)
		}
	}
	if len(memberZones) == 0 {
		memberZones = zoneList{loc.String()}
	}

	// A make-believe group: one member per zone, one facilitator in the
	// group's zone, and the navigators asked for.
	g := store.Group{ID: "preview", Name: "Your group", Schedule: sched.Spec, ScheduleText: sched.Text, TZ: loc.String(),
		Lead: *lead, QuietStart: qs, QuietEnd: qe, Facilitators: []string{"facilitator"}}
	people := map[string]store.Member{"facilitator": {ID: "facilitator", TZ: loc.String()}}
	label := map[string]string{"facilitator": "the facilitator (" + loc.String() + ")"}
	for i, z := range memberZones {
		if _, err := time.LoadLocation(z); err != nil {
			return fmt.Errorf("%w: --member-tz %q is not a time zone", errUsage, z)
		}
		id := fmt.Sprintf("member%d", i+1)
		g.Members = append(g.Members, id)
		people[id] = store.Member{ID: id, TZ: z}
		label[id] = "members in " + z
	}
	end := now.Add(time.Duration(*days) * 24 * time.Hour)
	plan := scheduler.PlanGroup(g, sched, people, now, end)
	for i, z := range navZones {
		if _, err := time.LoadLocation(z); err != nil {
			return fmt.Errorf("%w: --navigator-tz %q is not a time zone", errUsage, z)
		}
		id := fmt.Sprintf("navigator%d", i+1)
		label[id] = "navigator in " + z
		plan = append(plan, scheduler.PlanNudges(store.Member{ID: id, TZ: z}, now, end)...)
	}
	// What Cairn would really do: quiet hours and lateness are applied when
	// a message is sent, not only when it is planned.
	outcomes := scheduler.AtSendTime(g, people, plan, now)
	when := func(o scheduler.Outcome) time.Time {
		if o.Skip != "" {
			return o.DueAt
		}
		return o.At
	}
	slices.SortStableFunc(outcomes, func(a, b scheduler.Outcome) int { return when(a).Compare(when(b)) })

	fmt.Fprintf(c.stdout, "%s\nPrompts go out %s before each session; quiet hours %s–%s in each person's zone.\n\n",
		sched.Describe(now, 3), strings.TrimSuffix(lead.String(), "0m0s"), qs, qe)
	what := map[store.DeliveryKind]string{
		store.DeliverPrompt: "check-in prompt", store.DeliverReminder: "reminder (if not answered)",
		store.DeliverDigest: "digest", store.DeliverNudges: "daily list of members' steps",
		store.DeliverRecapDue: "recap reminder (if none yet)",
	}
	for _, o := range outcomes {
		whenLoc := loc
		if m, ok := people[o.Recipient]; ok {
			whenLoc, _ = time.LoadLocation(m.TZ)
		} else if strings.HasPrefix(o.Recipient, "navigator") {
			whenLoc, _ = time.LoadLocation(navZones[int(o.Recipient[len("navigator")]-'1')])
		}
		line := fmt.Sprintf("%s  %-28s → %s", when(o).In(whenLoc).Format("Mon Jan 2 15:04 MST"), what[o.Kind], label[o.Recipient])
		if o.Kind != store.DeliverNudges {
			line += "   (session " + o.Session.In(loc).Format("Mon Jan 2 15:04 MST") + ")"
		}
		switch {
		case o.Skip != "":
			line += "   not sent: " + o.Skip
		case o.Late && o.At.After(now):
			line += "   late: waits for the end of quiet hours"
		case o.Late:
			line += "   late: goes out at once"
		}
		fmt.Fprintln(c.stdout, line)
	}
	if len(plan) == 0 {
		fmt.Fprintln(c.stdout, "Nothing would be sent in this time.")
	}
	return nil
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// tryCommand is `cairn try`: the member's side of Cairn in a terminal, over a
// real store file, with a clock that can jump ahead to the next session.
type tryCommand struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	member  string
	loc     *time.Location
	session weeklySession
	clock   tryClock
	runner  *conversations.Runner
	st      *store.Store
	export  string // where "my data" writes the file
	// choices are the buttons last shown: typing one's label presses it.
	choices []conversations.Choice
	lang    string // --lang: "es", "en", or "" to keep the member's own
}

func (c *tryCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cairn try", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	dbPath := fs.String("db", envOr(c.getenv, "CAIRN_DB", store.DefaultPath()), "database `file` (env CAIRN_DB)")
	member := fs.String("member", envOr(c.getenv, "CAIRN_MEMBER", "you"), "the member `name` you talk as (env CAIRN_MEMBER)")
	tz := fs.String("tz", envOr(c.getenv, "CAIRN_TZ", time.Local.String()), "your time `zone`, e.g. America/Chicago (env CAIRN_TZ)")
	now := fs.String("now", c.getenv("CAIRN_NOW"), "start the clock at this `time` (RFC 3339) instead of now (env CAIRN_NOW)")
	meets := fs.String("session", "Tuesday 18:00", "when the group meets each week, as `\"Weekday HH:MM\"`")
	export := fs.String("export", "", "where \"my data\" writes your data as JSON (default: cairn-my-data-MEMBER.json in this directory)")
	lang := fs.String("lang", c.getenv("CAIRN_LANG"), "the `language` you talk in, es or en, as if you had chosen it (env CAIRN_LANG; default: as before — type \"español\" or \"english\" any time)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cairn try [flags]\n\nTalk to Cairn as a member, in this terminal. Your answers are kept in the database file,\nso you can stop and come back. Type /help inside for the clock commands.\nCAIRN_KEY_FILE names the key that encrypts the file (cairn key new makes one).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: cairn try takes no arguments (got %q)", errUsage, fs.Args())
	}
	var err error
	if c.loc, err = time.LoadLocation(*tz); err != nil {
		return fmt.Errorf("%w: unknown time zone %q: use a name like America/Chicago", errUsage, *tz)
	}
	if c.session, err = parseWeekly(*meets); err != nil {
		return fmt.Errorf("%w: --session %q: %v", errUsage, *meets, err)
	}
	start := time.Now()
	if *now != "" {
		if start, err = time.Parse(time.RFC3339, *now); err != nil {
			return fmt.Errorf("%w: --now %q is not a time like 2026-06-10T10:00:00-05:00", errUsage, *now)
		}
	}
	c.clock = tryClock{base: start, real: time.Now}
	c.member = strings.TrimSpace(*member)
	if c.member == "" {
		return fmt.Errorf("%w: --member must not be empty", errUsage)
	}
	switch *lang {
	case "", "es", "en":
		c.lang = *lang
	default:
		return fmt.Errorf("%w: --lang %q: use es (Spanish) or en (English)", errUsage, *lang)
	}

	c.export = *export
	if c.export == "" {
		c.export = "cairn-my-data-" + strings.Map(safeFileRune, c.member) + ".json"
	}
	o, err := storeOptions(c.getenv, c.stderr)
	if err != nil {
		return err
	}
	st, err := store.OpenOptions(*dbPath, o)
	if err != nil {
		return err
	}
	if o.Key == nil {
		fmt.Fprintln(c.stderr, "cairn:", unencryptedNotice)
	}
	defer st.Close()
	c.st = st
	c.runner = &conversations.Runner{Store: st, DefaultTZ: c.loc, NextSession: func(ctx context.Context, member string, now time.Time) time.Time {
		groups, err := st.Groups(ctx)
		if err != nil {
			return time.Time{}
		}
		if at := scheduler.NextSession(groups, member, now); !at.IsZero() {
			return at
		}
		// No group in this file: --session is the group, as /next has it,
		// so a first step is sized against it as it would be in Slack.
		return c.session.next(now, c.loc)
	}}
	if err := c.ensureZone(ctx, st); err != nil {
		return err
	}

	fmt.Fprintf(c.stdout, "Cairn, in your terminal. You are %q; answers are saved in %s.\n", c.member, st.Path())
	fmt.Fprintf(c.stdout, "Type to talk. /help shows the clock commands; /quit leaves (you can come back).\n\n")
	return c.loop(ctx)
}

// ensureZone keeps the stored member's zone in step with --tz, so dates are
// read in the member's calendar from the first turn, and their language
// with --lang when given.
func (c *tryCommand) ensureZone(ctx context.Context, st *store.Store) error {
	m, err := st.Member(ctx, c.member)
	if errors.Is(err, store.ErrNotFound) {
		m = store.Member{ID: c.member, Name: c.member, CreatedAt: c.clock.now().UTC()}
	} else if err != nil {
		return err
	}
	lang := m.Lang
	if c.lang != "" {
		lang = conversations.StoredLang(conversations.ParseLang(c.lang), false) // --lang is the person's choice
	}
	if m.TZ == c.loc.String() && m.Lang == lang {
		return nil
	}
	m.TZ, m.Lang = c.loc.String(), lang
	return st.SaveMember(ctx, m)
}

func (c *tryCommand) loop(ctx context.Context) error {
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(c.stdin)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		readErr <- sc.Err()
	}()
	if err := c.say(ctx, conversations.Input{Text: "hi"}); err != nil {
		return err
	}
	for {
		fmt.Fprint(c.stdout, "you> ")
		var line string
		select {
		case <-ctx.Done():
			fmt.Fprintln(c.stdout)
			return nil
		case err := <-readErr:
			fmt.Fprintln(c.stdout)
			if err != nil {
				return fmt.Errorf("read input: %w (lines over 1 MiB are not supported)", err)
			}
			return nil
		case line = <-lines:
		}
		if !c.interactive() {
			fmt.Fprintln(c.stdout, line) // a transcript reads like the conversation it was
		}
		if strings.HasPrefix(strings.TrimSpace(line), "/") {
			quit, err := c.tryCommand(ctx, strings.Fields(strings.TrimSpace(line)))
			if err != nil || quit {
				return err
			}
			continue
		}
		if err := c.say(ctx, conversations.Input{Text: line}); err != nil {
			return err
		}
	}
}

// interactive reports whether a person is typing (stdin is a terminal), as
// opposed to a script piping answers in.
func (c *tryCommand) interactive() bool {
	f, ok := c.stdin.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// say runs one durable turn and prints the replies. Typing the label of a
// choice just shown presses it, as a button would.
func (c *tryCommand) say(ctx context.Context, in conversations.Input) error {
	for _, ch := range c.choices {
		if in.Action == "" && strings.EqualFold(strings.TrimSpace(in.Text), ch.Label) {
			in = conversations.Input{Action: ch.Value}
			break
		}
	}
	out, err := c.runner.HandleFrom(ctx, c.member, conversations.Origin{}, in, c.clock.now())
	if err != nil {
		return err
	}
	switch out.Data {
	case conversations.DataExport:
		if err := c.exportData(ctx); err != nil {
			return err
		}
	case conversations.DataForget:
		// As in Slack: one commit deletes everything, then the file is
		// compacted so the text is not left in its free pages.
		w := c.words(ctx) // read before the member's record is gone
		if err := c.st.DeleteMemberData(ctx, c.member); err != nil {
			return err
		}
		if err := c.st.Compact(ctx); err != nil {
			return err
		}
		c.print([]conversations.Reply{{Text: w.Forgotten}})
		return nil
	}
	if out.Data == conversations.DataProgress {
		// Slack draws pictures; a terminal gets the text bars and stones
		// Slack falls back to.
		if err := c.progress(ctx); err != nil {
			return err
		}
	}
	c.print(out.Replies)
	if out.Alert != nil {
		return c.alert(ctx, *out.Alert)
	}
	return nil
}

// alert shows what an ask for a person would send, and records it as the
// bot does (the hourly limit, the audit log). Nothing is sent from here:
// the people asked are in Slack, and try's member usually is not.
func (c *tryCommand) alert(ctx context.Context, req conversations.AlertRequest) error {
	groups, err := c.st.Groups(ctx)
	if err != nil {
		return err
	}
	a, ok := store.AlertFor(groups, c.member)
	if !ok {
		c.print(req.Say(conversations.WordsFor(req.Lang).NobodyToAsk))
		return nil
	}
	a.At = c.clock.now().UTC()
	prev, _, err := c.st.RecordAlert(ctx, a, conversations.AlertLimit, nil)
	if errors.Is(err, store.ErrTooSoon) {
		fmt.Fprintln(c.stdout, "(asked within the hour: nothing is sent)")
		c.print(req.Say(conversations.SayAskedRecently(conversations.WordsFor(req.Lang), c.asked(ctx, prev), prev.At, c.loc)))
		return nil
	}
	if err != nil {
		return err
	}
	for _, p := range a.Asked {
		pm, _ := c.st.Member(ctx, p) // each person asked reads it in their own language
		fmt.Fprintf(c.stdout, "(in Slack, %s would get a private message: %q)\n", c.nameOf(ctx, p), conversations.SayAlert(conversations.WordsFor(conversations.LangOf(pm)), c.nameOf(ctx, c.member)))
	}
	c.print(req.Say(conversations.SayAsked(conversations.WordsFor(req.Lang), c.asked(ctx, a))))
	return nil
}

func (c *tryCommand) asked(ctx context.Context, a store.Alert) conversations.Asked {
	out := conversations.Asked{Navigator: a.Navigator}
	for _, p := range a.Asked {
		out.Names = append(out.Names, c.nameOf(ctx, p))
	}
	return out
}

// nameOf is a person's stored name, else their id.
func (c *tryCommand) nameOf(ctx context.Context, id string) string {
	if m, err := c.st.Member(ctx, id); err == nil && m.Name != "" {
		return m.Name
	}
	return id
}

// exportData writes everything held about the member to c.export and
// prints the summary.
func (c *tryCommand) exportData(ctx context.Context) error {
	e, err := c.st.ExportMember(ctx, c.member)
	if err != nil {
		return err
	}
	buf, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the data of %s: %w", c.member, err)
	}
	if err := os.WriteFile(c.export, append(buf, '\n'), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", c.export, err)
	}
	c.print([]conversations.Reply{{Text: conversations.DataSummary(c.words(ctx), e, c.loc)}})
	fmt.Fprintf(c.stdout, "(saved to %s)\n", c.export)
	return nil
}

// words are the catalogue in the member's language.
func (c *tryCommand) words(ctx context.Context) *conversations.Words {
	m, _ := c.st.Member(ctx, c.member) // none yet: English, as for a new member
	return conversations.WordsFor(conversations.LangOf(m))
}

// progress prints "my progress" as text: the member's last sessions as
// bars of steps done over planned, and their cairn.
func (c *tryCommand) progress(ctx context.Context) error {
	m, _ := c.st.Member(ctx, c.member)
	w := conversations.WordsFor(conversations.LangOf(m))
	p, err := c.st.MemberProgress(ctx, c.member, store.ProgressQuery{Until: c.clock.now(), Last: 6})
	if err != nil {
		return err
	}
	var lines []string
	for _, r := range p.Rows {
		if r.StepsDone == nil || r.StepsPlanned == nil || *r.StepsDone+*r.StepsPlanned == 0 {
			continue
		}
		done, planned := *r.StepsDone, max(*r.StepsPlanned, *r.StepsDone)
		bar := strings.Repeat("▰", min(done, 10)) + strings.Repeat("▱", min(planned-done, 10-min(done, 10)))
		lines = append(lines, fmt.Sprintf(w.ChartTextBar, r.Session.In(c.loc).Format(w.ChartDateLayout), bar, done, planned))
	}
	if len(lines) == 0 && p.FinishedSteps == 0 {
		c.print([]conversations.Reply{{Text: w.ChartMemberNone}})
		return nil
	}
	out := []string{w.ChartMemberIntro}
	if len(lines) > 0 {
		out = append(out, w.ChartTextBarsHead)
		out = append(out, lines...)
	}
	if p.FinishedSteps == 0 {
		out = append(out, w.CairnEmpty)
	} else {
		out = append(out, fmt.Sprintf(w.CairnFew, strings.Repeat("🪨", p.FinishedSteps)))
	}
	c.print([]conversations.Reply{{Text: strings.Join(out, "\n")}})
	return nil
}

// safeFileRune keeps a member name usable in a file name.
func safeFileRune(r rune) rune {
	if r == '/' || r == '\\' || r == 0 || r == os.PathSeparator {
		return '_'
	}
	return r
}

func (c *tryCommand) print(replies []conversations.Reply) {
	c.choices = nil
	for _, r := range replies {
		c.choices = append(c.choices, r.Choices...)
		for _, line := range strings.Split(r.Text, "\n") {
			fmt.Fprintf(c.stdout, "cairn> %s\n", line)
		}
		if len(r.Choices) > 0 {
			labels := make([]string, len(r.Choices))
			for i, ch := range r.Choices {
				labels[i] = "[" + ch.Label + "]"
			}
			fmt.Fprintf(c.stdout, "       %s\n", strings.Join(labels, " "))
		}
	}
}

const tryHelp = `Try-mode commands (the conversation itself knows "help", "back", "stop"):
  /next        jump to the day before the next group session and get the check-in prompt
  /later 3d    move the clock ahead (m, h or d), e.g. /later 2h or /later 6d
  /time        show the clock
  /quit        leave; your answers are kept
To answer a choice, type its words, e.g. "save it" or "7".`

func (c *tryCommand) tryCommand(ctx context.Context, words []string) (quit bool, err error) {
	switch words[0] {
	case "/quit", "/exit", "/q":
		return true, nil
	case "/help":
		fmt.Fprintln(c.stdout, tryHelp)
	case "/time":
		c.printTime()
	case "/later":
		if len(words) != 2 {
			fmt.Fprintln(c.stdout, "Say how far, like /later 3d or /later 2h.")
			return false, nil
		}
		d, ok := parseJump(words[1])
		if !ok {
			fmt.Fprintf(c.stdout, "I couldn't read %q: try 30m, 2h or 3d.\n", words[1])
			return false, nil
		}
		c.clock.jump(d)
		c.printTime()
	case "/next":
		now := c.clock.now().In(c.loc)
		session := c.session.next(now.Add(24*time.Hour), c.loc)
		c.clock.jump(session.Add(-24 * time.Hour).Sub(now))
		c.printTime()
		fmt.Fprintf(c.stdout, "(the group meets %s)\n", session.Format("Monday, January 2 at 15:04"))
		replies, err := c.runner.Start(ctx, c.member, conversations.FlowCheckIn, session, "try", c.clock.now())
		if err != nil {
			return false, err
		}
		c.print(replies)
	default:
		fmt.Fprintf(c.stdout, "I don't know %s.\n%s\n", words[0], tryHelp)
	}
	return false, nil
}

func (c *tryCommand) printTime() {
	fmt.Fprintf(c.stdout, "(it is now %s)\n", c.clock.now().In(c.loc).Format("Monday, January 2, 2006 15:04 MST"))
}

// tryClock is wall time shifted by the jumps the person asked for.
type tryClock struct {
	base   time.Time
	offset time.Duration
	real   func() time.Time
	start  time.Time
}

func (k *tryClock) now() time.Time {
	if k.start.IsZero() {
		k.start = k.real()
	}
	return k.base.Add(k.offset + k.real().Sub(k.start))
}

func (k *tryClock) jump(d time.Duration) { k.offset += d }

// parseJump reads "30m", "2h" or "3d".
func parseJump(s string) (time.Duration, bool) {
	if len(s) < 2 {
		return 0, false
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 3650 {
		return 0, false
	}
	switch s[len(s)-1] {
	case 'm':
		return time.Duration(n) * time.Minute, true
	case 'h':
		return time.Duration(n) * time.Hour, true
	case 'd':
		return time.Duration(n) * 24 * time.Hour, true
	}
	return 0, false
}

// weeklySession is a group that meets once a week at a local time. Real
// schedules come with groups; try mode needs only this much.
type weeklySession struct {
	day          time.Weekday
	hour, minute int
}

func parseWeekly(s string) (weeklySession, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return weeklySession{}, errors.New(`write it as "Tuesday 18:00"`)
	}
	var w weeklySession
	found := false
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(strings.TrimSuffix(f[0], "s"), d.String()) || strings.EqualFold(f[0], d.String()[:3]) {
			w.day, found = d, true
		}
	}
	t, err := time.Parse("15:04", f[1])
	if !found || err != nil {
		return weeklySession{}, errors.New(`write it as "Tuesday 18:00"`)
	}
	w.hour, w.minute = t.Hour(), t.Minute()
	return w, nil
}

// next is the first session at or after t, in loc's wall time.
func (w weeklySession) next(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	for i := 0; i <= 7; i++ {
		d := t.AddDate(0, 0, i)
		s := time.Date(d.Year(), d.Month(), d.Day(), w.hour, w.minute, 0, 0, loc)
		if d.Weekday() == w.day && !s.Before(t) {
			return s
		}
	}
	return t // unreachable: some day within 8 is the weekday
}

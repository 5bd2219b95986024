package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// Sender puts a planned message in front of its recipient; package bot
// implements it for Slack. Every message carries its delivery key so that,
// after a crash between sending and recording, Delivered can tell whether it
// arrived.
type Sender interface {
	// Deliver sends replies to d.Recipient's DM, tagged with d.Key. Its
	// error says what became of the message: ErrMaybeSent, ErrUnreachable,
	// or anything else for "surely not sent" (see errors.go).
	Deliver(ctx context.Context, d store.Delivery, replies []conversations.Reply) (channel, ts string, err error)
	// Delivered looks in d.Recipient's DM for a message tagged with d.Key.
	Delivered(ctx context.Context, d store.Delivery) (channel, ts string, found bool, err error)
	// Slot waits until the Sender may send the next message under its rate
	// limit, and reserves that moment for the next Deliver. Marking a
	// delivery "sending" only then keeps the deliveries that a crash leaves
	// uncertain down to the few really in flight.
	Slot(ctx context.Context) error
}

// Config tunes a Scheduler. Zero values take the defaults.
type Config struct {
	// Workers is how many deliveries are in flight at once; the Sender's own
	// rate limiter decides how fast they really go.
	Workers int
	// Batch is how many due deliveries one pass takes at a time.
	Batch int
	// ReplanEvery is how often the timeline is planned ahead (it also
	// happens after Replan).
	ReplanEvery time.Duration
	Logger      *slog.Logger
}

// Scheduler plans deliveries into the store and sends them when due.
type Scheduler struct {
	store  *store.Store
	runner *conversations.Runner
	send   Sender
	cfg    Config
	log    *slog.Logger
	// Now is the clock; tests replace it.
	Now func() time.Time

	mu          sync.Mutex
	lastPlanned time.Time
	wake        chan struct{}

	passMu     sync.Mutex
	passGroups map[string]*groupInPass // groups read in the current pass
}

// New makes a Scheduler. Run it with Run, or drive it with Tick in tests.
func New(st *store.Store, runner *conversations.Runner, send Sender, cfg Config) *Scheduler {
	if cfg.Workers <= 0 {
		// Enough to keep a fan-out at Slack's pace while each delivery
		// waits on a few commits and a round trip (see BenchmarkFanOut).
		cfg.Workers = 64
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 4 * cfg.Workers
	}
	if cfg.ReplanEvery <= 0 {
		cfg.ReplanEvery = 10 * time.Minute
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Scheduler{store: st, runner: runner, send: send, cfg: cfg, log: cfg.Logger, Now: time.Now, wake: make(chan struct{}, 1)}
}

// Replan asks for the timeline to be planned again at once: a group's
// schedule, members or a pause changed.
func (s *Scheduler) Replan() {
	s.mu.Lock()
	s.lastPlanned = time.Time{}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run ticks until ctx ends, sleeping until the next delivery is due (at most
// a minute, so a changed clock or a new plan is noticed).
func (s *Scheduler) Run(ctx context.Context) error {
	failures := 0
	for {
		err := s.Tick(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Error("scheduler pass failed", "err", err)
		}
		wait := time.Minute
		if next, ok, err := s.store.NextDue(ctx); err == nil && ok {
			wait = min(wait, max(next.Sub(s.Now()), 10*time.Millisecond))
		}
		// A pass that failed (the store refusing writes) is not retried in
		// a tight loop: what it left due would be due again at once.
		if err != nil {
			failures++
			wait = max(wait, min(time.Duration(1<<min(failures, 6))*time.Second, time.Minute))
		} else {
			failures = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-s.wake:
			t.Stop()
		case <-t.C:
		}
	}
}

// Tick plans ahead if it is time to, then sends everything due at Now, in
// order of due time, until nothing due is left.
func (s *Scheduler) Tick(ctx context.Context) error {
	now := s.Now()
	if err := s.planIfStale(ctx, now); err != nil {
		return err
	}
	return s.drain(ctx, now)
}

func (s *Scheduler) planIfStale(ctx context.Context, now time.Time) error {
	s.mu.Lock()
	stale := now.Sub(s.lastPlanned) >= s.cfg.ReplanEvery || now.Before(s.lastPlanned)
	s.mu.Unlock()
	if !stale {
		return nil
	}
	if err := s.Plan(ctx, now); err != nil {
		return err
	}
	s.mu.Lock()
	s.lastPlanned = now
	s.mu.Unlock()
	return nil
}

// Plan records every delivery of the next Horizon in the store. Planning the
// same span twice adds nothing: each delivery's key is recorded once.
func (s *Scheduler) Plan(ctx context.Context, now time.Time) error {
	groups, err := s.store.Groups(ctx)
	if err != nil {
		return err
	}
	navigators := map[string]bool{}
	for _, g := range groups {
		for _, n := range g.Navigators {
			navigators[n] = true
		}
		if g.Schedule == "" {
			continue
		}
		sched, err := parsedSchedule(g)
		if err != nil {
			s.log.Error("group has a schedule that no longer parses", "group", g.ID, "err", err)
			continue
		}
		people, err := s.store.Members(ctx, append(append([]string{}, g.Members...), g.Facilitators...))
		if err != nil {
			return err
		}
		byID := make(map[string]store.Member, len(people))
		for _, m := range people {
			byID[m.ID] = m
		}
		plan := PlanGroup(g, sched, byID, now, now.Add(Horizon))
		if _, err := s.store.PlanDeliveries(ctx, plan); err != nil {
			return fmt.Errorf("scheduler: plan group %s: %w", g.ID, err)
		}
		if err := s.moveChanged(ctx, g.ID, plan, now); err != nil {
			return err
		}
	}
	for id := range navigators {
		nav, err := s.store.Member(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			nav = store.Member{ID: id}
		} else if err != nil {
			return err
		}
		if _, err := s.store.PlanDeliveries(ctx, PlanNudges(nav, now, now.Add(2*24*time.Hour))); err != nil {
			return fmt.Errorf("scheduler: plan nudges for %s: %w", id, err)
		}
	}
	return s.planHelpers(ctx, now) // steps' helpers (helpers.go)
}

// moveChanged reschedules planned (not yet sent) deliveries whose due time
// changed since they were planned: a new lead time, new quiet hours, or a
// member's new time zone.
func (s *Scheduler) moveChanged(ctx context.Context, groupID string, plan []store.Delivery, now time.Time) error {
	bySession := map[time.Time][]store.Delivery{}
	for _, d := range plan {
		bySession[d.Session] = append(bySession[d.Session], d)
	}
	for session, want := range bySession {
		have, err := s.store.DeliveriesFor(ctx, groupID, session)
		if err != nil {
			return err
		}
		stored := make(map[string]store.Delivery, len(have))
		for _, d := range have {
			stored[d.Key] = d
		}
		for _, d := range want {
			old, ok := stored[d.Key]
			if !ok || old.State != store.DeliveryPlanned || old.DueAt.Equal(d.DueAt) {
				continue
			}
			// A delivery already tried keeps its retry's time. One whose new
			// time has passed while it waits for a later one (held for quiet
			// hours) stays: moving it back would only have it held again.
			if old.Attempts > 0 || !d.DueAt.After(now) && old.DueAt.After(now) {
				continue
			}
			if err := s.store.Reschedule(ctx, d.Key, d.DueAt); err != nil {
				return err
			}
		}
	}
	return nil
}

// drain sends every delivery due at now. One loop reads the due index in
// order and hands deliveries to a pool of workers; a worker marks each one
// "sending" (durably) before it sends it, so a crash from then on leaves it
// "sending" and the next pass asks Slack before sending it again.
func (s *Scheduler) drain(ctx context.Context, now time.Time) error {
	s.passMu.Lock()
	s.passGroups = map[string]*groupInPass{}
	s.passMu.Unlock()
	defer func() {
		s.passMu.Lock()
		s.passGroups = nil
		s.passMu.Unlock()
	}()
	var (
		mu sync.Mutex
		// inflight holds deliveries handed to workers; seen, every one taken
		// in this pass. A delivery is taken at most once per pass: one that
		// must be retried is rescheduled after now, so it is not due again.
		inflight = map[string]bool{}
		seen     = map[string]bool{}
		firstErr error
		done     = make(chan struct{}, s.cfg.Workers)
		jobs     = make(chan job)
		wg       sync.WaitGroup
	)
	for range s.cfg.Workers {
		wg.Go(func() {
			// A delivery that has started finishes even during shutdown:
			// the Sender's own timeouts bound it.
			work := context.WithoutCancel(ctx)
			for j := range jobs {
				d := j.d
				err := s.deliver(work, j, now)
				mu.Lock()
				delete(inflight, d.Key)
				if err != nil {
					s.log.Error("delivery could not be recorded", "kind", string(d.Kind), "user", d.Recipient, "err", err)
					if firstErr == nil {
						firstErr = err
					}
				}
				mu.Unlock()
				select {
				case done <- struct{}{}:
				default:
				}
			}
		})
	}
	defer func() {
		close(jobs)
		wg.Wait()
	}()
	for ctx.Err() == nil {
		mu.Lock()
		busy := len(inflight)
		mu.Unlock()
		due, err := s.store.DueDeliveries(ctx, now, s.cfg.Batch+busy)
		if err != nil {
			return err
		}
		var fresh []store.Delivery
		mu.Lock()
		for _, d := range due {
			if !seen[d.Key] {
				fresh = append(fresh, d)
			}
		}
		mu.Unlock()
		if len(fresh) == 0 {
			if busy == 0 {
				// A delivery that failed on the store is left due for the
				// next pass; the others went on meanwhile.
				mu.Lock()
				err := firstErr
				mu.Unlock()
				return err
			}
			select { // wait for a worker to finish, then look again
			case <-done:
			case <-ctx.Done():
			}
			continue
		}
		var send []job
		for _, d := range fresh {
			seen[d.Key] = true
			reason, j, err := s.skipReason(ctx, d, now)
			if err != nil {
				return err
			}
			if reason != "" {
				if d.State == store.DeliverySending {
					reason += " (an earlier attempt may have arrived)"
				}
				if err := s.store.MarkSkipped(ctx, d.Key, reason, now); err != nil {
					return err
				}
				s.log.Info("delivery skipped", "kind", string(d.Kind), "group", d.GroupID, "user", d.Recipient, "reason", reason)
				continue
			}
			// Checked here too, not only in the worker, so that a night's
			// backlog is held without waiting for rate-limit slots.
			if held, err := s.holdForQuietHours(ctx, j, now); err != nil {
				return err
			} else if held {
				continue
			}
			send = append(send, j)
		}
		mu.Lock()
		for _, j := range send {
			inflight[j.d.Key] = true
		}
		mu.Unlock()
		for _, j := range send {
			select {
			case jobs <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return ctx.Err()
}

// deliver composes and sends one delivery and records the outcome. It marks
// the delivery "sending" first, one at a time, so that after a crash only
// the few in flight are uncertain (each costs a look at the DM's history).
// d is as it was read before: State "sending" means an earlier attempt may
// have arrived. It returns only the store's errors: whatever goes wrong with
// the delivery itself is recorded on it, with a retry or a reason.
func (s *Scheduler) deliver(ctx context.Context, j job, now time.Time) error {
	d := j.d
	if err := s.send.Slot(ctx); err != nil {
		return err
	}
	// The wait for a slot can be long in a large fan-out: look at the
	// recipient's clock again now that the message is about to go.
	if held, err := s.holdForQuietHours(ctx, j, s.Now()); held || err != nil {
		return err
	}
	if err := s.store.MarkSending(ctx, []string{d.Key}, now); err != nil {
		return err
	}
	if d.State == store.DeliverySending {
		channel, ts, found, err := s.send.Delivered(ctx, d)
		if err == nil && found {
			s.log.Info("delivery found already sent after a restart", "kind", string(d.Kind), "user", d.Recipient)
			return s.markSent(ctx, d, channel, ts, now)
		}
		if errors.Is(err, ErrUnreachable) {
			return s.unreachable(ctx, d, now, err, true)
		}
		if err != nil {
			// Not knowing, sending again could double it: wait and ask again.
			s.log.Warn("could not check whether a delivery arrived", "kind", string(d.Kind), "user", d.Recipient, "err", err)
			return s.retryLater(ctx, d, now, backoff(d.Attempts), "unconfirmed", true)
		}
	}
	replies, err := s.compose(ctx, d, now)
	if errors.Is(err, conversations.ErrBusy) {
		// The member is mid-way through another conversation: ask again in
		// half an hour, while the prompt is still useful.
		return s.retryLater(ctx, d, now, 30*time.Minute, "busy", false)
	}
	if err != nil {
		// Nothing went to Slack. Retrying at once would fail the same way
		// and spin; the backoff and the usefulness limit of a failed send
		// apply instead.
		s.log.Error("could not compose a delivery; will retry", "kind", string(d.Kind), "group", d.GroupID, "user", d.Recipient, "attempt", d.Attempts+1, "err", err)
		return s.retryLater(ctx, d, now, backoff(d.Attempts), "could not compose", false)
	}
	if len(replies) == 0 {
		return s.store.MarkSkipped(ctx, d.Key, "nothing to say", now)
	}
	channel, ts, err := s.send.Deliver(ctx, d, replies)
	switch {
	case err == nil:
		return s.markSent(ctx, d, channel, ts, now)
	case errors.Is(err, ErrUnreachable):
		return s.unreachable(ctx, d, now, err, false)
	case errors.Is(err, ErrMaybeSent):
		// It stays "sending": the next try asks Slack before sending again.
		s.log.Warn("delivery may have been sent; will check", "kind", string(d.Kind), "user", d.Recipient, "attempt", d.Attempts+1, "err", err)
		return s.retryLater(ctx, d, now, backoff(d.Attempts), "may have been sent", true)
	default:
		s.log.Warn("delivery failed; will retry", "kind", string(d.Kind), "user", d.Recipient, "attempt", d.Attempts+1, "err", err)
		return s.retryLater(ctx, d, now, backoff(d.Attempts), "failed", false)
	}
}

// unreachable records that Slack refused a delivery for good: the delivery
// is skipped with Slack's reason, and the person is marked unreachable, so
// nothing more is sent to them (and no Slack call made) until they write to
// Cairn again. earlier says an earlier attempt may still have arrived.
func (s *Scheduler) unreachable(ctx context.Context, d store.Delivery, now time.Time, cause error, earlier bool) error {
	code := slackCode(cause)
	s.log.Warn("recipient cannot be reached on Slack; not retrying", "kind", string(d.Kind), "group", d.GroupID, "user", d.Recipient, "reason", code)
	if err := s.store.MarkUnreachable(ctx, d.Recipient, code, now); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	reason := "unreachable: " + code
	if earlier {
		reason += " (an earlier attempt may have arrived)"
	}
	return s.store.MarkSkipped(ctx, d.Key, reason, now)
}

// slackCodes are the error codes Slack gives for a recipient who cannot get
// messages, as the Sender reports them inside ErrUnreachable's text.
var slackCodes = []string{"account_inactive", "user_not_found", "channel_not_found", "is_archived", "not_in_channel",
	"user_disabled", "cannot_dm_bot", "messages_tab_disabled", "restricted_action"}

var snakeWord = regexp.MustCompile(`\b[a-z]+(?:_[a-z]+)+\b`)

// slackCode finds Slack's short reason in an error's text: a known code,
// else the first word_like_this, else "refused".
func slackCode(err error) string {
	text := err.Error()
	for _, c := range slackCodes {
		if strings.Contains(text, c) {
			return c
		}
	}
	if w := snakeWord.FindString(text); w != "" {
		return w
	}
	return "refused"
}

// holdForQuietHours keeps a delivery from going out in its recipient's
// quiet hours at t, whatever made it late (downtime, a retry, a wait for a
// busy member, a zone learned after planning): it waits for the end of
// them if it is still useful then, else it is skipped. It reports whether
// it held or skipped the delivery.
func (s *Scheduler) holdForQuietHours(ctx context.Context, j job, t time.Time) (bool, error) {
	d := j.d
	end, useful := outOfQuiet(d, j.loc, j.quiet, t)
	if end.Equal(t) {
		return false, nil
	}
	if !useful {
		reason := "quiet hours"
		if d.State == store.DeliverySending {
			reason += " (an earlier attempt may have arrived)"
		}
		s.log.Info("delivery skipped", "kind", string(d.Kind), "group", d.GroupID, "user", d.Recipient, "reason", reason)
		return true, s.store.MarkSkipped(ctx, d.Key, reason, t)
	}
	s.log.Info("delivery held for the recipient's quiet hours", "kind", string(d.Kind), "group", d.GroupID, "user", d.Recipient, "until", end)
	return true, s.store.Reschedule(ctx, d.Key, end)
}

// outOfQuiet is the first moment from t that d may go out: t itself, or
// the end of the recipient's quiet hours; useful reports whether d is
// still worth sending then.
func outOfQuiet(d store.Delivery, loc *time.Location, quiet quietHours, t time.Time) (at time.Time, useful bool) {
	at = t
	if quiet.containsTime(t, loc) {
		at = quiet.endAfter(t, loc)
	}
	return at, stillUseful(d, at, loc)
}

// lastChance is how long before a delivery stops being useful its last
// retry comes, when the backoff would overshoot.
const lastChance = time.Minute

// retryLater tries a delivery again after wait, or gives it up once it would
// no longer be useful: how often it was tried does not matter. maybeSent
// keeps it "sending", so the next try asks Slack whether this one arrived
// before sending again; otherwise it is planned again.
func (s *Scheduler) retryLater(ctx context.Context, d store.Delivery, now time.Time, wait time.Duration, why string, maybeSent bool) error {
	loc, err := s.recipientZone(ctx, d)
	if err != nil {
		return err
	}
	next := now.Add(wait)
	if until := usefulUntil(d, loc); !next.Before(until) {
		// The backoff is capped, but it may still overshoot: try once more
		// just before the end rather than give up early.
		next = until.Add(-lastChance)
	}
	if !next.After(now) {
		s.log.Error("delivery given up", "kind", string(d.Kind), "group", d.GroupID, "user", d.Recipient, "reason", why, "attempts", d.Attempts+1)
		reason := "gave up: " + why
		if maybeSent {
			reason += " (an attempt may have arrived)"
		}
		return s.store.MarkSkipped(ctx, d.Key, reason, now)
	}
	if maybeSent {
		return s.store.Reschedule(ctx, d.Key, next)
	}
	return s.store.MarkRetry(ctx, d.Key, next)
}

func backoff(attempts int) time.Duration {
	return min(time.Duration(1<<min(attempts, 10))*30*time.Second, time.Hour)
}

// usefulUntil is when a delivery stops being worth sending: nothing about a
// session is sent once it has started, and a navigator's list is stale by
// the afternoon of its day. It never depends on DueAt, which retries move.
// loc is the recipient's zone.
func usefulUntil(d store.Delivery, loc *time.Location) time.Time {
	switch d.Kind {
	case store.DeliverPrompt, store.DeliverReminder, store.DeliverDigest:
		return d.Session
	case store.DeliverNudges: // Session is the navigator's day, as a UTC date
		return onDay(d.Session, NudgeHour+8, loc)
	case store.DeliverNudge:
		// Pressed late in the evening, a nudge may wait for the morning
		// after, never longer.
		return onDay(d.Session.AddDate(0, 0, 1), 12, loc)
	case store.DeliverHelper: // Session is the step's due date: "the day before" ends then
		return onDay(d.Session, 0, loc)
	default:
		return d.Session.Add(24 * time.Hour)
	}
}

// stillUseful says whether a delivery is worth sending at t.
func stillUseful(d store.Delivery, t time.Time, loc *time.Location) bool {
	return t.Before(usefulUntil(d, loc))
}

// onDay is hour o'clock in loc on the date that day (a UTC midnight) names.
func onDay(day time.Time, hour int, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, loc)
}

// recipientZone is the zone of a delivery's recipient: their own, else
// their group's, else UTC.
func (s *Scheduler) recipientZone(ctx context.Context, d store.Delivery) (*time.Location, error) {
	m, err := s.store.Member(ctx, d.Recipient)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	return zone(m.TZ, s.groupZone(ctx, d.GroupID)), nil
}

// groupZone is a group's zone (that of its schedule), or UTC.
func (s *Scheduler) groupZone(ctx context.Context, groupID string) *time.Location {
	if groupID == "" {
		return time.UTC
	}
	g, err := s.group(ctx, groupID)
	if err != nil {
		return time.UTC
	}
	if sched, err := parsedSchedule(g.Group); err == nil && sched.Location() != nil {
		return sched.Location()
	}
	return zone(g.TZ, time.UTC)
}

// ErrNotTheirMember refuses a nudge from someone who is not the member's
// navigator.
var ErrNotTheirMember = errors.New("scheduler: not this member's navigator")

// NudgeMember plans a gentle nudge from a navigator to one of their members,
// sent at once; at most one a day per member (the day in the member's zone).
// It reports false when today's nudge already exists.
func (s *Scheduler) NudgeMember(ctx context.Context, navigatorID, memberID string, now time.Time) (bool, error) {
	m, err := s.store.Member(ctx, memberID)
	if err != nil {
		return false, err
	}
	groups, err := s.store.Groups(ctx)
	if err != nil {
		return false, err
	}
	if navigatorID == "" || !slices.ContainsFunc(groups, func(g store.Group) bool { return g.NavigatorFor(memberID) == navigatorID }) {
		return false, ErrNotTheirMember
	}
	day := dateOf(now, zone(m.TZ, time.UTC))
	d := store.Delivery{
		Key: store.DeliveryKey(store.DeliverNudge, "", day, memberID), Kind: store.DeliverNudge,
		Session: day, Recipient: memberID, DueAt: now.UTC(), State: store.DeliveryPlanned,
	}
	added, err := s.store.PlanDeliveries(ctx, []store.Delivery{d})
	if err != nil {
		return false, err
	}
	if added > 0 {
		select { // send it now rather than at the next wake
		case s.wake <- struct{}{}:
		default:
		}
	}
	return added > 0, nil
}

package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// A step's helper (a support person in the workspace the member named, and
// said Cairn may remind) gets one kind DM the day before the step is due, at
// HelperHour in the helper's zone, outside quiet hours. It names the member
// and that step only. It is a keyed delivery like any other, so it goes at
// most once, and the step remembers it went (Step.HelperRemindedAt), so a
// step moved to another day is not reminded of twice.

// HelperHour is when a helper's reminder arrives, in the helper's zone, on
// the day before the step is due.
const HelperHour = 10

// PlanHelpers lists the helper reminders of steps that are still to come at
// now. people holds the helpers' and the members' records, for their zones:
// a helper whose zone Cairn does not know gets the member's (they likely
// live nearby), else UTC's. It is pure.
func PlanHelpers(steps []store.Step, people map[string]store.Member, now time.Time) []store.Delivery {
	var out []store.Delivery
	for _, st := range steps {
		if st.HelperID == "" || !st.HelperOK || st.Done() || !st.HelperRemindedAt.IsZero() || st.Due.IsZero() {
			continue
		}
		loc := helperZone(people[st.HelperID], people[st.MemberID])
		if !now.Before(onDay(st.Due, 0, loc)) {
			continue // due today or earlier: "the day before" has passed
		}
		due := onDay(st.Due.AddDate(0, 0, -1), HelperHour, loc)
		group := store.HelperGroup(st.ID)
		out = append(out, store.Delivery{
			Key: store.DeliveryKey(store.DeliverHelper, group, st.Due, st.HelperID), Kind: store.DeliverHelper,
			GroupID: group, Session: st.Due.UTC(), Recipient: st.HelperID, DueAt: due.UTC(), State: store.DeliveryPlanned,
		})
	}
	return out
}

func helperZone(helper, member store.Member) *time.Location {
	return zone(helper.TZ, zone(member.TZ, time.UTC))
}

// planHelpers records the helper reminders of the steps due within the
// planning horizon (a day more, since a reminder comes the day before).
func (s *Scheduler) planHelpers(ctx context.Context, now time.Time) error {
	from := dateOf(now, time.UTC).AddDate(0, 0, -1) // a zone ahead of UTC may still have "tomorrow" left
	steps, err := s.store.HelperSteps(ctx, from, now.Add(Horizon+48*time.Hour))
	if err != nil || len(steps) == 0 {
		return err
	}
	var ids []string
	for _, st := range steps {
		ids = append(ids, st.HelperID, st.MemberID)
	}
	people, err := s.store.Members(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[string]store.Member, len(people))
	for _, m := range people {
		byID[m.ID] = m
	}
	if _, err := s.store.PlanDeliveries(ctx, PlanHelpers(steps, byID, now)); err != nil {
		return fmt.Errorf("scheduler: plan helpers' reminders: %w", err)
	}
	return nil
}

// helperStepID is the step a helper's reminder is about.
func helperStepID(d store.Delivery) (uint64, bool) {
	n, ok := strings.CutPrefix(d.GroupID, "step:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseUint(n, 10, 64)
	return id, err == nil
}

// helperSend is what a due helper's reminder needs to go out: the step and
// the member it is about, and the helper's record (empty if Cairn has never
// talked with them).
type helperSend struct {
	step           store.Step
	member, helper store.Member
}

// helperReason says why a helper's reminder must not go out (empty: send
// it, as j): the step is done, deleted or moved, its goal closed, the member
// took back their yes, left Slack or asked Cairn to forget them (their
// steps went with them), or the helper was reminded already.
func (s *Scheduler) helperReason(ctx context.Context, d store.Delivery, now time.Time) (string, job, error) {
	hs, reason, err := s.helperLoad(ctx, d)
	if reason != "" || err != nil {
		return reason, job{}, err
	}
	j := job{d: d, loc: helperZone(hs.helper, hs.member), quiet: quietOf(store.Group{})}
	switch {
	case !stillUseful(d, now, j.loc):
		return "too late", job{}, nil
	case hs.helper.Unreachable != "":
		return "unreachable", job{}, nil
	}
	return "", j, nil
}

func (s *Scheduler) helperLoad(ctx context.Context, d store.Delivery) (helperSend, string, error) {
	var hs helperSend
	id, ok := helperStepID(d)
	if !ok {
		return hs, "not a step", nil
	}
	st, err := s.store.Step(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return hs, "step deleted", nil
	}
	if err != nil {
		return hs, "", err
	}
	hs.step = st
	switch {
	case st.Done():
		return hs, "step done", nil
	case st.HelperID != d.Recipient || !st.HelperOK:
		return hs, "member said no", nil
	case !st.HelperRemindedAt.IsZero():
		return hs, "reminded already", nil
	case !st.Due.Equal(d.Session):
		return hs, "step moved", nil // its new day has a reminder of its own
	}
	g, err := s.store.Goal(ctx, st.GoalID)
	if errors.Is(err, store.ErrNotFound) {
		return hs, "goal deleted", nil
	}
	if err != nil {
		return hs, "", err
	}
	if g.Status != store.GoalActive && g.Status != "" {
		return hs, "goal closed", nil
	}
	if hs.member, err = s.store.Member(ctx, st.MemberID); errors.Is(err, store.ErrNotFound) {
		return hs, "member left", nil
	} else if err != nil {
		return hs, "", err
	}
	if hs.member.Unreachable != "" {
		return hs, "member left", nil // deactivated in Slack: nobody to help any more
	}
	if hs.helper, err = s.store.Member(ctx, d.Recipient); err != nil && !errors.Is(err, store.ErrNotFound) {
		return hs, "", err
	}
	return hs, "", nil
}

// helperReminder is the helper's one DM, in the helper's language: who
// asked, which step, when. Nothing else of the member's is in it.
func (s *Scheduler) helperReminder(ctx context.Context, d store.Delivery, now time.Time) ([]conversations.Reply, error) {
	hs, reason, err := s.helperLoad(ctx, d)
	if err != nil {
		return nil, err
	}
	if reason != "" {
		return nil, nil // changed since it was found due: nothing to say
	}
	lang := conversations.LangOf(hs.helper)
	w := conversations.WordsFor(lang)
	when := conversations.SayDateOnIn(lang, hs.step.Due, now.In(helperZone(hs.helper, hs.member)))
	text := fmt.Sprintf(w.HelperReminder, conversations.Mention(hs.member.ID), hs.step.What, when)
	return []conversations.Reply{{Text: text, Mentions: []string{hs.member.ID}}}, nil
}

// markSent records a delivery as sent and, for a helper's reminder, that
// the step's helper was reminded.
func (s *Scheduler) markSent(ctx context.Context, d store.Delivery, channel, ts string, now time.Time) error {
	if err := s.store.MarkSent(ctx, d.Key, channel, ts, now); err != nil {
		return err
	}
	if d.Kind != store.DeliverHelper {
		return nil
	}
	id, ok := helperStepID(d)
	if !ok {
		return nil
	}
	if err := s.store.MarkHelperReminded(ctx, id, now); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return nil
}

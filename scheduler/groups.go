package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cairnbot/cairn/store"
)

// The rules of groups, next to the schedule they are about: which session
// "cancel the next one" means, and who gets a navigator without being
// assigned one. The Slack adapter only translates commands and forms into
// these calls, and each change is one store transaction.

// GroupKeeper is what group changes need of the store. *store.Store
// implements it.
type GroupKeeper interface {
	Group(ctx context.Context, id string) (store.Group, error)
	SetUpGroup(ctx context.Context, set store.GroupSettings, key string) (store.SetUp, error)
	CancelSession(ctx context.Context, groupID string, session time.Time, key string) (store.Group, error)
}

// ErrNoSession: the group has no upcoming session (no schedule, or every
// one ahead is already called off).
var ErrNoSession = errors.New("scheduler: no upcoming session")

// SetUpGroup saves a group's settings, as a facilitator's form gave them.
// Everyone named is invited, not added (see store.SetUpGroup). A group
// with exactly one navigator proposes that navigator to every member who
// has none in it, in the same transaction: with one navigator there is
// nobody else to choose, but each member still says yes or not. A key
// already used returns store.ErrDuplicate and changes nothing.
func SetUpGroup(ctx context.Context, st GroupKeeper, set store.GroupSettings, key string) (store.SetUp, error) {
	set.AutoNavigator = ""
	if len(set.Navigators) == 1 {
		set.AutoNavigator = set.Navigators[0]
	}
	return st.SetUpGroup(ctx, set, key)
}

// CancelNext calls off the group's next session after now that is not
// called off already, and returns it (in the group's zone). Replaying the
// same request (the same key) cancels nothing more: it returns
// store.ErrDuplicate with the session the first request called off. An
// unknown group is store.ErrNotFound; nothing to call off is ErrNoSession.
func CancelNext(ctx context.Context, st GroupKeeper, groupID string, now time.Time, key string) (time.Time, error) {
	g, err := st.Group(ctx, groupID)
	if err != nil {
		return time.Time{}, err
	}
	sched, err := FromSpec(g.Schedule, g.ScheduleText)
	if err != nil {
		return time.Time{}, ErrNoSession
	}
	next := nextUncancelled(sched, g.Cancelled, now)
	if next.IsZero() {
		return time.Time{}, ErrNoSession
	}
	saved, err := st.CancelSession(ctx, groupID, next, key)
	if errors.Is(err, store.ErrDuplicate) {
		// The first request called off what was next then: the latest
		// cancellation, unless another request came in between.
		if n := len(saved.Cancelled); n > 0 {
			return saved.Cancelled[n-1].In(sched.Location()), err
		}
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("scheduler: cancel the next session of group %s: %w", groupID, err)
	}
	return next.In(sched.Location()), nil
}

// nextUncancelled is the first session after now that is not in cancelled,
// or zero when there is none within a year of sessions.
func nextUncancelled(sched Schedule, cancelled []time.Time, now time.Time) time.Time {
	next := sched.Next(now)
	for range 400 {
		if next.IsZero() || !slices.ContainsFunc(cancelled, next.Equal) {
			return next
		}
		next = sched.Next(next)
	}
	return time.Time{}
}

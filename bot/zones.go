package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/store"
)

// Learning members' zones from Slack (users.info, Tier 4: about 100 calls a
// minute) without ever holding up a reply behind the rate limit: a member's
// zone is fetched in the background, one fetch per member at a time (anyone
// who needs it shares the one in flight), retried with growing pauses when
// Slack fails or is busy. A reply waits for it at most once per member, and
// only when the zone matters to the answer (see ensureMember).

// Spacing of retries of a failed zone fetch: 2 s, 4 s, … up to 2 minutes,
// for at most zoneAttempts attempts (about 8 minutes in all).
const (
	zoneRetryFirst = 2 * time.Second
	zoneRetryMax   = 2 * time.Minute
	zoneAttempts   = 8
)

// zoneFetch is one member's fetch in flight.
type zoneFetch struct {
	first chan struct{} // closed when the first attempt has ended, either way
	done  chan struct{} // closed when the fetch has ended (learned, or given up)
}

type zoneFetcher struct {
	b      *Bot
	ctx    context.Context // ends at Close: fetches stop, their slots come back
	cancel context.CancelFunc

	mu       sync.Mutex
	inflight map[string]*zoneFetch
	waited   map[string]bool // members whose reply already waited once
}

func newZoneFetcher(b *Bot) *zoneFetcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &zoneFetcher{b: b, ctx: ctx, cancel: cancel, inflight: map[string]*zoneFetch{}, waited: map[string]bool{}}
}

// close stops every fetch (their goroutines are in the Bot's WaitGroup).
func (z *zoneFetcher) close() { z.cancel() }

// fetch starts learning user's name and zone, or joins the fetch already
// in flight for them.
func (z *zoneFetcher) fetch(user string) *zoneFetch {
	z.mu.Lock()
	defer z.mu.Unlock()
	if f, ok := z.inflight[user]; ok {
		return f
	}
	f := &zoneFetch{first: make(chan struct{}), done: make(chan struct{})}
	z.inflight[user] = f
	if !z.start(func() { z.run(user, f) }) { // shutting down: nobody should wait for it
		delete(z.inflight, user)
		close(f.first)
		close(f.done)
	}
	return f
}

// start runs fn on a goroutine that Close waits for, unless Close has begun.
func (z *zoneFetcher) start(fn func()) bool {
	z.b.mu.Lock()
	defer z.b.mu.Unlock()
	if z.b.stopped {
		return false
	}
	z.b.wg.Go(fn)
	return true
}

// firstWait reports whether user's reply may wait for their zone: the
// first time only.
func (z *zoneFetcher) firstWait(user string) bool {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.waited[user] {
		return false
	}
	z.waited[user] = true
	return true
}

func (z *zoneFetcher) run(user string, f *zoneFetch) {
	defer func() {
		z.mu.Lock()
		delete(z.inflight, user)
		z.mu.Unlock()
		close(f.done)
	}()
	firstDone := sync.OnceFunc(func() { close(f.first) })
	defer firstDone()
	wait := zoneRetryFirst
	for attempt := 1; ; attempt++ {
		err := z.learn(user)
		firstDone()
		if err == nil || z.ctx.Err() != nil {
			return
		}
		if permanent(err) || attempt >= zoneAttempts {
			z.b.log.Warn("gave up learning a member's zone; using UTC for them", "user", user, "attempts", attempt, "err", err)
			return
		}
		z.b.log.Warn("users.info failed; will try again", "user", user, "attempt", attempt, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-z.ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(2*wait, zoneRetryMax)
	}
}

// learn asks Slack once about user and records their name and zone,
// creating the member if their first turn has not yet.
func (z *zoneFetcher) learn(user string) error {
	u, err := z.b.userInfo(z.ctx, user)
	if err != nil {
		return err
	}
	// Slack's locale (users.info is asked with include_locale) is the
	// member's language until they choose one (see conversations/lang.go).
	p := store.Profile{Name: displayName(u), TZ: u.TZ, Locale: u.Locale}
	created, err := z.b.store.EnsureMember(z.ctx, store.Member{ID: user, Name: p.Name, TZ: p.TZ, Lang: p.Locale})
	if err == nil && !created {
		_, err = z.b.store.SetProfile(z.ctx, user, p)
	}
	return err
}

// permanent is an answer that another try will not change.
func permanent(err error) bool {
	var slackErr slack.SlackErrorResponse
	if errors.As(err, &slackErr) {
		switch slackErr.Err {
		case "user_not_found", "account_inactive", "invalid_auth", "token_revoked", "not_authed", "missing_scope":
			return true
		}
	}
	return errors.Is(err, store.ErrInvalid)
}

package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// refusal is an action a person may not take: why, for the log, and the
// kind words to tell them, picked from the catalogue in their language.
type refusal struct {
	why string
	say func(*conversations.Words) string
}

func (r refusal) Error() string { return "bot: refused: " + r.why }

// Who may do what. Every action from Slack that reads or changes someone
// else's data is checked here, before it touches the store:
//   - only an admin, or someone an admin allowed, creates a group: Cairn's
//     admins (Config.Admins, CAIRN_ADMINS, and `cairn admin add` on the
//     host), those allowed (`cairn admin allow`), and the workspace's owners
//     and admins as Slack says;
//   - only a group's facilitators change it;
//   - a group form is saved only for a channel (never a DM) that the person
//     submitting it is in, whatever its hidden fields say;
//   - a navigator acts only for members who said yes to them, in a group
//     both joined;
//   - a member sees and changes only their own data (their steps are
//     checked in ownStep).
var (
	refuseNotFacilitator = refusal{why: "not a facilitator of the group", say: func(w *conversations.Words) string { return w.ErrNotFacilitator }}
	refuseNotNavigator   = refusal{why: "not the member's navigator", say: func(w *conversations.Words) string { return w.ErrNotNavigator }}
	refuseNoGroupHere    = refusal{why: "no group in the channel", say: func(w *conversations.Words) string { return w.GroupNoneHere }}
	refuseNotAllowed     = refusal{why: "not allowed to create groups", say: func(w *conversations.Words) string { return w.ErrNotAllowed }}
	refuseNotAdmin       = refusal{why: "not a Cairn admin", say: func(w *conversations.Words) string { return w.ErrNotAdmin }}
	refuseNotInChannel   = refusal{why: "not in the form's channel", say: func(w *conversations.Words) string { return w.ErrNotInChannel }}
	refuseCheckFailed    = refusal{why: "the check could not be made", say: func(w *conversations.Words) string { return w.ErrCheckFailed }}
	refuseUnknown        = refusal{why: "unknown action", say: func(w *conversations.Words) string { return w.ErrCantDoThat }}
)

type action int

const (
	actEditGroup   action = iota // set up or change a group (nil: create one), assign navigators, cancel a session
	actSubmitGroup               // save the group form for the channel target
	actSeeRoster                 // see who is in a group
	actNudgeOther                // a navigator nudging a member
	actAllow                     // let someone create groups (an admin only)
)

// membersCheckBudget bounds the checks a form submission waits for: Slack
// wants its answer within 3 seconds.
const membersCheckBudget = 2 * time.Second

// authorize returns nil when actor may take act on group g (nil for a group
// not set up yet) or on target (a member, or the channel of a form), else a
// refusal. A check that cannot be made refuses.
func (b *Bot) authorize(ctx context.Context, actor string, act action, g *store.Group, target string) error {
	switch act {
	case actSubmitGroup:
		if !strings.HasPrefix(target, "C") && !strings.HasPrefix(target, "G") {
			return refuseNotInChannel
		}
		ctx, cancel := context.WithTimeout(ctx, membersCheckBudget)
		defer cancel()
		in, err := b.inChannel(ctx, actor, target)
		var slackErr slack.SlackErrorResponse
		if errors.As(err, &slackErr) && slackErr.Err == "channel_not_found" {
			return refuseNotInChannel // Cairn is not in it, or it does not exist
		}
		if err != nil {
			b.log.Warn("could not check a channel's members", "group", target, "user", actor, "err", err)
			return refuseCheckFailed
		}
		if !in {
			return refuseNotInChannel
		}
		return b.authorize(ctx, actor, actEditGroup, g, "")
	case actEditGroup:
		if g != nil {
			if slices.Contains(g.Facilitators, actor) {
				return nil
			}
			return refuseNotFacilitator
		}
		return b.mayCreate(ctx, actor, false)
	case actAllow:
		return b.mayCreate(ctx, actor, true)
	case actSeeRoster:
		if g == nil {
			return refuseNoGroupHere
		}
		if slices.Contains(g.Facilitators, actor) {
			return nil
		}
		return refuseNotFacilitator
	case actNudgeOther:
		if actor == "" {
			return refuseNotNavigator
		}
		groups, err := b.store.Groups(ctx)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(groups, func(g store.Group) bool { return g.NavigatorFor(target) == actor }) {
			return nil
		}
		return refuseNotNavigator
	}
	return refuseUnknown
}

// mayCreate is nil for an admin (and, unless adminOnly, for someone an
// admin allowed to create groups).
func (b *Bot) mayCreate(ctx context.Context, actor string, adminOnly bool) error {
	if slices.Contains(b.cfg.Admins, actor) {
		return nil
	}
	a, err := b.store.AdminOf(ctx, actor)
	switch {
	case err == nil && (a.Kind == store.KindAdmin || !adminOnly):
		return nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		b.log.Error("could not read Cairn's admins", "user", actor, "err", err)
		return refuseCheckFailed
	}
	ctx, cancel := context.WithTimeout(ctx, membersCheckBudget)
	defer cancel()
	u, err := b.userInfo(ctx, actor)
	if err != nil {
		b.log.Warn("could not ask Slack whether someone is an admin", "user", actor, "err", err)
		return refuseCheckFailed
	}
	if u.IsAdmin || u.IsOwner || u.IsPrimaryOwner {
		return nil
	}
	if adminOnly {
		return refuseNotAdmin
	}
	return refuseNotAllowed
}

// inChannel reports whether user is a member of channel, reading its
// members page by page.
func (b *Bot) inChannel(ctx context.Context, user, channel string) (bool, error) {
	cursor := ""
	for {
		var page []string
		err := b.call(ctx, "conversations.members", func(ctx context.Context) error {
			var err error
			page, cursor, err = b.api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: channel, Cursor: cursor, Limit: 1000})
			return err
		})
		if err != nil {
			return false, err
		}
		if slices.Contains(page, user) {
			return true, nil
		}
		if cursor == "" {
			return false, nil
		}
	}
}

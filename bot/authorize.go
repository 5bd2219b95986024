package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/cairnbot/cairn/store"
)

// refusal is an action a person may not take, with the kind words to say so.
type refusal struct{ message string }

func (r refusal) Error() string { return r.message }

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
const (
	sayNotFacilitator = "Only this group's facilitators can change it. If that should be you, ask one of them to add you."
	sayNotNavigator   = "That member isn't one of yours, so I can't nudge them. Their navigator can."
	sayNoGroupHere    = "There's no group set up in this channel yet. A facilitator can start one with `/cairn group setup`."
	sayNotAllowed     = "Only a Cairn admin, or someone an admin allowed, can start a group. If you'd like to, ask your Cairn admin to allow you."
	sayNotInChannel   = "A group lives in a channel you're in. Run `/cairn group setup` in the group's own channel and save the form from there."
	sayCheckFailed    = "I couldn't check that just now, so nothing was saved. Please try again in a minute."
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
			return refusal{sayNotInChannel}
		}
		ctx, cancel := context.WithTimeout(ctx, membersCheckBudget)
		defer cancel()
		in, err := b.inChannel(ctx, actor, target)
		var slackErr slack.SlackErrorResponse
		if errors.As(err, &slackErr) && slackErr.Err == "channel_not_found" {
			return refusal{sayNotInChannel} // Cairn is not in it, or it does not exist
		}
		if err != nil {
			b.log.Warn("could not check a channel's members", "group", target, "user", actor, "err", err)
			return refusal{sayCheckFailed}
		}
		if !in {
			return refusal{sayNotInChannel}
		}
		return b.authorize(ctx, actor, actEditGroup, g, "")
	case actEditGroup:
		if g != nil {
			if slices.Contains(g.Facilitators, actor) {
				return nil
			}
			return refusal{sayNotFacilitator}
		}
		return b.mayCreate(ctx, actor, false)
	case actAllow:
		return b.mayCreate(ctx, actor, true)
	case actSeeRoster:
		if g == nil {
			return refusal{sayNoGroupHere}
		}
		if slices.Contains(g.Facilitators, actor) {
			return nil
		}
		return refusal{sayNotFacilitator}
	case actNudgeOther:
		if actor == "" {
			return refusal{sayNotNavigator}
		}
		groups, err := b.store.Groups(ctx)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(groups, func(g store.Group) bool { return g.NavigatorFor(target) == actor }) {
			return nil
		}
		return refusal{sayNotNavigator}
	}
	return refusal{"I can't do that."}
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
		return refusal{sayCheckFailed}
	}
	ctx, cancel := context.WithTimeout(ctx, membersCheckBudget)
	defer cancel()
	u, err := b.userInfo(ctx, actor)
	if err != nil {
		b.log.Warn("could not ask Slack whether someone is an admin", "user", actor, "err", err)
		return refusal{sayCheckFailed}
	}
	if u.IsAdmin || u.IsOwner || u.IsPrimaryOwner {
		return nil
	}
	if adminOnly {
		return refusal{"Only a Cairn admin can do that."}
	}
	return refusal{sayNotAllowed}
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

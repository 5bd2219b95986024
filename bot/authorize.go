package bot

import (
	"context"
	"errors"
	"slices"

	"github.com/cairnbot/cairn/store"
)

// refusal is an action a person may not take, with the kind words to say so.
type refusal struct{ message string }

func (r refusal) Error() string { return r.message }

// Who may do what. Every action from Slack that reads or changes someone
// else's data is checked here, before it touches the store:
//   - only a group's facilitators change it (anyone may set up a group that
//     does not exist yet, and becomes its first facilitator);
//   - a navigator acts only for the members assigned to them;
//   - a member sees and changes only their own data (their steps are
//     checked in ownStep).
const (
	sayNotFacilitator = "Only this group's facilitators can change it. If that should be you, ask one of them to add you."
	sayNotNavigator   = "That member isn't one of yours, so I can't nudge them. Their navigator can."
	sayNoGroupHere    = "There's no group set up in this channel yet. A facilitator can start one with `/cairn group setup`."
)

type action int

const (
	actEditGroup  action = iota // set up or change a group, assign navigators, cancel a session
	actSeeRoster                // see who is in a group
	actNudgeOther               // a navigator nudging a member
)

// authorize returns nil when actor may take act on group g (nil for a group
// not set up yet) or on the member target, else a refusal.
func (b *Bot) authorize(ctx context.Context, actor string, act action, g *store.Group, target string) error {
	switch act {
	case actEditGroup:
		if g == nil || slices.Contains(g.Facilitators, actor) {
			return nil
		}
		return refusal{sayNotFacilitator}
	case actSeeRoster:
		if g == nil {
			return refusal{sayNoGroupHere}
		}
		if slices.Contains(g.Facilitators, actor) {
			return nil
		}
		return refusal{sayNotFacilitator}
	case actNudgeOther:
		m, err := b.store.Member(ctx, target)
		if errors.Is(err, store.ErrNotFound) {
			return refusal{sayNotNavigator}
		}
		if err != nil {
			return err
		}
		if m.NavigatorID != actor || actor == "" {
			return refusal{sayNotNavigator}
		}
		return nil
	}
	return refusal{"I can't do that."}
}

package scheduler

import (
	"errors"
	"fmt"
	"testing"
)

func TestSlackCode(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("chat.postMessage: %w: account_inactive", ErrUnreachable), "account_inactive"},
		{fmt.Errorf("%w (slack: user_not_found)", ErrUnreachable), "user_not_found"},
		{fmt.Errorf("conversations.open U1: is_archived: %w", ErrUnreachable), "is_archived"},
		{fmt.Errorf("post: some_new_code: %w", ErrUnreachable), "some_new_code"},
		{ErrUnreachable, "refused"},
		{errors.New("Slack said no"), "refused"},
	} {
		if got := slackCode(tt.err); got != tt.want {
			t.Errorf("slackCode(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

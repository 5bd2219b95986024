package store

import (
	"context"
	"fmt"
	"time"
)

// Whether a person can be reached on Slack.
//
// When Slack refuses a message for good (the account is deactivated, the
// user is gone), the scheduler records it on the member and stops sending
// to them; when they write to Cairn again, the bot clears it. Each change
// is one transaction that touches only these two fields, so it can never
// undo a pause, a navigator or a zone saved at the same time.

// MarkUnreachable records that Slack refused to deliver to the member, with
// Slack's reason, at at (Now if zero). An unknown member is ErrNotFound.
func (s *Store) MarkUnreachable(ctx context.Context, memberID, reason string, at time.Time) error {
	if reason == "" {
		return fmt.Errorf("store: mark member %s unreachable: %w: no reason", memberID, ErrInvalid)
	}
	at = orNow(at, s.now()).UTC()
	err := s.changeMember(ctx, memberID, func(m *Member) bool {
		if m.Unreachable == reason {
			return false // keep the first time it was seen
		}
		m.Unreachable, m.UnreachableAt = reason, at
		return true
	})
	if err != nil {
		return fmt.Errorf("store: mark member %s unreachable: %w", memberID, err)
	}
	return nil
}

// ClearUnreachable records that the member can be reached again (they wrote
// to Cairn). Clearing a reachable member changes nothing. An unknown member
// is ErrNotFound.
func (s *Store) ClearUnreachable(ctx context.Context, memberID string) error {
	err := s.changeMember(ctx, memberID, func(m *Member) bool {
		if m.Unreachable == "" && m.UnreachableAt.IsZero() {
			return false
		}
		m.Unreachable, m.UnreachableAt = "", time.Time{}
		return true
	})
	if err != nil {
		return fmt.Errorf("store: clear member %s unreachable: %w", memberID, err)
	}
	return nil
}

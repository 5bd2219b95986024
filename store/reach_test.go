package store_test

import (
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

func TestStore_Unreachable(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	m := store.Member{ID: "U1", Name: "Ana", TZ: "Europe/Berlin", NavigatorID: "UNAV", DMChannel: "D1", PausedUntil: day(7, 1)}
	must(t, s.SaveMember(ctx, m))
	m.V, m.CreatedAt = 1, t0
	at := t0.Add(time.Hour)

	t.Run("OK", func(t *testing.T) {
		must(t, s.MarkUnreachable(ctx, "U1", "account_inactive", at))
		// A pause saved meanwhile is kept, and kept by the next mark too.
		must(t, s.SetPaused(ctx, "U1", day(8, 1)))
		must(t, s.MarkUnreachable(ctx, "U1", "account_inactive", at.Add(time.Hour)))
		got, err := s.Member(ctx, "U1")
		must(t, err)
		want := m
		want.PausedUntil, want.Unreachable, want.UnreachableAt = day(8, 1), "account_inactive", at
		mustEqual(t, "unreachable (first time kept)", got, want)

		must(t, s.ClearUnreachable(ctx, "U1"))
		must(t, s.ClearUnreachable(ctx, "U1"))
		got, err = s.Member(ctx, "U1")
		must(t, err)
		want.Unreachable, want.UnreachableAt = "", time.Time{}
		mustEqual(t, "reachable again", got, want)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		mustIs(t, s.MarkUnreachable(ctx, "nobody", "user_not_found", at), store.ErrNotFound)
		mustIs(t, s.ClearUnreachable(ctx, "nobody"), store.ErrNotFound)
		_, err := s.Member(ctx, "nobody")
		mustIs(t, err, store.ErrNotFound)
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		mustIs(t, s.MarkUnreachable(ctx, "U1", "", at), store.ErrInvalid)
		mustIs(t, s.MarkUnreachable(ctx, "", "user_not_found", at), store.ErrInvalid)
	})
}

package store_test

import (
	"context"
	"testing"

	"github.com/cairnbot/cairn/store"
)

// Slack's locale becomes a member's language only until they choose one
// (or were asked about one): a choice is never overridden.
func TestStore_SetProfileLocale(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		stored, locale, want string
	}{
		{"", "es-MX", "es-MX"},
		{"en-US", "es-MX", "es-MX"}, // Slack's own earlier answer
		{"es_419", "en-US", "en-US"},
		{"es", "en-US", "es"},                 // the member chose Spanish
		{"en", "es-MX", "en"},                 // the member chose English
		{"es-x-asked", "en-US", "es-x-asked"}, // guessed from their words and asked
		{"es", "", "es"},
	} {
		s := MustOpen(t)
		if err := s.SaveMember(ctx, store.Member{ID: "U1", Lang: tc.stored}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetProfile(ctx, "U1", store.Profile{Locale: tc.locale}); err != nil {
			t.Fatal(err)
		}
		m, err := s.Member(ctx, "U1")
		if err != nil {
			t.Fatal(err)
		}
		if m.Lang != tc.want {
			t.Errorf("stored %q, Slack says %q: Lang = %q, want %q", tc.stored, tc.locale, m.Lang, tc.want)
		}
	}
}

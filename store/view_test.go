package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/cairnbot/cairn/store"
)

// The member's view holds their latest check-ins, newest first, read in
// the same transaction as the rest; another member's never slip in.
func TestStore_MemberViewRecentCheckIns(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := MustOpen(t)
	hour := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

	v, err := s.MemberView(ctx, "A")
	must(t, err)
	if len(v.CheckIns) != 0 || v.LastCheckIn != nil {
		t.Fatalf("no check-ins yet: %+v", v.CheckIns)
	}
	for _, h := range []int{3, 0, 6, 4, 1, 5, 2} {
		_, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: "A", SessionAt: hour(h), Did: fmt.Sprint(h)})
		must(t, err)
	}
	for _, h := range []int{-1, 9} { // "AB" shares A's prefix
		_, err := s.SaveCheckIn(ctx, store.CheckIn{MemberID: "AB", SessionAt: hour(h), Did: "ab"})
		must(t, err)
	}
	v, err = s.MemberView(ctx, "A")
	must(t, err)
	var got []string
	for _, c := range v.CheckIns {
		got = append(got, c.Did)
	}
	if want := []string{"6", "5", "4", "3", "2"}; !slices.Equal(got, want) {
		t.Errorf("recent check-ins %v, want %v", got, want)
	}
	if v.LastCheckIn == nil || v.LastCheckIn.Did != "6" {
		t.Errorf("last check-in %+v, want the one at hour 6", v.LastCheckIn)
	}
	v, err = s.MemberView(ctx, "AB")
	must(t, err)
	if len(v.CheckIns) != 2 || v.CheckIns[0].Did != "ab" {
		t.Errorf("AB's check-ins %+v", v.CheckIns)
	}
}

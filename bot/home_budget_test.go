package bot

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestFacilitatorBlocks_NeverCutInSilence: whatever room a group is given,
// it stays within it, and every member is either listed or counted in "and
// N more — see the digest"; several groups share the room, and a group
// that gets none is counted too.
func TestFacilitatorBlocks_NeverCutInSilence(t *testing.T) {
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, time.UTC)
	w := conversations.WordsFor(conversations.English)
	bigGroup := func(id string, n int) facGroup {
		fg := facGroup{g: store.Group{ID: id, Name: "Group " + id}}
		for i := range n {
			mid := fmt.Sprintf("U%s%03d", id, i)
			fg.g.Members = append(fg.g.Members, mid)
			fg.rosters = append(fg.rosters, store.Roster{ID: mid, Member: store.Member{ID: mid, Name: fmt.Sprintf("Person %s-%02d", id, i)}})
		}
		return fg
	}
	more := regexp.MustCompile(`…and (\d+) more — see the digest`)
	for _, budget := range []int{6, 7, 8, 9, 20, 99} {
		t.Run(strconv.Itoa(budget), func(t *testing.T) {
			blocks, seen := facilitatorBlocks(w, conversations.English, []facGroup{bigGroup("A", 60)}, nil, now, budget)
			if len(blocks) > budget {
				t.Fatalf("%d blocks in a room of %d", len(blocks), budget)
			}
			b, _ := json.Marshal(blocks)
			got := string(b)
			listed := strings.Count(got, "*Person A-")
			counted := 0
			if m := more.FindStringSubmatch(got); m != nil {
				counted, _ = strconv.Atoi(m[1])
			}
			if listed+counted != 60 || listed != len(seen) {
				t.Errorf("listed %d, counted %d, audited %d: want 60 in all, each listed one audited", listed, counted, len(seen))
			}
		})
	}
	t.Run("ThreeGroupsInTwelveBlocks", func(t *testing.T) {
		blocks, _ := facilitatorBlocks(w, conversations.English, []facGroup{bigGroup("A", 60), bigGroup("B", 60), bigGroup("C", 60)}, nil, now, 12)
		if len(blocks) > 12 {
			t.Fatalf("%d blocks in a room of 12", len(blocks))
		}
		b, _ := json.Marshal(blocks)
		if !strings.Contains(string(b), "Groups not shown here: 1") {
			t.Errorf("groups left out are not counted: %s", b)
		}
	})
}

// TestFairShares: each goal gets an equal share of the steps shown, and a
// goal with few steps leaves the rest to the others.
func TestFairShares(t *testing.T) {
	for _, c := range []struct {
		lens []int
		n    int
		want string
	}{
		{[]int{3, 4}, 40, "[3 4]"},
		{[]int{30, 30, 30}, 40, "[14 13 13]"},
		{[]int{2, 50, 50}, 12, "[2 5 5]"},
		{[]int{0, 50}, 12, "[0 12]"},
		{nil, 10, "[]"},
	} {
		if got := fmt.Sprint(fairShares(c.lens, c.n)); got != c.want {
			t.Errorf("fairShares(%v, %d) = %s, want %s", c.lens, c.n, got, c.want)
		}
	}
}

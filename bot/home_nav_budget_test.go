package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/scheduler"
	"github.com/cairnbot/cairn/store"
)

// TestNavigatorBlocks_NeverCutInSilence: whatever room the navigator's
// part is given, it stays within it, and each member is either shown (and
// returned for the audit log) or counted in "and N more — see your morning
// list".
func TestNavigatorBlocks_NeverCutInSilence(t *testing.T) {
	w := conversations.WordsFor(conversations.English)
	more := regexp.MustCompile(`…and (\d+) more — see your morning list\.`)
	g := store.Group{ID: "C1"}
	var navs []scheduler.NavMember
	for i := range 30 {
		n := scheduler.NavMember{Member: store.Member{ID: fmt.Sprintf("U%02dL", i), Name: fmt.Sprintf("Loud %02d", i)}, Groups: []store.Group{g}}
		switch i % 3 {
		case 0: // late, with a button
			n.Notes, n.Late = []string{"a step was due"}, true
			n.Nudge = &conversations.Choice{Label: "Nudge", Value: scheduler.NudgePrefix + n.Member.ID}
		case 1: // unreachable, no button
			n.Member.Unreachable = "account_inactive"
		case 2: // away
			n.Notes, n.Away = []string{"away until"}, true
		}
		navs = append(navs, n)
	}
	for i := range 12 {
		navs = append(navs, scheduler.NavMember{Member: store.Member{ID: fmt.Sprintf("U%02dQ", i), Name: fmt.Sprintf("Quiet %02d", i)}, Groups: []store.Group{g}})
	}
	for budget := navMinBlock; budget <= 120; budget++ {
		blocks, seen := navigatorBlocks(w, navs, budget)
		if len(blocks) > budget {
			t.Errorf("budget %d: %d blocks", budget, len(blocks))
		}
		text := blocksJSON(t, blocks)
		counted := 0
		if m := more.FindStringSubmatch(text); m != nil {
			counted, _ = strconv.Atoi(m[1])
		}
		if len(seen)+counted != len(navs) {
			t.Errorf("budget %d: %d shown and %d counted of %d", budget, len(seen), counted, len(navs))
		}
		for _, n := range seen {
			if !strings.Contains(text, n.Member.Name) {
				t.Errorf("budget %d: %s is returned as shown but is not in the blocks", budget, n.Member.Name)
			}
		}
		if budget >= 2+10*2+10+10+1 && counted != 0 {
			t.Errorf("budget %d: everyone fits, yet %d are counted", budget, counted)
		}
	}
	// The late come before the unreachable, the unreachable before the away.
	blocks, _ := navigatorBlocks(w, navs, 100)
	text := blocksJSON(t, blocks)
	if strings.Index(text, "Loud 27") > strings.Index(text, "Loud 01") || strings.Index(text, "Loud 28") > strings.Index(text, "Loud 02") {
		t.Errorf("not most needed first:\n%s", text)
	}
}

// TestSplitHome: the navigator's part and the groups' share the room;
// each gets all it needs when both fit, at least half otherwise.
func TestSplitHome(t *testing.T) {
	for _, c := range []struct{ room, navFull, facFull, nav, fac int }{
		{80, 20, 30, 20, 60},
		{80, 70, 8, 70, 10},
		{80, 75, 8, 72, 8},
		{80, 10, 90, 10, 70},
		{80, 70, 70, 40, 40},
		{13, 70, 70, 6, 7},
	} {
		nav, fac := splitHome(c.room, c.navFull, c.facFull)
		if nav != c.nav || fac != c.fac {
			t.Errorf("splitHome(%d, %d, %d) = %d, %d; want %d, %d", c.room, c.navFull, c.facFull, nav, fac, c.nav, c.fac)
		}
		if nav+fac > c.room {
			t.Errorf("splitHome(%d, %d, %d) gives %d blocks", c.room, c.navFull, c.facFull, nav+fac)
		}
	}
}

// BenchmarkNavigatorHome builds the App Home of a navigator whom all 50
// members of a group with a year of weekly sessions said yes to (seedYear:
// each member has 52 steps and 52 check-ins), on a real bbolt file: what
// refreshHome does before the publish.
func BenchmarkNavigatorHome(b *testing.B) {
	chicago, _ := time.LoadLocation("America/Chicago")
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	st, err := store.Open(filepath.Join(b.TempDir(), "cairn.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	st.Now = func() time.Time { return now }
	seedYear(b, st, now, 50)
	ctx := context.Background()
	const nav = "UNAV"
	if err := st.SaveMember(ctx, store.Member{ID: nav, Name: "Nora", TZ: "America/Chicago"}); err != nil {
		b.Fatal(err)
	}
	g, err := st.Group(ctx, "C1")
	if err != nil {
		b.Fatal(err)
	}
	g.Navigators = []string{nav}
	g.NavigatorOf = map[string]string{}
	for _, m := range g.Members {
		g.NavigatorOf[m] = nav
	}
	if err := st.SaveGroup(ctx, g); err != nil {
		b.Fatal(err)
	}
	bt, _ := benchHomeBot(b, st, now)
	for b.Loop() {
		view, err := st.MemberView(ctx, nav)
		if err != nil {
			b.Fatal(err)
		}
		groups, err := st.Groups(ctx)
		if err != nil {
			b.Fatal(err)
		}
		home, err := bt.homeFor(ctx, nav, view, groups, scheduler.NextSession(groups, nav, now), now)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(home.Blocks.BlockSet); n > homeBlockMax || n < 5 {
			b.Fatalf("%d blocks", n)
		}
	}
}

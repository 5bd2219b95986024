package bot_test

import (
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
)

// TestSlash_HelpForFacilitators: /cairn help lists recap, export and
// progress, in a short layout, to those who facilitate a group, in their
// language; members see only the member commands, in theirs.
func TestSlash_HelpForFacilitators(t *testing.T) {
	w := newRecapWorld(t)
	facilitatorOnly := []string{"/cairn recap", "/cairn export", "/cairn group setup", "/cairn templates"}
	for _, tc := range []struct {
		who, say, want string
		facilitates    bool
	}{
		{"UFAC", "help", en.SlashHelpFacilitator, true},
		{"UFLOR", "ayuda", es.SlashHelpFacilitator, true},
		{"UBEN", "help", en.SlashHelp, false},
		{"UANA", "ayuda", es.SlashHelp, false},
	} {
		// In a DM and in the group's channel alike.
		for _, where := range []string{fakeslack.DMChannel(tc.who), recapGroup} {
			got := w.slash(tc.who, where, tc.say)
			if got != tc.want {
				t.Errorf("%s's /cairn %s in %s = %q, want %q", tc.who, tc.say, where, got, tc.want)
			}
			for _, cmd := range facilitatorOnly {
				if strings.Contains(got, cmd) != tc.facilitates {
					t.Errorf("%s's help: has %q = %v", tc.who, cmd, !tc.facilitates)
				}
			}
		}
		if !tc.facilitates {
			continue
		}
		if n := strings.Count(tc.want, "\n") + 1; n > 10 {
			t.Errorf("%s's help is %d lines: not short", tc.who, n)
		}
		goal := "`/cairn goal`"
		if tc.want == es.SlashHelpFacilitator {
			goal = "`/cairn meta`" // the Spanish help teaches the Spanish commands
		}
		for _, cmd := range []string{"/cairn progress", goal, "988"} {
			if !strings.Contains(tc.want, cmd) {
				t.Errorf("%s's help lacks %q", tc.who, cmd)
			}
		}
	}
	// A command Cairn does not know answers with the reader's help too.
	if got := w.slash("UFAC", recapGroup, "dance"); !strings.HasSuffix(got, en.SlashHelpFacilitator) {
		t.Errorf("an unknown command to a facilitator = %q", got)
	}
	if got := w.slash("UBEN", recapGroup, "dance"); !strings.HasSuffix(got, en.SlashHelp) {
		t.Errorf("an unknown command to a member = %q", got)
	}
}

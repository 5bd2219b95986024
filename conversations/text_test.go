package conversations

import (
	"strings"
	"testing"
)

func TestInert(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"went to a meeting", "went to a meeting"},
		{"*loud*", "∗loud∗"},
		{"_slanted_", "ˍslantedˍ"},
		{"~gone~", "∼gone∼"},
		{"`code`", "ˋcodeˋ"},
		{"```a block```", "ˋˋˋa blockˋˋˋ"},
		{"*_~`all at once`~_*", "∗ˍ∼ˋall at onceˋ∼ˍ∗"},
		{"5 * 3 = 15", "5 ∗ 3 = 15"},
		{"my_new_job", "myˍnewˍjob"},
		{"~2 weeks", "∼2 weeks"},
		{"*lonely", "∗lonely"},
		{"line one\n*line two*", "line one\n∗line two∗"},
		// Markup is esc's job in the bot: Inert leaves it for that.
		{"<!channel> & <@U123>", "<!channel> & <@U123>"},
		// Look-alikes already there stay as they are (Inert is idempotent).
		{"∗ˍ∼ˋ", "∗ˍ∼ˋ"},
		{"Olé, mañana 👨‍👩‍👧 ❤️", "Olé, mañana 👨‍👩‍👧 ❤️"},
	} {
		got := Inert(tt.in)
		if got != tt.want {
			t.Errorf("Inert(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Inert(got); again != got {
			t.Errorf("Inert is not idempotent on %q: %q", got, again)
		}
		if strings.ContainsAny(got, "*_~`") {
			t.Errorf("Inert(%q) = %q still has a formatting character", tt.in, got)
		}
	}
}

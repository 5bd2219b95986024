package conversations

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cairnbot/cairn/store"
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

func TestSanitize(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"plain", "Call the job center", "Call the job center"},
		{"newline and tab kept", "one\ntwo\tthree", "one\ntwo\tthree"},
		{"NUL", "a\x00b", "ab"},
		{"bell and escape", "ding\x07 \x1b[31mred\x1b[0m", "ding [31mred[0m"},
		{"DEL", "a\x7fb", "ab"},
		{"C1 control", "a\u0085b\u009bc", "a\nbc"},
		{"CRLF is one newline", "one\r\ntwo", "one\ntwo"},
		{"lone CR is a newline", "one\rtwo", "one\ntwo"},
		{"vertical tab and form feed keep words apart", "went\vhome\fearly", "went home early"},
		{"right-to-left override", "Run a 5k \u202Eenuj yb\u202C", "Run a 5k enuj yb"},
		{"every bidi embedding and override", "\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee", "abcde"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"bidi marks", "\u200Eleft\u200Fright\u061C", "leftright"},
		{"zero-width space", "pass\u200Bword", "password"},
		{"word joiner and BOM", "\uFEFFhello\u2060world", "helloworld"},
		{"ZWNJ between Latin letters", "ad\u200Cmin", "admin"},
		{"ZWJ between Latin letters", "ad\u200Dmin", "admin"},
		{"ZWJ alone", "\u200D", ""},
		{"ZWJ after emoji, before a letter", "🎉\u200Dyay", "🎉yay"},
		{"ZWJ before emoji, after a letter", "yay\u200D🎉", "yay🎉"},
		{"two ZWJs between emoji are one", "👨\u200D\u200D👩", "👨\u200D👩"},
		{"family emoji", "👨\u200D👩\u200D👧", "👨\u200D👩\u200D👧"},
		{"rainbow flag (VS16 before ZWJ)", "🏳\uFE0F\u200D🌈", "🏳\uFE0F\u200D🌈"},
		{"skin tone before ZWJ", "👩🏽\u200D💻", "👩🏽\u200D💻"},
		{"heart on fire", "❤\uFE0F\u200D🔥", "❤\uFE0F\u200D🔥"},
		{"woman running (gender sign)", "🏃\u200D♀\uFE0F", "🏃\u200D♀\uFE0F"},
		{"heart with VS16", "I ❤️ this", "I ❤️ this"},
		{"keycap", "1️⃣ step", "1️⃣ step"},
		{"Scotland flag tags kept", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"},
		{"tags hiding text removed", "hi\U000E0069\U000E0067\U000E006E", "hi"},
		{"accents precomposed", "Olé, mañana, São Paulo, Zürich", "Olé, mañana, São Paulo, Zürich"},
		{"accents combining", "Ole\u0301 man\u0303ana", "Ole\u0301 man\u0303ana"},
		{"Persian keeps its ZWNJ", "می\u200Cخواهم", "می\u200Cخواهم"},
		{"Hindi keeps its ZWJ", "क्\u200Dष", "क्\u200Dष"},
		{"CJK", "毎日歩く", "毎日歩く"},
		{"invalid UTF-8 dropped", "ok\xff\xfe!", "ok!"},
		{"markup is left to the Slack adapter", "<!channel> *hi*", "<!channel> *hi*"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzSanitize: whatever arrives, what is left is valid UTF-8, no longer
// than what came, unchanged by a second pass, and free of every removed
// character (a joiner or tag stays only where it builds an emoji or a
// word of a script that needs it).
func FuzzSanitize(f *testing.F) {
	for _, seed := range []string{"", "hello", "a\x00b\r\nc", "\u202Eevil\u202C", "👨\u200D👩\u200D👧", "🏳\uFE0F\u200D🌈",
		"می\u200Cخواهم", "\u200D\u200D", "🏴\U000E0067\U000E007F", "x\U000E0067", "\xff", "Ole\u0301", "a\u200B\u200Db"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q: not valid UTF-8", in, out)
		}
		if len(out) > len(in) {
			t.Fatalf("Sanitize(%q) = %q: longer than its input", in, out)
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("Sanitize is not idempotent: %q → %q → %q", in, out, again)
		}
		runes := []rune(out)
		for i, r := range runes {
			prev, next := rune(-1), rune(-1)
			if i > 0 {
				prev = runes[i-1]
			}
			if i+1 < len(runes) {
				next = runes[i+1]
			}
			switch {
			case r == '\n' || r == '\t':
			case unicode.IsControl(r):
				t.Fatalf("Sanitize(%q) = %q keeps control %U", in, out, r)
			case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C,
				r == 0x200B, r == 0x2060, r == 0xFEFF:
				t.Fatalf("Sanitize(%q) = %q keeps %U", in, out, r)
			case r == zwj && !(emojiBeforeJoiner(prev) && emoji(next)) && !(joiningScript(prev) && joiningScript(next)):
				t.Fatalf("Sanitize(%q) = %q keeps a ZWJ that joins nothing, at %d", in, out, i)
			case r == zwnj && !(joiningScript(prev) && joiningScript(next)):
				t.Fatalf("Sanitize(%q) = %q keeps a ZWNJ that joins nothing, at %d", in, out, i)
			case tag(r) && prev != 0x1F3F4 && !tag(prev):
				t.Fatalf("Sanitize(%q) = %q keeps a tag outside a flag, at %d", in, out, i)
			}
		}
	})
}

// TestRunner_InputSanitizedOnArrival: what a member types is cleaned where
// it enters a turn (Slack and cairn try alike), so what is stored is clean,
// and the summary that quotes it back reads as they meant it.
func TestRunner_InputSanitizedOnArrival(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("consistency check: %v", err)
		}
		st.Close()
	})
	chicago, _ := time.LoadLocation("America/Chicago")
	now := time.Date(2026, 6, 10, 10, 0, 0, 0, chicago)
	r := &Runner{Store: st, DefaultTZ: chicago}
	var last string
	for _, text := range []string{"goal",
		"\u202EA cabin by a lake\u202C", "Waking up calm",
		"Finish a \u2066birdhouse\u2069\u200B by July\x00", "8",
		"It\vcalms me \U0001F642", "my sister 👩\u200D👧 and Zoë\uFEFF",
		"Buy pine\u200D boards\r\n", "Friday", "me", "that's all for now", "skip"} {
		replies, err := r.Handle(context.Background(), "U1", Input{Text: text}, now)
		if err != nil {
			t.Fatalf("turn %q: %v", text, err)
		}
		last = replies[len(replies)-1].Text
	}
	for _, want := range []string{"Goal: Finish a birdhouse by July\n", "Why it matters: It calms me 🙂\n",
		"Support: my sister 👩\u200D👧 and Zoë\n", "Buy pine boards — you, by"} {
		if !strings.Contains(last, want) {
			t.Errorf("the summary lacks %q:\n%s", want, last)
		}
	}
	if _, err := r.Handle(context.Background(), "U1", Input{Text: "save it"}, now); err != nil {
		t.Fatal(err)
	}
	view, err := st.MemberView(context.Background(), "U1")
	if err != nil || len(view.Goals) != 1 || len(view.Goals[0].Steps) != 1 {
		t.Fatalf("saved %+v, %v", view.Goals, err)
	}
	g := view.Goals[0]
	if g.Goal.Text != "Finish a birdhouse by July" || g.Goal.Why != "It calms me 🙂" || g.Steps[0].What != "Buy pine boards" {
		t.Errorf("stored goal %q, why %q, step %q: not as typed without the hidden characters", g.Goal.Text, g.Goal.Why, g.Steps[0].What)
	}
}

// TestClip: the one truncation helper cuts at runes (an emoji whole), ends
// with "…" only when it cut, and leaves no space before it.
func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"call the housing authority", 10, "call the…"},
		{"🪨🪨🪨🪨", 3, "🪨🪨…"},
		{"añádelo", 4, "añá…"},
		{"anything", 0, ""},
	} {
		if got := Clip(tc.in, tc.n); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

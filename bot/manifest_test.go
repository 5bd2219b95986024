package bot_test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/cairnbot/cairn/bot"
)

// TestManifest checks manifest.yml against Slack's own manifest schema (a
// copy in testdata/, under Slack's MIT licence beside it) and against the
// scopes and events the code uses.
func TestManifest(t *testing.T) {
	raw, err := os.ReadFile("../manifest.yml")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("manifest.yml is not YAML: %v", err)
	}
	// Round-trip through JSON so the validator sees JSON types.
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	schemaPath := "testdata/manifest.schema.1.0.0.json"
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(lenientRegexp)
	sch, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("manifest.yml does not match Slack's schema:\n%v", err)
	}

	var m struct {
		Features struct {
			AppHome struct {
				Home     bool `json:"home_tab_enabled"`
				Messages bool `json:"messages_tab_enabled"`
			} `json:"app_home"`
			Slash []struct {
				Command string `json:"command"`
			} `json:"slash_commands"`
		} `json:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `json:"bot"`
			} `json:"scopes"`
		} `json:"oauth_config"`
		Settings struct {
			Events struct {
				Bot []string `json:"bot_events"`
			} `json:"event_subscriptions"`
			Interactivity struct {
				Enabled bool `json:"is_enabled"`
			} `json:"interactivity"`
			SocketMode bool `json:"socket_mode_enabled"`
		} `json:"settings"`
	}
	if err := json.Unmarshal(js, &m); err != nil {
		t.Fatal(err)
	}
	if got, want := sorted(m.OAuth.Scopes.Bot), keys(bot.BotScopes); !slices.Equal(got, want) {
		t.Errorf("bot scopes = %v, the code uses %v", got, want)
	}
	if got, want := sorted(m.Settings.Events.Bot), keys(bot.BotEvents); !slices.Equal(got, want) {
		t.Errorf("bot events = %v, the code handles %v", got, want)
	}
	if !m.Features.AppHome.Home || !m.Features.AppHome.Messages || !m.Settings.Interactivity.Enabled || !m.Settings.SocketMode {
		t.Errorf("App Home (with Messages tab), interactivity and Socket Mode must be on: %+v %+v", m.Features.AppHome, m.Settings)
	}
	if len(m.Features.Slash) != 1 || m.Features.Slash[0].Command != "/cairn" {
		t.Errorf("slash commands = %+v, want /cairn", m.Features.Slash)
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func keys(m map[string]string) []string {
	var k []string
	for key := range m {
		k = append(k, key)
	}
	slices.Sort(k)
	return k
}

// lenientRegexp compiles a schema pattern with Go's regexp. Slack's schema
// uses lookaheads (only for unfurl and outgoing domains, which Cairn's
// manifest does not have) that Go's RE2 cannot express; those patterns match
// anything rather than fail the whole schema.
func lenientRegexp(pattern string) (jsonschema.Regexp, error) {
	if re, err := regexp.Compile(pattern); err == nil {
		return re, nil
	}
	return anything(pattern), nil
}

type anything string

func (a anything) String() string          { return string(a) }
func (a anything) MatchString(string) bool { return true }

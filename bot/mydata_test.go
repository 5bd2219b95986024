package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/cairnbot/cairn/internal/fakeslack"
	"github.com/cairnbot/cairn/store"
)

const other = "U0OTHER"

// seed gives the member and another person a goal each (with a step and a
// check-in), and a group they are both in.
func (h *harness) seed(memberText, otherText string) {
	h.t.Helper()
	ctx := context.Background()
	for id, text := range map[string]string{member: memberText, other: otherText} {
		_, err := h.st.ApplyTurn(ctx, store.Turn{MemberID: id, Member: &store.Member{ID: id, Name: id, TZ: "America/Chicago"},
			Goal:     &store.Goal{Text: text + " goal", Status: store.GoalActive},
			NewSteps: []store.Step{{What: text + " step"}},
			CheckIn:  &store.CheckIn{SessionAt: june10, Did: text + " answer"}})
		if err != nil {
			h.t.Fatal(err)
		}
	}
	err := h.st.SaveGroup(ctx, store.Group{ID: "C0GROUP", Name: "Tuesday group", Members: []string{member, other}, Navigators: []string{other}})
	if err != nil {
		h.t.Fatal(err)
	}
}

// uploaded waits for the n-th file shared and returns it.
func (h *harness) uploaded(n int) fakeslack.File {
	h.t.Helper()
	if _, err := h.fake.WaitForCalls(h.ctx(), "files.completeUploadExternal", n); err != nil {
		h.t.Fatalf("no file shared: %v; logs:\n%s", err, h.logs)
	}
	files := h.fake.Files()
	return files[n-1]
}

func TestDM_MyData(t *testing.T) {
	h := newHarness(t)
	h.seed("kingfisher", "albatross")
	h.dm("my data")
	summary := h.expect("everything I hold about you")
	for _, want := range []string{"kingfisher goal", "1 check-in", "Tuesday group"} {
		if !strings.Contains(summary.Params["text"]+summary.Params["blocks"], want) {
			t.Errorf("summary lacks %q: %s", want, summary.Params["text"])
		}
	}
	f := h.uploaded(1)
	if f.Channel != fakeslack.DMChannel(member) || !f.Shared || !strings.HasSuffix(f.Name, ".json") {
		t.Fatalf("file %+v", f)
	}
	var got store.Export
	if err := json.Unmarshal(f.Content, &got); err != nil {
		t.Fatalf("the uploaded file is not JSON: %v\n%s", err, f.Content)
	}
	if got.MemberID != member || len(got.Goals) != 1 || got.Goals[0].Text != "kingfisher goal" || len(got.CheckIns) != 1 {
		t.Errorf("export %+v", got)
	}
	for _, want := range []string{"kingfisher goal", "kingfisher step", "kingfisher answer"} {
		if !bytes.Contains(f.Content, []byte(want)) {
			t.Errorf("file lacks %q", want)
		}
	}
	for _, notWant := range []string{"albatross", other} {
		if bytes.Contains(f.Content, []byte(notWant)) {
			t.Errorf("file holds someone else's data (%q):\n%s", notWant, f.Content)
		}
	}
	assertNoMessageTextInLogs(t, h.logs.String(), "kingfisher")
}

// TestDM_MyDataInAFlow: "my data" in the middle of setting a goal sends
// the file and asks the same question again; the flow goes on.
func TestDM_MyDataInAFlow(t *testing.T) {
	h := newHarness(t)
	h.dm("goal")
	h.expect("won the lottery")
	h.dm("A small boat")
	h.expect("being happy")
	before, err := h.st.Conversation(context.Background(), member)
	if err != nil {
		t.Fatal(err)
	}
	h.dm("my data")
	h.expect("everything I hold about you")
	h.uploaded(1)
	h.expect("being happy") // the question again, after the file
	after, err := h.st.Conversation(context.Background(), member)
	if err != nil || string(after.State) != string(before.State) {
		t.Fatalf("the flow changed: %s → %s (%v)", before.State, after.State, err)
	}
	h.dm("Sailing with friends")
	h.expect("one goal")
}

func TestSlash_MyData(t *testing.T) {
	h := newHarness(t)
	h.seed("kingfisher", "albatross")
	if ack := h.slash(member, "C0GROUP", "my data"); !strings.Contains(ack, "direct message") {
		t.Fatalf("ack %q", ack)
	}
	f := h.uploaded(1)
	if f.Channel != fakeslack.DMChannel(member) || !bytes.Contains(f.Content, []byte("kingfisher goal")) {
		t.Fatalf("file %+v", f)
	}
}

func TestDM_ForgetMe(t *testing.T) {
	h := newHarness(t)
	const secret = "zanzibar-otter-7731"
	h.seed(secret, "albatross")
	ctx := context.Background()
	if err := h.st.SaveMember(ctx, store.Member{ID: other, Name: other, NavigatorID: member}); err != nil {
		t.Fatal(err)
	}

	h.dm("forget me")
	ask := h.expect("Delete everything?")
	// "Keep it" deletes nothing.
	actionID, keep := buttonValue(t, ask, "Keep it")
	if _, err := h.fake.SendInteractive(h.ctx(), fakeslack.BlockAction(member, fakeslack.DMChannel(member), actionID, keep, ts(t, ask))); err != nil {
		t.Fatal(err)
	}
	h.expect("kept everything")
	if e, _ := h.st.ExportMember(ctx, member); len(e.Goals) != 1 {
		t.Fatalf("Keep it deleted something: %+v", e)
	}

	h.dm("forget me")
	ask = h.expect("Delete everything?")
	actionID, yes := buttonValue(t, ask, "Delete everything")
	press := fakeslack.BlockAction(member, fakeslack.DMChannel(member), actionID, yes, ts(t, ask))
	if _, err := h.fake.SendInteractive(h.ctx(), press); err != nil {
		t.Fatal(err)
	}
	h.expect("deleted everything I held about you")

	e, err := h.st.ExportMember(ctx, member)
	if err != nil || !e.Empty() {
		t.Fatalf("left after forget me: %+v (%v)", e, err)
	}
	g, err := h.st.Group(ctx, "C0GROUP")
	if err != nil || strings.Contains(strings.Join(g.Members, ","), member) {
		t.Errorf("group after forget me: %+v (%v)", g, err)
	}
	o, err := h.st.Member(ctx, other)
	if err != nil || o.NavigatorID != "" {
		t.Errorf("the other member's navigator: %+v (%v)", o, err)
	}
	oe, err := h.st.ExportMember(ctx, other)
	if err != nil || len(oe.Goals) != 1 || oe.Goals[0].Text != "albatross goal" {
		t.Errorf("the other member's data: %+v (%v)", oe, err)
	}
	ds, err := h.st.Deletions(ctx)
	if err != nil || len(ds) != 1 {
		t.Errorf("deletions %+v (%v)", ds, err)
	}
	raw, err := os.ReadFile(h.path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(secret)) {
		t.Fatal("the forgotten member's text is still in the raw database file")
	}
	h.waitHome("goal") // App Home no longer shows the goal
	if home, _ := h.fake.HomeView(member); strings.Contains(string(home), secret) {
		t.Errorf("App Home still shows the goal: %s", home)
	}

	// Slack's retry of the press, and a restart: said once, deleted once.
	if _, err := h.fake.SendEnvelope(h.ctx(), fakeslack.Envelope{Type: "interactive", Payload: mustJSON(t, press), RetryAttempt: 1}); err != nil {
		t.Fatal(err)
	}
	h.dm("help")
	h.expect("You can say")
	n := 0
	for _, c := range h.fake.CallsTo("chat.postMessage") {
		if strings.Contains(c.Params["text"], "deleted everything") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("told %d times that the data was deleted", n)
	}
	assertNoMessageTextInLogs(t, h.logs.String(), secret)
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

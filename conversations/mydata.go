package conversations

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cairnbot/cairn/store"
)

// "my data" and "forget me": a member's own data, on request.
//
// Both work at any point, in a flow or not, and leave the flow as it was.
// A turn only decides; the caller does the work (Result.Data): it exports
// (a file plus DataSummary) after committing the turn, or, for a confirmed
// "forget me", deletes everything instead of committing anything (the
// Runner commits nothing then) and says t.w.Forgotten once it is done.

// DataRequest is what a turn asks the caller to do with the member's data.
type DataRequest string

const (
	DataNone   DataRequest = ""
	DataExport DataRequest = "export" // send them everything held about them
	DataForget DataRequest = "forget" // confirmed: delete everything about them
)

// Button values.
const (
	ActMyData   = "data:export"
	ActForget   = "forget:ask"
	actForgetNo = "forget:no"
	// prefixForgetYes is followed by the Unix time the question was asked,
	// so a confirmation left lying in the DM for days does not delete.
	prefixForgetYes = "forget:yes:"
)

// forgetValid is how long a "Delete everything" button works.
const forgetValid = 24 * time.Hour

var (
	myDataWords = map[string]bool{"my data": true, "export my data": true, "download my data": true,
		"what do you know about me": true, "what do you have on me": true}
	forgetWords = map[string]bool{"forget me": true, "delete me": true, "delete my data": true,
		"delete everything": true, "delete all my data": true}
)

// dataCommand answers "my data" and "forget me", and the forget buttons.
// It reports whether the input was one of them.
func (t *turn) dataCommand(word string) bool {
	switch {
	case t.action == ActMyData || t.action == "" && myDataWords[word]:
		t.res.Data = DataExport
	case t.action == ActProgress || t.action == "" && progressWord(word): // progress.go
		t.res.Data = DataProgress
	case t.action == ActForget || t.action == "" && forgetWords[word]:
		t.say(t.w.ForgetAsk,
			Choice{t.w.ForgetYes, prefixForgetYes + strconv.FormatInt(t.now.Unix(), 10)},
			Choice{t.w.ForgetKeep, actForgetNo})
		return true // the question waits; the flow's own question comes back after
	case t.action == actForgetNo:
		t.say(t.w.ForgetKept)
	case strings.HasPrefix(t.action, prefixForgetYes):
		asked, err := strconv.ParseInt(strings.TrimPrefix(t.action, prefixForgetYes), 10, 64)
		if err != nil || t.now.Sub(time.Unix(asked, 0)) > forgetValid || time.Unix(asked, 0).After(t.now.Add(time.Minute)) {
			t.say(t.w.ForgetExpired)
			break
		}
		t.res.Data = DataForget
		return true
	default:
		return false
	}
	if t.s.Active() {
		t.ask() // back to where they were
	}
	return true
}

// errForget stops a turn's commit: a confirmed "forget me" is carried out
// by the caller, in one commit that deletes everything.
var errForget = errors.New("conversations: forget requested")

// DataSummary is the short, readable companion of the export file.
func DataSummary(w *Words, e store.Export, loc *time.Location) string {
	if e.Empty() {
		return w.DataNothing
	}
	if loc == nil {
		loc = time.UTC
	}
	var b strings.Builder
	b.WriteString(w.DataHead)
	line := func(format string, args ...any) { fmt.Fprintf(&b, "\n• "+format, args...) }
	if e.Member != nil && e.Member.Name != "" {
		line("your name: %s", e.Member.Name)
	}
	for _, g := range e.Goals {
		done := 0
		for _, s := range g.Steps {
			if s.Done() {
				done++
			}
		}
		line("goal (%s): “%s”, %s, %d done", cmpOr(string(g.Status), "active"), g.Text, plural(len(g.Steps), "step", "steps"), done)
	}
	if n := len(e.CheckIns); n > 0 {
		last := e.CheckIns[n-1].SessionAt.In(loc).Format("January 2, 2006")
		line("%s, the last for the session of %s", plural(n, "check-in", "check-ins"), last)
	}
	if e.Conversation != nil {
		line("our conversation in progress, with what you've typed so far")
	}
	if n := len(e.Deliveries); n > 0 {
		line("%s planned or sent to you (prompts, reminders)", plural(n, "scheduled message", "scheduled messages"))
	}
	if n := len(e.Replies) + len(e.Inputs); n > 0 {
		line("%s on their way between us", plural(n, "message", "messages"))
	}
	for _, g := range e.Groups {
		line("group %s: you're in it as %s", cmpOr(g.Name, g.GroupID), strings.Join(g.Roles, " and "))
	}
	b.WriteString("\n")
	b.WriteString(w.DataFoot)
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

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
		"what do you know about me": true, "what do you have on me": true, "mis datos": true}
	forgetWords = map[string]bool{"forget me": true, "delete me": true, "delete my data": true,
		"delete everything": true, "delete all my data": true, "olvídame": true, "olvidame": true, "borra mis datos": true}
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
	line := func(s string) { b.WriteString("\n• " + s) }
	if e.Member != nil && e.Member.Name != "" {
		line(fmt.Sprintf(w.DataName, e.Member.Name))
	}
	for _, g := range e.Goals {
		done := 0
		for _, s := range g.Steps {
			if s.Done() {
				done++
			}
		}
		line(fmt.Sprintf(w.DataGoal, goalStatus(w, g.Status), g.Text, count(len(g.Steps), w.CountStep, w.CountSteps), done))
	}
	if n := len(e.CheckIns); n > 0 {
		at := e.CheckIns[n-1].SessionAt.In(loc)
		last := at.Format("January 2, 2006")
		if w.lang() == Spanish {
			// Go's layouts know only English names. The zero "now" gives
			// no "hoy" and always the year: a record's date.
			last = SayDateIn(Spanish, time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC), time.Time{})
		}
		line(fmt.Sprintf(w.DataCheckIns, count(n, w.CountCheckIn, w.CountCheckInsN), last))
	}
	if e.Conversation != nil {
		line(w.DataConversation)
	}
	if n := len(e.Deliveries); n > 0 {
		line(fmt.Sprintf(w.DataScheduled, count(n, w.CountScheduled, w.CountScheduledN)))
	}
	if n := len(e.Replies) + len(e.Inputs); n > 0 {
		line(fmt.Sprintf(w.DataInTransit, count(n, w.CountMessage, w.CountMessages)))
	}
	if n := len(e.Recaps); n > 0 {
		line(fmt.Sprintf(w.DataRecaps, count(n, w.CountRecap, w.CountRecaps)))
	}
	for _, g := range e.Groups {
		roles := make([]string, len(g.Roles))
		for i, r := range g.Roles {
			roles[i] = roleWord(w, r)
		}
		line(fmt.Sprintf(w.DataGroup, cmpOr(g.Name, g.GroupID), strings.Join(roles, w.And)))
	}
	b.WriteString("\n")
	b.WriteString(w.DataFoot)
	return b.String()
}

// count says n things: one and many are formats with a %d ("%d step",
// "%d steps").
func count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(many, n)
}

// goalStatus names a goal's status in w.
func goalStatus(w *Words, s store.GoalStatus) string {
	switch s {
	case store.GoalDone:
		return w.GoalStatuses[1]
	case store.GoalDropped:
		return w.GoalStatuses[2]
	}
	return w.GoalStatuses[0]
}

// roleWord names a role in a group in w; one it does not know is shown as
// stored.
func roleWord(w *Words, role string) string {
	for i, r := range []store.Role{store.RoleMember, store.RoleFacilitator, store.RoleNavigator} {
		if string(r) == role {
			return w.Roles[i]
		}
	}
	return role
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

package conversations

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cairnbot/cairn/store"
)

// History: "history" or "my check-ins", in or out of a flow, shows the
// member their own last sessions, their cairn and their dream. It is their
// own, so answers kept just for them are shown (with a 🔒); a setback is
// named as part of recovery, never judged.

// historyWords ask for the member's history.
var historyWords = map[string]bool{
	"history": true, "my history": true, "show my history": true,
	"my check-ins": true, "my check ins": true, "my checkins": true,
	"past check-ins": true, "past check ins": true, "my past check-ins": true,
	"mi historial": true, "historial": true,
}

// Limits that keep a history short enough to read in a DM.
const (
	historyStones   = 10 // done steps named
	historySessions = 5  // check-ins shown
	historyClip     = 120
	historyLineClip = 60
)

// history shows the member's history when word asks for it; in a flow the
// question on the table is asked again after.
func (t *turn) history(word string) bool {
	if !historyWords[word] {
		return false
	}
	t.say(History(t.c, t.now))
	if t.s.Active() {
		t.ask()
	}
	return true
}

// History is the member's dream and why, their cairn of done steps
// (newest first) and their last check-ins, with dates in now's zone.
func History(c Context, now time.Time) string {
	w := WordsFor(c.Lang)
	var parts []string
	if g := c.Goal; g != nil && strings.TrimSpace(g.Dream) != "" {
		line := fmt.Sprintf(w.HistoryDream, quoted(g.Dream, historyClip))
		if strings.TrimSpace(g.Why) != "" {
			line += fmt.Sprintf(w.HistoryWhy, quoted(g.Why, historyClip))
		}
		parts = append(parts, line)
	}
	if n := len(c.DoneSteps); n > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, w.HistoryCairn, Cairn(w, n), stepsDone(w, n))
		for _, st := range c.DoneSteps[:min(n, historyStones)] {
			b.WriteString("\n  🪨 " + Inert(Clip(st.What, historyClip)))
		}
		if n > historyStones {
			b.WriteString("\n" + fmt.Sprintf(w.HistoryMore, n-historyStones))
		}
		parts = append(parts, b.String())
	}
	if len(c.CheckIns) == 0 {
		return strings.Join(append(parts, w.HistoryNone), "\n\n")
	}
	var b strings.Builder
	b.WriteString(w.HistoryLately)
	for _, ci := range c.CheckIns[:min(len(c.CheckIns), historySessions)] {
		b.WriteString("\n\n" + sessionDay(w, ci, now))
		var done []string
		for _, id := range ci.StepsDone {
			if st := stepOf(c, id); st != nil {
				done = append(done, Inert(Clip(st.What, historyClip))+" ✓")
			}
		}
		if strings.TrimSpace(ci.Did) != "" {
			done = append(done, quoted(ci.Did, historyClip))
		}
		if len(done) > 0 {
			b.WriteString("\n" + fmt.Sprintf(w.HistoryDone, strings.Join(done, "; ")) + lock(w, ci, answerDid))
		}
		if way := barrierWords(w, ci.Barrier); way != "" {
			b.WriteString("\n" + fmt.Sprintf(w.HistoryInWay, way) + lock(w, ci, answerBarrier))
		}
		if strings.TrimSpace(ci.Plan) != "" {
			b.WriteString("\n" + fmt.Sprintf(w.HistoryPlan, quoted(ci.Plan, historyClip)) + lock(w, ci, answerPlan))
		}
	}
	return strings.Join(append(parts, b.String()), "\n\n")
}

// HistoryLine is one check-in in a line, for App Home: "Tue Jun 9 — 2
// steps done; plan: call the clinic".
func HistoryLine(w *Words, ci store.CheckIn, now time.Time) string {
	var parts []string
	switch n := len(ci.StepsDone); {
	case n > 0:
		parts = append(parts, stepsDone(w, n))
	case strings.TrimSpace(ci.Did) != "":
		parts = append(parts, fmt.Sprintf(w.HistoryDid, Inert(Clip(strings.TrimSpace(ci.Did), historyLineClip)))+lock(w, ci, answerDid))
	}
	if setback(ci.Barrier) {
		parts = append(parts, w.HistorySetback)
	}
	if p := strings.TrimSpace(ci.Plan); p != "" {
		parts = append(parts, fmt.Sprintf(w.HistoryLinePlan, Inert(Clip(p, historyLineClip)))+lock(w, ci, answerPlan))
	}
	if len(parts) == 0 {
		parts = append(parts, w.HistoryChecked)
	}
	return sessionDay(w, ci, now) + " — " + strings.Join(parts, "; ")
}

// sessionDay is the check-in's session day in now's zone ("Tue Jun 9"),
// with the year when it is not this year's.
func sessionDay(w *Words, ci store.CheckIn, now time.Time) string {
	at := ci.SessionAt
	if at.IsZero() {
		at = ci.CreatedAt
	}
	at = at.In(now.Location())
	if w.lang() == Spanish {
		// "martes 9 de junio" (or "hoy, …"): Go's layouts know only English names.
		return capitalize(SayDateIn(Spanish, time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC), now))
	}
	if at.Year() != now.Year() {
		return at.Format("Mon Jan 2, 2006")
	}
	return at.Format("Mon Jan 2")
}

// barrierWords says what got in the way, a setback as part of recovery.
func barrierWords(w *Words, barrier string) string {
	var ws []string
	for _, b := range strings.Split(barrier, ", ") {
		switch b = strings.TrimSpace(b); b {
		case "":
		case setbackBarrier:
			ws = append(ws, w.HistorySetback)
		default:
			ws = append(ws, quoted(BarrierLabel(w, b), historyClip))
		}
	}
	return strings.Join(ws, ", ")
}

// setback reports whether a check-in's barrier holds a setback.
func setback(barrier string) bool {
	return slices.Contains(strings.Split(barrier, ", "), setbackBarrier)
}

func stepsDone(w *Words, n int) string {
	if n == 1 {
		return fmt.Sprintf(w.HistoryStone, n)
	}
	return fmt.Sprintf(w.HistoryStones, n)
}

// quoted is member text, shortened, made inert and quoted.
func quoted(s string, n int) string { return "“" + Inert(Clip(strings.TrimSpace(s), n)) + "”" }

// lock marks an answer the member kept just for them.
func lock(w *Words, ci store.CheckIn, field string) string {
	if slices.Contains(ci.Private, field) {
		return w.HistoryPrivate
	}
	return ""
}

// stepOf finds a step by id among the done steps and the active ones.
func stepOf(c Context, id uint64) *store.Step {
	for _, steps := range [][]store.Step{c.DoneSteps, c.Steps} {
		if i := slices.IndexFunc(steps, func(s store.Step) bool { return s.ID == id }); i >= 0 {
			return &steps[i]
		}
	}
	return nil
}

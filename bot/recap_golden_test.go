package bot

import (
	"testing"
	"time"

	"github.com/cairnbot/cairn/conversations"
	"github.com/cairnbot/cairn/store"
)

// TestGolden_Recap keeps the recap form and the channel message readable
// as the JSON Slack is sent (go test ./bot -run Golden -update rewrites
// them).
func TestGolden_Recap(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	now := time.Date(2026, 6, 10, 9, 0, 0, 0, ny)
	session := time.Date(2026, 6, 9, 18, 0, 0, 0, ny)
	g := store.Group{ID: "C1", Name: "Tuesday group", Schedule: "CRON_TZ=America/New_York 0 18 * * 2", ScheduleText: "Tuesdays 6pm", TZ: "America/New_York",
		Members: []string{"UANA", "UBEN", "UCAI"}, Sharing: map[string]store.Sharing{"UANA": store.ShareAll, "UCAI": store.ShareCheckedIn}}
	members := []store.Member{{ID: "UANA", Name: "Ana"}, {ID: "UBEN", Name: "Ben <b>"}, {ID: "UCAI", Name: "Cai"}}
	o := recapOffer{members: members, checkedIn: []string{"UANA", "UBEN"}, highlights: map[string][]store.RecapHighlight{
		"UANA": {{MemberID: "UANA", Kind: store.HighlightDid, Text: "called my *sister*"}, {MemberID: "UANA", Kind: store.HighlightPractise, StepID: 12, Text: "Ask Sam for coffee"}},
	}}
	r := store.Recap{GroupID: "C1", Session: session, Attended: []string{"UANA", "UBEN", "UCAI"}, Wins: "Ben said no to overtime <!here>",
		Themes: "Boundaries", NextSteps: "One small ask each", NextSession: time.Date(2026, 6, 16, 0, 0, 0, 0, time.UTC),
		Highlights: o.highlights["UANA"]}
	sessions := []time.Time{session.UTC(), session.AddDate(0, 0, -7).UTC()}
	for _, lang := range []conversations.Lang{conversations.English, conversations.Spanish} {
		w := conversations.WordsFor(lang)
		golden(t, "recap_modal_"+string(lang), recapModal(w, lang, g, sessions, session.UTC(), o, store.Recap{Attended: o.checkedIn, NextSession: r.NextSession}, false, false, "tuesday-group", now))
		text, blocks := recapBlocks(w, lang, g, r, members, now)
		golden(t, "recap_message_"+string(lang), map[string]any{"text": text, "blocks": blocks})
	}
}

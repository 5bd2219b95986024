package conversations

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Reaching a person: "I need help", "talk to someone", or the
// [Talk to a person] button (ActTalkToPerson) in every menu and in App Home.
//
// Typed words get an offer first, so nobody is reported on for a sentence
// that meant something else; a button press is already the yes. On yes the
// turn returns Result.Alert and leaves the conversation under way as it was.
// Who is asked, the hourly limit and the record are the caller's: it knows
// the member's groups and when they last asked (see bot/person.go).

// AlertRequest asks the caller to let the member's navigator (else their
// group's facilitators) know they would like to talk. It carries nothing
// the member wrote: the people asked see only that they asked.
type AlertRequest struct {
	// Resume is set when a conversation is under way: the caller ends its
	// words with PersonResume, so the member knows it is kept.
	Resume bool
	// Lang is the member's language, for the words said about the ask.
	Lang Lang
}

// Say is what the member is told about their ask: text, then, when a
// conversation is under way, how to go on with it.
func (r AlertRequest) Say(text string) []Reply {
	replies := []Reply{{Text: text}}
	if r.Resume {
		replies = append(replies, Reply{Text: WordsFor(r.Lang).PersonResume})
	}
	return replies
}

// AlertLimit is how often a member's ask reaches someone: at most once in
// this long; a second ask within it is answered kindly and sends nothing.
const AlertLimit = time.Hour

// Button values of the offer.
const (
	actPersonYes = "person:yes"
	actPersonNo  = "person:no"
)

// personWords are typed ways of asking for a person. They must be the
// whole message: "I need help with my resume" is a step, not an ask.
var personWords = regexp.MustCompile(`^(` +
	`(i |i really )?need (some )?help( please)?` +
	`|help me( please)?` +
	`|(can i |could i |may i |i want to |i wanna |i'd like to |i would like to |i need to |let me |please let me )?(talk|speak) (to|with) ` +
	`(someone|somebody|anyone|a (real |actual )?(person|human)|a human being|my (navigator|facilitator|coach)|a (navigator|facilitator))( please| now| today)?` +
	`|(necesito|quiero|puedo) (ayuda|hablar con (alguien|una persona|mi navegador|mi navegadora|mi facilitador|mi facilitadora))( por favor)?` +
	`)$`)

// personCommand answers an ask for a person, the offer's buttons and the
// [Talk to a person] button. It reports whether the input was one of them.
func (t *turn) personCommand(word string) bool {
	switch {
	case t.action == ActTalkToPerson || t.action == actPersonYes || t.action == "" && word == normalize(t.w.PersonYes):
		t.res.Alert = &AlertRequest{Resume: t.s.Active(), Lang: t.w.lang()}
		return true
	case t.action == "" && personWords.MatchString(word):
		// The offer waits beside the flow; the flow itself is untouched,
		// but a typed "yes" next answers the offer (safety.go).
		t.say(t.w.PersonOffer, Choice{t.w.PersonYes, actPersonYes}, Choice{t.w.PersonNotNow, actPersonNo})
		if t.s.Aside == "" {
			t.s.Aside = asideOffer
		}
		return true
	case t.action == actPersonNo:
		t.say(t.w.PersonNo)
		if t.s.Active() {
			t.ask() // back to where they were
		}
		return true
	}
	return false
}

// Asked is who an alert went to, as the member is told.
type Asked struct {
	Names     []string // display names, in the order asked
	Navigator bool     // their navigator; else the group's facilitators
}

// SayAlert is the private message to a navigator or facilitator, in w
// (the language of the person it goes to): the member's name and that
// they asked, never anything they wrote.
func SayAlert(w *Words, member string) string {
	return fmt.Sprintf(w.AlertToHelper, Inert(member))
}

// SayAsked tells the member, in w, who was asked.
func SayAsked(w *Words, a Asked) string {
	return fmt.Sprintf(w.Asked, Inert(names(w, a.Names)), who(w, a))
}

// SayAskedRecently answers an ask within AlertLimit of the last one, which
// went to a at when (shown in loc).
func SayAskedRecently(w *Words, a Asked, when time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return fmt.Sprintf(w.AskedRecently, Inert(names(w, a.Names)), when.In(loc).Format(w.ClockFormat))
}

func who(w *Words, a Asked) string {
	switch {
	case a.Navigator:
		return w.AskedNavigator
	case len(a.Names) == 1:
		return w.AskedFacilitator
	}
	return w.AskedFacilitators
}

// names joins names as a sentence says them: "Nia", "Nia and Sam",
// "Nia, Sam and Lee".
func names(w *Words, ns []string) string {
	switch len(ns) {
	case 0:
		return w.AskedThem
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + w.And + ns[len(ns)-1]
}

package conversations

import "github.com/cairnbot/cairn/store"

// What a member lets their group see, in their words. The choices are
// offered when they join a group, with /cairn privacy and in App Home;
// the check-in prompt says in one line what their answer will be seen as.

// SharingChoices are the three choices, most private last.
var SharingChoices = []struct {
	Sharing store.Sharing
	Label   string // a button
	Says    string // what the member chose, in a sentence
}{
	{store.ShareAll, "Everything I write", "your facilitators and navigator see what you write in a check-in, except answers you keep just for you"},
	{store.ShareSteps, "Checked in + steps done", "your facilitators and navigator see whether you checked in and how many steps you finished, not your words"},
	{store.ShareCheckedIn, "Only whether I checked in", "your facilitators and navigator see only whether you checked in"},
}

// SharingSays is what a sharing choice means, in a sentence ("your
// facilitators … see …").
func SharingSays(s store.Sharing) string {
	for _, c := range SharingChoices {
		if c.Sharing == s {
			return c.Says
		}
	}
	return SharingSays(store.ShareSteps)
}

// SharingLabel is a sharing choice's short name.
func SharingLabel(s store.Sharing) string {
	for _, c := range SharingChoices {
		if c.Sharing == s {
			return c.Label
		}
	}
	return SharingLabel(store.ShareSteps)
}

// Who will see a check-in, said in one short line under the prompt.
const (
	sayWhoSeesAll       = "Your facilitator sees what you write here, except what you keep just for you — change it with /cairn privacy."
	sayWhoSeesSteps     = "Your facilitator sees whether you checked in and the steps you finish — change it with /cairn privacy."
	sayWhoSeesCheckedIn = "Your facilitator sees only whether you checked in — change it with /cairn privacy."
)

// WhoSees is the line under a check-in prompt saying who will see the
// answer.
func WhoSees(s store.Sharing) string {
	switch s {
	case store.ShareAll:
		return sayWhoSeesAll
	case store.ShareCheckedIn:
		return sayWhoSeesCheckedIn
	}
	return sayWhoSeesSteps
}

// Words for /cairn privacy and the App Home button.
const (
	SayPrivacyIntro   = "What may your group's facilitators and your navigator see of your check-ins? An answer you mark *just for me* during a check-in is never shown to anyone, whatever you pick."
	SayPrivacyAsk     = "*%s* — now: %s."
	SayPrivacySet     = "Done — in %s, %s."
	SayPrivacyNoGroup = "You're not in a group yet, so nobody sees your check-ins. When you join one, you'll choose what its facilitators see."
	SayPrivacyTrouble = "Sorry — I couldn't save that. Please try again in a minute."
	SayPrivacyNotIn   = "You're not a member of that group any more, so there's nothing to change."
)

// "Just for me": after an answer in a check-in, the next question offers
// to keep that answer from everyone.
const (
	prefixPrivate  = "private:"
	answerDid      = "did"
	answerBarrier  = "barrier"
	answerPlan     = "plan"
	sayJustForMe   = "Just for me"
	sayKeptPrivate = "Kept just for you — nobody else will see that answer, whatever you share."
)

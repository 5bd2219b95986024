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

// WhoSees is the line under a check-in prompt saying who will see the
// answer.
func WhoSees(w *Words, s store.Sharing) string {
	switch s {
	case store.ShareAll:
		return w.WhoSeesAll
	case store.ShareCheckedIn:
		return w.WhoSeesCheckedIn
	}
	return w.WhoSeesSteps
}

// "Just for me": after an answer in a check-in, the next question offers
// to keep that answer from everyone.
const (
	prefixPrivate = "private:"
	answerDid     = "did"
	answerBarrier = "barrier"
	answerPlan    = "plan"
)

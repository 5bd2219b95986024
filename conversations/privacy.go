package conversations

import (
	"slices"

	"github.com/cairnbot/cairn/store"
)

// What a member lets their group see, in their words. The choices are
// offered when they join a group, with /cairn privacy and in App Home;
// the check-in prompt says in one line what their answer will be seen as.

// SharingChoices are the three choices, most private last. Their words
// are Talk.SharingLabels and Talk.SharingSays, in this order.
var SharingChoices = []store.Sharing{store.ShareAll, store.ShareSteps, store.ShareCheckedIn}

// sharingIndex is s's place in SharingChoices; one it does not know is
// read as the default, steps.
func sharingIndex(s store.Sharing) int {
	if i := slices.Index(SharingChoices, s); i >= 0 {
		return i
	}
	return slices.Index(SharingChoices, store.ShareSteps)
}

// SharingSays is what a sharing choice means, in a sentence ("your
// facilitators … see …").
func SharingSays(w *Words, s store.Sharing) string { return w.SharingSays[sharingIndex(s)] }

// SharingLabel is a sharing choice's short name.
func SharingLabel(w *Words, s store.Sharing) string { return w.SharingLabels[sharingIndex(s)] }

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

package conversations

// barriers are the common things that get in the way, offered as buttons so
// navigators can see patterns across members without anyone being judged.
// They are stored as these English names; their labels are Talk.Barriers.
var barriers = []string{"Transport", "Health", "Money", "Childcare", "Motivation", "Something else"}

// BarrierLabel is a stored barrier's name in w's language; a barrier the
// member wrote in their own words is theirs, as written.
func BarrierLabel(w *Words, barrier string) string {
	for i, b := range barriers {
		if b == barrier && i < len(w.Barriers) {
			return w.Barriers[i]
		}
	}
	return barrier
}

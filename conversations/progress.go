package conversations

import "slices"

// "my progress": a member's own picture of progress, on request. Like "my
// data" it works at any point, in a flow or not, and leaves the flow as it
// was; the caller draws and sends it (Result.Data, bot/charts.go).

// DataProgress asks the caller for the member's chart and cairn.
const DataProgress DataRequest = "progress"

// ActProgress is the value of a "My progress" button (App Home, DM).
const ActProgress = "progress:show"

// progressWord reports whether a normalized line asks for one's progress,
// in either language: a member may type the words of the other.
func progressWord(word string) bool {
	return slices.Contains(englishCharts.ProgressWords, word) || slices.Contains(spanishCharts.ProgressWords, word)
}

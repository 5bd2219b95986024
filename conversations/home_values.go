package conversations

// The language button in App Home (issue 12): its value is the language the
// person switches to.
const (
	ActLangEs = "lang:es"
	ActLangEn = "lang:en"
)

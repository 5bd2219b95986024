package conversations

// Setup holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
type Setup struct {
}

var englishSetup = Setup{}

var spanishSetup = Setup{}

package conversations

// en is the English catalogue, for tests that check what a member reads.
var en = WordsFor(English)

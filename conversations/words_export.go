package conversations

// Export holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
//
// The file's column names are not here: they are a format (store.ProgressColumns),
// the same for every reader so records from several groups line up.
type Export struct {
	// ExportWorking is the ephemeral answer to /cairn export: the file is coming.
	ExportWorking string
	// ExportIntro comes with the file in the facilitator's DM: %s the group's
	// name, %d sessions, %s the first session's date.
	ExportIntro string
	// ExportNote says what the file holds of each member.
	ExportNote string
	// ExportFileTitle is the file's title in Slack: %s the group's name.
	ExportFileTitle string
	// ExportNone: %s the group's name has no sessions yet.
	ExportNone string
	// ExportNotFacilitator and ExportNotAGroup are kind refusals.
	ExportNotFacilitator string
	ExportNotAGroup      string
	// ExportTrouble is said when the export could not be made or sent.
	ExportTrouble string
}

var englishExport = Export{
	ExportWorking:        "I'm putting the records together. They'll be in our DM in a moment.",
	ExportIntro:          "Here are %s's records: one row per member per session, %d sessions since %s.",
	ExportNote:           "Each row shows only what that member shares with the group; answers they kept just for themselves are never in it.",
	ExportFileTitle:      "%s: records by session",
	ExportNone:           "%s has no sessions to export yet.",
	ExportNotFacilitator: "Only this group's facilitators can export its records. If you need them, please ask one of them.",
	ExportNotAGroup:      "This channel isn't a Cairn group, so there's nothing to export here. Try /cairn export in your group's channel.",
	ExportTrouble:        "Sorry — I couldn't put the records together just now. Please try again in a few minutes.",
}

var spanishExport = Export{
	ExportWorking:        "Estoy juntando los registros. En un momento te llegan por mensaje directo.",
	ExportIntro:          "Aquí están los registros de %s: una fila por miembro y por sesión, %d sesiones desde el %s.",
	ExportNote:           "Cada fila muestra solo lo que ese miembro comparte con el grupo; lo que guardó solo para sí nunca aparece.",
	ExportFileTitle:      "%s: registros por sesión",
	ExportNone:           "%s todavía no tiene sesiones para exportar.",
	ExportNotFacilitator: "Solo quienes facilitan este grupo pueden exportar sus registros. Si los necesitas, pídeselos a alguno de ellos.",
	ExportNotAGroup:      "Este canal no es un grupo de Cairn, así que aquí no hay nada que exportar. Prueba /cairn export en el canal de tu grupo.",
	ExportTrouble:        "Perdón, no pude juntar los registros ahora. Inténtalo de nuevo en unos minutos.",
}

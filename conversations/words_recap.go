package conversations

// Recap holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
type Recap struct {
	// The recap form, for a facilitator. Slack cuts a modal's title at 24
	// characters and its buttons at 24.
	RecapTitle, RecapPost, RecapUpdate, RecapClose string
	RecapSessionLabel                              string // the session picker
	RecapAttendanceLabel                           string
	RecapAttendancePick                            string
	RecapThemesLabel                               string
	RecapWinsLabel                                 string
	RecapNextStepsLabel                            string
	RecapNextSessionLabel                          string
	RecapNextSessionHint                           string
	RecapHighlightsIntro                           string
	RecapHighlightsOf                              string // %s: the member's name
	RecapDid, RecapPlan, RecapPractise             string // %s: the member's words
	RecapEditNote                                  string // the session already has a recap
	RecapDraftNote                                 string // a draft came back
	RecapNoHighlights                              string

	// The channel message.
	RecapHeader         string // %s: the session's date
	RecapAttendance     string // %d came, %d members
	RecapAttendanceWho  string // %s: names of those who share
	RecapWinsHead       string
	RecapThemesHead     string
	RecapNextStepsHead  string
	RecapHighlightsHead string
	RecapPractisedHead  string
	RecapPractisedLine  string // %s: name, %s: the step
	RecapNextSession    string // %s: the date in words

	// The member's DM after the recap is posted.
	RecapIsUp     string // %s: the channel
	RecapNextStep string // %s: their step
	RecapNoStep   string

	// The facilitator's reminder when no recap was posted.
	RecapReminder  string // %s: the group's name, %s: the session's date
	RecapYourGroup string // the group's name when it has none

	// What a person reads when the recap cannot be done.
	RecapNotFacilitator string
	RecapNoGroupHere    string
	RecapNoSession      string
	RecapTrouble        string
	RecapPostFailed     string // to the facilitator's DM; %s: the channel
	RecapPickAttendance string
	RecapTooLong        string
	RecapPastDate       string
}

var englishRecap = Recap{
	RecapTitle: "Session recap", RecapPost: "Post recap", RecapUpdate: "Update recap", RecapClose: "Close",
	RecapSessionLabel:     "Session",
	RecapAttendanceLabel:  "Who came",
	RecapAttendancePick:   "Pick members",
	RecapThemesLabel:      "Themes we talked about",
	RecapWinsLabel:        "Wins to celebrate",
	RecapNextStepsLabel:   "Next steps for the group",
	RecapNextSessionLabel: "Next session",
	RecapNextSessionHint:  "From the schedule. Change it if the next session moves.",
	RecapHighlightsIntro:  "Members' highlights, as each of them shares. Tick the ones to put in the recap; anything not ticked stays out.",
	RecapHighlightsOf:     "From %s",
	RecapDid:              "Did: %s",
	RecapPlan:             "Next: %s",
	RecapPractise:         "Practised in the group: %s",
	RecapEditNote:         "This session already has a recap. Saving updates the message in the channel.",
	RecapDraftNote:        "Here's your draft, as you left it.",
	RecapNoHighlights:     "No member has highlights to share for this session.",

	RecapHeader:         "Session recap — %s",
	RecapAttendance:     "*%d* of %d members came.",
	RecapAttendanceWho:  "Among them: %s",
	RecapWinsHead:       "Wins to celebrate",
	RecapThemesHead:     "What we talked about",
	RecapNextStepsHead:  "Next steps for the group",
	RecapHighlightsHead: "From members",
	RecapPractisedHead:  "Practised in the group",
	RecapPractisedLine:  "%s: %s",
	RecapNextSession:    "Next session: %s",

	RecapIsUp:     "The recap is up in %s.",
	RecapNextStep: "Your next step: %s",
	RecapNoStep:   "Whenever you're ready, /cairn goal helps you pick a next step.",

	RecapReminder:  "No recap yet for the session of %s (%s). When you have a few minutes, run /cairn recap in the group's channel to share the wins and next steps with everyone.",
	RecapYourGroup: "your group",

	RecapNotFacilitator: "Only this group's facilitators can write its recap. If that should be you, ask one of them to add you.",
	RecapNoGroupHere:    "There's no group in this channel yet, so there's no session to recap. Run /cairn recap in the group's own channel.",
	RecapNoSession:      "This group hasn't met yet, so there's no session to recap.",
	RecapTrouble:        "Sorry — I couldn't do that just now. Please try again in a minute.",
	RecapPostFailed:     "I couldn't post the recap to %s just now. It's saved, and I'll keep trying to post it. If it doesn't show up soon, check that Cairn is in that channel: typing /invite @Cairn there adds it.",
	RecapPickAttendance: "Pick who came (at least one member).",
	RecapTooLong:        "That's long for a recap — could it be shorter (up to 2,000 characters)?",
	RecapPastDate:       "Pick a date after this session.",
}

var spanishRecap = Recap{
	RecapTitle: "Resumen de la sesión", RecapPost: "Publicar resumen", RecapUpdate: "Actualizar resumen", RecapClose: "Cerrar",
	RecapSessionLabel:     "Sesión",
	RecapAttendanceLabel:  "Quién vino",
	RecapAttendancePick:   "Elige a los miembros",
	RecapThemesLabel:      "Temas de los que hablamos",
	RecapWinsLabel:        "Logros para celebrar",
	RecapNextStepsLabel:   "Próximos pasos del grupo",
	RecapNextSessionLabel: "Próxima sesión",
	RecapNextSessionHint:  "Según el horario. Cámbiala si la próxima sesión se mueve.",
	RecapHighlightsIntro:  "Lo que cada miembro comparte. Marca lo que quieras poner en el resumen; lo que no marques no aparece.",
	RecapHighlightsOf:     "De %s",
	RecapDid:              "Hizo: %s",
	RecapPlan:             "Lo próximo: %s",
	RecapPractise:         "Lo practicó en el grupo: %s",
	RecapEditNote:         "Esta sesión ya tiene resumen. Al guardar, se actualiza el mensaje en el canal.",
	RecapDraftNote:        "Aquí está tu borrador, tal como lo dejaste.",
	RecapNoHighlights:     "Nadie tiene algo para compartir de esta sesión.",

	RecapHeader:         "Resumen de la sesión — %s",
	RecapAttendance:     "Vinieron *%d* de %d miembros.",
	RecapAttendanceWho:  "Entre quienes vinieron: %s",
	RecapWinsHead:       "Logros para celebrar",
	RecapThemesHead:     "De qué hablamos",
	RecapNextStepsHead:  "Próximos pasos del grupo",
	RecapHighlightsHead: "De los miembros",
	RecapPractisedHead:  "Lo que practicamos en el grupo",
	RecapPractisedLine:  "%s: %s",
	RecapNextSession:    "Próxima sesión: %s",

	RecapIsUp:     "Ya está el resumen en %s.",
	RecapNextStep: "Tu próximo paso: %s",
	RecapNoStep:   "Cuando quieras, /cairn meta te ayuda a elegir un próximo paso.",

	RecapReminder:  "Todavía no hay resumen de la sesión de %s (%s). Cuando tengas unos minutos, usa /cairn recap en el canal del grupo para compartir con todos los logros y los próximos pasos.",
	RecapYourGroup: "tu grupo",

	RecapNotFacilitator: "Solo quienes facilitan este grupo pueden escribir su resumen. Si te toca a ti, pídele a alguien que facilita que te agregue.",
	RecapNoGroupHere:    "Todavía no hay un grupo en este canal, así que no hay sesión que resumir. Usa /cairn recap en el canal del grupo.",
	RecapNoSession:      "Este grupo todavía no se ha reunido, así que no hay sesión que resumir.",
	RecapTrouble:        "Perdón, no pude hacerlo ahora. Inténtalo de nuevo en un minuto.",
	RecapPostFailed:     "No pude publicar el resumen en %s por ahora. Está guardado y lo seguiré intentando. Si no aparece pronto, revisa que Cairn esté en ese canal: escribe /invite @Cairn allí para agregarlo.",
	RecapPickAttendance: "Elige quién vino (al menos una persona).",
	RecapTooLong:        "Es largo para un resumen. ¿Puedes acortarlo (hasta 2000 caracteres)?",
	RecapPastDate:       "Elige una fecha después de esta sesión.",
}

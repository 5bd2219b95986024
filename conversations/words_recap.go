package conversations

// Recap holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
type Recap struct {
	// The recap form, for a facilitator. Slack cuts a modal's title at 24
	// characters and its buttons at 24.
	Title, Post, Update, Close string
	SessionLabel               string // the session picker
	AttendanceLabel            string
	AttendancePick             string
	ThemesLabel                string
	WinsLabel                  string
	NextStepsLabel             string
	NextSessionLabel           string
	NextSessionHint            string
	HighlightsIntro            string
	HighlightsOf               string // %s: the member's name
	Did, Plan, Practise        string // %s: the member's words
	EditNote                   string // the session already has a recap
	DraftNote                  string // a draft came back
	NoHighlights               string

	// The channel message.
	Header         string // %s: the session's date
	Attendance     string // %d came, %d members
	AttendanceWho  string // %s: names of those who share
	WinsHead       string
	ThemesHead     string
	NextStepsHead  string
	HighlightsHead string
	PractisedHead  string
	PractisedLine  string // %s: name, %s: the step
	NextSession    string // %s: the date in words

	// The member's DM after the recap is posted.
	IsUp     string // %s: the channel
	NextStep string // %s: their step
	NoStep   string

	// The facilitator's reminder when no recap was posted.
	Reminder string // %s: the session's date, %s: the channel

	// What a person reads when the recap cannot be done.
	NotFacilitator string
	NoGroupHere    string
	NoSession      string
	Trouble        string
	PostFailed     string // to the facilitator's DM; %s: the channel
	PickAttendance string
	TooLong        string
	PastDate       string
}

var englishRecap = Recap{
	Title: "Session recap", Post: "Post recap", Update: "Update recap", Close: "Close",
	SessionLabel:     "Session",
	AttendanceLabel:  "Who came",
	AttendancePick:   "Pick members",
	ThemesLabel:      "Themes we talked about",
	WinsLabel:        "Wins to celebrate",
	NextStepsLabel:   "Next steps for the group",
	NextSessionLabel: "Next session",
	NextSessionHint:  "From the schedule. Change it if the next session moves.",
	HighlightsIntro:  "Members' highlights, as each of them shares. Tick the ones to put in the recap; anything not ticked stays out.",
	HighlightsOf:     "From %s",
	Did:              "Did: %s",
	Plan:             "Next: %s",
	Practise:         "Practised in the group: %s",
	EditNote:         "This session already has a recap. Saving updates the message in the channel.",
	DraftNote:        "Here's your draft, as you left it.",
	NoHighlights:     "No member has highlights to share for this session.",

	Header:         "Session recap — %s",
	Attendance:     "*%d* of %d members came.",
	AttendanceWho:  "Among them: %s",
	WinsHead:       "Wins to celebrate",
	ThemesHead:     "What we talked about",
	NextStepsHead:  "Next steps for the group",
	HighlightsHead: "From members",
	PractisedHead:  "Practised in the group",
	PractisedLine:  "%s: %s",
	NextSession:    "Next session: %s",

	IsUp:     "The recap is up in %s.",
	NextStep: "Your next step: %s",
	NoStep:   "Whenever you're ready, `/cairn goal` helps you pick a next step.",

	Reminder: "Your session on %s has no recap yet. When you have a few minutes, run `/cairn recap` in %s to share the wins and next steps with the group.",

	NotFacilitator: "Only this group's facilitators can write its recap. If that should be you, ask one of them to add you.",
	NoGroupHere:    "There's no group in this channel yet, so there's no session to recap. Run `/cairn recap` in the group's own channel.",
	NoSession:      "This group hasn't met yet, so there's no session to recap.",
	Trouble:        "Sorry — I couldn't do that just now. Please try again in a minute.",
	PostFailed:     "I couldn't post the recap to %s just now. It's saved: run `/cairn recap` there and save it again to try once more.",
	PickAttendance: "Pick who came (at least one member).",
	TooLong:        "That's long for a recap — could it be shorter (up to 2,000 characters)?",
	PastDate:       "Pick a date after this session.",
}

var spanishRecap = Recap{
	Title: "Resumen de la sesión", Post: "Publicar resumen", Update: "Actualizar resumen", Close: "Cerrar",
	SessionLabel:     "Sesión",
	AttendanceLabel:  "Quién vino",
	AttendancePick:   "Elige a los miembros",
	ThemesLabel:      "Temas de los que hablamos",
	WinsLabel:        "Logros para celebrar",
	NextStepsLabel:   "Próximos pasos del grupo",
	NextSessionLabel: "Próxima sesión",
	NextSessionHint:  "Según el horario. Cámbiala si la próxima sesión se mueve.",
	HighlightsIntro:  "Lo que cada miembro comparte. Marca lo que quieras poner en el resumen; lo que no marques no aparece.",
	HighlightsOf:     "De %s",
	Did:              "Hizo: %s",
	Plan:             "Lo próximo: %s",
	Practise:         "Lo practicó en el grupo: %s",
	EditNote:         "Esta sesión ya tiene resumen. Al guardar, se actualiza el mensaje en el canal.",
	DraftNote:        "Aquí está tu borrador, tal como lo dejaste.",
	NoHighlights:     "Nadie tiene algo para compartir de esta sesión.",

	Header:         "Resumen de la sesión — %s",
	Attendance:     "Vinieron *%d* de %d miembros.",
	AttendanceWho:  "Entre ellos: %s",
	WinsHead:       "Logros para celebrar",
	ThemesHead:     "De qué hablamos",
	NextStepsHead:  "Próximos pasos del grupo",
	HighlightsHead: "De los miembros",
	PractisedHead:  "Lo que practicamos en el grupo",
	PractisedLine:  "%s: %s",
	NextSession:    "Próxima sesión: %s",

	IsUp:     "Ya está el resumen en %s.",
	NextStep: "Tu próximo paso: %s",
	NoStep:   "Cuando quieras, `/cairn goal` te ayuda a elegir un próximo paso.",

	Reminder: "Tu sesión del %s todavía no tiene resumen. Cuando tengas unos minutos, usa `/cairn recap` en %s para compartir con el grupo los logros y los próximos pasos.",

	NotFacilitator: "Solo quienes facilitan este grupo pueden escribir su resumen. Si te toca a ti, pídele a alguien que facilita que te agregue.",
	NoGroupHere:    "Todavía no hay un grupo en este canal, así que no hay sesión que resumir. Usa `/cairn recap` en el canal del grupo.",
	NoSession:      "Este grupo todavía no se ha reunido, así que no hay sesión que resumir.",
	Trouble:        "Perdón, no pude hacerlo ahora. Inténtalo de nuevo en un minuto.",
	PostFailed:     "No pude publicar el resumen en %s. Está guardado: usa `/cairn recap` allí y guárdalo otra vez para intentarlo de nuevo.",
	PickAttendance: "Elige quién vino (al menos una persona).",
	TooLong:        "Es largo para un resumen. ¿Puedes acortarlo (hasta 2000 caracteres)?",
	PastDate:       "Elige una fecha después de esta sesión.",
}

package conversations

// Errors holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
//
// They are what a person reads when something failed or was refused: each says
// what happened in plain words and what they can do. The operator's side of the
// same failure (the thing, the cause) goes to the log, never here.
type Errors struct {
	// Cairn could not do it (the store or Slack failed).
	ErrTrouble     string
	ErrCheckFailed string
	// A step from App Home that is not theirs, or is gone.
	ErrNotYourStep string
	ErrStepGone    string
	// Refusals: who may do what (bot/authorize.go).
	ErrNotFacilitator string
	ErrNotNavigator   string
	ErrNotAllowed     string
	ErrNotAdmin       string
	ErrNotInChannel   string
	ErrCantDoThat     string
	// A date that gave no day (by conversations.DateErrorKind); %s quotes
	// what was typed, made safe to show. The Spanish examples are Spanish
	// phrases: Spanish speakers' dates are read in Spanish (issue 12).
	ErrDateNotUnderstood string
	ErrDateVague         string
	ErrDatePassed        string
	ErrDateImpossible    string
	ErrDateTooFar        string
	// A meeting time the group form could not read (by scheduler's kinds).
	ErrScheduleUnread      string
	ErrScheduleTooLong     string
	ErrScheduleNoDay       string
	ErrScheduleNoTime      string
	ErrScheduleAmbiguous   string
	ErrScheduleBadTime     string
	ErrScheduleTwoTimes    string
	ErrScheduleUnsupported string
}

var englishErrors = Errors{
	ErrTrouble:     "Sorry — something went wrong on my side and I couldn't save that. Please try again in a minute.",
	ErrCheckFailed: "I couldn't check that just now, so nothing was saved. Please try again in a minute.",
	ErrNotYourStep: "That step isn't one of yours, so I can't change it.",
	ErrStepGone:    "I couldn't find that step any more — maybe it was removed.",

	ErrNotFacilitator: "Only this group's facilitators can change it. If that should be you, ask one of them to add you.",
	ErrNotNavigator:   "That member isn't one of yours, so I can't nudge them for you.",
	ErrNotAllowed:     "Only a Cairn admin, or someone an admin allowed, can start a group. If you'd like to, ask your Cairn admin to allow you.",
	ErrNotAdmin:       "Only a Cairn admin can do that. If you need it done, ask your Cairn admin.",
	ErrNotInChannel:   "A group lives in a channel you're in. Run `/cairn group setup` in the group's own channel and save the form from there.",
	ErrCantDoThat:     "I can't do that one. `/cairn help` shows what I can do.",

	ErrDateNotUnderstood: "I couldn't turn “%s” into a date. Try a day like “Friday”, “June 20” or “next week”.",
	ErrDateVague:         "That's a little open — could you pick a day, like “Friday” or “June 20”?",
	ErrDatePassed:        "That day has already passed. Pick one that's still ahead, like “Friday” or “next week”.",
	ErrDateImpossible:    "That date doesn't exist on the calendar. Could you check it, like “June 20”?",
	ErrDateTooFar:        "That's more than two years away. Pick a nearer day, like “next month” or “June 20”.",

	ErrScheduleUnread:      "I couldn't read that as a meeting time. Try “Tuesdays 6pm” or “Mondays and Thursdays 7:30pm”.",
	ErrScheduleTooLong:     "That's long for a meeting time. Keep it short, like “Tuesdays 6pm”.",
	ErrScheduleNoDay:       "Which day does it meet? Add the day, like “Tuesdays 6pm” (or “every day at 6pm”).",
	ErrScheduleNoTime:      "What time does it meet? Add the time, like “Tuesdays 6pm”.",
	ErrScheduleAmbiguous:   "Is that morning or evening? Say it like “Tuesdays 6pm” or “Tuesdays 18:00”.",
	ErrScheduleBadTime:     "That time isn't on the clock. Try something like “6pm” or “18:30”.",
	ErrScheduleTwoTimes:    "I can keep one time per group. Pick one, like “Tuesdays 6pm”.",
	ErrScheduleUnsupported: "I can only plan weekly or daily meetings so far, like “Tuesdays 6pm” or “every day at 6pm”.",
}

var spanishErrors = Errors{
	ErrTrouble:     "Perdón — algo falló de mi lado y no pude guardarlo. Intenta otra vez en un minuto.",
	ErrCheckFailed: "No pude revisarlo en este momento, así que no se guardó nada. Intenta otra vez en un minuto.",
	ErrNotYourStep: "Ese paso no es tuyo, así que no lo puedo cambiar.",
	ErrStepGone:    "Ya no encuentro ese paso — a lo mejor se quitó.",

	ErrNotFacilitator: "Solo los facilitadores de este grupo pueden cambiarlo. Si te toca a ti, pídele a uno que te agregue.",
	ErrNotNavigator:   "Esa persona no está en tu lista, así que no le puedo mandar un saludo de tu parte.",
	ErrNotAllowed:     "Solo un admin de Cairn, o alguien con su permiso, puede crear un grupo. Si quieres hacerlo, pídele permiso a tu admin de Cairn.",
	ErrNotAdmin:       "Eso solo lo puede hacer un admin de Cairn. Si lo necesitas, pídeselo a tu admin.",
	ErrNotInChannel:   "Un grupo vive en un canal donde estás. Usa `/cairn group setup` en el canal del grupo y guarda el formulario desde ahí.",
	ErrCantDoThat:     "Eso no lo puedo hacer. `/cairn ayuda` te muestra lo que sí puedo.",

	ErrDateNotUnderstood: "No pude leer “%s” como fecha. Prueba con un día como “el viernes”, “20 de junio” o “la próxima semana”.",
	ErrDateVague:         "Eso está un poco abierto — ¿me dices un día, como “el viernes” o “20 de junio”?",
	ErrDatePassed:        "Ese día ya pasó. Elige uno que venga, como “el viernes” o “la próxima semana”.",
	ErrDateImpossible:    "Esa fecha no existe en el calendario. ¿La revisas? Por ejemplo “20 de junio”.",
	ErrDateTooFar:        "Eso es en más de dos años. Elige un día más cercano, como “el próximo mes” o “20 de junio”.",

	ErrScheduleUnread:      "No pude leer eso como horario. Prueba “los martes a las 6 de la tarde” o “lunes y jueves 7:30pm”.",
	ErrScheduleTooLong:     "Es largo para un horario. Escríbelo corto, como “martes 6pm”.",
	ErrScheduleNoDay:       "¿Qué día se reúnen? Agrega el día, como “martes 6pm” (o “todos los días a las 6pm”).",
	ErrScheduleNoTime:      "¿A qué hora se reúnen? Agrega la hora, como “martes 6pm”.",
	ErrScheduleAmbiguous:   "¿Es de la mañana o de la tarde? Escríbelo como “martes 6 de la tarde” o “martes 18:00”.",
	ErrScheduleBadTime:     "Esa hora no existe en el reloj. Prueba algo como “6pm” o “18:30”.",
	ErrScheduleTwoTimes:    "Puedo guardar una sola hora por grupo. Elige una, como “martes 6pm”.",
	ErrScheduleUnsupported: "Por ahora solo planeo reuniones semanales o diarias, como “martes 6pm” o “todos los días a las 6pm”.",
}

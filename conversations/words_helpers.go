package conversations

// Helpers holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
//
// This part is about support people in the workspace named as a step's helper
// (asked to the member, then one reminder to the helper in the helper's own
// language), and about a step the member would like to practise in the group.
type Helpers struct {
	// HelperAsk asks the member whether the helper (%s, a Slack mention)
	// may get one reminder.
	HelperAsk     string
	HelperYes     string // its buttons
	HelperNo      string
	HelperOKSaid  string // %s: the helper
	HelperNoSaid  string
	HelperUnsure  string // an answer that is neither yes nor no
	HelperPick    string // the Slack people picker's placeholder in the who question
	HelperPickTyp string // the picker chosen where there is none (cairn try)
	// HelperEarly answers a mention given where a date or a step's words
	// were asked: it is kept for the who question.
	HelperEarly string
	// HelperReminder is the one DM the helper gets: %[1]s the member (a
	// mention), %[2]s the step, %[3]s when it is due ("tomorrow, Friday,
	// June 12"). Nothing else of the member's is in it.
	HelperReminder string
	// HelperWhere is where a resumed conversation was: asking about a
	// saved step's helper.
	HelperWhere string

	PractiseOffer   string // the button: ask to practise the step just added
	PractiseUndo    string // the same button once pressed: take it back
	PractiseOn      string // %s: the step
	PractiseOff     string // %s: the step
	PractiseNoGroup string // asked to practise, but in no group
	PractiseGone    string // the button of a step no longer being written
}

var englishHelpers = Helpers{
	HelperAsk:      "May I send %s one reminder before it's due? They'll see only this step.",
	HelperYes:      "Yes",
	HelperNo:       "No",
	HelperOKSaid:   "Thanks — I'll send %s one short reminder the day before.",
	HelperNoSaid:   "Okay — I won't send them anything.",
	HelperUnsure:   "Just yes or no is fine.",
	HelperPick:     "Pick someone in Slack",
	HelperPickTyp:  "Type their @name, or just a first name.",
	HelperEarly:    "That's someone to help — I'll ask who in a moment.",
	HelperWhere:    "We were talking about who helps with a step.",
	HelperReminder: "Hi! %[1]s named you as someone helping with one of their steps, and asked me to send you one reminder: “%[2]s” is due %[3]s. That's all I'll share — no need to reply.",

	PractiseOffer:   "I'd like to practise this in the group",
	PractiseUndo:    "Don't practise this after all",
	PractiseOn:      "Noted: you'd like to practise “%s” in the group.",
	PractiseOff:     "Okay — “%s” won't be on the list to practise.",
	PractiseNoGroup: "Practising a step happens in your group, and you're not in one yet.",
	PractiseGone:    "That step is saved now. Say “practise step” and its number (see “steps”) to change it.",
}

var spanishHelpers = Helpers{
	HelperAsk:      "¿Puedo enviarle a %s un recordatorio antes de la fecha? Solo verá este paso.",
	HelperYes:      "Sí",
	HelperNo:       "No",
	HelperOKSaid:   "Gracias — le enviaré a %s un recordatorio cortito el día antes.",
	HelperNoSaid:   "Está bien — no le enviaré nada.",
	HelperUnsure:   "Con un sí o un no basta.",
	HelperPick:     "Elige a alguien de Slack",
	HelperPickTyp:  "Escribe su @nombre, o solo su nombre.",
	HelperEarly:    "Esa persona te puede ayudar — te pregunto quién en un momento.",
	HelperWhere:    "Estábamos hablando de quién te ayuda con un paso.",
	HelperReminder: "¡Hola! %[1]s te nombró como alguien que le ayuda con uno de sus pasos y me pidió enviarte un recordatorio: “%[2]s” es para %[3]s. Es lo único que te cuento — no hace falta responder.",

	PractiseOffer:   "Quiero practicar esto en el grupo",
	PractiseUndo:    "Mejor no lo practico",
	PractiseOn:      "Anotado: quieres practicar “%s” en el grupo.",
	PractiseOff:     "Está bien — “%s” ya no está en la lista para practicar.",
	PractiseNoGroup: "Los pasos se practican en tu grupo, y todavía no estás en uno.",
	PractiseGone:    "Ese paso ya está guardado. Di “practicar paso” y su número (mira “pasos”) para cambiarlo.",
}

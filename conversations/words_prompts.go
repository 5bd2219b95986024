package conversations

// Prompts holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
//
// They are what the scheduler sends a member on its own: the check-in prompt
// before a session, the reminder, a navigator's nudge; and how a session's
// time is said, which digests use too.
type Prompts struct {
	PromptIntro          string // the group has no name: when
	PromptIntroNamed     string // group name, when
	PromptReminder       string // the group has no name: when
	PromptReminderNamed  string // group name, when
	PromptNudge          string // a navigator's gentle nudge
	PromptWhenToday      string // AtClock
	PromptWhenTomorrow   string // AtClock
	PromptWhenOn         string // a date (SayDateIn), AtClock
	PromptAtClock        string // the clock time ("6:00 PM")
	PromptAtOneOClock    string // the clock time between 1:00 and 1:59 (Spanish says "a la una")
	PromptClockLayout    string // a Go time layout for the clock time, before Morning/Afternoon
	PromptClockMorning   string // after the clock time before noon
	PromptClockAfternoon string // after the clock time from noon to 7 PM
	PromptClockEvening   string // after the clock time from 7 PM
}

var englishPrompts = Prompts{
	PromptIntro:          "Your group meets %s.",
	PromptIntroNamed:     "%s meets %s.",
	PromptReminder:       "A gentle reminder: your group meets %s. There's still time to check in — a couple of minutes is enough.",
	PromptReminderNamed:  "A gentle reminder: %s meets %s. There's still time to check in — a couple of minutes is enough.",
	PromptNudge:          "Hi — just thinking of you. How is your goal going? Say \"check in\" whenever you like, or \"help\" for options.",
	PromptWhenToday:      "today %s",
	PromptWhenTomorrow:   "tomorrow %s",
	PromptWhenOn:         "%s %s",
	PromptAtClock:        "at %s",
	PromptAtOneOClock:    "at %s",
	PromptClockLayout:    "3:04",
	PromptClockMorning:   "AM",
	PromptClockAfternoon: "PM",
	PromptClockEvening:   "PM",
}

var spanishPrompts = Prompts{
	PromptIntro:          "Tu grupo se reúne %s.",
	PromptIntroNamed:     "%s se reúne %s.",
	PromptReminder:       "Un recordatorio con cariño: tu grupo se reúne %s. Todavía hay tiempo para contarnos cómo vas — con un par de minutos basta.",
	PromptReminderNamed:  "Un recordatorio con cariño: %s se reúne %s. Todavía hay tiempo para contarnos cómo vas — con un par de minutos basta.",
	PromptNudge:          "Hola, solo pasaba a saludarte. ¿Cómo va tu meta? Escribe \"check-in\" cuando quieras contarnos, o \"ayuda\" para ver opciones.",
	PromptWhenToday:      "hoy %s",
	PromptWhenTomorrow:   "mañana %s",
	PromptWhenOn:         "el %s %s",
	PromptAtClock:        "a las %s",
	PromptAtOneOClock:    "a la %s",
	PromptClockLayout:    "3:04",
	PromptClockMorning:   "de la mañana", // "a. m." would end a sentence in ".."
	PromptClockAfternoon: "de la tarde",
	PromptClockEvening:   "de la noche",
}

package conversations

// Digest holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
//
// They are what a facilitator reads before a session (the digest) and what
// a navigator reads each morning (the list), in the reader's own language;
// members' words are quoted as they wrote them.
type Digest struct {
	DigestYourGroup string // the name of a group that has none
	DigestSomeone   string // how a member without a name is called
	DigestHeader    string // group name: the digest's header, plain text
	DigestTitle     string // group name, when (Prompts.When*), checked in, of
	// DigestNobody and DigestAllAway stand for DigestTitle when no member
	// is expected (never "0 of 0"): group name, when.
	DigestNobody  string
	DigestAllAway string
	// DigestContinued starts each message after a digest's or list's
	// first: its place, of how many.
	DigestContinued string
	// Headings of the digest's parts, in the order they come.
	DigestNeedsYou   string
	DigestCheckedIn  string
	DigestAway       string
	DigestToPractise string

	// One member's section. Stuck, Unreachable and NotYet come first.
	DigestStuck         string // name
	DigestStuckAsk      string
	DigestUnreachable   string // name
	DigestNotYet        string // name
	DigestAwayUntil     string // name, date (SayDateIn)
	DigestCheckedInOnly string // name: they share only that they checked in
	DigestCheckedInSome string // name, what they share (Did, StepDone… joined by Joiner)
	DigestStepDone      string // count, 1
	DigestStepsDone     string // count, more than 1
	DigestDid           string // their words
	DigestInTheWay      string // their words
	DigestSetbackNoted  string // a relapse or setback: never progress, never judged
	DigestPlans         string // their words
	DigestRulers        string // importance, confidence ("7/10", or NoRuler)
	DigestNoRuler       string
	DigestLate          string
	DigestJustCheckedIn string // checked in with nothing more to show
	DigestJoiner        string
	DigestReached       string // name: a goal reached since the last session (words kept)
	DigestReachedWords  string // name, the goal in their words
	DigestPractiseStep  string // name: a step to practise, words kept
	DigestPractiseWords string // name, the step in their words
	DigestSharingNote   string
	// DigestOnDate is a date (SayDateIn) said after a preposition, other
	// than today or tomorrow: Spanish puts an article before it.
	DigestOnDate string

	// The navigator's morning list.
	NavListGreeting    string
	NavListMember      string // name, what they share, notes joined by NavJoiner
	NavListJoiner      string
	NavListSharesAll   string
	NavListSharesSteps string
	NavListSharesCheck string
	NavListAStep       string // a step whose words the member keeps
	NavListStepWords   string // the step in the member's words
	NavListYours       string // the step, its date: a step the member gave their navigator
	NavListYoursLate   string // the step, its date: the navigator's step, past its date
	NavListAway        string // the day they are back
	NavListOverdue     string // the step, its date
	NavListDue         string // the step, its date
	NavListMissed      string
	NavListNudgeButton string // name
	NavListDoneButton  string // the navigator's step, in the member's words
	NavListQuiet       string // the names of members with nothing today
	NavListFooter      string
}

var englishDigest = Digest{
	DigestYourGroup:  "Your group",
	DigestSomeone:    "A member",
	DigestHeader:     "%s: before the session",
	DigestTitle:      "%s meets %s. %d of %d checked in.",
	DigestNobody:     "%s meets %s. Nobody has joined the group yet: each person you invited decides.",
	DigestAllAway:    "%s meets %s. Everyone is away this time.",
	DigestContinued:  "(continued, %d of %d)",
	DigestNeedsYou:   "Who may need you first",
	DigestCheckedIn:  "Checked in",
	DigestAway:       "Away",
	DigestToPractise: "To practise in the group",

	DigestStuck:         "%s: no progress for 2 sessions in a row.",
	DigestStuckAsk:      "You might ask: “Is this goal still yours?” or “Could the next step be smaller?”",
	DigestUnreachable:   "%s can't be reached on Slack, so they didn't get the check-in.",
	DigestNotYet:        "%s hasn't checked in yet.",
	DigestAwayUntil:     "%s is away, back %s.",
	DigestCheckedInOnly: "✓ %s checked in (they share only that).",
	DigestCheckedInSome: "✓ %s: %s",
	DigestStepDone:      "%d step done",
	DigestStepsDone:     "%d steps done",
	DigestDid:           "did “%s”",
	DigestInTheWay:      "in the way: “%s”",
	DigestSetbackNoted:  "had a setback — part of recovery, not a failure",
	DigestPlans:         "plans “%s”",
	DigestRulers:        "importance %s, confidence %s",
	DigestNoRuler:       "–",
	DigestLate:          "(late)",
	DigestJustCheckedIn: "checked in",
	DigestJoiner:        " · ",
	DigestReached:       "🎉 %s reached a goal since the last session.",
	DigestReachedWords:  "🎉 %s reached their goal: “%s”",
	DigestPractiseStep:  "%s would like to practise one of their steps.",
	DigestPractiseWords: "%s would like to practise: “%s”",
	DigestSharingNote:   "Each member chooses what you see of their check-ins.",
	DigestOnDate:        "%s",

	NavListGreeting:    "Good morning. For your members today:",
	NavListMember:      "• %s (%s): %s",
	NavListJoiner:      "; ",
	NavListSharesAll:   "shares everything",
	NavListSharesSteps: "shares: check-ins and steps",
	NavListSharesCheck: "shares: checked in only",
	NavListAStep:       "a step",
	NavListStepWords:   "“%s”",
	NavListYours:       "yours to do: %s by %s",
	NavListYoursLate:   "yours to do: %s, was due %s",
	NavListAway:        "away until %s (no nudges till then)",
	NavListOverdue:     "%s was due %s",
	NavListDue:         "%s due %s",
	NavListMissed:      "missed the last check-in",
	NavListNudgeButton: "Nudge %s",
	NavListDoneButton:  "Done: %s",
	NavListQuiet:       "Nothing today for %s.",
	NavListFooter:      "A nudge is a short, kind message from Cairn; at most one a day each. Each member chooses what you see.",
}

var spanishDigest = Digest{
	DigestYourGroup:  "Tu grupo",
	DigestSomeone:    "Alguien del grupo",
	DigestHeader:     "%s: antes de la sesión",
	DigestTitle:      "%s se reúne %s. %d de %d ya contaron cómo van.",
	DigestNobody:     "%s se reúne %s. Todavía no ha entrado nadie al grupo: cada persona que invitaste decide.",
	DigestAllAway:    "%s se reúne %s. Esta vez todos están fuera.",
	DigestContinued:  "(sigue, %d de %d)",
	DigestNeedsYou:   "Quién podría necesitarte primero",
	DigestCheckedIn:  "Ya contaron cómo van",
	DigestAway:       "Fuera por un tiempo",
	DigestToPractise: "Para practicar en el grupo",

	DigestStuck:         "%s: dos sesiones seguidas sin avances.",
	DigestStuckAsk:      "Podrías preguntarle: “¿Esta meta sigue siendo tuya?” o “¿Podría ser más pequeño el próximo paso?”",
	DigestUnreachable:   "No podemos escribirle a %s en Slack, así que no recibió el mensaje para contar cómo va.",
	DigestNotYet:        "%s todavía no ha contado cómo va.",
	DigestAwayUntil:     "%s está fuera; vuelve %s.",
	DigestCheckedInOnly: "✓ %s contó cómo va (solo comparte eso).",
	DigestCheckedInSome: "✓ %s: %s",
	DigestStepDone:      "%d paso hecho",
	DigestStepsDone:     "%d pasos hechos",
	DigestDid:           "hizo “%s”",
	DigestInTheWay:      "lo que se atravesó: “%s”",
	DigestSetbackNoted:  "tuvo una recaída — es parte de la recuperación, no un fracaso",
	DigestPlans:         "piensa “%s”",
	DigestRulers:        "importancia %s, confianza %s",
	DigestNoRuler:       "–",
	DigestLate:          "(tarde)",
	DigestJustCheckedIn: "contó cómo va",
	DigestJoiner:        " · ",
	DigestReached:       "🎉 %s alcanzó una meta desde la última sesión.",
	DigestReachedWords:  "🎉 %s alcanzó su meta: “%s”",
	DigestPractiseStep:  "A %s le gustaría practicar uno de sus pasos.",
	DigestPractiseWords: "A %s le gustaría practicar: “%s”",
	DigestSharingNote:   "Cada persona elige qué ves de lo que cuenta.",
	DigestOnDate:        "el %s",

	NavListGreeting:    "Buenos días. Para las personas que acompañas, hoy:",
	NavListMember:      "• %s (%s): %s",
	NavListJoiner:      "; ",
	NavListSharesAll:   "comparte todo",
	NavListSharesSteps: "comparte: si contó cómo va y sus pasos",
	NavListSharesCheck: "comparte: solo si contó cómo va",
	NavListAStep:       "un paso",
	NavListStepWords:   "“%s”",
	NavListYours:       "te toca a ti: %s para %s",
	NavListYoursLate:   "te toca a ti: %s, era para %s",
	NavListAway:        "está fuera hasta %s (sin saludos hasta entonces)",
	NavListOverdue:     "%s era para %s",
	NavListDue:         "%s es para %s",
	NavListMissed:      "no contó cómo iba antes de la última sesión",
	NavListNudgeButton: "Saludar a %s",
	NavListDoneButton:  "Hecho: %s",
	NavListQuiet:       "Hoy nada pendiente con %s.",
	NavListFooter:      "Un saludo es un mensaje corto y amable de Cairn; como mucho uno al día por persona. Cada persona elige qué ves.",
}

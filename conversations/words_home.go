package conversations

// Home is every sentence of App Home (see catalogue.go): a member's own
// Home, and the part a facilitator sees of each of their groups. Fields are
// exported so bot reads them; each English field has its Spanish twin
// below, written for the reader (tú, short, warm), not word for word.
type Home struct {
	// A member's own Home.
	HomeTitle       string
	HomeNoGoal      string
	HomeGoal        string // the goal's words
	HomeGoalOf      string // "Goal 1 of 2": n, of, the goal's words
	HomeMeasure     string
	HomeWhy         string
	HomeNoSteps     string
	HomeMoreSteps   string
	HomeWhoYou      string
	HomeWhoNav      string
	HomeMarkDone    string
	HomeEditStep    string
	HomeNextSession string // day, time
	HomeLastCheckIn string
	HomeOwnTitle    string
	HomeOwnDid      string
	HomeOwnBarrier  string
	HomeOwnPlan     string
	HomeJustForYou  string
	HomeLately      string
	HomeLatelyMore  string
	HomeSharing     string // the groups and what each sees
	// Buttons.
	HomeCheckIn     string
	HomeSetGoal     string
	HomeNewGoal     string
	HomeGoalReached string
	HomePrivacy     string
	HomeHelp        string
	HomeTalk        string
	// HomeOtherLang is the language button's label: the other language,
	// named in itself.
	HomeOtherLang string

	// A facilitator's part, one group at a time.
	FacTitle string // "Your group: %s"
	FacNext  string // day, time, checked in, expected
	// FacNextNobody and FacNextAllAway stand for FacNext when no member is
	// expected (never "0 of 0"): day, time.
	FacNextNobody  string
	FacNextAllAway string
	FacNoSession   string
	FacCalledOff   string // the sessions called off
	FacCompact     string // how many members, in short
	FacSharingNote string
	FacCheckedIn   string
	FacNotYet      string
	FacAway        string // until a day
	FacUnreachable string
	FacSharesLess  string // a member who shares only whether they checked in
	FacGoal        string // the goal's words
	FacGoalHidden  string // a goal whose words the member keeps
	FacNoGoal      string
	FacSteps       string // sessions, done/planned per session
	FacStepsOne    string // done/planned of the one session held so far
	FacStepsShort  string // done, planned
	FacStuck       string // sessions without progress
	FacAsk         string // a question
	FacAskCompact  string // the questions, once for everyone stuck
	FacMore        string // members left out
	FacMoreGroups  string // groups left out
	// The questions that might help someone stuck (motivational
	// interviewing), from the facilitator guide.
	FacAskSmaller string
	FacAskStill   string
	FacAskLikely  string
	FacAskStart   string
	// Buttons, and the confirmation before a session is called off.
	FacRecap         string
	FacChart         string // the button that sends the group's chart to the facilitator's DM
	FacSetup         string
	FacCancel        string
	FacCancelTitle   string
	FacCancelText    string // the session's day and time
	FacCancelConfirm string
	FacCancelDeny    string

	// A navigator's part: the people who said yes to them.
	NavTitle       string
	NavSharingNote string
	NavMember      string // the member's name, what they share
	NavUnreachable string
	NavQuiet       string // the names of those with nothing today
	NavMore        string // members left out
}

var englishHome = Home{
	HomeTitle:       "Your cairn",
	HomeNoGoal:      "You haven't set a goal yet. Together we'll turn a dream into one goal and a few small steps — it takes a few minutes.",
	HomeGoal:        "*Goal:* %s",
	HomeGoalOf:      "*Goal %d of %d:* %s",
	HomeMeasure:     "_How you'll know:_ %s",
	HomeWhy:         "_Why it matters:_ %s",
	HomeNoSteps:     "No steps yet. Say *goal* in our DM to add some.",
	HomeMoreSteps:   "…and %d more steps. Say *steps* in our DM to see them all.",
	HomeWhoYou:      "you",
	HomeWhoNav:      "your navigator",
	HomeMarkDone:    "Mark done",
	HomeEditStep:    "Edit",
	HomeNextSession: "Next group session: %s at %s",
	HomeLastCheckIn: "Last check-in: %s",
	HomeOwnTitle:    "*Your last check-in*",
	HomeOwnDid:      "What you did:",
	HomeOwnBarrier:  "What got in the way:",
	HomeOwnPlan:     "Your plan:",
	HomeJustForYou:  "🔒 just for you",
	HomeLately:      "*Lately*",
	HomeLatelyMore:  "_Say *history* in our DM for more._",
	HomeSharing:     "Your facilitators and navigator see — %s. Change it with *Privacy* or `/cairn privacy`.",

	HomeCheckIn:     "Check in",
	HomeSetGoal:     "Set a goal",
	HomeNewGoal:     "Set a new goal",
	HomeGoalReached: "Goal reached",
	HomePrivacy:     "Privacy",
	HomeHelp:        "Help",
	HomeTalk:        "Talk to a person",
	HomeOtherLang:   "Español",

	FacTitle:       "Your group: %s",
	FacNext:        "*Next session:* %s at %s — %d of %d checked in so far.",
	FacNextNobody:  "*Next session:* %s at %s — nobody has joined yet: each person you invited decides.",
	FacNextAllAway: "*Next session:* %s at %s — everyone is away this time.",
	FacNoSession:   "No upcoming session. Set when the group meets with *Group setup*.",
	FacCalledOff:   "Called off: %s",
	FacCompact:     "%d members, in short — those who may need you most come first.",
	FacSharingNote: "Each member chooses what you see of their check-ins.",
	FacCheckedIn:   "✓ checked in",
	FacNotYet:      "not checked in yet",
	FacAway:        "away until %s",
	FacUnreachable: "unreachable on Slack",
	FacSharesLess:  "shares only whether they checked in",
	FacGoal:        "Goal: %s",
	FacGoalHidden:  "has a goal (keeps its words private)",
	FacNoGoal:      "no goal yet",
	FacSteps:       "steps done of planned, last %d sessions: %s",
	FacStepsOne:    "steps done of planned, last session: %s",
	FacStepsShort:  "steps %d of %d",
	FacStuck:       "no progress for %d sessions",
	FacAsk:         "You might ask: %s",
	FacAskCompact:  "For those with no progress, you might ask: %s",
	FacMore:        "…and %d more — see the digest.",
	FacMoreGroups:  "Groups not shown here: %d — each one's digest has them.",

	FacAskSmaller: "“Could the next step be smaller?”",
	FacAskStill:   "“Is this goal still yours?”",
	FacAskLikely:  "“What would make it a bit more likely?”",
	FacAskStart:   "“What would you like to work on?”",

	FacRecap:         "Session recap",
	FacChart:         "Group chart",
	FacSetup:         "Group setup",
	FacCancel:        "Cancel next session",
	FacCancelTitle:   "Call off the session?",
	FacCancelText:    "Session: %s at %s. Nobody will be prompted for it.",
	FacCancelConfirm: "Call it off",
	FacCancelDeny:    "Keep it",

	NavTitle:       "People you navigate",
	NavSharingNote: "Each of them said yes to you as their navigator, and chooses what you see.",
	NavMember:      "*%s* (%s)",
	NavUnreachable: "Slack can't reach them right now: a nudge won't arrive",
	NavQuiet:       "Nothing due today for %s.",
	NavMore:        "…and %d more — see your morning list.",
}

var spanishHome = Home{
	HomeTitle:       "Tu cairn",
	HomeNoGoal:      "Todavía no tienes una meta. Juntos convertimos un sueño en una meta y unos pasos pequeños — toma unos minutos.",
	HomeGoal:        "*Meta:* %s",
	HomeGoalOf:      "*Meta %d de %d:* %s",
	HomeMeasure:     "_Cómo sabrás que lo lograste:_ %s",
	HomeWhy:         "_Por qué te importa:_ %s",
	HomeNoSteps:     "Todavía no hay pasos. Escríbeme *meta* en nuestro chat y los agregamos.",
	HomeMoreSteps:   "…y %d pasos más. Escríbeme *mis pasos* en nuestro chat para verlos todos.",
	HomeWhoYou:      "tú",
	HomeWhoNav:      "tu navegador",
	HomeMarkDone:    "Ya lo hice",
	HomeEditStep:    "Cambiar",
	HomeNextSession: "Próxima sesión del grupo: %s a las %s",
	HomeLastCheckIn: "Último check-in: %s",
	HomeOwnTitle:    "*Tu último check-in*",
	HomeOwnDid:      "Lo que hiciste:",
	HomeOwnBarrier:  "Lo que te lo hizo difícil:",
	HomeOwnPlan:     "Tu plan:",
	HomeJustForYou:  "🔒 solo para ti",
	HomeLately:      "*Últimamente*",
	HomeLatelyMore:  "_Escríbeme *historial* en nuestro chat para ver más._",
	HomeSharing:     "Lo que ven tus facilitadores y tu navegador — %s. Puedes cambiarlo con *Privacidad* o `/cairn privacidad`.",

	HomeCheckIn:     "Hacer check-in",
	HomeSetGoal:     "Poner una meta",
	HomeNewGoal:     "Otra meta",
	HomeGoalReached: "¡La logré!",
	HomePrivacy:     "Privacidad",
	HomeHelp:        "Ayuda",
	HomeTalk:        "Hablar con una persona",
	HomeOtherLang:   "English",

	FacTitle:       "Tu grupo: %s",
	FacNext:        "*Próxima sesión:* %s a las %s — %d de %d ya hicieron check-in.",
	FacNextNobody:  "*Próxima sesión:* %s a las %s — todavía no ha entrado nadie: cada persona que invitaste decide.",
	FacNextAllAway: "*Próxima sesión:* %s a las %s — esta vez todos están fuera.",
	FacNoSession:   "No hay una próxima sesión. Pon cuándo se reúne el grupo con *Configurar el grupo*.",
	FacCalledOff:   "Cancelada: %s",
	FacCompact:     "%d miembros, en corto — primero quienes quizás más te necesitan.",
	FacSharingNote: "Cada miembro decide qué ves de sus check-ins.",
	FacCheckedIn:   "✓ hizo check-in",
	FacNotYet:      "todavía sin check-in",
	FacAway:        "ausente hasta %s",
	FacUnreachable: "no le llegan los mensajes en Slack",
	FacSharesLess:  "solo comparte si hizo check-in",
	FacGoal:        "Meta: %s",
	FacGoalHidden:  "tiene una meta (sus palabras son privadas)",
	FacNoGoal:      "todavía sin meta",
	FacSteps:       "pasos hechos de los planeados, últimas %d sesiones: %s",
	FacStepsOne:    "pasos hechos de los planeados, última sesión: %s",
	FacStepsShort:  "%d de %d pasos",
	FacStuck:       "sin avances en %d sesiones",
	FacAsk:         "Podrías preguntar: %s",
	FacAskCompact:  "A quienes no han avanzado, podrías preguntarles: %s",
	FacMore:        "…y %d más — los verás en el resumen.",
	FacMoreGroups:  "Grupos que no caben aquí: %d — cada resumen los trae.",

	FacAskSmaller: "“¿Podría el próximo paso ser más pequeño?”",
	FacAskStill:   "“¿Esta meta sigue siendo tuya?”",
	FacAskLikely:  "“¿Qué lo haría un poquito más posible?”",
	FacAskStart:   "“¿En qué te gustaría trabajar?”",

	FacRecap:         "Resumen de la sesión",
	FacChart:         "Gráfica del grupo",
	FacSetup:         "Configurar el grupo",
	FacCancel:        "Cancelar la próxima sesión",
	FacCancelTitle:   "¿Cancelar la sesión?",
	FacCancelText:    "Sesión: %s a las %s — nadie recibirá el aviso de check-in.",
	FacCancelConfirm: "Sí, cancelarla",
	FacCancelDeny:    "Mejor no",

	NavTitle:       "Las personas que acompañas",
	NavSharingNote: "Cada una te eligió como su navegador(a), y decide qué ves.",
	NavMember:      "*%s* (%s)",
	NavUnreachable: "ahora mismo Slack no le llega: un saludo no le llegaría",
	NavQuiet:       "Hoy nada pendiente con %s.",
	NavMore:        "…y %d más: míralas en tu lista de la mañana.",
}

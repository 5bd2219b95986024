package conversations

// Charts holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
type Charts struct {
	// ProgressWords are what a member types in our DM to see their
	// progress (normalized: lower case, no final full stop). Both
	// languages' words work for everyone.
	ProgressWords []string
	// ProgressButton is the label of the button that shows it.
	ProgressButton string

	// The member's own chart and cairn, in their DM.
	ChartMemberTitle string // the chart's title
	ChartMemberIntro string // the message before the pictures
	// ChartMemberAlt describes the chart for a screen reader: %d sessions, then
	// the sessions as ChartAltSession items joined by ", ".
	ChartMemberAlt  string
	ChartAltSession string // %s date, %d done, %d planned
	// ChartMemberNone is said when there is nothing to chart yet.
	ChartMemberNone string
	// ChartTextBarsHead heads the text bars shown instead of a picture for one
	// or two sessions; ChartTextBar is one session: %s date, %s bar, %d done,
	// %d planned.
	ChartTextBarsHead string
	ChartTextBar      string

	// The cairn of stones: %d is the stones, one per finished step (a
	// picture is drawn only for three or more, so the plural is safe).
	CairnTitle string
	CairnAlt   string
	// CairnFew is said instead of a picture for one or two stones (%s
	// the stones, drawn by bot); CairnEmpty when there are none yet.
	CairnFew   string
	CairnEmpty string

	// Axes and legend of both charts.
	ChartAxisSession   string
	ChartAxisSteps     string
	ChartLegendDone    string
	ChartLegendPlanned string
	// ChartDateLayout is a Go time layout for a session on the chart's axis:
	// month/day in English, day/month in Spanish.
	ChartDateLayout string

	// The group's chart, for its facilitators (/cairn progress).
	ChartGroupTitle string // %s the group's name
	// ChartGroupIntro is said before it: %s the group's name; ChartGroupNote
	// reminds that each member chooses what is counted.
	ChartGroupIntro string
	ChartGroupNote  string
	// ChartGroupBarsHead heads a group's text bars (its members' steps,
	// not the reader's own).
	ChartGroupBarsHead string
	// ChartGroupAlt: %s group, %d sessions, %s the sessions as ChartAltSession items.
	ChartGroupAlt  string
	ChartGroupNone string // %s the group's name: no sessions yet
	ChartGroupSent string // the ephemeral answer: the chart is in the DM
	// ChartNotFacilitator and ChartNotAGroup are kind refusals.
	ChartNotFacilitator string
	ChartNotAGroup      string
	// ChartTrouble is said when a chart could not be made or sent.
	ChartTrouble string
}

var englishCharts = Charts{
	ProgressWords:  []string{"my progress", "show progress", "show my progress", "my chart", "my cairn", "how am i doing", "see my progress"},
	ProgressButton: "My progress",

	ChartMemberTitle:  "Your steps, session by session",
	ChartMemberIntro:  "Here's how far you've come. Every stone in your cairn is a step you finished.",
	ChartMemberAlt:    "A bar chart of the steps you finished in your last %d sessions, over the steps you planned: %s.",
	ChartAltSession:   "%s, %d done of %d planned",
	ChartMemberNone:   "There's nothing to draw yet. Once you finish a step or check in, your progress shows up here.",
	ChartTextBarsHead: "Your steps, session by session:",
	ChartTextBar:      "%s  %s  %d done of %d planned",

	CairnTitle: "Your cairn: %d stones, one for each step you finished",
	CairnAlt:   "A cairn of stones, one for each step you've finished: %d in all.",
	CairnFew:   "Your cairn so far: %s — one stone for each step you finished.",
	CairnEmpty: "Your cairn has no stones yet. Each step you finish adds one.",

	ChartAxisSession:   "Session",
	ChartAxisSteps:     "Steps",
	ChartLegendDone:    "done",
	ChartLegendPlanned: "planned",
	ChartDateLayout:    "1/2",

	ChartGroupTitle:     "%s: steps done, session by session",
	ChartGroupIntro:     "Here's %s's progress, session by session.",
	ChartGroupNote:      "Only members who share their steps with the group are counted: each member chooses what you see.",
	ChartGroupBarsHead:  "The group's steps, session by session:",
	ChartGroupAlt:       "A bar chart of the steps %s's members finished in the last %d sessions, over the steps they planned: %s.",
	ChartGroupNone:      "%s has no sessions to chart yet.",
	ChartGroupSent:      "I've sent the group's chart to our DM.",
	ChartNotFacilitator: "Only this group's facilitators can see its progress. To see your own, say \"my progress\" in our DM.",
	ChartNotAGroup:      "This channel isn't a Cairn group, so there's no progress to show here. Try it in your group's channel.",
	ChartTrouble:        "Sorry — I couldn't draw that just now. Please try again in a few minutes.",
}

var spanishCharts = Charts{
	ProgressWords:  []string{"mi progreso", "ver progreso", "ver mi progreso", "mi gráfica", "mi torre", "cómo voy", "como voy"},
	ProgressButton: "Mi progreso",

	ChartMemberTitle:  "Tus pasos, sesión por sesión",
	ChartMemberIntro:  "Mira todo lo que has avanzado. Cada piedra de tu torre es un paso que cumpliste.",
	ChartMemberAlt:    "Gráfica de barras con los pasos que cumpliste en tus últimas %d sesiones, junto a los que planeaste: %s.",
	ChartAltSession:   "%s, %d cumplidos de %d planeados",
	ChartMemberNone:   "Todavía no hay nada que dibujar. Cuando cumplas un paso o te reportes, aquí vas a ver tu progreso.",
	ChartTextBarsHead: "Tus pasos, sesión por sesión:",
	ChartTextBar:      "%s  %s  %d cumplidos de %d planeados",

	CairnTitle: "Tu torre: %d piedras, una por cada paso cumplido",
	CairnAlt:   "Una torre de piedras, una por cada paso que cumpliste: %d en total.",
	CairnFew:   "Tu torre de piedras hasta ahora: %s — una piedra por cada paso que cumpliste.",
	CairnEmpty: "Tu torre todavía no tiene piedras. Cada paso que cumplas le suma una.",

	ChartAxisSession:   "Sesión",
	ChartAxisSteps:     "Pasos",
	ChartLegendDone:    "cumplidos",
	ChartLegendPlanned: "planeados",
	ChartDateLayout:    "2/1",

	ChartGroupTitle:     "%s: pasos cumplidos, sesión por sesión",
	ChartGroupIntro:     "Así va %s, sesión por sesión.",
	ChartGroupNote:      "Solo cuento a quienes comparten sus pasos con el grupo: cada quien decide qué ves.",
	ChartGroupBarsHead:  "Los pasos del grupo, sesión por sesión:",
	ChartGroupAlt:       "Gráfica de barras con los pasos que cumplieron los miembros de %s en las últimas %d sesiones, junto a los que planearon: %s.",
	ChartGroupNone:      "%s todavía no tiene sesiones para graficar.",
	ChartGroupSent:      "Te mandé la gráfica del grupo por mensaje directo.",
	ChartNotFacilitator: "Solo quienes facilitan este grupo pueden ver su progreso. Para ver el tuyo, escríbeme \"mi progreso\" por mensaje directo.",
	ChartNotAGroup:      "Este canal no es un grupo de Cairn, así que aquí no hay progreso que mostrar. Inténtalo en el canal de tu grupo.",
	ChartTrouble:        "Perdón, no pude dibujar eso ahora. Inténtalo de nuevo en unos minutos.",
}

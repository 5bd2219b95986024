package conversations

// Setup holds the sentences of one part of Cairn (see catalogue.go). Fields are
// exported so bot and scheduler read them; each English field has its Spanish
// twin below, written for the reader (tú, short, warm), not word for word.
//
// These are bot's own words: the /cairn command's answers, its forms (titles,
// labels, placeholders, hints and the errors shown under a field), group
// invitations, joining and leaving, pauses, nudges and goal templates. Names
// carry a prefix (Slash, Group, Form, Invite, Tpl, Step…) because every part
// is embedded in Words, where two parts' fields must not share a name.
type Setup struct {
	// /cairn itself. SlashHelp is the member commands, for anyone who
	// facilitates no group; SlashHelpFacilitator the short layout for those
	// who do: their groups' commands first, their own in one line.
	SlashHelp            string
	SlashHelpFacilitator string
	SlashCheckDM         string
	SlashUnknown         string
	SlashMarkedDone      string // %s: the step's words
	SlashExportName      string // the title of the "my data" file

	// Pauses ("/cairn pause until June 20", "/cairn resume").
	SlashPaused   string // %s: the day prompts start again
	SlashResumed  string
	SlashPauseHow string

	// Forms' shared buttons and pickers.
	FormSave       string
	FormCancel     string
	FormDone       string
	FormPickPeople string

	// /cairn group: where, what, who.
	GroupInChannel     string
	GroupNoneHere      string
	GroupNoSchedule    string // %s: the group's name
	GroupMeets         string // %s the group's name, %s when it meets
	GroupMembers       string // %s: mentions
	GroupFacilitators  string // %s: mentions
	GroupNavigators    string // %s: mentions
	GroupInvited       string // %s: mentions
	GroupNobodyYet     string
	GroupCancelledNext string // %s: the session's day and time
	GroupNoNextSession string
	GroupSessionAt     string // %s the day, %s the time: "Tuesday, June 9 at 6:00 PM"
	GroupClockLayout   string // a Go time layout for a time of day
	GroupYours         string // a group without a name, as its member reads it

	// The group form.
	GroupFormTitle         string
	GroupNameLabel         string
	GroupNamePlaceholder   string
	GroupWhenLabel         string
	GroupWhenPlaceholder   string
	GroupZoneLabel         string
	GroupLeadLabel         string
	GroupQuietLabel        string
	GroupCrisisLabel       string
	GroupCrisisPlaceholder string
	GroupCrisisHint        string
	GroupMembersLabel      string
	GroupFacilsLabel       string
	GroupNavsLabel         string
	GroupNameBad           string
	GroupZoneBad           string
	GroupLeadBad           string
	GroupQuietBad          string
	GroupCrisisLong        string // %d: the most characters
	GroupPickMember        string
	GroupNeedFacilitator   string
	GroupSavedTitle        string
	GroupSaved             string // %s the name, %s when it meets, %d hours before

	// The navigator form.
	AssignTitle       string
	AssignSubmit      string
	AssignNavigator   string
	AssignPickNav     string
	AssignMembers     string
	AssignPickMembers string
	AssignNavMissing  string
	AssignNotMember   string

	// Invitations, joining, leaving and the navigator question.
	InviteAs    string // %s who, %s the group, %s where (InviteWhere or ""), %s as what
	InviteWhere string // %s: the channel's name
	InviteMeets string // %s: when it meets

	// A group's schedule said back (scheduler.Schedule.DescribeIn).
	SchedNone       string
	SchedAt         string // %s the days (or a session's day), %s the time (conversations.SayClockIn)
	SchedEveryDay   string
	SchedWeekdays   string
	SchedWeekends   string
	SchedRaw        string // %s the schedule's fields, quoted
	SchedCron       string // %s the cron fields, quoted
	SchedNext       string // %s the next sessions, joined by "; "
	SchedNoUpcoming string
	SchedAnd        string // between the last two of a list: "Mondays and Thursdays"
	// A time of day by the part of the day it falls in (SayClockIn); %s is
	// the hour and minutes, "6:00". Spanish gives "la 1:00" its article.
	ClockMidnight     string // 0:00–0:59
	ClockEarly        string // 1:00–5:59
	ClockMorning      string // 6:00–11:59
	ClockNoon         string // 12:00–12:59
	ClockAfternoon    string // 13:00–19:59
	ClockNight        string // 20:00–23:59
	InviteSees        string // %s: the facilitators' names
	InviteNothing     string
	InviteNavSees     string // instead of InviteSees and InviteNothing, to a navigator only
	InviteJoin        string
	InviteNoThanks    string
	InviteAsMember    string
	InviteAsFacil     string
	InviteAsNavigator string
	InviteAnd         string // joins roles: "a facilitator and a navigator"
	InviteRoleFacil   string // a role's short name, after "as"
	InviteRoleNav     string
	InviteRoleMember  string
	InviteGone        string
	JoinedMember      string // %s: the group
	JoinedRole        string // %s the group, %s the roles
	Declined          string // %s: the group
	LeftGroup         string // %s: the group
	LeaveButton       string
	LeaveGroupButton  string // %s: the group
	LeaveNotIn        string
	LeaveNoGroups     string
	LeavePickInDM     string
	LeaveWhich        string
	NavAsk            string // %s who suggests, %s the navigator, %s the group
	NavAskYes         string
	NavAskNotNow      string
	NavAskedBy        string // when the facilitator's name is unknown
	NavYes            string // %s the navigator, %s the group
	NavNo             string // %s the group, %s the navigator
	NavGone           string
	NavEndButton      string // on NavYes: the member takes their yes back
	NavEnded          string // %s the navigator, %s the group
	NudgeSent         string // %s: the member
	NudgedToday       string // %s: the member
	NudgeAway         string // %s: the member, %s: the day they are back
	NavDoneMarked     string // to the navigator: %s the step, %s the member
	NavDoneGone       string // to the navigator: the step is no longer theirs to tick
	NavDidStep        string // to the member: %s the navigator, %s the step
	PersonThem        string // a member with no name, in NudgeSent
	PersonSomeone     string // a person whose name Slack would not give

	// What a member lets their groups see (buttons and what a choice means).
	ShareChosen string // marks the current choice on its button

	// /cairn templates.
	TplInChannel        string
	TplTitle            string
	TplGoal             string
	TplGoalPlaceholder  string
	TplGoalHint         string // a hint: up to 75 characters, as are labels and buttons
	TplSteps            string
	TplStepsPlaceholder string
	TplStepsHint        string
	TplRemove           string
	TplIntro            string
	TplNeedGoal         string
	TplTooMany          string // %d: the most steps
	TplTooLong          string // %d: the most characters
	TplFull             string // %d: the most templates

	// The form that edits one step (from App Home).
	StepFormTitle           string
	StepFormWhat            string
	StepFormWhatPlaceholder string
	StepFormWhen            string
	StepFormWhenPlaceholder string
	StepFormWho             string
	StepFormWhoPlaceholder  string
	StepFormWhoMe           string
	StepFormWhoNavigator    string
	StepFormWhoSomeone      string
	StepFormName            string
	StepFormNamePlaceholder string
	StepFormWhatEmpty       string
	StepFormWhatLong        string
	StepFormNameEmpty       string
	StepFormWhoPick         string
}

var englishSetup = Setup{
	SlashHelp: "*/cairn* works with:\n" +
		"• `/cairn goal` — set a goal, in a DM with me\n" +
		"• `/cairn checkin` — check in before your session\n" +
		"• `/cairn steps` — see your goal and steps (only you see this)\n" +
		"• `/cairn progress` — your progress as a picture, in our DM\n" +
		"• `/cairn pause until June 20` and `/cairn resume` — time away from prompts\n" +
		"• `/cairn group` — when your group meets\n" +
		"• `/cairn privacy` — what your group's facilitators and navigator see of your check-ins\n" +
		"• `/cairn leave` — leave a group (in its channel), at once\n" +
		"• In our DM, say *talk to a person* any time: I'll ask your navigator (or facilitator) to reach out\n" +
		"• `/cairn my data` — a copy of everything Cairn holds about you; `/cairn forget me` — delete all of it\n" +
		"• `/cairn help` — this help\n" +
		"In our DM you can also say *help*, *back* or *stop* at any time.\n" +
		"If you're in crisis, call or text 988 (US), any time.",
	SlashHelpFacilitator: "*/cairn* for the groups you facilitate, in the group's channel:\n" +
		"• `/cairn recap` — write up the session just held\n" +
		"• `/cairn export` — the group's records, as a CSV file in our DM\n" +
		"• `/cairn progress` — the group's steps, session by session, as a chart\n" +
		"• `/cairn group setup` · `assign` · `cancel` — schedule, people, calling off the next session\n" +
		"• `/cairn templates` — example goals for members who don't know where to start\n" +
		"*For yourself:* `/cairn goal` · `checkin` · `steps` · `progress` · `pause` · `resume` · `group` · `privacy` · `leave` · `my data` · `forget me`\n" +
		"In our DM you can say *help*, *back*, *stop* or *talk to a person* at any time.\n" +
		"If you're in crisis, call or text 988 (US), any time.",
	SlashCheckDM:    "I've sent you a direct message. Let's talk there.",
	SlashUnknown:    "I don't know that one yet.",
	SlashMarkedDone: "Marked done: %s. That's another stone on your cairn.",
	SlashExportName: "Everything Cairn holds about you",

	SlashPaused:   "Okay — no check-in prompts until %s. Your goal and steps stay as they are. `/cairn resume` turns them back on sooner.",
	SlashResumed:  "Welcome back — check-in prompts are on again.",
	SlashPauseHow: "Say when you'll be back, like `/cairn pause until June 20` or `/cairn pause 2 weeks`.",

	FormSave:       "Save",
	FormCancel:     "Cancel",
	FormDone:       "Done",
	FormPickPeople: "Pick people",

	GroupInChannel:     "Run `/cairn group setup` in the group's own channel, so I know which channel it is.",
	GroupNoneHere:      "There's no group set up in this channel yet. A facilitator can start one with `/cairn group setup`.",
	GroupNoSchedule:    "*%s* has no schedule yet. A facilitator can set one with `/cairn group setup`.",
	GroupMeets:         "*%s* meets %s",
	GroupMembers:       "Members: %s",
	GroupFacilitators:  "Facilitators: %s",
	GroupNavigators:    "Navigators: %s",
	GroupInvited:       "Invited, not joined yet: %s",
	GroupNobodyYet:     "nobody yet",
	GroupCancelledNext: "The session on %s is called off. Nobody will be prompted for it.",
	GroupNoNextSession: "This group has no upcoming session to call off.",
	GroupSessionAt:     "%s at %s",
	GroupClockLayout:   "3:04 PM",
	GroupYours:         "your group",

	GroupFormTitle:         "Set up your group",
	GroupNameLabel:         "Group name",
	GroupNamePlaceholder:   "Tuesday evening group",
	GroupWhenLabel:         "When does it meet?",
	GroupWhenPlaceholder:   "Tuesdays 6pm",
	GroupZoneLabel:         "Time zone",
	GroupLeadLabel:         "Check-in prompt, hours before each session",
	GroupQuietLabel:        "Quiet hours (no messages), in each person's zone",
	GroupCrisisLabel:       "Crisis contacts (shown to members in a crisis)",
	GroupCrisisPlaceholder: "Call our warmline 555-0100, 9am–9pm",
	GroupCrisisHint:        "Left empty, members are given 988 (US) and their emergency number.",
	GroupMembersLabel:      "Members",
	GroupFacilsLabel:       "Facilitators",
	GroupNavsLabel:         "Navigators",
	GroupNameBad:           "Give the group a short name (up to 80 characters).",
	GroupZoneBad:           "That isn't a time zone I know. Use a name like America/New_York or Europe/Berlin.",
	GroupLeadBad:           "A number of hours from 1 to 168 (a week).",
	GroupQuietBad:          "Write quiet hours like 21:00-08:00, or leave it empty for that default.",
	GroupCrisisLong:        "Keep crisis contacts short (up to %d characters): a number or two and when to call.",
	GroupPickMember:        "Pick at least one member.",
	GroupNeedFacilitator:   "A group needs at least one facilitator.",
	GroupSavedTitle:        "Group saved",
	GroupSaved: "*%s* is set up. It meets %s\n" +
		"I've invited the people you named: each gets a message from me and joins if they want to. " +
		"Members get their check-in prompt %d hours before each session, once they've joined.",

	AssignTitle:       "Assign a navigator",
	AssignSubmit:      "Assign",
	AssignNavigator:   "Navigator",
	AssignPickNav:     "Pick a navigator",
	AssignMembers:     "Their members",
	AssignPickMembers: "Pick members",
	AssignNavMissing:  "Pick a navigator.",
	AssignNotMember:   "Everyone here must be a member of this group; add them in `/cairn group setup` first.",

	InviteAs:    "%s set up “%s”%s and would like you to join as %s.",
	InviteWhere: " in the #%s channel",
	InviteMeets: "It meets %s",

	SchedNone:         "No meeting time is set.",
	SchedAt:           "%s at %s",
	SchedEveryDay:     "every day",
	SchedWeekdays:     "weekdays",
	SchedWeekends:     "weekends",
	SchedRaw:          "Meets on schedule %s",
	SchedCron:         "Meets on cron schedule %s",
	SchedNext:         "Next: %s.",
	SchedNoUpcoming:   "No upcoming sessions.",
	SchedAnd:          " and ",
	ClockMidnight:     "%s AM",
	ClockEarly:        "%s AM",
	ClockMorning:      "%s AM",
	ClockNoon:         "%s PM",
	ClockAfternoon:    "%s PM",
	ClockNight:        "%s PM",
	InviteSees:        "If you join, what you share in your check-ins is seen by the group's facilitators (%s) and by your navigator in the group, if you say yes to one. You choose how much: by default, whether you checked in and the steps you did; /cairn privacy changes it anytime.",
	InviteNothing:     "Nothing of yours is shared and you get no prompts unless you join, and you can leave anytime.",
	InviteNavSees:     "Each member is asked whether you may be their navigator and chooses how much you see; anyone who says no is never on your list. Each morning at 9 (your time) you get a short list and can send a gentle nudge. You can leave anytime.",
	InviteJoin:        "Join",
	InviteNoThanks:    "No thanks",
	InviteAsMember:    "a member",
	InviteAsFacil:     "a facilitator (you'd see members' check-ins as each of them chooses to share)",
	InviteAsNavigator: "a navigator (members who say yes to you would be on your morning list)",
	InviteAnd:         " and ",
	InviteRoleFacil:   "a facilitator",
	InviteRoleNav:     "a navigator",
	InviteRoleMember:  "a member",
	InviteGone:        "That invitation isn't open any more. If you'd like to join, ask the group's facilitator to invite you again.",
	JoinedMember:      "You're in “%s”. Welcome! You'll get a check-in prompt before each session. Next, pick what the group sees of your check-ins (/cairn privacy changes it anytime); you can leave anytime with the button below or /cairn leave.",
	JoinedRole:        "You're in “%s” as %s. You can leave anytime with the button below or /cairn leave.",
	Declined:          "No problem — you're not in “%s”, and nothing of yours is shared with it. If you change your mind, ask its facilitator to invite you again.",
	LeftGroup:         "You've left “%s”. Nothing new of yours will be shared with it, and its prompts stop now. Take care — you're welcome back anytime.",
	LeaveButton:       "Leave this group",
	LeaveGroupButton:  "Leave %s",
	LeaveNotIn:        "You're not in that group, so there's nothing to leave.",
	LeaveNoGroups:     "You're not in any group, so there's nothing to leave.",
	LeavePickInDM:     "I've sent you a direct message: pick the group you'd like to leave there.",
	LeaveWhich:        "Which group would you like to leave? It takes effect at once.",
	NavAsk:            "%s suggests %s as your navigator in “%s”. A navigator gets a short list each morning with your steps due soon and whether you missed a check-in (as much as you share), and can send you a gentle nudge. Is that okay?",
	NavAskYes:         "Yes, that's fine",
	NavAskNotNow:      "Not now",
	NavAskedBy:        "The group's facilitator",
	NavYes:            "Done — %s is your navigator in “%s”. Changed your mind? The button below ends it anytime, and you stay in the group.",
	NavEndButton:      "End my navigator",
	NavEnded:          "Okay — %s is no longer your navigator in “%s”. Nothing about you goes to them any more, and they are not told why.",
	NavNo:             "Okay — no navigator for now in “%s”. Nothing about you goes to %s.",
	NavGone:           "That question isn't open any more.",
	NudgeSent:         "Sent %s a gentle nudge.",
	NudgedToday:       "%s already got a nudge today. One a day is plenty.",
	NudgeAway:         "%s is away until %s, so Cairn won't nudge them till then.",
	NavDoneMarked:     "Marked done: “%s” ✓ — I've let %s know.",
	NavDoneGone:       "That step isn't on your list any more.",
	NavDidStep:        "%s did their part: “%s” ✓",
	PersonThem:        "them",
	PersonSomeone:     "someone in your workspace",

	ShareChosen: "✓ %s",

	TplInChannel:        "Run `/cairn templates` in the group's own channel.",
	TplTitle:            "Goal templates",
	TplGoal:             "A goal, in plain words",
	TplGoalPlaceholder:  "A place of my own by winter",
	TplGoalHint:         "Like “A part-time job by spring”. Members make it their own.",
	TplSteps:            "Up to 5 example steps, one per line",
	TplStepsPlaceholder: "Call the housing authority\nVisit one apartment",
	TplStepsHint:        "Small and concrete, like “Go to the resume workshop”.",
	TplRemove:           "Remove",
	TplIntro:            "Members of this group see these first when they pick from examples at the goal question.",
	TplNeedGoal:         "Write the goal these steps are for.",
	TplTooMany:          "Up to %d steps, please — a first few are plenty.",
	TplTooLong:          "Keep each line under %d characters.",
	TplFull:             "This group has %d templates already; remove one to add another.",

	StepFormTitle:           "Edit a step",
	StepFormWhat:            "What",
	StepFormWhatPlaceholder: "What will you do?",
	StepFormWhen:            "When",
	StepFormWhenPlaceholder: "Friday, the 20th, next week…",
	StepFormWho:             "Who",
	StepFormWhoPlaceholder:  "Who does it?",
	StepFormWhoMe:           "Me",
	StepFormWhoNavigator:    "My navigator",
	StepFormWhoSomeone:      "Someone else (name below)",
	StepFormName:            "Their name",
	StepFormNamePlaceholder: "A first name",
	StepFormWhatEmpty:       "Say what you'll do, in a few words.",
	StepFormWhatLong:        "That's long for one step — could it be shorter (or two steps)?",
	StepFormNameEmpty:       "Who is it? A first name is fine.",
	StepFormWhoPick:         "Pick who does this step.",
}

var spanishSetup = Setup{
	SlashHelp: "*/cairn* sirve para:\n" +
		"• `/cairn meta` — ponerte una meta, conmigo por mensaje directo\n" +
		"• `/cairn checkin` — contarme cómo te fue antes de tu sesión\n" +
		"• `/cairn pasos` — ver tu meta y tus pasos (solo tú los ves)\n" +
		"• `/cairn pausa hasta el 20 de junio` y `/cairn reanudar` — un descanso de los recordatorios\n" +
		"• `/cairn progress` — tu progreso en una imagen, en nuestro chat\n" +
		"• `/cairn grupo` — cuándo se reúne tu grupo\n" +
		"• `/cairn privacidad` — qué ven de tus check-ins los facilitadores y tu navegador\n" +
		"• `/cairn salir` — salir de un grupo (en su canal), al momento\n" +
		"• En nuestro chat, escribe *hablar con una persona* cuando quieras: le pido a tu navegador (o facilitador) que te busque\n" +
		"• `/cairn my data` — una copia de todo lo que Cairn guarda de ti; `/cairn forget me` — borrarlo todo\n" +
		"• `/cairn ayuda` — esta ayuda\n" +
		"En nuestro chat también puedes escribir *ayuda*, *atrás* o *parar* cuando quieras.\n" +
		"Si estás en crisis, llama o escribe al 988 (EE. UU.), a cualquier hora.",
	SlashHelpFacilitator: "*/cairn* para los grupos que facilitas, en el canal del grupo:\n" +
		"• `/cairn recap` — escribir el resumen de la sesión que acaba de pasar\n" +
		"• `/cairn export` — los registros del grupo, en un archivo CSV en nuestro chat\n" +
		"• `/cairn progress` — los pasos del grupo, sesión por sesión, en una gráfica\n" +
		"• `/cairn group setup` · `assign` · `cancel` — horario, personas y cancelar la próxima sesión\n" +
		"• `/cairn templates` — ejemplos de metas para quien no sabe por dónde empezar\n" +
		"*Para ti:* `/cairn meta` · `checkin` · `pasos` · `progress` · `pausa` · `reanudar` · `grupo` · `privacidad` · `salir` · `my data` · `forget me`\n" +
		"En nuestro chat puedes escribir *ayuda*, *atrás*, *parar* o *hablar con una persona* cuando quieras.\n" +
		"Si estás en crisis, llama o escribe al 988 (EE. UU.), a cualquier hora.",
	SlashCheckDM:    "Te mandé un mensaje directo. Sigamos por ahí.",
	SlashUnknown:    "Ese todavía no lo conozco.",
	SlashMarkedDone: "Listo: %s. Una piedra más en tu cairn.",
	SlashExportName: "Todo lo que Cairn guarda de ti",

	SlashPaused:   "Listo — sin recordatorios hasta esta fecha: %s. Tu meta y tus pasos se quedan igual. Con `/cairn reanudar` vuelven antes.",
	SlashResumed:  "¡Qué bueno tenerte de vuelta! Los recordatorios ya están activos otra vez.",
	SlashPauseHow: "Dime cuándo vuelves, por ejemplo `/cairn pausa hasta el 20 de junio` o `/cairn pausa por 2 semanas`.",

	FormSave:       "Guardar",
	FormCancel:     "Cancelar",
	FormDone:       "Listo",
	FormPickPeople: "Elige personas",

	GroupInChannel:     "Usa `/cairn group setup` en el canal del grupo, así sé cuál es.",
	GroupNoneHere:      "Todavía no hay un grupo en este canal. Un facilitador puede crearlo con `/cairn group setup`.",
	GroupNoSchedule:    "*%s* todavía no tiene horario. Un facilitador puede ponerlo con `/cairn group setup`.",
	GroupMeets:         "*%s* se reúne %s",
	GroupMembers:       "Miembros: %s",
	GroupFacilitators:  "Facilitadores: %s",
	GroupNavigators:    "Navegadores: %s",
	GroupInvited:       "Invitados que aún no entran: %s",
	GroupNobodyYet:     "nadie todavía",
	GroupCancelledNext: "Se cancela la sesión: %s. No le voy a mandar recordatorio a nadie.",
	GroupNoNextSession: "Este grupo no tiene una próxima sesión que cancelar.",
	GroupSessionAt:     "%s a las %s",
	GroupClockLayout:   "15:04",
	GroupYours:         "tu grupo",

	GroupFormTitle:         "Arma tu grupo",
	GroupNameLabel:         "Nombre del grupo",
	GroupNamePlaceholder:   "Grupo del martes en la tarde",
	GroupWhenLabel:         "¿Cuándo se reúne?",
	GroupWhenPlaceholder:   "los martes a las 6 de la tarde", // read by scheduler.ParseScheduleIn
	GroupZoneLabel:         "Zona horaria",
	GroupLeadLabel:         "Recordatorio: horas antes de cada sesión",
	GroupQuietLabel:        "Horas de silencio (sin mensajes), en la zona de cada quien",
	GroupCrisisLabel:       "Contactos de crisis (los ve quien esté en crisis)",
	GroupCrisisPlaceholder: "Llama a nuestra línea de apoyo 555-0100, de 9 a 21 h",
	GroupCrisisHint:        "Si lo dejas vacío, les damos el 988 (EE. UU.) y su número de emergencias.",
	GroupMembersLabel:      "Miembros",
	GroupFacilsLabel:       "Facilitadores",
	GroupNavsLabel:         "Navegadores",
	GroupNameBad:           "Ponle al grupo un nombre corto (hasta 80 caracteres).",
	GroupZoneBad:           "No conozco esa zona horaria. Usa un nombre como America/Mexico_City o America/New_York.",
	GroupLeadBad:           "Un número de horas del 1 al 168 (una semana).",
	GroupQuietBad:          "Escribe las horas de silencio así: 21:00-08:00, o déjalo vacío para usar ese horario.",
	GroupCrisisLong:        "Que los contactos de crisis sean cortos (hasta %d caracteres): uno o dos números y cuándo llamar.",
	GroupPickMember:        "Elige al menos un miembro.",
	GroupNeedFacilitator:   "Un grupo necesita al menos un facilitador.",
	GroupSavedTitle:        "Grupo guardado",
	GroupSaved: "*%s* ya está listo. Se reúne %s\n" +
		"Invité a las personas que nombraste: a cada una le llega un mensaje mío y entra si quiere. " +
		"Los miembros reciben su recordatorio %d horas antes de cada sesión, cuando ya estén dentro.",

	AssignTitle:       "Asignar un navegador",
	AssignSubmit:      "Asignar",
	AssignNavigator:   "Navegador",
	AssignPickNav:     "Elige un navegador",
	AssignMembers:     "Sus miembros",
	AssignPickMembers: "Elige miembros",
	AssignNavMissing:  "Elige un navegador.",
	AssignNotMember:   "Todos aquí tienen que ser miembros del grupo; agrégalos primero con `/cairn group setup`.",

	InviteAs:    "%s armó “%s”%s y le gustaría que entres como %s.",
	InviteWhere: " en el canal #%s",
	InviteMeets: "Se reúne %s",

	SchedNone:         "sin horario fijo por ahora.",
	SchedAt:           "%s a %s",
	SchedEveryDay:     "todos los días",
	SchedWeekdays:     "de lunes a viernes",
	SchedWeekends:     "los fines de semana",
	SchedRaw:          "según el horario %s",
	SchedCron:         "según el horario cron %s",
	SchedNext:         "Próximas sesiones: %s.",
	SchedNoUpcoming:   "No hay sesiones próximas.",
	SchedAnd:          " y ",
	ClockMidnight:     "las %s de la noche",
	ClockEarly:        "las %s de la madrugada",
	ClockMorning:      "las %s de la mañana",
	ClockNoon:         "las %s del mediodía",
	ClockAfternoon:    "las %s de la tarde",
	ClockNight:        "las %s de la noche",
	InviteSees:        "Si entras, lo que compartes en tus check-ins lo ven los facilitadores del grupo (%s) y tu navegador, si aceptas uno. Tú decides cuánto: de entrada, si hiciste tu check-in y los pasos que completaste; con /cairn privacidad lo cambias cuando quieras.",
	InviteNothing:     "Si no entras, no se comparte nada tuyo ni te llegan recordatorios. Y puedes salir cuando quieras.",
	InviteNavSees:     "A cada miembro se le pregunta si quiere que seas su navegador, y cada quien decide cuánto ves; quien diga que no, nunca aparece en tu lista. Cada mañana a las 9 (tu hora) te llega una lista corta y puedes mandar un saludo. Puedes salir cuando quieras.",
	InviteJoin:        "Entrar",
	InviteNoThanks:    "No, gracias",
	InviteAsMember:    "miembro",
	InviteAsFacil:     "facilitador (verías los check-ins de cada miembro según lo que cada quien decida compartir)",
	InviteAsNavigator: "navegador (los miembros que te acepten estarían en tu lista de cada mañana)",
	InviteAnd:         " y ",
	InviteRoleFacil:   "facilitador",
	InviteRoleNav:     "navegador",
	InviteRoleMember:  "miembro",
	InviteGone:        "Esa invitación ya no está abierta. Si quieres entrar, pídele al facilitador del grupo que te invite otra vez.",
	JoinedMember:      "Ya estás en “%s”. ¡Qué gusto tenerte! Antes de cada sesión te llega un recordatorio. Ahora elige qué ve el grupo de tus check-ins (con /cairn privacidad lo cambias cuando quieras); puedes salir cuando quieras con el botón de abajo o /cairn salir.",
	JoinedRole:        "Ya estás en “%s” como %s. Puedes salir cuando quieras con el botón de abajo o /cairn salir.",
	Declined:          "No pasa nada — no estás en “%s” y no se comparte nada tuyo. Si cambias de idea, pídele a su facilitador que te invite otra vez.",
	LeftGroup:         "Saliste de “%s”. Ya no se comparte nada nuevo tuyo y sus recordatorios paran ahora. Cuídate — aquí siempre tienes un lugar.",
	LeaveButton:       "Salir de este grupo",
	LeaveGroupButton:  "Salir de %s",
	LeaveNotIn:        "No estás en ese grupo, así que no hay nada de qué salir.",
	LeaveNoGroups:     "No estás en ningún grupo, así que no hay nada de qué salir.",
	LeavePickInDM:     "Te mandé un mensaje directo: ahí eliges de qué grupo quieres salir.",
	LeaveWhich:        "¿De qué grupo quieres salir? Es al momento.",
	NavAsk:            "%s te propone a %s como tu navegador en “%s”. Un navegador recibe cada mañana una lista corta con tus pasos próximos y si te faltó un check-in (según lo que compartas), y te puede mandar un saludo de vez en cuando. ¿Te parece bien?",
	NavAskYes:         "Sí, está bien",
	NavAskNotNow:      "Ahora no",
	NavAskedBy:        "El facilitador del grupo",
	NavYes:            "Listo — %s es tu navegador en “%s”. ¿Cambiaste de idea? Con el botón de abajo lo terminas cuando quieras, y sigues en el grupo.",
	NavEndButton:      "Ya no quiero navegador",
	NavEnded:          "Está bien — %s ya no es tu navegador en “%s”. Ya no le llega nada tuyo, y no se le dice por qué.",
	NavNo:             "Está bien — por ahora sin navegador en “%s”. Nada tuyo le llega a %s.",
	NavGone:           "Esa pregunta ya no está abierta.",
	NudgeSent:         "Le mandé un saludo a %s.",
	NudgedToday:       "%s ya recibió un saludo hoy. Con uno al día basta.",
	NudgeAway:         "%s está fuera hasta %s, así que Cairn no le manda saludos hasta entonces.",
	NavDoneMarked:     "Listo: “%s” ✓. Ya le avisé a %s.",
	NavDoneGone:       "Ese paso ya no está en tu lista.",
	NavDidStep:        "%s hizo su parte: “%s” ✓",
	PersonThem:        "esa persona",
	PersonSomeone:     "alguien de tu espacio de trabajo",

	ShareChosen: "✓ %s",

	TplInChannel:        "Usa `/cairn templates` en el canal del grupo.",
	TplTitle:            "Ejemplos de metas",
	TplGoal:             "Una meta, en palabras sencillas",
	TplGoalPlaceholder:  "Un lugar propio para el invierno",
	TplGoalHint:         "Como “Un trabajo de medio tiempo”. Cada quien la hace suya.",
	TplSteps:            "Hasta 5 pasos de ejemplo, uno por línea",
	TplStepsPlaceholder: "Llamar a la oficina de vivienda\nVisitar un departamento",
	TplStepsHint:        "Pequeños y concretos, como “Ir al taller de currículum”.",
	TplRemove:           "Quitar",
	TplIntro:            "Los miembros de este grupo ven estos primero cuando eligen un ejemplo al ponerse una meta.",
	TplNeedGoal:         "Escribe la meta de estos pasos.",
	TplTooMany:          "Hasta %d pasos, por favor — con unos pocos para empezar basta.",
	TplTooLong:          "Que cada línea tenga menos de %d caracteres.",
	TplFull:             "Este grupo ya tiene %d ejemplos; quita uno para agregar otro.",

	StepFormTitle:           "Cambiar un paso",
	StepFormWhat:            "Qué",
	StepFormWhatPlaceholder: "¿Qué vas a hacer?",
	StepFormWhen:            "Cuándo",
	StepFormWhenPlaceholder: "el viernes, el 20, la próxima semana…",
	StepFormWho:             "Quién",
	StepFormWhoPlaceholder:  "¿Quién lo hace?",
	StepFormWhoMe:           "Yo",
	StepFormWhoNavigator:    "Mi navegador",
	StepFormWhoSomeone:      "Otra persona (su nombre abajo)",
	StepFormName:            "Su nombre",
	StepFormNamePlaceholder: "Un nombre de pila",
	StepFormWhatEmpty:       "Cuéntame qué vas a hacer, en pocas palabras.",
	StepFormWhatLong:        "Es largo para un solo paso — ¿lo hacemos más corto (o en dos pasos)?",
	StepFormNameEmpty:       "¿Quién es? Con el nombre basta.",
	StepFormWhoPick:         "Elige quién hace este paso.",
}

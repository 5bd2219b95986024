package conversations

// Talk is every sentence of the member's DM conversation (see catalogue.go).
// One question per message, short lines, plain words; nothing judges.
type Talk struct {
	// OwnerNavigator and OwnerYou name who does a step, in a step's line.
	OwnerNavigator string
	OwnerYou       string
	// Barriers label the common things that get in the way (the button
	// values stay the English names in barriers, which check-ins store).
	Barriers        []string
	Intro           string
	Menu            string
	Hello           string
	Happy           string
	Goal            string
	GoalKeep        string
	Why             string
	Support         string
	NoOne           string
	StepFirst       string
	StepNext        string
	StepCheckinPlan string
	StepSplit       string
	StepKeepOne     string
	StepWhen        string
	StepNoDate      string
	// StepWhatBy asks what the step is when only its day was typed.
	StepWhatBy string
	// GoalWhenKept and GoalWhatBy: a goal answered with only a time keeps
	// it as the by-when and asks what the goal is.
	GoalWhenKept string
	GoalWhatBy   string
	// IdleUnsure, IdleOther and IdleShort answer, outside any question,
	// "idk", something told (a few words or more) and a short line Cairn
	// has no use for ("keep both"); a greeting gets Hello.
	IdleWelcome string
	IdleFeeling string
	IdleUnsure  string
	IdleOther   string
	IdleShort   string
	// GoalUnsure leads the examples offered for "idk" as the goal.
	GoalUnsure string
	// StepUnsure offers ideas for "idk" as a first step; StepsLater goes on
	// without steps after a second.
	StepUnsure string
	StepsLater string
	// StepWhatFirst answers "me" where the step's words were asked.
	StepWhatFirst       string
	StepFar             string
	StepKeepDate        string
	StepOtherDay        string
	StepWho             string
	WhoMe               string
	WhoNavigator        string
	WhoOther            string
	StepWhoName         string
	WhoNotADay          string
	WhoAgain            string
	StepAdded           string
	AddAnother          string
	ThatsAll            string
	Confirm             string
	Save                string
	Edit                string
	StartOver           string
	EditWhat            string
	EditGoal            string
	EditWhy             string
	EditSupport         string
	EditAddStep         string
	EditDropStep        string
	DropWhich           string
	DropNone            string
	Saved               string
	SavedNoStep         string
	CheckinNoGoal       string
	CheckinDid          string
	CheckinDidSteps     string
	CheckinMore         string
	MarkedStone         string
	StepAlreadyDone     string
	WhichStep           string
	NoneOfThese         string
	NoStepNumbered      string
	Nothing             string
	DoneChecking        string
	Barrier             string
	BarrierThanks       string
	PlanAsStep          string
	YesAdd              string
	NoThanks            string
	Importance          string
	Confidence          string
	Skip                string
	RulerBad            string
	CheckinSaved        string
	CheckinLate         string
	NothingToCancel     string
	CantGoBack          string
	Empty               string
	TooLong             string
	EmojiOnly           string
	PickOne             string
	NoSteps             string
	NoGoalYet           string
	StepNotFound        string
	Help                string
	Paused              string
	Resumed             string
	PauseHow            string
	Crisis              string
	Lifeline988         string
	GroupContacts       string
	Emergency           string
	CrisisOffer         string
	CrisisHeld          string
	CrisisNotNow        string
	Setback             string
	LowSelf             string
	ReflectThanks       string
	LowRating           string
	NothingTwice        string
	StillYourGoal       string
	MoreLikely          string
	Smaller             string
	GoalLetGo           string
	ChoiceTellNavigator string
	ChoiceNotNow        string
	ChoiceContinue      string
	ChoiceSetGoal       string
	ChoiceCheckIn       string
	ChoiceMySteps       string
	ChoiceHelp          string

	// Commands that work anywhere (commands.go).
	DoneOrAnswer         string
	PauseOrAnswer        string
	MarkStepDone         string
	TakeABreak           string
	ItsMyAnswer          string
	Stopped              string
	StoppedNothing       string
	Kept                 string
	KeptStep             string
	KeptStepsN           string
	KeptSteps            string
	KeptNewStep          string
	KeptCheckIn          string
	ResumeHead           string
	WereAddingStep       string
	WereCheckingIn       string
	WereCheckingInNoGoal string
	WereSettingGoal      string
	WereDreaming         string
	WereStartingGoal     string
	// Help inside a question: what it asks, then the way out.
	HelpWayOut      string
	HelpCrisis      string
	HelpAnswer      string
	HelpDream       string
	HelpHappy       string
	HelpGoal        string
	HelpMeasure     string
	HelpWhy         string
	HelpSupport     string
	HelpStepWhat    string
	HelpStepWhen    string
	HelpStepFar     string
	HelpStepWho     string
	HelpStepWhoName string
	HelpStepMore    string
	HelpConfirm     string
	HelpEdit        string
	HelpDropStep    string
	HelpDid         string
	HelpBarrier     string
	HelpPlan        string
	HelpPlanAsStep  string
	HelpRuler       string
	HelpReflect     string

	// A goal's life after it is set (lifecycle.go).
	Reached        string
	ReachedCairn   string
	ReachedDream   string
	ReachedConfirm string
	ReachedYes     string
	NotYet         string
	NextGoal       string
	SetNewGoal     string
	NotNow         string
	Later          string
	BackTo         string
	WhichGoal      string
	NeverMind      string
	NothingChanged string
	Revise         string
	ReviseWords    string
	ReviseDate     string
	LetGo          string
	ChangeAGoal    string
	ReviseWordsQ   string
	ReviseDateQ    string
	Revised        string
	DropGoal       string
	KeepSteps      string
	DropStepsToo   string
	Dropped        string
	DroppedMoved   string
	DroppedKept    string
	Beside         string
	BesideTwo      string
	AddBeside      string
	Replace        string
	ReplaceStart   string
	GoalsFull      string
	GoalHeading    string
	StepChanged    string
	// StepRenumbered follows StepChanged when a new day moved the step in
	// the list (steps are numbered in date order).
	StepRenumbered string
	DeleteStepQ    string
	DeleteIt       string
	KeepIt         string
	StepDeleted    string
	ChoiceReached  string

	// The step sub-flow's dates (stepdate.go).
	NotSure            string
	StepSuggestSession string
	StepSuggest        string
	PickAnotherDay     string
	StepBig            string
	BeforeGroup        string
	ThisWeek           string
	BigKept            string
	NoDateYet          string
	StepAfterSession   string
	BigAsIs            string

	// Goal templates (templates.go): a way in at the goal question for a member
	// who does not know where to start; every word stays theirs to change.
	ChoicePickExamples string
	ChoiceKeep         string
	ChoiceChangeWords  string
	TemplatePick       string
	TemplateFromGrp    string
	TemplatePickNone   string
	TemplateGoal       string
	TemplateOwnGoal    string
	TemplateStep       string
	TemplateOwnStep    string
	TemplateStepsEnd   string

	// A member's history (history.go).
	HistoryNone     string
	HistoryDream    string
	HistoryWhy      string
	HistoryCairn    string
	HistoryStone    string
	HistoryStones   string
	HistoryMore     string
	HistoryLately   string
	HistoryDone     string
	HistoryInWay    string
	HistoryPlan     string
	HistorySetback  string
	HistoryChecked  string
	HistoryDid      string
	HistoryLinePlan string
	HistoryPrivate  string

	// S.M.A.R.T., one letter at a time, a dream not yet found, and enjoyment
	// (smart.go). Examples come from the navigators' course and the guide.
	DreamFun        string
	DreamLittle     string
	DreamLater      string
	SmartWhat       string
	SmartKindJob    string
	SmartKindHome   string
	SmartKindSchool string
	SmartKindOf     string
	SmartMeasure    string
	SmartTime       string
	SmartSure       string
	SmartSure7      string
	SmartOfferS     string
	SmartOfferM     string
	SmartOfferT     string
	SmartOfferA     string
	SmartOfferA7    string
	Enjoy           string
	EnjoyThanks     string
	HelpEnjoy       string
	HelpSpecific    string
	HelpByWhen      string
	HelpSure        string
	HelpSure7       string
	SmartOfferR     string

	// AlertLimit is how often a member's ask reaches someone: at most once in
	// this long; a second ask within it is answered kindly and sends nothing.

	// Button values of the offer.

	// Words.
	ChoiceTalk   string
	PersonOffer  string
	PersonYes    string
	PersonNotNow string
	PersonNo     string
	// SayPersonResume ends the answer to an ask made in the middle of a
	// conversation.
	PersonResume string
	// SayNobodyToAsk answers an ask when the member has no navigator and
	// no group with a facilitator.
	NobodyToAsk string

	// Who will see a check-in, said in one short line under the prompt.
	WhoSeesAll       string
	WhoSeesSteps     string
	WhoSeesCheckedIn string

	// Words for /cairn privacy and the App Home button.
	PrivacyIntro   string
	PrivacyAsk     string
	PrivacySet     string
	PrivacyNoGroup string
	PrivacyTrouble string
	PrivacyNotIn   string

	// "Just for me": after an answer in a check-in, the next question offers
	// to keep that answer from everyone.
	JustForMe   string
	KeptPrivate string

	// Button values.

	// forgetValid is how long a "Delete everything" button works.

	// Words.
	ForgetAsk     string
	ForgetYes     string
	ForgetKeep    string
	ForgetKept    string
	ForgetExpired string
	// SayForgotten is said once the deletion is done.
	Forgotten   string
	DataNothing string
	DataHead    string
	DataFoot    string

	// Moved here from the code (issue 10): the plan's summary, a goal as
	// shown, counts, and the words said about an ask for a person.
	SummaryGoal       string
	SummaryMeasure    string
	SummaryWhy        string
	SummarySupport    string
	SummarySteps      string
	CairnStatus       string
	NoStones          string
	StepAddedShort    string
	BarrierWhat       string
	ConfirmAgain      string
	CountStone        string
	CountStones       string
	And               string
	By                string
	AlertToHelper     string
	Asked             string
	AskedRecently     string
	ClockFormat       string
	AskedNavigator    string
	AskedFacilitator  string
	AskedFacilitators string
	AskedThem         string
	// SharingLabels and SharingSays follow SharingChoices' order: a
	// button's short name, and what the choice means in a sentence.
	SharingLabels []string
	SharingSays   []string
	// Templates are the built-in goal templates, one per area of recovery
	// life: each is the area, the goal, then its example stepping stones.
	Templates [][]string
	// What DataSummary lists, one line each.
	DataName         string
	DataGoal         string
	GoalStatuses     []string // active, done (reached), dropped (let go)
	CountStep        string
	CountSteps       string
	DataCheckIns     string
	CountCheckIn     string
	CountCheckInsN   string
	DataConversation string
	DataScheduled    string
	CountScheduled   string
	CountScheduledN  string
	DataInTransit    string
	DataRecaps       string
	CountRecap       string
	CountRecaps      string
	CountMessage     string
	CountMessages    string
	DataGroup        string
	Roles            []string // member, facilitator, navigator (store.Role order)

	// Language (lang.go)
	// LangAsk asks a member whose first words were Spanish, once, which
	// language they prefer; LangYes and LangEnglish are its buttons.
	LangAsk     string
	LangYes     string
	LangEnglish string
	// LangSwitched is said, in the new language, when the member switches.
	LangSwitched string
	// DayMonthRead says which reading of a date like 6/3 was taken.
	DayMonthRead string
	// Days said briefly: DayToday, DayTomorrow; DayOn is "on Tuesday"; DueBy "by Friday, June 12".
	DayToday    string
	DayTomorrow string
	DayOn       string
	DueBy       string
	// Date errors (dates.go): what a member reads when a phrase gives no
	// usable date.
	DateTooLong         string
	DateEmpty           string
	DateNotUnderstood   string
	DateForeign         string
	DateVague           string
	DateMonthOnly       string
	DatePassed          string
	DateTooFar          string
	DateNoMonthHas      string
	DateNoSuchDay       string
	DateNoSuchDayYear   string
	DateNumericBad      string
	DateISOBad          string
	DateWeekdayMismatch string
	DateLabelMismatch   string
}

var englishTalk = Talk{
	OwnerNavigator:  "your navigator",
	OwnerYou:        "you",
	Barriers:        barriers,
	Intro:           "Hi, I'm Cairn. I help you turn a dream into a goal, and the goal into small steps — one stone at a time.",
	Menu:            "What would you like to do?",
	Hello:           "Hi again!",
	Happy:           "What would being happy look like for you?\nHow would you know — and how would I know — that you got there?",
	Goal:            "Let's make that one goal to work toward. In your own words, what is it?",
	GoalKeep:        "Go on as it is",
	Why:             "Why does this goal matter to you?",
	Support:         "Who could support you with it? Family, friends, a sponsor…\nNo one yet is okay too.",
	NoOne:           "No one yet",
	StepFirst:       "Now the stepping stones: small steps that lead to your goal.\nWhat's one first step? (Like \"buy a fishing pole\" or \"call the job center\".)",
	StepNext:        "What's the next step?",
	StepCheckinPlan: "What will you do before the next session?",
	StepSplit:       "That sounds like more than one step. Could it be smaller?\nWhat's the first part?",
	StepKeepOne:     "Keep it as one step",
	StepWhen:        "When will you do it? (Friday, the 20th, next week…)",
	StepNoDate:      "A step works best with a day on it. Could you pick one? Even a rough one, like \"next week\".",
	StepWhatBy:      "What's the step you'll take by %s?",
	GoalWhenKept:    "%s — I'll keep that as when.",
	GoalWhatBy:      "And what would you like to have done %s? (Like \"a part-time job\" or \"my own place\".)",
	IdleWelcome:     "You're welcome. I'm here whenever you need me.",
	IdleFeeling:     "I'm sorry it's a hard day. You don't have to go through it alone — would you like me to ask a person to reach out?",
	IdleUnsure:      "That's okay — you don't need to know yet. We could start with a dream, or you can talk to a person.",
	IdleOther:       "Thanks for telling me. I'm here for goals and steps — and if you'd like to talk it over, I can ask a person to reach out.",
	IdleShort:       "I'm not sure I followed. Here's what I can do — and if you'd like to talk something over, I can ask a person to reach out.",
	GoalUnsure:      "That's okay — not knowing is a fine place to start.",
	StepUnsure:      "That's okay. A first step can be tiny: one phone call, one question, one thing looked up — like \"call the job center\" or \"look up the bus to the clinic\". What's one you could do?",
	StepsLater:      "That's okay — steps can come later.",
	StepWhatFirst:   "Good — you'll do it. First, what's the step? A few words, like \"call the job center\".",
	StepFar:         "%s is more than 6 weeks away. Could there be a smaller step you could do sooner?",
	StepKeepDate:    "Keep this date",
	StepOtherDay:    "Pick a sooner day",
	StepWho:         "%s — got it. Who will do this step?",
	WhoMe:           "Me",
	WhoNavigator:    "My navigator",
	WhoOther:        "Someone else",
	StepWhoName:     "Who will do it? A first name is fine.",
	WhoNotADay:      "That sounds like a day — this step is already set for %s. Who will do it: you, your navigator, or someone else?",
	WhoAgain:        "I didn't catch who. Who will do this step: you, your navigator, or someone else?",
	StepAdded:       "Added: %s. Add another step?",
	AddAnother:      "Add another step",
	ThatsAll:        "That's all for now",
	Confirm:         "Here's your plan:\n%s\nShall I save it?",
	Save:            "Save it",
	Edit:            "Change something",
	StartOver:       "Start over",
	EditWhat:        "What would you like to change?",
	EditGoal:        "The goal",
	EditWhy:         "Why it matters",
	EditSupport:     "Who supports me",
	EditAddStep:     "Add a step",
	EditDropStep:    "Remove a step",
	DropWhich:       "Which step should I remove? Type its number.",
	DropNone:        "There are no steps to remove yet.",
	Saved:           "Saved. Your first stone: %s.\nEach step you finish adds a stone to your cairn. I'll check in before each group session.",
	SavedNoStep:     "Saved. When you're ready, add a first step with \"goal\" or from the menu.",
	CheckinNoGoal:   "Before a check-in, let's set a goal together. It only takes a few minutes.",
	CheckinDid:      "Check-in time. Since the last session, what did you do on your goal?\n“%s”",
	CheckinDidSteps: "Your open steps:\n%s\nTap the ones you finished, or tell me in your own words.",
	CheckinMore:     "Anything else you did?",
	MarkedStone:     "Marked done: %s ✓ — that's stone number %d.",
	StepAlreadyDone: "That one's already done: %s ✓",
	WhichStep:       "Which did you mean? Tap each one you finished.",
	NoneOfThese:     "None of these",
	NoStepNumbered:  "I don't see a step numbered like that. Tap the ones you finished, or tell me in your own words.",
	Nothing:         "Nothing this time",
	DoneChecking:    "That's it",
	Barrier:         "That's okay — weeks like that happen. What got in the way?",
	BarrierThanks:   "Thanks for telling me.",
	PlanAsStep:      "Shall I add that as a step?",
	YesAdd:          "Yes, add it",
	NoThanks:        "No thanks",
	Importance:      "One quick one: from 0 to 10, how important is this goal to you right now?",
	Confidence:      "And from 0 to 10, how confident are you that you can do your next step?",
	Skip:            "Skip",
	RulerBad:        "A number from 0 to 10, please — or skip.",
	CheckinSaved:    "Thanks — your check-in is saved. See you at the session.",
	CheckinLate:     "Thanks — your check-in is saved. It came after the session started, and that's fine: it still counts.",
	NothingToCancel: "There's nothing to stop right now.",
	CantGoBack:      "This is the first question, so there's nothing to go back to.",
	Empty:           "I didn't catch anything there.",
	TooLong:         "That's a lot to take in at once. Could you say it in a shorter message (under 4,000 characters)?",
	EmojiOnly:       "I like that. Could you put it in a few words too, so we can track it?",
	PickOne:         "Sorry, I didn't follow. You can tap one of the buttons or type your answer.",
	NoSteps:         "You don't have any steps yet.",
	NoGoalYet:       "You haven't set a goal yet.",
	StepNotFound:    "I couldn't find that step. Say \"steps\" to see their numbers.",
	Help: "You can say, any time:\n" +
		"• \"set a goal\", \"check in\", \"steps\", \"history\"\n" +
		"• \"done 2\" to mark step 2 done\n" +
		"• \"help\" in a question to hear what it asks\n" +
		"• \"back\", or \"stop\" (I keep what you've done)\n" +
		"• \"away until June 20\" for a break, \"I'm back\" to end it\n" +
		"• \"talk to a person\": I'll ask your navigator to reach out\n" +
		"• \"my data\" for a copy of what I hold, \"forget me\" to delete it\n" +
		"In crisis? Call or text 988 (US), any time.",
	Paused:               "Okay — no check-in prompts until %s. Your goal and steps stay as they are. Say \"I'm back\" to turn them on sooner.",
	Resumed:              "Welcome back — check-in prompts are on again.",
	PauseHow:             "Say when you'll be back, like \"away until June 20\" or \"away for 2 weeks\".",
	Crisis:               "I'm really glad you told me. You matter, and you don't have to face this alone.",
	Lifeline988:          "988, the US Suicide & Crisis Lifeline — call or text 988, any time.",
	GroupContacts:        "People you can reach right now:",
	Emergency:            "If you are in danger now, call your local emergency number.",
	CrisisOffer:          "Would you like me to let your navigator or facilitator know, so a person can reach out to you?",
	CrisisHeld:           "I'm here, and I'm not saving any of this as an answer. If you are in danger now, call your local emergency number (988 in the US). When you'd like to go on, say \"continue\".",
	CrisisNotNow:         "Okay. I'm here whenever you want, and a person can be asked any time — just say so.",
	Setback:              "Thank you for telling me. Setbacks are part of recovery — they don't erase the steps you've taken.\nIf you'd like, I can ask your navigator or facilitator to reach out.",
	LowSelf:              "That sounds really hard — and it isn't the whole story: you're still here, working on it. Could the next step be smaller?",
	ReflectThanks:        "Thank you for thinking it over with me.",
	LowRating:            "Thank you for being honest — a low number is worth listening to.",
	NothingTwice:         "That's two sessions in a row that were hard going. That happens.",
	StillYourGoal:        "Is this still your goal?",
	MoreLikely:           "What would make it a bit more likely?",
	Smaller:              "Could the next step be smaller?",
	GoalLetGo:            "That's okay — goals change. Say \"goal\" whenever you'd like to set a new one.",
	ChoiceTellNavigator:  "Ask a person to reach out",
	ChoiceNotNow:         "Not now",
	ChoiceContinue:       "Continue",
	ChoiceSetGoal:        "Set a goal",
	ChoiceCheckIn:        "Check in",
	ChoiceMySteps:        "My steps",
	ChoiceHelp:           "Help",
	DoneOrAnswer:         "Do you mean mark step %d done, or is that your answer?",
	PauseOrAnswer:        "Do you mean a break from check-in prompts, or is that your answer?",
	MarkStepDone:         "Mark step %d done",
	TakeABreak:           "Take a break from prompts",
	ItsMyAnswer:          "It's my answer",
	Stopped:              "Stopped.",
	StoppedNothing:       "Stopped — nothing was saved.",
	Kept:                 "I kept: ",
	KeptStep:             "step %s marked done",
	KeptStepsN:           "steps %s marked done",
	KeptSteps:            "%d steps marked done",
	KeptNewStep:          "the new step “%s”",
	KeptCheckIn:          "Your answers so far are saved as a check-in.",
	ResumeHead:           "Welcome back.",
	WereAddingStep:       "We were adding a step: *%s*.",
	WereCheckingIn:       "We were checking in on your goal: *%s*.",
	WereCheckingInNoGoal: "We were checking in.",
	WereSettingGoal:      "We were setting your goal: *%s*.",
	WereDreaming:         "We were setting a goal, starting from your dream: *%s*.",
	WereStartingGoal:     "We were starting on a goal.",
	HelpWayOut:           "\"back\" goes back, \"stop\" leaves (I keep what you've done).",
	HelpCrisis:           "If you're in crisis, call or text 988 (US), any time.",
	HelpAnswer:           "Answer in your own words; there are no wrong answers.",
	HelpDream:            "Any dream will do — work, a home, something fun. There are no wrong answers.",
	HelpHappy:            "Say what a good life would look like for you: something you, or someone else, would notice.",
	HelpGoal:             "One goal you'd like to work toward, in your own words — like \"a part-time job by March\".",
	HelpMeasure:          "Say how you'll know you got there and by when — or \"go on as it is\" to keep the goal as it is.",
	HelpWhy:              "A few words on why it matters to you; it helps on the hard weeks.",
	HelpSupport:          "Name anyone who could help — family, a friend, a sponsor — or say \"no one yet\".",
	HelpStepWhat:         "A small thing you could do soon, like \"call the job center\".",
	HelpStepWhen:         "Say a day like Friday or June 20 — or \"not sure\" and I'll suggest one.",
	HelpStepFar:          "\"Keep this date\" keeps it; \"pick a sooner day\" lets you choose again.",
	HelpStepWho:          "Say \"me\", \"my navigator\", or the name of whoever will do it.",
	HelpStepWhoName:      "A first name is enough.",
	HelpStepMore:         "Type the next step, or \"that's all\" to see your whole plan.",
	HelpConfirm:          "\"Save it\" saves your goal and steps; \"change something\" fixes a part; \"start over\" begins again.",
	HelpEdit:             "Pick what to change: the goal, why it matters, who supports you, or add or remove a step.",
	HelpDropStep:         "Type the number of the step to remove.",
	HelpDid:              "Tell me what you did in your own words, or the numbers of the steps you finished — or \"nothing this time\".",
	HelpBarrier:          "Pick what got in the way, or say it in a few words. Nothing you say here is wrong.",
	HelpPlan:             "One thing you'll do before the next session — small is good.",
	HelpPlanAsStep:       "\"Yes\" adds it to your steps with a day on it; \"no thanks\" keeps it as your plan.",
	HelpRuler:            "A number from 0 (not at all) to 10 (very), or \"skip\".",
	HelpReflect:          "Say whatever comes to mind, or \"skip\". It's just for you; I don't save it.",
	Reached:              "🎉 You reached your goal: “%s”! That took real work, and it's yours.",
	ReachedCairn:         "Your cairn: %s — %s laid on the way.",
	ReachedDream:         "It began with a dream: “%s”. Look how far you've come.",
	ReachedConfirm:       "That's wonderful — shall I mark “%s” as reached?",
	ReachedYes:           "Yes, mark it reached",
	NotYet:               "Not yet",
	NextGoal:             "Would you like to set your next goal?",
	SetNewGoal:           "Set a new goal",
	NotNow:               "Not now",
	Later:                "Okay. Whenever you're ready, say “set a goal”.",
	BackTo:               "Now, back to where we were:",
	WhichGoal:            "Which goal?",
	NeverMind:            "Never mind",
	NothingChanged:       "Okay, nothing changed.",
	Revise:               "That's okay — goals change. What would you like to do with “%s”?",
	ReviseWords:          "Change the words",
	ReviseDate:           "Change the date",
	LetGo:                "Let it go",
	ChangeAGoal:          "Change a goal",
	ReviseWordsQ:         "What's the goal now, in your own words? Its steps stay as they are.",
	ReviseDateQ:          "By when would you like to reach it now? (March, in 3 months, the 20th…)",
	Revised:              "Changed. Your goal is now: “%s”. Its steps stay with it.",
	DropGoal:             "That's okay — goals change. Shall I keep the steps of “%s”, or drop them too? Steps you finished stay in your cairn either way.",
	KeepSteps:            "Keep the steps",
	DropStepsToo:         "Drop them too",
	Dropped:              "Done — “%s” is let go. Letting go of a goal is a choice too.",
	DroppedMoved:         "Done — “%s” is let go. Its open steps are now with “%s”.",
	DroppedKept:          "Done — “%s” is let go. Its steps are kept with it.",
	Beside:               "You're working on %s. Shall I add the new goal beside it, or replace it?",
	BesideTwo:            "You're working on %s. Shall I add the new goal beside them, or replace one?",
	AddBeside:            "Add beside it",
	Replace:              "Replace it",
	ReplaceStart:         "Okay — the new goal will take the place of “%s” once you save it.",
	GoalsFull:            "You already have %d goals — that's plenty to work on at once. When one is reached or let go, there's room for a new one.",
	GoalHeading:          "Your goal: %s",
	StepChanged:          "Changed step %d: %s.",
	StepRenumbered:       "It's step %d now — steps go in date order.",
	DeleteStepQ:          "Delete the step “%s”?",
	DeleteIt:             "Delete it",
	KeepIt:               "Keep it",
	StepDeleted:          "Deleted: %s.",
	ChoiceReached:        "Goal reached",
	NotSure:              "Not sure",
	StepSuggestSession:   "That's okay. How about %s, the day before your group meets?",
	StepSuggest:          "That's okay. How about %s? That gives you a few days.",
	PickAnotherDay:       "Pick another day",
	StepBig:              "That's a big one — what's a first piece you could do %s?",
	BeforeGroup:          "before the group meets %s",
	ThisWeek:             "this week",
	BigKept:              "I've kept “%s” for later: it's in your plan as a step with no date yet, to come back to once the first piece is done.",
	NoDateYet:            "no date yet",
	StepAfterSession:     "%s is after the group meets %s. Could a first piece of it fit before then?",
	BigAsIs:              "That's okay — let's keep it as one step. It can be made smaller any time.",
	ChoicePickExamples:   "Pick from examples",
	ChoiceKeep:           "Keep",
	ChoiceChangeWords:    "Change the words",
	TemplatePick:         "Here are some goals others in recovery have worked on. Pick one to start from — you can change every word:",
	TemplateFromGrp:      "From your group",
	TemplatePickNone:     "I didn't find that one. Pick one of these, or say your own goal:",
	TemplateGoal:         "Your goal could be: *%s*. Keep these words, or change them?",
	TemplateOwnGoal:      "Say it in your own words (it was: *%s*).",
	TemplateStep:         "A stepping stone others started with: *%s*. Keep it, change it, or skip it?",
	TemplateOwnStep:      "Put it in your own words (it was: *%s*).",
	TemplateStepsEnd:     "That's the example stones done.",
	HistoryNone:          "No check-ins yet — your first one comes before your next group session.",
	HistoryDream:         "Your dream: %s",
	HistoryWhy:           " — why it matters: %s",
	HistoryCairn:         "Your cairn: %s (%s)",
	HistoryStone:         "%d step done",
	HistoryStones:        "%d steps done",
	HistoryMore:          "  …and %d more",
	HistoryLately:        "Your last check-ins:",
	HistoryDone:          "Done: %s",
	HistoryInWay:         "In the way: %s",
	HistoryPlan:          "Plan: %s",
	HistorySetback:       "a setback — part of recovery",
	HistoryChecked:       "checked in",
	HistoryDid:           "did: %s",
	HistoryLinePlan:      "plan: %s",
	HistoryPrivate:       " 🔒",
	DreamFun:             "Let's start with a dream. If you won the lottery tomorrow, what would you do?\nA dream job, a dream home — or something just for fun, like fishing, music or a garden. Anything goes.",
	DreamLittle:          "That's okay — dream a little: a job you'd like, a place to live, something fun like fishing or music, friends to spend time with. What's one that comes to mind?",
	DreamLater:           "That's okay — a dream can come later. Let's go on.",
	SmartWhat:            "Let's make it something we'll both be able to see. What exactly would you like to work toward?",
	SmartKindJob:         "What kind of job?",
	SmartKindHome:        "What kind of place would you like to live in?",
	SmartKindSchool:      "What would you like to learn or study?",
	SmartKindOf:          "What kind of %s?",
	SmartMeasure:         "How will you know you've got there?",
	SmartTime:            "By when would you like to get there? A rough time is fine.",
	SmartSure:            "On a scale of 0–10, how sure are you that you can do it?",
	SmartSure7:           "What would make it a 7?",
	SmartOfferS:          "Here are a few that others have set: \"a part-time job at a grocery store by March\", \"get my own apartment by the fall\", \"learn to fly-fish this summer\". Any of these, or your own words — or go on as it is.",
	SmartOfferM:          "Something you could count or see helps, like \"walk 20 minutes three times a week\", \"go to 3 meetings a week\" or \"coffee with a friend every week\". What would it be for you? Or go on as it is.",
	SmartOfferT:          "A rough time is plenty: \"by March\", \"in 3 months\", \"by the fall\". Or go on as it is.",
	SmartOfferA:          "Just a number from 0 (not sure at all) to 10 (sure) — or go on as it is.",
	SmartOfferA7:         "Maybe more time, a smaller goal, or someone to help — like \"if my navigator helps with the forms\". Or go on as it is.",
	Enjoy:                "Is there a part of this you'll enjoy?",
	EnjoyThanks:          "Good — that part's worth looking forward to.",
	HelpEnjoy:            "Anything about it you'd look forward to — or \"skip\".",
	HelpSpecific:         "Say a bit more about what exactly you'd like — or \"go on as it is\" to keep the goal as it is.",
	HelpByWhen:           "A rough time is fine, like \"by March\" or \"in 3 months\" — or \"go on as it is\".",
	HelpSure:             "A number from 0 (not sure at all) to 10 (sure) — or \"go on as it is\".",
	HelpSure7:            "What would help: more time, a smaller goal, someone beside you — or \"go on as it is\".",
	SmartOfferR:          "It can be anything that's yours — like \"for my kids\", \"to feel proud again\" or \"to have money for the things I love\".",
	ChoiceTalk:           "Talk to a person",
	PersonOffer:          "Would you like me to ask your navigator to reach out? They'll only see that you asked, not what you wrote.",
	PersonYes:            "Yes, ask them",
	PersonNotNow:         "Not now",
	PersonNo:             "Okay, I won't ask anyone. If you change your mind, say \"talk to a person\" anytime.",
	PersonResume:         "What we were doing is kept: say \"continue\" when you're ready.",
	NobodyToAsk: "I'm sorry — there's no navigator or facilitator I can ask for you yet, because you're not in a group with one.\n" +
		"If you'd like to talk with someone now, call or text 988 (the US Suicide & Crisis Lifeline), any time. " +
		"If you are in danger now, call your local emergency number.",
	WhoSeesAll:       "Your facilitator sees what you write here, except what you keep just for you — change it with /cairn privacy.",
	WhoSeesSteps:     "Your facilitator sees whether you checked in and the steps you finish — change it with /cairn privacy.",
	WhoSeesCheckedIn: "Your facilitator sees only whether you checked in — change it with /cairn privacy.",
	PrivacyIntro:     "What may your group's facilitators and your navigator see of your check-ins? An answer you mark *just for me* during a check-in is never shown to anyone, whatever you pick.",
	PrivacyAsk:       "*%s* — now: %s.",
	PrivacySet:       "Done — in %s, %s.",
	PrivacyNoGroup:   "You're not in a group yet, so nobody sees your check-ins. When you join one, you'll choose what its facilitators see.",
	PrivacyTrouble:   "Sorry — I couldn't save that. Please try again in a minute.",
	PrivacyNotIn:     "You're not a member of that group any more, so there's nothing to change.",
	JustForMe:        "Just for me",
	KeptPrivate:      "Kept just for you — nobody else will see that answer, whatever you share.",
	ForgetAsk: "This deletes everything I hold about you: your goals and steps, your check-ins, our conversation, " +
		"messages waiting for you, and your place in your groups (your facilitators and navigator won't see you there any more).\n" +
		"It can't be undone. If you'd like a copy first, say \"my data\".\nDelete everything?",
	ForgetYes:         "Delete everything",
	ForgetKeep:        "Keep it",
	ForgetKept:        "Okay — I've kept everything as it was.",
	ForgetExpired:     "That button is from a while ago, so I haven't deleted anything. If you still want me to, say \"forget me\" again.",
	Forgotten:         "Done. I've deleted everything I held about you. If you write to me again, we'll start fresh.",
	DataNothing:       "I don't hold anything about you right now.",
	DataHead:          "Here's everything I hold about you. The file has all of it; in short:",
	DataFoot:          "Say \"forget me\" if you'd like me to delete all of it.",
	SummaryGoal:       "Goal: %s",
	SummaryMeasure:    "How you'll know: %s",
	SummaryWhy:        "Why it matters: %s",
	SummarySupport:    "Support: %s",
	SummarySteps:      "Steps:",
	CairnStatus:       "Your cairn: %s (%d of %d steps done)",
	NoStones:          "no stones yet — the first one is the hardest",
	StepAddedShort:    "Added: %s.",
	BarrierWhat:       "What was it? A few words is plenty.",
	ConfirmAgain:      "Shall I save your plan as it is?",
	CountStone:        "%d stone",
	CountStones:       "%d stones",
	And:               " and ",
	By:                "by %s",
	AlertToHelper:     "%s asked to talk with someone. Could you reach out today?",
	Asked:             "I've asked %s, %s, to reach out.",
	AskedRecently:     "I asked %s at %s — they'll be in touch. If it can't wait, call or text 988.",
	ClockFormat:       "3:04 pm",
	AskedNavigator:    "your navigator",
	AskedFacilitator:  "your group's facilitator",
	AskedFacilitators: "your group's facilitators",
	AskedThem:         "them",
	SharingLabels:     []string{"Everything I write", "Checked in + steps done", "Only whether I checked in"},
	SharingSays: []string{
		"your facilitators and navigator see what you write in a check-in, except answers you keep just for you",
		"your facilitators and navigator see whether you checked in and how many steps you finished, not your words",
		"your facilitators and navigator see only whether you checked in",
	},
	Templates: [][]string{
		{"Work", "A part-time job by spring",
			"Get my birth certificate (make the appointment at the records office)",
			"Pick out two outfits for interviews",
			"Go to the resume workshop"},
		{"Housing", "A place of my own by the end of the year",
			"Call the housing authority about the waiting list",
			"Ask my navigator which papers the application needs",
			"Visit one apartment"},
		{"Education", "Start a GED class this fall",
			"Call the adult learning center about class times",
			"Sign up for the placement test",
			"Find a quiet place to study twice a week"},
		{"Health", "Walk 20 minutes three times a week by next month",
			"Make an appointment with my doctor for a check-up",
			"Walk around the block once",
			"Pick out comfortable shoes for walking"},
		{"Relationships and friends", "Have coffee with a friend every week",
			"Text one old friend to say hello",
			"Ask someone from group to get coffee",
			"Go to one community event"},
		{"Leisure and fun", "Go fishing this summer",
			"Buy a fishing pole",
			"Get a fishing licence",
			"Talk with a friend who fishes"},
		{"Recovery", "Go to a support meeting every week this month",
			"Look up meeting times near me",
			"Go to one meeting",
			"Ask someone at the meeting for their number"},
	},
	DataName:         "your name: %s",
	DataGoal:         "goal (%s): “%s”, %s, %d done",
	GoalStatuses:     []string{"active", "reached", "let go"},
	CountStep:        "%d step",
	CountSteps:       "%d steps",
	DataCheckIns:     "%s, the last for the session of %s",
	CountCheckIn:     "%d check-in",
	CountCheckInsN:   "%d check-ins",
	DataConversation: "our conversation in progress, with what you've typed so far",
	DataScheduled:    "%s planned or sent to you (prompts, reminders)",
	CountScheduled:   "%d scheduled message",
	CountScheduledN:  "%d scheduled messages",
	DataInTransit:    "%s on their way between us",
	DataRecaps:       "you appear in %s (that you came, and what of yours the facilitator shared)",
	CountRecap:       "%d session recap",
	CountRecaps:      "%d session recaps",
	CountMessage:     "%d message",
	CountMessages:    "%d messages",
	DataGroup:        "group %s: you're in it as %s",
	Roles:            []string{"member", "facilitator", "navigator"},

	// Language (lang.go)
	LangAsk:      "Would you rather we talk in Spanish?",
	LangYes:      "Yes",
	LangEnglish:  "English",
	LangSwitched: "Okay — from now on we'll talk in English. Type \"español\" any time to switch.",
	DayMonthRead: "(I took that as %s, month/day.)",
	DayToday:     "today",
	DayTomorrow:  "tomorrow",
	DayOn:        "on %s",
	DueBy:        "by %s",

	DateTooLong:         `That's a bit long for me to read as a date. Could you give just the day, like "Friday" or "June 3"?`,
	DateEmpty:           `I didn't catch a date. You could say "Friday", "the 20th", "next week" or "June 3".`,
	DateNotUnderstood:   `I couldn't turn "%s" into a date. You could say "Friday", "the 20th", "next week" or "June 3".`,
	DateForeign:         `That looks like Spanish. To talk in Spanish, type "español" — or give me the day in English, like "Friday" or "June 3".`,
	DateVague:           `"%s" isn't a date yet, and that's okay. Could you pick a day? For example "Friday", "the 20th" or "in two weeks".`,
	DateMonthOnly:       "%s is a whole month. Which day in %s works for you?",
	DatePassed:          "That date has already passed. When would you like to do it?",
	DateTooFar:          "That's more than two years from now. Could you pick a closer date for this step?",
	DateNoMonthHas:      "No month has a %s. Which day did you mean?",
	DateNoSuchDay:       "There's no %s %d. Which day did you mean?",
	DateNoSuchDayYear:   "There's no %s %d in %d. Which day did you mean?",
	DateNumericBad:      `I couldn't find "%s" on the calendar. I read dates like 6/3 as month/day, so 6/3 is June 3. Which day did you mean?`,
	DateISOBad:          `I couldn't find "%s" on the calendar. Which day did you mean?`,
	DateWeekdayMismatch: "%s is a %s, not a %s. Which day did you mean?",
	DateLabelMismatch:   "%s isn't %s: %s is %s. Which day did you mean?",
}

var spanishTalk = Talk{
	OwnerNavigator:  "tu navegador",
	OwnerYou:        "tú",
	Barriers:        []string{"Transporte", "Salud", "Dinero", "Cuidado de los niños", "Motivación", "Otra cosa"},
	Intro:           "Hola, soy Cairn. Te ayudo a convertir un sueño en una meta, y la meta en pasos pequeños: una piedra a la vez.",
	Menu:            "¿Qué te gustaría hacer?",
	Hello:           "¡Hola de nuevo!",
	Happy:           "¿Cómo se vería para ti ser feliz?\n¿Cómo sabrías tú (y cómo sabría yo) que llegaste?",
	Goal:            "Hagamos de eso una meta para trabajar. Con tus propias palabras, ¿cuál es?",
	GoalKeep:        "Seguir así",
	Why:             "¿Por qué es importante para ti esta meta?",
	Support:         "¿Quién te podría apoyar? Familia, amigos, un padrino o madrina…\nSi todavía no hay nadie, también está bien.",
	NoOne:           "Nadie todavía",
	StepFirst:       "Ahora las piedras del camino: pasos pequeños que te llevan a tu meta.\n¿Cuál es un primer paso? (Como \"comprar una caña de pescar\" o \"llamar al centro de empleo\".)",
	StepNext:        "¿Cuál es el siguiente paso?",
	StepCheckinPlan: "¿Qué vas a hacer antes de la próxima sesión?",
	StepSplit:       "Parece más de un paso. ¿Podría ser más pequeño?\n¿Cuál sería la primera parte?",
	StepKeepOne:     "Dejarlo como un paso",
	StepWhen:        "¿Cuándo lo vas a hacer? (el viernes, el 20, la próxima semana…)",
	StepNoDate:      "Un paso funciona mejor con un día. ¿Puedes escoger uno? Aunque sea aproximado, como \"la próxima semana\".",
	StepWhatBy:      "¿Qué paso vas a dar para el %s?",
	GoalWhenKept:    "%s: me lo guardo como el cuándo.",
	GoalWhatBy:      "¿Y qué te gustaría haber logrado %s? (Como \"un trabajo de medio tiempo\" o \"mi propio lugar\".)",
	IdleWelcome:     "De nada. Aquí estoy cuando me necesites.",
	IdleFeeling:     "Siento que sea un día difícil. No tienes que pasarlo a solas: ¿quieres que le pida a una persona que te busque?",
	IdleUnsure:      "Está bien, no tienes que saberlo todavía. Podemos empezar por un sueño, o puedes hablar con una persona.",
	IdleOther:       "Gracias por contarme. Estoy aquí para metas y pasos, y si quieres hablarlo, le puedo pedir a una persona que te busque.",
	IdleShort:       "No estoy seguro de haber entendido. Esto es lo que puedo hacer, y si quieres hablar algo, le puedo pedir a una persona que te busque.",
	GoalUnsure:      "Está bien: no saber es un buen lugar para empezar.",
	StepUnsure:      "Está bien. Un primer paso puede ser chiquito: una llamada, una pregunta, buscar una cosa, como \"llamar al centro de empleo\" o \"ver qué camión va a la clínica\". ¿Cuál podrías hacer?",
	StepsLater:      "Está bien, los pasos pueden venir después.",
	StepWhatFirst:   "Bien, lo vas a hacer tú. Primero, ¿cuál es el paso? Unas palabras, como \"llamar al centro de empleo\".",
	StepFar:         "El %s queda a más de 6 semanas. ¿Habrá un paso más pequeño que puedas hacer antes?",
	StepKeepDate:    "Dejar esta fecha",
	StepOtherDay:    "Escoger un día más cercano",
	StepWho:         "%s, anotado. ¿Quién va a hacer este paso?",
	WhoMe:           "Yo",
	WhoNavigator:    "Mi navegador",
	WhoOther:        "Otra persona",
	StepWhoName:     "¿Quién lo va a hacer? Con el nombre basta.",
	WhoNotADay:      "Eso parece un día, y este paso ya tiene fecha: %s. ¿Quién lo va a hacer: tú, tu navegador u otra persona?",
	WhoAgain:        "No entendí quién. ¿Quién va a hacer este paso: tú, tu navegador u otra persona?",
	StepAdded:       "Anotado: %s. ¿Agregamos otro paso?",
	AddAnother:      "Agregar otro paso",
	ThatsAll:        "Es todo por ahora",
	Confirm:         "Este es tu plan:\n%s\n¿Lo guardo?",
	Save:            "Guardarlo",
	Edit:            "Cambiar algo",
	StartOver:       "Empezar de nuevo",
	EditWhat:        "¿Qué te gustaría cambiar?",
	EditGoal:        "La meta",
	EditWhy:         "Por qué me importa",
	EditSupport:     "Quién me apoya",
	EditAddStep:     "Agregar un paso",
	EditDropStep:    "Quitar un paso",
	DropWhich:       "¿Qué paso quito? Escribe su número.",
	DropNone:        "Todavía no hay pasos para quitar.",
	Saved:           "Guardado. Tu primera piedra: %s.\nCada paso que termines suma una piedra a tu montón de piedras (cairn). Te escribo antes de cada sesión del grupo.",
	SavedNoStep:     "Guardado. Cuando quieras, agrega un primer paso escribiendo \"meta\" o desde el menú.",
	CheckinNoGoal:   "Antes de un check-in, pongamos juntos una meta. Solo toma unos minutos.",
	CheckinDid:      "Hora del check-in. Desde la última sesión, ¿qué hiciste para tu meta?\n“%s”",
	CheckinDidSteps: "Tus pasos pendientes:\n%s\nToca los que terminaste, o cuéntame con tus palabras.",
	CheckinMore:     "¿Hiciste algo más?",
	MarkedStone:     "Hecho: %s ✓. Es tu piedra número %d.",
	StepAlreadyDone: "Ese ya está hecho: %s ✓",
	WhichStep:       "¿Cuál querías decir? Toca cada uno que terminaste.",
	NoneOfThese:     "Ninguno de estos",
	NoStepNumbered:  "No veo un paso con ese número. Toca los que terminaste, o cuéntame con tus palabras.",
	Nothing:         "Nada esta vez",
	DoneChecking:    "Eso es todo",
	Barrier:         "Está bien, hay semanas así. ¿Qué se atravesó?",
	BarrierThanks:   "Gracias por contarme.",
	PlanAsStep:      "¿Lo agrego como un paso?",
	YesAdd:          "Sí, agrégalo",
	NoThanks:        "No, gracias",
	Importance:      "Una rápida: del 0 al 10, ¿qué tan importante es esta meta para ti ahora?",
	Confidence:      "Y del 0 al 10, ¿cuánta confianza tienes en que puedes dar tu próximo paso?",
	Skip:            "Saltar",
	RulerBad:        "Un número del 0 al 10, por favor, o \"saltar\".",
	CheckinSaved:    "Gracias, tu check-in quedó guardado. Nos vemos en la sesión.",
	CheckinLate:     "Gracias, tu check-in quedó guardado. Llegó después de que empezó la sesión, y está bien: cuenta igual.",
	NothingToCancel: "Ahora no hay nada que parar.",
	CantGoBack:      "Esta es la primera pregunta, así que no hay a dónde volver.",
	Empty:           "No alcancé a ver nada ahí.",
	TooLong:         "Es mucho para leer de una vez. ¿Me lo dices en un mensaje más corto (menos de 4.000 caracteres)?",
	EmojiOnly:       "¡Me gusta! ¿Me lo dices también en unas palabras, para poder llevar la cuenta?",
	PickOne:         "Perdona, no te entendí. Puedes tocar un botón o escribir tu respuesta.",
	NoSteps:         "Todavía no tienes pasos.",
	NoGoalYet:       "Todavía no has puesto una meta.",
	StepNotFound:    "No encontré ese paso. Escribe \"mis pasos\" para ver sus números.",
	Help: "Puedes escribir cuando quieras:\n" +
		"• \"poner una meta\", \"check-in\", \"mis pasos\", \"historial\"\n" +
		"• \"listo 2\": marco hecho el paso 2\n" +
		"• \"ayuda\": te explico la pregunta\n" +
		"• \"atrás\" o \"parar\" (guardo lo hecho)\n" +
		"• \"ausente hasta el 20 de junio\" para descansar, \"ya volví\" al regresar\n" +
		"• \"quiero hablar con alguien\": le aviso a tu navegador\n" +
		"• \"mis datos\": una copia; \"olvídame\": lo borro todo\n" +
		"¿En crisis? Llama o manda un texto al 988 (marca 2 para español).",
	Paused:               "Listo: no te mando recordatorios de check-in hasta %s. Tu meta y tus pasos quedan como están. Escribe \"ya volví\" para activarlos antes.",
	Resumed:              "¡Qué bueno verte! Los recordatorios de check-in están activos otra vez.",
	PauseHow:             "Dime cuándo vuelves, como \"ausente hasta el 20 de junio\" o \"ausente por 2 semanas\".",
	Crisis:               "Qué bueno que me lo dijiste. Tú importas, y no tienes que enfrentar esto a solas.",
	Lifeline988:          "Llama o manda un texto al 988 (Línea 988 de Prevención del Suicidio y Crisis; marca 2 para español), a cualquier hora.",
	GroupContacts:        "Gente a la que puedes llamar ahora mismo:",
	Emergency:            "Si estás en peligro ahora, llama al número de emergencias de tu país.",
	CrisisOffer:          "¿Quieres que le avise a tu navegador o a tu facilitador, para que una persona te busque?",
	CrisisHeld:           "Aquí estoy, y nada de esto lo guardo como respuesta. Si estás en peligro ahora, llama al número de emergencias de tu país (en EE. UU., el 988). Cuando quieras seguir, toca \"Continuar\".",
	CrisisNotNow:         "Está bien. Aquí estoy cuando quieras, y podemos pedir que una persona te busque en cualquier momento: solo dímelo.",
	Setback:              "Gracias por contármelo. Las recaídas son parte de la recuperación: no borran los pasos que ya diste.\nSi quieres, le pido a tu navegador o a tu facilitador que te busque.",
	LowSelf:              "Eso suena muy duro, y no es toda la historia: sigues aquí, trabajando en ello. ¿Podría ser más pequeño el próximo paso?",
	ReflectThanks:        "Gracias por pensarlo conmigo.",
	LowRating:            "Gracias por tu honestidad: un número bajo merece que lo escuchemos.",
	NothingTwice:         "Van dos sesiones seguidas que costaron trabajo. Eso pasa.",
	StillYourGoal:        "¿Sigue siendo tu meta?",
	MoreLikely:           "¿Qué lo haría un poco más posible?",
	Smaller:              "¿Podría ser más pequeño el próximo paso?",
	GoalLetGo:            "Está bien, las metas cambian. Escribe \"poner una meta\" cuando quieras una nueva.",
	ChoiceTellNavigator:  "Que alguien me busque",
	ChoiceNotNow:         "Ahora no",
	ChoiceContinue:       "Continuar",
	ChoiceSetGoal:        "Poner una meta",
	ChoiceCheckIn:        "Hacer check-in",
	ChoiceMySteps:        "Mis pasos",
	ChoiceHelp:           "Ayuda",
	DoneOrAnswer:         "¿Quieres marcar hecho el paso %d, o esa es tu respuesta?",
	PauseOrAnswer:        "¿Quieres un descanso de los recordatorios de check-in, o esa es tu respuesta?",
	MarkStepDone:         "Marcar hecho el paso %d",
	TakeABreak:           "Descansar de recordatorios",
	ItsMyAnswer:          "Es mi respuesta",
	Stopped:              "Paramos aquí.",
	StoppedNothing:       "Paramos aquí; no se guardó nada.",
	Kept:                 "Guardé: ",
	KeptStep:             "el paso %s marcado como hecho",
	KeptStepsN:           "los pasos %s marcados como hechos",
	KeptSteps:            "%d pasos marcados como hechos",
	KeptNewStep:          "el paso nuevo “%s”",
	KeptCheckIn:          "Tus respuestas hasta ahora quedan guardadas como un check-in.",
	ResumeHead:           "¡Qué bueno verte!",
	WereAddingStep:       "Estábamos agregando un paso: *%s*.",
	WereCheckingIn:       "Estábamos haciendo el check-in de tu meta: *%s*.",
	WereCheckingInNoGoal: "Estábamos haciendo tu check-in.",
	WereSettingGoal:      "Estábamos poniendo tu meta: *%s*.",
	WereDreaming:         "Estábamos poniendo una meta, a partir de tu sueño: *%s*.",
	WereStartingGoal:     "Estábamos empezando una meta.",
	HelpWayOut:           "\"atrás\" vuelve a la pregunta anterior, \"parar\" sale (guardo lo que hiciste).",
	HelpCrisis:           "Si estás en crisis, llama o manda un texto al 988 (marca 2 para español), a cualquier hora.",
	HelpAnswer:           "Responde con tus propias palabras; no hay respuestas equivocadas.",
	HelpDream:            "Cualquier sueño sirve: trabajo, un hogar, algo divertido. No hay respuestas equivocadas.",
	HelpHappy:            "Cuéntame cómo se vería una buena vida para ti: algo que tú, u otra persona, notaría.",
	HelpGoal:             "Una meta que quieras alcanzar, con tus palabras, como \"un trabajo de medio tiempo para marzo\".",
	HelpMeasure:          "Dime cómo sabrás que llegaste y para cuándo, o \"seguir así\" para dejar la meta como está.",
	HelpWhy:              "Unas palabras sobre por qué te importa; ayuda en las semanas difíciles.",
	HelpSupport:          "Nombra a quien te pueda ayudar (familia, un amigo, un padrino) o escribe \"nadie\".",
	HelpStepWhat:         "Algo pequeño que puedas hacer pronto, como \"llamar al centro de empleo\".",
	HelpStepWhen:         "Dime un día, como el viernes o el 20 de junio, o \"no sé\" y te sugiero uno.",
	HelpStepFar:          "\"Dejar esta fecha\" la deja; \"escoger un día más cercano\" te deja elegir otra vez.",
	HelpStepWho:          "Escribe \"yo\", \"mi navegador\" o el nombre de quien lo va a hacer.",
	HelpStepWhoName:      "Con el nombre basta.",
	HelpStepMore:         "Escribe el siguiente paso, o \"es todo por ahora\" para ver tu plan completo.",
	HelpConfirm:          "\"Guardarlo\" guarda tu meta y tus pasos; \"cambiar algo\" arregla una parte; \"empezar de nuevo\" vuelve al principio.",
	HelpEdit:             "Escoge qué cambiar: la meta, por qué te importa, quién te apoya, o agregar o quitar un paso.",
	HelpDropStep:         "Escribe el número del paso que quieres quitar.",
	HelpDid:              "Cuéntame qué hiciste con tus palabras, o los números de los pasos que terminaste, o \"nada esta vez\".",
	HelpBarrier:          "Escoge qué se atravesó, o dilo en pocas palabras. Nada de lo que digas aquí está mal.",
	HelpPlan:             "Una cosa que harás antes de la próxima sesión. Pequeña está bien.",
	HelpPlanAsStep:       "\"Sí\" lo agrega a tus pasos con un día; \"no, gracias\" lo deja como tu plan.",
	HelpRuler:            "Un número del 0 (nada) al 10 (mucho), o \"saltar\".",
	HelpReflect:          "Di lo que se te ocurra, o \"saltar\". Es solo para ti; no lo guardo.",
	Reached:              "🎉 ¡Llegaste a tu meta: “%s”! Te costó trabajo de verdad, y es tuya.",
	ReachedCairn:         "Tu cairn: %s (%s en el camino).",
	ReachedDream:         "Empezó con un sueño: “%s”. Mira todo lo que has avanzado.",
	ReachedConfirm:       "¡Qué maravilla! ¿Marco “%s” como lograda?",
	ReachedYes:           "Sí, márcala lograda",
	NotYet:               "Todavía no",
	NextGoal:             "¿Quieres poner tu siguiente meta?",
	SetNewGoal:           "Poner una meta nueva",
	NotNow:               "Ahora no",
	Later:                "Está bien. Cuando quieras, escribe “poner una meta”.",
	BackTo:               "Ahora, volvamos a donde íbamos:",
	WhichGoal:            "¿Cuál meta?",
	NeverMind:            "Mejor no",
	NothingChanged:       "Está bien, no cambió nada.",
	Revise:               "Está bien, las metas cambian. ¿Qué te gustaría hacer con “%s”?",
	ReviseWords:          "Cambiar las palabras",
	ReviseDate:           "Cambiar la fecha",
	LetGo:                "Dejarla ir",
	ChangeAGoal:          "Cambiar una meta",
	ReviseWordsQ:         "¿Cuál es la meta ahora, con tus palabras? Sus pasos se quedan como están.",
	ReviseDateQ:          "¿Para cuándo te gustaría lograrla ahora? (marzo, en 3 meses, el 20…)",
	Revised:              "Cambiada. Tu meta ahora es: “%s”. Sus pasos siguen con ella.",
	DropGoal:             "Está bien, las metas cambian. ¿Guardo los pasos de “%s”, o los quito también? Los pasos que terminaste se quedan en tu cairn de todos modos.",
	KeepSteps:            "Guardar los pasos",
	DropStepsToo:         "Quitarlos también",
	Dropped:              "Listo: dejaste ir “%s”. Dejar ir una meta también es una decisión.",
	DroppedMoved:         "Listo: dejaste ir “%s”. Sus pasos pendientes ahora están con “%s”.",
	DroppedKept:          "Listo: dejaste ir “%s”. Sus pasos se guardan con ella.",
	Beside:               "Estás trabajando en %s. ¿Agrego la meta nueva junto a esa, o la reemplazo?",
	BesideTwo:            "Estás trabajando en %s. ¿Agrego la meta nueva junto a esas, o reemplazo una?",
	AddBeside:            "Agregarla también",
	Replace:              "Reemplazarla",
	ReplaceStart:         "Está bien: la meta nueva va a tomar el lugar de “%s” cuando la guardes.",
	GoalsFull:            "Ya tienes %d metas, y eso es bastante para trabajar a la vez. Cuando logres una o la dejes ir, habrá lugar para otra.",
	GoalHeading:          "Tu meta: %s",
	StepChanged:          "Cambié el paso %d: %s.",
	StepRenumbered:       "Ahora es el paso %d: los pasos van en orden de fecha.",
	DeleteStepQ:          "¿Borro el paso “%s”?",
	DeleteIt:             "Borrarlo",
	KeepIt:               "Dejarlo",
	StepDeleted:          "Borrado: %s.",
	ChoiceReached:        "Meta lograda",
	NotSure:              "No sé",
	StepSuggestSession:   "Está bien. ¿Qué tal %s, un día antes de que se reúna tu grupo?",
	StepSuggest:          "Está bien. ¿Qué tal %s? Así tienes unos días.",
	PickAnotherDay:       "Escoger otro día",
	StepBig:              "Ese es grande. ¿Qué primera parte podrías hacer %s?",
	BeforeGroup:          "antes de que se reúna el grupo %s",
	ThisWeek:             "esta semana",
	BigKept:              "Guardé “%s” para después: está en tu plan como un paso sin fecha, para retomarlo cuando termines la primera parte.",
	NoDateYet:            "sin fecha todavía",
	StepAfterSession:     "%s es después de que se reúna el grupo %s. ¿Cabría una primera parte antes?",
	BigAsIs:              "Está bien, dejémoslo como un paso. Se puede hacer más pequeño cuando quieras.",
	ChoicePickExamples:   "Escoger de ejemplos",
	ChoiceKeep:           "Dejar así",
	ChoiceChangeWords:    "Cambiar las palabras",
	TemplatePick:         "Estas son metas que otras personas en recuperación han trabajado. Escoge una para empezar; puedes cambiar cada palabra:",
	TemplateFromGrp:      "De tu grupo",
	TemplatePickNone:     "No encontré esa. Escoge una de estas, o dime tu propia meta:",
	TemplateGoal:         "Tu meta podría ser: *%s*. ¿Dejas estas palabras, o las cambias?",
	TemplateOwnGoal:      "Dilo con tus palabras (era: *%s*).",
	TemplateStep:         "Una piedra con la que otros empezaron: *%s*. ¿La dejas, la cambias o la saltas?",
	TemplateOwnStep:      "Dilo con tus palabras (era: *%s*).",
	TemplateStepsEnd:     "Listo, esas eran las piedras de ejemplo.",
	HistoryNone:          "Todavía no hay check-ins: el primero llega antes de tu próxima sesión de grupo.",
	HistoryDream:         "Tu sueño: %s",
	HistoryWhy:           ". Por qué te importa: %s",
	HistoryCairn:         "Tu cairn: %s (%s)",
	HistoryStone:         "%d paso hecho",
	HistoryStones:        "%d pasos hechos",
	HistoryMore:          "  …y %d más",
	HistoryLately:        "Tus últimos check-ins:",
	HistoryDone:          "Hecho: %s",
	HistoryInWay:         "Lo que se atravesó: %s",
	HistoryPlan:          "Plan: %s",
	HistorySetback:       "una recaída, parte de la recuperación",
	HistoryChecked:       "hiciste check-in",
	HistoryDid:           "hiciste: %s",
	HistoryLinePlan:      "plan: %s",
	HistoryPrivate:       " 🔒",
	DreamFun:             "Empecemos con un sueño. Si mañana te ganaras la lotería, ¿qué harías?\nEl trabajo de tus sueños, la casa de tus sueños, o algo solo por gusto, como pescar, la música o un jardín. Todo vale.",
	DreamLittle:          "Está bien. Sueña un poquito: un trabajo que te guste, un lugar para vivir, algo divertido como pescar o la música, amigos con quienes pasar el rato. ¿Cuál se te viene a la mente?",
	DreamLater:           "Está bien, el sueño puede venir después. Sigamos.",
	SmartWhat:            "Hagamos que sea algo que los dos podamos ver. ¿Qué es exactamente lo que quieres lograr?",
	SmartKindJob:         "¿Qué tipo de trabajo?",
	SmartKindHome:        "¿En qué tipo de lugar te gustaría vivir?",
	SmartKindSchool:      "¿Qué te gustaría aprender o estudiar?",
	SmartKindOf:          "¿Qué tipo de %s?",
	SmartMeasure:         "¿Cómo vas a saber que llegaste?",
	SmartTime:            "¿Para cuándo te gustaría lograrlo? Una fecha aproximada está bien.",
	SmartSure:            "Del 0 al 10, ¿cuánta confianza tienes en que lo puedes lograr?",
	SmartSure7:           "¿Qué haría falta para que fuera un 7?",
	SmartOfferS:          "Algunas que otros se han puesto: \"un trabajo de medio tiempo en un supermercado para marzo\", \"tener mi propio apartamento para el otoño\", \"aprender a pescar con mosca este verano\". Cualquiera de estas, o tus palabras, o \"seguir así\".",
	SmartOfferM:          "Ayuda algo que puedas contar o ver, como \"caminar 20 minutos tres veces por semana\", \"ir a 3 reuniones por semana\" o \"tomar un café con un amigo cada semana\". ¿Qué sería para ti? O \"seguir así\".",
	SmartOfferT:          "Una fecha aproximada basta: \"para marzo\", \"en 3 meses\", \"para el otoño\". O \"seguir así\".",
	SmartOfferA:          "Solo un número del 0 (nada de confianza) al 10 (mucha confianza), o \"seguir así\".",
	SmartOfferA7:         "Tal vez más tiempo, una meta más pequeña o alguien que te ayude, como \"si mi navegador me ayuda con los formularios\". O \"seguir así\".",
	Enjoy:                "¿Hay alguna parte de esto que vas a disfrutar?",
	EnjoyThanks:          "Qué bien: esa parte es algo para esperar con ganas.",
	HelpEnjoy:            "Algo de esto que te haga ilusión, o \"saltar\".",
	HelpSpecific:         "Cuéntame un poco más de qué quieres exactamente, o \"seguir así\" para dejar la meta como está.",
	HelpByWhen:           "Una fecha aproximada está bien, como \"para marzo\" o \"en 3 meses\", o \"seguir así\".",
	HelpSure:             "Un número del 0 (nada de confianza) al 10 (mucha confianza), o \"seguir así\".",
	HelpSure7:            "Qué te ayudaría: más tiempo, una meta más pequeña, alguien a tu lado, o \"seguir así\".",
	SmartOfferR:          "Puede ser cualquier cosa que sea tuya, como \"por mis hijos\", \"para sentirme orgulloso otra vez\" o \"para tener dinero para lo que me gusta\".",
	ChoiceTalk:           "Hablar con alguien",
	PersonOffer:          "¿Quieres que le pida a tu navegador que te busque? Solo va a saber que lo pediste, no lo que escribiste.",
	PersonYes:            "Sí, pídeselo",
	PersonNotNow:         "Ahora no",
	PersonNo:             "Está bien, no le pido a nadie. Si cambias de opinión, escribe \"quiero hablar con alguien\" cuando quieras.",
	PersonResume:         "Lo que estábamos haciendo queda guardado: escribe \"seguir\" cuando quieras.",
	NobodyToAsk: "Lo siento: todavía no hay un navegador ni un facilitador a quien pedirle que te busque, porque no estás en un grupo que tenga uno.\n" +
		"Si quieres hablar con alguien ahora, llama o manda un texto al 988 (Línea 988 de Prevención del Suicidio y Crisis; marca 2 para español), a cualquier hora. " +
		"Si estás en peligro ahora, llama al número de emergencias de tu país.",
	WhoSeesAll:       "Tu facilitador ve lo que escribes aquí, menos lo que guardas solo para ti. Puedes cambiarlo con /cairn privacidad.",
	WhoSeesSteps:     "Tu facilitador ve si hiciste check-in y los pasos que terminas. Puedes cambiarlo con /cairn privacidad.",
	WhoSeesCheckedIn: "Tu facilitador solo ve si hiciste check-in. Puedes cambiarlo con /cairn privacidad.",
	PrivacyIntro:     "¿Qué pueden ver de tus check-ins los facilitadores de tu grupo y tu navegador? Una respuesta que marques *solo para mí* durante un check-in nunca se le muestra a nadie, escojas lo que escojas.",
	PrivacyAsk:       "*%s*: ahora, %s.",
	PrivacySet:       "Listo: en %s, %s.",
	PrivacyNoGroup:   "Todavía no estás en un grupo, así que nadie ve tus check-ins. Cuando entres a uno, vas a escoger qué ven sus facilitadores.",
	PrivacyTrouble:   "Perdona, no pude guardar eso. Inténtalo otra vez en un minuto.",
	PrivacyNotIn:     "Ya no eres parte de ese grupo, así que no hay nada que cambiar.",
	JustForMe:        "Solo para mí",
	KeptPrivate:      "Guardado solo para ti: nadie más va a ver esa respuesta, compartas lo que compartas.",
	ForgetAsk: "Esto borra todo lo que guardo de ti: tus metas y pasos, tus check-ins, nuestra conversación, " +
		"los mensajes pendientes y tu lugar en tus grupos (tus facilitadores y tu navegador ya no te verán ahí).\n" +
		"No se puede deshacer. Si primero quieres una copia, escribe \"mis datos\".\n¿Borro todo?",
	ForgetYes:         "Borrar todo",
	ForgetKeep:        "Dejar todo como está",
	ForgetKept:        "Está bien: dejé todo como estaba.",
	ForgetExpired:     "Ese botón es de hace tiempo, así que no borré nada. Si todavía quieres, escribe \"olvídame\" otra vez.",
	Forgotten:         "Listo. Borré todo lo que guardaba de ti. Si me vuelves a escribir, empezamos de cero.",
	DataNothing:       "Ahora no guardo nada de ti.",
	DataHead:          "Esto es todo lo que guardo de ti. El archivo lo tiene completo; en resumen:",
	DataFoot:          "Escribe \"olvídame\" si quieres que lo borre todo.",
	SummaryGoal:       "Meta: %s",
	SummaryMeasure:    "Cómo lo sabrás: %s",
	SummaryWhy:        "Por qué te importa: %s",
	SummarySupport:    "Apoyo: %s",
	SummarySteps:      "Pasos:",
	CairnStatus:       "Tu cairn: %s (%d de %d pasos hechos)",
	NoStones:          "todavía sin piedras; la primera es la más difícil",
	StepAddedShort:    "Anotado: %s.",
	BarrierWhat:       "¿Qué fue? Con unas palabras basta.",
	ConfirmAgain:      "¿Guardo tu plan así como está?",
	CountStone:        "%d piedra",
	CountStones:       "%d piedras",
	And:               " y ",
	By:                "para %s",
	AlertToHelper:     "%s pidió hablar con alguien. ¿Le puedes escribir hoy?",
	Asked:             "Pedí que te busquen: %s, %s.",
	AskedRecently:     "Ya pedí a las %[2]s que te busquen: %[1]s. Pronto te van a escribir. Si no puede esperar, llama o manda un texto al 988.",
	ClockFormat:       "15:04",
	AskedNavigator:    "tu navegador",
	AskedFacilitator:  "el facilitador de tu grupo",
	AskedFacilitators: "los facilitadores de tu grupo",
	AskedThem:         "ellos",
	SharingLabels:     []string{"Todo lo que escribo", "Check-in + pasos hechos", "Solo si hice check-in"},
	SharingSays: []string{
		"tus facilitadores y tu navegador ven lo que escribes en un check-in, menos las respuestas que guardas solo para ti",
		"tus facilitadores y tu navegador ven si hiciste check-in y cuántos pasos terminaste, no tus palabras",
		"tus facilitadores y tu navegador solo ven si hiciste check-in",
	},
	Templates: [][]string{
		{"Trabajo", "Un trabajo de medio tiempo para la primavera",
			"Sacar mi acta de nacimiento (pedir la cita en el registro civil)",
			"Escoger dos conjuntos de ropa para entrevistas",
			"Ir al taller de currículum"},
		{"Vivienda", "Un lugar propio para fin de año",
			"Llamar a la oficina de vivienda por la lista de espera",
			"Preguntarle a mi navegador qué papeles pide la solicitud",
			"Visitar un apartamento"},
		{"Estudios", "Empezar una clase de GED este otoño",
			"Llamar al centro de educación para adultos por los horarios",
			"Inscribirme al examen de ubicación",
			"Buscar un lugar tranquilo para estudiar dos veces por semana"},
		{"Salud", "Caminar 20 minutos tres veces por semana para el mes que viene",
			"Pedir una cita con mi doctor para un chequeo",
			"Caminar una vuelta a la cuadra",
			"Escoger zapatos cómodos para caminar"},
		{"Relaciones y amistades", "Tomar un café con un amigo cada semana",
			"Mandarle un mensaje a un viejo amigo para saludar",
			"Invitar a alguien del grupo a tomar un café",
			"Ir a un evento de la comunidad"},
		{"Tiempo libre", "Ir a pescar este verano",
			"Comprar una caña de pescar",
			"Sacar la licencia de pesca",
			"Hablar con un amigo que pesca"},
		{"Recuperación", "Ir a una reunión de apoyo cada semana este mes",
			"Buscar horarios de reuniones cerca de mí",
			"Ir a una reunión",
			"Pedirle su número a alguien de la reunión"},
	},
	DataName:         "tu nombre: %s",
	DataGoal:         "meta (%s): “%s”, %s, hechos: %d",
	GoalStatuses:     []string{"activa", "lograda", "dejada ir"},
	CountStep:        "%d paso",
	CountSteps:       "%d pasos",
	DataCheckIns:     "%s; el último, de la sesión del %s",
	CountCheckIn:     "%d check-in",
	CountCheckInsN:   "%d check-ins",
	DataConversation: "nuestra conversación en curso, con lo que has escrito hasta ahora",
	DataScheduled:    "%s para ti (recordatorios, enviados o por enviar)",
	CountScheduled:   "%d mensaje programado",
	CountScheduledN:  "%d mensajes programados",
	DataInTransit:    "%s en camino entre tú y yo",
	DataRecaps:       "apareces en %s (que viniste, y lo tuyo que compartió quien facilita)",
	CountRecap:       "%d resumen de sesión",
	CountRecaps:      "%d resúmenes de sesión",
	CountMessage:     "%d mensaje",
	CountMessages:    "%d mensajes",
	DataGroup:        "grupo %s: estás como %s",
	Roles:            []string{"participante", "facilitador", "navegador"},

	// Language (lang.go)
	// Language (lang.go)
	LangAsk:      "¿Prefieres que hablemos en español?",
	LangYes:      "Sí",
	LangEnglish:  "English",
	LangSwitched: "¡Listo! Desde ahora hablamos en español. Si prefieres inglés, escribe \"english\".",
	DayMonthRead: "(Lo tomé como %s, día/mes.)",
	DayToday:     "hoy",
	DayTomorrow:  "mañana",
	DayOn:        "el %s",
	DueBy:        "para %s", // SayDateOnIn: "para el viernes…", "para mañana, …"

	DateTooLong:         `Es un poco largo para leerlo como fecha. ¿Me dices solo el día? Por ejemplo "el viernes" o "3 de junio".`,
	DateEmpty:           `No vi ninguna fecha. Puedes decir "el viernes", "el 20", "la próxima semana" o "3 de junio".`,
	DateNotUnderstood:   `No pude entender "%s" como fecha. Puedes decir "el viernes", "el 20", "la próxima semana" o "3 de junio".`,
	DateForeign:         `No pude entender esa fecha. Puedes decir "el viernes", "el 20", "la próxima semana" o "3 de junio".`,
	DateVague:           `"%s" todavía no es una fecha, y está bien. ¿Puedes elegir un día? Por ejemplo "el viernes", "el 20" o "en dos semanas".`,
	DateMonthOnly:       "%s es un mes entero. ¿Qué día de %s te queda bien?",
	DatePassed:          "Esa fecha ya pasó. ¿Cuándo te gustaría hacerlo?",
	DateTooFar:          "Eso es en más de dos años. ¿Puedes elegir una fecha más cercana para este paso?",
	DateNoMonthHas:      "Ningún mes tiene día %s. ¿Qué día querías decir?",
	DateNoSuchDay:       "No existe el %[2]d de %[1]s. ¿Qué día querías decir?",
	DateNoSuchDayYear:   "No existe el %[2]d de %[1]s de %[3]d. ¿Qué día querías decir?",
	DateNumericBad:      `No encontré "%s" en el calendario. Leo fechas como 3/6 como día/mes: 3/6 es el 3 de junio. ¿Qué día querías decir?`,
	DateISOBad:          `No encontré "%s" en el calendario. ¿Qué día querías decir?`,
	DateWeekdayMismatch: "El %s es %s, no %s. ¿Qué día querías decir?",
	DateLabelMismatch:   "El %s no es %s: %s es %s. ¿Qué día querías decir?",
}

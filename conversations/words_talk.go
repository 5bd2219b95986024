package conversations

// Talk is every sentence of the member's DM conversation (see catalogue.go).
// One question per message, short lines, plain words; nothing judges.
type Talk struct {
	// OwnerNavigator and OwnerYou name who does a step, in a step's line.
	OwnerNavigator string
	OwnerYou       string
	// Barriers label the common things that get in the way (the button
	// values stay the English names in barriers, which check-ins store).
	Barriers            []string
	Intro               string
	Menu                string
	Hello               string
	Happy               string
	Goal                string
	GoalKeep            string
	Why                 string
	Support             string
	NoOne               string
	StepFirst           string
	StepNext            string
	StepCheckinPlan     string
	StepSplit           string
	StepKeepOne         string
	StepWhen            string
	StepNoDate          string
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
	OwnerNavigator:       "your navigator",
	OwnerYou:             "you",
	Barriers:             barriers,
	Intro:                "Hi, I'm Cairn. I help you turn a dream into a goal, and the goal into small steps — one stone at a time.",
	Menu:                 "What would you like to do?",
	Hello:                "Hi again!",
	Happy:                "What would being happy look like for you?\nHow would you know — and how would I know — that you got there?",
	Goal:                 "Let's make that one goal to work toward. In your own words, what is it?",
	GoalKeep:             "Go on as it is",
	Why:                  "Why does this goal matter to you?",
	Support:              "Who could support you with it? Family, friends, a sponsor…\nNo one yet is okay too.",
	NoOne:                "No one yet",
	StepFirst:            "Now the stepping stones: small steps that lead to your goal.\nWhat's one first step? (Like \"buy a fishing pole\" or \"call the job center\".)",
	StepNext:             "What's the next step?",
	StepCheckinPlan:      "What will you do before the next session?",
	StepSplit:            "That sounds like more than one step. Could it be smaller?\nWhat's the first part?",
	StepKeepOne:          "Keep it as one step",
	StepWhen:             "When will you do it? (Friday, the 20th, next week…)",
	StepNoDate:           "A step works best with a day on it. Could you pick one? Even a rough one, like \"next week\".",
	StepFar:              "%s is more than 6 weeks away. Could there be a smaller step you could do sooner?",
	StepKeepDate:         "Keep this date",
	StepOtherDay:         "Pick a sooner day",
	StepWho:              "%s — got it. Who will do this step?",
	WhoMe:                "Me",
	WhoNavigator:         "My navigator",
	WhoOther:             "Someone else",
	StepWhoName:          "Who will do it? A first name is fine.",
	WhoNotADay:           "That sounds like a day — this step is already set for %s. Who will do it: you, your navigator, or someone else?",
	WhoAgain:             "I didn't catch who. Who will do this step: you, your navigator, or someone else?",
	StepAdded:            "Added: %s. Add another step?",
	AddAnother:           "Add another step",
	ThatsAll:             "That's all for now",
	Confirm:              "Here's your plan:\n%s\nShall I save it?",
	Save:                 "Save it",
	Edit:                 "Change something",
	StartOver:            "Start over",
	EditWhat:             "What would you like to change?",
	EditGoal:             "The goal",
	EditWhy:              "Why it matters",
	EditSupport:          "Who supports me",
	EditAddStep:          "Add a step",
	EditDropStep:         "Remove a step",
	DropWhich:            "Which step should I remove? Type its number.",
	DropNone:             "There are no steps to remove yet.",
	Saved:                "Saved. Your first stone: %s.\nEach step you finish adds a stone to your cairn. I'll check in before each group session.",
	SavedNoStep:          "Saved. When you're ready, add a first step with \"goal\" or from the menu.",
	CheckinNoGoal:        "Before a check-in, let's set a goal together. It only takes a few minutes.",
	CheckinDid:           "Check-in time. Since the last session, what did you do on your goal?\n“%s”",
	CheckinDidSteps:      "Your open steps:\n%s\nTap the ones you finished, or tell me in your own words.",
	CheckinMore:          "Anything else you did?",
	MarkedStone:          "Marked done: %s ✓ — that's stone number %d.",
	StepAlreadyDone:      "That one's already done: %s ✓",
	WhichStep:            "Which did you mean? Tap each one you finished.",
	NoneOfThese:          "None of these",
	NoStepNumbered:       "I don't see a step numbered like that. Tap the ones you finished, or tell me in your own words.",
	Nothing:              "Nothing this time",
	DoneChecking:         "That's it",
	Barrier:              "That's okay — weeks like that happen. What got in the way?",
	BarrierThanks:        "Thanks for telling me.",
	PlanAsStep:           "Shall I add that as a step?",
	YesAdd:               "Yes, add it",
	NoThanks:             "No thanks",
	Importance:           "One quick one: from 0 to 10, how important is this goal to you right now?",
	Confidence:           "And from 0 to 10, how confident are you that you can do your next step?",
	Skip:                 "Skip",
	RulerBad:             "A number from 0 to 10, please — or skip.",
	CheckinSaved:         "Thanks — your check-in is saved. See you at the session.",
	CheckinLate:          "Thanks — your check-in is saved. It came after the session started, and that's fine: it still counts.",
	NothingToCancel:      "There's nothing to stop right now.",
	CantGoBack:           "This is the first question, so there's nothing to go back to.",
	Empty:                "I didn't catch anything there.",
	TooLong:              "That's a lot to take in at once. Could you say it in a shorter message (under 4,000 characters)?",
	EmojiOnly:            "I like that. Could you put it in a few words too, so we can track it?",
	PickOne:              "Sorry, I didn't follow. You can tap one of the buttons or type your answer.",
	NoSteps:              "You don't have any steps yet.",
	NoGoalYet:            "You haven't set a goal yet.",
	StepNotFound:         "I couldn't find that step. Say \"steps\" to see their numbers.",
	Help:                 "You can say, any time — even in the middle of a question:\n• \"set a goal\" to set a goal\n• \"check in\" to tell me how it went\n• \"steps\" to see your goal and steps\n• \"done 2\" (or \"done\" and a step's words) to mark a step done\n• \"help\" inside a question, to hear what it asks\n• \"back\" to go back a question, \"stop\" to stop (I keep what you've done)\n• \"away until June 20\" for a break from check-in prompts, \"I'm back\" to end it\n• \"talk to a person\" to have your navigator reach out\n• \"my data\" for a copy of everything I hold about you, \"forget me\" to delete it\nIf you're in crisis, call or text 988 (US), any time.",
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
	Setback:              "Thank you for telling me. Setbacks are part of recovery — they don't erase the steps you've taken.\nIf you'd like, I can let your navigator know.",
	LowSelf:              "That sounds really hard — and it isn't the whole story: you're still here, working on it. Could the next step be smaller?",
	ReflectThanks:        "Thank you for thinking it over with me.",
	LowRating:            "Thank you for being honest — a low number is worth listening to.",
	NothingTwice:         "That's two sessions in a row that were hard going. That happens.",
	StillYourGoal:        "Is this still your goal?",
	MoreLikely:           "What would make it a bit more likely?",
	Smaller:              "Could the next step be smaller?",
	GoalLetGo:            "That's okay — goals change. Say \"goal\" whenever you'd like to set a new one.",
	ChoiceTellNavigator:  "Let my navigator know",
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
	ForgetYes:     "Delete everything",
	ForgetKeep:    "Keep it",
	ForgetKept:    "Okay — I've kept everything as it was.",
	ForgetExpired: "That button is from a while ago, so I haven't deleted anything. If you still want me to, say \"forget me\" again.",
	Forgotten:     "Done. I've deleted everything I held about you. If you write to me again, we'll start fresh.",
	DataNothing:   "I don't hold anything about you right now.",
	DataHead:      "Here's everything I hold about you. The file has all of it; in short:",
	DataFoot:      "Say \"forget me\" if you'd like me to delete all of it.",

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
	// Language (lang.go)
	LangAsk:      "¿Prefieres que hablemos en español?",
	LangYes:      "Sí",
	LangEnglish:  "English",
	LangSwitched: "¡Listo! Desde ahora hablamos en español. Si prefieres inglés, escribe \"english\".",
	DayMonthRead: "(Lo tomé como %s, día/mes.)",
	DayToday:     "hoy",
	DayTomorrow:  "mañana",
	DayOn:        "el %s",
	DueBy:        "para el %s",

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

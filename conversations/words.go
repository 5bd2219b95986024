package conversations

// Every sentence a member reads comes from here, so the voice can be reviewed
// (and one day translated) as a whole. One question per message, short lines,
// plain words; nothing judges.

const (
	sayIntro = "Hi, I'm Cairn. I help you turn a dream into a goal, and the goal into small steps — one stone at a time."
	sayMenu  = "What would you like to do?"
	sayHello = "Hi again!"

	sayDream = "Let's start with a dream. If you won the lottery tomorrow, what would you do?\nA dream job, a dream home, something fun — anything goes."
	sayHappy = "What would being happy look like for you?\nHow would you know — and how would I know — that you got there?"
	sayGoal  = "Let's make that one goal to work toward. In your own words, what is it?"

	sayGoalVague  = "That's a goal worth having. How will you know you've reached it, and by when?\nFor example: \"have coffee with a friend every week\" or \"a part-time job by March\"."
	sayGoalNoTime = "Good, that's clear. By when would you like to get there? A rough time is fine."
	sayGoalKeep   = "Go on as it is"

	sayWhy     = "Why does this goal matter to you?"
	saySupport = "Who could support you with it? Family, friends, a sponsor…\nNo one yet is okay too."
	sayNoOne   = "No one yet"

	sayStepFirst       = "Now the stepping stones: small steps that lead to your goal.\nWhat's one first step? (Like \"buy a fishing pole\" or \"call the job center\".)"
	sayStepNext        = "What's the next step?"
	sayStepCheckinPlan = "What will you do before the next session?"
	sayStepSplit       = "That sounds like more than one step. Could it be smaller?\nWhat's the first part?"
	sayStepKeepOne     = "Keep it as one step"
	sayStepWhen        = "When will you do it? (Friday, the 20th, next week…)"
	sayStepNoDate      = "A step works best with a day on it. Could you pick one? Even a rough one, like \"next week\"."
	sayStepFar         = "%s is more than 6 weeks away. Could there be a smaller step you could do sooner?"
	sayStepKeepDate    = "Keep this date"
	sayStepOtherDay    = "Pick a sooner day"
	sayStepWho         = "%s — got it. Who will do this step?"
	sayWhoMe           = "Me"
	sayWhoNavigator    = "My navigator"
	sayWhoOther        = "Someone else"
	sayStepWhoName     = "Who will do it? A first name is fine."
	sayStepAdded       = "Added: %s. Add another step?"
	sayAddAnother      = "Add another step"
	sayThatsAll        = "That's all for now"

	sayConfirm      = "Here's your plan:\n%s\nShall I save it?"
	saySave         = "Save it"
	sayEdit         = "Change something"
	sayStartOver    = "Start over"
	sayEditWhat     = "What would you like to change?"
	sayEditGoal     = "The goal"
	sayEditWhy      = "Why it matters"
	sayEditSupport  = "Who supports me"
	sayEditAddStep  = "Add a step"
	sayEditDropStep = "Remove a step"
	sayDropWhich    = "Which step should I remove? Type its number."
	sayDropNone     = "There are no steps to remove yet."
	saySaved        = "Saved. Your first stone: %s.\nEach step you finish adds a stone to your cairn. I'll check in before each group session."
	saySavedNoStep  = "Saved. When you're ready, add a first step with \"goal\" or from the menu."

	sayCheckinNoGoal   = "Before a check-in, let's set a goal together. It only takes a few minutes."
	sayCheckinDid      = "Check-in time. Since the last session, what did you do on your goal?\n“%s”"
	sayCheckinDidSteps = "Your open steps:\n%s\nTap the ones you finished, or tell me in your own words."
	sayCheckinMarked   = "Nice — that's a stone on your cairn. Anything else?"
	sayNothing         = "Nothing this time"
	sayDoneChecking    = "That's it"
	sayBarrier         = "That's okay — weeks like that happen. What got in the way?"
	sayBarrierThanks   = "Thanks for telling me."
	sayPlanAsStep      = "Shall I add that as a step?"
	sayYesAdd          = "Yes, add it"
	sayNoThanks        = "No thanks"
	sayImportance      = "One quick one: from 0 to 10, how important is this goal to you right now?"
	sayConfidence      = "And from 0 to 10, how confident are you that you can do your next step?"
	saySkip            = "Skip"
	sayRulerBad        = "A number from 0 to 10, please — or skip."
	sayCheckinSaved    = "Thanks — your check-in is saved. See you at the session."
	sayCheckinLate     = "Thanks — your check-in is saved. It came after the session started, and that's fine: it still counts."

	sayCancelled       = "Okay, I've stopped. Nothing from this conversation was saved. Say \"hi\" whenever you want to pick it up again."
	sayNothingToCancel = "There's nothing to stop right now."
	sayCantGoBack      = "This is the first question, so there's nothing to go back to."
	sayResume          = "Welcome back. Let's pick up where we left off."
	sayEmpty           = "I didn't catch anything there."
	sayTooLong         = "That's a lot to take in at once. Could you say it in a shorter message (under 4,000 characters)?"
	sayEmojiOnly       = "I like that. Could you put it in a few words too, so we can track it?"
	sayPickOne         = "Sorry, I didn't follow. You can tap one of the buttons or type your answer."
	sayNoSteps         = "You don't have any steps yet."
	sayNoGoalYet       = "You haven't set a goal yet."
	sayStepDone        = "Marked done: %s. That's another stone on your cairn."
	sayStepNotFound    = "I couldn't find that step. Say \"steps\" to see their numbers."

	sayHelp       = "You can say:\n• \"goal\" to set a goal\n• \"check in\" to tell me how it went\n• \"steps\" to see your goal and steps\n• \"done 2\" to mark step 2 done\n• \"away until June 20\" for a break from check-in prompts, \"I'm back\" to end it\n• \"my data\" for a copy of everything I hold about you, \"forget me\" to delete it\n• \"back\" to go back a question, \"stop\" to stop\nIf you're in crisis, call or text 988 (US), any time."
	sayHelpInFlow = "Take your time; there are no wrong answers. \"back\" goes back a question, \"stop\" stops, and I'll remember where we were if you leave.\nIf you're in crisis, call or text 988 (US), any time."

	sayPaused   = "Okay — no check-in prompts until %s. Your goal and steps stay as they are. Say \"I'm back\" to turn them on sooner."
	sayResumed  = "Welcome back — check-in prompts are on again."
	sayPauseHow = "Say when you'll be back, like \"away until June 20\" or \"away for 2 weeks\"."

	sayCrisis        = "I'm really glad you told me. You matter, and you don't have to face this alone."
	say988           = "988, the US Suicide & Crisis Lifeline — call or text 988, any time."
	sayGroupContacts = "People you can reach right now:"
	sayEmergency     = "If you are in danger now, call your local emergency number."
	sayCrisisOffer   = "Would you like me to let your navigator or facilitator know, so a person can reach out to you?"
	sayCrisisHeld    = "I'm here, and I'm not saving any of this as an answer. If you are in danger now, call your local emergency number (988 in the US). When you'd like to go on, say \"continue\"."
	sayCrisisNotNow  = "Okay. I'm here whenever you want, and a person can be asked any time — just say so."
	saySetback       = "Thank you for telling me. Setbacks are part of recovery — they don't erase the steps you've taken.\nIf you'd like, I can let your navigator know."
	sayLowSelf       = "That sounds really hard — and it isn't the whole story: you're still here, working on it. Could the next step be smaller?"
	sayReflectThanks = "Thank you for thinking it over with me."
	sayLowRating     = "Thank you for being honest — a low number is worth listening to."
	sayNothingTwice  = "That's two sessions in a row that were hard going. That happens."
	sayStillYourGoal = "Is this still your goal?"
	sayMoreLikely    = "What would make it a bit more likely?"
	saySmaller       = "Could the next step be smaller?"
	sayGoalLetGo     = "That's okay — goals change. Say \"goal\" whenever you'd like to set a new one."

	choiceTellNavigator = "Let my navigator know"
	choiceNotNow        = "Not now"
	choiceContinue      = "Continue"

	choiceSetGoal = "Set a goal"
	choiceCheckIn = "Check in"
	choiceMySteps = "My steps"
	choiceHelp    = "Help"
)

// barriers are the common things that get in the way, offered as buttons so
// navigators can see patterns across members without anyone being judged.
var barriers = []string{"Transport", "Health", "Money", "Childcare", "Motivation", "Something else"}

// The step sub-flow's dates (stepdate.go).
const (
	sayNotSure            = "Not sure"
	sayStepSuggestSession = "That's okay. How about %s, the day before your group meets?"
	sayStepSuggest        = "That's okay. How about %s? That gives you a few days."
	sayPickAnotherDay     = "Pick another day"
	sayStepBig            = "That's a big one — what's a first piece you could do %s?"
	sayBeforeGroup        = "before the group meets %s"
	sayThisWeek           = "this week"
	sayBigKept            = "I've kept “%s” for later: it's in your plan as a step with no date yet, to come back to once the first piece is done."
	sayNoDateYet          = "no date yet"
	sayStepAfterSession   = "%s is after the group meets %s. Could a first piece of it fit before then?"
	sayBigAsIs            = "That's okay — let's keep it as one step. It can be made smaller any time."
)

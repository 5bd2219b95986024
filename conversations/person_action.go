package conversations

// ActTalkToPerson is the button value that asks Cairn to let the member's navigator or facilitator know they would like to talk.
const ActTalkToPerson = "person:ask"

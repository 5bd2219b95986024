package bot

// BotScopes are the OAuth scopes Cairn's code needs, and why. manifest.yml
// must ask for exactly these: no more (members' trust), no fewer (a call
// that fails in production).
var BotScopes = map[string]string{
	"channels:read":    "conversations.members: filling a new group's member list from its public channel",
	"chat:write":       "chat.postMessage and chat.update: replies and scheduled prompts in DMs, taking buttons off answered messages, session recaps in a group's channel",
	"groups:read":      "conversations.members: the same for a private channel",
	"channels:history": "conversations.history in a group's public channel: only to find a session recap whose post may have arrived before posting it again (Cairn reads no channel messages otherwise)",
	"groups:history":   "the same in a private channel",
	"commands":         "the /cairn slash command",
	"files:write":      "files.getUploadURLExternal and files.completeUploadExternal: the file \"my data\" sends to the member's DM",
	"im:history":       "message.im events (what members type in their DM with Cairn) and conversations.history (checking, after a crash, whether a prompt went out)",
	"im:write":         "conversations.open: starting a DM (from App Home and /cairn)",
	"users:read":       "users.info and user_change: each member's time zone",
}

// BotEvents are the events Cairn subscribes to, and why.
var BotEvents = map[string]string{
	"app_home_opened": "publishing a member's App Home when they open it",
	"message.im":      "the conversation itself",
	"user_change":     "keeping members' time zones current",
}

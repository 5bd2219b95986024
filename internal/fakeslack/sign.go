package fakeslack

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/slack-go/slack"
)

// Sign is Slack's v0 request signature: "v0=" and the hex HMAC-SHA256,
// keyed with the signing secret, of "v0:<ts>:<body>".
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + strconv.FormatInt(ts, 10) + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// SignedRequest is a POST of body to url as Slack sends it to an HTTP
// Events API, slash command or interactivity endpoint: Content-Type set,
// X-Slack-Request-Timestamp now and X-Slack-Signature signed with secret.
// It can be sent with an http.Client or passed to a handler's ServeHTTP.
// It panics if url does not parse. Add X-Slack-Retry-Num and
// X-Slack-Retry-Reason to make it a retry.
func SignedRequest(url, secret string, body []byte, contentType string, now time.Time) *http.Request {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		panic("fakeslack: SignedRequest: " + err.Error())
	}
	ts := now.Unix()
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("X-Slack-Signature", Sign(secret, ts, body))
	req.Header.Set("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
	return req
}

// SlashCommandForm is the form body Slack POSTs to a slash command's HTTP
// endpoint (Content-Type application/x-www-form-urlencoded). Unlike
// SendSlashCommand it fills in nothing.
func SlashCommandForm(cmd slack.SlashCommand) url.Values {
	return url.Values{
		"token":                 {cmd.Token},
		"team_id":               {cmd.TeamID},
		"team_domain":           {cmd.TeamDomain},
		"enterprise_id":         {cmd.EnterpriseID},
		"enterprise_name":       {cmd.EnterpriseName},
		"is_enterprise_install": {strconv.FormatBool(cmd.IsEnterpriseInstall)},
		"channel_id":            {cmd.ChannelID},
		"channel_name":          {cmd.ChannelName},
		"user_id":               {cmd.UserID},
		"user_name":             {cmd.UserName},
		"command":               {cmd.Command},
		"text":                  {cmd.Text},
		"response_url":          {cmd.ResponseURL},
		"trigger_id":            {cmd.TriggerID},
		"api_app_id":            {cmd.APIAppID},
	}
}

// InteractiveForm is the form body Slack POSTs to an app's interactivity
// endpoint: the payload JSON in the single field "payload".
func InteractiveForm(payload any) (url.Values, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, err
	}
	return url.Values{"payload": {string(b)}}, nil
}

package main

import (
	"strings"
	"testing"
)

// TestSchedulePreview_SendTimeRules: the preview says what Cairn would
// really do, with the rules applied when a message is sent: a morning
// session's digest after the quiet hours, and a message already due in
// quiet hours held for the morning.
func TestSchedulePreview_SendTimeRules(t *testing.T) {
	for _, tt := range []struct {
		name      string
		args      []string
		want, not []string
	}{
		{
			name: "MorningDigest",
			args: []string{"--schedule", "Tuesdays 8:30am", "--tz", "Europe/Berlin", "--days", "2", "--from", "2026-06-15T09:00:00+02:00"},
			want: []string{"Tue Jun 16 08:00 CEST  digest"},
			not:  []string{"Mon Jun 15 20:45 CEST  digest"},
		},
		{
			name: "LateInQuietHours",
			args: []string{"--schedule", "Wednesdays 6pm", "--tz", "America/New_York", "--member-tz", "America/New_York",
				"--member-tz", "Asia/Kolkata", "--days", "1", "--from", "2026-06-16T23:00:00-04:00"},
			want: []string{
				// 23:00 in New York: the late prompt waits for 08:00 there…
				"Wed Jun 17 08:00 EDT  check-in prompt              → members in America/New_York   (session Wed Jun 17 18:00 EDT)   late: waits for the end of quiet hours",
				// …while in Kolkata it is 08:30, and it goes at once.
				"Wed Jun 17 08:30 IST  check-in prompt              → members in Asia/Kolkata   (session Wed Jun 17 18:00 EDT)   late: goes out at once",
			},
			not: []string{"Tue Jun 16 18:00 EDT  check-in prompt"},
		},
		{
			name: "LatePromptInsteadOfReminder",
			args: []string{"--schedule", "Wednesdays 6pm", "--tz", "America/New_York", "--days", "1", "--from", "2026-06-17T16:30:00-04:00"},
			want: []string{
				"Wed Jun 17 16:30 EDT  check-in prompt",
				"reminder (if not answered)   → members in America/New_York   (session Wed Jun 17 18:00 EDT)   not sent: the late prompt goes instead",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCairn(t, "", nil, append([]string{"schedule", "preview"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("preview lacks %q:\n%s", want, out)
				}
			}
			for _, not := range tt.not {
				if strings.Contains(out, not) {
					t.Errorf("preview says %q:\n%s", not, out)
				}
			}
		})
	}
}

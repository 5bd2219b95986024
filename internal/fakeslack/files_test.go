package fakeslack

import (
	"errors"
	"slices"
	"testing"

	"github.com/slack-go/slack"
)

// TestFileUpload drives slack-go's three-step upload against the fake:
// the bytes arrive, the file is shared in the DM, and every step is
// recorded.
func TestFileUpload(t *testing.T) {
	s := New()
	defer s.Close()
	api := newAPI(t, s, botToken)
	ctx := testCtx(t)
	content := `{"goal":"sail by July"}`
	f, err := api.UploadFileContext(ctx, slack.UploadFileParameters{
		Filename: "data.json", FileSize: len(content), Content: content, Title: "Your data",
		Channel: DMChannel(alice), InitialComment: "here it is",
	})
	if err != nil {
		t.Fatal(err)
	}
	files := s.Files()
	if len(files) != 1 {
		t.Fatalf("files: %+v", files)
	}
	got := files[0]
	if got.ID != f.ID || string(got.Content) != content || got.Channel != DMChannel(alice) || got.Title != "Your data" ||
		got.Name != "data.json" || !got.Shared || got.Comment != "here it is" {
		t.Errorf("file: %+v (slack-go saw %+v)", got, f)
	}
	var methods []string
	for _, c := range s.Calls() {
		methods = append(methods, c.Method)
	}
	if want := []string{"files.getUploadURLExternal", "upload_url", "files.completeUploadExternal"}; !slices.Equal(methods, want) {
		t.Errorf("calls %q, want %q", methods, want)
	}
	msgs := s.Messages(DMChannel(alice))
	if len(msgs) != 1 || !slices.Equal(msgs[0].Files, []string{f.ID}) {
		t.Errorf("DM history: %+v", msgs)
	}
}

func TestFileUpload_Errors(t *testing.T) {
	s := New()
	defer s.Close()
	api := newAPI(t, s, botToken)
	ctx := testCtx(t)

	// Completing a file whose bytes never came is refused.
	u, err := api.GetUploadURLExternalContext(ctx, slack.GetUploadURLExternalParameters{FileName: "a.json", FileSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = api.CompleteUploadExternalContext(ctx, slack.CompleteUploadExternalParameters{
		Files: []slack.FileSummary{{ID: u.FileID}}, Channel: DMChannel(alice)})
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "file_not_found" {
		t.Errorf("complete before upload: %v", err)
	}
	// Fewer bytes than announced.
	if err := api.UploadToURL(ctx, slack.UploadToURLParameters{UploadURL: u.UploadURL, Content: "ab", Filename: "a.json"}); err != nil {
		t.Fatal(err)
	}
	_, err = api.CompleteUploadExternalContext(ctx, slack.CompleteUploadExternalParameters{
		Files: []slack.FileSummary{{ID: u.FileID}}, Channel: DMChannel(alice)})
	if !errors.As(err, &se) || se.Err != "file_size_mismatch" {
		t.Errorf("short upload: %v", err)
	}
	// An upload URL that was never handed out.
	err = api.UploadToURL(ctx, slack.UploadToURLParameters{UploadURL: s.URL() + "/upload/F404", Content: "x", Filename: "x"})
	var status slack.StatusCodeError
	if !errors.As(err, &status) || status.Code != 404 {
		t.Errorf("unknown upload URL: %v", err)
	}
	// Failure switches apply to the new methods like the others.
	s.FailNext("files.getUploadURLExternal", 1, SlackError("ratelimited"))
	if _, err := api.GetUploadURLExternalContext(ctx, slack.GetUploadURLExternalParameters{FileName: "a", FileSize: 1}); err == nil {
		t.Error("FailNext did not apply")
	}
}

package fakeslack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
)

// File upload, as Slack's wire protocol has it (the files.upload method is
// retired):
//
//  1. files.getUploadURLExternal (filename, length) answers an upload_url
//     and a file_id;
//  2. the client POSTs the bytes to upload_url (a multipart form with a
//     "file" part, as slack-go sends it, or the raw body); it is recorded
//     as method "upload_url" and answered "OK - <length>" in plain text;
//  3. files.completeUploadExternal (files=[{"id","title"}], channel_id,
//     initial_comment) shares the uploaded files in the channel, as one
//     message with the files attached.

// File is a file uploaded to the fake.
type File struct {
	ID       string
	Name     string // the filename given to files.getUploadURLExternal
	Title    string // from files.completeUploadExternal
	Length   int    // the length announced in step 1
	Content  []byte // the bytes POSTed to the upload URL; nil until then
	Channel  string // where it was shared; empty until completed
	Comment  string // initial_comment
	Uploaded bool
	Shared   bool
}

// Files returns the uploaded files, in the order their URLs were asked for.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]File, 0, len(s.fileOrder))
	for _, id := range s.fileOrder {
		f := *s.files[id]
		f.Content = bytes.Clone(f.Content)
		out = append(out, f)
	}
	return out
}

func (s *Server) filesGetUploadURLExternal(r *apiRequest) any {
	name := r.get("filename")
	if name == "" {
		return invalidArguments("[ERROR] missing required field: filename")
	}
	n, err := strconv.Atoi(r.get("length"))
	if err != nil || n <= 0 {
		return invalidArguments("[ERROR] missing required field: length")
	}
	if s.files == nil {
		s.files = map[string]*File{}
	}
	id := fmt.Sprintf("F%09d", len(s.fileOrder)+1)
	s.files[id] = &File{ID: id, Name: name, Length: n}
	s.fileOrder = append(s.fileOrder, id)
	return okWith("upload_url", s.srv.URL+"/upload/"+id, "file_id", id)
}

// handleUpload serves the upload URLs handed out by files.getUploadURLExternal.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/upload/")
	var status int
	s.serve(w, r, "upload_url", func(_ *apiRequest, call Call) any {
		content, err := uploadedBytes(call)
		s.mu.Lock()
		defer s.mu.Unlock()
		f := s.files[id]
		switch {
		case r.Method != http.MethodPost || f == nil:
			status = http.StatusNotFound
			return nil
		case err != nil:
			status = http.StatusBadRequest
			return nil
		}
		f.Content, f.Uploaded = content, true
		status = http.StatusOK
		return []byte("OK - " + strconv.Itoa(len(content)))
	}, func(res *response) {
		if status != http.StatusOK {
			res.status, res.body = status, nil
		}
		res.contentType = "text/plain; charset=utf-8"
	})
}

// uploadedBytes is the "file" part of a multipart upload, else the body.
func uploadedBytes(call Call) ([]byte, error) {
	ct, params, _ := mime.ParseMediaType(call.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return call.Raw, nil
	}
	mr := multipart.NewReader(bytes.NewReader(call.Raw), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			return nil, fmt.Errorf("no file part: %w", err)
		}
		if p.FormName() == "file" {
			return io.ReadAll(p)
		}
	}
}

func (s *Server) filesCompleteUploadExternal(r *apiRequest) any {
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(r.get("files")), &files); err != nil || len(files) == 0 {
		return invalidArguments("[ERROR] missing required field: files")
	}
	ch := r.get("channel_id")
	if ch == "" {
		ch = r.get("channels")
	}
	if ch != "" && !s.knownChannelLocked(ch) {
		return slackErr("channel_not_found")
	}
	var out []map[string]any
	for _, x := range files {
		f := s.files[x.ID]
		if f == nil || !f.Uploaded {
			return slackErr("file_not_found")
		}
		if f.Shared {
			return slackErr("file_already_completed")
		}
		if len(f.Content) != f.Length {
			return slackErr("file_size_mismatch")
		}
	}
	var ids []string
	for _, x := range files {
		f := s.files[x.ID]
		f.Title, f.Channel, f.Comment, f.Shared = x.Title, ch, r.get("initial_comment"), true
		if f.Title == "" {
			f.Title = f.Name
		}
		ids = append(ids, f.ID)
		out = append(out, map[string]any{"id": f.ID, "title": f.Title, "name": f.Name, "size": len(f.Content)})
	}
	if ch != "" {
		m := &Message{Channel: ch, TS: s.nextTSLocked(), User: s.id.BotUserID, BotID: s.id.BotID,
			Text: r.get("initial_comment"), Files: ids}
		s.insertLocked(m)
	}
	return okWith("files", out)
}

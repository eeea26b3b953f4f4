package auth_test

import (
	"bytes"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/storetest"
)

// TestUploadOverTheLimitIsTooLarge: an upload over the body limit answers
// 413 with a message about the size, not 403 about the form's session,
// whether the request says its length or is sent in chunks.
func TestUploadOverTheLimitIsTooLarge(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	r := auth.NewRouter()
	r.HandleFunc("POST /api/v1/upload", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("stored")) })
	g := &auth.Guard{Router: r, Policy: auth.Policy{"POST /api/v1/upload": {Public: true}}, Sessions: &auth.Sessions{Store: authdb.New(db)},
		Store: authdb.New(db), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBody: 4096}
	form := func(size int) (*bytes.Buffer, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "big.csv")
		fw.Write(bytes.Repeat([]byte("x"), size))
		mw.WriteField(auth.CSRFField, "not-the-token")
		mw.Close()
		return &buf, mw.FormDataContentType()
	}
	cases := []struct {
		name    string
		size    int
		chunked bool
		status  int
		says    string
	}{
		{"length over the limit", 10000, false, http.StatusRequestEntityTooLarge, "giới hạn"},
		{"chunked over the limit", 10000, true, http.StatusRequestEntityTooLarge, "giới hạn"},
		{"under the limit, bad token", 100, false, http.StatusForbidden, "hết hạn"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body, ctype := form(c.size)
			var rd io.Reader = body
			if c.chunked {
				rd = io.MultiReader(body) // hides the length
			}
			req := httptest.NewRequest(http.MethodPost, "/api/v1/upload", rd)
			req.Header.Set("Content-Type", ctype)
			if c.chunked {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			g.ServeHTTP(rec, req)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.says) {
				t.Fatalf("%d %s, want %d saying %q", rec.Code, rec.Body, c.status, c.says)
			}
		})
	}
}

package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/importer"
	"ansinh/metrics"
)

// maxFeed bounds an uploaded feed (a year of a province's tax records fits).
const maxFeed = 1 << 30

// uploadFeed imports a data partner's feed: the body is the file (CSV, or
// XLSX by its content type or a name ending .xlsx given as ?name=). A
// partner may send the kinds its scope lists; a province officer any kind.
// 200 with the report when committed, 422 with it when refused.
func (a *API) uploadFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	kindName := r.PathValue("kind")
	kind, ok := importer.KindByName(kindName)
	if !ok || (p.Is(auth.Partner) && !slices.Contains(p.Scope, kindName)) {
		a.fail(w, r, ansinh.ErrNotFound)
		return
	}
	if a.imp == nil {
		a.fail(w, r, &ansinh.Error{Code: ansinh.EINTERNAL, Message: "Chức năng nhập dữ liệu chưa được bật.", MessageEN: "Importing is not enabled."})
		return
	}
	name := filepath.Base(r.URL.Query().Get("name"))
	format := importer.CSV
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if f, ok := importer.FormatOf(name); ok {
		format = f
	} else if ct == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		format = importer.XLSX
	}
	if name == "." || name == "/" || name == "" {
		name = kindName + "." + format.String()
	}
	// Spool the body to a temporary file: the import run records the
	// file's checksum before reading it, and an XLSX file needs seeking.
	tmp, err := os.CreateTemp("", "ansinh-feed-*")
	if err != nil {
		a.fail(w, r, err)
		return
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err := io.Copy(tmp, http.MaxBytesReader(w, r.Body, maxFeed)); err != nil {
		if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
			a.fail(w, r, auth.ErrTooLarge)
			return
		}
		a.fail(w, r, ansinh.Invalid("body", "Không đọc được tệp gửi lên.", "The uploaded file could not be read."))
		return
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		a.fail(w, r, err)
		return
	}
	start := time.Now()
	rep, err := a.imp(ctx, kind, name, tmp, format, p.Actor(), "vi")
	metrics.JobDone("import", time.Since(start), err)
	if err == nil && rep.Committed {
		metrics.RowsImported(kind.Name, rep.Inserted+rep.Updated)
	}
	if err != nil && ansinh.ErrorCode(err) != ansinh.EINVALID {
		a.fail(w, r, err)
		return
	}
	detail := fmt.Sprintf("%s rows=%d bad=%d inserted=%d updated=%d committed=%v", name, rep.Rows, rep.Bad, rep.Inserted, rep.Updated, rep.Committed)
	if aerr := auth.Audit(ctx, a.audit, "import.upload", "import:"+kind.Name, detail); aerr != nil {
		a.fail(w, r, aerr)
		return
	}
	if rep.Errors == nil {
		rep.Errors = []importer.RowError{}
	}
	status := http.StatusOK
	if err != nil {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, rep)
}

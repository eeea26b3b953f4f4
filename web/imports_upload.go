package web

import (
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/importer"
	"ansinh/metrics"
)

// errNoFile is returned when the upload has no file.
var errNoFile = ansinh.Invalid("file", "Hãy chọn tệp CSV hoặc XLSX.", "Choose a CSV or XLSX file.")

// uploadImport imports an uploaded file of any kind.
func (s *Server) uploadImport(w http.ResponseWriter, r *http.Request) {
	s.upload(w, r, nil, "")
}

// upload runs an uploaded file through the importer and shows its report;
// allowed limits the kinds (nil: any), actorRuns limits the runs listed.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, allowed []string, actorRuns string) {
	ctx := r.Context()
	pg, err := s.importsPage(w, r, actorRuns)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if s.cfg.Import == nil {
		s.fail(w, r, errNoImporter)
		return
	}
	pg.Kind = r.PostFormValue("kind")
	kind, ok := importer.KindByName(pg.Kind)
	if !ok || (allowed != nil && !slices.Contains(allowed, pg.Kind)) {
		pg.Error = ansinh.ErrorMessage(ansinh.Invalid("kind", "Hãy chọn loại dữ liệu.", "Choose the kind of data."), pg.Lang)
		s.render(w, r, http.StatusBadRequest, "imports", pg)
		return
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		pg.Error = ansinh.ErrorMessage(errNoFile, pg.Lang)
		s.render(w, r, http.StatusBadRequest, "imports", pg)
		return
	}
	defer file.Close()
	name := filepath.Base(header.Filename)
	format, ok := importer.FormatOf(name)
	if !ok {
		pg.Error = ansinh.ErrorMessage(errNoFile, pg.Lang)
		s.render(w, r, http.StatusBadRequest, "imports", pg)
		return
	}
	actor := auth.From(ctx).Actor()
	start := time.Now()
	rep, err := s.cfg.Import(ctx, kind, name, file, format, actor, pg.Lang)
	metrics.JobDone("import", time.Since(start), err)
	if err == nil && rep.Committed {
		metrics.RowsImported(kind.Name, rep.Inserted+rep.Updated)
	}
	if err != nil && ansinh.ErrorCode(err) != ansinh.EINVALID {
		s.fail(w, r, err)
		return
	}
	if aerr := auth.Audit(ctx, s.accounts, "import.upload", "import:"+kind.Name, importDetail(name, rep)); aerr != nil {
		s.fail(w, r, aerr)
		return
	}
	status := http.StatusOK
	if err != nil {
		status = http.StatusUnprocessableEntity
		var e *ansinh.Error
		if errors.As(err, &e) && len(rep.Errors) == 0 && len(rep.FileErrors) == 0 {
			pg.Error = ansinh.ErrorMessage(err, pg.Lang)
		}
	}
	pg.Report = reportOf(rep)
	if pg.Runs, err = s.importRuns(ctx, actorRuns); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "imports", pg)
}

// importDetail describes an import for the audit log.
func importDetail(name string, rep importer.Report) string {
	return fmt.Sprintf("%s rows=%d bad=%d inserted=%d updated=%d committed=%v", name, rep.Rows, rep.Bad, rep.Inserted, rep.Updated, rep.Committed)
}

// reportOf turns an importer report into the page's, keeping at most
// maxShownErrors errors.
func reportOf(rep importer.Report) *importReport {
	out := &importReport{Kind: rep.Kind, File: rep.File, Rows: rep.Rows, Good: rep.Good, Bad: rep.Bad,
		Inserted: rep.Inserted, Updated: rep.Updated, Committed: rep.Committed, Errors: rep.Errors,
		FileErrors: rep.FileErrors, MoreErrors: rep.MoreErrors, Summary: rep.Summary()}
	if len(out.Errors) > maxShownErrors {
		out.MoreErrors += len(out.Errors) - maxShownErrors
		out.Errors = out.Errors[:maxShownErrors]
	}
	return out
}

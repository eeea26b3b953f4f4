package web

import (
	"context"
	"net/http"

	"ansinh/auth"
	"ansinh/importer"
)

// importsPage is the upload of exchange files (any kind) with the report of
// the last upload and the latest runs.
type importsPage struct {
	Page
	Action string // where the form posts
	Kinds  []string
	Kind   string
	Report *importReport
	Runs   []importer.RunRecord
	// ExportURL downloads the runs as XLSX.
	ExportURL string
}

// importReport is an import's outcome for the page.
type importReport struct {
	Kind, File        string
	Rows, Good, Bad   int
	Inserted, Updated int64
	Committed         bool
	Errors            []importer.RowError
	FileErrors        []importer.RowError
	MoreErrors        int
	Summary           string
}

// maxShownErrors bounds the row errors a page lists (all are counted).
const maxShownErrors = 1000

// showImports shows the upload form and the latest runs.
func (s *Server) showImports(w http.ResponseWriter, r *http.Request) {
	pg, err := s.importsPage(w, r, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		s.writeXLSX(w, r, "lan-nhap", importRunsSheet(pg.Runs, pg.Lang))
		return
	}
	s.render(w, r, http.StatusOK, "imports", pg)
}

func (s *Server) importsPage(w http.ResponseWriter, r *http.Request, actor string) (*importsPage, error) {
	pg := &importsPage{Page: s.page(w, r, "imports.title"), Action: "/imports", ExportURL: exportURL(r.URL)}
	for _, k := range importer.Kinds() {
		pg.Kinds = append(pg.Kinds, k.Name)
	}
	if p := auth.From(r.Context()); p.Is(auth.Partner) {
		pg.Title, pg.Action, pg.Kinds = "partner.title", "/partner/feeds", p.Scope
	}
	var err error
	pg.Runs, err = s.importRuns(r.Context(), actor)
	return pg, err
}

// importRuns returns the latest import runs, of the actor only when actor
// is not empty (none without Config.ImportRuns).
func (s *Server) importRuns(ctx context.Context, actor string) ([]importer.RunRecord, error) {
	if s.cfg.ImportRuns == nil {
		return nil, nil
	}
	return s.cfg.ImportRuns.ListRuns(ctx, actor, 20)
}

// importRunsSheet is the import runs as a sheet.
func importRunsSheet(runs []importer.RunRecord, lang string) sheet {
	sh := sheet{Name: "imports.runs", Columns: []string{"imports.started", "imports.kind", "imports.file", "audit.actor", "imports.rows",
		"imports.changed", "imports.bad", "declaration.status"}}
	for _, r := range runs {
		sh.add(r.StartedAt, label(lang, "kind", r.Kind), r.File, r.Actor, r.RowsRead, r.Inserted+r.Updated, r.Rejected, label(lang, "status", r.Status))
	}
	return sh
}

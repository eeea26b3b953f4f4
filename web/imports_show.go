package web

import (
	"net/http"

	"ansinh/auth"
	"ansinh/importer"
	"ansinh/store"
)

// importsPage is the upload of exchange files (any kind) with the report of
// the last upload and the latest runs.
type importsPage struct {
	Page
	Action string // where the form posts
	Kinds  []string
	Kind   string
	Report *importReport
	Runs   []store.ImportRun
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
	s.render(w, r, http.StatusOK, "imports", pg)
}

func (s *Server) importsPage(w http.ResponseWriter, r *http.Request, actor string) (*importsPage, error) {
	pg := &importsPage{Page: s.page(w, r, "imports.title"), Action: "/imports"}
	for _, k := range importer.Kinds() {
		pg.Kinds = append(pg.Kinds, k.Name)
	}
	if p := auth.From(r.Context()); p.Is(auth.Partner) {
		pg.Title, pg.Action, pg.Kinds = "partner.title", "/partner/feeds", p.Scope
	}
	var err error
	pg.Runs, err = s.db.ListImportRuns(r.Context(), actor, 20)
	return pg, err
}

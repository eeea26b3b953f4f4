package web

import (
	"net/http"
	"strconv"

	"ansinh/registry"
)

// declarationsPage lists the employer's declarations with their receipts,
// status and processing time.
type declarationsPage struct {
	Page
	Employer     registry.Employer
	Declarations []registry.Declaration
	NextURL      string
	PrevURL      string
	ExportURL    string
}

// showDeclarations shows a page of the employer's declarations.
func (s *Server) showDeclarations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, _, err := s.ownEmployer(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	limit := 20
	if wantsXLSX(r) {
		offset, limit = 0, exportLimit
	}
	list, more, err := s.reg.DeclarationsOf(ctx, e.TaxCode, offset, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &declarationsPage{Page: s.page(w, r, "declarations.title"), Employer: e, Declarations: list, ExportURL: exportURL(r.URL)}
	if wantsXLSX(r) {
		sh := sheet{Name: "declarations.title", Columns: []string{"declaration.receipt", "declaration.submitted_at", "declaration.channel",
			"declaration.status", "declaration.lines", "imports.bad", "declaration.processed_at"}}
		for _, d := range list {
			sh.add(d.ReceiptNo, d.SubmittedAt, label(pg.Lang, "channel", d.Channel), label(pg.Lang, "status", d.Status), d.Accepted, d.Rejected, d.ProcessedAt)
		}
		s.writeXLSX(w, r, "ho-so-khai-bao", sh)
		return
	}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, offset, 20, more)
	s.render(w, r, http.StatusOK, "declarations", pg)
}

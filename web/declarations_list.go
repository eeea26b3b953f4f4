package web

import (
	"net/http"
	"strconv"

	"ansinh/store"
)

// declarationsPage lists the employer's declarations with their receipts,
// status and processing time.
type declarationsPage struct {
	Page
	Employer     store.Employer
	Declarations []store.Declaration
	NextURL      string
	PrevURL      string
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
	list, more, err := s.db.DeclarationsOf(ctx, e.TaxCode, offset, 20)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &declarationsPage{Page: s.page(w, r, "declarations.title"), Employer: e, Declarations: list}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, offset, 20, more)
	s.render(w, r, http.StatusOK, "declarations", pg)
}

package web

import (
	"net/http"

	"ansinh/auth"
)

// showPartner shows a data partner the upload of its own feeds (the kinds
// its scope lists) and its own runs.
func (s *Server) showPartner(w http.ResponseWriter, r *http.Request) {
	pg, err := s.importsPage(w, r, auth.From(r.Context()).Actor())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		s.writeXLSX(w, r, "lan-gui-du-lieu", importRunsSheet(pg.Runs, pg.Lang))
		return
	}
	s.render(w, r, http.StatusOK, "imports", pg)
}

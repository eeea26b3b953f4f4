package web

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// declarationPage is a declaration's receipt: its number, times, status and
// the outcome of each line.
type declarationPage struct {
	Page
	Declaration registry.Declaration
	Just        bool // just submitted
	Survey      bool // the survey can still be answered
}

// showDeclaration shows one of the employer's declarations.
func (s *Server) showDeclaration(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	scope, err := s.scoper.Scope(ctx, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, ansinh.ErrNotFound)
		return
	}
	d, err := s.reg.FindDeclaration(ctx, id, scope)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &declarationPage{Page: s.page(w, r, "declaration.title"), Declaration: d, Just: r.URL.Query().Get("new") != ""}
	if proc, err := s.reg.FindProcedure(ctx, d.ProcedureID, p.UserID); err == nil {
		pg.Survey = proc.Score == 0 && proc.Status == "completed"
	}
	s.render(w, r, http.StatusOK, "declaration", pg)
}

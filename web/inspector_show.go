package web

import (
	"errors"
	"net/http"

	"ansinh/auth"
	"ansinh/store"
)

// inspectorPage lists the employers assigned to an inspector (inspection
// cases will replace the assignment list when compliance arrives).
type inspectorPage struct {
	Page
	Employers []store.Employer
}

// showInspector shows the inspector's assigned employers.
func (s *Server) showInspector(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := auth.From(ctx)
	scope, err := s.scoper.Scope(ctx, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &inspectorPage{Page: s.page(w, r, "inspector.title")}
	for _, tax := range p.Scope {
		e, err := s.db.FindEmployer(ctx, tax, scope)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pg.Employers = append(pg.Employers, e)
	}
	s.render(w, r, http.StatusOK, "inspector", pg)
}

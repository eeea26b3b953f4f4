package web

import (
	"net/http"

	"ansinh/auth"
	"ansinh/store"
)

// proceduresPage lists the caller's procedures with their channel, times
// and survey.
type proceduresPage struct {
	Page
	Procedures []store.Procedure
}

// showProcedures shows the caller's latest procedures.
func (s *Server) showProcedures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := s.db.ProceduresOf(ctx, auth.From(ctx).UserID, 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "procedures", &proceduresPage{Page: s.page(w, r, "procedures.title"), Procedures: list})
}

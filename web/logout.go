package web

import (
	"net/http"

	"ansinh/auth"
)

// submitLogout ends the session.
func (s *Server) submitLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.End(r.Context(), w, auth.From(r.Context())); err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/")
}

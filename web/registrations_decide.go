package web

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
)

// decideRegistration approves or rejects an employer's registration.
func (s *Server) decideRegistration(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, ansinh.ErrNotFound)
		return
	}
	approve := r.PostFormValue("decision") == "approve"
	if err := s.reg.DecideRegistration(ctx, id, approve, s.today(), auth.From(ctx).Actor()); err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/users?done=1")
}

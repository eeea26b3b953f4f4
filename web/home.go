package web

import (
	"net/http"

	"ansinh/auth"
)

// homePage is the landing page: what the system offers to each kind of
// user, and the way in.
type homePage struct {
	Page
}

// showHome shows the landing page, or sends a signed-in caller to the first
// page of their role.
func (s *Server) showHome(w http.ResponseWriter, r *http.Request) {
	if p := auth.From(r.Context()); p != nil {
		redirect(w, r, homeOf(p))
		return
	}
	s.render(w, r, http.StatusOK, "home", &homePage{Page: s.page(w, r, "home.title")})
}

// showNotFound answers every path no route matches.
func (s *Server) showNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, errPageNotFound)
}

package web

import (
	"net/http"
	"strings"

	"ansinh/auth"
)

// loginPage is the sign-in form.
type loginPage struct {
	Page
	Login string
	Next  string
}

// showLogin shows the sign-in form.
func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) {
	if p := auth.From(r.Context()); p != nil {
		redirect(w, r, homeOf(p))
		return
	}
	s.render(w, r, http.StatusOK, "login", &loginPage{Page: s.page(w, r, "login.title"), Next: safeNext(r.URL.Query().Get("next"))})
}

// safeNext keeps a "next" address only when it is a path of this site (not
// "//elsewhere" or "https://elsewhere").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}

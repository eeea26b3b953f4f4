package web

import (
	"net/http"

	"ansinh"
	"ansinh/auth"
)

// submitLogin checks a sign-in and opens a session.
func (s *Server) submitLogin(w http.ResponseWriter, r *http.Request) {
	login, password := r.PostFormValue("login"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	u, err := s.authn.SignIn(r.Context(), login, password, auth.ClientIP(r.Context()))
	if err != nil {
		code := ansinh.ErrorCode(err)
		if code != ansinh.EUNAUTHORIZED && code != ansinh.EFORBIDDEN {
			s.fail(w, r, err)
			return
		}
		p := s.page(w, r, "login.title")
		p.Error = ansinh.ErrorMessage(err, p.Lang)
		s.render(w, r, auth.HTTPStatus(err), "login", &loginPage{Page: p, Login: login, Next: next})
		return
	}
	pr, err := s.sessions.Start(r.Context(), w, u, auth.ClientIP(r.Context()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if next == "" {
		next = homeOf(pr)
	}
	redirect(w, r, next)
}

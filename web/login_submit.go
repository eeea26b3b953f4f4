package web

import (
	"errors"
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/metrics"
)

// submitLogin checks a sign-in and opens a session.
func (s *Server) submitLogin(w http.ResponseWriter, r *http.Request) {
	login, password := r.PostFormValue("login"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	u, err := s.authn.SignIn(r.Context(), login, password, auth.ClientIP(r.Context()))
	metrics.SignIn(signInResult(err))
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

// signInResult names a sign-in's outcome for the metrics.
func signInResult(err error) string {
	switch {
	case err == nil:
		return "success"
	case errors.Is(err, auth.ErrLocked):
		return "locked"
	case errors.Is(err, auth.ErrPending):
		return "pending"
	case errors.Is(err, auth.ErrDisabled):
		return "disabled"
	case errors.Is(err, auth.ErrBadCredentials):
		return "failure"
	}
	return "error"
}

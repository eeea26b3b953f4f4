package api

import (
	"net/http"

	"ansinh/auth"
)

// Me is the caller's account.
type Me struct {
	Login string   `json:"login"`
	Name  string   `json:"name"`
	Role  string   `json:"role"`
	Scope []string `json:"scope"`
}

// me returns the caller's account.
func (a *API) me(w http.ResponseWriter, r *http.Request) {
	p := auth.From(r.Context())
	scope := p.Scope
	if scope == nil {
		scope = []string{}
	}
	writeJSON(w, http.StatusOK, Me{Login: p.Login, Name: p.Name, Role: string(p.Role), Scope: scope})
}

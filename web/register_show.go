package web

import (
	"net/http"

	"ansinh/auth"
	"ansinh/registry"
)

// registerPage is an employer's registration to transact online (the
// account it will use, linked to its tax code).
type registerPage struct {
	Page
	Form     registerForm
	Errors   map[string]string
	Communes []registry.Unit
	Kinds    []string
	Done     *registry.Registration
}

// registerForm is the registration form as typed.
type registerForm struct {
	TaxCode, Name, Kind, CommuneCode, Contact, Login string
}

// employerKinds are the kinds of employer (formats.md, employers).
var employerKinds = []string{"private", "soe", "fdi", "state", "cooperative", "household_business"}

// showRegister shows the registration form.
func (s *Server) showRegister(w http.ResponseWriter, r *http.Request) {
	if p := auth.From(r.Context()); p != nil {
		redirect(w, r, homeOf(p))
		return
	}
	pg, err := s.registerPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "register", pg)
}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) (*registerPage, error) {
	communes, err := s.reg.Communes(r.Context(), s.today())
	if err != nil {
		return nil, err
	}
	return &registerPage{Page: s.page(w, r, "register.title"), Communes: communes, Kinds: employerKinds,
		Form: registerForm{Kind: "private"}, Errors: map[string]string{}}, nil
}

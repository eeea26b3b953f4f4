package web

import (
	"net/http"
	"strconv"

	"ansinh/registry"
)

// declarationNewPage is the declaration form (form D02-TS): one block per
// worker whose situation changes.
type declarationNewPage struct {
	Page
	Employer  registry.Employer
	Lines     []lineForm
	MoreURL   string
	Changes   []string
	Contracts []string
	Errors    map[string]string // "N.field" → message; "form" for the whole
}

// lineForm is one line of the form as typed.
type lineForm struct {
	N                                     int // 1-based
	Change, PersonID, FullName, BirthDate string
	Sex, Wage, Start, End, Contract       string
}

// maxLines bounds the lines of one declaration made in the form (larger
// batches go through the API).
const maxLines = 20

var (
	declarationChanges = []string{registry.ChangeHire, registry.ChangeLeave, registry.ChangeWageChange}
	contractKinds      = []string{"indefinite", "fixed", "seasonal"}
)

// showNewDeclaration shows an empty form with ?lines= blocks (default 1).
func (s *Server) showNewDeclaration(w http.ResponseWriter, r *http.Request) {
	e, _, err := s.ownEmployer(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n, _ := strconv.Atoi(r.URL.Query().Get("lines"))
	n = min(max(n, 1), maxLines)
	pg := s.declarationNewPage(w, r, e, n)
	for i := range pg.Lines {
		pg.Lines[i].Change, pg.Lines[i].Start, pg.Lines[i].Contract = registry.ChangeHire, s.thisMonth().String(), "indefinite"
	}
	s.render(w, r, http.StatusOK, "declaration_new", pg)
}

func (s *Server) declarationNewPage(w http.ResponseWriter, r *http.Request, e registry.Employer, n int) *declarationNewPage {
	pg := &declarationNewPage{Page: s.page(w, r, "declaration_new.title"), Employer: e, Changes: declarationChanges,
		Contracts: contractKinds, Errors: map[string]string{}}
	for i := 1; i <= n; i++ {
		pg.Lines = append(pg.Lines, lineForm{N: i})
	}
	if n < maxLines {
		pg.MoreURL = "/employer/declarations/new?lines=" + strconv.Itoa(n+1)
	}
	return pg
}

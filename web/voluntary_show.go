package web

import (
	"net/http"
	"strconv"

	"ansinh/auth"
	"ansinh/registry"
)

// voluntaryPage is the citizen's enrolment in voluntary social insurance:
// the current enrolment, or the form with the quote of the contribution and
// the state's support.
type voluntaryPage struct {
	Page
	Current  *registry.VoluntarySpell
	Form     voluntaryForm
	Errors   map[string]string
	Choice   *voluntaryChoice
	Modes    []string
	Done     int64 // the enrolment's procedure, just completed
	HasCalc  bool
	MinMonth string
	MaxMonth string
}

// showVoluntary shows the citizen's enrolment or the form.
func (s *Server) showVoluntary(w http.ResponseWriter, r *http.Request) {
	pg, err := s.voluntaryPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Done, _ = strconv.ParseInt(r.URL.Query().Get("done"), 10, 64)
	s.render(w, r, http.StatusOK, "voluntary", pg)
}

func (s *Server) voluntaryPage(w http.ResponseWriter, r *http.Request) (*voluntaryPage, error) {
	id := auth.From(r.Context()).ScopeValue()
	pg := &voluntaryPage{Page: s.page(w, r, "voluntary.title"), Errors: map[string]string{}, HasCalc: s.cfg.Calc != nil,
		Form:     voluntaryForm{Mode: "monthly", Start: s.thisMonth().String()},
		MinMonth: s.thisMonth().String(), MaxMonth: s.thisMonth().Add(12).String()}
	for _, m := range voluntaryModes {
		pg.Modes = append(pg.Modes, m.Mode)
	}
	spells, err := s.reg.PersonVoluntary(r.Context(), id)
	if err != nil {
		return nil, err
	}
	for i := range spells {
		if spells[i].Open(s.thisMonth()) {
			pg.Current = &spells[i]
			break
		}
	}
	return pg, nil
}

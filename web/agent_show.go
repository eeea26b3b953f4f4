package web

import (
	"net/http"

	"ansinh/auth"
	"ansinh/registry"
)

// agentPage is a collection agent's page: the enrolment form for a
// resident of its communes and its latest enrolments.
type agentPage struct {
	Page
	Communes   []string
	Form       voluntaryForm
	Errors     map[string]string
	Choice     *voluntaryChoice
	Modes      []string
	Enrolments []registry.AgentEnrolment
	Done       bool
	MinMonth   string
	MaxMonth   string
	ExportURL  string
}

// showAgent shows the agent's page.
func (s *Server) showAgent(w http.ResponseWriter, r *http.Request) {
	pg, err := s.agentPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Done = r.URL.Query().Get("done") != ""
	if wantsXLSX(r) {
		sh := sheet{Name: "agent.enrolments", Columns: []string{"person.id", "person.name", "spell.from", "spell.to", "voluntary.income",
			"voluntary.mode", "voluntary.category"}}
		for _, v := range pg.Enrolments {
			sh.add(v.PersonID, v.FullName, v.Start, v.End, v.Income, label(pg.Lang, "mode", v.Mode), label(pg.Lang, "category", v.Category))
		}
		s.writeXLSX(w, r, "dai-ly-thu", sh)
		return
	}
	s.render(w, r, http.StatusOK, "agent", pg)
}

func (s *Server) agentPage(w http.ResponseWriter, r *http.Request) (*agentPage, error) {
	p := auth.From(r.Context())
	pg := &agentPage{Page: s.page(w, r, "agent.title"), Communes: p.Scope, Errors: map[string]string{},
		Form:     voluntaryForm{Mode: "monthly", Start: s.thisMonth().String()},
		MinMonth: s.thisMonth().String(), MaxMonth: s.thisMonth().Add(12).String(), ExportURL: exportURL(r.URL)}
	for _, m := range voluntaryModes {
		pg.Modes = append(pg.Modes, m.Mode)
	}
	var err error
	pg.Enrolments, err = s.reg.AgentEnrolments(r.Context(), p.Login, 20)
	return pg, err
}

package web

import (
	"net/http"
	"net/url"
	"strconv"

	"ansinh/auth"
	"ansinh/compliance"
	"ansinh/registry"
)

// casesPage lists the inspection cases the caller may see (an inspector:
// those assigned to it), the least advanced first, filtered by status,
// inspector and commune.
type casesPage struct {
	Page
	Status, Inspector, Commune string
	Statuses                   []compliance.Status
	Inspectors                 []auth.User
	Communes                   []registry.Unit
	Cases                      []compliance.Case
	NextURL, PrevURL           string
	ExportURL                  string
	// Own is true for an inspector: the list is its cases.
	Own bool
	// Action is the address of the filter form.
	Action string
}

// showCases shows a page of cases (or all of them as XLSX).
func (s *Server) showCases(w http.ResponseWriter, r *http.Request) {
	s.renderCases(w, r, "cases.title", "/cases")
}

// renderCases shows the cases list under a title (the inspector's own page
// shows the same list).
func (s *Server) renderCases(w http.ResponseWriter, r *http.Request, title, action string) {
	ctx := r.Context()
	cs, err := s.complianceScope(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	pg := &casesPage{Page: s.page(w, r, title), Status: q.Get("status"), Inspector: q.Get("inspector"), Commune: q.Get("commune"),
		Statuses: compliance.Statuses(), ExportURL: exportURL(r.URL), Own: cs.Inspector != "", Action: action}
	f := compliance.CaseFilter{Scope: cs.Scope, Inspector: cs.Inspector, Limit: pageSize}
	if st := compliance.Status(pg.Status); st.Valid() {
		f.Statuses = []compliance.Status{st}
	} else {
		pg.Status = ""
	}
	if !pg.Own {
		if pg.Inspectors, _, err = s.accounts.ListUsers(ctx, auth.UserFilter{Role: string(auth.Inspector), Status: auth.UserActive, Limit: 500}); err != nil {
			s.fail(w, r, err)
			return
		}
		switch pg.Inspector {
		case "":
		case "-":
			f.Unassigned = true
		default:
			f.Inspector = pg.Inspector
		}
		if pg.Communes, err = s.communeChoices(ctx, cs.Scope); err != nil {
			s.fail(w, r, err)
			return
		}
		if pg.Commune != "" && containsUnit(pg.Communes, pg.Commune) {
			f.Communes = []string{pg.Commune}
		} else {
			pg.Commune = ""
		}
	}
	offset, _ := strconv.Atoi(q.Get("offset"))
	f.Offset = max(offset, 0)
	xlsx := wantsXLSX(r)
	if xlsx {
		f.Offset, f.Limit = 0, exportLimit
	}
	var more bool
	if pg.Cases, more, err = s.comp.ListCases(ctx, f); err != nil {
		s.fail(w, r, err)
		return
	}
	if xlsx {
		if err := auth.Audit(ctx, s.accounts, "cases.export", "cases", filterDetail(url.Values{"status": {pg.Status},
			"inspector": {pg.Inspector}, "commune": {pg.Commune}})); err != nil {
			s.fail(w, r, err)
			return
		}
		s.writeXLSX(w, r, "ho-so-thanh-tra", casesSheet(pg.Cases, pg.Lang))
		return
	}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, f.Offset, pageSize, more)
	s.render(w, r, http.StatusOK, "cases", pg)
}

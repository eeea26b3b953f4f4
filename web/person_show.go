package web

import (
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// personPage is a person's record: identity, household status by year and
// participation history (employment spells, voluntary enrolments,
// benefits).
type personPage struct {
	Page
	Person      store.PersonRecord
	CommuneName string
	Month       ansinh.Period
}

// showPerson shows a person within the caller's scope; the read is audited.
func (s *Server) showPerson(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	scope, err := s.scoper.Scope(ctx, auth.From(ctx))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rec, err := s.db.PersonRecord(ctx, id, scope)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, s.db, "person.read", "person:"+rec.PersonID, ""); err != nil {
		s.fail(w, r, err)
		return
	}
	names, err := s.db.UnitNames(ctx, []string{rec.CommuneCode}, s.today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person", &personPage{Page: s.page(w, r, "person.title"), Person: rec,
		CommuneName: names[rec.CommuneCode], Month: s.thisMonth()})
}

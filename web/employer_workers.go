package web

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// employerWorkersPage lists the employer's own current workers.
type employerWorkersPage struct {
	Page
	Employer store.Employer
	Month    ansinh.Period
	Workers  []store.Spell
	Count    int
	NextURL  string
	PrevURL  string
}

// showEmployerWorkers shows a page of the employer's current workers; the
// read is audited.
func (s *Server) showEmployerWorkers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, scope, err := s.ownEmployer(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	pg := &employerWorkersPage{Page: s.page(w, r, "employer_workers.title"), Employer: e, Month: s.thisMonth()}
	var more bool
	pg.Workers, pg.Count, more, err = s.db.EmployerWorkers(ctx, e.TaxCode, scope, store.WorkerQuery{At: pg.Month, Offset: offset, Limit: pageSize})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, s.db, "employer.workers.read", "employer:"+e.TaxCode, "offset="+strconv.Itoa(offset)); err != nil {
		s.fail(w, r, err)
		return
	}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, offset, pageSize, more)
	s.render(w, r, http.StatusOK, "employer_workers", pg)
}

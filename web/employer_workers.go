package web

import (
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/registry"
)

// employerWorkersPage lists the employer's own current workers.
type employerWorkersPage struct {
	Page
	Employer registry.Employer
	Month    ansinh.Period
	Workers  []registry.Spell
	Count    int
	NextURL  string
	PrevURL  string
	// ExportURL downloads every current worker as XLSX.
	ExportURL string
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
	pg := &employerWorkersPage{Page: s.page(w, r, "employer_workers.title"), Employer: e, Month: s.thisMonth(), ExportURL: exportURL(r.URL)}
	var more bool
	wq, action := registry.WorkerQuery{At: pg.Month, Offset: offset, Limit: pageSize}, "employer.workers.read"
	if wantsXLSX(r) {
		wq, action = registry.WorkerQuery{At: pg.Month, Limit: exportLimit}, "employer.workers.export"
	}
	pg.Workers, pg.Count, more, err = s.reg.EmployerWorkers(ctx, e.TaxCode, scope, wq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, s.accounts, action, "employer:"+e.TaxCode, "offset="+strconv.Itoa(wq.Offset)); err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		sh := sheet{Name: "employer.workers_sheet", Columns: []string{"person.id", "person.name", "spell.from", "spell.to", "spell.wage", "spell.contract", "spell.declared_on"}}
		for _, x := range pg.Workers {
			sh.add(x.PersonID, x.FullName, x.Start, x.End, x.Wage, label(pg.Lang, "contract", x.Contract), x.DeclaredOn)
		}
		s.writeXLSX(w, r, "nguoi-lao-dong-"+e.TaxCode, sh)
		return
	}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, offset, pageSize, more)
	s.render(w, r, http.StatusOK, "employer_workers", pg)
}

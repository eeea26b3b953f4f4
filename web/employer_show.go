package web

import (
	"net/http"
	"net/url"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// employerPage is an employer's record for officers: identity, current
// workers, spells, payments, declarations, and the sections other parts of
// the system fill (notices, arrears, findings).
type employerPage struct {
	Page
	Employer     store.Employer
	CommuneName  string
	Month        ansinh.Period
	Workers      []store.Spell
	WorkerCount  int
	NextURL      string
	PrevURL      string
	Spells       []store.Spell
	Payments     []store.Payment
	Declarations []store.Declaration
	Sections     []Section
}

// pageSize is the length of the lists that page.
const pageSize = 50

// showEmployer shows an employer within the caller's scope (a unit officer
// asking for another unit's employer gets "not found"); the read of its
// workers is audited.
func (s *Server) showEmployer(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := s.scoper.Scope(ctx, auth.From(ctx))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.db.FindEmployer(ctx, r.PathValue("tax"), scope)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	pg := &employerPage{Page: s.page(w, r, "employer.title"), Employer: e, Month: s.thisMonth()}
	var more bool
	pg.Workers, pg.WorkerCount, more, err = s.db.EmployerWorkers(ctx, e.TaxCode, scope, store.WorkerQuery{At: pg.Month, Offset: offset, Limit: pageSize})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, s.db, "employer.workers.read", "employer:"+e.TaxCode, "offset="+strconv.Itoa(offset)); err != nil {
		s.fail(w, r, err)
		return
	}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, offset, pageSize, more)
	if pg.Spells, _, err = s.db.EmployerSpells(ctx, e.TaxCode, scope, store.WorkerQuery{Limit: 20}); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Payments, err = s.db.PaymentsOf(ctx, e.TaxCode, 10); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Declarations, _, err = s.db.DeclarationsOf(ctx, e.TaxCode, 0, 10); err != nil {
		s.fail(w, r, err)
		return
	}
	names, err := s.db.UnitNames(ctx, []string{e.CommuneCode}, s.today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.CommuneName = names[e.CommuneCode]
	for _, src := range s.sections {
		sec, err := src.Section(ctx, e)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pg.Sections = append(pg.Sections, sec)
	}
	s.render(w, r, http.StatusOK, "employer", pg)
}

// pagerURLs returns the addresses of the next and previous pages of a list
// paged by ?offset=.
func pagerURLs(u *url.URL, offset, size int, more bool) (next, prev string) {
	q := u.Query()
	if more {
		q.Set("offset", strconv.Itoa(offset+size))
		next = u.Path + "?" + q.Encode()
	}
	if offset > 0 {
		q.Set("offset", strconv.Itoa(max(offset-size, 0)))
		prev = u.Path + "?" + q.Encode()
	}
	return next, prev
}

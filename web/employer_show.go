package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
	"ansinh/compliance"
	"ansinh/registry"
)

// employerPage is an employer's record for officers: identity, current
// workers, spells, payments, declarations, its position in the monthly
// close (balance, notices, arrears by age), the compliance findings and
// inspection cases with what they recovered, and any sections other parts
// of the system add.
type employerPage struct {
	Page
	Employer     registry.Employer
	CommuneName  string
	Month        ansinh.Period
	Workers      []registry.Spell
	WorkerCount  int
	NextURL      string
	PrevURL      string
	Spells       []registry.Spell
	Payments     []collection.Payment
	Declarations []registry.Declaration
	Collection   payerView
	Findings     []compliance.Finding
	MoreFindings bool
	Cases        []compliance.Case
	Recovery     compliance.Recovery
	Sections     []Section
	ExportURL    string
}

// pageSize is the length of the lists that page.
const pageSize = 50

// showEmployer shows an employer within the caller's scope (a unit officer
// asking for another unit's employer gets "not found"); the read of its
// workers is audited.
func (s *Server) showEmployer(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	scope, err := s.scope(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.reg.FindEmployer(ctx, r.PathValue("tax"), scope)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	offset = max(offset, 0)
	pg := &employerPage{Page: s.page(w, r, "employer.title"), Employer: e, Month: s.thisMonth(), ExportURL: exportURL(r.URL)}
	xlsx := wantsXLSX(r)
	var more bool
	wq := registry.WorkerQuery{At: pg.Month, Offset: offset, Limit: pageSize}
	action := "employer.workers.read"
	if xlsx {
		wq, action = registry.WorkerQuery{At: pg.Month, Limit: exportLimit}, "employer.workers.export"
	}
	pg.Workers, pg.WorkerCount, more, err = s.reg.EmployerWorkers(ctx, e.TaxCode, scope, wq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, s.accounts, action, "employer:"+e.TaxCode, "offset="+strconv.Itoa(wq.Offset)); err != nil {
		s.fail(w, r, err)
		return
	}
	pg.NextURL, pg.PrevURL = pagerURLs(r.URL, offset, pageSize, more)
	if pg.Spells, _, err = s.reg.EmployerSpells(ctx, e.TaxCode, scope, registry.WorkerQuery{Limit: 20}); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Payments, err = s.coll.PaymentsOf(ctx, e.TaxCode, 10); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Declarations, _, err = s.reg.DeclarationsOf(ctx, e.TaxCode, 0, 10); err != nil {
		s.fail(w, r, err)
		return
	}
	names, err := s.unitNames(ctx, []string{e.CommuneCode})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.CommuneName = names[e.CommuneCode]
	if pg.Collection, err = s.payerView(ctx, e.TaxCode); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Findings, pg.MoreFindings, err = s.comp.ListFindings(ctx, compliance.FindingFilter{Scope: scope, TaxCode: e.TaxCode, Limit: 20}); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(pg.Findings) > 0 {
		if err := auth.Audit(ctx, s.accounts, "employer.findings.read", "employer:"+e.TaxCode, fmt.Sprintf("findings=%d", len(pg.Findings))); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if pg.Cases, _, err = s.comp.ListCases(ctx, compliance.CaseFilter{Scope: scope, TaxCode: e.TaxCode, Limit: 10}); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Recovery, err = s.comp.EmployerRecovery(ctx, e.TaxCode); err != nil {
		s.fail(w, r, err)
		return
	}
	if xlsx {
		s.writeXLSX(w, r, "don-vi-"+e.TaxCode, employerSheets(pg)...)
		return
	}
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

// employerSheets are the employer page's lists: current workers, notices,
// debts, payments and findings.
func employerSheets(pg *employerPage) []sheet {
	lang, tax := pg.Lang, pg.Employer.TaxCode
	workers := sheet{Name: "employer.workers_sheet", Columns: []string{"person.id", "person.name", "spell.from", "spell.to", "spell.wage", "spell.contract"}}
	for _, w := range pg.Workers {
		workers.add(w.PersonID, w.FullName, w.Start, w.End, w.Wage, label(lang, "contract", w.Contract))
	}
	pays := paymentsSheet(pg.Payments, lang)
	return []sheet{workers, noticesSheet(tax, pg.Collection.Notices, lang), debtsSheet(tax, pg.Collection.Balance.Debts, lang),
		pays, findingsSheet(pg.Findings, lang)}
}

// paymentsSheet is a list of payments as a sheet.
func paymentsSheet(pays []collection.Payment, lang string) sheet {
	sh := sheet{Name: "employer.payments", Columns: []string{"pay.payer", "payment.paid_on", "payment.ref", "payment.channel", "payment.amount"}}
	for _, p := range pays {
		sh.add(p.Payer, p.PaidOn, p.Ref, label(lang, "channel", p.Channel), p.Amount)
	}
	return sh
}

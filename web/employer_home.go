package web

import (
	"context"
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
	"ansinh/registry"
)

// employerHomePage is the employer portal's first page: the unit, its
// workforce, its latest declarations and payments, this month's
// contribution estimate, its balance and latest notices.
type employerHomePage struct {
	Page
	Employer     registry.Employer
	CommuneName  string
	Month        ansinh.Period
	WorkerCount  int
	Estimate     *Contribution
	Declarations []registry.Declaration
	Payments     []collection.Payment
	Orders       []collection.PaymentOrder
	Collection   payerView
}

// ownEmployer returns the employer of the signed-in employer account.
func (s *Server) ownEmployer(ctx context.Context) (registry.Employer, ansinh.Scope, error) {
	p := auth.From(ctx)
	scope, err := s.scope(ctx)
	if err != nil {
		return registry.Employer{}, scope, err
	}
	e, err := s.reg.FindEmployer(ctx, p.ScopeValue(), scope)
	return e, scope, err
}

// showEmployerHome shows the employer portal's first page.
func (s *Server) showEmployerHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, scope, err := s.ownEmployer(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &employerHomePage{Page: s.page(w, r, "employer_home.title"), Employer: e, Month: s.thisMonth()}
	if _, pg.WorkerCount, _, err = s.reg.EmployerWorkers(ctx, e.TaxCode, scope, registry.WorkerQuery{At: pg.Month, Limit: 1}); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Declarations, _, err = s.reg.DeclarationsOf(ctx, e.TaxCode, 0, 5); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Payments, err = s.coll.PaymentsOf(ctx, e.TaxCode, 5); err != nil {
		s.fail(w, r, err)
		return
	}
	if pg.Estimate, err = s.estimateContribution(ctx, e, pg.Month); err != nil {
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
	if len(pg.Collection.Notices) > 3 {
		pg.Collection.Notices = pg.Collection.Notices[:3]
	}
	s.render(w, r, http.StatusOK, "employer_home", pg)
}

// estimateContribution adds up the month's contributions of the employer's
// open spells with the rules; nil when there is no calculator or the rules
// cannot say (the reason is logged).
func (s *Server) estimateContribution(ctx context.Context, e registry.Employer, month ansinh.Period) (*Contribution, error) {
	if s.cfg.Calc == nil {
		return nil, nil
	}
	wages, err := s.reg.EmployerWages(ctx, e.TaxCode, month)
	if err != nil {
		return nil, err
	}
	unit, err := s.reg.FindUnit(ctx, e.CommuneCode, s.today())
	if err != nil && ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
		return nil, err
	}
	var total Contribution
	for _, wage := range wages {
		c, err := s.cfg.Calc.Contribution(month, wage, unit.Region, e.Kind)
		if err != nil {
			s.log.Warn("contribution estimate", "employer", e.TaxCode, "err", err)
			return nil, nil
		}
		total.Employee += c.Employee
		total.Employer += c.Employer
		total.Total += c.Total
	}
	return &total, nil
}

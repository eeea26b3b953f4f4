package web

import (
	"context"
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/store"
)

// payPage is the start of an online payment: the payer, a suggested
// amount, and the latest orders.
type payPage struct {
	Page
	Payer     string
	PayerName string
	Action    string
	Amount    string
	Suggested ansinh.Money
	Basis     string // catalogue key saying what the suggestion is
	Orders    []store.PaymentOrder
	Errors    map[string]string
}

// showEmployerPay shows the employer's payment page, suggesting this
// month's contributions.
func (s *Server) showEmployerPay(w http.ResponseWriter, r *http.Request) {
	pg, err := s.payPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "pay", pg)
}

// showCitizenPay shows the citizen's payment page, suggesting the payment
// of their voluntary enrolment's period.
func (s *Server) showCitizenPay(w http.ResponseWriter, r *http.Request) {
	s.showEmployerPay(w, r)
}

// payPage builds the payment page of the caller (employer or citizen).
func (s *Server) payPage(w http.ResponseWriter, r *http.Request) (*payPage, error) {
	ctx := r.Context()
	p := auth.From(ctx)
	pg := &payPage{Page: s.page(w, r, "pay.title"), Payer: p.ScopeValue(), Errors: map[string]string{}}
	var err error
	if p.Is(auth.Employer) {
		pg.Action = "/employer/pay"
		e, _, err := s.ownEmployer(ctx)
		if err != nil {
			return nil, err
		}
		pg.PayerName = e.Name
		est, err := s.estimateContribution(ctx, e, s.thisMonth())
		if err != nil {
			return nil, err
		}
		if est != nil {
			pg.Suggested, pg.Basis = est.Total, "pay.basis.employer"
		}
	} else {
		pg.Action = "/me/pay"
		person, err := s.db.FindPerson(ctx, pg.Payer, store.Scope{PersonID: pg.Payer})
		if err != nil {
			return nil, err
		}
		pg.PayerName = person.FullName
		if pg.Suggested, err = s.voluntaryDue(ctx, pg.Payer); err != nil {
			return nil, err
		}
		if pg.Suggested > 0 {
			pg.Basis = "pay.basis.voluntary"
		}
	}
	if pg.Suggested > 0 {
		pg.Amount = ansinh.GroupDigits(pg.Suggested, '.')
	}
	pg.Orders, err = s.db.PaymentOrdersOf(ctx, pg.Payer, 10)
	return pg, err
}

// voluntaryDue returns what the person's open voluntary enrolment asks for
// one payment (its mode's months, after support); 0 when there is none or
// no calculator.
func (s *Server) voluntaryDue(ctx context.Context, id string) (ansinh.Money, error) {
	if s.cfg.Calc == nil {
		return 0, nil
	}
	spells, err := s.db.PersonVoluntary(ctx, id)
	if err != nil {
		return 0, err
	}
	month := s.thisMonth()
	for _, v := range spells {
		if !v.Open(month) {
			continue
		}
		at := max(month, v.Start)
		q, err := s.cfg.Calc.Voluntary(at, v.Income, []string{v.Category}, modeMonths(v.Mode))
		if err != nil {
			s.log.Warn("voluntary quote", "person", id, "err", err)
			return 0, nil
		}
		return q.Payable, nil
	}
	return 0, nil
}

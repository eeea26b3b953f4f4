package web

import (
	"context"
	"net/http"

	"ansinh"
	"ansinh/auth"
	"ansinh/collection"
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
	// BasisMonth is the month the basis names (the notice's), if any.
	BasisMonth ansinh.Period
	Orders     []collection.PaymentOrder
	Errors     map[string]string
	ExportURL  string
}

// showEmployerPay shows the employer's payment page, suggesting the
// balance of its last notice when it owes one, this month's estimated
// contributions otherwise.
func (s *Server) showEmployerPay(w http.ResponseWriter, r *http.Request) {
	pg, err := s.payPage(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		sh := sheet{Name: "pay.orders", Columns: []string{"pay.order", "pay.payer", "pay.created", "payment.amount", "declaration.status",
			"payment.paid_at", "payment.gateway_ref"}}
		for _, o := range pg.Orders {
			sh.add(o.ID, o.Payer, o.CreatedAt, o.Amount, label(pg.Lang, "status", o.Status), o.PaidAt, o.GatewayRef)
		}
		s.writeXLSX(w, r, "lenh-thanh-toan", sh)
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
	pg := &payPage{Page: s.page(w, r, "pay.title"), Payer: p.ScopeValue(), Errors: map[string]string{}, ExportURL: exportURL(r.URL)}
	var err error
	if p.Is(auth.Employer) {
		pg.Action = "/employer/pay"
		e, _, err := s.ownEmployer(ctx)
		if err != nil {
			return nil, err
		}
		pg.PayerName = e.Name
		bal, err := collection.PayerBalance(ctx, s.coll, e.TaxCode)
		if err != nil {
			return nil, err
		}
		if !bal.AsOf.IsZero() && bal.Current > 0 {
			pg.Suggested, pg.Basis, pg.BasisMonth = bal.Current, "pay.basis.balance", bal.AsOf
		} else {
			est, err := s.estimateContribution(ctx, e, s.thisMonth())
			if err != nil {
				return nil, err
			}
			if est != nil {
				pg.Suggested, pg.Basis = est.Total, "pay.basis.employer"
			}
		}
	} else {
		pg.Action = "/me/pay"
		person, err := s.reg.FindPerson(ctx, pg.Payer, ansinh.Scope{PersonID: pg.Payer})
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
	limit := 10
	if wantsXLSX(r) {
		limit = exportLimit
	}
	pg.Orders, err = s.coll.PaymentOrdersOf(ctx, pg.Payer, limit)
	return pg, err
}

// voluntaryDue returns what the person's open voluntary enrolment asks for
// one payment (its mode's months, after support); 0 when there is none or
// no calculator.
func (s *Server) voluntaryDue(ctx context.Context, id string) (ansinh.Money, error) {
	if s.cfg.Calc == nil {
		return 0, nil
	}
	spells, err := s.reg.PersonVoluntary(ctx, id)
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

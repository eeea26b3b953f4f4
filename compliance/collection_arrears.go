package compliance

import (
	"context"

	"ansinh"
	"ansinh/collection"
)

// CloseDebts is what an arrears source needs of the monthly close's
// storage (collection.Store has it).
type CloseDebts interface {
	// LatestClose returns the latest month closed no later than through,
	// zero when none.
	LatestClose(ctx context.Context, through ansinh.Period) (ansinh.Period, error)
	// OpenArrears returns the employers' open debts after the close of a
	// month.
	OpenArrears(ctx context.Context, close ansinh.Period) ([]collection.EmployerArrears, error)
}

// CollectionArrears returns an arrears source that reads the debts the
// monthly close left (package collection): on a day, the open debts of the
// latest month closed by then, with what each month was assessed, the
// payments posted and the latest of them. It gives nothing when no month
// is closed by the day.
func CollectionArrears(s CloseDebts) ArrearsSource { return collectionArrears{s} }

type collectionArrears struct{ s CloseDebts }

// Arrears returns the employers' open debts after the latest close by asOf.
func (c collectionArrears) Arrears(ctx context.Context, asOf ansinh.Date) ([]EmployerArrears, error) {
	close, err := c.s.LatestClose(ctx, asOf.Period())
	if err != nil || close.IsZero() {
		return nil, err
	}
	list, err := c.s.OpenArrears(ctx, close)
	if err != nil {
		return nil, err
	}
	var out []EmployerArrears
	for _, a := range list {
		e := EmployerArrears{TaxCode: a.TaxCode, Source: "collection", AsOf: a.Close.Last(), Assessed: a.Assessed, Paid: a.Paid}
		for _, m := range a.Months {
			e.Months = append(e.Months, MonthDebt{Month: m.Month, BilledIn: m.BilledIn, Assessed: m.Assessed, Unpaid: m.Unpaid})
		}
		for _, p := range a.LastPayments {
			e.LastPayments = append(e.LastPayments, PaymentRef{Ref: p.Ref, Amount: p.Amount, PaidOn: p.PaidOn})
		}
		out = append(out, e)
	}
	return out, nil
}

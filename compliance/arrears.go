package compliance

import (
	"slices"
	"strings"

	"ansinh"
	"ansinh/rules"
)

// DueEstimator assesses an employer's monthly contributions from its
// spells with the rules. It stands in for the monthly close where its
// assessments are not available: the same rules, applied to the contract
// wage of every spell month (no retroactive timing, no unpaid-leave months).
type DueEstimator struct{ as *assessor }

// NewDueEstimator returns an estimator with the rules p.
func NewDueEstimator(p *rules.Params) *DueEstimator { return &DueEstimator{as: newAssessor(p)} }

// Dues returns the assessments of employer e for every month through
// through in which one of its spells is open, by month and the month it is
// billed in (the month of the declaration, for months declared late),
// oldest first.
func (d *DueEstimator) Dues(e Employer, spells []Spell, through ansinh.Period) []MonthDebt {
	type key struct{ m, billed ansinh.Period }
	byMonth := map[key]int64{}
	for i := range spells {
		s := &spells[i]
		end := through
		if !s.End.IsZero() && s.End < end {
			end = s.End
		}
		declared := s.DeclaredOn.Period()
		for m := s.Start; m <= end; m++ {
			er, ee := d.as.assess(m, s.Wage, e.Region, e.Kind)
			byMonth[key{m, max(m, min(declared, through))}] += er + ee
		}
	}
	out := make([]MonthDebt, 0, len(byMonth))
	for k, v := range byMonth {
		out = append(out, MonthDebt{Month: k.m, BilledIn: k.billed, Assessed: v})
	}
	slices.SortFunc(out, compareDebts)
	return out
}

// compareDebts orders debts as the monthly close settles them: by month,
// then by the month billed in.
func compareDebts(a, b MonthDebt) int {
	if a.Month != b.Month {
		return int(a.Month) - int(b.Month)
	}
	return int(a.BilledIn) - int(b.BilledIn)
}

// Settle runs an employer's account as the monthly close does and returns
// what remains unpaid on asOf: month by month, the dues billed that month
// are added (BilledIn), then any credit and the payments made that month
// settle the open dues, oldest month first; what is left over is credit
// for the next month. It also returns the totals and the latest payments
// (at most five).
func Settle(taxCode string, dues []MonthDebt, payments []PaymentRef, asOf ansinh.Date) EmployerArrears {
	a := EmployerArrears{TaxCode: taxCode, Source: "estimate", AsOf: asOf}
	last := asOf.Period()
	var items []MonthDebt
	for _, d := range dues {
		if d.BilledIn <= last {
			d.Unpaid = d.Assessed
			items = append(items, d)
			a.Assessed += d.Assessed
		}
	}
	slices.SortFunc(items, compareDebts)
	var pays []PaymentRef
	for _, p := range payments {
		if p.PaidOn <= asOf {
			pays = append(pays, p)
			a.Paid += p.Amount
		}
	}
	slices.SortFunc(pays, func(x, y PaymentRef) int {
		if x.PaidOn != y.PaidOn {
			return int(x.PaidOn) - int(y.PaidOn)
		}
		return strings.Compare(x.Ref, y.Ref)
	})
	if len(items) == 0 && len(pays) == 0 {
		return a
	}
	first := last
	for _, d := range items {
		first = min(first, d.BilledIn)
	}
	if len(pays) > 0 {
		first = min(first, pays[0].PaidOn.Period())
	}
	var credit int64
	settle := func(m ansinh.Period, amount int64) int64 {
		for i := range items {
			if amount == 0 {
				break
			}
			if it := &items[i]; it.BilledIn <= m && it.Unpaid > 0 {
				pay := min(amount, it.Unpaid)
				it.Unpaid -= pay
				amount -= pay
			}
		}
		return amount
	}
	pi := 0
	for m := first; m <= last; m++ {
		credit = settle(m, credit)
		for ; pi < len(pays) && pays[pi].PaidOn.Period() <= m; pi++ {
			credit += settle(m, pays[pi].Amount)
		}
	}
	for _, d := range items {
		if d.Unpaid > 0 {
			a.Months = append(a.Months, d)
		}
	}
	for i := len(pays) - 1; i >= 0 && len(a.LastPayments) < 5; i-- {
		a.LastPayments = append(a.LastPayments, pays[i])
	}
	return a
}

package collection

import (
	"cmp"
	"slices"
	"strings"

	"ansinh"
)

// OverdueDebt is one month an employer still owed after a close, past its
// deadline: a line of the arrears list.
type OverdueDebt struct {
	TaxCode     string
	Name        string
	Kind        string // the employer's kind
	CommuneCode string
	CommuneName string // the commune's latest name ("" when the unit is not known)
	Status      string // the notice's standing: current, late or evasion ("" when none)
	Period      ansinh.Period
	Due         ansinh.Date
	Principal   int64
	Interest    int64
}

// ArrearsFilter narrows the arrears list.
type ArrearsFilter struct {
	// Scope is what the caller may see (the employers' communes or tax
	// codes).
	Scope ansinh.Scope
	// Communes restricts to employers seated in these communes.
	Communes []string
	// Kind restricts to one employer kind.
	Kind string
}

// ArrearsRow is one line of the province's arrears list: the employers of
// one commune and kind whose oldest unpaid debt is in one age bucket, and
// what they owe in that bucket.
type ArrearsRow struct {
	Period       ansinh.Period
	UnitCode     string
	UnitName     string
	EmployerKind string
	Bucket       string
	Employers    int
	Principal    int64
	Interest     int64
	Evasion      int // employers of the row in evasion
}

// GroupArrears sums the overdue debts after the close of period by
// commune, employer kind and age bucket (each debt in the bucket of its own
// age on the close's last day, Buckets), ordered by unit, kind and bucket.
// It is the one arrears aggregation: the export and the arrears page both
// use it.
func GroupArrears(period ansinh.Period, debts []OverdueDebt) []ArrearsRow {
	type key struct{ unit, kind, bucket string }
	groups := map[key]*ArrearsRow{}
	seen := map[key]map[string]bool{}
	last := period.Last()
	for _, d := range debts {
		k := key{d.CommuneCode, d.Kind, Bucket(MonthsOverdue(d.Due, last))}
		g, ok := groups[k]
		if !ok {
			g = &ArrearsRow{Period: period, UnitCode: d.CommuneCode, UnitName: d.CommuneName, EmployerKind: d.Kind, Bucket: k.bucket}
			groups[k], seen[k] = g, map[string]bool{}
		}
		g.Principal += d.Principal
		g.Interest += d.Interest
		if !seen[k][d.TaxCode] {
			seen[k][d.TaxCode] = true
			g.Employers++
			if d.Status == "evasion" {
				g.Evasion++
			}
		}
	}
	out := make([]ArrearsRow, 0, len(groups))
	for _, g := range groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(x, y ArrearsRow) int {
		return cmp.Or(strings.Compare(x.UnitCode, y.UnitCode), strings.Compare(x.EmployerKind, y.EmployerKind),
			cmp.Compare(slices.Index(Buckets, x.Bucket), slices.Index(Buckets, y.Bucket)))
	})
	return out
}

// EmployerArrears is an employer's open debts after a close, month by
// month, with what was assessed and paid by then: what the compliance
// matcher takes from the monthly close.
type EmployerArrears struct {
	TaxCode string
	// Close is the month whose close left the debts.
	Close ansinh.Period
	// Months are the months with an unpaid remainder, oldest first.
	Months []MonthArrears
	// Assessed and Paid are the totals billed and posted by the close.
	Assessed, Paid int64
	// LastPayments are the latest five payments posted, newest first.
	LastPayments []PostedPayment
}

// MonthArrears is one month an employer still owes after a close.
type MonthArrears struct {
	Month    ansinh.Period // the month the contributions are for
	BilledIn ansinh.Period // the close that billed them
	Assessed int64         // billed for the month by that close
	Unpaid   int64         // principal still unpaid
}

// PostedPayment is a payment a close posted to an account.
type PostedPayment struct {
	Ref    string
	Amount int64
	PaidOn ansinh.Date // the value date
}

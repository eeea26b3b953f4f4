package store

import (
	"context"
	"fmt"

	"ansinh"
)

// OverdueDebt is one month an employer still owed after a close, past its
// deadline: a line of the arrears list.
type OverdueDebt struct {
	TaxCode     string
	Name        string
	Kind        string // the employer's kind
	CommuneCode string
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

// OverdueDebts returns the employers' debts after the close of a month
// that were past their deadline on its last day, within the filter's
// scope, by employer and month. The age of each debt is the caller's to
// reckon (collection.MonthsOverdue, collection.Bucket).
func (db *DB) OverdueDebts(ctx context.Context, closePeriod ansinh.Period, f ArrearsFilter) ([]OverdueDebt, error) {
	var a Args
	q := `SELECT d.payer, e.name, e.kind, e.commune_code, coalesce(n.status, ''), d.period, d.due_on, d.principal, d.interest
		FROM debts d JOIN employers e ON e.tax_code = d.payer
		LEFT JOIN notices n ON n.period = d.close_period AND n.payer = d.payer
		WHERE d.close_period = ` + a.Add(closePeriod) + ` AND d.payer_kind = 'employer' AND d.due_on < ` + a.Add(closePeriod.Last()) +
		` AND ` + EmployerCond(f.Scope, &a, "e")
	if len(f.Communes) > 0 {
		q += ` AND ` + a.In("e.commune_code", f.Communes)
	}
	if f.Kind != "" {
		q += ` AND e.kind = ` + a.Add(f.Kind)
	}
	q += ` ORDER BY d.payer, d.period, d.billed_in`
	rows, err := db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, fmt.Errorf("overdue debts: %w", err)
	}
	defer rows.Close()
	var out []OverdueDebt
	for rows.Next() {
		var d OverdueDebt
		if err := rows.Scan(&d.TaxCode, &d.Name, &d.Kind, &d.CommuneCode, &d.Status, &d.Period, &d.Due, &d.Principal, &d.Interest); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// LastClosedMonth returns the last month the monthly close has closed,
// zero when none.
func (db *DB) LastClosedMonth(ctx context.Context) (ansinh.Period, error) {
	var p ansinh.Period
	if err := db.R.QueryRowContext(ctx, `SELECT max(period) FROM collection_periods WHERE status = 'closed'`).Scan(&p); err != nil {
		return 0, fmt.Errorf("last closed month: %w", err)
	}
	return p, nil
}

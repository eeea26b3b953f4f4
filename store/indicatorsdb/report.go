package indicatorsdb

import (
	"context"
	"database/sql"
	"strconv"

	"ansinh"
)

// ArrearsSummary sums up the arrears at the last closed month of a year
// (the monthly close's notices).
type ArrearsSummary struct {
	// Available is false when no month of the year has been closed.
	Available bool
	Month     ansinh.Period // the last closed month of the year
	// By status of the notice: late (chậm đóng) and evasion (trốn đóng).
	Payers       map[string]int64 // status → payers with an amount overdue
	Overdue      map[string]int64 // status → amount overdue, đồng
	TotalPayers  int64
	TotalOverdue int64
	// ByMonths is the amount overdue by whole months overdue (of each
	// payer's oldest unpaid deadline), ascending; the report groups it into
	// collection's age buckets (collection.Bucket).
	ByMonths       []MonthsOverdue
	LargestDebtors []Debtor
}

// MonthsOverdue is the payers overdue for a number of whole months and what
// they owe past their deadlines.
type MonthsOverdue struct {
	Months         int
	Payers, Amount int64
}

// Debtor is a payer with an amount overdue.
type Debtor struct {
	Payer, Name, Commune, Status string
	Overdue                      int64
	Months                       int
}

// ArrearsSummary returns the arrears at the last closed month of year.
func (s *Store) ArrearsSummary(ctx context.Context, year int) (ArrearsSummary, error) {
	out := ArrearsSummary{Payers: map[string]int64{}, Overdue: map[string]int64{}}
	for _, t := range []string{"notices", "collection_periods"} {
		if ok, err := tableExists(ctx, s.db, t); err != nil || !ok {
			return out, err
		}
	}
	y := strconv.Itoa(year)
	var month sql.NullString
	if err := s.db.R.QueryRowContext(ctx, `SELECT max(period) FROM collection_periods WHERE status = 'closed' AND period >= $1 AND period <= $2`,
		y+"-01", y+"-12").Scan(&month); err != nil {
		return out, err
	}
	if !month.Valid {
		return out, nil
	}
	p, err := ansinh.ParsePeriod(month.String)
	if err != nil {
		return out, err
	}
	out.Available, out.Month = true, p
	err = s.indQuery(ctx, "notices", `SELECT status, count(*), COALESCE(sum(overdue), 0) FROM notices
		WHERE period = $1 AND overdue > 0 AND payer_kind IN ('employer', 'person') GROUP BY status`, []any{month.String},
		func(r *sql.Rows) error {
			var st string
			var n, amt int64
			if err := r.Scan(&st, &n, &amt); err != nil {
				return err
			}
			out.Payers[st], out.Overdue[st] = n, amt
			out.TotalPayers += n
			out.TotalOverdue += amt
			return nil
		})
	if err != nil {
		return out, err
	}
	err = s.indQuery(ctx, "notices", `SELECT months_overdue, count(*), COALESCE(sum(overdue), 0) FROM notices
		WHERE period = $1 AND overdue > 0 AND payer_kind IN ('employer', 'person') GROUP BY months_overdue ORDER BY months_overdue`,
		[]any{month.String},
		func(r *sql.Rows) error {
			var m MonthsOverdue
			if err := r.Scan(&m.Months, &m.Payers, &m.Amount); err != nil {
				return err
			}
			out.ByMonths = append(out.ByMonths, m)
			return nil
		})
	if err != nil {
		return out, err
	}
	err = s.indQuery(ctx, "notices", `SELECT n.payer, COALESCE(em.name, pe.full_name, ''), COALESCE(em.commune_code, pe.commune_code, ''),
			n.status, n.overdue, n.months_overdue
		FROM notices n
		LEFT JOIN employers em ON n.payer_kind = 'employer' AND em.tax_code = n.payer
		LEFT JOIN persons pe ON n.payer_kind = 'person' AND pe.person_id = n.payer
		WHERE n.period = $1 AND n.overdue > 0 AND n.payer_kind = 'employer'
		ORDER BY n.overdue DESC, n.payer LIMIT 10`, []any{month.String},
		func(r *sql.Rows) error {
			var d Debtor
			if err := r.Scan(&d.Payer, &d.Name, &d.Commune, &d.Status, &d.Overdue, &d.Months); err != nil {
				return err
			}
			out.LargestDebtors = append(out.LargestDebtors, d)
			return nil
		})
	return out, err
}

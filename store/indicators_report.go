package store

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
	Payers         map[string]int64 // status → payers with an amount overdue
	Overdue        map[string]int64 // status → amount overdue, đồng
	TotalPayers    int64
	TotalOverdue   int64
	ByAge          []AgeBucket // amount overdue by whole months overdue
	LargestDebtors []Debtor
}

// AgeBucket is the amount overdue for a range of months overdue.
type AgeBucket struct {
	LabelVI, LabelEN string
	Payers, Amount   int64
}

// Debtor is a payer with an amount overdue.
type Debtor struct {
	Payer, Name, Commune, Status string
	Overdue                      int64
	Months                       int
}

// ArrearsSummary returns the arrears at the last closed month of year.
func (s *IndicatorStore) ArrearsSummary(ctx context.Context, year int) (ArrearsSummary, error) {
	out := ArrearsSummary{Payers: map[string]int64{}, Overdue: map[string]int64{}}
	for _, t := range []string{"notices", "collection_periods"} {
		if ok, err := s.db.indTableExists(ctx, t); err != nil || !ok {
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
	buckets := []struct {
		vi, en string
		lo, hi int
	}{{"dưới 3 tháng", "under 3 months", 0, 2}, {"từ 3 đến dưới 6 tháng", "3 to 6 months", 3, 5},
		{"từ 6 đến dưới 12 tháng", "6 to 12 months", 6, 11}, {"từ 12 tháng trở lên", "12 months or more", 12, 1 << 30}}
	for _, b := range buckets {
		ab := AgeBucket{LabelVI: b.vi, LabelEN: b.en}
		if err := s.db.R.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(overdue), 0) FROM notices
			WHERE period = $1 AND overdue > 0 AND payer_kind IN ('employer', 'person') AND months_overdue >= $2 AND months_overdue <= $3`,
			month.String, b.lo, b.hi).Scan(&ab.Payers, &ab.Amount); err != nil {
			return out, err
		}
		out.ByAge = append(out.ByAge, ab)
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

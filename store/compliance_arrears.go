package store

import (
	"context"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/compliance"
)

// compInBatch bounds the values of one IN list.
const compInBatch = 500

// compOrder returns the columns for an ORDER BY in byte order: SQLite's
// default; named on PostgreSQL, whose default collation may follow a locale.
func (db *DB) compOrder(cols ...string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = db.byteOrder(c)
	}
	return strings.Join(out, ", ")
}

// CollectionArrears returns an arrears source that reads the debts the
// monthly close left (package collection): on a day, the open debts of the
// latest month closed by then, with what each month was assessed, the
// payments posted and the latest of them. It gives nothing when no month
// is closed by the day (see LatestClose).
func (db *DB) CollectionArrears() compliance.ArrearsSource { return collectionArrears{db} }

type collectionArrears struct{ db *DB }

// LatestClose returns the latest month closed by the monthly close no later
// than through, zero when there is none.
func (db *DB) LatestClose(ctx context.Context, through ansinh.Period) (ansinh.Period, error) {
	var p ansinh.Period
	err := db.R.QueryRowContext(ctx, `SELECT max(period) FROM collection_periods WHERE status = 'closed' AND period <= $1`,
		through.String()).Scan(&p)
	if err != nil {
		return 0, fmt.Errorf("latest close: %w", err)
	}
	return p, nil
}

// Arrears returns the employers' open debts after the latest close by asOf.
func (s collectionArrears) Arrears(ctx context.Context, asOf ansinh.Date) ([]compliance.EmployerArrears, error) {
	c, err := s.db.LatestClose(ctx, asOf.Period())
	if err != nil || c.IsZero() {
		return nil, err
	}
	cs := c.String()
	rows, err := s.db.R.QueryContext(ctx, `SELECT payer, period, billed_in, sum(principal) FROM debts
		WHERE close_period = $1 AND payer_kind = 'employer' AND principal > 0
		GROUP BY payer, period, billed_in ORDER BY `+s.db.compOrder("payer")+`, period, billed_in`, cs)
	if err != nil {
		return nil, fmt.Errorf("arrears: debts: %w", err)
	}
	var out []compliance.EmployerArrears
	index := map[string]int{}
	for rows.Next() {
		var payer string
		var d compliance.MonthDebt
		if err := rows.Scan(&payer, &d.Month, &d.BilledIn, &d.Unpaid); err != nil {
			rows.Close()
			return nil, err
		}
		i, ok := index[payer]
		if !ok {
			i = len(out)
			index[payer] = i
			out = append(out, compliance.EmployerArrears{TaxCode: payer, Source: "collection", AsOf: c.Last()})
		}
		out[i].Months = append(out[i].Months, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	payers := make([]string, 0, len(out))
	for _, a := range out {
		payers = append(payers, a.TaxCode)
	}
	for start := 0; start < len(payers); start += compInBatch {
		part := payers[start:min(len(payers), start+compInBatch)]
		if err := s.fill(ctx, cs, part, index, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fill adds the assessments, the payments posted and the latest payments of
// the payers.
func (s collectionArrears) fill(ctx context.Context, close string, payers []string, index map[string]int, out []compliance.EmployerArrears) error {
	var a Args
	closeArg := a.Add(close)
	rows, err := s.db.R.QueryContext(ctx, `SELECT payer, period, billed_in, principal FROM charges
		WHERE payer_kind = 'employer' AND billed_in <= `+closeArg+` AND `+a.In("payer", payers), a.List...)
	if err != nil {
		return fmt.Errorf("arrears: charges: %w", err)
	}
	assessed := map[string]map[[2]ansinh.Period]int64{}
	for rows.Next() {
		var payer string
		var p, b ansinh.Period
		var v int64
		if err := rows.Scan(&payer, &p, &b, &v); err != nil {
			rows.Close()
			return err
		}
		if assessed[payer] == nil {
			assessed[payer] = map[[2]ansinh.Period]int64{}
		}
		assessed[payer][[2]ansinh.Period{p, b}] += v
		out[index[payer]].Assessed += v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, payer := range payers {
		e := &out[index[payer]]
		for k := range e.Months {
			d := &e.Months[k]
			d.Assessed = assessed[payer][[2]ansinh.Period{d.Month, d.BilledIn}]
		}
	}
	a = Args{}
	closeArg = a.Add(close)
	rows, err = s.db.R.QueryContext(ctx, `SELECT account, ref, amount, value_date FROM payment_postings
		WHERE close_period <= `+closeArg+` AND `+a.In("account", payers)+`
		ORDER BY `+s.db.compOrder("account")+`, value_date DESC, ref DESC`, a.List...)
	if err != nil {
		return fmt.Errorf("arrears: payments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var account string
		var p compliance.PaymentRef
		if err := rows.Scan(&account, &p.Ref, &p.Amount, &p.PaidOn); err != nil {
			return err
		}
		e := &out[index[account]]
		e.Paid += p.Amount
		if len(e.LastPayments) < 5 {
			e.LastPayments = append(e.LastPayments, p)
		}
	}
	return rows.Err()
}

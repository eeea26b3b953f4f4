package collectiondb

import (
	"context"
	"database/sql"
	"fmt"

	"ansinh"
	"ansinh/collection"
	"ansinh/store"
)

// inBatch bounds the values of one IN list.
const inBatch = 500

// LastClosedMonth returns the last month the monthly close has closed,
// zero when none.
func (s *Store) LastClosedMonth(ctx context.Context) (ansinh.Period, error) {
	var p ansinh.Period
	if err := s.db.R.QueryRowContext(ctx, `SELECT max(period) FROM collection_periods WHERE status = 'closed'`).Scan(&p); err != nil {
		return 0, fmt.Errorf("last closed month: %w", err)
	}
	return p, nil
}

// BooksStart returns the first month of the books, zero when none.
func (s *Store) BooksStart(ctx context.Context) (ansinh.Period, error) {
	var p ansinh.Period
	if err := s.db.R.QueryRowContext(ctx, `SELECT min(books_start) FROM collection_periods`).Scan(&p); err != nil {
		return 0, fmt.Errorf("books start: %w", err)
	}
	return p, nil
}

// LatestClose returns the latest month closed by the monthly close no later
// than through, zero when there is none.
func (s *Store) LatestClose(ctx context.Context, through ansinh.Period) (ansinh.Period, error) {
	var p ansinh.Period
	err := s.db.R.QueryRowContext(ctx, `SELECT max(period) FROM collection_periods WHERE status = 'closed' AND period <= $1`,
		through.String()).Scan(&p)
	if err != nil {
		return 0, fmt.Errorf("latest close: %w", err)
	}
	return p, nil
}

// OverdueDebts returns the employers' debts after the close of a month
// that were past their deadline on its last day, within the filter, by
// employer and month.
func (s *Store) OverdueDebts(ctx context.Context, closePeriod ansinh.Period, f collection.ArrearsFilter) ([]collection.OverdueDebt, error) {
	var a store.Args
	q := `SELECT d.payer, e.name, e.kind, e.commune_code,
			coalesce((SELECT u.name FROM units u WHERE u.code = e.commune_code ORDER BY u.valid_from DESC LIMIT 1), ''),
			coalesce(n.status, ''), d.period, d.due_on, d.principal, d.interest
		FROM debts d JOIN employers e ON e.tax_code = d.payer
		LEFT JOIN notices n ON n.period = d.close_period AND n.payer = d.payer
		WHERE d.close_period = ` + a.Add(closePeriod) + ` AND d.payer_kind = 'employer' AND d.due_on < ` + a.Add(closePeriod.Last()) +
		` AND ` + store.EmployerCond(f.Scope, &a, "e")
	if len(f.Communes) > 0 {
		q += ` AND ` + a.In("e.commune_code", f.Communes)
	}
	if f.Kind != "" {
		q += ` AND e.kind = ` + a.Add(f.Kind)
	}
	q += ` ORDER BY d.payer, d.period, d.billed_in`
	return collect(ctx, s, "overdue debts", func(r *sql.Rows) (collection.OverdueDebt, error) {
		var d collection.OverdueDebt
		err := r.Scan(&d.TaxCode, &d.Name, &d.Kind, &d.CommuneCode, &d.CommuneName, &d.Status, &d.Period, &d.Due, &d.Principal, &d.Interest)
		return d, err
	}, q, a.List...)
}

// OpenArrears returns the employers' open debts after the close of a month,
// by employer in byte order, with what was assessed and posted by then.
func (s *Store) OpenArrears(ctx context.Context, close ansinh.Period) ([]collection.EmployerArrears, error) {
	cs := close.String()
	rows, err := s.db.R.QueryContext(ctx, `SELECT payer, period, billed_in, sum(principal) FROM debts
		WHERE close_period = $1 AND payer_kind = 'employer' AND principal > 0
		GROUP BY payer, period, billed_in ORDER BY `+s.byteOrder("payer")+`, period, billed_in`, cs)
	if err != nil {
		return nil, fmt.Errorf("arrears: debts: %w", err)
	}
	var out []collection.EmployerArrears
	index := map[string]int{}
	for rows.Next() {
		var payer string
		var d collection.MonthArrears
		if err := rows.Scan(&payer, &d.Month, &d.BilledIn, &d.Unpaid); err != nil {
			rows.Close()
			return nil, err
		}
		i, ok := index[payer]
		if !ok {
			i = len(out)
			index[payer] = i
			out = append(out, collection.EmployerArrears{TaxCode: payer, Close: close})
		}
		out[i].Months = append(out[i].Months, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for start := 0; start < len(out); start += inBatch {
		part := out[start:min(len(out), start+inBatch)]
		payers := make([]string, len(part))
		for i, e := range part {
			payers[i] = e.TaxCode
		}
		if err := s.fillAssessed(ctx, cs, payers, index, out); err != nil {
			return nil, err
		}
		if err := s.fillPaid(ctx, cs, payers, index, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillAssessed adds what the payers' months were assessed by the close.
func (s *Store) fillAssessed(ctx context.Context, close string, payers []string, index map[string]int, out []collection.EmployerArrears) error {
	var a store.Args
	closeArg := a.Add(close)
	rows, err := s.db.R.QueryContext(ctx, `SELECT payer, period, billed_in, principal FROM charges
		WHERE payer_kind = 'employer' AND billed_in <= `+closeArg+` AND `+a.In("payer", payers), a.List...)
	if err != nil {
		return fmt.Errorf("arrears: charges: %w", err)
	}
	defer rows.Close()
	assessed := map[string]map[[2]ansinh.Period]int64{}
	for rows.Next() {
		var payer string
		var p, b ansinh.Period
		var v int64
		if err := rows.Scan(&payer, &p, &b, &v); err != nil {
			return err
		}
		if assessed[payer] == nil {
			assessed[payer] = map[[2]ansinh.Period]int64{}
		}
		assessed[payer][[2]ansinh.Period{p, b}] += v
		out[index[payer]].Assessed += v
	}
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
	return nil
}

// fillPaid adds the payments posted to the payers by the close, and the
// latest five of each.
func (s *Store) fillPaid(ctx context.Context, close string, payers []string, index map[string]int, out []collection.EmployerArrears) error {
	var a store.Args
	closeArg := a.Add(close)
	rows, err := s.db.R.QueryContext(ctx, `SELECT account, ref, amount, value_date FROM payment_postings
		WHERE close_period <= `+closeArg+` AND `+a.In("account", payers)+`
		ORDER BY `+s.byteOrder("account")+`, value_date DESC, ref DESC`, a.List...)
	if err != nil {
		return fmt.Errorf("arrears: payments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var account string
		var p collection.PostedPayment
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

package store

import (
	"context"
	"fmt"

	"ansinh"
	"ansinh/compliance"
	"ansinh/rules"
)

// EstimatedArrears returns an arrears source that assesses every employer's
// months from its spells with the rules p and settles its payments against
// them oldest first (compliance.DueEstimator, compliance.Settle). It is the
// stand-in for the monthly close's own arrears where those are missing.
func (db *DB) EstimatedArrears(p *rules.Params) compliance.ArrearsSource {
	return estimatedArrears{db: db, params: p}
}

type estimatedArrears struct {
	db     *DB
	params *rules.Params
}

// Arrears returns the arrears of every employer that owes something on
// asOf.
func (s estimatedArrears) Arrears(ctx context.Context, asOf ansinh.Date) ([]compliance.EmployerArrears, error) {
	reg, err := complianceSource{s.db}.Registry(ctx)
	if err != nil {
		return nil, err
	}
	emps := make(map[string]compliance.Employer, len(reg.Employers))
	for _, e := range reg.Employers {
		emps[e.TaxCode] = e
	}
	payments, err := s.payments(ctx, asOf)
	if err != nil {
		return nil, err
	}
	through := asOf.Period()
	est := compliance.NewDueEstimator(s.params)
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+spellColumns+` FROM employment WHERE start_month <= $1
		ORDER BY `+s.db.streamOrder(ctx, "tax_code", "person_id", "start_month"), through.String())
	if err != nil {
		return nil, fmt.Errorf("arrears: spells: %w", err)
	}
	defer rows.Close()
	var out []compliance.EmployerArrears
	var sc spellScanner
	var cur []compliance.Spell
	flush := func() {
		if len(cur) == 0 {
			return
		}
		tax := cur[0].TaxCode
		a := compliance.Settle(tax, est.Dues(emps[tax], cur, through), payments[tax], asOf)
		if len(a.Months) > 0 {
			out = append(out, a)
		}
		cur = cur[:0]
	}
	for rows.Next() {
		sp, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		if len(cur) > 0 && cur[0].TaxCode != sp.TaxCode {
			flush()
		}
		cur = append(cur, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("arrears: spells: %w", err)
	}
	flush()
	return out, nil
}

// payments returns the payments made by asOf, by payer.
func (s estimatedArrears) payments(ctx context.Context, asOf ansinh.Date) (map[string][]compliance.PaymentRef, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT payer, ref, amount, paid_on, coalesce(run_id, 0) FROM payments WHERE paid_on <= $1`, asOf)
	if err != nil {
		return nil, fmt.Errorf("arrears: payments: %w", err)
	}
	defer rows.Close()
	out := map[string][]compliance.PaymentRef{}
	var payers interner
	var payer []byte
	for rows.Next() {
		var p compliance.PaymentRef
		if err := rows.Scan(&payer, &p.Ref, &p.Amount, &p.PaidOn, &p.Version); err != nil {
			return nil, err
		}
		k := payers.get(payer)
		out[k] = append(out[k], p)
	}
	return out, rows.Err()
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

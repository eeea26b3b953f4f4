package compliancedb

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
	reg, err := s.db.Registry(ctx)
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

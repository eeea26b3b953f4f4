package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
)

// Employer is an employer of the registry.
type Employer struct {
	TaxCode        string
	Name           string
	Kind           string // state, soe, fdi, private, cooperative, household_business
	CommuneCode    string
	IndustrialZone string
	RegisteredOn   ansinh.Date
}

// FindEmployer returns the employer with the tax code if the scope sees it,
// or ErrNotFound.
func (db *DB) FindEmployer(ctx context.Context, tax string, scope ansinh.Scope) (Employer, error) {
	var a Args
	var e Employer
	q := `SELECT e.tax_code, e.name, e.kind, e.commune_code, e.industrial_zone, e.registered_on FROM employers e
		WHERE e.tax_code = ` + a.Add(tax) + ` AND ` + EmployerCond(scope, &a, "e")
	err := db.R.QueryRowContext(ctx, q, a.List...).Scan(&e.TaxCode, &e.Name, &e.Kind, &e.CommuneCode,
		webNullString{&e.IndustrialZone}, &e.RegisteredOn)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	if err != nil {
		return e, fmt.Errorf("find employer: %w", err)
	}
	return e, nil
}

// WorkerQuery pages the workers or spells of an employer.
type WorkerQuery struct {
	// At is the month a worker's spell must be open in (Workers only).
	At ansinh.Period
	// Offset and Limit page the results (Limit 0: 50).
	Offset, Limit int
}

// EmployerWorkers returns a page of the spells of the employer open at the
// month (its current workers), by name, the number of them, and whether
// more follow. The employer must be in scope, or ErrNotFound.
func (db *DB) EmployerWorkers(ctx context.Context, tax string, scope ansinh.Scope, q WorkerQuery) ([]Spell, int, bool, error) {
	if _, err := db.FindEmployer(ctx, tax, scope); err != nil {
		return nil, 0, false, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	var total int
	err := db.R.QueryRowContext(ctx, `SELECT count(*) FROM employment WHERE tax_code = $1 AND (end_month IS NULL OR end_month >= $2)`,
		tax, q.At).Scan(&total)
	if err != nil {
		return nil, 0, false, fmt.Errorf("count workers: %w", err)
	}
	rows, err := db.R.QueryContext(ctx, `SELECT s.tax_code, '', s.person_id, p.full_name, s.start_month, s.end_month,
			s.wage, s.contract, s.declared_on
		FROM employment s JOIN persons p ON p.person_id = s.person_id
		WHERE s.tax_code = $1 AND (s.end_month IS NULL OR s.end_month >= $2)
		ORDER BY `+db.byteOrder("p.full_name")+`, s.person_id, s.start_month LIMIT $3 OFFSET $4`, tax, q.At, limit+1, q.Offset)
	if err != nil {
		return nil, 0, false, fmt.Errorf("workers: %w", err)
	}
	out, err := scanSpells(rows)
	if err != nil {
		return nil, 0, false, err
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, total, more, nil
}

// EmployerSpells returns a page of all the spells of the employer, latest
// start first, and whether more follow. The employer must be in scope, or
// ErrNotFound.
func (db *DB) EmployerSpells(ctx context.Context, tax string, scope ansinh.Scope, q WorkerQuery) ([]Spell, bool, error) {
	if _, err := db.FindEmployer(ctx, tax, scope); err != nil {
		return nil, false, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.R.QueryContext(ctx, `SELECT s.tax_code, '', s.person_id, p.full_name, s.start_month, s.end_month,
			s.wage, s.contract, s.declared_on
		FROM employment s JOIN persons p ON p.person_id = s.person_id
		WHERE s.tax_code = $1 ORDER BY s.start_month DESC, s.person_id LIMIT $2 OFFSET $3`, tax, limit+1, q.Offset)
	if err != nil {
		return nil, false, fmt.Errorf("spells: %w", err)
	}
	out, err := scanSpells(rows)
	if err != nil {
		return nil, false, err
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}

// Payment is a payment received from a payer (an employer's tax code or a
// person's ID).
type Payment struct {
	Ref       string
	Payer     string
	Amount    ansinh.Money
	PaidOn    ansinh.Date
	Channel   string // bank, online, agent, counter
	AgentCode string
}

// PaymentsOf returns the latest payments of a payer, newest first. The
// caller has checked that the payer is in scope.
func (db *DB) PaymentsOf(ctx context.Context, payer string, limit int) ([]Payment, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.R.QueryContext(ctx, `SELECT ref, payer, amount, paid_on, channel, agent_code FROM payments
		WHERE payer = $1 ORDER BY paid_on DESC, ref DESC LIMIT $2`, payer, limit)
	if err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	defer rows.Close()
	var out []Payment
	for rows.Next() {
		var p Payment
		if err := rows.Scan(&p.Ref, &p.Payer, &p.Amount, &p.PaidOn, &p.Channel, webNullString{&p.AgentCode}); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// EmployerWages returns the wages of the employer's spells open at the
// month, for the employer's own contribution estimate. The caller has
// checked the employer's scope.
func (db *DB) EmployerWages(ctx context.Context, tax string, at ansinh.Period) ([]ansinh.Money, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT wage FROM employment WHERE tax_code = $1 AND start_month <= $2
		AND (end_month IS NULL OR end_month >= $2)`, tax, at)
	if err != nil {
		return nil, fmt.Errorf("wages: %w", err)
	}
	defer rows.Close()
	var out []ansinh.Money
	for rows.Next() {
		var m ansinh.Money
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

package compliancedb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh"
	"ansinh/compliance"
	"ansinh/store"
)

// caseColumns are the columns scanCase reads, on alias c, followed by the
// figures over the case's open findings.
const caseColumns = `c.id, c.tax_code, c.employer_name, c.commune_code, c.status, c.inspector, c.opened_period,
	c.opened_at, c.updated_at, c.resolved_at, c.has_result, c.workers_registered, c.amount_recovered, c.fine,
	c.closed_without_action, c.result_note`

func scanCase(row interface{ Scan(...any) error }, c *compliance.Case, figures bool) error {
	var status string
	var hasResult bool
	var r compliance.CaseResult
	dest := []any{&c.ID, &c.TaxCode, &c.EmployerName, &c.CommuneCode, &status, &c.Inspector, &c.OpenedPeriod,
		store.ScanTime(&c.OpenedAt), store.ScanTime(&c.UpdatedAt), store.ScanTime(&c.ResolvedAt), store.ScanBool(&hasResult),
		&r.WorkersRegistered, &r.AmountRecovered, &r.Fine, store.ScanBool(&r.ClosedWithoutAction), &r.Note}
	if figures {
		dest = append(dest, &c.Findings, &c.Stake, &c.MaxScore)
	}
	if err := row.Scan(dest...); err != nil {
		return err
	}
	c.Status = compliance.Status(status)
	if hasResult {
		c.Result = &r
	}
	return nil
}

// ListCases returns a page of cases, the least advanced first and then by
// contributions at stake, and whether more follow.
func (db *DB) ListCases(ctx context.Context, f compliance.CaseFilter) ([]compliance.Case, bool, error) {
	var a store.Args
	q := `SELECT ` + caseColumns + `, count(f.id), coalesce(sum(f.stake_total), 0), coalesce(max(f.score), 0)
		FROM inspection_cases c LEFT JOIN findings f ON f.case_id = c.id AND f.state = 'open'
		WHERE ` + compCond(f.Scope, &a, "c")
	if len(f.Statuses) > 0 {
		ss := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			ss[i] = string(s)
		}
		q += ` AND ` + a.In("c.status", ss)
	}
	if f.Inspector != "" {
		q += ` AND c.inspector = ` + a.Add(f.Inspector)
	}
	if f.Unassigned {
		q += ` AND c.inspector = ''`
	}
	if f.TaxCode != "" {
		q += ` AND c.tax_code = ` + a.Add(f.TaxCode)
	}
	if len(f.Communes) > 0 {
		q += ` AND ` + a.In("c.commune_code", f.Communes)
	}
	q += ` GROUP BY ` + caseColumns + `
		ORDER BY CASE c.status WHEN 'open' THEN 0 WHEN 'contacted' THEN 1 WHEN 'inspected' THEN 2 ELSE 3 END,
		coalesce(sum(f.stake_total), 0) DESC, c.id`
	limit := f.Limit
	if limit == 0 {
		limit = 50
	}
	if limit > 0 {
		q += ` LIMIT ` + a.Add(limit+1) + ` OFFSET ` + a.Add(f.Offset)
	}
	rows, err := db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, false, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	var out []compliance.Case
	for rows.Next() {
		var c compliance.Case
		if err := scanCase(rows, &c, true); err != nil {
			return nil, false, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	more := limit > 0 && len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, nil
}

// GetCase returns a case with all its findings (with their evidence, open
// first) and its history, or ErrCaseNotFound when it does not exist or is
// outside the scope.
func (db *DB) GetCase(ctx context.Context, id string, scope ansinh.Scope) (compliance.CaseDetail, error) {
	var d compliance.CaseDetail
	var a store.Args
	q := `SELECT ` + caseColumns + `, count(f.id), coalesce(sum(f.stake_total), 0), coalesce(max(f.score), 0)
		FROM inspection_cases c LEFT JOIN findings f ON f.case_id = c.id AND f.state = 'open'
		WHERE c.id = ` + a.Add(id) + ` AND ` + compCond(scope, &a, "c") + ` GROUP BY ` + caseColumns
	err := scanCase(db.R.QueryRowContext(ctx, q, a.List...), &d.Case, true)
	if errors.Is(err, sql.ErrNoRows) {
		return d, compliance.ErrCaseNotFound
	}
	if err != nil {
		return d, fmt.Errorf("get case: %w", err)
	}
	fs, _, err := db.ListFindings(ctx, compliance.FindingFilter{Scope: ansinh.Scope{All: true}, CaseID: id, State: "all", WithEvidence: true, Limit: -1})
	if err != nil {
		return d, err
	}
	for _, f := range fs { // open findings first, keeping the score order
		if f.State == "open" {
			d.FindingList = append(d.FindingList, f)
		}
	}
	for _, f := range fs {
		if f.State != "open" {
			d.FindingList = append(d.FindingList, f)
		}
	}
	rows, err := db.R.QueryContext(ctx, `SELECT at, actor, action, detail FROM audit_log WHERE object = $1 ORDER BY id`, "case:"+id)
	if err != nil {
		return d, fmt.Errorf("case history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e compliance.CaseEvent
		if err := rows.Scan(store.ScanTime(&e.At), &e.Actor, &e.Action, &e.Detail); err != nil {
			return d, err
		}
		d.History = append(d.History, e)
	}
	return d, rows.Err()
}

// lockCase reads a case's status, inspector and whether it has a result
// inside tx, locking the row on PostgreSQL (SQLite's writer holds the whole
// database).
func (db *DB) lockCase(ctx context.Context, tx *sql.Tx, id string) (compliance.Status, string, bool, error) {
	q := `SELECT status, inspector, has_result FROM inspection_cases WHERE id = $1`
	if db.Engine == store.Postgres {
		q += ` FOR UPDATE`
	}
	var status, inspector string
	var has bool
	err := tx.QueryRowContext(ctx, q, id).Scan(&status, &inspector, store.ScanBool(&has))
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, compliance.ErrCaseNotFound
	}
	if err != nil {
		return "", "", false, fmt.Errorf("case %s: %w", id, err)
	}
	return compliance.Status(status), inspector, has, nil
}

// ChangeCase reads the case's state inside one transaction (its row locked
// on PostgreSQL; SQLite's writer holds the whole database), asks decide for
// the change and writes it with its audit record as actor: the
// inspector, the status (resolving closes the case's open findings as
// resolved), the result.
func (db *DB) ChangeCase(ctx context.Context, id, actor string, decide func(compliance.CaseState) (compliance.CaseChange, error)) error {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	status, inspector, has, err := db.lockCase(ctx, tx, id)
	if err != nil {
		return err
	}
	ch, err := decide(compliance.CaseState{ID: id, Status: status, Inspector: inspector, HasResult: has})
	if err != nil || ch.Action == "" {
		return err
	}
	now := db.Now()
	if err := db.applyCaseChange(ctx, tx, id, ch, now); err != nil {
		return fmt.Errorf("case %s: %w", id, err)
	}
	if err := db.compAuditTx(ctx, tx, actor, ch.Action, "case:"+id, ch.Detail); err != nil {
		return err
	}
	return tx.Commit()
}

// applyCaseChange writes a change to a case.
func (db *DB) applyCaseChange(ctx context.Context, tx *sql.Tx, id string, ch compliance.CaseChange, now time.Time) error {
	stamp := db.compStamp(now)
	if ch.Inspector != nil {
		if _, err := tx.ExecContext(ctx, `UPDATE inspection_cases SET inspector = $1, updated_at = $2 WHERE id = $3`,
			*ch.Inspector, stamp, id); err != nil {
			return err
		}
	}
	if r := ch.Result; r != nil {
		if _, err := tx.ExecContext(ctx, `UPDATE inspection_cases SET has_result = $1, workers_registered = $2,
			amount_recovered = $3, fine = $4, closed_without_action = $5, result_note = $6, updated_at = $7 WHERE id = $8`,
			db.Bool(true), r.WorkersRegistered, r.AmountRecovered, r.Fine, db.Bool(r.ClosedWithoutAction), r.Note, stamp, id); err != nil {
			return err
		}
	}
	if ch.Status == "" {
		return nil
	}
	var resolved any
	if ch.Status == compliance.StatusResolved {
		resolved = stamp
	}
	if _, err := tx.ExecContext(ctx, `UPDATE inspection_cases SET status = $1, updated_at = $2, resolved_at = $3 WHERE id = $4`,
		string(ch.Status), stamp, resolved, id); err != nil {
		return err
	}
	if ch.Status != compliance.StatusResolved {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE findings SET state = 'cleared', closed_reason = $1, closed_period = $2
		WHERE case_id = $3 AND state = 'open'`, compliance.ClosedResolved, ansinh.ThisMonth(now).String(), id)
	return err
}

// EmployerRecovery sums up the inspection cases of an employer for its
// record: workers registered, amounts recovered and fines of its resolved
// cases, and how many cases are still being worked.
func (db *DB) EmployerRecovery(ctx context.Context, taxCode string) (compliance.Recovery, error) {
	out := compliance.Recovery{TaxCode: taxCode}
	err := db.R.QueryRowContext(ctx, `SELECT count(*),
			coalesce(sum(CASE WHEN status = 'resolved' THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN status = 'resolved' THEN workers_registered ELSE 0 END), 0),
			coalesce(sum(CASE WHEN status = 'resolved' THEN amount_recovered ELSE 0 END), 0),
			coalesce(sum(CASE WHEN status = 'resolved' THEN fine ELSE 0 END), 0)
		FROM inspection_cases WHERE tax_code = $1`, taxCode).
		Scan(&out.Cases, &out.Resolved, &out.WorkersRegistered, &out.AmountRecovered, &out.Fines)
	if err != nil {
		return out, fmt.Errorf("employer recovery: %w", err)
	}
	out.Open = out.Cases - out.Resolved
	return out, nil
}

// InspectorTaxCodes returns the tax codes of the employers whose cases are
// assigned to the inspector and not yet resolved: the inspector's scope.
func (db *DB) InspectorTaxCodes(ctx context.Context, login string) ([]string, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT DISTINCT tax_code FROM inspection_cases
		WHERE inspector = $1 AND status <> 'resolved' ORDER BY tax_code`, login)
	if err != nil {
		return nil, fmt.Errorf("inspector scope: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

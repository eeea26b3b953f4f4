package benefitsdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/store"
)

// StartPayroll starts or resumes the period's run.
func (s *Store) StartPayroll(ctx context.Context, period ansinh.Period, actor string, at time.Time, size int) (bool, []benefits.Batch, error) {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return false, nil, err
	}
	defer tx.Rollback()
	var status string
	err = tx.QueryRowContext(ctx, `SELECT status FROM payroll_runs WHERE period = $1`, period.String()).Scan(&status)
	switch {
	case err == sql.ErrNoRows:
		if err := s.newRun(ctx, tx, period, actor, at, size); err != nil {
			return false, nil, err
		}
	case err != nil:
		return false, nil, err
	case status == "done":
		return true, nil, nil
	}
	pending, err := pendingBatches(ctx, tx, period)
	if err != nil {
		return false, nil, err
	}
	return false, pending, tx.Commit()
}

// newRun records the run and fixes its batches over the claims decided by
// then.
func (s *Store) newRun(ctx context.Context, tx *sql.Tx, period ansinh.Period, actor string, at time.Time, size int) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO payroll_runs (period, status, actor, started_at) VALUES ($1, 'running', $2, $3)`,
		period.String(), actor, s.stamp(at)); err != nil {
		return err
	}
	var lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT min(id), max(id) FROM benefit_claims WHERE status IN ('approved', 'in_payment')`).Scan(&lo, &hi); err != nil {
		return err
	}
	if !lo.Valid {
		return nil
	}
	no := 0
	for first := lo.Int64; first <= hi.Int64; first += int64(size) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO payroll_batches (period, batch_no, first_id, last_id, status) VALUES ($1, $2, $3, $4, 'pending')`,
			period.String(), no, first, min(first+int64(size)-1, hi.Int64)); err != nil {
			return err
		}
		no++
	}
	return nil
}

// pendingBatches lists the run's batches not done.
func pendingBatches(ctx context.Context, tx *sql.Tx, period ansinh.Period) ([]benefits.Batch, error) {
	rows, err := tx.QueryContext(ctx, `SELECT batch_no, first_id, last_id FROM payroll_batches WHERE period = $1 AND status = 'pending' ORDER BY batch_no`, period.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []benefits.Batch
	for rows.Next() {
		var b benefits.Batch
		if err := rows.Scan(&b.No, &b.First, &b.Last); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// PayrollInputs returns the batch's claims approved (before the run began)
// or in payment (without the claimant's name, which the lines do not keep).
func (s *Store) PayrollInputs(ctx context.Context, period ansinh.Period, b benefits.Batch) ([]benefits.PayrollInput, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT c.id, c.person_id, '', c.kind, c.status, c.monthly, c.lump_sum, c.start_month, c.end_month,
			COALESCE(CAST(d.died_on AS TEXT), ''),
			CASE WHEN c.kind = 'ui' THEN (SELECT min(e.start_month) FROM employment e WHERE e.person_id = c.person_id AND e.start_month >= c.start_month) END,
			(SELECT max(l.period) FROM payroll_lines l WHERE l.claim_id = c.id AND l.period < $1 AND l.status = 'pay'),
			(SELECT count(*) FROM payroll_lines l WHERE l.claim_id = c.id AND l.period < $1 AND l.lump_sum > 0)
		FROM benefit_claims c LEFT JOIN person_deaths d ON d.person_id = c.person_id
		WHERE c.id BETWEEN $2 AND $3 AND c.status IN ('approved', 'in_payment')
			AND c.decided_at <= (SELECT started_at FROM payroll_runs WHERE period = $1)
		ORDER BY c.id`, period.String(), b.First, b.Last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []benefits.PayrollInput
	for rows.Next() {
		in, err := scanInput(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// scanInput reads a row of PayrollInputs.
func scanInput(rows *sql.Rows) (benefits.PayrollInput, error) {
	var in benefits.PayrollInput
	c := &in.Claim
	var start, end, reemp, paid sql.NullString
	var died string
	var lumps int
	if err := rows.Scan(&c.ID, &c.PersonID, &c.PersonName, &c.Kind, &c.Status, &c.Monthly, &c.LumpSum, &start, &end, &died, &reemp, &paid, &lumps); err != nil {
		return in, err
	}
	var err error
	for _, x := range []struct {
		dst *ansinh.Period
		src sql.NullString
	}{{&c.Start, start}, {&c.End, end}, {&in.Reemployed, reemp}, {&in.PaidThrough, paid}} {
		if *x.dst, err = monthOf(x.src); err != nil {
			return in, err
		}
	}
	if died != "" {
		if in.DiedOn, err = ansinh.ParseDate(died); err != nil {
			return in, err
		}
	}
	in.LumpPaid = lumps > 0
	return in, nil
}

// lineColumns are the payroll_lines columns written, in order.
const lineColumns = 12

// lineChunk is the number of lines one INSERT statement writes.
const lineChunk = 500

// WritePayrollBatch writes the lines, moves the claims and marks the batch
// done, in one transaction.
func (s *Store) WritePayrollBatch(ctx context.Context, period ansinh.Period, b benefits.Batch, lines []benefits.Line) error {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.insertLines(ctx, tx, lines); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE benefit_claims SET status = 'in_payment' WHERE id BETWEEN $1 AND $2 AND status = 'approved'
		AND start_month <= $3 AND decided_at <= (SELECT started_at FROM payroll_runs WHERE period = $3)`, b.First, b.Last, period.String()); err != nil {
		return err
	}
	for _, l := range lines {
		if l.NewStatus != benefits.StatusStopped {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE benefit_claims SET status = 'stopped', stop_month = $1, stop_reason = $2, end_month = $3 WHERE id = $4`,
			l.StopMonth.String(), l.StopReason, (l.StopMonth - 1).String(), l.ClaimID); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE payroll_batches SET status = 'done', lines = $1 WHERE period = $2 AND batch_no = $3`,
		len(lines), period.String(), b.No); err != nil {
		return err
	}
	return tx.Commit()
}

// insertLines writes lines with one prepared multi-row INSERT per chunk
// (anonymous placeholders on SQLite, whose parser is slow on many numbered
// ones).
func (s *Store) insertLines(ctx context.Context, tx *sql.Tx, lines []benefits.Line) error {
	var stmt *sql.Stmt
	args := make([]any, 0, lineChunk*lineColumns)
	for i := 0; i < len(lines); i += lineChunk {
		chunk := lines[i:min(i+lineChunk, len(lines))]
		q := s.insertSQL(len(chunk))
		st := stmt
		if len(chunk) != lineChunk || stmt == nil {
			var err error
			if st, err = tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			defer st.Close()
			if len(chunk) == lineChunk {
				stmt = st
			}
		}
		args = args[:0]
		for _, l := range chunk {
			args = append(args, l.Period.String(), l.ClaimID, l.PersonID, string(l.Kind), l.Status, l.Monthly, l.Arrears, l.LumpSum, l.Recovery, l.Amount, l.Adjustment, l.StopReason)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// insertSQL returns the INSERT of n lines.
func (s *Store) insertSQL(n int) string {
	var sb strings.Builder
	sb.WriteString(`INSERT INTO payroll_lines (period, claim_id, person_id, kind, status, monthly, arrears, lump_sum, recovery, amount, adjustment, stop_reason) VALUES `)
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for j := range lineColumns {
			if j > 0 {
				sb.WriteString(", ")
			}
			if s.db.Engine == store.SQLite {
				sb.WriteByte('?')
			} else {
				fmt.Fprintf(&sb, "$%d", i*lineColumns+j+1)
			}
		}
		sb.WriteByte(')')
	}
	return sb.String()
}

// FinishPayroll marks the run done and audits it.
func (s *Store) FinishPayroll(ctx context.Context, period ansinh.Period, actor string, at time.Time) error {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n, total int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(amount), 0) FROM payroll_lines WHERE period = $1`, period.String()).Scan(&n, &total); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE payroll_runs SET status = 'done', finished_at = $1 WHERE period = $2`, s.stamp(at), period.String()); err != nil {
		return err
	}
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "payroll.run", Object: "payroll:" + period.String(),
		Detail: fmt.Sprintf("lines=%d total=%d", n, total)}); err != nil {
		return err
	}
	return tx.Commit()
}

// PayrollLines returns the period's lines within the scope, by claim.
func (s *Store) PayrollLines(ctx context.Context, sc ansinh.Scope, period ansinh.Period) ([]benefits.Line, error) {
	var a store.Args
	q := `SELECT l.period, l.claim_id, l.person_id, p.full_name, l.kind, l.status, l.monthly, l.arrears, l.lump_sum, l.recovery, l.amount, l.adjustment, l.stop_reason
		FROM payroll_lines l JOIN persons p ON p.person_id = l.person_id
		WHERE l.period = ` + a.Add(period.String()) + ` AND ` + store.PersonCond(sc, &a, "p") + ` ORDER BY l.claim_id`
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []benefits.Line{}
	for rows.Next() {
		var l benefits.Line
		if err := rows.Scan(&l.Period, &l.ClaimID, &l.PersonID, &l.Name, &l.Kind, &l.Status, &l.Monthly, &l.Arrears, &l.LumpSum,
			&l.Recovery, &l.Amount, &l.Adjustment, &l.StopReason); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

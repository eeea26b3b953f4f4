package benefitsdb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/store"
)

// StartPayroll starts or resumes the period's run.
func (s *Store) StartPayroll(ctx context.Context, period ansinh.Period, actor string, at time.Time, size int) (bool, []benefits.Batch, int, error) {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return false, nil, 0, err
	}
	defer tx.Rollback()
	var status string
	err = tx.QueryRowContext(ctx, `SELECT status FROM payroll_runs WHERE period = $1`, period.String()).Scan(&status)
	switch {
	case err == sql.ErrNoRows:
		if err := s.newRun(ctx, tx, period, actor, at, size); err != nil {
			return false, nil, 0, err
		}
	case err != nil:
		return false, nil, 0, err
	case status == "done":
		return true, nil, 0, nil
	}
	pending, err := pendingBatches(ctx, tx, period)
	if err != nil {
		return false, nil, 0, err
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payroll_batches WHERE period = $1`, period.String()).Scan(&total); err != nil {
		return false, nil, 0, err
	}
	return false, pending, total, tx.Commit()
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

// payrollInputs returns the batch's claims approved (before the run began)
// or in payment that have no line of the period yet (without the
// claimant's name, which the lines do not keep).
func payrollInputs(ctx context.Context, tx *sql.Tx, period ansinh.Period, b benefits.Batch) ([]benefits.PayrollInput, error) {
	rows, err := tx.QueryContext(ctx, inputsSQL, period.String(), b.First, b.Last)
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

// inputsSQL selects payrollInputs.
const inputsSQL = `SELECT c.id, c.person_id, '', c.kind, c.status, c.monthly, c.lump_sum, c.start_month, c.end_month,
			COALESCE(CAST(d.died_on AS TEXT), ''),
			CASE WHEN c.kind = 'ui' THEN (SELECT min(e.start_month) FROM employment e WHERE e.person_id = c.person_id AND e.start_month >= c.start_month) END,
			(SELECT max(l.period) FROM payroll_lines l WHERE l.claim_id = c.id AND l.period < $1 AND l.status = 'pay'),
			(SELECT count(*) FROM payroll_lines l WHERE l.claim_id = c.id AND l.period < $1 AND l.lump_sum > 0)
		FROM benefit_claims c LEFT JOIN person_deaths d ON d.person_id = c.person_id
		WHERE c.id BETWEEN $2 AND $3 AND c.status IN ('approved', 'in_payment')
			AND c.decided_at <= (SELECT started_at FROM payroll_runs WHERE period = $1)
			AND NOT EXISTS (SELECT 1 FROM payroll_lines x WHERE x.period = $1 AND x.claim_id = c.id AND x.claim_id BETWEEN $2 AND $3)
		ORDER BY c.id`

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

// PayBatch pays one batch in one transaction: the lines the plan covers
// with one INSERT … SELECT (planSQL), the others computed by compute, the
// claims moved, the batch marked done.
func (s *Store) PayBatch(ctx context.Context, plan benefits.PayrollPlan, b benefits.Batch, compute func([]benefits.PayrollInput) []benefits.Line) (int, error) {
	return s.payBatch(ctx, plan, b, compute, true)
}

// payBatch is PayBatch; without planned, every line is computed (the
// reference the planned lines are tested against).
func (s *Store) payBatch(ctx context.Context, plan benefits.PayrollPlan, b benefits.Batch, compute func([]benefits.PayrollInput) []benefits.Line, planned bool) (int, error) {
	period := plan.Period
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var n int64
	if planned {
		q, args := s.planSQL(plan, b)
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return 0, fmt.Errorf("planned lines: %w", err)
		}
		if n, err = res.RowsAffected(); err != nil {
			return 0, err
		}
	}
	ins, err := payrollInputs(ctx, tx, period, b)
	if err != nil {
		return 0, err
	}
	lines := compute(ins)
	if err := s.insertLines(ctx, tx, lines); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE benefit_claims SET status = 'in_payment' WHERE id BETWEEN $1 AND $2 AND status = 'approved'
		AND start_month <= $3 AND decided_at <= (SELECT started_at FROM payroll_runs WHERE period = $3)`, b.First, b.Last, period.String()); err != nil {
		return 0, err
	}
	for _, l := range lines {
		if l.NewStatus != benefits.StatusStopped {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE benefit_claims SET status = 'stopped', stop_month = $1, stop_reason = $2, end_month = $3 WHERE id = $4`,
			l.StopMonth.String(), l.StopReason, (l.StopMonth - 1).String(), l.ClaimID); err != nil {
			return 0, err
		}
	}
	n += int64(len(lines))
	if _, err := tx.ExecContext(ctx, `UPDATE payroll_batches SET status = 'done', lines = $1 WHERE period = $2 AND batch_no = $3`,
		n, period.String(), b.No); err != nil {
		return 0, err
	}
	return int(n), tx.Commit()
}

// planSQL returns the INSERT … SELECT of the batch's lines that the plan
// covers (benefits.PayrollPlan): a claim paid by the previous month's
// payroll owes this month; one still approved (never paid) owes every month
// from its start, each at this month's amount, which the plan guarantees by
// leaving to ComputeLine the pensions with a decree taking effect after
// their start, and its lump sum. Each claim costs two index look-ups (last
// month's line, a death); the batch's range bounds the look-ups into last
// month's lines, so that PostgreSQL reads only the batch's.
func (s *Store) planSQL(plan benefits.PayrollPlan, b benefits.Batch) (string, []any) {
	var a store.Args
	p := a.Add(plan.Period.String())
	first, last := a.Add(b.First), a.Add(b.Last)
	amount, adjustment := indexedSQL(plan, &a)
	owed := "CASE WHEN p.claim_id IS NOT NULL THEN 1 ELSE " + strconv.Itoa(monthNo(plan.Period)+1) + " - " + monthNoSQL("c.start_month") + " END"
	neverPaid := `c.status = 'approved'`
	if f := plan.LastFrom(); !f.IsZero() {
		neverPaid += ` AND (c.kind <> 'pension' OR c.start_month >= ` + a.Add(f.String()) + `)`
	}
	kinds := `'pension', 'social_pension'`
	for _, adj := range plan.Adjustments {
		if adj.Rate < 0 {
			kinds = `'social_pension'` // a cut rounds otherwise than indexedSQL: ComputeLine
		}
	}
	q := `INSERT INTO payroll_lines (period, claim_id, person_id, kind, status, monthly, arrears, lump_sum, recovery, amount, adjustment, stop_reason)
		SELECT ` + p + `, c.id, c.person_id, c.kind, 'pay', ` + amount + `, (` + amount + `) * (` + owed + ` - 1),
			CASE WHEN c.status = 'approved' THEN c.lump_sum ELSE 0 END, 0,
			(` + amount + `) * (` + owed + `) + CASE WHEN c.status = 'approved' THEN c.lump_sum ELSE 0 END, ` + adjustment + `, ''
		FROM benefit_claims c
		LEFT JOIN payroll_lines p ON p.period = ` + a.Add((plan.Period - 1).String()) + ` AND p.claim_id = c.id AND p.status = 'pay'
			AND p.claim_id BETWEEN ` + first + ` AND ` + last + `
		WHERE c.id BETWEEN ` + first + ` AND ` + last + ` AND c.status IN ('approved', 'in_payment') AND c.kind IN (` + kinds + `)
			AND c.start_month <= ` + p + `
			AND c.decided_at <= (SELECT started_at FROM payroll_runs WHERE period = ` + p + `)
			AND NOT EXISTS (SELECT 1 FROM person_deaths d WHERE d.person_id = c.person_id)
			AND (p.claim_id IS NOT NULL OR (` + neverPaid + `))`
	return q, a.List
}

// indexedSQL returns the expressions of a claim's (c) amount in the plan's
// month and of the decrees applied, as benefits.Indexed computes them: the
// decrees that took effect after the start, in date order, each raising the
// amount by its rate rounded half-up (x + ⌊(x·r + ½·10⁶) / 10⁶⌋, that is
// ⌊(x·(10⁶ + r) + ½·10⁶) / 10⁶⌋ on amounts ≥ 0).
func indexedSQL(plan benefits.PayrollPlan, a *store.Args) (amount, adjustment string) {
	var froms []ansinh.Period
	for _, d := range plan.Adjustments {
		if len(froms) == 0 || froms[len(froms)-1] != d.From {
			froms = append(froms, d.From)
		}
	}
	apply := func(after ansinh.Period) (string, string) {
		x := "c.monthly"
		var names []string
		for _, d := range plan.Adjustments {
			if d.From > after {
				x = "((" + x + ") * " + strconv.FormatInt(1_000_000+d.Rate, 10) + " + 500000) / 1000000"
				names = append(names, d.Source)
			}
		}
		return x, a.Add(strings.Join(names, "; "))
	}
	var amt, adj strings.Builder
	amt.WriteString("CASE WHEN c.kind <> 'pension' THEN c.monthly")
	adj.WriteString("CASE WHEN c.kind <> 'pension' THEN ''")
	for i := len(froms) - 1; i >= 0; i-- {
		x, names := apply(froms[i])
		start := a.Add(froms[i].String())
		fmt.Fprintf(&amt, " WHEN c.start_month >= %s THEN %s", start, x)
		fmt.Fprintf(&adj, " WHEN c.start_month >= %s THEN %s", start, names)
	}
	x, names := apply(-1)
	fmt.Fprintf(&amt, " ELSE %s END", x)
	fmt.Fprintf(&adj, " ELSE %s END", names)
	return amt.String(), adj.String()
}

// monthNo numbers the months (year × 12 + month) like monthNoSQL.
func monthNo(p ansinh.Period) int { return p.Year()*12 + p.Month() }

// monthNoSQL returns the SQL that numbers the month of a 'YYYY-MM' column.
func monthNoSQL(col string) string {
	return "(CAST(substr(" + col + ", 1, 4) AS INTEGER) * 12 + CAST(substr(" + col + ", 6, 2) AS INTEGER))"
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

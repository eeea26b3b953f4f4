package benefitsdb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	// The ends of each status apart, each an end of the index on (status,
	// id): min and max over both statuses at once read all of it.
	var lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT min(lo), max(hi) FROM (
		SELECT (SELECT min(id) FROM benefit_claims WHERE status = 'approved') AS lo, (SELECT max(id) FROM benefit_claims WHERE status = 'approved') AS hi
		UNION ALL
		SELECT (SELECT min(id) FROM benefit_claims WHERE status = 'in_payment'), (SELECT max(id) FROM benefit_claims WHERE status = 'in_payment')) t`).Scan(&lo, &hi); err != nil {
		return err
	}
	if !lo.Valid {
		return nil // no claim approved or in payment
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
	var a store.Args
	p := a.Add(period.String())
	first, last := a.Add(b.First), a.Add(b.Last)
	q := `SELECT ` + inputColumns(p) + `
		FROM benefit_claims c LEFT JOIN person_deaths d ON d.person_id = c.person_id
		WHERE ` + eligibleCond(p, first, last) + `
			AND NOT EXISTS (SELECT 1 FROM payroll_lines x WHERE x.period = ` + p + ` AND x.claim_id = c.id AND x.claim_id BETWEEN ` + first + ` AND ` + last + `)
		ORDER BY c.id`
	return queryInputs(ctx, tx, q, a.List)
}

// leftoverInputs returns, in a chained run (chainedRun), the batch's
// claims approved (before the run began) or in payment that planSQL did
// not write: those its condition leaves out by their own columns (all of
// them approved or of a kind it does not cover: each set read by its
// index; UNION ALL, for IN needs no distinct list and SQLite sorts a
// UNION's), and those of a person whose death is known. Unlike payrollInputs
// it reads neither every claim of the batch nor a line of the period for
// each.
func leftoverInputs(ctx context.Context, tx *sql.Tx, plan benefits.PayrollPlan, b benefits.Batch) ([]benefits.PayrollInput, error) {
	var a store.Args
	p := a.Add(plan.Period.String())
	first, last := a.Add(b.First), a.Add(b.Last)
	eligible := eligibleCond(p, first, last)
	left := eligible + ` AND NOT COALESCE(` + plannedCond(plan, &a, p, paidInChainedRun) + `, FALSE)`
	_, others := plannedKinds(plan)
	q := `SELECT ` + inputColumns(p) + `
		FROM benefit_claims c LEFT JOIN person_deaths d ON d.person_id = c.person_id
		WHERE c.id IN (
			SELECT c.id FROM benefit_claims c WHERE c.status = 'approved' AND ` + left + `
			UNION ALL
			SELECT c.id FROM benefit_claims c WHERE c.kind IN (` + others + `) AND ` + left + `
			UNION ALL
			SELECT c.id FROM person_deaths x JOIN benefit_claims c ON c.person_id = x.person_id WHERE ` + eligible + `)
		ORDER BY c.id`
	return queryInputs(ctx, tx, q, a.List)
}

// inputColumns returns the columns scanInput reads, for the claims c of
// the period p (with its death d).
func inputColumns(p string) string {
	return `c.id, c.person_id, '', c.kind, c.status, c.monthly, c.lump_sum, c.start_month, c.end_month,
			COALESCE(CAST(d.died_on AS TEXT), ''),
			CASE WHEN c.kind = 'ui' THEN (SELECT min(e.start_month) FROM employment e WHERE e.person_id = c.person_id AND e.start_month >= c.start_month) END,
			(SELECT max(l.period) FROM payroll_lines l WHERE l.claim_id = c.id AND l.period < ` + p + ` AND l.status = 'pay'),
			(SELECT count(*) FROM payroll_lines l WHERE l.claim_id = c.id AND l.period < ` + p + ` AND l.lump_sum > 0)`
}

// eligibleCond is the condition on a claim c of the batch (first, last)
// to be in the payroll of period p: approved before the run began, or in
// payment (then decided before an earlier run began, for only a run moves
// a claim into payment: the date of most claims is not compared).
func eligibleCond(p, first, last string) string {
	return `c.id BETWEEN ` + first + ` AND ` + last + ` AND (c.status = 'in_payment'
			OR c.status = 'approved' AND c.decided_at <= (SELECT started_at FROM payroll_runs WHERE period = ` + p + `))`
}

// queryInputs runs a query of inputColumns.
func queryInputs(ctx context.Context, tx *sql.Tx, q string, args []any) ([]benefits.PayrollInput, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
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

// lineColumns are the payroll_lines columns written, in order (the
// amount is the database's: this month, arrears and lump sum less the
// recovery).
const lineColumns = 11

// lineChunk is the number of lines one INSERT statement writes.
const lineChunk = 500

// PayBatch pays one batch in one transaction: the lines the plan covers
// with one INSERT … SELECT (planSQL, less those of persons whose death is
// known), the others computed by compute, the claims moved, the batch
// marked done.
func (s *Store) PayBatch(ctx context.Context, plan benefits.PayrollPlan, b benefits.Batch, compute func([]benefits.PayrollInput) []benefits.Line) (int, error) {
	return s.payBatch(ctx, plan, b, compute, true)
}

// payBatch is PayBatch; without planned, every line is computed (the
// reference the planned lines are tested against).
func (s *Store) payBatch(ctx context.Context, plan benefits.PayrollPlan, b benefits.Batch, compute func([]benefits.PayrollInput) []benefits.Line, planned bool) (int, error) {
	// Every line refers to a claim the batch reads in its own transaction
	// (claims are never deleted): the check of each line's claim is
	// skipped where the engine allows.
	var n int64
	err := s.db.InTxOwnReferences(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = s.payBatchIn(ctx, tx, plan, b, compute, planned)
		return err
	})
	return int(n), err
}

// payBatchIn pays the batch in tx and returns the number of its lines.
func (s *Store) payBatchIn(ctx context.Context, tx *sql.Tx, plan benefits.PayrollPlan, b benefits.Batch, compute func([]benefits.PayrollInput) []benefits.Line, planned bool) (int64, error) {
	period := plan.Period
	var n int64
	var ins []benefits.PayrollInput
	var err error
	if planned {
		n, ins, err = s.writePlanned(ctx, tx, plan, b)
	} else {
		ins, err = payrollInputs(ctx, tx, period, b)
	}
	if err != nil {
		return 0, err
	}
	lines := compute(ins)
	if err := s.insertLines(ctx, tx, period, lines); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE benefit_claims SET status = 'in_payment' WHERE id BETWEEN $1 AND $2 AND status = 'approved'
		AND start_month <= $3 AND decided_at <= (SELECT started_at FROM payroll_runs WHERE period = $3)`, b.First, b.Last, period.String()); err != nil {
		return 0, err
	}
	if err := stopClaims(ctx, tx, lines); err != nil {
		return 0, err
	}
	n += int64(len(lines))
	if _, err := tx.ExecContext(ctx, `UPDATE payroll_batches SET status = 'done', lines = $1 WHERE period = $2 AND batch_no = $3`,
		n, period.String(), b.No); err != nil {
		return 0, err
	}
	return n, nil
}

// stopClaims moves to stopped the claims the lines end: one UPDATE for
// each month and reason (and few hundred claims), not one per claim.
func stopClaims(ctx context.Context, tx *sql.Tx, lines []benefits.Line) error {
	type stop struct {
		month  ansinh.Period
		reason string
	}
	ids := map[stop][]int64{}
	var order []stop
	for _, l := range lines {
		if l.NewStatus != benefits.StatusStopped {
			continue
		}
		k := stop{l.StopMonth, l.StopReason}
		if _, ok := ids[k]; !ok {
			order = append(order, k)
		}
		ids[k] = append(ids[k], l.ClaimID)
	}
	for _, k := range order {
		for chunk := range slices.Chunk(ids[k], lineChunk) {
			var a store.Args
			q := `UPDATE benefit_claims SET status = 'stopped', stop_month = ` + a.Add(k.month.String()) + `, stop_reason = ` + a.Add(k.reason) +
				`, end_month = ` + a.Add((k.month - 1).String()) + ` WHERE id IN (` + idList(&a, chunk) + `)`
			if _, err := tx.ExecContext(ctx, q, a.List...); err != nil {
				return err
			}
		}
	}
	return nil
}

// idList adds the ids to a and returns their placeholders, comma-separated.
func idList(a *store.Args, ids []int64) string {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = a.Add(id)
	}
	return strings.Join(list, ", ")
}

// writePlanned writes the batch's lines the plan covers (planSQL) but for
// persons whose death is known, and returns their number and the inputs of
// the batch's other claims to compute.
func (s *Store) writePlanned(ctx context.Context, tx *sql.Tx, plan benefits.PayrollPlan, b benefits.Batch) (int64, []benefits.PayrollInput, error) {
	chained, err := chainedRun(ctx, tx, plan.Period)
	if err != nil {
		return 0, nil, err
	}
	buckets := indexBuckets(plan)
	texts := make([]string, len(buckets))
	for i, k := range buckets {
		texts[i] = k.sources
	}
	nos, err := adjustmentNos(ctx, tx, plan.Period, texts)
	if err != nil {
		return 0, nil, err
	}
	q, args := s.planSQL(plan, b, chained, buckets, nos)
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, nil, fmt.Errorf("planned lines: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, nil, err
	}
	dead, err := s.deleteLinesOfTheDead(ctx, tx, plan.Period, b)
	if err != nil {
		return 0, nil, err
	}
	var ins []benefits.PayrollInput
	if chained {
		ins, err = leftoverInputs(ctx, tx, plan, b)
	} else {
		ins, err = payrollInputs(ctx, tx, plan.Period, b)
	}
	return n - dead, ins, err
}

// deleteLinesOfTheDead deletes the period's lines of the batch's claims
// whose person's death is known and returns their number. The claims are
// found first, from the deaths: a planner that cannot know how many lines
// the transaction has just written would otherwise look up a death for
// each.
func (s *Store) deleteLinesOfTheDead(ctx context.Context, tx *sql.Tx, period ansinh.Period, b benefits.Batch) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.id FROM person_deaths d JOIN benefit_claims c ON c.person_id = d.person_id
		WHERE c.id BETWEEN $1 AND $2`, b.First, b.Last)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var n int64
	for chunk := range slices.Chunk(ids, lineChunk) {
		var a store.Args
		q := `DELETE FROM payroll_lines WHERE period = ` + a.Add(period.String()) + ` AND claim_id IN (` + idList(&a, chunk) + `)`
		res, err := tx.ExecContext(ctx, q, a.List...)
		if err != nil {
			return 0, fmt.Errorf("planned lines of the dead: %w", err)
		}
		k, err := res.RowsAffected()
		if err != nil {
			return 0, err
		}
		n += k
	}
	return n, nil
}

// adjustmentNos returns the numbers of the texts (non-empty: decrees
// applied) in the period's list of payroll_adjustments, adding those not
// in it yet.
func adjustmentNos(ctx context.Context, tx *sql.Tx, period ansinh.Period, texts []string) (map[string]int64, error) {
	nos := map[string]int64{}
	for _, t := range texts {
		if _, ok := nos[t]; ok || t == "" {
			continue
		}
		var no int64
		err := tx.QueryRowContext(ctx, `SELECT no FROM payroll_adjustments WHERE period = $1 AND sources = $2`, period.String(), t).Scan(&no)
		if err == sql.ErrNoRows {
			err = tx.QueryRowContext(ctx, `INSERT INTO payroll_adjustments (period, no, sources)
				SELECT $1, COALESCE(max(no), 0) + 1, $2 FROM payroll_adjustments WHERE period = $1 RETURNING no`, period.String(), t).Scan(&no)
		}
		if err != nil {
			return nil, fmt.Errorf("payroll adjustments: %w", err)
		}
		nos[t] = no
	}
	return nos, nil
}

// chainedRun reports whether the run of period follows the previous
// month's, done, with no run of a later month: then every claim in payment
// was paid by the previous month's payroll, for only a run moves a claim
// into payment, and a done run wrote a line for each claim in payment,
// moving to stopped those it ended.
func chainedRun(ctx context.Context, tx *sql.Tx, period ansinh.Period) (bool, error) {
	var prevDone, later int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM payroll_runs WHERE period = $1 AND status = 'done'),
		(SELECT count(*) FROM payroll_runs WHERE period > $1 AND period <> $2)`, (period-1).String(), period.String()).Scan(&prevDone, &later)
	return prevDone == 1 && later == 0, err
}

// paidInChainedRun is, in a chained run (chainedRun), the condition that a
// claim c was paid by the previous month's payroll.
const paidInChainedRun = `c.status = 'in_payment'`

// planSQL returns the INSERT … SELECT of the batch's lines that the plan
// covers (benefits.PayrollPlan): a claim paid by the previous month's
// payroll owes this month; one still approved (never paid) owes every month
// from its start, each at this month's amount, which the plan guarantees by
// leaving to ComputeLine the pensions with a decree taking effect after
// their start, and its lump sum. It writes the lines of persons whose death
// is known too: PayBatch deletes them, a look-up per death instead of one
// per claim. In a chained run (chainedRun) a claim in payment was paid last
// month and the claims are read without a look-up; otherwise one finds
// last month's line, bounded by the batch's range so that PostgreSQL reads
// only the batch's.
func (s *Store) planSQL(plan benefits.PayrollPlan, b benefits.Batch, chained bool, buckets []indexBucket, nos map[string]int64) (string, []any) {
	var a store.Args
	p := a.Add(plan.Period.String())
	first, last := a.Add(b.First), a.Add(b.Last)
	amount, adjustment := indexedSQL(buckets, nos, &a)
	paid, join := paidInChainedRun, ``
	if !chained {
		paid = `p.claim_id IS NOT NULL`
		join = `LEFT JOIN payroll_lines p ON p.period = ` + a.Add((plan.Period - 1).String()) + ` AND p.claim_id = c.id AND p.status = 'pay'
			AND p.claim_id BETWEEN ` + first + ` AND ` + last
	}
	owed := "CASE WHEN " + paid + " THEN 1 ELSE " + strconv.Itoa(monthNo(plan.Period)+1) + " - " + monthNoSQL("c.start_month") + " END"
	q := `INSERT INTO payroll_lines (period, claim_id, person_id, kind, status, monthly, arrears, lump_sum, recovery, adjustment_no, stop_reason)
		SELECT ` + p + `, c.id, c.person_id, c.kind, 'pay', ` + amount + `, CASE WHEN ` + paid + ` THEN 0 ELSE (` + amount + `) * (` + owed + ` - 1) END,
			CASE WHEN c.status = 'approved' THEN c.lump_sum ELSE 0 END, 0, ` + adjustment + `, ''
		FROM benefit_claims c ` + join + `
		WHERE ` + eligibleCond(p, first, last) + ` AND ` + plannedCond(plan, &a, p, paid)
	return q, a.List
}

// plannedCond is the condition, on a claim c eligible for the payroll of
// period p, that the plan covers it (if no death of the person is known):
// see benefits.PayrollPlan;
// paid is the condition that the previous month's payroll paid it.
func plannedCond(plan benefits.PayrollPlan, a *store.Args, p, paid string) string {
	neverPaid := `c.status = 'approved'`
	if f := plan.LastFrom(); !f.IsZero() {
		neverPaid += ` AND (c.kind <> 'pension' OR c.start_month >= ` + a.Add(f.String()) + `)`
	}
	planned, _ := plannedKinds(plan)
	next := a.Add((plan.Period + 1).String())
	return `(c.kind IN (` + planned + `) AND c.start_month <= ` + p + ` AND (` + paid + ` OR (` + neverPaid + `))
		OR c.kind = 'ui' AND ` + paid + ` AND c.end_month > ` + p + `
			AND NOT EXISTS (SELECT 1 FROM employment e WHERE e.person_id = c.person_id AND e.start_month >= c.start_month AND e.start_month <= ` + next + `))`
}

// plannedKinds returns, as SQL lists, the kinds of claim the plan covers
// and the others: pensions and social pensions, or social pensions alone
// when a decree cuts the amounts (a cut rounds otherwise than indexedSQL:
// ComputeLine).
func plannedKinds(plan benefits.PayrollPlan) (planned, others string) {
	in := []benefits.Kind{benefits.KindPension, benefits.KindSocial}
	for _, adj := range plan.Adjustments {
		if adj.Rate < 0 {
			in = []benefits.Kind{benefits.KindSocial}
		}
	}
	var ps, rest []string
	for _, k := range benefits.Kinds {
		if slices.Contains(in, k) {
			ps = append(ps, "'"+string(k)+"'")
		} else {
			rest = append(rest, "'"+string(k)+"'")
		}
	}
	return strings.Join(ps, ", "), strings.Join(rest, ", ")
}

// indexBucket is a range of start months over which a pension's amount
// in the plan's month is the same expression of its first amount (c.monthly):
// those from from on (zero: the earliest), raised by the decrees sources.
type indexBucket struct {
	from    ansinh.Period
	amount  string
	sources string
}

// indexBuckets returns the plan's buckets, the latest first, as
// benefits.Indexed computes them: the decrees that took effect after the
// start, in date order, each raising the amount by its rate rounded half-up
// (x + ⌊(x·r + ½·10⁶) / 10⁶⌋, that is ⌊(x·(10⁶ + r) + ½·10⁶) / 10⁶⌋ on
// amounts ≥ 0).
func indexBuckets(plan benefits.PayrollPlan) []indexBucket {
	var froms []ansinh.Period
	for _, d := range plan.Adjustments {
		if len(froms) == 0 || froms[len(froms)-1] != d.From {
			froms = append(froms, d.From)
		}
	}
	bucket := func(from, after ansinh.Period) indexBucket {
		x := "c.monthly"
		var names []string
		for _, d := range plan.Adjustments {
			if d.From > after {
				x = "((" + x + ") * " + strconv.FormatInt(1_000_000+d.Rate, 10) + " + 500000) / 1000000"
				names = append(names, d.Source)
			}
		}
		return indexBucket{from: from, amount: x, sources: strings.Join(names, "; ")}
	}
	var out []indexBucket
	for i := len(froms) - 1; i >= 0; i-- {
		out = append(out, bucket(froms[i], froms[i]))
	}
	return append(out, bucket(0, -1))
}

// indexedSQL returns the expressions of a claim's (c) amount in the plan's
// month and of the number of the decrees applied in nos.
func indexedSQL(buckets []indexBucket, nos map[string]int64, a *store.Args) (amount, adjustment string) {
	var amt, adj strings.Builder
	amt.WriteString("CASE WHEN c.kind <> 'pension' THEN c.monthly")
	adj.WriteString("CASE WHEN c.kind <> 'pension' THEN 0")
	for _, k := range buckets {
		when := " ELSE "
		if !k.from.IsZero() {
			when = " WHEN c.start_month >= " + a.Add(k.from.String()) + " THEN "
		}
		amt.WriteString(when + k.amount)
		adj.WriteString(when + strconv.FormatInt(nos[k.sources], 10))
	}
	amt.WriteString(" END")
	adj.WriteString(" END")
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
func (s *Store) insertLines(ctx context.Context, tx *sql.Tx, period ansinh.Period, lines []benefits.Line) error {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Adjustment
	}
	nos, err := adjustmentNos(ctx, tx, period, texts)
	if err != nil {
		return err
	}
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
			args = append(args, l.Period.String(), l.ClaimID, l.PersonID, string(l.Kind), l.Status, l.Monthly, l.Arrears, l.LumpSum, l.Recovery, nos[l.Adjustment], l.StopReason)
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
	sb.WriteString(`INSERT INTO payroll_lines (period, claim_id, person_id, kind, status, monthly, arrears, lump_sum, recovery, adjustment_no, stop_reason) VALUES `)
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

// HoldCheckpoints defers SQLite's automatic checkpoints
// (store.DB.HoldCheckpoints).
func (s *Store) HoldCheckpoints(ctx context.Context) (func() error, error) {
	return s.db.HoldCheckpoints(ctx)
}

// FinishPayroll marks the run done and audits it.
func (s *Store) FinishPayroll(ctx context.Context, period ansinh.Period, actor string, at time.Time) error {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The batches count their lines: no reading of the month's lines again.
	var n, batches int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(sum(lines), 0), count(*) FROM payroll_batches WHERE period = $1`, period.String()).Scan(&n, &batches); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE payroll_runs SET status = 'done', finished_at = $1 WHERE period = $2`, s.stamp(at), period.String()); err != nil {
		return err
	}
	if err := s.db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: "payroll.run", Object: "payroll:" + period.String(),
		Detail: fmt.Sprintf("lines=%d batches=%d", n, batches)}); err != nil {
		return err
	}
	return tx.Commit()
}

// PayrollLines returns the period's lines within the scope, by claim.
func (s *Store) PayrollLines(ctx context.Context, sc ansinh.Scope, period ansinh.Period) ([]benefits.Line, error) {
	var a store.Args
	q := `SELECT l.period, l.claim_id, l.person_id, p.full_name, l.kind, l.status, l.monthly, l.arrears, l.lump_sum, l.recovery, l.amount, COALESCE(j.sources, ''), l.stop_reason
		FROM payroll_lines l JOIN persons p ON p.person_id = l.person_id
		LEFT JOIN payroll_adjustments j ON j.period = l.period AND j.no = l.adjustment_no
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

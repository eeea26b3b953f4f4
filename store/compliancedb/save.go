package compliancedb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/compliance"
	"ansinh/store"
)

// SaveFindings stores the findings of a match in one transaction, merged
// with those stored as compliance.MergeFindings plans it: new ones are
// inserted; produced ones keep their stored months outside the match's
// window and take the months it produced (their ID, first period and case
// kept); open ones it did not produce keep their months outside its window,
// or are closed as disproved when it judged them all. Every open finding
// without a case is then attached to its employer's active case, opened if
// there is none, and the months the match covered are recorded as matched.
// When anything changed, the match and each case opened or extended are
// written to the audit log as actor.
func (db *DB) SaveFindings(ctx context.Context, res *compliance.Result, actor string) (compliance.MatchSaved, error) {
	var out compliance.MatchSaved
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	stored, err := db.storedFindings(ctx, tx, res.Kinds)
	if err != nil {
		return out, err
	}
	plan := compliance.MergeFindings(res, stored)
	out.Unchanged = plan.Kept
	if err := db.applyPlan(ctx, tx, res.Config.Period, plan, stored, &out); err != nil {
		return out, err
	}
	if err := db.attachFindings(ctx, tx, res.Config.Period, actor, &out); err != nil {
		return out, err
	}
	if err := db.recordMatched(ctx, tx, res); err != nil {
		return out, err
	}
	if out.Changed() {
		detail, _ := json.Marshal(map[string]any{"period": res.Config.Period.String(), "from": res.Config.From().String(),
			"findings": len(res.Findings), "inserted": out.Inserted, "updated": out.Updated, "cleared": out.Cleared,
			"kept": out.Kept, "cases_opened": out.Cases, "attached": out.Attached})
		if err := db.compAuditTx(ctx, tx, actor, "compliance.match", "findings:"+res.Config.Period.String(), string(detail)); err != nil {
			return out, err
		}
	}
	return out, tx.Commit()
}

// applyPlan writes the merge plan: the findings and their months, the
// reopened ones out of their old case, the shrunk ones and the disproved.
func (db *DB) applyPlan(ctx context.Context, tx *sql.Tx, period ansinh.Period, plan compliance.MergePlan,
	stored map[string]compliance.StoredFinding, out *compliance.MatchSaved) error {
	if err := db.upsertFindings(ctx, tx, period, plan.Upserts, stored, out); err != nil {
		return err
	}
	if err := db.writeMonths(ctx, tx, plan.Upserts, stored); err != nil {
		return err
	}
	if err := db.updateIDs(ctx, tx, `UPDATE findings SET case_id = NULL WHERE `, "id", plan.Reopen); err != nil {
		return fmt.Errorf("reopen findings: %w", err)
	}
	if err := db.shrinkFindings(ctx, tx, plan.Shrink); err != nil {
		return err
	}
	out.Kept += len(plan.Shrink)
	var a store.Args
	q := `UPDATE findings SET state = 'cleared', closed_reason = ` + a.Add(compliance.ClosedDisproved) +
		`, closed_period = ` + a.Add(period.String()) + ` WHERE `
	if err := db.updateIDsArgs(ctx, tx, q, "id", a, plan.Disproved); err != nil {
		return fmt.Errorf("close findings: %w", err)
	}
	out.Cleared = len(plan.Disproved)
	return nil
}

// storedFindings reads the findings of the kinds with their months.
func (db *DB) storedFindings(ctx context.Context, tx *sql.Tx, kinds []compliance.Kind) (map[string]compliance.StoredFinding, error) {
	out := map[string]compliance.StoredFinding{}
	if len(kinds) == 0 {
		return out, nil
	}
	ks := make([]string, len(kinds))
	for i, k := range kinds {
		ks[i] = string(k)
	}
	var a store.Args
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, state, closed_reason FROM findings WHERE `+a.In("kind", ks), a.List...)
	if err != nil {
		return nil, fmt.Errorf("stored findings: %w", err)
	}
	for rows.Next() {
		var s compliance.StoredFinding
		if err := rows.Scan(&s.ID, &s.Kind, &s.State, &s.ClosedReason); err != nil {
			rows.Close()
			return nil, err
		}
		out[s.ID] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.storedMonths(ctx, tx, ks, out)
}

// storedMonths adds their months to the stored findings of the kinds.
func (db *DB) storedMonths(ctx context.Context, tx *sql.Tx, kinds []string, out map[string]compliance.StoredFinding) error {
	var a store.Args
	rows, err := tx.QueryContext(ctx, `SELECT m.finding_id, m.month, m.stake_employer, m.stake_employee
		FROM finding_months m JOIN findings f ON f.id = m.finding_id WHERE `+a.In("f.kind", kinds)+`
		ORDER BY m.finding_id, m.month`, a.List...)
	if err != nil {
		return fmt.Errorf("stored months: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var m compliance.MonthStake
		if err := rows.Scan(&id, &m.Month, &m.Employer, &m.Employee); err != nil {
			return err
		}
		s := out[id]
		s.Months = append(s.Months, m)
		out[id] = s
	}
	return rows.Err()
}

// upsertFindings writes the findings, counting the new, the changed and
// the unchanged.
func (db *DB) upsertFindings(ctx context.Context, tx *sql.Tx, period ansinh.Period, fs []compliance.Finding,
	stored map[string]compliance.StoredFinding, out *compliance.MatchSaved) error {
	const batch = 100
	p := period.String()
	for start := 0; start < len(fs); start += batch {
		part := fs[start:min(len(fs), start+batch)]
		args := make([]any, 0, len(part)*(len(findingColumns)+1))
		inserted := 0
		for i := range part {
			f := &part[i]
			if _, ok := stored[f.ID]; !ok {
				inserted++
			}
			args = append(args, f.ID, string(f.Kind), f.TaxCode, f.PersonID, f.EmployerName, f.CommuneCode,
				p, f.Months, f.Score, f.Stake.Employer, f.Stake.Employee, f.Stake.Months, f.Stake.Total,
				strings.Join(f.Feeds, ","), f.Evidence, "", "", p)
		}
		r, err := tx.ExecContext(ctx, db.findingUpsertSQL(len(part)), args...)
		if err != nil {
			return fmt.Errorf("save findings: %w", err)
		}
		n, _ := r.RowsAffected()
		out.Inserted += inserted
		out.Updated += int(n) - inserted
		out.Unchanged += len(part) - int(n)
	}
	return nil
}

// writeMonths replaces the months of the findings whose months differ
// from those stored.
func (db *DB) writeMonths(ctx context.Context, tx *sql.Tx, fs []compliance.Finding, stored map[string]compliance.StoredFinding) error {
	var ids []string
	var rows [][]any
	for _, f := range fs {
		if sameMonths(f.MonthStakes, stored[f.ID].Months) {
			continue
		}
		ids = append(ids, f.ID)
		for _, m := range f.MonthStakes {
			rows = append(rows, []any{f.ID, m.Month.String(), m.Employer, m.Employee})
		}
	}
	if err := db.updateIDs(ctx, tx, `DELETE FROM finding_months WHERE `, "finding_id", ids); err != nil {
		return fmt.Errorf("finding months: %w", err)
	}
	if err := compInsert(ctx, tx, "finding_months", []string{"finding_id", "month", "stake_employer", "stake_employee"}, rows); err != nil {
		return fmt.Errorf("finding months: %w", err)
	}
	return nil
}

func sameMonths(a, b []compliance.MonthStake) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shrinkFindings keeps the open findings with the months left to them.
func (db *DB) shrinkFindings(ctx context.Context, tx *sql.Tx, fs []compliance.StoredFinding) error {
	ids := make([]string, len(fs))
	var rows [][]any
	for i, s := range fs {
		ids[i] = s.ID
		n, total := compliance.Totals(s.Months)
		if _, err := tx.ExecContext(ctx, `UPDATE findings SET months = $1, stake_months = $1, stake_total = $2 WHERE id = $3`,
			n, total, s.ID); err != nil {
			return fmt.Errorf("keep findings: %w", err)
		}
		for _, m := range s.Months {
			rows = append(rows, []any{s.ID, m.Month.String(), m.Employer, m.Employee})
		}
	}
	if err := db.updateIDs(ctx, tx, `DELETE FROM finding_months WHERE `, "finding_id", ids); err != nil {
		return fmt.Errorf("keep findings: %w", err)
	}
	return compInsert(ctx, tx, "finding_months", []string{"finding_id", "month", "stake_employer", "stake_employee"}, rows)
}

// updateIDs runs the statement q (ending in WHERE) for the rows whose
// column col is one of ids, a few hundred at a time.
func (db *DB) updateIDs(ctx context.Context, tx *sql.Tx, q, col string, ids []string) error {
	return db.updateIDsArgs(ctx, tx, q, col, store.Args{}, ids)
}

// updateIDsArgs is updateIDs for a statement with arguments of its own
// (in a) before the list of ids.
func (db *DB) updateIDsArgs(ctx context.Context, tx *sql.Tx, q, col string, a store.Args, ids []string) error {
	for start := 0; start < len(ids); start += compInBatch {
		b := store.Args{List: append([]any(nil), a.List...)}
		part := ids[start:min(len(ids), start+compInBatch)]
		if _, err := tx.ExecContext(ctx, q+b.In(col, part), b.List...); err != nil {
			return err
		}
	}
	return nil
}

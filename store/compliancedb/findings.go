package compliancedb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"ansinh"
	"ansinh/compliance"
	"ansinh/store"
)

// findingColumns are the columns a match writes, in upsert order.
var findingColumns = []string{"id", "kind", "tax_code", "person_id", "employer_name", "commune_code", "period",
	"months", "score", "stake_employer", "stake_employee", "stake_months", "stake_total", "feeds", "evidence",
	"closed_reason", "closed_period"}

// findingUpsertSQL inserts n findings, updating each that exists when any
// written column differs (or it was cleared), keeping its first period and
// its case. Each row takes the findingColumns and then its first period.
func (db *DB) findingUpsertSQL(n int) string {
	var set, diff []string
	for _, c := range findingColumns {
		if c == "id" {
			continue
		}
		set = append(set, c+" = excluded."+c)
		if db.Engine == store.Postgres {
			diff = append(diff, "findings."+c+" IS DISTINCT FROM excluded."+c)
		} else {
			diff = append(diff, "findings."+c+" IS NOT excluded."+c)
		}
	}
	var values strings.Builder
	k := 1
	for r := 0; r < n; r++ {
		if r > 0 {
			values.WriteString(", ")
		}
		values.WriteByte('(')
		for c := 0; c <= len(findingColumns); c++ {
			fmt.Fprintf(&values, "$%d, ", k)
			k++
		}
		values.WriteString("'open')")
	}
	return `INSERT INTO findings (` + strings.Join(findingColumns, ", ") + `, first_period, state) VALUES ` + values.String() +
		` ON CONFLICT (id) DO UPDATE SET ` + strings.Join(set, ", ") +
		`, state = 'open' WHERE findings.state <> 'open' OR ` + strings.Join(diff, " OR ")
}

// attachFindings attaches every open finding without a case to the active
// case of its employer, opening one where there is none.
func (db *DB) attachFindings(ctx context.Context, tx *sql.Tx, period ansinh.Period, actor string, out *compliance.MatchSaved) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, tax_code, employer_name, commune_code FROM findings
		WHERE state = 'open' AND case_id IS NULL ORDER BY `+db.compOrder("tax_code", "id"))
	if err != nil {
		return fmt.Errorf("attach findings: %w", err)
	}
	type loose struct{ id, tax, name, commune string }
	var all []loose
	for rows.Next() {
		var l loose
		if err := rows.Scan(&l.id, &l.tax, &l.name, &l.commune); err != nil {
			rows.Close()
			return err
		}
		all = append(all, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(all) == 0 {
		return nil
	}
	active, count, err := db.caseIndex(ctx, tx)
	if err != nil {
		return err
	}
	now := db.compStamp(db.Now())
	var opened, audits, attach [][]any
	var touched []string
	for start := 0; start < len(all); {
		end := start
		for end < len(all) && all[end].tax == all[start].tax {
			end++
		}
		group := all[start:end]
		start = end
		tax := group[0].tax
		var name, commune string
		for _, l := range group {
			if name == "" {
				name = l.name
			}
			if commune == "" {
				commune = l.commune
			}
		}
		caseID, ok := active[tax]
		if ok {
			touched = append(touched, caseID)
		} else {
			caseID = compliance.CaseID(tax, count[tax]+1)
			opened = append(opened, []any{caseID, tax, name, commune, "open", period.String(), now, now})
			audits = append(audits, []any{now, actor, "case.open", "case:" + caseID,
				fmt.Sprintf("mở hồ sơ cho đơn vị %s từ kỳ đối chiếu %s / case opened for employer %s by the match of %s", tax, period, tax, period)})
			out.Cases++
		}
		ids := make([]string, len(group))
		for i, l := range group {
			ids[i] = l.id
			attach = append(attach, []any{l.id, caseID})
		}
		audits = append(audits, []any{now, actor, "case.attach", "case:" + caseID, "findings: " + strings.Join(ids, ", ")})
		out.Attached += len(ids)
	}
	if err := compInsert(ctx, tx, "inspection_cases", []string{"id", "tax_code", "employer_name", "commune_code", "status",
		"opened_period", "opened_at", "updated_at"}, opened); err != nil {
		return fmt.Errorf("open cases: %w", err)
	}
	for startRow := 0; startRow < len(attach); startRow += compInBatch / 2 {
		part := attach[startRow:min(len(attach), startRow+compInBatch/2)]
		var a store.Args
		var when []string
		ids := make([]string, len(part))
		for i, p := range part {
			when = append(when, "WHEN "+a.Add(p[0])+" THEN "+a.Add(p[1]))
			ids[i] = p[0].(string)
		}
		q := `UPDATE findings SET case_id = CASE id ` + strings.Join(when, " ") + ` END WHERE ` + a.In("id", ids)
		if _, err := tx.ExecContext(ctx, q, a.List...); err != nil {
			return fmt.Errorf("attach findings: %w", err)
		}
	}
	for startRow := 0; startRow < len(touched); startRow += compInBatch {
		var a store.Args
		at := a.Add(now)
		part := touched[startRow:min(len(touched), startRow+compInBatch)]
		if _, err := tx.ExecContext(ctx, `UPDATE inspection_cases SET updated_at = `+at+` WHERE `+a.In("id", part), a.List...); err != nil {
			return err
		}
	}
	if err := compInsert(ctx, tx, "audit_log", []string{"at", "actor", "action", "object", "detail"}, audits); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// compInsert inserts rows into a table, a few hundred per statement.
func compInsert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	per := max(1, 1000/len(cols))
	for start := 0; start < len(rows); start += per {
		part := rows[start:min(len(rows), start+per)]
		var a store.Args
		var values []string
		for _, r := range part {
			ph := make([]string, len(r))
			for i, v := range r {
				ph[i] = a.Add(v)
			}
			values = append(values, "("+strings.Join(ph, ", ")+")")
		}
		q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES ` + strings.Join(values, ", ")
		if _, err := tx.ExecContext(ctx, q, a.List...); err != nil {
			return err
		}
	}
	return nil
}

// caseIndex returns the active (not resolved) case of each employer that
// has one, and the number of cases of each employer.
func (db *DB) caseIndex(ctx context.Context, tx *sql.Tx) (map[string]string, map[string]int, error) {
	active, count := map[string]string{}, map[string]int{}
	rows, err := tx.QueryContext(ctx, `SELECT tax_code, id, status FROM inspection_cases ORDER BY opened_at, id`)
	if err != nil {
		return nil, nil, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tax, id, status string
		if err := rows.Scan(&tax, &id, &status); err != nil {
			return nil, nil, err
		}
		count[tax]++
		if status != string(compliance.StatusResolved) {
			active[tax] = id // the latest opened wins
		}
	}
	return active, count, rows.Err()
}

// compAuditTx records an audit entry inside the transaction of the change.
func (db *DB) compAuditTx(ctx context.Context, tx *sql.Tx, actor, action, object, detail string) error {
	return db.WriteAudit(ctx, tx, store.AuditEntry{Actor: actor, Action: action, Object: object, Detail: detail})
}

// compCond returns the condition that a row with commune and tax code
// columns (alias a) is within the scope.
func compCond(s ansinh.Scope, a *store.Args, alias string) string {
	if s.All {
		return "1 = 1"
	}
	var conds []string
	if len(s.EmployerCommunes) > 0 {
		conds = append(conds, a.In(alias+".commune_code", s.EmployerCommunes))
	}
	if len(s.TaxCodes) > 0 {
		conds = append(conds, a.In(alias+".tax_code", s.TaxCodes))
	}
	if len(conds) == 0 {
		return "1 = 0"
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// ListFindings returns a page of findings, highest score first, and
// whether more follow.
func (db *DB) ListFindings(ctx context.Context, f compliance.FindingFilter) ([]compliance.Finding, bool, error) {
	var a store.Args
	evidence := "''"
	if f.WithEvidence {
		evidence = "f.evidence"
	}
	q := `SELECT f.id, f.kind, f.tax_code, f.person_id, f.employer_name, f.commune_code, f.period, f.first_period,
		f.months, f.score, f.stake_employer, f.stake_employee, f.stake_months, f.stake_total, f.feeds, ` + evidence + `,
		f.state, coalesce(f.case_id, ''), f.closed_reason, f.closed_period
		FROM findings f LEFT JOIN inspection_cases c ON c.id = f.case_id
		WHERE ` + compCond(f.Scope, &a, "f")
	switch f.State {
	case "", "open":
		q += ` AND f.state = 'open'`
	case "cleared":
		q += ` AND f.state = 'cleared'`
	case "all":
	default:
		return nil, false, ansinh.Invalid("state", "trạng thái phát hiện không hợp lệ: "+f.State, "unknown finding state: "+f.State)
	}
	if len(f.Kinds) > 0 {
		ks := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			ks[i] = string(k)
		}
		q += ` AND ` + a.In("f.kind", ks)
	}
	if f.TaxCode != "" {
		q += ` AND f.tax_code = ` + a.Add(f.TaxCode)
	}
	if f.CaseID != "" {
		q += ` AND f.case_id = ` + a.Add(f.CaseID)
	}
	if f.Inspector != "" {
		q += ` AND c.inspector = ` + a.Add(f.Inspector)
	}
	if len(f.CaseStatuses) > 0 {
		ss := make([]string, len(f.CaseStatuses))
		for i, st := range f.CaseStatuses {
			ss[i] = string(st)
		}
		q += ` AND ` + a.In("c.status", ss)
	}
	if len(f.Communes) > 0 {
		q += ` AND ` + a.In("f.commune_code", f.Communes)
	}
	if len(f.Feeds) > 0 {
		var conds []string
		for _, feed := range f.Feeds {
			conds = append(conds, `(',' || f.feeds || ',') LIKE `+a.Add("%,"+feed+",%"))
		}
		q += ` AND (` + strings.Join(conds, " OR ") + `)`
	}
	if f.MinScore > 0 {
		q += ` AND f.score >= ` + a.Add(f.MinScore)
	}
	q += ` ORDER BY f.score DESC, f.stake_total DESC, f.id`
	limit := f.Limit
	if limit == 0 {
		limit = 50
	}
	if limit > 0 {
		q += ` LIMIT ` + a.Add(limit+1) + ` OFFSET ` + a.Add(f.Offset)
	}
	rows, err := db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, false, fmt.Errorf("list findings: %w", err)
	}
	defer rows.Close()
	var out []compliance.Finding
	for rows.Next() {
		x, err := scanFinding(rows)
		if err != nil {
			return nil, false, err
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	more := limit > 0 && len(out) > limit
	if more {
		out = out[:limit]
	}
	if f.WithEvidence {
		err = db.fillMonths(ctx, out)
	}
	return out, more, err
}

// FindFinding returns a finding with its evidence, or ErrFindingNotFound
// when it does not exist or is outside the scope.
func (db *DB) FindFinding(ctx context.Context, id string, scope ansinh.Scope) (compliance.Finding, error) {
	var a store.Args
	q := `SELECT f.id, f.kind, f.tax_code, f.person_id, f.employer_name, f.commune_code, f.period, f.first_period,
		f.months, f.score, f.stake_employer, f.stake_employee, f.stake_months, f.stake_total, f.feeds, f.evidence,
		f.state, coalesce(f.case_id, ''), f.closed_reason, f.closed_period FROM findings f WHERE f.id = ` + a.Add(id) + ` AND ` + compCond(scope, &a, "f")
	rows, err := db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return compliance.Finding{}, fmt.Errorf("find finding: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return compliance.Finding{}, err
		}
		return compliance.Finding{}, compliance.ErrFindingNotFound
	}
	f, err := scanFinding(rows)
	if err != nil {
		return f, err
	}
	rows.Close()
	fs := []compliance.Finding{f}
	err = db.fillMonths(ctx, fs)
	return fs[0], err
}

// fillMonths reads the months of the findings.
func (db *DB) fillMonths(ctx context.Context, fs []compliance.Finding) error {
	index := make(map[string]int, len(fs))
	ids := make([]string, len(fs))
	for i, f := range fs {
		index[f.ID], ids[i] = i, f.ID
	}
	for start := 0; start < len(ids); start += compInBatch {
		var a store.Args
		part := ids[start:min(len(ids), start+compInBatch)]
		rows, err := db.R.QueryContext(ctx, `SELECT finding_id, month, stake_employer, stake_employee FROM finding_months
			WHERE `+a.In("finding_id", part)+` ORDER BY finding_id, month`, a.List...)
		if err != nil {
			return fmt.Errorf("finding months: %w", err)
		}
		for rows.Next() {
			var id string
			var m compliance.MonthStake
			if err := rows.Scan(&id, &m.Month, &m.Employer, &m.Employee); err != nil {
				rows.Close()
				return err
			}
			fs[index[id]].MonthStakes = append(fs[index[id]].MonthStakes, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func scanFinding(rows *sql.Rows) (compliance.Finding, error) {
	var f compliance.Finding
	var kind, feeds, closed string
	err := rows.Scan(&f.ID, &kind, &f.TaxCode, &f.PersonID, &f.EmployerName, &f.CommuneCode, &f.Period, &f.FirstPeriod,
		&f.Months, &f.Score, &f.Stake.Employer, &f.Stake.Employee, &f.Stake.Months, &f.Stake.Total, &feeds, &f.Evidence,
		&f.State, &f.CaseID, &f.ClosedReason, &closed)
	if err != nil {
		return f, err
	}
	if closed != "" {
		if f.ClosedPeriod, err = ansinh.ParsePeriod(closed); err != nil {
			return f, err
		}
	}
	f.Kind = compliance.Kind(kind)
	if feeds != "" {
		f.Feeds = strings.Split(feeds, ",")
	}
	return f, nil
}

// FindingCounts returns the number of open findings by kind.
func (db *DB) FindingCounts(ctx context.Context, scope ansinh.Scope) (map[compliance.Kind]int, error) {
	var a store.Args
	rows, err := db.R.QueryContext(ctx, `SELECT f.kind, count(*) FROM findings f WHERE f.state = 'open' AND `+
		compCond(scope, &a, "f")+` GROUP BY f.kind`, a.List...)
	if err != nil {
		return nil, fmt.Errorf("count findings: %w", err)
	}
	defer rows.Close()
	out := map[compliance.Kind]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[compliance.Kind(k)] = n
	}
	return out, rows.Err()
}

// LatestFeedMonth returns the latest month of the tax records, zero when
// there are none: the default period of a match.
func (db *DB) LatestFeedMonth(ctx context.Context) (ansinh.Period, error) {
	var p ansinh.Period
	err := db.R.QueryRowContext(ctx, `SELECT max(month) FROM tax_wages`).Scan(&p)
	if err != nil {
		return 0, fmt.Errorf("latest tax month: %w", err)
	}
	return p, nil
}

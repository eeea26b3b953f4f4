package store

import (
	"context"
	"fmt"
	"sort"

	"ansinh"
)

// CommuneCounts are the participation counts of one commune in a month.
type CommuneCounts struct {
	CommuneCode string
	// Workers counts the persons with an employment spell open in the month
	// at an employer seated in the commune.
	Workers int64
	// Voluntary counts the residents enrolled in voluntary social insurance
	// in the month.
	Voluntary int64
	// Beneficiaries counts the residents receiving a monthly benefit
	// (pension, monthly SI benefit, social pension) in the month.
	Beneficiaries int64
}

// CountsByCommune returns the participation counts of each commune within
// the scope in the month, by commune code. Communes with no participant are
// left out.
func (db *DB) CountsByCommune(ctx context.Context, at ansinh.Period, scope Scope) ([]CommuneCounts, error) {
	byCode := map[string]*CommuneCounts{}
	get := func(code string) *CommuneCounts {
		c := byCode[code]
		if c == nil {
			c = &CommuneCounts{CommuneCode: code}
			byCode[code] = c
		}
		return c
	}
	queries := []struct {
		name string
		sql  func(a *webArgs) string
		set  func(c *CommuneCounts, n int64)
	}{
		{"workers", func(a *webArgs) string {
			m := a.add(at)
			return `SELECT e.commune_code, count(DISTINCT s.person_id) FROM employment s JOIN employers e ON e.tax_code = s.tax_code
				WHERE s.start_month <= ` + m + ` AND (s.end_month IS NULL OR s.end_month >= ` + m + `) AND ` +
				scope.communeCond(a, "e.commune_code") + ` GROUP BY e.commune_code`
		}, func(c *CommuneCounts, n int64) { c.Workers = n }},
		{"voluntary", func(a *webArgs) string {
			m := a.add(at)
			return `SELECT p.commune_code, count(DISTINCT v.person_id) FROM voluntary v JOIN persons p ON p.person_id = v.person_id
				WHERE v.start_month <= ` + m + ` AND (v.end_month IS NULL OR v.end_month >= ` + m + `) AND ` +
				scope.communeCond(a, "p.commune_code") + ` GROUP BY p.commune_code`
		}, func(c *CommuneCounts, n int64) { c.Voluntary = n }},
		{"beneficiaries", func(a *webArgs) string {
			m := a.add(at)
			return `SELECT p.commune_code, count(DISTINCT b.person_id) FROM beneficiaries b JOIN persons p ON p.person_id = b.person_id
				WHERE b.start_month <= ` + m + ` AND (b.end_month IS NULL OR b.end_month >= ` + m + `) AND ` +
				scope.communeCond(a, "p.commune_code") + ` GROUP BY p.commune_code`
		}, func(c *CommuneCounts, n int64) { c.Beneficiaries = n }},
	}
	for _, q := range queries {
		var a webArgs
		text := q.sql(&a)
		rows, err := db.R.QueryContext(ctx, text, a.list...)
		if err != nil {
			return nil, fmt.Errorf("count %s by commune: %w", q.name, err)
		}
		for rows.Next() {
			var code string
			var n int64
			if err := rows.Scan(&code, &n); err != nil {
				rows.Close()
				return nil, err
			}
			q.set(get(code), n)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	out := make([]CommuneCounts, 0, len(byCode))
	for _, c := range byCode {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CommuneCode < out[j].CommuneCode })
	return out, nil
}

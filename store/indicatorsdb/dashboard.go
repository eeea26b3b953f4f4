package indicatorsdb

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"ansinh"
	"ansinh/indicators"
	"ansinh/store"
)

// CountsByCommune returns the participation counts of each commune within
// the scope in the month, by commune code. Communes with no participant are
// left out. The three counts run at once on the read pool; the voluntary
// and benefit counts read their (small) tables first and look the persons
// up by key (CROSS JOIN fixes that order on SQLite, whose planner would
// otherwise walk every person).
func (s *Store) CountsByCommune(ctx context.Context, at ansinh.Period, scope ansinh.Scope) ([]indicators.CommuneCounts, error) {
	byCode := map[string]*indicators.CommuneCounts{}
	get := func(code string) *indicators.CommuneCounts {
		c := byCode[code]
		if c == nil {
			c = &indicators.CommuneCounts{CommuneCode: code}
			byCode[code] = c
		}
		return c
	}
	queries := []struct {
		name string
		sql  func(a *store.Args) string
		set  func(c *indicators.CommuneCounts, n int64)
	}{
		{"workers", func(a *store.Args) string {
			m := a.Add(at)
			return `SELECT e.commune_code, count(DISTINCT s.person_id) FROM employment s JOIN employers e ON e.tax_code = s.tax_code
				WHERE s.start_month <= ` + m + ` AND (s.end_month IS NULL OR s.end_month >= ` + m + `) AND ` +
				store.CommuneCond(scope, a, "e.commune_code") + ` GROUP BY e.commune_code`
		}, func(c *indicators.CommuneCounts, n int64) { c.Workers = n }},
		{"voluntary", func(a *store.Args) string {
			m := a.Add(at)
			return `SELECT p.commune_code, count(DISTINCT v.person_id) FROM voluntary v CROSS JOIN persons p
				WHERE p.person_id = v.person_id AND v.start_month <= ` + m + ` AND (v.end_month IS NULL OR v.end_month >= ` + m + `) AND ` +
				store.CommuneCond(scope, a, "p.commune_code") + ` GROUP BY p.commune_code`
		}, func(c *indicators.CommuneCounts, n int64) { c.Voluntary = n }},
		{"beneficiaries", func(a *store.Args) string {
			m := a.Add(at)
			return `SELECT p.commune_code, count(DISTINCT b.person_id) FROM beneficiaries b CROSS JOIN persons p
				WHERE p.person_id = b.person_id AND b.start_month <= ` + m + ` AND (b.end_month IS NULL OR b.end_month >= ` + m + `) AND ` +
				store.CommuneCond(scope, a, "p.commune_code") + ` GROUP BY p.commune_code`
		}, func(c *indicators.CommuneCounts, n int64) { c.Beneficiaries = n }},
	}
	results := make([]map[string]int64, len(queries))
	errs := make([]error, len(queries))
	var wg sync.WaitGroup
	for i, q := range queries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = s.countQuery(ctx, q.name, q.sql)
		}()
	}
	wg.Wait()
	for i, q := range queries {
		if errs[i] != nil {
			return nil, errs[i]
		}
		for code, n := range results[i] {
			q.set(get(code), n)
		}
	}
	out := make([]indicators.CommuneCounts, 0, len(byCode))
	for _, c := range byCode {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CommuneCode < out[j].CommuneCode })
	return out, nil
}

// countQuery runs a query of (code, count) rows built by text.
func (s *Store) countQuery(ctx context.Context, name string, text func(a *store.Args) string) (map[string]int64, error) {
	var a store.Args
	q := text(&a)
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, fmt.Errorf("count %s by commune: %w", name, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var code string
		var n int64
		if err := rows.Scan(&code, &n); err != nil {
			return nil, err
		}
		out[code] = n
	}
	return out, rows.Err()
}

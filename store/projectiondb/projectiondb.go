// Package projectiondb implements projection.Store on the AnSinh database:
// the registry at a month aggregated by scheme, sex, age and years of
// service, in one pass of SQL written once for SQLite and PostgreSQL.
package projectiondb

import (
	"context"
	"fmt"

	"ansinh"
	"ansinh/projection"
	"ansinh/rules"
	"ansinh/store"
)

// Store reads the projection's start state.
type Store struct{ db *store.DB }

// New returns the store on db.
func New(db *store.DB) *Store { return &Store{db: db} }

var _ projection.Store = (*Store)(nil)

// monthNo turns a 'YYYY-MM' expression into a month number.
func monthNo(expr string) string {
	return fmt.Sprintf("(CAST(substr(%s, 1, 4) AS INTEGER) * 12 + CAST(substr(%s, 6, 2) AS INTEGER))", expr, expr)
}

// memberQuery aggregates every person with a contribution spell up to the
// month: flags for contributing now and a year before (by scheme), a
// benefit in payment, the support category, sex, calendar age and full
// years of service, with counts and sums of wages and incomes.
func memberQuery(a *store.Args, m, m12 string) string {
	end := "CASE WHEN end_month < " + a.Add(m) + " THEN end_month ELSE " + a.Add(m) + " END"
	now1, now2, now3, now4 := a.Add(m), a.Add(m), a.Add(m), a.Add(m)
	b1, b2, b3, b4 := a.Add(m12), a.Add(m12), a.Add(m12), a.Add(m12)
	return `WITH spells AS (
	SELECT person_id, start_month, COALESCE(end_month, '9999-12') AS end_month, wage AS amount, 0 AS scheme, '' AS category
	FROM employment WHERE start_month <= ` + a.Add(m) + `
	UNION ALL
	SELECT person_id, start_month, COALESCE(end_month, '9999-12'), income, 1, category
	FROM voluntary WHERE start_month <= ` + a.Add(m) + `
), per AS (
	SELECT person_id,
		SUM(` + monthNo(end) + ` - ` + monthNo("start_month") + ` + 1) AS service,
		MAX(CASE WHEN scheme = 0 AND end_month >= ` + now1 + ` THEN 1 ELSE 0 END) AS mand,
		MAX(CASE WHEN scheme = 1 AND end_month >= ` + now2 + ` THEN 1 ELSE 0 END) AS vol,
		MAX(CASE WHEN scheme = 0 AND start_month <= ` + b1 + ` AND end_month >= ` + b2 + ` THEN 1 ELSE 0 END) AS was_mand,
		MAX(CASE WHEN scheme = 1 AND start_month <= ` + b3 + ` AND end_month >= ` + b4 + ` THEN 1 ELSE 0 END) AS was_vol,
		SUM(CASE WHEN scheme = 0 AND end_month >= ` + now3 + ` THEN amount ELSE 0 END) AS wage,
		SUM(CASE WHEN scheme = 1 AND end_month >= ` + now4 + ` THEN amount ELSE 0 END) AS income,
		MAX(amount) AS top_amount,
		MAX(category) AS category
	FROM spells GROUP BY person_id
)
SELECT per.mand, per.vol, per.was_mand, per.was_vol,
	CASE WHEN b.person_id IS NULL THEN 0 ELSE 1 END AS benefit,
	per.category, p.sex,
	CAST(substr(` + a.Add(m) + `, 1, 4) AS INTEGER) - CAST(substr(CAST(p.birth_date AS TEXT), 1, 4) AS INTEGER) AS age,
	CAST(per.service / 12 AS INTEGER) AS service_years,
	COUNT(*), CAST(SUM(per.wage) AS BIGINT), CAST(SUM(per.income) AS BIGINT), CAST(SUM(per.top_amount) AS BIGINT)
FROM per
JOIN persons p ON p.person_id = per.person_id
LEFT JOIN (SELECT DISTINCT person_id FROM beneficiaries
	WHERE kind IN ('pension', 'monthly_si_benefit') AND start_month <= ` + a.Add(m) + ` AND (end_month IS NULL OR end_month >= ` + a.Add(m) + `)) b
	ON b.person_id = per.person_id
GROUP BY per.mand, per.vol, per.was_mand, per.was_vol, CASE WHEN b.person_id IS NULL THEN 0 ELSE 1 END, per.category, p.sex, age, service_years
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`
}

// memberRow is one aggregated group of the member query.
type memberRow struct {
	mand, vol, wasMand, wasVol, benefit int
	category, sex                       string
	age, service                        int
	count, wage, income, topAmount      int64
}

// StartState aggregates the registry at month (projection.Store).
func (s *Store) StartState(ctx context.Context, month ansinh.Period) (projection.StartState, error) {
	st := projection.StartState{Month: month}
	if err := s.members(ctx, &st); err != nil {
		return st, err
	}
	if err := s.beneficiaries(ctx, &st); err != nil {
		return st, err
	}
	return st, s.labourForce(ctx, &st)
}

func (s *Store) members(ctx context.Context, st *projection.StartState) error {
	var a store.Args
	q := memberQuery(&a, st.Month.String(), st.Month.Add(-12).String())
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return fmt.Errorf("projection members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r memberRow
		if err := rows.Scan(&r.mand, &r.vol, &r.wasMand, &r.wasVol, &r.benefit, &r.category, &r.sex,
			&r.age, &r.service, &r.count, &r.wage, &r.income, &r.topAmount); err != nil {
			return fmt.Errorf("projection members: %w", err)
		}
		if err := place(st, r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// place files an aggregated group under the start state's headings.
func place(st *projection.StartState, r memberRow) error {
	sex, err := rules.ParseSex(r.sex)
	if err != nil {
		return fmt.Errorf("projection members: %w", err)
	}
	cat := rules.CategoryOther
	if r.category != "" {
		if cat, err = rules.ParseCategory(r.category); err != nil {
			return fmt.Errorf("projection members: %w", err)
		}
	}
	g := projection.MemberGroup{Scheme: projection.Mandatory, Category: cat, Sex: sex, Age: r.age,
		ServiceYears: r.service, Count: r.count, Amount: r.wage}
	if r.mand == 0 {
		g.Scheme, g.Amount = projection.Voluntary, r.income
	}
	active, was := r.mand+r.vol > 0, r.wasMand+r.wasVol > 0
	switch {
	case active:
		st.Members = append(st.Members, g)
		if !was {
			st.Entrants = append(st.Entrants, g)
		}
	case r.benefit == 0:
		g.Scheme, g.Amount = projection.Mandatory, r.topAmount
		st.Deferred = append(st.Deferred, g)
	}
	if was {
		f := projection.FlowGroup{Scheme: projection.Mandatory, Sex: sex, Age: r.age, Count: r.count}
		if r.wasMand == 0 {
			f.Scheme = projection.Voluntary
		}
		st.YearBefore = append(st.YearBefore, f)
		if !active && r.benefit == 0 {
			st.Exits = append(st.Exits, f)
		}
	}
	return nil
}

func (s *Store) beneficiaries(ctx context.Context, st *projection.StartState) error {
	var a store.Args
	q := `SELECT b.kind, p.sex,
	CAST(substr(` + a.Add(st.Month.String()) + `, 1, 4) AS INTEGER) - CAST(substr(CAST(p.birth_date AS TEXT), 1, 4) AS INTEGER) AS age,
	COUNT(*), CAST(SUM(b.monthly_amount) AS BIGINT)
FROM beneficiaries b JOIN persons p ON p.person_id = b.person_id
WHERE b.kind IN ('pension', 'monthly_si_benefit') AND b.start_month <= ` + a.Add(st.Month.String()) + `
	AND (b.end_month IS NULL OR b.end_month >= ` + a.Add(st.Month.String()) + `)
GROUP BY b.kind, p.sex, age ORDER BY 1, 2, 3`
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return fmt.Errorf("projection beneficiaries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, sex string
		var g projection.BeneficiaryGroup
		if err := rows.Scan(&kind, &sex, &g.Age, &g.Count, &g.Monthly); err != nil {
			return fmt.Errorf("projection beneficiaries: %w", err)
		}
		if g.Sex, err = rules.ParseSex(sex); err != nil {
			return fmt.Errorf("projection beneficiaries: %w", err)
		}
		if kind == "monthly_si_benefit" {
			g.Kind = projection.MonthlyBenefit
		}
		st.Beneficiaries = append(st.Beneficiaries, g)
	}
	return rows.Err()
}

// labourForce sums the statistics office's figures of every unit by year.
func (s *Store) labourForce(ctx context.Context, st *projection.StartState) error {
	rows, err := s.db.R.QueryContext(ctx, `SELECT year, CAST(SUM(labor_force) AS BIGINT), CAST(SUM(over_retirement_age) AS BIGINT)
FROM labor_force GROUP BY year ORDER BY year`)
	if err != nil {
		return fmt.Errorf("projection labour force: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var y projection.LabourForceYear
		if err := rows.Scan(&y.Year, &y.LabourForce, &y.OverRetirementAge); err != nil {
			return fmt.Errorf("projection labour force: %w", err)
		}
		st.LabourForce = append(st.LabourForce, y)
	}
	return rows.Err()
}

// Package indicatorsdbtest loads a generated province
// (indicatorstest.Generate) into a database and reads its registry back
// with plain SQL, for the indicators' storage tests and benchmarks.
package indicatorsdbtest

import (
	"context"
	"fmt"
	"time"

	"ansinh"
	"ansinh/indicators/indicatorstest"
	"ansinh/store"
)

// Load writes the province into a migrated database: units, successors,
// persons, one employer per commune, spells, enrolments, benefits, the
// labour force, and the transactions (procedures and surveys).
func Load(ctx context.Context, db *store.DB, p *indicatorstest.Province) error {
	load := func(t store.Table, n int, row func(i int) []any) error {
		b, err := db.BeginBulk(ctx, t, 0)
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			if err := b.Add(row(i)); err != nil {
				b.Rollback()
				return err
			}
		}
		_, err = b.Commit()
		return err
	}
	nullDate := func(d ansinh.Date) any {
		if d == 0 {
			return nil
		}
		return d
	}
	nullMonth := func(m ansinh.Period) any {
		if m == 0 {
			return nil
		}
		return m
	}
	steps := []struct {
		t   store.Table
		n   int
		row func(i int) []any
	}{
		{store.Table{Name: "units", Columns: []string{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"}, Key: []string{"code", "valid_from"}},
			len(p.Units), func(i int) []any {
				u := p.Units[i]
				var parent, region any
				if u.Parent != "" {
					parent = u.Parent
				}
				if u.Level == "commune" {
					region = "III"
				}
				return []any{u.Code, u.Name, u.Level, parent, u.From, nullDate(u.To), region}
			}},
		{store.Table{Name: "unit_successors", Columns: []string{"old_code", "new_code", "from_date"}, Key: []string{"old_code", "new_code", "from_date"}},
			len(p.Successors), func(i int) []any {
				s := p.Successors[i]
				return []any{s.Old, s.New, s.From}
			}},
		{store.Table{Name: "persons", Columns: []string{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code"}, Key: []string{"person_id"}},
			len(p.Persons), func(i int) []any {
				x := p.Persons[i]
				return []any{x.ID, "Nguyễn Văn " + x.ID[8:], x.Birth, x.Sex, db.Bool(false), x.Commune}
			}},
		{store.Table{Name: "employers", Columns: []string{"tax_code", "name", "kind", "commune_code", "registered_on"}, Key: []string{"tax_code"}},
			2 * len(p.Communes), func(i int) []any {
				c := p.Communes[i/2]
				return []any{indicatorstest.EmployerOf(c, i%2), fmt.Sprintf("Công ty %s-%d", c, i%2), "private", c, ansinh.NewDate(2010, 1, 1)}
			}},
		{store.Table{Name: "employment", Columns: []string{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"}, Key: []string{"tax_code", "person_id", "start_month"}},
			len(p.Employment), func(i int) []any {
				s := p.Employment[i]
				return []any{p.Employer[i], s.Person, s.Start, nullMonth(s.End), int64(6_000_000), s.Contract, s.Start.First()}
			}},
		{store.Table{Name: "voluntary", Columns: []string{"person_id", "start_month", "end_month", "income", "mode", "category"}, Key: []string{"person_id", "start_month"}},
			len(p.Voluntary), func(i int) []any {
				v := p.Voluntary[i]
				return []any{v.Person, v.Start, nullMonth(v.End), int64(1_500_000), "monthly", "other"}
			}},
		{store.Table{Name: "beneficiaries", Columns: []string{"person_id", "kind", "start_month", "end_month", "monthly_amount"}, Key: []string{"person_id", "kind", "start_month"}},
			len(p.Beneficiaries), func(i int) []any {
				b := p.Beneficiaries[i]
				return []any{b.Person, b.Kind, b.Start, nullMonth(b.End), int64(3_000_000)}
			}},
		{store.Table{Name: "labor_force", Columns: []string{"unit_code", "year", "labor_force", "over_retirement_age"}, Key: []string{"unit_code", "year"}},
			len(p.LaborForce), func(i int) []any {
				l := p.LaborForce[i]
				return []any{l.Unit, int64(l.Year), l.LaborForce, l.OverRetirement}
			}},
	}
	for _, s := range steps {
		if err := load(s.t, s.n, s.row); err != nil {
			return fmt.Errorf("indicatorsdbtest: load %s: %w", s.t.Name, err)
		}
	}
	return loadTransactions(ctx, db, p)
}

// loadTransactions writes the transactions as the portals do: one
// procedure each, and a survey answer for those answered.
func loadTransactions(ctx context.Context, db *store.DB, p *indicatorstest.Province) error {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stamp := func(m ansinh.Period) any {
		t := time.Date(m.Year(), time.Month(m.Month()), 15, 3, 0, 0, 0, time.UTC)
		if db.Engine == store.Postgres {
			return t
		}
		return t.Format("2006-01-02T15:04:05.000000Z")
	}
	for _, t := range p.Transactions {
		ch := "counter"
		if t.Online {
			ch = "online"
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO procedures (kind, subject, channel, status, submitted_at, processed_at)
			VALUES ('declaration', $1, $2, 'completed', $3, $3) RETURNING id`, t.Subject, ch, stamp(t.Month)).Scan(&id); err != nil {
			return fmt.Errorf("indicatorsdbtest: procedures: %w", err)
		}
		if t.Score > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO surveys (procedure_id, score, answered_at) VALUES ($1, $2, $3)`,
				id, t.Score, stamp(t.Answered)); err != nil {
				return fmt.Errorf("indicatorsdbtest: surveys: %w", err)
			}
		}
	}
	return tx.Commit()
}

// ReadRegistry reads the registry's rows with plain SQL.
func ReadRegistry(ctx context.Context, db *store.DB) (*indicatorstest.Registry, error) {
	reg := &indicatorstest.Registry{Persons: map[string]*indicatorstest.RegPerson{}, LaborForce: map[string][2]int64{}}
	query := func(q string, fn func(r interface{ Scan(...any) error }) error) error {
		rows, err := db.R.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := fn(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	person := func(id string) (*indicatorstest.RegPerson, error) {
		p := reg.Persons[id]
		if p == nil {
			return nil, fmt.Errorf("row of unknown person %s", id)
		}
		return p, nil
	}
	steps := []struct {
		q  string
		fn func(r interface{ Scan(...any) error }) error
	}{
		{`SELECT person_id, commune_code, birth_date, sex FROM persons`, func(r interface{ Scan(...any) error }) error {
			var id string
			p := &indicatorstest.RegPerson{}
			err := r.Scan(&id, &p.Commune, &p.Birth, &p.Sex)
			reg.Persons[id] = p
			return err
		}},
		{`SELECT person_id, start_month, end_month, contract FROM employment`, func(r interface{ Scan(...any) error }) error {
			var id string
			var s indicatorstest.RegSpell
			if err := r.Scan(&id, &s.Start, &s.End, &s.Contract); err != nil {
				return err
			}
			p, err := person(id)
			if err == nil {
				p.Jobs = append(p.Jobs, s)
			}
			return err
		}},
		{`SELECT person_id, start_month, end_month FROM voluntary`, func(r interface{ Scan(...any) error }) error {
			var id string
			var s indicatorstest.RegSpell
			if err := r.Scan(&id, &s.Start, &s.End); err != nil {
				return err
			}
			p, err := person(id)
			if err == nil {
				p.Vols = append(p.Vols, s)
			}
			return err
		}},
		{`SELECT person_id, kind, start_month, end_month FROM beneficiaries`, func(r interface{ Scan(...any) error }) error {
			var id, kind string
			var s indicatorstest.RegSpell
			if err := r.Scan(&id, &kind, &s.Start, &s.End); err != nil {
				return err
			}
			p, err := person(id)
			if err == nil {
				p.Bens = append(p.Bens, s)
				switch kind {
				case "pension":
					p.Pension = append(p.Pension, s)
				case "monthly_si_benefit":
					p.Monthly = append(p.Monthly, s)
				}
			}
			return err
		}},
		{`SELECT unit_code, year, labor_force, over_retirement_age FROM labor_force`, func(r interface{ Scan(...any) error }) error {
			var code string
			var y int
			var v [2]int64
			if err := r.Scan(&code, &y, &v[0], &v[1]); err != nil {
				return err
			}
			reg.LaborForce[fmt.Sprintf("%s %d", code, y)] = v
			return nil
		}},
	}
	for _, s := range steps {
		if err := query(s.q, s.fn); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

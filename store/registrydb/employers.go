package registrydb

import (
	"context"
	"strings"

	"ansinh"
	"ansinh/registry"
	"ansinh/store"
)

const employerColumns = `e.tax_code, e.name, e.kind, e.commune_code, e.industrial_zone, e.registered_on`

func scanEmployer(row rowScanner, e *registry.Employer) error {
	return row.Scan(&e.TaxCode, &e.Name, &e.Kind, &e.CommuneCode, store.ScanNullString(&e.IndustrialZone), &e.RegisteredOn)
}

// FindEmployer returns the employer with the tax code if the scope sees it,
// or ErrNotFound.
func (s *Store) FindEmployer(ctx context.Context, tax string, scope ansinh.Scope) (registry.Employer, error) {
	var a store.Args
	var e registry.Employer
	q := `SELECT ` + employerColumns + ` FROM employers e WHERE e.tax_code = ` + a.Add(tax) + ` AND ` + store.EmployerCond(scope, &a, "e")
	err := scanEmployer(s.db.R.QueryRowContext(ctx, q, a.List...), &e)
	return e, notFound(err, "find employer")
}

// OpenSpells returns the spells of the employer open at the month, with the
// workers' names.
func (s *Store) OpenSpells(ctx context.Context, tax string, at ansinh.Period) ([]registry.Spell, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+spellColumns+`
		FROM employment s JOIN persons p ON p.person_id = s.person_id LEFT JOIN employers e ON e.tax_code = s.tax_code
		WHERE s.tax_code = $1 AND (s.end_month IS NULL OR s.end_month >= $2)`, tax, at)
	if err != nil {
		return nil, wrap(err, "workers")
	}
	return collect(rows, scanSpell)
}

// EmployerSpells returns a page of the employer's spells, latest start
// first, and whether more follow.
func (s *Store) EmployerSpells(ctx context.Context, tax string, offset, limit int) ([]registry.Spell, bool, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+spellColumns+`
		FROM employment s JOIN persons p ON p.person_id = s.person_id LEFT JOIN employers e ON e.tax_code = s.tax_code
		WHERE s.tax_code = $1 ORDER BY s.start_month DESC, s.person_id LIMIT $2 OFFSET $3`, tax, limit+1, offset)
	if err != nil {
		return nil, false, wrap(err, "spells")
	}
	out, err := collect(rows, scanSpell)
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, err
}

// EmployerWages returns the wages of the employer's spells open at the
// month.
func (s *Store) EmployerWages(ctx context.Context, tax string, at ansinh.Period) ([]ansinh.Money, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT wage FROM employment WHERE tax_code = $1 AND start_month <= $2
		AND (end_month IS NULL OR end_month >= $2)`, tax, at)
	if err != nil {
		return nil, wrap(err, "wages")
	}
	return collect(rows, func(r rowScanner, m *ansinh.Money) error { return r.Scan(m) })
}

// SearchEmployers returns at most limit employers the query finds in scope:
// by the first digits of the tax code, or names containing any of the
// parts, both compared by their search keys (registry.SearchKey: without
// diacritics or case, in either Unicode form or tone-mark placement).
func (s *Store) SearchEmployers(ctx context.Context, q registry.EmployerQuery, scope ansinh.Scope, limit int) ([]registry.EmployerHit, error) {
	var a store.Args
	var where []string
	if q.Digits != "" {
		where = append(where, digitsRange(&a, "e.tax_code", q.Digits))
	} else {
		var c []string
		seen := map[string]bool{}
		for _, p := range q.NameParts {
			key := registry.SearchKey(p)
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			c = append(c, `e.search_key LIKE `+a.Add("%"+escapeLike(key)+"%")+` ESCAPE '\'`)
		}
		if len(c) == 0 {
			return nil, nil
		}
		where = append(where, "("+strings.Join(c, " OR ")+")")
	}
	where = append(where, store.EmployerCond(scope, &a, "e"))
	rows, err := s.db.R.QueryContext(ctx, `SELECT e.tax_code, e.name, e.kind, e.commune_code FROM employers e WHERE `+
		strings.Join(where, " AND ")+` ORDER BY e.tax_code LIMIT `+a.Add(limit), a.List...)
	if err != nil {
		return nil, wrap(err, "search employers")
	}
	return collect(rows, func(r rowScanner, h *registry.EmployerHit) error {
		return r.Scan(&h.TaxCode, &h.Name, &h.Kind, &h.CommuneCode)
	})
}

// escapeLike escapes the LIKE wildcards of s with a backslash.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

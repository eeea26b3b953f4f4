package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ansinh"
)

// PersonCond returns the SQL condition that a persons row aliased p is
// visible in scope s.
func PersonCond(s ansinh.Scope, a *Args, p string) string {
	if s.All {
		return "1 = 1"
	}
	var conds []string
	if len(s.PersonCommunes) > 0 {
		conds = append(conds, a.In(p+".commune_code", s.PersonCommunes))
	}
	if s.PersonID != "" {
		conds = append(conds, p+".person_id = "+a.Add(s.PersonID))
	}
	return orConds(conds)
}

// EmployerCond returns the SQL condition that an employers row aliased e is
// visible in scope s.
func EmployerCond(s ansinh.Scope, a *Args, e string) string {
	if s.All {
		return "1 = 1"
	}
	var conds []string
	if len(s.EmployerCommunes) > 0 {
		conds = append(conds, a.In(e+".commune_code", s.EmployerCommunes))
	}
	if len(s.TaxCodes) > 0 {
		conds = append(conds, a.In(e+".tax_code", s.TaxCodes))
	}
	return orConds(conds)
}

// CommuneCond returns the SQL condition that the commune in column col is
// visible in scope s.
func CommuneCond(s ansinh.Scope, a *Args, col string) string {
	if s.All {
		return "1 = 1"
	}
	return a.In(col, s.EmployerCommunes)
}

func orConds(conds []string) string {
	switch len(conds) {
	case 0:
		return "1 = 0"
	case 1:
		return conds[0]
	}
	s := "("
	for i, c := range conds {
		if i > 0 {
			s += " OR "
		}
		s += c
	}
	return s + ")"
}

// Unit is an administrative unit as of a day.
type Unit struct {
	Code       string
	Name       string
	Level      string // province, district, commune
	ParentCode string
	ValidFrom  ansinh.Date
	ValidTo    ansinh.Date // zero: still valid
	Region     string      // I..IV, the minimum-wage region ("" when unknown)
}

// FindUnit returns the version of the unit with the code valid on the day,
// or its latest version when none is valid on the day; ErrNotFound when the
// code is unknown.
func (db *DB) FindUnit(ctx context.Context, code string, day ansinh.Date) (Unit, error) {
	var u Unit
	err := db.R.QueryRowContext(ctx, `SELECT code, name, level, coalesce(parent_code, ''), valid_from, valid_to, coalesce(region, '') FROM units
		WHERE code = $1
		ORDER BY CASE WHEN valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) THEN 0 ELSE 1 END, valid_from DESC
		LIMIT 1`, code, day).Scan(&u.Code, &u.Name, &u.Level, &u.ParentCode, &u.ValidFrom, &u.ValidTo, &u.Region)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("find unit %s: %w", code, err)
	}
	return u, nil
}

// CommunesUnder returns the codes of the communes in the unit with the code
// (the unit itself when it is a commune), in the administrative structure
// of the day, or of the last day the unit existed when it was abolished
// before it (a former district keeps its communes of the time).
func (db *DB) CommunesUnder(ctx context.Context, code string, day ansinh.Date) ([]string, error) {
	u, err := db.FindUnit(ctx, code, day)
	if err != nil {
		return nil, err
	}
	asOf := day
	if day < u.ValidFrom {
		asOf = u.ValidFrom
	}
	if !u.ValidTo.IsZero() && u.ValidTo <= asOf {
		asOf = u.ValidTo.AddDays(-1)
	}
	rows, err := db.R.QueryContext(ctx, `WITH RECURSIVE sub (code, level) AS (
			SELECT code, level FROM units
			WHERE code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
			UNION
			SELECT u.code, u.level FROM units u JOIN sub ON u.parent_code = sub.code
			WHERE u.valid_from <= $2 AND (u.valid_to IS NULL OR u.valid_to > $2)
		)
		SELECT code FROM sub WHERE level = 'commune' ORDER BY code`, code, asOf)
	if err != nil {
		return nil, fmt.Errorf("communes under %s: %w", code, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UnitNames returns the names of the units with the codes, as of the day
// (or their latest names).
func (db *DB) UnitNames(ctx context.Context, codes []string, day ansinh.Date) (map[string]string, error) {
	out := map[string]string{}
	if len(codes) == 0 {
		return out, nil
	}
	var a Args
	dayPH := a.Add(day)
	q := `SELECT code, name FROM units WHERE ` + a.In("code", codes) +
		` ORDER BY code, CASE WHEN valid_from <= ` + dayPH + ` AND (valid_to IS NULL OR valid_to > ` + dayPH + `) THEN 1 ELSE 0 END, valid_from`
	rows, err := db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, fmt.Errorf("unit names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c, n string
		if err := rows.Scan(&c, &n); err != nil {
			return nil, err
		}
		out[c] = n // the valid version comes last, so it wins
	}
	return out, rows.Err()
}

// Communes returns the communes valid on the day, by name.
func (db *DB) Communes(ctx context.Context, day ansinh.Date) ([]Unit, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT code, name, level, coalesce(parent_code, ''), valid_from, valid_to, coalesce(region, '') FROM units
		WHERE level = 'commune' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY name, code`, day)
	if err != nil {
		return nil, fmt.Errorf("communes: %w", err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.Code, &u.Name, &u.Level, &u.ParentCode, &u.ValidFrom, &u.ValidTo, &u.Region); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

package registrydb

import (
	"context"

	"ansinh"
	"ansinh/registry"
	"ansinh/store"
)

const unitColumns = `code, name, level, coalesce(parent_code, ''), valid_from, valid_to, coalesce(region, '')`

func scanUnit(row rowScanner, u *registry.Unit) error {
	return row.Scan(&u.Code, &u.Name, &u.Level, &u.ParentCode, &u.ValidFrom, &u.ValidTo, &u.Region)
}

// FindUnit returns the version of the unit with the code valid on the day,
// or its latest version when none is valid on the day; ErrNotFound when the
// code is unknown.
func (s *Store) FindUnit(ctx context.Context, code string, day ansinh.Date) (registry.Unit, error) {
	var u registry.Unit
	err := scanUnit(s.db.R.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE code = $1
		ORDER BY CASE WHEN valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) THEN 0 ELSE 1 END, valid_from DESC
		LIMIT 1`, code, day), &u)
	return u, notFound(err, "find unit "+code)
}

// CommunesUnder returns the codes of the communes in the unit with the code
// (the unit itself when it is a commune), in the administrative structure
// of the day, or of the last day the unit existed when it was abolished
// before it (a former district keeps its communes of the time).
func (s *Store) CommunesUnder(ctx context.Context, code string, day ansinh.Date) ([]string, error) {
	u, err := s.FindUnit(ctx, code, day)
	if err != nil {
		return nil, err
	}
	asOf := max(day, u.ValidFrom)
	if !u.ValidTo.IsZero() && u.ValidTo <= asOf {
		asOf = u.ValidTo.AddDays(-1)
	}
	rows, err := s.db.R.QueryContext(ctx, `WITH RECURSIVE sub (code, level) AS (
			SELECT code, level FROM units
			WHERE code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
			UNION
			SELECT u.code, u.level FROM units u JOIN sub ON u.parent_code = sub.code
			WHERE u.valid_from <= $2 AND (u.valid_to IS NULL OR u.valid_to > $2)
		)
		SELECT code FROM sub WHERE level = 'commune' ORDER BY code`, code, asOf)
	if err != nil {
		return nil, wrap(err, "communes under "+code)
	}
	return collect(rows, func(r rowScanner, c *string) error { return r.Scan(c) })
}

// UnitNames returns the names of the units with the codes, as of the day
// (or their latest names).
func (s *Store) UnitNames(ctx context.Context, codes []string, day ansinh.Date) (map[string]string, error) {
	out := map[string]string{}
	if len(codes) == 0 {
		return out, nil
	}
	var a store.Args
	dayPH := a.Add(day)
	q := `SELECT code, name FROM units WHERE ` + a.In("code", codes) +
		` ORDER BY code, CASE WHEN valid_from <= ` + dayPH + ` AND (valid_to IS NULL OR valid_to > ` + dayPH + `) THEN 1 ELSE 0 END, valid_from`
	rows, err := s.db.R.QueryContext(ctx, q, a.List...)
	if err != nil {
		return nil, wrap(err, "unit names")
	}
	pairs, err := collect(rows, func(r rowScanner, p *[2]string) error { return r.Scan(&p[0], &p[1]) })
	for _, p := range pairs {
		out[p[0]] = p[1] // the valid version comes last, so it wins
	}
	return out, err
}

// Communes returns the communes valid on the day.
func (s *Store) Communes(ctx context.Context, day ansinh.Date) ([]registry.Unit, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT `+unitColumns+` FROM units
		WHERE level = 'commune' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY code`, day)
	if err != nil {
		return nil, wrap(err, "communes")
	}
	return collect(rows, scanUnit)
}

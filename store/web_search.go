package store

import (
	"context"
	"fmt"
	"strings"

	"ansinh"
)

// PersonHit is one person found by a search.
type PersonHit struct {
	PersonID    string
	FullName    string
	BirthDate   ansinh.Date
	Sex         string
	CommuneCode string
}

// PersonQuery is a search of persons: by a personal ID (or the first digits
// of one, or a 10-digit legacy social insurance code), or by the beginning
// of the full name; results come in (name, ID) order, a page at a time.
type PersonQuery struct {
	// Digits searches by ID: 12 digits find that person, fewer find the IDs
	// that start with them; 10 digits also find the legacy code.
	Digits string
	// NamePrefix searches by name: the names that start with it, compared
	// byte for byte (the caller normalises what was typed to the registry's
	// spelling, "Nguyễn Văn").
	NamePrefix string
	// AfterName and AfterID continue after the last hit of the previous
	// page.
	AfterName, AfterID string
	// Limit is the page size (0: 20).
	Limit int
}

// prefixEnd returns the smallest string above every string that starts
// with p.
func prefixEnd(p string) string { return p + "\U0010FFFF" }

// digitsEnd returns the digit string right after every string that starts
// with the digits d, or "" when there is none ("999…"): an upper bound that
// holds in any collation, since it compares digits only.
func digitsEnd(d string) string {
	b := []byte(d)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b[:i+1])
		}
	}
	return ""
}

// SearchPersons returns a page of the persons the query finds within the
// scope, and whether more follow. A name search is a range scan of the
// persons_name index, fast at any size.
func (db *DB) SearchPersons(ctx context.Context, q PersonQuery, scope ansinh.Scope) ([]PersonHit, bool, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	var a Args
	name := db.byteOrder("p.full_name")
	var where []string
	switch {
	case q.Digits != "":
		var c []string
		if len(q.Digits) == 12 {
			c = append(c, "p.person_id = "+a.Add(q.Digits))
		} else {
			r := "p.person_id >= " + a.Add(q.Digits)
			if end := digitsEnd(q.Digits); end != "" {
				r += " AND p.person_id < " + a.Add(end)
			}
			c = append(c, "("+r+")")
		}
		if len(q.Digits) == 10 {
			c = append(c, "p.legacy_si_code = "+a.Add(q.Digits))
		}
		where = append(where, orConds(c))
	case q.NamePrefix != "":
		where = append(where, name+" >= "+a.Add(q.NamePrefix)+" AND "+name+" < "+a.Add(prefixEnd(q.NamePrefix)))
	default:
		return nil, false, nil
	}
	if q.AfterName != "" || q.AfterID != "" {
		where = append(where, "("+name+", p.person_id) > ("+a.Add(q.AfterName)+", "+a.Add(q.AfterID)+")")
	}
	where = append(where, PersonCond(scope, &a, "p"))
	sqlq := `SELECT p.person_id, p.full_name, p.birth_date, p.sex, p.commune_code FROM persons p WHERE ` +
		strings.Join(where, " AND ") + ` ORDER BY ` + name + `, p.person_id LIMIT ` + a.Add(limit+1)
	rows, err := db.R.QueryContext(ctx, sqlq, a.List...)
	if err != nil {
		return nil, false, fmt.Errorf("search persons: %w", err)
	}
	defer rows.Close()
	var out []PersonHit
	for rows.Next() {
		var h PersonHit
		if err := rows.Scan(&h.PersonID, &h.FullName, &h.BirthDate, &h.Sex, &h.CommuneCode); err != nil {
			return nil, false, err
		}
		out = append(out, h)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, rows.Err()
}

// EmployerHit is one employer found by a search.
type EmployerHit struct {
	TaxCode     string
	Name        string
	Kind        string
	CommuneCode string
}

// EmployerQuery is a search of employers: by tax code (or its first digits)
// or by a part of the name.
type EmployerQuery struct {
	// Digits searches by tax code: the codes that start with them.
	Digits string
	// NameParts searches by name: the names that contain any of the parts
	// (spellings of what was typed).
	NameParts []string
	// Offset and Limit page the results (Limit 0: 20).
	Offset, Limit int
}

// SearchEmployers returns a page of the employers the query finds within the
// scope, by name, and whether more follow. Employers are few enough (tens of
// thousands in a province) for a name to be searched anywhere in it.
func (db *DB) SearchEmployers(ctx context.Context, q EmployerQuery, scope ansinh.Scope) ([]EmployerHit, bool, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	var a Args
	var where []string
	switch {
	case q.Digits != "":
		r := "e.tax_code >= " + a.Add(q.Digits)
		if end := digitsEnd(q.Digits); end != "" {
			r += " AND e.tax_code < " + a.Add(end)
		}
		where = append(where, "("+r+")")
	case len(q.NameParts) > 0:
		var c []string
		for _, p := range q.NameParts {
			c = append(c, `e.name LIKE `+a.Add("%"+escapeLike(p)+"%")+` ESCAPE '\'`)
		}
		where = append(where, orConds(c))
	default:
		return nil, false, nil
	}
	where = append(where, EmployerCond(scope, &a, "e"))
	sqlq := `SELECT e.tax_code, e.name, e.kind, e.commune_code FROM employers e WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY ` + db.byteOrder("e.name") + `, e.tax_code LIMIT ` + a.Add(limit+1) + ` OFFSET ` + a.Add(q.Offset)
	rows, err := db.R.QueryContext(ctx, sqlq, a.List...)
	if err != nil {
		return nil, false, fmt.Errorf("search employers: %w", err)
	}
	defer rows.Close()
	var out []EmployerHit
	for rows.Next() {
		var h EmployerHit
		if err := rows.Scan(&h.TaxCode, &h.Name, &h.Kind, &h.CommuneCode); err != nil {
			return nil, false, err
		}
		out = append(out, h)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, rows.Err()
}

// escapeLike escapes the LIKE wildcards of s with a backslash.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

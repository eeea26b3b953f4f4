package registrydb

import (
	"fmt"
	"time"

	"ansinh"
	"ansinh/store"
)

// stampLayout is how the web tables keep instants on SQLite: UTC with a
// fixed number of fractional digits, so that text order is time order (the
// layout of the store core's web and auth tables).
const stampLayout = "2006-01-02T15:04:05.000000Z"

// stamp returns the value that stores t in a timestamp column of the
// registry's web tables (NULL for the zero time).
func stamp(db *store.DB, t time.Time) any {
	switch {
	case t.IsZero():
		return nil
	case db.Engine == store.Postgres:
		return t
	}
	return t.UTC().Format(stampLayout)
}

// period returns the value of a nullable month column.
func period(p ansinh.Period) any {
	if p.IsZero() {
		return nil
	}
	return p.String()
}

// nullable returns nil for an empty string, for a nullable text column.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// timeCol scans a timestamp stored by either engine into t, in UTC; NULL
// leaves the zero time.
type timeCol struct{ t *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
		return nil
	case time.Time:
		*c.t = v.UTC()
		return nil
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	}
	return fmt.Errorf("cannot scan %T into a time", src)
}

func (c timeCol) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", v, err)
	}
	*c.t = t.UTC()
	return nil
}

// boolCol scans a boolean stored by either engine (INTEGER on SQLite,
// BOOLEAN on PostgreSQL).
type boolCol struct{ b *bool }

// Scan implements sql.Scanner.
func (c boolCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.b = false
	case bool:
		*c.b = v
	case int64:
		*c.b = v != 0
	default:
		return fmt.Errorf("cannot scan %T into a bool", src)
	}
	return nil
}

// textCol scans a nullable text column into a string ("" for NULL).
type textCol struct{ s *string }

// Scan implements sql.Scanner.
func (c textCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.s = ""
	case string:
		*c.s = v
	case []byte:
		*c.s = string(v)
	default:
		return fmt.Errorf("cannot scan %T into a string", src)
	}
	return nil
}

// rowScanner is a row or rows.
type rowScanner interface{ Scan(...any) error }

// collect scans every row with scan, then closes the rows.
func collect[T any](rows interface {
	Next() bool
	Err() error
	Close() error
	rowScanner
}, scan func(rowScanner, *T) error) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

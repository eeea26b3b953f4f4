package registrydb

import (
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

package store

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ansinh"
)

// webStampLayout is how the web and auth tables keep instants on SQLite: UTC
// with a fixed number of fractional digits, so that text order is time order
// (RFC 3339 with trimmed fractions is not: "…:05Z" sorts after "…:05.5Z").
const webStampLayout = "2006-01-02T15:04:05.000000Z"

// webStamp returns the value that stores t in a timestamp column of the
// engine's web and auth tables.
func (db *DB) webStamp(t time.Time) any {
	if db.Engine == Postgres {
		return t
	}
	return t.UTC().Format(webStampLayout)
}

// ErrNotFound is returned when a record does not exist or is outside the
// caller's scope: it is the root vocabulary's ansinh.ErrNotFound, so that
// errors.Is matches it in every layer.
var ErrNotFound = ansinh.ErrNotFound

// webTime scans a timestamp stored by either engine into t, in UTC; NULL
// leaves the zero time. (The web_, auth_, compliance_, indicators_ and plan_
// queries share these scanners.)
type webTime struct{ t *time.Time }

// Scan implements sql.Scanner.
func (s webTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.t = time.Time{}
		return nil
	case time.Time:
		*s.t = v.UTC()
		return nil
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	}
	return fmt.Errorf("cannot scan %T into a time", src)
}

func (s webTime) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", v, err)
	}
	*s.t = t.UTC()
	return nil
}

// webBool scans a boolean stored by either engine (INTEGER on SQLite,
// BOOLEAN on PostgreSQL).
type webBool struct{ b *bool }

// Scan implements sql.Scanner.
func (s webBool) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.b = false
	case bool:
		*s.b = v
	case int64:
		*s.b = v != 0
	default:
		return fmt.Errorf("cannot scan %T into a bool", src)
	}
	return nil
}

// webNullString scans a nullable text column into a string ("" for NULL).
type webNullString struct{ s *string }

// Scan implements sql.Scanner.
func (n webNullString) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.s = ""
	case string:
		*n.s = v
	case []byte:
		*n.s = string(v)
	default:
		return fmt.Errorf("cannot scan %T into a string", src)
	}
	return nil
}

// Args builds the argument list of a query whose placeholders are numbered
// as they are added.
type Args struct{ List []any }

// Add appends v and returns its placeholder, "$N".
func (a *Args) Add(v any) string {
	a.List = append(a.List, v)
	return "$" + strconv.Itoa(len(a.List))
}

// In returns "col IN ($i, …)" for the values, or a false condition when
// there are none.
func (a *Args) In(col string, vals []string) string {
	if len(vals) == 0 {
		return "1 = 0"
	}
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = a.Add(v)
	}
	return col + " IN (" + strings.Join(ph, ", ") + ")"
}

// webPeriod returns a period for a nullable month column.
func webPeriod(p ansinh.Period) any {
	if p.IsZero() {
		return nil
	}
	return p.String()
}

// Stamp returns the value that stores t in a timestamp column of the
// engine (the form every web, auth, compliance, indicators and plan table
// uses), for the store/<domain>db adapters.
func (db *DB) Stamp(t time.Time) any { return db.webStamp(t) }

// ScanTime returns a scanner of a timestamp stored by either engine into
// t, in UTC; NULL leaves the zero time.
func ScanTime(t *time.Time) sql.Scanner { return webTime{t} }

// ScanBool returns a scanner of a boolean stored by either engine.
func ScanBool(b *bool) sql.Scanner { return webBool{b} }

// ScanNullString returns a scanner of a nullable text column ("" for
// NULL).
func ScanNullString(s *string) sql.Scanner { return webNullString{s} }

// Date returns the value that stores a civil date in a DATE column (TEXT
// YYYY-MM-DD on SQLite); a zero date is NULL.
func (db *DB) Date(d ansinh.Date) any {
	if d.IsZero() {
		return nil
	}
	if db.Engine == Postgres {
		return d.Time()
	}
	return d.String()
}

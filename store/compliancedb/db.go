// Package compliancedb implements compliance.Store on the store core: the
// partners' feeds as ordered streams, the registry as the matcher needs it,
// the findings with their months, the inspection cases and the record of
// what has been matched, with SQL written once for SQLite and PostgreSQL.
package compliancedb

import (
	"fmt"
	"time"

	"ansinh/compliance"
	"ansinh/store"
)

// DB is the compliance store over a database of the store core.
type DB struct{ *store.DB }

// New returns the compliance store over db.
func New(db *store.DB) *DB { return &DB{db} }

var _ compliance.Store = (*DB)(nil)

// timeScan scans a timestamp stored by either engine into t, in UTC; NULL
// leaves the zero time.
type timeScan struct{ t *time.Time }

// Scan implements sql.Scanner.
func (s timeScan) Scan(src any) error {
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

func (s timeScan) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", v, err)
	}
	*s.t = t.UTC()
	return nil
}

// boolScan scans a boolean stored by either engine (INTEGER on SQLite,
// BOOLEAN on PostgreSQL).
type boolScan struct{ b *bool }

// Scan implements sql.Scanner.
func (s boolScan) Scan(src any) error {
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

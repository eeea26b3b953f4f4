// Package compliancedb implements compliance.Store on the store core: the
// partners' feeds as ordered streams, the registry as the matcher needs it,
// the findings with their months, the inspection cases and the record of
// what has been matched, with SQL written once for SQLite and PostgreSQL.
package compliancedb

import (
	"ansinh/compliance"
	"ansinh/store"
)

// DB is the compliance store over a database of the store core.
type DB struct{ *store.DB }

// New returns the compliance store over db.
func New(db *store.DB) *DB { return &DB{db} }

var _ compliance.Store = (*DB)(nil)

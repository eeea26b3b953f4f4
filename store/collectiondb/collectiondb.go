// Package collectiondb implements collection.Store on the store core: the
// payment orders and payments, the notices, debts and arrears the monthly
// close leaves, the agents' contracts and collections, and the rows of the
// collection's exports, with SQL written once for SQLite and PostgreSQL.
// The monthly close's own storage is CloseStore (close*.go).
package collectiondb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ansinh/collection"
	"ansinh/store"
)

// Store is the collection's storage in a database.
type Store struct {
	db *store.DB
}

// New returns the collection's storage in db.
func New(db *store.DB) *Store { return &Store{db: db} }

var _ collection.Store = (*Store)(nil)

// Now is the database's clock.
func (s *Store) Now() time.Time { return s.db.Now() }

// byteOrder returns col compared in byte order: SQLite's default; the "C"
// collation on PostgreSQL, whose database collation may follow a locale.
func (s *Store) byteOrder(col string) string {
	if s.db.Engine == store.Postgres {
		return col + ` COLLATE "C"`
	}
	return col
}

// inTx runs fn in one transaction on the writer, committed when fn returns
// nil and rolled back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// collect runs a query on the reader and scans each row with scan.
func collect[T any](ctx context.Context, s *Store, what string, scan func(*sql.Rows) (T, error), q string, args ...any) ([]T, error) {
	rows, err := s.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

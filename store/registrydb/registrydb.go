// Package registrydb keeps the registry (package registry) in the database:
// it implements registry.Store with SQL written once for SQLite and
// PostgreSQL. Writes run in one transaction per registry.Store.Update, run
// again when the database reports a conflict with a concurrent transaction.
package registrydb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ansinh/registry"
	"ansinh/store"
)

// Store is the registry's storage in a database.
type Store struct {
	db *store.DB
}

// New returns the registry's storage in db.
func New(db *store.DB) *Store { return &Store{db: db} }

var _ registry.Store = (*Store)(nil)

// Now is the database's clock.
func (s *Store) Now() time.Time { return s.db.Now() }

// Update runs fn in a transaction of the writer, committed when fn returns
// nil, and again when the database reports a conflict with a concurrent
// transaction (the store core's InTx).
func (s *Store) Update(ctx context.Context, fn func(registry.Tx) error) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		return fn(&txStore{db: s.db, tx: tx})
	})
}

// txStore is the registry inside one transaction.
type txStore struct {
	db *store.DB
	tx *sql.Tx
}

// notFound maps "no rows" to registry.ErrNotFound and wraps other errors
// with what was being done.
func notFound(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return registry.ErrNotFound
	}
	return fmt.Errorf("%s: %w", what, err)
}

// wrap wraps a database error with what was being done.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}

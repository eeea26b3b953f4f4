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

// maxAttempts bounds how often Update runs a transaction that conflicts with
// concurrent ones.
const maxAttempts = 5

// Update runs fn in a transaction of the writer, committed when fn returns
// nil, and again (up to maxAttempts times) when the database reports a
// conflict with a concurrent transaction.
func (s *Store) Update(ctx context.Context, fn func(registry.Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = s.update(ctx, fn)
		if !store.IsConflict(err) || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(attempt*attempt) * 5 * time.Millisecond)
	}
	return err
}

func (s *Store) update(ctx context.Context, fn func(registry.Tx) error) error {
	tx, err := s.db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(&txStore{db: s.db, tx: tx}); err != nil {
		return err
	}
	return tx.Commit()
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

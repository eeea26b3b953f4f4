// Package authdb keeps auth's records — accounts, sessions, API tokens,
// sign-in attempts and the audit log's listing — in the store, on SQLite
// and PostgreSQL with the same SQL. Store implements auth.Store; Registry
// implements auth.Registry over the registry's service and the pick of the
// demonstration accounts' records.
package authdb

import (
	"errors"
	"time"

	"ansinh/auth"
	"ansinh/store"
)

// Store implements auth.Store over an open database.
type Store struct {
	db *store.DB
}

// New returns auth's store over db.
func New(db *store.DB) *Store { return &Store{db: db} }

var _ auth.Store = (*Store)(nil)

// Now is the database's clock.
func (s *Store) Now() time.Time { return s.db.Now() }

// notFound turns the store core's not-found error into auth's.
func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return auth.ErrNotFound
	}
	return err
}

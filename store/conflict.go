package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// IsConflict reports whether err is the database refusing a transaction
// because of a concurrent one, so that running the transaction again may
// succeed: a serialisation failure or deadlock on PostgreSQL (SQLSTATE
// 40001, 40P01), a busy or locked database on SQLite. It is recognised by
// the engine's error code, never by message text.
func IsConflict(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// txAttempts is how many times InTx runs a transaction that the engine
// refused for a conflict (serialisation failure, deadlock, busy).
const txAttempts = 5

// InTx runs fn in a transaction on the writer and commits it; an error
// from fn rolls it back. A transaction the engine refuses for a conflict
// with another (PostgreSQL's serialisation failure or deadlock, SQLite's
// busy or locked) is run again, up to 5 times with a growing pause, so fn
// must have no effect outside the transaction.
func (db *DB) InTx(ctx context.Context, fn func(*sql.Tx) error) error {
	var err error
	for attempt := 0; attempt < txAttempts; attempt++ {
		if attempt > 0 {
			if werr := pause(ctx, attempt); werr != nil {
				return errors.Join(err, werr)
			}
		}
		err = db.tryTx(ctx, fn)
		if !Retryable(err) {
			return err
		}
	}
	return err
}

// tryTx runs fn in one transaction.
func (db *DB) tryTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return commitAfter(tx, fn)
}

// commitAfter runs fn in tx and commits it, or rolls it back if fn fails.
func commitAfter(tx *sql.Tx, fn func(*sql.Tx) error) error {
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// InTxOwnReferences runs fn in one transaction on the writer and commits
// it, for writes whose every reference is to a row the transaction read
// itself (lines of claims selected in it, say): the engine's check of each
// reference, a look-up of its row per row written, cannot fail there. On
// SQLite, where one writer at a time holds the database, the transaction
// runs on a connection with foreign-key enforcement off, turned back on
// after it (a connection that cannot be restored is discarded); on
// PostgreSQL it is an ordinary transaction. Unlike InTx it is not retried.
func (db *DB) InTxOwnReferences(ctx context.Context, fn func(*sql.Tx) error) error {
	if db.Engine != SQLite {
		return db.tryTx(ctx, fn)
	}
	conn, err := db.W.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Enforcement can only be switched outside a transaction.
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	defer resetPragma(ctx, conn, `PRAGMA foreign_keys = ON`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return commitAfter(tx, fn)
}

// resetPragma puts a setting of conn back with pragma, even once ctx has
// ended; a connection whose setting cannot be restored is discarded rather
// than returned to the pool.
func resetPragma(ctx context.Context, conn *sql.Conn, pragma string) {
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), pragma); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}

// pause waits 10 ms × 2^attempt, or until ctx ends.
func pause(ctx context.Context, attempt int) error {
	t := time.NewTimer(10 * time.Millisecond << attempt)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Retryable reports whether err is a conflict that running the same
// transaction again may get past: SQLSTATE 40001 (serialisation failure)
// or 40P01 (deadlock) on PostgreSQL, SQLITE_BUSY or SQLITE_LOCKED on
// SQLite.
func Retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff // the primary code of an extended one
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

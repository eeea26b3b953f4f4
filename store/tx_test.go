package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"ansinh/store"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestInTx: a transaction commits; an error rolls it back; a conflict
// (serialisation failure) runs it again from a clean state, and only the
// last attempt's writes remain.
func TestInTx(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		insert := func(tx *sql.Tx, obj string) error {
			return db.WriteAudit(ctx, tx, store.AuditEntry{Actor: "test", Action: "tx", Object: obj})
		}
		if err := db.InTx(ctx, func(tx *sql.Tx) error { return insert(tx, "committed") }); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		if err := db.InTx(ctx, func(tx *sql.Tx) error { insert(tx, "rolled back"); return boom }); !errors.Is(err, boom) {
			t.Fatalf("error: %v", err)
		}
		attempts := 0
		err := db.InTx(ctx, func(tx *sql.Tx) error {
			attempts++
			if err := insert(tx, "retried"); err != nil {
				return err
			}
			if attempts < 3 {
				return &pgconn.PgError{Code: "40001"}
			}
			return nil
		})
		if err != nil || attempts != 3 {
			t.Fatalf("retry: %d attempts, %v", attempts, err)
		}
		counts := map[string]int{}
		rows, err := db.R.QueryContext(ctx, `SELECT object FROM audit_log WHERE action = 'tx'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var o string
			rows.Scan(&o)
			counts[o]++
		}
		if counts["committed"] != 1 || counts["rolled back"] != 0 || counts["retried"] != 1 {
			t.Errorf("audit rows %v", counts)
		}
		if store.Retryable(boom) || !store.Retryable(&pgconn.PgError{Code: "40P01"}) || store.Retryable(&pgconn.PgError{Code: "23505"}) {
			t.Error("Retryable")
		}
	})
}

// TestInTxOwnReferences commits what fn writes, rolls back when fn fails,
// and leaves the writer enforcing foreign keys afterwards, on both engines.
func TestInTxOwnReferences(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, q := range []string{`CREATE TABLE own_parent (code TEXT PRIMARY KEY)`,
			`CREATE TABLE own_child (id INTEGER PRIMARY KEY, code TEXT NOT NULL REFERENCES own_parent (code))`,
			`INSERT INTO own_parent VALUES ('a')`} {
			if _, err := db.W.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.InTxOwnReferences(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO own_child SELECT 1, code FROM own_parent`)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		failed := errors.New("fn failed")
		if err := db.InTxOwnReferences(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO own_child SELECT 2, code FROM own_parent`); err != nil {
				return err
			}
			return failed
		}); !errors.Is(err, failed) {
			t.Fatalf("got %v, want fn's error", err)
		}
		if n, _ := db.Count(ctx, "own_child"); n != 1 {
			t.Fatalf("%d rows, want the committed one", n)
		}
		for i := range 3 {
			if _, err := db.W.Exec(`INSERT INTO own_child VALUES ($1, 'missing')`, 10+i); err == nil {
				t.Fatal("after the transaction the writer accepted a missing reference")
			}
		}
	})
}

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

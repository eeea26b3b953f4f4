package store

import (
	"context"
	"strings"
	"testing"
)

// migratedBefore returns a new SQLite database migrated up to, not
// including, the migration whose name starts with first: a migration's
// test then loads rows in the schema it finds and applies it.
func migratedBefore(t *testing.T, first string) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+t.TempDir()+"/x.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.W.Exec(createMigrations); err != nil {
		t.Fatal(err)
	}
	names, err := db.migrationNames()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if n >= first {
			break
		}
		b, err := migrations.ReadFile("migrations/sqlite/" + n)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.applyMigration(ctx, n, string(b)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// lines returns the first column of the rows of q, one a line.
func lines(t *testing.T, db *DB, q string) string {
	t.Helper()
	rows, err := db.W.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

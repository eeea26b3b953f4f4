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

// registryRows are a commune, two persons, two employers and import run 7:
// what the rows a migration's test loads refer to.
var registryRows = []string{
	`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('09190', 'Phường Kinh Bắc', 'commune', NULL, '2025-07-01', 'I')`,
	`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES
		('000000000001', 'A', '1980-01-01', 'male', FALSE, '09190'), ('000000000002', 'B', '1985-01-01', 'female', FALSE, '09190')`,
	`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES
		('0100000001', 'Công ty A', 'private', '09190', '2020-01-01'), ('0100000002', 'Công ty B', 'fdi', '09190', '2020-01-01')`,
	`INSERT INTO import_runs (id, kind, file, sha256, actor, started_at, status) VALUES (7, 'employment', 'e.csv', 'x', 'a', '2026-01-01T00:00:00Z', 'committed')`,
}

// spellLines reads every value of every spell, one spell a line, in key
// order (for lines).
const spellLines = `SELECT tax_code || '|' || person_id || '|' || start_month || '|' || coalesce(end_month, '-') || '|' || wage || '|' ||
	contract || '|' || declared_on || '|' || coalesce(run_id, 0) FROM employment ORDER BY tax_code, person_id, start_month`

// execAll runs the statements in order; the test fails at the first error.
func execAll(t *testing.T, db *DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
}

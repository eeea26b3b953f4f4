package store

import (
	"context"
	"strings"
	"testing"
)

// TestMigration0098KeepsSpells checks that the migration that keeps the
// employment table in the order of its key keeps every spell with all its
// values, the table's checks (key, open-spell uniqueness, foreign keys) and
// its indexes but employment_employer.
func TestMigration0098KeepsSpells(t *testing.T) {
	ctx := context.Background()
	db := migratedBefore(t, "0098")
	execAll(t, db, registryRows...)
	execAll(t, db, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on, run_id) VALUES
		('0100000002', '000000000001', '2024-01', '2024-12', 9000000, 'fixed', '2024-01-05', 7),
		('0100000001', '000000000001', '2025-01', NULL, 12000000, 'indefinite', '2025-01-03', NULL),
		('0100000001', '000000000002', '2023-06', '2025-02', 8000000, 'seasonal', '2023-06-01', 7)`)
	read := func() string { return lines(t, db, spellLines) }
	before := read()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if after := read(); after != before {
		t.Fatalf("spells after the migration:\n%s\nwant:\n%s", after, before)
	}
	var ddl string
	if err := db.W.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'employment'`).Scan(&ddl); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(ddl, "WITHOUT ROWID") {
		t.Errorf("employment is not kept in key order: %s", ddl)
	}
	var indexes []string
	rows, err := db.W.Query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'employment' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		indexes = append(indexes, n)
	}
	rows.Close()
	if got := strings.Join(indexes, ","); got != "employment_one_open,employment_person" {
		t.Errorf("indexes %s; want employment_one_open,employment_person", got)
	}
	for _, bad := range []struct{ why, q string }{
		{"a second spell with the same key", `INSERT INTO employment VALUES ('0100000001', '000000000001', '2025-01', '2025-06', 1, 'fixed', '2025-01-03', NULL)`},
		{"a second open spell", `INSERT INTO employment VALUES ('0100000001', '000000000001', '2025-03', NULL, 1, 'fixed', '2025-03-03', NULL)`},
		{"an unknown person", `INSERT INTO employment VALUES ('0100000001', '000000000009', '2025-03', NULL, 1, 'fixed', '2025-03-03', NULL)`},
		{"an unknown employer", `INSERT INTO employment VALUES ('0100000009', '000000000001', '2025-03', NULL, 1, 'fixed', '2025-03-03', NULL)`},
		{"an unknown contract", `INSERT INTO employment VALUES ('0100000002', '000000000002', '2025-03', NULL, 1, 'casual', '2025-03-03', NULL)`},
	} {
		if _, err := db.W.Exec(bad.q); err == nil {
			t.Errorf("%s was accepted", bad.why)
		}
	}
}

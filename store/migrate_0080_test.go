package store

import (
	"context"
	"testing"
)

// TestMigration0080KeepsProcedures checks that rebuilding the procedures
// table on SQLite (to admit benefit claims) keeps its rows, the surveys that
// reference them, and the foreign key from surveys.
func TestMigration0080KeepsProcedures(t *testing.T) {
	ctx := context.Background()
	db := migratedBefore(t, "0080")
	mustExec := func(q string) {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	mustExec(`INSERT INTO procedures (kind, subject, channel, status, submitted_at) VALUES ('payment','x','online','completed','2026-01-01')`)
	mustExec(`INSERT INTO surveys (procedure_id, score, answered_at) VALUES (1, 5, '2026-01-02')`)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	mustExec(`INSERT INTO procedures (kind, subject, channel, status, submitted_at) VALUES ('benefit_claim','x','online','received','2026-01-01')`)
	mustExec(`INSERT INTO surveys (procedure_id, score, answered_at) VALUES (2, 5, '2026-01-02')`)
	if _, err := db.W.Exec(`INSERT INTO surveys (procedure_id, score, answered_at) VALUES (99, 5, '2026-01-02')`); err == nil {
		t.Fatal("fk not enforced")
	}
	var n int
	if err := db.W.QueryRow(`SELECT count(*) FROM procedures p JOIN surveys s ON s.procedure_id = p.id`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("procedures with surveys = %d, %v; want 2", n, err)
	}
}

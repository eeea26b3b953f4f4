package store

import (
	"context"
	"testing"
)

// TestMigration0099KeepsNoticesAndAllocations checks that the migration
// that drops the indexes of notices by payer and of allocations by payment
// keeps every row with its values, the tables' keys and their other
// indexes.
func TestMigration0099KeepsNoticesAndAllocations(t *testing.T) {
	ctx := context.Background()
	db := migratedBefore(t, "0099")
	execAll(t, db,
		`INSERT INTO notices (period, payer, payer_kind, opening_balance, assessed, retroactive, interest, paid, closing_balance, overdue, months_overdue, status, unrated_days) VALUES
			('2026-01', '0100000001', 'employer', 0, 1000, 0, 0, 0, 1000, 0, 0, 'current', 0),
			('2026-02', '0100000001', 'employer', 1000, 1000, 50, 3, 500, 1553, 1000, 1, 'late', 2),
			('2026-02', '000000000001', 'person', 0, 200, 0, 0, 300, -100, 0, 0, 'current', 0)`,
		`INSERT INTO allocations (close_period, account, seq, payer, ref, period, billed_in, part, amount, value_date) VALUES
			('2026-02', '0100000001', 0, '0100000001', 'R1', '2026-01', '2026-01', 'interest', 3, '2026-02-10'),
			('2026-02', '0100000001', 1, '0100000001', 'R1', '2026-01', '2026-01', 'principal', 497, '2026-02-10'),
			('2026-02', '000000000001', 0, '000000000001', 'R9', NULL, NULL, 'credit', 100, '2026-02-03')`)
	read := func(q string) string { return lines(t, db, q) }
	const notices = `SELECT period || '|' || payer || '|' || payer_kind || '|' || opening_balance || '|' || assessed || '|' || retroactive || '|' ||
		interest || '|' || paid || '|' || closing_balance || '|' || overdue || '|' || months_overdue || '|' || status || '|' || unrated_days
		FROM notices ORDER BY period, payer`
	const allocations = `SELECT close_period || '|' || account || '|' || seq || '|' || payer || '|' || ref || '|' || coalesce(period, '-') || '|' ||
		coalesce(billed_in, '-') || '|' || part || '|' || amount || '|' || value_date FROM allocations ORDER BY close_period, account, seq`
	beforeN, beforeA := read(notices), read(allocations)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if after := read(notices); after != beforeN {
		t.Fatalf("notices after the migration:\n%s\nwant:\n%s", after, beforeN)
	}
	if after := read(allocations); after != beforeA {
		t.Fatalf("allocations after the migration:\n%s\nwant:\n%s", after, beforeA)
	}
	if got := read(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('notices', 'allocations') ORDER BY name`); got !=
		"sqlite_autoindex_allocations_1\nsqlite_autoindex_notices_1" {
		t.Errorf("indexes of notices and allocations:\n%s\nwant only their keys'", got)
	}
	for _, bad := range []struct{ why, q string }{
		{"a second notice of a payer for a month", `INSERT INTO notices (period, payer, payer_kind, opening_balance, assessed, retroactive, interest, paid, closing_balance, overdue, months_overdue, status)
			VALUES ('2026-01', '0100000001', 'employer', 0, 0, 0, 0, 0, 0, 0, 0, 'current')`},
		{"a second allocation with the same number", `INSERT INTO allocations (close_period, account, seq, payer, ref, part, amount, value_date)
			VALUES ('2026-02', '0100000001', 1, '0100000001', 'R2', 'credit', 1, '2026-02-11')`},
	} {
		if _, err := db.W.Exec(bad.q); err == nil {
			t.Errorf("%s was accepted", bad.why)
		}
	}
}

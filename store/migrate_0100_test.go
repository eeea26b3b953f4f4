package store

import (
	"context"
	"testing"
)

// TestMigration0100KeepsPostings checks that the migration that keeps the
// payments' postings by close keeps every posting with its values and the
// index by close and account, and drops the key by payment (a payment's
// posting is found through its mark posted_in).
func TestMigration0100KeepsPostings(t *testing.T) {
	ctx := context.Background()
	db := migratedBefore(t, "0100")
	if _, err := db.W.Exec(`INSERT INTO payment_postings (payer, ref, close_period, account, amount, value_date, channel, agent_code) VALUES
		('0100000002', 'R2', '2026-02', '0100000002', 300, '2026-02-03', 'bank', NULL),
		('0100000001', 'R1', '2026-01', '0100000001', 100, '2026-01-05', 'online', NULL),
		('000000000001', 'B1', '2026-02', '000000000001', 42, '2026-02-01', 'agent', 'DL01')`); err != nil {
		t.Fatal(err)
	}
	read := func(q string) string { return lines(t, db, q) }
	const postings = `SELECT payer || '|' || ref || '|' || close_period || '|' || account || '|' || amount || '|' || value_date || '|' ||
		channel || '|' || coalesce(agent_code, '-') FROM payment_postings ORDER BY payer, ref`
	before := read(postings)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if after := read(postings); after != before {
		t.Fatalf("postings after the migration:\n%s\nwant:\n%s", after, before)
	}
	if got := read(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payment_postings' ORDER BY name`); got != "payment_postings_close" {
		t.Errorf("indexes of payment_postings:\n%s\nwant payment_postings_close only", got)
	}
	if got := read(`SELECT group_concat(close_period || '/' || account, ' ') FROM payment_postings`); got != "2026-01/0100000001 2026-02/000000000001 2026-02/0100000002" {
		t.Errorf("postings stored in the order %s; want that of close and account", got)
	}
}

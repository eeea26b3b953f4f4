package store

import (
	"context"
	"testing"
)

// TestMigration0090MarksPostedPayments checks that the migration that adds
// payments.posted_in marks the payments a close posted before it with the
// month of that close, and leaves the others unposted.
func TestMigration0090MarksPostedPayments(t *testing.T) {
	ctx := context.Background()
	db := migratedBefore(t, "0090")
	execAll(t, db,
		`INSERT INTO payments (ref, payer, amount, paid_on, channel) VALUES ('r1', 'p', 100, '2026-01-05', 'bank'), ('r2', 'p', 200, '2026-02-05', 'bank')`,
		`INSERT INTO payment_postings (payer, ref, close_period, account, amount, value_date, channel) VALUES ('p', 'r1', '2026-01', 'p', 100, '2026-01-05', 'bank')`)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for ref, want := range map[string]string{"r1": "2026-01", "r2": ""} {
		var got string
		if err := db.W.QueryRow(`SELECT coalesce(posted_in, '') FROM payments WHERE ref = $1`, ref).Scan(&got); err != nil || got != want {
			t.Errorf("payment %s posted in %q, %v; want %q", ref, got, err, want)
		}
	}
}

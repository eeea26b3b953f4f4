package store

import (
	"context"
	"testing"
)

// TestMigration0095KeepsAdjustmentTexts checks that the migration that
// moves the payroll lines' adjustment texts into payroll_adjustments keeps
// every line's text, numbered within its period, and its amount, now
// computed from its parts.
func TestMigration0095KeepsAdjustmentTexts(t *testing.T) {
	ctx := context.Background()
	db := migratedBefore(t, "0095")
	lines := []struct {
		period string
		claim  int
		text   string
	}{
		{"2026-01", 1, "Nghị định A; Nghị định B"}, {"2026-01", 2, "Nghị định B"}, {"2026-01", 3, ""},
		{"2026-02", 1, "Nghị định A; Nghị định B"}, {"2026-02", 2, "Nghị định B (chưa xác minh; chỉ một số nhóm)"},
	}
	for _, q := range []string{
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('09190', 'Phường Kinh Bắc', 'commune', NULL, '2025-07-01', 'I')`,
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('000000000001', 'A', '1960-01-01', 'male', FALSE, '09190')`,
		`INSERT INTO benefit_claims (id, person_id, kind, status, channel, request, filed_by, filed_at) VALUES
			(1, '000000000001', 'pension', 'in_payment', 'counter', '{}', 'a', '2026-01-01T00:00:00Z'),
			(2, '000000000001', 'pension', 'in_payment', 'counter', '{}', 'a', '2026-01-01T00:00:00Z'),
			(3, '000000000001', 'social_pension', 'in_payment', 'counter', '{}', 'a', '2026-01-01T00:00:00Z')`,
	} {
		if _, err := db.W.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	for _, l := range lines {
		if _, err := db.W.Exec(`INSERT INTO payroll_lines (period, claim_id, person_id, kind, status, monthly, arrears, lump_sum, recovery, amount, adjustment, stop_reason)
			VALUES ($1, $2, '000000000001', 'pension', 'pay', 1000, 200, 30, 4, 1226, $3, '')`, l.period, l.claim, l.text); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		var got string
		var amount int64
		if err := db.W.QueryRow(`SELECT COALESCE(j.sources, ''), l.amount FROM payroll_lines l LEFT JOIN payroll_adjustments j ON j.period = l.period AND j.no = l.adjustment_no
			WHERE l.period = $1 AND l.claim_id = $2`, l.period, l.claim).Scan(&got, &amount); err != nil || got != l.text || amount != 1226 {
			t.Errorf("line %s/%d: adjustment %q, amount %d, %v; want %q, 1226", l.period, l.claim, got, amount, err, l.text)
		}
	}
	var n int
	if err := db.W.QueryRow(`SELECT count(*) FROM payroll_adjustments`).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d texts, %v; want 4 (2 a month)", n, err)
	}
}

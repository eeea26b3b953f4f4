package store

import (
	"context"
	"strings"
	"testing"
)

// TestMigration0101KeepsRowsAndChecks checks that the migration that
// rewrites the value-list checks of the tables loaded by the million keeps
// every row with its values, the tables' indexes, and refuses what the
// lists refused (and only that).
func TestMigration0101KeepsRowsAndChecks(t *testing.T) {
	ctx := context.Background()
	db := migratedBefore(t, "0101")
	execAll(t, db, registryRows...)
	execAll(t, db,
		`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on, run_id) VALUES
			('0100000001', '000000000001', '2024-01', '2024-12', 9000000, 'fixed', '2024-01-05', 7),
			('0100000001', '000000000001', '2025-01', NULL, 12000000, 'indefinite', '2025-01-03', NULL),
			('0100000001', '000000000002', '2023-06', '2025-02', 8000000, 'seasonal', '2023-06-01', 7)`,
		`INSERT INTO si_history (person_id, from_month, to_month, scheme, wage, employer_name, source_ref, run_id) VALUES
			('000000000001', '1985-01', '1999-12', 'state', 2500000, 'Sở Y tế', 'SỔ 1', 7),
			('000000000001', '2000-01', '2010-06', 'contract', 4000000, 'Công ty B', 'SỔ 1', NULL),
			('000000000002', '2010-01', '2012-12', 'voluntary', 3000000, '', 'SỔ 2', 7)`,
		`INSERT INTO beneficiaries (person_id, kind, start_month, end_month, monthly_amount, run_id) VALUES
			('000000000001', 'pension', '2020-02', NULL, 6500000, 7),
			('000000000001', 'monthly_si_benefit', '2019-01', '2019-12', 2000000, NULL),
			('000000000002', 'social_pension', '2024-01', NULL, 500000, 7)`,
		`INSERT INTO household_status (person_id, year, status, run_id) VALUES
			('000000000001', 2025, 'poor', 7), ('000000000001', 2026, 'near_poor', NULL), ('000000000002', 2026, 'none', 7)`)
	tables := map[string]string{
		"employment": spellLines,
		"si_history": `SELECT person_id || '|' || from_month || '|' || to_month || '|' || scheme || '|' || wage || '|' ||
			employer_name || '|' || source_ref || '|' || coalesce(run_id, 0) FROM si_history ORDER BY person_id, from_month`,
		"beneficiaries": `SELECT person_id || '|' || kind || '|' || start_month || '|' || coalesce(end_month, '-') || '|' ||
			monthly_amount || '|' || coalesce(run_id, 0) FROM beneficiaries ORDER BY person_id, kind, start_month`,
		"household_status": `SELECT person_id || '|' || year || '|' || status || '|' || coalesce(run_id, 0) FROM household_status ORDER BY person_id, year`,
		"indexes":          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('employment', 'si_history', 'beneficiaries', 'household_status') ORDER BY name`,
	}
	before := map[string]string{}
	for name, q := range tables {
		before[name] = lines(t, db, q)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for name, q := range tables {
		if after := lines(t, db, q); after != before[name] {
			t.Errorf("%s after the migration:\n%s\nwant:\n%s", name, after, before[name])
		}
	}
	if ddl := lines(t, db, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('employment', 'si_history', 'beneficiaries', 'household_status')`); strings.Contains(ddl, " IN (") {
		t.Errorf("a check still tests a list:\n%s", ddl)
	}
	for _, c := range []struct {
		q  string
		ok bool
	}{
		{`INSERT INTO employment VALUES ('0100000001', '000000000002', '2025-03', NULL, 1, 'casual', '2025-03-03', NULL)`, false},
		{`INSERT INTO employment VALUES ('0100000001', '000000000002', '2025-03', NULL, 1, 'seasonal', '2025-03-03', NULL)`, true},
		{`INSERT INTO employment VALUES ('0100000001', '000000000002', '2025-04', NULL, 1, 'fixed', '2025-04-03', NULL)`, false}, // a second open spell
		{`INSERT INTO si_history VALUES ('000000000002', '2013-01', '2013-12', 'private', 1, '', 'SỔ 2', NULL)`, false},
		{`INSERT INTO si_history VALUES ('000000000002', '2013-01', '2013-12', 'contract', 1, '', 'SỔ 2', NULL)`, true},
		{`INSERT INTO si_history VALUES ('000000000009', '2013-01', '2013-12', 'contract', 1, '', 'SỔ 9', NULL)`, false}, // an unknown person
		{`INSERT INTO beneficiaries VALUES ('000000000002', 'survivor', '2024-01', NULL, 1, NULL)`, false},
		{`INSERT INTO beneficiaries VALUES ('000000000002', 'pension', '2024-01', NULL, 1, NULL)`, true},
		{`INSERT INTO household_status VALUES ('000000000002', 2025, 'rich', NULL)`, false},
		{`INSERT INTO household_status VALUES ('000000000002', 2025, 'near_poor', NULL)`, true},
		{`INSERT INTO household_status VALUES ('000000000002', 2025, 'poor', NULL)`, false}, // the same key
	} {
		if _, err := db.W.Exec(c.q); (err == nil) != c.ok {
			t.Errorf("%s: error %v, want accepted %t", c.q, err, c.ok)
		}
	}
}

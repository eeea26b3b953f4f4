package benefitsdb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/benefitsdb"
	"ansinh/store/storetest"
)

// seedVaried loads n people with claims of every kind, starts from 2017 to
// 2026 (before and after each adjustment decree), lump sums, UI benefits
// that end or are cut by a new job, and deaths, all approved on various
// dates.
func seedVaried(t *testing.T, db *store.DB, n int) {
	t.Helper()
	exec(t, db,
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('09190', 'Phường Kinh Bắc', 'commune', NULL, '2025-07-01', 'I')`,
		`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES ('0101234567', 'Công ty TNHH Kinh Bắc', 'private', '09190', '2005-01-01')`)
	kinds := []string{"pension", "pension", "pension", "pension", "social_pension", "ui", "withdrawal", "pension", "social_pension", "ui"}
	var qs []string
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("%012d", i)
		kind := kinds[i%len(kinds)]
		start := ansinh.MustParsePeriod("2017-01") + ansinh.Period(i*7%112)
		decided := (start + ansinh.Period(i%5)).First().String() + "T00:00:00.000000Z"
		end, lump := "NULL", 0
		if kind == "ui" {
			end = "'" + (start + 5).String() + "'"
		}
		if i%4 == 0 || kind == "withdrawal" {
			lump = 10_000_000 + i*1000
		}
		qs = append(qs, `INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('`+id+`', 'Người hưởng `+id+`', '1960-01-01', 'male', FALSE, '09190')`,
			fmt.Sprintf(`INSERT INTO benefit_claims (person_id, kind, status, channel, request, monthly, lump_sum, start_month, end_month, filed_by, filed_at, checked_by, checked_at, decided_by, decided_at)
				VALUES ('%s', '%s', 'approved', 'counter', '{}', %d, %d, '%s', %s, 'a', '%s', 'a', '%s', 'b', '%s')`,
				id, kind, 3_000_001+i*977, lump, start, end, decided, decided, decided))
		if kind == "ui" && i%3 == 0 {
			qs = append(qs, `INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on)
				VALUES ('0101234567', '`+id+`', '`+(start+2).String()+`', NULL, 9000000, 'indefinite', '`+(start+2).First().String()+`')`)
		}
		if i%13 == 0 {
			qs = append(qs, deathSQL(id, start+ansinh.Period(i%11)))
		}
	}
	exec(t, db, qs...)
}

// deathSQL records the death of person id on the 20th of month m.
func deathSQL(id string, m ansinh.Period) string {
	return `INSERT INTO person_deaths (person_id, died_on, source_ref) VALUES ('` + id + `', '` + m.First().AddDays(19).String() + `', 'KT-` + id + `')`
}

// TestPlannedLinesMatchRules runs a series of payrolls (following each
// other, with skipped months, the month of a decree, months where
// unemployment benefits end, deaths learnt after months were paid) on
// two copies of a varied province: one with the lines the database writes
// itself, one with every line computed by benefits.ComputeLine. Every
// line and every claim's status end equal.
func TestPlannedLinesMatchRules(t *testing.T) {
	periods := []string{"2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-12", "2025-01", "2026-03"}
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			dbs := []*store.DB{storetest.Open(t, engine), storetest.Open(t, engine)}
			stores := []benefits.Store{benefitsdb.New(dbs[0]), benefitsdb.ComputedOnly(dbs[1])}
			for _, db := range dbs {
				seedVaried(t, db, 600)
			}
			var all []benefits.Line
			for _, ps := range periods {
				p := ansinh.MustParsePeriod(ps)
				var got [2][]benefits.Line
				for k, st := range stores {
					svc := &benefits.Service{Store: st, Params: rules.Default(), PayrollBatch: 97,
						Now: func() time.Time { return time.Date(p.Year(), time.Month(p.Month()), 10, 9, 0, 0, 0, ansinh.Vietnam) }}
					res, err := svc.Payroll(ctx, p, "cli:test")
					if err != nil {
						t.Fatalf("%s %s: %v", ps, engine, err)
					}
					got[k] = res.Lines
					if ps == "2024-07" {
						// Deaths learnt after May was paid: recoveries.
						var qs []string
						for i := 17; i <= 600; i += 17 {
							if i%13 != 0 {
								qs = append(qs, deathSQL(fmt.Sprintf("%012d", i), ansinh.MustParsePeriod("2024-05")))
							}
						}
						exec(t, dbs[k], qs...)
					}
				}
				if a, b := linesText(got[0]), linesText(got[1]); a != b {
					t.Fatalf("%s: planned lines differ from computed ones:\n%s", ps, firstDiff(a, b))
				}
				all = append(all, got[0]...)
			}
			if a, b := claimsText(t, dbs[0]), claimsText(t, dbs[1]); a != b {
				t.Fatalf("claims differ:\n%s", firstDiff(a, b))
			}
			checkVariety(t, all)
			checkStops(t, dbs[0])
		})
	}
}

// linesText writes every field of the lines, one a line.
func linesText(lines []benefits.Line) string {
	var sb strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&sb, "%+v\n", l)
	}
	return sb.String()
}

// claimsText writes every claim's payroll state, one a line.
func claimsText(t *testing.T, db *store.DB) string {
	t.Helper()
	rows, err := db.R.Query(`SELECT id, status, COALESCE(stop_month, ''), stop_reason, COALESCE(end_month, '') FROM benefit_claims ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var sb strings.Builder
	for rows.Next() {
		var id int64
		var status, stop, reason, end string
		if err := rows.Scan(&id, &status, &stop, &reason, &end); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&sb, "%d %s %s %s %s\n", id, status, stop, reason, end)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

// firstDiff returns the first differing line of a and b.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "planned:  " + la[i] + "\ncomputed: " + lb[i]
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}

// checkVariety fails unless the lines show every case the payroll
// handles, so that the comparison covers them.
func checkVariety(t *testing.T, lines []benefits.Line) {
	t.Helper()
	seen := map[string]int{}
	for _, l := range lines {
		for name, ok := range map[string]bool{"arrears": l.Arrears > 0, "lump sum": l.LumpSum > 0, "recovery": l.Recovery > 0,
			"adjustment": l.Adjustment != "", "two decrees": strings.Contains(l.Adjustment, ";"), "death": l.StopReason == "death",
			"reemployment": l.StopReason == "reemployment", "end of entitlement": l.StopReason == "end_of_entitlement",
			"withdrawal": l.Kind == benefits.KindWithdrawal, "social pension": l.Kind == benefits.KindSocial} {
			if ok {
				seen[name]++
			}
		}
	}
	for _, name := range []string{"arrears", "lump sum", "recovery", "adjustment", "two decrees", "death", "reemployment", "end of entitlement", "withdrawal", "social pension"} {
		if seen[name] == 0 {
			t.Errorf("no line with %s among %d", name, len(lines))
		}
	}
}

// checkStops fails unless every claim the payrolls stopped for a death
// stops the month after it and ends the month of it, and every paid
// withdrawal stops the month after its own, with at least one of each.
func checkStops(t *testing.T, db *store.DB) {
	t.Helper()
	rows, err := db.R.Query(`SELECT c.id, c.kind, c.stop_reason, c.stop_month, c.end_month, c.start_month, COALESCE(CAST(d.died_on AS TEXT), '')
		FROM benefit_claims c LEFT JOIN person_deaths d ON d.person_id = c.person_id WHERE c.status = 'stopped'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]int{}
	for rows.Next() {
		var id int64
		var kind, reason, stop, end, start, died string
		if err := rows.Scan(&id, &kind, &reason, &stop, &end, &start, &died); err != nil {
			t.Fatal(err)
		}
		want := ""
		switch reason {
		case "death":
			d, err := ansinh.ParseDate(died)
			if err != nil {
				t.Fatalf("claim %d stopped for a death: %q, %v", id, died, err)
			}
			want = (d.Period() + 1).String()
		case "paid":
			want = (ansinh.MustParsePeriod(start) + 1).String()
		default:
			continue
		}
		seen[reason]++
		if stop != want || end != (ansinh.MustParsePeriod(want)-1).String() {
			t.Errorf("claim %d (%s) stopped for %s from %s to %s; want from %s", id, kind, reason, stop, end, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen["death"] == 0 || seen["paid"] == 0 {
		t.Errorf("stops checked: %v; want deaths and paid withdrawals", seen)
	}
}

package compliancedb_test

import (
	"context"
	"fmt"
	"testing"

	"ansinh"
	"ansinh/store/compliancedb"
	"ansinh/store/storetest"
)

// TestMonthVersions: the latest version of each month of the tax records
// (grouped by the database on PostgreSQL, here on SQLite) is what grouping
// every record in SQL gives: a month rewritten by a later run, months of
// one run, a record of no run.
func TestMonthVersions(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			ctx := context.Background()
			var first, second [][]any
			for p := 0; p < 30; p++ {
				for m := 1; m <= 6; m++ {
					first = append(first, []any{taxA, fmt.Sprintf("0010900%05d", p), fmt.Sprintf("2025-%02d", m), int64(5_000_000 + p)})
				}
				second = append(second, []any{taxA, fmt.Sprintf("0010900%05d", p), "2025-03", int64(6_000_000 + p)})
			}
			run1 := load(t, db, "tax_wages", taxCols, taxKey, first)
			run2 := load(t, db, "tax_wages", taxCols, taxKey, second)
			if _, err := db.W.ExecContext(ctx, `INSERT INTO tax_wages (tax_code, person_id, month, wage_income) VALUES ($1, $2, '2025-09', 1)`, taxA, "001090099999"); err != nil {
				t.Fatal(err)
			}
			want := map[ansinh.Period]int64{}
			rows, err := db.R.QueryContext(ctx, `SELECT month, max(coalesce(run_id, 0)) FROM tax_wages GROUP BY month`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var m ansinh.Period
				var v int64
				if err := rows.Scan(&m, &v); err != nil {
					t.Fatal(err)
				}
				want[m] = v
			}
			rows.Close()
			got, err := compliancedb.New(db).MonthVersions(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != 7 || got[ansinh.MustParsePeriod("2025-03")] != run2 ||
				got[ansinh.MustParsePeriod("2025-01")] != run1 || got[ansinh.MustParsePeriod("2025-09")] != 0 {
				t.Fatalf("versions by month %v, want %v (runs %d, %d)", got, want, run1, run2)
			}
		})
	}
}

package benefitsdb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ansinh/store"
	"ansinh/store/benefitsdb"
	"ansinh/store/storetest"
)

// TestMonthlyBenefitUsesThePersonsIndex checks the plan of the question
// every estimate and claim asks (does the person already draw a pension?):
// a search of the person's claims, never of every claim of a kind, which
// made each estimate read all the province's pensions.
func TestMonthlyBenefitUsesThePersonsIndex(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			db := storetest.Open(t, engine)
			text := queryPlan(t, db, benefitsdb.MonthlyBenefitSQL, "001090000001", "2026-03")
			if !strings.Contains(text, "benefit_claims_person") || strings.Contains(text, "benefit_claims_kind") {
				t.Fatalf("plan of the monthly benefit question:\n%s", text)
			}
		})
	}
}

// queryPlan returns the plan of q on the engine. On PostgreSQL scans of
// whole tables are forbidden (the tables are empty), to see which index
// serves the query.
func queryPlan(t *testing.T, db *store.DB, q string, args ...any) string {
	ctx := context.Background()
	conn, err := db.R.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	explain := "EXPLAIN QUERY PLAN "
	if db.Engine == store.Postgres {
		explain = "EXPLAIN "
		for _, set := range []string{"enable_seqscan", "enable_bitmapscan"} {
			if _, err := conn.ExecContext(ctx, `SET `+set+` = off`); err != nil {
				t.Fatal(err)
			}
		}
	}
	rows, err := conn.QueryContext(ctx, explain+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(any)
		}
		if err := rows.Scan(vals...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, fmt.Sprint(*(vals[len(vals)-1].(*any))))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n") + "\n"
}

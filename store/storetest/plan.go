package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ansinh/store"
)

// QueryPlan returns the plan of q on db's engine, a line per step: SQLite's
// EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN with scans of whole tables,
// bitmap scans and sorts forbidden (a test's tables are tiny), to see
// whether an index can serve the query at all.
func QueryPlan(tb testing.TB, db *store.DB, q string, args ...any) string {
	tb.Helper()
	ctx := context.Background()
	conn, err := db.R.Conn(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	explain := "EXPLAIN QUERY PLAN "
	if db.Engine == store.Postgres {
		explain = "EXPLAIN "
		for _, set := range []string{"enable_seqscan", "enable_bitmapscan", "enable_sort"} {
			if _, err := conn.ExecContext(ctx, `SET `+set+` = off`); err != nil {
				tb.Fatal(err)
			}
		}
	}
	rows, err := conn.QueryContext(ctx, explain+q, args...)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		tb.Fatal(err)
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(any)
		}
		if err := rows.Scan(vals...); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, fmt.Sprint(*(vals[len(vals)-1].(*any))))
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(lines, "\n") + "\n"
}

package collectiondb_test

import (
	"context"
	"database/sql"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"ansinh"
	"ansinh/collection"
	"ansinh/collection/fixture"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
)

// TestNoticesAndAllocationsReadByKey checks, on every engine, that the
// notices of a payer and the allocations of a payment are read along the
// tables' keys (migration 0099 dropped the indexes by payer), and that
// they are what a search of the whole table by payer and payment finds,
// after closes with payments, credits and late declarations.
func TestNoticesAndAllocationsReadByKey(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, e)
			for _, q := range []struct {
				sql   string
				args  []any
				table string
			}{
				{collectiondb.NoticesOfSQL, []any{"0100000001"}, "notices"},
				{collectiondb.AllocationsOfSQL, []any{"0100000001", "R1"}, "allocations"},
			} {
				plan := storetest.QueryPlan(t, db, q.sql, q.args...)
				if strings.Contains(plan, "SCAN "+q.table) || strings.Contains(plan, "SCAN n\n") || strings.Contains(plan, "SCAN a\n") ||
					strings.Contains(plan, "Seq Scan") || strings.Contains(plan, "notices_payer") || strings.Contains(plan, "allocations_payment") {
					t.Errorf("plan of the read of %s:\n%s", q.table, plan)
				}
			}
			cfg := fixture.Config{Seed: 3, Workers: 300, From: ansinh.MustParsePeriod("2025-01"), Through: ansinh.MustParsePeriod("2025-06"),
				Late: true, Payments: true}
			if err := fixture.Load(ctx, db, cfg); err != nil {
				t.Fatal(err)
			}
			if _, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), cfg.Through, collection.Options{From: cfg.From, Actor: "test"}); err != nil {
				t.Fatal(err)
			}
			s := collectiondb.New(db)
			payers := strings_(t, db.R.QueryContext, `SELECT DISTINCT payer FROM notices ORDER BY payer`)
			if len(payers) < 10 {
				t.Fatalf("%d payers with notices", len(payers))
			}
			for _, payer := range payers {
				got, err := s.NoticesOf(ctx, payer)
				if err != nil {
					t.Fatal(err)
				}
				want := strings_(t, db.R.QueryContext, `SELECT period FROM notices WHERE payer = $1 ORDER BY period DESC`, payer)
				var periods []string
				for _, n := range got {
					periods = append(periods, n.Period.String())
					if n.Payer != payer {
						t.Fatalf("notice of %s for %s", n.Payer, payer)
					}
				}
				if !reflect.DeepEqual(periods, want) {
					t.Fatalf("notices of %s: %v; want %v", payer, periods, want)
				}
			}
			rows, err := db.R.QueryContext(ctx, `SELECT payer, ref FROM payments ORDER BY payer, ref`)
			if err != nil {
				t.Fatal(err)
			}
			var payments [][2]string
			for rows.Next() {
				var p [2]string
				if err := rows.Scan(&p[0], &p[1]); err != nil {
					t.Fatal(err)
				}
				payments = append(payments, p)
			}
			rows.Close()
			allocated := 0
			for _, p := range payments {
				got, err := s.AllocationsOf(ctx, p[0], p[1])
				if err != nil {
					t.Fatal(err)
				}
				var have []string
				for _, a := range got {
					have = append(have, a.ClosePeriod.String()+"|"+a.Account+"|"+period(a.Period)+"|"+a.Part+"|"+strconv.FormatInt(a.Amount, 10)+"|"+a.ValueDate.String())
				}
				want := strings_(t, db.R.QueryContext, `SELECT close_period || '|' || account || '|' || coalesce(period, '') || '|' || part || '|' || amount || '|' || value_date
					FROM allocations WHERE payer = $1 AND ref = $2 ORDER BY close_period, account, seq`, p[0], p[1])
				if !reflect.DeepEqual(have, want) {
					t.Fatalf("allocations of %v: %v; want %v", p, have, want)
				}
				if len(want) > 0 {
					allocated++
				}
			}
			if allocated < 10 {
				t.Fatalf("%d payments allocated", allocated)
			}
		})
	}
}

// period returns p, or "" for the zero month (credit).
func period(p ansinh.Period) string {
	if p == 0 {
		return ""
	}
	return p.String()
}

// strings_ returns the first column of the rows of q.
func strings_(t *testing.T, query func(context.Context, string, ...any) (*sql.Rows, error), q string, args ...any) []string {
	t.Helper()
	rows, err := query(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

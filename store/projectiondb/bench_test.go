package projectiondb_test

import (
	"context"
	"fmt"
	"testing"

	"ansinh"
	"ansinh/store"
	"ansinh/store/projectiondb"
	"ansinh/store/storetest"
)

// generate fills an SQLite registry with n workers in SQL (a recursive
// sequence): one current spell each, an earlier spell for a third of them,
// a twentieth who stopped in 2026-06; n/30 voluntary members and n/7
// pensioners.
func generate(b *testing.B, db *store.DB, n int) {
	ctx := context.Background()
	seq := fmt.Sprintf("WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %d) ", n+n/30+n/7)
	for _, q := range []string{
		`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES ('2401000018', 'Công ty', 'private', '07210', '2000-01-01')`,
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) ` + seq +
			`SELECT printf('%012d', n), 'Người', date('1950-01-01', '+' || (n % 20000) || ' days'), CASE n % 2 WHEN 0 THEN 'male' ELSE 'female' END, 0, '07210' FROM seq`,
		`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) ` + seq +
			`SELECT '2401000018', printf('%012d', n), printf('%04d-%02d', 2010 + n % 16, 1 + n % 12), CASE WHEN n % 20 = 0 THEN '2026-06' END, 5000000 + (n % 200) * 100000, 'indefinite', '2018-01-01' FROM seq WHERE n <= ` + fmt.Sprint(n),
		`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) ` + seq +
			`SELECT '2401000018', printf('%012d', n), '2005-01', '2009-12', 4000000, 'fixed', '2018-01-01' FROM seq WHERE n <= ` + fmt.Sprint(n) + ` AND n % 3 = 0`,
		`INSERT INTO voluntary (person_id, start_month, end_month, income, mode, category) ` + seq +
			`SELECT printf('%012d', n), '2022-01', NULL, 2000000, 'monthly', 'other' FROM seq WHERE n > ` + fmt.Sprint(n) + ` AND n <= ` + fmt.Sprint(n+n/30),
		`INSERT INTO beneficiaries (person_id, kind, start_month, end_month, monthly_amount) ` + seq +
			`SELECT printf('%012d', n), 'pension', '2020-01', NULL, 6500000 FROM seq WHERE n > ` + fmt.Sprint(n+n/30),
		`INSERT INTO labor_force (unit_code, year, labor_force, over_retirement_age) VALUES ('07210', 2026, ` + fmt.Sprint(2*n) + `, ` + fmt.Sprint(n/3) + `)`,
	} {
		if _, err := db.W.ExecContext(ctx, q); err != nil {
			b.Fatalf("%s: %v", q[:60], err)
		}
	}
}

// BenchmarkStartState aggregates the start state of a 1,000,000-worker
// registry on SQLite (the data generated in SQL beforehand).
func BenchmarkStartState(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	generate(b, db, 1_000_000)
	s := projectiondb.New(db)
	b.ResetTimer()
	for b.Loop() {
		st, err := s.StartState(context.Background(), ansinh.MustParsePeriod("2026-12"))
		if err != nil {
			b.Fatal(err)
		}
		if len(st.Members) == 0 {
			b.Fatal("no members")
		}
	}
}

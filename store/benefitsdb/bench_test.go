package benefitsdb_test

import (
	"context"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"ansinh"
	"ansinh/benefits"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/benefitsdb"
	"ansinh/store/storetest"
)

// benchBeneficiaries is the number of claims in payment the benchmark pays
// (ANSINH_BENCH_BENEFICIARIES, default 300,000).
func benchBeneficiaries() int {
	if n, err := strconv.Atoi(os.Getenv("ANSINH_BENCH_BENEFICIARIES")); err == nil && n > 0 {
		return n
	}
	return 300_000
}

// seedBeneficiaries loads n persons, each with a pension in payment from
// 2026-01 of a different amount.
func seedBeneficiaries(b *testing.B, db *store.DB, n int) {
	b.Helper()
	series := `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ` + strconv.Itoa(n) + `) `
	id, decided := `printf('%012d', i)`, `'2026-01-01T00:00:00.000000Z'`
	if db.Engine == store.Postgres {
		series, id, decided = ``, `lpad(i::text, 12, '0')`, `TIMESTAMPTZ '2026-01-01T00:00:00Z'`
	}
	from := ` FROM s`
	if db.Engine == store.Postgres {
		from = ` FROM generate_series(1, ` + strconv.Itoa(n) + `) AS s(i)`
	}
	execB(b, db,
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('09190', 'Phường Kinh Bắc', 'commune', NULL, '2025-07-01', 'I')`,
		series+`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) SELECT `+id+`, 'Người hưởng ' || i, '1960-01-01', 'male', FALSE, '09190'`+from,
		series+`INSERT INTO benefit_claims (person_id, kind, status, channel, request, monthly, lump_sum, start_month, filed_by, filed_at, checked_by, checked_at, decided_by, decided_at)
			SELECT `+id+`, 'pension', 'in_payment', 'counter', '{}', 4000000 + (i % 1000) * 1000, 0, '2026-01', 'bench', `+decided+`, 'a', `+decided+`, 'b', `+decided+from,
	)
}

// exec runs statements or fails the benchmark.
func execB(b *testing.B, db *store.DB, qs ...string) {
	b.Helper()
	for _, q := range qs {
		if _, err := db.W.Exec(q); err != nil {
			b.Fatalf("%.200s: %v", q, err)
		}
	}
}

// resetPayroll removes the payroll written, so that the next run writes
// it again.
func resetPayroll(b *testing.B, db *store.DB) {
	b.Helper()
	execB(b, db, `DELETE FROM payroll_lines`, `DELETE FROM payroll_batches`, `DELETE FROM payroll_runs`,
		`UPDATE benefit_claims SET status = 'in_payment' WHERE status <> 'in_payment'`)
}

// BenchmarkPayroll runs the payroll job of 300,000 pensions in payment
// (every line computed: arrears since January, indexation; written in
// batches with their done marks) on each engine, against one INSERT …
// SELECT of the same rows into payroll_lines. Reading the lines back for
// the bank file is BenchmarkBankFile.
//
//	go test -run '^$' -bench Payroll -benchtime 3x ./store/benefitsdb/
func BenchmarkPayroll(b *testing.B) {
	n := benchBeneficiaries()
	for _, engine := range storetest.Engines(b) {
		db := storetest.Open(b, engine)
		seedBeneficiaries(b, db, n)
		svc := &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(),
			Now: func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, ansinh.Vietnam) }}
		period := ansinh.MustParsePeriod("2026-03")
		b.Run(string(engine)+"/payroll", func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				resetPayroll(b, db)
				b.StartTimer()
				res, err := svc.RunPayroll(context.Background(), period, "bench")
				if err != nil {
					b.Fatal(err)
				}
				if res.Already {
					b.Fatal("already done")
				}
			}
			b.ReportMetric(float64(n), "beneficiaries")
		})
		b.Run(string(engine)+"/insert-select", func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				resetPayroll(b, db)
				b.StartTimer()
				execB(b, db, `INSERT INTO payroll_lines (period, claim_id, person_id, kind, status, monthly, arrears, lump_sum, recovery, amount, adjustment, stop_reason)
					SELECT '2026-03', c.id, c.person_id, c.kind, 'pay', c.monthly, 2 * c.monthly, c.lump_sum, 0, 3 * c.monthly + c.lump_sum, '', ''
					FROM benefit_claims c WHERE c.status IN ('approved', 'in_payment')`)
			}
		})
	}
}

// BenchmarkBankFile reads a payroll of 300,000 lines back and writes the
// bank transfer file (CSV).
//
//	go test -run '^$' -bench BankFile -benchtime 3x ./store/benefitsdb/
func BenchmarkBankFile(b *testing.B) {
	n := benchBeneficiaries()
	for _, engine := range storetest.Engines(b) {
		db := storetest.Open(b, engine)
		seedBeneficiaries(b, db, n)
		svc := &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(),
			Now: func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, ansinh.Vietnam) }}
		period := ansinh.MustParsePeriod("2026-03")
		if _, err := svc.RunPayroll(context.Background(), period, "bench"); err != nil {
			b.Fatal(err)
		}
		b.Run(string(engine), func(b *testing.B) {
			for range b.N {
				lines, err := svc.Store.PayrollLines(context.Background(), ansinh.Scope{All: true}, period)
				if err != nil {
					b.Fatal(err)
				}
				if err := benefits.WriteBankCSV(io.Discard, lines); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package benefitsdb_test

import (
	"context"
	"io"
	"os"
	"strconv"
	"syscall"
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

// seedBeneficiaries loads n persons, each with a benefit (the mix in
// benchMix), and the payroll of February 2026; then the events learnt since:
// one person in 200 died in January (paid for February: a recovery), and
// one claim in 100 is a pension approved on 1 March 2026, paid from January
// (arrears, and a lump sum for one in ten of them). It returns the service
// whose clock is in March.
func seedBeneficiaries(b *testing.B, db *store.DB, n int) *benefits.Service {
	b.Helper()
	series := `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ` + strconv.Itoa(n) + `) `
	id, from := `printf('%012d', i)`, ` FROM s`
	stamp := func(d string) string { return `'` + d + `T00:00:00.000000Z'` }
	if db.Engine == store.Postgres {
		series, id, from = ``, `lpad(i::text, 12, '0')`, ` FROM generate_series(1, `+strconv.Itoa(n)+`) AS s(i)`
		stamp = func(d string) string { return `TIMESTAMPTZ '` + d + `T00:00:00Z'` }
	}
	month := func(first string) string { // first + (i % 84) months, as 'YYYY-MM'
		if db.Engine == store.Postgres {
			return `to_char(DATE '` + first + `-01' + ((i % 84) * INTERVAL '1 month'), 'YYYY-MM')`
		}
		return `strftime('%Y-%m', '` + first + `-01', '+' || (i % 84) || ' months')`
	}
	claims := `INSERT INTO benefit_claims (person_id, kind, status, channel, request, monthly, lump_sum, start_month, end_month, filed_by, filed_at, checked_by, checked_at, decided_by, decided_at) `
	execB(b, db,
		`INSERT INTO units (code, name, level, parent_code, valid_from, region) VALUES ('09190', 'Phường Kinh Bắc', 'commune', NULL, '2025-07-01', 'I')`,
		`INSERT INTO employers (tax_code, name, kind, commune_code, registered_on) VALUES ('0101234567', 'Công ty TNHH Kinh Bắc', 'private', '09190', '2005-01-01')`,
		series+`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) SELECT `+id+`, 'Người hưởng ' || i, '1960-01-01', 'male', FALSE, '09190'`+from,
		series+claims+`SELECT `+id+`, CASE WHEN i % 100 < 90 THEN 'pension' WHEN i % 100 < 95 THEN 'social_pension' WHEN i % 100 < 98 THEN 'ui' ELSE 'withdrawal' END,
			'approved', 'counter', '{}', 4000000 + (i % 1000) * 1000, CASE WHEN i % 100 >= 98 OR i % 10 = 0 THEN 20000000 + i ELSE 0 END,
			CASE WHEN i % 100 < 90 THEN `+month("2019-01")+` WHEN i % 100 < 95 THEN '2025-06' WHEN i % 100 < 98 THEN '2025-12' ELSE '2026-01' END,
			CASE WHEN i % 100 BETWEEN 95 AND 97 THEN '2026-05' END,
			'bench', `+stamp("2026-01-01")+`, 'a', `+stamp("2026-01-01")+`, 'b', `+stamp("2026-01-01")+from+` WHERE i % 100 <> 99`,
		series+`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) SELECT '0101234567', `+id+`, '2026-03', NULL, 9000000, 'indefinite', '2026-03-01'`+from+` WHERE i % 100 = 95`,
		`ANALYZE`,
	)
	svc := &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(),
		Now: func() time.Time { return time.Date(2026, 2, 10, 9, 0, 0, 0, ansinh.Vietnam) }}
	if _, err := svc.RunPayroll(context.Background(), ansinh.MustParsePeriod("2026-02"), "bench"); err != nil {
		b.Fatal(err)
	}
	execB(b, db,
		series+`INSERT INTO person_deaths (person_id, died_on, source_ref) SELECT `+id+`, '2026-01-15', 'KT-' || i`+from+` WHERE i % 200 = 7`,
		series+claims+`SELECT `+id+`, 'pension', 'approved', 'counter', '{}', 5000000 + i, CASE WHEN i % 1000 = 99 THEN 30000000 + i ELSE 0 END, '2026-01', NULL,
			'bench', `+stamp("2026-03-01")+`, 'a', `+stamp("2026-03-01")+`, 'b', `+stamp("2026-03-01")+from+` WHERE i % 100 = 99`,
		`CREATE TABLE bench_claims AS SELECT id, status, stop_month, stop_reason, end_month FROM benefit_claims`,
		`ANALYZE`,
	)
	svc.Now = func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, ansinh.Vietnam) }
	return svc
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

// benchPeriod is the month the benchmarks pay.
var benchPeriod = ansinh.MustParsePeriod("2026-03")

// resetPayroll removes March's payroll and puts the claims back as they
// were before it, so that the next run writes it again.
func resetPayroll(b *testing.B, db *store.DB) {
	b.Helper()
	execB(b, db, `DELETE FROM payroll_lines WHERE period = '2026-03'`, `DELETE FROM payroll_batches WHERE period = '2026-03'`, `DELETE FROM payroll_adjustments WHERE period = '2026-03'`,
		`DELETE FROM payroll_runs WHERE period = '2026-03'`,
		`UPDATE benefit_claims SET status = k.status, stop_month = k.stop_month, stop_reason = k.stop_reason, end_month = k.end_month
			FROM bench_claims k WHERE k.id = benefit_claims.id AND (k.status <> benefit_claims.status OR k.stop_reason <> benefit_claims.stop_reason)`)
	if db.Engine == store.Postgres {
		execB(b, db, `VACUUM ANALYZE payroll_lines`, `VACUUM ANALYZE benefit_claims`)
	}
}

// countLines returns the number of March's lines.
func countLines(b *testing.B, db *store.DB) int {
	b.Helper()
	var n int
	if err := db.R.QueryRow(`SELECT count(*) FROM payroll_lines WHERE period = '2026-03'`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkPayroll runs the payroll job of March 2026 for n beneficiaries
// (ANSINH_BENCH_BENEFICIARIES, default 300,000) on each engine, as
// `ansinh payroll --period 2026-03` does after February's: pensions
// (indexed by the decrees after their start), social pensions, UI benefits
// (some cut by a new job), deaths with February to recover, pensions
// approved since (arrears, lump sums); written in batches with their done
// marks. Each iteration also times the baseline, one INSERT … SELECT of the
// same rows (the claims approved or in payment by March) into
// payroll_lines with the same columns, right after the payroll: the two
// are measured side by side, so that a shared machine's changing load
// weighs on both alike. It reports payroll-s and baseline-s (elapsed, per
// iteration), their ratio, and cpu-ratio, the same on the process's CPU
// time (on SQLite the engine's work too; on PostgreSQL only the client's,
// meaningless). Reading the lines back for the bank file is
// BenchmarkBankFile.
//
//	go test -run '^$' -bench 'Payroll$' -benchtime 3x ./store/benefitsdb/
func BenchmarkPayroll(b *testing.B) {
	n := benchBeneficiaries()
	for _, engine := range storetest.Engines(b) {
		db := storetest.Open(b, engine)
		svc := seedBeneficiaries(b, db, n)
		b.Run(string(engine), func(b *testing.B) {
			var took, base, cpu, baseCPU time.Duration
			lines := 0
			for range b.N {
				b.StopTimer()
				resetPayroll(b, db)
				b.StartTimer()
				t0, c0 := time.Now(), processCPU()
				res, err := svc.RunPayroll(context.Background(), benchPeriod, "bench")
				if err != nil {
					b.Fatal(err)
				}
				took, cpu = took+time.Since(t0), cpu+processCPU()-c0
				if res.Already {
					b.Fatal("already done")
				}
				b.StopTimer()
				lines = countLines(b, db)
				resetPayroll(b, db)
				t0, c0 = time.Now(), processCPU()
				execB(b, db, `INSERT INTO payroll_lines (period, claim_id, person_id, kind, status, monthly, arrears, lump_sum, recovery, adjustment_no, stop_reason)
					SELECT '2026-03', c.id, c.person_id, c.kind, 'pay', c.monthly, 0, c.lump_sum, 0, 0, ''
					FROM benefit_claims c WHERE c.status IN ('approved', 'in_payment') AND c.start_month <= '2026-03'`)
				base, baseCPU = base+time.Since(t0), baseCPU+processCPU()-c0
				if got := countLines(b, db); got != lines {
					b.Fatalf("INSERT … SELECT wrote %d rows, the payroll %d lines", got, lines)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(lines), "lines")
			b.ReportMetric(took.Seconds()/float64(b.N), "payroll-s")
			b.ReportMetric(base.Seconds()/float64(b.N), "baseline-s")
			b.ReportMetric(took.Seconds()/base.Seconds(), "ratio")
			b.ReportMetric(cpu.Seconds()/baseCPU.Seconds(), "cpu-ratio")
		})
	}
}

// processCPU returns the CPU time the process has used (user and system):
// on a shared machine a steadier measure than the elapsed time. On SQLite
// it is the engine's work too; on PostgreSQL only the client's.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBankFile reads the payroll of March (n lines) back and writes
// the bank transfer file (CSV).
//
//	go test -run '^$' -bench BankFile -benchtime 3x ./store/benefitsdb/
func BenchmarkBankFile(b *testing.B) {
	n := benchBeneficiaries()
	for _, engine := range storetest.Engines(b) {
		db := storetest.Open(b, engine)
		svc := seedBeneficiaries(b, db, n)
		if _, err := svc.RunPayroll(context.Background(), benchPeriod, "bench"); err != nil {
			b.Fatal(err)
		}
		b.Run(string(engine), func(b *testing.B) {
			for range b.N {
				lines, err := svc.Store.PayrollLines(context.Background(), ansinh.Scope{All: true}, benchPeriod)
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

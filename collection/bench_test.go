package collection_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/collection/fixture"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
)

// BenchmarkClose closes one month of a registry of active workers and
// compares it with a baseline: the same assessment rows written by one
// INSERT … SELECT with the month's rates inlined in SQL, into a table of the
// same shape, in the same database and run.
//
//	ANSINH_BENCH_WORKERS   workers (default 100000; the figure is 1000000)
//	ANSINH_BENCH_ENGINE    sqlite (default) or postgres (needs ANSINH_TEST_POSTGRES)
//	ANSINH_BENCH_DSN       reuse this database (its registry is loaded once)
//
//	go test ./collection -run XXX -bench BenchmarkClose -benchtime 1x
//	ANSINH_BENCH_WORKERS=1000000 ANSINH_BENCH_ENGINE=postgres go test ./collection -run XXX -bench BenchmarkClose -benchtime 1x -timeout 60m
func BenchmarkClose(b *testing.B) {
	ctx := context.Background()
	workers := 100_000
	if s := os.Getenv("ANSINH_BENCH_WORKERS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		workers = n
	}
	engine := store.SQLite
	if os.Getenv("ANSINH_BENCH_ENGINE") == "postgres" {
		engine = store.Postgres
	}
	month := ansinh.MustParsePeriod("2026-03")
	cfg := fixture.Config{Seed: 1, Workers: workers, From: month, Through: month}
	db := benchDB(b, engine, cfg)
	cr, err := rules.Default().ContributionRules(month)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		resetCollection(b, db)
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		n, err := baseline(ctx, db, month, cr)
		if err != nil {
			b.Fatal(err)
		}
		base, baseCPU := time.Since(t0), cpuTime()-c0
		resetHWM()
		// as `ansinh close` runs: a one-shot process that lets its heap grow
		// before collecting (closeGCPercent)
		gc := debug.SetGCPercent(400)
		t1, c1 := time.Now(), cpuTime()
		opt := collection.Options{}
		if os.Getenv("ANSINH_BENCH_VERBOSE") != "" {
			opt.Log = func(f string, args ...any) { b.Logf("%8.3fs "+f, append([]any{time.Since(t1).Seconds()}, args...)...) }
		}
		res, err := collection.Close(ctx, collectiondb.NewCloseStore(db), month, opt)
		if err != nil {
			b.Fatal(err)
		}
		took, tookCPU := time.Since(t1), cpuTime()-c1
		debug.SetGCPercent(gc)
		hwm := peakRSS()
		if res.Assessments != n {
			b.Fatalf("close wrote %d rows, the baseline %d", res.Assessments, n)
		}
		var sumClose, sumBase int64
		db.R.QueryRow(`SELECT sum(total) FROM assessments WHERE period = $1`, month).Scan(&sumClose)
		db.R.QueryRow(`SELECT sum(total) FROM assessments_baseline WHERE period = $1`, month).Scan(&sumBase)
		if sumClose != sumBase {
			b.Fatalf("close total %d, baseline total %d", sumClose, sumBase)
		}
		b.ReportMetric(base.Seconds(), "baseline-s")
		b.ReportMetric(took.Seconds(), "close-s")
		b.ReportMetric(took.Seconds()/base.Seconds(), "ratio")
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MiB")
		if engine == store.SQLite { // the engine runs in this process: its CPU time is comparable
			b.ReportMetric(baseCPU.Seconds(), "baseline-cpu-s")
			b.ReportMetric(tookCPU.Seconds(), "close-cpu-s")
		}
		b.ReportMetric(float64(n), "rows")
		b.Logf("%s, %d rows: baseline %v (CPU %v), close %v (CPU %v), ratio %.2f, peak RSS %d MiB",
			engine, n, base, baseCPU, took, tookCPU, took.Seconds()/base.Seconds(), hwm>>20)
	}
}

// benchDB returns the database of the benchmark with the registry loaded.
func benchDB(b *testing.B, engine store.Engine, cfg fixture.Config) *store.DB {
	ctx := context.Background()
	dsn := os.Getenv("ANSINH_BENCH_DSN")
	if dsn == "" {
		dsn = storetest.DSN(b, engine)
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	n, err := db.Count(ctx, "employment")
	if err != nil {
		b.Fatal(err)
	}
	if n == 0 {
		t0 := time.Now()
		if err := fixture.Load(ctx, db, cfg); err != nil {
			b.Fatal(err)
		}
		if db.Engine == store.Postgres {
			db.W.Exec(`ANALYZE`)
		}
		b.Logf("registry of %d workers loaded in %v", cfg.Workers, time.Since(t0))
	}
	const ddl = `CREATE TABLE IF NOT EXISTS assessments_baseline (
		period TEXT NOT NULL, tax_code TEXT NOT NULL, person_id TEXT NOT NULL, billed_in TEXT NOT NULL,
		si_base BIGINT NOT NULL, ui_base BIGINT NOT NULL, hi_base BIGINT NOT NULL,
		employer_retirement BIGINT NOT NULL, employer_sickness BIGINT NOT NULL, employer_accident BIGINT NOT NULL,
		employer_ui BIGINT NOT NULL, employer_hi BIGINT NOT NULL, employee_retirement BIGINT NOT NULL,
		employee_ui BIGINT NOT NULL, employee_hi BIGINT NOT NULL, total BIGINT NOT NULL, flags BIGINT NOT NULL DEFAULT 0,
		PRIMARY KEY (period, tax_code, person_id))`
	if db.Engine == store.Postgres {
		for _, q := range []string{ddl + ` PARTITION BY RANGE (period)`,
			`CREATE TABLE IF NOT EXISTS assessments_baseline_2026 PARTITION OF assessments_baseline FOR VALUES FROM ('2026-01') TO ('2027-01')`,
			`CREATE TABLE IF NOT EXISTS assessments_baseline_other PARTITION OF assessments_baseline DEFAULT`} {
			if _, err := db.W.Exec(q); err != nil {
				b.Fatal(err)
			}
		}
	} else if _, err := db.W.Exec(ddl + ` WITHOUT ROWID`); err != nil {
		b.Fatal(err)
	}
	return db
}

// resetCollection empties what a close writes, and the baseline table.
func resetCollection(b *testing.B, db *store.DB) {
	if _, err := db.W.Exec(`UPDATE payments SET posted_in = NULL WHERE posted_in IS NOT NULL`); err != nil {
		b.Fatal(err)
	}
	for _, t := range []string{"assessments", "charges", "voluntary_charges", "debts", "notices", "payment_postings", "allocations",
		"agent_collections", "close_warnings", "collection_periods", "close_batches", "close_runs", "assessments_baseline"} {
		if _, err := db.W.Exec(`DELETE FROM ` + t); err != nil {
			b.Fatal(err)
		}
	}
	if db.Engine == store.Postgres {
		db.W.Exec(`VACUUM ANALYZE`)
	} else {
		db.W.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	runtime.GC()
}

// baseline writes the month's assessment rows with one INSERT … SELECT, the
// rates, floors and caps of the month inlined in the SQL. Rows go in in the
// order of the table's key, as the close writes them: the fastest way for
// both engines.
func baseline(ctx context.Context, db *store.DB, month ansinh.Period, cr rules.ContributionRules) (int64, error) {
	r := func(m rules.Micro) string { return strconv.FormatInt(int64(m), 10) }
	amt := func(base string, m rules.Micro) string { return "(" + base + "*" + r(m) + "+500000)/1000000" }
	greatest, least := "max", "min"
	if db.Engine == store.Postgres {
		greatest, least = "GREATEST", "LEAST"
	}
	var regions []string
	for reg := rules.RegionI; reg <= rules.RegionIV; reg++ {
		regions = append(regions, fmt.Sprintf("('%s', %d, %d)", reg, cr.Floor[reg], cr.UICapContract[reg]))
	}
	raised := greatest + "(e.wage, p.floor)"
	amounts := []string{amt("si", cr.RetirementER), amt("si", cr.SicknessER), amt("si", cr.AccidentER), amt("ui", cr.UIER),
		amt("si", cr.HIER), amt("si", cr.RetirementEE), amt("ui", cr.UIEE), amt("si", cr.HIEE)}
	q := `INSERT INTO assessments_baseline (period, tax_code, person_id, billed_in, si_base, ui_base, hi_base,
		employer_retirement, employer_sickness, employer_accident, employer_ui, employer_hi,
		employee_retirement, employee_ui, employee_hi, total, flags)
	WITH p (region, floor, uicap) AS (VALUES ` + strings.Join(regions, ", ") + `),
	reg AS MATERIALIZED (
		SELECT u.code, u.region FROM units u WHERE u.valid_from = (SELECT max(v.valid_from) FROM units v WHERE v.code = u.code)
	)
	SELECT $1, tax_code, person_id, $1, si, ui, si, ` + strings.Join(amounts, ", ") + `, ` + strings.Join(amounts, " + ") + `, 0
	FROM (
		SELECT e.tax_code, e.person_id, ` + least + `(` + raised + `, ` + strconv.FormatInt(cr.SICap, 10) + `) AS si,
			` + least + `(` + raised + `, p.uicap) AS ui
		FROM employment e JOIN employers r ON r.tax_code = e.tax_code JOIN reg g ON g.code = r.commune_code JOIN p ON p.region = g.region
		WHERE e.start_month <= $1 AND (e.end_month IS NULL OR e.end_month >= $1) AND e.declared_on <= $2
	) b ORDER BY tax_code, person_id`
	res, err := db.W.ExecContext(ctx, q, month, month.Last())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetHWM resets the process's peak resident set size (Linux).
func resetHWM() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the process's peak resident set size since the last
// reset, in bytes (Linux; 0 elsewhere).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

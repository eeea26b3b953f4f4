package compliancedb_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"ansinh"
	"ansinh/compliance"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/compliancedb"
	"ansinh/store/storetest"
)

// BenchmarkMatch compares the matcher with the same join written as one
// SQL query (each tax row with the wage of the spell covering its month),
// on a registry of ANSINH_BENCH_ROWS workers (default 100,000) and as many
// tax rows (three months of a third of the workers, with undeclared workers,
// underdeclared wages, final pays and unregistered employers mixed in).
//
//	ANSINH_BENCH_ROWS=1000000 go test ./compliance -run XXX -bench BenchmarkMatch -benchtime 1x
//
// It reports the seconds of the baseline query, of the match, of the match
// and saving its findings, the ratio of the match to the baseline, and the
// peak of the Go heap in use during the match (sampled). The databases are
// kept for the next run of the same size (SQLite in ANSINH_BENCH_DIR,
// default the temporary directory; PostgreSQL as ansinh_bench_match_N on
// the ANSINH_TEST_POSTGRES server); ANSINH_BENCH_REPEAT runs each measure
// several times and keeps the fastest; ANSINH_BENCH_PROFILE writes a CPU
// profile of the match to that file.
func BenchmarkMatch(b *testing.B) {
	n := 100_000
	if s := os.Getenv("ANSINH_BENCH_ROWS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1000 {
			b.Fatalf("ANSINH_BENCH_ROWS=%q: want a number of at least 1000", s)
		}
		n = v
	}
	repeat := 1
	if s := os.Getenv("ANSINH_BENCH_REPEAT"); s != "" {
		repeat, _ = strconv.Atoi(s)
		repeat = max(1, repeat)
	}
	for _, engine := range storetest.Engines(b) {
		b.Run(string(engine), func(b *testing.B) {
			db := benchDB(b, engine, n)
			ctx := context.Background()
			p := rules.Default()
			cfg := compliance.DefaultConfig(benchPeriod)
			var base, match, save time.Duration
			var peak uint64
			var res *compliance.Result
			for i := 0; i < b.N; i++ {
				for r := 0; r < repeat; r++ {
					d, rows := timeIt(b, func() int64 { return baseline(b, db, cfg) })
					if rows < int64(n) {
						b.Fatalf("baseline read %d rows, want at least %d", rows, n)
					}
					base = minDur(base, d, r)
					runtime.GC()
					stop := samplePeak()
					stopProfile := profile(b)
					d, _ = timeIt(b, func() int64 {
						var err error
						res, err = compliance.Match(ctx, compliancedb.New(db), nil, p, cfg)
						if err != nil {
							b.Fatal(err)
						}
						return 0
					})
					stopProfile()
					peak = max(peak, stop())
					match = minDur(match, d, r)
					if _, err := db.W.ExecContext(ctx, `DELETE FROM findings`); err != nil {
						b.Fatal(err)
					}
					if _, err := db.W.ExecContext(ctx, `DELETE FROM inspection_cases`); err != nil {
						b.Fatal(err)
					}
					d, _ = timeIt(b, func() int64 {
						if _, err := compliancedb.New(db).SaveFindings(ctx, res, "bench"); err != nil {
							b.Fatal(err)
						}
						return 0
					})
					save = minDur(save, d, r)
				}
			}
			b.ReportMetric(base.Seconds(), "baseline-s")
			b.ReportMetric(match.Seconds(), "match-s")
			b.ReportMetric((match + save).Seconds(), "match+save-s")
			b.ReportMetric(match.Seconds()/base.Seconds(), "ratio")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(len(res.Findings)), "findings")
			b.Logf("%s, %d workers, %d tax rows: baseline %v, match %v (ratio %.2f), save %v; %d findings %v; peak heap %.0f MiB",
				engine, n, res.Stats.TaxRows, base.Round(time.Millisecond), match.Round(time.Millisecond),
				match.Seconds()/base.Seconds(), save.Round(time.Millisecond), len(res.Findings), res.Stats.ByKind, float64(peak)/(1<<20))
		})
	}
}

var benchPeriod = ansinh.MustParsePeriod("2026-11")

func minDur(cur, d time.Duration, r int) time.Duration {
	if r == 0 || d < cur {
		return d
	}
	return cur
}

func timeIt(b *testing.B, fn func() int64) (time.Duration, int64) {
	b.Helper()
	start := time.Now()
	v := fn()
	return time.Since(start), v
}

// profile writes a CPU profile of the match to ANSINH_BENCH_PROFILE, if
// set, until the returned function is called.
func profile(b *testing.B) func() {
	path := os.Getenv("ANSINH_BENCH_PROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// samplePeak samples the Go heap in use every few milliseconds until the
// returned function is called, which returns the peak.
func samplePeak() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return peak.Load()
	}
}

// baseline runs the join as one query and reads every row.
func baseline(b *testing.B, db *store.DB, cfg compliance.Config) int64 {
	b.Helper()
	rows, err := db.R.QueryContext(context.Background(), `SELECT t.tax_code, t.person_id, t.month, t.wage_income, s.wage
		FROM tax_wages t LEFT JOIN employment s ON s.tax_code = t.tax_code AND s.person_id = t.person_id
			AND s.start_month <= t.month AND (s.end_month IS NULL OR s.end_month >= t.month)
		WHERE t.month >= $1 AND t.month <= $2`, cfg.From().String(), cfg.Period.String())
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var n int64
	var tax, pid, month string
	var wage int64
	var si *int64
	for rows.Next() {
		if err := rows.Scan(&tax, &pid, &month, &wage, &si); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}

// benchDB returns a database holding the benchmark's registry and feed of
// n workers: kept from an earlier run of the same size when there is one
// (a SQLite file in ANSINH_BENCH_DIR, a PostgreSQL database named after the
// size), made otherwise.
func benchDB(b *testing.B, engine store.Engine, n int) *store.DB {
	b.Helper()
	ctx := context.Background()
	var dsn string
	if engine == store.SQLite {
		dir := os.Getenv("ANSINH_BENCH_DIR")
		if dir == "" {
			dir = os.TempDir()
		}
		dsn = "sqlite:" + filepath.Join(dir, fmt.Sprintf("ansinh-bench-match-%d.db", n))
	} else {
		dsn = benchPostgres(b, n)
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var done int
	if db.CheckSchema(ctx) == nil {
		db.R.QueryRowContext(ctx, `SELECT count(*) FROM import_runs WHERE kind = 'bench_done'`).Scan(&done)
	}
	if done == 1 {
		return db
	}
	if engine == store.SQLite {
		db.Close()
		os.Remove(dsn[len("sqlite:"):])
		if db, err = store.Open(ctx, dsn); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
	}
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	fillBench(b, db, n)
	analyze := `ANALYZE`
	if engine == store.Postgres {
		analyze = `VACUUM ANALYZE` // as autovacuum leaves a table at rest: index-only scans possible
	}
	if _, err := db.W.ExecContext(ctx, analyze); err != nil {
		b.Fatal(err)
	}
	if _, err := db.BeginRun(ctx, "bench_done", "", "", "bench"); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d workers in %v", n, time.Since(start).Round(time.Second))
	return db
}

// benchPostgres returns the address of the PostgreSQL database of the
// benchmark of size n, created empty when missing or incomplete.
func benchPostgres(b *testing.B, n int) string {
	b.Helper()
	base := os.Getenv("ANSINH_TEST_POSTGRES")
	admin, err := store.Open(context.Background(), base)
	if err != nil {
		b.Skipf("PostgreSQL unreachable: %v", err)
	}
	defer admin.Close()
	name := fmt.Sprintf("ansinh_bench_match_%d", n)
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	u.Path = "/" + name
	var exists int
	admin.R.QueryRow(`SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&exists)
	if exists == 1 {
		db, err := store.Open(context.Background(), u.String())
		if err == nil {
			var done int
			db.R.QueryRow(`SELECT count(*) FROM import_runs WHERE kind = 'bench_done'`).Scan(&done)
			db.Close()
			if done == 1 {
				return u.String()
			}
		}
		if _, err := admin.W.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := admin.W.Exec(`CREATE DATABASE ` + name); err != nil {
		b.Fatal(err)
	}
	return u.String()
}

// bulk streams rows into a table as one import run.
type bulk struct {
	b  *testing.B
	bl store.Bulk
}

func newBulk(b *testing.B, db *store.DB, table string, cols, key []string) *bulk {
	b.Helper()
	ctx := context.Background()
	run, err := db.BeginRun(ctx, table, table+".csv", "0", "bench")
	if err != nil {
		b.Fatal(err)
	}
	bl, err := db.BeginBulk(ctx, store.Table{Name: table, Columns: cols, Key: key}, run)
	if err != nil {
		b.Fatal(err)
	}
	return &bulk{b: b, bl: bl}
}

func (x *bulk) add(row ...any) {
	if err := x.bl.Add(row); err != nil {
		x.b.Fatal(err)
	}
}

func (x *bulk) done() {
	if _, err := x.bl.Commit(); err != nil {
		x.b.Fatal(err)
	}
}

// fillBench writes n workers at n/30 employers, each with an open spell
// (a fifth with an earlier one too, a tenth who left last month), and n
// tax rows: the last three months of the first third of the workers, with 1%
// undeclared workers, 1% underdeclared wages and 0.5% rows at unregistered
// employers.
func fillBench(b *testing.B, db *store.DB, n int) {
	b.Helper()
	nEmp := max(1, n/30)
	taxCode := func(i int) string { return fmt.Sprintf("01%08d", i) }
	pid := func(i int) string { return fmt.Sprintf("001%09d", i) }
	units := newBulk(b, db, "units", []string{"code", "name", "level", "parent_code", "valid_from", "valid_to", "region"}, []string{"code", "valid_from"})
	units.add("24", "Bắc Ninh", "province", nil, ansinh.MustParseDate("2025-07-01"), nil, nil)
	units.add("09427", "Phường Kinh Bắc", "commune", "24", ansinh.MustParseDate("2025-07-01"), nil, "I")
	units.done()
	emps := newBulk(b, db, "employers", []string{"tax_code", "name", "kind", "commune_code", "industrial_zone", "registered_on"}, []string{"tax_code"})
	for e := 0; e < nEmp; e++ {
		emps.add(taxCode(e), "Công ty "+strconv.Itoa(e), "private", "09427", nil, ansinh.MustParseDate("2015-01-05"))
	}
	emps.done()
	persons := newBulk(b, db, "persons", []string{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code"}, []string{"person_id"})
	for i := 0; i < n; i++ {
		persons.add(pid(i), "Người lao động "+strconv.Itoa(i), ansinh.MustParseDate("1990-01-01"), "male", db.Bool(false), "09427")
	}
	persons.done()
	wage := func(i int) int64 { return int64(6_000_000 + (i%15)*1_000_000) }
	left := func(i int) bool { return i%10 == 3 }
	spells := newBulk(b, db, "employment", []string{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"},
		[]string{"tax_code", "person_id", "start_month"})
	for i := 0; i < n; i++ {
		tax := taxCode(i % nEmp)
		if i%5 == 0 {
			spells.add(tax, pid(i), ansinh.MustParsePeriod("2022-01"), ansinh.MustParsePeriod("2023-12"), wage(i)*9/10, "fixed", ansinh.MustParseDate("2022-01-10"))
		}
		var end any
		if left(i) {
			end = benchPeriod.Add(-1)
		}
		spells.add(tax, pid(i), ansinh.MustParsePeriod("2024-01"), end, wage(i), "indefinite", ansinh.MustParseDate("2024-01-10"))
	}
	spells.done()
	taxes := newBulk(b, db, "tax_wages", []string{"tax_code", "person_id", "month", "wage_income"}, []string{"tax_code", "person_id", "month"})
	rows := 0
	for i := 0; rows < n; i++ {
		tax, who, w := taxCode(i%nEmp), pid(i), wage(i)*11/10
		switch {
		case i%200 == 7: // at an enterprise that never registered
			tax, who = fmt.Sprintf("09%08d", i%97), fmt.Sprintf("079%09d", i)
		case i%100 == 11: // undeclared
			who = fmt.Sprintf("002%09d", i)
		case i%100 == 17: // underdeclared
			w = wage(i) * 16 / 10
		}
		for _, m := range []ansinh.Period{benchPeriod.Add(-2), benchPeriod.Add(-1), benchPeriod} {
			if rows < n {
				taxes.add(tax, who, m, w)
				rows++
			}
		}
	}
	taxes.done()
}

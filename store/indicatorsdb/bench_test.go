package indicatorsdb_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"ansinh/indicators"
	"ansinh/indicators/indicatorstest"
	"ansinh/store"
	"ansinh/store/indicatorsdb"
	"ansinh/store/indicatorsdb/indicatorsdbtest"
)

// BenchmarkRefresh recomputes and stores every indicator fact of a
// generated province on SQLite. The province's size is the environment
// variable ANSINH_BENCH_WORKERS (default 20000); ANSINH_BENCH_DB names a
// SQLite file to keep the loaded province in between runs (loading a
// million workers takes longer than refreshing them):
//
//	ANSINH_BENCH_WORKERS=1000000 ANSINH_BENCH_DB=/tmp/bench1m.db \
//	  go test ./store/indicatorsdb -run XXX -bench BenchmarkRefresh -benchtime 1x
func BenchmarkRefresh(b *testing.B) {
	workers := 20000
	if v := os.Getenv("ANSINH_BENCH_WORKERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("ANSINH_BENCH_WORKERS=%q", v)
		}
		workers = n
	}
	ctx := context.Background()
	path := os.Getenv("ANSINH_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	db, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	var persons int64
	db.R.QueryRowContext(ctx, `SELECT count(*) FROM persons`).Scan(&persons)
	if persons == 0 {
		p, err := indicatorstest.Generate(indicatorstest.Config{Workers: workers, Seed: 1, Through: testThrough})
		if err != nil {
			b.Fatal(err)
		}
		if err := indicatorsdbtest.Load(ctx, db, p); err != nil {
			b.Fatal(err)
		}
		db.W.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
		b.Logf("loaded %d persons, %d spells, %d enrolments, %d benefits into %s",
			len(p.Persons), len(p.Employment), len(p.Voluntary), len(p.Beneficiaries), path)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cpu0, wall0 := cpuTime(), time.Now()
		src := indicatorsdb.NewFrom(db, indicators.DefaultFrom)
		res, err := indicators.Refresh(ctx, src, src, "bench", indicators.Options{Through: testThrough})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("refresh: wall %v, CPU (user+system, all threads) %v", time.Since(wall0).Round(time.Millisecond), (cpuTime() - cpu0).Round(time.Millisecond))
		b.ReportMetric(float64(len(res.Rows)), "rows")
		b.ReportMetric(float64(res.Stats.Persons), "persons")
		b.Logf("persons %d, spells %d, enrolments %d, benefits %d; read %v, pass %v, emit %v; %d rows",
			res.Stats.Persons, res.Stats.Spells, res.Stats.Enrolments, res.Stats.Benefits,
			res.Stats.Read, res.Stats.Pass, res.Stats.Emit, len(res.Rows))
	}
}

// cpuTime returns the process's CPU time so far: on a shared machine the
// wall time of a run also counts the time other processes held the CPUs.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

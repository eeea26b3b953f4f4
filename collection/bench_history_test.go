package collection_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/collection/fixture"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/collectiondb"
)

// historyMonths is the number of months closed before the month the
// history benchmark times.
const historyMonths = 24

// BenchmarkCloseHistory closes month 25 of a province whose 24 earlier
// months are closed, with late (retroactive) declarations, leavers, job
// changes, payments and interest, and compares it with the baseline of
// BenchmarkClose: the same month's assessment rows written by one INSERT …
// SELECT. The history is closed once per database (untimed); each
// iteration removes month 25's rows and closes it again.
//
//	ANSINH_BENCH_WORKERS   workers (default 100000; the figure is 300000)
//	ANSINH_BENCH_ENGINE    sqlite (default) or postgres (needs ANSINH_TEST_POSTGRES)
//	ANSINH_BENCH_DSN       reuse this database (its registry and history are made once)
//
//	go test ./collection -run XXX -bench BenchmarkCloseHistory -benchtime 1x -timeout 60m
func BenchmarkCloseHistory(b *testing.B) {
	ctx := context.Background()
	workers := benchWorkers(b)
	engine := store.SQLite
	if os.Getenv("ANSINH_BENCH_ENGINE") == "postgres" {
		engine = store.Postgres
	}
	month := ansinh.MustParsePeriod("2026-03")
	cfg := fixture.Config{Seed: 1, Workers: workers, From: month.Add(-historyMonths), Through: month, Late: true, Payments: true}
	db := benchDB(b, engine, cfg)
	closeHistory(b, db, cfg.From, month.Add(-1))
	cr, err := rules.Default().ContributionRules(month)
	if err != nil {
		b.Fatal(err)
	}
	var base, took, baseCPU, tookCPU time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		resetMonth(b, db, month)
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		n, err := baseline(ctx, db, month, cr)
		if err != nil {
			b.Fatal(err)
		}
		oneBase, oneBaseCPU := time.Since(t0), cpuTime()-c0
		t1, c1 := time.Now(), cpuTime()
		res, err := collection.Close(ctx, collectiondb.NewCloseStore(db), month, collection.Options{})
		if err != nil {
			b.Fatal(err)
		}
		one, oneCPU := time.Since(t1), cpuTime()-c1
		checkAgainstBaseline(b, db, month, n)
		base, baseCPU, took, tookCPU = base+oneBase, baseCPU+oneBaseCPU, took+one, tookCPU+oneCPU
		b.ReportMetric(float64(n), "rows")
		b.Logf("%s, month %d of the books: %d rows of the month (baseline %v), close %v writing %d rows (%s retroactive, %s interest, %d payments), ratio %.2f",
			engine, historyMonths+1, n, oneBase, one, res.Assessments, ansinh.FormatMoney(res.Retroactive), ansinh.FormatMoney(res.Interest),
			res.Payments, one.Seconds()/oneBase.Seconds())
	}
	// Over all the iterations: each one's baseline and close side by side.
	b.ReportMetric(base.Seconds()/float64(b.N), "baseline-s")
	b.ReportMetric(took.Seconds()/float64(b.N), "close-s")
	b.ReportMetric(took.Seconds()/base.Seconds(), "ratio")
	// CPU time of this process: on a shared machine, a steadier comparison
	// than the wall clock (the database's own CPU on PostgreSQL is not
	// counted).
	b.ReportMetric(tookCPU.Seconds()/baseCPU.Seconds(), "cpu-ratio")
}

// benchWorkers reads ANSINH_BENCH_WORKERS (default 100000).
func benchWorkers(b *testing.B) int {
	s := os.Getenv("ANSINH_BENCH_WORKERS")
	if s == "" {
		return 100_000
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// closeHistory closes the months from..through unless they are closed.
func closeHistory(b *testing.B, db *store.DB, from, through ansinh.Period) {
	closed, err := collection.ClosedPeriods(context.Background(), collectiondb.NewCloseStore(db))
	if err != nil {
		b.Fatal(err)
	}
	if len(closed) > 0 && closed[len(closed)-1] >= through {
		return
	}
	t0 := time.Now()
	if _, err := collection.CloseThrough(context.Background(), collectiondb.NewCloseStore(db), through, collection.Options{From: from}); err != nil {
		b.Fatal(err)
	}
	if db.Engine == store.Postgres {
		db.W.Exec(`ANALYZE`)
	}
	b.Logf("history %s..%s closed in %v", from, through, time.Since(t0))
}

// resetMonth removes what the close of month and later months wrote, and
// the baseline table.
func resetMonth(b *testing.B, db *store.DB, month ansinh.Period) {
	for _, q := range []string{
		`DELETE FROM assessments WHERE billed_in >= $1`, `DELETE FROM charges WHERE billed_in >= $1`,
		`DELETE FROM voluntary_charges WHERE billed_in >= $1`, `DELETE FROM debts WHERE close_period >= $1`,
		`DELETE FROM notices WHERE period >= $1`,
		`UPDATE payments SET posted_in = NULL WHERE posted_in >= $1`, `DELETE FROM payment_postings WHERE close_period >= $1`,
		`DELETE FROM allocations WHERE close_period >= $1`, `DELETE FROM agent_collections WHERE period >= $1`,
		`DELETE FROM close_warnings WHERE period >= $1`, `DELETE FROM collection_periods WHERE period >= $1`,
		`DELETE FROM close_batches WHERE run_id IN (SELECT id FROM close_runs WHERE period >= $1)`,
		`DELETE FROM close_runs WHERE period >= $1`, `DELETE FROM assessments_baseline WHERE period >= $1`,
	} {
		if _, err := db.W.Exec(q, month); err != nil {
			b.Fatal(err)
		}
	}
	if db.Engine == store.Postgres {
		db.W.Exec(`VACUUM ANALYZE`)
	} else {
		db.W.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
}

// checkAgainstBaseline fails unless the close billed the month itself
// exactly as the baseline did.
func checkAgainstBaseline(b *testing.B, db *store.DB, month ansinh.Period, n int64) {
	var rows, sumClose, sumBase int64
	db.R.QueryRow(`SELECT count(*), coalesce(sum(total), 0) FROM assessments WHERE period = $1 AND billed_in = $1`, month).Scan(&rows, &sumClose)
	db.R.QueryRow(`SELECT coalesce(sum(total), 0) FROM assessments_baseline WHERE period = $1`, month).Scan(&sumBase)
	if rows != n || sumClose != sumBase {
		b.Fatalf("close: %d rows, total %d; baseline: %d rows, total %d", rows, sumClose, n, sumBase)
	}
}

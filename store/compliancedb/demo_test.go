package compliancedb_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ansinh"
	"ansinh/collection"
	"ansinh/compliance"
	"ansinh/importer"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/compliancedb"
	"ansinh/store/importdb"
	"ansinh/store/storetest"
	"ansinh/synth"
)

// The demo province: the generator's demo defaults (cmd/ansinh: 20,000
// workers, seed 7), through a fixed month so that the test does not follow
// the clock.
const (
	demoWorkers = 20000
	demoSeed    = 7
)

var demoThrough = ansinh.MustParsePeriod("2026-11")

// demoConfig wires the rules into the generator as `ansinh synth` does.
func demoConfig() synth.Config {
	p := rules.Default()
	var mu sync.Mutex
	months := map[ansinh.Period]*rules.ContributionRules{}
	return synth.Config{Workers: demoWorkers, Seed: demoSeed, Through: demoThrough,
		MinWage: func(region string, m ansinh.Period) int64 {
			r, err := rules.ParseRegion(region)
			if err != nil {
				return 0
			}
			w, _ := p.MinimumWage(r, m)
			return w
		},
		EmployerDue: func(m ansinh.Period, wage int64, region, kind string) int64 {
			mu.Lock()
			cr, ok := months[m]
			if !ok {
				if v, err := p.ContributionRules(m); err == nil {
					cr = &v
				}
				months[m] = cr
			}
			mu.Unlock()
			r, err1 := rules.ParseRegion(region)
			k, err2 := rules.ParseEmployerKind(kind)
			if cr == nil || err1 != nil || err2 != nil {
				return 0
			}
			a, err := cr.Assess(rules.Worker{Wage: wage, Region: r, EmployerKind: k})
			if err != nil {
				return 0
			}
			return a.Total
		}}
}

var demoFiles = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "ansinh-compliance-demo-")
	if err != nil {
		return "", err
	}
	sink, err := synth.NewCSVSink(dir)
	if err != nil {
		return "", err
	}
	_, err = synth.Generate(context.Background(), demoConfig(), sink)
	if cerr := sink.Close(); err == nil {
		err = cerr
	}
	return dir, err
})

// demoDir returns the directory of the demo province's files, generated
// once per test binary.
func demoDir(t testing.TB) string {
	t.Helper()
	dir, err := demoFiles()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// The kinds the matcher reads, in dependency order.
var demoKinds = []string{"units", "persons", "employers", "employment", "payments", "tax_wages", "business_registry", "iz_enterprises"}

// importDir imports the demo files as `ansinh import` does: one import run
// per file (the feed version), with its SHA-256.
func importDir(t testing.TB, db *store.DB, dir string) {
	t.Helper()
	ctx := context.Background()
	for _, name := range demoKinds {
		k, ok := importer.KindByName(name)
		if !ok {
			t.Fatalf("no kind %s", name)
		}
		path := filepath.Join(dir, name+".csv")
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(body)
		run, err := db.BeginRun(ctx, k.Name, path, hex.EncodeToString(sum[:]), "test")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := importer.Import(ctx, k, path, bulkLoader{db: db, run: run}, importdb.New(db), importer.Options{MaxErrors: 5})
		if err != nil {
			var b bytes.Buffer
			for _, e := range rep.Errors {
				b.WriteString(e.Reason + "; ")
			}
			t.Fatalf("import %s: %v: %s", name, err, b.String())
		}
		if err := db.FinishRun(ctx, run, "committed", store.RunCounts{Read: rep.Rows, Inserted: rep.Inserted, Update: rep.Updated}); err != nil {
			t.Fatal(err)
		}
	}
}

// bulkLoader loads an importer's rows through the store's bulk load.
type bulkLoader struct {
	db  *store.DB
	run int64
}

func (l bulkLoader) BeginLoad(ctx context.Context, k *importer.Kind) (importer.Load, error) {
	t := store.Table{Name: k.Table, Key: k.Key}
	for _, c := range k.Columns {
		t.Columns = append(t.Columns, c.DB)
	}
	b, err := l.db.BeginBulk(ctx, t, l.run)
	return bulkLoad{b}, err
}

type bulkLoad struct{ b store.Bulk }

func (s bulkLoad) Add(row []any) error { return s.b.Add(row) }
func (s bulkLoad) Rollback() error     { return s.b.Rollback() }
func (s bulkLoad) Commit() (importer.LoadResult, error) {
	r, err := s.b.Commit()
	return importer.LoadResult{Inserted: r.Inserted, Updated: r.Updated}, err
}

func readTruth(t testing.TB, dir string) []compliance.Truth {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "violations.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth, err := compliance.ReadTruth(f)
	if err != nil {
		t.Fatal(err)
	}
	return truth
}

// TestDemoPrecisionRecall runs the match on the demo province at default
// settings and requires precision and recall of at least 0.95 for every
// kind the generator injects, on both engines; the naive rule, scored
// beside it, must fall short.
func TestDemoPrecisionRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo province takes a few seconds to load")
	}
	dir := demoDir(t)
	truth := readTruth(t, dir)
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			start := time.Now()
			importDir(t, db, dir)
			t.Logf("loaded in %v", time.Since(start))
			p := rules.Default()
			cfg := compliance.DefaultConfig(demoThrough)
			arrears := compliancedb.New(db).EstimatedArrears(p)
			start = time.Now()
			res, err := compliance.Match(ctx, compliancedb.New(db), arrears, p, cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("matched in %v: %+v", time.Since(start), res.Stats)
			naive, err := compliance.Naive(ctx, compliancedb.New(db), arrears, p, cfg)
			if err != nil {
				t.Fatal(err)
			}
			mine, base := compliance.Evaluate(res.Findings, truth), compliance.Evaluate(naive, truth)
			var b bytes.Buffer
			compliance.WriteScores(&b, mine, base)
			t.Logf("precision and recall (demo province, %d workers, seed %d, through %s):\n%s", demoWorkers, demoSeed, demoThrough, b.String())
			checkScores(t, mine, base)
			for _, f := range res.Findings {
				ev, err := compliance.ParseEvidence(f.Evidence)
				registryOnly := f.Kind == compliance.EvasionArrears || f.Kind == compliance.LateDeclaration ||
					f.Kind == compliance.BelowMinimumWage || f.Kind == compliance.BelowContributionBase
				if err != nil || len(ev.Registry) == 0 || (!registryOnly && len(ev.FeedRows) == 0) {
					t.Errorf("%s: evidence without rows or records (%v)", f.ID, err)
				}
				if len(f.Evidence) > 32000 {
					t.Errorf("%s: evidence of %d bytes does not fit a spreadsheet cell", f.ID, len(f.Evidence))
				}
			}
		})
	}
}

// checkScores requires 0.95 of the matcher for every kind with violations,
// and a naive score below 1 for each of the headline kinds.
func checkScores(t *testing.T, mine, naive []compliance.KindScore) {
	t.Helper()
	for i, s := range mine {
		if s.Truth == 0 {
			continue
		}
		if s.Precision < 0.95 || math.IsNaN(s.Precision) || s.Recall < 0.95 {
			t.Errorf("%s: precision %.3f recall %.3f, want at least 0.95", s.Kind, s.Precision, s.Recall)
		}
		if n := naive[i]; n.Precision >= 1 && n.Recall >= 1 {
			t.Errorf("%s: the naive rule scores 100%%: the generator's noise is too easy", s.Kind)
		}
	}
}

// TestDemoCollectionArrears takes the evasion findings from the monthly
// close's debts (package collection) instead of the estimate, on SQLite.
// The books are closed from the first month of the data (a later start
// would take every earlier payment for credit); that takes a couple of
// minutes, so the test runs only when ANSINH_TEST_LONG is set.
func TestDemoCollectionArrears(t *testing.T) {
	if os.Getenv("ANSINH_TEST_LONG") == "" {
		t.Skip("set ANSINH_TEST_LONG=1 to close the demo province's books")
	}
	dir := demoDir(t)
	truth := readTruth(t, dir)
	ctx := context.Background()
	db := storetest.Open(t, store.SQLite)
	importDir(t, db, dir)
	start := time.Now()
	closed, err := collection.CloseThrough(ctx, collectiondb.NewCloseStore(db), demoThrough, collection.Options{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("closed %d months in %v", len(closed), time.Since(start))
	p := rules.Default()
	cfg := compliance.DefaultConfig(demoThrough)
	res, err := compliance.Match(ctx, compliancedb.New(db), compliance.CollectionArrears(collectiondb.New(db)), p, cfg)
	if err != nil {
		t.Fatal(err)
	}
	naive, err := compliance.Naive(ctx, compliancedb.New(db), compliance.CollectionArrears(collectiondb.New(db)), p, cfg)
	if err != nil {
		t.Fatal(err)
	}
	mine, base := compliance.Evaluate(res.Findings, truth), compliance.Evaluate(naive, truth)
	var b bytes.Buffer
	compliance.WriteScores(&b, mine, base)
	t.Logf("with the monthly close's arrears:\n%s", b.String())
	checkScores(t, mine, base)
	for _, f := range res.Findings {
		if f.Kind == compliance.EvasionArrears {
			ev, _ := compliance.ParseEvidence(f.Evidence)
			if ev.Arrears == nil || ev.Arrears.Source != "collection" {
				t.Errorf("%s: arrears not from the close: %+v", f.ID, ev.Arrears)
			}
		}
	}
}

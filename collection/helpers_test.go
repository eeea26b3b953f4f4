package collection_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"ansinh"
	"ansinh/collection"
	"ansinh/collection/fixture"
	"ansinh/importer"
	"ansinh/store"
	"ansinh/store/collectiondb"
	"ansinh/store/importdb"
	"ansinh/store/storetest"
)

// smallProvince is the demo-like province of the tests: a year of activity
// with late declarations, leavers, voluntary participants and payments of
// every behaviour.
var smallProvince = fixture.Config{Seed: 7, Workers: 300, Employers: 24, Voluntary: 30,
	From: ansinh.MustParsePeriod("2025-01"), Through: ansinh.MustParsePeriod("2025-12"), Late: true, Payments: true}

// loader loads an importer's rows with the store's bulk loading.
type loader struct{ db *store.DB }

func (l loader) BeginLoad(ctx context.Context, k *importer.Kind) (importer.Load, error) {
	t := store.Table{Name: k.Table, Key: k.Key}
	for _, c := range k.Columns {
		t.Columns = append(t.Columns, c.DB)
	}
	b, err := l.db.BeginBulk(ctx, t, 0)
	if err != nil {
		return nil, err
	}
	return load{b}, nil
}

type load struct{ b store.Bulk }

func (l load) Add(row []any) error { return l.b.Add(append([]any(nil), row...)) }
func (l load) Rollback() error     { return l.b.Rollback() }
func (l load) Commit() (importer.LoadResult, error) {
	r, err := l.b.Commit()
	return importer.LoadResult{Inserted: r.Inserted, Updated: r.Updated}, err
}

// writeFixture writes the province's exchange files into a temporary
// directory.
func writeFixture(t testing.TB, cfg fixture.Config) map[string]string {
	t.Helper()
	paths, err := fixture.WriteCSV(t.TempDir(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// importFile imports one exchange file through the importer (every row
// checked), failing the test on any bad row.
func importFile(t testing.TB, db *store.DB, kind, path string) importer.Report {
	t.Helper()
	k, ok := importer.KindByName(kind)
	if !ok {
		t.Fatalf("no kind %s", kind)
	}
	rep, err := importer.Import(context.Background(), k, path, loader{db}, importdb.New(db), importer.Options{})
	if err != nil {
		for _, e := range rep.Errors {
			t.Logf("%s:%d %s %s", filepath.Base(e.File), e.Line, e.Column, e.ReasonEN)
		}
		t.Fatalf("import %s: %v", kind, err)
	}
	return rep
}

// openProvince returns a fresh database of the engine with the province
// imported.
func openProvince(t testing.TB, engine store.Engine, cfg fixture.Config) (*store.DB, map[string]string) {
	t.Helper()
	db := storetest.Open(t, engine)
	paths := writeFixture(t, cfg)
	for _, kind := range fixture.Kinds {
		importFile(t, db, kind, paths[kind])
	}
	return db, paths
}

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binary builds the ansinh command once for the package's tests.
func binary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "ansinh-collection-test"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "ansinh")
		out, err := exec.Command("go", "build", "-o", binPath, "ansinh/cmd/ansinh").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// export returns an export of the collection package as bytes.
func export(t testing.TB, db *store.DB, kind string, period ansinh.Period) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	ctx := context.Background()
	switch kind {
	case "assessments":
		err = collection.WriteAssessments(ctx, collectiondb.New(db), period, collection.CSV, &buf)
	case "notices":
		err = collection.WriteNotices(ctx, collectiondb.New(db), period, collection.CSV, &buf)
	case "arrears":
		err = collection.WriteArrears(ctx, collectiondb.New(db), period, collection.CSV, &buf)
	default:
		t.Fatalf("no export %s", kind)
	}
	if err != nil {
		t.Fatalf("export %s %s: %v", kind, period, err)
	}
	return buf.Bytes()
}

// readCSV reads a CSV file into records, header first.
func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// closeAll closes the province's months From..Through.
func closeAll(t testing.TB, db *store.DB, cfg fixture.Config, opt collection.Options) []collection.Result {
	t.Helper()
	opt.From = cfg.From
	res, err := collection.CloseThrough(context.Background(), collectiondb.NewCloseStore(db), cfg.Through, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

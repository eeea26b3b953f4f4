package collection_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"ansinh"
	"ansinh/collection"
	"ansinh/rules"
	"ansinh/store/collectiondb"
	"ansinh/store/storetest"
	"ansinh/synth"
)

// synthProvince writes a small demo-like province with the synthetic
// generator and returns its files.
func synthProvince(t *testing.T, through ansinh.Period) string {
	t.Helper()
	p := rules.Default()
	cfg := synth.Config{Workers: 400, Seed: 11, From: through.Add(-23), Through: through,
		MinWage: func(region string, m ansinh.Period) int64 {
			r, err := rules.ParseRegion(region)
			if err != nil {
				return 0
			}
			w, _ := p.MinimumWage(r, m)
			return w
		},
		EmployerDue: func(m ansinh.Period, wage int64, region, kind string) int64 {
			cr, err := p.ContributionRules(m)
			r, err1 := rules.ParseRegion(region)
			k, err2 := rules.ParseEmployerKind(kind)
			if err != nil || err1 != nil || err2 != nil {
				return 0
			}
			a, err := cr.Assess(rules.Worker{Wage: wage, Region: r, EmployerKind: k})
			if err != nil {
				return 0
			}
			return a.Total
		}}
	dir := t.TempDir()
	sink, err := synth.NewCSVSink(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.Generate(context.Background(), cfg, sink); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Closing the last 12 months of a province made by the synthetic generator
// twice, into two databases, gives byte-identical notices exports.
func TestSynthProvinceDeterministic(t *testing.T) {
	through := ansinh.MustParsePeriod("2026-06")
	dir := synthProvince(t, through)
	from := through.Add(-11)
	var first map[ansinh.Period][]byte
	for _, engine := range storetest.Engines(t) {
		for run := range 2 {
			t.Run(fmt.Sprintf("%s/%d", engine, run), func(t *testing.T) {
				db := storetest.Open(t, engine)
				for _, kind := range []string{"units", "unit_successors", "persons", "employers", "employment", "voluntary", "payments"} {
					importFile(t, db, kind, filepath.Join(dir, kind+".csv"))
				}
				res, err := collection.CloseThrough(context.Background(), collectiondb.NewCloseStore(db), through, collection.Options{From: from})
				if err != nil {
					t.Fatal(err)
				}
				if len(res) != 12 {
					t.Fatalf("%d months closed", len(res))
				}
				got := map[ansinh.Period][]byte{}
				for p := from; p <= through; p++ {
					got[p] = export(t, db, "notices", p)
				}
				if n := bytes.Count(got[through], []byte("\n")); n < 10 {
					t.Fatalf("only %d notices", n)
				}
				if first == nil {
					first = got
					return
				}
				for p, v := range got {
					if !bytes.Equal(v, first[p]) {
						t.Errorf("notices of %s differ from the first run", p)
					}
				}
			})
		}
	}

}

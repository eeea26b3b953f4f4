package compliancedb_test

import (
	"ansinh"
	"bytes"
	"context"
	"os"
	"sync"
	"testing"

	"ansinh/compliance"
	"ansinh/rules"
	"ansinh/store/compliancedb"
	"ansinh/store/storetest"
	"ansinh/synth"
)

var hardFiles = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "ansinh-compliance-hard-")
	if err != nil {
		return "", err
	}
	sink, err := synth.NewCSVSink(dir)
	if err != nil {
		return "", err
	}
	cfg := demoConfig()
	cfg.Hard = true
	_, err = synth.Generate(context.Background(), cfg, sink)
	if cerr := sink.Close(); err == nil {
		err = cerr
	}
	return dir, err
})

// TestHardProvince matches the whole feed of the hard demo province (a
// two-year tax feed, violations inside the honest noise) through the
// service, window by window as `ansinh match` does, and scores the open
// findings: at least 0.95 precision and 0.9 recall over the kinds the
// generator injects, the naive rule far below.
func TestHardProvince(t *testing.T) {
	if testing.Short() {
		t.Skip("the hard province takes a minute to load")
	}
	dir, err := hardFiles()
	if err != nil {
		t.Fatal(err)
	}
	truth := readTruth(t, dir)
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, engine)
			importDir(t, db, dir)
			svc := service(db)
			cdb := compliancedb.New(db)
			svc.Arrears = func(context.Context, ansinh.Period) (compliance.ArrearsSource, string, error) {
				return cdb.EstimatedArrears(rules.Default()), "estimate", nil
			}
			runs, err := svc.Match(ctx, compliance.MatchRequest{Base: compliance.DefaultConfig(0), Actor: "test"})
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != 2 {
				t.Errorf("%d windows, want the two years of the feed", len(runs))
			}
			mine, err := svc.Judged(ctx, runs, false)
			if err != nil {
				t.Fatal(err)
			}
			naive, err := svc.Naive(ctx, runs)
			if err != nil {
				t.Fatal(err)
			}
			scores, base := compliance.Evaluate(mine, truth), compliance.Evaluate(naive, truth)
			var b bytes.Buffer
			compliance.WriteScores(&b, scores, base)
			compliance.WriteBands(&b, compliance.EvaluateBands(mine, truth), compliance.EvaluateBands(naive, truth))
			t.Logf("hard province, %d workers, seed %d, through %s:\n%s", demoWorkers, demoSeed, demoThrough, b.String())
			all, naiveAll := compliance.Overall(scores), compliance.Overall(base)
			if all.Precision < 0.95 || all.Recall < 0.9 {
				t.Errorf("overall precision %.3f recall %.3f, want at least 0.95 and 0.9", all.Precision, all.Recall)
			}
			if naiveAll.Precision > 0.5 {
				t.Errorf("the naive rule's precision %.3f: the generator's noise is too easy", naiveAll.Precision)
			}
		})
	}
}

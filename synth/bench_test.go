package synth

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"
)

// TestTiming100k logs the time to write 100,000 workers as CSV files; it is
// skipped with -short. SYNTH_WORKERS and SYNTH_DIR change the size and keep
// the files, to measure a larger province:
//
//	go test -c -o /tmp/synth.test ./synth
//	SYNTH_WORKERS=1000000 SYNTH_DIR=/tmp/p1m /usr/bin/time -v /tmp/synth.test -test.run 'Timing100k$' -test.v
func TestTiming100k(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a province of 100,000 workers")
	}
	n := 100_000
	if v := os.Getenv("SYNTH_WORKERS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if v := os.Getenv("SYNTH_DIR"); v != "" {
		dir = v
	}
	sink, err := NewCSVSink(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	counts, err := Generate(context.Background(), testConfig(n, 7), sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d workers: %v, %d rows: %v", n, time.Since(start).Round(time.Millisecond), counts.Total(), counts)
}

// discard is a sink that keeps nothing.
type discard struct{}

func (discard) Row(string, []string) error { return nil }

// BenchmarkGenerate measures a province of 10,000 workers, without output.
func BenchmarkGenerate(b *testing.B) {
	cfg := testConfig(10_000, 7)
	for b.Loop() {
		if _, err := Generate(context.Background(), cfg, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

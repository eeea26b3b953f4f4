package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"

	"ansinh"
)

// testMinWages is the regional minimum wage table of rules.md §3.
var testMinWages = []struct {
	from ansinh.Period
	wage [4]int64
}{
	{ansinh.NewPeriod(2018, 1), [4]int64{3_980_000, 3_530_000, 3_090_000, 2_760_000}},
	{ansinh.NewPeriod(2019, 1), [4]int64{4_180_000, 3_710_000, 3_250_000, 2_920_000}},
	{ansinh.NewPeriod(2020, 1), [4]int64{4_420_000, 3_920_000, 3_430_000, 3_070_000}},
	{ansinh.NewPeriod(2022, 7), [4]int64{4_680_000, 4_160_000, 3_640_000, 3_250_000}},
	{ansinh.NewPeriod(2024, 7), [4]int64{4_960_000, 4_410_000, 3_860_000, 3_450_000}},
	{ansinh.NewPeriod(2026, 1), [4]int64{5_310_000, 4_730_000, 4_140_000, 3_700_000}},
}

// testMinWage stands in for the rules engine's regional minimum wage.
func testMinWage(region string, p ansinh.Period) int64 {
	ri, ok := regionIndex(region)
	if !ok {
		panic("unknown region " + region)
	}
	w := testMinWages[0].wage[ri]
	for _, row := range testMinWages {
		if p >= row.from {
			w = row.wage[ri]
		}
	}
	return w
}

// testDue stands in for the rules engine: 32% of the wage (21.5% employer,
// 10.5% employee), without floor or cap.
func testDue(_ ansinh.Period, wage int64, _, _ string) int64 {
	return ansinh.RoundHalfUp(wage*3200, 10000)
}

// testConfig returns a configuration with the test stubs.
func testConfig(workers int, seed int64) Config {
	return Config{Workers: workers, Seed: seed, Through: ansinh.NewPeriod(2026, 11),
		MinWage: testMinWage, EmployerDue: testDue}
}

// memSink keeps every row, and a hash of the whole stream in order.
type memSink struct {
	rows map[string][][]string
	h    []byte
	buf  bytes.Buffer
	sum  [32]byte
	hash interface {
		Write([]byte) (int, error)
		Sum([]byte) []byte
	}
}

func newMemSink() *memSink {
	return &memSink{rows: map[string][][]string{}, hash: sha256.New()}
}

func (s *memSink) Row(kind string, rec []string) error {
	s.rows[kind] = append(s.rows[kind], append([]string(nil), rec...))
	s.buf.Reset()
	s.buf.WriteString(kind)
	for _, f := range rec {
		s.buf.WriteByte(0)
		s.buf.WriteString(f)
	}
	s.buf.WriteByte('\n')
	s.hash.Write(s.buf.Bytes())
	return nil
}

func (s *memSink) digest() []byte { return s.hash.Sum(nil) }

// generate runs the generator into a memory sink.
func generate(t testing.TB, cfg Config) (*memSink, Counts) {
	t.Helper()
	s := newMemSink()
	counts, err := Generate(context.Background(), cfg, s)
	if err != nil {
		t.Fatal(err)
	}
	return s, counts
}

// col returns the index of a column of kind.
func col(kind, name string) int {
	for i, c := range Columns(kind) {
		if c == name {
			return i
		}
	}
	panic("no column " + name + " in " + kind)
}

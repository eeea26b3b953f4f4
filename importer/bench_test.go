package importer

import (
	"context"
	"io"
	"strconv"
	"testing"
	"time"

	"ansinh"
)

// discardLoader accepts every row and keeps none.
type discardLoader struct{ n int64 }

func (l *discardLoader) BeginLoad(context.Context, *Kind) (Load, error) { return l, nil }
func (l *discardLoader) Add([]any) error                                { l.n++; return nil }
func (l *discardLoader) Commit() (LoadResult, error)                    { return LoadResult{Inserted: l.n}, nil }
func (l *discardLoader) Rollback() error                                { return nil }

// anyRefs accepts every key.
type anyRefs struct{}

func (anyRefs) KeySet(context.Context, string, string, int) (func(string) bool, error) {
	return func(string) bool { return true }, nil
}

// employmentFile generates an employment CSV file of n distinct good rows,
// on the fly, so that even 10 million rows take no memory.
type employmentFile struct {
	n, i   int
	buf    []byte
	off    int
	taxes  []string
	header bool
}

func newEmploymentFile(n int) *employmentFile {
	f := &employmentFile{n: n}
	for s := 0; len(f.taxes) < 1000; s++ {
		first9 := "0101" + strconv.Itoa(100000 + s)[1:]
		if c, ok := ansinh.TaxCheckDigit(first9); ok {
			f.taxes = append(f.taxes, first9+string(c))
		}
	}
	return f
}

var contracts = []string{"indefinite", "fixed", "seasonal"}

func (f *employmentFile) Read(p []byte) (int, error) {
	for f.off >= len(f.buf) {
		f.buf, f.off = f.buf[:0], 0
		if !f.header {
			f.header = true
			f.buf = append(f.buf, employmentHeader+"\n"...)
			continue
		}
		if f.i >= f.n {
			return 0, io.EOF
		}
		for j := 0; j < 1024 && f.i < f.n; j++ {
			f.buf = f.appendRow(f.buf, f.i)
			f.i++
		}
	}
	n := copy(p, f.buf[f.off:])
	f.off += n
	return n, nil
}

// appendRow writes row i: 1000 employers, persons born 1950–1999 with a
// six-digit serial, start months over a year.
func (f *employmentFile) appendRow(b []byte, i int) []byte {
	b = append(b, f.taxes[i%1000]...)
	b = append(b, ",0010"...)
	b = strconv.AppendInt(b, int64(50+(i/1000000)%50), 10)
	b = appendPadded(b, i%1000000, 6)
	b = append(b, ",2024-"...)
	m := 1 + (i/1000)%12
	b = append(b, byte('0'+m/10), byte('0'+m%10))
	if i%4 == 0 {
		b = append(b, ",2025-06,"...)
	} else {
		b = append(b, ",,"...)
	}
	b = strconv.AppendInt(b, int64(5000000+(i%997)*1000), 10)
	b = append(b, ',')
	b = append(b, contracts[i%3]...)
	b = append(b, ",2024-01-05\n"...)
	return b
}

// appendPadded appends n with leading zeros to width digits.
func appendPadded(b []byte, n, width int) []byte {
	for p := width - 1; p >= 0; p-- {
		d := n
		for q := 0; q < p; q++ {
			d /= 10
		}
		b = append(b, byte('0'+d%10))
	}
	return b
}

func TestEmploymentFileIsGood(t *testing.T) {
	rep, err := ImportReader(context.Background(), mustKind(t, "employment"), "gen.csv",
		newEmploymentFile(20000), CSV, &discardLoader{}, anyRefs{}, Options{MaxErrors: 3})
	if err != nil || rep.Good != 20000 {
		t.Fatalf("%v %+v", err, rep.Errors)
	}
}

// benchEmployment imports rows generated employment rows b.N times and
// reports the rate.
func benchEmployment(b *testing.B, rows int) {
	k, _ := KindByName("employment")
	b.ReportAllocs()
	start, cpu := time.Now(), cpuTime()
	for b.Loop() {
		load := &discardLoader{}
		rep, err := ImportReader(context.Background(), k, "gen.csv", newEmploymentFile(rows), CSV, load, anyRefs{}, Options{})
		if err != nil || rep.Good != rows || load.n != int64(rows) {
			b.Fatalf("%v: %d good, %d loaded", err, rep.Good, load.n)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
	if used := cpuTime() - cpu; used > 0 {
		b.ReportMetric(float64(rows)*float64(b.N)/used.Seconds(), "rows/cpu-s")
	}
	b.ReportMetric(0, "ns/op")
}

// BenchmarkImportEmployment validates and loads (into nothing) 100,000
// employment rows per operation.
func BenchmarkImportEmployment(b *testing.B) { benchEmployment(b, 100000) }

// BenchmarkImportEmployment5M validates 5 million employment rows in one
// operation: run it with -benchtime=1x.
func BenchmarkImportEmployment5M(b *testing.B) { benchEmployment(b, 5000000) }

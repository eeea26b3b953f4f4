package main

import (
	"strings"
	"testing"
	"time"

	"ansinh/importer"
)

func TestProgressLine(t *testing.T) {
	cases := []struct {
		p    importer.Progress
		want []string
	}{
		{importer.Progress{Kind: "employment", Rows: 500000, Bytes: 25, Size: 100, Elapsed: 10 * time.Second},
			[]string{"employment: 500.000 dòng/rows", "50.000 dòng/giây", "25%", "about 30s left"}},
		{importer.Progress{Kind: "employment", Rows: 64, Bytes: 6_000, Size: 930_000_000, Elapsed: 1200 * time.Millisecond},
			[]string{"employment: 64 dòng/rows", "<1%"}},
		{importer.Progress{Kind: "persons", Rows: 1200, Elapsed: 2 * time.Second, Done: true},
			[]string{"1.200 dòng/rows", "600 dòng/giây", "read in 2s", "committing"}},
	}
	for _, c := range cases {
		got := progressLine(c.p)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q lacks %q", got, w)
			}
		}
		if c.p.Size > 0 && c.p.Bytes*100 < c.p.Size && strings.Contains(got, "left") {
			t.Errorf("%q foretells the time left from under a hundredth of the file", got)
		}
	}
}

// TestMeterNotOnATerminal: on a writer that is not a terminal, a job's
// progress gives a log line at most every progressEvery (the first at once)
// and always the final one, with counts, rate and time left.
func TestMeterNotOnATerminal(t *testing.T) {
	var buf strings.Builder
	m := newMeter(&buf)
	now := m.start
	m.now = func() time.Time { return now }
	for done := 1; done <= 60; done++ {
		now = now.Add(time.Second) // a batch a second: a line every 10
		m.count("khóa sổ / close", "lô/batches", int64(done), 60)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 6 periodic ones and the final one:\n%s", len(lines), buf.String())
	}
	for _, w := range []string{"khóa sổ / close: 1/60 lô/batches", "1,0/giây", "about 59s left"} {
		if !strings.Contains(lines[0], w) {
			t.Errorf("first line %q lacks %q", lines[0], w)
		}
	}
	if !strings.Contains(lines[1], "11/60") || !strings.Contains(lines[5], "51/60") {
		t.Errorf("the periodic lines are not 10 s apart: %q, %q", lines[1], lines[5])
	}
	if last := lines[6]; !strings.Contains(last, "60/60") || !strings.Contains(last, "done in 1m0s") {
		t.Errorf("final line %q", last)
	}
	if strings.Contains(buf.String(), "\r") {
		t.Error("a log writer got terminal control characters")
	}
}

func TestCountLine(t *testing.T) {
	cases := []struct {
		done, total int64
		elapsed     time.Duration
		want        []string
	}{
		{3, 12, 6 * time.Second, []string{"x: 3/12 tháng/months", "0,5/giây", "about 18s left"}},
		{1500, 0, time.Second, []string{"x: 1.500 tháng/months", "1.500/giây"}},
		{12, 12, 4 * time.Second, []string{"12/12", "3,0/giây", "done in 4s"}},
		{0, 12, 0, []string{"x: 0/12 tháng/months"}},
	}
	for _, c := range cases {
		got := countLine("x", "tháng/months", c.done, c.total, c.elapsed)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q lacks %q", got, w)
			}
		}
	}
}

// TestCloseProgress: the close's batch lines become progress with counts;
// its other lines pass through.
func TestCloseProgress(t *testing.T) {
	var buf strings.Builder
	log := closeProgress(&buf)
	log("bắt đầu tính phải thu / assessing")
	for i := 1; i <= 3; i++ {
		no := int64(i) // the close logs the batch's number as an int64, the count as an int
		log("lô %d/%d xong / batch %d of %d done: %d dòng / rows", no, 3, no, 3, 100)
	}
	log("đã khóa sổ tháng %s / closed %s", "2026-10", "2026-10")
	got := buf.String()
	for _, w := range []string{"assessing\n", "khóa sổ / close: 1/3 lô/batches", "khóa sổ / close: 3/3 lô/batches", "closed 2026-10\n"} {
		if !strings.Contains(got, w) {
			t.Errorf("%q lacks %q", got, w)
		}
	}
	if strings.Contains(got, "2/3") || strings.Contains(got, "batch 1 of 3") {
		t.Errorf("batch lines not turned into throttled progress:\n%s", got)
	}
}

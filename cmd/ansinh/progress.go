package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"ansinh"
	"ansinh/compliance"
	"ansinh/importer"
	"ansinh/metrics"
)

// progressEvery is how often progress is logged when not on a terminal.
const progressEvery = 10 * time.Second

// meter writes a long job's progress on w: on a terminal one line
// rewritten in place about once a second; otherwise a log line every
// progressEvery, and always the final one. Every job's report (import,
// synth, close, match, indicators refresh, payroll) goes through one.
type meter struct {
	w     io.Writer
	term  bool
	every time.Duration    // the least time between two lines
	now   func() time.Time // the clock (tests set it)
	start time.Time        // when the meter was made: the job's start
	last  time.Time        // when the last line was written; zero: none yet
}

// newMeter returns a meter on w that starts now.
func newMeter(w io.Writer) *meter {
	m := &meter{w: w, term: isTerminal(w), every: progressEvery, now: time.Now}
	if m.term {
		m.every = time.Second
	}
	m.start = m.now()
	return m
}

// show writes line unless one was written less than the meter's interval
// ago; a final line is always written (and ends the terminal's line).
func (m *meter) show(line string, final bool) {
	now := m.now()
	if !final && !m.last.IsZero() && now.Sub(m.last) < m.every {
		return
	}
	m.last = now
	if !m.term {
		fmt.Fprintln(m.w, line)
		return
	}
	fmt.Fprint(m.w, "\r\033[K"+line)
	if final {
		fmt.Fprintln(m.w)
	}
}

// println writes a line that is not progress, clearing the terminal's
// progress line first.
func (m *meter) println(line string) {
	if m.term {
		line = "\r\033[K" + line
	}
	fmt.Fprintln(m.w, line)
}

// count reports done units of work out of total (0: unknown) for job:
// the counts, the rate since the meter started and the time left.
func (m *meter) count(job, unit string, done, total int64) {
	m.show(countLine(job, unit, done, total, m.now().Sub(m.start)), total > 0 && done >= total)
}

// countLine describes how far a job counted in units has gone after
// elapsed: "khóa sổ / close 2026-01: 12/40 lô/batches, 2,4 lô/giây / per s,
// còn khoảng / about 12s left".
func countLine(job, unit string, done, total int64, elapsed time.Duration) string {
	s := job + ": " + ansinh.GroupDigits(done, '.')
	if total > 0 {
		s += "/" + ansinh.GroupDigits(total, '.')
	}
	s += " " + unit
	if elapsed <= 0 {
		return s
	}
	rate := float64(done) / elapsed.Seconds()
	s += ", " + formatRate(rate) + "/giây / per s"
	switch {
	case total > 0 && done >= total:
		s += fmt.Sprintf(", xong sau / done in %s", elapsed.Round(time.Second))
	case total > 0 && done > 0:
		left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
		s += fmt.Sprintf(", còn khoảng / about %s left", left.Round(time.Second))
	}
	return s
}

// formatRate writes a rate with digits grouped, and one decimal (a comma)
// below 10.
func formatRate(r float64) string {
	if r >= 10 {
		return ansinh.GroupDigits(int64(r), '.')
	}
	return strings.Replace(strconv.FormatFloat(r, 'f', 1, 64), ".", ",", 1)
}

// counter returns a report of done units out of total for job on w, for
// the jobs' progress hooks.
func counter(w io.Writer, job, unit string) func(done, total int) {
	m := newMeter(w)
	return func(done, total int) { m.count(job, unit, int64(done), int64(total)) }
}

// importProgress returns the import's progress report on w.
func importProgress(w io.Writer) func(importer.Progress) {
	m := newMeter(w)
	return func(p importer.Progress) { m.show(progressLine(p), p.Done) }
}

// progressLine describes how far an import has gone: rows, rate, share of
// the file and time left (once a hundredth of the file is read: before
// that, the rate of the first rows, read while the file and the database
// warm up or while another load commits, foretells nothing).
func progressLine(p importer.Progress) string {
	s := fmt.Sprintf("%s: %s dòng/rows, %s dòng/giây / rows/s", p.Kind,
		ansinh.GroupDigits(int64(p.Rows), '.'), ansinh.GroupDigits(int64(p.Rate()), '.'))
	switch {
	case p.Done:
		s += fmt.Sprintf(", đọc xong sau / read in %s — đang ghi vào CSDL / committing…", p.Elapsed.Round(time.Second))
	case p.Size > 0 && p.Bytes*100 < p.Size:
		s += ", <1%"
	case p.Size > 0:
		s += fmt.Sprintf(", %d%%, còn khoảng / about %s left", p.Bytes*100/p.Size, p.Left().Round(time.Second))
	}
	return s
}

// closeBatchLog and closeStartLog begin the close's lines (collection's
// Log) for a batch of the assessment pass done, whose first two arguments
// are the batches done and the batches of the month, and for the start of
// that pass.
const (
	closeBatchLog = "lô %d/%d xong"
	closeStartLog = "bắt đầu tính phải thu"
)

// closeProgress returns the close's Log on w: the line of each batch done
// becomes the progress of the month's batches (counts, rate, time left);
// the other lines are written as they come.
func closeProgress(w io.Writer) func(format string, args ...any) {
	m := newMeter(w)
	return func(format string, args ...any) {
		if strings.HasPrefix(format, closeBatchLog) && len(args) >= 2 {
			done, ok1 := asInt(args[0])
			total, ok2 := asInt(args[1])
			if ok1 && ok2 {
				m.count("khóa sổ / close", "lô/batches", done, total)
				return
			}
		}
		if strings.HasPrefix(format, closeStartLog) {
			m = newMeter(w)
		}
		m.println(fmt.Sprintf(format, args...))
	}
}

// asInt reads a count logged as any integer type.
func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	}
	return 0, false
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// importDone counts an import of kind that began at start for the metrics:
// the job's run, and its rows when committed.
func importDone(kind string, start time.Time, rep importer.Report, err error) {
	metrics.JobDone("import", time.Since(start), err)
	if err == nil && rep.Committed {
		metrics.RowsImported(kind, rep.Inserted+rep.Updated)
	}
}

// matchDone counts a match that began at start for the metrics: the job's
// run and the findings of each window, by kind.
func matchDone(start time.Time, runs []compliance.MatchRun, err error) {
	metrics.JobDone("match", time.Since(start), err)
	for _, run := range runs {
		if run.Result == nil {
			continue
		}
		for k, n := range run.Result.Stats.ByKind {
			metrics.Findings(string(k), n)
		}
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"ansinh"
	"ansinh/importer"
)

// progressEvery is how often progress is logged when not on a terminal.
const progressEvery = 10 * time.Second

// importProgress returns the import's progress report on w: on a terminal
// one line rewritten in place about once a second; otherwise a log line
// every progressEvery, and one when every row is read.
func importProgress(w io.Writer) func(importer.Progress) {
	term := isTerminal(w)
	var last time.Time
	return func(p importer.Progress) {
		if !term && !p.Done && time.Since(last) < progressEvery {
			return
		}
		last = time.Now()
		if !term {
			fmt.Fprintln(w, progressLine(p))
			return
		}
		fmt.Fprint(w, "\r\033[K"+progressLine(p))
		if p.Done {
			fmt.Fprintln(w)
		}
	}
}

// progressLine describes how far an import has gone: rows, rate, share of
// the file and time left.
func progressLine(p importer.Progress) string {
	s := fmt.Sprintf("%s: %s dòng/rows, %s dòng/giây / rows/s", p.Kind,
		ansinh.GroupDigits(int64(p.Rows), '.'), ansinh.GroupDigits(int64(p.Rate()), '.'))
	switch {
	case p.Done:
		s += fmt.Sprintf(", đọc xong sau / read in %s — đang ghi vào CSDL / committing…", p.Elapsed.Round(time.Second))
	case p.Size > 0:
		s += fmt.Sprintf(", %d%%, còn khoảng / about %s left", p.Bytes*100/p.Size, p.Left().Round(time.Second))
	}
	return s
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

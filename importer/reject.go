package importer

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"

	"ansinh/importer/xlsx"
)

// rejectColumns are the columns a reject file adds to the input's.
var rejectColumns = []string{"line", "column", "reason", "reason_en"}

// rejectWriter writes the bad rows of an import to a temporary file beside
// the reject file, which takes its place only once the good rows are
// committed.
type rejectWriter struct {
	path string
	tmp  *os.File
	buf  *bufio.Writer
	csv  *csv.Writer
	xl   *xlsx.Writer
	row  []string
}

// newRejectWriter starts a reject file whose rows have the columns header
// plus rejectColumns.
func newRejectWriter(path string, header []string) (*rejectWriter, error) {
	dir, base := filepath.Split(path)
	ext := filepath.Ext(base)
	tmp, err := os.CreateTemp(dir, "."+strings.TrimSuffix(base, ext)+".*"+ext)
	if err != nil {
		return nil, err
	}
	w := &rejectWriter{path: path, tmp: tmp}
	if strings.EqualFold(ext, ".xlsx") {
		if w.xl, err = xlsx.NewWriter("reject"); err != nil {
			w.abort()
			return nil, err
		}
	} else {
		w.buf = bufio.NewWriterSize(tmp, 64<<10)
		// A BOM, so that Excel opens the file as UTF-8.
		_, _ = w.buf.WriteString("\ufeff")
		w.csv = csv.NewWriter(w.buf)
	}
	if err := w.write(append(append([]string(nil), header...), rejectColumns...)); err != nil {
		w.abort()
		return nil, err
	}
	return w, nil
}

// write appends one row.
func (w *rejectWriter) write(row []string) error {
	if w.xl != nil {
		return w.xl.WriteRow(row)
	}
	return w.csv.Write(row)
}

// finish writes the temporary file out; publish then moves it into place.
func (w *rejectWriter) finish() error {
	if w.xl != nil {
		if _, err := w.xl.WriteTo(w.tmp); err != nil {
			return err
		}
	} else {
		w.csv.Flush()
		if err := w.csv.Error(); err != nil {
			return err
		}
		if err := w.buf.Flush(); err != nil {
			return err
		}
	}
	return w.tmp.Sync()
}

// publish closes the temporary file and renames it to the reject file.
func (w *rejectWriter) publish() error {
	if w.xl != nil {
		_ = w.xl.Close()
	}
	if err := w.tmp.Close(); err != nil {
		_ = os.Remove(w.tmp.Name())
		return err
	}
	return os.Rename(w.tmp.Name(), w.path)
}

// abort gives the reject file up.
func (w *rejectWriter) abort() {
	if w.xl != nil {
		_ = w.xl.Close()
	}
	_ = w.tmp.Close()
	_ = os.Remove(w.tmp.Name())
}

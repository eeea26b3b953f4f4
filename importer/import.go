package importer

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ansinh"
	"ansinh/importer/xlsx"
)

// Loader writes rows into the database; the store implements it.
type Loader interface {
	// BeginLoad starts loading rows of kind k into its table in one
	// transaction.
	BeginLoad(ctx context.Context, k *Kind) (Load, error)
}

// Load is one loading transaction.
type Load interface {
	// Add upserts one row, its values in k.Columns order (DB names): string,
	// int64, bool, ansinh.Date, ansinh.Period, or nil for an empty optional
	// cell. It may buffer: the importer never changes row, nor its values,
	// once handed over, so a Load may keep it as it is.
	Add(row []any) error
	// Commit ends the transaction and says how many rows changed.
	Commit() (LoadResult, error)
	// Rollback abandons the transaction.
	Rollback() error
}

// LoadResult counts the rows a Commit changed: a row already stored with the
// same values counts in neither.
type LoadResult struct {
	Inserted, Updated int64
}

// RefSource gives the existing keys a kind's references are checked against;
// the store implements it.
type RefSource interface {
	// KeySet returns a membership test over the existing values of column in
	// table (e.g. "employers", "tax_code"). The importer calls it once per
	// reference and import, before the first row, and may call the test
	// for every row, from several goroutines; rows is about how many rows
	// the file holds (0: not known).
	KeySet(ctx context.Context, table, column string, rows int) (func(string) bool, error)
}

// Options tune an import.
type Options struct {
	// RejectFile, when set, turns on reject mode: the good rows are
	// committed even if some are bad, and the bad rows are written to this
	// file (CSV, or XLSX when it ends in .xlsx) with the file's columns plus
	// line, column, reason and reason_en. The file is written even when no
	// row is bad (then with its header only).
	RejectFile string
	// Lang is the language of Report.WriteText: "vi" (the default) or "en".
	Lang string
	// MaxErrors bounds the number of RowErrors kept in the Report (0: all).
	// Bad rows are still all counted, and all written to the reject file.
	MaxErrors int
	// Progress, when set, is called about once a second while rows are
	// read, and once when they all are (Done), before the commit.
	Progress func(Progress)
}

// Progress is how far an import has gone.
type Progress struct {
	Kind    string
	Rows    int           // rows read so far
	Bytes   int64         // bytes of the file read so far (0: unknown)
	Size    int64         // the file's size (0: unknown)
	Elapsed time.Duration // since the first row
	Done    bool          // every row is read; the commit follows
}

// Rate is the rows read per second.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Rows) / p.Elapsed.Seconds()
}

// Left estimates the time until every row is read, from the share of the
// file read so far (0 when the size is unknown).
func (p Progress) Left() time.Duration {
	if p.Size <= 0 || p.Bytes <= 0 || p.Bytes >= p.Size {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * float64(p.Size-p.Bytes) / float64(p.Bytes))
}

// Format is the format of an exchange file.
type Format int

// The formats of exchange files.
const (
	CSV  Format = iota + 1 // UTF-8, comma-separated, header row, optional BOM
	XLSX                   // Excel workbook: the first sheet, header row first
)

// String returns "csv" or "xlsx".
func (f Format) String() string {
	switch f {
	case CSV:
		return "csv"
	case XLSX:
		return "xlsx"
	}
	return "unknown"
}

// FormatOf returns the format of a file from its extension, .csv or .xlsx
// in any case.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, true
	case ".xlsx":
		return XLSX, true
	}
	return 0, false
}

// Import reads the file at path (format by extension), validates every row
// and loads the good ones through load in one transaction.
//
// When any row is bad and Options.RejectFile is empty, nothing is committed:
// the load is rolled back and the error is an *ansinh.Error with code
// EINVALID; the Report still lists every bad cell. A bad header (unknown,
// missing or repeated column) is refused the same way, before anything is
// loaded, with the problems in Report.FileErrors. Any other error (reading
// the file, the RefSource, the Load) is returned as it is, the load rolled
// back.
//
// load may be nil: the file is then only validated. refs may be nil only for
// kinds that make no reference.
func Import(ctx context.Context, k *Kind, path string, load Loader, refs RefSource, opt Options) (Report, error) {
	name := filepath.Base(path)
	format, ok := FormatOf(path)
	if !ok {
		rep := newReport(k, name, opt)
		e := ansinh.Invalid("", name+": phần mở rộng của tệp phải là .csv hoặc .xlsx",
			name+": the file's extension must be .csv or .xlsx")
		rep.FileErrors = append(rep.FileErrors, RowError{File: name, Reason: e.Message, ReasonEN: e.MessageEN})
		return rep, e
	}
	if opt.RejectFile != "" && samePath(path, opt.RejectFile) {
		return newReport(k, name, opt), ansinh.Invalid("", "tệp loại bỏ trùng với tệp nhập",
			"the reject file is the file being imported")
	}
	var src source
	switch format {
	case CSV:
		f, err := os.Open(path)
		if err != nil {
			return newReport(k, name, opt), err
		}
		cs := newCSVSource(f, f)
		if fi, err := f.Stat(); err == nil {
			cs.hint = int(min(fi.Size()/64, 1<<28))
			cs.size = fi.Size()
		}
		src = cs
	case XLSX:
		r, err := xlsx.Open(path)
		if err != nil {
			return refusedXLSX(k, name, opt, err)
		}
		src = &xlsxSource{r: r}
	}
	return run(ctx, k, name, src, load, refs, opt)
}

// ImportReader is Import for a file already open, such as a web upload:
// name is the file's name in reports, format its format. An XLSX file is
// read to its end before its rows are (a workbook is a zip archive); a CSV
// file is streamed.
func ImportReader(ctx context.Context, k *Kind, name string, r io.Reader, format Format, load Loader, refs RefSource, opt Options) (Report, error) {
	var src source
	switch format {
	case CSV:
		src = newCSVSource(r, nil)
	case XLSX:
		x, err := xlsx.NewReader(r)
		if err != nil {
			return refusedXLSX(k, name, opt, err)
		}
		src = &xlsxSource{r: x}
	default:
		return newReport(k, name, opt), ansinh.Invalid("", name+": định dạng tệp phải là CSV hoặc XLSX",
			name+": the file's format must be CSV or XLSX")
	}
	return run(ctx, k, name, src, load, refs, opt)
}

// refusedXLSX is the report and error of a file that is not a workbook: the
// reason is in the report's file errors too, so that every caller (the web
// page, the API's JSON report) shows it.
func refusedXLSX(k *Kind, name string, opt Options, err error) (Report, error) {
	rep := newReport(k, name, opt)
	e := unreadableXLSX(name, err).(*ansinh.Error)
	rep.FileErrors = append(rep.FileErrors, RowError{File: name, Reason: e.Message, ReasonEN: e.MessageEN})
	return rep, e
}

// unreadableXLSX is the error for a file that is not a workbook.
func unreadableXLSX(name string, err error) error {
	return &ansinh.Error{Code: ansinh.EINVALID,
		Message:   name + ": không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không phải định dạng XLSX",
		MessageEN: name + ": cannot read the Excel file (.xlsx): damaged or not in XLSX format"}
}

// samePath reports whether two paths name the same file.
func samePath(a, b string) bool {
	if fa, err := os.Stat(a); err == nil {
		if fb, err := os.Stat(b); err == nil {
			return os.SameFile(fa, fb)
		}
	}
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == ab
}

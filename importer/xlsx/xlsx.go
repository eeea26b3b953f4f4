// Package xlsx reads and writes one sheet of an Excel workbook (.xlsx) as
// rows of text cells, streaming, for the importer. It is the only part of the
// importer that uses the Excel library.
//
// A Reader gives the cells as Excel stores them, not as it displays them: a
// number is its plain digits whatever its number format, a date cell is its
// day serial number (see Reader.Date) and a boolean cell is 1 or 0. Text cells
// are their text.
package xlsx

import (
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// ErrNoSheet is returned for a workbook without a sheet.
var ErrNoSheet = errors.New("xlsx: the workbook has no sheet")

// Reader reads the rows of the first sheet of a workbook, one at a time.
type Reader struct {
	f        *excelize.File
	rows     *excelize.Rows
	sheet    string
	line     int
	cells    []string
	date1904 bool
	err      error
	opts     excelize.Options

	// The second, lazy reading for Display.
	shown      *excelize.Rows
	shownLine  int
	shownCells []string
	shownRead  bool
}

// Open opens the workbook at path for reading its first sheet. The
// compressed file is read into memory; the sheet itself is streamed (large
// sheets are unpacked to a temporary file).
func Open(path string) (*Reader, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	return newReader(f)
}

// NewReader reads a workbook from r (read to its end) for reading its first
// sheet.
func NewReader(r io.Reader) (*Reader, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, err
	}
	return newReader(f)
}

func newReader(f *excelize.File) (*Reader, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, ErrNoSheet
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	r := &Reader{f: f, rows: rows, sheet: sheets[0], opts: excelize.Options{RawCellValue: true}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		r.date1904 = *props.Date1904
	}
	return r, nil
}

// Sheet returns the name of the sheet being read.
func (r *Reader) Sheet() string { return r.sheet }

// Next moves to the next row, empty rows included, and reports whether there
// is one.
func (r *Reader) Next() bool {
	if r.err != nil || !r.rows.Next() {
		if r.err == nil {
			r.err = r.rows.Error()
		}
		return false
	}
	r.line++
	r.cells, r.err = r.rows.Columns(r.opts)
	return r.err == nil
}

// Row returns the cells of the current row; blank cells at its end are left
// out. The slice is valid until the next call of Next.
func (r *Reader) Row() []string { return r.cells }

// Line returns the sheet's row number of the current row (1 for the first).
func (r *Reader) Line() int { return r.line }

// Err returns the error that stopped Next, if any.
func (r *Reader) Err() error { return r.err }

// Close releases the workbook and its temporary files.
func (r *Reader) Close() error {
	err := r.rows.Close()
	if r.shown != nil {
		_ = r.shown.Close()
	}
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Display returns the text Excel displays for cell col (0-based) of the
// current row: its value with its number format applied, "TRUE" or "FALSE"
// for a boolean cell. It reads the sheet a second time, lazily, only as far as
// the current row, so a file that never needs it pays nothing.
func (r *Reader) Display(col int) (string, error) {
	if r.shown == nil {
		rows, err := r.f.Rows(r.sheet)
		if err != nil {
			return "", err
		}
		r.shown = rows
	}
	for r.shownLine < r.line {
		if !r.shown.Next() {
			if err := r.shown.Error(); err != nil {
				return "", err
			}
			return "", errors.New("xlsx: the sheet ended early on the second reading")
		}
		r.shownLine++
		r.shownCells = nil
		r.shownRead = false
	}
	if !r.shownRead {
		cells, err := r.shown.Columns()
		if err != nil {
			return "", err
		}
		r.shownCells, r.shownRead = cells, true
	}
	if col < 0 || col >= len(r.shownCells) {
		return "", nil
	}
	return r.shownCells[col], nil
}

// Date returns the day of cell col (0-based) of the current row when it is a
// date cell: a day serial number such as "45306" shown as a date by its
// number format. A time of day is ignored. It reports false for anything
// else: a plain number is not taken for a date.
func (r *Reader) Date(col int) (year, month, day int, ok bool) {
	if col < 0 || col >= len(r.cells) {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseFloat(r.cells[col], 64)
	if err != nil || v < 61 || v > 2958465 { // 1900-03-01 … 9999-12-31
		return 0, 0, 0, false
	}
	shown, err := r.Display(col)
	if err != nil || shown == r.cells[col] || !looksLikeDate(shown) {
		return 0, 0, 0, false
	}
	t, err := excelize.ExcelDateToTime(v, r.date1904)
	if err != nil {
		return 0, 0, 0, false
	}
	// Whole days are exact; a time of day just short of midnight must not
	// roll over into the next day, nor may a float error fall short of it.
	t = t.Add(time.Millisecond)
	return t.Year(), int(t.Month()), t.Day(), true
}

// looksLikeDate reports whether a displayed value is a date rather than a
// number with separators: it holds a slash, a hyphen or a letter (month
// names).
func looksLikeDate(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '/' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// Writer writes rows of text to one sheet of a new workbook, streaming: the
// rows go to a temporary file, not to memory. Cells are written as text, so
// codes keep their leading zeros. A sheet holds at most 1,048,576 rows.
type Writer struct {
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
	vals []any
}

// NewWriter starts a workbook whose only sheet is named sheet.
func NewWriter(sheet string) (*Writer, error) {
	f := excelize.NewFile()
	if sheet != "" && sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			_ = f.Close()
			return nil, err
		}
	} else {
		sheet = "Sheet1"
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &Writer{f: f, sw: sw}, nil
}

// WriteRow appends a row.
func (w *Writer) WriteRow(cells []string) error {
	w.row++
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	w.vals = w.vals[:0]
	for _, c := range cells {
		w.vals = append(w.vals, c)
	}
	return w.sw.SetRow(cell, w.vals)
}

// SaveAs finishes the workbook and writes it to path.
func (w *Writer) SaveAs(path string) error {
	if err := w.sw.Flush(); err != nil {
		return err
	}
	return w.f.SaveAs(path)
}

// WriteTo finishes the workbook and writes it to out.
func (w *Writer) WriteTo(out io.Writer) (int64, error) {
	if err := w.sw.Flush(); err != nil {
		return 0, err
	}
	return w.f.WriteTo(out)
}

// Close releases the workbook's temporary files; call it after SaveAs or
// WriteTo, or to give up.
func (w *Writer) Close() error { return w.f.Close() }

package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"

	"ansinh/importer/xlsx"
)

// source is a file being read one record at a time.
type source interface {
	// next moves to the next record and reports whether there is one.
	next() bool
	// record returns the current record's fields; it is valid until next.
	record() []string
	// line returns the current record's line in the file (1 for the first).
	line() int
	// rowErr returns why the current record could not be read as a row,
	// if it could not (the file can still be read past it).
	rowErr() *RowError
	// err returns the error that stopped next, if any.
	err() error
	// excel returns what an XLSX source knows of cells, or nil.
	excel() excelCells
	// rowsHint returns a guess of the number of rows, 0 if unknown.
	rowsHint() int
	close() error
	// offset is the number of bytes read so far (0 if unknown).
	offset() int64
}

// csvSource reads CSV with encoding/csv, reusing its record.
type csvSource struct {
	br     *bufio.Reader
	r      *csv.Reader
	closer io.Closer
	rec    []string
	ln     int
	bad    *RowError
	e      error
	begun  bool
	hint   int
	size   int64 // the file's size, when known
}

func newCSVSource(r io.Reader, closer io.Closer) *csvSource {
	br := bufio.NewReaderSize(r, 256<<10)
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // checked against the header, per row
	return &csvSource{br: br, r: cr, closer: closer}
}

// errUTF16 marks a CSV file saved as UTF-16 ("Unicode text" in Excel).
var errUTF16 = errors.New("csv: UTF-16 file")

func (s *csvSource) next() bool {
	if !s.begun {
		s.begun = true
		head, _ := s.br.Peek(3)
		switch {
		case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
			_, _ = s.br.Discard(3)
		case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
			s.e = errUTF16
			return false
		}
	}
	rec, err := s.r.Read()
	s.bad = nil
	if err == nil {
		s.rec = rec
		s.ln, _ = s.r.FieldPos(0)
		return true
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) && !errors.Is(err, csv.ErrFieldCount) {
		s.rec, s.ln = nil, pe.StartLine
		s.bad = &RowError{Line: pe.StartLine,
			Reason:   "dòng CSV không đọc được: dấu ngoặc kép (\") đặt sai chỗ",
			ReasonEN: "unreadable CSV line: " + pe.Err.Error()}
		return true
	}
	if err != io.EOF {
		s.e = err
	}
	return false
}

func (s *csvSource) record() []string  { return s.rec }
func (s *csvSource) line() int         { return s.ln }
func (s *csvSource) rowErr() *RowError { return s.bad }
func (s *csvSource) err() error        { return s.e }
func (s *csvSource) excel() excelCells { return nil }

// rowsHint guesses from the file's size, for lines of 64 bytes: an
// employment line is about 75.
func (s *csvSource) rowsHint() int { return s.hint }

func (s *csvSource) offset() int64 { return s.r.InputOffset() }

func (s *csvSource) close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

// xlsxSource reads the first sheet of a workbook.
type xlsxSource struct {
	r *xlsx.Reader
}

func (s *xlsxSource) next() bool        { return s.r.Next() }
func (s *xlsxSource) record() []string  { return s.r.Row() }
func (s *xlsxSource) line() int         { return s.r.Line() }
func (s *xlsxSource) rowErr() *RowError { return nil }
func (s *xlsxSource) err() error        { return s.r.Err() }
func (s *xlsxSource) excel() excelCells { return s.r }
func (s *xlsxSource) close() error      { return s.r.Close() }
func (s *xlsxSource) rowsHint() int     { return 0 }
func (s *xlsxSource) offset() int64     { return 0 }

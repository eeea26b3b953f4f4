package importer

import (
	"bufio"
	"io"
	"strconv"

	"ansinh"
)

// Report is the outcome of one import.
type Report struct {
	Kind string `json:"kind"`
	File string `json:"file"`
	// Rows counts the data rows read (blank rows are skipped); Good and Bad
	// split them.
	Rows int `json:"rows"`
	Good int `json:"good"`
	Bad  int `json:"bad"`
	// Inserted and Updated count the rows the commit changed.
	Inserted int64 `json:"inserted"`
	Updated  int64 `json:"updated"`
	// Errors lists the problems of the bad rows, in file order, one per bad
	// cell (a row can have several), at most Options.MaxErrors of them.
	Errors []RowError `json:"errors,omitempty"`
	// MoreErrors counts the problems left out of Errors by MaxErrors.
	MoreErrors int `json:"more_errors,omitempty"`
	// FileErrors lists the problems with the file as a whole: its header
	// (Line is the header's line, Column the column concerned), its
	// encoding or its format (Line 0).
	FileErrors []RowError `json:"file_errors,omitempty"`
	// Committed reports whether the good rows were committed.
	Committed bool `json:"committed"`
	// RejectFile is the reject file written, if any.
	RejectFile string `json:"reject_file,omitempty"`
	// Lang is the language of WriteText, "vi" or "en".
	Lang string `json:"-"`
}

// RowError is one problem of one bad row (or, in Report.FileErrors, of the
// file).
type RowError struct {
	File string `json:"file"`
	// Line is the line in the file (the header is line 1) or, in an XLSX
	// file, the sheet's row number.
	Line int `json:"line"`
	// Column is the column concerned, as named in the file; for a duplicate
	// key, the key's columns separated by commas; empty for a row that
	// could not be read at all.
	Column string `json:"column,omitempty"`
	// Value is the cell as found in the file.
	Value string `json:"value"`
	// Reason says what is wrong, in Vietnamese with full diacritics;
	// ReasonEN says it in English.
	Reason   string `json:"reason"`
	ReasonEN string `json:"reason_en"`
}

// Message writes the problem for people in lang ("vi" or "en"):
// `employment.csv:12: wage "5.000.000": số tiền …`.
func (e RowError) Message(lang string) string {
	b := make([]byte, 0, 96)
	b = append(b, e.File...)
	if e.Line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(e.Line), 10)
	}
	b = append(b, ": "...)
	if e.Column != "" {
		b = append(b, e.Column...)
		if e.Value != "" {
			b = append(b, ' ')
			b = strconv.AppendQuote(b, e.Value)
		}
		b = append(b, ": "...)
	}
	if lang == "en" {
		b = append(b, e.ReasonEN...)
	} else {
		b = append(b, e.Reason...)
	}
	return string(b)
}

func newReport(k *Kind, name string, opt Options) Report {
	lang := opt.Lang
	if lang != "en" {
		lang = "vi"
	}
	return Report{Kind: k.Name, File: name, Lang: lang}
}

// Summary writes one line on the import's outcome in r.Lang.
func (r *Report) Summary() string {
	en := r.Lang == "en"
	sep := byte('.')
	if en {
		sep = ','
	}
	n := func(v int64) string { return ansinh.GroupDigits(v, sep) }
	s := r.File + " (" + r.Kind + "): "
	if len(r.FileErrors) > 0 {
		if en {
			return s + "refused: the file itself is wrong; nothing was committed"
		}
		return s + "bị từ chối: tệp không hợp lệ; không ghi dòng nào"
	}
	if en {
		s += n(int64(r.Rows)) + " rows, " + n(int64(r.Good)) + " good, " + n(int64(r.Bad)) + " bad; "
		switch {
		case r.Committed:
			s += "committed: " + n(r.Inserted) + " inserted, " + n(r.Updated) + " updated"
		case r.Bad > 0:
			s += "refused: nothing was committed"
		default:
			s += "checked only, nothing committed"
		}
		if r.RejectFile != "" {
			s += "; bad rows in " + r.RejectFile
		}
		return s
	}
	s += n(int64(r.Rows)) + " dòng, " + n(int64(r.Good)) + " hợp lệ, " + n(int64(r.Bad)) + " lỗi; "
	switch {
	case r.Committed:
		s += "đã ghi: " + n(r.Inserted) + " thêm mới, " + n(r.Updated) + " cập nhật"
	case r.Bad > 0:
		s += "bị từ chối: không ghi dòng nào"
	default:
		s += "chỉ kiểm tra, không ghi"
	}
	if r.RejectFile != "" {
		s += "; các dòng lỗi ở " + r.RejectFile
	}
	return s
}

// WriteText writes the report for people, in r.Lang: the summary, then the
// file's problems and every listed row problem, one per line.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	_, _ = bw.WriteString(r.Summary() + "\n")
	for _, e := range r.FileErrors {
		_, _ = bw.WriteString("  " + e.Message(r.Lang) + "\n")
	}
	for _, e := range r.Errors {
		_, _ = bw.WriteString("  " + e.Message(r.Lang) + "\n")
	}
	if r.MoreErrors > 0 {
		if r.Lang == "en" {
			_, _ = bw.WriteString("  … and " + strconv.Itoa(r.MoreErrors) + " more problems\n")
		} else {
			_, _ = bw.WriteString("  … và " + strconv.Itoa(r.MoreErrors) + " lỗi khác\n")
		}
	}
	return bw.Flush()
}

package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"ansinh"

	"github.com/xuri/excelize/v2"
)

// Every list of the console and the portals also comes as an XLSX
// workbook (product.md, "Every list in the UI exports to XLSX"): the same
// address with ?format=xlsx answers the page's lists, one sheet each, with
// the column headings in the page's language, amounts and counts as
// numbers, months and dates as text the Vietnamese way. A paged list
// exports whole, up to exportLimit rows.

// exportLimit bounds the rows of one exported sheet.
const exportLimit = 100_000

// sheet is one list of a page, as a sheet of the workbook.
type sheet struct {
	// Name is the sheet's name (a catalogue key: its text, cut to 31
	// characters as Excel wants).
	Name string
	// Columns are the column headings (catalogue keys).
	Columns []string
	// Rows are the cells: string, int, int64, float64, ansinh.Period,
	// ansinh.Date, time.Time, bool, or nil for an empty cell.
	Rows [][]any
}

// add appends a row.
func (s *sheet) add(cells ...any) { s.Rows = append(s.Rows, cells) }

// wantsXLSX reports whether the request asks for the page's lists as XLSX.
func wantsXLSX(r *http.Request) bool { return r.URL.Query().Get("format") == "xlsx" }

// exportURL returns the page's address asking for XLSX: the same filters,
// from the first row.
func exportURL(u *url.URL) string {
	q := u.Query()
	for _, k := range []string{"offset", "after", "before", "lang"} {
		q.Del(k)
	}
	q.Set("format", "xlsx")
	return u.Path + "?" + q.Encode()
}

// writeXLSX answers the request with the sheets as an XLSX workbook named
// name (without extension) in the page's language.
func (s *Server) writeXLSX(w http.ResponseWriter, r *http.Request, name string, sheets ...sheet) {
	b, err := workbook(langOf(r), sheets)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, name+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

// sendFile answers with a file to download.
func sendFile(w http.ResponseWriter, filename, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, filename))
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// workbook lays the sheets out in a workbook.
func workbook(lang string, sheets []sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8F0F8"}}})
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for i, sh := range sheets {
		name := sheetName(translate(lang, sh.Name), used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return nil, err
		}
		widths := make([]int, len(sh.Columns))
		head := make([]any, len(sh.Columns))
		for c, k := range sh.Columns {
			t := translate(lang, k)
			head[c] = excelize.Cell{Value: t, StyleID: bold}
			widths[c] = max(10, len([]rune(t))+2)
		}
		for r, row := range sh.Rows {
			if r >= exportLimit {
				break
			}
			for c, v := range row {
				cv := cellValue(v)
				if c < len(widths) {
					if s, ok := cv.(string); ok {
						widths[c] = min(60, max(widths[c], len([]rune(s))+2))
					}
				}
				row[c] = cv
			}
		}
		for c, wd := range widths {
			if err := sw.SetColWidth(c+1, c+1, float64(wd)); err != nil {
				return nil, err
			}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return nil, err
		}
		for r, row := range sh.Rows {
			if r >= exportLimit {
				break
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(cell, row); err != nil {
				return nil, err
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sheetName returns a valid, unused sheet name for a title: at most 31
// characters, without the characters Excel refuses.
func sheetName(title string, used map[string]bool) string {
	title = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, title)
	rs := []rune(title)
	if len(rs) > 31 {
		rs = rs[:31]
	}
	name := strings.TrimSpace(string(rs))
	for n := 2; used[name]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		base := []rune(strings.TrimSpace(string(rs)))
		if len(base)+len(suffix) > 31 {
			base = base[:31-len(suffix)]
		}
		name = string(base) + suffix
	}
	used[name] = true
	return name
}

// cellValue turns a cell into what the sheet stores.
func cellValue(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case ansinh.Period:
		return monthDisplay(x)
	case ansinh.Date:
		if x.IsZero() {
			return nil
		}
		return x.Display()
	case time.Time:
		return datetimeDisplay(x)
	case bool:
		if x {
			return "✓"
		}
		return ""
	}
	return v
}

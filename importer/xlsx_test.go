package importer

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ansinh"
	"ansinh/importer/xlsx"
)

// sheetRow is one row of a test workbook: its sheet row number and cells.
type sheetRow struct {
	n     int
	cells []any
}

// buildXLSX writes a workbook whose first sheet holds rows; a second sheet
// holds noise that must be ignored.
func buildXLSX(t testing.TB, rows []sheetRow, styles map[string]int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Dữ liệu"); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r.n)
		if err := f.SetSheetRow("Dữ liệu", cell, &r.cells); err != nil {
			t.Fatal(err)
		}
	}
	for cell, style := range styles {
		if err := f.SetCellStyle("Dữ liệu", cell, cell, style); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("Ghi chú"); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellValue("Ghi chú", "A1", "not a header")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// textRows turns CSV lines into sheet rows of text cells, from row 1.
func textRows(t *testing.T, ls []string) []sheetRow {
	var rows []sheetRow
	for i, l := range ls {
		var cells []any
		for _, c := range parseCSVLine(t, l) {
			cells = append(cells, c)
		}
		rows = append(rows, sheetRow{i + 1, cells})
	}
	return rows
}

// TestXLSXSameAsCSV imports every kind's test file as CSV and as XLSX (text
// cells): the same rows load and the same problems are reported at the same
// lines.
func TestXLSXSameAsCSV(t *testing.T) {
	for _, c := range kindCases {
		t.Run(c.kind, func(t *testing.T) {
			k := mustKind(t, c.kind)
			width := len(strings.Split(c.header, ","))
			ls := append([]string{c.header}, c.good...)
			for _, b := range c.bad {
				if len(parseCSVLine(t, b.row)) == width { // a CSV field count error has no XLSX twin
					ls = append(ls, b.row)
				}
			}
			csvLoad, xlLoad := &memLoader{}, &memLoader{}
			csvRep, _ := ImportReader(context.Background(), k, "f", strings.NewReader(lines(ls...)), CSV, csvLoad, newRefs(), Options{RejectFile: filepath.Join(t.TempDir(), "r.csv")})
			xlRep, err := ImportReader(context.Background(), k, "f", bytes.NewReader(buildXLSX(t, textRows(t, ls), nil)), XLSX, xlLoad, newRefs(), Options{RejectFile: filepath.Join(t.TempDir(), "r.csv")})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(csvRep.Errors, xlRep.Errors) {
				t.Errorf("errors differ:\ncsv  %+v\nxlsx %+v", csvRep.Errors, xlRep.Errors)
			}
			if !reflect.DeepEqual(csvLoad.rows, xlLoad.rows) {
				t.Errorf("rows differ:\ncsv  %v\nxlsx %v", csvLoad.rows, xlLoad.rows)
			}
			if csvRep.Bad == 0 && len(c.bad) > 0 {
				t.Error("no bad row tested")
			}
		})
	}
}

func TestXLSXLineNumbers(t *testing.T) {
	rows := []sheetRow{
		{2, []any{"tax_code", "zone", "employees"}}, // the header on row 2, row 1 empty
		{3, []any{tax1, "KCN", "1"}},
		{4, []any{"", "", ""}}, // an emptied row
		{7, []any{tax2, "", "2"}},
		{9, []any{tax3, "KCN", "x"}},
	}
	rep, err := ImportReader(context.Background(), mustKind(t, "iz_enterprises"), "iz.xlsx",
		bytes.NewReader(buildXLSX(t, rows, nil)), XLSX, &memLoader{}, nil, Options{})
	if !isInvalid(err) {
		t.Fatal(err)
	}
	var got []string
	for _, e := range rep.Errors {
		got = append(got, e.Column+"@"+itoa(e.Line))
	}
	if want := []string{"zone@7", "employees@9"}; !reflect.DeepEqual(got, want) {
		t.Errorf("errors at %q, want %q", got, want)
	}
	if rep.Rows != 3 {
		t.Errorf("rows %d, want 3", rep.Rows)
	}
}

// TestXLSXNativeCells imports cells as Excel users make them: real dates,
// months typed as dates, formatted numbers and booleans.
func TestXLSXNativeCells(t *testing.T) {
	f := excelize.NewFile()
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 3})  // #,##0
	short, _ := f.NewStyle(&excelize.Style{NumFmt: 14}) // a short date
	_ = f.Close()
	d := func(s string) time.Time { return ansinh.MustParseDate(s).Time() }
	rows := []sheetRow{
		{1, []any{"person_id", "full_name", "birth_date", "sex", "ethnic_minority", "commune_code", "legacy_si_code"}},
		{2, []any{person1, "Nguyễn Văn An", d("1985-03-10"), "male", false, "00004", "0123456789"}},
		{3, []any{person2, "Trần Thị Bình", d("1990-07-01"), "female", true, "00007", nil}},
		{4, []any{person3, "Lê Văn Cường", "2001-01-01", "male", "false", "00004", nil}},
	}
	load := &memLoader{}
	rep, err := ImportReader(context.Background(), mustKind(t, "persons"), "p.xlsx",
		bytes.NewReader(buildXLSX(t, rows, map[string]int{"C3": short})), XLSX, load, newRefs(), Options{})
	if err != nil {
		t.Fatalf("%v %+v", err, rep.Errors)
	}
	if got := []any{load.rows[0][2], load.rows[0][4], load.rows[1][2], load.rows[1][4]}; !reflect.DeepEqual(got,
		[]any{ansinh.MustParseDate("1985-03-10"), false, ansinh.MustParseDate("1990-07-01"), true}) {
		t.Errorf("persons values %v", got)
	}

	rows = []sheetRow{
		{1, []any{"tax_code", "person_id", "start_month", "end_month", "wage", "contract", "declared_on"}},
		{2, []any{tax1, person1, d("2024-01-01"), nil, 8500000, "indefinite", d("2024-01-05")}},
		{3, []any{tax1, person2, "2024-03", d("2024-12-01"), 6200000.0, "fixed", "2024-05-20"}},
		{4, []any{tax2, person1, d("2024-01-15"), nil, 5000000, "fixed", 2024}},                                 // not a month; a year in a date column
		{5, []any{tax2, person2, "2024-01", nil, 5000000.5, "fixed", "2024-01-01"}},                             // decimals
		{6, []any{tax2, person3, "2024-01", nil, 1, "fixed", d("2024-01-01")}},                                  // fine
		{7, []any{tax2, person3, "2024-02", nil, 1, "fixed", d("2024-01-01").Add(-time.Hour * 24 * 365 * 200)}}, // before 1900
	}
	load = &memLoader{}
	rep, err = ImportReader(context.Background(), mustKind(t, "employment"), "e.xlsx",
		bytes.NewReader(buildXLSX(t, rows, map[string]int{"E2": money, "E3": money})), XLSX, load, newRefs(), Options{RejectFile: filepath.Join(t.TempDir(), "r.xlsx")})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]any{
		{tax1, person1, ansinh.MustParsePeriod("2024-01"), nil, int64(8500000), "indefinite", ansinh.MustParseDate("2024-01-05")},
		{tax1, person2, ansinh.MustParsePeriod("2024-03"), ansinh.MustParsePeriod("2024-12"), int64(6200000), "fixed", ansinh.MustParseDate("2024-05-20")},
		{tax2, person3, ansinh.MustParsePeriod("2024-01"), nil, int64(1), "fixed", ansinh.MustParseDate("2024-01-01")},
	}
	if !reflect.DeepEqual(load.rows, want) {
		t.Errorf("rows\n%v\nwant\n%v", load.rows, want)
	}
	var got []string
	for _, e := range rep.Errors {
		got = append(got, e.Column+"@"+itoa(e.Line))
	}
	if w := []string{"start_month@4", "declared_on@4", "wage@5", "declared_on@7"}; !reflect.DeepEqual(got, w) {
		t.Errorf("errors %q, want %q: %+v", got, w, rep.Errors)
	}

	// The reject file is a workbook too.
	r, err := xlsx.Open(rep.RejectFile)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var recs [][]string
	for r.Next() {
		recs = append(recs, append([]string(nil), r.Row()...))
	}
	if len(recs) != 4 || recs[0][7] != "line" || recs[1][7] != "4" || recs[2][7] != "5" || recs[3][10] == "" {
		t.Errorf("reject workbook %q", recs)
	}
}

package xlsx

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestWriterReaderRoundTrip(t *testing.T) {
	w, err := NewWriter("Lỗi")
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]string{
		{"tax_code", "name", "line"},
		{"0101000006", "Công ty TNHH An Phát", "2"},
		{"", "", ""},
		{"007", "=1+1", "4"}, // text stays text: no formula, no lost zeros
	}
	for _, r := range rows {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := w.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Sheet() != "Lỗi" {
		t.Errorf("sheet %q", r.Sheet())
	}
	var got [][]string
	var lines []int
	for r.Next() {
		got = append(got, append([]string{}, r.Row()...))
		lines = append(lines, r.Line())
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	want := [][]string{rows[0], rows[1], nil, rows[3]}
	if len(got) != 4 || !reflect.DeepEqual(got[0], want[0]) || !reflect.DeepEqual(got[1], want[1]) ||
		len(got[2]) != 0 || !reflect.DeepEqual(got[3], want[3]) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if !reflect.DeepEqual(lines, []int{1, 2, 3, 4}) {
		t.Errorf("lines %v", lines)
	}
}

func TestReaderCells(t *testing.T) {
	f := excelize.NewFile()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	moneyStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
	day := time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)
	_ = f.SetSheetRow("Sheet1", "A3", &[]any{day, 45306, 8500000, true, "2024-01-15", day.Add(18 * time.Hour)})
	_ = f.SetCellStyle("Sheet1", "A3", "A3", dateStyle)
	_ = f.SetCellStyle("Sheet1", "C3", "C3", moneyStyle)
	_, _ = f.NewSheet("Second")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()

	r, err := NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for r.Next() && r.Line() < 3 {
		if len(r.Row()) != 0 {
			t.Fatalf("row %d not empty: %q", r.Line(), r.Row())
		}
	}
	if r.Line() != 3 {
		t.Fatalf("line %d", r.Line())
	}
	row := r.Row()
	if row[1] != "45306" || row[2] != "8500000" || row[3] != "1" || row[4] != "2024-01-15" {
		t.Errorf("raw cells %q", row)
	}
	for col, want := range map[int]bool{0: true, 1: false, 2: false, 3: false, 4: false, 5: true, 9: false} {
		y, m, d, ok := r.Date(col)
		if ok != want || ok && (y != 2024 || m != 1 || d != 15) {
			t.Errorf("Date(%d) = %d-%d-%d %v, want %v", col, y, m, d, ok, want)
		}
	}
	if s, err := r.Display(3); err != nil || s != "TRUE" {
		t.Errorf("Display(3) = %q, %v", s, err)
	}
	if s, _ := r.Display(2); !strings.Contains(s, ",") {
		t.Errorf("Display(2) = %q, want a grouped number", s)
	}
	if r.Next() {
		t.Error("a row after the last")
	}
}

func TestReaderErrors(t *testing.T) {
	if _, err := NewReader(strings.NewReader("not a workbook")); err == nil {
		t.Error("no error for a non-workbook")
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none.xlsx")); err == nil {
		t.Error("no error for a missing file")
	}
}

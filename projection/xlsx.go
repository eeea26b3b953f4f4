package projection

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SheetSummary is the workbook's first sheet: the scenarios side by side.
const SheetSummary = "Tóm tắt"

// xlsxWriter writes cells and remembers the first error.
type xlsxWriter struct {
	f              *excelize.File
	err            error
	head, int, pct int
}

func (x *xlsxWriter) set(sheet string, col, row int, v any, style int) {
	if x.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err == nil {
		err = x.f.SetCellValue(sheet, cell, v)
	}
	if err == nil && style != 0 {
		err = x.f.SetCellStyle(sheet, cell, cell, style)
	}
	x.err = err
}

// XLSX writes the projections as a workbook: the summary, then one sheet
// per scenario with every year and every figure (money in đồng), then the
// assumptions. The same results give the same bytes.
func XLSX(results []*Result) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f}
	x.head, x.err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if x.err == nil {
		x.int, x.err = f.NewStyle(&excelize.Style{NumFmt: 3})
	}
	if x.err == nil {
		x.pct, x.err = f.NewStyle(&excelize.Style{NumFmt: 10})
	}
	if x.err == nil {
		x.err = f.SetSheetName("Sheet1", SheetSummary)
	}
	x.summary(results)
	for i, r := range results {
		x.scenario(i, r)
	}
	x.assumptions(results)
	if x.err != nil {
		return nil, x.err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (x *xlsxWriter) summary(results []*Result) {
	years := SummaryYears(results)
	s := SheetSummary
	if len(results) > 0 {
		x.set(s, 1, 1, fmt.Sprintf("Dự báo quỹ hưu trí, tử tuất từ %s / Pension fund projection from %s", results[0].Start.First().Display(), results[0].Start), x.head)
	}
	for i, h := range []string{"Chỉ tiêu", "Indicator", "Đơn vị", "Kịch bản"} {
		x.set(s, i+1, 3, h, x.head)
	}
	for j, y := range years {
		x.set(s, 5+j, 3, y, x.head)
	}
	row := 4
	for _, m := range Metrics {
		for _, r := range results {
			x.set(s, 1, row, m.TitleVI, 0)
			x.set(s, 2, row, m.TitleEN, 0)
			x.set(s, 3, row, xlsxUnit(m), 0)
			x.set(s, 4, row, r.Scenario.Name, 0)
			for j, y := range years {
				if v, ok := r.At(y); ok {
					x.value(s, 5+j, row, m, v)
				}
			}
			row++
		}
	}
	x.setWidths(s, 34)
}

// xlsxUnit is the unit of a metric in the workbook, where money is in đồng.
func xlsxUnit(m Metric) string {
	if m.Kind == KindMoney {
		return "đồng"
	}
	return m.Unit()
}

func (x *xlsxWriter) value(sheet string, col, row int, m Metric, y Year) {
	switch m.Kind {
	case KindCount, KindMoney:
		x.set(sheet, col, row, int64(m.Value(y)), x.int)
	case KindShare:
		x.set(sheet, col, row, m.Value(y), x.pct)
	default:
		x.set(sheet, col, row, m.Value(y), 0)
	}
}

func (x *xlsxWriter) setWidths(sheet string, first float64) {
	if x.err == nil {
		x.err = x.f.SetColWidth(sheet, "A", "B", first)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(sheet, "C", "AZ", 16)
	}
}

// scenarioColumns are the per-year figures of a scenario's sheet.
var scenarioColumns = []struct {
	title string
	kind  Kind
	get   func(Year) float64
}{
	{"Năm / Year", KindRatio, func(y Year) float64 { return float64(y.Year) }},
	{"Bắt buộc / Mandatory", KindCount, func(y Year) float64 { return float64(y.Mandatory) }},
	{"Tự nguyện / Voluntary", KindCount, func(y Year) float64 { return float64(y.Voluntary) }},
	{"Người đóng / Contributors", KindCount, func(y Year) float64 { return float64(y.Contributors) }},
	{"Bảo lưu / Deferred", KindCount, func(y Year) float64 { return float64(y.Deferred) }},
	{"Lực lượng lao động / Labour force", KindCount, func(y Year) float64 { return float64(y.LabourForce) }},
	{"Bao phủ / Coverage", KindShare, func(y Year) float64 { return y.Coverage }},
	{"Người hưởng / Pensioners", KindCount, func(y Year) float64 { return float64(y.Pensioners) }},
	{"Nghỉ hưu mới / New pensioners", KindCount, func(y Year) float64 { return float64(y.NewPensioners) }},
	{"Đủ tuổi, không đủ năm đóng / Retired without pension", KindCount, func(y Year) float64 { return float64(y.WithoutPension) }},
	{"Người mới / Entrants", KindCount, func(y Year) float64 { return float64(y.Entrants) }},
	{"Dừng đóng / Exits", KindCount, func(y Year) float64 { return float64(y.Exits) }},
	{"Tử vong / Deaths", KindCount, func(y Year) float64 { return float64(y.Deaths) }},
	{"Tỷ số phụ thuộc / Dependency ratio", KindRatio, func(y Year) float64 { return y.DependencyRatio }},
	{"Tỷ lệ đóng / Contribution rate", KindShare, func(y Year) float64 { return y.ContributionRate }},
	{"Thu / Revenue (đ)", KindMoney, func(y Year) float64 { return float64(y.Revenue) }},
	{"Chi hằng tháng / Pensions (đ)", KindMoney, func(y Year) float64 { return float64(y.PensionSpending) }},
	{"Trợ cấp một lần khi nghỉ hưu / Lump sums (đ)", KindMoney, func(y Year) float64 { return float64(y.LumpSums) }},
	{"Tổng chi / Spending (đ)", KindMoney, func(y Year) float64 { return float64(y.Spending) }},
	{"Cân đối / Balance (đ)", KindMoney, func(y Year) float64 { return float64(y.Balance) }},
	{"Tỷ lệ chi phí PAYG / Cost rate", KindShare, func(y Year) float64 { return y.CostRate }},
	{"Tỷ lệ thay thế / Replacement rate", KindShare, func(y Year) float64 { return y.ReplacementRate }},
	{"NSNN hỗ trợ / State support (đ)", KindMoney, func(y Year) float64 { return float64(y.StateSupport) }},
	{"NS tỉnh hỗ trợ / Province support (đ)", KindMoney, func(y Year) float64 { return float64(y.ProvinceSupport) }},
}

func (x *xlsxWriter) scenario(i int, r *Result) {
	s := sheetName(i, r.Scenario.Name)
	if x.err == nil {
		_, x.err = x.f.NewSheet(s)
	}
	x.set(s, 1, 1, r.Scenario.TitleVI+" / "+r.Scenario.TitleEN, x.head)
	for j, c := range scenarioColumns {
		x.set(s, j+1, 2, c.title, x.head)
	}
	for i, y := range r.Years {
		for j, c := range scenarioColumns {
			switch c.kind {
			case KindCount, KindMoney:
				x.set(s, j+1, 3+i, int64(c.get(y)), x.int)
			case KindShare:
				x.set(s, j+1, 3+i, c.get(y), x.pct)
			default:
				x.set(s, j+1, 3+i, c.get(y), 0)
			}
		}
	}
	x.setWidths(s, 12)
}

// sheetName makes the i-th scenario's name a valid, distinct sheet name.
func sheetName(i int, name string) string {
	r := []rune(fmt.Sprintf("KB%d %s", i+1, strings.NewReplacer("/", "-", "\\", "-", "?", "", "*", "", "[", "(", "]", ")", ":", "-").Replace(name)))
	if len(r) > 31 {
		r = r[:31]
	}
	return string(r)
}

func (x *xlsxWriter) assumptions(results []*Result) {
	s := "Giả định"
	if x.err == nil {
		_, x.err = x.f.NewSheet(s)
	}
	for j, h := range []string{"Kịch bản / Scenario", "Tham số / Parameter", "Tên / Name", "Giá trị / Value", "Nguồn / Source", "Giả định / Assumed"} {
		x.set(s, j+1, 1, h, x.head)
	}
	row := 2
	for _, r := range results {
		for _, a := range r.Assumptions {
			for j, v := range []any{r.Scenario.Name, a.Name, a.TitleVI + " / " + a.TitleEN, a.Value, a.Source, yesNo(a.Assumed)} {
				x.set(s, j+1, row, v, 0)
			}
			row++
		}
	}
	x.setWidths(s, 22)
}

func yesNo(b bool) string {
	if b {
		return "có / yes"
	}
	return "không / no"
}

package report

import (
	"bytes"
	"fmt"
	"strings"

	"ansinh/indicators"

	"github.com/xuri/excelize/v2"
)

// The sheets of the workbook.
const (
	SheetSummary    = "Tổng hợp"
	SheetHistory    = "Diễn biến"
	SheetCommunes   = "Xã phường"
	SheetArrears    = "Thu nợ"
	SheetCompliance = "Tuân thủ"
	SheetTasks      = "Nhiệm vụ"
	SheetMethod     = "Định nghĩa"
)

// The summary table's first data row and the communes table's: tests and
// readers find the figures there.
const (
	SummaryFirstRow  = 7
	CommunesFirstRow = 5
)

// xl wraps a workbook with the report's styles.
type xl struct {
	f                                  *excelize.File
	title, head, pct, int, text, money int
	err                                error
}

func (x *xl) set(sheet string, col, row int, v any, style int) {
	if x.err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if x.err = x.f.SetCellValue(sheet, cell, v); x.err == nil && style != 0 {
		x.err = x.f.SetCellStyle(sheet, cell, cell, style)
	}
}

// rate writes a rate as a number of percent (52.37), or "Chưa có dữ liệu".
func (x *xl) rate(sheet string, col, row int, r indicators.Rate, ok bool) {
	if !ok {
		x.set(sheet, col, row, NoData, x.text)
		return
	}
	x.set(sheet, col, row, r.Percent(), x.pct)
}

// header writes a table's header row.
func (x *xl) header(sheet string, row int, cols ...string) {
	for i, c := range cols {
		x.set(sheet, i+1, row, c, x.head)
	}
}

// XLSX writes the report as a workbook.
func XLSX(d *Data) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	x := &xl{f: f}
	var err error
	style := func(s *excelize.Style) int {
		id, e := f.NewStyle(s)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	x.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	x.head = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	x.pct = style(&excelize.Style{CustomNumFmt: ptr("0.00")})
	x.int = style(&excelize.Style{CustomNumFmt: ptr("#,##0")})
	x.money = style(&excelize.Style{CustomNumFmt: ptr("#,##0")})
	x.text = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return nil, err
	}
	for _, s := range []string{SheetHistory, SheetCommunes, SheetArrears, SheetCompliance, SheetTasks, SheetMethod} {
		if _, err := f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	x.summary(d)
	x.history(d)
	x.communes(d)
	x.arrears(d)
	x.compliance(d)
	x.tasks(d)
	x.method(d)
	if x.err != nil {
		return nil, x.err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }

func (x *xl) summary(d *Data) {
	s := SheetSummary
	x.set(s, 1, 1, d.Title(), x.title)
	x.set(s, 1, 2, "Kính gửi: Ban Thường vụ Tỉnh ủy (Kế hoạch thực hiện Nghị quyết số 28-NQ/TW, mục III.5) / To the Standing Committee of the Provincial Party Committee", 0)
	x.set(s, 1, 3, fmt.Sprintf("%s — số liệu đến tháng %02d/%d — lập ngày %s / %s, figures through %s, issued %s",
		d.Province.Name, d.Through.Month(), d.Through.Year(), d.Issued.Display(), d.TitleEN(), d.Through, d.Issued), 0)
	x.set(s, 1, 5, fmt.Sprintf("1. Kết quả thực hiện các chỉ tiêu năm %d so với mục tiêu / The province against its targets", d.Year), x.title)
	cols := []string{"Mã chỉ tiêu / code", "Chỉ tiêu", "Indicator", "Tử số / numerator", "Mẫu số / denominator",
		"Giá trị (%) / value", fmt.Sprintf("Mục tiêu năm %d (%%) / target", d.Year), "Đánh giá / status"}
	for _, y := range d.PlanYears {
		cols = append(cols, fmt.Sprintf("Mục tiêu %d (Kế hoạch)", y))
	}
	cols = append(cols, fmt.Sprintf("Dự báo %d (%%) / projected", d.TargetYear), "Xu hướng / tháng / trend a month",
		"Cần thêm / tháng / more needed a month", fmt.Sprintf("Khả năng đạt %d / outlook", d.TargetYear))
	x.header(s, SummaryFirstRow-1, cols...)
	for i, r := range d.Rows {
		row := SummaryFirstRow + i
		x.set(s, 1, row, string(r.Definition.ID), 0)
		x.set(s, 2, row, r.Definition.NameVI, x.text)
		x.set(s, 3, row, r.Definition.NameEN, x.text)
		if r.Value.Known {
			x.set(s, 4, row, r.Value.Numerator, x.int)
			x.set(s, 5, row, r.Value.Denominator, x.int)
		} else {
			x.set(s, 4, row, NoData, x.text)
			x.set(s, 5, row, NoData, x.text)
		}
		x.rate(s, 6, row, r.Rate, r.HasRate)
		if r.HasTarget() {
			x.set(s, 7, row, r.Target.Percent(), x.pct)
		} else {
			x.set(s, 7, row, "—", 0)
		}
		x.set(s, 8, row, status(r), 0)
		col := 9
		for _, y := range d.PlanYears {
			if m, ok := d.Milestones[r.Definition.ID][y]; ok && m.Kind == indicators.MilestoneSet {
				x.set(s, col, row, m.Value.Percent(), x.pct)
			} else {
				x.set(s, col, row, "—", 0)
			}
			col++
		}
		fc, ok := d.Forecasts[r.Definition.ID]
		if ok && fc.Status != indicators.Insufficient {
			x.set(s, col, row, fc.Projected.Percent(), x.pct)
			if r.Definition.Persons {
				x.set(s, col+1, row, fmt.Sprintf("%+.0f người", fc.Trend), 0)
				x.set(s, col+2, row, fc.ExtraPerMonth, x.int)
			} else {
				x.set(s, col+1, row, strings.Replace(fmt.Sprintf("%+.1f", fc.Trend), ".", ",", 1)+" điểm cơ bản", 0)
				x.set(s, col+2, row, "—", 0)
			}
		} else {
			for k := 0; k < 3; k++ {
				x.set(s, col+k, row, "—", 0)
			}
		}
		x.set(s, col+3, row, outlook(fc, ok), 0)
	}
	row := SummaryFirstRow + len(d.Rows) + 1
	x.set(s, 1, row, "Mục tiêu không định lượng (Kế hoạch mục II.1.2.1) / qualitative targets", x.title)
	for _, q := range d.Qualitative {
		row++
		x.set(s, 1, row, fmt.Sprintf("%d", q.Year), 0)
		x.set(s, 2, row, q.TextVI, x.text)
		x.set(s, 3, row, q.TextEN, x.text)
		x.set(s, 4, row, q.MeasuredVI, x.text)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "A", "A", 20)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "B", "C", 42)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "D", "Q", 16)
	}
	// Chart of the coverage indicators over the years, from the history sheet.
	n := len(d.History[indicators.SICoverage])
	if n == 0 || x.err != nil {
		return
	}
	last, _ := excelize.ColumnNumberToName(1 + n)
	ref := func(row int) string { return fmt.Sprintf("'%s'!$B$%d:$%s$%d", SheetHistory, row, last, row) }
	cats := ref(1)
	var series []excelize.ChartSeries
	for i := range chartIndicators {
		series = append(series, excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", SheetHistory, 2+2*i), Categories: cats, Values: ref(2 + 2*i),
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}})
		series = append(series, excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", SheetHistory, 3+2*i), Categories: cats, Values: ref(3 + 2*i),
			Line: excelize.LineOptions{Dash: excelize.LineDashDash}, Marker: excelize.ChartMarker{Symbol: "none"}})
	}
	cell, _ := excelize.CoordinatesToCellName(2, row+2)
	x.err = x.f.AddChart(s, cell, &excelize.Chart{Type: excelize.Line, Series: series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Tỷ lệ tham gia so với mục tiêu (%) / coverage against targets"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 900, Height: 380}})
}

// chartIndicators are the indicators the charts follow.
var chartIndicators = []indicators.Indicator{indicators.SICoverage, indicators.UICoverage, indicators.RetireeBenefit}

func (x *xl) history(d *Data) {
	s := SheetHistory
	hist := d.History[indicators.SICoverage]
	x.set(s, 1, 1, "Năm / year", x.head)
	for i, r := range hist {
		x.set(s, 2+i, 1, fmt.Sprintf("%d", r.Period.Year), x.head)
	}
	row := 2
	for _, id := range chartIndicators {
		def, _ := indicators.Lookup(id)
		x.set(s, 1, row, def.NameVI+" (%)", 0)
		x.set(s, 1, row+1, "Mục tiêu / target — "+def.NameVI+" (%)", 0)
		for i, r := range d.History[id] {
			x.rate(s, 2+i, row, r.Rate, r.HasRate)
			if r.HasTarget() {
				x.set(s, 2+i, row+1, r.Target.Percent(), x.pct)
			}
		}
		row += 2
	}
	row++
	x.set(s, 1, row, "Mọi chỉ tiêu của tỉnh theo năm / every indicator of the province by year", x.title)
	row++
	x.header(s, row, "Năm / year", "Mã chỉ tiêu / code", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị (%)", "Mục tiêu (%)", "Đánh giá")
	for _, def := range indicators.Definitions() {
		for _, r := range d.History[def.ID] {
			row++
			x.set(s, 1, row, r.Period.Year, 0)
			x.set(s, 2, row, string(def.ID), 0)
			x.set(s, 3, row, def.NameVI, 0)
			if r.Value.Known {
				x.set(s, 4, row, r.Value.Numerator, x.int)
				x.set(s, 5, row, r.Value.Denominator, x.int)
			}
			x.rate(s, 6, row, r.Rate, r.HasRate)
			if r.HasTarget() {
				x.set(s, 7, row, r.Target.Percent(), x.pct)
			}
			x.set(s, 8, row, status(r), 0)
		}
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "A", "A", 48)
	}
}

func (x *xl) communes(d *Data) {
	s := SheetCommunes
	x.set(s, 1, 1, fmt.Sprintf("2. Xếp hạng xã, phường theo tỷ lệ tham gia BHXH năm %d / communes ranked by SI coverage", d.Year), x.title)
	x.set(s, 1, 2, "Mục tiêu: chỉ tiêu đã giao cho đơn vị, nếu chưa giao thì mục tiêu của tỉnh / target: the unit's allocated target, else the province's", 0)
	x.header(s, CommunesFirstRow-1, "Hạng / rank", "Mã / code", "Xã, phường / commune", "Tham gia BHXH / in SI", "Lực lượng lao động / labour force",
		"Tỷ lệ BHXH (%)", "Mục tiêu (%)", "Đánh giá", "Tỷ lệ BHTN (%)", "Tỷ lệ BHXH tự nguyện (%)", "Tỷ lệ hưởng sau tuổi nghỉ hưu (%)")
	for i, c := range d.Communes {
		row := CommunesFirstRow + i
		si := c.Rows[indicators.SICoverage]
		x.set(s, 1, row, c.Rank, 0)
		x.set(s, 2, row, c.Unit.Code, 0)
		x.set(s, 3, row, c.Unit.Name, 0)
		if si.Value.Known {
			x.set(s, 4, row, si.Value.Numerator, x.int)
			x.set(s, 5, row, si.Value.Denominator, x.int)
		} else {
			x.set(s, 4, row, si.Value.Numerator, x.int)
			x.set(s, 5, row, NoData, 0)
		}
		x.rate(s, 6, row, si.Rate, si.HasRate)
		if si.HasTarget() {
			x.set(s, 7, row, si.Target.Percent(), x.pct)
		}
		x.set(s, 8, row, status(si), 0)
		for k, id := range []indicators.Indicator{indicators.UICoverage, indicators.VoluntaryCoverage, indicators.RetireeBenefit} {
			r := c.Rows[id]
			x.rate(s, 9+k, row, r.Rate, r.HasRate)
		}
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "C", "C", 30)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "D", "K", 16)
	}
	if len(d.Communes) == 0 || x.err != nil {
		return
	}
	lastRow := CommunesFirstRow + len(d.Communes) - 1
	x.err = x.f.AddChart(s, "M4", &excelize.Chart{Type: excelize.Bar,
		Series: []excelize.ChartSeries{{Name: fmt.Sprintf("'%s'!$F$%d", s, CommunesFirstRow-1),
			Categories: fmt.Sprintf("'%s'!$C$%d:$C$%d", s, CommunesFirstRow, lastRow),
			Values:     fmt.Sprintf("'%s'!$F$%d:$F$%d", s, CommunesFirstRow, lastRow)}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("Tỷ lệ tham gia BHXH theo xã, phường năm %d (%%)", d.Year)}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		YAxis:     excelize.ChartAxis{ReverseOrder: true},
		Dimension: excelize.ChartDimension{Width: 640, Height: uint(max(320, 14*len(d.Communes)))}})
}

func (x *xl) arrears(d *Data) {
	s := SheetArrears
	x.set(s, 1, 1, fmt.Sprintf("3. Tình hình thu, nợ năm %d / collection and arrears", d.Year), x.title)
	row := 3
	for _, r := range d.Rows {
		if r.Definition.ID != indicators.CollectionRate && r.Definition.ID != indicators.ArrearsRatio {
			continue
		}
		x.set(s, 1, row, r.Definition.NameVI+" / "+r.Definition.NameEN, 0)
		x.rate(s, 2, row, r.Rate, r.HasRate)
		if r.Value.Known {
			x.set(s, 3, row, r.Value.Numerator, x.money)
			x.set(s, 4, row, r.Value.Denominator, x.money)
		}
		row++
	}
	row++
	a := d.Arrears
	if !a.Available {
		x.set(s, 1, row, NoDataLong, x.text)
		x.widths(s)
		return
	}
	x.set(s, 1, row, fmt.Sprintf("Nợ quá hạn tại kỳ khóa sổ %02d/%d / arrears at the close of %s", a.Month.Month(), a.Month.Year(), a.Month), x.title)
	row++
	x.header(s, row, "Nhóm / group", "Số đơn vị / payers", "Số tiền (đồng) / amount")
	for _, l := range []struct {
		name string
		n, v int64
	}{{"Chậm đóng / late", a.LatePayers, a.LateOverdue}, {"Trốn đóng / evasion", a.EvasionPayers, a.EvasionOverdue}, {"Cộng / total", a.TotalPayers, a.TotalOverdue}} {
		row++
		x.set(s, 1, row, l.name, 0)
		x.set(s, 2, row, l.n, x.int)
		x.set(s, 3, row, l.v, x.money)
	}
	row += 2
	x.header(s, row, "Thời gian quá hạn / months overdue", "Số đơn vị / payers", "Số tiền (đồng) / amount")
	for _, b := range a.Buckets {
		row++
		x.set(s, 1, row, b.LabelVI, 0)
		x.set(s, 2, row, b.Payers, x.int)
		x.set(s, 3, row, b.Amount, x.money)
	}
	row += 2
	x.header(s, row, "Mã số thuế / tax code", "Đơn vị / employer", "Số tiền nợ (đồng)", "Số tháng", "Tình trạng")
	for _, db := range a.Debtors {
		row++
		x.set(s, 1, row, db.TaxCode, 0)
		x.set(s, 2, row, db.Name, 0)
		x.set(s, 3, row, db.Overdue, x.money)
		x.set(s, 4, row, db.Months, 0)
		x.set(s, 5, row, noticeStatusVI(db.Status), 0)
	}
	x.widths(s)
}

func (x *xl) widths(s string) {
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "A", "A", 50)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "B", "E", 22)
	}
}

func (x *xl) compliance(d *Data) {
	s := SheetCompliance
	x.set(s, 1, 1, "4. Kết quả đối chiếu, thanh tra, kiểm tra / compliance", x.title)
	c := d.Compliance
	if !c.Available {
		x.set(s, 1, 3, NoDataLong, x.text)
		x.widths(s)
		return
	}
	row := 3
	x.header(s, row, "Loại phát hiện / finding", "Đang mở / open", "Tổng / total", "Số tiền liên quan (đồng) / at stake")
	for _, f := range c.Findings {
		row++
		x.set(s, 1, row, f.label(), 0)
		x.set(s, 2, row, f.Open, x.int)
		x.set(s, 3, row, f.Total, x.int)
		x.set(s, 4, row, f.StakeOpen, x.money)
	}
	row += 2
	x.header(s, row, "Hồ sơ thanh tra / cases", "Số hồ sơ / cases")
	for _, k := range c.Cases {
		row++
		x.set(s, 1, row, CaseStatusVI(k.Status), 0)
		x.set(s, 2, row, k.Cases, x.int)
	}
	row += 2
	x.set(s, 1, row, "Lao động được đăng ký tham gia / workers registered", 0)
	x.set(s, 2, row, c.WorkersRegistered, x.int)
	x.set(s, 1, row+1, "Số tiền truy thu (đồng) / amount recovered", 0)
	x.set(s, 2, row+1, c.AmountRecovered, x.money)
	x.set(s, 1, row+2, "Tiền phạt (đồng) / fines", 0)
	x.set(s, 2, row+2, c.Fine, x.money)
	x.widths(s)
}

func (x *xl) tasks(d *Data) {
	s := SheetTasks
	x.set(s, 1, 1, "5. Tình hình thực hiện các nhiệm vụ của Kế hoạch (mục III) / the plan's tasks", x.title)
	x.header(s, 3, "Mục / item", "Nhiệm vụ / task", "Cơ quan chủ trì / lead", "Thời hạn / due", "Tình trạng / status", "Tiến độ (%)", "Báo cáo gần nhất / last report")
	for i, t := range d.Tasks {
		row := 4 + i
		x.set(s, 1, row, t.Task.ID, 0)
		x.set(s, 2, row, t.Task.Title, x.text)
		x.set(s, 3, row, t.Task.LeadAgency, x.text)
		due := t.Task.Recurrence.VI()
		if !t.Task.Deadline.IsZero() {
			due = t.Task.Deadline.Display()
		}
		x.set(s, 4, row, due, 0)
		st := t.Task.Status.VI()
		if t.Late {
			st += " (" + t.LateVI + ")"
		}
		x.set(s, 5, row, st, 0)
		x.set(s, 6, row, t.Task.Progress, 0)
		if t.LastReport != nil {
			x.set(s, 7, row, t.LastReport.ReportedOn.Display()+": "+t.LastReport.Note, x.text)
		}
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "B", "C", 45)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "D", "F", 18)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "G", "G", 50)
	}
}

func (x *xl) method(d *Data) {
	s := SheetMethod
	x.set(s, 1, 1, "Định nghĩa các chỉ tiêu / definitions", x.title)
	x.header(s, 3, "Mã / code", "Chỉ tiêu", "Tử số", "Mẫu số", "Numerator", "Denominator")
	for i, def := range indicators.Definitions() {
		row := 4 + i
		x.set(s, 1, row, string(def.ID), 0)
		x.set(s, 2, row, def.NameVI, x.text)
		x.set(s, 3, row, def.NumeratorVI, x.text)
		x.set(s, 4, row, def.DenominatorVI, x.text)
		x.set(s, 5, row, def.NumeratorEN, x.text)
		x.set(s, 6, row, def.DenominatorEN, x.text)
	}
	row := 5 + len(indicators.Definitions())
	for _, line := range MethodNotes {
		row++
		x.set(s, 1, row, line, 0)
	}
	if x.err == nil {
		x.err = x.f.SetColWidth(s, "B", "F", 40)
	}
}

// MethodNotes explain the method in a few lines (the package indicators'
// documentation has the whole of it).
var MethodNotes = []string{
	"Số liệu năm là vị trí tháng 12 (năm hiện hành: tháng gần nhất) với các chỉ tiêu số người, tổng 12 tháng với giao dịch, phiếu khảo sát và số thu. / A year is its December position for counts of persons, the sum of its months for transactions, answers and amounts.",
	"Mỗi người tính một lần dù có hai công việc hoặc vừa bắt buộc vừa tự nguyện; người được tính tại xã, phường nơi cư trú. / Each person counts once, in the commune where they live.",
	"Kỳ trước 01/7/2025 tính theo đơn vị hành chính thời đó; người được xếp vào xã cũ theo bảng kế thừa (xã mới gồm nhiều xã cũ: chia theo lực lượng lao động, chọn xác định theo mã định danh), tổng của tỉnh giữ nguyên. / Periods before 2025-07-01 are under the units of that time.",
	"Mục tiêu các năm giữa hai mốc của Kế hoạch nội suy tuyến tính; sau mốc cuối giữ nguyên. / Milestones between the plan's targets are linear; after the last they hold.",
	"Dự báo: đường thẳng bình phương tối thiểu qua các tháng gần nhất, lực lượng lao động giữ ở năm gần nhất. / Forecast: least squares over the last months, labour force held.",
}

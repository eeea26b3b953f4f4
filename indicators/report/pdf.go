package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/indicators"
	"ansinh/pdfdoc"

	"github.com/go-pdf/fpdf"
)

// pdfw lays out the report on A4 landscape pages.
type pdfw struct {
	pdf    *fpdf.Fpdf
	lh     float64 // line height of table text, mm
	header func()  // redraws the current table's header after a page break
}

const (
	pageW, pageH = 297.0, 210.0
	margin       = 12.0
	bottom       = pageH - 14
)

// PDF writes the report as a PDF document.
func PDF(d *Data) ([]byte, error) {
	pdf := pdfdoc.New("L")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0)
	w := &pdfw{pdf: pdf, lh: 4.2}
	pdf.SetFooterFunc(func() {
		pdf.SetY(pageH - 10)
		pdf.SetFont(pdfdoc.Font, "", 7)
		pdf.CellFormat(0, 4, fmt.Sprintf("%s — số liệu đến %02d/%d — trang %d", d.Province.Name, d.Through.Month(), d.Through.Year(), pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	w.titleBlock(d)
	w.summary(d)
	w.lineChart(d)
	w.communes(d)
	w.barChart(d)
	w.arrears(d)
	w.compliance(d)
	w.tasks(d)
	w.notes()
	return pdfdoc.Bytes(pdf)
}

func (w *pdfw) font(style string, size float64) { w.pdf.SetFont(pdfdoc.Font, style, size) }

// need starts a new page unless h mm are left.
func (w *pdfw) need(h float64) {
	if w.pdf.GetY()+h > bottom {
		w.pdf.AddPage()
		if w.header != nil {
			w.header()
		}
	}
}

// heading writes a section heading.
func (w *pdfw) heading(text, en string) {
	w.header = nil
	w.need(34)
	w.pdf.Ln(3)
	w.font("B", 11)
	w.pdf.MultiCell(0, 5.5, text, "", "L", false)
	if en != "" {
		w.font("", 8)
		w.pdf.MultiCell(0, 4, en, "", "L", false)
	}
	w.pdf.Ln(1)
}

// para writes a paragraph.
func (w *pdfw) para(text string, size float64) {
	w.font("", size)
	w.pdf.MultiCell(0, size*0.45, text, "", "L", false)
}

// row writes a table row whose cells wrap within their widths; aligns has
// one letter (L, C, R) per cell.
func (w *pdfw) row(widths []float64, cells []string, aligns string, bold, fill bool) {
	style := ""
	if bold {
		style = "B"
	}
	w.font(style, 7.5)
	lines := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		lines[i] = w.pdf.SplitText(c, widths[i]-1.6)
		if len(lines[i]) == 0 {
			lines[i] = []string{""}
		}
		n = max(n, len(lines[i]))
	}
	h := float64(n)*w.lh + 1.2
	if w.pdf.GetY()+h > bottom {
		w.pdf.AddPage()
		if w.header != nil {
			w.header()
		}
		w.font(style, 7.5)
	}
	x0, y0 := margin, w.pdf.GetY()
	if fill {
		w.pdf.SetFillColor(221, 235, 247)
	}
	x := x0
	for i := range cells {
		st := "D"
		if fill {
			st = "FD"
		}
		w.pdf.Rect(x, y0, widths[i], h, st)
		al := "L"
		if i < len(aligns) {
			al = string(aligns[i])
		}
		for k, ln := range lines[i] {
			w.pdf.SetXY(x+0.8, y0+0.6+float64(k)*w.lh)
			w.pdf.CellFormat(widths[i]-1.6, w.lh, ln, "", 0, al, false, 0, "")
		}
		x += widths[i]
	}
	w.pdf.SetXY(x0, y0+h)
}

// table writes a header and rows, repeating the header after a page break.
func (w *pdfw) table(widths []float64, header []string, aligns string, rows [][]string) {
	w.header = nil
	w.need(14)
	w.header = func() { w.row(widths, header, "", true, true) }
	w.header()
	for _, r := range rows {
		w.row(widths, r, aligns, false, false)
	}
	w.header = nil
}

func (w *pdfw) titleBlock(d *Data) {
	p := w.pdf
	w.font("B", 9)
	p.CellFormat(130, 5, "TỈNH ỦY "+upper(d.Province.Name), "", 0, "C", false, 0, "")
	p.CellFormat(0, 5, "ĐẢNG CỘNG SẢN VIỆT NAM", "", 1, "C", false, 0, "")
	w.font("", 9)
	p.CellFormat(130, 5, "BẢO HIỂM XÃ HỘI TỈNH (cơ quan nòng cốt tham mưu)", "", 0, "C", false, 0, "")
	p.CellFormat(0, 5, fmt.Sprintf("Ngày %02d tháng %02d năm %d", d.Issued.Day(), d.Issued.Month(), d.Issued.Year()), "", 1, "C", false, 0, "")
	p.Ln(4)
	w.font("B", 13)
	p.MultiCell(0, 6.5, d.Title(), "", "C", false)
	w.font("", 9)
	p.MultiCell(0, 5, d.TitleEN(), "", "C", false)
	p.Ln(2)
	w.para(fmt.Sprintf("Kính gửi: Ban Thường vụ Tỉnh ủy. Thực hiện mục III.5 của Kế hoạch thực hiện Nghị quyết số 28-NQ/TW (định kỳ báo cáo kết quả thực hiện), "+
		"báo cáo kết quả năm %d của %s, số liệu tính từ cơ sở dữ liệu đến tháng %02d/%d. "+
		"(To the Standing Committee: the results of %d, figures from the database through %s.)",
		d.Year, d.Province.Name, d.Through.Month(), d.Through.Year(), d.Year, d.Through), 9)
}

// upper upper-cases the province's name for the letterhead, dropping its
// type ("Tỉnh Bắc Ninh" → "BẮC NINH").
func upper(name string) string {
	for _, prefix := range []string{"Tỉnh ", "Thành phố "} {
		name = strings.TrimPrefix(name, prefix)
	}
	return strings.ToUpper(name)
}

func (w *pdfw) summary(d *Data) {
	w.heading(fmt.Sprintf("1. Kết quả các chỉ tiêu của tỉnh năm %d so với mục tiêu", d.Year), "The province against its targets, with the forecast to "+strconv.Itoa(d.TargetYear))
	header := []string{"Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", fmt.Sprintf("Mục tiêu %d", d.Year), "Đánh giá"}
	widths := []float64{62, 26, 26, 17, 18, 15}
	for _, y := range d.PlanYears {
		header = append(header, fmt.Sprintf("KH %d", y))
		widths = append(widths, 17)
	}
	header = append(header, fmt.Sprintf("Dự báo %d", d.TargetYear), "Cần thêm người/tháng", "Khả năng đạt")
	widths = append(widths, 18, 22, 18)
	var rows [][]string
	for _, r := range d.Rows {
		fc, ok := d.Forecasts[r.Definition.ID]
		proj, more := "—", "—"
		if ok && fc.Status != indicators.Insufficient {
			proj = fc.Projected.Display()
			if r.Definition.Persons {
				more = ansinh.GroupDigits(fc.ExtraPerMonth, '.')
			}
		}
		cells := []string{r.Definition.NameVI, figure(r, true), figure(r, false), rateText(r), targetText(r), status(r)}
		for _, y := range d.PlanYears {
			cells = append(cells, d.milestone(r.Definition.ID, y))
		}
		cells = append(cells, proj, more, outlook(fc, ok))
		rows = append(rows, cells)
	}
	w.table(widths, header, "LRRRRCRRRRRC", rows)
	w.pdf.Ln(2)
	w.font("B", 8)
	w.pdf.MultiCell(0, 4, "Mục tiêu không định lượng (Kế hoạch mục II.1.2.1) / qualitative targets:", "", "L", false)
	for _, q := range d.Qualitative {
		w.para(fmt.Sprintf("- %s (%d): %s", q.TextVI, q.Year, q.MeasuredVI), 8)
	}
}

// lineChart draws the coverage indicators by year against their targets.
func (w *pdfw) lineChart(d *Data) {
	hist := d.History[indicators.SICoverage]
	if len(hist) == 0 {
		return
	}
	w.need(92)
	p := w.pdf
	p.Ln(3)
	w.font("B", 9)
	p.CellFormat(0, 5, "Biểu đồ 1. Tỷ lệ tham gia so với mục tiêu theo năm (%) / coverage against targets by year", "", 1, "L", false, 0, "")
	x0, y0, cw, ch := margin+12, p.GetY()+3, 190.0, 70.0
	top := 10.0
	for _, id := range chartIndicators {
		for _, r := range d.History[id] {
			if r.HasRate {
				top = math.Max(top, r.Rate.Percent())
			}
			if r.HasTarget() {
				top = math.Max(top, r.Target.Percent())
			}
		}
	}
	top = math.Ceil(top/10) * 10
	w.font("", 7)
	p.SetDrawColor(200, 200, 200)
	for v := 0.0; v <= top+0.01; v += 10 {
		y := y0 + ch - v/top*ch
		p.Line(x0, y, x0+cw, y)
		p.SetXY(x0-11, y-2)
		p.CellFormat(10, 4, fmt.Sprintf("%.0f%%", v), "", 0, "R", false, 0, "")
	}
	n := len(hist)
	xAt := func(i int) float64 {
		if n == 1 {
			return x0 + cw/2
		}
		return x0 + 6 + float64(i)*(cw-12)/float64(n-1)
	}
	for i, r := range hist {
		p.SetXY(xAt(i)-6, y0+ch+1)
		p.CellFormat(12, 4, strconv.Itoa(r.Period.Year), "", 0, "C", false, 0, "")
	}
	colors := [][3]int{{31, 119, 180}, {214, 39, 40}, {44, 160, 44}}
	for k, id := range chartIndicators {
		c := colors[k%len(colors)]
		p.SetDrawColor(c[0], c[1], c[2])
		p.SetFillColor(c[0], c[1], c[2])
		for pass := 0; pass < 2; pass++ {
			p.SetLineWidth(0.5)
			if pass == 1 {
				p.SetDashPattern([]float64{1.5, 1}, 0)
				p.SetLineWidth(0.3)
			}
			var px, py float64
			has := false
			for i, r := range d.History[id] {
				ok, v := r.HasRate, r.Rate.Percent()
				if pass == 1 {
					ok, v = r.HasTarget(), r.Target.Percent()
				}
				if !ok {
					has = false
					continue
				}
				x, y := xAt(i), y0+ch-v/top*ch
				if has {
					p.Line(px, py, x, y)
				}
				if pass == 0 {
					p.Circle(x, y, 0.8, "F")
				}
				px, py, has = x, y, true
			}
			p.SetDashPattern([]float64{}, 0)
		}
		def, _ := indicators.Lookup(id)
		ly := y0 + 4 + float64(k)*10
		p.SetLineWidth(0.5)
		p.Line(x0+cw+6, ly, x0+cw+14, ly)
		p.SetDashPattern([]float64{1.5, 1}, 0)
		p.SetLineWidth(0.3)
		p.Line(x0+cw+6, ly+4, x0+cw+14, ly+4)
		p.SetDashPattern([]float64{}, 0)
		p.SetTextColor(0, 0, 0)
		p.SetXY(x0+cw+15, ly-2)
		p.CellFormat(60, 4, def.NameVI, "", 0, "L", false, 0, "")
		p.SetXY(x0+cw+15, ly+2)
		p.CellFormat(60, 4, "mục tiêu (nét đứt) / target (dashed)", "", 0, "L", false, 0, "")
	}
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
	p.SetXY(margin, y0+ch+8)
}

func (w *pdfw) communes(d *Data) {
	w.heading(fmt.Sprintf("2. Xếp hạng xã, phường theo tỷ lệ tham gia BHXH năm %d", d.Year),
		"Communes ranked by social insurance coverage; target: the unit's allocated target, else the province's")
	header := []string{"Hạng", "Mã", "Xã, phường", "Tham gia BHXH", "Lực lượng lao động", "Tỷ lệ BHXH", "Mục tiêu", "Đánh giá", "Tỷ lệ BHTN", "BHXH tự nguyện", "Hưởng sau tuổi nghỉ hưu"}
	widths := []float64{12, 16, 55, 26, 28, 21, 19, 17, 21, 24, 28}
	var rows [][]string
	for _, c := range d.Communes {
		si := c.Rows[indicators.SICoverage]
		rows = append(rows, []string{strconv.Itoa(c.Rank), c.Unit.Code, c.Unit.Name, ansinh.GroupDigits(si.Value.Numerator, '.'), figure(si, false),
			rateText(si), targetText(si), status(si), rateText(c.Rows[indicators.UICoverage]), rateText(c.Rows[indicators.VoluntaryCoverage]),
			rateText(c.Rows[indicators.RetireeBenefit])})
	}
	if len(rows) == 0 {
		w.para(NoDataLong, 8)
		return
	}
	w.table(widths, header, "RLLRRRRCRRR", rows)
}

// barChart draws the ten best and ten last communes by SI coverage.
func (w *pdfw) barChart(d *Data) {
	var picked []CommuneLine
	for _, c := range d.Communes {
		if c.Rows[indicators.SICoverage].HasRate {
			picked = append(picked, c)
		}
	}
	if len(picked) == 0 {
		return
	}
	if len(picked) > 20 {
		picked = append(append([]CommuneLine(nil), picked[:10]...), picked[len(picked)-10:]...)
	}
	h := 6 + float64(len(picked))*4.6
	w.need(h + 12)
	p := w.pdf
	p.Ln(3)
	w.font("B", 9)
	p.CellFormat(0, 5, "Biểu đồ 2. Tỷ lệ tham gia BHXH: 10 xã, phường cao nhất và 10 thấp nhất (%) / the ten best and ten last communes", "", 1, "L", false, 0, "")
	x0, y0, bw := margin+60, p.GetY()+2, 150.0
	top := 10.0
	for _, c := range picked {
		r := c.Rows[indicators.SICoverage]
		top = math.Max(top, r.Rate.Percent())
		if r.HasTarget() {
			top = math.Max(top, r.Target.Percent())
		}
	}
	top = math.Ceil(top/10) * 10
	w.font("", 7)
	for i, c := range picked {
		r := c.Rows[indicators.SICoverage]
		y := y0 + float64(i)*4.6
		p.SetXY(margin, y)
		p.CellFormat(58, 4, fmt.Sprintf("%d. %s", c.Rank, c.Unit.Name), "", 0, "R", false, 0, "")
		p.SetFillColor(31, 119, 180)
		if r.HasTarget() && !r.Met {
			p.SetFillColor(214, 39, 40)
		}
		p.Rect(x0, y+0.4, r.Rate.Percent()/top*bw, 3.2, "F")
		p.SetXY(x0+r.Rate.Percent()/top*bw+1, y)
		p.CellFormat(20, 4, r.Rate.Display(), "", 0, "L", false, 0, "")
	}
	if t := picked[0].Rows[indicators.SICoverage]; t.HasTarget() && t.Origin == indicators.TargetMilestone {
		x := x0 + t.Target.Percent()/top*bw
		p.SetDrawColor(0, 0, 0)
		p.SetDashPattern([]float64{1, 1}, 0)
		p.Line(x, y0-1, x, y0+float64(len(picked))*4.6)
		p.SetDashPattern([]float64{}, 0)
		p.SetXY(x-15, y0+float64(len(picked))*4.6)
		p.CellFormat(30, 4, "mục tiêu "+t.Target.Display(), "", 0, "C", false, 0, "")
	}
	p.SetXY(margin, y0+float64(len(picked))*4.6+6)
}

func (w *pdfw) arrears(d *Data) {
	w.heading(fmt.Sprintf("3. Tình hình thu, nợ năm %d", d.Year), "Collection and arrears")
	var rows [][]string
	for _, r := range d.Rows {
		if r.Definition.ID == indicators.CollectionRate || r.Definition.ID == indicators.ArrearsRatio {
			rows = append(rows, []string{r.Definition.NameVI, rateText(r), figure(r, true), figure(r, false)})
		}
	}
	w.table([]float64{80, 30, 50, 50}, []string{"Chỉ tiêu", "Giá trị", "Tử số", "Mẫu số"}, "LRRR", rows)
	a := d.Arrears
	if !a.Available {
		w.pdf.Ln(1)
		w.para(NoDataLong, 8)
		return
	}
	w.pdf.Ln(2)
	w.para(fmt.Sprintf("Nợ quá hạn tại kỳ khóa sổ %02d/%d: %s đơn vị, %s (chậm đóng: %s đơn vị, %s; trốn đóng: %s đơn vị, %s).",
		a.Month.Month(), a.Month.Year(), ansinh.GroupDigits(a.TotalPayers, '.'), ansinh.FormatMoney(a.TotalOverdue),
		ansinh.GroupDigits(a.LatePayers, '.'), ansinh.FormatMoney(a.LateOverdue), ansinh.GroupDigits(a.EvasionPayers, '.'), ansinh.FormatMoney(a.EvasionOverdue)), 8)
	var brows [][]string
	for _, b := range a.Buckets {
		brows = append(brows, []string{b.LabelVI, ansinh.GroupDigits(b.Payers, '.'), ansinh.FormatMoney(b.Amount)})
	}
	w.table([]float64{80, 30, 50}, []string{"Thời gian quá hạn", "Số đơn vị", "Số tiền"}, "LRR", brows)
	if len(a.Debtors) > 0 {
		w.pdf.Ln(2)
		var drows [][]string
		for _, db := range a.Debtors {
			drows = append(drows, []string{db.TaxCode, db.Name, ansinh.FormatMoney(db.Overdue), strconv.Itoa(db.Months), noticeStatusVI(db.Status)})
		}
		w.table([]float64{30, 100, 40, 20, 30}, []string{"Mã số thuế", "Đơn vị nợ nhiều nhất", "Số tiền nợ", "Số tháng", "Tình trạng"}, "LLRRL", drows)
	}
}

func (w *pdfw) compliance(d *Data) {
	w.heading("4. Kết quả đối chiếu dữ liệu, thanh tra, kiểm tra", "Compliance: cross-match findings and inspection cases")
	c := d.Compliance
	if !c.Available {
		w.para(NoDataLong, 8)
		return
	}
	var rows [][]string
	for _, f := range c.Findings {
		rows = append(rows, []string{f.label(), ansinh.GroupDigits(f.Open, '.'), ansinh.GroupDigits(f.Total, '.'), ansinh.FormatMoney(f.StakeOpen)})
	}
	w.table([]float64{100, 25, 25, 50}, []string{"Loại phát hiện", "Đang mở", "Tổng", "Số tiền liên quan"}, "LRRR", rows)
	w.pdf.Ln(2)
	var cases [][]string
	for _, k := range c.Cases {
		cases = append(cases, []string{CaseStatusVI(k.Status), ansinh.GroupDigits(k.Cases, '.')})
	}
	w.table([]float64{100, 25}, []string{"Hồ sơ thanh tra", "Số hồ sơ"}, "LR", cases)
	w.pdf.Ln(1)
	w.para(fmt.Sprintf("Kết quả xử lý: %s lao động được đăng ký tham gia; truy thu %s; phạt %s.",
		ansinh.GroupDigits(c.WorkersRegistered, '.'), ansinh.FormatMoney(c.AmountRecovered), ansinh.FormatMoney(c.Fine)), 8)
}

func (w *pdfw) tasks(d *Data) {
	w.heading("5. Tình hình thực hiện các nhiệm vụ của Kế hoạch (mục III)", "The plan's tasks: lead agency, deadline, status, last report")
	var rows [][]string
	for _, t := range d.Tasks {
		due := t.Task.Recurrence.VI()
		if !t.Task.Deadline.IsZero() {
			due = t.Task.Deadline.Display()
		}
		st := t.Task.Status.VI()
		if t.Late {
			st += " (" + t.LateVI + ")"
		}
		last := ""
		if t.LastReport != nil {
			last = t.LastReport.ReportedOn.Display() + ": " + t.LastReport.Note
		}
		rows = append(rows, []string{t.Task.ID, t.Task.Title, t.Task.LeadAgency, due, st, strconv.Itoa(t.Task.Progress) + "%", last})
	}
	w.table([]float64{14, 75, 55, 24, 32, 14, 59}, []string{"Mục", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Tiến độ", "Báo cáo gần nhất"}, "LLLLLRL", rows)
}

func (w *pdfw) notes() {
	w.heading("Ghi chú về phương pháp", "Method")
	for _, n := range MethodNotes {
		w.para("- "+n, 7.5)
	}
}

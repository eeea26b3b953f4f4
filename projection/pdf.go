package projection

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"ansinh/pdfdoc"
)

// pdfLine is the line height of table text, mm.
const pdfLine = 4.6

// PDF writes the projections as an A4 landscape document: the scenarios
// side by side for the summary years, then each scenario's assumptions.
// The same results give the same bytes.
func PDF(results []*Result) ([]byte, error) {
	pdf := pdfdoc.New("L")
	pdf.SetCatalogSort(true) // fonts in a fixed order: the same bytes every run
	pdf.SetMargins(12, 12, 12)
	pdf.SetAutoPageBreak(true, 14)
	start := ""
	if len(results) > 0 {
		start = results[0].Start.First().Display()
		// the start month's date: the same projection, the same bytes
		pdf.SetCreationDate(results[0].Start.First().Time())
		pdf.SetModificationDate(results[0].Start.First().Time())
	}
	pdf.AddPage()
	pdf.SetFont(pdfdoc.Font, "B", 13)
	pdf.MultiCell(0, 6, "Dự báo quỹ hưu trí, tử tuất của tỉnh đến năm "+lastYear(results)+" (từ "+start+")", "", "L", false)
	pdf.SetFont(pdfdoc.Font, "", 9)
	pdf.MultiCell(0, 4.5, "Pension fund projection of the province; money in millions of đồng a year (triệu đồng/năm).", "", "L", false)
	pdf.Ln(2)
	pdfSummary(pdf, results)
	pdfCharts(pdf, results)
	for _, r := range results {
		pdfAssumptions(pdf, r)
	}
	return pdfdoc.Bytes(pdf)
}

func lastYear(results []*Result) string {
	if len(results) == 0 || len(results[0].Years) == 0 {
		return ""
	}
	return yearLabel(results[0].Years[len(results[0].Years)-1].Year)
}

func pdfSummary(pdf *fpdf.Fpdf, results []*Result) {
	years := SummaryYears(results)
	widths := []float64{92, 22}
	for range years {
		widths = append(widths, (273-114)/float64(max(len(years), 1)))
	}
	head := []string{"Chỉ tiêu / Indicator", "Kịch bản"}
	for _, y := range years {
		head = append(head, yearLabel(y))
	}
	pdfRow(pdf, widths, head, true)
	for _, m := range Metrics {
		for i, r := range results {
			title := ""
			if i == 0 {
				title = strings.TrimSpace(m.TitleVI) + " / " + strings.TrimSpace(m.TitleEN)
				if u := m.Unit(); u != "" {
					title += " (" + u + ")"
				}
			}
			cells := []string{title, r.Scenario.Name}
			for _, y := range years {
				v, _ := r.At(y)
				cells = append(cells, m.Text(v))
			}
			pdfRow(pdf, widths, cells, false)
		}
	}
}

func pdfAssumptions(pdf *fpdf.Fpdf, r *Result) {
	pdf.Ln(4)
	pdf.SetFont(pdfdoc.Font, "B", 10)
	pdf.MultiCell(0, 5, fmt.Sprintf("Giả định — %s / Assumptions — %s", r.Scenario.TitleVI, r.Scenario.TitleEN), "", "L", false)
	widths := []float64{58, 52, 133, 30}
	pdfRow(pdf, widths, []string{"Tham số / Parameter", "Giá trị / Value", "Nguồn / Source", "Giả định / Assumed"}, true)
	for _, a := range r.Assumptions {
		pdfRow(pdf, widths, []string{a.TitleVI + " / " + a.TitleEN, a.Value, a.Source, yesNo(a.Assumed)}, false)
	}
}

// pdfRow writes a row of cells that wrap within their widths.
func pdfRow(pdf *fpdf.Fpdf, widths []float64, cells []string, head bool) {
	style := ""
	if head {
		style = "B"
		pdf.SetFillColor(221, 235, 247)
	}
	pdf.SetFont(pdfdoc.Font, style, 7.5)
	n := 1
	lines := make([][]string, len(cells))
	for i, c := range cells {
		lines[i] = pdf.SplitText(c, widths[i]-1.6)
		n = max(n, len(lines[i]))
	}
	h := float64(n)*pdfLine + 1
	_, pageH := pdf.GetPageSize()
	if pdf.GetY()+h > pageH-14 {
		pdf.AddPage()
		pdf.SetFont(pdfdoc.Font, style, 7.5)
	}
	x, y := pdf.GetX(), pdf.GetY()
	for i := range cells {
		st := "D"
		if head {
			st = "FD"
		}
		pdf.Rect(x, y, widths[i], h, st)
		align := "R"
		if i < 2 || head {
			align = "L"
		}
		for k, ln := range lines[i] {
			pdf.SetXY(x+0.8, y+0.5+float64(k)*pdfLine)
			pdf.CellFormat(widths[i]-1.6, pdfLine, ln, "", 0, align, false, 0, "")
		}
		x += widths[i]
	}
	pdf.SetXY(12, y+h)
}

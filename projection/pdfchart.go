package projection

import (
	"math"

	"github.com/go-pdf/fpdf"

	"ansinh"
	"ansinh/pdfdoc"
)

// pdfChartKeys are the figures charted in the PDF, a line per scenario.
var pdfChartKeys = []string{"contributors", "pensioners", "balance", "cost_rate"}

// pdfColors are the scenarios' line colours (RGB), in order.
var pdfColors = [][3]int{{31, 111, 235}, {217, 72, 15}, {43, 138, 62}, {134, 46, 156}, {73, 80, 87}}

// pdfCharts draws the key figures over every projected year on a new page,
// two charts a row.
func pdfCharts(pdf *fpdf.Fpdf, results []*Result) {
	if len(results) == 0 || len(results[0].Years) < 2 {
		return
	}
	pdf.AddPage()
	pdf.SetFont(pdfdoc.Font, "B", 11)
	pdf.CellFormat(0, 6, "Biểu đồ theo năm / Charts by year", "", 1, "L", false, 0, "")
	for i, r := range results {
		c := pdfColors[i%len(pdfColors)]
		pdf.SetDrawColor(c[0], c[1], c[2])
		pdf.SetLineWidth(0.8)
		ly := 22 + float64(i)*4
		pdf.Line(12, ly, 20, ly)
		pdf.SetFont(pdfdoc.Font, "", 8)
		pdf.Text(22, ly+1, r.Scenario.Name+": "+r.Scenario.TitleVI+" / "+r.Scenario.TitleEN)
	}
	top := 24 + 4*float64(len(results))
	for k, key := range pdfChartKeys {
		m, _ := MetricByKey(key)
		x, y := 12+float64(k%2)*138, top+float64(k/2)*85
		pdfChart(pdf, m, results, x, y, 130, 78)
	}
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
	pdf.AddPage() // the assumptions follow on their own page
}

// pdfChart draws one metric in the box at (x, y) of size w × h mm.
func pdfChart(pdf *fpdf.Fpdf, m Metric, results []*Result, x, y, w, h float64) {
	pdf.SetFont(pdfdoc.Font, "B", 9)
	pdf.Text(x, y+3, m.TitleVI+" / "+m.TitleEN)
	lo, hi := 0.0, 0.0
	for _, r := range results {
		for _, yr := range r.Years {
			lo, hi = math.Min(lo, m.Value(yr)), math.Max(hi, m.Value(yr))
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	left, top, bottom, right := x+22, y+7, y+h-7, x+w
	years := results[0].Years
	px := func(i int) float64 { return left + float64(i)*(right-left)/float64(len(years)-1) }
	py := func(v float64) float64 { return bottom - (v-lo)*(bottom-top)/(hi-lo) }
	pdf.SetDrawColor(200, 200, 200)
	pdf.SetLineWidth(0.2)
	pdf.SetFont(pdfdoc.Font, "", 7)
	for t := 0; t <= 4; t++ {
		v := lo + (hi-lo)*float64(t)/4
		pdf.Line(left, py(v), right, py(v))
		pdf.Text(x, py(v)+1, axisText(m, v))
	}
	for i, yr := range years {
		if yr.Year%10 == 0 || i == 0 || i == len(years)-1 {
			pdf.Text(px(i)-4, bottom+4, yearLabel(yr.Year))
		}
	}
	for s, r := range results {
		c := pdfColors[s%len(pdfColors)]
		pdf.SetDrawColor(c[0], c[1], c[2])
		pdf.SetLineWidth(0.6)
		for i := 1; i < len(r.Years) && i < len(years); i++ {
			pdf.Line(px(i-1), py(m.Value(r.Years[i-1])), px(i), py(m.Value(r.Years[i])))
		}
	}
}

// axisText is an axis label: people, billions of đồng, a ratio or a share.
func axisText(m Metric, v float64) string {
	switch m.Kind {
	case KindCount:
		return ansinh.GroupDigits(Persons(v), '.')
	case KindMoney:
		return ansinh.GroupDigits(Dong(v/1e9), '.') + " tỷ"
	case KindRatio:
		return RatioText(v)
	}
	return PercentText(v)
}

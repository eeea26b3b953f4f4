package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"ansinh"
	"ansinh/auth"
	"ansinh/projection"
)

// Projector runs the fund projection's scenarios on the registry at a
// month (projection.Service).
type Projector interface {
	Compare(ctx context.Context, month ansinh.Period, scs []projection.Scenario) ([]*projection.Result, error)
}

// projectionPage shows the shipped scenarios side by side: the summary
// table, a chart per key figure with a line per scenario, the assumptions.
type projectionPage struct {
	Page
	Month       ansinh.Period
	Years       []int
	Rows        []projectionRow
	Charts      []SeriesChart
	Scenarios   []projectionScenario
	Unavailable bool
}

// projectionRow is a line of the summary table.
type projectionRow struct {
	Title    string // empty on a metric's second scenario
	Unit     string
	Scenario string
	Cells    []string
}

// projectionScenario is a scenario's title and assumptions.
type projectionScenario struct {
	Name, Title string
	Color       string
	Assumptions []projectionAssumption
}

type projectionAssumption struct {
	Title, Value, Source string
	Assumed              bool
}

// chartMetrics are the figures charted, in order.
var chartMetrics = []string{"contributors", "pensioners", "dependency", "revenue", "spending", "balance", "cost_rate", "replacement", "province_support"}

// showProjection runs the "plan" and "trend" scenarios from the current
// month (or ?from=YYYY-MM) and shows them, or sends them as XLSX or PDF
// (?format=xlsx|pdf; the download is audited).
func (s *Server) showProjection(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg := &projectionPage{Page: s.page(w, r, "projection.title"), Month: s.thisMonth()}
	if s.cfg.Projection == nil {
		pg.Unavailable = true
		s.render(w, r, http.StatusOK, "projection", pg)
		return
	}
	if v := r.URL.Query().Get("from"); v != "" {
		m, err := ansinh.ParsePeriod(v)
		if err != nil {
			s.fail(w, r, ansinh.Invalid("from", "Tháng bắt đầu phải có dạng YYYY-MM.", "The start month must be YYYY-MM."))
			return
		}
		pg.Month = m
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "xlsx" && format != "pdf" {
		s.fail(w, r, ansinh.Invalid("format", "Định dạng phải là xlsx hoặc pdf.", "The format must be xlsx or pdf."))
		return
	}
	scs, err := projection.Shipped()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	results, err := s.cfg.Projection.Compare(ctx, pg.Month, scs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if format != "" {
		s.sendProjection(w, r, results, format, pg.Month)
		return
	}
	pg.fill(results)
	s.render(w, r, http.StatusOK, "projection", pg)
}

// sendProjection sends the workbook or the PDF.
func (s *Server) sendProjection(w http.ResponseWriter, r *http.Request, results []*projection.Result, format string, month ansinh.Period) {
	body, err := projection.XLSX(results)
	ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if format == "pdf" {
		body, err = projection.PDF(results)
		ctype = "application/pdf"
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(r.Context(), s.accounts, "projection.download", "projection:"+month.String(), "format="+format); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="du-bao-quy-%s.%s"`, month, format))
	w.Write(body)
}

// fill builds the page's table, charts and assumptions in its language.
func (pg *projectionPage) fill(results []*projection.Result) {
	en := pg.Lang == "en"
	pick := func(vi, e string) string {
		if en {
			return strings.TrimSpace(e)
		}
		return strings.TrimSpace(vi)
	}
	pg.Years = projection.SummaryYears(results)
	for _, m := range projection.Metrics {
		for i, res := range results {
			row := projectionRow{Scenario: res.Scenario.Name}
			if i == 0 {
				row.Title, row.Unit = pick(m.TitleVI, m.TitleEN), m.Unit()
			}
			for _, y := range pg.Years {
				v, _ := res.At(y)
				row.Cells = append(row.Cells, m.Text(v))
			}
			pg.Rows = append(pg.Rows, row)
		}
	}
	for _, key := range chartMetrics {
		m, _ := projection.MetricByKey(key)
		pg.Charts = append(pg.Charts, metricChart(m, pick(m.TitleVI, m.TitleEN), results))
	}
	for i, res := range results {
		sc := projectionScenario{Name: res.Scenario.Name, Title: pick(res.Scenario.TitleVI, res.Scenario.TitleEN), Color: seriesColors[i%len(seriesColors)]}
		for _, a := range res.Assumptions {
			sc.Assumptions = append(sc.Assumptions, projectionAssumption{Title: pick(a.TitleVI, a.TitleEN), Value: a.Value, Source: a.Source, Assumed: a.Assumed})
		}
		pg.Scenarios = append(pg.Scenarios, sc)
	}
}

// metricChart draws a metric over every projected year, a line per scenario.
func metricChart(m projection.Metric, title string, results []*projection.Result) SeriesChart {
	var years []int
	for _, y := range results[0].Years {
		years = append(years, y.Year)
	}
	names := make([]string, len(results))
	series := make([][]float64, len(results))
	for i, res := range results {
		names[i] = res.Scenario.Name
		for _, y := range res.Years {
			series[i] = append(series[i], m.Value(y))
		}
	}
	format := func(v float64) string {
		switch m.Kind {
		case projection.KindMoney:
			return ansinh.GroupDigits(projection.Dong(v/1e9), '.') + " tỷ"
		case projection.KindCount:
			return ansinh.GroupDigits(projection.Persons(v), '.')
		case projection.KindRatio:
			return projection.RatioText(v)
		}
		return projection.PercentText(v)
	}
	if m.Unit() != "" && m.Kind != projection.KindMoney {
		title += " (" + m.Unit() + ")"
	} else if m.Kind == projection.KindMoney {
		title += " (tỷ đ)"
	}
	return newSeriesChart(title, years, names, series, format)
}

package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"ansinh"
	"ansinh/auth"
	"ansinh/indicators/report"
)

// reportsPage offers the periodic report to the Standing Committee (plan
// section III.5) for a year, as XLSX or PDF, built by package
// indicators/report from the stored indicators.
type reportsPage struct {
	Page
	Years     []int
	Year      int
	Through   ansinh.Period
	Available bool
}

// showReports shows the report's choices.
func (s *Server) showReports(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	pg := &reportsPage{Page: s.page(w, r, "reports.title")}
	run, err := s.cfg.Indicators.LastRun(ctx)
	switch {
	case errors.Is(err, ansinh.ErrNotFound):
	case err != nil:
		s.fail(w, r, err)
		return
	default:
		pg.Available, pg.Through = true, run.Through
		for y := run.Through.Year(); y >= max(run.From.Year(), planFirstYear); y-- {
			pg.Years = append(pg.Years, y)
		}
		pg.Year = run.Through.Year()
	}
	s.render(w, r, http.StatusOK, "reports", pg)
}

// downloadReport builds the report of a year (?year=) and sends it as XLSX
// (the default) or PDF (?format=pdf). The download is audited.
func (s *Server) downloadReport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	year, err := strconv.Atoi(r.URL.Query().Get("year"))
	if err != nil {
		s.fail(w, r, ansinh.Invalid("year", "Năm không hợp lệ.", "The year is not valid."))
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "xlsx"
	}
	if format != "xlsx" && format != "pdf" {
		s.fail(w, r, ansinh.Invalid("format", "Định dạng phải là xlsx hoặc pdf.", "The format must be xlsx or pdf."))
		return
	}
	src, err := s.reportSources()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := report.BuildWith(ctx, src, report.Options{Year: year, Issued: s.today()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var body []byte
	ctype := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if format == "pdf" {
		body, err = report.PDF(d)
		ctype = "application/pdf"
	} else {
		body, err = report.XLSX(d)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := auth.Audit(ctx, s.accounts, "report.download", fmt.Sprintf("report:%d", year), "format="+format); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, fmt.Sprintf("bao-cao-%d.%s", year, format), ctype, body)
}

// reportSources returns the report's sources the server was given.
func (s *Server) reportSources() (report.Sources, error) {
	src := s.cfg.Report
	if src.Indicators == nil || src.Plan == nil {
		return src, errors.New("web: the report's sources are not wired")
	}
	return src, nil
}

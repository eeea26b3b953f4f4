package web

import (
	"net/http"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/benefits"
	"ansinh/metrics"
)

// payrollPage is a month's payroll.
type payrollPage struct {
	Page
	Period    ansinh.Period
	Lines     []benefits.Line
	Totals    benefits.Totals
	MayRun    bool
	ExportURL string
}

// showPayroll shows the payroll of ?period= (default: this month), or
// sends it as XLSX (the bank transfer file).
func (s *Server) showPayroll(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, err := s.benefitsActor(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.thisMonth()
	if q := r.URL.Query().Get("period"); q != "" {
		if p, err = ansinh.ParsePeriod(q); err != nil {
			s.fail(w, r, ansinh.Invalid("period", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM."))
			return
		}
	}
	lines, err := s.cfg.Benefits.Store.PayrollLines(ctx, by.Scope, p)
	if err == nil {
		err = auth.Audit(ctx, s.accounts, "payroll.read", "payroll:"+p.String(), "web")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsXLSX(r) {
		s.payrollXLSX(w, r, p, lines)
		return
	}
	pg := &payrollPage{Page: s.page(w, r, "payroll.title"), Period: p, Lines: lines, Totals: benefits.Sum(lines), ExportURL: exportURL(r.URL),
		MayRun: s.policy["POST /payroll"].Allows(auth.From(ctx).Role)}
	if r.URL.Query().Get("done") != "" {
		pg.Flash = translate(pg.Lang, "payroll.done")
	}
	s.render(w, r, http.StatusOK, "payroll", pg)
}

// payrollXLSX sends the payroll as a workbook.
func (s *Server) payrollXLSX(w http.ResponseWriter, r *http.Request, p ansinh.Period, lines []benefits.Line) {
	sh := sheet{Name: "payroll.title", Columns: []string{"payroll.claim", "claims.person", "claims.name", "claims.kind", "payroll.status",
		"payroll.monthly", "payroll.arrears", "payroll.lump_sum", "payroll.recovery", "payroll.amount", "payroll.adjustment"}}
	lang := langOf(r)
	for _, l := range lines {
		sh.add(l.ClaimID, l.PersonID, l.Name, label(lang, "claimkind", string(l.Kind)), label(lang, "payline", l.Status),
			l.Monthly, l.Arrears, l.LumpSum, l.Recovery, l.Amount, l.Adjustment)
	}
	s.writeXLSX(w, r, "chi-tra-"+p.String(), sh)
}

// runPayroll runs the payroll of the form's month.
func (s *Server) runPayroll(w http.ResponseWriter, r *http.Request) {
	by, err := s.benefitsActor(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := ansinh.ParsePeriod(r.PostFormValue("period"))
	if err != nil {
		s.fail(w, r, ansinh.Invalid("period", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM."))
		return
	}
	start := time.Now()
	_, err = s.cfg.Benefits.Payroll(r.Context(), p, by.Login)
	metrics.JobDone("payroll", time.Since(start), err)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirect(w, r, "/payroll?period="+p.String()+"&done=1")
}

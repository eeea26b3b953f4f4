package api

import (
	"net/http"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/benefits"
	"ansinh/metrics"
)

// PayrollLine is one benefit of a month's payroll.
type PayrollLine struct {
	ClaimID    int64  `json:"claim_id"`
	PersonID   string `json:"person_id"`
	FullName   string `json:"full_name"`
	Kind       string `json:"kind"`
	Status     string `json:"status"`
	Monthly    int64  `json:"monthly"`
	Arrears    int64  `json:"arrears"`
	LumpSum    int64  `json:"lump_sum"`
	Recovery   int64  `json:"recovery"`
	Amount     int64  `json:"amount"`
	Adjustment string `json:"adjustment"`
	StopReason string `json:"stop_reason"`
}

// Payroll is a month's payroll.
type Payroll struct {
	Period  string        `json:"period"`
	Amount  int64         `json:"amount"`
	Lines   []PayrollLine `json:"lines"`
	Already bool          `json:"already_done"`
}

// toPayroll converts lines.
func toPayroll(p ansinh.Period, lines []benefits.Line, already bool) Payroll {
	out := Payroll{Period: p.String(), Amount: benefits.Sum(lines).Amount, Lines: make([]PayrollLine, len(lines)), Already: already}
	for i, l := range lines {
		out.Lines[i] = PayrollLine{ClaimID: l.ClaimID, PersonID: l.PersonID, FullName: l.Name, Kind: string(l.Kind), Status: l.Status,
			Monthly: l.Monthly, Arrears: l.Arrears, LumpSum: l.LumpSum, Recovery: l.Recovery, Amount: l.Amount,
			Adjustment: l.Adjustment, StopReason: l.StopReason}
	}
	return out
}

// payrollPeriod reads the {period} of the path.
func payrollPeriod(r *http.Request) (ansinh.Period, error) {
	p, err := ansinh.ParsePeriod(r.PathValue("period"))
	if err != nil {
		return 0, ansinh.Invalid("period", "Tháng phải có dạng YYYY-MM.", "The month must be YYYY-MM.")
	}
	return p, nil
}

// payroll returns a month's payroll lines in the caller's scope.
func (a *API) payroll(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, err := a.actor(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p, err := payrollPeriod(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	lines, err := a.benefits.Store.PayrollLines(ctx, by.Scope, p)
	if err == nil {
		err = auth.Audit(ctx, a.audit, "payroll.read", "payroll:"+p.String(), "api")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPayroll(p, lines, false))
}

// runPayroll runs a month's payroll (idempotent: a done month is returned
// as it is).
func (a *API) runPayroll(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	by, err := a.actor(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p, err := payrollPeriod(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	start := time.Now()
	res, err := a.benefits.Payroll(ctx, p, by.Login)
	metrics.JobDone("payroll", time.Since(start), err)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPayroll(p, res.Lines, res.Already))
}

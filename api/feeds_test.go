package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh"
	"ansinh/auth"
	"ansinh/compliance"
	"ansinh/metrics"
	"ansinh/store/storetest"
	"ansinh/web/webtest"
)

// TestFeedUploadStartsMatching: a partner uploads the Tax Department's
// feed through the API and, with no officer asking, the cross-match runs:
// the worker paid in three months without insurance is a finding, in a
// case, and the match is on the record as the upload's.
func TestFeedUploadStartsMatching(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := webtest.New(t, engine, webtest.Options{})
			ctx := context.Background()
			u, err := e.Auth.FindUserByLogin(ctx, webtest.LoginPartner)
			if err != nil {
				t.Fatal(err)
			}
			tok, err := auth.IssueAPIToken(ctx, e.Auth, u.ID, "t", 0, "test")
			if err != nil {
				t.Fatal(err)
			}
			const worker = "024199009999"
			feed := "tax_code,person_id,month,wage_income\n"
			for _, m := range []string{"2026-01", "2026-02", "2026-03"} {
				feed += webtest.TaxA + "," + worker + "," + m + ",8000000\n"
			}
			svc := webtest.ComplianceService(e.DB)
			id := compliance.FindingID(compliance.UnregisteredWorker, webtest.TaxA, worker)
			if _, err := svc.FindFinding(ctx, id, ansinh.Scope{All: true}); ansinh.ErrorCode(err) != ansinh.ENOTFOUND {
				t.Fatalf("a finding before the upload: %v", err)
			}
			runs, rows := metricOf(t, "ansinh_job_runs_total", map[string]string{"kind": "import", "result": "success"}), metricOf(t, "ansinh_rows_imported_total", map[string]string{"kind": "tax_wages"})
			req := httptest.NewRequest(http.MethodPost, "/api/v1/feeds/tax_wages?name=thue-2026-q1.csv", strings.NewReader(feed))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "text/csv")
			if res := e.Client(t).Do(req); res.Status != http.StatusOK || !strings.Contains(res.Body, `"committed": true`) {
				t.Fatalf("upload: %d %s", res.Status, res.Body)
			}
			if d := metricOf(t, "ansinh_job_runs_total", map[string]string{"kind": "import", "result": "success"}) - runs; d != 1 {
				t.Errorf("import runs counted by the upload: %v, want 1", d)
			}
			if d := metricOf(t, "ansinh_rows_imported_total", map[string]string{"kind": "tax_wages"}) - rows; d != 3 {
				t.Errorf("rows imported counted by the upload: %v, want 3", d)
			}
			f, err := svc.FindFinding(ctx, id, ansinh.Scope{All: true})
			if err != nil {
				t.Fatalf("no finding after the upload: %v", err)
			}
			if f.State != "open" || f.Months != 3 || f.CaseID == "" {
				t.Errorf("finding after the upload: state %s, %d months, case %q", f.State, f.Months, f.CaseID)
			}
			var n int
			if err := e.DB.R.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE action = 'compliance.match' AND actor LIKE 'system:match-after-upload:tax_wages%'`).Scan(&n); err != nil || n != 1 {
				t.Errorf("match on the record: %d (%v), want 1", n, err)
			}
		})
	}
}

// metricOf returns metrics.Value of the family name with the labels.
func metricOf(t *testing.T, name string, labels map[string]string) float64 {
	t.Helper()
	v, err := metrics.Value(name, labels)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

package web_test

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/metrics"
	"ansinh/store"
	"ansinh/web/webtest"
)

// TestRandomBytesXLSXGetsAReason: a file named .xlsx that is no workbook is
// refused with the reason, on the import page and through the API's feed
// upload alike.
func TestRandomBytesXLSXGetsAReason(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	junk := make([]byte, 4096)
	rand.Read(junk)
	c := e.Client(t)
	c.Login(webtest.LoginProvince)
	res := upload(t, c, "/imports", "persons", "persons.xlsx", string(junk))
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "không đọc được tệp Excel") {
		t.Fatalf("page: %d, reason not shown", res.Status)
	}
	var partner int64
	if err := e.DB.R.QueryRow(`SELECT id FROM users WHERE login = $1`, webtest.LoginPartner).Scan(&partner); err != nil {
		t.Fatal(err)
	}
	tok, err := auth.IssueAPIToken(context.Background(), e.Auth, partner, "t", 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/feeds/tax_wages?name=thue.xlsx", strings.NewReader(string(junk)))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	res = e.Client(t).Do(req)
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "không đọc được tệp Excel") ||
		!strings.Contains(res.Body, "cannot read the Excel file") {
		t.Fatalf("API: %d %s", res.Status, res.Body)
	}
}

// TestUploadIsCountedInTheMetrics: an import uploaded on the web is counted
// as a job run, with its duration, and its committed rows by kind; a
// refused one as a failed run.
func TestUploadIsCountedInTheMetrics(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginProvince)
	ok, failed, rows := metricOf(t, "ansinh_job_runs_total", map[string]string{"kind": "import", "result": "success"}), metricOf(t, "ansinh_job_runs_total", map[string]string{"kind": "import", "result": "error"}),
		metricOf(t, "ansinh_rows_imported_total", map[string]string{"kind": "persons"})
	good := "person_id,full_name,birth_date,sex,ethnic_minority,commune_code,legacy_si_code\n" +
		"024097000111,Ngô Văn Tâm,1997-02-03,male,false," + webtest.CommuneA + ",\n" +
		"024099000113,Ngô Văn Phúc,1999-05-05,male,false," + webtest.CommuneA + ",\n"
	if res := upload(t, c, "/imports", "persons", "persons.csv", good); res.Status != http.StatusOK {
		t.Fatalf("good file: %d\n%s", res.Status, res.Body)
	}
	if res := upload(t, c, "/imports", "persons", "persons.csv", "person_id\n1\n"); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: %d", res.Status)
	}
	if d := metricOf(t, "ansinh_job_runs_total", map[string]string{"kind": "import", "result": "success"}) - ok; d < 1 {
		t.Errorf("successful import runs grew by %v", d)
	}
	if d := metricOf(t, "ansinh_job_runs_total", map[string]string{"kind": "import", "result": "error"}) - failed; d < 1 {
		t.Errorf("failed import runs grew by %v", d)
	}
	if d := metricOf(t, "ansinh_rows_imported_total", map[string]string{"kind": "persons"}) - rows; d < 2 {
		t.Errorf("persons rows imported grew by %v, want 2", d)
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

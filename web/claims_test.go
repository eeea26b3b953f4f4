package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/web/webtest"

	"golang.org/x/crypto/bcrypt"
)

// The retiree of the claims tests: a man born 1964-09-10 in commune A, on
// the paper record 1990–2005 and in the registry at employer A 2006–2025;
// his pension starts in 2026-01.
const (
	retiree      = "024064000909"
	loginRetiree = "huutri"
)

// seedRetiree adds the retiree, his career and his citizen account.
func seedRetiree(t *testing.T, e *webtest.Env) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO persons (person_id, full_name, birth_date, sex, ethnic_minority, commune_code) VALUES ('` + retiree + `', 'Đinh Văn Hưu', '1964-09-10', 'male', FALSE, '` + webtest.CommuneA + `')`,
		`INSERT INTO employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) VALUES ('` + webtest.TaxA + `', '` + retiree + `', '2006-01', '2025-12', 9000000, 'indefinite', '2006-01-02')`,
		`INSERT INTO si_history (person_id, from_month, to_month, scheme, wage, employer_name, source_ref) VALUES ('` + retiree + `', '1990-01', '2005-12', 'contract', 2500000, 'Nhà máy Phân đạm Hà Bắc', 'SỔ 2490001111')`,
	} {
		if _, err := e.DB.W.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	a := auth.Account{Login: loginRetiree, Role: auth.Citizen, Scope: []string{retiree}, Name: "Đinh Văn Hưu", Password: webtest.Password, CreatedBy: "test"}
	if _, err := auth.CreateAccount(ctx, e.Auth, authdb.NewRegistry(e.DB, e.Registry), a, bcrypt.MinCost); err != nil {
		t.Fatal(err)
	}
}

// fileOnline files the retiree's pension claim from the portal and returns
// the claim's page path.
func fileOnline(t *testing.T, e *webtest.Env) string {
	t.Helper()
	c := e.Client(t)
	c.Login(loginRetiree)
	c.Get("/me/claims")
	res := c.PostForm("/me/claims", url.Values{"kind": {"pension"}, "action": {"estimate"}})
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "Đủ điều kiện hưởng") {
		t.Fatalf("estimate: %d\n%s", res.Status, res.Body)
	}
	res = c.PostForm("/me/claims", url.Values{"kind": {"pension"}, "action": {"file"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("file: %d\n%s", res.Status, res.Body)
	}
	loc := res.Header.Get("Location")
	return strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/me")
}

// TestClaimMakerCheckerWeb: the unit officer who checks a claim may not
// approve it; the province officer does; the payroll pays it; another
// citizen cannot see it.
func TestClaimMakerCheckerWeb(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	seedRetiree(t, e)
	path := fileOnline(t, e)
	maker := e.Client(t)
	maker.Login(webtest.LoginUnitA)
	if res := maker.Get(path); res.Status != http.StatusOK || !strings.Contains(res.Body, "SỔ 2490001111") || !strings.Contains(res.Body, "Sổ BHXH giấy") {
		t.Fatalf("claim page: %d\n%s", res.Status, res.Body)
	}
	if res := maker.PostForm(path+"/check", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("check: %d\n%s", res.Status, res.Body)
	}
	res := maker.Get(path)
	if strings.Contains(res.Body, `id="approve"`) || !strings.Contains(res.Body, "một cán bộ khác") {
		t.Fatalf("the maker is offered the approval:\n%s", res.Body)
	}
	if res := maker.PostForm(path+"/approve", nil); res.Status != http.StatusForbidden {
		t.Fatalf("maker approves: %d", res.Status)
	}
	other := e.Client(t)
	other.Login(webtest.LoginCitizen)
	if res := other.Get("/me" + path); res.Status != http.StatusNotFound {
		t.Fatalf("another citizen sees the claim: %d", res.Status)
	}
	checker := e.Client(t)
	checker.Login(webtest.LoginProvince)
	checker.Get(path)
	if res := checker.PostForm(path+"/approve", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("checker approves: %d\n%s", res.Status, res.Body)
	}
	checker.Get("/payroll?period=2026-03")
	if res := checker.PostForm("/payroll", url.Values{"period": {"2026-03"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("payroll: %d\n%s", res.Status, res.Body)
	}
	if res := checker.Get("/payroll?period=2026-03"); !strings.Contains(res.Body, "Đinh Văn Hưu") {
		t.Fatalf("payroll page:\n%s", res.Body)
	}
	if res := checker.Get("/payroll?period=2026-03&format=xlsx"); res.Status != http.StatusOK || !strings.HasPrefix(res.Body, "PK") {
		t.Fatalf("payroll xlsx: %d", res.Status)
	}
	if res := checker.Get(path + "/decision"); res.Status != http.StatusOK || !strings.HasPrefix(res.Body, "%PDF") {
		t.Fatalf("decision: %d", res.Status)
	}
}

// TestClaimMakerCheckerAPI: the same through the JSON API, and a rejected
// claim pays nothing.
func TestClaimMakerCheckerAPI(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	seedRetiree(t, e)
	ctx := context.Background()
	call := func(login, method, path, body string) *webtest.Response {
		tok, err := auth.IssueAPIToken(ctx, e.Auth, userID(t, e, login), "t", 0, "test")
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		return e.Client(t).Do(req)
	}
	res := call(loginRetiree, "POST", "/api/v1/claims", `{"person_id":"`+retiree+`","kind":"pension"}`)
	var c struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	if res.Status != http.StatusCreated || json.Unmarshal([]byte(res.Body), &c) != nil {
		t.Fatalf("file: %d %s", res.Status, res.Body)
	}
	if res := call(loginRetiree, "POST", "/api/v1/claims", `{"person_id":"`+webtest.Citizen+`","kind":"pension"}`); res.Status != http.StatusNotFound {
		t.Fatalf("filing for another person: %d %s", res.Status, res.Body)
	}
	id := itoa(c.ID)
	if res := call(webtest.LoginUnitA, "POST", "/api/v1/claims/"+id+"/check", ``); res.Status != http.StatusOK {
		t.Fatalf("check: %d %s", res.Status, res.Body)
	}
	if res := call(webtest.LoginUnitA, "POST", "/api/v1/claims/"+id+"/reject", `{"reason":"tự từ chối"}`); res.Status != http.StatusForbidden {
		t.Fatalf("maker rejects: %d %s", res.Status, res.Body)
	}
	if res := call(webtest.LoginProvince, "POST", "/api/v1/claims/"+id+"/reject", `{"reason":"Thiếu quyết định nghỉ việc"}`); res.Status != http.StatusOK || !strings.Contains(res.Body, `"status": "rejected"`) {
		t.Fatalf("reject: %d %s", res.Status, res.Body)
	}
	res = call(webtest.LoginProvince, "POST", "/api/v1/payroll/2026-03", ``)
	if res.Status != http.StatusOK || strings.Contains(res.Body, retiree) {
		t.Fatalf("a rejected claim is paid: %d %s", res.Status, res.Body)
	}
}

// The claims and payroll routes' expectations, added to the route–role
// matrix of policy_test.go.
func init() {
	officers := []auth.Role{auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership}
	makers := []auth.Role{auth.ProvinceOfficer, auth.UnitOfficer}
	claimants := []auth.Role{auth.Citizen, auth.ProvinceOfficer, auth.UnitOfficer}
	readers := []auth.Role{auth.Citizen, auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership}
	for k, v := range map[string][]auth.Role{
		"GET /me/claims":                   {auth.Citizen},
		"POST /me/claims":                  {auth.Citizen},
		"GET /me/claims/{id}":              {auth.Citizen},
		"GET /me/claims/{id}/decision":     {auth.Citizen},
		"GET /claims":                      officers,
		"GET /claims/{id}":                 officers,
		"GET /claims/{id}/decision":        officers,
		"POST /claims/{id}/check":          makers,
		"POST /claims/{id}/approve":        makers,
		"POST /claims/{id}/reject":         makers,
		"GET /payroll":                     {auth.ProvinceOfficer, auth.Leadership},
		"POST /payroll":                    {auth.ProvinceOfficer},
		"POST /api/v1/claims/estimate":     claimants,
		"POST /api/v1/claims":              claimants,
		"GET /api/v1/claims":               readers,
		"GET /api/v1/claims/{id}":          readers,
		"GET /api/v1/claims/{id}/decision": readers,
		"POST /api/v1/claims/{id}/check":   makers,
		"POST /api/v1/claims/{id}/approve": makers,
		"POST /api/v1/claims/{id}/reject":  makers,
		"GET /api/v1/payroll/{period}":     {auth.ProvinceOfficer, auth.Leadership},
		"POST /api/v1/payroll/{period}":    {auth.ProvinceOfficer},
	} {
		expected[k] = v
	}
}

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
		"POST /claims":                     makers,
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

// TestClaimAtCounterWeb: an officer files a claim for the retiree at the
// counter from the queue page: the identity is checked against the
// registry (name after normalisation, birth date), another commune's
// officer cannot reach him, the estimate comes first, the claim records the
// counter and the officer, the filing is audited; the filing officer may
// check it (maker) and another officer approves it.
func TestClaimAtCounterWeb(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	seedRetiree(t, e)
	maker := e.Client(t)
	maker.Login(webtest.LoginUnitA)
	if res := maker.Get("/claims"); res.Status != http.StatusOK || !strings.Contains(res.Body, `id="counter-form"`) {
		t.Fatalf("queue page: %d\n%s", res.Status, res.Body)
	}
	form := func(name, birth, action string) url.Values {
		return url.Values{"person_id": {retiree}, "full_name": {name}, "birth_date": {birth}, "kind": {"pension"}, "action": {action}}
	}
	// The name typed in decomposed form, in lower case, with spaces around.
	nfd := "  \u0111inh v\u0103n hu\u031bu  "
	refusals := []struct {
		name string
		who  string
		form url.Values
		want string
	}{
		{"another name", webtest.LoginUnitA, form("Đinh Văn Hữu", "10/09/1964", "estimate"), "Họ và tên không khớp"},
		{"another birth date", webtest.LoginUnitA, form(nfd, "09/10/1964", "file"), "Ngày sinh không khớp"},
		{"no name", webtest.LoginUnitA, form("", "10/09/1964", "file"), "Cần họ và tên"},
		{"bad birth date", webtest.LoginUnitA, form(nfd, "1964/09/10", "file"), "dd/mm/yyyy"},
		{"out of scope", webtest.LoginUnitB, form(nfd, "10/09/1964", "file"), "trong phạm vi quản lý"},
	}
	for _, tt := range refusals {
		c := e.Client(t)
		c.Login(tt.who)
		c.Get("/claims")
		if res := c.PostForm("/claims", tt.form); res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tt.want) {
			t.Errorf("%s: %d, want 422 with %q\n%s", tt.name, res.Status, tt.want, res.Body)
		}
	}
	res := maker.PostForm("/claims", form(nfd, "10/09/1964", "estimate"))
	if res.Status != http.StatusOK || !strings.Contains(res.Body, `id="estimate-result"`) || !strings.Contains(res.Body, "Đủ điều kiện hưởng") {
		t.Fatalf("estimate: %d\n%s", res.Status, res.Body)
	}
	res = maker.PostForm("/claims", form(nfd, "10/09/1964", "file"))
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(loc, "/claims/") || !strings.HasSuffix(loc, "?filed=1") {
		t.Fatalf("file: %d %q\n%s", res.Status, loc, res.Body)
	}
	path := loc[:strings.Index(loc, "?")]
	res = maker.Get(path)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "Tại quầy") || !strings.Contains(res.Body, `<dd id="filed-by">user:`+webtest.LoginUnitA) || !strings.Contains(res.Body, `id="check"`) {
		t.Fatalf("claim page: %d\n%s", res.Status, res.Body)
	}
	var n int
	if err := e.DB.R.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = 'claim.file' AND actor = ? AND detail = 'pension counter identity_checked'`,
		"user:"+webtest.LoginUnitA).Scan(&n); err != nil || n != 1 {
		t.Fatalf("audit of the counter filing: %d %v", n, err)
	}
	if err := e.DB.R.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = 'claim.estimate' AND actor = ? AND object = ?`,
		"user:"+webtest.LoginUnitA, "person:"+retiree).Scan(&n); err != nil || n != 1 {
		t.Fatalf("audit of the counter estimate: %d %v", n, err)
	}
	if res := maker.PostForm(path+"/check", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("the filing officer checks: %d\n%s", res.Status, res.Body)
	}
	if res := maker.PostForm(path+"/approve", nil); res.Status != http.StatusForbidden {
		t.Fatalf("the filing officer approves: %d", res.Status)
	}
	checker := e.Client(t)
	checker.Login(webtest.LoginProvince)
	checker.Get(path)
	if res := checker.PostForm(path+"/approve", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("another officer approves: %d\n%s", res.Status, res.Body)
	}
	citizen := e.Client(t)
	citizen.Login(loginRetiree)
	if res := citizen.Get("/me" + path); res.Status != http.StatusOK || strings.Contains(res.Body, "filed-by") {
		t.Fatalf("the retiree's view of the counter claim: %d\n%s", res.Status, res.Body)
	}
}

// TestClaimAtCounterAPI: an officer files through the API with the
// claimant's name and birth date, checked against the registry; the claim
// records the counter and the officer; the officer who filed it cannot
// decide it once another has checked it.
func TestClaimAtCounterAPI(t *testing.T) {
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
	body := func(name, birth string) string {
		return `{"person_id":"` + retiree + `","kind":"pension","full_name":"` + name + `","birth_date":"` + birth + `"}`
	}
	for _, tt := range []struct {
		path, body, field string
	}{
		{"/api/v1/claims", `{"person_id":"` + retiree + `","kind":"pension"}`, "full_name"},
		{"/api/v1/claims", body("Đinh Văn An", "1964-09-10"), "full_name"},
		{"/api/v1/claims", body("Đinh Văn Hưu", "1964-10-09"), "birth_date"},
		{"/api/v1/claims", body("Đinh Văn Hưu", "10/09/1964"), "birth_date"},
		{"/api/v1/claims/estimate", body("Đinh Văn Hữu", "1964-09-10"), "full_name"},
	} {
		res := call(webtest.LoginUnitA, "POST", tt.path, tt.body)
		if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, `"field":"`+tt.field+`"`) {
			t.Errorf("%s %s: %d %s, want 400 on %s", tt.path, tt.body, res.Status, res.Body, tt.field)
		}
	}
	if res := call(webtest.LoginUnitA, "POST", "/api/v1/claims/estimate", body("ĐINH  văn hưu", "1964-09-10")); res.Status != http.StatusOK || !strings.Contains(res.Body, `"eligible": true`) {
		t.Fatalf("estimate: %d %s", res.Status, res.Body)
	}
	res := call(webtest.LoginUnitA, "POST", "/api/v1/claims", body("Đinh Văn Hưu", "1964-09-10"))
	var c struct {
		ID      int64  `json:"id"`
		Channel string `json:"channel"`
		FiledBy string `json:"filed_by"`
	}
	if res.Status != http.StatusCreated || json.Unmarshal([]byte(res.Body), &c) != nil || c.Channel != "counter" || c.FiledBy != "user:"+webtest.LoginUnitA {
		t.Fatalf("file: %d %s", res.Status, res.Body)
	}
	id := itoa(c.ID)
	if res := call(webtest.LoginProvince, "POST", "/api/v1/claims/"+id+"/check", ``); res.Status != http.StatusOK {
		t.Fatalf("check: %d %s", res.Status, res.Body)
	}
	if res := call(webtest.LoginUnitA, "POST", "/api/v1/claims/"+id+"/approve", ``); res.Status != http.StatusForbidden || !strings.Contains(res.Body, "tại quầy") {
		t.Fatalf("the filing officer approves: %d %s", res.Status, res.Body)
	}
	if res := call(webtest.LoginUnitA, "POST", "/api/v1/claims/"+id+"/reject", `{"reason":"x"}`); res.Status != http.StatusForbidden {
		t.Fatalf("the filing officer rejects: %d %s", res.Status, res.Body)
	}
}

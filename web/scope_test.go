package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/storetest"
	"ansinh/web/webtest"
)

// apiGet calls the API with a bearer token for the login.
func apiGet(t *testing.T, e *webtest.Env, login, path string) *webtest.Response {
	t.Helper()
	u, err := e.Auth.FindUserByLogin(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	token, err := auth.IssueAPIToken(context.Background(), e.Auth, u.ID, "test", 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return e.Client(t).Do(req)
}

// TestScoping checks, on every engine, that each role sees its own scope
// only: what is outside is "not found", never shown.
func TestScoping(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := webtest.New(t, engine, webtest.Options{})
			cases := []struct {
				login, path string
				status      int
				contains    string
			}{
				// A unit officer: its commune's employers and residents.
				{webtest.LoginUnitA, "/employers/" + webtest.TaxA, 200, "Công ty TNHH May Bắc Giang"},
				{webtest.LoginUnitA, "/employers/" + webtest.TaxB, 404, ""},
				{webtest.LoginUnitB, "/employers/" + webtest.TaxA, 404, ""},
				{webtest.LoginUnitB, "/employers/" + webtest.TaxB, 200, "Công ty Cổ phần Đa Mai"},
				{webtest.LoginUnitA, "/persons/" + webtest.WorkersA[0], 200, "Nguyễn Văn An"},
				{webtest.LoginUnitA, "/persons/" + webtest.WorkerB, 404, ""},
				{webtest.LoginUnitA, "/api/v1/employers/" + webtest.TaxB + "/workers", 404, ""},
				// The province officer and leadership: everything.
				{webtest.LoginProvince, "/employers/" + webtest.TaxB, 200, "Công ty Cổ phần Đa Mai"},
				{webtest.LoginLeadership, "/persons/" + webtest.WorkerB, 200, "Phạm Văn Dũng"},
				// An agent: residents of its communes.
				{webtest.LoginAgent, "/persons/" + webtest.Citizen, 200, "Lê Thị Hoa"},
				{webtest.LoginAgent, "/persons/" + webtest.WorkerB, 404, ""},
				// An inspector: its assigned employers.
				{webtest.LoginInspector, "/employers/" + webtest.TaxA, 200, "Công ty TNHH May Bắc Giang"},
				{webtest.LoginInspector, "/employers/" + webtest.TaxB, 404, ""},
				// An employer: its own workers only.
				{webtest.LoginEmployerA, "/api/v1/employers/" + webtest.TaxA + "/workers", 200, webtest.WorkersA[0]},
				{webtest.LoginEmployerA, "/api/v1/employers/" + webtest.TaxB + "/workers", 404, ""},
				{webtest.LoginEmployerB, "/api/v1/employers/" + webtest.TaxA, 404, ""},
				// A citizen: self only.
				{webtest.LoginCitizen, "/api/v1/persons/" + webtest.Citizen, 200, "Lê Thị Hoa"},
				{webtest.LoginCitizen, "/api/v1/persons/" + webtest.WorkerB, 404, ""},
			}
			for _, c := range cases {
				var res *webtest.Response
				if strings.HasPrefix(c.path, "/api/") {
					res = apiGet(t, e, c.login, c.path)
				} else {
					cl := e.Client(t)
					cl.Login(c.login)
					res = cl.Get(c.path)
				}
				if res.Status != c.status || !strings.Contains(res.Body, c.contains) {
					t.Errorf("%s GET %s: %d, want %d with %q\n%.400s", c.login, c.path, res.Status, c.status, c.contains, res.Body)
				}
				if c.status == 404 && (strings.Contains(res.Body, "Công ty") || strings.Contains(res.Body, "Phạm Văn Dũng")) {
					t.Errorf("%s GET %s: the 404 shows data", c.login, c.path)
				}
			}

			// The employer portal lists its own workers, not another's.
			cl := e.Client(t)
			cl.Login(webtest.LoginEmployerA)
			res := cl.Get("/employer/workers")
			if !strings.Contains(res.Body, "Nguyễn Văn An") || strings.Contains(res.Body, "Phạm Văn Dũng") {
				t.Errorf("employer A's workers page:\n%s", res.Body)
			}
			// The unit officer's search finds its residents only.
			cl = e.Client(t)
			cl.Login(webtest.LoginUnitA)
			res = cl.Get("/search?q=nguy%E1%BB%85n+v%C4%83n&kind=persons")
			if !strings.Contains(res.Body, "Nguyễn Văn An") || strings.Contains(res.Body, "Nguyễn Văn Cường") {
				t.Errorf("unit officer's search:\n%s", res.Body)
			}
			// Its dashboard counts its commune only.
			res = cl.Get("/dashboard")
			if !strings.Contains(res.Body, "Phường Bắc Giang") || strings.Contains(res.Body, "Phường Đa Mai") {
				t.Errorf("unit officer's dashboard:\n%s", res.Body)
			}
			// A citizen's /api/v1/me names the citizen's scope.
			res = apiGet(t, e, webtest.LoginCitizen, "/api/v1/me")
			var me struct {
				Role  string   `json:"role"`
				Scope []string `json:"scope"`
			}
			if err := json.Unmarshal([]byte(res.Body), &me); err != nil || me.Role != "citizen" || len(me.Scope) != 1 || me.Scope[0] != webtest.Citizen {
				t.Errorf("me = %s", res.Body)
			}
		})
	}
}

// TestOrdersAndProceduresBelongToTheirOwner checks that one user cannot see
// or pay another's order, nor answer another's survey.
func TestOrdersAndProceduresBelongToTheirOwner(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	a := e.Client(t)
	a.Login(webtest.LoginEmployerA)
	res := a.PostForm("/employer/pay", map[string][]string{"amount": {"1.000.000"}})
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/gateway/pay/") {
		t.Fatalf("pay: %d %s", res.Status, res.Header.Get("Location"))
	}
	order := strings.TrimPrefix(res.Header.Get("Location"), "/gateway/pay/")
	o, _ := e.Collection.FindPaymentOrder(context.Background(), order)
	b := e.Client(t)
	b.Login(webtest.LoginCitizen)
	for _, path := range []string{"/gateway/pay/" + order, "/payments/" + order, "/procedures/" + itoa(o.ProcedureID) + "/survey"} {
		if r := b.Get(path); r.Status != http.StatusNotFound {
			t.Errorf("citizen GET %s: %d", path, r.Status)
		}
	}
	if r := b.PostForm("/gateway/pay/"+order, nil); r.Status != http.StatusNotFound {
		t.Errorf("citizen confirms another's order: %d", r.Status)
	}
	if pays, _ := e.Collection.PaymentsOf(context.Background(), webtest.TaxA, 10); len(pays) != 1 {
		t.Errorf("payments after the refused confirmation: %+v", pays)
	}
}

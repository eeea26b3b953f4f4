package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/store/storetest"
	"ansinh/web/webtest"
)

// anonymous stands for a caller who is not signed in.
const anonymous = auth.Role("")

var (
	all      = []auth.Role{anonymous, auth.ProvinceOfficer, auth.UnitOfficer, auth.Agent, auth.Employer, auth.Citizen, auth.Partner, auth.Inspector, auth.Leadership}
	signedIn = all[1:]
	officers = []auth.Role{auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership}
	payers   = []auth.Role{auth.Employer, auth.Citizen}
	province = []auth.Role{auth.ProvinceOfficer}
	employer = []auth.Role{auth.Employer}
	citizen  = []auth.Role{auth.Citizen}
)

// expected is who may call each route, written out here independently of
// auth.DefaultPolicy: the test compares the two through the running server.
// A route registered on the server but missing here fails the test, and so
// does a route here that the server does not have.
var expected = map[string][]auth.Role{
	"/":                      all,
	"GET /{$}":               all,
	"GET /login":             all,
	"POST /login":            all,
	"GET /register":          all,
	"POST /register":         all,
	"GET /static/":           all,
	"GET /healthz":           all,
	"GET /api/openapi.json":  all,
	"POST /gateway/callback": all,

	"POST /logout":    signedIn,
	"GET /api/v1/me":  signedIn,
	"GET /procedures": payers,

	"GET /dashboard":                        officers,
	"GET /search":                           {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Agent, auth.Inspector},
	"GET /persons/{id}":                     {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Agent},
	"GET /employers/{tax}":                  {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector},
	"GET /employers/{tax}/notices/{period}": {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector},
	"GET /arrears":                          officers,
	"GET /targets":                          {auth.ProvinceOfficer, auth.Leadership},
	"POST /targets":                         province,
	"GET /plan":                             officers,
	"GET /plan/{id}":                        officers,
	"POST /plan/{id}":                       province,
	"POST /plan/{id}/reports":               province,
	"GET /reports":                          {auth.ProvinceOfficer, auth.Leadership},
	"GET /reports/download":                 {auth.ProvinceOfficer, auth.Leadership},
	"GET /projection":                       {auth.ProvinceOfficer, auth.Leadership},
	"GET /findings":                         {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector, auth.Partner},
	"GET /cases":                            {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector},
	"GET /cases/{id}":                       {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector},
	"POST /cases/{id}/assign":               province,
	"POST /cases/{id}/status":               {auth.ProvinceOfficer, auth.Inspector},
	"POST /cases/{id}/result":               {auth.ProvinceOfficer, auth.Inspector},
	"GET /imports":                          province,
	"POST /imports":                         province,
	"GET /audit":                            province,
	"GET /users":                            province,
	"POST /users/{id}/status":               province,
	"POST /registrations/{id}":              province,
	"GET /inspector":                        {auth.Inspector},
	"GET /agent":                            {auth.Agent},
	"POST /agent/enrol":                     {auth.Agent},
	"GET /partner":                          {auth.Partner},
	"POST /partner/feeds":                   {auth.Partner},

	"GET /employer":                   employer,
	"GET /employer/workers":           employer,
	"GET /employer/notices":           employer,
	"GET /employer/notices/{period}":  employer,
	"GET /employer/declarations":      employer,
	"GET /employer/declarations/new":  employer,
	"POST /employer/declarations":     employer,
	"GET /employer/declarations/{id}": employer,
	"GET /employer/pay":               employer,
	"POST /employer/pay":              employer,

	"GET /me":            citizen,
	"GET /me/voluntary":  citizen,
	"POST /me/voluntary": citizen,
	"GET /me/pay":        citizen,
	"POST /me/pay":       citizen,

	"GET /procedures/{id}/survey":  payers,
	"POST /procedures/{id}/survey": payers,
	"GET /gateway/pay/{order}":     payers,
	"POST /gateway/pay/{order}":    payers,
	"GET /payments/{order}":        payers,

	"GET /api/v1/persons/{id}":            {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Agent, auth.Citizen},
	"GET /api/v1/employers/{tax}":         {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector, auth.Employer},
	"GET /api/v1/employers/{tax}/workers": {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector, auth.Employer},
	"GET /api/v1/employers/{tax}/notices": {auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership, auth.Inspector, auth.Employer},
	"POST /api/v1/declarations":           {auth.Employer, auth.ProvinceOfficer},
	"GET /api/v1/declarations/{id}":       {auth.Employer, auth.ProvinceOfficer, auth.UnitOfficer},
	"POST /api/v1/feeds/{kind}":           {auth.Partner, auth.ProvinceOfficer},
}

// pathOf turns a route pattern into a request path with sample values.
func pathOf(pattern string) (method, path string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = http.MethodGet, "/no-such-page"
	}
	r := strings.NewReplacer("{$}", "", "{id}", "999999", "{tax}", webtest.TaxA, "{order}", "TT-NONE", "{kind}", "tax_wages",
		"{period}", "2026-02")
	path = r.Replace(path)
	if path == "/static/" {
		path = "/static/app.css"
	}
	return method, path
}

// denied reports whether the guard refused the request (rather than the
// handler answering it, even with an error).
func denied(res *webtest.Response) bool {
	switch res.Status {
	case http.StatusSeeOther:
		return strings.HasPrefix(res.Header.Get("Location"), "/login?next=")
	case http.StatusUnauthorized:
		return strings.Contains(res.Body, "Bạn cần đăng nhập")
	case http.StatusForbidden:
		return strings.Contains(res.Body, "Bạn không có quyền thực hiện thao tác này")
	}
	return false
}

// TestEveryRouteHasARuleAndAnExpectation builds the table of routes from the
// server's router: a new route without a rule in the policy, or without an
// expectation here, fails.
func TestEveryRouteHasARuleAndAnExpectation(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	routes := e.Server.Router().Patterns()
	policy := e.Server.Policy()
	for _, p := range routes {
		if _, ok := policy[p]; !ok {
			t.Errorf("route %q has no rule in auth.DefaultPolicy", p)
		}
		if _, ok := expected[p]; !ok {
			t.Errorf("route %q has no expectation in this test", p)
		}
	}
	for p := range expected {
		if !slices.Contains(routes, p) {
			t.Errorf("expectation for %q, which is not a registered route", p)
		}
	}
	for p := range policy {
		if !slices.Contains(routes, p) {
			t.Errorf("policy rule for %q, which is not a registered route", p)
		}
	}
}

// TestRouteRoleMatrix calls every registered route as every role and as an
// anonymous caller, on every engine, and checks that the guard allows
// exactly the expected roles.
func TestRouteRoleMatrix(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(string(engine), func(t *testing.T) {
			e := webtest.New(t, engine, webtest.Options{Full: true})
			routes := e.Server.Router().Patterns()
			for _, role := range all {
				name := string(role)
				if role == anonymous {
					name = "anonymous"
				}
				t.Run(name, func(t *testing.T) {
					c := e.Client(t)
					signIn := func() {
						if role == anonymous {
							c.Get("/login") // the anonymous CSRF cookie
						} else {
							c.Login(webtest.RoleLogins[role])
						}
					}
					signIn()
					for _, pattern := range routes {
						allowed := slices.Contains(expected[pattern], role)
						method, path := pathOf(pattern)
						var res *webtest.Response
						if method == http.MethodGet {
							res = c.Get(path)
						} else {
							req := httptest.NewRequest(method, path, strings.NewReader(url.Values{"csrf_token": {c.CSRF}}.Encode()))
							req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
							req.Header.Set("X-CSRF-Token", c.CSRF)
							res = c.Do(req)
						}
						if got := !denied(res); got != allowed {
							t.Errorf("%s %s as %s: allowed=%v, want %v (status %d)", method, path, name, got, allowed, res.Status)
						}
						if res.Status >= 500 {
							t.Errorf("%s %s as %s: status %d\n%s", method, path, name, res.Status, e.Log.String())
						}
						if pattern == "POST /logout" || pattern == "POST /login" {
							signIn() // the session ended or changed
						}
					}
				})
			}
		})
	}
}

package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/web/webtest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// loadDoc fetches the OpenAPI document from the running server, anonymously,
// and validates it.
func loadDoc(t *testing.T, e *webtest.Env) *openapi3.T {
	t.Helper()
	res := e.Client(t).Get("/api/openapi.json")
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/openapi.json: %d %s", res.Status, res.Header.Get("Content-Type"))
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(res.Body))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("validate: %v", err)
	}
	return doc
}

// TestOpenAPIDocumentMatchesTheRoutes checks that the document is valid
// OpenAPI 3 and that its operations are exactly the routes registered under
// /api on the server.
func TestOpenAPIDocumentMatchesTheRoutes(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	doc := loadDoc(t, e)
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	var registered []string
	for _, p := range e.Server.Router().Patterns() {
		if method, path, ok := strings.Cut(p, " "); ok && strings.HasPrefix(path, "/api/") {
			registered = append(registered, method+" "+path)
		}
	}
	slices.Sort(documented)
	slices.Sort(registered)
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in the OpenAPI document", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			t.Errorf("the OpenAPI document has %s, which is not a route", d)
		}
	}
	if len(registered) < 8 {
		t.Fatalf("only %d API routes: %v", len(registered), registered)
	}
}

// TestResponsesMatchTheDocument calls the API and validates each response
// (status, content type, body) against the document.
func TestResponsesMatchTheDocument(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Full: true})
	doc := loadDoc(t, e)
	ctx := context.Background()
	token := func(login string) string {
		u, err := e.Auth.FindUserByLogin(ctx, login)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := auth.IssueAPIToken(ctx, e.Auth, u.ID, "t", 0, "test")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	employer, officer, partner, citizen := token(webtest.LoginEmployerA), token(webtest.LoginProvince), token(webtest.LoginPartner), token(webtest.LoginCitizen)
	hire := `{"lines":[{"change":"hire","person_id":"024095000606","full_name":"Đỗ Minh Khôi","birth_date":"1995-03-12","sex":"male","wage":7500000,"start_month":"2026-03","contract":"fixed"}]}`
	feed := "tax_code,person_id,month,wage_income\n" + webtest.TaxA + "," + webtest.WorkersA[0] + ",2026-02,9500000\n"
	cases := []struct {
		token, method, template, path, ctype, body string
		status                                     int
	}{
		{employer, "GET", "/api/v1/me", "/api/v1/me", "", "", 200},
		{"", "GET", "/api/v1/me", "/api/v1/me", "", "", 401},
		{citizen, "GET", "/api/v1/persons/{id}", "/api/v1/persons/" + webtest.Citizen, "", "", 200},
		{officer, "GET", "/api/v1/persons/{id}", "/api/v1/persons/" + webtest.Pensioner, "", "", 200},
		{citizen, "GET", "/api/v1/persons/{id}", "/api/v1/persons/" + webtest.WorkerB, "", "", 404},
		{citizen, "GET", "/api/v1/employers/{tax}", "/api/v1/employers/" + webtest.TaxA, "", "", 403},
		{employer, "GET", "/api/v1/employers/{tax}", "/api/v1/employers/" + webtest.TaxA, "", "", 200},
		{officer, "GET", "/api/v1/employers/{tax}", "/api/v1/employers/" + webtest.TaxB, "", "", 200},
		{employer, "GET", "/api/v1/employers/{tax}/workers", "/api/v1/employers/" + webtest.TaxA + "/workers?month=2026-03&limit=2", "", "", 200},
		{employer, "GET", "/api/v1/employers/{tax}/workers", "/api/v1/employers/" + webtest.TaxA + "/workers?month=03-2026", "", "", 400},
		{employer, "GET", "/api/v1/employers/{tax}/notices", "/api/v1/employers/" + webtest.TaxA + "/notices", "", "", 200},
		{officer, "GET", "/api/v1/employers/{tax}/notices", "/api/v1/employers/" + webtest.TaxC + "/notices", "", "", 200},
		{employer, "GET", "/api/v1/employers/{tax}/notices", "/api/v1/employers/" + webtest.TaxB + "/notices", "", "", 404},
		{citizen, "GET", "/api/v1/employers/{tax}/notices", "/api/v1/employers/" + webtest.TaxA + "/notices", "", "", 403},
		{employer, "POST", "/api/v1/declarations", "/api/v1/declarations", "application/json", hire, 201},
		{employer, "POST", "/api/v1/declarations", "/api/v1/declarations", "application/json", `{"lines":[{"change":"hire","person_id":"1"}]}`, 400},
		{employer, "GET", "/api/v1/declarations/{id}", "/api/v1/declarations/1", "", "", 200},
		{officer, "GET", "/api/v1/declarations/{id}", "/api/v1/declarations/99", "", "", 404},
		{partner, "POST", "/api/v1/feeds/{kind}", "/api/v1/feeds/tax_wages?name=t.csv", "text/csv", feed, 200},
		{partner, "POST", "/api/v1/feeds/{kind}", "/api/v1/feeds/tax_wages", "text/csv", "tax_code,month\n", 422},
		{"", "GET", "/api/openapi.json", "/api/openapi.json", "", "", 200},
	}
	for _, c := range cases {
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		req := httptest.NewRequest(c.method, c.path, body)
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		if c.ctype != "" {
			req.Header.Set("Content-Type", c.ctype)
		}
		res := e.Client(t).Do(req)
		if res.Status != c.status {
			t.Errorf("%s %s: status %d, want %d\n%s", c.method, c.path, res.Status, c.status, res.Body)
			continue
		}
		item := doc.Paths.Find(c.template)
		if item == nil {
			t.Fatalf("%s not in the document", c.template)
		}
		op := item.GetOperation(c.method)
		vreq := httptest.NewRequest(c.method, c.path, nil)
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: vreq,
				Route: &routers.Route{Spec: doc, Path: c.template, PathItem: item, Method: c.method, Operation: op}},
			Status: res.Status, Header: res.Header, Body: io.NopCloser(bytes.NewReader([]byte(res.Body))),
			Options: &openapi3filter.Options{IncludeResponseStatus: true},
		}
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("%s %s (%d): the response does not match the document: %v\n%.600s", c.method, c.path, res.Status, err, res.Body)
		}
	}
}

package api_test

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh/auth"
	"ansinh/collection"
	"ansinh/store"
	"ansinh/web/webtest"
)

// An employer's notices through the API: a payment at the amount bound is
// counted; payments stored before the bounds whose sum does not fit in an
// int64 get a reason, not a 500 (the balance uses checked addition).
func TestNoticesAmountBounds(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	ctx := context.Background()
	u, err := e.Auth.FindUserByLogin(ctx, webtest.LoginEmployerA)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := auth.IssueAPIToken(ctx, e.Auth, u.ID, "t", 0, "test")
	if err != nil {
		t.Fatal(err)
	}
	get := func() (int, string) {
		req := httptest.NewRequest("GET", "/api/v1/employers/"+webtest.TaxA+"/notices", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res := e.Client(t).Do(req)
		return res.Status, res.Body
	}
	pay := func(ref string, amount int64) {
		if _, err := e.DB.W.Exec(`INSERT INTO payments (ref, payer, amount, paid_on, channel) VALUES ($1, $2, $3, '2026-03-02', 'online')`,
			ref, webtest.TaxA, amount); err != nil {
			t.Fatal(err)
		}
	}
	pay("BIG", collection.MaxAmount)
	if status, body := get(); status != 200 || !strings.Contains(body, `"paid_since": 100000000`) {
		t.Fatalf("at the bound: %d %s", status, body)
	}
	pay("OLD-1", math.MaxInt64)
	status, body := get()
	if status != http.StatusBadRequest || !strings.Contains(body, "exceeds") && !strings.Contains(body, "vượt quá") {
		t.Fatalf("overflowing sum: %d %s", status, body)
	}
}

package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"ansinh/store"
	"ansinh/web"
	"ansinh/web/webtest"
)

// The largest int64, typed into the payment forms or sent by the gateway,
// is refused with a reason and records nothing; the bound itself is accepted.
func TestPaymentAmountBounds(t *testing.T) {
	for _, engine := range []store.Engine{store.SQLite} {
		e := webtest.New(t, engine, webtest.Options{})
		ctx := context.Background()
		for _, c := range []struct{ login, path string }{
			{webtest.LoginEmployerA, "/employer/pay"}, {webtest.LoginCitizen, "/me/pay"},
		} {
			cl := e.Client(t)
			cl.Login(c.login)
			for _, amount := range []string{"9.223.372.036.854.775.807", "9223372036854775807", "1.000.000.000.000.001", "99999999999999999999"} {
				res := cl.PostForm(c.path, url.Values{"amount": {amount}})
				if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "1.000.000.000.000.000") {
					t.Errorf("%s %s: %d %s", c.path, amount, res.Status, res.Header.Get("Location"))
				}
			}
			res := cl.PostForm(c.path, url.Values{"amount": {"1.000.000.000.000.000"}})
			if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/gateway/pay/") {
				t.Errorf("%s at the bound: %d", c.path, res.Status)
			}
		}
		var orders int64
		e.DB.R.QueryRow(`SELECT count(*) FROM payment_orders WHERE amount > 1000000000000000`).Scan(&orders)
		if orders != 0 {
			t.Fatalf("%d orders above the bound", orders)
		}
		cb := web.SignGatewayCallback(e.Secret, web.GatewayCallback{OrderID: "TT20260301DEADBEEF", Amount: math.MaxInt64, GatewayRef: "X"})
		body, _ := json.Marshal(cb)
		res := e.Client(t).Do(httptest.NewRequest(http.MethodPost, "/gateway/callback", bytes.NewReader(body)))
		if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "amount") {
			t.Fatalf("callback with the largest int64: %d %s", res.Status, res.Body)
		}
		if pays, _ := e.Collection.PaymentsOf(ctx, webtest.TaxA, 10); len(pays) > 0 && pays[0].Amount > 1_000_000_000_000_000 {
			t.Fatalf("payment recorded: %+v", pays[0])
		}
	}
}

// Payments stored before the bounds existed whose sum does not fit in an
// int64 make the employer's notices page answer with a reason, not a 500.
func TestBalanceOverflowIsNotAServerError(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	cl := e.Client(t)
	cl.Login(webtest.LoginEmployerA)
	for _, ref := range []string{"OLD-1", "OLD-2"} {
		if _, err := e.DB.W.Exec(`INSERT INTO payments (ref, payer, amount, paid_on, channel) VALUES ($1, $2, $3, '2026-03-02', 'online')`,
			ref, webtest.TaxA, int64(math.MaxInt64-1)); err != nil {
			t.Fatal(err)
		}
	}
	res := cl.Get("/employer/notices")
	if res.Status == http.StatusInternalServerError || res.Status == 200 || !strings.Contains(res.Body, "vượt quá giới hạn tính toán") {
		t.Fatalf("notices page: %d", res.Status)
	}
}

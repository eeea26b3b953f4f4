package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"ansinh/auth"
	"ansinh/store"
	"ansinh/web/webtest"
)

func TestCSRFIsRequiredOnEveryForm(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginEmployerA)
	good := c.CSRF
	for _, token := range []string{"", "wrong-token-wrong-token-wrong-token-x", webtest.Password} {
		// By hand: PostForm would fill an empty token in.
		req := httptest.NewRequest(http.MethodPost, "/employer/pay", strings.NewReader(url.Values{"amount": {"1000000"}, "csrf_token": {token}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res := c.Do(req)
		if res.Status != http.StatusForbidden || !strings.Contains(res.Body, "Phiên làm việc của biểu mẫu đã hết hạn") {
			t.Errorf("token %q: %d\n%.300s", token, res.Status, res.Body)
		}
	}
	if orders, _ := e.Collection.PaymentOrdersOf(context.Background(), webtest.TaxA, 10); len(orders) != 0 {
		t.Fatalf("an order was created without a valid token: %+v", orders)
	}
	// Another session's token does not work either.
	other := e.Client(t)
	other.Login(webtest.LoginEmployerA)
	if res := c.PostForm("/employer/pay", url.Values{"amount": {"1000000"}, "csrf_token": {other.CSRF}}); res.Status != http.StatusForbidden {
		t.Errorf("another session's token: %d", res.Status)
	}
	if res := c.PostForm("/employer/pay", url.Values{"amount": {"1000000"}, "csrf_token": {good}}); res.Status != http.StatusSeeOther {
		t.Errorf("the session's token: %d", res.Status)
	}
	// Before sign-in: the login form needs the anonymous token.
	anon := e.Client(t)
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"login": {webtest.LoginCitizen}, "password": {webtest.Password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res := anon.Do(req); res.Status != http.StatusForbidden {
		t.Errorf("login without a token: %d", res.Status)
	}
	// The API with a session needs the header; with a token it does not.
	req = httptest.NewRequest(http.MethodPost, "/api/v1/declarations", strings.NewReader(`{"lines":[]}`))
	req.Header.Set("Content-Type", "application/json")
	if res := c.Do(req); res.Status != http.StatusForbidden {
		t.Errorf("API POST with a session and no CSRF header: %d", res.Status)
	}
}

// TestLockoutCannotBeTurnedAgainstTheOwner: failures of one account from
// one address pause that account at that address only (growing delays):
// its owner, with the right password, signs in from another address at
// once. An address failing over many accounts is paused as a whole. Every
// lock is in the audit log.
func TestLockoutCannotBeTurnedAgainstTheOwner(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	try := func(cl *webtest.Client, login, password string) *webtest.Response {
		return cl.PostForm("/login", url.Values{"login": {login}, "password": {password}})
	}
	attacker := e.Client(t)
	attacker.RemoteAddr = "203.0.113.66:4000"
	attacker.Get("/login")
	for i := 1; i <= 3; i++ {
		if res := try(attacker, webtest.LoginCitizen, "sai-mat-khau-"+itoa(int64(i))); res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, "Sai tên đăng nhập hoặc mật khẩu") {
			t.Fatalf("failure %d: %d", i, res.Status)
		}
	}
	if res := try(attacker, webtest.LoginCitizen, "sai-mat-khau-4"); res.Status != http.StatusForbidden || !strings.Contains(res.Body, "tạm dừng") {
		t.Fatalf("4th failure: %d\n%s", res.Status, res.Body)
	}
	for i := 0; i < 20; i++ { // the attacker keeps trying: refused unchecked
		if res := try(attacker, webtest.LoginCitizen, webtest.Password); res.Status != http.StatusForbidden {
			t.Fatalf("the right password from the paused address: %d", res.Status)
		}
	}
	// The owner, from an address that has not failed, signs in at once.
	owner := e.Client(t)
	owner.RemoteAddr = "198.51.100.7:4000"
	owner.Get("/login")
	if res := try(owner, webtest.LoginCitizen, webtest.Password); res.Status != http.StatusSeeOther {
		t.Fatalf("the owner from another address: %d\n%s", res.Status, res.Body)
	}
	audit, _, err := e.Auth.ListAudit(context.Background(), auth.AuditFilter{Object: "user:" + webtest.LoginCitizen, Action: "signin.lock.account_address"})
	if err != nil || len(audit) != 1 || !strings.Contains(audit[0].Detail, "address=203.0.113.66") {
		t.Fatalf("the lock is not audited: %+v %v", audit, err)
	}
	// A minute later the attacker's address may try again.
	clock := e.DB.Now
	e.DB.Now = func() time.Time { return clock().Add(time.Minute) }
	again := e.Client(t)
	again.RemoteAddr = "203.0.113.66:4001"
	again.Get("/login")
	if res := try(again, webtest.LoginCitizen, webtest.Password); res.Status != http.StatusSeeOther {
		t.Fatalf("after the pause: %d", res.Status)
	}

	// Per address: 30 failures from one address over several logins pause
	// the address for every account; other addresses are not affected.
	e2 := webtest.New(t, store.SQLite, webtest.Options{})
	c3 := e2.Client(t)
	c3.RemoteAddr = "203.0.113.9:5000"
	c3.Get("/login")
	for i := 0; i < 30; i++ {
		try(c3, "khong-co-"+itoa(int64(i%10)), "sai")
	}
	if res := try(c3, webtest.LoginLeadership, webtest.Password); res.Status != http.StatusForbidden {
		t.Fatalf("a paused address signs in: %d", res.Status)
	}
	if audit, _, _ := e2.Auth.ListAudit(context.Background(), auth.AuditFilter{Object: "ip:203.0.113.9", Action: "signin.lock.address"}); len(audit) != 1 {
		t.Fatalf("the address lock is not audited once: %+v", audit)
	}
	c4 := e2.Client(t)
	c4.Login(webtest.LoginLeadership) // from another address: fine
}

func TestSessionCookieFlags(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Get("/login")
	res := c.PostForm("/login", url.Values{"login": {webtest.LoginProvince}, "password": {webtest.Password}})
	var sess *http.Cookie
	for _, ck := range (&http.Response{Header: res.Header}).Cookies() {
		if ck.Name == "__Host-ansinh_session" {
			sess = ck
		}
	}
	if sess == nil {
		t.Fatalf("no session cookie: %v", res.Header["Set-Cookie"])
	}
	if !sess.Secure || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" || sess.Domain != "" {
		t.Fatalf("session cookie = %+v", sess)
	}
	if len(sess.Value) < 43 {
		t.Fatalf("session token too short: %q", sess.Value)
	}
	// Only the token's hash is stored.
	var n int
	e.DB.R.QueryRow(`SELECT count(*) FROM sessions WHERE token_hash = $1`, sess.Value).Scan(&n)
	if n != 0 {
		t.Fatal("the session token is stored in clear")
	}
	// Sign-out ends the session server-side.
	c.Get("/dashboard")
	c.PostForm("/logout", nil)
	req := httptest.NewRequest(http.MethodGet, "/dashboard", nil)
	req.AddCookie(sess)
	rec := httptest.NewRecorder()
	e.Handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("the old cookie after sign-out: %d", rec.Code)
	}
	if !e.Server.Sessions().Secure || e.Server.Sessions().CookieName() != "__Host-ansinh_session" {
		t.Fatal("sessions not secure")
	}
	plain := &auth.Sessions{Secure: false}
	if plain.CookieName() != "ansinh_session" {
		t.Fatal("plain-HTTP cookie name")
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	for _, path := range []string{"/", "/login", "/no-such-page", "/api/v1/me", "/api/openapi.json", "/static/app.css"} {
		res := c.Get(path)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") ||
			!strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "style-src 'self'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		for name, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
			"Referrer-Policy": "same-origin", "Strict-Transport-Security": "max-age=31536000"} {
			if h.Get(name) != want {
				t.Errorf("%s: %s = %q", path, name, h.Get(name))
			}
		}
	}
	// No inline script nor inline style in any page the templates make.
	cl := e.Client(t)
	cl.Login(webtest.LoginProvince)
	for _, path := range []string{"/", "/login", "/dashboard", "/search?q=Nguy", "/employers/" + webtest.TaxA, "/users", "/audit", "/imports"} {
		body := cl.Get(path).Body
		if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, " onclick=") || strings.Contains(body, "<style") {
			t.Errorf("%s has inline script or style", path)
		}
	}
}

func TestInternalErrorsAreNotShown(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginEmployerA)
	// Break the table the page reads.
	if _, err := e.DB.W.Exec(`ALTER TABLE declarations RENAME TO declarations_gone`); err != nil {
		t.Fatal(err)
	}
	res := c.Get("/employer/declarations")
	if res.Status != http.StatusInternalServerError || !strings.Contains(res.Body, "Lỗi hệ thống") {
		t.Fatalf("status %d\n%s", res.Status, res.Body)
	}
	for _, leak := range []string{"declarations", "no such table", "SQL", "sqlite", "SELECT"} {
		if strings.Contains(strings.ToLower(res.Body), strings.ToLower(leak)) && leak != "declarations" {
			t.Errorf("the error page shows %q", leak)
		}
	}
	if strings.Contains(res.Body, "no such table") {
		t.Error("the error page shows the database's message")
	}
	if !strings.Contains(e.Log.String(), "no such table") {
		t.Errorf("the internal error was not logged:\n%s", e.Log.String())
	}
	// The API says "internal" and nothing more.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/employers/"+webtest.TaxA, nil)
	e.DB.R.Close() // every query now fails
	res = c.Do(req)
	if res.Status != http.StatusInternalServerError || strings.Contains(res.Body, "closed") || !strings.Contains(res.Body, `"code": "internal"`) && !strings.Contains(res.Body, `"code":"internal"`) {
		t.Fatalf("API internal error: %d %s", res.Status, res.Body)
	}
}

func TestAPIRefusesAnonymousAndBadTokens(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	res := c.Get("/api/v1/persons/" + webtest.Citizen)
	if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, `"unauthorized"`) || res.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("anonymous: %d %s", res.Status, res.Body)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer ans_not-a-real-token")
	if res := c.Do(req); res.Status != http.StatusUnauthorized {
		t.Fatalf("bad token: %d", res.Status)
	}
	// A disabled account's token stops working.
	u, _ := e.Auth.FindUserByLogin(context.Background(), webtest.LoginPartner)
	token, _ := auth.IssueAPIToken(context.Background(), e.Auth, u.ID, "t", 0, "test")
	req = httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if res := c.Do(req); res.Status != http.StatusOK {
		t.Fatalf("good token: %d", res.Status)
	}
	e.Auth.SetUserStatus(context.Background(), u.ID, auth.UserDisabled, "test")
	req = httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if res := c.Do(req); res.Status != http.StatusUnauthorized {
		t.Fatalf("disabled account's token: %d", res.Status)
	}
}

func TestReadsOfPersonalDataAreAudited(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{})
	c := e.Client(t)
	c.Login(webtest.LoginUnitA)
	c.Get("/persons/" + webtest.WorkersA[0])
	c.Get("/employers/" + webtest.TaxA)
	apiGet(t, e, webtest.LoginEmployerA, "/api/v1/employers/"+webtest.TaxA+"/workers")
	ctx := context.Background()
	for _, f := range []store.AuditFilter{
		{Actor: "user:" + webtest.LoginUnitA, Action: "person.read", Object: "person:" + webtest.WorkersA[0]},
		{Actor: "user:" + webtest.LoginUnitA, Action: "employer.workers.read", Object: "employer:" + webtest.TaxA},
		{Actor: "user:" + webtest.LoginEmployerA, Action: "employer.workers.read", Object: "employer:" + webtest.TaxA},
		{Actor: "user:" + webtest.LoginUnitA, Action: "session.start"},
	} {
		if got, _, err := e.DB.ListAudit(ctx, f); err != nil || len(got) != 1 {
			t.Errorf("audit %+v: %d entries, %v", f, len(got), err)
		}
	}
	// The province officer reads the log; a unit officer may not.
	p := e.Client(t)
	p.Login(webtest.LoginProvince)
	res := p.Get("/audit?action=person.read")
	if res.Status != 200 || !strings.Contains(res.Body, "person:"+webtest.WorkersA[0]) {
		t.Fatalf("audit page: %d", res.Status)
	}
	if res := c.Get("/audit"); res.Status != http.StatusForbidden {
		t.Fatalf("unit officer on /audit: %d", res.Status)
	}
}

package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ansinh/store"
	"ansinh/web"
	"ansinh/web/webtest"

	"github.com/chromedp/chromedp"
)

// TestBrowserMetrics: after a journey in the browser (home, sign-in, the
// dashboard, a missing person), /metrics read from the same browser on the
// loopback address counts the requests by route pattern and status, never
// by raw path; /healthz and /readyz answer.
func TestBrowserMetrics(t *testing.T) {
	b := newBrowserEnv(t)
	ctx := b.tab(t)
	var body string
	run(t, ctx,
		chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.CSS(`.hero`)),
		b.login(webtest.LoginProvince),
		chromedp.Navigate(b.base+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`nav.main`)),
		chromedp.Navigate(b.base+"/persons/000000000000"), chromedp.WaitVisible(chromedp.CSS(`nav.main`)),
		chromedp.Navigate(b.base+"/metrics"), scrape(&body),
	)
	for _, want := range []string{
		`ansinh_http_requests_total{code="200",method="GET",route="GET /{$}"}`,
		`ansinh_http_requests_total{code="303",method="POST",route="POST /login"}`,
		`ansinh_http_requests_total{code="200",method="GET",route="GET /dashboard"}`,
		`ansinh_http_requests_total{code="404",method="GET",route="GET /persons/{id}"}`,
		`ansinh_http_request_duration_seconds_bucket{route="GET /dashboard",le="+Inf"}`,
		`ansinh_signins_total{result="success"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "/persons/000000000000") {
		t.Error("/metrics labels a request by its raw path")
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		res, err := http.Get(b.base + path)
		if err != nil {
			t.Fatal(err)
		}
		text, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", path, res.StatusCode, text)
		}
	}
}

// scrape reads the page's body text into s.
func scrape(s *string) step {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := chromedp.Text(chromedp.CSS("body"))(ctx, t)
		*s = v
		return chromedp.Void{}, err
	}
}

// TestMetricsAccess: /metrics answers a loopback caller and is "not found"
// for any other address; /healthz answers everyone.
func TestMetricsAccess(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Insecure: true})
	cases := []struct {
		path, remote string
		want         int
	}{
		{"/metrics", "127.0.0.1:5000", http.StatusOK},
		{"/metrics", "[::1]:5000", http.StatusOK},
		{"/metrics", "192.0.2.7:5000", http.StatusNotFound},
		{"/healthz", "192.0.2.7:5000", http.StatusOK},
		{"/readyz", "192.0.2.7:5000", http.StatusOK},
	}
	for _, c := range cases {
		req := httptest.NewRequest("GET", c.path, nil)
		req.RemoteAddr = c.remote
		rec := httptest.NewRecorder()
		e.Handler.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("%s from %s: %d, want %d", c.path, c.remote, rec.Code, c.want)
		}
	}
}

// TestMetricsToken: with a token configured, a remote scraper that sends
// it reads /metrics and one that sends another does not; behind a proxy a
// loopback caller needs the token too.
func TestMetricsToken(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Insecure: true})
	srv, err := web.New(web.Config{Ready: e.DB, Auth: e.Auth, Plan: e.Plan, Indicators: e.Indicators, Close: e.Close, Registry: e.Registry, Collection: e.Collection, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		MetricsToken: "metrics-token-for-tests", TrustProxy: true, NoWarm: true})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	cases := []struct {
		remote, auth string
		want         int
	}{
		{"192.0.2.7:5000", "Bearer metrics-token-for-tests", http.StatusOK},
		{"192.0.2.7:5000", "Bearer wrong", http.StatusNotFound},
		{"192.0.2.7:5000", "", http.StatusNotFound},
		{"127.0.0.1:5000", "", http.StatusNotFound},
	}
	for _, c := range cases {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = c.remote
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("from %s with %q: %d, want %d", c.remote, c.auth, rec.Code, c.want)
		}
	}
}

// notReady is storage that is not ready to serve.
type notReady struct{}

func (notReady) Ready(context.Context) error { return errors.New("schema is behind") }

// TestReadyzAsksTheStorage: /readyz answers 503 while Config.Ready says
// the storage is not ready, and /healthz (liveness) still answers 200.
func TestReadyzAsksTheStorage(t *testing.T) {
	e := webtest.New(t, store.SQLite, webtest.Options{Insecure: true})
	srv, err := web.New(web.Config{Ready: notReady{}, Auth: e.Auth, Plan: e.Plan, Indicators: e.Indicators, Registry: e.Registry, Collection: e.Collection, Close: e.Close,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), NoWarm: true})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/readyz": http.StatusServiceUnavailable, "/healthz": http.StatusOK} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d, want %d", path, rec.Code, want)
		}
	}
}

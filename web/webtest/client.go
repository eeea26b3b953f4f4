package webtest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// Client drives the server in process, keeping cookies like a browser and
// adding the CSRF token to the forms it posts.
type Client struct {
	tb      testing.TB
	h       http.Handler
	cookies map[string]*http.Cookie
	// CSRF is the token of the client's session (or of its anonymous
	// cookie before sign-in), read from the last page that had a form.
	CSRF string
	// RemoteAddr is the client's address ("192.0.2.1:1234" by default).
	RemoteAddr string
}

// Response is a response read whole.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Client returns a new anonymous client.
func (e *Env) Client(tb testing.TB) *Client {
	return &Client{tb: tb, h: e.Handler, cookies: map[string]*http.Cookie{}, RemoteAddr: "192.0.2.1:1234"}
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// Do sends a request, keeps the cookies it sets and the CSRF token of its
// page.
func (c *Client) Do(req *http.Request) *Response {
	c.tb.Helper()
	req.RemoteAddr = c.RemoteAddr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	if m := csrfRE.FindSubmatch(body); m != nil {
		c.CSRF = string(m[1])
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: string(body)}
}

// Get fetches a path.
func (c *Client) Get(path string) *Response {
	c.tb.Helper()
	return c.Do(httptest.NewRequest(http.MethodGet, path, nil))
}

// PostForm posts a form with the client's CSRF token.
func (c *Client) PostForm(path string, form url.Values) *Response {
	c.tb.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", c.CSRF)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// Cookie returns the cookie the client holds by name, or nil.
func (c *Client) Cookie(name string) *http.Cookie { return c.cookies[name] }

// Login signs in with the seeded password and loads the role's first page
// (for its CSRF token); it fails the test when sign-in fails.
func (c *Client) Login(login string) {
	c.tb.Helper()
	c.Get("/login")
	res := c.PostForm("/login", url.Values{"login": {login}, "password": {Password}})
	if res.Status != http.StatusSeeOther {
		c.tb.Fatalf("login %s: status %d\n%s", login, res.Status, res.Body)
	}
	home := res.Header.Get("Location")
	if r := c.Get(home); r.Status != http.StatusOK {
		c.tb.Fatalf("login %s: home %s: status %d\n%s", login, home, r.Status, r.Body)
	}
}

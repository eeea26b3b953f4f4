package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// Pages renders the guard's answers to browsers; the JSON API's routes
// (under /api/) are answered in JSON instead.
type Pages interface {
	// SignIn sends the browser to the sign-in page, to come back to r.
	SignIn(w http.ResponseWriter, r *http.Request)
	// Error renders the error page for err, with HTTPStatus(err).
	Error(w http.ResponseWriter, r *http.Request, err error)
}

// Guard is the middleware every request passes through (see the package
// comment for its steps).
type Guard struct {
	Router   *Router
	Policy   Policy
	Sessions *Sessions
	// Store finds the API tokens.
	Store Store
	Log   *slog.Logger
	Pages Pages
	// MaxBody bounds request bodies (0: 256 MiB, for uploaded files).
	MaxBody int64
	// TrustProxy takes the client's address from the last entry of
	// X-Forwarded-For (set it only behind a reverse proxy that sets it).
	TrustProxy bool
}

// CSRFField is the name of the form field that carries the CSRF token;
// CSRFHeader the header that may carry it instead (scripts).
const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// anonCSRFCookie names the double-submit cookie of anonymous forms.
func (g *Guard) anonCSRFCookie() string {
	if g.Sessions.Secure {
		return "__Host-ansinh_csrf"
	}
	return "ansinh_csrf"
}

// ServeHTTP guards one request.
func (g *Guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &StatusWriter{ResponseWriter: w}
	g.setHeaders(sw)
	ctx := context.WithValue(r.Context(), clientIPKey{}, g.clientIP(r))
	r = r.WithContext(ctx)
	pattern := g.Router.match(r)
	var p *Principal
	defer func() {
		if v := recover(); v != nil {
			g.Log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if sw.status == 0 {
				g.fail(sw, r, ErrInternal)
			}
		}
		g.Log.Info("request", "method", r.Method, "route", pattern, "path", r.URL.Path, "status", sw.Code(),
			"user", p.Actor(), "ms", time.Since(start).Milliseconds())
	}()
	if pattern == "" {
		g.Router.ServeHTTP(sw, r) // a redirect to the canonical path, or 405
		return
	}
	access, ok := g.Policy[pattern]
	if !ok {
		g.Log.Error("route without a rule in the policy: refused", "route", pattern)
		g.fail(sw, r, ErrNotAllowed)
		return
	}
	p, err := g.identify(ctx, r)
	if errors.Is(err, errBadToken) {
		sw.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		WriteJSONError(sw, ErrSignInRequired)
		return
	}
	if err != nil {
		g.Log.Error("identify caller", "err", err)
		g.fail(sw, r, ErrInternal)
		return
	}
	var role Role
	if p != nil {
		role = p.Role
	}
	if !access.Allows(role) {
		switch {
		case p != nil:
			g.fail(sw, r, ErrNotAllowed)
		case isAPI(r) || g.Pages == nil:
			sw.Header().Set("WWW-Authenticate", `Bearer realm="ansinh"`)
			WriteJSONError(sw, ErrSignInRequired)
		case r.Method == http.MethodGet || r.Method == http.MethodHead:
			g.Pages.SignIn(sw, r)
		default:
			g.Pages.Error(sw, r, ErrSignInRequired)
		}
		return
	}
	if p == nil {
		ctx = context.WithValue(ctx, anonCSRFKey{}, g.anonToken(sw, r))
	} else {
		ctx = WithPrincipal(ctx, p)
	}
	r = r.WithContext(ctx)
	if needsCSRF(r) && !access.NoCSRF && (p == nil || !p.ViaToken) {
		max := g.MaxBody
		if max <= 0 {
			max = 256 << 20
		}
		body := &limitedBody{ReadCloser: http.MaxBytesReader(sw, r.Body, max)}
		r.Body = body
		if r.ContentLength > max {
			g.fail(sw, r, ErrTooLarge)
			return
		}
		if !sameToken(g.submittedCSRF(r), CSRFToken(ctx)) {
			if body.over {
				// The form was cut at the limit: its token may be
				// missing, but the reason is the size.
				g.fail(sw, r, ErrTooLarge)
				return
			}
			g.fail(sw, r, ErrBadCSRF)
			return
		}
	}
	g.Router.ServeHTTP(sw, r)
}

// identify returns the caller: an API bearer token if the request has an
// Authorization header, else the session cookie; nil when anonymous.
func (g *Guard) identify(ctx context.Context, r *http.Request) (*Principal, error) {
	if r.Header.Get("Authorization") != "" {
		return bearer(ctx, g.Store, r)
	}
	return g.Sessions.Load(ctx, r)
}

// anonToken returns the anonymous caller's CSRF token, setting its cookie
// when the browser has none.
func (g *Guard) anonToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(g.anonCSRFCookie()); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	t := newToken()
	http.SetCookie(w, &http.Cookie{Name: g.anonCSRFCookie(), Value: t, Path: "/", HttpOnly: true,
		Secure: g.Sessions.Secure, SameSite: http.SameSiteStrictMode})
	return t
}

// submittedCSRF returns the CSRF token the request carries: its header, or
// its form field (the form is parsed, multipart included).
func (g *Guard) submittedCSRF(r *http.Request) string {
	if t := r.Header.Get(CSRFHeader); t != "" {
		return t
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			return ""
		}
	}
	return r.PostFormValue(CSRFField)
}

// limitedBody is a request body cut at the size limit that remembers having
// been cut.
type limitedBody struct {
	io.ReadCloser
	over bool
}

// Read reads the body and notes the limit reached.
func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		b.over = true
	}
	return n, err
}

func needsCSRF(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// fail answers with an error: JSON on the API, the error page elsewhere.
func (g *Guard) fail(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) || g.Pages == nil {
		WriteJSONError(w, err)
		return
	}
	g.Pages.Error(w, r, err)
}

// ContentSecurityPolicy allows scripts, styles and images from the site
// only: no inline script, no framing, forms posted to the site only.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

func (g *Guard) setHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	h.Set("Cache-Control", "no-store")
	if g.Sessions.Secure {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

type clientIPKey struct{}

// ClientIP returns the address of the request's client, as the guard saw
// it.
func ClientIP(ctx context.Context) string {
	s, _ := ctx.Value(clientIPKey{}).(string)
	return s
}

func (g *Guard) clientIP(r *http.Request) string {
	if g.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			parts := strings.Split(f, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// StatusWriter remembers the status a handler wrote, for the request log
// and the metrics.
type StatusWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader remembers the first status.
func (w *StatusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write writes the body (status 200 unless one was written).
func (w *StatusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Code returns the status written (200 when none was).
func (w *StatusWriter) Code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *StatusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/auth"
)

//go:embed templates
var templateFS embed.FS

// pageNames lists the pages, each a file templates/pages/NAME.html that
// defines "content". parseTemplates refuses a page without a file and a
// file without a page.
var pageNames = []string{
	"home", "login", "register", "error",
	"dashboard", "search", "person", "employer", "imports", "audit", "users",
	"agent", "arrears", "targets", "plan", "plan_task", "reports", "findings", "cases", "case",
	"employer_home", "employer_workers", "employer_notices", "declarations", "declaration_new", "declaration",
	"pay", "gateway", "payment", "procedures", "survey",
	"citizen_home", "voluntary",
	"projection",
}

// Languages are the languages of the pages; the first is the default.
var Languages = []string{"vi", "en"}

// templates holds every page parsed, per language.
type templates struct {
	pages map[string]map[string]*template.Template // lang → page → template
}

// parseTemplates parses the layout and partials once, then each page on a
// clone of them, then binds each clone to the catalogue of each language.
func parseTemplates() (*templates, error) {
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	var onDisk []string
	for _, f := range files {
		onDisk = append(onDisk, strings.TrimSuffix(path.Base(f), ".html"))
	}
	want := slices.Sorted(slices.Values(pageNames))
	slices.Sort(onDisk)
	if !slices.Equal(want, onDisk) {
		return nil, fmt.Errorf("web: page list %v and page files %v differ", want, onDisk)
	}
	base, err := template.New("layout").Funcs(funcs("vi")).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]map[string]*template.Template{}}
	for _, lang := range Languages {
		t.pages[lang] = map[string]*template.Template{}
	}
	for _, name := range pageNames {
		page, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := page.ParseFS(templateFS, "templates/pages/"+name+".html"); err != nil {
			return nil, err
		}
		for _, lang := range Languages {
			c, err := page.Clone()
			if err != nil {
				return nil, err
			}
			t.pages[lang][name] = c.Funcs(funcs(lang))
		}
	}
	return t, nil
}

// Page is what every page's data starts with: the language, the caller and
// the layout's needs.
type Page struct {
	Lang      string
	Title     string // a catalogue key
	User      *auth.Principal
	CSRF      string
	Nav       []NavItem
	Path      string
	OtherLang string // the language the switch goes to
	SwitchURL string // this page in the other language
	Flash     string // a message at the top of the page (already translated)
	Error     string // an error at the top of the page (already translated)
}

// NavItem is one entry of the navigation bar.
type NavItem struct {
	Label   string // catalogue key
	URL     string
	Current bool
}

// base returns the page's own data.
func (p *Page) base() *Page { return p }

// pageData is any page's typed data.
type pageData interface{ base() *Page }

// langOf returns the request's language: ?lang=, then the lang cookie, then
// Vietnamese.
func langOf(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(Languages, l) {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && slices.Contains(Languages, c.Value) {
		return c.Value
	}
	return Languages[0]
}

// page returns the base data of a page for the request, and remembers a
// language chosen with ?lang= in a cookie.
func (s *Server) page(w http.ResponseWriter, r *http.Request, title string) Page {
	lang := langOf(r)
	if q := r.URL.Query().Get("lang"); q == lang {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
			Secure: s.cfg.Secure, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	p := Page{Lang: lang, Title: title, User: auth.From(r.Context()), CSRF: auth.CSRFToken(r.Context()), Path: r.URL.Path}
	p.OtherLang = "en"
	if lang == "en" {
		p.OtherLang = "vi"
	}
	q := r.URL.Query()
	q.Set("lang", p.OtherLang)
	p.SwitchURL = (&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()
	p.Nav = navFor(p.User, r.URL.Path)
	return p
}

// render writes a page with the status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	lang := data.base().Lang
	t := s.tmpl.pages[lang][name]
	if t == nil {
		s.log.Error("unknown page", "page", name)
		http.Error(w, ansinh.ErrorMessage(nil, lang), http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(ansinh.ErrorMessage(err, lang)))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// renderBlock executes one block of a page's templates (not the layout)
// with data, in a language.
func (s *Server) renderBlock(lang, page, block string, data any) ([]byte, error) {
	t := s.tmpl.pages[lang][page]
	if t == nil {
		return nil, fmt.Errorf("web: unknown page %s", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, block, data); err != nil {
		return nil, fmt.Errorf("web: render %s/%s: %w", page, block, err)
	}
	return buf.Bytes(), nil
}

// bodyCache keeps rendered page content by key for dashboardTTL (the
// dashboard's, which is the same for every caller of a scope and query).
type bodyCache struct {
	mu      sync.Mutex
	entries map[string]bodyEntry
}

type bodyEntry struct {
	body []byte
	at   time.Time
}

// get returns the content of key, rendering it with make when absent or
// older than dashboardTTL.
func (c *bodyCache) get(key string, now time.Time, make func() ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < dashboardTTL {
		return e.body, nil
	}
	b, err := make()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= 500 {
		c.entries = map[string]bodyEntry{}
	}
	c.entries[key] = bodyEntry{body: b, at: now}
	c.mu.Unlock()
	return b, nil
}

// forget empties the cache.
func (c *bodyCache) forget() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}

// errorPage is the data of the error page.
type errorPage struct {
	Page
	Status  int
	Message string
}

// fail renders the error page for err: its safe message and status. An
// internal error is logged with the request and shown as "Lỗi hệ thống".
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := auth.HTTPStatus(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "user", auth.From(r.Context()).Actor(), "err", err)
	}
	p := s.page(w, r, "error.title")
	s.render(w, r, status, "error", &errorPage{Page: p, Status: status, Message: ansinh.ErrorMessage(err, p.Lang)})
}

// redirect answers a form with "see other".
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// guardPages lets the guard render its refusals as pages.
type guardPages struct{ s *Server }

// SignIn sends the browser to the sign-in page, to come back afterwards.
func (g guardPages) SignIn(w http.ResponseWriter, r *http.Request) {
	redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()))
}

// Error renders the error page.
func (g guardPages) Error(w http.ResponseWriter, r *http.Request, err error) { g.s.fail(w, r, err) }

// navFor returns the navigation of a role.
func navFor(p *auth.Principal, current string) []NavItem {
	var items []NavItem
	add := func(label, url string) { items = append(items, NavItem{Label: label, URL: url}) }
	if p == nil {
		return nil
	}
	defer func() {
		// The current entry is the longest one the path is in.
		best := -1
		for i, it := range items {
			if (current == it.URL || strings.HasPrefix(current, it.URL+"/")) && (best < 0 || len(it.URL) > len(items[best].URL)) {
				best = i
			}
		}
		if best >= 0 {
			items[best].Current = true
		}
	}()
	switch p.Role {
	case auth.ProvinceOfficer:
		add("nav.dashboard", "/dashboard")
		add("nav.search", "/search")
		add("nav.arrears", "/arrears")
		add("nav.cases", "/cases")
		add("nav.findings", "/findings")
		add("nav.targets", "/targets")
		add("nav.plan", "/plan")
		add("nav.reports", "/reports")
		add("nav.projection", "/projection")
		add("nav.imports", "/imports")
		add("nav.users", "/users")
		add("nav.audit", "/audit")
		add("nav.claims", "/claims")
		add("nav.payroll", "/payroll")
	case auth.Leadership:
		add("nav.dashboard", "/dashboard")
		add("nav.search", "/search")
		add("nav.arrears", "/arrears")
		add("nav.cases", "/cases")
		add("nav.targets", "/targets")
		add("nav.plan", "/plan")
		add("nav.reports", "/reports")
		add("nav.projection", "/projection")
		add("nav.claims", "/claims")
		add("nav.payroll", "/payroll")
	case auth.UnitOfficer:
		add("nav.dashboard", "/dashboard")
		add("nav.search", "/search")
		add("nav.arrears", "/arrears")
		add("nav.cases", "/cases")
		add("nav.findings", "/findings")
		add("nav.plan", "/plan")
		add("nav.claims", "/claims")
	case auth.Inspector:
		add("nav.inspector", "/inspector")
		add("nav.findings", "/findings")
		add("nav.search", "/search")
	case auth.Agent:
		add("nav.agent", "/agent")
		add("nav.search", "/search")
	case auth.Partner:
		add("nav.partner", "/partner")
		add("nav.findings", "/findings")
	case auth.Employer:
		add("nav.employer_home", "/employer")
		add("nav.notices", "/employer/notices")
		add("nav.workers", "/employer/workers")
		add("nav.declarations", "/employer/declarations")
		add("nav.pay", "/employer/pay")
		add("nav.procedures", "/procedures")
	case auth.Citizen:
		add("nav.citizen_home", "/me")
		add("nav.voluntary", "/me/voluntary")
		add("nav.pay", "/me/pay")
		add("nav.procedures", "/procedures")
		add("nav.my_claims", "/me/claims")
	}
	return items
}

// homeOf returns the first page of a role.
func homeOf(p *auth.Principal) string {
	if p == nil {
		return "/login"
	}
	switch p.Role {
	case auth.ProvinceOfficer, auth.UnitOfficer, auth.Leadership:
		return "/dashboard"
	case auth.Inspector:
		return "/inspector"
	case auth.Agent:
		return "/agent"
	case auth.Partner:
		return "/partner"
	case auth.Employer:
		return "/employer"
	case auth.Citizen:
		return "/me"
	}
	return "/"
}

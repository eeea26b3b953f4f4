package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"ansinh/auth"
	"ansinh/benefits"
	"ansinh/collection"
	"ansinh/compliance"
	"ansinh/importer"
	"ansinh/indicators/report"
	"ansinh/metrics"
	"ansinh/plan"
	"ansinh/registry"
	"ansinh/rules"
)

// Config is what the web console needs; Ready and Log are required.
type Config struct {
	// Ready answers the readiness check (/readyz): the database does.
	Ready Readiness
	// ImportRuns lists the import runs the upload pages show
	// (store/importdb); nil lists none.
	ImportRuns importer.RunLister
	// Log receives the server's log.
	Log *slog.Logger
	// Auth keeps the accounts, sessions, tokens, sign-in attempts and the
	// audit log (store/authdb, wired by cmd); required.
	Auth auth.Store
	// Plan keeps the plan's tasks and progress reports (store/plandb,
	// wired by cmd); required.
	Plan plan.Store
	// Indicators keeps the indicators' runs, facts, units, targets,
	// allocations and the dashboard's counts (store/indicatorsdb, wired by
	// cmd); required.
	Indicators IndicatorStore
	// Close keeps the monthly close's books (store/collectiondb, wired by
	// cmd); required.
	Close collection.CloseStore
	// Registry is the registry's service (required).
	Registry *registry.Service
	// Secure marks cookies Secure; turn it off only for plain HTTP on
	// localhost.
	Secure bool
	// TrustProxy takes the client's address from X-Forwarded-For.
	TrustProxy bool
	// Calc computes contributions, voluntary support and pensions; nil
	// leaves those figures out.
	Calc Calculator
	// Import runs uploaded files through the importer; nil refuses uploads.
	Import ImportFunc
	// GatewaySecret signs the payment gateway's callbacks; nil: a random
	// key for this process.
	GatewaySecret []byte
	// EmployerSections add sections to the employer page after its own
	// (DefaultEmployerSections: notices, arrears, findings).
	EmployerSections []SectionSource
	// Params are the legal parameters of the printed notices (nil:
	// rules.Default()).
	Params *rules.Params
	// Benefits runs claims and the payroll; nil answers their pages "not
	// found".
	Benefits *benefits.Service
	// Mount adds other route sets (the JSON API) behind the same guard.
	Mount []func(*auth.Router)
	// Limits bound sign-in failures (zero: auth.DefaultLimits).
	Limits auth.Limits
	// PasswordCost is the bcrypt cost of new passwords (0: auth.DefaultCost).
	PasswordCost int
	// Report gives the Standing Committee report its sources (the stored
	// indicators, arrears, compliance, the plan's tasks); without
	// Report.Indicators the report and plan pages refuse.
	Report report.Sources
	// Now is the clock (nil: Auth's clock, the database's).
	Now func() time.Time
	// MetricsToken, when set, lets a scraper that sends it as a bearer
	// token read /metrics from any address; without it (or without the
	// token) only loopback callers may, and none when TrustProxy is on
	// (behind a proxy every caller looks local).
	MetricsToken string
	// Compliance is the compliance service: findings, cases, matches
	// (required).
	Compliance *compliance.Service
	// Collection keeps the payment orders, payments, notices and arrears
	// (store/collectiondb, wired by cmd); required.
	Collection collection.Store
	// Projection runs the fund projection's scenarios; nil: the page says
	// it is not configured.
	Projection Projector
	// NoWarm skips computing the dashboard's figures in the background at
	// start (Server.Warm): for tests, which want no work they did not ask
	// for.
	NoWarm bool
}

// Readiness is whether the storage is ready to serve: it answers and its
// schema is current.
type Readiness interface {
	Ready(ctx context.Context) error
}

// Server is the web console, the portals and whatever is mounted beside
// them, behind one guard.
type Server struct {
	cfg      Config
	reg      *registry.Service
	log      *slog.Logger
	tmpl     *templates
	router   *auth.Router
	guard    *auth.Guard
	policy   auth.Policy
	sessions *auth.Sessions
	accounts auth.Store
	plans    plan.Store
	authn    *auth.Authenticator
	scoper   *auth.Scoper
	sections []SectionSource
	secret   []byte
	dash     dashboardCache
	inds     indicatorCache
	body     bodyCache
	// unitNameCache keeps the units' names (unitNames).
	unitNameCache unitNameCache
	// planOnce guards planSeeded: the plan's tasks are seeded once per
	// process.
	planOnce   sync.Mutex
	planSeeded bool
	// comp is the compliance service (Config.Compliance).
	comp *compliance.Service
	// coll is the collection's storage (Config.Collection).
	coll collection.Store
}

// New builds the server: it parses the templates (failing when a page file
// and the page list disagree) and registers the routes.
func New(cfg Config) (*Server, error) {
	if cfg.Ready == nil || cfg.Log == nil || cfg.Auth == nil || cfg.Plan == nil {
		return nil, errors.New("web: Config needs Ready, Log, Auth and Plan")
	}
	if cfg.Registry == nil {
		return nil, errors.New("web: Config needs Registry")
	}
	if cfg.Indicators == nil {
		return nil, errors.New("web: Config needs Indicators")
	}
	if cfg.Collection == nil {
		return nil, errors.New("web: Config needs Collection")
	}
	if cfg.Close == nil {
		return nil, errors.New("web: Config needs Close")
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Log, tmpl: t, router: auth.NewRouter(), policy: auth.DefaultPolicy()}
	s.reg = cfg.Registry
	s.secret = cfg.GatewaySecret
	if len(s.secret) == 0 {
		s.secret = make([]byte, 32)
		rand.Read(s.secret)
	}
	s.accounts, s.plans = cfg.Auth, cfg.Plan
	s.sessions = &auth.Sessions{Store: cfg.Auth, Secure: cfg.Secure}
	s.authn = &auth.Authenticator{Store: cfg.Auth, Limits: cfg.Limits, Cost: cfg.PasswordCost, OnLock: metrics.Lockout}
	s.scoper = &auth.Scoper{DB: cfg.Registry, Now: s.now}
	s.sections = cfg.EmployerSections
	s.comp = cfg.Compliance
	s.coll = cfg.Collection
	s.routes()
	for _, m := range cfg.Mount {
		m(s.router)
	}
	s.guard = &auth.Guard{Router: s.router, Policy: s.policy, Sessions: s.sessions, Store: cfg.Auth, Log: cfg.Log,
		Pages: guardPages{s}, TrustProxy: cfg.TrustProxy}
	if !cfg.NoWarm {
		go s.Warm(context.Background())
	}
	return s, nil
}

// Handler returns the handler of every route: the health and metrics
// endpoints, then everything else behind the guard, each request counted
// by its route pattern and status (package metrics).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", s.metricsAccess(promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{})))
	mux.Handle("/", s.guard)
	return s.countRequests(mux)
}

// countRequests counts every request by its route pattern (the guarded
// router's pattern, or the health and metrics endpoints'), method and
// status, with its latency.
func (s *Server) countRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		route := s.router.Pattern(r)
		switch r.URL.Path {
		case "/healthz", "/readyz", "/metrics":
			route = r.Method + " " + r.URL.Path
		}
		cw := &auth.StatusWriter{ResponseWriter: w}
		defer func() { metrics.Request(route, r.Method, cw.Code(), time.Since(start)) }()
		next.ServeHTTP(cw, r)
	})
}

// healthz answers 200 while the process serves (liveness).
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// readyz answers 200 when the database answers within 2 seconds and its
// schema is current, 503 otherwise (readiness); the reason is logged, not
// shown.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.cfg.Ready.Ready(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}

// metricsAccess lets a request through to /metrics when it carries the
// configured bearer token, or, without TrustProxy, comes from a loopback
// address; others get 404, as if there were no such page.
func (s *Server) metricsAccess(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.mayScrape(r) {
			http.NotFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// mayScrape decides who reads /metrics (see Config.MetricsToken).
func (s *Server) mayScrape(r *http.Request) bool {
	if tok := s.cfg.MetricsToken; tok != "" {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ok && subtle.ConstantTimeCompare([]byte(got), []byte(tok)) == 1 {
			return true
		}
	}
	if s.cfg.TrustProxy {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	ip := net.ParseIP(host)
	return err == nil && ip != nil && ip.IsLoopback()
}

// Router returns the router, whose Patterns list every route.
func (s *Server) Router() *auth.Router { return s.router }

// Policy returns the authorisation table the guard applies.
func (s *Server) Policy() auth.Policy { return s.policy }

// Sessions returns the session keeper (its cookie name and flags).
func (s *Server) Sessions() *auth.Sessions { return s.sessions }

// now returns the current time of the server's clock.
func (s *Server) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return s.accounts.Now()
}

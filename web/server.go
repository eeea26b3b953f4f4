package web

import (
	"context"
	"crypto/rand"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"ansinh/auth"
	"ansinh/indicators/report"
	"ansinh/rules"
	"ansinh/store"
)

// Config is what the web console needs; DB and Log are required.
type Config struct {
	DB  *store.DB
	Log *slog.Logger
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
	// Now is the clock (nil: DB.Now).
	Now func() time.Time
	// NoWarm skips computing the dashboard's figures in the background at
	// start (Server.Warm): for tests, which want no work they did not ask
	// for.
	NoWarm bool
}

// Server is the web console, the portals and whatever is mounted beside
// them, behind one guard.
type Server struct {
	cfg      Config
	db       *store.DB
	log      *slog.Logger
	tmpl     *templates
	router   *auth.Router
	guard    *auth.Guard
	policy   auth.Policy
	sessions *auth.Sessions
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
}

// New builds the server: it parses the templates (failing when a page file
// and the page list disagree) and registers the routes.
func New(cfg Config) (*Server, error) {
	if cfg.DB == nil || cfg.Log == nil {
		return nil, errors.New("web: Config needs DB and Log")
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, db: cfg.DB, log: cfg.Log, tmpl: t, router: auth.NewRouter(), policy: auth.DefaultPolicy()}
	s.secret = cfg.GatewaySecret
	if len(s.secret) == 0 {
		s.secret = make([]byte, 32)
		rand.Read(s.secret)
	}
	s.sessions = &auth.Sessions{DB: cfg.DB, Secure: cfg.Secure}
	s.authn = &auth.Authenticator{DB: cfg.DB, Limits: cfg.Limits, Cost: cfg.PasswordCost}
	s.scoper = &auth.Scoper{DB: cfg.DB}
	s.sections = cfg.EmployerSections
	s.routes()
	for _, m := range cfg.Mount {
		m(s.router)
	}
	s.guard = &auth.Guard{Router: s.router, Policy: s.policy, Sessions: s.sessions, DB: cfg.DB, Log: cfg.Log,
		Pages: guardPages{s}, TrustProxy: cfg.TrustProxy}
	if !cfg.NoWarm {
		go s.Warm(context.Background())
	}
	return s, nil
}

// Handler returns the guarded handler of every route.
func (s *Server) Handler() http.Handler { return s.guard }

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
	return s.db.Now()
}

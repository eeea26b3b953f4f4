package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"time"

	"ansinh"
	"ansinh/auth"
	"ansinh/benefits"
	"ansinh/collection"
	"ansinh/importer"
	"ansinh/registry"
)

// ImportFunc runs an uploaded file through the importer into the database
// and records the run; the command wires it.
type ImportFunc func(ctx context.Context, kind *importer.Kind, name string, body io.ReadSeeker, format importer.Format, actor, lang string) (importer.Report, error)

// Config is what the API needs; Audit, Log, Registry and Collection are required.
type Config struct {
	// Audit records the reads and changes the API makes (auth.Store).
	Audit auth.Auditor
	// Now is the clock (nil: time.Now).
	Now    func() time.Time
	Log    *slog.Logger
	Import ImportFunc // nil refuses feed uploads
	// Registry is the registry's service (required).
	Registry *registry.Service
	// Benefits runs claims and the payroll; nil answers their routes "not
	// found".
	Benefits *benefits.Service
	// Collection keeps the notices and payments (store/collectiondb,
	// wired by cmd); required.
	Collection collection.Store
}

// API serves the JSON API.
type API struct {
	audit  auth.Auditor
	now    func() time.Time
	reg    *registry.Service
	log    *slog.Logger
	imp    ImportFunc
	scoper *auth.Scoper
	// benefits runs claims and the payroll (nil: not served).
	benefits *benefits.Service
	// coll is the collection's storage (Config.Collection).
	coll collection.Store
}

// New returns the API.
func New(cfg Config) *API {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &API{audit: cfg.Audit, now: now, reg: cfg.Registry, log: cfg.Log, imp: cfg.Import,
		scoper: &auth.Scoper{DB: cfg.Registry}, benefits: cfg.Benefits, coll: cfg.Collection}
}

// Register adds the API's routes to the router; their rules are in
// auth.DefaultPolicy.
func (a *API) Register(r *auth.Router) {
	r.HandleFunc("GET /api/openapi.json", a.openAPI)
	r.HandleFunc("GET /api/v1/me", a.me)
	r.HandleFunc("GET /api/v1/persons/{id}", a.person)
	r.HandleFunc("GET /api/v1/employers/{tax}", a.employer)
	r.HandleFunc("GET /api/v1/employers/{tax}/workers", a.workers)
	r.HandleFunc("GET /api/v1/employers/{tax}/notices", a.notices)
	r.HandleFunc("POST /api/v1/declarations", a.submitDeclaration)
	r.HandleFunc("GET /api/v1/declarations/{id}", a.declaration)
	r.HandleFunc("POST /api/v1/feeds/{kind}", a.uploadFeed)
	a.registerBenefits(r)
}

// writeJSON writes v with the status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// fail writes err as a JSON error; an internal error is logged, its text
// never sent.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	if auth.HTTPStatus(err) == http.StatusInternalServerError {
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "user", auth.From(r.Context()).Actor(), "err", err)
	}
	auth.WriteJSONError(w, err)
}

// scope returns the caller's scope.
func (a *API) scope(ctx context.Context) (ansinh.Scope, error) {
	return a.scoper.Scope(ctx, auth.From(ctx))
}

// errBadJSON is returned for a body that is not the JSON expected.
var errBadJSON = ansinh.Invalid("body", "Nội dung yêu cầu không phải JSON hợp lệ theo tài liệu API.",
	"The request body is not valid JSON of the documented shape.")

// month returns a period as "YYYY-MM", or nil for none.
func month(p ansinh.Period) *string {
	if p.IsZero() {
		return nil
	}
	s := p.String()
	return &s
}

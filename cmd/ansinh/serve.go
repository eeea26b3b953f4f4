package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"ansinh/api"
	"ansinh/auth"
	"ansinh/benefits"
	"ansinh/importer"
	"ansinh/indicators/report"
	"ansinh/projection"
	"ansinh/registry"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/authdb"
	"ansinh/store/benefitsdb"
	"ansinh/store/collectiondb"
	"ansinh/store/importdb"
	"ansinh/store/indicatorsdb"
	"ansinh/store/plandb"
	"ansinh/store/projectiondb"
	"ansinh/store/registrydb"
	"ansinh/web"
)

// runServe serves the web console, the portals and the JSON API until
// interrupted.
func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "serve", "",
		"Phục vụ giao diện web (cán bộ, đơn vị, người dân) và API JSON.\n"+
			"Serve the web console, the employer and citizen portals and the JSON API.\n\n"+
			"Biến môi trường / environment: ANSINH_COOKIE_SECURE (true/false; mặc định: false chỉ khi --addr là localhost),\n"+
			"ANSINH_GATEWAY_SECRET (khoá ký của cổng thanh toán), ANSINH_TRUST_PROXY (true: lấy địa chỉ từ X-Forwarded-For),\n"+
			"ANSINH_LOG (text hoặc json), ANSINH_METRICS_TOKEN (mã cho phép đọc /metrics từ xa; không có: chỉ từ localhost).\n"+
			"/healthz: còn sống / liveness; /readyz: CSDL sẵn sàng / database ready; /metrics: Prometheus.")
	dsn := dbFlag(fs, env)
	addr := fs.String("addr", ":8080", "địa chỉ lắng nghe / listen address")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return serveHTTP(ctx, env, db, *addr)
}

// serveHTTP serves the web console, the portals and the JSON API on addr
// until ctx is cancelled, then shuts down gracefully (requests in flight
// get up to 10 seconds). It prints the address it serves on.
func serveHTTP(ctx context.Context, env *Env, db *store.DB, addr string) error {
	log := newLogger(env)
	secure, err := cookieSecure(env, addr)
	if err != nil {
		return err
	}
	comp := complianceService(db, rules.Default())
	imp := web.AfterFeedUpload(uploadImporter(db), matchHook(comp), log)
	reg := registry.New(registrydb.New(db), rules.Default())
	ben := &benefits.Service{Store: benefitsdb.New(db), Params: rules.Default(), Now: db.Now, Jobs: db}
	coll := collectiondb.New(db)
	accounts := authdb.New(db)
	a := api.New(api.Config{Audit: accounts, Now: accounts.Now, Log: log, Import: api.ImportFunc(imp), Registry: reg, Benefits: ben, Collection: coll})
	srv, err := web.New(web.Config{
		Ready: db, ImportRuns: importdb.New(db), Auth: accounts, Plan: plandb.New(db), Log: log, Secure: secure,
		Indicators:    indicatorsdb.New(db),
		Close:         collectiondb.NewCloseStore(db),
		Registry:      reg,
		TrustProxy:    env.Getenv("ANSINH_TRUST_PROXY") == "true",
		Import:        imp,
		Calc:          web.NewRulesCalculator(rules.Default()),
		Projection:    &projection.Service{Store: projectiondb.New(db), Rules: rules.Default()},
		GatewaySecret: []byte(env.Getenv("ANSINH_GATEWAY_SECRET")),
		MetricsToken:  env.Getenv("ANSINH_METRICS_TOKEN"),
		Mount:         []func(*auth.Router){a.Register},
		Compliance:    comp,
		Collection:    coll,
		Benefits:      ben,
		Report:        reportSources(db),
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	fmt.Fprintf(env.Stdout, "Đang phục vụ tại / serving on http://%s (cookie Secure: %v)\n", displayAddr(ln.Addr()), secure)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	go sweepSessions(ctx, accounts, log)
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// sweepSessions removes expired sessions every hour until ctx ends (an
// expired session is refused anyway; this keeps the table small).
func sweepSessions(ctx context.Context, db auth.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := db.DeleteExpiredSessions(ctx, db.Now()); err != nil && ctx.Err() == nil {
			log.Warn("sweep sessions", "err", err)
		} else if n > 0 {
			log.Info("expired sessions removed", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// newLogger returns the server's logger: text on standard error, or JSON
// with ANSINH_LOG=json.
func newLogger(env *Env) *slog.Logger {
	if env.Getenv("ANSINH_LOG") == "json" {
		return slog.New(slog.NewJSONHandler(env.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(env.Stderr, nil))
}

// cookieSecure decides the cookies' Secure flag: ANSINH_COOKIE_SECURE when
// set, else off only when the address is a loopback one (plain HTTP on
// localhost), on otherwise.
func cookieSecure(env *Env, addr string) (bool, error) {
	switch v := env.Getenv("ANSINH_COOKIE_SECURE"); v {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	case "":
	default:
		return false, fmt.Errorf("ANSINH_COOKIE_SECURE=%q: use true or false", v)
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true, nil
	}
	if host == "localhost" {
		return false, nil
	}
	ip := net.ParseIP(host)
	return !(ip != nil && ip.IsLoopback()), nil
}

// displayAddr writes a listening address as a browser would reach it.
func displayAddr(a net.Addr) string {
	s := a.String()
	if strings.HasPrefix(s, "[::]:") {
		return "localhost:" + strings.TrimPrefix(s, "[::]:")
	}
	if strings.HasPrefix(s, "0.0.0.0:") {
		return "localhost:" + strings.TrimPrefix(s, "0.0.0.0:")
	}
	return s
}

// uploadImporter returns the function the web pages and the API run
// uploaded files through: the import job, which records the run.
func uploadImporter(db *store.DB) web.ImportFunc {
	return importer.Upload(importdb.New(db))
}

// reportSources wires the Standing Committee report's sources on db: the
// stored indicators, arrears and compliance (store/indicatorsdb) and the
// plan's tasks (store/plandb).
func reportSources(db *store.DB) report.Sources {
	src := indicatorsdb.ReportSources(db)
	src.Plan = plandb.New(db)
	return src
}

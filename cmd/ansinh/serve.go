package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"ansinh/api"
	"ansinh/auth"
	"ansinh/importer"
	"ansinh/rules"
	"ansinh/store"
	"ansinh/store/indicatorsdb"
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
			"ANSINH_LOG (text hoặc json).")
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
	imp := uploadImporter(db)
	a := api.New(api.Config{DB: db, Log: log, Import: api.ImportFunc(imp)})
	srv, err := web.New(web.Config{
		DB: db, Log: log, Secure: secure,
		TrustProxy:    env.Getenv("ANSINH_TRUST_PROXY") == "true",
		Import:        imp,
		Calc:          web.NewRulesCalculator(rules.Default()),
		GatewaySecret: []byte(env.Getenv("ANSINH_GATEWAY_SECRET")),
		Mount:         []func(*auth.Router){a.Register},
		Report:        indicatorsdb.ReportSources(db),
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
	go sweepSessions(ctx, db, log)
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
func sweepSessions(ctx context.Context, db *store.DB, log *slog.Logger) {
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
// uploaded files through: it records an import run (with the file's
// SHA-256), imports through the store, and finishes the run.
func uploadImporter(db *store.DB) web.ImportFunc {
	return func(ctx context.Context, kind *importer.Kind, name string, body io.ReadSeeker, format importer.Format, actor, lang string) (importer.Report, error) {
		h := sha256.New()
		if _, err := io.Copy(h, body); err != nil {
			return importer.Report{Kind: kind.Name, File: name}, err
		}
		if _, err := body.Seek(0, io.SeekStart); err != nil {
			return importer.Report{Kind: kind.Name, File: name}, err
		}
		run, err := db.BeginRun(ctx, kind.Name, name, hex.EncodeToString(h.Sum(nil)), actor)
		if err != nil {
			return importer.Report{Kind: kind.Name, File: name}, err
		}
		rep, err := importer.ImportReader(ctx, kind, name, body, format, storeLoader{db: db, run: run}, db, importer.Options{Lang: lang})
		status := "committed"
		switch {
		case err != nil && rep.Committed:
			status = "failed"
		case err != nil:
			status = "refused"
		}
		counts := store.RunCounts{Read: rep.Rows, Rejected: rep.Bad, Inserted: rep.Inserted, Update: rep.Updated}
		if ferr := db.FinishRun(ctx, run, status, counts); ferr != nil && err == nil {
			err = ferr
		}
		return rep, err
	}
}

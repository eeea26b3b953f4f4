// Package store keeps AnSinh's data in SQLite (embedded, the default) or
// PostgreSQL (production), with the same behaviour on both.
//
// SQL is written once with $N placeholders, which both engines accept; where
// the engines differ (bulk loading, upserts, schema types) the difference is
// spelled out per engine in this package, never hidden. The schema is a set of
// numbered .sql migrations per engine, embedded in the binary.
//
// SQLite runs in WAL mode with foreign keys on and a busy timeout, through one
// writer connection and a pool of readers, so that readers never wait for the
// monthly close and writes never interleave.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"time"

	"ansinh"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Engine names a database engine.
type Engine string

// The engines AnSinh runs on.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open AnSinh database.
type DB struct {
	Engine Engine
	// W is the writer pool: a single connection on SQLite.
	W *sql.DB
	// R is the reader pool (the same pool as W on PostgreSQL).
	R *sql.DB
	// Now is the clock used for timestamps of runs and audit records.
	Now func() time.Time
	dsn string
}

// DefaultDSN is the database used when none is given.
const DefaultDSN = "sqlite:ansinh.db"

// Open opens the database named by dsn: "sqlite:PATH" (PATH may be ":memory:"
// only for a single-connection test), or a "postgres://" / "postgresql://" URL.
// It does not migrate; call Migrate, or CheckSchema to refuse an old schema.
func Open(ctx context.Context, dsn string) (*DB, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	}
	return nil, ansinh.Invalid("db",
		fmt.Sprintf("không hiểu địa chỉ CSDL %q: dùng sqlite:ĐƯỜNG_DẪN hoặc postgres://…", redact(dsn)),
		fmt.Sprintf("unknown database %q: use sqlite:PATH or postgres://…", redact(dsn)))
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, ansinh.Invalid("db", "thiếu đường dẫn tệp SQLite", "missing SQLite file path")
	}
	// busy_timeout first, so that the other pragmas wait instead of failing
	// while another process holds the lock.
	// Every connection, the writer too, gets a page cache of 64 MiB at most
	// (used only as needed). A larger one did not speed bulk loads up (they
	// write in key order and build their indexes after), and it slowed
	// every commit that reuses free pages out of order (a month's close):
	// SQLite's b-tree then renumbers a page through one beyond the file,
	// and the commit walks the whole cache to drop it (measured: 3.6 ms to
	// commit 10,000 assessment rows with 210 MiB cached, 1.2 ms with the
	// cache emptied).
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)", "temp_store(MEMORY)", "cache_size(-65536)"} {
		q.Add("_pragma", p)
	}
	pragmas := q.Encode()
	w := sql.OpenDB(newCachingConnector("file:" + path + "?" + pragmas + "&_txlock=immediate"))
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r := sql.OpenDB(newCachingConnector("file:" + path + "?" + pragmas))
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	db := &DB{Engine: SQLite, W: w, R: r, Now: time.Now, dsn: "sqlite:" + path}
	if err := w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	p, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	p.SetMaxOpenConns(max(8, 4*runtime.NumCPU()))
	db := &DB{Engine: Postgres, W: p, R: p, Now: time.Now, dsn: dsn}
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("connect to %s: %w", redact(dsn), err)
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	err := db.W.Close()
	if db.R != db.W {
		err = errors.Join(err, db.R.Close())
	}
	return err
}

// String names the database without its password.
func (db *DB) String() string { return redact(db.dsn) }

// redact removes a password from a URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Bool returns the value that stores b in a boolean column of the engine.
func (db *DB) Bool(b bool) any {
	if db.Engine == Postgres {
		return b
	}
	if b {
		return int64(1)
	}
	return int64(0)
}

// Timestamp returns the value that stores t in a timestamp column of the
// engine (TEXT in RFC 3339 on SQLite, TIMESTAMPTZ on PostgreSQL).
func (db *DB) Timestamp(t time.Time) any {
	if db.Engine == Postgres {
		return t
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// Ready reports whether the database answers and its schema is current:
// the readiness check of a server (/readyz).
func (db *DB) Ready(ctx context.Context) error {
	if err := db.R.PingContext(ctx); err != nil {
		return err
	}
	return db.CheckSchema(ctx)
}

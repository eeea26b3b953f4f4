// Package storetest opens fresh, migrated databases for tests, on SQLite
// always and on PostgreSQL when ANSINH_TEST_POSTGRES names a server. Under CI
// (the CI environment variable set) a missing or unreachable PostgreSQL fails
// the test instead of skipping it, so the second engine is never silently
// untested.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"ansinh/store"
)

// Engines returns the engines to run a suite on: SQLite, and PostgreSQL when
// it is configured (or required, under CI).
func Engines(tb testing.TB) []store.Engine {
	tb.Helper()
	if os.Getenv("ANSINH_TEST_POSTGRES") == "" && os.Getenv("CI") == "" {
		return []store.Engine{store.SQLite}
	}
	return []store.Engine{store.SQLite, store.Postgres}
}

// Open returns a fresh, migrated database of the engine, removed when the
// test ends.
func Open(tb testing.TB, engine store.Engine) *store.DB {
	tb.Helper()
	dsn := DSN(tb, engine)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", engine, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

// DSN returns the address of a fresh, empty database of the engine, removed
// when the test ends.
func DSN(tb testing.TB, engine store.Engine) string {
	tb.Helper()
	if engine == store.SQLite {
		return "sqlite:" + filepath.Join(tb.TempDir(), "test.db")
	}
	base := os.Getenv("ANSINH_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") != "" {
			tb.Fatal("CI is set but ANSINH_TEST_POSTGRES is not: the PostgreSQL suite must run")
		}
		tb.Skip("ANSINH_TEST_POSTGRES not set")
	}
	admin, err := store.Open(context.Background(), base)
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("PostgreSQL unreachable under CI: %v", err)
		}
		tb.Skipf("PostgreSQL unreachable: %v", err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "ansinh_t_" + hex.EncodeToString(b[:])
	if _, err := admin.W.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		tb.Fatalf("create database: %v", err)
	}
	tb.Cleanup(func() {
		admin.W.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

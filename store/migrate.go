package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"ansinh"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migrationNames returns the engine's migration files in order.
func (db *DB) migrationNames() ([]string, error) {
	dir := "migrations/" + string(db.Engine)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

const createMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`

// Migrate applies every migration not yet applied, each in its own
// transaction, and returns the names it applied.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	if _, err := db.W.ExecContext(ctx, createMigrations); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	applied, err := db.appliedMigrations(ctx)
	if err != nil {
		return nil, err
	}
	names, err := db.migrationNames()
	if err != nil {
		return nil, err
	}
	var done []string
	for _, name := range names {
		if applied[name] {
			continue
		}
		body, err := migrations.ReadFile(path.Join("migrations", string(db.Engine), name))
		if err != nil {
			return done, err
		}
		if err := db.applyMigration(ctx, name, string(body)); err != nil {
			return done, err
		}
		done = append(done, name)
	}
	return done, nil
}

func (db *DB) applyMigration(ctx context.Context, name, body string) error {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)`,
		name, db.Now().UTC().Format("2006-01-02T15:04:05Z")); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	return tx.Commit()
}

func (db *DB) appliedMigrations(ctx context.Context) (map[string]bool, error) {
	rows, err := db.R.QueryContext(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		applied[n] = true
	}
	return applied, rows.Err()
}

// ErrSchemaBehind is returned by CheckSchema when migrations are pending.
var ErrSchemaBehind = &ansinh.Error{Code: ansinh.ECONFLICT,
	Message:   "lược đồ CSDL đã cũ: hãy chạy `ansinh migrate` trước",
	MessageEN: "the database schema is out of date: run `ansinh migrate` first"}

// CheckSchema returns ErrSchemaBehind unless every migration of this binary
// has been applied, and an error if the database has migrations this binary
// does not know (it is older than the database).
func (db *DB) CheckSchema(ctx context.Context) error {
	var n int
	err := db.R.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n)
	if err != nil {
		return ErrSchemaBehind
	}
	applied, err := db.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	names, err := db.migrationNames()
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, name := range names {
		known[name] = true
		if !applied[name] {
			return ErrSchemaBehind
		}
	}
	for name := range applied {
		if !known[name] {
			return &ansinh.Error{Code: ansinh.ECONFLICT,
				Message:   fmt.Sprintf("CSDL có bản chuyển đổi %s mà chương trình này không biết: hãy dùng phiên bản mới hơn", name),
				MessageEN: fmt.Sprintf("the database has migration %s that this program does not know: use a newer version", name)}
		}
	}
	return nil
}

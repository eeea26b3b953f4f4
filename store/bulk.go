package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// Table names a table to bulk-load: its columns in the order rows give them
// and the columns that identify a row.
type Table struct {
	Name    string
	Columns []string
	Key     []string
}

// BulkResult counts the rows a load changed: rows already present with the
// same values count in neither, so loading the same rows twice changes
// nothing the second time.
type BulkResult struct {
	Inserted int64
	Updated  int64
}

// Bulk is a load in progress: rows go in with Add, and all of them land with
// Commit or none with Rollback. Each row inserted or changed is stamped with
// the load's run.
type Bulk interface {
	Add(row []any) error
	Commit() (BulkResult, error)
	Rollback() error
}

// BeginBulk starts a bulk load into t, stamping rows with runID (0: none).
// SQLite inserts batches of rows with one prepared multi-row upsert inside one
// transaction (sqliteBulk); PostgreSQL COPYs rows into the empty table, or
// into a temporary table from which it upserts in one statement (pgLoad).
func (db *DB) BeginBulk(ctx context.Context, t Table, runID int64) (Bulk, error) {
	if len(t.Key) == 0 {
		return nil, fmt.Errorf("bulk load into %s: no key", t.Name)
	}
	if db.Engine == Postgres {
		return db.beginPostgresBulk(ctx, t, runID)
	}
	return db.beginSQLiteBulk(ctx, t, runID)
}

// upsertSQL returns "INSERT INTO t (cols) <source> ON CONFLICT ..." where
// source is the caller's VALUES list or SELECT. Only rows whose values differ
// are updated, so that unchanged rows are not counted nor re-stamped.
func (db *DB) upsertSQL(t Table, runID int64, source string) string {
	cols := append(append([]string{}, t.Columns...), "run_id")
	isKey := map[string]bool{}
	for _, k := range t.Key {
		isKey[k] = true
	}
	var set, diff []string
	for _, c := range t.Columns {
		if isKey[c] {
			continue
		}
		set = append(set, c+" = excluded."+c)
		if db.Engine == Postgres {
			diff = append(diff, t.Name+"."+c+" IS DISTINCT FROM excluded."+c)
		} else {
			diff = append(diff, t.Name+"."+c+" IS NOT excluded."+c)
		}
	}
	q := "INSERT INTO " + t.Name + " (" + strings.Join(cols, ", ") + ") " + source +
		" ON CONFLICT (" + strings.Join(t.Key, ", ") + ") "
	if len(set) == 0 {
		return q + "DO NOTHING"
	}
	return q + "DO UPDATE SET " + strings.Join(set, ", ") + ", run_id = excluded.run_id WHERE " + strings.Join(diff, " OR ")
}

// placeholders returns rows groups of cols anonymous "?" parameters, each
// group ended by the literal last, for a multi-row VALUES list on SQLite.
// Anonymous parameters, because the driver looks each numbered one ($N) up
// by name, which costs time in proportion to the number of parameters:
// quadratic in a statement of thousands.
func placeholders(rows, cols int, last string) string {
	var sb strings.Builder
	for r := 0; r < rows; r++ {
		if r > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for c := 0; c < cols; c++ {
			if c > 0 {
				sb.WriteString(", ")
			}
			sb.WriteByte('?')
		}
		sb.WriteString(", " + last + ")")
	}
	return sb.String()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ---- import runs

// BeginRun records the start of an import of kind from file (with its
// SHA-256) by actor, and returns the run's id.
func (db *DB) BeginRun(ctx context.Context, kind, file, sha256, actor string) (int64, error) {
	var id int64
	err := db.W.QueryRowContext(ctx, `INSERT INTO import_runs (kind, file, sha256, actor, started_at, status)
		VALUES ($1, $2, $3, $4, $5, 'running') RETURNING id`, kind, file, sha256, actor, db.Timestamp(db.Now())).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("begin import run: %w", err)
	}
	return id, nil
}

// RunCounts are the figures of a finished import run.
type RunCounts struct {
	Read, Rejected   int
	Inserted, Update int64
}

// FinishRun records the end of an import run with its status (committed,
// refused or failed) and counts.
func (db *DB) FinishRun(ctx context.Context, id int64, status string, c RunCounts) error {
	_, err := db.W.ExecContext(ctx, `UPDATE import_runs SET finished_at = $1, status = $2, rows_read = $3,
		inserted = $4, updated = $5, rejected = $6 WHERE id = $7`,
		db.Timestamp(db.Now()), status, c.Read, c.Inserted, c.Update, c.Rejected, id)
	return err
}

// KeySet returns a membership test over the distinct values of column in
// table, read once (a keySet). The set removes repeats itself: asked for DISTINCT
// values of a key, PostgreSQL walks the key's index (visiting the table for
// each entry after a load) where it would read the table straight through
// (475,129 person ids: 414 ms against 54 ms). A large SQLite table with
// rowids is read in ranges of rowids, one a core, at the same time.
func (db *DB) KeySet(ctx context.Context, table, column string) (func(string) bool, error) {
	parts, err := db.keyParts(ctx, table, column)
	if err != nil {
		return nil, fmt.Errorf("read keys of %s.%s: %w", table, column, err)
	}
	n := 0
	for _, p := range parts {
		n += len(p.ends)
	}
	set := newKeySet(n)
	for _, p := range parts {
		start := 0
		for _, end := range p.ends {
			set.add(p.arena[start:end])
			start = end
		}
	}
	return set.has, nil
}

// KeyLookup returns a membership test that looks each value up in column
// of table (which an index should serve), remembering the answers: for a
// file of a few rows, where KeySet would read every key of a large table.
// The test may be called from several goroutines. A look-up that fails
// (the database gone, the context ended) answers yes: the row is then left
// to the database's own foreign key, which refuses the load if it must.
func (db *DB) KeyLookup(ctx context.Context, table, column string) func(string) bool {
	q := "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE " + column + " = $1)"
	var mu sync.Mutex
	known := map[string]bool{}
	return func(k string) bool {
		mu.Lock()
		v, ok := known[k]
		mu.Unlock()
		if ok {
			return v
		}
		var exists bool
		if err := db.R.QueryRowContext(ctx, q, k).Scan(&exists); err != nil {
			return true
		}
		mu.Lock()
		known[k] = exists
		mu.Unlock()
		return exists
	}
}

// keyPart is the values of a column read from part of a table, end to end.
type keyPart struct {
	arena []byte
	ends  []int
}

// keyPartRows is the least number of rows a part of KeySet's read covers
// (a variable for tests).
var keyPartRows int64 = 200_000

// keyParts reads the values of column in table: on SQLite, from a table
// with rowids of at least two parts' rows, in ranges of rowids read at the
// same time on reader connections (as many as cores); otherwise in one
// read.
func (db *DB) keyParts(ctx context.Context, table, column string) ([]keyPart, error) {
	q := "SELECT " + column + " FROM " + table
	var lo, hi sql.NullInt64
	n := 1
	if db.Engine == SQLite && db.R.QueryRowContext(ctx, "SELECT min(rowid), max(rowid) FROM "+table).Scan(&lo, &hi) == nil && hi.Valid {
		// A table without rowids refuses the query: one read.
		n = int(min(int64(runtime.NumCPU()), (hi.Int64-lo.Int64+1)/keyPartRows))
	}
	if n <= 1 {
		p, err := db.readKeys(ctx, q)
		return []keyPart{p}, err
	}
	parts := make([]keyPart, n)
	errs := make([]error, n)
	step := (hi.Int64 - lo.Int64 + int64(n)) / int64(n)
	var wg sync.WaitGroup
	for i := range parts {
		from := lo.Int64 + int64(i)*step
		wg.Go(func() {
			parts[i], errs[i] = db.readKeys(ctx, q+" WHERE rowid >= $1 AND rowid < $2", from, from+step)
		})
	}
	wg.Wait()
	return parts, errors.Join(errs...)
}

// readKeys reads the one column query q selects, on a reader connection
// of its own, ended by endScan.
func (db *DB) readKeys(ctx context.Context, q string, args ...any) (keyPart, error) {
	var p keyPart
	conn, err := db.R.Conn(ctx)
	if err != nil {
		return p, err
	}
	defer db.endScan(conn)
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var b sql.RawBytes
		if err := rows.Scan(&b); err != nil {
			return p, err
		}
		p.arena = append(p.arena, b...)
		p.ends = append(p.ends, len(p.arena))
	}
	return p, rows.Err()
}

// endScan ends the reader connection of a read of a whole table. On
// SQLite it is closed instead of going back to the pool: its page cache is
// then full of the table's pages, and SQLite empties a reader's cache, page
// after page, at the start of each read that follows another connection's
// commit (pager_reset: 8.2 s of CPU over the 1,000,000-worker demo, whose
// claims read after every step they write, against 2.0 s with the
// connections of the loads' reads closed; the claims' steps took 69 s of
// CPU instead of 81).
func (db *DB) endScan(conn *sql.Conn) {
	if db.Engine == SQLite {
		discard(conn)
		return
	}
	conn.Close()
}

// discard closes a connection without returning it to its pool.
func discard(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
}

// Count returns the number of rows of a table.
func (db *DB) Count(ctx context.Context, table string) (int64, error) {
	var n int64
	err := db.R.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n, err
}

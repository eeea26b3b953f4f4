package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"ansinh"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
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
// transaction; PostgreSQL streams rows with COPY into a temporary table and
// upserts from it in one statement.
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

// ---- SQLite

type sqliteBulk struct {
	db      *DB
	ctx     context.Context
	t       Table
	tx      *sql.Tx
	runID   any
	batch   int
	stmt    *sql.Stmt
	args    []any
	pending int
	before  int64
	changed int64
}

func (db *DB) beginSQLiteBulk(ctx context.Context, t Table, runID int64) (*sqliteBulk, error) {
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	b := &sqliteBulk{db: db, ctx: ctx, t: t, tx: tx, runID: nullID(runID)}
	// SQLite allows 32,766 parameters a statement; batches of a few hundred
	// rows are past the point where larger batches stop paying.
	b.batch = min(500, 32000/(len(t.Columns)+1))
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+t.Name).Scan(&b.before); err != nil {
		tx.Rollback()
		return nil, err
	}
	b.stmt, err = tx.PrepareContext(ctx, db.upsertSQL(t, runID, "VALUES "+placeholders(b.batch, len(t.Columns)+1)))
	if err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("bulk load into %s: %w", t.Name, err)
	}
	b.args = make([]any, 0, b.batch*(len(t.Columns)+1))
	return b, nil
}

func (b *sqliteBulk) Add(row []any) error {
	if len(row) != len(b.t.Columns) {
		return fmt.Errorf("bulk load into %s: row has %d values, want %d", b.t.Name, len(row), len(b.t.Columns))
	}
	b.args = append(b.args, row...)
	b.args = append(b.args, b.runID)
	b.pending++
	if b.pending == b.batch {
		res, err := b.stmt.ExecContext(b.ctx, b.args...)
		if err != nil {
			return fmt.Errorf("bulk load into %s: %w", b.t.Name, err)
		}
		n, _ := res.RowsAffected()
		b.changed += n
		b.args, b.pending = b.args[:0], 0
	}
	return nil
}

func (b *sqliteBulk) Commit() (BulkResult, error) {
	defer b.stmt.Close()
	if b.pending > 0 {
		q := b.db.upsertSQL(b.t, 0, "VALUES "+placeholders(b.pending, len(b.t.Columns)+1))
		res, err := b.tx.ExecContext(b.ctx, q, b.args...)
		if err != nil {
			b.tx.Rollback()
			return BulkResult{}, fmt.Errorf("bulk load into %s: %w", b.t.Name, err)
		}
		n, _ := res.RowsAffected()
		b.changed += n
	}
	var after int64
	if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM "+b.t.Name).Scan(&after); err != nil {
		b.tx.Rollback()
		return BulkResult{}, err
	}
	if err := b.tx.Commit(); err != nil {
		return BulkResult{}, err
	}
	ins := after - b.before
	return BulkResult{Inserted: ins, Updated: b.changed - ins}, nil
}

func (b *sqliteBulk) Rollback() error {
	b.stmt.Close()
	return b.tx.Rollback()
}

// placeholders returns rows groups of cols anonymous "?" parameters for a
// multi-row VALUES list on SQLite. Anonymous parameters, because the driver
// looks each numbered one ($N) up by name, which costs time in proportion to
// the number of parameters: quadratic in a statement of thousands.
func placeholders(rows, cols int) string {
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
		sb.WriteByte(')')
	}
	return sb.String()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// ---- PostgreSQL

type pgBulk struct {
	rows   chan []any
	decide chan bool // true: commit
	copied chan error
	result chan pgResult
	closed bool
	t      Table
}

type pgResult struct {
	r   BulkResult
	err error
}

// pgSource feeds COPY from the channel of rows.
type pgSource struct {
	rows  chan []any
	cur   []any
	stop  <-chan struct{}
	abort bool
}

func (s *pgSource) Next() bool {
	select {
	case r, ok := <-s.rows:
		if !ok {
			return false
		}
		s.cur = r
		return true
	case <-s.stop:
		s.abort = true
		return false
	}
}

func (s *pgSource) Values() ([]any, error) { return s.cur, nil }

func (s *pgSource) Err() error {
	if s.abort {
		return errors.New("load abandoned")
	}
	return nil
}

func (db *DB) beginPostgresBulk(ctx context.Context, t Table, runID int64) (*pgBulk, error) {
	conn, err := db.W.Conn(ctx)
	if err != nil {
		return nil, err
	}
	b := &pgBulk{rows: make(chan []any, 4096), decide: make(chan bool, 1), copied: make(chan error, 1), result: make(chan pgResult, 1), t: t}
	stop := make(chan struct{})
	go func() {
		defer conn.Close()
		var res BulkResult
		err := conn.Raw(func(dc any) error {
			pc := dc.(*stdlib.Conn).Conn()
			var err error
			res, err = pgLoad(ctx, db, pc, t, runID, &pgSource{rows: b.rows, stop: stop}, b.copied, b.decide)
			return err
		})
		b.result <- pgResult{res, err}
	}()
	go func() {
		// If the load fails before the caller finishes adding rows, stop
		// the source so that Add does not block for ever.
		<-b.copied
		close(stop)
	}()
	return b, nil
}

// pgLoad runs one load on a dedicated connection: COPY into a temporary
// table, then one upsert into the target, all in one transaction.
func pgLoad(ctx context.Context, db *DB, pc *pgx.Conn, t Table, runID int64, src *pgSource, copied chan<- error, decide <-chan bool) (BulkResult, error) {
	tx, err := pc.Begin(ctx)
	if err != nil {
		copied <- err
		return BulkResult{}, err
	}
	defer tx.Rollback(ctx)
	stage := "stage_" + t.Name
	_, err = tx.Exec(ctx, "CREATE TEMPORARY TABLE "+stage+" (LIKE "+t.Name+" INCLUDING DEFAULTS) ON COMMIT DROP")
	if err == nil {
		_, err = tx.CopyFrom(ctx, pgx.Identifier{stage}, t.Columns, &pgConverted{src: src})
	}
	copied <- err
	if err != nil {
		return BulkResult{}, fmt.Errorf("bulk load into %s: %w", t.Name, err)
	}
	if !<-decide {
		return BulkResult{}, errRolledBack
	}
	// Inserted rows are told from updated ones by counting the table
	// before and after (RETURNING xmax is not allowed on partitioned tables).
	var before, after int64
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+t.Name).Scan(&before); err != nil {
		return BulkResult{}, err
	}
	cols := strings.Join(t.Columns, ", ")
	// In key order, so that the primary key's index is filled page after
	// page instead of at random.
	sel := "SELECT " + cols + ", $1::bigint FROM " + stage + " ORDER BY " + strings.Join(t.Key, ", ")
	tag, err := tx.Exec(ctx, db.upsertSQL(t, runID, sel), nullID(runID))
	if err != nil {
		return BulkResult{}, fmt.Errorf("bulk load into %s: %w", t.Name, err)
	}
	if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+t.Name).Scan(&after); err != nil {
		return BulkResult{}, err
	}
	res := BulkResult{Inserted: after - before, Updated: tag.RowsAffected() - (after - before)}
	return res, tx.Commit(ctx)
}

var errRolledBack = errors.New("rolled back")

// pgConverted turns AnSinh's value types into what COPY's binary encoding
// takes: a Date becomes a time.Time, a Period its text.
type pgConverted struct {
	src *pgSource
	buf []any
}

func (c *pgConverted) Next() bool { return c.src.Next() }
func (c *pgConverted) Err() error { return c.src.Err() }
func (c *pgConverted) Values() ([]any, error) {
	row, _ := c.src.Values()
	c.buf = c.buf[:0]
	for _, v := range row {
		c.buf = append(c.buf, pgValue(v))
	}
	return c.buf, nil
}

// pgValue converts one value for PostgreSQL.
func pgValue(v any) any {
	switch x := v.(type) {
	case ansinh.Date:
		if x == 0 {
			return nil
		}
		return x.Time()
	case ansinh.Period:
		if x == 0 {
			return nil
		}
		return x.String()
	}
	return v
}

func (b *pgBulk) Add(row []any) error {
	select {
	case b.rows <- row:
		return nil
	case r := <-b.result:
		b.result <- r
		if r.err != nil {
			return r.err
		}
		return errors.New("bulk load ended early")
	}
}

func (b *pgBulk) finish(commit bool) (BulkResult, error) {
	if !b.closed {
		close(b.rows)
		b.closed = true
	}
	b.decide <- commit
	r := <-b.result
	return r.r, r.err
}

func (b *pgBulk) Commit() (BulkResult, error) { return b.finish(true) }

func (b *pgBulk) Rollback() error {
	_, err := b.finish(false)
	if errors.Is(err, errRolledBack) {
		return nil
	}
	return err
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
// table, read once.
func (db *DB) KeySet(ctx context.Context, table, column string) (func(string) bool, error) {
	rows, err := db.R.QueryContext(ctx, "SELECT DISTINCT "+column+" FROM "+table)
	if err != nil {
		return nil, fmt.Errorf("read keys of %s.%s: %w", table, column, err)
	}
	defer rows.Close()
	set := map[string]struct{}{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		set[s] = struct{}{}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return func(k string) bool { _, ok := set[k]; return ok }, nil
}

// Count returns the number of rows of a table.
func (db *DB) Count(ctx context.Context, table string) (int64, error) {
	var n int64
	err := db.R.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n, err
}

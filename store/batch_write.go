package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"ansinh"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Writer is one write transaction of a batch job such as the monthly close:
// statements, and appends of many rows at once (COPY on PostgreSQL, prepared
// multi-row INSERT on SQLite), all committed together or not at all. Get one
// from DB.Write; it is valid only inside the function given there.
type Writer struct {
	db  *DB
	ctx context.Context
	tx  *sql.Tx // SQLite
	pg  pgx.Tx  // PostgreSQL
}

// Write runs fn in one write transaction on the writer pool, committing it
// when fn returns nil and rolling it back otherwise.
func (db *DB) Write(ctx context.Context, fn func(w *Writer) error) error {
	if db.Engine == Postgres {
		conn, err := db.W.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		return conn.Raw(func(dc any) error {
			pc := dc.(*stdlib.Conn).Conn()
			tx, err := pc.Begin(ctx)
			if err != nil {
				return err
			}
			defer tx.Rollback(ctx)
			if err := fn(&Writer{db: db, ctx: ctx, pg: tx}); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
	}
	tx, err := db.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	w := &Writer{db: db, ctx: ctx, tx: tx}
	defer tx.Rollback()
	if err := fn(w); err != nil {
		return err
	}
	return tx.Commit()
}

// Exec runs one statement ($N placeholders) and returns the number of rows
// it changed.
func (w *Writer) Exec(query string, args ...any) (int64, error) {
	if w.pg != nil {
		conv := make([]any, len(args))
		for i, a := range args {
			conv[i] = pgArg(a)
		}
		tag, err := w.pg.Exec(w.ctx, query, conv...)
		if err != nil {
			return 0, err
		}
		return tag.RowsAffected(), nil
	}
	res, err := w.tx.ExecContext(w.ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// QueryRow runs a query returning at most one row inside the transaction and
// scans it into dest; it returns sql.ErrNoRows when there is none.
func (w *Writer) QueryRow(query string, args []any, dest ...any) error {
	if w.pg != nil {
		conv := make([]any, len(args))
		for i, a := range args {
			conv[i] = pgArg(a)
		}
		rows, err := w.pg.Query(w.ctx, query, conv...)
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return err
			}
			return sql.ErrNoRows
		}
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		for i, d := range dest {
			if err := convertAssign(d, vals[i]); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	return w.tx.QueryRowContext(w.ctx, query, args...).Scan(dest...)
}

// convertAssign stores a value pgx decoded into one of the destinations the
// batch jobs use.
func convertAssign(dest, v any) error {
	if s, ok := dest.(sql.Scanner); ok {
		return s.Scan(v)
	}
	switch d := dest.(type) {
	case *int64:
		switch x := v.(type) {
		case int64:
			*d = x
		case int32:
			*d = int64(x)
		case nil:
			*d = 0
		default:
			return fmt.Errorf("cannot scan %T into int64", v)
		}
	case *string:
		switch x := v.(type) {
		case string:
			*d = x
		case nil:
			*d = ""
		default:
			return fmt.Errorf("cannot scan %T into string", v)
		}
	default:
		return fmt.Errorf("cannot scan into %T", dest)
	}
	return nil
}

// pgArg converts AnSinh's value types for pgx: a Date becomes a time.Time,
// a Period its text; the zero values are NULL.
func pgArg(v any) any {
	switch x := v.(type) {
	case ansinh.Date, ansinh.Period:
		return pgValue(x)
	case time.Time:
		return x
	}
	return v
}

// Rows holds rows to append to one table, already encoded for the engine:
// COPY text on PostgreSQL, statement parameters on SQLite. Add the values of
// a row in column order with Text, Int, Date, Period or Null, then call End.
// A Rows is reused with Reset.
type Rows struct {
	pg    bool
	cols  int
	col   int
	n     int
	text  []byte
	args  []any
	fixed []string // texts every row holds in its last columns (Fixed)
}

// NewRows returns an empty buffer of rows of cols columns for the engine.
func (db *DB) NewRows(cols int) *Rows { return &Rows{pg: db.Engine == Postgres, cols: cols} }

// Grow reserves room for n more rows (on PostgreSQL, of about 8 bytes a
// value), so that a buffer of a known number of rows is not copied as it
// grows.
func (r *Rows) Grow(n int) *Rows {
	if r.pg {
		r.text = slices.Grow(r.text, n*r.cols*8)
	} else {
		r.args = slices.Grow(r.args, n*r.cols)
	}
	return r
}

// Fixed sets the texts every row holds in its last len(texts) columns;
// the rows are then given their other values only. On SQLite the texts are
// written once into the statement instead of being bound to every row.
// Call it before the first row.
func (r *Rows) Fixed(texts ...string) *Rows {
	if r.n > 0 || r.col > 0 || len(texts) > r.cols {
		panic("store: Fixed after the first row, or more texts than columns")
	}
	r.fixed = texts
	return r
}

// Len returns the number of complete rows.
func (r *Rows) Len() int { return r.n }

// Reset empties the buffer, keeping its memory; the texts of Fixed go.
func (r *Rows) Reset() { r.text, r.args, r.n, r.col, r.fixed = r.text[:0], r.args[:0], 0, 0, nil }

func (r *Rows) sep() {
	if r.pg && r.col > 0 {
		r.text = append(r.text, '\t')
	}
	r.col++
}

// Text adds a text value.
func (r *Rows) Text(s string) *Rows {
	r.sep()
	if !r.pg {
		r.args = append(r.args, s)
		return r
	}
	r.text = appendCopyText(r.text, s)
	return r
}

// appendCopyText appends s to b as a value of COPY's text format.
func appendCopyText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b = append(b, '\\', '\\')
		case '\t':
			b = append(b, '\\', 't')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return b
}

// Int adds an integer value.
func (r *Rows) Int(n int64) *Rows {
	r.sep()
	if r.pg {
		r.text = strconv.AppendInt(r.text, n, 10)
	} else {
		r.args = append(r.args, n)
	}
	return r
}

// Date adds a day; the zero day is NULL.
func (r *Rows) Date(d ansinh.Date) *Rows {
	if d == 0 {
		return r.Null()
	}
	return r.Text(d.String())
}

// Period adds a month; the zero month is NULL.
func (r *Rows) Period(p ansinh.Period) *Rows {
	if p == 0 {
		return r.Null()
	}
	return r.Text(p.String())
}

// Bool adds a boolean.
func (r *Rows) Bool(b bool) *Rows {
	r.sep()
	switch {
	case r.pg && b:
		r.text = append(r.text, 't')
	case r.pg:
		r.text = append(r.text, 'f')
	case b:
		r.args = append(r.args, int64(1))
	default:
		r.args = append(r.args, int64(0))
	}
	return r
}

// Null adds a NULL.
func (r *Rows) Null() *Rows {
	r.sep()
	if r.pg {
		r.text = append(r.text, '\\', 'N')
	} else {
		r.args = append(r.args, nil)
	}
	return r
}

// End ends the current row; it panics if the row has the wrong number of
// values, which is a programming error.
func (r *Rows) End() {
	if r.col != r.cols-len(r.fixed) {
		panic(fmt.Sprintf("store: row of %d values, want %d", r.col, r.cols-len(r.fixed)))
	}
	if r.pg {
		for i, f := range r.fixed {
			if r.col > 0 || i > 0 {
				r.text = append(r.text, '\t')
			}
			r.text = appendCopyText(r.text, f)
		}
		r.text = append(r.text, '\n')
	}
	r.col = 0
	r.n++
}

// sqliteChunk is the number of rows of one multi-row INSERT on SQLite.
func sqliteChunk(cols int) int { return min(256, 30000/cols) }

// Append inserts the rows into table (columns in the order given). The rows
// must be new: Append does not upsert.
func (w *Writer) Append(table string, cols []string, r *Rows) error {
	if r.n == 0 {
		return nil
	}
	if r.cols != len(cols) {
		return fmt.Errorf("append to %s: rows of %d columns, %d named", table, r.cols, len(cols))
	}
	if w.pg != nil {
		sqlCopy := "COPY " + table + " (" + strings.Join(cols, ", ") + ") FROM STDIN"
		if _, err := w.pg.Conn().PgConn().CopyFrom(w.ctx, bytes.NewReader(r.text), sqlCopy); err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		return nil
	}
	// A full chunk's statement is kept compiled by the connection from one
	// call to the next (keepCompiled): a close appends the same lists of
	// rows batch after batch, each in its own transaction.
	chunk := sqliteChunk(len(cols))
	bound := len(cols) - len(r.fixed)
	for done := 0; done < r.n; {
		n := min(chunk, r.n-done)
		q := appendSQL(table, cols, n, n == chunk, r.fixed)
		if _, err := w.tx.ExecContext(w.ctx, q, rowValues(r.args[done*bound:(done+n)*bound])); err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		done += n
	}
	return nil
}

// appendSQLs are the statements of Append made so far, by table, columns,
// rows, whether kept compiled and fixed texts.
var appendSQLs sync.Map

// appendSQL returns the INSERT of rows rows of cols into table, the last
// len(fixed) columns given the fixed texts, marked keepCompiled when keep.
func appendSQL(table string, cols []string, rows int, keep bool, fixed []string) string {
	key := table + "|" + strings.Join(cols, ",") + "|" + strconv.Itoa(rows) + "|" + strconv.FormatBool(keep) + "|" + strings.Join(fixed, "|")
	if q, ok := appendSQLs.Load(key); ok {
		return q.(string)
	}
	q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " + positional(rows, len(cols), fixed)
	if keep {
		q = keepCompiled + q
	}
	appendSQLs.Store(key, q)
	return q
}

// positional returns rows of anonymous "?" parameters (the SQLite driver
// looks each named parameter up by a linear scan, which makes a statement
// of thousands of $N parameters quadratic to bind), the last len(fixed)
// of each row replaced by the fixed texts as literals.
func positional(rows, cols int, fixed []string) string {
	vals := slices.Repeat([]string{"?"}, cols-len(fixed))
	for _, f := range fixed {
		vals = append(vals, "'"+strings.ReplaceAll(f, "'", "''")+"'")
	}
	one := "(" + strings.Join(vals, ", ") + ")"
	return strings.Repeat(one+", ", rows-1) + one
}

// Collate returns col ordered byte by byte on both engines, for exports
// whose order must not depend on the database's collation.
func (db *DB) Collate(col string) string { return db.byteOrder(col) }

// HoldCheckpoints stops SQLite's automatic WAL checkpoints until the
// returned function is called, which checkpoints once and restores them: a
// batch job of many transactions then pays for one checkpoint (and its
// fsyncs) instead of one every few transactions. Committed transactions
// stay in the WAL meanwhile, as safe as ever. On PostgreSQL it does nothing.
func (db *DB) HoldCheckpoints(ctx context.Context) (release func() error, err error) {
	if db.Engine != SQLite {
		return func() error { return nil }, nil
	}
	if _, err := db.W.ExecContext(ctx, `PRAGMA wal_autocheckpoint = 0`); err != nil {
		return nil, err
	}
	return func() error {
		_, err := db.W.ExecContext(context.WithoutCancel(ctx), `PRAGMA wal_autocheckpoint = 1000`)
		if err == nil {
			_, err = db.W.ExecContext(context.WithoutCancel(ctx), `PRAGMA wal_checkpoint(PASSIVE)`)
		}
		return err
	}, nil
}

// ExecContext runs one statement inside the transaction, so that a Writer is
// an Execer (the audit writer records in the transaction of the change).
func (w *Writer) ExecContext(_ context.Context, query string, args ...any) (sql.Result, error) {
	n, err := w.Exec(query, args...)
	if err != nil {
		return nil, err
	}
	return writerResult(n), nil
}

// writerResult is the result of a Writer's statement: the rows it changed.
type writerResult int64

func (r writerResult) LastInsertId() (int64, error) {
	return 0, fmt.Errorf("store: LastInsertId is not supported (use RETURNING)")
}

func (r writerResult) RowsAffected() (int64, error) { return int64(r), nil }

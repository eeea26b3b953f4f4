package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
)

// sqliteBulk loads rows on SQLite through the writer connection, in one
// transaction. Into an empty table (the fast path) it turns the connection's
// foreign-key enforcement off, drops the table's secondary indexes, inserts
// plainly, then checks every foreign key with one pass over the table and
// rebuilds the indexes before committing; otherwise it upserts batches of
// rows, updating only those whose values differ.
type sqliteBulk struct {
	db      *DB
	ctx     context.Context
	t       Table
	conn    *sql.Conn
	tx      *sql.Tx
	runID   any
	batch   int
	stmt    *sql.Stmt
	args    []any
	pending int
	before  int64
	changed int64
	fast    bool       // the table was empty: plain inserts, no indexes
	indexes []indexDDL // the secondary indexes dropped by the fast path
	fkOff   bool       // foreign-key enforcement is off on conn
}

// indexDDL is an index of a table: its name and the statement that creates
// it.
type indexDDL struct{ name, create string }

func (db *DB) beginSQLiteBulk(ctx context.Context, t Table, runID int64) (*sqliteBulk, error) {
	conn, err := db.W.Conn(ctx)
	if err != nil {
		return nil, err
	}
	b := &sqliteBulk{db: db, ctx: ctx, t: t, conn: conn, runID: nullID(runID)}
	// SQLite allows 32,766 parameters a statement; batches of a few hundred
	// rows are past the point where larger batches stop paying.
	b.batch = min(500, 32000/(len(t.Columns)+1))
	if err := b.start(); err != nil {
		if b.tx != nil {
			b.tx.Rollback()
		}
		b.release()
		return nil, fmt.Errorf("bulk load into %s: %w", t.Name, err)
	}
	return b, nil
}

// start begins the transaction, on the fast path when the table is empty.
func (b *sqliteBulk) start() error {
	empty, err := b.isEmpty(b.conn)
	if err != nil {
		return err
	}
	if empty {
		// Enforcement can only be switched outside a transaction.
		if _, err := b.conn.ExecContext(b.ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return err
		}
		b.fkOff = true
	}
	if b.tx, err = b.conn.BeginTx(b.ctx, nil); err != nil {
		return err
	}
	if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM "+b.t.Name).Scan(&b.before); err != nil {
		return err
	}
	// Another writer may have filled the table in between: then the
	// ordinary path, with the foreign keys checked all the same at the end.
	b.fast = b.fkOff && b.before == 0
	if b.fast {
		if err := b.dropIndexes(); err != nil {
			return err
		}
	}
	b.stmt, err = b.tx.PrepareContext(b.ctx, b.insertSQL(b.batch))
	if err != nil {
		return err
	}
	b.args = make([]any, 0, b.batch*(len(b.t.Columns)+1))
	return nil
}

// isEmpty reports whether the table has no row.
func (b *sqliteBulk) isEmpty(conn *sql.Conn) (bool, error) {
	var exists int
	err := conn.QueryRowContext(b.ctx, "SELECT EXISTS (SELECT 1 FROM "+b.t.Name+")").Scan(&exists)
	return exists == 0, err
}

// insertSQL is the statement for rows rows: a plain INSERT on the fast path,
// the upsert otherwise.
func (b *sqliteBulk) insertSQL(rows int) string {
	values := "VALUES " + placeholders(rows, len(b.t.Columns)+1)
	if b.fast {
		return "INSERT INTO " + b.t.Name + " (" + strings.Join(b.t.Columns, ", ") + ", run_id) " + values
	}
	return b.db.upsertSQL(b.t, 0, values)
}

// dropIndexes drops the table's secondary indexes (those with a creating
// statement: not the key's), keeping their statements for the rebuild.
func (b *sqliteBulk) dropIndexes() error {
	rows, err := b.tx.QueryContext(b.ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL ORDER BY name`, b.t.Name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var ix indexDDL
		if err := rows.Scan(&ix.name, &ix.create); err != nil {
			rows.Close()
			return err
		}
		b.indexes = append(b.indexes, ix)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, ix := range b.indexes {
		if _, err := b.tx.ExecContext(b.ctx, `DROP INDEX "`+ix.name+`"`); err != nil {
			return err
		}
	}
	return nil
}

// Add queues one row and sends a full batch.
func (b *sqliteBulk) Add(row []any) error {
	if len(row) != len(b.t.Columns) {
		return fmt.Errorf("bulk load into %s: row has %d values, want %d", b.t.Name, len(row), len(b.t.Columns))
	}
	b.args = append(b.args, row...)
	b.args = append(b.args, b.runID)
	b.pending++
	if b.pending == b.batch {
		if err := b.exec(b.stmt.ExecContext); err != nil {
			return err
		}
	}
	return nil
}

// exec runs the pending rows through run and counts the rows changed.
func (b *sqliteBulk) exec(run func(context.Context, ...any) (sql.Result, error)) error {
	res, err := run(b.ctx, b.args...)
	if err != nil {
		return fmt.Errorf("bulk load into %s: %w", b.t.Name, err)
	}
	n, _ := res.RowsAffected()
	b.changed += n
	b.args, b.pending = b.args[:0], 0
	return nil
}

// Commit sends the last rows, checks the foreign keys and rebuilds the
// indexes the fast path dropped, and commits.
func (b *sqliteBulk) Commit() (BulkResult, error) {
	defer b.release()
	res, err := b.complete()
	if err != nil {
		b.tx.Rollback()
		return BulkResult{}, err
	}
	if err := b.tx.Commit(); err != nil {
		return BulkResult{}, err
	}
	return res, nil
}

// complete does everything of Commit but the commit itself.
func (b *sqliteBulk) complete() (BulkResult, error) {
	if b.pending > 0 {
		last := b.insertSQL(b.pending)
		err := b.exec(func(ctx context.Context, args ...any) (sql.Result, error) {
			return b.tx.ExecContext(ctx, last, args...)
		})
		if err != nil {
			return BulkResult{}, err
		}
	}
	if b.fkOff {
		if err := b.checkForeignKeys(); err != nil {
			return BulkResult{}, err
		}
	}
	for _, ix := range b.indexes {
		if _, err := b.tx.ExecContext(b.ctx, ix.create); err != nil {
			return BulkResult{}, fmt.Errorf("bulk load into %s: rebuild %s: %w", b.t.Name, ix.name, err)
		}
	}
	var after int64
	if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM "+b.t.Name).Scan(&after); err != nil {
		return BulkResult{}, err
	}
	ins := after - b.before
	return BulkResult{Inserted: ins, Updated: b.changed - ins}, nil
}

// checkForeignKeys checks every foreign key of the table in one pass, which
// enforcement row by row would have done during the load.
func (b *sqliteBulk) checkForeignKeys() error {
	rows, err := b.tx.QueryContext(b.ctx, "PRAGMA foreign_key_check("+b.t.Name+")")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid, fk sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("bulk load into %s: a row refers to a missing row of %s", b.t.Name, parent)
	}
	return rows.Err()
}

// Rollback abandons the load: the table and its indexes are as they were.
func (b *sqliteBulk) Rollback() error {
	defer b.release()
	return b.tx.Rollback()
}

// release closes the statement, turns foreign-key enforcement back on and
// returns the connection to the pool; a connection whose enforcement could
// not be restored is discarded.
func (b *sqliteBulk) release() {
	if b.stmt != nil {
		b.stmt.Close()
		b.stmt = nil
	}
	if b.conn == nil {
		return
	}
	if b.fkOff {
		if _, err := b.conn.ExecContext(context.WithoutCancel(b.ctx), "PRAGMA foreign_keys = ON"); err != nil {
			b.conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}
	b.conn.Close()
	b.conn = nil
}

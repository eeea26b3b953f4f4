package store

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// sqliteBulk loads rows on SQLite through the writer connection, in one
// transaction. It keeps the rows until Commit and only then takes the writer
// and begins the transaction, so that reading and checking a large file
// holds up no other writer; it writes the rows in key order,
// so that the key's index (and, on a re-load, the lookups of the rows already
// there) is walked page after page instead of at random. Into an empty table
// (the fast path) it turns the connection's foreign-key enforcement off,
// drops the table's secondary indexes, inserts plainly, then checks every
// foreign key with one pass over the table and rebuilds the indexes before
// committing; otherwise it upserts batches of rows, updating only those whose
// values differ. A re-load of most of a table first leaves out the rows
// stored with the same values, compared with the table read beside the rows
// coming in (storedSnapshot) when nothing was committed since, and with the
// table read by the writer otherwise.
type sqliteBulk struct {
	db       *DB
	ctx      context.Context
	t        Table
	conn     *sql.Conn
	tx       *sql.Tx
	runID    string // the run's id as an SQL literal
	batch    int
	stmt     *sql.Stmt
	rows     [][]any // the rows added, written at Commit
	key      []int   // the positions of the key's columns in a row
	args     []any
	pending  int
	before   int64 // the rows of the table before the load; -1: not counted (a small load)
	changed  int64
	inserted int64      // the rows of a small load whose keys are new (newKeys)
	fast     bool       // the table was empty: plain inserts, no indexes
	indexes  []indexDDL // the secondary indexes dropped by the fast path
	fkOff    bool       // foreign-key enforcement is off on conn
	snap     *storedSnapshot
	snapped  bool // the rows left out were found by the snapshot
}

// indexDDL is an index of a table: its name and the statement that creates
// it.
type indexDDL struct{ name, create string }

// beginSQLiteBulk prepares a load into t; Commit takes the writer.
func (db *DB) beginSQLiteBulk(ctx context.Context, t Table, runID int64) (*sqliteBulk, error) {
	b := &sqliteBulk{db: db, ctx: ctx, t: t, runID: "NULL"}
	if runID != 0 {
		// A literal: the same for every row, it need not be bound to each.
		b.runID = strconv.FormatInt(runID, 10)
	}
	// SQLite allows 32,766 parameters a statement; batches of a few hundred
	// rows are past the point where larger batches stop paying.
	b.batch = min(500, 32000/(len(t.Columns)+1))
	for _, k := range t.Key {
		if i := slices.Index(t.Columns, k); i >= 0 {
			b.key = append(b.key, i)
		}
	}
	b.snap = db.snapshotTable(ctx, t, b.key)
	return b, nil
}

// start takes the writer connection and begins the transaction, on the
// fast path when the table is empty.
func (b *sqliteBulk) start() error {
	conn, err := b.db.W.Conn(b.ctx)
	if err != nil {
		return err
	}
	b.conn = conn
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
	// Another writer may have filled the table in between: then the
	// ordinary path, with the foreign keys checked all the same at the end.
	if b.fkOff {
		if b.fast, err = b.isEmpty(b.tx); err != nil {
			return err
		}
	}
	// A load of fewer rows than snapshotFrom does not count the table (a
	// count of millions of rows, twice, would cost more than the load): it
	// tells its inserted rows by looking their keys up (newKeys).
	b.before = -1
	if !b.fast && len(b.rows) >= snapshotFrom {
		if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM "+b.t.Name).Scan(&b.before); err != nil {
			return err
		}
	}
	if b.fast {
		if err := b.dropIndexes(); err != nil {
			return err
		}
	}
	b.stmt, err = b.tx.PrepareContext(b.ctx, b.insertSQL(b.batch))
	if err != nil {
		return err
	}
	b.args = make([]any, 0, b.batch*len(b.t.Columns))
	return nil
}

// isEmpty reports whether the table has no row, read through q (the
// load's connection or its transaction).
func (b *sqliteBulk) isEmpty(q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (bool, error) {
	var exists int
	err := q.QueryRowContext(b.ctx, "SELECT EXISTS (SELECT 1 FROM "+b.t.Name+")").Scan(&exists)
	return exists == 0, err
}

// newKeys returns how many distinct keys of the rows (in key order, their
// keys in keys) the table does not hold yet, each looked up in its key.
func (b *sqliteBulk) newKeys(order []int32, keys *rowKeys) (int64, error) {
	var where []string
	for _, i := range b.key {
		where = append(where, b.t.Columns[i]+" = ?")
	}
	stmt, err := b.tx.PrepareContext(b.ctx, "SELECT EXISTS (SELECT 1 FROM "+b.t.Name+" WHERE "+strings.Join(where, " AND ")+")")
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	var n int64
	args := make([]any, len(b.key))
	for j, i := range order {
		if j > 0 && bytes.Equal(keys.of(order[j-1]), keys.of(i)) {
			continue
		}
		for c, k := range b.key {
			args[c] = b.rows[i][k]
		}
		var exists int
		if err := stmt.QueryRowContext(b.ctx, args...).Scan(&exists); err != nil {
			return 0, err
		}
		if exists == 0 {
			n++
		}
	}
	return n, nil
}

// insertSQL is the statement for rows rows: a plain INSERT on the fast path,
// the upsert otherwise.
func (b *sqliteBulk) insertSQL(rows int) string {
	values := "VALUES " + placeholders(rows, len(b.t.Columns), b.runID)
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

// Add keeps one row for Commit.
func (b *sqliteBulk) Add(row []any) error {
	if len(row) != len(b.t.Columns) {
		return fmt.Errorf("bulk load into %s: row has %d values, want %d", b.t.Name, len(row), len(b.t.Columns))
	}
	b.rows = append(b.rows, row)
	b.snap.added(len(b.rows))
	return nil
}

// write sends the rows in key order, in full batches and one last short
// one. Rows with equal keys keep the order they came in, so that the last
// one wins as it would row by row. A re-load of most of a table leaves out
// first the rows stored already with the same values.
func (b *sqliteBulk) write() error {
	reload := !b.fast && b.before > 0 && int64(len(b.rows)) >= b.before/4
	var summed chan [][2]uint64
	if reload {
		// The rows' sums, for the snapshot, beside the sort.
		summed = make(chan [][2]uint64, 1)
		go func() { summed <- b.snap.sums(b.rows) }()
	}
	order, keys := sortedByKey(b.rows, b.key)
	if reload {
		sums := <-summed
		if b.snapped = b.snap.current(b.ctx); !b.snapped {
			if err := b.snap.readRows(b.ctx, b.tx, b.t, b.key, b.before); err != nil {
				return err
			}
		}
		order = b.snap.leaveOut(order, keys, sums)
	}
	if !b.fast && b.before < 0 {
		var err error
		if b.inserted, err = b.newKeys(order, keys); err != nil {
			return err
		}
	}
	for _, i := range order {
		b.args = append(b.args, b.rows[i]...)
		b.pending++
		b.rows[i] = nil
		if b.pending == b.batch {
			if err := b.exec(b.stmt.ExecContext); err != nil {
				return err
			}
		}
	}
	b.rows = nil
	if b.pending > 0 {
		last := b.insertSQL(b.pending)
		return b.exec(func(ctx context.Context, args ...any) (sql.Result, error) {
			return b.tx.ExecContext(ctx, last, args...)
		})
	}
	return nil
}

// storedForm returns a value as SQLite gives it back once stored: text as a
// string, whole numbers and booleans as int64, what a driver.Valuer stores
// (dates and months: ISO text) as that, nothing as nil. A value of another
// kind is returned as it is (and is then never taken for a stored one).
func storedForm(v any) any {
	switch x := v.(type) {
	case nil, string, int64:
		return v
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case int:
		return int64(x)
	case driver.Valuer:
		if s, err := x.Value(); err == nil {
			return storedForm(s)
		}
	}
	return v
}

// rowKeys are the keys of rows encoded as bytes (appendSortKey), one after
// the other.
type rowKeys struct {
	arena []byte
	ends  []int
}

// of returns the key of row i.
func (k *rowKeys) of(i int32) []byte {
	start := 0
	if i > 0 {
		start = k.ends[i-1]
	}
	return k.arena[start:k.ends[i]]
}

// sortedByKey returns the positions of rows in the order of their keys (the
// values at positions key), rows with equal keys in the order they came in,
// and the keys. Each key is encoded once, in the form SQLite stores it, into
// bytes whose order is the order SQLite gives what the values store (NULL
// first, numbers by value, text byte by byte), so that sorting compares
// bytes instead of values.
func sortedByKey(rows [][]any, key []int) ([]int32, *rowKeys) {
	keys := &rowKeys{arena: make([]byte, 0, len(rows)*32), ends: make([]int, len(rows))}
	for i, row := range rows {
		for _, k := range key {
			keys.arena = appendSortKey(keys.arena, storedForm(row[k]))
		}
		keys.ends[i] = len(keys.arena)
	}
	// Most comparisons are decided by the keys' first 16 bytes, read once
	// as two numbers (padded with zeros: a key and its prefix tie there,
	// and the whole keys decide).
	entries := make([]keyEntry, len(rows))
	for i := range entries {
		k := keys.of(int32(i))
		var head [16]byte
		copy(head[:], k)
		entries[i] = keyEntry{binary.BigEndian.Uint64(head[:8]), binary.BigEndian.Uint64(head[8:]), int32(i)}
	}
	slices.SortFunc(entries, func(x, y keyEntry) int {
		if c := cmp.Compare(x.hi, y.hi); c != 0 {
			return c
		}
		if c := cmp.Compare(x.lo, y.lo); c != 0 {
			return c
		}
		if c := bytes.Compare(keys.of(x.row), keys.of(y.row)); c != 0 {
			return c
		}
		return cmp.Compare(x.row, y.row)
	})
	order := make([]int32, len(rows))
	for i, e := range entries {
		order[i] = e.row
	}
	return order, keys
}

// keyEntry is a row's position and the first 16 bytes of its key.
type keyEntry struct {
	hi, lo uint64
	row    int32
}

// appendSortKey appends the encoding of one value of a key, in its stored
// form: a tag byte (NULL, number, text, other), then a number as big-endian
// with the sign bit flipped, text followed by a zero byte (which valid text
// never holds) so that a prefix sorts first.
func appendSortKey(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 0)
	case int64:
		return binary.BigEndian.AppendUint64(append(b, 1), uint64(x)^1<<63)
	case string:
		return append(append(append(b, 2), x...), 0)
	}
	return append(b, 3)
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

// Commit takes the writer, writes the rows, checks the foreign keys and
// rebuilds the indexes the fast path dropped, and commits.
func (b *sqliteBulk) Commit() (BulkResult, error) {
	defer b.release()
	if err := b.start(); err != nil {
		if b.tx != nil {
			b.tx.Rollback()
		}
		return BulkResult{}, fmt.Errorf("bulk load into %s: %w", b.t.Name, err)
	}
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
	if err := b.write(); err != nil {
		return BulkResult{}, err
	}
	if helpers := min(runtime.NumCPU()-1, 7); len(b.indexes) > 0 && helpers > 0 {
		// Each rebuild sorts every row: SQLite's sorter may share that
		// work with helper threads.
		if _, err := b.tx.ExecContext(b.ctx, "PRAGMA threads = "+strconv.Itoa(helpers)); err != nil {
			return BulkResult{}, err
		}
	}
	for _, ix := range b.indexes {
		if _, err := b.tx.ExecContext(b.ctx, ix.create); err != nil {
			return BulkResult{}, fmt.Errorf("bulk load into %s: rebuild %s: %w", b.t.Name, ix.name, err)
		}
	}
	// After the rebuild: the distinct keys of a column are then read in
	// the order of its index.
	if b.fkOff {
		if err := b.checkForeignKeys(); err != nil {
			return BulkResult{}, err
		}
	}
	ins := b.inserted
	switch {
	case b.fast:
		ins = b.changed // plain inserts into the empty table
	case b.before >= 0:
		var after int64
		if err := b.tx.QueryRowContext(b.ctx, "SELECT count(*) FROM "+b.t.Name).Scan(&after); err != nil {
			return BulkResult{}, err
		}
		ins = after - b.before
	}
	return BulkResult{Inserted: ins, Updated: b.changed - ins}, nil
}

// foreignKey is a foreign key of a table: its columns and the parent's.
type foreignKey struct {
	parent   string
	from, to []string
}

// checkForeignKeys checks every foreign key of the table, which
// enforcement row by row would have done during the load: for each, one
// anti-join of the distinct keys the table holds (read in the order of the
// column's index, where it has one) with the parent, a look-up per distinct
// key instead of one per row. A row whose key has a NULL refers to nothing,
// as SQLite has it. On the fast path every row carries the load's own run,
// whose one row is looked up instead.
func (b *sqliteBulk) checkForeignKeys() error {
	fks, err := b.foreignKeys()
	if err != nil {
		return err
	}
	for _, fk := range fks {
		var q string
		if b.fast && len(fk.from) == 1 && fk.from[0] == "run_id" && len(fk.to) == 1 {
			if b.runID == "NULL" {
				continue
			}
			q = "SELECT NOT EXISTS (SELECT 1 FROM " + fk.parent + " WHERE " + fk.to[0] + " = " + b.runID + ")"
		} else {
			var notNull, join []string
			for i, c := range fk.from {
				notNull = append(notNull, c+" IS NOT NULL")
				join = append(join, "p."+fk.to[i]+" = k."+c)
			}
			q = "SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT " + strings.Join(fk.from, ", ") + " FROM " + b.t.Name +
				" WHERE " + strings.Join(notNull, " AND ") + ") k WHERE NOT EXISTS (SELECT 1 FROM " + fk.parent +
				" p WHERE " + strings.Join(join, " AND ") + "))"
		}
		var missing bool
		if err := b.tx.QueryRowContext(b.ctx, q).Scan(&missing); err != nil {
			return err
		}
		if missing {
			return fmt.Errorf("bulk load into %s: a row refers to a missing row of %s", b.t.Name, fk.parent)
		}
	}
	return nil
}

// foreignKeys returns the table's foreign keys. A key that names no
// parent column (the parent's primary key, implied) is given the parent's
// key columns.
func (b *sqliteBulk) foreignKeys() ([]foreignKey, error) {
	rows, err := b.tx.QueryContext(b.ctx, "SELECT id, \"table\", \"from\", COALESCE(\"to\", '') FROM pragma_foreign_key_list($1) ORDER BY id, seq", b.t.Name)
	if err != nil {
		return nil, err
	}
	var fks []foreignKey
	last := -1
	for rows.Next() {
		var id int
		var parent, from, to string
		if err := rows.Scan(&id, &parent, &from, &to); err != nil {
			rows.Close()
			return nil, err
		}
		if id != last {
			fks = append(fks, foreignKey{parent: parent})
			last = id
		}
		fk := &fks[len(fks)-1]
		fk.from, fk.to = append(fk.from, from), append(fk.to, to)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, fk := range fks {
		if slices.Contains(fk.to, "") {
			pk, err := b.primaryKey(fk.parent)
			if err != nil {
				return nil, err
			}
			if len(pk) != len(fk.from) {
				return nil, fmt.Errorf("bulk load into %s: the foreign key to %s has %d columns, its key %d", b.t.Name, fk.parent, len(fk.from), len(pk))
			}
			fks[i].to = pk
		}
	}
	return fks, nil
}

// primaryKey returns the columns of a table's primary key, in order.
func (b *sqliteBulk) primaryKey(table string) ([]string, error) {
	rows, err := b.tx.QueryContext(b.ctx, "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Rollback abandons the load: nothing was written, the rows kept are
// dropped.
func (b *sqliteBulk) Rollback() error {
	b.rows = nil
	b.snap.close()
	return nil
}

// release closes the statement and the load's connection. The connection
// is not returned to the pool: after a load its page cache holds the
// load's pages, and SQLite then scans the cache's table at the end of every
// later transaction of that connection (pcache1Truncate: 0.2 ms a commit
// after the demo's loads, a fifth of the time of its claims); the next
// writer opens a fresh one, with foreign-key enforcement on and no sorter
// threads.
func (b *sqliteBulk) release() {
	b.snap.close()
	if b.stmt != nil {
		b.stmt.Close()
		b.stmt = nil
	}
	if b.conn == nil {
		return
	}
	discard(b.conn)
	b.conn = nil
}

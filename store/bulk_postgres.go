package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"ansinh"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

type pgBulk struct {
	rows   chan [][]any // rows in batches of pgBatch
	batch  [][]any      // the rows added since the last batch was sent
	decide chan bool    // true: commit
	copied chan error
	result chan pgResult
	closed bool
	t      Table
	landed pgLanded // once the load has committed
}

// pgLanded tells how a committed load compared its rows with the table.
type pgLanded struct {
	snapped bool  // the rows left out were found by the table's snapshot (pgSnapshot)
	staged  int64 // the rows copied into the staging table or the table
}

type pgResult struct {
	r   BulkResult
	err error
}

// pgBatch is the number of rows Add sends to the load at once: one
// channel operation a row cost a tenth of a re-import's time.
const pgBatch = 256

// pgSource feeds COPY from the channel of batches of rows.
type pgSource struct {
	rows  chan [][]any
	batch [][]any // the current batch, from its current row on
	stop  <-chan struct{}
	abort bool
}

func (s *pgSource) Next() bool {
	if len(s.batch) > 1 {
		s.batch = s.batch[1:]
		return true
	}
	select {
	case b, ok := <-s.rows:
		if !ok || len(b) == 0 {
			s.batch = nil
			return false
		}
		s.batch = b
		return true
	case <-s.stop:
		s.abort = true
		return false
	}
}

func (s *pgSource) Values() ([]any, error) { return s.batch[0], nil }

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
	b := &pgBulk{rows: make(chan [][]any, 16), decide: make(chan bool, 1), copied: make(chan error, 1), result: make(chan pgResult, 1), t: t}
	stop := make(chan struct{})
	go func() {
		defer conn.Close()
		var res BulkResult
		err := conn.Raw(func(dc any) error {
			pc := dc.(*stdlib.Conn).Conn()
			var err error
			res, err = pgLoad(ctx, db, pc, t, runID, &pgSource{rows: b.rows, stop: stop}, b.copied, b.decide, &b.landed)
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

// pgLoad runs one load on a dedicated connection, in one transaction. Into
// an empty plain table (the fast path) it drops the table's foreign keys,
// indexes and key, COPYs the rows straight in and restores them, each foreign
// key checked by one anti-join. Otherwise it holds the rows until the caller
// commits; a re-load of most of the table leaves out the rows the table holds
// with the same values, compared with the table read beside them under a
// lock (pgSnapshot); the rest are COPYed into a temporary table, and the
// rows new or different (one anti-join against the table, when no snapshot
// found them) are upserted in key order.
func pgLoad(ctx context.Context, db *DB, pc *pgx.Conn, t Table, runID int64, src *pgSource, copied chan<- error, decide <-chan bool, out *pgLanded) (BulkResult, error) {
	// The staging table lives in the session's temporary buffers: with the
	// default 8 MB a load of a million rows goes to disk and back. The size
	// can only be set before the session's first temporary table, so a
	// refusal (a connection that staged a load before, already set) is
	// ignored.
	_, _ = pc.Exec(ctx, "SET temp_buffers = '"+pgLoadMemory+"'")
	tx, err := pc.Begin(ctx)
	if err != nil {
		copied <- err
		return BulkResult{}, err
	}
	defer tx.Rollback(ctx)
	// The anti-joins (the staged rows against the table, a restored
	// foreign key against its parent) hash a million rows in memory
	// instead of in batches on disk.
	if _, err = tx.Exec(ctx, "SET LOCAL work_mem = '"+pgLoadMemory+"'"); err != nil {
		copied <- err
		return BulkResult{}, err
	}
	l := &pgLoader{ctx: ctx, db: db, tx: tx, t: t, runID: runID}
	defer l.release()
	if err = l.prepare(); err == nil {
		err = l.copy(src)
	}
	copied <- err
	if err != nil {
		return BulkResult{}, fmt.Errorf("bulk load into %s: %w", t.Name, err)
	}
	if !<-decide {
		return BulkResult{}, errRolledBack
	}
	res, err := l.land()
	if err != nil {
		return BulkResult{}, fmt.Errorf("bulk load into %s: %w", t.Name, err)
	}
	out.snapped, out.staged = l.snapped, l.copied
	return res, tx.Commit(ctx)
}

// pgLoader is the state of one PostgreSQL load.
type pgLoader struct {
	ctx     context.Context
	db      *DB
	tx      pgx.Tx
	t       Table
	runID   int64
	before  int64
	copied  int64
	fast    *pgSchema // the fast path: what was dropped, to restore
	staging string

	// Into a table with rows: the rows held until the load lands, and the
	// snapshot of the table they are compared with (pgSnapshot).
	held    [][]any
	snap    *pgSnapshot
	sums    [][2]uint64 // the held rows' sums, once the snapshot is taken
	sumBuf  []byte
	snapped bool // the rows left out were found by the snapshot
}

// release stops the snapshot's read, if any, and drops the held rows.
func (l *pgLoader) release() {
	if l.snap != nil {
		l.snap.stop()
	}
	l.held, l.sums = nil, nil
}

// prepare takes the fast path when the table is empty, or creates the
// temporary staging table.
func (l *pgLoader) prepare() error {
	fast, err := l.emptyPlainTable()
	if err != nil || fast {
		if err == nil {
			l.fast, err = dropSchema(l.ctx, l.tx, l.t.Name)
		}
		return err
	}
	l.before = -1 // counted once the rows held reach snapshotFrom
	l.staging = "stage_" + l.t.Name
	_, err = l.tx.Exec(l.ctx, "CREATE TEMPORARY TABLE "+l.staging+" (LIKE "+l.t.Name+" INCLUDING DEFAULTS) ON COMMIT DROP")
	return err
}

// emptyPlainTable reports whether the table is empty and not partitioned;
// an empty table is then locked, readers included, for the load, and found
// empty again under the lock.
func (l *pgLoader) emptyPlainTable() (bool, error) {
	var kind string
	err := l.tx.QueryRow(l.ctx, "SELECT relkind::text FROM pg_class WHERE oid = $1::regclass", l.t.Name).Scan(&kind)
	if err != nil || kind != "r" {
		return false, err
	}
	exists := func() (bool, error) {
		var e bool
		err := l.tx.QueryRow(l.ctx, "SELECT EXISTS (SELECT 1 FROM "+l.t.Name+")").Scan(&e)
		return e, err
	}
	if e, err := exists(); e || err != nil {
		return false, err
	}
	if _, err := l.tx.Exec(l.ctx, "LOCK TABLE "+l.t.Name+" IN ACCESS EXCLUSIVE MODE"); err != nil {
		return false, err
	}
	e, err := exists()
	return !e, err
}

// copy streams the rows into the table on the fast path; otherwise it
// holds them for land, and locks and reads the table once they reach a
// quarter of it (pgSnapshot).
func (l *pgLoader) copy(src *pgSource) error {
	if l.fast != nil {
		cols := append(append([]string{}, l.t.Columns...), "run_id")
		n, err := l.tx.CopyFrom(l.ctx, pgx.Identifier{l.t.Name}, cols, &pgConverted{src: src, fast: true, run: nullID(l.runID)})
		l.copied = n
		return err
	}
	from := int64(snapshotFrom)
	for src.Next() {
		row, _ := src.Values()
		l.held = append(l.held, row)
		if l.before < 0 && len(l.held) >= snapshotFrom {
			if err := l.tx.QueryRow(l.ctx, "SELECT count(*) FROM "+l.t.Name).Scan(&l.before); err != nil {
				return err
			}
			from = max(from, l.before/4)
		}
		if l.snap == nil && l.before >= 0 && int64(len(l.held)) >= from {
			if err := l.lockAndSnapshot(l.before); err != nil {
				return err
			}
			// A re-load is about the size of the table.
			l.held = slices.Grow(l.held, max(int(l.before)-len(l.held), 0))
			l.sums = make([][2]uint64, 0, cap(l.held))
		}
		if l.snap != nil {
			l.sumHeld()
		}
	}
	return src.Err()
}

// stage copies rows into the staging table.
func (l *pgLoader) stage(rows [][]any) error {
	n, err := l.tx.CopyFrom(l.ctx, pgx.Identifier{l.staging}, l.t.Columns, &pgConverted{src: pgx.CopyFromRows(rows)})
	l.copied = n
	return err
}

// land restores what the fast path dropped, or upserts the staged rows that
// are new or differ.
func (l *pgLoader) land() (BulkResult, error) {
	if l.fast != nil {
		if err := l.fast.restore(l.ctx, l.tx); err != nil {
			return BulkResult{}, err
		}
		return BulkResult{Inserted: l.copied}, nil
	}
	if l.snap != nil {
		if <-l.snap.done; l.snap.err == nil {
			return l.landChanged()
		}
	}
	if err := l.stage(l.held); err != nil {
		return BulkResult{}, err
	}
	l.held = nil
	if _, err := l.tx.Exec(l.ctx, "ANALYZE "+l.staging); err != nil {
		return BulkResult{}, err
	}
	// A load of fewer rows than snapshotFrom did not count the table: its
	// new keys are counted before it lands, by looking them up.
	var inserted int64
	if l.before < 0 {
		if err := l.tx.QueryRow(l.ctx, l.newKeysSQL()).Scan(&inserted); err != nil {
			return BulkResult{}, err
		}
	}
	hashed := l.before >= 0 && l.copied*4 >= l.before
	if hashed {
		if err := l.hashJoins(false); err != nil {
			return BulkResult{}, err
		}
	}
	tag, err := l.tx.Exec(l.ctx, l.db.upsertSQL(l.t, l.runID, l.changedRows()), nullID(l.runID))
	if err != nil {
		return BulkResult{}, err
	}
	if hashed {
		if err := l.hashJoins(true); err != nil {
			return BulkResult{}, err
		}
	}
	// Inserted rows are told from updated ones by counting the table
	// before and after (RETURNING xmax is not allowed on partitioned tables).
	if l.before >= 0 {
		var after int64
		if err := l.tx.QueryRow(l.ctx, "SELECT count(*) FROM "+l.t.Name).Scan(&after); err != nil {
			return BulkResult{}, err
		}
		inserted = after - l.before
	}
	return BulkResult{Inserted: inserted, Updated: tag.RowsAffected() - inserted}, nil
}

// newKeysSQL counts the distinct keys of the staged rows that the table
// does not hold, each looked up in the key's index.
func (l *pgLoader) newKeysSQL() string {
	var match []string
	for _, k := range l.t.Key {
		match = append(match, "t."+k+" = s."+k)
	}
	return "SELECT count(*) FROM (SELECT DISTINCT " + strings.Join(l.t.Key, ", ") + " FROM " + l.staging + ") s WHERE NOT EXISTS (SELECT 1 FROM " +
		l.t.Name + " t WHERE " + strings.Join(match, " AND ") + ")"
}

// landChanged upserts the held rows that the snapshot does not hold with
// the same values, in key order. The table being locked since the snapshot
// was read, the rows it gains are the rows inserted.
func (l *pgLoader) landChanged() (BulkResult, error) {
	l.snapped = true
	kept := l.snap.changed(l.held, l.sums)
	l.held, l.sums = nil, nil
	if len(kept) == 0 {
		return BulkResult{}, nil
	}
	if err := l.stage(kept); err != nil {
		return BulkResult{}, err
	}
	var cols []string
	for _, c := range l.t.Columns {
		cols = append(cols, "s."+c)
	}
	src := "SELECT " + strings.Join(cols, ", ") + ", $1::bigint FROM " + l.staging + " s ORDER BY " + strings.Join(prefixed("s.", l.t.Key), ", ")
	tag, err := l.tx.Exec(l.ctx, l.db.upsertSQL(l.t, l.runID, src), nullID(l.runID))
	if err != nil {
		return BulkResult{}, err
	}
	var after int64
	if err := l.tx.QueryRow(l.ctx, "SELECT count(*) FROM "+l.t.Name).Scan(&after); err != nil {
		return BulkResult{}, err
	}
	ins := after - int64(len(l.snap.stored))
	return BulkResult{Inserted: ins, Updated: tag.RowsAffected() - ins}, nil
}

// hashJoins turns the planner's merge and nested-loop joins off (or back
// on) for the rest of the transaction. A load of a quarter of the table or
// more then finds its changed rows by one hash anti-join, where PostgreSQL
// would rather sort both sides on their text keys (merge join: 11 s for the
// 1.4 million rows of a re-imported employment file, against 3 s hashed) or
// look each staged row up in the key's index (8 s); a small load keeps the
// look-ups, which read only its rows.
func (l *pgLoader) hashJoins(restore bool) error {
	v := "off"
	if restore {
		v = "on"
	}
	_, err := l.tx.Exec(l.ctx, "SET LOCAL enable_mergejoin = "+v+"; SET LOCAL enable_nestloop = "+v)
	return err
}

// changedRows selects the staged rows that are not in the table with the
// same values, in key order, so that the primary key's index is filled page
// after page instead of at random. Re-loading the same rows then reads the
// table once and writes nothing.
func (l *pgLoader) changedRows() string {
	var same []string
	for _, c := range l.t.Columns {
		if slices.Contains(l.t.Key, c) {
			same = append(same, "t."+c+" = s."+c)
		} else {
			same = append(same, "t."+c+" IS NOT DISTINCT FROM s."+c)
		}
	}
	var cols []string
	for _, c := range l.t.Columns {
		cols = append(cols, "s."+c)
	}
	return "SELECT " + strings.Join(cols, ", ") + ", $1::bigint FROM " + l.staging + " s WHERE NOT EXISTS (SELECT 1 FROM " +
		l.t.Name + " t WHERE " + strings.Join(same, " AND ") + ") ORDER BY " + strings.Join(prefixed("s.", l.t.Key), ", ")
}

// prefixed returns names each with prefix p.
func prefixed(p string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = p + n
	}
	return out
}

var errRolledBack = errors.New("rolled back")

// pgLoadMemory is the memory a load's sorts, hashes and staging table may
// use on the server, per load.
const pgLoadMemory = "256MB"

// pgConverted turns AnSinh's value types into what COPY's binary encoding
// takes: a Date becomes a time.Time, a Period its text.
type pgConverted struct {
	src  pgx.CopyFromSource
	buf  []any
	fast bool // append run
	run  any  // the run's id, appended to each row on the fast path
}

func (c *pgConverted) Next() bool { return c.src.Next() }
func (c *pgConverted) Err() error { return c.src.Err() }
func (c *pgConverted) Values() ([]any, error) {
	row, _ := c.src.Values()
	c.buf = c.buf[:0]
	for _, v := range row {
		c.buf = append(c.buf, pgValue(v))
	}
	if c.fast {
		c.buf = append(c.buf, c.run)
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
	b.batch = append(b.batch, row)
	if len(b.batch) < pgBatch {
		return nil
	}
	return b.send()
}

// send hands the rows added to the load.
func (b *pgBulk) send() error {
	batch := b.batch
	b.batch = make([][]any, 0, pgBatch)
	select {
	case b.rows <- batch:
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
		if commit && len(b.batch) > 0 {
			// A load that failed meanwhile tells its error below.
			_ = b.send()
		}
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

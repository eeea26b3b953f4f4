package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// A re-load of most of a table on SQLite leaves out the rows stored already
// with the same values (sqliteBulk.leaveOutUnchanged), which takes reading
// the whole table. A storedSnapshot reads it beside the file, on a reader
// connection, once the rows added reach a quarter of the table (counted
// once they reach snapshotFrom: a small load into a large table costs
// nothing): each stored row's key and a 128-bit sum of its values, in key
// order. At Commit, under
// the writer, the snapshot stands in for the table if no other connection
// has committed anything since it was read (SQLite's data_version of the
// reader's connection is unchanged): the comparison is then the one the
// writer would have made. Otherwise the writer reads the table again, into
// the same form, through its own transaction. Leaving a row in is always
// safe (the upsert compares it again); a row is left out only when its key
// and its sum are those of a stored row.
type storedSnapshot struct {
	cancel  context.CancelFunc
	wake    chan struct{} // closed to count the table
	woken   bool          // wake is closed (by the load's goroutine)
	start   chan struct{} // closed to begin reading
	quit    chan struct{} // closed when the load no longer needs the snapshot
	done    chan struct{} // closed when the reader has finished (or given up)
	at      atomic.Int64  // rows added from which to begin reading; 0: not known yet
	started bool          // start is closed (by the load's goroutine)
	ended   bool          // quit is closed (by the load's goroutine)
	seeds   [2]maphash.Seed

	// Set by the reader before done is closed.
	conn    *sql.Conn // the reader's connection, kept for the check at Commit
	version int64     // its data_version when it read the table
	keys    rowKeys
	stored  [][2]uint64 // the sum of each row read, in key order
	err     error
}

// snapshotFrom is the number of rows a load holds before its snapshot
// counts the table (SQLite) or locks and reads it (PostgreSQL, pgSnapshot),
// a variable for tests.
var snapshotFrom = 10_000

// errSnapshotAbandoned ends a snapshot the load no longer needs.
var errSnapshotAbandoned = errors.New("snapshot abandoned")

// snapshotTable starts the snapshot of t for a load keyed by the columns at
// positions key: it counts the stored rows when woken and reads them when
// told.
func (db *DB) snapshotTable(ctx context.Context, t Table, key []int) *storedSnapshot {
	s := &storedSnapshot{wake: make(chan struct{}), start: make(chan struct{}), quit: make(chan struct{}), done: make(chan struct{}),
		seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
	ctx, s.cancel = context.WithCancel(ctx)
	go func() {
		defer close(s.done)
		s.err = s.read(ctx, db, t, key)
		if s.err != nil && s.conn != nil {
			discard(s.conn)
			s.conn = nil
		}
	}()
	return s
}

// read waits to be woken, counts the table, waits to be started, and reads
// it.
func (s *storedSnapshot) read(ctx context.Context, db *DB, t Table, key []int) error {
	select {
	case <-s.wake:
	case <-s.quit:
		return errSnapshotAbandoned
	case <-ctx.Done():
		return ctx.Err()
	}
	conn, err := db.R.Conn(ctx)
	if err != nil {
		return err
	}
	s.conn = conn
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+t.Name).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return errors.New("empty table")
	}
	s.at.Store(max(n/4, 1))
	select {
	case <-s.start:
	case <-s.quit:
		return errSnapshotAbandoned
	case <-ctx.Done():
		return ctx.Err()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.readRows(ctx, tx, t, key, n); err != nil {
		return err
	}
	// In the same read transaction: the version of what was read.
	if err := tx.QueryRowContext(ctx, "PRAGMA data_version").Scan(&s.version); err != nil {
		return err
	}
	return tx.Commit()
}

// readRows reads the table's rows in key order through tx (of about n
// rows): each one's key and sum.
func (s *storedSnapshot) readRows(ctx context.Context, tx *sql.Tx, t Table, key []int, n int64) error {
	rows, err := tx.QueryContext(ctx, "SELECT "+strings.Join(t.Columns, ", ")+" FROM "+t.Name+" ORDER BY "+strings.Join(keyNames(t, key), ", "))
	if err != nil {
		return err
	}
	defer rows.Close()
	stored := make([]any, len(t.Columns))
	dest := make([]any, len(stored))
	for i := range stored {
		dest[i] = &stored[i]
	}
	s.keys = rowKeys{arena: make([]byte, 0, n*32), ends: make([]int, 0, n)}
	s.stored = make([][2]uint64, 0, n)
	var buf []byte
	for i := 0; rows.Next(); i++ {
		if i%4096 == 0 {
			select {
			case <-s.quit:
				return errSnapshotAbandoned
			default:
			}
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for _, k := range key {
			s.keys.arena = appendSortKey(s.keys.arena, stored[k])
		}
		s.keys.ends = append(s.keys.ends, len(s.keys.arena))
		var sum [2]uint64
		sum, buf = s.sum(stored, buf)
		s.stored = append(s.stored, sum)
	}
	return rows.Err()
}

// keyNames returns the names of the columns at positions key.
func keyNames(t Table, key []int) []string {
	out := make([]string, len(key))
	for j, i := range key {
		out[j] = t.Columns[i]
	}
	return out
}

// sum returns the 128-bit sum of a row's values in their stored form (nil,
// int64 or string, each tagged, text with its length); zero, which no row
// is then taken to equal, when a value is of another kind. buf is scratch
// space, returned grown.
func (s *storedSnapshot) sum(values []any, buf []byte) ([2]uint64, []byte) {
	buf = buf[:0]
	for _, v := range values {
		switch x := v.(type) {
		case nil:
			buf = append(buf, 0)
		case int64:
			buf = binary.BigEndian.AppendUint64(append(buf, 1), uint64(x))
		case string:
			buf = append(binary.BigEndian.AppendUint64(append(buf, 2), uint64(len(x))), x...)
		default:
			return [2]uint64{}, buf
		}
	}
	return [2]uint64{maphash.Bytes(s.seeds[0], buf), maphash.Bytes(s.seeds[1], buf)}, buf
}

// sums returns the sums of rows (their values in stored form), by position.
// It is run beside the sort of the rows by key.
func (s *storedSnapshot) sums(rows [][]any) [][2]uint64 {
	out := make([][2]uint64, len(rows))
	values := make([]any, 0, 16)
	var buf []byte
	for i, row := range rows {
		values = values[:0]
		for _, v := range row {
			values = append(values, storedForm(v))
		}
		out[i], buf = s.sum(values, buf)
	}
	return out
}

// added tells the snapshot how many rows the load holds: from snapshotFrom
// on, it counts the table; from a quarter of the table on, it reads it.
func (s *storedSnapshot) added(rows int) {
	if !s.woken && rows >= snapshotFrom {
		s.woken = true
		close(s.wake)
	}
	if at := s.at.Load(); at > 0 && int64(rows) >= at {
		s.begin()
	}
}

// begin lets the reader count and read the table, once.
func (s *storedSnapshot) begin() {
	if !s.woken {
		s.woken = true
		close(s.wake)
	}
	if !s.started {
		s.started = true
		close(s.start)
	}
}

// current waits for the snapshot (beginning it now if the rows never
// reached a quarter of the table) and reports whether it holds the table as
// it is: read without error, and nothing committed since by another
// connection. The caller holds the writer, so that nothing can be.
func (s *storedSnapshot) current(ctx context.Context) bool {
	s.begin()
	<-s.done
	if s.err != nil {
		return false
	}
	var now int64
	if err := s.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&now); err != nil {
		return false
	}
	return now == s.version
}

// close ends the snapshot: the reader stops, its connection is closed,
// not returned to the pool (endScan tells why).
func (s *storedSnapshot) close() {
	if !s.ended {
		s.ended = true
		close(s.quit)
		s.cancel()
	}
	<-s.done
	if s.conn != nil {
		discard(s.conn)
		s.conn = nil
	}
	s.keys, s.stored = rowKeys{}, nil
}

// leaveOut returns the positions among order (rows in key order, their keys
// in keys, their sums by position in sums) of the rows not stored with the
// same values according to the snapshot. A row it cannot match (a stored
// key in another order, a value stored in another form) stays, for the
// upsert to decide.
func (s *storedSnapshot) leaveOut(order []int32, keys *rowKeys, sums [][2]uint64) []int32 {
	kept := order[:0]
	j, n := 0, len(s.stored)
	for _, i := range order {
		k := keys.of(i)
		for j < n && bytes.Compare(s.keys.of(int32(j)), k) < 0 {
			j++
		}
		if j == n || !bytes.Equal(s.keys.of(int32(j)), k) || sums[i] == [2]uint64{} || sums[i] != s.stored[j] {
			kept = append(kept, i)
		}
	}
	return kept
}

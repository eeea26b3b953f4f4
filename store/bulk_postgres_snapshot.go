package store

import (
	"cmp"
	"context"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"

	"ansinh"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A re-load of most of a table on PostgreSQL compares the rows coming in
// with the table on the client, as on SQLite, instead of staging every row
// and anti-joining it on the server. Once the rows held reach a quarter of
// the table (and snapshotFrom), the load's transaction locks the table in
// SHARE ROW EXCLUSIVE mode (readers go on; writers of the table, another
// load included, wait for the load to commit) and a second connection reads
// the table, each row's values in PostgreSQL's text form, into a 128-bit
// sum of all its values, key included. Under the lock nothing can change
// the table until the load commits, so the snapshot is the table the load
// writes into. A row coming in is left out when a stored row has its sum;
// the others (all of them, when the snapshot fails) are staged and upserted
// as before. Leaving a row in is always safe: the upsert compares it again.
// The sums of both sides are sorted (sortSums) and merged: a hash table of
// a million sums cost several times as much, in misses of the cache.
type pgSnapshot struct {
	seeds  [2]maphash.Seed
	cancel context.CancelFunc
	done   chan struct{} // closed when the read has ended

	// Set by the reader before done is closed.
	stored []sumEntry // the sums of the rows read, sorted
	err    error
}

// lockAndSnapshot locks the load's table against other writers and starts
// reading it on another connection; about hint rows are expected.
func (l *pgLoader) lockAndSnapshot(hint int64) error {
	if _, err := l.tx.Exec(l.ctx, "LOCK TABLE "+l.t.Name+" IN SHARE ROW EXCLUSIVE MODE"); err != nil {
		return err
	}
	s := &pgSnapshot{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, done: make(chan struct{})}
	ctx, cancel := context.WithCancel(l.ctx)
	s.cancel = cancel
	l.snap = s
	go func() {
		defer close(s.done)
		s.err = s.read(ctx, l.db, l.t, hint)
	}()
	return nil
}

// read reads the table's rows in text form on a connection of its own.
func (s *pgSnapshot) read(ctx context.Context, db *DB, t Table, hint int64) error {
	conn, err := db.R.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		// Dates in the form pgText gives them.
		if _, err := tx.Exec(ctx, "SET LOCAL DateStyle = 'ISO, MDY'"); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT "+strings.Join(t.Columns, ", ")+" FROM "+t.Name, pgx.QueryResultFormats{pgx.TextFormatCode})
		if err != nil {
			return err
		}
		defer rows.Close()
		stored := make([]sumEntry, 0, hint)
		var buf []byte
		for rows.Next() {
			buf = buf[:0]
			for _, v := range rows.RawValues() {
				buf = appendField(buf, v, v == nil)
			}
			stored = append(stored, sumEntry{sum: s.sum(buf)})
		}
		if err := rows.Err(); err != nil {
			return err
		}
		sortSums(stored)
		s.stored = stored
		return tx.Commit(ctx)
	})
}

// sum returns the sum of a row's values encoded in buf (appendField).
func (s *pgSnapshot) sum(buf []byte) [2]uint64 {
	return [2]uint64{maphash.Bytes(s.seeds[0], buf), maphash.Bytes(s.seeds[1], buf)}
}

// compareSums orders sums.
func compareSums(a, b [2]uint64) int {
	if c := cmp.Compare(a[0], b[0]); c != 0 {
		return c
	}
	return cmp.Compare(a[1], b[1])
}

// sumRow returns the sum of a row coming in, each value in the text form
// PostgreSQL gives it back once stored (pgText); zero when a value has no
// such form here. buf is scratch space, returned grown.
func (s *pgSnapshot) sumRow(row []any, buf []byte) ([2]uint64, []byte) {
	buf = buf[:0]
	for _, v := range row {
		var ok bool
		if buf, ok = appendValue(buf, v); !ok {
			return [2]uint64{}, buf
		}
	}
	return s.sum(buf), buf
}

// changed returns the rows, of the sums given by position, that the
// snapshot does not hold with the same values.
func (s *pgSnapshot) changed(rows [][]any, sums [][2]uint64) [][]any {
	entries := make([]sumEntry, len(sums))
	for i, sum := range sums {
		entries[i] = sumEntry{sum, int32(i)}
	}
	sortSums(entries)
	var kept [][]any
	j := 0
	for _, e := range entries {
		for j < len(s.stored) && compareSums(s.stored[j].sum, e.sum) < 0 {
			j++
		}
		if e.sum == [2]uint64{} || j == len(s.stored) || s.stored[j].sum != e.sum {
			kept = append(kept, rows[e.row])
		}
	}
	return kept
}

// sumEntry is a row's sum and its position.
type sumEntry struct {
	sum [2]uint64
	row int32
}

// sortSums sorts entries by sum: by the sum's first half in six passes
// of eleven bits each (a comparison sort of a million sums took 0.7 s,
// this 0.1 s), then the rare runs that share it by the second half.
func sortSums(entries []sumEntry) {
	const bits, passes = 11, 6
	var counts [passes][1 << bits]int
	for _, e := range entries {
		for p := range passes {
			counts[p][e.sum[0]>>(p*bits)&(1<<bits-1)]++
		}
	}
	tmp := make([]sumEntry, len(entries))
	src, dst := entries, tmp
	for p := range passes {
		at := 0
		for d, n := range counts[p] {
			counts[p][d] = at
			at += n
		}
		for _, e := range src {
			d := e.sum[0] >> (p * bits) & (1<<bits - 1)
			dst[counts[p][d]] = e
			counts[p][d]++
		}
		src, dst = dst, src
	}
	// An even number of passes: the sorted entries are back in entries.
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].sum[0] == entries[i].sum[0] {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(entries[i:j], func(a, b sumEntry) int { return compareSums(a.sum, b.sum) })
		}
		i = j
	}
}

// appendField appends one value in text form, tagged (NULL, or a value with
// its length) so that no two rows' values run together alike.
func appendField(buf, v []byte, null bool) []byte {
	if null {
		return append(buf, 0)
	}
	return append(binary.BigEndian.AppendUint32(append(buf, 1), uint32(len(v))), v...)
}

// appendValue appends a value coming in as appendField does its text form
// (pgText), the length written once the text is; false when it has none
// here.
func appendValue(buf []byte, v any) ([]byte, bool) {
	at := len(buf)
	buf = append(buf, 1, 0, 0, 0, 0)
	buf, null, ok := pgText(buf, v)
	if !ok {
		return buf, false
	}
	if null {
		buf[at] = 0
		return buf[:at+1], true
	}
	binary.BigEndian.PutUint32(buf[at+1:], uint32(len(buf)-at-5))
	return buf, true
}

// pgText appends the text form PostgreSQL gives back for a value stored
// from v (with DateStyle ISO): text as it is, whole numbers in decimal,
// booleans as t or f, a date as YYYY-MM-DD, a month as AnSinh writes it to
// a text column (YYYY-MM). null reports a value stored as NULL; ok is false
// for a value of another kind, which is then never taken for a stored one.
func pgText(b []byte, v any) (out []byte, null, ok bool) {
	switch x := v.(type) {
	case nil:
		return b, true, true
	case string:
		return append(b, x...), false, true
	case int64:
		return strconv.AppendInt(b, x, 10), false, true
	case int:
		return strconv.AppendInt(b, int64(x), 10), false, true
	case int32:
		return strconv.AppendInt(b, int64(x), 10), false, true
	case bool:
		if x {
			return append(b, 't'), false, true
		}
		return append(b, 'f'), false, true
	case ansinh.Date:
		if x == 0 {
			return b, true, true
		}
		y, m, d := x.Time().Date()
		if y < 1 || y > 9999 {
			return b, false, false // PostgreSQL writes such years its own way
		}
		return appendDigits(append(appendDigits(append(appendDigits(b, y, 4), '-'), int(m), 2), '-'), d, 2), false, true
	case ansinh.Period:
		if x == 0 {
			return b, true, true
		}
		if y := x.Year(); y >= 0 && y <= 9999 {
			return appendDigits(append(appendDigits(b, y, 4), '-'), x.Month(), 2), false, true
		}
		return append(b, x.String()...), false, true
	}
	return b, false, false
}

// appendDigits appends n (not negative) in width decimal digits, zeros
// first.
func appendDigits(b []byte, n, width int) []byte {
	at := len(b)
	b = append(b, make([]byte, width)...)
	for i := len(b) - 1; i >= at; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return b
}

// stop ends the read, if it still runs, and waits for it.
func (s *pgSnapshot) stop() {
	s.cancel()
	<-s.done
	s.stored = nil
}

// sumHeld sums the held rows not summed yet.
func (l *pgLoader) sumHeld() {
	for i := len(l.sums); i < len(l.held); i++ {
		var sum [2]uint64
		sum, l.sumBuf = l.snap.sumRow(l.held[i], l.sumBuf)
		l.sums = append(l.sums, sum)
	}
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// openCachingSQLite opens a SQLite database of one connection whose
// statements are kept compiled, with a table t (k, v) of n rows.
func openCachingSQLite(t *testing.T, n int) *sql.DB {
	t.Helper()
	db := sql.OpenDB(newCachingConnector("file:" + filepath.Join(t.TempDir(), "c.db")))
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if _, err := db.Exec(`INSERT INTO t (k, v) VALUES (?, ?)`, i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// value reads t's v of key k.
func value(t *testing.T, q interface {
	QueryRow(string, ...any) *sql.Row
}, k int) string {
	t.Helper()
	var v string
	if err := q.QueryRow(`SELECT v FROM t WHERE k = ?`, k).Scan(&v); err != nil {
		t.Fatalf("key %d: %v", k, err)
	}
	return v
}

// TestCachedStatementsGiveTheSameAnswers: a statement kept compiled binds
// each call's arguments afresh; a query run again while its first rows are
// still open (in one transaction) reads its own rows; a statement is
// recompiled after the table it reads changes; a script runs every
// statement; the cache stays within its size while a statement in use is
// never evicted.
func TestCachedStatementsGiveTheSameAnswers(t *testing.T) {
	db := openCachingSQLite(t, 5)
	for k := 1; k <= 5; k++ {
		if got := value(t, db, k); got != fmt.Sprint("v", k) {
			t.Fatalf("key %d = %q", k, got)
		}
	}

	// The same query nested in itself: the inner call cannot reuse the
	// statement whose rows the outer one is reading.
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	const all = `SELECT k, v FROM t WHERE k >= ? ORDER BY k`
	outer, err := tx.Query(all, 1)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for outer.Next() {
		var k int
		var v string
		if err := outer.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		inner, err := tx.Query(all, k)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for inner.Next() {
			n++
		}
		inner.Close()
		if n != 5-k+1 {
			t.Fatalf("inner query from %d read %d rows", k, n)
		}
		seen++
	}
	outer.Close()
	tx.Rollback()
	if seen != 5 {
		t.Fatalf("outer query read %d rows", seen)
	}

	// A change of the table: the kept statement is compiled again.
	if _, err := db.Exec(`ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE t SET v = 'changed' WHERE k = ?`, 2); err != nil {
		t.Fatal(err)
	}
	if got := value(t, db, 2); got != "changed" {
		t.Fatalf("after the change: %q", got)
	}

	// A script (not kept) runs all its statements.
	if _, err := db.Exec(`INSERT INTO t (k, v) VALUES (6, 'v6'); INSERT INTO t (k, v) VALUES (7, 'v7')`); err != nil {
		t.Fatal(err)
	}
	if value(t, db, 7) != "v7" {
		t.Fatal("the script's second statement did not run")
	}

	// More distinct statements than the cache holds, on the connection of
	// rows still open.
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	held, err := conn.QueryContext(context.Background(), `SELECT k FROM t ORDER BY k`)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < stmtCacheSize+20; i++ {
		var one int
		if err := conn.QueryRowContext(context.Background(), fmt.Sprintf(`SELECT %d FROM t WHERE k = 1`, i)).Scan(&one); err != nil || one != i {
			t.Fatalf("statement %d: %d, %v", i, one, err)
		}
	}
	var ks []int
	for held.Next() {
		var k int
		held.Scan(&k)
		ks = append(ks, k)
	}
	if err := held.Close(); err != nil || len(ks) != 7 {
		t.Fatalf("the statement in use while others were evicted read %v, %v", ks, err)
	}
	err = conn.Raw(func(dc any) error {
		c := dc.(*cachingConn)
		if c.lru.Len() > stmtCacheSize || len(c.byQuery) != c.lru.Len() {
			return fmt.Errorf("cache of %d statements (%d by query), at most %d", c.lru.Len(), len(c.byQuery), stmtCacheSize)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestAnonymousParams(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SELECT $1, $2, $3`, `SELECT ?, ?, ?`},
		{`INSERT INTO t VALUES ($1, $2), ($3, $4)`, `INSERT INTO t VALUES (?, ?), (?, ?)`},
		{`SELECT '$1', $1 FROM t WHERE v = 'it''s $2' AND w = $2`, `SELECT '$1', ? FROM t WHERE v = 'it''s $2' AND w = ?`},
		{`SELECT "$1" FROM t WHERE a = $1 -- $2 here
			AND b = $2 /* $3 */ AND c = $3`, `SELECT "$1" FROM t WHERE a = ? -- $2 here
			AND b = ? /* $3 */ AND c = ?`},
		{`SELECT $1 WHERE $9 = $10`, `SELECT $1 WHERE $9 = $10`},                 // not in order
		{`SELECT $1 WHERE a >= $1`, `SELECT $1 WHERE a >= $1`},                   // used twice
		{`SELECT $2, $1`, `SELECT $2, $1`},                                       // out of order
		{`SELECT $1, ?`, `SELECT $1, ?`},                                         // mixed forms
		{`SELECT :a, $1`, `SELECT :a, $1`},                                       // named
		{`SELECT $1 FROM t WHERE v = 'open`, `SELECT $1 FROM t WHERE v = 'open`}, // unterminated: unchanged
		{`SELECT 1`, `SELECT 1`},
	}
	for _, tt := range tests {
		if got := anonymousParams(tt.in); got != tt.want {
			t.Errorf("anonymousParams(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var long, want strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&long, "($%d), ", i)
		want.WriteString("(?), ")
	}
	if got := anonymousParams(long.String()); got != want.String() {
		t.Errorf("$1..$12: %q", got)
	}
}

// TestManyNumberedParameters: a list of 15,000 values bound as $1…$15000
// reads back the values in their order.
func TestManyNumberedParameters(t *testing.T) {
	db := openCachingSQLite(t, 0)
	const n = 15000
	ph := make([]string, n)
	args := make([]any, n)
	for i := range n {
		ph[i] = fmt.Sprintf("($%d, %d)", i+1, i)
		args[i] = int64(i * 3)
	}
	var bad int
	q := `SELECT count(*) FROM (VALUES ` + strings.Join(ph, ", ") + `) WHERE column1 <> column2 * 3`
	if err := db.QueryRow(q, args...).Scan(&bad); err != nil || bad != 0 {
		t.Fatalf("%d values bound out of place, %v", bad, err)
	}
}

// TestAppendKeepsItsChunkCompiled: the statement of a full chunk of
// Writer.Append, longer than any statement otherwise kept, is compiled once
// and reused by the appends of later transactions; a longer list built for
// one call is not kept.
func TestAppendKeepsItsChunkCompiled(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.W.Exec(`CREATE TABLE a (k INTEGER PRIMARY KEY, v TEXT NOT NULL, b, c, d, e, f, g)`); err != nil {
		t.Fatal(err)
	}
	cols := []string{"k", "v", "b", "c", "d", "e", "f", "g"}
	chunk := sqliteChunk(len(cols))
	full := appendSQL("a", cols, chunk, true, nil)
	if len(full) <= stmtCacheMaxLen {
		t.Fatalf("a full chunk's statement of %d bytes: the test needs one longer than %d", len(full), stmtCacheMaxLen)
	}
	kept := func() (stmt any, long int) {
		conn, err := db.W.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.Raw(func(dc any) error {
			c := dc.(*cachingConn)
			if e, ok := c.byQuery[full]; ok {
				stmt = e.Value.(*cachedStmt).stmt
			}
			for q := range c.byQuery {
				if len(q) > stmtCacheMaxLen && q != full {
					long++
				}
			}
			return nil
		})
		return stmt, long
	}
	next := 0
	appendRows := func(n int) {
		rows := db.NewRows(len(cols))
		for range n {
			next++
			rows.Int(int64(next)).Text(fmt.Sprint("v", next)).Int(1).Int(2).Int(3).Int(4).Int(5).Int(6).End()
		}
		if err := db.Write(ctx, func(w *Writer) error { return w.Append("a", cols, rows) }); err != nil {
			t.Fatal(err)
		}
	}
	appendRows(chunk + 3)
	first, long := kept()
	if first == nil {
		t.Fatal("the full chunk's statement was not kept compiled")
	}
	appendRows(2*chunk + 1)
	if again, _ := kept(); again != first {
		t.Fatal("the next transaction's appends compiled the full chunk's statement again")
	}
	if long != 0 {
		t.Fatalf("%d other long statements kept", long)
	}
	if _, err := db.W.Exec(`INSERT INTO a (k, v) VALUES ` + strings.Repeat("(NULL, 'x'), ", 400) + `(NULL, 'y')`); err != nil {
		t.Fatal(err)
	}
	if _, long := kept(); long != 0 {
		t.Fatalf("a list of values built for one call was kept (%d long statements)", long)
	}
	var n int
	if err := db.W.QueryRow(`SELECT count(*) FROM a WHERE v LIKE 'v%'`).Scan(&n); err != nil || n != next {
		t.Fatalf("%d rows appended, %v; want %d", n, err, next)
	}
}

// TestAppendPassesItsValuesAsTheyAre: Writer.Append hands a chunk's values
// to the connection as one argument, not as one argument each for
// database/sql to check, convert and copy into a slice of its own (40
// bytes a value for each statement); the rows are written as given, NULLs
// included.
func TestAppendPassesItsValuesAsTheyAre(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.W.Exec(`CREATE TABLE a (k INTEGER PRIMARY KEY, v TEXT, b INTEGER, c INTEGER, d INTEGER, e INTEGER, f INTEGER, g INTEGER)`); err != nil {
		t.Fatal(err)
	}
	cols := []string{"k", "v", "b", "c", "d", "e", "f", "g"}
	const n = 20000
	rows := db.NewRows(len(cols)).Grow(n)
	for i := range n {
		rows.Int(int64(i)).Text("v")
		if i%3 == 0 {
			rows.Null()
		} else {
			rows.Int(int64(i) * 1000)
		}
		rows.Int(1).Int(2).Int(3).Int(4).Int(5).End()
	}
	write := func() uint64 {
		if _, err := db.W.Exec(`DELETE FROM a`); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if err := db.Write(ctx, func(w *Writer) error { return w.Append("a", cols, rows) }); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	write() // compiles the statements
	if perValue := float64(write()) / (n * float64(len(cols))); perValue > 20 {
		t.Errorf("Append allocated %.1f bytes a value", perValue)
	}
	var count, nulls, sum int64
	if err := db.W.QueryRow(`SELECT count(*), count(*) - count(b), sum(b) FROM a WHERE v = 'v' AND g = 5`).Scan(&count, &nulls, &sum); err != nil {
		t.Fatal(err)
	}
	want := int64(0)
	for i := range n {
		if i%3 != 0 {
			want += int64(i) * 1000
		}
	}
	if count != n || nulls != (n+2)/3 || sum != want {
		t.Errorf("%d rows, %d NULLs, sum %d; want %d, %d, %d", count, nulls, sum, n, (n+2)/3, want)
	}
}

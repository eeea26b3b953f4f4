package store

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// SQLite compiles a statement's text into a program on every call; the
// driver keeps no program between calls. A request of the web console or a
// step of a claim runs the same dozen queries again and again, and their
// compilation took a fifth of the CPU. The connections of a SQLite
// database therefore keep their most recent statements compiled
// (stmtCacheSize per connection), as PostgreSQL's driver does.

// stmtCacheSize is the number of compiled statements a SQLite connection
// keeps.
const stmtCacheSize = 128

// stmtCacheMaxLen is the longest statement text kept compiled: longer ones
// are lists of values built for one call, which would only push the
// queries that repeat out of the cache.
const stmtCacheMaxLen = 4096

// cachingConnector opens SQLite connections that keep their statements
// compiled.
type cachingConnector struct {
	dsn string
	drv driver.Driver
}

// newCachingConnector returns the connector of the SQLite database dsn,
// through the driver registered as "sqlite" (the one the store's SQL
// functions are registered with, sqlfuncs.go).
func newCachingConnector(dsn string) driver.Connector {
	db, _ := sql.Open("sqlite", "") // opens no connection
	defer db.Close()
	return &cachingConnector{dsn: dsn, drv: db.Driver()}
}

// Connect opens one connection.
func (c *cachingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return newCachingConn(conn), nil
}

// Driver returns the SQLite driver.
func (c *cachingConnector) Driver() driver.Driver { return c.drv }

// sqliteConn is what database/sql uses of a SQLite connection.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachedStmt is a compiled statement and whether rows of it are open.
type cachedStmt struct {
	query string
	stmt  driver.Stmt
	busy  bool
}

// cachingConn is a SQLite connection that keeps its most recently used
// statements compiled, least recently used evicted first. A statement whose
// rows are still open is not reused (the query is compiled afresh, as
// without the cache) nor closed until its rows are.
type cachingConn struct {
	sqliteConn
	lru     *list.List // of *cachedStmt, most recent first
	byQuery map[string]*list.Element
	args    []driver.NamedValue // expand's
}

func newCachingConn(c driver.Conn) driver.Conn {
	sc, ok := c.(sqliteConn)
	if !ok {
		return c // a driver without these methods: used as it is
	}
	return &cachingConn{sqliteConn: sc, lru: list.New(), byQuery: map[string]*list.Element{}}
}

// keepCompiled begins the text of a long statement that is run again and
// again with other values (Writer.Append's list of a full chunk of rows):
// it is kept compiled whatever its length.
const keepCompiled = "/* kept compiled */ "

// cacheable reports whether a statement is kept compiled: one statement (no
// script), not a pragma, and not a list of values built for one call
// (unless it begins with keepCompiled).
func cacheable(query string) bool {
	if strings.HasPrefix(query, keepCompiled) {
		return true
	}
	return len(query) <= stmtCacheMaxLen && !strings.Contains(query, ";") &&
		!strings.HasPrefix(strings.TrimSpace(strings.ToUpper(query[:min(len(query), 16)])), "PRAGMA")
}

// get returns the compiled statement of query, marked busy; nil when the
// query is not cacheable or its statement is busy.
func (c *cachingConn) get(ctx context.Context, query string) (*cachedStmt, error) {
	if !cacheable(query) {
		return nil, nil
	}
	if e, ok := c.byQuery[query]; ok {
		cs := e.Value.(*cachedStmt)
		if cs.busy {
			return nil, nil
		}
		c.lru.MoveToFront(e)
		cs.busy = true
		return cs, nil
	}
	st, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	cs := &cachedStmt{query: query, stmt: st, busy: true}
	c.byQuery[query] = c.lru.PushFront(cs)
	// The least recently used go first; those in use (busy) stay until a
	// later call.
	for e := c.lru.Back(); e != nil && c.lru.Len() > stmtCacheSize; {
		prev := e.Prev()
		if old := e.Value.(*cachedStmt); !old.busy {
			c.lru.Remove(e)
			delete(c.byQuery, old.query)
			old.stmt.Close()
		}
		e = prev
	}
	return cs, nil
}

// anonymousFrom is the number of arguments from which a statement's
// numbered parameters are rewritten as anonymous ones (anonymousParams).
const anonymousFrom = 32

// anonymousParams returns query with its parameters written "?" when they
// are $1, $2, … $n, each once and in that order in the text (outside
// quotes and comments): SQLite binds "?" in the order they appear, so the
// arguments bind as before. SQLite finds the name of a numbered parameter
// by a scan of all of them, and the driver asks for every parameter's name
// when it binds: a statement of thousands of "$N" (a list of values) took
// quadratic time to bind (15,000 parameters: 0.96 s, against 5 ms as "?").
// Any other query is returned unchanged.
func anonymousParams(query string) string {
	var out []byte
	last, next := 0, 1 // query[last:] is not copied yet; next is the number expected
	for i := 0; i < len(query); i++ {
		switch c := query[i]; {
		case c == '\'' || c == '"':
			j := strings.IndexByte(query[i+1:], c)
			if j < 0 {
				return query
			}
			i += j + 1 // a doubled quote inside is two quoted runs: the same
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				return query
			}
			i += j
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			j := strings.Index(query[i:], "*/")
			if j < 0 {
				return query
			}
			i += j + 1
		case c == '?' || c == ':' || c == '@':
			return query // parameters of another form
		case c == '$':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			if n, err := strconv.Atoi(query[i+1 : j]); err != nil || n != next {
				return query
			}
			if out == nil {
				out = make([]byte, 0, len(query))
			}
			out = append(append(out, query[last:i]...), '?')
			last, next = j, next+1
			i = j - 1
		}
	}
	if out == nil {
		return query
	}
	return string(append(out, query[last:]...))
}

// unnamed reports whether every argument is positional (none passed with
// sql.Named).
func unnamed(args []driver.NamedValue) bool {
	for _, a := range args {
		if a.Name != "" {
			return false
		}
	}
	return true
}

// prepared returns the text to run for query (anonymousParams) and its
// compiled statement, marked busy; nil when it has none (not cacheable, or
// busy).
func (c *cachingConn) prepared(ctx context.Context, query string, args []driver.NamedValue) (string, *cachedStmt, error) {
	if len(args) >= anonymousFrom && unnamed(args) {
		query = anonymousParams(query)
	}
	cs, err := c.get(ctx, query)
	return query, cs, err
}

// rowValues are the values of the rows one statement of Writer.Append
// inserts, passed to the connection as one argument: Rows holds them in the
// driver's own types already, and database/sql's check and conversion of
// each value (with a slice of thousands of arguments made for each
// statement) took a tenth of the writer's time in a close.
type rowValues []any

// CheckNamedValue passes rowValues to ExecContext as they are; any other
// argument is checked and converted as database/sql does by default.
func (c *cachingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if _, ok := nv.Value.(rowValues); ok {
		return nil
	}
	return driver.ErrSkip
}

// expand returns the statement's arguments: the values of a rowValues
// argument numbered in order (in a slice the connection reuses), any other
// arguments as they are.
func (c *cachingConn) expand(args []driver.NamedValue) []driver.NamedValue {
	if len(args) != 1 {
		return args
	}
	vals, ok := args[0].Value.(rowValues)
	if !ok {
		return args
	}
	c.args = slices.Grow(c.args[:0], len(vals))[:len(vals)]
	for i, v := range vals {
		c.args[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return c.args
}

// ExecContext runs query with its compiled statement when it has one.
func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	args = c.expand(args)
	query, cs, err := c.prepared(ctx, query, args)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	defer func() { cs.busy = false }()
	return cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs query with its compiled statement when it has one; the
// statement is free again when its rows are closed.
func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	query, cs, err := c.prepared(ctx, query, args)
	if err != nil {
		return nil, err
	}
	if cs == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	r, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		cs.busy = false
		return nil, err
	}
	return &cachedRows{Rows: r, cs: cs}, nil
}

// Close closes the compiled statements, then the connection.
func (c *cachingConn) Close() error {
	for e := c.lru.Front(); e != nil; e = e.Next() {
		e.Value.(*cachedStmt).stmt.Close()
	}
	c.lru.Init()
	clear(c.byQuery)
	return c.sqliteConn.Close()
}

// cachedRows are the rows of a compiled statement kept by its connection.
type cachedRows struct {
	driver.Rows
	cs *cachedStmt
}

// Close closes the rows and frees their statement for the next call.
func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.cs.busy = false
	return err
}

// ColumnTypeDatabaseTypeName returns the declared type of a column.
func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

// ColumnTypeScanType returns the Go type a column scans into.
func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

// ColumnTypeNullable reports whether a column may be NULL.
func (r *cachedRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}

// ColumnTypeLength returns the length of a variable-length column.
func (r *cachedRows) ColumnTypeLength(i int) (length int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

// ColumnTypePrecisionScale returns the precision and scale of a decimal
// column.
func (r *cachedRows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

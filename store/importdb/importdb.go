// Package importdb keeps the import jobs' records in the store: it
// implements importer.JobStore with the store core's bulk loads, its record
// of import runs and a lock per kind that a dead process cannot hold, and
// importer.RunLister, the list of those runs.
package importdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"ansinh"
	"ansinh/importer"
	"ansinh/store"
)

// Store implements importer.JobStore.
type Store struct {
	db    *store.DB
	mu    sync.Mutex
	locks map[int64]func() // the lock of each run this process runs
}

// New returns the import jobs' store of db.
func New(db *store.DB) *Store {
	return &Store{db: db, locks: map[int64]func(){}}
}

var _ importer.JobStore = (*Store)(nil)

// KeySet returns a membership test over the existing values of a column:
// on SQLite, for a file of up to lookupRows rows, one that looks each value
// up (store.DB.KeyLookup); otherwise the set of every value, read once
// (store.DB.KeySet). Not on PostgreSQL: there the load runs beside the
// reading of the file and, into an empty table, holds the tables its rows
// refer to (it drops and restores its foreign keys), so that a look-up
// would wait for the load, which waits for the rows.
func (s *Store) KeySet(ctx context.Context, table, column string, rows int) (func(string) bool, error) {
	if s.db.Engine == store.SQLite && rows > 0 && rows <= lookupRows {
		return s.db.KeyLookup(ctx, table, column), nil
	}
	return s.db.KeySet(ctx, table, column)
}

// lookupRows is the most rows of a file whose references are looked up one
// by one: a 100-row file checked against the 1,000,000 persons of a province
// read them all (about a second), where it now looks up 100 (a file's rows
// are guessed from its size).
const lookupRows = 1000

// BeginRun takes the kind's lock, marks failed the runs of the kind left
// running by a process that died, and records the new run. While another run
// of the kind holds the lock it refuses with an ECONFLICT error naming it.
func (s *Store) BeginRun(ctx context.Context, r importer.RunStart) (int64, error) {
	release, ok, err := s.lock(ctx, r.Kind)
	if err != nil {
		return 0, fmt.Errorf("lock import of %s: %w", r.Kind, err)
	}
	if !ok {
		return 0, s.running(ctx, r.Kind)
	}
	if _, err := s.db.W.ExecContext(ctx, `UPDATE import_runs SET status = 'failed', finished_at = $1
		WHERE kind = $2 AND status = 'running'`, s.db.Timestamp(s.db.Now()), r.Kind); err != nil {
		release()
		return 0, fmt.Errorf("close abandoned imports of %s: %w", r.Kind, err)
	}
	id, err := s.db.BeginRun(ctx, r.Kind, r.File, r.SHA256, r.Actor)
	if err != nil {
		release()
		return 0, err
	}
	s.mu.Lock()
	s.locks[id] = release
	s.mu.Unlock()
	return id, nil
}

// FinishRun records the end of run id and releases its kind's lock.
func (s *Store) FinishRun(ctx context.Context, id int64, status string, c importer.RunCounts) error {
	defer s.unlock(id)
	return s.db.FinishRun(ctx, id, status, store.RunCounts{Read: c.Read, Rejected: c.Rejected, Inserted: c.Inserted, Update: c.Updated})
}

// unlock releases the lock of run id.
func (s *Store) unlock(id int64) {
	s.mu.Lock()
	release := s.locks[id]
	delete(s.locks, id)
	s.mu.Unlock()
	if release != nil {
		release()
	}
}

// running is the refusal of an import of kind while another runs: it names
// the running one.
func (s *Store) running(ctx context.Context, kind string) error {
	var id int64
	var file, actor string
	var started any
	err := s.db.R.QueryRowContext(ctx, `SELECT id, file, actor, started_at FROM import_runs
		WHERE kind = $1 AND status = 'running' ORDER BY id DESC LIMIT 1`, kind).Scan(&id, &file, &actor, &started)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	vi := "một lần nhập " + kind + " khác đang chạy"
	en := "another " + kind + " import is running"
	if err == nil {
		at := startedAt(started)
		vi += fmt.Sprintf(" (lần nhập số %d, tệp %s, do %s bắt đầu lúc %s)", id, file, actor, at)
		en += fmt.Sprintf(" (run %d, file %s, started by %s at %s)", id, file, actor, at)
	}
	return &ansinh.Error{Code: ansinh.ECONFLICT, Field: "kind",
		Message:   vi + "; hãy đợi lần đó xong rồi nhập lại",
		MessageEN: en + "; wait for it to finish, then import again"}
}

// startedAt formats a run's start time, stored as RFC 3339 text (SQLite)
// or a timestamp (PostgreSQL), as HH:MM dd/mm/yyyy in Vietnam.
func startedAt(v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case string:
		t, _ = time.Parse(time.RFC3339Nano, x)
	case []byte:
		t, _ = time.Parse(time.RFC3339Nano, string(x))
	}
	if t.IsZero() {
		return "?"
	}
	return t.In(ansinh.Vietnam).Format("15:04 02/01/2006")
}

// BeginRunLoad starts a bulk load of kind k's rows stamped with run.
func (s *Store) BeginRunLoad(ctx context.Context, k *importer.Kind, run int64) (importer.Load, error) {
	t := store.Table{Name: k.Table, Key: k.Key}
	for _, c := range k.Columns {
		t.Columns = append(t.Columns, c.DB)
	}
	b, err := s.db.BeginBulk(ctx, t, run)
	if err != nil {
		return nil, err
	}
	return load{b}, nil
}

// load is a store bulk load seen as an importer load.
type load struct{ b store.Bulk }

func (l load) Add(row []any) error { return l.b.Add(row) }
func (l load) Rollback() error     { return l.b.Rollback() }
func (l load) Commit() (importer.LoadResult, error) {
	r, err := l.b.Commit()
	return importer.LoadResult{Inserted: r.Inserted, Updated: r.Updated}, err
}

// lock takes the lock of imports of kind, without waiting: ok is false when
// another run holds it. The lock dies with the process that holds it.
func (s *Store) lock(ctx context.Context, kind string) (release func(), ok bool, err error) {
	if s.db.Engine == store.Postgres {
		return s.advisoryLock(ctx, kind)
	}
	path := strings.TrimPrefix(s.db.String(), "sqlite:")
	if path == "" || strings.Contains(path, ":memory:") {
		return processLock(path + "\x00" + kind)
	}
	return fileLock(path + ".import-" + kind + ".lock")
}

// lockClass is the first key of the PostgreSQL advisory locks of imports.
const lockClass = 0x414e5349

// advisoryLock holds a PostgreSQL session advisory lock on a connection of
// its own for the run: the server releases it when the connection ends.
func (s *Store) advisoryLock(ctx context.Context, kind string) (func(), bool, error) {
	conn, err := s.db.W.Conn(ctx)
	if err != nil {
		return nil, false, err
	}
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1, hashtext($2))", lockClass, kind).Scan(&got); err != nil || !got {
		conn.Close()
		return nil, false, err
	}
	return func() {
		conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1, hashtext($2))", lockClass, kind)
		conn.Close()
	}, true, nil
}

// held are the process-local locks (an in-memory database).
var held sync.Map

// processLock is a lock within this process.
func processLock(key string) (func(), bool, error) {
	if _, taken := held.LoadOrStore(key, true); taken {
		return nil, false, nil
	}
	return func() { held.Delete(key) }, true, nil
}

var _ importer.RunLister = (*Store)(nil)

// ListRuns returns the latest import runs, newest first, of the actor only
// when actor is not empty; limit 0 or less is 20.
func (s *Store) ListRuns(ctx context.Context, actor string, limit int) ([]importer.RunRecord, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, kind, file, actor, started_at, finished_at, rows_read, inserted, updated, rejected, status
		FROM import_runs WHERE ($1 = '' OR actor = $1) ORDER BY id DESC LIMIT $2`, actor, limit)
	if err != nil {
		return nil, fmt.Errorf("import runs: %w", err)
	}
	defer rows.Close()
	var out []importer.RunRecord
	for rows.Next() {
		var r importer.RunRecord
		if err := rows.Scan(&r.ID, &r.Kind, &r.File, &r.Actor, store.ScanTime(&r.StartedAt), store.ScanTime(&r.FinishedAt),
			&r.RowsRead, &r.Inserted, &r.Updated, &r.Rejected, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

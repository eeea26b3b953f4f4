package store

import (
	"context"
	"fmt"
	"time"
)

// ImportRun is the record of one import: what, by whom, when, and its
// counts.
type ImportRun struct {
	ID         int64
	Kind       string
	File       string
	Actor      string
	StartedAt  time.Time
	FinishedAt time.Time
	RowsRead   int
	Inserted   int
	Updated    int
	Rejected   int
	Status     string // running, committed, refused, failed
}

// ListImportRuns returns the latest import runs, of the actor only when
// actor is not empty.
func (db *DB) ListImportRuns(ctx context.Context, actor string, limit int) ([]ImportRun, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.R.QueryContext(ctx, `SELECT id, kind, file, actor, started_at, finished_at, rows_read, inserted, updated, rejected, status
		FROM import_runs WHERE ($1 = '' OR actor = $1) ORDER BY id DESC LIMIT $2`, actor, limit)
	if err != nil {
		return nil, fmt.Errorf("import runs: %w", err)
	}
	defer rows.Close()
	var out []ImportRun
	for rows.Next() {
		var r ImportRun
		if err := rows.Scan(&r.ID, &r.Kind, &r.File, &r.Actor, webTime{&r.StartedAt}, webTime{&r.FinishedAt},
			&r.RowsRead, &r.Inserted, &r.Updated, &r.Rejected, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

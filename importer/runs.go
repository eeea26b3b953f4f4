package importer

import (
	"context"
	"time"
)

// RunRecord is the record of one import run: what, by whom, when, and its
// counts.
type RunRecord struct {
	ID         int64
	Kind       string
	File       string
	Actor      string
	StartedAt  time.Time
	FinishedAt time.Time // zero while it runs
	RowsRead   int
	Inserted   int
	Updated    int
	Rejected   int
	Status     string // RunRunning, RunCommitted, RunRefused or RunFailed
}

// RunLister lists the records of import runs, for the pages that show
// them; the store implements it (store/importdb).
type RunLister interface {
	// ListRuns returns the latest runs, newest first, of the actor only
	// when actor is not empty; limit 0 or less is 20.
	ListRuns(ctx context.Context, actor string, limit int) ([]RunRecord, error)
}

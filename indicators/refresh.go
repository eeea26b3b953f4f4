package indicators

import (
	"context"
	"errors"
)

// Writer stores the facts of a refresh, replacing the previous ones in one
// transaction; the store implements it.
type Writer interface {
	// BeginRefresh records the start of a refresh by actor and returns its
	// run's id.
	BeginRefresh(ctx context.Context, actor string, opt Options) (int64, error)
	// FinishRefresh stores res (replacing every fact) and marks the run
	// done; with a non-nil cause it marks the run failed and stores
	// nothing.
	FinishRefresh(ctx context.Context, run int64, res *Result, cause error) error
}

// Refresh recomputes every indicator fact from src and stores them with w:
// the batch job of the indicators, idempotent (the same data give the same
// facts) and safe to re-run after a crash (the facts are replaced in one
// transaction, or not at all).
func Refresh(ctx context.Context, src Source, w Writer, actor string, opt Options) (*Result, error) {
	if opt.From.IsZero() {
		opt.From = DefaultFrom
	}
	run, err := w.BeginRefresh(ctx, actor, opt)
	if err != nil {
		return nil, err
	}
	res, err := Compute(ctx, src, opt)
	if err != nil {
		return nil, errors.Join(err, w.FinishRefresh(ctx, run, nil, err))
	}
	if err := w.FinishRefresh(ctx, run, res, nil); err != nil {
		return nil, err
	}
	opt.step(RefreshSteps)
	return res, nil
}

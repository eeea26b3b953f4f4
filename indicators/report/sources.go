package report

import (
	"context"
	"time"

	"ansinh/indicators"
	"ansinh/plan"
)

// Indicators is what a report reads of the stored indicators: the last
// refresh, the facts, the units and the targets.
type Indicators interface {
	// LastRun returns the latest refresh that finished, or an error
	// wrapping indicators.ErrNoRun.
	LastRun(ctx context.Context) (indicators.Run, error)
	Facts(ctx context.Context, f indicators.FactFilter) ([]indicators.Facts, error)
	IndicatorUnits(ctx context.Context) (map[indicators.UnitKey]indicators.Unit, error)
	TargetBook(ctx context.Context) (*indicators.TargetBook, error)
}

// ArrearsSource sums up the arrears of a year, from the monthly close
// (Arrears.Available false when no month of the year was closed).
type ArrearsSource interface {
	Arrears(ctx context.Context, year int) (Arrears, error)
}

// ComplianceSource sums up the cross-matching's findings and inspection
// cases (Compliance.Available false when it has not run).
type ComplianceSource interface {
	Compliance(ctx context.Context) (Compliance, error)
}

// PlanSource gives the plan's tasks and the officers' reports on them (a
// plan.Store answers it).
type PlanSource interface {
	// EnsureTasks adds the tasks the plan lacks, leaving those officers
	// changed as they are, and returns how many it added.
	EnsureTasks(ctx context.Context, tasks []plan.Task, actor string) (int, error)
	Tasks(ctx context.Context) ([]plan.Task, error)
	// Reports returns the reports on a task ("" all), newest first.
	Reports(ctx context.Context, taskID string) ([]plan.Report, error)
}

// Sources are what a report is built from; cmd wires them.
type Sources struct {
	Indicators Indicators
	Arrears    ArrearsSource    // nil: the arrears part is left out
	Compliance ComplianceSource // nil: the compliance part is left out
	Plan       PlanSource
	Now        func() time.Time // the clock of the default issue date
}

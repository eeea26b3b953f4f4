package web

import (
	"context"

	"ansinh"
	"ansinh/indicators"
)

// IndicatorStore is what the dashboard, the targets page and the report
// pages read and write of the indicators' storage: the last refresh, the
// stored facts and units, the targets and allocations, and the counts of
// participants by commune.
type IndicatorStore interface {
	LastRun(ctx context.Context) (indicators.Run, error)
	Facts(ctx context.Context, f indicators.FactFilter) ([]indicators.Facts, error)
	IndicatorUnits(ctx context.Context) (map[indicators.UnitKey]indicators.Unit, error)
	TargetBook(ctx context.Context) (*indicators.TargetBook, error)
	AllocationParams(ctx context.Context, ind indicators.Indicator, year int) (indicators.AllocationParams, error)
	SetAllocationParams(ctx context.Context, ind indicators.Indicator, year int, p indicators.AllocationParams, actor string) error
	SaveAllocation(ctx context.Context, a indicators.Allocation, actor string) error
	Allocation(ctx context.Context, ind indicators.Indicator, year int) (indicators.Allocation, error)
	CountsByCommune(ctx context.Context, at ansinh.Period, scope ansinh.Scope) ([]indicators.CommuneCounts, error)
}

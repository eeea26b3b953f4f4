package benefitsdb

import (
	"context"

	"ansinh/benefits"
	"ansinh/store"
)

// computedOnly is the store with every payroll line computed by
// benefits.ComputeLine, none by the database.
type computedOnly struct{ *Store }

// PayBatch pays the batch without the planned INSERT … SELECT.
func (c computedOnly) PayBatch(ctx context.Context, plan benefits.PayrollPlan, b benefits.Batch, compute func([]benefits.PayrollInput) []benefits.Line) (int, error) {
	return c.payBatch(ctx, plan, b, compute, false)
}

// ComputedOnly returns the store of db whose payroll computes every line
// in Go: the reference for the lines the database writes itself.
func ComputedOnly(db *store.DB) benefits.Store { return computedOnly{New(db)} }

// MonthlyBenefitSQL is the query of HasMonthlyBenefit, for its plan.
const MonthlyBenefitSQL = monthlyBenefitSQL

package projection

import (
	"math"

	"ansinh"
)

// Year is a projected year's figures. Counts are the state after the
// year's movements (for the start year, the registry at the start month);
// money is the year's total in đồng of that year (for the start year, the
// start month's flows times twelve).
type Year struct {
	Year          int
	Mandatory     int64 // contributors to compulsory social insurance
	Voluntary     int64 // contributors to voluntary social insurance
	Contributors  int64 // Mandatory + Voluntary
	Deferred      int64 // members with service who no longer contribute
	Pensioners    int64 // people drawing a pension or a monthly SI benefit
	NewPensioners int64 // retirements with a pension in the year
	// WithoutPension retire without enough service for a pension (their
	// one-time payment is not projected).
	WithoutPension int64
	Entrants       int64
	Exits          int64
	Deaths         int64
	LabourForce    int64
	// Coverage is contributors over the labour force (0 without figures).
	Coverage float64
	// DependencyRatio is pensioners over contributors.
	DependencyRatio float64
	Revenue         int64 // contributions to the retirement and survivorship fund
	PensionSpending int64 // monthly pensions and benefits over the year
	LumpSums        int64 // lump sums paid at retirement
	Spending        int64 // PensionSpending + LumpSums
	Balance         int64 // Revenue − Spending
	// CostRate is pension spending over the contribution base (wages and
	// voluntary incomes): the rate that would pay the pensions as they go.
	CostRate float64
	// ReplacementRate is the average pension over the average insured wage.
	ReplacementRate  float64
	StateSupport     int64   // the state budget's support for voluntary members
	ProvinceSupport  int64   // the province budget's support for voluntary members
	ContributionRate float64 // the rate to the fund applied (mandatory)
}

// Result is a scenario's projection.
type Result struct {
	Scenario    Scenario
	Start       ansinh.Period
	Years       []Year
	Assumptions []Assumption
}

// At returns the figures of a year, and false when it is not projected.
func (r *Result) At(year int) (Year, bool) {
	for _, y := range r.Years {
		if y.Year == year {
			return y, true
		}
	}
	return Year{}, false
}

// Dong rounds an expected amount to whole đồng, half away from zero: the
// one rounding of money in the projection.
func Dong(x float64) int64 { return int64(math.Round(x)) }

// Persons rounds an expected number of people to a whole number, half away
// from zero: the one rounding of counts in the projection.
func Persons(x float64) int64 { return int64(math.Round(x)) }

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

package projection

import (
	"context"

	"ansinh"
	"ansinh/rules"
)

// MaxAge is the open age group: people of that age and over are one cohort.
const MaxAge = 100

// MaxService is the largest number of years of service the model tracks.
const MaxService = 60

// Scheme is how a member contributes.
type Scheme uint8

// The schemes.
const (
	Mandatory Scheme = iota // compulsory social insurance through an employer
	Voluntary               // voluntary social insurance
	nSchemes
)

// String returns the scheme's code.
func (s Scheme) String() string { return [...]string{"mandatory", "voluntary"}[s] }

// BenefitKind is a monthly benefit the pension fund pays.
type BenefitKind uint8

// The benefits in payment the projection carries.
const (
	Pension        BenefitKind = iota // lương hưu
	MonthlyBenefit                    // trợ cấp BHXH hằng tháng
)

// MemberGroup is a group of members with the same scheme, support
// category, sex, age and full years of service, with the sum of their
// current monthly wages (mandatory) or chosen incomes (voluntary) in đồng.
type MemberGroup struct {
	Scheme       Scheme
	Category     rules.Category // voluntary members' support category
	Sex          rules.Sex
	Age          int // calendar age: the month's year minus the birth year
	ServiceYears int // full years of contributions up to the month
	Count        int64
	Amount       int64 // sum of monthly wages or incomes, đồng
}

// FlowGroup counts people of a scheme, sex and age.
type FlowGroup struct {
	Scheme Scheme
	Sex    rules.Sex
	Age    int
	Count  int64
}

// BeneficiaryGroup is a group of people drawing a monthly benefit.
type BeneficiaryGroup struct {
	Kind    BenefitKind
	Sex     rules.Sex
	Age     int
	Count   int64
	Monthly int64 // sum of the monthly amounts, đồng
}

// LabourForceYear is the province's labour force and population past
// retirement age in a year (the statistics office's figures).
type LabourForceYear struct {
	Year              int
	LabourForce       int64
	OverRetirementAge int64
}

// StartState is the registry at a month, aggregated by age and sex: the
// members contributing in that month, those who contributed before and
// have stopped (deferred), the benefits in payment, and the last twelve
// months' flows (who started and who stopped contributing) that calibrate
// entrants and exits.
type StartState struct {
	Month         ansinh.Period
	Members       []MemberGroup      // contributing in Month
	Deferred      []MemberGroup      // with service, not contributing, no benefit
	Beneficiaries []BeneficiaryGroup // benefits in payment in Month
	// Entrants contributed in Month but not twelve months before; their
	// service is what the registry holds (a returning member keeps it).
	Entrants []MemberGroup
	// YearBefore counts those contributing twelve months before Month, by
	// the scheme then and their age now; Exits those of them who contribute
	// no longer and draw no benefit.
	YearBefore  []FlowGroup
	Exits       []FlowGroup
	LabourForce []LabourForceYear
}

// Store reads the start state of a projection from the registry.
type Store interface {
	// StartState aggregates the registry at the month by scheme, sex, age
	// and years of service (the aggregation happens in the database).
	StartState(ctx context.Context, month ansinh.Period) (StartState, error)
}

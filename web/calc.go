package web

import "ansinh"

// Calculator is what the portals need of the rules engine. A nil Calculator
// leaves the computed figures out (the pages say they are unavailable).
type Calculator interface {
	// Contribution returns a worker's and an employer's mandatory
	// contributions (social, unemployment and health insurance) for a
	// month's wage at an employer of the kind in the region.
	Contribution(month ansinh.Period, wage ansinh.Money, region, employerKind string) (Contribution, error)
	// Voluntary quotes a voluntary contribution for a first month paid, an
	// income, the categories of support the person belongs to (none:
	// "other") and a number of months paid at once. It refuses an income
	// outside the legal range with an *ansinh.Error.
	Voluntary(month ansinh.Period, income ansinh.Money, categories []string, months int) (VoluntaryQuote, error)
	// Pension estimates a person's pension from their participation,
	// assuming the periods open at AsOf continue to retirement.
	Pension(in PensionInput) (PensionEstimate, error)
}

// Contribution is the mandatory contribution of one worker for one month.
type Contribution struct {
	Employee ansinh.Money
	Employer ansinh.Money
	Total    ansinh.Money
}

// VoluntaryQuote is a voluntary contribution with the state's and the
// province's support.
type VoluntaryQuote struct {
	Category                string // the category whose support applies
	ContributionPerMonth    ansinh.Money
	StateSupportPerMonth    ansinh.Money
	ProvinceSupportPerMonth ansinh.Money
	PayablePerMonth         ansinh.Money
	Months                  int
	Payable                 ansinh.Money
}

// ServicePeriod is a stretch of participation: months inclusive (To zero:
// still open), "contract" (compulsory) or "voluntary", with the monthly wage
// or declared income.
type ServicePeriod struct {
	From, To ansinh.Period
	Kind     string
	Wage     ansinh.Money
}

// PensionInput is what a pension estimate starts from.
type PensionInput struct {
	BirthDate ansinh.Date
	Sex       string
	Periods   []ServicePeriod
	AsOf      ansinh.Period
}

// PensionEstimate is an estimated pension.
type PensionEstimate struct {
	RetireMonth   ansinh.Period // the first month of pension
	ServiceMonths int           // compulsory service counted, to retirement
	AverageWage   ansinh.Money
	RatePercent   string // e.g. "56.5"
	Monthly       ansinh.Money
	Eligible      bool
}

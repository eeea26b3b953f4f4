package compliance

import (
	"slices"

	"ansinh"
	"ansinh/rules"
)

// assessor assesses worker-months with the rules, resolving each month's
// rules once.
type assessor struct {
	params *rules.Params
	months map[ansinh.Period]*rules.ContributionRules
}

func newAssessor(p *rules.Params) *assessor {
	return &assessor{params: p, months: map[ansinh.Period]*rules.ContributionRules{}}
}

// rules returns the contribution rules of month m, nil when the rules have
// no parameters for it.
func (a *assessor) rules(m ansinh.Period) *rules.ContributionRules {
	if r, ok := a.months[m]; ok {
		return r
	}
	var out *rules.ContributionRules
	if r, err := a.params.ContributionRules(m); err == nil {
		out = &r
	}
	a.months[m] = out
	return out
}

// worker returns the rules' description of a worker of employer kind kind in
// region with the wage.
func worker(wage int64, region rules.Region, kind string) rules.Worker {
	ek, err := rules.ParseEmployerKind(kind)
	if err != nil {
		ek = rules.EmployerPrivate
	}
	if !region.Valid() {
		region = rules.RegionIV
	}
	w := rules.Worker{Wage: wage, Region: region, EmployerKind: ek}
	if ek == rules.EmployerState {
		w.PayScale = rules.PayState
	}
	return w
}

// assess returns the employer's and employee's contributions of one
// worker-month, zero when the month or the wage cannot be assessed.
func (a *assessor) assess(m ansinh.Period, wage int64, region rules.Region, kind string) (employer, employee int64) {
	r := a.rules(m)
	if r == nil || wage <= 0 {
		return 0, 0
	}
	am, err := r.Assess(worker(wage, region, kind))
	if err != nil {
		return 0, 0
	}
	return am.Employer.Total, am.Employee.Total
}

// minWage returns the regional minimum wage of month m, 0 if unknown.
func (a *assessor) minWage(m ansinh.Period, region rules.Region) int64 {
	r := a.rules(m)
	if r == nil || !region.Valid() {
		return 0
	}
	return r.MinWage[region]
}

// stakeAcc adds up the contributions at stake month by month; the amounts
// per month are those of the latest month added.
type stakeAcc struct {
	s      Stake
	last   ansinh.Period
	months []MonthStake
}

// add adds one month's employer and employee shares at stake (negative
// differences count as zero).
func (sa *stakeAcc) add(m ansinh.Period, employer, employee int64) {
	employer, employee = max(employer, 0), max(employee, 0)
	sa.s.Months++
	sa.s.Total += employer + employee
	sa.months = append(sa.months, MonthStake{Month: m, Employer: employer, Employee: employee})
	if m >= sa.last {
		sa.last = m
		sa.s.Employer, sa.s.Employee = employer, employee
	}
}

// median returns the median of xs (the lower middle value for an even
// count), reordering xs; 0 for none.
func median(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[(len(xs)-1)/2]
}

func medianF(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// monthStakes returns the months of ms in order, each once with its
// shares summed.
func monthStakes(ms []MonthStake) []MonthStake {
	out := slices.Clone(ms)
	slices.SortStableFunc(out, func(a, b MonthStake) int { return int(a.Month) - int(b.Month) })
	n := 0
	for i := range out {
		if n > 0 && out[n-1].Month == out[i].Month {
			out[n-1].Employer += out[i].Employer
			out[n-1].Employee += out[i].Employee
			continue
		}
		out[n] = out[i]
		n++
	}
	return out[:n]
}

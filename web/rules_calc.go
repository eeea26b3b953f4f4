package web

import (
	"sort"
	"sync"

	"ansinh"
	"ansinh/rules"
)

// RulesCalculator is the rules engine as the portals' Calculator.
type RulesCalculator struct {
	p *rules.Params

	mu    sync.Mutex
	rules map[ansinh.Period]*rules.ContributionRules
}

// NewRulesCalculator returns a Calculator over the parameters.
func NewRulesCalculator(p *rules.Params) *RulesCalculator {
	return &RulesCalculator{p: p, rules: map[ansinh.Period]*rules.ContributionRules{}}
}

// monthRules resolves a month's contribution rules once.
func (c *RulesCalculator) monthRules(m ansinh.Period) (*rules.ContributionRules, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.rules[m]; ok {
		return r, nil
	}
	r, err := c.p.ContributionRules(m)
	if err != nil {
		return nil, err
	}
	c.rules[m] = &r
	return &r, nil
}

// Contribution assesses one worker-month with the month's rules.
func (c *RulesCalculator) Contribution(month ansinh.Period, wage ansinh.Money, region, employerKind string) (Contribution, error) {
	reg, err := rules.ParseRegion(region)
	if err != nil {
		return Contribution{}, err
	}
	kind, err := rules.ParseEmployerKind(employerKind)
	if err != nil {
		return Contribution{}, err
	}
	r, err := c.monthRules(month)
	if err != nil {
		return Contribution{}, err
	}
	a, err := r.Assess(rules.Worker{Wage: wage, Region: reg, EmployerKind: kind})
	if err != nil {
		return Contribution{}, err
	}
	return Contribution{Employee: a.Employee.Total, Employer: a.Employer.Total, Total: a.Total}, nil
}

// Voluntary quotes a voluntary payment; the highest support of the
// categories applies.
func (c *RulesCalculator) Voluntary(month ansinh.Period, income ansinh.Money, categories []string, months int) (VoluntaryQuote, error) {
	var cs []rules.Category
	for _, s := range categories {
		cat, err := rules.ParseCategory(s)
		if err != nil {
			return VoluntaryQuote{}, err
		}
		cs = append(cs, cat)
	}
	v, err := c.p.Voluntary(rules.VoluntaryInput{Month: month, Income: income, Categories: rules.NewCategories(cs...), Months: months})
	if err != nil {
		return VoluntaryQuote{}, err
	}
	return VoluntaryQuote{Category: v.Category, ContributionPerMonth: v.ContributionPerMonth, StateSupportPerMonth: v.StateSupportPerMonth,
		ProvinceSupportPerMonth: v.ProvinceSupportPerMonth, PayablePerMonth: v.PayablePerMonth, Months: v.Months, Payable: v.Payable}, nil
}

// Pension estimates the pension: the retirement month from the retirement
// age; the service to date plus, when the person participates now, the
// months from now to retirement; the average wage of the periods to date,
// revalued to the current month; the pension of those under the law of the
// retirement month.
func (c *RulesCalculator) Pension(in PensionInput) (PensionEstimate, error) {
	sex, err := rules.ParseSex(in.Sex)
	if err != nil {
		return PensionEstimate{}, err
	}
	age, err := c.p.RetirementAge(in.BirthDate, sex)
	if err != nil {
		return PensionEstimate{}, err
	}
	retire := age.PensionFrom
	settle := min(in.AsOf, retire.Add(-1))
	months := monthsOf(in.Periods, settle)
	if len(months) == 0 {
		return PensionEstimate{}, ansinh.Invalid("periods", "Chưa có quá trình đóng để ước tính.", "No contributions to estimate from.")
	}
	avg, err := c.p.AverageWage(settle, wagePeriods(months))
	if err != nil {
		return PensionEstimate{}, err
	}
	service := len(months)
	if _, ok := months[settle]; ok && retire > settle+1 {
		service += int(retire - settle - 1) // participating now: assumed to go on
	}
	service = min(service, 80*12)
	p, err := c.p.Pension(rules.PensionInput{Sex: sex, RetireMonth: retire, Service: rules.SplitMonths(service), AverageWage: avg.Average})
	if err != nil {
		return PensionEstimate{}, err
	}
	return PensionEstimate{RetireMonth: retire, ServiceMonths: service, AverageWage: avg.Average, RatePercent: p.Rate.Percent(),
		Monthly: p.Monthly, Eligible: p.Eligible}, nil
}

// month is one month of participation.
type month struct {
	kind rules.WageKind
	wage ansinh.Money
}

// monthsOf spreads periods over months up to upTo (open periods run to it);
// where periods overlap, compulsory participation wins over voluntary, then
// the higher wage.
func monthsOf(periods []ServicePeriod, upTo ansinh.Period) map[ansinh.Period]month {
	out := map[ansinh.Period]month{}
	for _, sp := range periods {
		kind := rules.WageContract
		if sp.Kind == "voluntary" {
			kind = rules.WageVoluntary
		}
		to := sp.To
		if to.IsZero() || to > upTo {
			to = upTo
		}
		for m := sp.From; m <= to; m++ {
			old, ok := out[m]
			if !ok || kind < old.kind || (kind == old.kind && sp.Wage > old.wage) {
				out[m] = month{kind, sp.Wage}
			}
		}
	}
	return out
}

// wagePeriods joins months into runs of one kind and wage.
func wagePeriods(months map[ansinh.Period]month) []rules.WagePeriod {
	keys := make([]ansinh.Period, 0, len(months))
	for m := range months {
		keys = append(keys, m)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var out []rules.WagePeriod
	for _, m := range keys {
		v := months[m]
		if n := len(out); n > 0 && out[n-1].To == m-1 && out[n-1].Kind == v.kind && out[n-1].Wage == v.wage {
			out[n-1].To = m
			continue
		}
		out = append(out, rules.WagePeriod{From: m, To: m, Kind: v.kind, Wage: v.wage})
	}
	return out
}

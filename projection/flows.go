package projection

import (
	"ansinh"
	"ansinh/rules"
)

// Parameter names of the rules engine the projection reads.
const (
	paramRateEmployer = "si.retirement.employer"
	paramRateEmployee = "si.retirement.employee"
	paramRateVol      = "vol.rate"
	paramPoverty      = "rural_poverty_line"
	paramSupportMax   = "vol.support.max_months"
)

// rates are the legal values of a year.
type rates struct {
	mandatory, voluntary, poverty, province float64
	supportYears                            int
}

// ratesAt reads the legal values in force on the first day of month, or
// the scenario's replacements.
func (m *model) ratesAt(month ansinh.Period) (rates, error) {
	var r rates
	d := month.First()
	vals := map[string]int64{}
	for _, name := range []string{paramRateEmployer, paramRateEmployee, paramRateVol, paramPoverty, paramSupportMax} {
		v, err := m.rules.Lookup(name, d)
		if err != nil {
			return r, err
		}
		vals[name] = v.Value
	}
	prov, err := m.rules.ProvinceSupportShare(month)
	if err != nil {
		return r, err
	}
	r.mandatory = frac(rules.Micro(vals[paramRateEmployer] + vals[paramRateEmployee]))
	r.voluntary = frac(rules.Micro(vals[paramRateVol]))
	r.poverty = float64(vals[paramPoverty])
	r.supportYears = int(vals[paramSupportMax] / 12)
	r.province = frac(prov)
	if m.sc.ContributionRatePct != nil {
		r.mandatory = *m.sc.ContributionRatePct / 100
		r.voluntary = r.mandatory
	}
	if m.sc.ProvinceSupportSharePct != nil {
		r.province = *m.sc.ProvinceSupportSharePct / 100
	}
	return r, nil
}

// totals sums a pool: people, monthly wages, and for voluntary members
// within the supported months, people and state shares.
type totals struct{ n, wage, supported, stateShares float64 }

func (p *pool) totals(supportYears int) totals {
	var t totals
	for sx := range p {
		for a := range p[sx] {
			for s, c := range p[sx][a] {
				t.n += c.N
				t.wage += c.Wage
				if s < supportYears {
					t.supported += c.N
					t.stateShares += c.Support
				}
			}
		}
	}
	return t
}

// flows computes a year's figures from the state after its movements,
// with the legal values in force in month.
func (m *model) flows(year int, month ansinh.Period) (Year, error) {
	r, err := m.ratesAt(month)
	if err != nil {
		return Year{}, err
	}
	mand := m.active[Mandatory].totals(r.supportYears)
	vol := m.active[Voluntary].totals(r.supportYears)
	var paidN, paidMonthly float64
	for sx := range m.paid {
		for _, c := range m.paid[sx] {
			paidN += c.N
			paidMonthly += c.Monthly
		}
	}
	base := 12 * (mand.wage + vol.wage)
	benefitSpending := 12 * paidMonthly
	lf := m.labour.at(year)
	y := Year{Year: year, Mandatory: Persons(mand.n), Voluntary: Persons(vol.n), Contributors: Persons(mand.n + vol.n),
		Deferred: Persons(m.deferred.count()), Pensioners: Persons(paidN),
		NewPensioners: Persons(m.year.newPensioners), WithoutPension: Persons(m.year.withoutPension),
		Entrants: Persons(m.year.entrants), Exits: Persons(m.year.exits), Deaths: Persons(m.year.deaths),
		LabourForce: Persons(lf), Coverage: ratio(mand.n+vol.n, lf), DependencyRatio: ratio(paidN, mand.n+vol.n),
		Revenue:         Dong(12*r.mandatory*mand.wage + 12*r.voluntary*vol.wage),
		PensionSpending: Dong(benefitSpending), LumpSums: Dong(m.year.lumpSums),
		CostRate:         ratio(benefitSpending, base),
		ReplacementRate:  ratio(ratio(paidMonthly, paidN), ratio(mand.wage+vol.wage, mand.n+vol.n)),
		StateSupport:     Dong(12 * r.voluntary * r.poverty * vol.stateShares),
		ProvinceSupport:  Dong(12 * r.voluntary * r.poverty * r.province * vol.supported),
		ContributionRate: r.mandatory,
	}
	y.Spending = y.PensionSpending + y.LumpSums
	y.Balance = y.Revenue - y.Spending
	return y, nil
}

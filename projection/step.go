package projection

import (
	"ansinh"
	"ansinh/rules"
)

// frac returns a rate of the rules engine as a fraction.
func frac(m rules.Micro) float64 { return float64(m) / float64(rules.One) }

// step moves the model from the end of year-1 to year: ageing and deaths,
// exits, retirements, entrants.
func (m *model) step(year int) error {
	m.year = yearFlows{}
	m.age()
	m.exit()
	if err := m.retire(year); err != nil {
		return err
	}
	m.enter(year)
	return nil
}

// age ages every cohort a year: the survivors of each age move to the next
// (the open group stays), contributors gain a year of service and the
// year's earnings, past earnings are revalued by prices (Decree 158/2025
// art. 16), wages grow, and pensions in payment are indexed.
func (m *model) age() {
	g, cpi, idx := m.sc.WageGrowth(), m.sc.CPI(), m.sc.Indexing()
	m.wageIdx *= 1 + g
	for s := range m.active {
		m.active[s] = m.agePool(m.active[s], true, g, cpi)
	}
	m.deferred = m.agePool(m.deferred, false, g, cpi)
	var next benefits
	for sx := range m.paid {
		for a, c := range m.paid[sx] {
			surv := 1 - m.q[sx][a]
			m.year.deaths += c.N * m.q[sx][a]
			n := &next[sx][min(a+1, MaxAge)]
			n.N += c.N * surv
			n.Monthly += c.Monthly * surv * (1 + idx)
		}
	}
	*m.paid = next
}

// agePool returns p a year older.
func (m *model) agePool(p *pool, contributing bool, g, cpi float64) *pool {
	next := new(pool)
	for sx := range p {
		for a := range p[sx] {
			surv := 1 - m.q[sx][a]
			for s, c := range p[sx][a] {
				if c.N == 0 {
					continue
				}
				m.year.deaths += c.N * m.q[sx][a]
				earn, s2 := c.Earn, s
				if contributing {
					earn += 12 * c.Wage
					s2 = min(s+1, MaxService)
				}
				n := &next[sx][min(a+1, MaxAge)][s2]
				n.N += c.N * surv
				n.Wage += c.Wage * surv * (1 + g)
				n.Earn += earn * surv * (1 + cpi)
				n.Support += c.Support * surv
			}
		}
	}
	return next
}

// exit moves the year's leavers from contributing to deferred, keeping
// their service and earnings.
func (m *model) exit() {
	for sch := range m.active {
		p := m.active[sch]
		for sx := range p {
			for a := range p[sx] {
				r := m.exitRate[sch][sx][a]
				if r == 0 {
					continue
				}
				for s := range p[sx][a] {
					c := &p[sx][a][s]
					if c.N == 0 {
						continue
					}
					m.year.exits += c.N * r
					d := &m.deferred[sx][a][s]
					d.N += c.N * r
					d.Wage += c.Wage * r
					d.Earn += c.Earn * r
					c.N, c.Wage, c.Earn, c.Support = c.N*(1-r), c.Wage*(1-r), c.Earn*(1-r), c.Support*(1-r)
				}
			}
		}
	}
}

// retire retires everyone who has reached the retirement age by year:
// those with enough service draw the pension the rules engine computes
// from their service and revalued average earnings, with the lump sum for
// years above the maximum rate; the others leave without a pension.
func (m *model) retire(year int) error {
	for sx := range 2 {
		for a := range MaxAge + 1 {
			if m.retireAt[sx][year-a] > year {
				continue
			}
			for _, p := range []*pool{m.active[Mandatory], m.active[Voluntary], m.deferred} {
				if err := m.retireCohort(p, sx, a, year); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (m *model) retireCohort(p *pool, sx, a, year int) error {
	for s := range p[sx][a] {
		c := p[sx][a][s]
		if c.N == 0 {
			continue
		}
		p[sx][a][s] = cell{}
		pen, err := m.pensionFor(sx, s, year, c)
		if err != nil {
			return err
		}
		if !pen.eligible {
			m.year.withoutPension += c.N
			continue
		}
		m.year.newPensioners += c.N
		m.year.lumpSums += c.N * pen.lump
		b := &m.paid[sx][a]
		b.N += c.N
		b.Monthly += c.N * pen.monthly
	}
	return nil
}

// enter adds the year's entrants: the registry's last year of entrants
// (trend), scaled to reach the coverage target (plan), none (closed).
func (m *model) enter(year int) {
	for sch := range m.entrants {
		k := m.entrantScale(Scheme(sch), year)
		if k <= 0 {
			continue
		}
		e, p := m.entrants[sch], m.active[sch]
		for sx := range e {
			for a := range e[sx] {
				for s, c := range e[sx][a] {
					if c.N == 0 {
						continue
					}
					m.year.entrants += k * c.N
					d := &p[sx][a][s]
					d.N += k * c.N
					d.Wage += k * c.Wage * m.wageIdx
					d.Earn += k * c.Earn * m.wageIdx
					d.Support += k * c.Support
				}
			}
		}
	}
}

// entrantScale is how many times the registry's yearly entrants join.
func (m *model) entrantScale(sch Scheme, year int) float64 {
	switch m.sc.Coverage {
	case CoverageTrend:
		return 1
	case CoveragePlan:
		profile := m.entrants[sch].count()
		if profile == 0 {
			return 0
		}
		target := m.coverage[sch].at(year) * m.labour.at(year)
		return max(0, target-m.active[sch].count()) / profile
	}
	return 0
}

// count returns the number of people in a pool.
func (p *pool) count() float64 {
	var n float64
	for sx := range p {
		for a := range p[sx] {
			for _, c := range p[sx][a] {
				n += c.N
			}
		}
	}
	return n
}

// pensionOut is a pension computed for a retiring cell.
type pensionOut struct {
	eligible      bool
	monthly, lump float64
}

// pensionFor computes the pension of a cell's average member with the
// rules engine (rules.md §7) under the law in force in July of the year.
func (m *model) pensionFor(sx, s, year int, c cell) (pensionOut, error) {
	if s == 0 || c.Earn <= 0 {
		return pensionOut{}, nil
	}
	avg := Dong(c.Earn / (c.N * float64(12*s)))
	if avg <= 0 {
		return pensionOut{}, nil
	}
	sex := rules.Male
	if sx == 1 {
		sex = rules.Female
	}
	p, err := m.rules.Pension(rules.PensionInput{Sex: sex, RetireMonth: ansinh.NewPeriod(year, 7),
		Service: rules.YearsMonths{Years: s}, AverageWage: avg})
	if err != nil {
		return pensionOut{}, err
	}
	return pensionOut{eligible: p.Eligible, monthly: float64(p.Monthly), lump: float64(p.LumpSum)}, nil
}

package projection

import (
	"context"
	"fmt"

	"ansinh"
	"ansinh/rules"
)

// cell is a group of members of one sex, age and years of service: how
// many (expected), the sum of their monthly wages, the sum of their career
// earnings revalued to the current year (wage × months), and the sum of
// their state support shares (voluntary members).
type cell struct{ N, Wage, Earn, Support float64 }

// pool is a population of members by sex, age and years of service.
type pool [2][MaxAge + 1][MaxService + 1]cell

// benefits are the monthly benefits in payment by sex and age.
type benefits [2][MaxAge + 1]struct{ N, Monthly float64 }

// model is the state of a projection between years.
type model struct {
	sc       *Scenario
	rules    *rules.Params
	q        Mortality
	y0       int
	active   [nSchemes]*pool
	deferred *pool
	paid     *benefits
	entrants [nSchemes]*pool // a year's entrants in the start year's money
	exitRate [nSchemes][2][MaxAge + 1]float64
	retireAt [2]map[int]int // birth year → the calendar year of retirement
	labour   labourPath
	coverage [nSchemes]coveragePath
	year     yearFlows // the flows of the year being projected
	wageIdx  float64   // wages of the current year over the start year's
	fallback bool      // entrants took the profile of the newest members
}

// yearFlows are the one-off flows of a year.
type yearFlows struct {
	lumpSums, newPensioners, withoutPension, entrants, exits, deaths float64
}

// Run projects the start state under the scenario with the legal
// parameters p, from the start month's year to the scenario's end year.
func Run(ctx context.Context, sc Scenario, p *rules.Params, st StartState) (*Result, error) {
	if err := sc.Check(); err != nil {
		return nil, err
	}
	m, err := newModel(&sc, p, st)
	if err != nil {
		return nil, err
	}
	res := &Result{Scenario: sc, Start: st.Month}
	y, err := m.flows(m.y0, st.Month)
	if err != nil {
		return nil, err
	}
	res.Years = append(res.Years, y)
	for year := m.y0 + 1; year <= sc.EndYear; year++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := m.step(year); err != nil {
			return nil, err
		}
		if y, err = m.flows(year, ansinh.NewPeriod(year, 1)); err != nil {
			return nil, err
		}
		res.Years = append(res.Years, y)
	}
	res.Assumptions = m.assumptions(st)
	return res, nil
}

// newModel loads the start state and calibrates the flows.
func newModel(sc *Scenario, p *rules.Params, st StartState) (*model, error) {
	if st.Month.IsZero() {
		return nil, ansinh.Invalid("from", "thiếu tháng bắt đầu dự báo", "start month missing")
	}
	if sc.EndYear < st.Month.Year() {
		return nil, ansinh.Invalid("end_year", "năm cuối trước năm bắt đầu", "end year before the start year")
	}
	wpp, err := WPP2023()
	if err != nil {
		return nil, err
	}
	m := &model{sc: sc, rules: p, q: wpp.Scaled(sc.mortalityScale()), y0: st.Month.Year(),
		deferred: new(pool), paid: new(benefits), wageIdx: 1}
	for s := range m.active {
		m.active[s], m.entrants[s] = new(pool), new(pool)
	}
	m.retireAt = retirementYears(p, m.y0-MaxAge-1, sc.EndYear)
	if err := m.load(st); err != nil {
		return nil, err
	}
	m.calibrateExits(st)
	m.fallbackEntrants()
	m.labour = newLabourPath(st.LabourForce, sc)
	if sc.Coverage == CoveragePlan {
		if err := m.planCoverage(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// load places the start state's groups in the pools.
func (m *model) load(st StartState) error {
	for _, g := range st.Members {
		if err := m.addGroup(m.active[g.Scheme], g, st.Month); err != nil {
			return err
		}
	}
	for _, g := range st.Deferred {
		if m.retireAt[sexIndex(g.Sex)][m.y0-clampAge(g.Age)] <= m.y0 {
			continue // past the retirement age without a benefit: settled otherwise
		}
		if err := m.addGroup(m.deferred, g, st.Month); err != nil {
			return err
		}
	}
	for _, g := range st.Entrants {
		if err := m.addGroup(m.entrants[g.Scheme], g, st.Month); err != nil {
			return err
		}
	}
	for _, b := range st.Beneficiaries {
		if b.Count < 0 || b.Monthly < 0 {
			return ansinh.Invalid("beneficiaries", "số người hoặc số tiền âm", "negative count or amount")
		}
		c := &m.paid[sexIndex(b.Sex)][clampAge(b.Age)]
		c.N += float64(b.Count)
		c.Monthly += float64(b.Monthly)
	}
	return nil
}

// addGroup adds a group of members to a pool. Their past earnings are
// taken at today's wage for every month of service (the registry keeps no
// earlier wages): an assumption shown with the results.
func (m *model) addGroup(p *pool, g MemberGroup, month ansinh.Period) error {
	if g.Count < 0 || g.Amount < 0 || g.Scheme >= nSchemes {
		return ansinh.Invalid("members", "nhóm thành viên không hợp lệ (số âm hoặc loại sai)", "invalid member group (negative or unknown scheme)")
	}
	if g.Count == 0 {
		return nil
	}
	s := min(max(g.ServiceYears, 0), MaxService)
	c := &p[sexIndex(g.Sex)][clampAge(g.Age)][s]
	n, w := float64(g.Count), float64(g.Amount)
	c.N += n
	c.Wage += w
	c.Earn += w * float64(12*s)
	if g.Scheme == Voluntary {
		share, _, err := m.rules.VoluntarySupportShare(rules.NewCategories(g.Category), month)
		if err != nil {
			return fmt.Errorf("support share: %w", err)
		}
		c.Support += n * frac(share)
	}
	return nil
}

// clampAge puts an age within 0..MaxAge.
func clampAge(a int) int { return min(max(a, 0), MaxAge) }

// fallbackEntrants gives a scheme whose registry shows no entrant in the
// last twelve months the profile of its members with at most two years of
// service, so that a coverage target can still be filled (an assumption
// shown with the results).
func (m *model) fallbackEntrants() {
	for sch := range m.entrants {
		if m.entrants[sch].count() > 0 {
			continue
		}
		a := m.active[sch]
		for sx := range a {
			for age := range a[sx] {
				for s := 0; s <= 2; s++ {
					if c := a[sx][age][s]; c.N > 0 {
						m.entrants[sch][sx][age][s] = c
						m.fallback = true
					}
				}
			}
		}
	}
}

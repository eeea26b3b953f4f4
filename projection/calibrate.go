package projection

import (
	"math"

	"ansinh"
	"ansinh/indicators"
	"ansinh/rules"
)

// exitBand is the width of the age bands over which exit rates are
// estimated, so that a thin single age does not give a noisy rate.
const exitBand = 5

// calibrateExits sets the yearly exit rate of each scheme, sex and age from
// the registry's last year: those who stopped contributing over those who
// contributed a year before, by five-year age band.
func (m *model) calibrateExits(st StartState) {
	if m.sc.Coverage == CoverageClosed {
		return
	}
	var was, left [nSchemes][2][MaxAge/exitBand + 1]float64
	for _, g := range st.YearBefore {
		if g.Scheme < nSchemes {
			was[g.Scheme][sexIndex(g.Sex)][clampAge(g.Age)/exitBand] += float64(g.Count)
		}
	}
	for _, g := range st.Exits {
		if g.Scheme < nSchemes {
			left[g.Scheme][sexIndex(g.Sex)][clampAge(g.Age)/exitBand] += float64(g.Count)
		}
	}
	for sch := range was {
		for sx := range was[sch] {
			for a := range MaxAge + 1 {
				b := a / exitBand
				if was[sch][sx][b] > 0 {
					m.exitRate[sch][sx][a] = min(1, left[sch][sx][b]/was[sch][sx][b])
				}
			}
		}
	}
}

// retirementYears returns, for each sex and birth year from first to last,
// the calendar year in which a person born on 1 July of that year reaches
// the retirement age of the rules engine (Labour Code 2019 art. 169;
// Decree 135/2020). Birth years the table does not reach take the nearest
// year's answer.
func retirementYears(p *rules.Params, first, last int) [2]map[int]int {
	var out [2]map[int]int
	for sx, sex := range []rules.Sex{rules.Male, rules.Female} {
		out[sx] = map[int]int{}
		known := 0
		for by := first; by <= last; by++ {
			r, err := p.RetirementAge(ansinh.NewDate(by, 7, 1), sex)
			if err == nil {
				known = r.ReachedMonth.Year() - by
			}
			if known == 0 {
				known = 60
			}
			out[sx][by] = by + known
		}
	}
	return out
}

// labourPath is the province's labour force by year: the statistics
// office's figures, then the last one grown at a constant rate.
type labourPath struct {
	byYear  map[int]float64
	last    int
	growth  float64
	derived bool // the growth comes from the figures, not the scenario
}

func newLabourPath(lf []LabourForceYear, sc *Scenario) labourPath {
	l := labourPath{byYear: map[int]float64{}}
	first := 0
	for _, y := range lf {
		if y.LabourForce <= 0 {
			continue
		}
		l.byYear[y.Year] = float64(y.LabourForce)
		l.last = max(l.last, y.Year)
		if first == 0 || y.Year < first {
			first = y.Year
		}
	}
	switch {
	case sc.LabourForceGrowthPct != nil:
		l.growth = *sc.LabourForceGrowthPct / 100
	case l.last > first:
		l.growth = math.Pow(l.byYear[l.last]/l.byYear[first], 1/float64(l.last-first)) - 1
		l.derived = true
	}
	return l
}

// at returns the labour force of a year; 0 when the registry has none.
func (l labourPath) at(year int) float64 {
	if v, ok := l.byYear[year]; ok {
		return v
	}
	if l.last == 0 {
		return 0
	}
	if year < l.last {
		for y := year; y <= l.last; y++ {
			if v, ok := l.byYear[y]; ok {
				return v
			}
		}
	}
	return l.byYear[l.last] * math.Pow(1+l.growth, float64(year-l.last))
}

// coveragePath is a share of the labour force by year: straight lines
// between knots, held after the last.
type coveragePath []knot

// knot is a year's share on a coverage path.
type knot struct {
	year  int
	share float64
}

func (c coveragePath) at(year int) float64 {
	if len(c) == 0 {
		return 0
	}
	if year <= c[0].year {
		return c[0].share
	}
	for i := 1; i < len(c); i++ {
		if year <= c[i].year {
			a, b := c[i-1], c[i]
			return a.share + (b.share-a.share)*float64(year-a.year)/float64(b.year-a.year)
		}
	}
	return c[len(c)-1].share
}

// planCoverage sets the coverage paths of the plan (Kế hoạch thực hiện
// Nghị quyết 28-NQ/TW, mục II.1.2): from today's coverage to the targets
// for the years after the start (2025, 2030), then held. The voluntary
// target is a part of the social-insurance target; mandatory is the rest.
func (m *model) planCoverage() error {
	lf := m.labour.at(m.y0)
	if lf <= 0 {
		return ansinh.Invalid("coverage", "kịch bản theo kế hoạch cần số lực lượng lao động (dữ liệu labor_force của cơ quan thống kê)",
			"the plan coverage path needs the labour force figures (the statistics office's labor_force feed)")
	}
	nm, nv := m.active[Mandatory].count(), m.active[Voluntary].count()
	total := coveragePath{{m.y0, (nm + nv) / lf}}
	vol := coveragePath{{m.y0, nv / lf}}
	for _, t := range indicators.PlanTargets() {
		if t.Year <= m.y0 {
			continue
		}
		share := float64(t.Value) / 10000
		switch t.Indicator {
		case indicators.SICoverage:
			total = append(total, knot{t.Year, share})
		case indicators.VoluntaryCoverage:
			vol = append(vol, knot{t.Year, share})
		}
	}
	m.coverage[Voluntary] = vol
	m.coverage[Mandatory] = subtract(total, vol)
	return nil
}

// subtract returns the path a − b on the years of both.
func subtract(a, b coveragePath) coveragePath {
	years := map[int]bool{}
	for _, k := range a {
		years[k.year] = true
	}
	for _, k := range b {
		years[k.year] = true
	}
	var out coveragePath
	for y := a[0].year; y <= DefaultEndYear+25; y++ {
		if years[y] {
			out = append(out, knot{y, max(0, a.at(y)-b.at(y))})
		}
	}
	return out
}

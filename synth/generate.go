package synth

import (
	"context"
	"strconv"

	"ansinh"
	"ansinh/refdata"
)

// gen is one run of the generator.
type gen struct {
	cfg   Config
	ctx   context.Context
	sink  Sink
	err   error
	count [nKinds]int
	rec   [nKinds][]string

	geo   *geo
	names *nameTable
	ids   *idMaker

	from, through period
	asOf          ansinh.Date // nothing is dated after it (Config.AsOf)
	months        int         // number of months generated
	winStart      period      // first month of the tax feed
	minTab        [4][]int64
	pBase         period
	pstr          []string
	dBase         ansinh.Date
	dstr          []string

	// persons
	nPersons uint32
	curEmp   []int32 // employer of the person's main open job, or -1
	multi    []bool  // the person has held two jobs at once: never pooled
	pool     []poolEntry
	poolCap  int
	recent   []recentHire
	recentN  int

	// employers and their monthly bill
	emps []employer
	memo *dueMemo

	// tallies for labor_force, by commune and year
	firstYear  int
	years      int
	covered    []int32
	benefTally []int32

	// stocks of voluntary participants and beneficiaries, with their exits
	volStock int
	volEnds  []int32
	benStock [nBenefKinds]int
	benEnds  [nBenefKinds][]int32

	// injected violations, to guarantee at least one of each
	nUnregWorkers int

	// months of service on record per person, and the claimant whose
	// death the payroll will stop (claims.go)
	served     []uint16
	claimDeath claimDeath
}

// period is ansinh.Period, shortened for this package's arithmetic.
type period = ansinh.Period

// Generate writes a synthetic province to sink and returns the number of
// rows written per kind. The same Config always gives the same rows in the
// same order. It stops at the first error of the sink or when ctx is done.
func Generate(ctx context.Context, cfg Config, sink Sink) (Counts, error) {
	cfg, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	g, err := newGen(ctx, cfg, sink)
	if err != nil {
		return nil, err
	}
	g.run()
	counts := Counts{}
	for k := 0; k < nKinds; k++ {
		counts[kindNames[k]] = g.count[k]
	}
	return counts, g.err
}

func newGen(ctx context.Context, cfg Config, sink Sink) (*gen, error) {
	g := &gen{cfg: cfg, ctx: ctx, sink: sink, from: cfg.From, through: cfg.Through,
		asOf: cfg.AsOf, memo: newDueMemo()}
	for k := 0; k < nKinds; k++ {
		g.rec[k] = make([]string, len(kindColumns[k]))
	}
	var err error
	if g.geo, err = loadGeo(cfg.Seed, cfg.Province); err != nil {
		return nil, err
	}
	names, err := refdata.LoadNames()
	if err != nil {
		return nil, err
	}
	north := cfg.Province < "40"
	g.names = newNameTable(names, north)
	g.ids = newIDMaker(cfg.Seed)
	g.months = int(g.through-g.from) + 1
	g.winStart = g.through.Add(1 - TaxMonths)
	if cfg.Hard {
		g.winStart = g.through.Add(1 - HardTaxMonths)
	}
	if g.winStart < g.from {
		g.winStart = g.from
	}
	for ri := range g.minTab {
		g.minTab[ri] = make([]int64, g.months)
		for i := range g.minTab[ri] {
			w := cfg.MinWage(regionNames[ri], g.from.Add(i))
			if w <= 0 {
				return nil, ansinh.Invalid("MinWage", "lương tối thiểu vùng không dương", "the regional minimum wage is not positive")
			}
			g.minTab[ri][i] = w
		}
	}
	g.pBase = ansinh.NewPeriod(1950, 1)
	for p := g.pBase; p <= g.through.Add(24); p++ {
		g.pstr = append(g.pstr, p.String())
	}
	g.dBase = ansinh.NewDate(1900, 1, 1)
	for d := g.dBase; d <= g.through.Last().AddDays(800); d++ {
		g.dstr = append(g.dstr, d.String())
	}
	g.firstYear = g.from.Year()
	g.years = g.through.Year() - g.firstYear + 1
	g.covered = make([]int32, len(g.geo.communes)*g.years)
	g.benefTally = make([]int32, len(g.geo.communes)*g.years)
	g.volEnds = make([]int32, g.months+1)
	for i := range g.benEnds {
		g.benEnds[i] = make([]int32, g.months+1)
	}
	g.poolCap = max(1000, cfg.Workers/5)
	g.recent = make([]recentHire, 0, 4096)
	return g, nil
}

// run generates everything, stopping at the first error.
func (g *gen) run() {
	g.writeUnits()
	g.planEmployers()
	g.initialBeneficiaries()
	g.initialVoluntary()
	for t := g.from; t <= g.through && g.err == nil; t++ {
		if err := g.ctx.Err(); err != nil {
			g.err = err
			return
		}
		g.month(t)
		g.voluntaryInflow(t)
		g.beneficiaryInflow(t)
		if g.cfg.Progress != nil {
			g.cfg.Progress(int(t-g.from)+1, g.months)
		}
	}
	if g.err == nil {
		g.guaranteeClaimDeath()
		g.finish()
	}
}

// emit passes one row to the sink.
func (g *gen) emit(k int, rec []string) {
	if g.err != nil {
		return
	}
	g.err = g.sink.Row(kindNames[k], rec)
	g.count[k]++
}

// fail records err unless an error is already recorded.
func (g *gen) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

// ps writes a month as "YYYY-MM" from the table.
func (g *gen) ps(p period) string {
	if i := int(p - g.pBase); i >= 0 && i < len(g.pstr) {
		return g.pstr[i]
	}
	return p.String()
}

// ds writes a day as "YYYY-MM-DD" from the table.
func (g *gen) ds(d ansinh.Date) string {
	if i := int(d - g.dBase); i >= 0 && i < len(g.dstr) {
		return g.dstr[i]
	}
	return d.String()
}

// upTo returns day d, or the day of generation if d is after it: a
// declaration or registration drawn for the rest of the current month is
// made by today.
func (g *gen) upTo(d ansinh.Date) ansinh.Date { return min(d, g.asOf) }

// idx returns the index of month t in the generated span.
func (g *gen) idx(t period) int { return int(t - g.from) }

// minWage returns the minimum wage of region index ri in month t (clamped
// to the generated span).
func (g *gen) minWage(ri int, t period) int64 {
	i := g.idx(t)
	if i < 0 {
		i = 0
	} else if i >= g.months {
		i = g.months - 1
	}
	return g.minTab[ri][i]
}

// maxMinWage returns the highest minimum wage of region ri over [a, b].
func (g *gen) maxMinWage(ri int, a, b period) int64 {
	m := int64(0)
	for t := a; t <= b; t++ {
		m = max(m, g.minWage(ri, t))
	}
	return m
}

// tallyIndex returns the year index if t is the month at which year's
// stocks are counted (December, or Through in the last year), else -1.
func (g *gen) tallyIndex(t period) int {
	if t == g.through || (t.Month() == 12 && t < g.through) {
		return t.Year() - g.firstYear
	}
	return -1
}

// tallyMonth returns the counting month of year index yi.
func (g *gen) tallyMonth(yi int) period {
	p := ansinh.NewPeriod(g.firstYear+yi, 12)
	if p > g.through {
		p = g.through
	}
	return p
}

// tallySpan adds one to tally (by commune and year) for every counting
// month within [a, b].
func (g *gen) tallySpan(tally []int32, commune int, a, b period) {
	for yi := 0; yi < g.years; yi++ {
		if m := g.tallyMonth(yi); m >= a && m <= b && m >= g.from {
			tally[commune*g.years+yi]++
		}
	}
}

// money writes an amount in đồng.
func money(v int64) string { return strconv.FormatInt(v, 10) }

// roundWage rounds a contract wage up the way contracts state them: to ten
// thousand đồng, or a hundred thousand from ten million.
func roundWage(v float64) int64 {
	if v >= 10_000_000 {
		return ceilTo(v, 100_000)
	}
	return ceilTo(v, 10_000)
}

// ceilTo rounds v up to a multiple of step.
func ceilTo(v float64, step int64) int64 {
	n := int64(v)
	if float64(n) < v {
		n++
	}
	return (n + step - 1) / step * step
}

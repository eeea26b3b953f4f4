package synth

import (
	"math"

	"ansinh"
)

// Voluntary payment modes and the months one payment covers.
var (
	volModeNames  = [4]string{"monthly", "quarterly", "semiannual", "annual"}
	volModeMonths = [4]int{1, 3, 6, 12}
	volModeWeight = newCumulative([]float64{0.45, 0.20, 0.10, 0.25})
	agesVoluntary = newBands(band{25, 34, 20}, band{35, 44, 30}, band{45, 54, 35}, band{55, 58, 15})
)

// volDropout is the monthly probability that a voluntary participant stops.
const volDropout = 0.013

// volShare is the share of the labour force in voluntary social insurance
// in month t, on a line through the plan's targets: 1.05% by 2021, 2.6% by
// 2025, 5.1% by 2030 (from about 0.45% at the start of 2018).
func volShare(t period) float64 {
	anchors := []struct {
		p period
		v float64
	}{
		{ansinh.NewPeriod(2018, 1), 0.0045},
		{ansinh.NewPeriod(2021, 12), 0.0110},
		{ansinh.NewPeriod(2025, 12), 0.0265},
		{ansinh.NewPeriod(2030, 12), 0.0510},
	}
	if t <= anchors[0].p {
		return anchors[0].v
	}
	for i := 1; i < len(anchors); i++ {
		if t <= anchors[i].p {
			a, b := anchors[i-1], anchors[i]
			return a.v + (b.v-a.v)*float64(t-a.p)/float64(b.p-a.p)
		}
	}
	return anchors[len(anchors)-1].v
}

// povertyLine is the rural poverty line, the floor of the voluntary income
// (rules.md §5).
func povertyLine(t period) int64 {
	if t >= ansinh.NewPeriod(2022, 1) {
		return 1_500_000
	}
	return 700_000
}

// volSupport returns the state support, in đồng, for one month of a
// participant of the category: a share of 22% of the rural poverty line
// (rules.md §5; the province's own extra support is not generated).
func volSupport(t period, category string) int64 {
	var pct int64
	if t >= reform {
		switch category {
		case "poor":
			pct = 50
		case "near_poor":
			pct = 40
		case "ethnic_minority":
			pct = 30
		default:
			pct = 20
		}
	} else {
		switch category {
		case "poor":
			pct = 30
		case "near_poor":
			pct = 25
		default:
			pct = 10
		}
	}
	return ansinh.RoundHalfUp(povertyLine(t)*22*pct, 10000)
}

// volTarget is the number of voluntary participants in month t.
func (g *gen) volTarget(t period) int {
	return int(math.Round(g.laborForce(t.Year()) * volShare(t)))
}

// initialVoluntary creates the participants already enrolled at From.
func (g *gen) initialVoluntary() {
	for n := g.volTarget(g.from); g.volStock < n && g.err == nil; {
		g.newVoluntary(g.from)
	}
}

// voluntaryInflow enrols new participants to keep up with the target.
func (g *gen) voluntaryInflow(t period) {
	g.volStock -= int(g.volEnds[g.idx(t)])
	for n := g.volTarget(t); g.volStock < n && g.err == nil; {
		g.newVoluntary(t)
	}
}

// volEnrolment is one voluntary participant's enrolment as generated.
type volEnrolment struct {
	p       personInfo
	commune int    // the commune the participant was picked in
	start   period // the first month covered
	mode    int    // index into volModeNames
	months  int    // the months one payment covers
	atFloor bool   // the income declared is the poverty line of each month
	chosen  int64  // otherwise, the income chosen at enrolment
	agent   string // the collection agent's code, or "" when paying online
	end     period // the last month paid (at or after Through when open)
	last    period // the last month generated: end, or Through when open
	open    bool   // still paying at Through
}

// newVoluntary enrols a farmer or informal worker from month t: the
// person, the enrolment rows (split when the category or the income floor
// changes), the payments, and the counts.
func (g *gen) newVoluntary(t period) {
	r := newRNG(g.cfg.Seed, streamVoluntary, uint64(g.nPersons))
	p, c := g.newVolunteer(t, &r)
	if g.err != nil {
		return
	}
	v := &volEnrolment{p: p, commune: c, start: t, mode: volModeWeight.pick(&r)}
	v.months = volModeMonths[v.mode]
	v.atFloor, v.chosen = drawVolIncome(t, &r)
	v.agent = g.volAgent(c, &r)
	v.end, v.open = g.volEnd(t, v.months, p.retire, &r)
	g.countVoluntary(v)
	g.writeVoluntaryRows(v)
	g.writeVoluntaryPayments(v, &r)
}

// newVolunteer creates the person who enrols in month t, in a rural
// commune, and returns them with the commune's index.
func (g *gen) newVolunteer(t period, r *rng) (personInfo, int) {
	female := r.chance(0.55)
	age := agesVoluntary.draw(r)
	for try := 0; try < 6 && retirementMonth(ansinh.NewDate(t.Year()-age, 1, 1), female) <= t.Add(12); try++ {
		age = max(25, age-5)
	}
	poorU := -1.0
	if r.chance(0.25) {
		// The support draws the poor and near-poor households.
		poor, near := povertyRates(t.Year())
		poorU = r.uniform(0, poor+near)
	}
	legacy := 0.0
	if t < reform {
		legacy = 0.7
	}
	c := g.geo.rural.pick(r)
	p := g.newPerson(r, personOpts{at: t, age: age, female: female, commune: c,
		migrant: 0.03, legacy: legacy, poorF: 1, poorU: poorU})
	return p, c
}

// drawVolIncome draws the income a participant enrolling in month t
// declares: the poverty line of each month (atFloor), or an income chosen
// once, in steps of 50.000 đồng.
func drawVolIncome(t period, r *rng) (atFloor bool, chosen int64) {
	atFloor = r.chance(0.65)
	chosen = povertyLine(t)
	if !atFloor {
		if r.chance(0.7) {
			chosen = ceilTo(float64(chosen)*r.uniform(1.2, 2.5), 50_000)
		} else {
			chosen = ceilTo(r.uniform(3_000_000, 8_000_000), 50_000)
		}
	}
	return atFloor, chosen
}

// volAgent draws the collection agent of commune c a participant pays
// through, or "" for one who pays online.
func (g *gen) volAgent(c int, r *rng) string {
	if ag := g.geo.communes[c].agents; r.chance(0.85) && len(ag) > 0 {
		return ag[r.intn(len(ag))]
	}
	return ""
}

// volEnd draws the last month of an enrolment from start paid k months at
// a time: it lasts whole payment periods until the participant stops,
// reaches retirement (month retire), or is still paying at Through (open).
func (g *gen) volEnd(start period, k int, retire period, r *rng) (end period, open bool) {
	hk := 1 - math.Pow(1-volDropout, float64(k))
	end = start.Add(-1)
	for {
		end = end.Add(k)
		if end >= g.through {
			return end, true
		}
		if end >= retire {
			return retire, false
		}
		if r.chance(hk) {
			return end, false
		}
	}
}

// countVoluntary sets v.last and counts the enrolment: in the stock, in
// the ends by month, and in the covered months of its commune.
func (g *gen) countVoluntary(v *volEnrolment) {
	v.last = v.end
	if v.open {
		v.last = g.through
	} else if v.end.Add(1) <= g.through {
		g.volEnds[g.idx(v.end.Add(1))]++
	}
	g.volStock++
	g.tallySpan(g.covered, v.commune, v.start, v.last)
}

// income is the monthly income v declares in month m.
func (v *volEnrolment) income(m period) int64 {
	if v.atFloor {
		return povertyLine(m)
	}
	return max(v.chosen, povertyLine(m))
}

// volSegment is one enrolment row: a run of months with the same category
// and income.
type volSegment struct {
	start, end period // end is v.last for the last row
	open       bool   // the last row of an open enrolment (no end month)
	category   string
	income     int64
}

// segments splits the enrolment into its rows: one per run of months with
// the same category and income.
func (v *volEnrolment) segments() []volSegment {
	seg := volSegment{start: v.start, category: volCategory(v.p, v.start), income: v.income(v.start)}
	var out []volSegment
	for m := v.start.Add(1); m <= v.last; m++ {
		if cat, inc := volCategory(v.p, m), v.income(m); cat != seg.category || inc != seg.income {
			seg.end = m.Add(-1)
			out = append(out, seg)
			seg = volSegment{start: m, category: cat, income: inc}
		}
	}
	seg.end, seg.open = v.last, v.open
	return append(out, seg)
}

// writeVoluntaryRows writes the enrolment rows.
func (g *gen) writeVoluntaryRows(v *volEnrolment) {
	rec := g.rec[kVoluntary]
	rec[0], rec[4], rec[6] = v.p.id, volModeNames[v.mode], v.agent
	for _, s := range v.segments() {
		rec[1], rec[2], rec[3], rec[5] = g.ps(s.start), g.ps(s.end), money(s.income), s.category
		if s.open {
			rec[2] = ""
		}
		g.emit(kVoluntary, rec)
	}
}

// writeVoluntaryPayments writes the payments, the blocks the monthly close
// bills (collection's voluntary posting): each row is paid in blocks of the
// mode's months counted from the row's first month, cut at its last month
// (an open row's last block is whole), one payment in the block's first
// month, through the agent or online. A block's amount is its months'
// contribution on the row's income less the state's support for the row's
// category, both at the block's first month's rules.
func (g *gen) writeVoluntaryPayments(v *volEnrolment, r *rng) {
	pay := g.rec[kPayments]
	k := v.months
	for _, s := range v.segments() {
		for a := s.start; a <= g.through && a <= s.end; a = a.Add(k) {
			months := int64(k)
			if !s.open && int64(s.end-a+1) < months {
				months = int64(s.end - a + 1)
			}
			amount := months * (ansinh.RoundHalfUp(s.income*22, 100) - volSupport(a, s.category))
			paidOn := a.First().AddDays(r.intn(25))
			if paidOn > g.asOf {
				continue
			}
			pay[0], pay[1], pay[2], pay[3] = payRef("TN", a, 0), v.p.id, money(amount), g.ds(paidOn)
			pay[4], pay[5] = "agent", v.agent
			if v.agent == "" {
				pay[4] = "online"
			}
			g.emit(kPayments, pay)
		}
	}
}

// volCategory returns the participant's category in month m: poor or
// near-poor by the household's status that year, otherwise ethnic
// minority, otherwise other.
func volCategory(p personInfo, m period) string {
	switch p.status(m.Year()) {
	case "poor":
		return "poor"
	case "near_poor":
		return "near_poor"
	}
	if p.ethnic {
		return "ethnic_minority"
	}
	return "other"
}

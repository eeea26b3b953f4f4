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

// newVoluntary enrols a farmer or informal worker from month t: the
// person, the enrolment rows (split when the category or the income floor
// changes), the payments, and the counts.
func (g *gen) newVoluntary(t period) {
	r := newRNG(g.cfg.Seed, streamVoluntary, uint64(g.nPersons))
	female := r.chance(0.55)
	age := agesVoluntary.draw(&r)
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
	c := g.geo.rural.pick(&r)
	p := g.newPerson(&r, personOpts{at: t, age: age, female: female, commune: c,
		migrant: 0.03, legacy: legacy, poorF: 1, poorU: poorU})
	if g.err != nil {
		return
	}
	mode := volModeWeight.pick(&r)
	k := volModeMonths[mode]
	atFloor := r.chance(0.65)
	chosen := povertyLine(t)
	if !atFloor {
		if r.chance(0.7) {
			chosen = ceilTo(float64(chosen)*r.uniform(1.2, 2.5), 50_000)
		} else {
			chosen = ceilTo(r.uniform(3_000_000, 8_000_000), 50_000)
		}
	}
	agent := ""
	if ag := g.geo.communes[c].agents; r.chance(0.85) && len(ag) > 0 {
		agent = ag[r.intn(len(ag))]
	}
	// The enrolment lasts whole payment periods until the participant
	// stops, reaches retirement age, or is still paying at Through.
	hk := 1 - math.Pow(1-volDropout, float64(k))
	end := t.Add(-1)
	open := false
	for {
		end = end.Add(k)
		if end >= g.through {
			open = true
			break
		}
		if end >= p.retire {
			end = p.retire
			break
		}
		if r.chance(hk) {
			break
		}
	}
	last := end
	if open {
		last = g.through
	} else if end.Add(1) <= g.through {
		g.volEnds[g.idx(end.Add(1))]++
	}
	g.volStock++
	g.tallySpan(g.covered, c, t, last)
	income := func(m period) int64 {
		if atFloor {
			return povertyLine(m)
		}
		return max(chosen, povertyLine(m))
	}
	// Rows: one per run of months with the same category and income.
	rec := g.rec[kVoluntary]
	rec[0], rec[4], rec[6] = p.id, volModeNames[mode], agent
	segStart := t
	segCat, segInc := volCategory(p, t), income(t)
	flush := func(to period, isOpen bool) {
		rec[1], rec[2], rec[3], rec[5] = g.ps(segStart), g.ps(to), money(segInc), segCat
		if isOpen {
			rec[2] = ""
		}
		g.emit(kVoluntary, rec)
	}
	for m := t.Add(1); m <= last; m++ {
		if cat, inc := volCategory(p, m), income(m); cat != segCat || inc != segInc {
			flush(m.Add(-1), false)
			segStart, segCat, segInc = m, cat, inc
		}
	}
	flush(last, open)
	// Payments: one per period, in its first month, through the agent or
	// online, for the months it covers.
	pay := g.rec[kPayments]
	for a := t; a <= g.through && (open || a <= end); a = a.Add(k) {
		var amount int64
		for m := a; m < a.Add(k) && (open || m <= end); m++ {
			amount += ansinh.RoundHalfUp(income(m)*22, 100) - volSupport(m, volCategory(p, m))
		}
		paidOn := a.First().AddDays(r.intn(25))
		if paidOn > g.asOf {
			continue
		}
		pay[0], pay[1], pay[2], pay[3] = payRef("TN", a, 0), p.id, money(amount), g.ds(paidOn)
		pay[4], pay[5] = "agent", agent
		if agent == "" {
			pay[4] = "online"
		}
		g.emit(kPayments, pay)
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

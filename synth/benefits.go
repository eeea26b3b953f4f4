package synth

import (
	"math"

	"ansinh"
)

// Beneficiary kinds.
const (
	benPension = iota
	benMonthly
	benSocial
	nBenefKinds
)

var benefKindNames = [nBenefKinds]string{"pension", "monthly_si_benefit", "social_pension"}

// pensionIndexation lists the yearly adjustments of pensions and monthly
// benefits (per ten thousand): Decrees 88/2018, 44/2019, 108/2021, 42/2023
// and 75/2024.
var pensionIndexation = []struct {
	from   period
	factor int64
}{
	{ansinh.NewPeriod(2018, 7), 10692},
	{ansinh.NewPeriod(2019, 7), 10719},
	{ansinh.NewPeriod(2022, 1), 10740},
	{ansinh.NewPeriod(2023, 7), 11250},
	{ansinh.NewPeriod(2024, 7), 11500},
}

// socialPension returns the monthly social pension allowance in month t:
// 270,000 (Decree 136/2013), 360,000 from 2021-07 (Decree 20/2021), 500,000
// from 2025-07 (Decree 176/2025).
func socialPension(t period) int64 {
	switch {
	case t >= reform:
		return 500_000
	case t >= ansinh.NewPeriod(2021, 7):
		return 360_000
	}
	return 270_000
}

// laborForce is the province's working-age labour force in year y: 1.75
// times the insured workers at the end, growing 1.8% a year (the province
// draws workers from the whole north), so that the share insured lands near
// the plan's targets (about 45% in 2021, 53% in 2025).
func (g *gen) laborForce(y int) float64 {
	return float64(g.cfg.Workers) * 1.75 * (1 - 0.018*float64(g.through.Year()-y))
}

// overRetirement is the population past retirement age in year y: a fifth
// of the labour force, rising as the population ages.
func (g *gen) overRetirement(y int) float64 {
	return g.laborForce(y) * (0.20 + 0.006*float64(y-2018))
}

// benefTarget is the number of beneficiaries of kind k the province has in
// month t, as a share of the population past retirement age: with the three
// kinds together about 43% in 2018, 45% in 2021 and 55% after the 2025
// reform lowered the social pension age from 80 to 75.
func (g *gen) benefTarget(k int, t period) int {
	y := t.Year()
	var share float64
	switch k {
	case benPension:
		share = 0.28 + 0.0045*float64(y-2018)
	case benMonthly:
		share = 0.03
		if t >= reform {
			share = 0.035
		}
	default:
		share = 0.125
		if t >= reform {
			share = 0.215
		}
	}
	return int(math.Round(share * g.overRetirement(y)))
}

// Ages of beneficiaries at the first month.
var (
	agesPensioner = newBands(band{0, 9, 50}, band{10, 19, 32}, band{20, 29, 15}, band{30, 35, 3}) // years past 60 (55)
	agesOldest    = newBands(band{80, 84, 50}, band{85, 89, 30}, band{90, 94, 15}, band{95, 100, 5})
)

// initialBeneficiaries creates the beneficiaries already paid at From.
func (g *gen) initialBeneficiaries() {
	for k := 0; k < nBenefKinds && g.err == nil; k++ {
		n := g.benefTarget(k, g.from)
		for range n {
			g.newBeneficiary(k, g.from, true)
		}
	}
}

// beneficiaryInflow tops up every kind to its target for month t.
func (g *gen) beneficiaryInflow(t period) {
	for k := 0; k < nBenefKinds && g.err == nil; k++ {
		g.benStock[k] -= int(g.benEnds[k][g.idx(t)])
		for target := g.benefTarget(k, t); g.benStock[k] < target && g.err == nil; {
			g.newBeneficiary(k, t, false)
		}
	}
}

// newBeneficiary creates a person paid a benefit of kind k: already paid at
// From (initial), or from month t.
func (g *gen) newBeneficiary(k int, t period, initial bool) {
	r := newRNG(g.cfg.Seed, streamBeneficiary, uint64(g.nPersons))
	female := r.chance(0.55)
	var birthP, start period
	switch {
	case k == benSocial && initial:
		age := agesOldest.draw(&r)
		birthP = t.Add(-12*age - 2 - r.intn(11)) // past 80 and a month before From
		start = max(birthP.Add(80*12+1), ansinh.NewPeriod(2014, 1))
	case k == benSocial:
		age := 80
		switch {
		case t == reform:
			age = r.between(75, 79)
		case t > reform && r.chance(0.75):
			age = 75
		case t > reform:
			age = r.between(76, 90)
		}
		birthP = t.Add(-12*age - 1)
		start = t
	case initial:
		base := (requiredAge(t.Year(), female) + 11) / 12 // past retirement age at From
		birthP = t.Add(-12*(base+agesPensioner.draw(&r)) - r.intn(12))
		start = retirementMonth(birthP.First(), female).Add(1)
	default:
		birthP = t.Add(-1 - requiredAge(t.Add(-1).Year(), female))
		for retirementMonth(birthP.First(), female) >= t {
			birthP--
		}
		start = t
	}
	if initial && start >= g.from {
		start = g.from.Add(-1)
	}
	legacy := 0.9
	if k == benSocial {
		legacy = 0
	}
	birth := birthP.First().AddDays(r.intn(28))
	p := g.newPerson(&r, personOpts{at: t, birth: birth, female: female, commune: g.geo.all.pick(&r),
		migrant: 0.03, legacy: legacy, poorF: 1.3, poorU: -1})
	if g.err != nil {
		return
	}
	var amount int64
	switch k {
	case benPension:
		amount = int64(math.Exp(math.Log(4_500_000)+0.45*r.norm()) * (1 + 0.04*float64(max(0, start.Year()-2018))))
		amount = max(amount, baseSalary(start))
	case benMonthly:
		amount = int64(r.uniform(1_500_000, 3_000_000) * (1 + 0.04*float64(max(0, start.Year()-2018))))
	}
	if end := g.writeBenefit(&r, k, p.id, p.commune, p.birth.Period(), start, amount, true); end != 0 {
		g.writeDeath(&r, p.id, end)
	}
}

// retireWorker starts the pension (or, since the 2024 law, sometimes the
// monthly benefit of those short of the years) of a worker who retired in
// month t-1. A worker who retires within the claims' window (claimsFrom)
// files a pension claim instead of being listed as a beneficiary: the
// benefits domain decides it from the record. The draws are the same
// either way, so the stocks and the other rows do not change.
func (g *gen) retireWorker(w *worker, t period) {
	r := newRNG(g.cfg.Seed, streamBeneficiary, uint64(w.pid)|1<<40)
	claim := t >= g.claimsFrom()
	k := -1
	switch u := r.float(); {
	case u < 0.8:
		k = benPension
	case u < 0.87 && t >= reform:
		k = benMonthly
	}
	if k < 0 {
		if claim {
			g.fileClaim(w, t, 0)
		}
		return // too few years: a one-time withdrawal, no monthly benefit
	}
	amount := ceilTo(float64(w.wage)*r.uniform(0.55, 0.75), 1000)
	if k == benPension {
		amount = max(amount, baseSalary(t))
	} else {
		amount = min(amount, 3_000_000)
	}
	end := g.writeBenefit(&r, k, w.id, int(w.commune), w.retire.Add(-60*12), t, amount, !claim)
	switch {
	case claim:
		g.fileClaim(w, t, end)
	case end != 0:
		g.writeDeath(&r, w.id, end)
	}
}

// writeBenefit draws the death month and, with rows, writes the benefit
// rows from start, one row per amount (indexation splits them); it counts
// the beneficiary in the stock and the tallies either way, and returns the
// month of death (zero: alive at Through).
func (g *gen) writeBenefit(r *rng, k int, id string, commune int, birthP, start period, amount int64, rows bool) period {
	end := period(0)
	for a := max(start, g.from); a <= g.through; a = a.Add(12) {
		age := float64(a-birthP) / 12
		q := math.Min(0.6, math.Exp(-10.1+0.095*age))
		if r.chance(q) {
			if d := a.Add(r.intn(12)); d <= g.through {
				end = d
			}
			break
		}
	}
	last := g.through
	if end != 0 {
		last = end
		if end.Add(1) <= g.through {
			g.benEnds[k][g.idx(end.Add(1))]++
		}
	}
	g.benStock[k]++
	g.tallySpan(g.benefTally, commune, start, last)
	if !rows {
		return end
	}
	rec := g.rec[kBeneficiaries]
	rec[0], rec[1] = id, benefKindNames[k]
	segStart := start
	if k == benSocial {
		amount = socialPension(start)
	}
	for _, change := range g.benefitChanges(k) {
		if change.from <= segStart {
			continue
		}
		if change.from > last {
			break
		}
		rec[2], rec[3], rec[4] = g.ps(segStart), g.ps(change.from.Add(-1)), money(amount)
		g.emit(kBeneficiaries, rec)
		segStart = change.from
		if k == benSocial {
			amount = socialPension(change.from)
		} else {
			amount = ansinh.RoundHalfUp(amount*change.factor, 10000)
		}
	}
	rec[2], rec[3], rec[4] = g.ps(segStart), "", money(amount)
	if end != 0 {
		rec[3] = g.ps(end)
	}
	g.emit(kBeneficiaries, rec)
	return end
}

// benefitChanges lists the months the amount of kind k changes.
func (g *gen) benefitChanges(k int) []struct {
	from   period
	factor int64
} {
	if k == benSocial {
		return []struct {
			from   period
			factor int64
		}{{ansinh.NewPeriod(2021, 7), 0}, {reform, 0}}
	}
	return pensionIndexation
}

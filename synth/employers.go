package synth

import (
	"math"

	"ansinh"
)

// Employer kinds (formats.md), as indices.
const (
	kindState = iota
	kindSOE
	kindFDI
	kindPrivate
	kindCoop
	kindHousehold
	nEmployerKinds
)

var employerKindNames = [nEmployerKinds]string{"state", "soe", "fdi", "private", "cooperative", "household_business"}

// Employer flags.
const (
	efExisting   uint16 = 1 << iota // operating before From
	efClosing                       // closes before Through (dissolved)
	efStopper                       // stops paying: unpaid_arrears
	efUnder                         // declares wages well below what it pays: underdeclared_wage
	efSloppy                        // hires workers without declaring them: unregistered_worker
	efUnreg                         // never registered with social insurance: unregistered_employer
	efLargeFDI                      // one of the large factories
	efNoTax                         // efUnreg, hard: missing from the tax feed
	efNoRegistry                    // efUnreg, hard: missing from the business registry
	efPartStop                      // efStopper, hard: keeps paying part of the dues
)

// Payment behaviours.
const (
	payPunctual = iota
	payLate
	payPartial
)

// employer is one employer (or, with efUnreg, an enterprise that should be
// one) and its current workforce.
type employer struct {
	taxCode      string
	name         string
	kind         uint8
	commune      uint16
	region       uint8
	pay          uint8
	zone         int16 // index into geo.zones, or -1
	flags        uint16
	start        period // first month with workers
	close        period // first month without workers (efClosing)
	stopAt       period // first unpaid month (efStopper)
	size         int32  // headcount at Through (at closing for efClosing)
	r0           float32
	ramp         int16
	registeredOn ansinh.Date
	rng          rng
	workers      []worker
	nReg         int32 // workers with a declared (or to be declared) spell
	carry        int64 // dues of leavers still to be billed this month
	unpaid       int64 // dues not paid since stopAt
	unpaidMonths int32
}

// employerClass is a slice of the workforce: the kind of employer, its
// share of the workers at Through and the size of one employer.
type employerClass struct {
	kind     int
	share    float64
	sizes    bands   // headcount at full size
	existing float64 // share of employers operating before From
	growLo   float64 // headcount at From relative to full size
	growHi   float64
	zoneP    float64 // probability of a site in an industrial zone
}

// The classes. Shares follow the make-up of Bắc Ninh's insured workforce:
// foreign-invested electronics factories hold over half of it, private
// firms a quarter, the public sector a tenth.
var employerClasses = []employerClass{
	{kindFDI, 0.28, newBands(band{30, 99, 40}, band{100, 499, 40}, band{500, 1500, 20}), 0.6, 0.4, 1.05, 0.8},
	{kindPrivate, 0.28, newBands(band{1, 10, 65}, band{11, 50, 25}, band{51, 300, 8}, band{301, 1500, 2}), 0.55, 0.5, 1.1, 0.1},
	{kindSOE, 0.05, newBands(band{20, 99, 40}, band{100, 499, 45}, band{500, 1200, 15}), 0.95, 0.85, 1.05, 0},
	{kindState, 0.10, newBands(band{8, 30, 45}, band{31, 100, 40}, band{101, 300, 15}), 0.98, 0.85, 1.0, 0},
	{kindCoop, 0.015, newBands(band{3, 10, 50}, band{11, 40, 50}), 0.85, 0.6, 1.1, 0},
	{kindHousehold, 0.025, newBands(band{1, 1, 30}, band{2, 2, 25}, band{3, 4, 25}, band{5, 8, 20}), 0.5, 0.6, 1.2, 0},
}

// largeFDIShare is the share of the workforce in the large factories.
const largeFDIShare = 0.245

// planEmployers draws every employer, picks those that break the law, and
// writes the employers rows.
func (g *gen) planEmployers() {
	r := newRNG(g.cfg.Seed, streamSetup, 1)
	w := g.cfg.Workers
	var emps []employer
	// The large factories: about 45 at a million workers, fewer and
	// smaller below, each 1,000–10,000 workers at that size.
	nLarge := max(1, int(math.Round(45*math.Sqrt(float64(w)/1e6))))
	largeTotal := int(math.Round(largeFDIShare * float64(w)))
	if largeTotal >= 1 {
		sizes := make([]float64, nLarge)
		sum := 0.0
		for i := range sizes {
			sizes[i] = r.uniform(0.4, 1.6)
			sum += sizes[i]
		}
		left := largeTotal
		for i := range sizes {
			n := int(math.Round(sizes[i] / sum * float64(largeTotal)))
			if i == nLarge-1 || n > left {
				n = left
			}
			left -= n
			if n > 0 {
				e := employer{kind: kindFDI, size: int32(n), flags: efLargeFDI}
				g.placeAndTime(&r, &e, employerClass{kind: kindFDI, existing: 0.6, growLo: 0.35, growHi: 1.0, zoneP: 1})
				emps = append(emps, e)
			}
		}
	}
	// The other classes, until each holds its share; the last class takes
	// what rounding left, so the sizes add up to Workers exactly.
	assigned := largeTotal
	for ci, cl := range employerClasses {
		target := int(math.Round(cl.share * float64(w)))
		if ci == len(employerClasses)-1 {
			target = w - assigned
		}
		if assigned+target > w {
			target = w - assigned
		}
		got := 0
		for got < target {
			n := cl.sizes.draw(&r)
			n = min(n, max(1, w/20), target-got)
			e := employer{kind: uint8(cl.kind), size: int32(n)}
			g.placeAndTime(&r, &e, cl)
			emps = append(emps, e)
			got += n
		}
		assigned += got
		// Employers that close before Through: not in the Workers count.
		nClose := int(math.Round(0.08 * float64(countKind(emps, cl.kind))))
		if cl.kind == kindState || cl.kind == kindSOE {
			nClose = 0
		}
		for range nClose {
			e := employer{kind: uint8(cl.kind), size: int32(min(cl.sizes.draw(&r), max(1, w/20)))}
			g.placeAndTime(&r, &e, cl)
			lo := max(e.start.Add(12), g.from.Add(6))
			if lo > g.through.Add(-1) {
				continue
			}
			e.close = ansinh.Period(r.between(int(lo), int(g.through.Add(-1))))
			e.flags |= efClosing
			emps = append(emps, e)
		}
	}
	emps = g.addUnregistered(&r, emps)
	// Shuffle, so the kinds interleave, then give each its identity.
	for i := len(emps) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		emps[i], emps[j] = emps[j], emps[i]
	}
	g.emps = emps
	for i := range g.emps {
		g.identify(i)
	}
	g.pickOffenders(&r)
	rec := g.rec[kEmployers]
	for i := range g.emps {
		e := &g.emps[i]
		if e.flags&efUnreg != 0 {
			continue
		}
		rec[0] = e.taxCode
		rec[1] = e.name
		rec[2] = employerKindNames[e.kind]
		rec[3] = g.geo.communes[e.commune].code
		rec[4] = ""
		if e.zone >= 0 {
			rec[4] = g.geo.zones[e.zone].name
		}
		rec[5] = g.ds(e.registeredOn)
		g.emit(kEmployers, rec)
	}
}

func countKind(emps []employer, kind int) int {
	n := 0
	for i := range emps {
		if int(emps[i].kind) == kind && emps[i].flags&efLargeFDI == 0 {
			n++
		}
	}
	return n
}

// placeAndTime draws an employer's site, its first month and its growth.
func (g *gen) placeAndTime(r *rng, e *employer, cl employerClass) {
	e.zone = -1
	switch {
	case len(g.geo.zones) > 0 && r.chance(cl.zoneP):
		e.zone = int16(r.intn(len(g.geo.zones)))
		e.commune = uint16(g.geo.zones[e.zone].commune)
	case cl.kind == kindPrivate || cl.kind == kindSOE || cl.kind == kindFDI:
		e.commune = uint16(g.geo.urban.pick(r))
	case cl.kind == kindCoop:
		e.commune = uint16(g.geo.rural.pick(r))
	default:
		e.commune = uint16(g.geo.all.pick(r))
	}
	e.region = uint8(g.geo.communes[e.commune].region)
	if r.chance(cl.existing) || g.through-g.from < 6 {
		e.flags |= efExisting
		e.start = g.from
		e.r0 = float32(r.uniform(cl.growLo, cl.growHi))
	} else {
		e.start = ansinh.Period(r.between(int(g.from.Add(1)), int(g.through.Add(-3))))
		e.ramp = int16(r.between(6, 24))
	}
}

// identify gives employer i its stream, tax code, name, registration date
// and payment behaviour.
func (g *gen) identify(i int) {
	e := &g.emps[i]
	e.rng = newRNG(g.cfg.Seed, streamEmployer, uint64(i))
	r := &e.rng
	c := &g.geo.communes[e.commune]
	code, err := g.ids.taxCode(g.taxPrefix(c))
	if err != nil {
		g.fail(err)
		return
	}
	e.taxCode = code
	e.name = g.companyName(r, int(e.kind), c)
	if e.flags&efExisting != 0 {
		lo := ansinh.NewDate(2000, 1, 1)
		if e.kind == kindState || e.kind == kindSOE {
			lo = ansinh.NewDate(1995, 1, 1)
		}
		hi := g.from.First().AddDays(-1)
		if e.flags&efUnreg != 0 {
			hi = g.winStart.First().AddDays(-1)
		}
		if hi <= lo {
			lo = hi.AddDays(-3650)
		}
		e.registeredOn = lo.AddDays(r.intn(int(hi-lo) + 1))
	} else {
		e.registeredOn = g.upTo(e.start.First().AddDays(r.intn(3))) // days 1–3
	}
	switch {
	case e.kind == kindState:
		e.pay = payPunctual
	case r.chance(0.72):
		e.pay = payPunctual
	case r.chance(0.6):
		e.pay = payLate
	default:
		e.pay = payPartial
	}
}

// taxPrefix returns the first two digits of tax codes issued in the
// commune's old province. For Bắc Ninh they are the tax authorities' own
// province numbers (23 for old Bắc Ninh, 24 for old Bắc Giang); elsewhere
// the GSO code of the old province stands in for them.
func (g *gen) taxPrefix(c *commune) string {
	if g.cfg.Province == "24" && c.oldProv == "27" {
		return "23"
	}
	return c.oldProv
}

// pickOffenders chooses the employers that stop paying, underdeclare wages
// or hire without declaring. Each set has at least one member when any
// employer qualifies, so every kind of violation appears.
func (g *gen) pickOffenders(r *rng) {
	var stop, under, sloppy []int
	for i := range g.emps {
		e := &g.emps[i]
		if e.flags&(efUnreg|efClosing|efLargeFDI) != 0 || e.kind == kindState {
			continue
		}
		if e.start <= g.through.Add(-10) && e.kind != kindSOE {
			stop = append(stop, i)
		}
		if e.kind == kindHousehold {
			continue // no tax records: nothing to find
		}
		if e.start < g.winStart && e.size >= 3 && e.size <= 200 && e.kind != kindSOE {
			under = append(under, i)
		}
		if e.start < g.winStart {
			sloppy = append(sloppy, i)
		}
	}
	mark := func(list []int, share float64, flag uint16) {
		n := int(math.Round(share * float64(len(list))))
		if n == 0 && len(list) > 0 {
			n = 1
		}
		for k := len(list) - 1; k > 0; k-- {
			j := r.intn(k + 1)
			list[k], list[j] = list[j], list[k]
		}
		marked := 0
		// First pass: employers with no other offence, to keep the kinds
		// apart; second pass only if there were too few of them.
		for pass := 0; pass < 2 && marked < n; pass++ {
			for _, i := range list {
				e := &g.emps[i]
				if marked == n {
					break
				}
				if e.flags&flag != 0 || (pass == 0 && e.flags&(efStopper|efUnder|efSloppy) != 0) {
					continue
				}
				e.flags |= flag
				marked++
			}
		}
	}
	mark(stop, 0.012, efStopper)
	if g.through-g.winStart+1 >= 6 {
		mark(under, 0.02, efUnder)
	}
	if g.through-g.winStart >= 4 {
		mark(sloppy, 0.06, efSloppy)
	}
	for i := range g.emps {
		e := &g.emps[i]
		if e.flags&efStopper != 0 {
			lo := max(e.start.Add(6), g.through.Add(-18))
			e.stopAt = ansinh.Period(r.between(int(lo), int(g.through.Add(-4))))
			if g.cfg.Hard && r.chance(0.5) {
				e.flags |= efPartStop
			}
		}
	}
}

// addUnregistered adds the enterprises that never registered: small
// private firms and foreign-invested workshops, some inside the zones; in a
// hard province a fifth are missing from the tax feed and a fifth from the
// business registry.
func (g *gen) addUnregistered(r *rng, emps []employer) []employer {
	nEnterprises := countKind(emps, kindPrivate) + countKind(emps, kindFDI)
	for range max(1, int(math.Round(0.03*float64(nEnterprises)))) {
		kind := kindPrivate
		if r.chance(0.25) {
			kind = kindFDI
		}
		e := employer{kind: uint8(kind), size: int32(r.between(3, 40)), flags: efUnreg}
		if g.cfg.Hard {
			switch u := r.float(); {
			case u < 0.2:
				e.flags |= efNoTax
			case u < 0.4:
				e.flags |= efNoRegistry
			}
		}
		g.placeAndTime(r, &e, employerClass{kind: kind, existing: 1, growLo: 1, growHi: 1, zoneP: 0.4})
		emps = append(emps, e)
	}
	return emps
}

// headcount returns the number of declared workers employer e wants in
// month t: a straight path from its size at From (or a ramp from its
// opening) to its full size, with a small seasonal swing, exactly its full
// size at Through.
func (g *gen) headcount(e *employer, t period) int {
	if t < e.start || (e.flags&efClosing != 0 && t >= e.close) {
		return 0
	}
	n := float64(e.size)
	var h float64
	if e.flags&efExisting != 0 {
		span := float64(g.through - g.from)
		frac := 1.0
		if span > 0 {
			frac = float64(t-g.from) / span
		}
		h = n * (float64(e.r0) + (1-float64(e.r0))*frac)
	} else {
		rp := math.Min(1, float64(t-e.start+1)/float64(e.ramp))
		h = n * (0.3 + 0.7*rp)
	}
	if t == g.through && e.flags&efClosing == 0 {
		return int(e.size)
	}
	if e.kind != kindState && e.kind != kindSOE {
		h *= 1 + 0.03*math.Sin(2*math.Pi*float64(int(t)%12+int(e.commune))/12)
	}
	return max(1, int(math.Round(h)))
}

package synth

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"ansinh"
	"ansinh/refdata"
)

// finish writes what is known only at Through: the open spells, the ground
// truth of the violations still running, the partners' registers and the
// labour force.
func (g *gen) finish() {
	for i := range g.emps {
		e := &g.emps[i]
		if e.flags&efUnreg != 0 {
			continue
		}
		for k := range e.workers {
			w := &e.workers[k]
			switch {
			case w.flags&wfNoSI != 0:
				g.undeclaredViolation(e, w, g.through)
				continue
			case w.flags&wfUnder != 0:
				from := max(g.winStart, w.under)
				g.violation("underdeclared_wage", e.taxCode, w.id,
					fmt.Sprintf("thu nhập chịu thuế khoảng %s lần tiền lương đóng BHXH, liên tục %s..%s",
						ratioText(w.ratio), g.ps(from), g.ps(g.through)), underBand(w.ratio, from > g.winStart))
			}
			g.writeSpell(e, w, 0)
		}
		if e.flags&efStopper != 0 && e.unpaidMonths > 0 {
			band := bandEasy
			if e.flags&efPartStop != 0 {
				band = bandMedium
			}
			g.violation("unpaid_arrears", e.taxCode, "",
				fmt.Sprintf("ngừng đóng từ kỳ %s; %d kỳ chưa đóng đủ, %s đồng đến kỳ %s",
					g.ps(e.stopAt), e.unpaidMonths, ansinh.GroupDigits(e.unpaid, '.'), g.ps(g.through)), band)
		}
	}
	g.writeRegisters()
	g.writeLaborForce()
}

// ratioText writes a per-mille ratio with a decimal comma, e.g. "1,62".
func ratioText(permille uint16) string {
	r := (int(permille) + 5) / 10
	return strconv.Itoa(r/100) + "," + fmt.Sprintf("%02d", r%100)
}

// writeRegisters writes the business registry (enterprises: private,
// state-owned and foreign-invested firms, with some that have no employees
// and need not register), the industrial zones' list, and the ground truth
// of the enterprises that never registered.
func (g *gen) writeRegisters() {
	r := newRNG(g.cfg.Seed, streamCompany, 0)
	reg := g.rec[kBusinessRegistry]
	iz := g.rec[kIZEnterprises]
	for i := range g.emps {
		e := &g.emps[i]
		c := &g.geo.communes[e.commune]
		staff := len(e.workers)
		if (e.kind == kindPrivate || e.kind == kindSOE || e.kind == kindFDI) && e.flags&efNoRegistry == 0 {
			status, reported := "active", 0
			if e.flags&efClosing != 0 {
				status = "dissolved"
				if r.chance(0.3) {
					status = "suspended"
				}
			} else {
				reported = max(1, int(math.Round(float64(staff)*r.uniform(0.9, 1.1))))
			}
			regOn := e.registeredOn.AddDays(-r.intn(400))
			if e.flags&efUnreg != 0 {
				regOn = e.registeredOn
			}
			reg[0], reg[1], reg[2] = e.taxCode, g.partnerName(&r, e.name), c.code
			reg[3], reg[4], reg[5] = g.ds(regOn), status, strconv.Itoa(reported)
			g.emit(kBusinessRegistry, reg)
		}
		if e.zone >= 0 && e.flags&efClosing == 0 {
			iz[0], iz[1] = e.taxCode, g.geo.zones[e.zone].name
			iz[2] = strconv.Itoa(max(1, int(math.Round(float64(staff)*r.uniform(0.97, 1.03)))))
			g.emit(kIZEnterprises, iz)
		}
		if e.flags&efUnreg != 0 {
			var where []string
			if e.flags&efNoRegistry == 0 {
				where = append(where, "đăng ký kinh doanh")
			}
			if e.zone >= 0 {
				where = append(where, g.geo.zones[e.zone].name)
			}
			band := bandEasy
			if e.flags&efNoTax == 0 {
				where = append(where, "dữ liệu thuế")
			}
			if e.flags&(efNoTax|efNoRegistry) != 0 {
				band = bandMedium
			}
			g.violation("unregistered_employer", e.taxCode, "",
				fmt.Sprintf("có trong %s với %d lao động nhưng chưa đăng ký tham gia BHXH", strings.Join(where, ", "), staff), band)
		}
		// A firm with no employees: in the registry, rightly not an employer.
		if r.chance(0.05) {
			g.writeIdleCompany(&r)
		}
	}
}

// writeIdleCompany writes a registered enterprise without employees.
func (g *gen) writeIdleCompany(r *rng) {
	ci := g.geo.urban.pick(r)
	c := &g.geo.communes[ci]
	code, err := g.ids.taxCode(g.taxPrefix(c))
	if err != nil {
		g.fail(err)
		return
	}
	status := "active"
	switch u := r.float(); {
	case u < 0.1:
		status = "dissolved"
	case u < 0.3:
		status = "suspended"
	}
	lo := ansinh.NewDate(2010, 1, 1)
	regOn := g.upTo(lo.AddDays(r.intn(int(g.through.Last()-lo) + 1)))
	reg := g.rec[kBusinessRegistry]
	reg[0], reg[1], reg[2] = code, g.partnerName(r, g.companyName(r, kindPrivate, c)), c.code
	reg[3], reg[4], reg[5] = g.ds(regOn), status, "0"
	g.emit(kBusinessRegistry, reg)
}

// partnerName writes a name as a partner's system may hold it: a fifth in
// capitals without diacritics, a tenth without diacritics.
func (g *gen) partnerName(r *rng, name string) string {
	switch u := r.float(); {
	case u < 0.2:
		return strings.ToUpper(asciiFold(name))
	case u < 0.3:
		return asciiFold(name)
	}
	return name
}

// writeLaborForce writes, per commune and year, the working-age labour
// force and the population past retirement age: the province's totals
// spread by commune weight, never less than the people the registry
// covers there (so no commune passes 90% coverage). Years before the 2025
// reform are written for the old communes, the new communes' figures being
// shared among their predecessors.
func (g *gen) writeLaborForce() {
	nc := len(g.geo.communes)
	sumW := 0.0
	for _, c := range g.geo.communes {
		sumW += c.weight
	}
	rec := g.rec[kLaborForce]
	lf := make([]int64, nc)
	ora := make([]int64, nc)
	oldLF := make([]int64, len(g.geo.oldCommunes))
	oldORA := make([]int64, len(g.geo.oldCommunes))
	hasSucc := make([]bool, len(g.geo.oldCommunes))
	for ci := range g.geo.communes {
		for _, oi := range g.geo.communes[ci].preds {
			hasSucc[oi] = true
		}
	}
	for yi := 0; yi < g.years; yi++ {
		y := g.firstYear + yi
		for ci, c := range g.geo.communes {
			share := c.weight / sumW
			lf[ci] = max(int64(math.Round(g.laborForce(y)*share)), int64(math.Ceil(float64(g.covered[ci*g.years+yi])/0.9)))
			ora[ci] = max(int64(math.Round(g.overRetirement(y)*share)), int64(math.Ceil(float64(g.benefTally[ci*g.years+yi])/0.85)))
		}
		ys := yearString(y)
		if y >= refdata.ReformDate.Year() {
			for ci, c := range g.geo.communes {
				rec[0], rec[1], rec[2], rec[3] = c.code, ys, strconv.FormatInt(lf[ci], 10), strconv.FormatInt(ora[ci], 10)
				g.emit(kLaborForce, rec)
			}
			continue
		}
		clear(oldLF)
		clear(oldORA)
		for ci, c := range g.geo.communes {
			spread(lf[ci], c.preds, c.predW, oldLF)
			spread(ora[ci], c.preds, c.predW, oldORA)
		}
		for oi, u := range g.geo.oldCommunes {
			if !hasSucc[oi] {
				continue
			}
			rec[0], rec[1], rec[2], rec[3] = u.Code, ys, strconv.FormatInt(oldLF[oi], 10), strconv.FormatInt(oldORA[oi], 10)
			g.emit(kLaborForce, rec)
		}
	}
}

// spread shares v among the units idx in proportion to w, by largest
// remainder, adding to out.
func spread(v int64, idx []int, w []float64, out []int64) {
	if len(idx) == 0 {
		return
	}
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	given := int64(0)
	frac := make([]float64, len(idx))
	for i, oi := range idx {
		exact := float64(v) * w[i] / sum
		n := int64(math.Floor(exact))
		out[oi] += n
		given += n
		frac[i] = exact - float64(n)
	}
	for ; given < v; given++ {
		best := 0
		for i := range frac {
			if frac[i] > frac[best] {
				best = i
			}
		}
		out[idx[best]]++
		frac[best] = -1
	}
}

package synth

import (
	"fmt"
	"math"

	"ansinh"
)

// worker is one job of a person at an employer: the current employment
// spell, or (wfNoSI) work that the employer has not declared.
type worker struct {
	id       string
	pid      uint32
	wage     int64  // contract wage of the current spell
	retro    int64  // dues of months before the declaration, billed with it
	start    period // first month of the current spell
	declP    period // month of declared_on
	declared ansinh.Date
	retire   period
	taxFrom  period // wfNoSI: first month of wage income
	regAt    period // wfNoSI: month the employer declares the worker (0: never)
	bonus    period // month of this year's Tết bonus (0: none)
	ratio    uint16 // taxable income over contract wage, per mille
	honest   uint16 // wfUnder, partial: the ratio before underFrom
	under    period // wfUnder: first month underdeclared
	commune  uint16 // where the person lives
	contract uint8
	flags    uint8
}

// Worker flags.
const (
	wfSecond uint8 = 1 << iota // a second job held alongside another
	wfNoSI                     // undeclared work
	wfUnder                    // wage declared well below taxable income
)

var contractNames = [3]string{"indefinite", "fixed", "seasonal"}

// poolEntry is a person who left a job and may be hired again.
type poolEntry struct {
	id      string
	pid     uint32
	retire  period
	since   period // the month the person left: not hired again before the next
	commune uint16
}

// recentHire is a person recently hired, a candidate for a second job.
type recentHire = poolEntry

// Monthly probability that a worker leaves, by employer kind.
var leaveRate = [nEmployerKinds]float64{0.005, 0.008, 0.022, 0.020, 0.012, 0.025}

// Probability of a raise each January, by employer kind (state wages move
// with the base salary instead).
var raiseRate = [nEmployerKinds]float64{0.15, 0.7, 0.8, 0.6, 0.5, 0.4}

// Share of women among hires, by employer kind.
var femaleShare = [nEmployerKinds]float64{0.58, 0.35, 0.68, 0.42, 0.45, 0.5}

// Ages at hire: the electronics factories hire young, the rest of the
// economy across working age.
var (
	agesFDI   = newBands(band{18, 22, 30}, band{23, 27, 32}, band{28, 32, 18}, band{33, 40, 14}, band{41, 50, 6})
	agesOther = newBands(band{18, 24, 14}, band{25, 34, 32}, band{35, 44, 28}, band{45, 54, 20}, band{55, 60, 6})
)

// baseSalaryRaise returns the factor by which state pay scales rose in
// month t with the base salary (rules.md §2), or 0.
func baseSalaryRaise(t period) float64 {
	if t.Month() != 7 {
		return 0
	}
	switch t.Year() {
	case 2018:
		return 1390.0 / 1300
	case 2019:
		return 1490.0 / 1390
	case 2023:
		return 1800.0 / 1490
	case 2024:
		return 2340.0 / 1800
	case 2026:
		return 2530.0 / 2340
	}
	return 0
}

// baseSalary is the base salary in force in month t (rules.md §2), the floor
// of a pension.
func baseSalary(t period) int64 {
	switch {
	case t >= ansinh.NewPeriod(2026, 7):
		return 2_530_000
	case t >= ansinh.NewPeriod(2024, 7):
		return 2_340_000
	case t >= ansinh.NewPeriod(2023, 7):
		return 1_800_000
	case t >= ansinh.NewPeriod(2019, 7):
		return 1_490_000
	case t >= ansinh.NewPeriod(2018, 7):
		return 1_390_000
	case t >= ansinh.NewPeriod(2017, 7):
		return 1_300_000
	}
	return 1_210_000
}

// reform is the first month of the 2024 Law on Social Insurance, 2025-07.
const reform = ansinh.Period(2025*12 + 7 - 1)

// month runs every employer through month t.
func (g *gen) month(t period) {
	g.memo.reset()
	for i := range g.emps {
		e := &g.emps[i]
		switch {
		case e.flags&efUnreg != 0:
			if t >= g.winStart {
				g.unregMonth(e, t)
			}
		case t < e.start, e.flags&efClosing != 0 && t > e.close:
		default:
			g.employerMonth(i, e, t)
		}
		if g.err != nil {
			return
		}
	}
}

// employerMonth moves employer i through month t: leavers, wage changes,
// hires, the month's dues and taxable incomes, and the payment.
func (g *gen) employerMonth(ei int, e *employer, t period) {
	r := &e.rng
	h := g.headcount(e, t)
	closing := e.flags&efClosing != 0 && t >= e.close
	inWin := t >= g.winStart
	if t == g.winStart && e.flags&efUnder != 0 {
		g.underdeclare(e)
	}
	// Leavers.
	for k := 0; k < len(e.workers); {
		w := &e.workers[k]
		leave, retire := false, false
		switch {
		case closing:
			leave = true
		case w.flags&wfNoSI != 0:
			if t == w.regAt {
				g.declareUndeclared(ei, e, w, t)
			} else if w.regAt == 0 && t-w.taxFrom >= 3 && r.chance(0.06) {
				leave = true
			}
		case t > w.retire:
			leave, retire = true, true
		case w.flags&wfUnder != 0 && inWin, t <= w.declP:
			// stays: the ground truth needs the months, or the
			// declaration is still to come
		default:
			leave = r.chance(leaveRate[e.kind])
		}
		if leave {
			g.leave(e, w, t, retire)
			e.workers[k] = e.workers[len(e.workers)-1]
			e.workers = e.workers[:len(e.workers)-1]
			continue
		}
		k++
	}
	// Too many declared workers for the plan: let some go.
	for tries := 0; int(e.nReg) > h && tries < 4*len(e.workers)+8 && len(e.workers) > 0; tries++ {
		k := r.intn(len(e.workers))
		w := &e.workers[k]
		if w.flags&(wfNoSI|wfUnder) != 0 || t <= w.declP {
			continue
		}
		g.leave(e, w, t, false)
		e.workers[k] = e.workers[len(e.workers)-1]
		e.workers = e.workers[:len(e.workers)-1]
	}
	g.wageChanges(e, t)
	initial := t == g.from && e.flags&efExisting != 0
	for need := h - int(e.nReg); need > 0 && g.err == nil; need-- {
		g.hire(ei, e, t, initial)
	}
	if e.flags&efSloppy != 0 && inWin && t <= g.through.Add(-2) &&
		(r.chance(0.35) || (t == g.through.Add(-2) && g.nUnregWorkers == 0)) {
		for n := 1 + r.intn(1+int(e.size)/40); n > 0 && g.err == nil; n-- {
			g.hireUndeclared(e, t, true)
		}
	}
	// The month's dues, taxable incomes and counts.
	yi := g.tallyIndex(t)
	taxed := inWin && e.kind != kindHousehold
	due := e.carry
	e.carry = 0
	for k := range e.workers {
		w := &e.workers[k]
		if w.flags&wfNoSI == 0 {
			d := g.due(t, w.wage, e)
			if t < w.declP {
				w.retro += d
			} else {
				due += d + w.retro
				w.retro = 0
			}
			if yi >= 0 && w.flags&wfSecond == 0 {
				g.covered[int(w.commune)*g.years+yi]++
			}
		}
		if taxed {
			g.taxRow(e, w, t)
		}
	}
	g.pay(e, t, due)
}

// underdeclare marks most of employer e's workers (at least one) as paid
// well above the wage it declares, from the first month of the tax feed.
// In a hard province the ratios start at 1.1 (inside the honest spread of
// allowances) and two workers in five are underdeclared from a later month
// only.
func (g *gen) underdeclare(e *employer) {
	r := &e.rng
	first, marked := -1, false
	for k := range e.workers {
		w := &e.workers[k]
		if w.flags&(wfNoSI|wfSecond) != 0 || w.retire <= g.through {
			continue
		}
		if first < 0 {
			first = k
		}
		if r.chance(0.7) {
			g.markUnder(r, w)
			marked = true
		}
	}
	if !marked && first >= 0 {
		g.markUnder(r, &e.workers[first])
	}
}

// markUnder makes a worker underdeclared.
func (g *gen) markUnder(r *rng, w *worker) {
	w.flags |= wfUnder
	w.under = g.winStart
	if !g.cfg.Hard {
		w.ratio = uint16(r.between(1450, 2200))
		return
	}
	w.honest = w.ratio
	w.ratio = uint16(r.between(1100, 2200))
	if span := int(g.through - g.winStart); span > 6 && r.chance(0.4) {
		w.under = g.winStart.Add(r.between(3, span-3))
	}
}

// The difficulty bands of the ground truth: how far a violation is from
// the honest noise around it.
const (
	bandEasy   = "easy"   // clear of the noise
	bandMedium = "medium" // one signal missing or weaker (a feed, the months, part paid)
	bandHard   = "hard"   // inside the honest noise (one month; a ratio under 1.3)
)

// underBand returns the band of an underdeclared wage: hard under 1.3
// times (honest allowances reach 1.25), medium under 1.45 or for part of
// the feed only, easy otherwise.
func underBand(ratio uint16, partial bool) string {
	switch {
	case ratio < 1300:
		return bandHard
	case ratio < 1450 || partial:
		return bandMedium
	}
	return bandEasy
}

// lateDeclaration writes the ground truth of a spell declared more than 60
// days after its registration deadline (30 days from the start of work):
// evasion under the 2024 Law (art. 39, from 2025-07-01), for its months of
// the tax feed before the month of declaration.
func (g *gen) lateDeclaration(e *employer, w *worker, start period) {
	evasion := max(start.First().AddDays(30+60+1), reform.First())
	first := max(start, g.winStart)
	if w.declared < evasion || first >= w.declP {
		return
	}
	g.violation("late_declaration", e.taxCode, w.id,
		fmt.Sprintf("bắt đầu làm việc %s, đăng ký ngày %s (quá hạn trốn đóng %s); %s..%s",
			g.ps(start), g.ds(w.declared), g.ds(evasion), g.ps(first), g.ps(w.declP.Add(-1))), bandEasy)
}

// due returns the total contribution of a worker-month, memoised per month.
func (g *gen) due(t period, wage int64, e *employer) int64 {
	key := uint64(wage)<<7 | uint64(e.region)<<3 | uint64(e.kind)
	if v, ok := g.memo.get(key); ok {
		return v
	}
	v := g.cfg.EmployerDue(t, wage, regionNames[e.region], employerKindNames[e.kind])
	g.memo.put(key, v)
	return v
}

// wageChanges applies January raises, the state pay-scale raises and the
// regional minimum wage: a change closes the spell and opens the next.
func (g *gen) wageChanges(e *employer, t period) {
	r := &e.rng
	for k := range e.workers {
		w := &e.workers[k]
		if w.flags&wfNoSI != 0 || t <= w.declP || t <= w.start {
			continue
		}
		wage := w.wage
		if t.Month() == 1 && t-w.start >= 3 && r.chance(raiseRate[e.kind]) {
			wage = roundWage(float64(wage) * r.uniform(1.03, 1.10))
		}
		if e.kind == kindState {
			if f := baseSalaryRaise(t); f > 0 {
				wage = roundWage(float64(wage) * f)
			}
		}
		if m := g.minWage(int(e.region), t); wage < m {
			wage = roundWage(float64(m) * r.uniform(1.0, 1.06))
		}
		if wage == w.wage {
			continue
		}
		g.writeSpell(e, w, t-1)
		w.wage = wage
		w.start = t
		w.declP = t
		w.declared = g.upTo(t.First().AddDays(r.intn(20)))
		if w.contract == 1 && t.Month() == 1 && r.chance(0.15) {
			w.contract = 0 // a fixed-term contract becomes indefinite
		}
	}
}

// writeSpell writes the worker's current spell, ending at end (open when
// end is zero).
func (g *gen) writeSpell(e *employer, w *worker, end period) {
	rec := g.rec[kEmployment]
	rec[0] = e.taxCode
	rec[1] = w.id
	rec[2] = g.ps(w.start)
	rec[3] = ""
	if end != 0 {
		rec[3] = g.ps(end)
	}
	rec[4] = money(w.wage)
	rec[5] = contractNames[w.contract]
	rec[6] = g.ds(w.declared)
	g.emit(kEmployment, rec)
	if w.flags&wfSecond == 0 {
		g.serve(w.pid, int(spellEnd(end, g.through)-w.start)+1, e.kind == kindState)
	}
}

// hire adds a declared worker at employer ei in month t: a person who left
// another job, a person taking a second job, or a new person.
func (g *gen) hire(ei int, e *employer, t period, initial bool) {
	r := &e.rng
	var src poolEntry
	found, second := false, false
	smallFirm := e.kind == kindHousehold || e.kind == kindCoop || (e.kind == kindPrivate && e.size <= 50)
	if !initial && smallFirm && len(g.recent) > 0 && r.chance(0.04) {
		c := g.recent[r.intn(len(g.recent))]
		if cur := g.curEmp[c.pid]; cur >= 0 && int(cur) != ei && !g.multi[c.pid] && c.retire > t.Add(6) {
			src, found, second = c, true, true
			g.multi[c.pid] = true
		}
	}
	if !found && !initial && len(g.pool) > 0 && r.chance(0.35) {
		k := r.intn(len(g.pool))
		if c := g.pool[k]; c.since < t {
			g.pool[k] = g.pool[len(g.pool)-1]
			g.pool = g.pool[:len(g.pool)-1]
			if c.retire > t.Add(12) {
				src, found = c, true
			}
		}
	}
	if !found {
		src = g.newWorkerPerson(r, e, t, initial)
		if g.err != nil {
			return
		}
	}
	w := worker{id: src.id, pid: src.pid, retire: src.retire, commune: src.commune, start: t, declP: t}
	w.wage = roundWage(float64(g.minWage(int(e.region), t)) * wageMultiplier(r, int(e.kind)))
	w.contract = drawContract(r, int(e.kind))
	w.ratio = uint16(r.between(1000, 1220))
	if e.kind == kindState {
		w.ratio = uint16(r.between(1000, 1100))
	}
	switch {
	case initial:
		w.declared = g.from.First()
	case e.flags&efClosing == 0 && r.chance(0.015):
		// A late declaration: the months before it become retroactive.
		d := t.Add(r.between(2, 8))
		if d <= g.through && d < w.retire {
			w.declP = d
			w.declared = g.upTo(d.First().AddDays(r.intn(25)))
			w.wage = max(w.wage, roundWage(float64(g.maxMinWage(int(e.region), t, d))*1.02))
			g.lateDeclaration(e, &w, t)
			break
		}
		fallthrough
	default:
		if r.chance(0.8) || t == g.through {
			w.declared = g.upTo(t.First().AddDays(r.between(4, 27)))
		} else {
			w.declP = t.Add(1)
			w.declared = g.upTo(w.declP.First().AddDays(r.intn(5)))
			w.wage = max(w.wage, roundWage(float64(g.minWage(int(e.region), w.declP))))
		}
	}
	if second {
		w.flags |= wfSecond
	} else {
		g.curEmp[w.pid] = int32(ei)
		g.remember(src)
	}
	e.workers = append(e.workers, w)
	e.nReg++
}

// remember keeps a recent hire in a ring of candidates for second jobs.
func (g *gen) remember(p poolEntry) {
	if len(g.recent) < cap(g.recent) {
		g.recent = append(g.recent, p)
	} else {
		g.recent[g.recentN%len(g.recent)] = p
	}
	g.recentN++
}

// newWorkerPerson creates the person for a hire at employer e.
func (g *gen) newWorkerPerson(r *rng, e *employer, t period, initial bool) poolEntry {
	ages := agesOther
	migrant := 0.08
	switch e.kind {
	case kindFDI:
		ages, migrant = agesFDI, 0.3
	case kindPrivate:
		migrant = 0.12
	}
	female := r.chance(femaleShare[e.kind])
	age := ages.draw(r)
	for try := 0; try < 6; try++ {
		if retirementMonth(ansinh.NewDate(t.Year()-age, 1, 1), female) > t.Add(12) {
			break
		}
		age = ages.draw(r)
		if try == 5 {
			age = 30
		}
	}
	commune := int(e.commune)
	if !r.chance(0.35) {
		commune = g.geo.all.pick(r)
	}
	legacy := 0.0
	switch {
	case initial:
		legacy = 0.85
	case t < reform:
		legacy = 0.6
	}
	p := g.newPerson(r, personOpts{at: t, age: age, female: female, commune: commune,
		migrant: migrant, legacy: legacy, poorF: 0.25, poorU: -1})
	g.writeHistory(p.id, p.pid, e, t, age)
	return poolEntry{id: p.id, pid: p.pid, retire: p.retire, commune: uint16(p.commune)}
}

// wageMultiplier draws a contract wage as a multiple of the regional minimum.
func wageMultiplier(r *rng, kind int) float64 {
	switch kind {
	case kindFDI:
		switch u := r.float(); {
		case u < 0.75:
			return r.uniform(1.05, 1.35) // production lines: minimum plus a premium
		case u < 0.95:
			return r.uniform(1.4, 2.5) // technicians, team leaders
		default:
			return r.uniform(2.5, 8) // engineers, managers
		}
	case kindPrivate:
		return math.Min(6, 1-0.45*math.Log(1-r.float()))
	case kindHousehold:
		return r.uniform(1.0, 1.2)
	case kindCoop:
		return r.uniform(1.0, 1.5)
	case kindSOE:
		return r.uniform(1.3, 4)
	}
	return r.uniform(1.2, 3.5) // state units: pay scale coefficients
}

// drawContract draws the kind of labour contract.
func drawContract(r *rng, kind int) uint8 {
	var indefinite, fixed float64
	switch kind {
	case kindState:
		indefinite, fixed = 0.8, 0.2
	case kindSOE:
		indefinite, fixed = 0.7, 0.3
	case kindFDI:
		indefinite, fixed = 0.4, 0.6
	case kindPrivate:
		indefinite, fixed = 0.45, 0.5
	case kindCoop:
		indefinite, fixed = 0.4, 0.4
	default:
		indefinite, fixed = 0.3, 0.5
	}
	switch u := r.float(); {
	case u < indefinite:
		return 0
	case u < indefinite+fixed:
		return 1
	}
	return 2
}

// leave ends a job in month t (the last month worked is t-1).
func (g *gen) leave(e *employer, w *worker, t period, retire bool) {
	r := &e.rng
	if w.flags&wfNoSI != 0 {
		if e.flags&efUnreg == 0 {
			g.undeclaredViolation(e, w, t.Add(-1))
		}
		return
	}
	g.writeSpell(e, w, t.Add(-1))
	e.nReg--
	e.carry += w.retro // declared this month, after the worker left
	if t >= g.winStart && e.kind != kindHousehold && r.chance(0.12) {
		// The final pay, recorded by the tax office the month after.
		g.taxIncome(e, w, t, ceilTo(float64(w.wage)*r.uniform(0.3, 1.0), 1000))
	}
	if w.flags&wfSecond != 0 {
		return
	}
	g.curEmp[w.pid] = -1
	if retire {
		g.retireWorker(w, t)
		return
	}
	g.fileUIClaim(w, t)
	if !g.multi[w.pid] && w.retire > t.Add(12) && r.chance(0.7) {
		p := poolEntry{id: w.id, pid: w.pid, retire: w.retire, since: t, commune: w.commune}
		if len(g.pool) < g.poolCap {
			g.pool = append(g.pool, p)
		} else {
			g.pool[r.intn(len(g.pool))] = p
		}
	}
}

// hireUndeclared adds a worker whom employer e does not declare. With
// mayDeclare, the employer declares some of them months later (from the
// month of declaration only, so the months before stay uncovered).
func (g *gen) hireUndeclared(e *employer, t period, mayDeclare bool) {
	r := &e.rng
	female := r.chance(femaleShare[e.kind])
	age := agesOther.draw(r)
	if e.kind == kindFDI {
		age = agesFDI.draw(r)
	}
	age = min(age, 45)
	commune := int(e.commune)
	if !r.chance(0.35) {
		commune = g.geo.all.pick(r)
	}
	p := g.newPerson(r, personOpts{at: t, age: age, female: female, commune: commune,
		migrant: 0.2, legacy: 0.3, poorF: 0.6, poorU: -1})
	w := worker{id: p.id, pid: p.pid, retire: p.retire, commune: uint16(p.commune), taxFrom: t, flags: wfNoSI}
	w.wage = roundWage(float64(g.minWage(int(e.region), t)) * wageMultiplier(r, int(e.kind)))
	w.contract = drawContract(r, int(e.kind))
	w.ratio = uint16(r.between(1000, 1150))
	switch {
	case mayDeclare && g.cfg.Hard && r.chance(0.3):
		// Hard: declared the month after, the first month left uncovered.
		if d := t.Add(1); d <= g.through {
			w.regAt = d
		}
	case mayDeclare && r.chance(0.4):
		if d := t.Add(r.between(3, 6)); d <= g.through {
			w.regAt = d
		}
	}
	e.workers = append(e.workers, w)
	if e.flags&efUnreg == 0 {
		g.nUnregWorkers++
	}
}

// declareUndeclared declares, from month t, a worker employer e had kept
// undeclared; the months before remain a violation.
func (g *gen) declareUndeclared(ei int, e *employer, w *worker, t period) {
	r := &e.rng
	g.undeclaredViolation(e, w, t.Add(-1))
	w.flags &^= wfNoSI
	w.start, w.declP = t, t
	w.declared = g.upTo(t.First().AddDays(r.intn(25)))
	w.wage = max(w.wage, roundWage(float64(g.minWage(int(e.region), t))*r.uniform(1.0, 1.05)))
	w.regAt = 0
	g.curEmp[w.pid] = int32(ei)
	e.nReg++
}

// undeclaredViolation writes the ground truth of an undeclared worker.
func (g *gen) undeclaredViolation(e *employer, w *worker, last period) {
	n := int(last-w.taxFrom) + 1
	band := bandEasy
	switch n {
	case 1:
		band = bandHard
	case 2:
		band = bandMedium
	}
	g.violation("unregistered_worker", e.taxCode, w.id,
		fmt.Sprintf("có thu nhập chịu thuế %s..%s (%d tháng) nhưng không có quá trình đóng BHXH tại đơn vị",
			g.ps(w.taxFrom), g.ps(last), n), band)
}

// violation writes one row of ground truth.
func (g *gen) violation(kind, taxCode, personID, detail, band string) {
	rec := g.rec[kViolations]
	rec[0], rec[1], rec[2], rec[3], rec[4] = kind, taxCode, personID, detail, band
	g.emit(kViolations, rec)
}

// unregMonth moves an enterprise that never registered through month t of
// the tax feed: its workers appear only in the tax records.
func (g *gen) unregMonth(e *employer, t period) {
	r := &e.rng
	for k := 0; k < len(e.workers); {
		if r.chance(0.02) {
			e.workers[k] = e.workers[len(e.workers)-1]
			e.workers = e.workers[:len(e.workers)-1]
			continue
		}
		k++
	}
	for len(e.workers) < int(e.size) && g.err == nil {
		g.hireUndeclared(e, t, false)
	}
	if e.flags&efNoTax != 0 {
		return // hard: the tax office has no record of it
	}
	for k := range e.workers {
		g.taxRow(e, &e.workers[k], t)
	}
}

// taxRow writes the month's taxable income of a job: the contract wage times
// the job's ratio (allowances and overtime), a little monthly noise, and
// for about a third of the workers a Tết bonus in January or February.
func (g *gen) taxRow(e *employer, w *worker, t period) {
	r := &e.rng
	if t.Month() == 1 {
		w.bonus = 0
		if r.chance(0.35) {
			w.bonus = t.Add(r.intn(2))
		}
	}
	ratio := w.ratio
	if w.flags&wfUnder != 0 && t < w.under {
		ratio = w.honest // partial: declared honestly until then
	}
	income := float64(w.wage) * float64(ratio) / 1000 * r.uniform(0.98, 1.02)
	if t == w.bonus {
		income *= r.uniform(2, 3)
	}
	if g.cfg.Hard && t.Month() == 12 && e.kind != kindState && w.pid%5 < 2 {
		income *= 2 // hard: a 13th-month pay in December, two jobs in five
	}
	g.taxIncome(e, w, t, int64(math.Round(income/1000))*1000)
}

// taxIncome writes one tax_wages row.
func (g *gen) taxIncome(e *employer, w *worker, t period, income int64) {
	rec := g.rec[kTaxWages]
	rec[0], rec[1], rec[2], rec[3] = e.taxCode, w.id, g.ps(t), money(income)
	g.emit(kTaxWages, rec)
}

// pay writes the payments of employer e for month t's dues.
func (g *gen) pay(e *employer, t period, due int64) {
	if due <= 0 {
		return
	}
	r := &e.rng
	if e.flags&efStopper != 0 && t >= e.stopAt {
		e.unpaidMonths++
		if e.flags&efPartStop != 0 {
			// Hard: keeps paying a part of each month's dues.
			part := ceilTo(float64(due)*r.uniform(0.2, 0.6), 1000)
			g.payment(e, t, 1, part, t.Add(1).Last().AddDays(-r.intn(10)))
			due -= part
		}
		e.unpaid += due
		return
	}
	// Before the 2024 law the deadline was the month's end; since, the end
	// of the next month. Late payments stay within 40 days of it.
	var onTime, deadline ansinh.Date
	if t < reform {
		deadline = t.Last()
		onTime = t.First().AddDays(r.between(14, deadline.Day()-1))
	} else {
		deadline = t.Add(1).Last()
		onTime = t.Add(1).First().AddDays(r.between(4, 24))
	}
	switch {
	case e.pay == payLate && r.chance(0.35):
		g.payment(e, t, 1, due, deadline.AddDays(r.between(5, 40)))
	case e.pay == payPartial && r.chance(0.35):
		part := min(due-1000, ceilTo(float64(due)*r.uniform(0.6, 0.95), 1000))
		if part <= 0 {
			g.payment(e, t, 1, due, onTime)
			return
		}
		g.payment(e, t, 1, part, onTime)
		g.payment(e, t, 2, due-part, deadline.AddDays(r.between(5, 40)))
	default:
		g.payment(e, t, 1, due, onTime)
	}
}

// onlineShare is the share of employers paying through the online gateway
// in year y: it grew as the plan pushed electronic transactions.
func onlineShare(y int) float64 {
	return math.Max(0.1, math.Min(0.7, 0.1+0.075*float64(y-2018)))
}

// payment writes one payment row unless it falls after the day of
// generation (not yet made).
func (g *gen) payment(e *employer, t period, n int, amount int64, paidOn ansinh.Date) {
	if paidOn > g.asOf {
		return
	}
	r := &e.rng
	channel := "bank"
	switch {
	case e.kind == kindState:
	case e.kind == kindHousehold && r.chance(0.5):
		channel = "counter"
	case r.chance(onlineShare(paidOn.Year())):
		channel = "online"
	}
	rec := g.rec[kPayments]
	rec[0] = payRef("KY", t, n)
	rec[1] = e.taxCode
	rec[2] = money(amount)
	rec[3] = g.ds(paidOn)
	rec[4] = channel
	rec[5] = ""
	g.emit(kPayments, rec)
}

// payRef writes a payment reference: a prefix, the month paid for and a
// sequence number, e.g. "KY202611-1".
func payRef(prefix string, t period, n int) string {
	var b [16]byte
	s := append(b[:0], prefix...)
	y, m := t.Year(), t.Month()
	s = append(s, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+m/10), byte('0'+m%10))
	if n > 0 {
		s = append(s, '-', byte('0'+n))
	}
	return string(s)
}

package synth

import "ansinh"

// KindPersonDeaths is the deaths the civil status office notified
// (formats.md, person_deaths).
const KindPersonDeaths = "person_deaths"

// KindClaims is the benefit claims the workers who retire file, with the
// days of their workflow's steps: not an exchange file but the script of
// what happened at the counter and on the portal, which the demo replays
// through the benefits service (so that every figure is the domain's).
const KindClaims = "claims"

// streamClaims salts the streams of the claims, apart from the other
// families so that they shift no other draw.
const streamClaims uint64 = 101

// ClaimWindow is the number of months, ending at Through, in which workers
// who retire file a pension claim that the benefits domain decides; those
// who retired before are in the beneficiaries file (the stock imported from
// the previous system).
const ClaimWindow = 36

// UIClaimWindow is the number of months, ending at Through, in which
// leavers claim the unemployment benefit: it lasts at most twelve months,
// so older claims would all have ended.
const UIClaimWindow = 12

// Shares of the claims' workflow.
const (
	claimOnline  = 0.35 // filed by the claimant on the portal; the rest at the counter
	uiClaimShare = 0.15 // leavers who claim the unemployment benefit
)

// claimsFrom is the first month of the claims' window.
func (g *gen) claimsFrom() period { return max(g.from, g.through.Add(1-ClaimWindow)) }

// fileClaim writes the pension claim of a worker who retired in month t-1
// and whose record (employment and si_history) the claim is decided on:
// filed in month t (the pension's first month: the month after reaching
// retirement age) on a day drawn in it. died is the month of death drawn
// for the pension (zero: alive at Through): the death is notified
// (person_deaths) on a day after the filing; a worker who died before
// filing files nothing.
func (g *gen) fileClaim(w *worker, t period, died period) {
	r := newRNG(g.cfg.Seed, streamClaims, uint64(w.pid))
	filed := t.First().AddDays(r.intn(28))
	var diedOn ansinh.Date
	if died != 0 {
		diedOn = g.upTo(died.First().AddDays(r.intn(28)))
		defer g.death(w.id, diedOn)
		if diedOn <= filed {
			return
		}
	}
	if decided, ok := g.writeClaim(&r, w.id, "pension", t, filed); ok {
		g.noteClaim(w, t, decided, diedOn)
	}
}

// fileUIClaim writes, for a share of the workers with a year of service or
// more who leave a main job in month t (the last month worked t-1) within
// the last UIClaimWindow months, the claim
// for the unemployment benefit, filed in month t with the month the
// contract ended. The domain decides it from the UI months of the record;
// a worker hired again later is stopped by the payroll (re-employment).
func (g *gen) fileUIClaim(w *worker, t period) {
	if t < max(g.from, g.through.Add(1-UIClaimWindow)) || int(g.served[w.pid]&^servedState) < 12 {
		return // before the window, or less than a year of service: no claim
	}
	r := newRNG(g.cfg.Seed, streamClaims, uint64(w.pid)|uint64(t)<<32|1<<62)
	if !r.chance(uiClaimShare) {
		return
	}
	g.writeClaim(&r, w.id, "ui", t-1, t.First().AddDays(r.intn(28)))
}

// writeClaim writes a claim filed on day filed: its channel, and the days
// it was checked by an officer (two to twelve days later) and decided by
// another (two to twelve days after the check). A step that falls after
// AsOf has not happened yet (its day is empty); a claim filed after AsOf is
// not written. It returns the day of the decision, and whether the claim
// was written and decided.
func (g *gen) writeClaim(r *rng, id, kind string, month period, filed ansinh.Date) (ansinh.Date, bool) {
	if filed > g.asOf {
		return 0, false
	}
	channel := "counter"
	if r.chance(claimOnline) {
		channel = "online"
	}
	checked := filed.AddDays(r.between(2, 12))
	decided := checked.AddDays(r.between(2, 12))
	rec := g.rec[kClaims]
	rec[0], rec[1], rec[2], rec[3], rec[4] = id, kind, g.ps(month), g.ds(filed), channel
	rec[5], rec[6] = "", ""
	if checked <= g.asOf {
		rec[5] = g.ds(checked)
		if decided <= g.asOf {
			rec[6] = g.ds(decided)
		}
	}
	g.emit(kClaims, rec)
	return decided, rec[6] != ""
}

// writeDeath notifies the death of a beneficiary who died in month died,
// on a day drawn in it (not after AsOf).
func (g *gen) writeDeath(r *rng, id string, died period) {
	g.death(id, g.upTo(died.First().AddDays(r.intn(28))))
}

// death writes a person_deaths row: the person, the day, and the civil
// status office's death extract (trích lục khai tử) it comes from.
func (g *gen) death(id string, on ansinh.Date) {
	rec := g.rec[kPersonDeaths]
	rec[0], rec[1] = id, g.ds(on)
	rec[2] = "TRÍCH LỤC KHAI TỬ " + yearString(on.Year()) + "/" + id[6:]
	g.emit(kPersonDeaths, rec)
}

// servedState marks, in gen.served, a record with months on the state pay
// scale (a state employer, or the paper record of one): the benefits domain
// leaves their average to an officer, so such a claim is not decided.
const servedState uint16 = 1 << 15

// serve adds months of service (a closed spell of a main job, or a paper
// record) to the person's record.
func (g *gen) serve(pid uint32, months int, state bool) {
	v := g.served[pid]
	n := int(v&^servedState) + months
	v = v&servedState | uint16(min(n, int(servedState-1)))
	if state {
		v |= servedState
	}
	g.served[pid] = v
}

// spellEnd returns a spell's last month: end, or through for an open one.
func spellEnd(end, through period) period {
	if end == 0 {
		return through
	}
	return end
}

// likelyEligible reports whether a worker's record, as the generator
// wrote it, gives a pension from month t: enough years (15 under the 2024
// law from 2025-07, 20 before; rules.md §6) and no month on the state pay
// scale. The benefits domain decides on its own; this only picks the
// claimant of guaranteeClaimDeath.
func (g *gen) likelyEligible(pid uint32, t period) bool {
	v := g.served[pid]
	need := 20 * 12
	if t >= reform {
		need = 15 * 12
	}
	return v&servedState == 0 && int(v) >= need
}

// claimDeath follows the deaths of claimants that a payroll stops: a
// claimant likely eligible, decided by the month before last, who died
// between the month after the decision and the month before Through (the
// payroll of the month after the death stops the pension).
type claimDeath struct {
	stopped bool        // such a death was drawn
	id      string      // else the first claimant who could die so,
	pid     uint32      // their person number,
	decided ansinh.Date // and the day their claim was decided
}

// noteClaim records a decided claim for guaranteeClaimDeath.
func (g *gen) noteClaim(w *worker, t period, decided, diedOn ansinh.Date) {
	if decided.Period() > g.through-2 || !g.likelyEligible(w.pid, t) {
		return
	}
	if diedOn != 0 && diedOn.Period() > decided.Period() && diedOn.Period() < g.through {
		g.claimDeath.stopped = true
	}
	if diedOn == 0 && g.claimDeath.id == "" {
		g.claimDeath.id, g.claimDeath.pid, g.claimDeath.decided = w.id, w.pid, decided
	}
}

// guaranteeClaimDeath makes sure, as the violations are guaranteed, that a
// pension in payment is stopped for a death: when no claimant's drawn
// death does it, the first claimant who could die so dies on a day drawn
// between the month after the decision and the month before Through.
func (g *gen) guaranteeClaimDeath() {
	c := g.claimDeath
	if c.stopped || c.id == "" {
		return
	}
	r := newRNG(g.cfg.Seed, streamClaims, uint64(c.pid)|1<<40)
	m := c.decided.Period().Add(1 + r.intn(int(g.through-1-c.decided.Period())))
	g.death(c.id, m.First().AddDays(r.intn(28)))
}

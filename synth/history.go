package synth

// KindSIHistory is the paper record of service before the registry began
// (formats.md, si_history).
const KindSIHistory = "si_history"

// streamHistory salts the streams of the paper records, apart from the
// other families so that they shift no other draw.
const streamHistory uint64 = 100

// historyShare is the share of the workers present when the registry begins
// whose earlier service is on a paper record.
const historyShare = 0.6

// writeHistory writes the paper record of a worker hired when the registry
// begins (month t) at age age: with probability historyShare, the years of
// service before t (from age 20 at the earliest, at most 20 years), at a
// wage below today's (60 to 90% of this month's regional minimum: wages of
// earlier years), on the state pay scale at a state employer.
func (g *gen) writeHistory(id string, pid uint32, e *employer, t period, age int) {
	r := newRNG(g.cfg.Seed, streamHistory, uint64(pid))
	if age < 22 || !r.chance(historyShare) {
		return
	}
	years := r.between(1, min(age-20, 20))
	rec := g.rec[kSIHistory]
	rec[0] = id
	rec[1] = g.ps(t.Add(-12 * years))
	rec[2] = g.ps(t - 1)
	rec[3] = "contract"
	if e.kind == kindState {
		rec[3] = "state"
	}
	rec[4] = money(roundWage(float64(g.minWage(int(e.region), t)) * r.uniform(0.6, 0.9)))
	rec[5] = e.name
	rec[6] = "SỔ BHXH " + id[3:]
	g.emit(kSIHistory, rec)
	g.serve(pid, 12*years, e.kind == kindState)
}

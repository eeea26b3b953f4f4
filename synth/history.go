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

// writeHistory writes the paper record of a worker first hired in month t
// at age age: with probability historyShare, the years of service before
// the registry began (From), from a first job at 18 to 30 (at least one
// year), at a wage below today's (60 to 90% of the regional minimum of
// From: wages of earlier years), on the state pay scale at a state
// employer. A worker hired at From worked for employer e until then; one
// hired later had left an employer of the province (drawn) before From.
// A worker near retirement thus has the long career the pension asks for.
func (g *gen) writeHistory(id string, pid uint32, e *employer, t period, age int) {
	r := newRNG(g.cfg.Seed, streamHistory, uint64(pid))
	age -= int(t-g.from) / 12 // at From
	if age < 22 || !r.chance(historyShare) {
		return
	}
	years := max(1, age-r.between(18, 30))
	if t > g.from {
		for try := 0; try < 8; try++ {
			if o := &g.emps[r.intn(len(g.emps))]; o.flags&efUnreg == 0 {
				e = o
				break
			}
		}
	}
	rec := g.rec[kSIHistory]
	rec[0] = id
	rec[1] = g.ps(g.from.Add(-12 * years))
	rec[2] = g.ps(g.from - 1)
	rec[3] = "contract"
	if e.kind == kindState {
		rec[3] = "state"
	}
	rec[4] = money(roundWage(float64(g.minWage(int(e.region), g.from)) * r.uniform(0.6, 0.9)))
	rec[5] = e.name
	rec[6] = "SỔ BHXH " + id[3:]
	g.emit(kSIHistory, rec)
	g.serve(pid, 12*years, e.kind == kindState)
}

// Package indicatorstest makes test provinces for the indicators: the real
// administrative units of a province before and after the 2025
// reorganisation (from refdata), with persons, employment spells, voluntary
// enrolments, benefits, the statistics office's labour force and portal
// transactions drawn deterministically from a seed. It serves the
// indicators' tests and benchmark, and the command's tests, without
// depending on the synthetic province generator.
//
// The data are simple by design: spells start and end at random, a tenth
// of workers hold two jobs at once, some workers also enrol in voluntary
// SI, pensioners and allowance holders are drawn by age. They exercise
// every rule of the indicators, not the realism of the synthetic province.
package indicatorstest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"ansinh"
	"ansinh/indicators"
	"ansinh/refdata"
)

// Config says what to generate.
type Config struct {
	// Workers is the number of persons with employment spells (about).
	Workers int
	Seed    uint64
	// Province is a province code of the structure from 2025-07-01
	// (default "24", Bắc Ninh).
	Province string
	// Through is the last month (default 2026-11).
	Through ansinh.Period
}

// Province is a generated province.
type Province struct {
	Config        Config
	Units         []indicators.Unit
	Successors    []indicators.Successor
	LaborForce    []indicators.LaborForce
	Persons       []indicators.Person
	Employment    []indicators.Spell
	Voluntary     []indicators.Enrolment
	Beneficiaries []indicators.Benefit
	Transactions  []indicators.Transaction
	// Employer holds each spell's employer tax code (Employment order).
	Employer []string
	// Communes lists the current communes' codes.
	Communes []string
}

// Generate draws a province.
func Generate(cfg Config) (*Province, error) {
	if cfg.Province == "" {
		cfg.Province = "24"
	}
	if cfg.Through.IsZero() {
		cfg.Through = ansinh.NewPeriod(2026, 11)
	}
	if cfg.Workers <= 0 {
		return nil, fmt.Errorf("indicatorstest: workers must be positive")
	}
	p := &Province{Config: cfg}
	if err := p.frame(); err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x616e73696e68))
	pickCommune := p.communePicker(r)
	nPersons := cfg.Workers + cfg.Workers/4
	serials := map[int]int{}
	for i := 0; i < nPersons; i++ {
		sex := "male"
		if r.IntN(2) == 1 {
			sex = "female"
		}
		var by int
		worker := i < cfg.Workers
		if worker {
			by = 1962 + r.IntN(42)
		} else {
			by = 1935 + r.IntN(70)
		}
		birth := ansinh.NewDate(by, 1+r.IntN(12), 1+r.IntN(28))
		id := personID(by, sex, serials)
		commune := pickCommune()
		p.Persons = append(p.Persons, indicators.Person{ID: id, Birth: birth, Sex: sex, Commune: commune})
		if worker {
			p.worker(r, id, commune)
		} else {
			p.nonWorker(r, id, by)
		}
	}
	p.laborForce(r)
	p.transactions(r)
	return p, nil
}

// genStart is the first month of the generated rows.
var genStart = ansinh.NewPeriod(2012, 1)

// communePicker returns a draw of a commune, some communes weighing more
// than others (log-normal weights).
func (p *Province) communePicker(r *rand.Rand) func() string {
	weights := make([]float64, len(p.Communes))
	var sumW float64
	for i := range weights {
		weights[i] = math.Exp(0.6 * r.NormFloat64())
		sumW += weights[i]
	}
	cum := make([]float64, len(weights))
	acc := 0.0
	for i, w := range weights {
		acc += w / sumW
		cum[i] = acc
	}
	return func() string {
		x := r.Float64()
		i := sort.SearchFloat64s(cum, x)
		return p.Communes[min(i, len(cum)-1)]
	}
}

// worker draws a worker's jobs (one or two, some followed by a job change)
// and, for some, a voluntary enrolment.
func (p *Province) worker(r *rand.Rand, id, commune string) {
	through := p.Config.Through
	span := int(through-genStart) + 1
	jobs := 1
	if r.IntN(10) == 0 {
		jobs = 2
	}
	s := genStart.Add(r.IntN(span))
	for j := 0; j < jobs; j++ {
		contract := "indefinite"
		dur := 1 + int(r.ExpFloat64()*40)
		switch x := r.IntN(10); {
		case x < 4:
			contract = "fixed"
		case x == 9:
			contract = "seasonal"
			dur = 1 + r.IntN(6)
		}
		sp := indicators.Spell{Person: id, Start: s, Contract: contract}
		if e := s.Add(dur - 1); e < through || r.IntN(3) == 0 {
			sp.End = min(e, through)
		}
		p.Employment = append(p.Employment, sp)
		p.Employer = append(p.Employer, EmployerOf(commune, j))
		if j == 0 && jobs == 1 && !sp.End.IsZero() && sp.End.Add(2) < through && r.IntN(10) < 6 {
			// A job change: the next spell starts after a gap of a few
			// months, at the other employer.
			next := indicators.Spell{Person: id, Start: sp.End.Add(1 + r.IntN(6)), Contract: "indefinite"}
			if e := next.Start.Add(int(r.ExpFloat64() * 48)); e < through {
				next.End = e
			}
			p.Employment = append(p.Employment, next)
			p.Employer = append(p.Employer, EmployerOf(commune, 1))
		}
		s = s.Add(r.IntN(max(1, dur)))
	}
	if r.IntN(25) == 0 { // also enrols in voluntary SI at some time
		vs := genStart.Add(r.IntN(span))
		v := indicators.Enrolment{Person: id, Start: vs}
		if r.IntN(2) == 0 {
			v.End = min(through, vs.Add(r.IntN(30)))
		}
		p.Voluntary = append(p.Voluntary, v)
	}
}

// nonWorker draws, by age, a pension or monthly benefit, the social
// pension allowance, or a voluntary enrolment.
func (p *Province) nonWorker(r *rand.Rand, id string, by int) {
	through := p.Config.Through
	switch {
	case by <= 1965 && r.IntN(10) < 5:
		k := "pension"
		if r.IntN(5) == 0 {
			k = "monthly_si_benefit"
		}
		bs := max(genStart, ansinh.NewPeriod(by+55+r.IntN(8), 1+r.IntN(12)))
		if bs <= through {
			b := indicators.Benefit{Person: id, Kind: k, Start: bs}
			if r.IntN(8) == 0 {
				b.End = min(through, bs.Add(r.IntN(60)))
			}
			p.Beneficiaries = append(p.Beneficiaries, b)
		}
	case by <= 1950 && r.IntN(3) == 0:
		bs := ansinh.NewPeriod(2019+r.IntN(7), 1+r.IntN(12))
		if bs <= through {
			p.Beneficiaries = append(p.Beneficiaries, indicators.Benefit{Person: id, Kind: "social_pension", Start: bs})
		}
	case r.IntN(5) < 2:
		vs := ansinh.NewPeriod(2018, 1).Add(r.IntN(int(through-ansinh.NewPeriod(2018, 1)) + 1))
		v := indicators.Enrolment{Person: id, Start: vs}
		if r.IntN(3) == 0 {
			v.End = min(through, vs.Add(r.IntN(40)))
		}
		p.Voluntary = append(p.Voluntary, v)
	}
}

// personID makes a 12-digit personal ID: birth province 001, century and
// sex, two digits of the birth year, a serial within them.
func personID(year int, sex string, serials map[int]int) string {
	c := 0
	if year >= 2000 {
		c = 2
	}
	if sex == "female" {
		c++
	}
	k := c*100 + year%100
	serials[k]++
	return fmt.Sprintf("001%d%02d%06d", c, year%100, serials[k])
}

// EmployerOf returns the employer of a commune for a person's first (j =
// 0) or second (j = 1) job.
func EmployerOf(commune string, j int) string { return fmt.Sprintf("01%s%03d", commune, j) }

// frame copies the province's units of both structures from refdata.
func (p *Province) frame() error {
	units, err := refdata.Units()
	if err != nil {
		return err
	}
	succ, err := refdata.Successors()
	if err != nil {
		return err
	}
	oldProv := map[string]bool{}
	for _, s := range succ {
		if len(s.OldCode) == 2 && s.NewCode == p.Config.Province {
			oldProv[s.OldCode] = true
			p.Successors = append(p.Successors, indicators.Successor{Old: s.OldCode, New: s.NewCode, From: s.From})
		}
	}
	if len(oldProv) == 0 {
		return fmt.Errorf("indicatorstest: no province %s", p.Config.Province)
	}
	isNew := map[string]bool{}
	isOld := map[string]bool{}
	for _, u := range units {
		switch {
		case u.ValidTo == 0 && u.ProvinceCode == p.Config.Province:
			isNew[u.Code] = true
			if u.Level == "commune" {
				p.Communes = append(p.Communes, u.Code)
			}
		case u.ValidTo != 0 && oldProv[u.ProvinceCode]:
			isOld[u.Code] = true
		default:
			continue
		}
		p.Units = append(p.Units, indicators.Unit{Code: u.Code, Name: u.FullName, Level: u.Level, Parent: u.ParentCode, From: u.ValidFrom, To: u.ValidTo})
	}
	for _, s := range succ {
		if len(s.OldCode) == 5 && isOld[s.OldCode] && isNew[s.NewCode] {
			p.Successors = append(p.Successors, indicators.Successor{Old: s.OldCode, New: s.NewCode, From: s.From})
		}
	}
	sort.Strings(p.Communes)
	return nil
}

// laborForce writes the statistics office's feed: per current commune and
// year, about twice its workers, and its residents past 55 and more; years
// before 2025 under the old communes, each new commune's figure shared
// among its predecessors (each weighing 1 / the number of new communes it
// went to, by largest remainder).
func (p *Province) laborForce(r *rand.Rand) {
	workers := map[string]int64{}
	older := map[string]int64{}
	for i, x := range p.Persons {
		if i < p.Config.Workers {
			workers[x.Commune]++
		} else if x.Birth.Year() <= 1966 {
			older[x.Commune]++
		}
	}
	preds := map[string][]string{}
	targets := map[string]int{}
	for _, s := range p.Successors {
		if len(s.Old) == 5 {
			preds[s.New] = append(preds[s.New], s.Old)
			targets[s.Old]++
		}
	}
	for y := 2018; y <= p.Config.Through.Year(); y++ {
		growth := 1 + 0.01*float64(y-2018)
		old := map[string][2]int64{}
		for _, c := range p.Communes {
			lf := int64(math.Round(float64(workers[c])*1.9*growth)) + 10
			ora := int64(math.Round(float64(older[c])*1.3*growth)) + 5
			if y >= 2025 {
				p.LaborForce = append(p.LaborForce, indicators.LaborForce{Unit: c, Year: y, LaborForce: lf, OverRetirement: ora})
				continue
			}
			ps := preds[c]
			if len(ps) == 0 {
				continue
			}
			w := make([]float64, len(ps))
			for i, o := range ps {
				w[i] = 1 / float64(targets[o])
			}
			lfs, oras := spread(lf, w), spread(ora, w)
			for i, o := range ps {
				v := old[o]
				old[o] = [2]int64{v[0] + lfs[i], v[1] + oras[i]}
			}
		}
		codes := make([]string, 0, len(old))
		for c := range old {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			p.LaborForce = append(p.LaborForce, indicators.LaborForce{Unit: c, Year: y, LaborForce: old[c][0], OverRetirement: old[c][1]})
		}
	}
}

// spread divides v in proportion to w by largest remainder.
func spread(v int64, w []float64) []int64 {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	out := make([]int64, len(w))
	type rem struct {
		i int
		r float64
	}
	var rs []rem
	var given int64
	for i, x := range w {
		q := float64(v) * x / sum
		out[i] = int64(q)
		given += out[i]
		rs = append(rs, rem{i, q - float64(out[i])})
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].r > rs[b].r })
	for k := 0; given < v; k++ {
		out[rs[k%len(rs)].i]++
		given++
	}
	return out
}

// transactions draws the portal's transactions since 2025-07, some
// answered.
func (p *Province) transactions(r *rand.Rand) {
	first := ansinh.NewPeriod(2025, 7)
	if p.Config.Through < first {
		return
	}
	n := max(10, len(p.Persons)/20)
	for i := 0; i < n; i++ {
		x := p.Persons[r.IntN(len(p.Persons))]
		m := first.Add(r.IntN(int(p.Config.Through-first) + 1))
		t := indicators.Transaction{Subject: x.ID, Commune: x.Commune, Online: r.IntN(10) < 8, Month: m}
		if r.IntN(2) == 0 {
			t.Score, t.Answered = 1+r.IntN(5), m
		}
		p.Transactions = append(p.Transactions, t)
	}
}

// Source returns the province as an in-memory indicators.Source (no
// collections).
func (p *Province) Source() indicators.Source { return memSource{p} }

type memSource struct{ p *Province }

func (s memSource) Units(context.Context) ([]indicators.Unit, []indicators.Successor, error) {
	return s.p.Units, s.p.Successors, nil
}
func (s memSource) LaborForce(context.Context) ([]indicators.LaborForce, error) {
	return s.p.LaborForce, nil
}
func (s memSource) Persons(_ context.Context, fn func(indicators.Person) error) error {
	return each(s.p.Persons, fn)
}
func (s memSource) Employment(_ context.Context, fn func(indicators.Spell) error) error {
	return each(s.p.Employment, fn)
}
func (s memSource) Voluntary(_ context.Context, fn func(indicators.Enrolment) error) error {
	return each(s.p.Voluntary, fn)
}
func (s memSource) Beneficiaries(_ context.Context, fn func(indicators.Benefit) error) error {
	return each(s.p.Beneficiaries, fn)
}
func (s memSource) Transactions(_ context.Context, fn func(indicators.Transaction) error) error {
	return each(s.p.Transactions, fn)
}
func (s memSource) Collections(context.Context, func(indicators.Collection) error) error {
	return indicators.ErrNoData
}

func each[T any](rows []T, fn func(T) error) error {
	for _, r := range rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Registry holds the registry's rows as read back from a database with
// plain SQL (what an export of persons, employment, voluntary and
// beneficiaries gives), for an independent count.
type Registry struct {
	Persons map[string]*RegPerson
	// LaborForce maps "unit year" to the labour force and the population
	// past retirement age.
	LaborForce map[string][2]int64
}

// RegPerson is a person with their rows.
type RegPerson struct {
	Commune string
	Birth   ansinh.Date
	Sex     string
	Jobs    []RegSpell
	Vols    []RegSpell
	Bens    []RegSpell
	Pension []RegSpell
	Monthly []RegSpell // monthly SI benefits
}

// RegSpell is a span of months, open when End is zero.
type RegSpell struct {
	Start, End ansinh.Period
	Contract   string
}

// Counts are participants by "commune month" (current communes).
type Counts struct {
	SI, Voluntary, UI, Retirees map[string]int64
}

// Recount counts, month by month and person by person, the participants of
// each current commune: a plain implementation of the indicators'
// definitions, independent of the package's bitsets and difference
// arrays. pastRetirement gives the first month a person is past retirement
// age.
func (reg *Registry) Recount(months []ansinh.Period, pastRetirement func(birth ansinh.Date, sex string) ansinh.Period) Counts {
	out := Counts{map[string]int64{}, map[string]int64{}, map[string]int64{}, map[string]int64{}}
	covers := func(s RegSpell, m ansinh.Period) bool { return s.Start <= m && (s.End.IsZero() || s.End >= m) }
	anyOf := func(ss []RegSpell, m ansinh.Period, ok func(RegSpell) bool) bool {
		for _, s := range ss {
			if covers(s, m) && ok(s) {
				return true
			}
		}
		return false
	}
	all := func(RegSpell) bool { return true }
	for _, p := range reg.Persons {
		past := pastRetirement(p.Birth, p.Sex)
		for _, m := range months {
			k := p.Commune + " " + m.String()
			mand := anyOf(p.Jobs, m, all)
			vol := anyOf(p.Vols, m, all)
			if mand || vol {
				out.SI[k]++
			}
			if vol && !mand {
				out.Voluntary[k]++
			}
			// UI (rules.md §9): to 2025, not a fixed-term or seasonal
			// contract of under 3 months nor a pensioner; from 2026, not a
			// pensioner nor a monthly SI benefit's recipient.
			le2025 := m >= ansinh.NewPeriod(2026, 1)
			ui := anyOf(p.Jobs, m, func(s RegSpell) bool {
				short := s.Contract != "indefinite" && !s.End.IsZero() && s.End-s.Start+1 < 3
				return !short || le2025
			})
			if ui && !anyOf(p.Pension, m, all) && !(le2025 && anyOf(p.Monthly, m, all)) {
				out.UI[k]++
			}
			if m >= past && anyOf(p.Bens, m, all) {
				out.Retirees[k]++
			}
		}
	}
	return out
}

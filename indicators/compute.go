package indicators

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"ansinh"
	"ansinh/rules"
)

// DefaultFrom is the first month computed when Options.From is zero: the
// plan covers the years from 2018 (section II.1.2.1).
var DefaultFrom = ansinh.NewPeriod(2018, 1)

// Options tune a computation.
type Options struct {
	// From and Through are the first and last months computed. From
	// defaults to DefaultFrom; Through is required (the current month: the
	// computation reads no clock).
	From, Through ansinh.Period
	// Params gives the retirement ages; nil: rules.Default().
	Params *rules.Params
	// Split says how the figures of a unit divided in a reorganisation are
	// shared among its successors (see SplitRule).
	Split SplitRule
	// Workers is the number of goroutines of the per-person pass; 0: one
	// per CPU.
	Workers int
	// Progress, when set, is called as each of the refresh's
	// RefreshSteps steps ends, with the steps done: reading the sources,
	// the per-person pass, the facts, and (by Refresh) storing them.
	Progress func(done, total int)
}

// RefreshSteps is the number of steps a refresh reports (Options.Progress).
const RefreshSteps = 4

// step reports the end of step done of RefreshSteps.
func (o Options) step(done int) {
	if o.Progress != nil {
		o.Progress(done, RefreshSteps)
	}
}

// Facts are the facts of one unit in one period.
type Facts struct {
	Unit   UnitKey
	Period Period
	V      [NFacts]int64
	Known  uint16 // bit f set: fact f is known
	// Remapped is true for a unit of today's structure in a period before
	// that structure came into force: its figures are re-mapped to today's
	// units (see the package documentation).
	Remapped bool
}

// Has reports whether fact f is known.
func (f *Facts) Has(x Fact) bool { return f.Known&(1<<x) != 0 }

// Value returns indicator d's value in these facts.
func (f *Facts) Value(d Definition) Value {
	v := Value{Indicator: d.ID, Unit: f.Unit, Period: f.Period,
		Numerator: f.V[d.Numerator], Denominator: f.V[d.Denominator]}
	v.Known = f.Has(d.Numerator) && f.Has(d.Denominator)
	return v
}

// Value is one indicator of one unit in one period.
type Value struct {
	Indicator              Indicator
	Unit                   UnitKey
	Period                 Period
	Numerator, Denominator int64
	// Known is false when the numerator's or the denominator's source is
	// missing ("no data").
	Known bool
}

// Rate returns the value as a rate; ok is false when it has no data or a
// zero denominator.
func (v Value) Rate() (Rate, bool) {
	if !v.Known {
		return 0, false
	}
	return RateOf(v.Numerator, v.Denominator)
}

// Result is a computation's output: the facts of every unit in scope for
// every month and year, under the structure in force then, and under
// today's structure for the months before it (re-mapped).
type Result struct {
	From, Through ansinh.Period
	Rows          []Facts
	// Units holds every unit the rows name.
	Units map[UnitKey]Unit
	// Current lists the units of today's structure.
	Current map[UnitKey]bool
	// Missing names the sources that returned ErrNoData.
	Missing []string
	Stats   Stats
}

// Stats describe a computation, for logs and benchmarks.
type Stats struct {
	Persons, Spells, Enrolments, Benefits, Transactions, Collections int
	Unplaced                                                         int // persons whose commune no structure has
	Orphans                                                          int // rows whose person is not in the registry
	Read                                                             time.Duration
	Pass                                                             time.Duration
	Emit                                                             time.Duration
	FeedYears                                                        map[int]string // feed year → the structure its codes were read in (its first day)
	Structures                                                       []string       // first day of each structure ("" for the first)
	UnitsByYear                                                      map[int]int    // year → units with a row for the year
}

// item kinds of a person's rows. A mandatory spell's kind is itMandatory
// plus one bit per UI-scope regime that bills it (uiScope.kind).
const (
	itVoluntary = iota
	itBenefit
	itPension
	itMonthlyBenefit
	itMandatory
)

// person facts, in the per-person pass's order.
var personFacts = [...]Fact{FactInSI, FactVoluntary, FactInUI, FactRetirees}

// Compute computes the facts of every unit and period from src in one pass
// over the registry's rows: each person's months are bitsets built from
// their spells, enrolments and benefits, and each run of months is added
// to a difference array of the person's commune (for every structure), so
// the work grows with the rows, not with units × months.
func Compute(ctx context.Context, src Source, opt Options) (*Result, error) {
	if opt.From.IsZero() {
		opt.From = DefaultFrom
	}
	if opt.Through.IsZero() || opt.Through < opt.From {
		return nil, ansinh.Invalid("through", "thiếu tháng cuối hoặc tháng cuối trước tháng đầu", "the last month is missing or before the first")
	}
	if opt.Params == nil {
		opt.Params = rules.Default()
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	c := &computation{opt: opt, src: src, months: int(opt.Through-opt.From) + 1}
	var err error
	if c.ui, err = newUIScope(opt.Params, opt.From, c.months); err != nil {
		return nil, err
	}
	t0 := time.Now()
	if err := c.read(ctx); err != nil {
		return nil, err
	}
	t1 := time.Now()
	opt.step(1)
	c.pass()
	t2 := time.Now()
	opt.step(2)
	res := c.emit()
	opt.step(3)
	res.Stats.Read, res.Stats.Pass, res.Stats.Emit = t1.Sub(t0), t2.Sub(t1), time.Since(t2)
	return res, nil
}

// computation is the state of one Compute.
type computation struct {
	opt    Options
	src    Source
	months int
	ui     *uiScope // who is billed UI, month by month (the close's rule)
	fr     *frame
	lf     *lfTable
	stats  Stats

	// persons
	keys   map[uint64]int32
	pos    []int32 // person × structure → commune number, -1
	retire []int32 // person → first month index past retirement age (months: never)

	// rows, as (person, start, end, kind), grouped by person after read
	itemPerson []int32
	itemStart  []int16
	itemEnd    []int16
	itemKind   []uint8
	offsets    []int32 // person → first item; len persons+1

	// flows per structure: commune × flow fact × month
	flows        [][]int64
	hasTx, hasCo bool
	coMonths     []bool // months with any collection row: the months closed
	missing      []string

	// counts per structure: commune × person fact × month, after the pass
	counts [][]int32
}

// rawRows is what one stream reads before persons are known.
type rawRows struct {
	key        []uint64
	start, end []int16
	kind       []uint8
	n          int
}

func (r *rawRows) add(key uint64, s, e int16, k uint8) {
	r.key = append(r.key, key)
	r.start = append(r.start, s)
	r.end = append(r.end, e)
	r.kind = append(r.kind, k)
	r.n++
}

// clip turns a row's months into month indices within the computation;
// ok is false when it lies outside.
func (c *computation) clip(start, end ansinh.Period) (int16, int16, bool) {
	if end.IsZero() || end > c.opt.Through {
		end = c.opt.Through
	}
	if start < c.opt.From {
		start = c.opt.From
	}
	if start.IsZero() || end < start {
		return 0, 0, false
	}
	return int16(start - c.opt.From), int16(end - c.opt.From), true
}

// read loads the frame and the feed, then reads the streams at the same
// time.
func (c *computation) read(ctx context.Context) error {
	units, succ, err := c.src.Units(ctx)
	if err != nil {
		return fmt.Errorf("indicators: units: %w", err)
	}
	if c.fr, err = newFrame(units, succ, c.opt.From, c.opt.Through); err != nil {
		return err
	}
	lfRows, err := c.src.LaborForce(ctx)
	if err != nil {
		return fmt.Errorf("indicators: labour force: %w", err)
	}
	c.lf = newLFTable(c.fr, lfRows)
	c.fr.setWeights(c.lf.bases(true), c.lf.bases(false), c.opt.Split)
	ne := len(c.fr.epochs)
	c.flows = make([][]int64, ne)
	for i, e := range c.fr.epochs {
		c.flows[i] = make([]int64, len(e.communes)*nFlow*c.months)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, 6)
	var emp, vol, ben rawRows
	run := func(i int, fn func() error) {
		if err := fn(); err != nil {
			errs[i] = err
			if !errors.Is(err, ErrNoData) {
				cancel()
			}
		}
	}
	// Persons are read on their own goroutine while the other streams are
	// read one after the other: two streams at a time keep two cores busy;
	// more only make the database driver's locks contend.
	wg.Add(1)
	go func() {
		defer wg.Done()
		run(0, func() error { return c.readPersons(ctx) })
	}()
	run(1, func() error {
		return c.src.Employment(ctx, func(s Spell) error {
			a, b, ok := c.clip(s.Start, s.End)
			if !ok {
				return nil
			}
			emp.add(personKey(s.Person), a, b, c.ui.kind(s))
			return nil
		})
	})
	run(2, func() error {
		return c.src.Voluntary(ctx, func(v Enrolment) error {
			if a, b, ok := c.clip(v.Start, v.End); ok {
				vol.add(personKey(v.Person), a, b, itVoluntary)
			}
			return nil
		})
	})
	run(3, func() error {
		return c.src.Beneficiaries(ctx, func(x Benefit) error {
			if a, b, ok := c.clip(x.Start, x.End); ok {
				k := uint8(itBenefit)
				switch x.Kind {
				case "pension":
					k = itPension
				case "monthly_si_benefit":
					k = itMonthlyBenefit
				}
				ben.add(personKey(x.Person), a, b, k)
			}
			return nil
		})
	})
	run(4, func() error { return c.readTransactions(ctx) })
	run(5, func() error { return c.readCollections(ctx) })
	wg.Wait()
	for i, err := range errs {
		switch {
		case err == nil:
			if i == 4 {
				c.hasTx = true
			}
			if i == 5 {
				c.hasCo = true
			}
		case errors.Is(err, ErrNoData) && (i == 4 || i == 5):
			c.missing = append(c.missing, map[int]string{4: "transactions", 5: "collections"}[i])
		default:
			return fmt.Errorf("indicators: read: %w", err)
		}
	}
	c.stats.Spells, c.stats.Enrolments, c.stats.Benefits = emp.n, vol.n, ben.n
	c.group(&emp, &vol, &ben)
	return nil
}

// readPersons reads the persons: their key, their commune in every
// structure and the month from which they are past retirement age.
func (c *computation) readPersons(ctx context.Context) error {
	ne := len(c.fr.epochs)
	hint := 1 << 16
	if pc, ok := c.src.(PersonCounter); ok {
		if n, err := pc.PersonCount(ctx); err == nil && n > 0 {
			hint = n
		}
	}
	c.keys = make(map[uint64]int32, hint)
	c.retire = make([]int32, 0, hint)
	c.pos = make([]int32, 0, hint*ne)
	type home struct {
		ep int
		c  int32
		ok bool
	}
	homes := map[string]home{}
	ages := map[int64]int32{} // birth month × 4 + sex → first month index past retirement age
	pos := make([]int32, ne)
	never := int32(c.months)
	return c.src.Persons(ctx, func(p Person) error {
		k := personKey(p.ID)
		if _, dup := c.keys[k]; dup {
			return nil
		}
		idx := int32(len(c.retire))
		c.keys[k] = idx
		h, found := homes[p.Commune]
		if !found {
			h.ep, h.c, h.ok = c.fr.home(p.Commune)
			homes[p.Commune] = h
		}
		if !h.ok {
			c.stats.Unplaced++
		}
		c.fr.placeFrom(h.ep, h.c, h.ok, k, pos)
		c.pos = append(c.pos, pos...)
		ak := int64(p.Birth.Period()) * 4
		switch p.Sex {
		case "male":
			ak++
		case "female":
			ak += 2
		}
		r, ok := ages[ak]
		if !ok {
			r = never
			if from, ok := pastRetirement(c.opt.Params, p.Birth, p.Sex); ok {
				r = int32(max(0, min(int(from-c.opt.From), c.months)))
			}
			ages[ak] = r
		}
		c.retire = append(c.retire, r)
		return nil
	})
}

// pastRetirement returns the first month in which a person is past the
// normal retirement age: the month after the one in which they reach it
// (rules.RetirementAge; Labour Code 2019 art. 169). For a person who
// reached it before the rules' table begins, the table's first ages
// (60 for men, 55 for women: the ages before 2021) apply.
func pastRetirement(p *rules.Params, birth ansinh.Date, sex string) (ansinh.Period, bool) {
	s, err := rules.ParseSex(sex)
	if err != nil || birth.IsZero() {
		return 0, false
	}
	if r, err := p.RetirementAge(birth, s); err == nil {
		return r.PensionFrom, true
	}
	name := "retirement_age.male"
	if s == rules.Female {
		name = "retirement_age.female"
	}
	vs := p.Versions(name)
	if len(vs) == 0 {
		return 0, false
	}
	reached := birth.Period().Add(int(vs[0].Value))
	if reached.Year() >= vs[0].From.Year() {
		return 0, false
	}
	return reached.Add(1), true
}

// Flow facts in the flows arrays.
const (
	flOnline = iota
	flTransactions
	flSatisfied
	flAnswers
	flCollected
	flAssessed
	flArrears
	nFlow
)

var flowFact = [nFlow]Fact{FactOnline, FactTransactions, FactSatisfied, FactAnswers, FactCollected, FactAssessed, FactArrears}

// addFlow adds v to flow fact fl of the subject placed by pos in month p.
func (c *computation) addFlow(pos []int32, fl int, p ansinh.Period, v int64) {
	if p < c.opt.From || p > c.opt.Through {
		return
	}
	m := int(p - c.opt.From)
	for e, cn := range pos {
		if cn >= 0 {
			c.flows[e][(int(cn)*nFlow+fl)*c.months+m] += v
		}
	}
}

func (c *computation) readTransactions(ctx context.Context) error {
	pos := make([]int32, len(c.fr.epochs))
	return c.src.Transactions(ctx, func(t Transaction) error {
		c.stats.Transactions++
		c.fr.place(t.Commune, personKey(t.Subject), pos)
		c.addFlow(pos, flTransactions, t.Month, 1)
		if t.Online {
			c.addFlow(pos, flOnline, t.Month, 1)
		}
		if t.Score > 0 {
			c.addFlow(pos, flAnswers, t.Answered, 1)
			if t.Score >= 4 {
				c.addFlow(pos, flSatisfied, t.Answered, 1)
			}
		}
		return nil
	})
}

func (c *computation) readCollections(ctx context.Context) error {
	pos := make([]int32, len(c.fr.epochs))
	c.coMonths = make([]bool, c.months)
	return c.src.Collections(ctx, func(x Collection) error {
		c.stats.Collections++
		if x.Month >= c.opt.From && x.Month <= c.opt.Through {
			c.coMonths[x.Month-c.opt.From] = true
		}
		c.fr.place(x.Commune, personKey(x.Subject), pos)
		c.addFlow(pos, flAssessed, x.Month, x.Assessed)
		c.addFlow(pos, flCollected, x.Month, x.Collected)
		c.addFlow(pos, flArrears, x.Month, x.Arrears)
		return nil
	})
}

// group resolves the rows' persons and groups the rows by person
// (a counting sort).
func (c *computation) group(streams ...*rawRows) {
	n := len(c.retire)
	c.stats.Persons = n
	total := 0
	for _, s := range streams {
		total += s.n
	}
	person := make([]int32, 0, total)
	start := make([]int16, 0, total)
	end := make([]int16, 0, total)
	kind := make([]uint8, 0, total)
	for _, s := range streams {
		for i := 0; i < s.n; i++ {
			p, ok := c.keys[s.key[i]]
			if !ok {
				c.stats.Orphans++
				continue
			}
			person = append(person, p)
			start = append(start, s.start[i])
			end = append(end, s.end[i])
			kind = append(kind, s.kind[i])
		}
		*s = rawRows{}
	}
	c.keys = nil
	c.offsets = make([]int32, n+1)
	for _, p := range person {
		c.offsets[p+1]++
	}
	for i := 1; i <= n; i++ {
		c.offsets[i] += c.offsets[i-1]
	}
	fill := append([]int32(nil), c.offsets[:n]...)
	c.itemStart = make([]int16, len(person))
	c.itemEnd = make([]int16, len(person))
	c.itemKind = make([]uint8, len(person))
	for i, p := range person {
		j := fill[p]
		fill[p]++
		c.itemStart[j], c.itemEnd[j], c.itemKind[j] = start[i], end[i], kind[i]
	}
}

// pass runs the per-person pass on opt.Workers goroutines and turns the
// difference arrays into counts.
func (c *computation) pass() {
	ne := len(c.fr.epochs)
	n := len(c.retire)
	stride := c.months + 1
	workers := max(1, min(c.opt.Workers, n/20000+1))
	diffs := make([][][]int32, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		d := make([][]int32, ne)
		for e, ep := range c.fr.epochs {
			d[e] = make([]int32, len(ep.communes)*len(personFacts)*stride)
		}
		diffs[w] = d
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.persons(lo, hi, d)
		}()
	}
	wg.Wait()
	c.counts = make([][]int32, ne)
	for e := range c.fr.epochs {
		d := diffs[0][e]
		for w := 1; w < workers; w++ {
			for i, x := range diffs[w][e] {
				d[i] += x
			}
		}
		out := make([]int32, len(d)/stride*c.months)
		for row := 0; row < len(d)/stride; row++ {
			var run int32
			for m := 0; m < c.months; m++ {
				run += d[row*stride+m]
				out[row*c.months+m] = run
			}
		}
		c.counts[e] = out
	}
}

// persons processes persons [lo, hi) into the difference arrays d.
func (c *computation) persons(lo, hi int, d [][]int32) {
	ne := len(c.fr.epochs)
	words := (c.months + 63) / 64
	stride := c.months + 1
	buf := make([]uint64, 10*words)
	mand, vol, ui, ben, pens := buf[0:words], buf[words:2*words], buf[2*words:3*words], buf[3*words:4*words], buf[4*words:5*words]
	mben := buf[9*words : 10*words]
	si, volOnly, uiNet, ret := buf[5*words:6*words], buf[6*words:7*words], buf[7*words:8*words], buf[8*words:9*words]
	sets := [len(personFacts)][]uint64{si, volOnly, uiNet, ret}
	for p := lo; p < hi; p++ {
		a, b := c.offsets[p], c.offsets[p+1]
		if a == b {
			continue
		}
		clear(buf[:5*words])
		clear(mben)
		for i := a; i < b; i++ {
			c.setItem(int(c.itemStart[i]), int(c.itemEnd[i]), c.itemKind[i], mand, vol, ui, ben, pens, mben)
		}
		clear(ret)
		if r := int(c.retire[p]); r < c.months {
			setRange(ret, r, c.months-1)
		}
		for w := 0; w < words; w++ {
			si[w] = mand[w] | vol[w]
			volOnly[w] = vol[w] &^ mand[w]
			uiNet[w] = ui[w] &^ (pens[w] & c.ui.pension[w]) &^ (mben[w] & c.ui.monthly[w])
			ret[w] &= ben[w]
		}
		for e := 0; e < ne; e++ {
			cn := c.pos[p*ne+e]
			if cn < 0 {
				continue
			}
			base := int(cn) * len(personFacts) * stride
			for f, set := range sets {
				addRuns(d[e][base+f*stride:base+(f+1)*stride], set)
			}
		}
	}
}

// setItem sets the months [s, e] of one row of kind k in the person's
// bitsets: mandatory SI and the months billed UI, voluntary SI, benefits,
// pensions and monthly SI benefits.
func (c *computation) setItem(s, e int, k uint8, mand, vol, ui, ben, pens, mben []uint64) {
	switch k {
	case itVoluntary:
		setRange(vol, s, e)
	case itBenefit:
		setRange(ben, s, e)
	case itPension:
		setRange(ben, s, e)
		setRange(pens, s, e)
	case itMonthlyBenefit:
		setRange(ben, s, e)
		setRange(mben, s, e)
	default:
		setRange(mand, s, e)
		c.ui.setUI(ui, s, e, k)
	}
}

// setRange sets bits [a, b] of a bitset.
func setRange(set []uint64, a, b int) {
	for a <= b {
		w, o := a>>6, uint(a&63)
		n := min(64-int(o), b-a+1)
		var mask uint64
		if n == 64 {
			mask = ^uint64(0)
		} else {
			mask = (uint64(1)<<uint(n) - 1) << o
		}
		set[w] |= mask
		a += n
	}
}

// addRuns adds +1 at the first month and -1 after the last month of every
// run of set bits to the difference array d (length months+1).
func addRuns(d []int32, set []uint64) {
	var carry uint64
	for w, x := range set {
		t := x ^ (x<<1 | carry)
		carry = x >> 63
		for t != 0 {
			i := bits.TrailingZeros64(t)
			t &= t - 1
			m := w<<6 + i
			if m >= len(d) {
				break
			}
			if x>>uint(i)&1 == 1 {
				d[m]++
			} else {
				d[m]--
			}
		}
	}
}

// emit aggregates the counts to every unit and writes the rows.
func (c *computation) emit() *Result {
	em := &emitter{c: c, nf: int(NFacts), cur: len(c.fr.epochs) - 1,
		res: &Result{From: c.opt.From, Through: c.opt.Through, Units: map[UnitKey]Unit{}, Current: map[UnitKey]bool{}, Missing: c.missing}}
	em.accumulate()
	em.rolling12()
	em.knownAlways = c.knownAlways()
	em.markCurrent()
	em.monthRows()
	em.yearRows()
	sort.SliceStable(em.res.Rows, func(i, j int) bool { return em.res.Rows[i].Period.Less(em.res.Rows[j].Period) })
	em.stats()
	return em.res
}

// emitter turns a computation's counts and flows into the result's rows.
type emitter struct {
	c           *computation
	res         *Result
	nf          int         // facts per month in acc
	cur         int         // the epoch of today's structure
	acc         [][][]int64 // [epoch][unit]: months × facts of the person and flow facts; nil: no figure
	scope       [][]bool    // [epoch][unit]: the unit has a row
	knownAlways uint16      // facts known in every row
}

// accumulate adds every active commune's counts and flows to the commune
// and its ancestors, and puts in scope the units with a figure of the
// statistics office.
func (em *emitter) accumulate() {
	c := em.c
	ne := len(c.fr.epochs)
	em.acc, em.scope = make([][][]int64, ne), make([][]bool, ne)
	for e, ep := range c.fr.epochs {
		em.acc[e] = make([][]int64, len(ep.units))
		em.scope[e] = make([]bool, len(ep.units))
		for cn, chain := range ep.anc {
			if c.communeActive(e, cn) {
				em.addCommune(e, cn, chain)
			}
		}
		em.scopeFeedUnits(e)
	}
	c.lf.scope = em.scope
}

// communeActive reports whether commune cn of epoch e has any count or flow.
func (c *computation) communeActive(e, cn int) bool {
	np := len(personFacts)
	if slices.ContainsFunc(c.counts[e][cn*np*c.months:(cn+1)*np*c.months], func(x int32) bool { return x != 0 }) {
		return true
	}
	return slices.ContainsFunc(c.flows[e][cn*nFlow*c.months:(cn+1)*nFlow*c.months], func(x int64) bool { return x != 0 })
}

// addCommune adds commune cn's months to every unit of its chain (itself
// and its ancestors).
func (em *emitter) addCommune(e, cn int, chain []int32) {
	c, nf := em.c, em.nf
	for _, u := range chain {
		em.scope[e][u] = true
		if em.acc[e][u] == nil {
			em.acc[e][u] = make([]int64, c.months*nf)
		}
		a := em.acc[e][u]
		for f, fact := range personFacts {
			row := c.counts[e][(cn*len(personFacts)+f)*c.months:]
			for m := 0; m < c.months; m++ {
				a[m*nf+int(fact)] += int64(row[m])
			}
		}
		for fl, fact := range flowFact {
			row := c.flows[e][(cn*nFlow+fl)*c.months:]
			for m := 0; m < c.months; m++ {
				a[m*nf+int(fact)] += row[m]
			}
		}
	}
}

// scopeFeedUnits puts in scope the units of epoch e with a figure of the
// statistics office, and their ancestors.
func (em *emitter) scopeFeedUnits(e int) {
	c := em.c
	ep := c.fr.epochs[e]
	for y := c.opt.From.Year(); y <= c.opt.Through.Year(); y++ {
		own := c.lf.ownValues(e, y)
		for u, k := range own.known {
			if !k {
				continue
			}
			em.scope[e][u] = true
			for p := ep.parent[u]; p >= 0; p = ep.parent[p] {
				em.scope[e][p] = true
			}
		}
	}
}

// rolling12 fills the rolling twelve months' assessments.
func (em *emitter) rolling12() {
	nf := em.nf
	for e := range em.acc {
		for _, a := range em.acc[e] {
			if a == nil {
				continue
			}
			var run int64
			for m := 0; m < em.c.months; m++ {
				run += a[m*nf+int(FactAssessed)]
				if m >= 12 {
					run -= a[(m-12)*nf+int(FactAssessed)]
				}
				a[m*nf+int(FactAssessed12)] = run
			}
		}
	}
}

// knownAlways returns the facts known in every row: the person facts, and
// the transactions' when they are recorded.
func (c *computation) knownAlways() uint16 {
	var k uint16
	for _, f := range personFacts {
		k |= 1 << f
	}
	if c.hasTx {
		k |= 1<<FactOnline | 1<<FactTransactions | 1<<FactSatisfied | 1<<FactAnswers
	}
	return k
}

// coFacts are the facts of the monthly close.
const coFacts = 1<<FactCollected | 1<<FactAssessed | 1<<FactArrears | 1<<FactAssessed12

// coKnown returns coFacts when a month of [first, last] was closed.
func (c *computation) coKnown(first, last int) uint16 {
	if !c.hasCo {
		return 0
	}
	if slices.Contains(c.coMonths[first:last+1], true) {
		return coFacts
	}
	return 0
}

// markCurrent lists the units of today's structure in scope.
func (em *emitter) markCurrent() {
	for u, un := range em.c.fr.epochs[em.cur].units {
		if em.scope[em.cur][u] {
			em.res.Current[un.Key()] = true
		}
	}
}

// row emits unit u of epoch e for period per, months [first, last].
func (em *emitter) row(e, u int, per Period, first, last int, remapped bool) {
	c := em.c
	un := c.fr.epochs[e].units[u]
	em.res.Units[un.Key()] = un
	r := Facts{Unit: un.Key(), Period: per, Known: em.knownAlways | c.coKnown(first, last), Remapped: remapped}
	if a := em.acc[e][u]; a != nil {
		em.fill(&r, a, first, last)
	}
	lv := c.lf.values(e, per.Year)
	if lv.known[u] {
		r.V[FactLaborForce], r.V[FactOverRetirement] = lv.v[u][0], lv.v[u][1]
		r.Known |= 1<<FactLaborForce | 1<<FactOverRetirement
	}
	em.res.Rows = append(em.res.Rows, r)
}

// fill sets a row's facts from a unit's months [first, last]: flows are
// summed, stocks taken at the last month (collection stocks at the last
// closed month).
func (em *emitter) fill(r *Facts, a []int64, first, last int) {
	c, nf := em.c, em.nf
	coLast := last
	for c.hasCo && coLast > first && !c.coMonths[coLast] {
		coLast--
	}
	for f := Fact(0); f < NFacts; f++ {
		switch {
		case f.Flow():
			for m := first; m <= last; m++ {
				r.V[f] += a[m*nf+int(f)]
			}
		case f == FactArrears || f == FactAssessed12:
			r.V[f] = a[coLast*nf+int(f)]
		default:
			r.V[f] = a[last*nf+int(f)]
		}
	}
}

// units emits every unit of epoch e in scope.
func (em *emitter) units(e int, per Period, first, last int, remapped bool) {
	for u := range em.c.fr.epochs[e].units {
		if em.scope[e][u] {
			em.row(e, u, per, first, last, remapped)
		}
	}
}

// monthRows emits each month in its own structure and, re-mapped, in
// today's.
func (em *emitter) monthRows() {
	c := em.c
	for m := 0; m < c.months; m++ {
		p := c.opt.From.Add(m)
		e := c.fr.epochAt(p)
		em.units(e, MonthOf(p), m, m, false)
		if e != em.cur {
			em.units(em.cur, MonthOf(p), m, m, true)
		}
	}
}

// yearRows emits each year in the structure of its last month and,
// re-mapped, in today's.
func (em *emitter) yearRows() {
	c := em.c
	em.res.Stats.UnitsByYear = map[int]int{}
	for y := c.opt.From.Year(); y <= c.opt.Through.Year(); y++ {
		first := max(0, int(ansinh.NewPeriod(y, 1)-c.opt.From))
		lastP := min(ansinh.NewPeriod(y, 12), c.opt.Through)
		last := int(lastP - c.opt.From)
		e := c.fr.epochAt(lastP)
		before := len(em.res.Rows)
		em.units(e, YearOf(y), first, last, false)
		if e != em.cur {
			em.units(em.cur, YearOf(y), first, last, true)
		}
		em.res.Stats.UnitsByYear[y] = len(em.res.Rows) - before
	}
}

// stats copies the computation's statistics into the result.
func (em *emitter) stats() {
	c, st := em.c, &em.res.Stats
	st.Persons, st.Spells, st.Enrolments, st.Benefits = c.stats.Persons, c.stats.Spells, c.stats.Enrolments, c.stats.Benefits
	st.Transactions, st.Collections = c.stats.Transactions, c.stats.Collections
	st.Unplaced, st.Orphans = c.stats.Unplaced, c.stats.Orphans
	st.FeedYears = map[int]string{}
	for y, e := range c.lf.epochOf {
		st.FeedYears[y] = c.fr.epochs[e].start.String()
	}
	for _, e := range c.fr.epochs {
		st.Structures = append(st.Structures, e.start.String())
	}
}

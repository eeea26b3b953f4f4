package collection

import (
	"context"
	"fmt"
	"slices"
	"time"

	"ansinh"
	"ansinh/rules"
)

// employerInfo is what an employer's assessments depend on.
type employerInfo struct {
	kind    rules.EmployerKind
	commune string // the commune of its place of operation: it decides the region
}

// assessor runs the assessment pass of one close.
type assessor struct {
	c       *closer
	period  ansinh.Period // the month closed
	start   ansinh.Period // first month of the books
	last    ansinh.Date   // its last day: the close knows the declarations made by then
	rules   rules.ContributionRules
	emps    map[string]employerInfo
	regions *rules.Regions               // national lists overridden by the province's own unit rows
	region  map[regionKey]regionDecision // regions decided: one per commune and month billed
	ui      uiScoper                     // who is billed UI (uiscope.go)
	people  []personMonths               // the last batch's people, their room reused by the next batch
}

func (c *closer) newAssessor(ctx context.Context, period, start ansinh.Period, cr rules.ContributionRules) (*assessor, error) {
	a := &assessor{c: c, period: period, start: start, last: period.Last(), rules: cr,
		emps: map[string]employerInfo{}, region: map[regionKey]regionDecision{}}
	if err := a.readEmployers(ctx); err != nil {
		return nil, err
	}
	rows, err := a.readUnitRegions(ctx)
	if err != nil {
		return nil, err
	}
	if a.regions, err = rules.WithProvinceUnits(rows); err != nil {
		return nil, fmt.Errorf("collection: region lists: %w", err)
	}
	return a, nil
}

// readEmployers reads the kind and commune of every employer.
func (a *assessor) readEmployers(ctx context.Context) error {
	emps, err := a.c.db.Employers(ctx)
	if err != nil {
		return fmt.Errorf("collection: read employers: %w", err)
	}
	for _, e := range emps {
		k, err := rules.ParseEmployerKind(e.Kind)
		if err != nil {
			return err
		}
		a.emps[e.TaxCode] = employerInfo{kind: k, commune: e.Commune}
	}
	return nil
}

// readUnitRegions reads the dated unit rows with a region of the employers'
// communes: the province's own list (rules.WithProvinceUnits tells them from
// the national units loaded by `ansinh units load`).
func (a *assessor) readUnitRegions(ctx context.Context) ([]rules.UnitRegion, error) {
	out, err := a.c.db.UnitRegions(ctx)
	if err != nil {
		return nil, fmt.Errorf("collection: read unit regions: %w", err)
	}
	return out, nil
}

// regionKey is one commune in one month.
type regionKey struct {
	commune string
	p       ansinh.Period
}

// regionDecision is the region of a commune in a month and the flag its
// list carries (FlagUnconfirmed for a placeholder); region zero: none known.
type regionDecision struct {
	region rules.Region
	flags  rules.Flags
}

// regionAt decides the region of the employer's commune in month p, once
// per commune and month: the province's own dated unit rows valid in p,
// otherwise the national lists (rules.WithProvinceUnits), as `calc
// contribution` does for the national lists.
func (a *assessor) regionAt(info employerInfo, p ansinh.Period) regionDecision {
	k := regionKey{info.commune, p}
	if d, ok := a.region[k]; ok {
		return d
	}
	var d regionDecision
	if r, l, err := a.regions.At(info.commune, p); err == nil {
		d.region = r
		if l.Confidence == rules.ConfUnconfirmed {
			d.flags = rules.FlagUnconfirmed
		}
	}
	a.region[k] = d
	return d
}

// run assesses every batch of the run not yet done: a producer reads and
// computes batch after batch while the writer commits the previous one.
func (a *assessor) run(ctx context.Context, runID int64, res *Result) error {
	batches, err := a.c.db.Batches(ctx, runID)
	if err != nil {
		return fmt.Errorf("collection: read batches: %w", err)
	}
	var todo []CloseBatch
	for _, b := range batches {
		res.Batches++
		if !b.Done {
			todo = append(todo, b)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make(chan *BatchRows, groupBatches-1)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		for _, b := range todo {
			o, err := a.assess(ctx, b)
			if err != nil {
				errc <- err
				return
			}
			a.c.db.PrepareBatch(o)
			select {
			case out <- o:
			case <-ctx.Done():
				return
			}
		}
	}()
	for o := range out {
		group := []*BatchRows{o}
		if a.c.opt.BatchPause == 0 {
			group = readyBatches(out, group)
		}
		taken, err := a.c.db.WriteBatches(ctx, runID, a.c.db.Now(), group)
		if err != nil {
			cancel()
			return fmt.Errorf("collection: write batches %d-%d: %w", group[0].No, group[len(group)-1].No, err)
		}
		for i, o := range group {
			n := int64(len(o.Assessments))
			if taken[i] {
				n = 0 // another process wrote it meanwhile
			}
			res.BatchesRun++
			res.Assessments += n
			a.c.logf("lô %d/%d xong / batch %d of %d done: %d dòng / rows", o.No+1, res.Batches, o.No+1, res.Batches, n)
		}
		if a.c.opt.BatchPause > 0 {
			select {
			case <-time.After(a.c.opt.BatchPause):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	select {
	case err := <-errc:
		return err
	default:
	}
	return ctx.Err()
}

// groupBatches is the most batches written in one transaction: those
// assessed while the writer wrote the ones before go together, one commit
// (which SQLite makes cost as much as some thousand rows) for all.
const groupBatches = 3

// readyBatches adds to group the batches waiting in out, up to
// groupBatches, without waiting for more.
func readyBatches(out <-chan *BatchRows, group []*BatchRows) []*BatchRows {
	for len(group) < groupBatches {
		select {
		case o, ok := <-out:
			if !ok {
				return group
			}
			group = append(group, o)
		default:
			return group
		}
	}
	return group
}

// personMonths collects the months of one employer and person: a later
// spell covering a month replaces an earlier one (a wage change declared as
// a new spell).
type personMonths struct {
	tax, person    string
	months         []ansinh.Period
	wages          []int64
	recFrom, recTo int // its records covering the month closed in uiScoper.records
}

func (pm *personMonths) put(p ansinh.Period, wage int64) {
	for i, m := range pm.months {
		if m == p {
			pm.wages[i] = wage
			return
		}
	}
	pm.months = append(pm.months, p)
	pm.wages = append(pm.wages, wage)
}

// assess reads the spells of one batch and computes its rows.
//
// The retroactive rule: the close of month C knows exactly the spells
// declared on or before C's last day. A spell month p is billed by the close
// of max(p, the month of its declaration), and never before the books start;
// so the close of C bills C for every spell covering C declared by then, and
// the months p < C of every spell declared during C.
func (a *assessor) assess(ctx context.Context, b CloseBatch) (*BatchRows, error) {
	people, err := a.readSpells(ctx, b)
	if err != nil {
		return nil, err
	}
	billed, err := a.alreadyBilled(ctx, people)
	if err != nil {
		return nil, err
	}
	if err := a.ui.load(ctx, a, people); err != nil {
		return nil, err
	}
	months := 0
	for i := range people {
		months += len(people[i].months)
	}
	bw := &batchWriter{a: a, billed: billed, o: &BatchRows{No: b.No, Assessments: make([]AssessmentRow, 0, months)}}
	for i := range people {
		if err := bw.person(ctx, &people[i]); err != nil {
			return nil, err
		}
	}
	bw.flushEmployer()
	return bw.o, nil
}

// readSpells reads the spells of one batch that the close of C bills, as the
// months of each employer and person, in the order of tax code and person.
func (a *assessor) readSpells(ctx context.Context, b CloseBatch) ([]personMonths, error) {
	people := a.people[:0]
	a.ui.records = a.ui.records[:0]
	q := SpellQuery{First: b.First, Last: b.Last, Period: a.period, Declared: a.last, Start: a.start}
	err := a.c.db.Spells(ctx, q, func(s SpellRow) error {
		n := len(people)
		if n == 0 || people[n-1].tax != s.TaxCode || people[n-1].person != s.Person {
			if n < cap(people) {
				// An earlier batch's person: its months' room is kept.
				people = people[:n+1]
				pm := &people[n]
				*pm = personMonths{tax: s.TaxCode, person: s.Person, months: pm.months[:0], wages: pm.wages[:0]}
			} else {
				people = append(people, personMonths{tax: s.TaxCode, person: s.Person})
			}
			n++
		}
		a.spellMonths(&people[n-1], s.Wage, s.Covers, s.RetroStart, s.RetroEnd)
		if s.Covers {
			return a.ui.record(&people[n-1], s)
		}
		return nil
	})
	a.people = people
	if err != nil {
		return nil, fmt.Errorf("collection: read spells: %w", err)
	}
	return people, nil
}

// spellMonths puts the months of one spell that the close bills into pm.
func (a *assessor) spellMonths(pm *personMonths, wage int64, covers bool, rstart, rend ansinh.Period) {
	C := a.period
	if covers {
		pm.put(C, wage)
	}
	if rstart != 0 {
		to := C.Add(-1)
		if rend != 0 && rend < to {
			to = rend
		}
		for p := max(rstart, a.start); p <= to; p++ {
			pm.put(p, wage)
		}
	}
}

// batchWriter turns the months of a batch's people into assessment rows,
// charges by employer and month, and warnings.
type batchWriter struct {
	a      *assessor
	o      *BatchRows
	billed map[WorkerMonth]bool
	curTax string
	info   employerInfo
	sums   []monthSum      // the employer's charges by month: few months, a slice
	warned map[string]bool // no_region objects warned in the batch
}

// flushEmployer writes the charges of the current employer.
func (bw *batchWriter) flushEmployer() {
	if bw.curTax == "" {
		return
	}
	slices.SortFunc(bw.sums, func(x, y monthSum) int { return int(x.p - y.p) })
	for _, v := range bw.sums {
		bw.o.Charges = append(bw.o.Charges, ChargeRow{BilledIn: bw.a.period, Payer: bw.curTax, Period: v.p, Kind: KindEmployer,
			Principal: v.total, Items: v.n})
	}
	bw.sums = bw.sums[:0]
}

// warn writes one warning of the close.
func (bw *batchWriter) warn(code, object, detail string) {
	bw.o.Warnings = append(bw.o.Warnings, WarningRow{Period: bw.a.period, Code: code, Object: object, Detail: detail})
}

// person assesses the months of one employer and person.
func (bw *batchWriter) person(ctx context.Context, pm *personMonths) error {
	if pm.tax != bw.curTax {
		bw.flushEmployer()
		bw.curTax = pm.tax
		bw.info = bw.a.emps[pm.tax]
	}
	for i, p := range pm.months {
		if p != bw.a.period && bw.billed[WorkerMonth{pm.tax, pm.person, p}] {
			bw.warn("already_billed", pm.tax+"/"+pm.person+"/"+p.String(),
				"tháng đã tính phải thu ở kỳ trước; kê khai điều chỉnh cần xử lý riêng / month already billed; an adjustment needs its own handling")
			continue
		}
		region := bw.a.regionAt(bw.info, p)
		if !region.region.Valid() {
			bw.noRegion(pm.tax, p)
			continue
		}
		bw.month(pm, p, pm.wages[i], region, bw.a.uiExclusion(pm, p))
	}
	return nil
}

// noRegion warns, once per employer and month, that the employer's commune
// has no minimum-wage region in month p: its months are not assessed. The
// object is the employer for the month closed, the employer and the month
// for an earlier one.
func (bw *batchWriter) noRegion(tax string, p ansinh.Period) {
	object := "employer:" + tax
	if p != bw.a.period {
		object += "/" + p.String()
	}
	if bw.warned[object] {
		return
	}
	if bw.warned == nil {
		bw.warned = map[string]bool{}
	}
	bw.warned[object] = true
	bw.warn("no_region", object,
		"xã của đơn vị không có vùng lương tối thiểu trong tháng "+p.String()+": không tính được phải thu / the employer's commune has no minimum-wage region in "+p.String()+": not assessed")
}

// month assesses one month of one employer and person: the one place where
// the amounts of a month are decided.
// region is the employer's commune's region in the month (regionAt); ui is
// the rule that excludes the month from unemployment insurance, or
// rules.UIBilled.
func (bw *batchWriter) month(pm *personMonths, p ansinh.Period, wage int64, region regionDecision, ui rules.UIExclusion) {
	amt, err := bw.a.rules.Assess(rules.Worker{Wage: wage, Region: region.region, EmployerKind: bw.info.kind, UIExcluded: ui})
	if err != nil {
		bw.warn("assess_error", pm.tax+"/"+pm.person+"/"+p.String(),
			ansinh.ErrorMessage(err, "vi")+" / "+ansinh.ErrorMessage(err, "en"))
		return
	}
	amt.Flags |= region.flags
	bw.o.Assessments = append(bw.o.Assessments, AssessmentRow{Period: p, BilledIn: bw.a.period, TaxCode: pm.tax, Person: pm.person, Amount: amt})
	i := slices.IndexFunc(bw.sums, func(m monthSum) bool { return m.p == p })
	if i < 0 {
		i = len(bw.sums)
		bw.sums = append(bw.sums, monthSum{p: p})
	}
	bw.sums[i].total += amt.Total
	bw.sums[i].n++
}

// alreadyBilled returns which of the earlier months of a batch's people an
// earlier close billed already (a spell replaced after its months were
// billed).
func (a *assessor) alreadyBilled(ctx context.Context, people []personMonths) (map[WorkerMonth]bool, error) {
	var keys []WorkerMonth
	for _, pm := range people {
		for _, p := range pm.months {
			if p < a.period {
				keys = append(keys, WorkerMonth{pm.tax, pm.person, p})
			}
		}
	}
	if len(keys) == 0 {
		return map[WorkerMonth]bool{}, nil
	}
	out, err := a.c.db.Billed(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("collection: read billed months: %w", err)
	}
	return out, nil
}

// monthSum is an employer's charge for one month being summed.
type monthSum struct {
	p        ansinh.Period
	total, n int64
}

package collection

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"ansinh"
	"ansinh/rules"
	"ansinh/store"
)

// assessmentColumns are the columns of the assessments table, in the order
// the close writes them.
var assessmentColumns = []string{"period", "tax_code", "person_id", "billed_in", "si_base", "ui_base", "hi_base",
	"employer_retirement", "employer_sickness", "employer_accident", "employer_ui", "employer_hi",
	"employee_retirement", "employee_ui", "employee_hi", "total", "flags"}

var chargeColumns = []string{"billed_in", "payer", "period", "payer_kind", "principal", "items"}

var warningColumns = []string{"period", "code", "object", "detail"}

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
	rows, err := a.c.db.R.QueryContext(ctx, `SELECT tax_code, kind, commune_code FROM employers`)
	if err != nil {
		return fmt.Errorf("collection: read employers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tax, kind, commune string
		if err := rows.Scan(&tax, &kind, &commune); err != nil {
			return err
		}
		k, err := rules.ParseEmployerKind(kind)
		if err != nil {
			return err
		}
		a.emps[tax] = employerInfo{kind: k, commune: commune}
	}
	return rows.Err()
}

// readUnitRegions reads the dated unit rows with a region of the employers'
// communes: the province's own list (rules.WithProvinceUnits tells them from
// the national units loaded by `ansinh units load`).
func (a *assessor) readUnitRegions(ctx context.Context) ([]rules.UnitRegion, error) {
	rows, err := a.c.db.R.QueryContext(ctx, `SELECT u.code, u.valid_from, u.valid_to, u.region FROM units u
		WHERE u.level = 'commune' AND u.region IS NOT NULL AND u.code IN (SELECT commune_code FROM employers)
		ORDER BY u.code, u.valid_from`)
	if err != nil {
		return nil, fmt.Errorf("collection: read unit regions: %w", err)
	}
	defer rows.Close()
	var out []rules.UnitRegion
	for rows.Next() {
		var u rules.UnitRegion
		var region string
		if err := rows.Scan(&u.Commune, &u.From, &u.To, &region); err != nil { // a NULL valid_to scans as zero: open
			return nil, err
		}
		if u.Region, err = rules.ParseRegion(region); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
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

// batch is one range of employers of a run.
type batch struct {
	no          int64
	first, last string
}

// batchOut is what one batch writes.
type batchOut struct {
	batch
	rows, charges, warnings *store.Rows
}

// run assesses every batch of the run not yet done: a producer reads and
// computes batch after batch while the writer commits the previous one.
func (a *assessor) run(ctx context.Context, runID int64, res *Result) error {
	db := a.c.db
	rows, err := db.R.QueryContext(ctx, `SELECT batch_no, first_key, last_key, status FROM close_batches WHERE run_id = $1 ORDER BY batch_no`, runID)
	if err != nil {
		return fmt.Errorf("collection: read batches: %w", err)
	}
	var todo []batch
	for rows.Next() {
		var b batch
		var status string
		if err := rows.Scan(&b.no, &b.first, &b.last, &status); err != nil {
			rows.Close()
			return err
		}
		res.Batches++
		if status == "pending" {
			todo = append(todo, b)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make(chan *batchOut, 1)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		for _, b := range todo {
			o, err := a.assess(ctx, b)
			if err != nil {
				errc <- err
				return
			}
			select {
			case out <- o:
			case <-ctx.Done():
				return
			}
		}
	}()
	for o := range out {
		n, err := a.write(ctx, runID, o)
		if err != nil {
			cancel()
			return err
		}
		res.BatchesRun++
		res.Assessments += n
		a.c.logf("lô %d/%d xong / batch %d of %d done: %d dòng / rows", o.no+1, res.Batches, o.no+1, res.Batches, n)
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

// write commits one batch with its done mark. A batch another process
// committed meanwhile is dropped.
func (a *assessor) write(ctx context.Context, runID int64, o *batchOut) (int64, error) {
	db := a.c.db
	var n int64
	errTaken := errors.New("batch taken")
	err := db.Write(ctx, func(w *store.Writer) error {
		done, err := w.Exec(`UPDATE close_batches SET status = 'done', rows_written = $1, finished_at = $2
			WHERE run_id = $3 AND batch_no = $4 AND status = 'pending'`, int64(o.rows.Len()), db.Timestamp(db.Now()), runID, o.no)
		if err != nil {
			return err
		}
		if done == 0 {
			return errTaken
		}
		if err := w.Append("assessments", assessmentColumns, o.rows); err != nil {
			return err
		}
		if err := w.Append("charges", chargeColumns, o.charges); err != nil {
			return err
		}
		n = int64(o.rows.Len())
		return w.Append("close_warnings", warningColumns, o.warnings)
	})
	if errors.Is(err, errTaken) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("collection: write batch %d: %w", o.no, err)
	}
	return n, nil
}

// personMonths collects the months of one employer and person: a later
// spell covering a month replaces an earlier one (a wage change declared as
// a new spell).
type personMonths struct {
	tax, person string
	months      []ansinh.Period
	wages       []int64
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
func (a *assessor) assess(ctx context.Context, b batch) (*batchOut, error) {
	people, err := a.readSpells(ctx, b)
	if err != nil {
		return nil, err
	}
	billed, err := a.alreadyBilled(ctx, people)
	if err != nil {
		return nil, err
	}
	db := a.c.db
	bw := &batchWriter{a: a, billed: billed, cs: a.period.String(),
		o: &batchOut{batch: b, rows: db.NewRows(len(assessmentColumns)), charges: db.NewRows(len(chargeColumns)),
			warnings: db.NewRows(len(warningColumns))}}
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
func (a *assessor) readSpells(ctx context.Context, b batch) ([]personMonths, error) {
	C, first := a.period, a.period.First()
	// covers: the spell covers C; rstart, rend: the spell's months when it
	// was declared during C and started before it (retroactive months).
	rows, err := a.c.db.R.QueryContext(ctx, `SELECT tax_code, person_id, wage,
			start_month <= $3 AND (end_month IS NULL OR end_month >= $3),
			CASE WHEN declared_on >= $5 AND start_month < $3 THEN start_month END,
			CASE WHEN declared_on >= $5 AND start_month < $3 THEN end_month END
		FROM employment
		WHERE tax_code >= $1 AND tax_code <= $2 AND start_month <= $3 AND declared_on <= $4
		AND (end_month IS NULL OR end_month >= $3 OR (declared_on >= $5 AND end_month >= $6))
		ORDER BY tax_code, person_id, start_month`, b.first, b.last, C, a.last, first, a.start)
	if err != nil {
		return nil, fmt.Errorf("collection: read spells: %w", err)
	}
	defer rows.Close()
	var (
		people       []personMonths
		tax          sql.RawBytes
		person       string
		wage         int64
		covers       bool
		rstart, rend ansinh.Period
	)
	for rows.Next() {
		if err := rows.Scan(&tax, &person, &wage, &covers, &rstart, &rend); err != nil {
			return nil, err
		}
		n := len(people)
		if n == 0 || people[n-1].tax != string(tax) || people[n-1].person != person {
			var curTax string
			if n > 0 && people[n-1].tax == string(tax) {
				curTax = people[n-1].tax // share the string of the employer's tax code
			} else {
				curTax = string(tax)
			}
			people = append(people, personMonths{tax: curTax, person: person})
			n++
		}
		a.spellMonths(&people[n-1], wage, covers, rstart, rend)
	}
	return people, rows.Err()
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
	o      *batchOut
	billed map[billedKey]bool
	cs     string // the month closed
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
		bw.o.charges.Text(bw.cs).Text(bw.curTax).Text(v.p.String()).Text(string(KindEmployer)).Int(v.total).Int(v.n)
		bw.o.charges.End()
	}
	bw.sums = bw.sums[:0]
}

// warn writes one warning of the close.
func (bw *batchWriter) warn(code, object, detail string) {
	bw.o.warnings.Text(bw.cs).Text(code).Text(object).Text(detail)
	bw.o.warnings.End()
}

// person assesses the months of one employer and person.
func (bw *batchWriter) person(ctx context.Context, pm *personMonths) error {
	if pm.tax != bw.curTax {
		bw.flushEmployer()
		bw.curTax = pm.tax
		bw.info = bw.a.emps[pm.tax]
	}
	for i, p := range pm.months {
		if p != bw.a.period && bw.billed[billedKey{pm.tax, pm.person, p}] {
			bw.warn("already_billed", pm.tax+"/"+pm.person+"/"+p.String(),
				"tháng đã tính phải thu ở kỳ trước; kê khai điều chỉnh cần xử lý riêng / month already billed; an adjustment needs its own handling")
			continue
		}
		region := bw.a.regionAt(bw.info, p)
		if !region.region.Valid() {
			bw.noRegion(pm.tax, p)
			continue
		}
		ui, err := bw.a.uiExclusion(ctx, pm.tax, pm.person, p)
		if err != nil {
			return err
		}
		bw.month(pm, p, pm.wages[i], region, ui)
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
	ps := bw.cs
	if p != bw.a.period {
		ps = p.String()
	}
	r := bw.o.rows
	r.Text(ps).Text(pm.tax).Text(pm.person).Text(bw.cs)
	r.Int(amt.SIBase).Int(amt.UIBase).Int(amt.HIBase)
	r.Int(amt.Employer.Retirement).Int(amt.Employer.Sickness).Int(amt.Employer.Accident).Int(amt.Employer.UI).Int(amt.Employer.HI)
	r.Int(amt.Employee.Retirement).Int(amt.Employee.UI).Int(amt.Employee.HI).Int(amt.Total).Int(int64(amt.Flags))
	r.End()
	i := slices.IndexFunc(bw.sums, func(m monthSum) bool { return m.p == p })
	if i < 0 {
		i = len(bw.sums)
		bw.sums = append(bw.sums, monthSum{p: p})
	}
	bw.sums[i].total += amt.Total
	bw.sums[i].n++
}

// billedKey is one month of one employer and person.
type billedKey struct {
	tax, person string
	p           ansinh.Period
}

// billedChunk is the number of months looked up by one query: 3 parameters
// each, under SQLite's limit of 32,766 parameters.
const billedChunk = 5000

// alreadyBilled returns which of the earlier months of a batch's people an
// earlier close billed already (a spell replaced after its months were
// billed): one query per few thousand months, each a lookup in the
// assessments' primary key (period, tax_code, person_id).
func (a *assessor) alreadyBilled(ctx context.Context, people []personMonths) (map[billedKey]bool, error) {
	var keys []billedKey
	for _, pm := range people {
		for _, p := range pm.months {
			if p < a.period {
				keys = append(keys, billedKey{pm.tax, pm.person, p})
			}
		}
	}
	out := map[billedKey]bool{}
	for len(keys) > 0 {
		n := min(len(keys), billedChunk)
		if err := a.billedIn(ctx, keys[:n], out); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return out, nil
}

// billedIn marks in out the keys that have an assessment.
func (a *assessor) billedIn(ctx context.Context, keys []billedKey, out map[billedKey]bool) error {
	var q strings.Builder
	args := make([]any, 0, 3*len(keys))
	// A join with the list (not a row-value IN, which SQLite answers with a
	// scan of the table): a primary-key lookup per month on both engines.
	q.WriteString(`SELECT a.period, a.tax_code, a.person_id FROM (VALUES `)
	for i, k := range keys {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "($%d, $%d, $%d)", 3*i+1, 3*i+2, 3*i+3)
		args = append(args, k.p.String(), k.tax, k.person)
	}
	q.WriteString(`) k JOIN assessments a ON a.period = k.column1 AND a.tax_code = k.column2 AND a.person_id = k.column3`)
	rows, err := a.c.db.R.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return fmt.Errorf("collection: read billed months: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k billedKey
		if err := rows.Scan(&k.p, &k.tax, &k.person); err != nil {
			return err
		}
		out[k] = true
	}
	return rows.Err()
}

// monthSum is an employer's charge for one month being summed.
type monthSum struct {
	p        ansinh.Period
	total, n int64
}

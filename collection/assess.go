package collection

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
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
	kind   rules.EmployerKind
	region rules.Region
}

// assessor runs the assessment pass of one close.
type assessor struct {
	c      *closer
	period ansinh.Period // the month closed
	start  ansinh.Period // first month of the books
	last   ansinh.Date   // its last day: the close knows the declarations made by then
	rules  rules.ContributionRules
	emps   map[string]employerInfo
	ui     uiScoper // who is billed UI (uiscope.go)
}

func (c *closer) newAssessor(ctx context.Context, period, start ansinh.Period, cr rules.ContributionRules) (*assessor, error) {
	a := &assessor{c: c, period: period, start: start, last: period.Last(), rules: cr, emps: map[string]employerInfo{}}
	// The region of an employer is that of its commune: the latest version
	// of the unit with that code.
	rows, err := c.db.R.QueryContext(ctx, `SELECT e.tax_code, e.kind,
		coalesce((SELECT u.region FROM units u WHERE u.code = e.commune_code ORDER BY u.valid_from DESC LIMIT 1), '')
		FROM employers e`)
	if err != nil {
		return nil, fmt.Errorf("collection: read employers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var tax, kind, region string
		if err := rows.Scan(&tax, &kind, &region); err != nil {
			return nil, err
		}
		k, err := rules.ParseEmployerKind(kind)
		if err != nil {
			return nil, err
		}
		r, _ := rules.ParseRegion(region) // zero when the commune has no region: warned per batch
		a.emps[tax] = employerInfo{kind: k, region: r}
	}
	return a, rows.Err()
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
	db := a.c.db
	o := &batchOut{batch: b, rows: db.NewRows(len(assessmentColumns)), charges: db.NewRows(len(chargeColumns)),
		warnings: db.NewRows(len(warningColumns))}
	C, first := a.period, a.period.First()
	cs := C.String()
	// covers: the spell covers C; rstart, rend: the spell's months when it
	// was declared during C and started before it (retroactive months).
	rows, err := db.R.QueryContext(ctx, `SELECT tax_code, person_id, wage,
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
		tax          sql.RawBytes
		person       string
		wage         int64
		covers       bool
		rstart, rend ansinh.Period
		pm           personMonths
		curTax       string
		info         employerInfo
		sums         []monthSum // the employer's charges by month: few months, a slice
	)
	flushEmployer := func() {
		if curTax == "" {
			return
		}
		slices.SortFunc(sums, func(x, y monthSum) int { return int(x.p - y.p) })
		for _, v := range sums {
			o.charges.Text(cs).Text(curTax).Text(v.p.String()).Text(string(KindEmployer)).Int(v.total).Int(v.n)
			o.charges.End()
		}
		sums = sums[:0]
	}
	flushPerson := func() error {
		if pm.person == "" {
			return nil
		}
		defer func() { pm.months, pm.wages, pm.person = pm.months[:0], pm.wages[:0], "" }()
		if !info.region.Valid() {
			return nil
		}
		billed, err := a.alreadyBilled(ctx, pm)
		if err != nil {
			return err
		}
		for i, p := range pm.months {
			if billed[p] {
				o.warnings.Text(cs).Text("already_billed").Text(pm.tax + "/" + pm.person + "/" + p.String()).
					Text("tháng đã tính phải thu ở kỳ trước; kê khai điều chỉnh cần xử lý riêng / month already billed; an adjustment needs its own handling")
				o.warnings.End()
				continue
			}
			w := rules.Worker{Wage: pm.wages[i], Region: info.region, EmployerKind: info.kind}
			if w.UIExcluded, err = a.uiExclusion(ctx, pm.tax, pm.person, p); err != nil {
				return err
			}
			amt, err := a.rules.Assess(w)
			if err != nil {
				o.warnings.Text(cs).Text("assess_error").Text(pm.tax + "/" + pm.person + "/" + p.String()).
					Text(ansinh.ErrorMessage(err, "vi") + " / " + ansinh.ErrorMessage(err, "en"))
				o.warnings.End()
				continue
			}
			ps := cs
			if p != C {
				ps = p.String()
			}
			r := o.rows
			r.Text(ps).Text(pm.tax).Text(pm.person).Text(cs)
			r.Int(amt.SIBase).Int(amt.UIBase).Int(amt.HIBase)
			r.Int(amt.Employer.Retirement).Int(amt.Employer.Sickness).Int(amt.Employer.Accident).Int(amt.Employer.UI).Int(amt.Employer.HI)
			r.Int(amt.Employee.Retirement).Int(amt.Employee.UI).Int(amt.Employee.HI).Int(amt.Total).Int(int64(amt.Flags))
			r.End()
			i := slices.IndexFunc(sums, func(m monthSum) bool { return m.p == p })
			if i < 0 {
				i = len(sums)
				sums = append(sums, monthSum{p: p})
			}
			sums[i].total += amt.Total
			sums[i].n++
		}
		return nil
	}
	for rows.Next() {
		if err := rows.Scan(&tax, &person, &wage, &covers, &rstart, &rend); err != nil {
			return nil, err
		}
		if string(tax) != curTax || person != pm.person {
			if err := flushPerson(); err != nil {
				return nil, err
			}
			if string(tax) != curTax {
				flushEmployer()
				curTax = string(tax)
				info = a.emps[curTax]
				if !info.region.Valid() {
					o.warnings.Text(cs).Text("no_region").Text("employer:" + curTax).
						Text("xã của đơn vị không có vùng lương tối thiểu: không tính được phải thu / the employer's commune has no minimum-wage region: not assessed")
					o.warnings.End()
				}
			}
			pm.tax, pm.person = curTax, person
		}
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
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := flushPerson(); err != nil {
		return nil, err
	}
	flushEmployer()
	return o, nil
}

// alreadyBilled returns which of the earlier months of pm an earlier close
// billed already (a spell replaced after its months were billed).
func (a *assessor) alreadyBilled(ctx context.Context, pm personMonths) (map[ansinh.Period]bool, error) {
	lo := a.period
	for _, p := range pm.months {
		lo = min(lo, p)
	}
	if lo == a.period {
		return nil, nil
	}
	rows, err := a.c.db.R.QueryContext(ctx, `SELECT period FROM assessments WHERE period >= $1 AND period < $2 AND tax_code = $3 AND person_id = $4`,
		lo, a.period, pm.tax, pm.person)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[ansinh.Period]bool{}
	for rows.Next() {
		var p ansinh.Period
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out[p] = true
	}
	return out, rows.Err()
}

// monthSum is an employer's charge for one month being summed.
type monthSum struct {
	p        ansinh.Period
	total, n int64
}

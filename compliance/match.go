package compliance

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"ansinh"
	"ansinh/rules"
)

// Result is the outcome of a match: its findings, ordered by kind, tax code
// and person ID, and what it read.
type Result struct {
	Config   Config    // the parameters the match ran with
	Findings []Finding // scoring at least Config.MinScore
	// Kinds are the kinds the match looked for: a finding of another kind
	// is not cleared by it (evasion is looked for only with an arrears
	// source).
	Kinds []Kind
	Stats Stats // what it read and found
	// Matched are the tax months the match covered with the feed version
	// of each (Service.Match fills it), and Registers the versions of the
	// registers it read; the store records them as matched.
	Matched   map[ansinh.Period]int64
	Registers map[string]int64
}

// Stats counts what a match read and found.
type Stats struct {
	TaxRows int          // tax rows of the window
	Spells  int          // spells open in the window
	Pairs   int          // (registered employer, person) pairs examined
	ByKind  map[Kind]int // findings kept, by kind
}

// Match compares the partners' feeds with the registry as of cfg.Period and
// returns the findings scoring at least cfg.MinScore. It reads the tax rows
// and the spells as two ordered streams and merges them, so its memory does
// not grow with the size of the feeds, only with the number of employers
// and findings. arrears may be nil (no evasion findings). The same inputs
// always give the same findings, byte for byte.
func Match(ctx context.Context, src Source, arrears ArrearsSource, params *rules.Params, cfg Config) (*Result, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	reg, err := src.Registry(ctx)
	if err != nil {
		return nil, fmt.Errorf("match: registry: %w", err)
	}
	m := newMatcher(cfg, params, reg)
	for _, k := range Kinds() {
		if k != EvasionArrears || arrears != nil {
			m.kinds = append(m.kinds, k)
		}
	}
	if err := m.scan(ctx, src); err != nil {
		return nil, err
	}
	if !cfg.SkipRegisters {
		m.registryOnly()
	}
	if err := m.enrichWorkers(ctx, src); err != nil {
		return nil, err
	}
	if arrears != nil {
		as, err := arrears.Arrears(ctx, cfg.AsOf())
		if err != nil {
			return nil, fmt.Errorf("match: arrears: %w", err)
		}
		m.evasion(as)
	}
	versions, err := src.FeedVersions(ctx, m.versionIDs())
	if err != nil {
		return nil, fmt.Errorf("match: feed versions: %w", err)
	}
	return m.finish(versions)
}

// matcher is one match in progress.
type matcher struct {
	cfg      Config
	from, to ansinh.Period
	as       *assessor
	window   ansinh.Period // first month a spell must reach: from - grace

	employers map[string]*Employer
	business  map[string]*BusinessRow
	zones     map[string]*ZoneRow
	regions   map[string]rules.Region
	branches  map[string]string   // main code → its smallest registered branch code
	byName    map[string][]string // commune|name key → registered tax codes
	topMW     map[rules.Region]int64

	kinds   []Kind             // the kinds looked for
	cur     *unregAcc          // the unregistered employer being read
	unregs  map[string]bool    // unregistered employers already judged
	pending []*pending         // findings being built
	workers []*workerCandidate // unregistered workers awaiting enrichment
	stats   Stats
}

// pending is a finding being built: its evidence is marshalled once the
// feed versions it cites are known.
type pending struct {
	f        Finding
	ev       Evidence
	versions map[int64]bool
	spells   []Spell // to cite, once their full records are read
}

func newMatcher(cfg Config, params *rules.Params, reg Registry) *matcher {
	m := &matcher{cfg: cfg, from: cfg.From(), to: cfg.Period, as: newAssessor(params),
		employers: make(map[string]*Employer, len(reg.Employers)),
		business:  make(map[string]*BusinessRow, len(reg.Business)),
		zones:     make(map[string]*ZoneRow, len(reg.Zones)),
		regions:   reg.Regions, branches: map[string]string{}, byName: map[string][]string{}, topMW: map[rules.Region]int64{},
		unregs: map[string]bool{}, stats: Stats{ByKind: map[Kind]int{}}}
	m.window = m.from.Add(-cfg.LateTaxGrace)
	for i := range reg.Employers {
		e := &reg.Employers[i]
		if !e.Region.Valid() {
			e.Region = m.regions[e.CommuneCode]
		}
		m.employers[e.TaxCode] = e
		if main, _, ok := strings.Cut(e.TaxCode, "-"); ok {
			if b, seen := m.branches[main]; !seen || e.TaxCode < b {
				m.branches[main] = e.TaxCode
			}
		}
		if k := nameKey(e.Name); k != "" {
			key := e.CommuneCode + "|" + k
			m.byName[key] = append(m.byName[key], e.TaxCode)
		}
	}
	for i := range reg.Business {
		m.business[reg.Business[i].TaxCode] = &reg.Business[i]
	}
	for i := range reg.Zones {
		m.zones[reg.Zones[i].TaxCode] = &reg.Zones[i]
	}
	return m
}

// ---- the scan

// stream reads batches of rows produced by a goroutine.
type stream[T any] struct {
	ch  chan []T
	buf []T
	i   int
	err error
}

func startStream[T any](ctx context.Context, run func(fn func([]T) error) error) *stream[T] {
	s := &stream[T]{ch: make(chan []T, 8)}
	go func() {
		defer close(s.ch)
		s.err = run(func(b []T) error {
			select {
			case s.ch <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	return s
}

// peek returns the next row without consuming it, or nil at the end.
func (s *stream[T]) peek() *T {
	for s.i >= len(s.buf) {
		b, ok := <-s.ch
		if !ok {
			return nil
		}
		s.buf, s.i = b, 0
	}
	return &s.buf[s.i]
}

// scan merges the tax rows and the spells by employer and person and
// examines each pair.
func (m *matcher) scan(ctx context.Context, src Source) error {
	return mergePairs(ctx, src, m.from, m.window, m.to, func(tax, pid string, rows []TaxRow, spells []Spell) {
		if m.cur != nil && m.cur.tax != tax {
			m.endEmployer()
		}
		m.stats.TaxRows += len(rows)
		m.stats.Spells += len(spells)
		m.pair(tax, pid, rows, spells)
	}, m.endEmployer)
}

// mergePairs reads the tax rows of from..to and the spells open in some
// month of window..to as two ordered streams, read concurrently, and calls
// pair for each (employer, person) in key order with the rows and spells
// of that pair (reused after pair returns), then done.
func mergePairs(ctx context.Context, src Source, from, window, to ansinh.Period,
	pair func(tax, pid string, rows []TaxRow, spells []Spell), done func()) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	taxes := startStream(ctx, func(fn func([]TaxRow) error) error { return src.TaxWages(ctx, from, to, fn) })
	spells := startStream(ctx, func(fn func([]Spell) error) error { return src.Spells(ctx, window, to, fn) })
	var rows []TaxRow
	var sps []Spell
	var lastTax, lastPID string
	first := true
	for {
		t, s := taxes.peek(), spells.peek()
		if t == nil && taxes.err != nil {
			return fmt.Errorf("match: tax records: %w", taxes.err)
		}
		if s == nil && spells.err != nil {
			return fmt.Errorf("match: spells: %w", spells.err)
		}
		if t == nil && s == nil {
			break
		}
		var tax, pid string
		switch {
		case s == nil:
			tax, pid = t.TaxCode, t.PersonID
		case t == nil:
			tax, pid = s.TaxCode, s.PersonID
		case cmpKey(t.TaxCode, t.PersonID, s.TaxCode, s.PersonID) <= 0:
			tax, pid = t.TaxCode, t.PersonID
		default:
			tax, pid = s.TaxCode, s.PersonID
		}
		if !first && cmpKey(lastTax, lastPID, tax, pid) >= 0 {
			return fmt.Errorf("match: rows out of order at %s/%s after %s/%s", tax, pid, lastTax, lastPID)
		}
		first, lastTax, lastPID = false, tax, pid
		rows, sps = rows[:0], sps[:0]
		for t := taxes.peek(); t != nil && t.TaxCode == tax && t.PersonID == pid; t = taxes.peek() {
			rows = append(rows, *t)
			taxes.i++
		}
		for s := spells.peek(); s != nil && s.TaxCode == tax && s.PersonID == pid; s = spells.peek() {
			sps = append(sps, *s)
			spells.i++
		}
		pair(tax, pid, rows, sps)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if taxes.err != nil || spells.err != nil {
		return fmt.Errorf("match: %w", errors.Join(taxes.err, spells.err))
	}
	done()
	return nil
}

func cmpKey(t1, p1, t2, p2 string) int {
	if c := strings.Compare(t1, t2); c != 0 {
		return c
	}
	return strings.Compare(p1, p2)
}

// pair examines one employer and person: the tax rows of the window and
// the spells that reach it. rows and spells are reused after it returns.
func (m *matcher) pair(tax, pid string, rows []TaxRow, spells []Spell) {
	e := m.employers[tax]
	if e == nil {
		if len(rows) > 0 {
			m.unregRows(tax, pid, rows)
		}
		return
	}
	m.stats.Pairs++
	if len(rows) > 0 {
		m.worker(e, pid, rows, spells)
	}
	if len(spells) > 0 && e.Kind != "state" {
		m.belowMin(e, pid, spells)
		m.belowBase(e, pid, spells)
	}
	if len(spells) > 0 {
		m.lateDeclarations(e, pid, spells)
	}
}

// covering returns the spell open in month t (the latest started when
// several are), or nil.
func covering(spells []Spell, t ansinh.Period) *Spell {
	var out *Spell
	for i := range spells {
		if spells[i].Covers(t) && (out == nil || spells[i].Start >= out.Start) {
			out = &spells[i]
		}
	}
	return out
}

// inGrace reports whether month t follows the end of a spell by at most
// the grace: the final pay of a worker who left.
func (m *matcher) inGrace(spells []Spell, t ansinh.Period) bool {
	for i := range spells {
		if end := spells[i].End; !end.IsZero() && end < t && int(t-end) <= m.cfg.LateTaxGrace {
			return true
		}
	}
	return false
}

// worker judges the months of wage income of a person at a registered
// employer: months without a spell make an unregistered worker, months with
// a taxable wage persistently above the declared one an underdeclared wage.
func (m *matcher) worker(e *Employer, pid string, rows []TaxRow, spells []Spell) {
	lines := make([]MonthLine, len(rows))
	var uncovered, covered []int
	above := 0
	for i := range rows {
		r := &rows[i]
		l := MonthLine{Month: r.Month.String(), Tax: r.Wage}
		switch s := covering(spells, r.Month); {
		case s != nil:
			l.SIWage, l.Status = s.Wage, "covered"
			if s.Wage > 0 {
				ratio := float64(r.Wage) / float64(s.Wage)
				l.Ratio = round3(ratio)
				if ratio >= m.cfg.UnderRatio {
					l.Status = "above"
					above++
				}
			}
			covered = append(covered, i)
		case m.inGrace(spells, r.Month):
			l.Status = "grace"
		default:
			l.Status = "uncovered"
			uncovered = append(uncovered, i)
		}
		lines[i] = l
	}
	if len(uncovered) >= m.cfg.MinUncoveredMonths || m.hiredBefore(rows, spells, uncovered) {
		m.unregisteredWorker(e, pid, rows, spells, lines, uncovered)
	}
	if above >= m.cfg.UnderMinMonths {
		if run := m.aboveRuns(lines); len(run) > 0 {
			m.underdeclared(e, pid, rows, spells, lines, run)
		}
	}
}

// hiredBefore reports whether an uncovered month comes just before a spell
// at the employer starts: the worker was hired a month before being
// declared, a one-month violation no final pay or bonus looks like.
func (m *matcher) hiredBefore(rows []TaxRow, spells []Spell, uncovered []int) bool {
	for _, i := range uncovered {
		for j := range spells {
			if spells[j].Start == rows[i].Month.Add(1) {
				return true
			}
		}
	}
	return false
}

// aboveRuns returns the indexes of the covered months that lie in a run of
// at least Config.UnderMinMonths consecutive months above the ratio: a
// bonus (Tết, a 13th-month pay) is one or two months, a declaration below
// the wage paid lasts.
func (m *matcher) aboveRuns(lines []MonthLine) []int {
	var out, run []int
	flush := func() {
		if len(run) >= m.cfg.UnderMinMonths {
			out = append(out, run...)
		}
		run = run[:0]
	}
	var prev ansinh.Period
	for i := range lines {
		mo, _ := ansinh.ParsePeriod(lines[i].Month)
		if lines[i].Status != "above" || (len(run) > 0 && mo != prev.Add(1)) {
			flush()
		}
		if lines[i].Status == "above" {
			run = append(run, i)
			prev = mo
		}
	}
	flush()
	return out
}

// workerCandidate is an unregistered worker whose score waits for the
// person's other spells.
type workerCandidate struct {
	p         *pending
	e         *Employer
	pid       string
	uncovered []ansinh.Period
	fMonths   ScoreFactor
	fIncome   ScoreFactor
}

func (m *matcher) unregisteredWorker(e *Employer, pid string, rows []TaxRow, spells []Spell, lines []MonthLine, uncovered []int) {
	p := m.newPending(UnregisteredWorker, e.TaxCode, pid, e.Name, e.CommuneCode)
	incomes := make([]int64, 0, len(uncovered))
	months := make([]ansinh.Period, 0, len(uncovered))
	for _, i := range uncovered {
		incomes = append(incomes, rows[i].Wage)
		months = append(months, rows[i].Month)
	}
	basis := median(slices.Clone(incomes))
	var st stakeAcc
	for _, mo := range months {
		er, ee := m.as.assess(mo, basis, e.Region, e.Kind)
		st.add(mo, er, ee)
	}
	n := len(months)
	first, last := months[0], months[n-1]
	p.f.Months = n
	p.f.Stake = st.s
	p.f.MonthStakes = monthStakes(st.months)
	p.ev.Monthly = slices.Clone(lines)
	p.ev.SummaryVI = fmt.Sprintf("Người lao động %s có thu nhập từ tiền lương, tiền công tại đơn vị %s trong %d tháng (%s..%s) không có quá trình đóng BHXH tại đơn vị.",
		pid, e.TaxCode, n, first, last)
	p.ev.SummaryEN = fmt.Sprintf("Worker %s had wage income from employer %s in %d months (%s..%s) without a social insurance spell there.",
		pid, e.TaxCode, n, first, last)
	p.ev.Stake = StakeEvidence{Stake: st.s,
		BasisVI: fmt.Sprintf("Đóng bắt buộc (phần đơn vị và người lao động) trên thu nhập trung vị %s/tháng của các tháng không có BHXH, theo quy định từng tháng.", ansinh.FormatMoney(basis)),
		BasisEN: fmt.Sprintf("Mandatory contributions (employer and employee) on the median income %s a month of the uncovered months, each month's rules.", ansinh.FormatMoney(basis))}
	m.citeTax(p, rows)
	m.citeEmployer(p, e)
	m.citeSpells(p, spells)
	m.classifyUnregistered(p, months)
	c := &workerCandidate{p: p, e: e, pid: pid, uncovered: months}
	c.fMonths = ScoreFactor{Name: "months", Value: min(1, 0.4+0.2*float64(n)),
		VI: fmt.Sprintf("%d tháng có thu nhập không có BHXH", n), EN: fmt.Sprintf("%d months of income without social insurance", n)}
	c.fIncome = ScoreFactor{Name: "income", Value: 1,
		VI: "thu nhập trung vị không thấp hơn lương tối thiểu vùng", EN: "median income at or above the regional minimum wage"}
	if mw := m.as.minWage(last, e.Region); mw > 0 && basis < mw {
		c.fIncome.Value = 0.8
		c.fIncome.VI = "thu nhập trung vị thấp hơn lương tối thiểu vùng (có thể là việc làm không trọn thời gian)"
		c.fIncome.EN = "median income below the regional minimum wage (possibly part-time work)"
	}
	m.workers = append(m.workers, c)
}

func (m *matcher) underdeclared(e *Employer, pid string, rows []TaxRow, spells []Spell, lines []MonthLine, run []int) {
	p := m.newPending(UnderdeclaredWage, e.TaxCode, pid, e.Name, e.CommuneCode)
	taxes := make([]int64, 0, len(run))
	ratios := make([]float64, 0, len(run))
	covered := 0
	for i := range lines {
		if lines[i].SIWage > 0 {
			covered++
		}
	}
	for _, i := range run {
		taxes = append(taxes, rows[i].Wage)
		ratios = append(ratios, float64(rows[i].Wage)/float64(lines[i].SIWage))
	}
	basis, med := median(taxes), medianF(ratios)
	var st stakeAcc
	for _, i := range run {
		month := rows[i].Month
		er1, ee1 := m.as.assess(month, basis, e.Region, e.Kind)
		er0, ee0 := m.as.assess(month, lines[i].SIWage, e.Region, e.Kind)
		st.add(month, er1-er0, ee1-ee0)
	}
	n := len(run)
	p.f.Months = n
	p.f.Stake = st.s
	p.f.MonthStakes = monthStakes(st.months)
	p.ev.Monthly = slices.Clone(lines)
	p.ev.SummaryVI = fmt.Sprintf("Thu nhập chịu thuế của người lao động %s tại đơn vị %s cao hơn tiền lương đóng BHXH %s lần (trung vị) trong %d/%d tháng có đóng, liên tục từ %d tháng trở lên.",
		pid, e.TaxCode, ratioText(med), n, covered, m.cfg.UnderMinMonths)
	p.ev.SummaryEN = fmt.Sprintf("The taxable wage of worker %s at employer %s is %s times the wage declared for social insurance (median) in %d of %d insured months, in runs of %d months or more.",
		pid, e.TaxCode, ratioText(med), n, covered, m.cfg.UnderMinMonths)
	p.ev.Stake = StakeEvidence{Stake: st.s,
		BasisVI: fmt.Sprintf("Chênh lệch số phải đóng giữa thu nhập chịu thuế trung vị %s/tháng và tiền lương đã khai, các tháng vượt ngưỡng liên tục, theo quy định từng tháng.", ansinh.FormatMoney(basis)),
		BasisEN: fmt.Sprintf("Difference between the contributions on the median taxable wage %s a month and on the declared wage, in the months of the runs above the threshold, each month's rules.", ansinh.FormatMoney(basis))}
	fRatio := min(1, 0.7+(med-m.cfg.UnderRatio)/(2*(m.cfg.UnderRatio-1)))
	fPersist := 0.6 + 0.4*min(1, float64(n)/6)
	p.ev.Score = ScoreEvidence{Factors: []ScoreFactor{
		{Name: "ratio", Value: round3(fRatio),
			VI: fmt.Sprintf("tỷ lệ trung vị %s so với ngưỡng %s", ratioText(med), ratioText(m.cfg.UnderRatio)),
			EN: fmt.Sprintf("median ratio %s against the threshold %s", ratioText(med), ratioText(m.cfg.UnderRatio))},
		{Name: "persistence", Value: round3(fPersist),
			VI: fmt.Sprintf("%d tháng vượt ngưỡng liên tục (đủ 6 tháng: tối đa)", n),
			EN: fmt.Sprintf("%d consecutive months above the threshold (6 or more: full)", n)},
	}}
	p.f.Score = round3(fRatio * fPersist)
	m.citeTax(p, rows)
	m.citeEmployer(p, e)
	m.citeSpells(p, spells)
}

func ratioText(r float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", r), "0"), ".")
}

// belowMin finds the months of the window in which a spell's declared wage
// is below the regional minimum wage.
func (m *matcher) belowMin(e *Employer, pid string, spells []Spell) {
	if !e.Region.Valid() {
		return
	}
	floor := func(mo ansinh.Period) int64 { return m.as.minWage(mo, e.Region) }
	b := m.belowFloor(e, spells, floor, m.topMinWage(e.Region), "below_min", false)
	if len(b.lines) == 0 {
		return
	}
	p := m.newPending(BelowMinimumWage, e.TaxCode, pid, e.Name, e.CommuneCode)
	n := len(b.lines)
	p.f.Months, p.f.Stake = n, b.st.s
	p.f.MonthStakes = monthStakes(b.st.months)
	p.ev.Monthly = b.lines
	p.ev.SummaryVI = fmt.Sprintf("Tiền lương khai cho người lao động %s tại đơn vị %s thấp hơn lương tối thiểu vùng %s trong %d tháng.", pid, e.TaxCode, e.Region, n)
	p.ev.SummaryEN = fmt.Sprintf("The wage declared for worker %s at employer %s is below the region %s minimum wage in %d months.", pid, e.TaxCode, e.Region, n)
	p.ev.Stake = StakeEvidence{Stake: b.st.s,
		BasisVI: "Chênh lệch số phải đóng giữa lương tối thiểu vùng và tiền lương đã khai, theo quy định từng tháng.",
		BasisEN: "Difference between the contributions on the regional minimum wage and on the declared wage, each month's rules."}
	f := min(1, 0.7+0.1*float64(n))
	p.ev.Score = ScoreFactorsOnly(ScoreFactor{Name: "months", Value: round3(f),
		VI: fmt.Sprintf("%d tháng dưới lương tối thiểu vùng (số liệu của sổ đăng ký)", n),
		EN: fmt.Sprintf("%d months below the regional minimum (registry figures)", n)})
	p.f.Score = round3(f)
	m.citeEmployer(p, e)
	m.citeSpells(p, b.cited)
}

// topMinWage returns the highest regional minimum wage of the window in
// the region.
func (m *matcher) topMinWage(r rules.Region) int64 {
	if v, ok := m.topMW[r]; ok {
		return v
	}
	var top int64
	for mo := m.from; mo <= m.to; mo++ {
		top = max(top, m.as.minWage(mo, r))
	}
	m.topMW[r] = top
	return top
}

// ScoreFactorsOnly returns score evidence made of the factors.
func ScoreFactorsOnly(fs ...ScoreFactor) ScoreEvidence { return ScoreEvidence{Factors: fs} }

// ---- unregistered employers

// unregAcc gathers the tax rows of an employer with no registration.
type unregAcc struct {
	tax      string
	rows     []TaxRow // the first MaxEvidenceRows
	nRows    int
	versions map[int64]bool
	months   map[ansinh.Period]bool
	workers  []WorkerLine
	maxMonth int // most months of one worker
	stake    stakeAcc
	byMonth  map[ansinh.Period][2]int64
}

func (m *matcher) unregRows(tax, pid string, rows []TaxRow) {
	if m.cur == nil || m.cur.tax != tax {
		m.cur = &unregAcc{tax: tax, versions: map[int64]bool{}, months: map[ansinh.Period]bool{}, byMonth: map[ansinh.Period][2]int64{}}
	}
	a := m.cur
	incomes := make([]int64, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		if len(a.rows) < m.cfg.MaxEvidenceRows {
			a.rows = append(a.rows, *r)
		}
		a.nRows++
		a.versions[r.Version] = true
		a.months[r.Month] = true
		incomes = append(incomes, r.Wage)
	}
	basis := median(incomes)
	a.workers = append(a.workers, WorkerLine{PersonID: pid, Months: len(rows), First: rows[0].Month.String(),
		Last: rows[len(rows)-1].Month.String(), MedianIncome: basis})
	a.maxMonth = max(a.maxMonth, len(rows))
	region, kind := m.unregProfile(tax)
	for i := range rows {
		er, ee := m.as.assess(rows[i].Month, basis, region, kind)
		v := a.byMonth[rows[i].Month]
		a.byMonth[rows[i].Month] = [2]int64{v[0] + er, v[1] + ee}
	}
}

// unregProfile returns the region and kind an unregistered employer is
// assessed with: the region of its commune in the business registry (the
// lowest region when unknown, which makes the estimate a lower bound) and
// "fdi" inside an industrial zone, "private" otherwise.
func (m *matcher) unregProfile(tax string) (rules.Region, string) {
	region := rules.RegionIV
	if b := m.business[tax]; b != nil {
		if r := m.regions[b.CommuneCode]; r.Valid() {
			region = r
		}
	}
	kind := "private"
	if m.zones[tax] != nil {
		kind = "fdi"
	}
	return region, kind
}

// endEmployer judges the unregistered employer whose tax rows were just
// read, if any.
func (m *matcher) endEmployer() {
	if m.cur == nil {
		return
	}
	a := m.cur
	m.cur = nil
	m.unregisteredEmployer(a.tax, a)
}

// registryOnly judges the enterprises of the business registry and of the
// industrial zones that have no registration and no tax rows.
func (m *matcher) registryOnly() {
	var codes []string
	for tax := range m.business {
		codes = append(codes, tax)
	}
	for tax := range m.zones {
		if m.business[tax] == nil {
			codes = append(codes, tax)
		}
	}
	slices.Sort(codes)
	for _, tax := range codes {
		if m.employers[tax] == nil && !m.unregs[tax] {
			m.unregisteredEmployer(tax, nil)
		}
	}
}

// related returns a registered employer that may be the same enterprise
// under another code, why (in Vietnamese and English), and whether only the
// name says so: its parent or a branch (the tax code with or without a
// branch suffix), or an employer of the same commune whose name is the same
// once normalised.
func (m *matcher) related(tax string, b *BusinessRow) (*Employer, string, string, bool) {
	main, _, branch := strings.Cut(tax, "-")
	if branch {
		if e := m.employers[main]; e != nil {
			return e, "đơn vị chủ quản (mã số thuế chính) đã đăng ký", "the parent (main tax code) is registered", false
		}
	}
	if code, ok := m.branches[tax]; ok {
		return m.employers[code], "chi nhánh của đơn vị đã đăng ký", "a branch of the enterprise is registered", false
	}
	if b != nil {
		if k := nameKey(b.Name); k != "" {
			if codes := m.byName[b.CommuneCode+"|"+k]; len(codes) > 0 {
				return m.employers[slices.Min(codes)], "cùng tên (sau chuẩn hóa) và cùng xã với đơn vị đã đăng ký mã số khác",
					"same name (normalised) and commune as a registered employer with another code", true
			}
		}
	}
	return nil, "", "", false
}

// unregisteredEmployer judges an enterprise with no registration from its
// tax rows (a may be nil), business registry row and industrial zone row.
func (m *matcher) unregisteredEmployer(tax string, a *unregAcc) {
	m.unregs[tax] = true
	b, z := m.business[tax], m.zones[tax]
	if a == nil {
		switch {
		case b != nil && b.Status != "active":
			return // the registry says it no longer operates, and no wages say otherwise
		case b != nil && !b.RegisteredOn.IsZero() && b.RegisteredOn.Period() > m.to.Add(-m.cfg.NewBusinessGrace):
			return // a new business, still within the time to register
		}
	}
	factors, score := unregFactors(a, b, z)
	rel, relVI, relEN, byName := m.related(tax, b)
	if rel != nil {
		f := ScoreFactor{Name: "related_registration", Value: 0.3,
			VI: "có thể đã đăng ký dưới mã " + rel.TaxCode + ": " + relVI,
			EN: "may be registered as " + rel.TaxCode + ": " + relEN}
		if byName {
			f.Value = 0.6
		}
		factors = append(factors, f)
		score *= f.Value
	}
	score = round3(score)
	if score < m.cfg.MinScore {
		return
	}
	name, commune := "", ""
	if b != nil {
		name, commune = b.Name, b.CommuneCode
	}
	p := m.newPending(UnregisteredEmployer, tax, "", name, commune)
	p.f.Score = score
	p.ev.Score = ScoreEvidence{Factors: factors}
	p.ev.Registry = append(p.ev.Registry, RegistryRecord{Table: "employers", Key: RowKey{TaxCode: tax}, Found: false,
		Note: "không có đăng ký tham gia BHXH / no social insurance registration"})
	if rel != nil {
		m.citeEmployer(p, rel)
		p.ev.Registry[len(p.ev.Registry)-1].Note = relVI + " / " + relEN
	}
	m.unregStake(p, tax, a, b, z)
	citeRegisters(p, tax, b, z)
	unregSummary(p, tax, a, b, z)
	if p.ev.FeedRowsTotal == len(p.ev.FeedRows) {
		p.ev.FeedRowsTotal = 0
	}
}

// unregFactors returns the score factors of an unregistered employer's
// sources and their combined score, 1 − Π(1 − s).
func unregFactors(a *unregAcc, b *BusinessRow, z *ZoneRow) ([]ScoreFactor, float64) {
	var factors []ScoreFactor
	miss := 1.0
	add := func(f ScoreFactor) {
		factors = append(factors, f)
		miss *= 1 - f.Value
	}
	if a != nil {
		f := ScoreFactor{Name: "tax_wages", Value: 0.9,
			VI: fmt.Sprintf("hồ sơ thuế: %d người lao động, %d tháng có chi trả tiền lương", len(a.workers), len(a.months)),
			EN: fmt.Sprintf("tax records: %d workers, %d months of wages paid", len(a.workers), len(a.months))}
		if a.maxMonth < 2 {
			f.Value = 0.6
		}
		add(f)
	}
	if b != nil {
		f := ScoreFactor{Name: "business_registry",
			VI: fmt.Sprintf("đăng ký kinh doanh: %s, %d lao động khai báo", statusVI(b.Status), b.Employees),
			EN: fmt.Sprintf("business registry: %s, %d employees reported", b.Status, b.Employees)}
		if b.Status == "active" && b.Employees > 0 {
			f.Value = 0.6
		}
		add(f)
	}
	if z != nil {
		f := ScoreFactor{Name: "iz_enterprises",
			VI: fmt.Sprintf("Ban Quản lý KCN: %s, %d lao động", z.Zone, z.Employees),
			EN: fmt.Sprintf("Industrial Zones Board: %s, %d employees", z.Zone, z.Employees)}
		if z.Employees > 0 {
			f.Value = 0.6
		}
		add(f)
	}
	return factors, 1 - miss
}

// unregStake sets the contributions at stake of an unregistered employer:
// its workers' in the tax records, or, when only a register names it, the
// employees reported on the minimum wage for one month (a lower bound).
func (m *matcher) unregStake(p *pending, tax string, a *unregAcc, b *BusinessRow, z *ZoneRow) {
	var st stakeAcc
	var basisVI, basisEN string
	if a != nil {
		months := make([]ansinh.Period, 0, len(a.byMonth))
		for mo := range a.byMonth {
			months = append(months, mo)
		}
		slices.Sort(months)
		for _, mo := range months {
			v := a.byMonth[mo]
			st.add(mo, v[0], v[1])
		}
		for _, r := range a.rows {
			p.ev.FeedRows = append(p.ev.FeedRows, taxFeedRow(r))
		}
		for v := range a.versions {
			p.versions[v] = true
		}
		p.ev.FeedRowsTotal = a.nRows
		p.ev.Workers = a.workers
		if len(p.ev.Workers) > m.cfg.MaxEvidenceRows {
			p.ev.Workers = p.ev.Workers[:m.cfg.MaxEvidenceRows]
		}
		basisVI = "Đóng bắt buộc của từng người lao động trên thu nhập trung vị của họ, các tháng có chi trả, theo quy định từng tháng."
		basisEN = "Mandatory contributions of each worker on their median income, in the months paid, each month's rules."
		p.f.Months = len(a.months)
	} else {
		n := 0
		if b != nil {
			n = b.Employees
		}
		if z != nil {
			n = max(n, z.Employees)
		}
		region, kind := m.unregProfile(tax)
		mw := m.as.minWage(m.to, region)
		er, ee := m.as.assess(m.to, mw, region, kind)
		st.add(m.to, er*int64(n), ee*int64(n))
		basisVI = fmt.Sprintf("%d lao động theo đăng ký × số phải đóng trên lương tối thiểu vùng %s của tháng %s (ước tính tối thiểu, một tháng).", n, region, m.to)
		basisEN = fmt.Sprintf("%d employees reported × the contributions on the region %s minimum wage of %s (a lower bound, one month).", n, region, m.to)
		p.f.Months = 1
	}
	p.f.Stake = st.s
	p.f.MonthStakes = monthStakes(st.months)
	p.ev.Stake = StakeEvidence{Stake: st.s, BasisVI: basisVI, BasisEN: basisEN}
}

// citeRegisters adds the registers' rows of an enterprise to its evidence.
func citeRegisters(p *pending, tax string, b *BusinessRow, z *ZoneRow) {
	if b != nil {
		p.ev.FeedRows = append(p.ev.FeedRows, FeedRow{Feed: FeedBusinessRegistry, Version: b.Version, Key: RowKey{TaxCode: tax},
			Name: b.Name, CommuneCode: b.CommuneCode, RegisteredOn: dateText(b.RegisteredOn), Status: b.Status, Employees: intPtr(b.Employees)})
		p.versions[b.Version] = true
		p.ev.FeedRowsTotal++
	}
	if z != nil {
		p.ev.FeedRows = append(p.ev.FeedRows, FeedRow{Feed: FeedIZEnterprises, Version: z.Version, Key: RowKey{TaxCode: tax},
			Zone: z.Zone, Employees: intPtr(z.Employees)})
		p.versions[z.Version] = true
		p.ev.FeedRowsTotal++
	}
}

// unregSummary writes the summary of an unregistered employer's finding.
func unregSummary(p *pending, tax string, a *unregAcc, b *BusinessRow, z *ZoneRow) {
	var vi, en []string
	if a != nil {
		vi = append(vi, fmt.Sprintf("%d người lao động có thu nhập tiền lương", len(a.workers)))
		en = append(en, fmt.Sprintf("%d workers with wage income", len(a.workers)))
	}
	if b != nil {
		vi = append(vi, "đăng ký kinh doanh "+statusVI(b.Status))
		en = append(en, "business registry status "+b.Status)
	}
	if z != nil {
		vi = append(vi, "doanh nghiệp trong "+z.Zone)
		en = append(en, "enterprise in "+z.Zone)
	}
	p.ev.SummaryVI = fmt.Sprintf("Đơn vị %s chưa đăng ký tham gia BHXH: %s.", tax, strings.Join(vi, "; "))
	p.ev.SummaryEN = fmt.Sprintf("Employer %s has no social insurance registration: %s.", tax, strings.Join(en, "; "))
}

func statusVI(s string) string {
	switch s {
	case "active":
		return "đang hoạt động"
	case "suspended":
		return "tạm ngừng"
	case "dissolved":
		return "đã giải thể"
	}
	return s
}

// ---- enrichment of unregistered workers

// enrichWorkers reads the full records of the spells the per-worker
// findings cite (the stream carries only what the match needs), looks up
// the persons of the unregistered workers and their spells at other
// employers, and finishes their scores.
func (m *matcher) enrichWorkers(ctx context.Context, src Source) error {
	seen := map[string]bool{}
	var ids []string
	for _, p := range m.pending {
		if p.f.PersonID != "" && !seen[p.f.PersonID] {
			seen[p.f.PersonID] = true
			ids = append(ids, p.f.PersonID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	spells, err := src.PersonSpells(ctx, ids, m.window, m.to)
	if err != nil {
		return fmt.Errorf("match: spells of persons: %w", err)
	}
	byPerson := map[string][]Spell{}
	for _, s := range spells {
		byPerson[s.PersonID] = append(byPerson[s.PersonID], s)
	}
	for _, p := range m.pending {
		for _, s := range p.spells {
			full := s
			for _, x := range byPerson[s.PersonID] {
				if x.TaxCode == s.TaxCode && x.Start == s.Start {
					full = x
					break
				}
			}
			p.ev.Registry = append(p.ev.Registry, spellRecord(full, ""))
		}
		p.spells = nil
	}
	if len(m.workers) == 0 {
		return nil
	}
	ids = ids[:0]
	clear(seen)
	for _, c := range m.workers {
		if !seen[c.pid] {
			seen[c.pid] = true
			ids = append(ids, c.pid)
		}
	}
	slices.Sort(ids)
	persons, err := src.Persons(ctx, ids)
	if err != nil {
		return fmt.Errorf("match: persons: %w", err)
	}
	for _, c := range m.workers {
		m.finishWorker(c, persons, byPerson[c.pid])
	}
	return nil
}

func (m *matcher) finishWorker(c *workerCandidate, persons map[string]Person, spells []Spell) {
	p := c.p
	if per, ok := persons[c.pid]; ok {
		p.ev.Registry = append(p.ev.Registry, RegistryRecord{Table: "persons", Key: RowKey{PersonID: c.pid}, Found: true,
			Version: per.Version, Name: per.Name})
	} else {
		p.ev.Registry = append(p.ev.Registry, RegistryRecord{Table: "persons", Key: RowKey{PersonID: c.pid}, Found: false,
			Note: "chưa có trong sổ đăng ký cá nhân / not in the registry of persons"})
	}
	var elsewhere []Spell
	coveredElsewhere := 0
	for _, t := range c.uncovered {
		hit := false
		for i := range spells {
			s := &spells[i]
			if s.TaxCode != c.e.TaxCode && s.Covers(t) {
				hit = true
				if !slices.ContainsFunc(elsewhere, func(x Spell) bool { return x == *s }) {
					elsewhere = append(elsewhere, *s)
				}
			}
		}
		if hit {
			coveredElsewhere++
		}
	}
	fElse := ScoreFactor{Name: "si_elsewhere", Value: 1,
		VI: "không có BHXH ở đơn vị khác trong các tháng này", EN: "no social insurance at another employer in these months"}
	if 2*coveredElsewhere >= len(c.uncovered) {
		fElse.Value = 0.7
		fElse.VI = fmt.Sprintf("có BHXH ở đơn vị khác trong %d/%d tháng (người có nhiều hợp đồng: cần xem hợp đồng nào giao kết trước)", coveredElsewhere, len(c.uncovered))
		fElse.EN = fmt.Sprintf("insured at another employer in %d of %d months (several contracts: check which came first)", coveredElsewhere, len(c.uncovered))
	}
	for _, s := range elsewhere {
		p.ev.Registry = append(p.ev.Registry, spellRecord(s, "quá trình tại đơn vị khác / spell at another employer"))
	}
	p.ev.Score = ScoreEvidence{Factors: []ScoreFactor{c.fMonths, c.fIncome, fElse}}
	p.f.Score = round3(c.fMonths.Value * c.fIncome.Value * fElse.Value)
}

// ---- evasion

// evasion makes a finding for each employer whose debt past the evasion
// threshold of the rules amounts to at least cfg.EvasionMinMonths of its
// own assessments. A debt is reckoned from the deadline of its month, or of
// the month it was billed in when declared late (MonthDebt.Reckoned), on
// the day the arrears are as of.
func (m *matcher) evasion(all []EmployerArrears) {
	slices.SortFunc(all, func(a, b EmployerArrears) int { return strings.Compare(a.TaxCode, b.TaxCode) })
	for i := range all {
		d := m.evasionDebt(&all[i])
		if d.past <= 0 || d.equiv < m.cfg.EvasionMinMonths {
			continue
		}
		m.evasionFinding(&all[i], &d)
	}
}

// evasionDebt is the part of an employer's debt past the evasion
// threshold, month by month.
type evasionDebt struct {
	asOf        ansinh.Date
	lines       []ArrearsMonthLine
	past, later int64 // unpaid past the threshold, and not yet past it
	equiv       float64
	byMonth     map[ansinh.Period]int64 // unpaid past the threshold
	last        ansinh.Period
}

// evasionDebt classifies each unpaid month of an employer's arrears on
// the day they are as of.
func (m *matcher) evasionDebt(a *EmployerArrears) evasionDebt {
	d := evasionDebt{asOf: a.AsOf, byMonth: map[ansinh.Period]int64{}}
	if d.asOf.IsZero() || d.asOf > m.cfg.AsOf() {
		d.asOf = m.cfg.AsOf()
	}
	for _, x := range a.Months {
		if x.Unpaid <= 0 {
			continue
		}
		from, err := m.as.params.EvasionFrom(x.Reckoned())
		if err != nil {
			continue
		}
		standing, err := m.as.params.Classify(x.Reckoned(), d.asOf)
		if err != nil {
			continue
		}
		line := ArrearsMonthLine{Month: x.Month.String(), Assessed: x.Assessed, Unpaid: x.Unpaid,
			EvasionFrom: from.String(), Standing: standing.String()}
		if x.BilledIn > x.Month {
			line.BilledIn = x.BilledIn.String()
		}
		d.lines = append(d.lines, line)
		if standing != rules.StandingEvasion {
			d.later += x.Unpaid
			continue
		}
		d.past += x.Unpaid
		d.byMonth[x.Month] += x.Unpaid
		d.last = max(d.last, x.Month)
		if x.Assessed > 0 {
			d.equiv += min(1, float64(x.Unpaid)/float64(x.Assessed))
		} else {
			d.equiv++
		}
	}
	return d
}

// evasionFinding makes the finding of an employer's debt past the evasion
// threshold.
func (m *matcher) evasionFinding(a *EmployerArrears, d *evasionDebt) {
	e := m.employers[a.TaxCode]
	name, commune := "", ""
	if e != nil {
		name, commune = e.Name, e.CommuneCode
	}
	p := m.newPending(EvasionArrears, a.TaxCode, "", name, commune)
	n := len(d.byMonth)
	p.f.Months = n
	f := min(1, 0.5+0.25*d.equiv)
	p.f.Score = round3(f)
	p.ev.Score = ScoreFactorsOnly(ScoreFactor{Name: "months", Value: round3(f),
		VI: fmt.Sprintf("nợ quá hạn trốn đóng tương đương %.1f tháng phải đóng", d.equiv),
		EN: fmt.Sprintf("debt past the evasion threshold worth %.1f months of assessments", d.equiv)})
	share := m.employerShare(d.last, e)
	perMonth := d.past / int64(n)
	erm := perMonth * share / 1000
	p.f.Stake = Stake{Employer: erm, Employee: perMonth - erm, Months: n, Total: d.past}
	for mo, v := range d.byMonth {
		er := v * share / 1000
		p.f.MonthStakes = append(p.f.MonthStakes, MonthStake{Month: mo, Employer: er, Employee: v - er})
	}
	p.f.MonthStakes = monthStakes(p.f.MonthStakes)
	p.ev.Stake = StakeEvidence{Stake: p.f.Stake,
		BasisVI: "Số còn nợ của các tháng đã quá thời hạn trốn đóng (theo quy định: quá 60 ngày kể từ hạn đóng); chia phần đơn vị/người lao động theo tỷ lệ đóng của quy định.",
		BasisEN: "The unpaid remainder of the months past the evasion threshold (60 days after the deadline, per the rules); split between employer and employee by the rates of the rules."}
	if e != nil {
		m.citeEmployer(p, e)
	}
	m.citeArrears(p, a, d)
}

// citeArrears adds the arrears, the payments and the summary of an
// evasion finding to its evidence.
func (m *matcher) citeArrears(p *pending, a *EmployerArrears, d *evasionDebt) {
	ev := &ArrearsEvidence{Source: a.Source, AsOf: d.asOf.String(), Assessed: a.Assessed, Paid: a.Paid,
		Months: d.lines, Unpaid: d.past, Later: d.later}
	for _, pay := range a.LastPayments {
		ev.Payments = append(ev.Payments, PaymentRefPublic{Ref: pay.Ref, Amount: pay.Amount, PaidOn: pay.PaidOn.String()})
		p.ev.Registry = append(p.ev.Registry, RegistryRecord{Table: "payments", Key: RowKey{Payer: a.TaxCode, Ref: pay.Ref},
			Found: true, Version: pay.Version, Amount: pay.Amount, PaidOn: pay.PaidOn.String()})
	}
	p.ev.Arrears = ev
	n := len(d.byMonth)
	p.ev.SummaryVI = fmt.Sprintf("Đơn vị %s còn nợ %s của %d tháng đã quá thời hạn trốn đóng (tính đến %s).",
		a.TaxCode, ansinh.FormatMoney(d.past), n, d.asOf.Display())
	p.ev.SummaryEN = fmt.Sprintf("Employer %s owes %s for %d months past the evasion threshold (as of %s).",
		a.TaxCode, ansinh.FormatMoney(d.past), n, d.asOf)
}

// employerShare returns the employer's share of the contributions, in
// thousandths, from the rules of month mo for a worker of the employer at
// the regional minimum wage.
func (m *matcher) employerShare(mo ansinh.Period, e *Employer) int64 {
	region, kind := rules.RegionI, "private"
	if e != nil {
		region, kind = e.Region, e.Kind
	}
	mw := m.as.minWage(mo, region)
	er, ee := m.as.assess(mo, mw, region, kind)
	if er+ee == 0 {
		return 0
	}
	return er * 1000 / (er + ee)
}

// ---- building findings

func (m *matcher) newPending(kind Kind, tax, pid, name, commune string) *pending {
	p := &pending{versions: map[int64]bool{}}
	p.f = Finding{ID: FindingID(kind, tax, pid), Kind: kind, TaxCode: tax, PersonID: pid,
		EmployerName: name, CommuneCode: commune, Period: m.to}
	p.ev = Evidence{Kind: kind, Period: m.to.String(), Window: [2]string{m.from.String(), m.to.String()}}
	m.pending = append(m.pending, p)
	return p
}

func taxFeedRow(r TaxRow) FeedRow {
	return FeedRow{Feed: FeedTaxWages, Version: r.Version,
		Key: RowKey{TaxCode: r.TaxCode, PersonID: r.PersonID, Month: r.Month.String()}, WageIncome: r.Wage}
}

// citeTax adds the tax rows to the evidence.
func (m *matcher) citeTax(p *pending, rows []TaxRow) {
	for i := range rows {
		if len(p.ev.FeedRows) < m.cfg.MaxEvidenceRows {
			p.ev.FeedRows = append(p.ev.FeedRows, taxFeedRow(rows[i]))
		}
		p.versions[rows[i].Version] = true
	}
	if len(rows) > len(p.ev.FeedRows) {
		p.ev.FeedRowsTotal = len(rows)
	}
}

// citeEmployer adds the employer's registry record.
func (m *matcher) citeEmployer(p *pending, e *Employer) {
	p.ev.Registry = append(p.ev.Registry, RegistryRecord{Table: "employers", Key: RowKey{TaxCode: e.TaxCode}, Found: true,
		Version: e.Version, Name: e.Name, Kind: e.Kind, CommuneCode: e.CommuneCode, Zone: e.Zone,
		RegisteredOn: dateText(e.RegisteredOn)})
}

// citeSpells marks the spells to cite as registry records; their full
// records are read once the scan is over (enrichWorkers).
func (m *matcher) citeSpells(p *pending, spells []Spell) {
	p.spells = append(p.spells, spells...)
}

func spellRecord(s Spell, note string) RegistryRecord {
	return RegistryRecord{Table: "employment", Key: RowKey{TaxCode: s.TaxCode, PersonID: s.PersonID, StartMonth: s.Start.String()},
		Found: true, Version: s.Version, EndMonth: s.End.String(), Wage: s.Wage, Contract: s.Contract,
		DeclaredOn: dateText(s.DeclaredOn), Note: note}
}

// versionIDs returns the feed versions cited by any finding.
func (m *matcher) versionIDs() []int64 {
	set := map[int64]bool{}
	for _, p := range m.pending {
		for v := range p.versions {
			if v != 0 {
				set[v] = true
			}
		}
	}
	out := make([]int64, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// finish drops the findings under the minimum score, writes the evidence
// and orders the findings.
func (m *matcher) finish(versions map[int64]FeedVersion) (*Result, error) {
	kindOrder := map[Kind]int{}
	for i, k := range Kinds() {
		kindOrder[k] = i
	}
	res := &Result{Config: m.cfg, Stats: m.stats, Kinds: m.kinds}
	for _, p := range m.pending {
		if p.f.Score < m.cfg.MinScore {
			continue
		}
		delete(p.versions, 0)
		p.ev.FeedVersions = versionRefs(p.versions, versions)
		p.ev.Score.Value = p.f.Score
		feeds := map[string]bool{}
		for _, r := range p.ev.FeedRows {
			feeds[r.Feed] = true
		}
		for _, f := range Feeds() {
			if feeds[f] {
				p.f.Feeds = append(p.f.Feeds, f)
			}
		}
		b, err := marshalEvidence(&p.ev)
		if err != nil {
			return nil, fmt.Errorf("match: evidence of %s: %w", p.f.ID, err)
		}
		p.f.Evidence = string(b)
		res.Findings = append(res.Findings, p.f)
		res.Stats.ByKind[p.f.Kind]++
	}
	slices.SortFunc(res.Findings, func(a, b Finding) int {
		if c := cmp.Compare(kindOrder[a.Kind.Base()], kindOrder[b.Kind.Base()]); c != 0 {
			return c
		}
		return cmpKey(a.TaxCode, a.PersonID, b.TaxCode, b.PersonID)
	})
	return res, nil
}

// maxEvidence bounds the evidence text so that it fits a spreadsheet cell
// (32,767 characters) with room to spare.
const maxEvidence = 30_000

// marshalEvidence writes the evidence as JSON, halving the lists of rows
// (their totals kept) until the text fits maxEvidence.
func marshalEvidence(ev *Evidence) ([]byte, error) {
	for {
		b, err := json.Marshal(ev)
		if err != nil || len(b) <= maxEvidence {
			return b, err
		}
		n := len(ev.FeedRows) + len(ev.Workers) + len(ev.Monthly) + len(ev.Registry)
		if n <= 4 {
			return b, nil
		}
		if ev.FeedRowsTotal == 0 {
			ev.FeedRowsTotal = len(ev.FeedRows)
		}
		ev.FeedRows = ev.FeedRows[:len(ev.FeedRows)/2]
		ev.Workers = ev.Workers[:len(ev.Workers)/2]
		ev.Monthly = ev.Monthly[:len(ev.Monthly)/2]
		if len(ev.Registry) > 20 {
			ev.Registry = ev.Registry[:len(ev.Registry)/2]
		}
	}
}

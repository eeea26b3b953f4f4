package report

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"ansinh"
	"ansinh/compliance"
	"ansinh/indicators"
	"ansinh/plan"
	"ansinh/store"
)

// PlanYears are the years of the plan's targets a report shows beside its
// own year (section II.1.2: 2021, 2025, 2030).
var PlanYears = []int{2021, 2025, 2030}

// DefaultTargetYear is the year the forecasts aim at: the plan's last.
const DefaultTargetYear = 2030

// Options tune Build; the zero value of a field takes its default.
type Options struct {
	// Year is the report's year (required).
	Year int
	// TargetYear is the forecasts' year (default DefaultTargetYear).
	TargetYear int
	// Window is the number of months a forecast's trend is fitted on
	// (default indicators.DefaultWindow).
	Window int
	// Issued is the report's date (default: the database clock's day in
	// Vietnam).
	Issued ansinh.Date
	// Actor seeds the plan's tasks the database lacks (default
	// "system:plan-seed").
	Actor string
	// Plan keeps the plan's tasks and reports (required; cmd wires
	// store/plandb over the same database).
	Plan plan.Store
}

// vietnam is the zone of the province's civil dates.

// ErrNoIndicators is returned when no refresh of the indicators has run.
var ErrNoIndicators = ansinh.Invalid("indicators", "chưa tính chỉ tiêu: hãy chạy `ansinh indicators refresh`",
	"no indicators computed yet: run `ansinh indicators refresh`")

// Build gathers the report of a year from the store with the defaults:
// Build(ctx, db, 2026) is BuildWith(ctx, db, Options{Year: 2026}).
func Build(ctx context.Context, db *store.DB, year int) (*Data, error) {
	return BuildWith(ctx, db, Options{Year: year})
}

// BuildWith gathers a report's data from the store: the province's rows of
// the year as the indicators export gives them (units of their time, and
// today's province throughout), the plan's milestones, the forecasts from
// the province's months up to the year, the yearly history for the charts,
// the communes in force at the end of the year ranked by SI coverage, the
// arrears and compliance summaries when those parts have run, and the
// plan's tasks (seeded first when the database lacks them).
func BuildWith(ctx context.Context, db *store.DB, opt Options) (*Data, error) {
	if opt.TargetYear == 0 {
		opt.TargetYear = DefaultTargetYear
	}
	if opt.Window == 0 {
		opt.Window = indicators.DefaultWindow
	}
	if opt.Issued.IsZero() {
		opt.Issued = ansinh.Today(db.Now())
	}
	if opt.Actor == "" {
		opt.Actor = "system:plan-seed"
	}
	s := db.Indicators()
	run, err := s.LastRun(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoIndicators
	}
	if err != nil {
		return nil, err
	}
	year := opt.Year
	if year < run.From.Year() || year > run.Through.Year() {
		return nil, ansinh.Invalid("year", fmt.Sprintf("chưa có số liệu năm %d (đã tính %s..%s)", year, run.From, run.Through),
			fmt.Sprintf("no figures for %d (computed %s..%s)", year, run.From, run.Through))
	}
	b, err := loadBoard(ctx, db)
	if err != nil {
		return nil, err
	}
	d := &Data{Year: year, Through: min(run.Through, ansinh.NewPeriod(year, 12)), Issued: opt.Issued,
		Province: b.prov, PlanYears: PlanYears, TargetYear: opt.TargetYear,
		Milestones: map[indicators.Indicator]map[int]indicators.Milestone{},
		Forecasts:  map[indicators.Indicator]indicators.Forecast{},
		History:    map[indicators.Indicator][]indicators.Row{}, Qualitative: indicators.QualitativeTargets()}
	provKey := b.prov.Key()
	ys := strconv.Itoa(year)
	// The province: the export's rows for the province and the year.
	rows, err := b.historical(ctx, store.FactFilter{Periods: []string{ys}, Units: []string{provKey.Code}})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.Unit.Key() == provKey {
			d.Rows = append(d.Rows, r)
		}
	}
	for _, def := range indicators.Definitions() {
		d.Milestones[def.ID] = map[int]indicators.Milestone{}
		for _, y := range PlanYears {
			if m, ok := b.book.Targets.Milestone(def.ID, y); ok {
				d.Milestones[def.ID][y] = m
			}
		}
	}
	// The forecasts, from the province's months up to the report's year.
	months, err := s.Facts(ctx, store.FactFilter{Kind: "month", Units: []string{provKey.Code}, To: ys + "-12"})
	if err != nil {
		return nil, err
	}
	for _, def := range indicators.Definitions() {
		if fc, ok := indicators.ForecastUnit(months, provKey, def, b.book, opt.TargetYear, opt.Window); ok {
			d.Forecasts[def.ID] = fc
		}
	}
	// The history, for the charts.
	hist, err := b.historical(ctx, store.FactFilter{Kind: "year", Units: []string{provKey.Code}, To: ys})
	if err != nil {
		return nil, err
	}
	for _, r := range hist {
		if r.Unit.Key() == provKey {
			d.History[r.Definition.ID] = append(d.History[r.Definition.ID], r)
		}
	}
	// The communes in force at the end of the year, ranked.
	all, err := b.historical(ctx, store.FactFilter{Periods: []string{ys}})
	if err != nil {
		return nil, err
	}
	byUnit := map[indicators.UnitKey]*CommuneLine{}
	var order []indicators.Row
	for _, r := range all {
		if r.Unit.Level != "commune" || r.Remapped {
			continue
		}
		c := byUnit[r.Unit.Key()]
		if c == nil {
			c = &CommuneLine{Unit: r.Unit, Rows: map[indicators.Indicator]indicators.Row{}}
			byUnit[r.Unit.Key()] = c
		}
		c.Rows[r.Definition.ID] = r
		if r.Definition.ID == indicators.SICoverage {
			order = append(order, r)
		}
	}
	for i, r := range indicators.Rank(order) {
		c := byUnit[r.Unit.Key()]
		c.Rank = i + 1
		d.Communes = append(d.Communes, *c)
	}
	// Arrears and compliance, when their parts have run.
	ar, err := s.ArrearsSummary(ctx, year)
	if err != nil {
		return nil, err
	}
	if ar.Available {
		d.Arrears = Arrears{Available: true, Month: ar.Month, TotalPayers: ar.TotalPayers, TotalOverdue: ar.TotalOverdue,
			LatePayers: ar.Payers["late"], LateOverdue: ar.Overdue["late"], EvasionPayers: ar.Payers["evasion"], EvasionOverdue: ar.Overdue["evasion"]}
		d.Arrears.Buckets = ageBuckets(ar.ByMonths)
		for _, x := range ar.LargestDebtors {
			d.Arrears.Debtors = append(d.Arrears.Debtors, Debtor{TaxCode: x.Payer, Name: x.Name, Commune: x.Commune, Status: x.Status, Overdue: x.Overdue, Months: x.Months})
		}
	}
	cs, err := s.ComplianceSummary(ctx)
	if err != nil {
		return nil, err
	}
	if cs.Available {
		d.Compliance = Compliance{Available: true, WorkersRegistered: cs.WorkersRegistered, AmountRecovered: cs.AmountRecovered, Fine: cs.Fines}
		for _, f := range cs.Findings {
			d.Compliance.Findings = append(d.Compliance.Findings, FindingLine{Kind: f.Kind, Label: compliance.Kind(f.Kind).LabelVI(),
				Open: f.Open, Total: f.Total, StakeOpen: f.StakeOpen})
		}
		for _, c := range cs.Cases {
			d.Compliance.Cases = append(d.Compliance.Cases, CaseLine{Status: c.Status, Cases: c.Cases})
		}
	}
	// The plan's tasks.
	if opt.Plan == nil {
		return nil, errors.New("report: Options.Plan is required")
	}
	if err := plan.Ensure(ctx, opt.Plan, opt.Actor); err != nil {
		return nil, err
	}
	tasks, err := opt.Plan.Tasks(ctx)
	if err != nil {
		return nil, err
	}
	reports, err := opt.Plan.Reports(ctx, "")
	if err != nil {
		return nil, err
	}
	last := map[string]*plan.Report{}
	for i := range reports {
		if _, ok := last[reports[i].TaskID]; !ok {
			last[reports[i].TaskID] = &reports[i]
		}
	}
	for _, t := range tasks {
		tl := TaskLine{Task: t, LastReport: last[t.ID]}
		var lastOn ansinh.Date
		if tl.LastReport != nil {
			lastOn = tl.LastReport.ReportedOn
		}
		tl.Late, tl.LateVI, _ = t.Late(d.Issued, lastOn)
		d.Tasks = append(d.Tasks, tl)
	}
	return d, nil
}

// board is what a report reads besides the facts: the units and the
// targets, and today's province.
type board struct {
	db    *store.DB
	units map[indicators.UnitKey]indicators.Unit
	book  *indicators.TargetBook
	prov  indicators.Unit
}

// loadBoard reads the units and the targets.
func loadBoard(ctx context.Context, db *store.DB) (*board, error) {
	s := db.Indicators()
	b := &board{db: db}
	var err error
	if b.units, err = s.IndicatorUnits(ctx); err != nil {
		return nil, err
	}
	if b.book, err = s.TargetBook(ctx); err != nil {
		return nil, err
	}
	p, ok := indicators.Province(b.units)
	if !ok {
		return nil, ansinh.Invalid("units", "danh mục không có tỉnh nào đang có hiệu lực", "the registry has no province in force")
	}
	b.prov = p
	return b, nil
}

// historical returns the rows of the facts the filter selects in the
// historical view of the indicators export: each period under the units in
// force in it, and today's province throughout (re-mapped before it
// existed); in the order period, unit code, unit version, indicator.
func (b *board) historical(ctx context.Context, f store.FactFilter) ([]indicators.Row, error) {
	facts, err := b.db.Indicators().Facts(ctx, f)
	if err != nil {
		return nil, err
	}
	kept := facts[:0]
	for _, x := range facts {
		if x.Remapped && x.Unit != b.prov.Key() {
			continue
		}
		kept = append(kept, x)
	}
	return indicators.Rows(kept, b.units, nil, b.book), nil
}

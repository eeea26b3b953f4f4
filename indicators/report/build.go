package report

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"ansinh"
	"ansinh/compliance"
	"ansinh/indicators"
	"ansinh/plan"
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
	// Issued is the report's date (default: the day in Vietnam by
	// Sources.Now).
	Issued ansinh.Date
	// Actor seeds the plan's tasks the plan lacks (default
	// "system:plan-seed").
	Actor string
}

// ErrNoIndicators is returned when no refresh of the indicators has run.
var ErrNoIndicators = ansinh.Invalid("indicators", "chưa tính chỉ tiêu: hãy chạy `ansinh indicators refresh`",
	"no indicators computed yet: run `ansinh indicators refresh`")

// Build gathers the report of a year with the defaults: Build(ctx, src,
// 2026) is BuildWith(ctx, src, Options{Year: 2026}).
func Build(ctx context.Context, src Sources, year int) (*Data, error) {
	return BuildWith(ctx, src, Options{Year: year})
}

// BuildWith gathers a report's data: the province's rows of the year as the
// indicators export gives them (units of their time, and today's province
// throughout), the plan's milestones, the forecasts from the province's
// months up to the year, the yearly history for the charts, the communes in
// force at the end of the year ranked by SI coverage, the arrears and
// compliance summaries when those parts have run, and the plan's tasks
// (seeded first when the plan lacks them).
func BuildWith(ctx context.Context, src Sources, opt Options) (*Data, error) {
	opt = opt.withDefaults(src)
	run, err := src.Indicators.LastRun(ctx)
	if errors.Is(err, indicators.ErrNoRun) {
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
	b, err := loadBoard(ctx, src.Indicators)
	if err != nil {
		return nil, err
	}
	d := &Data{Year: year, Through: min(run.Through, ansinh.NewPeriod(year, 12)), Issued: opt.Issued,
		Province: b.prov, PlanYears: PlanYears, TargetYear: opt.TargetYear,
		Milestones: map[indicators.Indicator]map[int]indicators.Milestone{},
		Forecasts:  map[indicators.Indicator]indicators.Forecast{},
		History:    map[indicators.Indicator][]indicators.Row{}, Qualitative: indicators.QualitativeTargets()}
	for _, step := range []func(context.Context, *board, *Data, Options) error{
		provinceRows, forecasts, history, communes,
	} {
		if err := step(ctx, b, d, opt); err != nil {
			return nil, err
		}
	}
	if err := summaries(ctx, src, d); err != nil {
		return nil, err
	}
	if err := tasks(ctx, src.Plan, d, opt.Actor); err != nil {
		return nil, err
	}
	return d, nil
}

// withDefaults fills the options' zero fields.
func (opt Options) withDefaults(src Sources) Options {
	if opt.TargetYear == 0 {
		opt.TargetYear = DefaultTargetYear
	}
	if opt.Window == 0 {
		opt.Window = indicators.DefaultWindow
	}
	if opt.Issued.IsZero() {
		now := time.Now
		if src.Now != nil {
			now = src.Now
		}
		opt.Issued = ansinh.Today(now())
	}
	if opt.Actor == "" {
		opt.Actor = "system:plan-seed"
	}
	return opt
}

// provinceRows adds the export's rows for the province and the year, and
// the plan's milestones.
func provinceRows(ctx context.Context, b *board, d *Data, _ Options) error {
	provKey := b.prov.Key()
	rows, err := b.historical(ctx, indicators.FactFilter{Periods: []string{strconv.Itoa(d.Year)}, Units: []string{provKey.Code}})
	if err != nil {
		return err
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
	return nil
}

// forecasts adds the forecasts, from the province's months up to the
// report's year.
func forecasts(ctx context.Context, b *board, d *Data, opt Options) error {
	provKey := b.prov.Key()
	months, err := b.src.Facts(ctx, indicators.FactFilter{Kind: "month", Units: []string{provKey.Code}, To: strconv.Itoa(d.Year) + "-12"})
	if err != nil {
		return err
	}
	for _, def := range indicators.Definitions() {
		if fc, ok := indicators.ForecastUnit(months, provKey, def, b.book, opt.TargetYear, opt.Window); ok {
			d.Forecasts[def.ID] = fc
		}
	}
	return nil
}

// history adds the province's yearly rows, for the charts.
func history(ctx context.Context, b *board, d *Data, _ Options) error {
	provKey := b.prov.Key()
	hist, err := b.historical(ctx, indicators.FactFilter{Kind: "year", Units: []string{provKey.Code}, To: strconv.Itoa(d.Year)})
	if err != nil {
		return err
	}
	for _, r := range hist {
		if r.Unit.Key() == provKey {
			d.History[r.Definition.ID] = append(d.History[r.Definition.ID], r)
		}
	}
	return nil
}

// communes adds the communes in force at the end of the year, ranked by SI
// coverage.
func communes(ctx context.Context, b *board, d *Data, _ Options) error {
	all, err := b.historical(ctx, indicators.FactFilter{Periods: []string{strconv.Itoa(d.Year)}})
	if err != nil {
		return err
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
	return nil
}

// summaries adds the arrears and compliance summaries, when their parts
// have run.
func summaries(ctx context.Context, src Sources, d *Data) error {
	var err error
	if src.Arrears != nil {
		if d.Arrears, err = src.Arrears.Arrears(ctx, d.Year); err != nil {
			return err
		}
	}
	if src.Compliance != nil {
		if d.Compliance, err = src.Compliance.Compliance(ctx); err != nil {
			return err
		}
		for i := range d.Compliance.Findings {
			f := &d.Compliance.Findings[i]
			if f.Label == "" {
				f.Label = compliance.Kind(f.Kind).LabelVI()
			}
		}
	}
	return nil
}

// tasks adds the plan's tasks with their last report, seeding the plan
// first when it lacks them.
func tasks(ctx context.Context, ps PlanSource, d *Data, actor string) error {
	if err := plan.Ensure(ctx, ps, actor); err != nil {
		return err
	}
	ts, err := ps.Tasks(ctx)
	if err != nil {
		return err
	}
	reports, err := ps.Reports(ctx, "")
	if err != nil {
		return err
	}
	last := map[string]*plan.Report{}
	for i := range reports {
		if _, ok := last[reports[i].TaskID]; !ok {
			last[reports[i].TaskID] = &reports[i]
		}
	}
	for _, t := range ts {
		tl := TaskLine{Task: t, LastReport: last[t.ID]}
		var lastOn ansinh.Date
		if tl.LastReport != nil {
			lastOn = tl.LastReport.ReportedOn
		}
		tl.Late, tl.LateVI, _ = t.Late(d.Issued, lastOn)
		d.Tasks = append(d.Tasks, tl)
	}
	return nil
}

// board is what a report reads besides the facts: the units and the
// targets, and today's province.
type board struct {
	src   Indicators
	units map[indicators.UnitKey]indicators.Unit
	book  *indicators.TargetBook
	prov  indicators.Unit
}

// loadBoard reads the units and the targets.
func loadBoard(ctx context.Context, src Indicators) (*board, error) {
	b := &board{src: src}
	var err error
	if b.units, err = src.IndicatorUnits(ctx); err != nil {
		return nil, err
	}
	if b.book, err = src.TargetBook(ctx); err != nil {
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
func (b *board) historical(ctx context.Context, f indicators.FactFilter) ([]indicators.Row, error) {
	facts, err := b.src.Facts(ctx, f)
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

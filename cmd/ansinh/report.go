package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"ansinh"
	"ansinh/compliance"
	"ansinh/indicators"
	"ansinh/indicators/report"
	"ansinh/plan"
	"ansinh/store"
)

// runReport writes the report to the Standing Committee for a year, as
// XLSX or PDF: `ansinh report --year Y --format xlsx|pdf [--out F]`.
func runReport(ctx context.Context, env *Env, args []string) error {
	now := currentMonth(env)
	fs := newFlagSet(env, "report", "",
		"Lập báo cáo gửi Ban Thường vụ Tỉnh ủy (Kế hoạch mục III.5) cho một năm: các chỉ tiêu của tỉnh so với mục tiêu và dự báo,\n"+
			"xếp hạng xã, phường, tình hình thu nợ, kết quả đối chiếu và thanh tra, tình hình thực hiện nhiệm vụ, kèm biểu đồ.\n"+
			"Write the report to the Standing Committee for a year: the province against its targets with the forecast, the communes\n"+
			"ranked, arrears, compliance and the plan's tasks, with charts. Run `ansinh indicators refresh` first, or add --refresh.")
	dsn := dbFlag(fs, env)
	year := fs.Int("year", now.Year(), "năm báo cáo / the report's year")
	format := fs.String("format", "xlsx", "xlsx hoặc pdf / xlsx or pdf")
	out := fs.String("out", "", "tệp ra (mặc định bao-cao-NĂM.xlsx|pdf) / output file")
	target := fs.Int("target-year", 2030, "năm mục tiêu của dự báo / the forecast's target year")
	window := fs.Int("window", indicators.DefaultWindow, "số tháng gần nhất để tính xu hướng / months fitted for the trend")
	refresh := fs.Bool("refresh", false, "tính lại các chỉ tiêu đến tháng hiện tại trước khi lập báo cáo / refresh the indicators first")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "xlsx" && *format != "pdf" {
		return ansinh.Invalid("format", "--format: xlsx hoặc pdf", "--format: xlsx or pdf")
	}
	if *out == "" {
		*out = fmt.Sprintf("bao-cao-%d.%s", *year, *format)
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *refresh {
		src := db.IndicatorsFrom(indicators.DefaultFrom)
		if _, err := indicators.Refresh(ctx, src, src, actorOf(env, ""), indicators.Options{Through: now}); err != nil {
			return err
		}
	}
	b, err := loadBoard(ctx, db)
	if err != nil {
		return err
	}
	d, err := buildReport(ctx, b, env, *year, *target, *window)
	if err != nil {
		return err
	}
	var data []byte
	if *format == "pdf" {
		data, err = report.PDF(d)
	} else {
		data, err = report.XLSX(d)
	}
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = env.Stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "Đã ghi / written: %s (%d byte)\n", *out, len(data))
	return nil
}

// reportPlanYears are the years of the plan's targets a report shows.
var reportPlanYears = []int{2021, 2025, 2030}

// buildReport gathers a report's data from the store: the same rows as the
// indicators export (historical view).
func buildReport(ctx context.Context, b *board, env *Env, year, targetYear, window int) (*report.Data, error) {
	s := b.db.Indicators()
	run, err := s.LastRun(ctx)
	if err != nil {
		return nil, err
	}
	if year < run.From.Year() || year > run.Through.Year() {
		return nil, ansinh.Invalid("year", fmt.Sprintf("chưa có số liệu năm %d (đã tính %s..%s)", year, run.From, run.Through),
			fmt.Sprintf("no figures for %d (computed %s..%s)", year, run.From, run.Through))
	}
	d := &report.Data{Year: year, Through: min(run.Through, ansinh.NewPeriod(year, 12)), Issued: ansinh.DateOf(env.Now()),
		Province: b.prov, PlanYears: reportPlanYears, TargetYear: targetYear,
		Milestones: map[indicators.Indicator]map[int]indicators.Milestone{},
		Forecasts:  map[indicators.Indicator]indicators.Forecast{},
		History:    map[indicators.Indicator][]indicators.Row{}, Qualitative: indicators.QualitativeTargets()}
	provKey := b.prov.Key()
	ys := strconv.Itoa(year)
	// The province: the export's rows for the province and the year.
	rows, err := b.rows(ctx, rowQuery{filter: store.FactFilter{Periods: []string{ys}, Units: []string{provKey.Code}}, view: viewHistorical})
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
		for _, y := range reportPlanYears {
			if m, ok := b.book.Targets.Milestone(def.ID, y); ok {
				d.Milestones[def.ID][y] = m
			}
		}
	}
	// The forecasts, from the province's months up to the report's year.
	months, err := b.facts(ctx, store.FactFilter{Kind: "month", Units: []string{provKey.Code}, To: ys + "-12"})
	if err != nil {
		return nil, err
	}
	for _, def := range indicators.Definitions() {
		if fc, ok := indicators.ForecastUnit(months, provKey, def, b.book, targetYear, window); ok {
			d.Forecasts[def.ID] = fc
		}
	}
	// The history, for the charts.
	hist, err := b.rows(ctx, rowQuery{filter: store.FactFilter{Kind: "year", Units: []string{provKey.Code}, To: ys}, view: viewHistorical})
	if err != nil {
		return nil, err
	}
	for _, r := range hist {
		if r.Unit.Key() == provKey {
			d.History[r.Definition.ID] = append(d.History[r.Definition.ID], r)
		}
	}
	// The communes in force at the end of the year, ranked.
	all, err := b.rows(ctx, rowQuery{filter: store.FactFilter{Periods: []string{ys}}, view: viewHistorical})
	if err != nil {
		return nil, err
	}
	byUnit := map[indicators.UnitKey]*report.CommuneLine{}
	var order []indicators.Row
	for _, r := range all {
		if r.Unit.Level != "commune" || r.Remapped {
			continue
		}
		c := byUnit[r.Unit.Key()]
		if c == nil {
			c = &report.CommuneLine{Unit: r.Unit, Rows: map[indicators.Indicator]indicators.Row{}}
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
	// Arrears and compliance, when their modules have run.
	ar, err := s.ArrearsSummary(ctx, year)
	if err != nil {
		return nil, err
	}
	if ar.Available {
		d.Arrears = report.Arrears{Available: true, Month: ar.Month, TotalPayers: ar.TotalPayers, TotalOverdue: ar.TotalOverdue,
			LatePayers: ar.Payers["late"], LateOverdue: ar.Overdue["late"], EvasionPayers: ar.Payers["evasion"], EvasionOverdue: ar.Overdue["evasion"]}
		for _, bk := range ar.ByAge {
			d.Arrears.Buckets = append(d.Arrears.Buckets, report.Bucket{LabelVI: bk.LabelVI, Payers: bk.Payers, Amount: bk.Amount})
		}
		for _, x := range ar.LargestDebtors {
			d.Arrears.Debtors = append(d.Arrears.Debtors, report.Debtor{TaxCode: x.Payer, Name: x.Name, Commune: x.Commune, Status: x.Status, Overdue: x.Overdue, Months: x.Months})
		}
	}
	cs, err := s.ComplianceSummary(ctx)
	if err != nil {
		return nil, err
	}
	if cs.Available {
		d.Compliance = report.Compliance{Available: true, WorkersRegistered: cs.WorkersRegistered, AmountRecovered: cs.AmountRecovered, Fine: cs.Fines}
		for _, f := range cs.Findings {
			d.Compliance.Findings = append(d.Compliance.Findings, report.FindingLine{Kind: f.Kind, Label: compliance.Kind(f.Kind).LabelVI(),
				Open: f.Open, Total: f.Total, StakeOpen: f.StakeOpen})
		}
		for _, c := range cs.Cases {
			d.Compliance.Cases = append(d.Compliance.Cases, report.CaseLine{Status: c.Status, Cases: c.Cases})
		}
	}
	// The plan's tasks.
	if err := ensurePlan(ctx, b.db, env); err != nil {
		return nil, err
	}
	tasks, err := b.db.PlanTasks(ctx)
	if err != nil {
		return nil, err
	}
	reports, err := b.db.PlanReports(ctx, "")
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
		tl := report.TaskLine{Task: t, LastReport: last[t.ID]}
		var lastOn ansinh.Date
		if tl.LastReport != nil {
			lastOn = tl.LastReport.ReportedOn
		}
		tl.Late, tl.LateVI, _ = t.Late(d.Issued, lastOn)
		d.Tasks = append(d.Tasks, tl)
	}
	return d, nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"ansinh"
	"ansinh/indicators"
	"ansinh/metrics"
	"ansinh/plan"
	"ansinh/store"
	"ansinh/store/indicatorsdb"
	"ansinh/store/plandb"
)

// runIndicators dispatches `ansinh indicators SUBCOMMAND`: the plan's
// indicators, targets, allocations, forecasts and tasks.
func runIndicators(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stderr, indicatorsUsage)
		if len(args) == 0 {
			return errUsage
		}
		return errHelp
	}
	sub := map[string]func(context.Context, *Env, []string) error{
		"refresh":  runIndicatorsRefresh,
		"table":    runIndicatorsTable,
		"targets":  runIndicatorsTargets,
		"target":   runIndicatorsSetTarget,
		"allocate": runIndicatorsAllocate,
		"forecast": runIndicatorsForecast,
		"plan":     runIndicatorsPlan,
	}
	fn, ok := sub[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "ansinh indicators: lệnh con không tồn tại %q / unknown subcommand\n%s", args[0], indicatorsUsage)
		return errUsage
	}
	return fn(ctx, env, args[1:])
}

const indicatorsUsage = `Cách dùng / usage: ansinh indicators LỆNH [tùy chọn]   (ansinh indicators LỆNH --help)
  refresh   tính lại mọi chỉ tiêu cho mọi đơn vị, mọi tháng, mọi năm / recompute every indicator
  table     bảng chỉ tiêu so với mục tiêu của tỉnh và dự báo / the province against its targets, and the forecast
  targets   mục tiêu theo năm (Kế hoạch, đã sửa, nội suy) / targets by year (plan, edited, interpolated)
  target    sửa hoặc xoá mục tiêu một năm / edit or delete a year's target
  allocate  giao chỉ tiêu năm cho xã, phường / allocate a year's target to communes
  forecast  dự báo đến năm mục tiêu cho tỉnh và từng xã / forecast to the target year, province and communes
  plan      nhiệm vụ của Kế hoạch (mục III): list, set, report / the plan's tasks
`

// currentMonth returns the month of the environment's clock.
func currentMonth(env *Env) ansinh.Period { return ansinh.ThisMonth(env.Now()) }

// monthFlag reads an optional "YYYY-MM" flag value.
func monthFlag(name, v string) (ansinh.Period, error) {
	if v == "" {
		return 0, nil
	}
	p, err := ansinh.ParsePeriod(v)
	if err != nil {
		return 0, ansinh.Invalid(name, fmt.Sprintf("tháng %q không hợp lệ (YYYY-MM)", v), fmt.Sprintf("month %q is not YYYY-MM", v))
	}
	return p, nil
}

// actorOf returns the actor recorded for a command.
func actorOf(env *Env, given string) string {
	if given != "" {
		return given
	}
	return "cli:" + env.Getenv("USER")
}

func runIndicatorsRefresh(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "indicators refresh", "",
		"Tính lại mọi chỉ tiêu cho tỉnh và mọi đơn vị, mọi tháng và năm, rồi thay toàn bộ số liệu đã lưu.\n"+
			"Recompute every indicator for the province and every unit, month and year, replacing the stored figures.")
	dsn := dbFlag(fs, env)
	from := fs.String("from", indicators.DefaultFrom.String(), "tháng đầu / first month (YYYY-MM)")
	through := fs.String("through", "", "tháng cuối (mặc định tháng hiện tại) / last month (default: this month)")
	split := fs.String("split", "equal", "chia số liệu của xã bị chia tách: equal hoặc labor_force / how a split commune's figures are shared")
	actor := fs.String("actor", "", "người thực hiện / who runs it (default cli:$USER)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt := indicators.Options{}
	var err error
	if opt.From, err = monthFlag("from", *from); err != nil {
		return err
	}
	if opt.Through, err = monthFlag("through", *through); err != nil {
		return err
	}
	if opt.Through.IsZero() {
		opt.Through = currentMonth(env)
	}
	if opt.Split, err = indicators.ParseSplitRule(*split); err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	start := env.Now()
	src := indicatorsdb.NewFrom(db, opt.From)
	opt.Progress = counter(env.Stderr, "chỉ tiêu / indicators", "bước/steps")
	began := time.Now()
	res, err := indicators.Refresh(ctx, src, src, actorOf(env, *actor), opt)
	metrics.JobDone("indicators_refresh", time.Since(began), err)
	if err != nil {
		return err
	}
	st := res.Stats
	fmt.Fprintf(env.Stdout, "Đã tính lại / refreshed %s..%s: %d dòng / rows; %d người / persons, %d quá trình / spells, %d tự nguyện / enrolments, %d hưởng / benefits, %d giao dịch / transactions\n",
		res.From, res.Through, len(res.Rows), st.Persons, st.Spells, st.Enrolments, st.Benefits, st.Transactions)
	if st.Unplaced > 0 || st.Orphans > 0 {
		fmt.Fprintf(env.Stdout, "Cảnh báo / warning: %d người có mã xã không có trong danh mục / persons with an unknown commune; %d dòng không có người trong sổ / rows without a registered person\n", st.Unplaced, st.Orphans)
	}
	for _, m := range res.Missing {
		fmt.Fprintf(env.Stdout, "Chưa có dữ liệu / no data: %s\n", m)
	}
	fmt.Fprintf(env.Stdout, "Thời gian / time: %v\n", env.Now().Sub(start).Round(time.Millisecond))
	return nil
}

// board is what the tables, exports and reports read: the stored facts,
// the units and the targets.
type board struct {
	db    *store.DB
	units map[indicators.UnitKey]indicators.Unit
	book  *indicators.TargetBook
	prov  indicators.Unit
}

// loadBoard reads the units and targets, and checks that a refresh ran.
func loadBoard(ctx context.Context, db *store.DB) (*board, error) {
	s := indicatorsdb.New(db)
	if _, err := s.LastRun(ctx); errors.Is(err, store.ErrNotFound) {
		return nil, ansinh.Invalid("indicators", "chưa tính chỉ tiêu: hãy chạy `ansinh indicators refresh`",
			"no indicators computed yet: run `ansinh indicators refresh`")
	} else if err != nil {
		return nil, err
	}
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

// facts returns the stored facts the filter selects.
func (b *board) facts(ctx context.Context, f indicators.FactFilter) ([]indicators.Facts, error) {
	return indicatorsdb.New(b.db).Facts(ctx, f)
}

// yearList reads "2021,2025,2026".
func yearList(s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		y, err := strconv.Atoi(p)
		if err != nil || y < 2000 || y > 2100 {
			return nil, ansinh.Invalid("years", fmt.Sprintf("năm %q không hợp lệ", p), fmt.Sprintf("year %q is not a year", p))
		}
		out = append(out, y)
	}
	return out, nil
}

// rateText writes a row's rate, or "chưa có dữ liệu".
func rateText(r indicators.Row) string {
	if !r.HasRate {
		return "chưa có dữ liệu / no data"
	}
	return r.Rate.Display()
}

// targetText writes a row's target, or "—".
func targetText(r indicators.Row) string {
	if !r.HasTarget() {
		return "—"
	}
	return r.Target.Display()
}

// metText writes whether a row meets its target.
func metText(r indicators.Row) string {
	switch {
	case !r.HasRate || !r.HasTarget():
		return ""
	case r.Met:
		return "đạt / met"
	}
	return "chưa đạt / not met"
}

// figureText writes a numerator or denominator: money with its unit.
func figureText(d indicators.Definition, v int64, known bool) string {
	if !known {
		return "—"
	}
	if d.Money {
		return ansinh.FormatMoney(v)
	}
	return ansinh.GroupDigits(v, '.')
}

func runIndicatorsTable(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "indicators table", "",
		"In bảng chỉ tiêu của tỉnh so với mục tiêu cho các năm đã chọn, và dự báo đến năm mục tiêu.\n"+
			"Print the province's indicators against their targets for the years chosen, and the forecast to the target year.")
	dsn := dbFlag(fs, env)
	now := currentMonth(env)
	years := fs.String("years", fmt.Sprintf("2021,2025,%d", now.Year()), "các năm / years")
	unit := fs.String("unit", "", "mã đơn vị (mặc định: tỉnh) / unit code (default: the province)")
	target := fs.Int("forecast", 2030, "năm mục tiêu của dự báo (0: không dự báo) / forecast's target year (0: none)")
	window := fs.Int("window", indicators.DefaultWindow, "số tháng gần nhất để tính xu hướng / months fitted for the trend")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	ys, err := yearList(*years)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := loadBoard(ctx, db)
	if err != nil {
		return err
	}
	key := b.prov.Key()
	if *unit != "" {
		if key, err = b.currentUnit(*unit); err != nil {
			return err
		}
	}
	return b.printTable(ctx, env.Stdout, key, ys, *target, *window)
}

// currentUnit returns the unit of today's structure with the code.
func (b *board) currentUnit(code string) (indicators.UnitKey, error) {
	for k, u := range b.units {
		if k.Code == code && u.To == 0 {
			return k, nil
		}
	}
	return indicators.UnitKey{}, ansinh.Invalid("unit", fmt.Sprintf("không có đơn vị %s đang có hiệu lực", code), fmt.Sprintf("no unit %s in force", code))
}

// printTable writes the indicators of a unit for the years against their
// targets, then the forecast.
func (b *board) printTable(ctx context.Context, w io.Writer, unit indicators.UnitKey, years []int, targetYear, window int) error {
	var periods []string
	for _, y := range years {
		periods = append(periods, indicators.YearOf(y).String())
	}
	facts, err := b.facts(ctx, indicators.FactFilter{Periods: periods, Units: []string{unit.Code}})
	if err != nil {
		return err
	}
	byYear := map[int]*indicators.Facts{}
	for i := range facts {
		if facts[i].Unit == unit {
			byYear[facts[i].Period.Year] = &facts[i]
		}
	}
	u := b.units[unit]
	fmt.Fprintf(w, "%s (%s) — chỉ tiêu so với mục tiêu / indicators against targets\n\n", u.Name, u.Code)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Chỉ tiêu / indicator\tNăm / year\tTử số / numerator\tMẫu số / denominator\tGiá trị / value\tMục tiêu / target\tĐánh giá / status")
	for _, d := range indicators.Definitions() {
		for _, y := range years {
			f := byYear[y]
			if f == nil {
				fmt.Fprintf(tw, "%s\t%d\t—\t—\tchưa tính / not computed\t\t\n", d.NameVI, y)
				continue
			}
			r := indicators.MakeRow(d, u, f, b.book)
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", d.NameVI, y,
				figureText(d, r.Value.Numerator, f.Has(d.Numerator)), figureText(d, r.Value.Denominator, f.Has(d.Denominator)),
				rateText(r), targetText(r), metText(r))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if targetYear == 0 {
		return nil
	}
	months, err := b.facts(ctx, indicators.FactFilter{Kind: "month", Units: []string{unit.Code}})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nDự báo đến năm %d (xu hướng bình phương tối thiểu %d tháng gần nhất) / forecast to %d (least squares over the last %d months)\n\n", targetYear, window, targetYear, window)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Chỉ tiêu / indicator\tHiện tại / now\tMục tiêu / target\tDự báo / projected\tXu hướng/tháng / trend a month\tCần/tháng / needed a month\tCần thêm/tháng / more a month\tĐánh giá / outlook")
	for _, d := range indicators.Definitions() {
		fc, ok := indicators.ForecastUnit(months, unit, d, b.book, targetYear, window)
		if !ok {
			continue
		}
		printForecast(tw, d, fc)
	}
	return tw.Flush()
}

// printForecast writes one forecast line.
func printForecast(tw io.Writer, d indicators.Definition, fc indicators.Forecast) {
	if fc.Status == indicators.Insufficient {
		fmt.Fprintf(tw, "%s\tchưa đủ dữ liệu / not enough data\t%s\t\t\t\t\t\n", d.NameVI, fc.Target.Display())
		return
	}
	trend := strings.Replace(fmt.Sprintf("%+.1f", fc.Trend), ".", ",", 1) + " điểm cơ bản / bp"
	need, more := "", ""
	if d.Persons {
		trend = fmt.Sprintf("%+.0f người / persons", fc.Trend)
		need = ansinh.GroupDigits(fc.RequiredPerMonth, '.')
		more = ansinh.GroupDigits(fc.ExtraPerMonth, '.')
	}
	fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s\t%s\t%s\t%s\t%s\n", d.NameVI, fc.Value.Display(), fc.Last, fc.Target.Display(),
		fc.Projected.Display(), trend, need, more, outlookText(fc.Status))
}

// outlookText writes a forecast's status.
func outlookText(s indicators.ForecastStatus) string {
	switch s {
	case indicators.OnTrack:
		return "sẽ đạt / on track"
	case indicators.OffTrack:
		return "chưa đạt nếu giữ xu hướng / off track"
	}
	return "chưa đủ dữ liệu / not enough data"
}

func runIndicatorsTargets(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "indicators targets", "",
		"In mục tiêu từng năm của các chỉ tiêu: mục tiêu của Kế hoạch (mục II.1.2), mục tiêu đã sửa, và mốc nội suy tuyến tính giữa chúng.\n"+
			"Print each indicator's target by year: the plan's (section II.1.2), edited ones, and the linear milestones between them.")
	dsn := dbFlag(fs, env)
	from := fs.Int("from", 2018, "năm đầu / first year")
	to := fs.Int("to", 2030, "năm cuối / last year")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := indicatorsdb.New(db).Targets(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Chỉ tiêu / indicator\tNăm / year\tMục tiêu / target\tLoại / kind\tNguồn / source")
	for _, d := range indicators.Definitions() {
		for y := *from; y <= *to; y++ {
			m, ok := t.Milestone(d.ID, y)
			if !ok {
				continue
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", d.ID, y, m.Value.Display(), m.Kind, m.Source)
		}
	}
	tw.Flush()
	fmt.Fprintln(env.Stdout, "\nMục tiêu không định lượng (mục II.1.2.1) / qualitative targets:")
	for _, q := range indicators.QualitativeTargets() {
		fmt.Fprintf(env.Stdout, "- %d: %s — %s\n", q.Year, q.TextVI, q.MeasuredVI)
	}
	return nil
}

func runIndicatorsSetTarget(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "indicators target", "",
		"Đặt mục tiêu của một chỉ tiêu cho một năm (thay mục tiêu của Kế hoạch năm đó, hoặc thêm mốc), hoặc xoá mục tiêu đã sửa (--delete).\n"+
			"Set an indicator's target for a year (replacing the plan's for that year, or adding one), or delete an edit (--delete).")
	dsn := dbFlag(fs, env)
	ind := fs.String("indicator", "", "chỉ tiêu / indicator (si_coverage, voluntary_coverage, ui_coverage, retiree_benefit, e_transactions, satisfaction)")
	year := fs.Int("year", 0, "năm / year")
	value := fs.String("value", "", "mục tiêu, phần trăm (ví dụ 55 hoặc 1,05) / target in percent")
	note := fs.String("note", "", "căn cứ / basis (e.g. the resolution that sets it)")
	del := fs.Bool("delete", false, "xoá mục tiêu đã sửa / delete the edit")
	actor := fs.String("actor", "", "người thực hiện / who (default cli:$USER)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	id, err := indicators.ParseIndicator(*ind)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *del {
		if err := indicatorsdb.New(db).DeleteTarget(ctx, id, *year, actorOf(env, *actor)); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Đã xoá mục tiêu đã sửa / edit deleted: %s %d\n", id, *year)
		return nil
	}
	v, err := indicators.ParseRate(*value)
	if err != nil {
		return err
	}
	if err := indicatorsdb.New(db).SetTarget(ctx, indicators.Target{Indicator: id, Year: *year, Value: v}, *note, actorOf(env, *actor)); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã đặt mục tiêu / target set: %s %d = %s\n", id, *year, v.Display())
	return nil
}

// weightFlags collects repeated --weight CODE=PERCENT flags.
type weightFlags map[string]int

func (w weightFlags) String() string { return fmt.Sprint(map[string]int(w)) }
func (w weightFlags) Set(s string) error {
	code, v, ok := strings.Cut(s, "=")
	n, err := strconv.Atoi(v)
	if !ok || err != nil || code == "" {
		return fmt.Errorf("--weight MÃ=PHẦN_TRĂM, ví dụ / e.g. 07801=120")
	}
	w[code] = n
	return nil
}

var _ flag.Value = weightFlags{}

func runIndicatorsAllocate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "indicators allocate", "",
		"Giao chỉ tiêu của tỉnh một năm cho các xã, phường (Kế hoạch mục II.2.4): số người tham gia, cộng lại đúng bằng chỉ tiêu của tỉnh.\n"+
			"Phần tăng thêm chia theo lực lượng lao động (--lf-weight phần trăm) và theo khoảng cách tới mục tiêu (phần còn lại), nhân hệ số từng đơn vị (--weight).\n"+
			"Allocate a year's province target to communes (plan section II.2.4) in participants adding up to the province target:\n"+
			"the increase is shared by labour force (--lf-weight percent) and by gap (the rest), times each unit's multiplier (--weight).")
	dsn := dbFlag(fs, env)
	ind := fs.String("indicator", string(indicators.SICoverage), "chỉ tiêu tính theo số người / a person-counting indicator")
	year := fs.Int("year", currentMonth(env).Year(), "năm / year")
	level := fs.String("level", "commune", "cấp đơn vị: commune, hoặc district cho các năm còn cấp huyện / unit level")
	lfw := fs.Int("lf-weight", -1, "phần trăm chia theo lực lượng lao động, 0–100 (mặc định: đã lưu, hoặc 50) / labour force part, percent")
	weights := weightFlags{}
	fs.Var(weights, "weight", "hệ số một đơn vị, MÃ=PHẦN_TRĂM (lặp lại được) / a unit's multiplier, CODE=PERCENT (repeatable)")
	save := fs.Bool("save", false, "lưu thông số và kết quả giao / save the settings and the allocation")
	actor := fs.String("actor", "", "người thực hiện / who (default cli:$USER)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	id, err := indicators.ParseIndicator(*ind)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := loadBoard(ctx, db)
	if err != nil {
		return err
	}
	s := indicatorsdb.New(db)
	params, err := s.AllocationParams(ctx, id, *year)
	if err != nil {
		return err
	}
	if *lfw >= 0 {
		params.LaborForceWeight = *lfw
	}
	for code, w := range weights {
		params.Weights[code] = w
	}
	a, err := b.allocate(ctx, id, *year, *level, params)
	if err != nil {
		return err
	}
	printAllocation(env.Stdout, a)
	if !*save {
		fmt.Fprintln(env.Stdout, "\n(chưa lưu: thêm --save để lưu / not saved: add --save)")
		return nil
	}
	if err := s.SetAllocationParams(ctx, id, *year, params, actorOf(env, *actor)); err != nil {
		return err
	}
	if err := s.SaveAllocation(ctx, a, actorOf(env, *actor)); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "\nĐã lưu / saved.")
	return nil
}

// allocate computes an allocation from the stored yearly facts.
func (b *board) allocate(ctx context.Context, id indicators.Indicator, year int, level string, params indicators.AllocationParams) (indicators.Allocation, error) {
	m, ok := b.book.Targets.Milestone(id, year)
	if !ok {
		return indicators.Allocation{}, ansinh.Invalid("year", fmt.Sprintf("chỉ tiêu %s chưa có mục tiêu cho năm %d", id, year),
			fmt.Sprintf("indicator %s has no target for %d", id, year))
	}
	facts, err := b.facts(ctx, indicators.FactFilter{Kind: "year", To: strconv.Itoa(year)})
	if err != nil {
		return indicators.Allocation{}, err
	}
	units, err := indicators.AllocationUnits(facts, b.units, id, year, level)
	if err != nil {
		return indicators.Allocation{}, err
	}
	return indicators.Allocate(id, year, m.Value, units, 0, params)
}

// printAllocation writes an allocation.
func printAllocation(w io.Writer, a indicators.Allocation) {
	d, _ := indicators.Lookup(a.Indicator)
	fmt.Fprintf(w, "%s — năm %d: mục tiêu %s × %s = %s người; hiện có %s; tăng thêm %s\n",
		d.NameVI, a.Year, a.Rate.Display(), ansinh.GroupDigits(a.ProvinceDenominator, '.'), ansinh.GroupDigits(a.ProvinceTarget, '.'),
		ansinh.GroupDigits(a.ProvinceBaseline, '.'), ansinh.GroupDigits(a.ProvinceTarget-a.ProvinceBaseline, '.'))
	fmt.Fprintf(w, "Chia / shares: %d%% theo lực lượng lao động, %d%% theo khoảng cách tới mục tiêu\n\n", a.Params.LaborForceWeight, 100-a.Params.LaborForceWeight)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Mã\tĐơn vị\tMẫu số\tHiện có\tKhoảng cách\tHệ số %\tTăng thêm\tChỉ tiêu giao\tTỷ lệ\t")
	var sum int64
	for _, u := range a.Units {
		r, _ := u.Rate()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t\n", u.Unit.Code, u.Name, ansinh.GroupDigits(u.Denominator, '.'),
			ansinh.GroupDigits(u.Baseline, '.'), ansinh.GroupDigits(u.Gap, '.'), u.Weight, ansinh.GroupDigits(u.Increase, '.'),
			ansinh.GroupDigits(u.Target, '.'), r.Display())
		sum += u.Target
	}
	fmt.Fprintf(tw, "\tCộng / total\t\t\t\t\t\t%s\t\t\n", ansinh.GroupDigits(sum, '.'))
	tw.Flush()
}

func runIndicatorsForecast(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "indicators forecast", "",
		"Dự báo từng chỉ tiêu đến năm mục tiêu cho tỉnh và các xã, phường hiện nay: xu hướng, có đạt không, và cần thêm bao nhiêu người mỗi tháng.\n"+
			"Forecast each indicator to the target year for the province and today's communes: trend, whether the target is reached, and how many more participants a month are needed.")
	dsn := dbFlag(fs, env)
	ind := fs.String("indicator", "", "một chỉ tiêu (mặc định: tất cả) / one indicator (default: all)")
	target := fs.Int("target-year", 2030, "năm mục tiêu / target year")
	window := fs.Int("window", indicators.DefaultWindow, "số tháng gần nhất để tính xu hướng / months fitted")
	communes := fs.Bool("communes", true, "cả các xã, phường / the communes too")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	defs := indicators.Definitions()
	if *ind != "" {
		id, err := indicators.ParseIndicator(*ind)
		if err != nil {
			return err
		}
		d, _ := indicators.Lookup(id)
		defs = []indicators.Definition{d}
	}
	db, err := openDB(ctx, env, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := loadBoard(ctx, db)
	if err != nil {
		return err
	}
	months, err := b.facts(ctx, indicators.FactFilter{Kind: "month"})
	if err != nil {
		return err
	}
	var keys []indicators.UnitKey
	keys = append(keys, b.prov.Key())
	if *communes {
		var cs []indicators.UnitKey
		for k, u := range b.units {
			if u.To == 0 && u.Level == "commune" {
				cs = append(cs, k)
			}
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].Code < cs[j].Code })
		keys = append(keys, cs...)
	}
	byUnit := map[indicators.UnitKey][]indicators.Facts{}
	for _, f := range months {
		byUnit[f.Unit] = append(byUnit[f.Unit], f)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Đơn vị / unit\tChỉ tiêu / indicator\tHiện tại / now\tMục tiêu %d\tDự báo / projected\tXu hướng/tháng\tCần/tháng\tCần thêm/tháng\tĐánh giá\n", *target)
	for _, k := range keys {
		if len(byUnit[k]) == 0 {
			continue
		}
		for _, d := range defs {
			fc, ok := indicators.ForecastUnit(byUnit[k], k, d, b.book, *target, *window)
			if !ok {
				continue
			}
			fmt.Fprintf(tw, "%s %s\t", k.Code, b.units[k].Name)
			printForecast(tw, d, fc)
		}
	}
	return tw.Flush()
}

// planUsage describes `ansinh indicators plan`.
const planUsage = `Cách dùng / usage: ansinh indicators plan LỆNH
  list                         các nhiệm vụ của Kế hoạch (mục III) / the plan's tasks
  set ID [--status S] [--progress N] [--deadline YYYY-MM-DD] [--lead CƠ_QUAN]
                               sửa nhiệm vụ / change a task (S: not_started, in_progress, done, suspended)
  report ID --note "..." [--date YYYY-MM-DD] [--progress N] [--status S]
                               ghi báo cáo tiến độ / file a progress report
`

// planFlags are the options of `ansinh indicators plan`.
type planFlags struct {
	dsn, status, deadline, lead, note, date, actor *string
	progress                                       *int
}

func runIndicatorsPlan(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(env.Stderr, planUsage)
		if len(args) == 0 {
			return errUsage
		}
		return errHelp
	}
	fs := newFlagSet(env, "indicators plan "+args[0], "", planUsage)
	f := planFlags{dsn: dbFlag(fs, env),
		status:   fs.String("status", "", "tình trạng / status"),
		progress: fs.Int("progress", -1, "tiến độ phần trăm / progress percent"),
		deadline: fs.String("deadline", "", "thời hạn / deadline (YYYY-MM-DD; \"none\" to remove)"),
		lead:     fs.String("lead", "", "cơ quan chủ trì / lead agency"),
		note:     fs.String("note", "", "nội dung báo cáo / the report's text"),
		date:     fs.String("date", "", "ngày báo cáo (mặc định hôm nay) / report date (default today)"),
		actor:    fs.String("actor", "", "người thực hiện / who (default cli:$USER)")}
	sub, rest := args[0], args[1:]
	var id string
	if sub != "list" {
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			fmt.Fprint(env.Stderr, planUsage)
			return errUsage
		}
		id, rest = rest[0], rest[1:]
	}
	if err := parseFlags(fs, rest); err != nil {
		return err
	}
	db, err := openDB(ctx, env, *f.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	plans := plandb.New(db)
	if err := plan.Ensure(ctx, plans, plan.SeedActor); err != nil {
		return err
	}
	switch sub {
	case "list":
		return printPlan(ctx, plans, env.Stdout, ansinh.Today(env.Now()))
	case "set":
		return planSet(ctx, plans, env, id, f)
	case "report":
		return planReport(ctx, plans, env, id, f)
	}
	fmt.Fprint(env.Stderr, planUsage)
	return errUsage
}

// planSet changes a task: `ansinh indicators plan set ID …`.
func planSet(ctx context.Context, plans plan.Store, env *Env, id string, f planFlags) error {
	var c plan.Change
	if *f.status != "" {
		s, err := plan.ParseStatus(*f.status)
		if err != nil {
			return err
		}
		c.Status = &s
	}
	if *f.progress >= 0 {
		c.Progress = f.progress
	}
	if *f.deadline != "" {
		var d ansinh.Date
		if *f.deadline != "none" {
			var err error
			if d, err = ansinh.ParseDate(*f.deadline); err != nil {
				return ansinh.Invalid("deadline", "thời hạn không hợp lệ (YYYY-MM-DD)", "the deadline is not YYYY-MM-DD")
			}
		}
		c.Deadline = &d
	}
	if *f.lead != "" {
		c.LeadAgency = f.lead
	}
	t, err := plans.UpdateTask(ctx, id, c, actorOf(env, *f.actor))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s, %d%%\n", t.ID, t.Status.VI(), t.Progress)
	return nil
}

// planReport files a progress report: `ansinh indicators plan report ID …`.
func planReport(ctx context.Context, plans plan.Store, env *Env, id string, f planFlags) error {
	r := plan.Report{TaskID: id, ReportedOn: ansinh.Today(env.Now()), Author: actorOf(env, *f.actor), Note: *f.note}
	var err error
	if *f.date != "" {
		if r.ReportedOn, err = ansinh.ParseDate(*f.date); err != nil {
			return ansinh.Invalid("date", "ngày không hợp lệ (YYYY-MM-DD)", "the date is not YYYY-MM-DD")
		}
	}
	if *f.progress >= 0 {
		r.Progress = f.progress
	}
	if *f.status != "" {
		if r.Status, err = plan.ParseStatus(*f.status); err != nil {
			return err
		}
	}
	rid, err := plan.AddReport(ctx, plans, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Đã ghi báo cáo / report filed: %d (%s)\n", rid, id)
	return nil
}

// printPlan writes the tasks with their state.
func printPlan(ctx context.Context, plans plan.Store, w io.Writer, today ansinh.Date) error {
	tasks, err := plans.Tasks(ctx)
	if err != nil {
		return err
	}
	reports, err := plans.Reports(ctx, "")
	if err != nil {
		return err
	}
	last := map[string]plan.Report{}
	for _, r := range reports {
		if _, ok := last[r.TaskID]; !ok {
			last[r.TaskID] = r
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Mục\tNhiệm vụ / task\tChủ trì / lead\tThời hạn / due\tTình trạng / status\tTiến độ\tBáo cáo gần nhất / last report")
	for _, t := range tasks {
		lr := last[t.ID]
		late, why, _ := t.Late(today, lr.ReportedOn)
		state := t.Status.VI()
		if late {
			state += " — " + why
		}
		due := t.Recurrence.VI()
		if !t.Deadline.IsZero() {
			due = t.Deadline.Display()
		}
		lastText := ""
		if lr.ID != 0 {
			lastText = lr.ReportedOn.Display() + ": " + lr.Note
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d%%\t%s\n", t.ID, t.Title, t.LeadAgency, due, state, t.Progress, lastText)
	}
	return tw.Flush()
}
